"""Dates stage: turn date expressions in article sentences into ISO dates.

This stage consumes a date expression (a span such as "Thursday",
"late last night", "Dec. 18" or "December 4, 2019") together with the
publication date of the article it came from, and produces the calendar
day it refers to as a ``datetime.date`` (ISO via ``.isoformat()``), or
``None`` when the expression cannot be pinned to a single day ("in the
spring", "the coming days", "in August", "2023-24").

Why the article date: news copy says "announced Thursday", "yesterday" or
"next week" relative to the day the story was published, not relative to the
day the pipeline happens to run. Resolving against today's date would put a
2019 strike vote in whatever week the corpus was processed, so this module
never consults the clock; without an article date only absolute dates
resolve.

The stage is pure standard-library Python: all vocabulary (weekday and month
names, relative words and their day offsets) lives in the tables of
``graph.date_words``, so that coverage can be extended by editing data rather
than control flow.

Typical use:
    for expression in find_date_expressions(sentence):
        day = resolve(expression.text, article_date, tense="past")
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from .date_words import (
    DAY_AFTER_MENTIONED,
    DAYS_APART,
    MONTHS,
    RELATIVE_DAYS,
    RELATIVE_WEEKS,
    SAME_DAY_AS_MENTIONED,
    SOON_AFTER_PREVIOUS,
    TENSE_DIRECTIONS,
    TENSE_YEAR_SLACK,
    TIMES_OF_DAY,
    WEEKDAY_MODIFIERS,
    WEEKDAYS,
)

__all__ = ["DAYS_APART", "DateExpression", "Tense", "find_date_expressions", "find_same_day_phrase", "resolve"]

Tense = Literal["past", "present", "future"]


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


def _absolute_patterns(strict_may: bool) -> list[str]:
    """Month-day(-year), day-month-year and ISO forms as regex sources."""
    month = rf"(?:{_month_alternation(strict_may)})\b\.?"
    return [
        (rf"(?:{_WEEKDAY},?{_SPACE})?(?P<md_month>{month}){_SPACE}(?P<md_day>{_DAY})"
         rf"(?:,?{_SPACE}(?P<md_year>{_YEAR}))?"),
        rf"(?P<dm_day>{_DAY}){_SPACE}(?P<dm_month>{month}),?{_SPACE}(?P<dm_year>{_YEAR})",
        r"(?P<iso_year>[0-9]{4})-(?P<iso_month>[0-9]{2})-(?P<iso_day>[0-9]{2})(?![0-9-])",
    ]


_RELATIVE = _alternation(list(RELATIVE_DAYS) + list(RELATIVE_WEEKS))
_WEEKDAY_PHRASE = (
    rf"(?:(?P<modifier>{_alternation(list(WEEKDAY_MODIFIERS))}){_SPACE})?"
    rf"(?P<weekday>{_WEEKDAY})(?:{_SPACE}(?:{_alternation(list(TIMES_OF_DAY))}))?"
)

_FINDER_SOURCES = _absolute_patterns(strict_may=True) + [_RELATIVE, _WEEKDAY_PHRASE]
_FINDERS = [
    re.compile(rf"(?=(?<!(?u:[\w-]))({source})(?!(?u:[\w-])))", _FLAGS)
    for source in _FINDER_SOURCES
]
_SAME_DAY_FINDER = re.compile(rf"(?<![\w-])(?:(?P<mentioned>{_alternation(list(SAME_DAY_AS_MENTIONED))})|"
                              rf"(?P<next>{_alternation(list(DAY_AFTER_MENTIONED))})|"
                              rf"(?P<event>{_alternation(list(SOON_AFTER_PREVIOUS))}))(?![\w-])", _FLAGS)
_ABSOLUTE_RESOLVERS = [
    re.compile(source, _FLAGS) for source in _absolute_patterns(strict_may=False)
]
_WEEKDAY_RESOLVER = re.compile(_WEEKDAY_PHRASE, _FLAGS)


# --- finding ---------------------------------------------------------------


def find_date_expressions(text: str) -> list[DateExpression]:
    """All date expressions in a sentence, left to right, non-overlapping, longest first.

    Every pattern is tried at every position (a lookahead makes matches
    overlap), then the longest candidates claim their span first, so
    "late last night" beats "last night" and "this Friday" beats "Friday".

    >>> [e.text for e in find_date_expressions("Talks failed late last night; a strike starts Dec. 4, 2019.")]
    ['late last night', 'Dec. 4, 2019']
    """
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
    return sorted(chosen, key=lambda e: e.start)


# --- resolving -------------------------------------------------------------


def find_same_day_phrase(text: str) -> tuple[DateExpression, str] | None:
    """The first phrase dating an event by another, and what it points to: "mentioned" (the
    day last named: "that same day"), "next" (the day after it: "the next day") or "event"
    (the event told before: "within hours").

    >>> expression, kind = find_same_day_phrase("Within hours, the union rejected it.")
    >>> expression.text, kind
    ('Within hours', 'event')
    """
    match = _SAME_DAY_FINDER.search(text)
    if not match:
        return None
    kind = next(k for k in ("mentioned", "next", "event") if match.group(k))
    return DateExpression(match.start(), match.end(), match.group(0)), kind


def resolve(expression: str, article_date: date | None, tense: Tense = "past") -> date | None:
    """ISO date for one expression, or None when it cannot be pinned to a day.

    Relative words are read against ``article_date`` (the publication date),
    never against today, because news says "Tuesday" meaning the Tuesday
    around the day it went to print. ``tense`` is the tense of the clause the
    expression sits in and decides which way a bare weekday points: "past"
    means the latest such day on or before the article date; "present" and
    "future" the next one on or after it.

    >>> resolve("Tuesday evening", date(2020, 3, 4), tense="past")
    datetime.date(2020, 3, 3)
    >>> resolve("Friday", date(2020, 3, 4), tense="future").isoformat()
    '2020-03-06'
    >>> resolve("Earlier this week", date(2019, 11, 21))
    datetime.date(2019, 11, 18)
    >>> resolve("last week", date(2019, 11, 21)) is None
    True
    >>> resolve("yesterday", None) is None
    True
    >>> resolve("in the spring", date(2019, 11, 21)) is None
    True
    """
    if tense not in TENSE_DIRECTIONS:
        raise ValueError(f"tense must be one of {sorted(TENSE_DIRECTIONS)}, got {tense!r}")
    phrase = _normalise(expression)
    try:
        absolute = _resolve_absolute(phrase, article_date, tense)
        if absolute is not None or article_date is None:
            return absolute
        return _resolve_relative(phrase, article_date, tense)
    except (ValueError, OverflowError):  # impossible days, dates past year 9999
        return None


def _normalise(expression: str) -> str:
    """Lower-case, straighten apostrophes, drop "on", possessives and punctuation.

    "On Tuesday’s strike." and "tuesday" must resolve alike.
    """
    phrase = expression.replace("\u2019", "'").replace("\u2018", "'").lower()
    phrase = " ".join(phrase.split())
    phrase = re.sub(r"'s\b.*$", "", phrase)
    phrase = phrase.strip(" ,;:!?()\"'")
    phrase = re.sub(r"\.$", "", phrase)
    return re.sub(r"^on\s+", "", phrase)


def _resolve_absolute(phrase: str, article_date: date | None, tense: str = "past") -> date | None:
    """Dates that name their month and day; a missing year needs the article date (and the tense)."""
    for pattern in _ABSOLUTE_RESOLVERS:
        match = pattern.fullmatch(phrase)
        if match is None:
            continue
        parts = {name.split("_")[1]: value for name, value in match.groupdict().items() if value}
        month = int(parts["month"]) if parts["month"].isdigit() else MONTHS[parts["month"].rstrip(".")]
        day = int(re.sub(r"[a-z]+$", "", parts["day"]))
        if "year" in parts:
            return date(int(parts["year"]), month, day)
        return _year_by_tense(_nearest_year(month, day, article_date), article_date, tense)
    return None


def _year_by_tense(day: date | None, article_date: date | None, tense: str) -> date | None:
    """The nearest year, unless the tense points the other way by more than a few weeks.

    'Members walked off the job on Dec. 4' in a June paper is last December, though next
    December is nearer: a past told of a day months ahead, or a plan for a day months gone,
    is a misreading of the year, not of the tense.
    """
    if day is None or article_date is None:
        return day
    gap = (day - article_date).days
    try:
        if tense == "past" and gap > TENSE_YEAR_SLACK:
            return day.replace(year=day.year - 1)
        if tense == "future" and -gap > TENSE_YEAR_SLACK:
            return day.replace(year=day.year + 1)
    except ValueError:  # Feb. 29 in a year without it
        return day
    return day


def _nearest_year(month: int, day: int, article_date: date | None) -> date | None:
    """The month-day in the year closest to the article date.

    "Dec. 18" in a January 10 article is last December, not next December.
    """
    if article_date is None:
        return None
    candidates = []
    for year in (article_date.year - 1, article_date.year, article_date.year + 1):
        try:
            candidates.append(date(year, month, day))
        except ValueError:  # Feb. 29 outside leap years, or beyond year 1..9999
            continue
    if not candidates:
        return None
    return min(candidates, key=lambda day_: abs((day_ - article_date).days))


def _resolve_relative(phrase: str, article_date: date, tense: str) -> date | None:
    """Relative day words, relative weeks, then weekday names."""
    if phrase in RELATIVE_DAYS:
        return article_date + timedelta(days=RELATIVE_DAYS[phrase])
    if phrase in RELATIVE_WEEKS:
        if RELATIVE_WEEKS[phrase] is None:
            return None  # "last week": a week, not a day
        monday = article_date - timedelta(days=article_date.weekday())
        return monday + timedelta(weeks=RELATIVE_WEEKS[phrase])
    match = _WEEKDAY_RESOLVER.fullmatch(phrase)
    if match is None:
        return None
    modifier = WEEKDAY_MODIFIERS.get(match["modifier"] or "this")
    if modifier is None:
        return _weekday_near(article_date, WEEKDAYS[match["weekday"]], TENSE_DIRECTIONS[tense], 0)
    return _weekday_near(article_date, WEEKDAYS[match["weekday"]], modifier, 1)


def _weekday_near(article_date: date, weekday: int, direction: int, min_distance: int) -> date:
    """The nearest ``weekday`` at least ``min_distance`` days away in ``direction``.

    With ``min_distance`` 0 the article date itself qualifies; 1 makes "next
    Monday" and "last Friday" skip it.
    """
    for distance in range(min_distance, min_distance + 7):
        candidate = article_date + timedelta(days=direction * distance)
        if candidate.weekday() == weekday:
            return candidate
    raise AssertionError("unreachable: every weekday occurs within 7 days")
