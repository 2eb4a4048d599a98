"""Tests for the command line (graph/cli.py): help, exact error texts, and clean output streams.

Most run in-process with click's ``CliRunner`` (standard output and standard error kept
apart); two run the real command in a subprocess, as another program would. Queries run on
the session's seeds build; the one build here is a two-article folder with metadata.
"""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Dataset, Literal, Namespace
from rdflib.namespace import RDFS

from graph.articles import ArticleSource, read_article
from graph.cli import cli
from graph.namespace import ENTITIES_GRAPH
from graph.queries import load_queries
from graph.rdf import article_iri

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
CANNED = load_queries()
SDO = Namespace("https://schema.org/")  # rdflib's own SDO warns when pytest inspects the module


def _runner() -> CliRunner:
    """Standard error apart from standard output (click 8.2+ always; 8.1 with mix_stderr)."""
    try:
        return CliRunner(mix_stderr=False)
    except TypeError:
        return CliRunner()


def invoke(*args: str, input: str | None = None):
    return _runner().invoke(cli, list(args), input=input, catch_exceptions=False)


def _strikegraph(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    """The real command, as ``.venv/bin/strikegraph`` runs it (portable: this interpreter)."""
    return subprocess.run([sys.executable, "-m", "graph.cli", *args], cwd=cwd, capture_output=True,
                          text=True, timeout=300)


# ------------------------------------------------------------------------------ help and README


@pytest.mark.parametrize("name", sorted(cli.commands))
def test_every_command_has_help_and_a_description(name):
    command = cli.commands[name]
    assert (command.help or "").strip(), f"'strikegraph {name}' has no description"
    result = invoke(name, "--help")
    assert result.exit_code == 0, result.stderr
    assert re.match(rf"Usage: \S+ {re.escape(name)}\b", result.stdout), result.stdout
    first_line = " ".join(command.help.strip().splitlines()[0].split())
    assert first_line in " ".join(result.stdout.split()), f"the description of {name} is not in its --help"


@pytest.mark.parametrize("name", sorted(cli.commands))
def test_every_command_appears_in_the_readme(name):
    assert f"strikegraph {name}" in README, f"README.md never mentions 'strikegraph {name}'"


def test_top_level_help_lists_every_command():
    result = invoke("--help")
    assert result.exit_code == 0
    for name in cli.commands:
        assert re.search(rf"^\s+{re.escape(name)}\b", result.stdout, re.MULTILINE), name


def test_queries_lists_every_canned_query_with_columns():
    result = invoke("queries")
    assert result.exit_code == 0 and result.stderr == ""
    for name, query in CANNED.items():
        assert f"{name}: {query.summary}" in result.stdout
        assert f"columns: {', '.join(query.columns)}" in result.stdout


# ------------------------------------------------------------------------------ exact error texts


def _accepted(name: str) -> list[str]:
    return [p.name for p in CANNED[name].params]


#: (case id, arguments after 'query', stderr must start with, exit status); "{build}" is the seeds
#: build and "{missing}" a folder that does not exist.
QUERY_ERRORS = [
    ("unknown-canned-query", ["nope"], "Error: no canned query 'nope'", 1),
    ("missing-build-folder", ["who-opposed", "--graph", "{missing}"], "Error: no built graph in {missing}", 1),
    ("unknown-param", ["who-opposed", "--graph", "{build}", "--param", "colour=red"],
     "Error: query 'who-opposed' has no parameter 'colour' (it accepts: " + ", ".join(_accepted("who-opposed")) + ")", 1),
    ("unknown-param-on-query-without-dates", ["represents", "--graph", "{build}", "--param", "since=2020-01-01"],
     "Error: query 'represents' has no parameter 'since' (it accepts: " + ", ".join(_accepted("represents")) + ")", 1),
    ("bad-date", ["who-opposed", "--graph", "{build}", "--param", "since=2020-13-45"],
     "Error: --param since='2020-13-45': a date must be YYYY-MM-DD", 1),
    ("bad-date-words", ["timeline", "--graph", "{build}", "--param", "until=last week"],
     "Error: --param until='last week': a date must be YYYY-MM-DD", 1),
    ("param-without-equals", ["who-opposed", "--graph", "{build}", "--param", "actorOSSTF"],
     "Error: --param 'actorOSSTF': write it as NAME=VALUE", 1),
    ("missing-query-file", ["missing.rq", "--graph", "{build}"], "Error: no query file missing.rq", 1),
    ("unknown-format", ["who-opposed", "--graph", "{build}", "--format", "xml"], "Usage: ", 2),
]


@pytest.mark.parametrize(("args", "stderr", "status"), [c[1:] for c in QUERY_ERRORS], ids=[c[0] for c in QUERY_ERRORS])
def test_query_errors(seeds_build, tmp_path, args, stderr, status):
    places = {"build": str(seeds_build), "missing": str(tmp_path / "no-build")}
    result = invoke("query", *[a.format(**places) for a in args])
    assert result.exit_code == status
    assert result.stderr.startswith(stderr.format(**places)), result.stderr
    assert result.stdout == ""


def test_invalid_sparql_file(seeds_build, tmp_path):
    query = tmp_path / "broken.rq"
    query.write_text("SELECT ?x WHERE { ?x ?y }", encoding="utf-8")
    result = invoke("query", str(query), "--graph", str(seeds_build))
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: the query is not valid SPARQL"), result.stderr
    assert result.stdout == ""


def test_build_of_a_missing_path(tmp_path):
    result = invoke("build", str(tmp_path / "nowhere"), "--out", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: {tmp_path / 'nowhere'}: no such file or folder")
    assert result.stdout == ""


def test_unknown_command_is_a_usage_error():
    result = invoke("frobnicate")
    assert result.exit_code == 2 and result.stdout == ""


# ------------------------------------------------------------------------------ clean output


@pytest.fixture(scope="module")
def outputs(seeds_build) -> dict[str, str]:
    """who-opposed in every format, checked to leave standard error empty."""
    texts = {}
    for fmt in ("table", "csv", "json"):
        result = invoke("query", "who-opposed", "--graph", str(seeds_build), "--format", fmt)
        assert result.exit_code == 0 and result.stderr == "", result.stderr
        texts[fmt] = result.stdout
    return texts


def test_json_is_a_list_of_objects_keyed_by_columns(outputs):
    rows = json.loads(outputs["json"])
    assert isinstance(rows, list) and rows
    assert all(list(row) == list(CANNED["who-opposed"].columns) for row in rows)
    assert all(isinstance(value, str) for row in rows for value in row.values())


def test_csv_parses_back_to_the_json_rows(outputs):
    reader = csv.DictReader(io.StringIO(outputs["csv"], newline=""))
    assert tuple(reader.fieldnames) == CANNED["who-opposed"].columns
    assert list(reader) == json.loads(outputs["json"])


def test_table_counts_the_same_rows(outputs):
    count = len(json.loads(outputs["json"]))
    assert outputs["table"].splitlines()[0].split() == list(CANNED["who-opposed"].columns)
    assert outputs["table"].rstrip().endswith(f"({count} row{'s' if count != 1 else ''})")


@pytest.mark.parametrize("name", sorted(CANNED))
def test_every_canned_query_runs_with_its_columns(seeds_build, name):
    result = invoke("query", name, "--graph", str(seeds_build), "--format", "csv")
    assert result.exit_code == 0 and result.stderr == "", result.stderr
    header = next(csv.reader(io.StringIO(result.stdout)))
    assert tuple(header) == CANNED[name].columns


def test_params_are_bound_not_spliced(seeds_build):
    """A value that would break a pasted query is just a string that matches nothing."""
    result = invoke("query", "who-opposed", "--graph", str(seeds_build), "--format", "json",
                    "--param", 'actor=") } UNION { ?s ?p ?o } #')
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout) == []


def test_query_from_standard_input(seeds_build):
    text = "PREFIX sg: <https://w3id.org/strikegraph/ontology#>\nSELECT ?file WHERE { GRAPH ?g { ?a sg:fileName ?file } } ORDER BY ?file"
    result = invoke("query", "-", "--graph", str(seeds_build), "--format", "csv", input=text)
    assert result.exit_code == 0, result.stderr
    files = [row["file"] for row in csv.DictReader(io.StringIO(result.stdout))]
    assert files == sorted(p.name for p in (ROOT / "seeds").glob("*.txt"))


def test_ask_query_file(seeds_build, tmp_path):
    query = tmp_path / "any.rq"
    query.write_text("PREFIX sg: <https://w3id.org/strikegraph/ontology#>\nASK { GRAPH ?g { ?f a sg:Opposition } }")
    result = invoke("query", str(query), "--graph", str(seeds_build), "--format", "json")
    assert (result.exit_code, result.stdout, result.stderr) == (0, "true\n", "")


def test_real_command_keeps_results_and_messages_apart(seeds_build, tmp_path):
    ok = _strikegraph("query", "timeline", "--graph", str(seeds_build), "--format", "json")
    assert ok.returncode == 0 and ok.stderr == "", ok.stderr
    assert all(list(row) == list(CANNED["timeline"].columns) for row in json.loads(ok.stdout))
    failed = _strikegraph("query", "nope", cwd=tmp_path)
    assert failed.returncode == 1 and failed.stdout == ""
    assert failed.stderr.startswith("Error: no canned query 'nope'")


# ------------------------------------------------------------------------------ build: metadata and datelines

METADATA = ("file,date,title,source,url,section\n"
            "010_metadata.txt,2019-12-04,Teachers walk out,Example News,https://example.org/a?x=1&y=2,Education\n")
ARTICLE = ("OTTAWA -- The Ontario Secondary School Teachers' Federation said Wednesday it opposes the "
           "government's plan to increase class sizes.\n\n"
           "OSSTF president Harvey Bischof said the union rejects mandatory e-learning.\n")
DATELINE_ONLY = " date 2019-12-05 TORONTO -- Education Minister Stephen Lecce proposed an average class size of 25.\n"


@pytest.fixture(scope="module")
def metadata_build(tmp_path_factory) -> tuple[Path, subprocess.CompletedProcess]:
    """The real ``strikegraph build`` on a folder with metadata.csv, in a subprocess."""
    base = tmp_path_factory.mktemp("metadata")
    folder = base / "articles"
    folder.mkdir()
    (folder / "metadata.csv").write_text(METADATA, encoding="utf-8")
    (folder / "010_metadata.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "011_dateline.txt").write_text(DATELINE_ONLY, encoding="utf-8")
    done = _strikegraph("build", str(folder), "--out", str(base / "out"))
    assert done.returncode == 0, done.stderr
    return base / "out", done


def _dataset(out: Path) -> Dataset:
    dataset = Dataset()
    dataset.parse(out / "graph.nq", format="nquads")
    return dataset


def test_build_prints_its_summary_to_stderr_only(metadata_build):
    out, done = metadata_build
    assert done.stdout == ""
    assert re.search(rf"^Built {re.escape(str(out))}: 2 articles, \d+ entities, \d+ facts, 0 warnings\.$",
                     done.stderr, re.MULTILINE), done.stderr


def test_build_keeps_extra_metadata_columns(metadata_build):
    graph = _dataset(metadata_build[0]).graph(article_iri("010_metadata.txt"))
    node = article_iri("010_metadata.txt")
    assert graph.value(node, SDO.headline) == Literal("Teachers walk out")
    assert graph.value(node, SDO.publisher) == Literal("Example News")
    assert graph.value(node, SDO.url) == Literal("https://example.org/a?x=1&y=2")
    assert graph.value(node, SDO.datePublished).toPython().isoformat() == "2019-12-04"
    extra = {(str(graph.value(item, SDO.name)), str(graph.value(item, SDO.value)))
             for item in graph.objects(node, SDO.additionalProperty)}
    assert extra == {("section", "Education")}


def test_dateline_is_the_place_not_an_actor(metadata_build):
    dataset = _dataset(metadata_build[0])
    for name, place in (("010_metadata.txt", "Ottawa"), ("011_dateline.txt", "Toronto")):
        node = article_iri(name)
        assert dataset.graph(node).value(node, SDO.locationCreated) == Literal(place)
    labels = {str(label).casefold() for label in dataset.graph(ENTITIES_GRAPH).objects(None, RDFS.label)}
    assert not labels & {"ottawa", "toronto"}, labels


#: first line of an article -> the place its dateline names ("" when there is no dateline)
DATELINES = [
    ("OTTAWA -- The union said", "Ottawa"),
    ("TORONTO --The union said", "Toronto"),
    ("TORONTO — The union said", "Toronto"),
    ("ST. CATHARINES, Ont. -- The union said", "St. Catharines"),
    ("NORTH BAY, ONT. – The union said", "North Bay"),
    (" date 2019-12-04 TORONTO -- The union said", "Toronto"),
    ("The union said -- again -- that", ""),
    ("OSSTF said on Tuesday", ""),
    ("OTTAWA (CP) -- The union said", "Ottawa"),
]


@pytest.mark.parametrize(("first_line", "place"), DATELINES)
def test_dateline_is_blanked_and_kept_as_metadata(tmp_path, first_line, place):
    path = tmp_path / "a.txt"
    path.write_text(first_line + " more.\n", encoding="utf-8")
    article, _ = read_article(ArticleSource(path, (("date", "2019-12-04"),)))
    assert len(article.text) == len(article.source_text), "blanking keeps every offset"
    assert dict(article.metadata).get("dateline", "") == place
    if place:
        assert place.split()[0].upper() not in article.text.upper()
        assert article.text.lstrip().startswith("The union said")


HEADLINED = [
    ("Teachers picket at nine boards\n\nKINGSTON -- The union said", "Kingston"),
    ("Teachers picket\n  \nSUDBURY, Ont. -- The union said", "Sudbury"),
    ("Teachers picket\nOTTAWA -- The union said", ""),  # no blank line: not a headline
]


@pytest.mark.parametrize(("text", "place"), HEADLINED)
def test_dateline_after_a_headline_is_blanked(tmp_path, text, place):
    path = tmp_path / "a.txt"
    path.write_text(text + " more.\n", encoding="utf-8")
    article, _ = read_article(ArticleSource(path, (("date", "2019-12-04"),)))
    assert len(article.text) == len(article.source_text)
    assert dict(article.metadata).get("dateline", "") == place
    assert article.text.startswith("Teachers picket"), "the headline stays"
    if place:
        assert place.upper() not in article.text.upper()


def test_dateline_gives_no_mention(extractor, tmp_path):
    from graph.entities import resolve_entities
    from graph.mentions import parse_article

    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    article, _ = read_article(ArticleSource(path, (("date", "2019-12-04"),)))
    parsed = parse_article(article, extractor.nlp)
    assert not [m for m in parsed.mentions if "ottawa" in m.text.casefold()]
    resolved = resolve_entities(parsed, extractor.kb, extractor.lexicon)
    assert "osstf" in {e.id for e in resolved.entities}
    assert not [e for e in resolved.entities if "ottawa" in e.name.casefold()]
