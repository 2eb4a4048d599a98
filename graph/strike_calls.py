"""Strikes that are no events, part of the facts stage: called off, negated, or conditions.

A strike word is no event when it is undone ('cancel this strike', 'to avert a strike'),
negated ('will not strike') or only a condition ('five days' notice before any strike');
and a strike told plainly is dropped when the article later tells it was called off for
its union and day ('The union has called off the strike it planned for that day').
"""

from __future__ import annotations

from .rules import Rules, Trigger
from .strike_agents import StrikeAgents
from .strike_dates import strike_date
from .strike_targets import StrikeEvent

__all__ = ["is_called_off", "without_called_off"]


def without_called_off(context, rules: Rules, events: list[StrikeEvent], triggers: list[Trigger],
                       agents: StrikeAgents) -> list[StrikeEvent]:
    """'AEFO members would walk out on Feb. 27 ... The union has called off the strike it
    planned for that day': a strike the article tells was called off, for its union and
    day, is no event, wherever it was told."""
    tree = context.tree
    called_off = set()
    for trigger in triggers:
        if _called_off_then(tree, tree.tokens[trigger.token], rules):
            day = strike_date(context, trigger, rules)[0]
            called_off |= {(union, day) for union in agents.unions(trigger)} if day else set()
    return [e for e in events if not e.unions or not all((union, e.day) in called_off for union in e.unions)]


def is_called_off(tree, token, rules: Rules) -> bool:
    """'cancel this strike', 'to avert a strike', 'halt its series of rotating strikes': the
    strike is not (or no longer) an event."""
    return (_undone(tree, token, rules) is not None or tree.is_negated(token.i) or _is_condition(tree, token, rules)
            or _counterfactual(tree, token) or _negated_phrase(tree, token))


def _negated_phrase(tree, token) -> bool:
    """'his members want to be in schools, not on a picket line': a strike word in a phrase
    that a 'not' sets aside (the 'not' hangs on the phrase, not on the verb) is no event."""
    for word in [token, *tree.ancestors(token.i)[:3]]:
        if word.pos in ("VERB", "AUX"):
            return False
        if word.dep == "prep" and tree.children(word.i, ("neg",)):
            return True
    return False


def _counterfactual(tree, token) -> bool:
    """'the board that was to have been struck on Thursday', 'they were to have walked out':
    a past 'be to have' tells of a strike that was planned and did not happen."""
    verb = token if token.pos in ("VERB", "AUX") else tree.clause_verb(token.i)
    auxiliaries = {c.lemma for c in tree.children(verb.i, ("aux", "auxpass"))}
    head = tree.tokens[verb.head]
    return {"to", "have"} <= auxiliaries and verb.dep == "xcomp" and head.lemma == "be" and head.tag == "VBD"


def _undone(tree, token, rules: Rules):
    """The verb or word that undoes the strike word ('called off', 'cancel', 'threat'), if any."""
    below = token
    for head in tree.ancestors(token.i)[:5]:
        particles = " ".join([head.lemma] + [c.text.lower() for c in tree.children(head.i, ("prt",))])
        undone = head.lemma in rules.non_event_lemmas or particles in rules.non_event_lemmas or head.text.lower() in rules.non_event_lemmas
        if undone and below.dep not in ("nsubj", "csubj") and not _notice_given(tree, below):
            return head
        if head.pos in ("VERB", "AUX"):
            break
        below = head
    return None


def _notice_given(tree, below) -> bool:
    """'ETFO warned that its members will walk out on Friday', 'the union has warned that,
    without a deal, all its members would strike next Thursday': a clause reported under a
    warning that says plainly the members will strike gives notice of that strike, an event
    (a threat to strike, 'warned of a strike' or 'a walkout could follow' stay none)."""
    return (below.dep == "ccomp" and below.pos in ("VERB", "AUX")
            and any(c.lemma in ("will", "would") for c in tree.children(below.i, ("aux",))))


def _called_off_then(tree, token, rules: Rules) -> bool:
    """'The union has called off the strike', 'the strike was cancelled': undone, told as
    done (not 'urged the unions to call off the strikes')."""
    head = _undone(tree, token, rules)
    if head is None or head.pos != "VERB" or head.dep in ("xcomp", "advcl", "acl", "relcl", "pcomp"):
        return False
    auxiliaries = {c.lemma for c in tree.children(head.i, ("aux", "auxpass"))}
    return head.tag == "VBD" or (head.tag == "VBN" and bool(auxiliaries & {"have", "be"}) and "to" not in auxiliaries)


def _is_condition(tree, token, rules: Rules) -> bool:
    """'five days' notice before any strike', 'must give notice before starting a
    work-to-rule campaign': a strike that is only a condition or a requirement is no event."""
    nouns = [token, *[a for a in tree.ancestors(token.i)[:2] if a.pos in ("NOUN", "PROPN")]]
    if any(c.lemma in rules.condition_words for n in nouns for c in tree.children(n.i, ("det",))):
        return True
    for ancestor in tree.ancestors(token.i)[:5]:
        if ancestor.dep == "prep" and ancestor.lemma in rules.condition_preps:
            clause = tree.clause_verb(ancestor.i)
            return any(c.lemma in rules.condition_words for c in tree.children(clause.i, ("aux",)))
    return False
