"""Reported speech (part of the facts stage): the clauses someone is reported to say, and who
or whose deed those clauses are about.

"Bischof said the Education Minister interrupted negotiations" tells of the minister; so does
"he said members will not forget the government's efforts" (the deed is the government's) and
"said her members were ready, but that the government had to recognize ..." (a clause that
spaCy reads as the subject of another). The responses finder turns such statements about the
other side of the dispute into responses.
"""

from __future__ import annotations

from collections.abc import Callable

from .model import Token
from .syntax import Tree

__all__ = ["clause_doers", "deed_owners", "fronted_clause", "reported_clauses", "that_conjuncts"]

#: How deep clauses tied inside what is said are followed ("said that ... because ... so ...").
_DEPTH = 2


def reported_clauses(tree: Tree, clauses: list[Token], hypothetical: frozenset[str] = frozenset()) -> list[Token]:
    """The clauses of what is said, with those tied inside them: "said members are
    determined and that he wished the government cared", "says talks stalled because the
    government has not responded", "so the government can save money". Two levels down;
    a relative clause describes a noun and stays out, and so does a clause opened by one of
    the ``hypothetical`` marks (see `_hypothetical`)."""
    found, layer = list(clauses), list(clauses)
    for _ in range(_DEPTH):
        layer = [c for clause in layer for c in tree.children(clause.i, ("ccomp", "conj", "advcl")) + _judged_clauses(tree, clause)
                 if c.pos in ("VERB", "AUX") and not _hypothetical(tree, c, hypothetical)]
        found += layer
    return list(dict.fromkeys(found))


def _judged_clauses(tree: Tree, clause: Token) -> list[Token]:
    """'said it was deeply disappointing that CUPE had ended the talks', 'says she is
    frustrated the minister walked away': the clause a judging adjective of a copula takes
    (spaCy hangs it on the adjective, not on the copula) is what the words tell happened."""
    judges = [a for a in tree.children(clause.i, ("acomp",)) if a.pos == "ADJ"] if clause.lemma == "be" else []
    return [c for a in judges for c in tree.children(a.i, ("ccomp",))]


def _hypothetical(tree: Tree, clause: Token, marks: frozenset[str]) -> bool:
    """'said the union would call off the walkouts if the government agreed to go back',
    'warned layoffs would be deep once the government's math was applied': a clause opened
    by "if", "once", "unless" tells a condition the speaker sets, not something the other
    side did, so whoever it names is not answered."""
    return clause.dep == "advcl" and any(m.text.lower() in marks for m in tree.children(clause.i, ("mark",)))


def fronted_clause(tree: Tree, verb: Token) -> Token | None:
    """'The government has declared war on schools, Bischof charged', 'OSSTF should call off
    its strikes, Lecce urged': after a comma, an attributing verb with its own subject and
    nothing said after it is often parsed as a clause (ccomp or conj) of the words it
    attributes; those words, ahead of it, are what it reports. None when the verb is not
    such a trailing attribution."""
    if verb.dep not in ("ccomp", "conj") or verb.head > verb.i or tree.children(verb.i, ("ccomp", "dobj", "xcomp")):
        return None
    subjects = tree.children(verb.i, ("nsubj",))
    if not subjects or subjects[0].i < verb.head:
        return None
    opening = min(tree.subtree(subjects[0].i))
    before = tree.tokens[opening - 1] if opening > 0 else None
    if before is None or before.text not in (",", "\"", "”") or before.sentence != verb.sentence:
        return None
    return tree.tokens[verb.head]


def that_conjuncts(tree: Tree, verb: Token) -> list[Token]:
    """'Bischof said his members were ready, but that the government had to understand ...':
    spaCy often ties a second "that" clause to the reporting verb itself (conj), not to the
    first clause; a conjunct opened by "that" (its own, or its clausal subject's) is also
    what is said, while "said X and left" is not."""
    found = []
    for conj in tree.children(verb.i, ("conj",)):
        openers = [conj] + tree.children(conj.i, ("csubj",))
        if conj.pos in ("VERB", "AUX") and any(m.text.lower() == "that" for o in openers for m in tree.children(o.i, ("mark",))):
            found.append(conj)
    return found


def clause_doers(tree: Tree, clause: Token, owner_of: Callable[[Token], Token], stance_verbs: frozenset[str]) -> list[Token]:
    """Who does what a reported clause tells: its subject, or in the passive the one named
    after "by" ("said it had been left no choice by a government that refuses to listen");
    "the government's team would not discuss" is told of the government. A clausal subject
    stands for its own subject (see `_clausal_subjects`), and a deed the clause acts on
    stands for its owner (see `_owners_of_objects`), unless the clause's verb takes a stance
    on it ("says it is fighting the province's plan": a stance on a policy, not an answer to
    whose it is)."""
    subjects = [owner_of(s) for s in _clausal_subjects(tree, tree.subjects(clause.i))]
    agents = [o for a in tree.children(clause.i, ("agent",)) for o in tree.children(a.i, ("pobj",))]
    owners = _owners_of_objects(tree, clause) if clause.lemma not in stance_verbs else []
    return subjects + agents + owners


def _clausal_subjects(tree: Tree, subjects: list[Token]) -> list[Token]:
    """'said her members were ready, but that the government had to recognize the talks
    must be about ...': spaCy often hangs a "that" clause coordinated after another as the
    clausal subject (csubj) of the verb that follows; a verb standing as a subject stands
    for its own subject (here "the government")."""
    found = []
    for subject in subjects:
        if subject.dep == "csubj" and subject.pos in ("VERB", "AUX"):
            found += tree.children(subject.i, ("nsubj", "nsubjpass"))[:1]
        else:
            found.append(subject)
    return found


def _owners_of_objects(tree: Tree, clause: Token) -> list[Token]:
    """'He said members will not forget the government's efforts to undermine ...', 'a
    campaign which he said exposed the government's dangerous approach': what a reported
    clause does to something the other side owns (its cuts, offer, approach) is said of
    that side. Only an owner named with a possessive counts ("the government's", "Lecce's");
    "the offer" alone names no one, and "its", "their" are left out (whom they stand for is
    too often guessed wrong)."""
    objects = tree.children(clause.i, ("dobj",))
    return [owner for o in objects for owner in tree.children(o.i, ("poss",)) if owner.pos != "PRON"]


def deed_owners(tree: Tree, clauses: list[Token], is_deed: Callable[[Token], bool]) -> list[Token]:
    """'said the government recognizes the harm the unions' escalation is doing', 'saying
    the province understands the toll of union escalation on families': a deed of the other
    side (its escalation, strike, offer) named with its owner anywhere in what is said, even
    deep inside a noun phrase or a relative clause, is said of that owner. Only a possessive
    or a compound owner counts, and never a pronoun ("their strike": too often guessed
    wrong); a clause of condition is already left out of ``clauses``."""
    words = [tree.tokens[i] for clause in clauses for i in tree.subtree(clause.i)]
    return [o for deed in dict.fromkeys(words) if deed.pos == "NOUN" and is_deed(deed)
            for o in tree.children(deed.i, ("poss", "compound")) if o.pos != "PRON"]
