"""Local units named loosely (part of the entities stage): "OECTA's secondary unit in Thunder
Bay", "ETFO's teacher local at the Trillium Lakelands District School Board", "OECTA's
Eastern unit", and "the Greater Essex local" after the article named it in full.

Reporters name a union's local by its place as often as by a number or a proper name, and
they put the place anywhere: before the unit noun, after an "in", or as the board the local
is "at". Readers still mean one union part, named as the gold and the other local names are:
the parent's full name, the place words, the kind of members, the unit noun
("Ontario English Catholic Teachers' Association Thunder Bay secondary unit").
"""

from __future__ import annotations

import re

from .article_entities import ArticleEntities
from .kb import normalise
from .lexicon import slugify
from .model import Entity, Token

__all__ = ["LooseUnits"]

#: Prepositions that tie a unit to its place ("in Thunder Bay") or its board ("at the ... board").
_PLACE_PREPOSITIONS = ("in", "at", "for")

#: What a board's name says beyond its place ("... District School Board", "... Catholic DSB").
_BOARD_WORDS = re.compile(r"(?i)\s*\b(?:district\s+)?school board\b\s*(?:of\s+)?")


class LooseUnits(ArticleEntities):
    """Helpers for local units named by a place after them or a capitalised adjective."""

    def _unit_head(self, unit: Token) -> Token:
        """"ETFO's teacher local": the parser may read "local" as an adjective hung on the noun
        before it (an English adjective never follows its noun), so that noun heads the phrase."""
        head = self.tokens[unit.head]
        return head if unit.dep == "amod" and head.i == unit.i - 1 and head.pos == "NOUN" else unit

    def _capitalised_name_word(self, j: int) -> bool:
        """"OECTA's Eastern unit", "the union's Northern local": a capitalised adjective inside
        a sentence (not its first word) is part of a name, like a proper noun."""
        token = self.tokens[j]
        return token.pos == "ADJ" and token.text[:1].isupper() and j > 0 \
            and self.tokens[j - 1].sentence == token.sentence and not self.lexicon.role_of(token.text)

    def _unit_beside_place(self, unit: Token, union: Entity, guess: Entity | None) -> bool:
        """"OECTA's secondary unit in Thunder Bay", "ETFO's teacher local at the Trillium
        Lakelands District School Board", "the CUPE local in Hamilton": a union's unit followed
        by "in" a place or "at"/"for" a board is named after that place (a board by its own
        words, as "... local for the ... board" is), with the kind of members it names before
        the noun when the place is a town or region."""
        head, after = self._unit_head(unit), unit.i + 1
        if after >= len(self.tokens) or self.lowered[after] not in _PLACE_PREPOSITIONS \
                or self.tokens[after].sentence != unit.sentence:
            return False
        place = self._place_after(after)
        if place is None:
            return False
        entity, words = place
        kind = [c.i for c in self.tree.children(unit.i, ("amod", "compound")) if c.text[:1].islower()]
        kind += [head.i] if head is not unit else []
        if entity.type == "SchoolBoard":
            tail = f"{words} {unit.text}"
        elif self.lowered[after] == "in":
            tail = " ".join([words] + [self.tokens[i].text for i in sorted(set(kind))] + [unit.text])
        else:
            return False
        name = re.sub(r"\s+(['’])", r"\1", f"{union.name} {tail}")
        span = sorted(set(kind + [head.i, unit.i]))
        self._give(self.kb.lookup(name) or Entity(slugify(name), "Union", name), span, guess)
        return True

    def _place_after(self, preposition: int) -> tuple[Entity, str] | None:
        """The board or place a preposition's object names, with the words that name its place
        ("Trillium Lakelands" for the Trillium Lakelands District School Board)."""
        objects = self.tree.children(preposition, ("pobj",))
        entity = self.entities.get(self._entity_near(objects[0].i)) if objects else None
        if entity is None or entity.type not in ("SchoolBoard", "Region"):
            return None
        written = [i for i in self.tree.subtree(objects[0].i) if self.token_entities.get(i) == entity.id]
        words = " ".join(self.tokens[i].text for i in written).replace(" - ", "-")
        if entity.type == "SchoolBoard":
            own = self._board_own_words(entity)
            return (entity, own) if own else None
        return (entity, words) if words[:1].isupper() else None

    @staticmethod
    def _board_own_words(board: Entity) -> str:
        """"Trillium Lakelands" of the Trillium Lakelands District School Board: the words a
        local at the board is named by, or "" when the board's name has no school-board words."""
        own = _BOARD_WORDS.sub(" ", board.name).strip()
        return own if own.lower() != board.name.lower() else ""

    def _unit_named_earlier(self, unit: Token, tail: str) -> Entity | None:
        """"Adelina Cecchin, who leads the Greater Essex local", after "the Greater Essex local
        of the Elementary Teachers' Federation of Ontario": a unit named by place words and no
        union is the union part of those words the article named before it."""
        key = " " + normalise(tail)
        earlier = {self.token_entities[i] for i in self.token_entities if i < unit.i}
        found = [e for e in self.entities.values() if e.id in earlier and e.type == "Union"
                 and e.id not in self.kb.entities and normalise(e.name).endswith(key)]
        return found[0] if len(found) == 1 else None

    def _give(self, entity: Entity, span: list[int], guess: Entity | None) -> None:
        """Give ``span`` to a unit's entity; the tagger's ``guess`` at those words goes once no
        word is left to it. The one place both unit readers (this and ``graph.local_units``) write."""
        self.entities.setdefault(entity.id, entity)
        for i in span:
            self.token_entities[i] = entity.id
        if guess and guess.id != entity.id and guess.id not in self.token_entities.values():
            del self.entities[guess.id]
