"""Extraction quality: the five fact queries scored against hand-written gold facts.

Seeds gold: ``tests/cases/gold/seeds.jsonl`` (every fact a careful reader lists in the three
seed articles). Unseen gold: ``tests/cases/gold/unseen.jsonl`` for articles written from other
days' coverage after the rules (``tests/articles/unseen``): reported separately, they say
whether the extractor generalises. Each run prints recall and precision per query; the floors
below are what the extractor reaches now, so a change that loses ground fails.
"""

from __future__ import annotations

import pytest

from conftest import CASES
from graph.evaluate import KEY_COLUMNS, load_gold, score_query
from graph.queries import OxigraphEngine, load_queries, run
from graph.store import open_store

#: (gold set, query) -> (recall floor, precision floor)
FLOORS = {
    ("seeds", "who-opposed"): (0.92, 0.92),
    ("seeds", "proposals"): (0.90, 0.90),
    ("seeds", "strikes"): (0.92, 0.92),
    ("seeds", "responses"): (0.95, 0.95),
    ("seeds", "represents"): (0.95, 0.95),
    ("unseen", "who-opposed"): (0.65, 0.80),
    ("unseen", "proposals"): (0.61, 0.79),
    ("unseen", "strikes"): (0.75, 0.85),
    ("unseen", "responses"): (0.56, 0.77),
    ("unseen", "represents"): (0.79, 0.92),
}


@pytest.fixture(scope="module")
def rows_by_set(seeds_build, unseen_build):
    queries = load_queries()
    rows = {}
    for name, folder in (("seeds", seeds_build), ("unseen", unseen_build)):
        engine = OxigraphEngine(open_store(folder))
        rows[name] = {query: run(engine, queries[query]).rows for query in KEY_COLUMNS}
    return rows


@pytest.mark.parametrize("gold_set, query", sorted(FLOORS), ids=lambda v: str(v))
def test_query_meets_its_floor(rows_by_set, kb, gold_set, query):
    gold = load_gold(CASES / "gold" / f"{gold_set}.jsonl")
    score = score_query(query, rows_by_set[gold_set][query], gold, kb)
    print(f"[{gold_set}] {score.line()}")
    recall_floor, precision_floor = FLOORS[(gold_set, query)]
    assert score.recall >= recall_floor, f"{gold_set} {query}: missed {score.missed}"
    assert score.precision >= precision_floor, f"{gold_set} {query}: extra {score.extra}"


def test_every_seed_fact_carries_article_evidence_and_offsets(rows_by_set):
    for query, rows in rows_by_set["seeds"].items():
        for row in rows:
            assert row["article"].endswith(".txt") and row["evidence"], (query, row)
