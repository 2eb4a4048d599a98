"""How far a strike reaches, part of the facts stage: words that make a strike the whole province's.

A strike is province-wide when the text says so with a place ("a province-wide walkout"),
but coverage as often says it with a quantity: the doers are all of a union's members ("all
83,000 of the union's members would strike", "all ETFO teachers hold a one-day strike"), or
what is closed is every school of the province ("will close every Catholic school in the
province with a one-day strike"). ``graph.strikes`` marks such an event as across the
province; with no board or region named it is then a province-wide strike.
"""

from __future__ import annotations

__all__ = ["SPREADING_PREPOSITIONS", "across_local_area", "whole_province"]

#: Nouns for a union's workers: 'all 45,000 members', 'all elementary teachers'.
_WORKERS = frozenset({"member", "teacher", "worker", "educator", "staff"})
#: Nouns for what a strike closes: 'every school in the province'.
_CLOSED = frozenset({"school", "classroom", "class", "board"})
_EVERY = frozenset({"all", "every", "each"})
_PROVINCE = frozenset({"province", "ontario"})
#: Prepositions that spread a strike over an area ('pickets across the city', 'throughout
#: the province'): the one list, shared with ``strike_agents``.
SPREADING_PREPOSITIONS = frozenset({"across", "throughout"})
#: ... and those that also place it in the province ('every school in Ontario').
_ACROSS = SPREADING_PREPOSITIONS | {"in", "of"}
#: Places that narrow a group to less than the whole province ('all teachers at the board').
_NARROWING = frozenset({"SchoolBoard", "Region"})


def whole_province(context, token: int) -> bool:
    """Does the strike word at ``token`` tell of all of a union's members, or of every school
    of the province, in its own clause?"""
    tree = context.tree
    verb = tree.clause_verb(token).i
    if any(_all_workers(context, s.i) for s in tree.subjects(token)):
        return True
    clause = set(tree.subtree(verb))
    return any(_every_school_of_province(context, i) for i in clause)


def _all_workers(context, subject: int) -> bool:
    """'all 83,000 ETFO teachers', 'all of the union's members across Ontario': a subject
    that counts every worker of a union and places them nowhere narrower than the province."""
    tree = context.tree
    words = set(tree.subtree(subject))
    if not any(tree.tokens[i].lemma == "all" and (tree.tokens[i].dep in ("predet", "det", "quantmod") or i == subject) for i in words):
        return False
    if not any(tree.tokens[i].lemma in _WORKERS for i in words):
        return False
    return not any(context.type_of(context.entity_of.get(i, "")) in _NARROWING
                   and context.entity_of.get(i) != "province-wide" for i in words)


def _every_school_of_province(context, i: int) -> bool:
    """'every English Catholic school in the province', 'all schools across Ontario': the
    schools closed are all of the province's."""
    tree = context.tree
    word = tree.tokens[i]
    if word.lemma not in _CLOSED or not any(c.lemma in _EVERY for c in tree.children(i, ("det", "predet"))):
        return False
    # 'close every school in the province': the place may hang on the closing verb.
    holders = [i, word.head] if word.dep == "dobj" else [i]
    for prep in (p for h in holders for p in tree.children(h, ("prep",))):
        if prep.lemma in _ACROSS and any(o.lemma.lower() in _PROVINCE for o in tree.children(prep.i, ("pobj",))):
            return True
    return any(c.lemma.lower() in _PROVINCE for c in tree.children(i, ("poss", "compound", "nmod")))


def across_local_area(context, token: int) -> bool:
    """'information pickets across the city', 'pickets throughout the county': a strike word
    whose clause spreads it over an area narrower than the province (named or not) is no
    whole union's action, even when told of the union's members."""
    tree = context.tree
    verb = tree.clause_verb(token).i
    preps = [p for h in (token, verb) for p in tree.children(h, ("prep",)) if p.lemma in SPREADING_PREPOSITIONS]
    areas = [set(tree.subtree(o.i)) for p in preps for o in tree.children(p.i, ("pobj",))]
    return any(not any(tree.tokens[i].lemma.lower() in _PROVINCE for i in area) for area in areas)  # 'across much of the province' is the province's
