"""How much of a union's strike a mention tells, part of the facts stage (``graph.strikes``).

A strike mention can tell the whole union out on a day ('OSSTF will strike Friday'), a
strike at some boards only ('one-day strikes at nine boards'), or one union's series of
days still to be placed ('its next round of walkouts'). ``graph.strikes`` marks each event
with these readings before it decides whether an event with no board named is province-wide;
they read only the trigger's own sentence, so they are kept apart from the event bookkeeping.
"""

from __future__ import annotations

from .dates import find_same_day_phrase
from .rules import Trigger
from .strike_agents import StrikeAgents
from .strike_places import strike_clause_verb

__all__ = ["series_of_one", "some_boards", "stated_plainly"]


def stated_plainly(context, trigger: Trigger, unions: list[str], date_text: str, agents: StrikeAgents) -> bool:
    """'OSSTF is planning to hold a one-day strike in several boards on Friday': the union (or
    a group of its members) is the subject and the day the strike's own, so the strike stands
    even with no board named."""
    subjects = {context.token_entity(t) for t in agents.doer_words(trigger.token)}
    subjects |= set(agents.as_doers(agents.subject_groups(trigger))) | set(agents.members_doers(trigger))
    subjects |= _by_doers(context, trigger)
    return bool(date_text) and bool(subjects & set(unions)) and not find_same_day_phrase(date_text)


def series_of_one(context, trigger: Trigger, unions: list[str]) -> bool:
    """'where its next round of walkouts will fall': one union's walkouts, in the plural, are
    a series of days at places still to be told, not the whole union out on one day.
    (Several unions' 'walkouts' on one day are each union's own walkout.)"""
    return len(unions) == 1 and context.tree.tokens[trigger.token].tag == "NNS"


def some_boards(context, trigger: Trigger) -> bool:
    """'one-day strikes at nine boards on Dec. 11', 'walked out at a handful of boards': a
    strike word whose own phrase, or its verb's place phrases ('held ... strikes at nine
    boards'), count boards without naming them tells of some boards only, not of the whole
    province; so do doers placed at such boards ('members at the other boards will hold
    information pickets', 'teachers at boards not on the list')."""
    tree, token = context.tree, trigger.token
    verb = strike_clause_verb(tree, token)
    if tree.tokens[token].pos in ("NOUN", "PROPN"):
        doers = [i for s in tree.children(verb, ("nsubj",)) for i in tree.subtree(s.i)]
        places = [tree.tokens[i] for i in doers if tree.tokens[i].lemma == "at" and tree.tokens[i].dep == "prep"]
        words = {*tree.subtree(token), *(i for p in [*places, *tree.children(verb, ("prep",))] for i in tree.subtree(p.i))}
    else:
        words = set(tree.subtree(verb))
    return any(tree.tokens[i].lemma == "board" and i not in context.entity_of for i in words)


def _by_doers(context, trigger: Trigger) -> set[str]:
    """'Friday's walkout by ETFO, OSSTF and OECTA': the doers a strike noun names after 'by'."""
    tree = context.tree
    return {e for by in tree.children(trigger.token, ("prep",)) if by.lemma == "by"
            for o in tree.children(by.i, ("pobj",)) for t in tree.with_conjuncts(o) if (e := context.token_entity(t))}
