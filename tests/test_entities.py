"""Tests for the entities stage (graph/entities.py): aliases, acronyms, surnames, titles, pronouns.

Cases live in tests/cases/entities.jsonl, one short text each with the (surface, entity id)
pairs a careful reader would give, in text order; ``null`` means "resolves to nothing". Each
surface is looked up after the previous one, so a repeated word ("the union" twice) is
pinned to its place. A case the resolver gets wrong today carries an ``xfail`` field saying
why; it stays in the table so that a fix shows up (strict: remove the field once it passes).
"""

from __future__ import annotations

import json
import re
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from graph.entities import resolve_entities, slugify
from graph.mentions import parse_article
from graph.model import Article

CASES_FILE = Path(__file__).parent / "cases" / "entities.jsonl"
CASE_FIELDS = {"id", "text", "expected", "why", "xfail"}


def _load_cases() -> list[dict]:
    lines = CASES_FILE.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def _params(with_xfail: bool = True) -> list:
    params = []
    for case in _load_cases():
        marks = [pytest.mark.xfail(reason=case["xfail"], strict=True)] if with_xfail and case.get("xfail") else []
        params.append(pytest.param(case, id=case["id"], marks=marks))
    return params


def _resolved(case: dict, extractor):
    article = Article("case.txt", case["text"], date(2019, 12, 4), case["text"])
    return resolve_entities(parse_article(article, extractor.nlp), extractor.kb, extractor.lexicon)


def _spans(text: str, surfaces: list[str]) -> list[tuple[int, int]]:
    """Character span of each surface, each found after the previous one (whole words only)."""
    spans, cursor = [], 0
    for surface in surfaces:
        match = re.compile(rf"(?<!\w){re.escape(surface)}(?!\w)").search(text, cursor)
        assert match, f"{surface!r} not found after offset {cursor}: fix the case in {CASES_FILE.name}"
        spans.append(match.span())
        cursor = match.end()
    return spans


def test_cases_are_well_formed():
    cases = _load_cases()
    assert len({c["id"] for c in cases}) == len(cases), "case ids must be unique"
    for case in cases:
        assert set(case) <= CASE_FIELDS and {"id", "text", "expected", "why"} <= set(case), case["id"]
        assert all(len(pair) == 2 for pair in case["expected"]), case["id"]
        _spans(case["text"], [surface for surface, _ in case["expected"]])


@pytest.mark.parametrize("case", _params())
def test_resolution(case, extractor):
    resolved = _resolved(case, extractor)
    tokens = resolved.parsed.tokens
    spans = _spans(case["text"], [surface for surface, _ in case["expected"]])
    wrong = []
    for (surface, expected), (start, end) in zip(case["expected"], spans):
        found = {resolved.entity_at(t.i) for t in tokens if t.start < end and t.end > start} - {""}
        if found != ({expected} if expected else set()):
            wrong.append(f"{surface!r} at {start}: expected {expected}, got {sorted(found) or None}")
    assert not wrong, f"{case['why']}\n" + "\n".join(wrong)


@pytest.mark.parametrize("case", _params(with_xfail=False))
def test_resolved_entities_are_listed(case, extractor):
    """Every id a token points to is an entity of the article, with the type its id implies."""
    resolved = _resolved(case, extractor)
    listed = {e.id for e in resolved.entities}
    assert {entity_id for _, entity_id in resolved.token_entities} <= listed
    for entity in resolved.entities:
        known = extractor.kb.entities.get(entity.id)
        assert entity == known if known else entity.id == slugify(entity.name), entity


#: name -> id for entities the knowledge base does not know
SLUGS = [
    ("Jane Doe", "jane-doe"),
    ("Rémi Sabourin", "remi-sabourin"),
    ("Ontario Principals' Council", "ontario-principals-council"),
    ("Conseil scolaire de district catholique de l'Est ontarien", "conseil-scolaire-de-district-catholique-de-l-est-ontarien"),
    ("  Trailing  spaces  ", "trailing-spaces"),
    ("Ontario–Quebec", "ontario-quebec"),
    ("l’Est ontarien", "l-est-ontarien"),
]


@pytest.mark.parametrize(("name", "slug"), SLUGS)
def test_slugify(name, slug):
    assert slugify(name) == slug


def test_slugify_never_empty():
    assert slugify("…") and slugify("…") != slugify("—")


#: The tagger's slips with a name first given in full, then by surname alone: (case id, text,
#: what the tagger is made to say of the full name -- None: it misses it, or the label it
#: wrongly gives --, the surname written alone, the person's id). The surname alone must
#: still land on the person named in full.
_CASTIGLIONI = ("Evangelina Castiglioni, who leads the local, acknowledged that students were missing class. "
                "Castiglioni said the province must return to the table.")
TAGGER_SLIPS = [
    ("full-name-missed", _CASTIGLIONI, None, "Castiglioni", "evangelina-castiglioni"),
    ("full-name-taken-for-an-organisation", _CASTIGLIONI, "ORG", "Castiglioni", "evangelina-castiglioni"),
]


@pytest.mark.parametrize(("text", "full_name_label", "surname", "person"),
                         [case[1:] for case in TAGGER_SLIPS], ids=[case[0] for case in TAGGER_SLIPS])
def test_surname_survives_tagger_slips(text, full_name_label, surname, person, extractor):
    parsed = parse_article(Article("case.txt", text, date(2020, 1, 29), text), extractor.nlp)
    full_name = next(m for m in parsed.mentions if m.text.endswith(f" {surname}"))
    slipped = () if full_name_label is None else (replace(full_name, label=full_name_label),)
    mentions = tuple(m for m in parsed.mentions if m is not full_name) + slipped
    resolved = resolve_entities(replace(parsed, mentions=tuple(sorted(mentions, key=lambda m: m.start))),
                                extractor.kb, extractor.lexicon)
    alone = [t.i for t in resolved.parsed.tokens if t.text == surname][-1]
    assert resolved.entity_at(alone) == person
    assert next(e for e in resolved.entities if e.id == person).type == "Person"
