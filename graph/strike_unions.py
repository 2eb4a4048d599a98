"""Which union a name belongs to, part of the facts stage: an entity -> the union it strikes as.

A strike is told of a local ("OSSTF District 9", "the OSSTF teachers' bargaining unit in
Limestone"), of a bargaining council named as another union's ("CUPE's Ontario School Board
Council of Unions") or of a group whose words all stand in one union's name ("Catholic
teachers"). Each is read against the knowledge base's unions, so the strike is counted for
the union the reader would name.
"""

from __future__ import annotations

import re

__all__ = ["counted_members", "parent_union", "union_named_for"]

#: A word of a name, for matching a group's words against a union's name.
_WORD = re.compile(r"[a-z]+")


def parent_union(context, union: str) -> str:
    """'the OSSTF teachers' bargaining unit in Limestone', 'OSSTF District 9': a local the
    article names after its union strikes as part of that union's strike, so the strike
    is the union's (the knowledge base's union whose full name the local's name starts
    with)."""
    entity = context.entity(union)
    if entity is None:
        return union
    if union in context.kb.entities:
        return _owner_union(context, entity) or union
    for known in context.kb.entities.values():
        if known.type == "Union" and known.id != union and entity.name.startswith(known.name + " "):
            return known.id
    return union


def _owner_union(context, entity) -> str:
    """'CUPE's Ontario School Board Council of Unions': a bargaining council the knowledge
    base also names as another union's (an alias '<union>'s ...') strikes as that union."""
    for alias in entity.aliases:
        owner, mark, _ = alias.partition("'s ")
        known = context.kb.lookup(owner) if mark else None
        if known is not None and known.type == "Union" and known.id != entity.id:
            return known.id
    return ""


def union_named_for(context, group: str) -> set[str]:
    """'Catholic teachers walked out', 'French-language teachers ...': a group of two or
    more words that all stand in one union's name or alias in the knowledge base ('Ontario
    English Catholic Teachers' Association', 'French-language teachers' union') is that
    union's members, when no other union's name holds them too."""
    words = set(_WORD.findall(getattr(context.entity(group), "name", "").lower()))
    if len(words) < 2:
        return set()
    return {u.id for u in context.kb.entities.values() if u.type == "Union"
            and any(words <= set(_WORD.findall(n.lower())) for n in (u.name, *u.aliases))}


def counted_members(tree, token):
    """'All 83,000 of its members will walk out', '55,000 of the union's workers struck': a
    subject that is only a count (or 'all', 'each') stands for the people its 'of' phrase
    names, whose owner is the union that strikes; the count itself names no one."""
    if token.pos not in ("NUM", "DET", "PRON") and not token.text[:1].isdigit():
        return token
    people = [o for p in tree.children(token.i, ("prep",)) if p.text.lower() == "of"
              for o in tree.children(p.i, ("pobj",)) if o.pos in ("NOUN", "PROPN")]
    return people[0] if people else token
