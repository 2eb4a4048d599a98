"""Fixtures shared by the tests: the loaded extractor and built graphs, made once per session."""

from __future__ import annotations

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
