"""Tests for building (graph/pipeline.py build, graph/manifest.py, graph/store.py writing).

Rebuilds must be trustworthy: an incremental build gives byte-for-byte the graph a full
build gives; a build killed at any point leaves the previous graph whole and queryable; a
folder with bad files still builds every good article, and the exit status says whether
anything was skipped. Every graph built here is validated with the shipped shapes.
"""

from __future__ import annotations

import csv
import json
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from graphcheck import assert_valid
from rdflib import Literal

from graph.cli import EXIT_SKIPPED, cli
from graph.errors import ArticleError, StoreError
from graph.manifest import MANIFEST_FILE, build_lock
from graph.namespace import SG
from graph.pipeline import build
from graph.rdf import article_iri
from graph.store import NQUADS_FILE, TRIG_FILE, open_store
from graph.validate import load_union
from graph.hygiene import prepare

ROOT = Path(__file__).resolve().parent.parent
CORPUS = [ROOT / "seeds", ROOT / "tests" / "articles" / "unseen"]
NEW_ARTICLE = ("Ontario Secondary School Teachers' Federation president Harvey Bischof said the union "
               "opposes mandatory e-learning.\n")


def _copy_corpus(folder: Path, copies: int = 1) -> list[str]:
    """The seeds and unseen articles (``copies`` times, each copy's text made distinct), with metadata."""
    folder.mkdir(parents=True, exist_ok=True)
    dates = {}
    for source in CORPUS:
        with (source / "metadata.csv").open(encoding="utf-8") as handle:
            dates.update({row["file"]: row["date"] for row in csv.DictReader(handle)})
    names, rows = [], []
    for copy in range(copies):
        for path in sorted(p for source in CORPUS for p in source.glob("*.txt")):
            name = path.name if copies == 1 else f"{copy:02d}-{path.name}"
            text = path.read_text(encoding="utf-8") + ("" if copies == 1 else f"\n\nReport {copy} of the series.\n")
            (folder / name).write_text(text, encoding="utf-8")
            names.append(name)
            if path.name in dates:
                rows.append(f"{name},{dates[path.name]}")
    (folder / "metadata.csv").write_text("file,date\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return names


def _change(folder: Path, names: list[str]) -> None:
    """A month of corpus upkeep: one article edited, one removed, one added."""
    edited = folder / names[0]
    edited.write_text(edited.read_text(encoding="utf-8") + "\n\n" + NEW_ARTICLE, encoding="utf-8")
    (folder / names[1]).unlink()
    (folder / "new-article.txt").write_text(NEW_ARTICLE.replace("e-learning", "increased class sizes"), encoding="utf-8")


def _build(paths, out: Path, extractor, **options):
    return build(list(paths), out, extractor=extractor, jobs=1, **options)


# ------------------------------------------------------------------------------ incremental


def test_incremental_build_equals_full_build(tmp_path, extractor):
    names = _copy_corpus(tmp_path / "corpus")
    first = _build([tmp_path / "corpus"], tmp_path / "inc", extractor)
    assert first.reused == 0
    old_nq = (tmp_path / "inc" / NQUADS_FILE).read_text(encoding="utf-8")
    _change(tmp_path / "corpus", names)
    again = _build([tmp_path / "corpus"], tmp_path / "inc", extractor)
    assert again.reused == len(names) - 2, "only the edited and the new article are extracted"
    full = _build([tmp_path / "corpus"], tmp_path / "full", extractor)
    for output in (NQUADS_FILE, TRIG_FILE):
        assert (tmp_path / "inc" / output).read_bytes() == (tmp_path / "full" / output).read_bytes()
    nq = (tmp_path / "inc" / NQUADS_FILE).read_text(encoding="utf-8")
    assert f"<{article_iri(names[1])}>" in old_nq and f"<{article_iri(names[1])}>" not in nq, "removed article dropped"
    assert "new-article.txt" in nq
    assert len(nq.splitlines()) == len(set(nq.splitlines())), "nothing duplicated"
    assert (again.articles, again.facts, again.entities) == (full.articles, full.facts, full.entities)
    assert_valid(tmp_path / "inc")


def test_a_changed_article_graph_is_replaced(tmp_path, extractor):
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "a.txt").write_text(" date 2020-01-15\n" + NEW_ARTICLE, encoding="utf-8")
    _build([folder], tmp_path / "out", extractor)
    (folder / "a.txt").write_text(" date 2020-01-15\n" + NEW_ARTICLE.replace("e-learning", "increased class sizes"),
                                  encoding="utf-8")
    _build([folder], tmp_path / "out", extractor)
    quads = load_union(tmp_path / "out" / NQUADS_FILE)
    evidence = {str(o) for o in quads.objects(None, SG.evidence)}
    assert evidence and all("class sizes" in e for e in evidence), evidence
    assert_valid(tmp_path / "out")


