"""Date finder: where a sentence names a day, as character spans.

The first half of the dates stage (``graph.dates`` resolves what this module finds). Matching
is kept apart from resolving because the two change for different reasons: the patterns grow
when news copy writes a day in a new shape ("Tues., Dec. 3"), the resolver when a shape is
read against the publication date in a new way. Both read their words from
``graph.date_words``; the compiled resolver patterns are shared so that whatever the finder
accepts, the resolver can read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .date_words import (
    DAY_AFTER_MENTIONED,
    DAY_BEFORE_MENTIONED,
    DAYS_APART,
    MONTHS,
    RELATIVE_DAYS,
    RELATIVE_WEEKS,
    SAME_DAY_AS_MENTIONED,
    SOON_AFTER_PREVIOUS,
    TIMES_OF_DAY,
    WEEKDAY_MODIFIERS,
    WEEKDAYS,
)

__all__ = [
    "ABSOLUTE_RESOLVERS",
    "COUNTED_FROM_RESOLVER",
    "WEEKDAY_RESOLVER",
    "DateExpression",
    "find_date_expressions",
    "find_same_day_phrase",
]


@dataclass(frozen=True)
class DateExpression:
    """A date expression found in text, with its character span.

    Attributes:
        start: Offset of the first character in the text searched.
        end: Offset one past the last character (``text[start:end]``).
        text: The expression exactly as written.
    """

    start: int
    end: int
    text: str


# --- regular expressions built from the tables -----------------------------


# Patterns compile with ASCII case-folding (so "ſept" is not "sept"), but
# spacing and word boundaries stay Unicode-aware: news text has no-break spaces.
_FLAGS = re.IGNORECASE | re.ASCII
_SPACE = r"(?u:\s)+"


def _alternation(words: list[str]) -> str:
    """Regex alternation, longest first so "sept" wins over "sep"."""
    ordered = sorted(words, key=len, reverse=True)
    return "|".join(re.escape(word).replace(r"\ ", _SPACE) for word in ordered)


def _month_alternation(strict_may: bool) -> str:
    """Month names; when strict, only a capitalised "May" counts.

    Running text uses "may" as a verb far more often than as a month, so the
    finder demands "May" with a capital (still followed by a day number).
    """
    names = [name for name in MONTHS if not (strict_may and name == "may")]
    alternation = _alternation(names)
    return alternation + "|(?-i:May)" if strict_may else alternation


_WEEKDAY = rf"(?:{_alternation(list(WEEKDAYS))})"
_DAY = r"[0-9]{1,2}(?:st|nd|rd|th)?(?![0-9])"
_YEAR = r"[0-9]{4}(?![0-9])"
# A day told as an ordinal takes "the" after its month or "of" before it ("September the
# 30th", "the 30th of September"): only with an ordinal suffix, so "3 of December's strikes"
# stays no date.
_ORDINAL_THE = rf"(?:the{_SPACE}(?=[0-9]{{1,2}}(?:st|nd|rd|th)\b))?"
_ORDINAL_OF = rf"(?:(?<=st|nd|rd|th){_SPACE}of)?"


def _absolute_patterns(strict_may: bool) -> list[str]:
    """Month-day(-year), day-month(-year) and ISO forms as regex sources ("3 December" is
    read like "Dec. 3": its year then comes from the article date and the tense)."""
    month = rf"(?:{_month_alternation(strict_may)})\b\.?"
    return [
        (rf"(?:{_WEEKDAY},?{_SPACE})?(?P<md_month>{month}){_SPACE}{_ORDINAL_THE}(?P<md_day>{_DAY})"
         rf"(?:,?{_SPACE}(?P<md_year>{_YEAR}))?"),
        (rf"(?P<dm_day>{_DAY}){_ORDINAL_OF}{_SPACE}(?P<dm_month>(?:{_month_alternation(strict_may)})\b)"
         rf"(?:\.?,?{_SPACE}(?P<dm_year>{_YEAR}))?"),
        r"(?P<iso_year>[0-9]{4})-(?P<iso_month>[0-9]{2})-(?P<iso_day>[0-9]{2})(?![0-9-])",
    ]


_RELATIVE = _alternation(list(RELATIVE_DAYS) + list(RELATIVE_WEEKS))
_WEEKDAY_PHRASE = (
    rf"(?:(?P<modifier>{_alternation(list(WEEKDAY_MODIFIERS))}){_SPACE})?"
    rf"(?P<weekday>{_WEEKDAY})(?:{_SPACE}(?:{_alternation(list(TIMES_OF_DAY))}))?"
)

# "a week from Friday", "two days from today": a gap counted forward from a named day.
_COUNTED_FROM = (rf"(?P<gap>{_alternation(list(DAYS_APART))}){_SPACE}from{_SPACE}"
                 rf"(?P<base>{_WEEKDAY}|{_alternation(list(RELATIVE_DAYS))}|now)")

_FINDER_SOURCES = _absolute_patterns(strict_may=True) + [_RELATIVE, _WEEKDAY_PHRASE, _COUNTED_FROM]
_FINDERS = [
    re.compile(rf"(?=(?<!(?u:[\w-]))({source})(?!(?u:[\w-])))", _FLAGS)
    for source in _FINDER_SOURCES
]
_SAME_DAY_FINDER = re.compile(rf"(?<![\w-])(?:(?P<mentioned>{_alternation(list(SAME_DAY_AS_MENTIONED))})|"
                              rf"(?P<next>{_alternation(list(DAY_AFTER_MENTIONED))})|"
                              rf"(?P<previous>{_alternation(list(DAY_BEFORE_MENTIONED))})|"
                              rf"(?P<event>{_alternation(list(SOON_AFTER_PREVIOUS))}))(?![\w-])", _FLAGS)
ABSOLUTE_RESOLVERS = [
    re.compile(source, _FLAGS) for source in _absolute_patterns(strict_may=False)
]
WEEKDAY_RESOLVER = re.compile(_WEEKDAY_PHRASE, _FLAGS)
COUNTED_FROM_RESOLVER = re.compile(_COUNTED_FROM, _FLAGS)


# --- finding ---------------------------------------------------------------


def find_date_expressions(text: str) -> list[DateExpression]:
    """All date expressions in a sentence, left to right, non-overlapping, longest first.

    Every pattern is tried at every position (a lookahead makes matches
    overlap), then the longest candidates claim their span first, so
    "late last night" beats "last night" and "this Friday" beats "Friday".

    >>> [e.text for e in find_date_expressions("Talks failed late last night; a strike starts Dec. 4, 2019.")]
    ['late last night', 'Dec. 4, 2019']
    """
    return list(_date_expressions_in(text))


@lru_cache(maxsize=256)
def _date_expressions_in(text: str) -> tuple[DateExpression, ...]:
    """``find_date_expressions``, searched once per text: a sentence is searched for the
    statements dated in it and again, as a line, for a list's leading day, and the five
    patterns tried at every position are the costliest question asked of a sentence."""
    candidates = [
        DateExpression(match.start(1), match.end(1), match.group(1))
        for finder in _FINDERS
        for match in finder.finditer(text)
    ]
    candidates.sort(key=lambda e: (e.start - e.end, e.start))
    chosen: list[DateExpression] = []
    for candidate in candidates:
        if all(candidate.end <= kept.start or candidate.start >= kept.end for kept in chosen):
            chosen.append(candidate)
    return tuple(sorted(chosen, key=lambda e: e.start))


def find_same_day_phrase(text: str) -> tuple[DateExpression, str] | None:
    """The first phrase dating an event by another, and what it points to: "mentioned" (the
    day last named: "that same day"), "next" (the day after it: "the next day"), "previous"
    (the day before it: "a day earlier") or "event"
    (the event told before: "within hours").

    >>> expression, kind = find_same_day_phrase("Within hours, the union rejected it.")
    >>> expression.text, kind
    ('Within hours', 'event')
    """
    match = _SAME_DAY_FINDER.search(text)
    if not match:
        return None
    kind = next(k for k in ("mentioned", "next", "previous", "event") if match.group(k))
    return DateExpression(match.start(), match.end(), match.group(0)), kind
