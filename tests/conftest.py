"""Fixtures shared by the tests: the loaded extractor and built graphs, made once per session."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
UNSEEN = ROOT / "tests" / "articles" / "unseen"
CASES = ROOT / "tests" / "cases"


@pytest.fixture(scope="session")
def extractor():
    from graph.pipeline import load_extractor

    return load_extractor()


@pytest.fixture(scope="session")
def kb(extractor):
    return extractor.kb


@pytest.fixture(scope="session")
def seeds_build(tmp_path_factory, extractor) -> Path:
    """The seeds built once into a temporary folder."""
    from graph.pipeline import build

    out = tmp_path_factory.mktemp("seeds-build")
    build([SEEDS], out, extractor=extractor)
    return out


@pytest.fixture(scope="session")
def unseen_build(tmp_path_factory, extractor) -> Path:
    from graph.pipeline import build

    out = tmp_path_factory.mktemp("unseen-build")
    build([UNSEEN], out, extractor=extractor)
    return out


def bench_corpus():
    """bench/corpus.py (the article generator), loaded from its script folder once."""
    if "bench_corpus" not in sys.modules:
        spec = importlib.util.spec_from_file_location("bench_corpus", ROOT / "bench" / "corpus.py")
        sys.modules["bench_corpus"] = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(sys.modules["bench_corpus"])
    return sys.modules["bench_corpus"]