def test_an_unchanged_rebuild_reuses_every_article_and_full_reuses_none(tmp_path, extractor):
    names = _copy_corpus(tmp_path / "corpus")
    _build([tmp_path / "corpus"], tmp_path / "out", extractor)
    before = (tmp_path / "out" / NQUADS_FILE).read_bytes()
    assert _build([tmp_path / "corpus"], tmp_path / "out", extractor).reused == len(names)
    assert _build([tmp_path / "corpus"], tmp_path / "out", extractor, full=True).reused == 0
    assert (tmp_path / "out" / NQUADS_FILE).read_bytes() == before


@pytest.mark.parametrize("damage", ["other-fingerprint", "corrupt-article-file", "missing-article-file",
                                    "corrupt-manifest"])
def test_a_damaged_or_stale_manifest_never_changes_the_graph(tmp_path, extractor, damage):
    names = _copy_corpus(tmp_path / "corpus")
    _build([tmp_path / "corpus"], tmp_path / "out", extractor)
    before = (tmp_path / "out" / NQUADS_FILE).read_bytes()
    manifest_path = tmp_path / "out" / MANIFEST_FILE
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    stored = tmp_path / "out" / manifest["articles"][0]["file"]
    if damage == "other-fingerprint":
        data = json.loads(stored.read_text(encoding="utf-8"))
        stored.write_text(json.dumps({**data, "fingerprint": "an older strikegraph"}), encoding="utf-8")
    elif damage == "corrupt-article-file":
        stored.write_text('{"facts": [', encoding="utf-8")
    elif damage == "missing-article-file":
        stored.unlink()
    else:
        manifest_path.write_text("{not json", encoding="utf-8")
    summary = _build([tmp_path / "corpus"], tmp_path / "out", extractor)
    assert summary.reused == len(names) - (damage != "corrupt-manifest")
    assert (tmp_path / "out" / NQUADS_FILE).read_bytes() == before


def test_a_second_build_into_the_same_folder_is_refused_while_one_runs(tmp_path, extractor):
    (tmp_path / "a.txt").write_text(NEW_ARTICLE, encoding="utf-8")
    with build_lock(tmp_path / "out"):
        with pytest.raises(StoreError, match="another build is writing to"):
            _build([tmp_path / "a.txt"], tmp_path / "out", extractor)


# ------------------------------------------------------------------------------ killed builds

