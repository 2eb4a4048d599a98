"""Descriptions that name a union by what it is for, part of the entities stage: "the union
for high school teachers", "the elementary federation", "the French-language union" point to
the union the knowledge base knows for that group or sector, not to the nearest union named.
Kept apart from ``references`` (the general pointing back) because these look a union up by
its sector words rather than walk back through the article.
"""

from __future__ import annotations

import functools

from .article_entities import ArticleEntities
from .model import Token

__all__ = ["UnionDescriptions"]


class UnionDescriptions(ArticleEntities):
    """Union descriptions read through the knowledge base's sector and group names."""

    @functools.cached_property
    def _union_nouns(self) -> frozenset[str]:
        """The nouns of 'the union'-style descriptions ("union", "federation", "association"):
        read once per article, not once per token."""
        return frozenset(phrase.split()[-1] for phrase, types in self.lexicon.descriptions.items()
                         if phrase.startswith("the ") and types[:1] == ("Union",))

    def _union_known_for(self, token: Token) -> str:
        """'A few hours earlier, the union for Ontario's public high school teachers said it
        would ask for a strike mandate', just after another union was named: "the union for"
        a group is the union the knowledge base knows as that group's ("high school teachers'
        union"), not the nearest one."""
        groups = [o for p in self.tree.children(token.i, ("prep",)) if self.lowered[p.i] == "for"
                  for o in self.tree.children(p.i, ("pobj",))] if token.lemma in ("union", "federation") else []
        for group in groups:
            words = [self.tokens[i].text for i in self.tree.subtree(group.i) if i <= group.i]
            for start in range(len(words)):
                known = self.kb.lookup(" ".join(words[start:]) + "' union")
                if known and known.type == "Union":
                    self.entities.setdefault(known.id, known)
                    return known.id
        return ""

    def _union_of_sector(self, token: Token) -> str:
        """'The high school teachers' federation has said ...', 'the elementary union', 'the
        French-language union', 'the Catholic teachers' association': a definite union noun
        whose words before it name a sector is the union the knowledge base knows for that
        sector, whichever of union, federation or association the reporter wrote and whether
        or not "teachers'" is said; the sector words join it (not the sector's group)."""
        if self.lowered[token.i] not in self._union_nouns or not self.tokens[token.i].text.islower() or token.dep == "compound":
            return ""
        before = [i for i in self.tree.subtree(token.i) if i < token.i]
        if not before or self.lowered[before[0]] not in ("the", "its", "their") or before != list(range(before[0], token.i)):
            return ""
        text = "".join(self.tokens[i].text + (" " if self.tokens[i + 1].start > self.tokens[i].end else "") for i in before[1:])
        words = [w.removesuffix("'s") for w in text.replace("’", "'").split()]
        for start in range(len(words)):
            sector = " ".join(words[start:])
            if sector.endswith(("province", "Ontario", "public")) or not sector:
                continue
            for name in (f"{sector} union", f"{sector} teachers' union"):
                known = self.kb.lookup(name)
                if known and known.type == "Union":
                    self.entities.setdefault(known.id, known)
                    for i in [token.i, *before[1:]]:
                        if self.entities.get(self.token_entities.get(i, ""), known).type in ("Group", "Union"):
                            self.token_entities[i] = known.id
                    return known.id
        return ""

    def _union_of_group(self, i: int) -> str:
        """The union the knowledge base knows as the union of the group token ``i`` stands for
        ("high school teachers" -> "high school teachers' union"), or ""."""
        group = self.entities.get(self.token_entities.get(i, ""))
        union = self.kb.lookup(f"{group.name}' union") if group and group.type == "Group" else None
        return union.id if union and union.type == "Union" else ""
