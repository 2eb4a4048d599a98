"""Groups a union speaks for, told by membership rather than by a verb of representing
(part of the entities stage's syntax helpers, also read by the facts stage).

News copy often says whom a union bargains for without "represents": "CUPE, whose 55,000
members include custodians and secretaries", "the board's early childhood educators are
OSSTF members", "its noon-hour aides, who belong to OSSTF", "ETFO, the union for 83,000
elementary teachers". Each shape gives the tokens that may name the union (its holders) and
the head nouns of the groups; the entities stage makes groups of the nouns the knowledge
base does not list, and the facts stage keeps the pairs whose holder is a union and whose
groups are groups. The vocabulary is in ``data/rules/memberships.json``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources

from .model import Token
from .syntax import Tree

__all__ = ["Membership", "memberships_at"]

_RELATIVE = frozenset({"who", "that", "which"})


@dataclass(frozen=True)
class Membership:
    """One membership phrasing: the tokens that may name the union, nearest first, and
    the head nouns of the groups it speaks for (each conjunct apart)."""

    holders: tuple[Token, ...]
    groups: tuple[Token, ...]


@cache
def _vocabulary() -> dict[str, frozenset[str]]:
    path = resources.files("graph") / "data" / "rules" / "memberships.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    return {key: frozenset(value) for key, value in data.items() if not key.startswith("_")}


def memberships_at(tree: Tree, token: Token) -> Membership | None:
    """The membership phrasing ``token`` heads, if any: an include verb, a copula's
    "members" (its complement or its subject), a belong verb, or a union noun followed by
    "for"."""
    words = _vocabulary()
    if token.pos in ("VERB", "AUX") and token.lemma in words["include_verbs"]:
        return _members_include(tree, token, words["member_nouns"])
    if token.pos in ("VERB", "AUX") and token.lemma in words["belong_verbs"]:
        return _belong_to(tree, token)
    if token.pos == "NOUN" and token.lemma in words["member_nouns"] and token.dep == "attr":
        return _are_members(tree, token)
    if token.pos == "NOUN" and token.lemma in words["member_nouns"] and token.dep == "nsubj":
        return _members_are(tree, token, words["work_verbs"])
    if token.pos == "NOUN" and token.lemma in words["union_nouns"]:
        return _union_for(tree, token)
    return None


def _members_include(tree: Tree, verb: Token, member_nouns: frozenset[str]) -> Membership | None:
    """'CUPE, whose 55,000 school-board members include custodians and educational
    assistants', 'its members include teachers and occasional teachers', 'the union's
    members, who include teachers and support staff'."""
    subjects = tree.children(verb.i, ("nsubj",))
    if verb.dep == "relcl" and any(s.lemma in _RELATIVE for s in subjects):
        subjects = [tree.tokens[verb.head]]  # "the union's 83,000 members, who include teachers"
    subjects = [s for s in subjects if s.lemma in member_nouns]
    groups = _listed(tree, tree.children(verb.i, ("dobj",)))
    if not subjects or not groups:
        return None
    holders = []
    for owner in tree.children(subjects[0].i, ("poss",)):
        holders += _whose_holders(tree, owner, verb) if owner.lemma == "whose" else [owner]
    holders += [o for p in tree.children(subjects[0].i, ("prep",)) if p.lemma == "of" for o in tree.children(p.i, ("pobj",))]
    return Membership(tuple(holders), groups) if holders else None


def _whose_holders(tree: Tree, whose: Token, verb: Token) -> list[Token]:
    """'Glen Hodgson, president of OSSTF District 4, whose members include ...': the name
    right before ", whose" comes first (the parser may hang the clause on the person), then
    the noun the clause describes."""
    before = tree.tokens[whose.i - 2] if whose.i >= 2 and tree.tokens[whose.i - 1].text == "," else None
    described = tree.tokens[verb.head] if verb.dep == "relcl" else None
    return [t for t in (before, described) if t is not None]


