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

Finding the expressions in a sentence is ``graph.date_finder``'s job (re-exported here);
this module resolves them. The stage is pure standard-library Python: all vocabulary (weekday and month
names, relative words and their day offsets) lives in the tables of
``graph.date_words``, so that coverage can be extended by editing data rather
than control flow.

Typical use:
    for expression in find_date_expressions(sentence):
        day = resolve(expression.text, article_date, tense="past")
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Literal

from .date_finder import (
    ABSOLUTE_RESOLVERS,
    COUNTED_FROM_RESOLVER,
    WEEKDAY_RESOLVER,
    DateExpression,
    find_date_expressions,
    find_same_day_phrase,
)
from .date_words import (
    DAYS_APART,
    MONTHS,
    RELATIVE_DAYS,
    RELATIVE_WEEKS,
    TENSE_DIRECTIONS,
    TENSE_YEAR_SLACK,
    WEEKDAY_MODIFIERS,
    WEEKDAYS,
)

__all__ = ["DAYS_APART", "DateExpression", "Tense", "find_date_expressions", "find_same_day_phrase", "resolve"]

Tense = Literal["past", "present", "future"]


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
    for pattern in ABSOLUTE_RESOLVERS:
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
    counted = COUNTED_FROM_RESOLVER.fullmatch(phrase)
    if counted is not None:
        return _counted_from(counted["gap"], counted["base"], article_date)
    match = WEEKDAY_RESOLVER.fullmatch(phrase)
    if match is None:
        return None
    modifier = WEEKDAY_MODIFIERS.get(match["modifier"] or "this")
    if modifier is None:
        return _weekday_near(article_date, WEEKDAYS[match["weekday"]], TENSE_DIRECTIONS[tense], 0)
    return _weekday_near(article_date, WEEKDAYS[match["weekday"]], modifier, 1)


def _counted_from(gap: str, base: str, article_date: date) -> date | None:
    """"a week from Friday": the gap counted forward from the day named. A day counted from
    is one still to come (nobody writes "a week from last Friday"), so a weekday base is read
    forward from the article date whatever the tense of the clause."""
    start = article_date if base == "now" else _resolve_relative(base, article_date, "future")
    return start + timedelta(days=DAYS_APART[" ".join(gap.split())]) if start else None


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