#: Builds ``argv[1]`` into ``argv[2]``; SIGKILLs itself at the point named by ``argv[3]`` ("" for none).
BUILDER = r"""
import json, os, signal, sys
from pathlib import Path
from graph import pipeline

source, out, point = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]

def die():
    os.kill(os.getpid(), signal.SIGKILL)

def progress(results):
    for number, result in enumerate(results, start=1):
        if point == "extracting" and number == 20:
            die()
        yield result
    sys.setprofile(hook)  # extraction is over: watch the writing

def hook(frame, event, arg):
    if event != "c_call":
        return
    name, where = getattr(arg, "__name__", ""), frame.f_code.co_name
    if (point.startswith("moving ") and name == "replace" and where == "replace_file"
            and frame.f_locals["path"].name == point[7:]):
        die()
    if point == "loading store" and name == "bulk_extend":
        die()
    if point == "swapping store link" and name == "replace" and where == "load_store":
        die()

summary = pipeline.build([source], out, jobs=1, progress=progress, full=point == "extracting")
print(json.dumps({"articles": summary.articles, "reused": summary.reused}))
"""

#: (kill point, which generation each output holds afterwards: old or new)
KILL_POINTS = [
    ("extracting", {"graph.nq": "old", "graph.trig": "old", "store": "old"}),
    ("moving graph.nq", {"graph.nq": "old", "graph.trig": "old", "store": "old"}),
    ("moving graph.trig", {"graph.nq": "new", "graph.trig": "old", "store": "old"}),
    ("loading store", {"graph.nq": "new", "graph.trig": "new", "store": "old"}),
    ("swapping store link", {"graph.nq": "new", "graph.trig": "new", "store": "old"}),
    ("moving manifest.json", {"graph.nq": "new", "graph.trig": "new", "store": "new"}),
]
FILE_NAMES = "SELECT ?name WHERE { GRAPH ?g { ?a <https://w3id.org/strikegraph/ontology#fileName> ?name } }"


def _run_build(base: Path, corpus: Path, out: Path, point: str = "") -> subprocess.CompletedProcess:
    """A build in its own process, on the snapshot of the code taken for this module's tests."""
    return subprocess.run([sys.executable, "-c", BUILDER, str(corpus), str(out), point], cwd=base / "code",
                          capture_output=True, text=True, timeout=900, start_new_session=True)


@pytest.fixture(scope="module")
def killed_build_setup(tmp_path_factory):
    """A 55-article corpus built (the previous graph), its next version, and that version built on top.

    Every build here runs in a subprocess on one snapshot of the package, so that the code
    that built the previous graph is the code that is killed and the code that finishes.
    """
    base = tmp_path_factory.mktemp("kill")
    shutil.copytree(ROOT / "graph", base / "code" / "graph", ignore=shutil.ignore_patterns("__pycache__"))
    names = _copy_corpus(base / "corpus", copies=5)
    assert _run_build(base, base / "corpus", base / "previous").returncode == 0
    _change(base / "corpus", names)
    shutil.copytree(base / "previous", base / "next", symlinks=True)
    assert _run_build(base, base / "corpus", base / "next").returncode == 0
    return base


def _generation(out: Path, output: str, base: Path) -> str:
    if output == "store":
        names = _file_names(out)
        return {_file_names(base / "previous"): "old", _file_names(base / "next"): "new"}.get(names, "neither")
    data = (out / output).read_bytes()
    return "old" if data == (base / "previous" / output).read_bytes() else \
        "new" if data == (base / "next" / output).read_bytes() else "neither"


def _file_names(out: Path) -> frozenset[str]:
    """The articles the store answers for (queried: the store opens and answers)."""
    return frozenset(row[0].value for row in open_store(out).query(FILE_NAMES))


@pytest.mark.slow
@pytest.mark.parametrize("point, expected", KILL_POINTS, ids=[p for p, _ in KILL_POINTS])
def test_a_build_killed_part_way_leaves_the_previous_graph_whole(tmp_path, killed_build_setup, point, expected):
    base, out = killed_build_setup, tmp_path / "out"
    shutil.copytree(base / "previous", out, symlinks=True)
    killed = _run_build(base, base / "corpus", out, point)
    assert killed.returncode == -signal.SIGKILL, killed.stderr[-2000:]
    assert {output: _generation(out, output, base) for output in expected} == expected
    assert_valid(out, offsets=False)
    finished = _run_build(base, base / "corpus", out)
    assert finished.returncode == 0, finished.stderr[-2000:]
    summary = json.loads(finished.stdout)
    assert (out / NQUADS_FILE).read_bytes() == (base / "next" / NQUADS_FILE).read_bytes()
    kept = summary["articles"] - 1 if point == "extracting" else summary["articles"]
    assert summary["reused"] == kept, "work finished before the kill is kept"
    assert not list(out.glob(".*.tmp")) and len(list((out / ".stores").iterdir())) == 1, "leftovers removed"
    assert_valid(out)


