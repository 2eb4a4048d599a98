"""Sector unions (part of the facts stage): which federation a union description names.

"the high school union, which represents ...", "the union for French-language teachers":
a description of a union by the sector it speaks for names that sector's federation, yet the
description itself is resolved to whichever union the text last spoke of (the elementary
federation in a story about its strikes). Reporters write such descriptions in every story
that names more than one federation, so the sector words decide, not nearness.
"""

from __future__ import annotations

from .model import Token
from .syntax import Tree

__all__ = ["own_sector", "sector_named", "sector_owner"]

#: Dependencies of the words that describe a union's sector ("high school union", "elementary
#: federation", "French-language teachers' association").
_SECTOR_MODIFIERS = ("compound", "amod", "nmod", "poss")


def sector_owner(tree: Tree, holder: Token, union: str, groups: list[str], sectors: dict[str, str]) -> str:
    """The federation a description holder stands for: ``union`` unless the holder is a
    common noun ("the union", not "ETFO") whose own modifiers or whose sole represented group
    name another federation's sector (``sectors``: federation id -> its sector group id, from
    ``sector_groups.json``; "high-school-teachers" is named by "high school", the group or
    both). A named holder is left alone: a name is never a guess; so is a holder read as a
    local or any body other than a federation ("District 12 represents ...")."""
    if holder.pos != "NOUN" or union not in sectors:
        return union
    owners = {group: federation for federation, group in sectors.items()}
    words = "-".join(t.text.lower() for t in tree.tokens[max(0, holder.i - 4):holder.i]
                     if t.text.isalpha() and _modifies(tree, t, holder))
    named = [federation for federation, group in sectors.items() if words and group.removesuffix("-teachers") in words]
    named += [owners[groups[0]]] if len(set(groups)) == 1 and groups[0] in owners else []
    return named[0] if len(set(named)) == 1 else union


def sector_named(tree: Tree, holder: Token, sectors: dict[str, str]) -> str:
    """'Public elementary teachers begin rotating strikes', 'secondary school teachers walked
    out': the one federation whose sector the modifiers of a common noun ("teachers",
    "union") name, else "". Words naming two sectors ("Catholic elementary teachers": the
    Catholic federation speaks for those) name none: the reader cannot tell."""
    if holder.pos != "NOUN":
        return ""
    words = "-".join(t.text.lower() for t in tree.tokens[max(0, holder.i - 4):holder.i]
                     if t.text.isalpha() and _modifies(tree, t, holder))
    named = {federation for federation, group in sectors.items() if words and _stem(group) in words}
    return next(iter(named)) if len(named) == 1 and not _other_sector_word(words, sectors) else ""


def _stem(group: str) -> str:
    return group.removesuffix("-teachers")


def _other_sector_word(words: str, sectors: dict[str, str]) -> bool:
    """Whether the words name more than one sector (each sector's first word counts:
    'french', 'catholic', 'high', 'elementary')."""
    return sum(_stem(group).split("-")[0] in words.split("-") for group in sectors.values()) > 1


def _modifies(tree: Tree, token: Token, holder: Token) -> bool:
    """Whether the token is one of the holder's sector words (directly or through one)."""
    while token.dep in _SECTOR_MODIFIERS and token.head != token.i:
        if token.head == holder.i:
            return True
        token = tree.tokens[token.head]
    return False


def own_sector(union: str, groups: list[str], sectors: dict[str, str]) -> list[str]:
    """'AEFO, which represents about 12,000 teachers', 'its teachers belong to OECTA': a
    province-wide teachers' federation said to speak for plain "teachers", and for no other
    group in the same words, speaks for its own sector's teachers (French-language,
    Catholic, elementary, high school), the level a careful reader names. In a list
    ("teachers, occasional teachers and education workers") the plain word stays: the list
    sets the teachers beside the union's other groups. The sectors (union id -> group id)
    are ``Rules.sector_groups``, from ``data/rules/sector_groups.json``. A sector's group
    need not be named in the article: the pipeline takes any entity a fact uses from the
    knowledge base."""
    sector = sectors.get(union)
    return [sector] if sector and groups == ["teachers"] else groups
