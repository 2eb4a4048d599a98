"""Tests for the dates stage (graph/dates.py).

Worked cases live in tests/cases/dates.jsonl so that a reviewer can read
expression, article date, tense, expected day and the reason side by side;
property tests pin down the weekday rules for every date in 2015-2030. The
STATEMENT_DAYS table checks the day a fact takes from its sentence and the ones
before it (an event the statement is tied to, a same-day phrase, a standing state).
"""

from __future__ import annotations

import doctest
import json
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from graph import date_finder, dates
from graph.date_ties import names_event
from graph.dates import (
    RELATIVE_DAYS,
    RELATIVE_WEEKS,
    WEEKDAYS,
    DateExpression,
    find_date_expressions,
    resolve,
)
from graph.entities import resolve_entities
from graph.facts import extract_facts
from graph.mentions import parse_article
from graph.model import Article

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
        ("Ontario high school teachers announced Thursday they will start an "
        "administrative work-to-rule campaign next week"),
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
    ("Pickets went up this past Friday and resume this coming Monday.", ["this past Friday", "this coming Monday"]),
    ("The board wrote to parents two days ago about a walkout on 14 January.", ["two days ago", "14 January"]),
    ("Classes of 28 students; 30 per cent of May budgets.", []),
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


@pytest.mark.parametrize("module", [dates, date_finder], ids=lambda m: m.__name__)
def test_doctests_pass(module):
    results = doctest.testmod(module)
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


# --- the day of a statement, read in its sentence and the ones before (graph/date_ties.py,
# graph/statement_dates.py, graph/date_clues.py) -----------------------------------------