# ------------------------------------------------------------------------------ bad input in a build

HTML_PAGE = ("<!DOCTYPE html><html><head><title>Strike</title></head><body>\n<h1>Unions</h1>\n"
             "<p>OSSTF president Harvey Bischof said the union opposes increased class sizes.</p>"
             "<script>alert('<p>x</p>')</script></body></html>")
BAD_FILES = {
    "empty.txt": b"",
    "binary.txt": bytes(range(256)) * 20,
    "undecodable.txt": b"Teachers \x81\x8d\x8f strike \x90\x9d today.",
}


def _bad_folder(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "good.txt").write_text(NEW_ARTICLE, encoding="utf-8")
    (folder / "latin.txt").write_bytes("AEFO president R\u00e9mi Sabourin said the union opposes "
                                       "increased class sizes.\n".encode("cp1252"))
    (folder / "page.txt").write_text(HTML_PAGE, encoding="utf-8")
    (folder / "same-as-good.txt").write_text(NEW_ARTICLE, encoding="utf-8")
    (folder / "metadata.csv").write_text("file,date\ngood.txt,2020-01-15\ngood.txt,2020-01-16\n"
                                         "gone.txt,2020-01-15\nlatin.txt,2020-02-31\n", encoding="utf-8")
    for name, data in BAD_FILES.items():
        (folder / name).write_bytes(data)


def test_a_folder_with_bad_files_builds_every_good_article(tmp_path, extractor):
    _bad_folder(tmp_path / "corpus")
    summary = _build([tmp_path / "corpus"], tmp_path / "out", extractor)
    assert sorted(summary.skipped) == sorted(BAD_FILES)
    assert summary.articles == 3
    for name in BAD_FILES:
        assert any(w.startswith(f"{name}: ") for w in summary.warnings), name
    quads = load_union(tmp_path / "out" / NQUADS_FILE)
    assert {str(o) for o in quads.objects(None, SG.fileName)} == {"good.txt", "latin.txt", "page.txt"}
    assert set(quads.objects(None, SG.alsoKnownAs)) == {Literal("same-as-good.txt")}
    literals = " ".join(str(o) for o in quads.objects() if isinstance(o, Literal))
    assert "Rémi" in literals or "opposes" in literals
    assert "<" not in literals and "alert" not in literals, "markup never reaches the graph"
    assert_valid(tmp_path / "out")


@pytest.mark.parametrize("args, status, fragment", [
    (["--jobs", "1"], EXIT_SKIPPED, "3 skipped"),
    (["--jobs", "1", "--strict"], 1, "good.txt is listed again (first on line 2); the first row is kept"),
], ids=["skipped-articles-exit-3", "strict-stops-at-the-first-problem"])
def test_build_exit_status(tmp_path, args, status, fragment):
    _bad_folder(tmp_path / "corpus")
    result = CliRunner().invoke(cli, ["build", str(tmp_path / "corpus"), "--out", str(tmp_path / "out"), *args])
    assert result.exit_code == status, result.output
    assert fragment in result.stderr


def test_build_exit_status_is_0_when_everything_built(tmp_path):
    (tmp_path / "a.txt").write_text(" date 2020-01-15\n" + NEW_ARTICLE, encoding="utf-8")
    result = CliRunner().invoke(cli, ["build", str(tmp_path / "a.txt"), "--out", str(tmp_path / "out"), "--jobs", "1",
                                      "--strict"])
    assert result.exit_code == 0, result.stderr
    assert_valid(tmp_path / "out")


