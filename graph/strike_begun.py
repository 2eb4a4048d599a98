"""Strike days told as a campaign's start, part of the facts stage.

A job action already under way is often named with the day it began in a relative clause
on its own noun: 'the work-to-rule campaign they started on Nov. 26', 'the job action it
began on Tuesday', 'the withdrawal of services members will start on Dec. 2'. That day is
the action's, whatever the clause around it says (a day members 'would keep up' the action,
a day the union spoke); ``graph.strike_dates`` asks here before reading the phrase's own day.
"""

from __future__ import annotations

from datetime import date

from .date_words import START_VERBS
from .dates import resolve
from .rules import Trigger

__all__ = ["begun_day"]

#: Dependencies that keep a word inside the strike's noun phrase ('work' -> 'to' -> 'rule').
_PHRASE_DEPS = frozenset({"compound", "nmod", "amod", "prep", "pobj", "appos"})


def begun_day(context, trigger: Trigger) -> tuple[date | None, str] | None:
    """The day a 'begin' or 'start' relative clause on the strike's noun phrase gives,
    read in that clause's tense ('they started on Nov. 26' points back, 'they will start
    on Monday' forward), or None when no such clause dates the strike."""
    tree = context.tree
    sentence = tree.tokens[trigger.token].sentence
    for verb in _starting_clauses(tree, trigger.token):
        for expression, head in context.date_expressions(sentence):
            if tree.governing_verb(head).i != verb.i:
                continue
            day = resolve(expression.text, context.article.date, tree.tense(verb.i))
            if day:
                return day, expression.text
    return None


def _starting_clauses(tree, token: int) -> list:
    """The 'begin'/'start' verbs of relative clauses hanging on a noun of the strike's
    phrase: the trigger and the nouns it sits inside, up to the first verb above it."""
    nouns = [tree.tokens[token]]
    for ancestor in tree.ancestors(token):
        if ancestor.pos in ("VERB", "AUX") or nouns[-1].dep not in _PHRASE_DEPS:
            break
        nouns.append(ancestor)
    return [verb for noun in nouns for verb in tree.children(noun.i, ("relcl",))
            if verb.lemma in START_VERBS]
