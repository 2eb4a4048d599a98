"""What one strike word tells, part of the facts stage: a strike trigger -> its own words and action.

A sentence often tells of several strikes ("OECTA holds a walkout on Tuesday, and on Thursday
ETFO members will strike at Peel"), so each strike word keeps to the words of its own clause
or noun phrase when its places are read; and a strike word's kind ("rotating strikes",
"work-to-rule") is read from the words around it before the rest of its sentence.
"""

from __future__ import annotations

from .rules import Rules, Trigger
from .strike_places import strike_clause_verb
from .strike_targets import TARGET_TYPES

__all__ = ["action_of", "better_action", "one_phrase", "strike_clause"]

#: How many characters either side of a strike word may name its kind ("one-day, province-wide strike").
_ACTION_WINDOW = 25
#: Links inside one verb phrase of striking: 'walked off the job', 'hit the picket lines'.
_PHRASE_DEPS = frozenset({"dobj", "prep", "pobj", "compound", "prt"})


def strike_clause(context, trigger: Trigger, others: list[tuple[int, int]]) -> set[int]:
    """The words that tell of one strike in a sentence that tells of several: the places its
    own noun phrase names ('the withdrawal of services, in place province-wide'), else its
    verb's own clause, with the subject it shares with the verb it is joined to ('OSSTF
    members in Peel will not strike but will hold pickets'), less the phrases of the other
    strike nouns ('after a walkout on Dec. 4 and a strike at nine boards last Wednesday')."""
    tree, token = context.tree, trigger.token
    own = _phrase(tree, trigger.first_token, token)
    if tree.tokens[token].pos in ("NOUN", "PROPN") and context.entities_in(sorted(own), TARGET_TYPES):
        return own
    verb = strike_clause_verb(tree, token)
    words = _own_clause(tree, verb)
    if not tree.children(verb, ("nsubj", "nsubjpass")):
        words |= {i for s in tree.subjects(verb) for i in tree.subtree(s.i)}
    for first, other in others:
        if tree.tokens[other].pos in ("NOUN", "PROPN") and token not in range(first, other + 1):
            words -= _phrase(tree, first, other)
    return words


def one_phrase(tree, token: int, other: int) -> bool:
    """'walked off the job', 'went on strike', 'hit the picket lines': two strike words of
    which one is the other's object or the object of its preposition tell one strike, so
    they do not split the sentence into clauses of their own (words joined by 'and', set
    beside each other or in clauses of their own, as in 'a walkout on Dec. 4 and a strike
    at nine boards' or 'when the strikes reached Niagara, the local picketed', still do)."""
    for low, high in ((token, other), (other, token)):
        path = [tree.tokens[low], *tree.ancestors(low)]
        ids = [w.i for w in path]
        if high in ids and all(w.dep in _PHRASE_DEPS for w in path[:ids.index(high)]):
            return True
    return False


def _phrase(tree, first: int, last: int) -> set[int]:
    """The noun phrase of a strike word spanning ``first``..``last``, without the phrases
    joined to it by 'and'."""
    top = min(range(first, last + 1), key=lambda i: len(tree.ancestors(i)))
    return set(tree.subtree(top)) - {i for c in tree.children(top, ("conj",)) for i in tree.subtree(c.i)}


def _own_clause(tree, verb: int) -> set[int]:
    """The words of a verb's own clause, without the clauses joined to it ('..., and ETFO
    members at Peel walk out on Thursday')."""
    words = set(tree.subtree(verb))
    for child in tree.children(verb, ("conj", "ccomp", "advcl", "relcl", "parataxis")):
        if child.pos in ("VERB", "AUX"):
            words -= set(tree.subtree(child.i))
    return words


def better_action(current: str, candidate: str, rules: Rules) -> str:
    """Keep the most specific name a strike gets in any of its sentences."""
    order = [action for _, action in rules.actions]
    rank = {action: order.index(action) for action in order}
    return min((current, candidate), key=lambda a: rank.get(a, len(order)))


def action_of(context, token: int, rules: Rules) -> str:
    """The action a strike word names, read from the words around it first ('its
    work-to-rule campaign', not the 'rotating strikes' called off earlier in the sentence),
    else from its sentence."""
    word = context.tree.tokens[token]
    sentence = context.resolved.parsed.sentences[word.sentence]
    text = sentence.text.lower()
    at = word.start - sentence.start
    for window in (text[max(0, at - _ACTION_WINDOW):at + len(word.text) + _ACTION_WINDOW], text):
        found = next((action for phrase, action in rules.actions if phrase in window), "")
        if found:
            return found
    return "strike"