def test_strict_build_raises_on_the_first_problem(tmp_path, extractor):
    _bad_folder(tmp_path / "corpus")
    with pytest.raises(ArticleError, match="stopped by --strict"):
        _build([tmp_path / "corpus"], tmp_path / "out", extractor, strict=True)
    assert not (tmp_path / "out" / NQUADS_FILE).exists()


# ------------------------------------------------------------------------------ text that must still build


def test_an_article_longer_than_spacy_max_length_builds(tmp_path, extractor):
    """Paragraphs far apart (whitespace keeps the parse cheap) past nlp.max_length; the last one counts."""
    filler = "\n\n" + " " * 99_000 + "\n\n"
    paragraphs = ["Lecce spoke.", *["Teachers met again."] * 10, NEW_ARTICLE.strip()]
    text = " date 2020-01-15\n" + filler.join(paragraphs) + "\n"
    assert len(text) > extractor.nlp.max_length
    (tmp_path / "long.txt").write_text(text, encoding="utf-8")
    summary = _build([tmp_path / "long.txt"], tmp_path / "out", extractor)
    assert summary.articles == 1 and not summary.skipped
    quads = load_union(tmp_path / "out" / NQUADS_FILE)
    starts = [int(o) for o in quads.objects(None, SG.evidenceStart)]
    assert starts and max(starts) == text.index(NEW_ARTICLE.strip()), "the last part was parsed, offsets kept"
    assert_valid(tmp_path / "out")


DIRTY_BETWEEN = ("\ufeff date 2020-01-15\n\x1b[1m\x1b[0m\n" + NEW_ARTICLE + "\x00\u200b\n\x1b]0;title\x07\n"
                 "AEFO president R\u00e9mi Sabourin said the union opposes increased class sizes.\n")
DIRTY_INSIDE = (" date 2020-01-15\nOntario Secondary School Teachers' Federation president Harvey Bis\u200bchof said the "
                "union opposes mandatory e\u00ad-learning.\nAEFO president Re\u0301mi Sabourin said the union "
                "opposes increased\x00 class sizes.\n")


def _facts(extractor, folder: Path, name: str, text: str):
    (folder / name).write_text(text, encoding="utf-8")
    from graph.pipeline import read_articles

    articles, _, _ = read_articles([folder / name])
    result = next(iter(extractor.extract(articles)))
    assert result.facts, "the dirty article still gives facts"
    return articles[0], result.facts


def test_evidence_offsets_point_at_the_original_text_of_a_dirty_article(tmp_path, extractor):
    article, facts = _facts(extractor, tmp_path, "dirty.txt", DIRTY_BETWEEN)
    assert any("Bischof" in f.evidence.sentence for f in facts) and any("Rémi" in f.evidence.sentence for f in facts)
    for fact in facts:
        assert article.source_text[fact.evidence.start:fact.evidence.end] == fact.evidence.sentence


INLINE_MARKUP = ("<html><body><p>OSSTF president Harvey Bischof said the union <b>opposes</b> increased "
                 "class&nbsp;sizes.</p></body></html>")

@pytest.mark.parametrize("name, text", [("dirty.txt", DIRTY_INSIDE), ("page.html", INLINE_MARKUP)],
                         ids=["dirt-inside-sentences", "inline-html-markup"])
def test_evidence_offsets_span_what_was_removed_inside_the_sentence(tmp_path, extractor, name, text):
    article, facts = _facts(extractor, tmp_path, name, text)
    for fact in facts:
        read, _ = prepare(article.source_text[fact.evidence.start:fact.evidence.end], name)
        assert read.text.strip() == fact.evidence.sentence
    _build([tmp_path / name], tmp_path / "out", extractor)
    assert_valid(tmp_path / "out")
