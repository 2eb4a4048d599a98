"""Sentence shapes that name whom a response answers (part of the facts stage), read off the
dependency tree for :mod:`.responses`.

The same answer is written many ways: "Bischof accused the government" and "The government
has been accused by Bischof"; "Lecce urged OSSTF to stop" and "OSSTF should stop, Lecce
urged"; "Pilkey wrote to the minister" with "to" parsed as a dative; "called ETFO's decision
disappointing" with the owner parsed onto the judgement word. Each reader here gives the
tokens that name the answered side in one such shape.
"""

from __future__ import annotations

from .model import Token
from .reported_speech import fronted_clause
from .rules import Trigger
from .syntax import Tree

__all__ = ["addressed", "fronted_subjects", "judged_owner", "passive_patient"]

#: Modals that make "write to X" advice to someone, not a letter sent.
_ADVICE_MODALS = frozenset({"should", "could", "can", "must", "might"})


def passive_patient(tree: Tree, verb: Token) -> list[Token]:
    """'The government has been accused by Bischof of sabotage', 'Lecce was challenged by
    Hammond to return to the table', 'the union's account was disputed by the chair': a
    response verb in the passive, its doer named after "by", answers its subject. Only with
    the by-phrase: without it the subject may be the speaker's own side."""
    if not tree.children(verb.i, ("agent",)):
        return []
    return tree.children(verb.i, ("nsubjpass",))


def fronted_subjects(tree: Tree, verb: Token) -> list[Token]:
    """'OSSTF should call off its strikes, Lecce urged': a response verb trailing the words
    it attributes (see `fronted_clause`), with no object of its own, answers their subject."""
    words = fronted_clause(tree, verb)
    return tree.subjects(words.i)[:1] if words is not None else []


def addressed(tree: Tree, verb: Token) -> list[Token]:
    """'She wrote to the minister on Tuesday' (spaCy's dative "to"): whom it is addressed
    to, unless only advised ("parents should write to the minister")."""
    if any(a.lemma in _ADVICE_MODALS for a in tree.children(verb.i, ("aux",))):
        return []
    return [o for d in tree.children(verb.i, ("dative",)) for o in tree.children(d.i, ("pobj",))]


def judged_owner(trigger: Trigger, complement: Token) -> tuple[str, ...]:
    """'called ETFO's decision disappointing' (parsed with "ETFO's" owning the judgement
    word): when the complement is the judgement itself, its owner is whose deed is judged
    (the dependency to follow is returned); "what she called the premier's reckless cuts"
    names a policy, not whom it answers."""
    judgement = trigger.rule.needs_complement
    return ("poss",) if complement.text.lower() in judgement or complement.lemma in judgement else ()
