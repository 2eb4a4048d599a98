"""Titles used as names that no title in the article explains, part of the entities stage:
"Ontario's education minister is standing by her plan ... Lisa Thompson made the case",
"The premier had insisted nobody would be let go".

Reporters name the minister or the premier by office alone once readers know who holds it,
often without ever writing the title next to the name. An office held by one person at a time
has its holders and their dates in ``roles.jsonl`` (``holders``); a title used as a name
("the minister", "Ontario's education minister", "the new minister") that points back to no
titled person stands for the holder on the article's date, when the article names that person.
The link only says who is speaking or acting; it records no ``represents`` fact, because the
article never ties the name to the office: that tie would come from the holders table, and no
relation is asserted from data files alone.
"""

from __future__ import annotations

from .article_entities import ArticleEntities
from .lexicon import office_terms
from .model import Token

__all__ = ["OfficeHolderReader"]


class OfficeHolderReader(ArticleEntities):
    """Links titles used as names to the office's holder on the article's date."""

    def link_office_holders(self) -> None:
        """Each unlinked title of an office with dated holders points at the one holding it."""
        day = self.parsed.article.date
        if day is None:
            return
        for token in self.tokens:
            if token.i in self.token_entities or token.pos != "NOUN" or token.dep == "compound":
                continue
            role = self._office_named(token)
            person = self._holder_on(role, day.isoformat()) if role else ""
            if person:
                self.token_entities[token.i] = person

    def _office_named(self, token: Token) -> dict | None:
        """The role a definite title names ("the minister", "Ontario's education minister",
        "his minister"), when the role has dated holders and nothing puts it in the past."""
        modifiers = self.tree.children(token.i, ("det", "poss", "amod", "compound"))
        if not any(c.dep == "poss" or self.lowered[c.i] == "the" for c in modifiers) \
                or any(self.lowered[c.i] in self.lexicon.past_title_words for c in modifiers) or self.tree.children(token.i, ("prep",)) and \
                any(self.lowered[p.i] == "of" for p in self.tree.children(token.i, ("prep",))):
            return None
        words = [self.tokens[c.i].text for c in sorted(modifiers, key=lambda c: c.i) if c.dep in ("amod", "compound") and c.i < token.i]
        role = self.lexicon.role_of(" ".join(words + [token.text]))
        return role if role and role.get("holders") else None

    def _holder_on(self, role: dict, day: str) -> str:
        """The person holding ``role`` on ``day`` (ISO date), if the article names them."""
        return next((person for person, start, end in office_terms([role]) if start <= day < end and person in self.entities), "")
