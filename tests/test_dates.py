"""Tests for the dates stage (graph/dates.py).

Worked cases live in tests/cases/dates.jsonl so that a reviewer can read
expression, article date, tense, expected day and the reason side by side;
property tests pin down the weekday rules for every date in 2015-2030.
"""

from __future__ import annotations

import doctest
import json
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from graph import dates
from graph.dates import (
    RELATIVE_DAYS,
    RELATIVE_WEEKS,
    WEEKDAYS,
    DateExpression,
    find_date_expressions,
    resolve,
)

CASES_FILE = Path(__file__).parent / "cases" / "dates.jsonl"


def _load_cases() -> list[dict]:
    """One dict per non-blank line of dates.jsonl."""
    lines = CASES_FILE.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def _case_id(case: dict) -> str:
    """Expression plus its context, since one expression appears in several cases."""
    return f"{case['expression']}@{case['article_date']}/{case['tense']}"


CASES = _load_cases()


def _as_date(iso: str | None) -> date | None:
    return None if iso is None else date.fromisoformat(iso)


def test_cases_file_is_large_enough():
    assert len(CASES) >= 40


@pytest.mark.parametrize("case", CASES, ids=[_case_id(case) for case in CASES])
def test_resolve_case(case):
    got = resolve(case["expression"], _as_date(case["article_date"]), case["tense"])
    assert got == _as_date(case["expected"]), case["why"]


FINDER_TABLE = [
    (
        "Ontario high school teachers announced Thursday they will start an "
        "administrative work-to-rule campaign next week",
        ["Thursday", "next week"],
    ),
    ("Bargaining broke down late last night, the union said.", ["late last night"]),
    ("The strike begins December 4, 2019 unless a deal is reached.", ["December 4, 2019"]),
    ("Schools close Wednesday, Dec. 4, 2019, the board said.", ["Wednesday, Dec. 4, 2019"]),
    ("Talks resume Jan. 21st and again on 4 February 2020.", ["Jan. 21st", "4 February 2020"]),
    ("The contract expired 2019-08-31.", ["2019-08-31"]),
    (
        "Earlier this week, Lecce said talks would continue this Friday and next Monday.",
        ["Earlier this week", "this Friday", "next Monday"],
    ),
    ("The minister spoke yesterday afternoon and again this morning.", ["yesterday afternoon", "this morning"]),
    ("The deal was reached at midnight last night.", ["midnight last night"]),
    ("Members voted Tuesday evening; Tuesday\u2019s strike is off.", ["Tuesday evening", "Tuesday"]),
    ("They may strike, the union warned on May 1.", ["May 1"]),
    ("A one-day strike for Grades 9 to 12 in 2023-24 at 22.9 per cent.", []),
    ("Closures could come in the coming days, in August or in the spring.", []),
    ("Pickets went up one minute after midnight.", []),
    ("Rotating strikes happen on Mondays and Fridays.", []),
    ("Teachers will march on Queen's Park.", []),
]


@pytest.mark.parametrize(
    "sentence, expected", FINDER_TABLE, ids=[sentence[:40] for sentence, _ in FINDER_TABLE]
)
def test_find_date_expressions(sentence, expected):
    assert [found.text for found in find_date_expressions(sentence)] == expected


def test_find_date_expressions_reports_offsets():
    sentence = "Teachers announced Thursday a strike next week."
    assert find_date_expressions(sentence) == [
        DateExpression(19, 27, "Thursday"),
        DateExpression(37, 46, "next week"),
    ]


def test_invalid_tense_is_rejected():
    with pytest.raises(ValueError):
        resolve("Tuesday", date(2020, 3, 4), tense="someday")  # type: ignore[arg-type]


def test_doctests_pass():
    results = doctest.testmod(dates)
    assert results.attempted > 0
    assert results.failed == 0


# --- properties ------------------------------------------------------------

ARTICLE_DATES = st.dates(min_value=date(2015, 1, 1), max_value=date(2030, 12, 31))
WEEKDAY_NAMES = st.sampled_from(list(WEEKDAYS)).flatmap(
    lambda name: st.sampled_from([name, name.title(), name.upper()])
)
TENSES = st.sampled_from(["past", "present", "future"])

RELATIVE_EXPRESSIONS = (
    list(RELATIVE_DAYS)
    + list(RELATIVE_WEEKS)
    + [f"{modifier} {day}" for modifier in ("this", "next", "last") for day in WEEKDAYS]
    + [f"{day} evening" for day in WEEKDAYS]
    + ["Dec. 18", "January 21st", "on Feb. 21"]
)


@given(ARTICLE_DATES, WEEKDAY_NAMES)
def test_past_weekday_is_on_or_before_within_six_days(article_date, weekday):
    resolved = resolve(weekday, article_date, "past")
    assert timedelta(0) <= article_date - resolved <= timedelta(days=6)
    assert resolved.weekday() == WEEKDAYS[weekday.lower()]


@given(ARTICLE_DATES, WEEKDAY_NAMES, st.sampled_from(["present", "future"]))
def test_future_weekday_is_on_or_after_within_six_days(article_date, weekday, tense):
    resolved = resolve(weekday, article_date, tense)
    assert timedelta(0) <= resolved - article_date <= timedelta(days=6)
    assert resolved.weekday() == WEEKDAYS[weekday.lower()]


@given(st.text(), st.one_of(st.none(), st.dates()), TENSES)
def test_resolve_never_raises(text, article_date, tense):
    resolved = resolve(text, article_date, tense)
    assert resolved is None or isinstance(resolved, date)


@given(st.text())
def test_found_spans_match_the_text(text):
    for found in find_date_expressions(text):
        assert text[found.start : found.end] == found.text


@given(st.sampled_from(RELATIVE_EXPRESSIONS), TENSES)
def test_relative_expressions_need_an_article_date(expression, tense):
    assert resolve(expression, None, tense) is None