STATEMENT_DAYS = [
    ("when-clause-own-day", "2020-01-17",
     "When she called the strike vote last Tuesday, Liz Stuart said funding cuts had not eased since Jan. 6.",
     ("opposes", "liz-stuart", "education-cuts", "2020-01-14")),
    ("when-clause-month-only", "2020-01-17",
     "When the province first floated the plan in March, Sam Hammond said the cuts would hurt students.",
     ("opposes", "sam-hammond", "education-cuts", "")),
    ("participle-names-event-told-before", "2020-01-17",
     ("Bargaining went on all week.\n\nStrike vote results were released on Tuesday.\n\nTalks resume next week."
     "\n\nIn releasing the figures, OSSTF said the government's cuts had angered its members."),
     ("opposes", "osstf", "education-cuts", "2020-01-14")),
    ("when-clause-points-back", "2020-01-17",
     ("Bargaining went on all week.\n\nParents packed a school board meeting on Jan. 8.\n\nTrustees will vote next "
     "month.\n\nWhen that meeting ended, Liz Stuart said the cuts would hurt students."),
     ("opposes", "liz-stuart", "education-cuts", "2020-01-08")),
    ("same-day-names-event-by-noun", "2020-01-17",
     ("The legislature passed Bill 124 on Tuesday. Opposition motions had failed on Jan. 10. "
     "ETFO condemned the bill's passage the same evening."),
     ("opposes", "etfo", "wage-cap", "2020-01-14")),
    ("same-day-relative-clause-event", "2020-01-17",
     ("Stephen Lecce announced his proposal on Jan. 9. The union's members met on Jan. 12. "
     "The same day Lecce made his announcement, OSSTF accused him of bargaining through the media."),
     ("responds-to", "osstf", "stephen-lecce", "2020-01-09")),
    ("same-day-is-the-statement-day-before", "2020-01-17",
     ("Announcing the walkout on Wednesday, Harvey Bischof said schools would close Friday. He said the union "
     "had been left no choice. Education Minister Stephen Lecce replied that day, urging OSSTF to call off the strike."),
     ("responds-to", "stephen-lecce", "osstf", "2020-01-15")),
    ("participle-takes-its-verbs-time", "2020-01-17",
     ("Teachers have picketed outside the school since October, demanding that the government "
     "reverse its cuts."),
     ("opposes", "teachers", "education-cuts", "")),
    ("describing-clause-time-is-not-the-statements", "2020-01-17",
     "Sam Hammond said he was glad the deal restores programs cut by the province last year.",
     ("opposes", "sam-hammond", "education-cuts", "2020-01-17")),
    ("perfect-conjunct-has-no-day", "2020-01-17",
     "Stephen Lecce said on Monday that talks were productive, and he has urged the unions to stop escalating.",
     ("responds-to", "stephen-lecce", "teachers-unions", "")),
    ("last-week-names-no-day", "2020-01-17",
     "Last week, Sam Hammond said the cuts would hurt students.",
     ("opposes", "sam-hammond", "education-cuts", "")),
    ("earlier-this-week-is-its-monday", "2020-01-17",
     "Earlier this week, Sam Hammond said the cuts would hurt students.",
     ("opposes", "sam-hammond", "education-cuts", "2020-01-13")),
    ("reported-clause-day-is-not-the-saying", "2020-01-17",
     ("Sam Hammond, president of the Elementary Teachers' Federation of Ontario, said his union was close to a deal "
      "on class sizes until, late Tuesday, the province's negotiators changed course and walked away."),
     ("responds-to", "sam-hammond", "ontario-government", "2020-01-17")),
    ("past-participle-keeps-its-own-past", "2020-01-17",
     "Under the plan announced Tuesday by Stephen Lecce, high school classes will grow to an average of 28 students.",
     ("proposes", "stephen-lecce", "class-size-28", "2020-01-14")),
    ("lead-after-headline-dates-later-remarks", "2020-01-17",
     ("Elementary teachers to escalate job action\n\nThe Elementary Teachers' Federation of Ontario announced "
      "Tuesday that its members will stop filling out report cards.\n\nThe cuts will hurt students, Sam Hammond said."),
     ("opposes", "sam-hammond", "education-cuts", "2020-01-14")),
    ("since-opens-a-stretch-not-a-day", "2020-01-17",
     ("Negotiations, the first since Nov. 28, lasted two days and broke off late Wednesday. In a statement "
      "that evening, Sam Hammond said the province's cuts were still on the table."),
     ("opposes", "sam-hammond", "education-cuts", "2020-01-15")),
    ("owners-plan-inside-another-actors-clause", "2020-01-17",
     "ETFO, which opposes the province's plan for mandatory e-learning, walked out today at four boards.",
     ("proposes", "ontario-government", "e-learning-4", "")),
    ("a-day-after-clause-moves-the-day", "2020-01-17",
     "The union says the cuts go too far, a day after the government unveiled its plan for larger classes.",
     ("proposes", "ontario-government", "class-size", "2020-01-16")),
    ("present-position-holds-today", "2020-01-17",
     ("On Jan. 6, Sam Hammond said the cuts would hurt students. ETFO opposes the province's plan for mandatory "
     "e-learning."),
     ("opposes", "etfo", "e-learning", "2020-01-17")),
    ("time-noun-clause-names-event-told-before", "2020-01-17",
     ("Bill 124 was introduced in the legislature on Monday. Trustees met on Wednesday to plan their budgets. "
      "Sam Hammond denounced the wage cap the morning it was introduced."),
     ("opposes", "sam-hammond", "wage-cap", "2020-01-13")),
    ("present-tense-stance-does-not-inherit-last-paragraph-day", "2020-01-17",
     ("The teachers' unions announced the joint strike on Jan. 9, and Stephen Lecce answered them that day."
      "\n\nThe unions, for their part, accuse the government of forcing through mandatory e-learning."),
     ("opposes", "teachers-unions", "e-learning", "2020-01-17")),
    ("following-day-counts-from-a-day-in-its-own-sentence", "2020-01-17",
     ("ETFO will escalate next week.\n\nTeachers in Durham would walk out on Tuesday, Jan. 21, and every ETFO "
      "member in Ontario would strike the following day."),
     ("strikes-at", "etfo", "", "2020-01-22")),
    ("date-parted-by-and-belongs-to-the-other-member", "2020-01-17",
     "ETFO closed the Durham board's schools on Jan. 13 for a one-day strike and again on Jan. 16 for a day of protest.",
     ("strikes-at", "etfo", "ddsb", "2020-01-13")),
    ("announced-strike-takes-its-start-day", "2020-01-17",
     ("OSSTF said it will reveal on Tuesday where its next round of walkouts will fall, a campaign set to start "
      "Jan. 27."),
     ("strikes-at", "osstf", "", "2020-01-27")),
    ("eve-of-an-event-is-the-day-before", "2020-01-17",
     ("Catholic teachers are off the job today at every board in Ontario.\n\nOn the eve of the walkout, "
      "Education Minister Stephen Lecce criticized OECTA and told the union to call it off."),
     ("responds-to", "stephen-lecce", "oecta", "2020-01-16")),
    ("a-day-earlier-is-the-day-before-the-one-named", "2020-01-17",
     ("Education Minister Stephen Lecce met the mediator on Thursday.\n\nA day earlier, ETFO president Sam "
      "Hammond had criticized the government's cuts to education."),
     ("opposes", "sam-hammond", "education-cuts", "2020-01-15")),
    ("the-next-day-after-a-dated-statement", "2020-01-17",
     ("Education Minister Stephen Lecce spoke to reporters on Monday.\n\nThe next day, Sam Hammond "
      "criticized the government's cuts to education."),
     ("opposes", "sam-hammond", "education-cuts", "2020-01-14")),
    ("past-verb-without-saying-takes-the-lead-day", "2020-01-17",
     ("OECTA announced a new strike date on Wednesday.\n\nIts president, Liz Stuart, blamed the "
      "government's cuts to education for the impasse."),
     ("opposes", "liz-stuart", "education-cuts", "2020-01-15")),
    ("opening-day-dates-a-strike-parsed-as-clausal-subject", "2020-01-17",
     ("OSSTF staged its first walkout on Jan. 8.\n\nYesterday, rotating strikes closed schools at the Durham and "
      "Peel district school boards."),
     ("strikes-at", "osstf", "ddsb", "2020-01-16")),
    ("sentence-whose-subject-is-a-day-dates-the-next", "2020-01-17",
     "Tuesday will be a busy day. OSSTF is holding a one-day strike at the Durham District School Board.",
     ("strikes-at", "osstf", "ddsb", "2020-01-21")),
    ("verbless-parse-takes-the-sentences-day", "2020-01-17",
     "OSSTF's rotation moves Wednesday to the Durham and Halton district school boards.",
     ("strikes-at", "osstf", "hdsb", "2020-01-22")),
    ("framing-participle-names-event-told-before", "2020-01-17",
     ("Talks broke off on Friday.\n\nOSSTF announced on Monday that its members would walk out next week.\n\n"
      "Announcing the walkout, Harvey Bischof said the government's cuts to education had left the union no choice."),
     ("opposes", "harvey-bischof", "education-cuts", "2020-01-13")),
    ("in-announcing-takes-the-day-the-news-was-told", "2020-01-17",
     ("High school teachers are picketing today at four boards.\n\nOSSTF said on Tuesday that its members "
      "would walk out next week.\n\nNo talks are scheduled.\n\n"
      "The government's cuts to education are hurting students, Harvey Bischof said in announcing the walkout."),
     ("opposes", "harvey-bischof", "education-cuts", "2020-01-14")),
    ("that-announcement-takes-the-day-the-news-was-told", "2020-01-17",
     ("Catholic teachers are off the job today.\n\nOECTA told its members on Jan. 8 that report cards would wait.\n\nBargaining resumes on Monday.\n\n"
      "In that announcement, Liz Stuart accused the province of planning deep cuts to education."),
     ("opposes", "liz-stuart", "education-cuts", "2020-01-08")),
    ("last-weeks-release-takes-the-day-the-news-was-told", "2020-01-17",
     ("Elementary teachers are off the job today at four boards.\n\nETFO released its strike schedule on Jan. 9."
      "\n\nIn last week's release, Sam Hammond said the "
      "cuts to education were the reason for the walkouts."),
     ("opposes", "sam-hammond", "education-cuts", "2020-01-09")),
    ("in-announcing-sentence-carries-its-day-to-the-next", "2020-01-17",
     ("In announcing the strike on Tuesday, ETFO president Sam Hammond said the cuts would hurt students. "
      "He called on Stephen Lecce to come back to the table."),
     ("responds-to", "sam-hammond", "stephen-lecce", "2020-01-14")),
    ("a-statement-names-no-news-told-before", "2020-01-17",
     ("OSSTF said on Tuesday that its members would walk out next week.\n\nIn a statement, Stephen Lecce "
      "criticized the union's escalation."),
     ("responds-to", "stephen-lecce", "osstf", "2020-01-17")),
    ("clause-after-comma-and-keeps-its-own-day", "2020-01-17",
     ("ETFO will step up its campaign next week.\n\nOn Monday the union's rotating strikes reach the Durham, Halton "
      "and Peel district school boards, and the York Region District School Board follows on Tuesday."),
     ("strikes-at", "etfo", "pdsb", "2020-01-20")),
    ("at-the-time-is-the-day-last-named", "2020-01-17",
     ("Layoff notices went out to 80 Durham teachers on Jan. 6.\n\nSam Hammond blamed the government's cuts to "
      "education at the time."),
     ("opposes", "sam-hammond", "education-cuts", "2020-01-06")),
    ("then-after-a-month-only-has-no-day", "2020-03-12",
     ("Support staff in Durham backed a strike mandate in October.\n\nLaura Walton said then that the "
      "government's cuts to education would reach every classroom."),
     ("opposes", "laura-walton", "education-cuts", "")),
    ("then-after-a-named-day-keeps-that-day", "2020-03-12",
     ("Support staff in Durham backed a strike mandate on March 2. Laura Walton said then that the "
      "government's cuts to education would reach every classroom."),
     ("opposes", "laura-walton", "education-cuts", "2020-03-02")),
    ("at-the-time-after-a-season-has-no-day", "2020-03-12",
     "The larger classes were first announced in the spring by the province, and Sam Hammond blamed the cuts to education at the time.",
     ("opposes", "sam-hammond", "education-cuts", "")),
    ("saying-told-by-another-is-the-tellers", "2020-03-12",
     ("The minister had insisted no teacher would be laid off, Marit Stiles said, and she asked Stephen Lecce "
      "to admit that his cuts had consequences."),
     ("responds-to", "marit-stiles", "stephen-lecce", "2020-03-12")),
    ("past-narration-takes-the-leads-event-day", "2019-10-15",
     ("Thousands of parents marched on Queen's Park on Saturday.\n\nOrganizers counted more than 200 buses.\n\n"
      "The parents were there to oppose the government's cuts to education."),
     ("opposes", "parents", "education-cuts", "2019-10-12")),
    ("past-progressive-scene-with-signs-takes-the-leads-day", "2020-01-28",
     ("Premier Doug Ford visited a Barrie school on Monday.\n\nA few teachers were standing outside the gate "
      "with placards reading \"Stop the cuts to education.\""),
     ("opposes", "teachers", "education-cuts", "2020-01-27")),
    ("dateline-lead-past-weekday-reads-back", "2020-01-17",
     ("Parents block premier's bus after school visit\n\nKINGSTON -- A crowd of chanting, placard-waving parents "
      "and union members hemmed in Premier Doug Ford's bus Wednesday as he tried to leave a school where he had "
      "just announced new funding.\n\nThe bus crawled away. The parents were angry about the government's cuts "
      "to education."),
     ("opposes", "parents", "education-cuts", "2020-01-15")),
]


@pytest.mark.parametrize("text_date, text, wanted", [case[1:] for case in STATEMENT_DAYS],
                         ids=[case[0] for case in STATEMENT_DAYS])
def test_statement_day(extractor, text_date, text, wanted):
    article = Article("case.txt", text, date.fromisoformat(text_date), text, ())
    resolved = resolve_entities(parse_article(article, extractor.nlp), extractor.kb, extractor.lexicon)
    found = {(f.relation, f.agent, f.object, f.date.isoformat() if f.date else "")
             for f in extract_facts(resolved, extractor.kb, extractor.rules)}
    assert wanted in found, sorted(found)


NAMES_EVENT = [
    ("passage", "pass", True), ("announcement", "announce", True), ("tabling", "table", True),
    ("release", "release", True), ("approval", "approve", True), ("rejection", "reject", True),
    ("result", "release", False), ("announcement", "make", False), ("bill", "pass", False),
]


@pytest.mark.parametrize("noun, verb, expected", NAMES_EVENT)
def test_names_event(noun, verb, expected):
    assert names_event(noun, verb) is expected
