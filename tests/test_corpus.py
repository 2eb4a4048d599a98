"""bench/corpus.py: the benchmark corpus is the same for the same seed, and looks like the seeds."""

from __future__ import annotations

import csv
from datetime import date

import pytest

from conftest import bench_corpus


corpus = bench_corpus()


def _files(folder):
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir())}


def test_same_seed_gives_the_same_bytes(tmp_path):
    corpus.write_corpus(6, 3, tmp_path / "a")
    corpus.write_corpus(6, 3, tmp_path / "b")
    assert _files(tmp_path / "a") == _files(tmp_path / "b")


def test_another_seed_gives_other_articles(tmp_path):
    corpus.write_corpus(3, 1, tmp_path / "a")
    corpus.write_corpus(3, 2, tmp_path / "b")
    assert set(_files(tmp_path / "a")).isdisjoint(set(_files(tmp_path / "b")) - {"metadata.csv"})


def test_a_bigger_corpus_starts_with_the_smaller_one(tmp_path):
    small = corpus.write_corpus(3, 5, tmp_path / "small")
    large = corpus.write_corpus(5, 5, tmp_path / "large")
    assert [p.read_bytes() for p in small] == [p.read_bytes() for p in large[:3]]


def test_metadata_dates_every_article_within_the_dispute(tmp_path):
    paths = corpus.write_corpus(8, 1, tmp_path)
    with (tmp_path / "metadata.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [row["file"] for row in rows] == [p.name for p in paths]
    assert all(corpus.FIRST_DAY <= date.fromisoformat(row["date"]) <= corpus.LAST_DAY for row in rows)
    assert all(row["source"] for row in rows)


@pytest.mark.parametrize("index", range(5))
def test_articles_are_news_length_and_name_knowledge_base_actors(index):
    cast = corpus.load_cast()
    text, _, _ = corpus.generate_article(1, index, cast)
    assert 300 <= len(text.split()) <= 750
    names = [name for name, _ in cast.unions] + list(cast.people) + list(cast.boards)
    assert any(name in text for name in names)