def _belong_to(tree: Tree, verb: Token) -> Membership | None:
    """'about 25 of its noon-hour aides, who belong to OSSTF, were off the job'."""
    holders = [o for p in tree.children(verb.i, ("prep",)) if p.lemma == "to" for o in tree.children(p.i, ("pobj",))]
    subjects = tree.children(verb.i, ("nsubj",))
    if subjects and subjects[0].lemma in _RELATIVE and verb.dep == "relcl":
        subjects = [tree.tokens[verb.head]]
    groups = _listed(tree, subjects)
    return Membership(tuple(holders), groups) if holders and groups else None


def _are_members(tree: Tree, noun: Token) -> Membership | None:
    """'the board's early childhood educators are OSSTF members', 'secretaries are all
    members of the federation'."""
    copula = tree.tokens[noun.head]
    if copula.lemma != "be":
        return None
    holders = tree.children(noun.i, ("compound", "poss"))
    holders += [o for p in tree.children(noun.i, ("prep",)) if p.lemma == "of" for o in tree.children(p.i, ("pobj",))]
    groups = _listed(tree, tree.children(copula.i, ("nsubj",)))
    return Membership(tuple(holders), groups) if holders and groups else None


def _members_are(tree: Tree, noun: Token, work_verbs: frozenset[str]) -> Membership | None:
    """'The federation's 675 members there are teachers, educational assistants and support
    staff', 'the OSSTF members it employs are psychologists and speech pathologists', 'Its
    440 employees represented by CUPE work as custodians, office staff and library workers':
    a union's people said to be (or to work as) kinds of worker are the groups it speaks
    for. The union is the subject's possessor or modifier, the body after "of", or the agent
    of "represented by"; without one ("Those workers are critical") nothing is told."""
    verb = tree.tokens[noun.head]
    if verb.lemma == "be":
        heads = tree.children(verb.i, ("attr",)) or _noun_right_after(tree, verb)
    elif verb.lemma in work_verbs:
        heads = [o for p in tree.children(verb.i, ("prep",)) if p.lemma == "as" for o in tree.children(p.i, ("pobj",))]
    else:
        return None
    holders = tree.children(noun.i, ("poss", "compound"))
    holders += [o for p in tree.children(noun.i, ("prep",)) if p.lemma == "of" for o in tree.children(p.i, ("pobj",))]
    holders += [o for a in tree.children(noun.i, ("acl",)) for p in tree.children(a.i, ("agent",))
                for o in tree.children(p.i, ("pobj",))]
    groups = _listed(tree, heads)
    return Membership(tuple(holders), groups) if holders and groups else None


def _noun_right_after(tree: Tree, verb: Token) -> list[Token]:
    """The plural noun right after a copula the parser left without its complement ("the
    members it employs are psychologists, ..., the director told parents" makes the list
    the subject of "told")."""
    after = verb.i + 1
    return [tree.tokens[after]] if after < len(tree.tokens) and tree.tokens[after].tag == "NNS" else []


def _union_for(tree: Tree, noun: Token) -> Membership | None:
    """'ETFO, the union for 83,000 public elementary teachers and education workers', 'The
    union for Ontario's school custodians, secretaries and educational assistants says',
    'AEFO, the union of the province's French-language teachers'. A
    group's own union ("the French-language teachers' union") is left out: such a phrase is
    mostly a name for the union, which readers do not count as a statement of whom it
    represents."""
    prepositions = _vocabulary()["union_prepositions"]
    groups = _listed(tree, [o for p in tree.children(noun.i, ("prep",)) if p.lemma in prepositions
                            for o in tree.children(p.i, ("pobj",))])
    return Membership((noun,), groups) if groups else None


def _listed(tree: Tree, heads: list[Token]) -> tuple[Token, ...]:
    """The heads with their conjuncts, in text order (no pronouns)."""
    nouns = {n.i: n for head in heads for n in tree.with_conjuncts(head) if n.pos in ("NOUN", "PROPN")}
    return tuple(nouns[i] for i in sorted(nouns))
