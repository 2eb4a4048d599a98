"""Strike days set apart in time, part of the facts stage: a strike named in an 'after',
'before' or 'on the eve of' phrase, and the gap in days that phrase puts between the strike
and the clause it hangs from.

``graph.strike_dates`` reads a strike's own day; this module says when the clause's day is
not the strike's ('talks resumed on March 11, after two months of strikes') and when it is,
moved by a gap ('schools were closed today, a day after walkouts at three boards').
"""

from __future__ import annotations

from datetime import date, timedelta

from .date_words import DAY_BEFORE_NOUNS
from .dates import DAYS_APART
from .rules import Trigger

__all__ = ["apart_phrase", "clause_day", "dated_apart", "day_apart", "days_apart", "sequence_prep"]

#: Prepositions that set a strike apart in time from the clause they hang from.
_SEQUENCE_PREPS = frozenset({"after", "before", "following"})


def dated_apart(context, trigger: Trigger, date_text: str) -> bool:
    """'Talks resumed on March 11, after two months of rotating strikes': a strike named in
    an 'after' or 'before' phrase happened at another time than the clause it hangs from, so
    the clause's day is not its day (a day inside the phrase is: 'after a walkout on Dec. 4')."""
    tree = context.tree
    prep = sequence_prep(tree, trigger.token)
    if prep is None:
        return False
    words = tree.subtree(prep.i)
    first, last = tree.tokens[min(words)], tree.tokens[max(words)]
    return date_text not in context.article.text[first.start:last.end]


def sequence_prep(tree, token: int):
    """The 'after' or 'before' a strike word is named under, up to its clause's verb (the
    verb's own preposition counts: 'a day after ETFO struck')."""
    for ancestor in tree.ancestors(token)[:6]:
        if ancestor.dep == "prep" and (ancestor.lemma in _SEQUENCE_PREPS or _eve_of(tree, ancestor)):
            return ancestor
        if ancestor.pos in ("VERB", "AUX"):
            return None
    return None


def apart_phrase(tree, token: int):
    """The 'a day after ...' ('the eve of ...') phrase a strike word is named in, if it names
    a gap in days: its head word ('day', 'eve'), whose words are the strike's own."""
    prep = sequence_prep(tree, token)
    if prep is None or not days_apart(tree, prep):
        return None
    head = tree.tokens[prep.head]
    return head if head.dep == "npadvmod" or _eve_of(tree, prep) else prep


def days_apart(tree, prep) -> int:
    """'a day after walkouts at ...' (-1), 'two days before the strike' (+2): how many days
    the phrase puts between the strike and the clause it hangs from; 0 when it names no gap."""
    head = tree.tokens[prep.head]
    if _eve_of(tree, prep):
        return DAY_BEFORE_NOUNS[head.lemma]
    nouns = [head] if head.dep == "npadvmod" and head.i != prep.i else []
    for noun in [*nouns, *tree.children(prep.i, ("npadvmod",))]:
        words = sorted([*tree.children(noun.i, ("det", "nummod")), noun], key=lambda t: t.i)
        gap = DAYS_APART.get(" ".join(t.text.lower() for t in words), 0)
        if gap:
            return gap if prep.lemma == "before" else -gap
    return 0


def _eve_of(tree, prep) -> bool:
    """'on the eve of the strike': the strike is the day after the clause's day."""
    return prep.lemma == "of" and tree.tokens[prep.head].lemma in DAY_BEFORE_NOUNS


def day_apart(context, prep) -> tuple[date, str] | None:
    """'Schools were closed today, a day after walkouts at three boards': the strike's day is
    the clause's day moved by the gap the phrase names."""
    gap = days_apart(context.tree, prep)
    if not gap:
        return None
    day = clause_day(context, context.tree.clause_verb(prep.i))[0]
    return (day + timedelta(days=gap), _gap_text(context, prep)) if day else None


def clause_day(context, verb) -> tuple[date | None, str]:
    """The day a clause names for itself, on its verb or the word completing it ('were
    closed today'); (None, '') when it names none (the article's day is no clause's own)."""
    for word in [verb, *context.tree.children(verb.i, ("acomp", "xcomp", "attr"))]:
        found = context.fact_date(word.i, "strikes-at")
        if found[1]:
            return found
    return None, ""


def _gap_text(context, prep) -> str:
    """The words that set the gap ('a day after'), kept as the fact's date text."""
    tree = context.tree
    keeps_head = tree.tokens[prep.head].dep == "npadvmod" or _eve_of(tree, prep)
    words = [i for i in tree.subtree(prep.head if keeps_head else prep.i) if i <= prep.i]
    return context.article.text[tree.tokens[min(words)].start:tree.tokens[prep.i].end] if words else prep.text
