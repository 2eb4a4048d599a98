"""Where a plan noun's content sits outside its own phrase (part of the facts stage).

Consumes the parse tree; produces token positions for ``graph.objects``: the clause a plan,
offer or bill frames ("Under the province's proposal, classes would rise to 25", "a bill
tabled by the government would cap raises"), and the start of a phrase of coordinated nouns
that one relative clause after the last of them describes ("the larger classes and online
courses the government wants"). Reporters tell an offer in both shapes as often as with a
verb of offering, and the parser hangs the content away from the noun in each.
"""

from __future__ import annotations

from .model import Token
from .syntax import Tree

__all__ = ["FRAMING_NOUNS", "framed_verb", "shared_phrase_start"]

#: Nouns whose framed clause is their content: plans and offers, and the laws that carry them.
FRAMING_NOUNS = frozenset({"plan", "proposal", "offer", "change", "overhaul", "policy", "reform", "agenda",
                           "bill", "law", "legislation", "regulation"})
#: Auxiliaries that make a plan's clause what the plan would do ("the bill would cap raises").
_MODALS = frozenset({"would", "will", "could", "shall"})
#: Prepositions by which a clause happens under a plan.
_FRAMING_PREPOSITIONS = frozenset({"under", "through"})


def framed_verb(tree: Tree, plan: Token) -> Token | None:
    """The verb of the clause a plan noun frames: the one whose prepositional phrase "under
    the plan" it is, or the one it is the subject of with "would" or "will" ("the offer
    would lower classes to 23"). None otherwise: other verbs of which a plan is the subject
    ("the plan drew fire over larger classes") say something about the plan, not what it is."""
    if plan.pos not in ("NOUN", "PROPN") or plan.lemma not in FRAMING_NOUNS or plan.head == plan.i:
        return None
    head = tree.tokens[plan.head]
    if plan.dep == "pobj" and head.text.lower() in _FRAMING_PREPOSITIONS and head.head != head.i:
        verb = tree.tokens[head.head]
    elif plan.dep in ("nsubj", "nsubjpass") and any(a.lemma in _MODALS for a in tree.children(head.i, ("aux",))):
        verb = head
    else:
        return None
    return verb if verb.pos in ("VERB", "AUX") else None


def shared_phrase_start(tree: Tree, noun: Token) -> int:
    """'fighting the larger classes and mandatory online courses that the government wants':
    a relative clause after the last of coordinated nouns describes them all (the parser
    hangs it on the last), so the described phrase starts at the first conjunct's phrase."""
    first = noun
    while first.dep == "conj" and first.head != first.i and tree.tokens[first.head].pos in ("NOUN", "PROPN"):
        first = tree.tokens[first.head]
    return min(tree.subtree(first.i))
