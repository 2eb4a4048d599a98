"""Tests for the canned and user queries (graph/queries.py) on the embedded engines.

Three kinds of evidence: every canned query gives the same rows on Oxigraph as on rdflib's
own SPARQL engine over the same built seeds graph; golden rows for each canned query on a
small hand-written graph (tests/cases/queries/graph.trig, rows in rows.jsonl) on both
engines; and parameter values that try to escape their string change nothing. The command
line's handling of user queries (SELECT, ASK, CONSTRUCT, DESCRIBE, stdin, syntax errors) runs
on a build folder made from the hand-written graph, without spaCy.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import Dataset

from graph.cli import cli
from graph.endpoint import XSD_DATE, sparql_literal, with_values
from graph.errors import QueryError
from graph.queries import OxigraphEngine, RdflibEngine, load_queries, run
from graph.store import NQUADS_FILE, open_store, write_outputs

CASES = Path(__file__).resolve().parent / "cases" / "queries"
GRAPH = CASES / "graph.trig"
GOLDEN = [json.loads(line) for line in (CASES / "rows.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
CANNED = load_queries()
INJECTIONS = ('x" } ; DROP ALL ; SELECT * { "', "x' } ; DROP ALL ; SELECT * { '", 'OSSTF") } } DROP ALL #',
              '\\" } ; DROP ALL #', 'x"\n} ; CLEAR ALL ; ASK { "')


def _rows(result) -> list[tuple[str, ...]]:
    return [tuple(row[c] for c in result.columns) for row in result.rows]


def _params(name: str, values: dict[str, str]) -> dict[str, str]:
    """The subset of ``values`` that canned query ``name`` accepts."""
    accepted = {p.name for p in CANNED[name].params}
    return {k: v for k, v in values.items() if k in accepted}


@pytest.fixture(scope="module")
def case_store() -> ox.Store:
    store = ox.Store()
    store.load(path=str(GRAPH), format=ox.RdfFormat.TRIG)
    return store


@pytest.fixture(scope="module")
def case_dataset() -> Dataset:
    return Dataset().parse(GRAPH, format="trig")


@pytest.fixture(scope="module")
def case_build(tmp_path_factory) -> Path:
    """A build folder (graph files and store) holding the hand-written graph."""
    out = tmp_path_factory.mktemp("case-build")
    write_outputs(list(ox.parse(path=str(GRAPH), format=ox.RdfFormat.TRIG)), out)
    return out


@pytest.fixture(scope="module")
def seeds_engines(seeds_build):
    dataset = Dataset().parse(seeds_build / NQUADS_FILE, format="nquads")
    return OxigraphEngine(open_store(seeds_build)), RdflibEngine(dataset)


# ------------------------------------------------------------------------------ same rows on both engines

SEED_FILTERS = ({}, {"actor": "OSSTF"}, {"actor": "Lecce"}, {"policy": "class"},
                {"since": "2019-12-01", "until": "2019-12-31"}, {"since": "2020-01-01"})


@pytest.mark.parametrize("values", SEED_FILTERS, ids=lambda v: ",".join(v) or "no-filter")
@pytest.mark.parametrize("name", sorted(CANNED))
def test_oxigraph_and_rdflib_agree_on_the_seeds(seeds_engines, name, values):
    oxigraph, rdflib_engine = seeds_engines
    params = _params(name, values)
    expected = _rows(run(rdflib_engine, CANNED[name], params))
    assert sorted(_rows(run(oxigraph, CANNED[name], params))) == sorted(expected)


def test_the_seeds_give_rows(seeds_engines):
    """The comparison above means something only if the queries find facts at all."""
    assert all(_rows(run(seeds_engines[0], CANNED[name])) for name in ("who-opposed", "timeline", "represents"))


# ------------------------------------------------------------------------------ golden rows


@pytest.mark.parametrize("engine", ["oxigraph", "rdflib"])
@pytest.mark.parametrize("case", GOLDEN, ids=lambda c: f"{c['query']}:{c['why']}")
def test_golden_rows_on_the_hand_written_graph(case_store, case_dataset, case, engine):
    chosen = OxigraphEngine(case_store) if engine == "oxigraph" else RdflibEngine(case_dataset)
    result = run(chosen, CANNED[case["query"]], case["params"])
    assert result.columns == CANNED[case["query"]].columns
    assert [list(row) for row in _rows(result)] == case["rows"], case["why"]


def test_golden_cases_cover_every_canned_query_and_parameter():
    for name, query in CANNED.items():
        used = {key for case in GOLDEN if case["query"] == name for key in case["params"]}
        assert used == {p.name for p in query.params}, f"{name}: no golden case filters by {sorted({p.name for p in query.params} - used)}"


# ------------------------------------------------------------------------------ binding, not splicing


@pytest.mark.parametrize("value", INJECTIONS)
@pytest.mark.parametrize("name", sorted(CANNED))
def test_a_value_that_tries_to_escape_returns_no_rows_and_changes_nothing(case_store, case_dataset, name, value):
    before = len(case_store)
    for param in (p.name for p in CANNED[name].params if p.type == "string"):
        assert run(OxigraphEngine(case_store), CANNED[name], {param: value}).rows == ()
        assert run(RdflibEngine(case_dataset), CANNED[name], {param: value}).rows == ()
    assert len(case_store) == before


@pytest.mark.parametrize("value", INJECTIONS)
@pytest.mark.parametrize("name", sorted(CANNED))
def test_values_block_binding_matches_substitution(case_store, name, value):
    """What graph.endpoint sends (a VALUES block) means what Oxigraph's substitution means."""
    query = CANNED[name]
    for values in ({}, _params(name, {"actor": "ETFO", "since": "2020-01-01"}),
                   {p.name: value for p in query.params if p.type == "string"}):
        bindings = {p.variable: (p.type, values[p.name]) for p in query.params if p.name in values}
        text, _ = with_values(query.text, bindings)
        inlined = run(OxigraphEngine(case_store), query.__class__(name, text, columns=query.columns))
        assert inlined.rows == run(OxigraphEngine(case_store), query, values).rows


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_any_string_survives_as_one_literal(value):
    """Whatever the characters, the escaped literal reads back as exactly the value."""
    store = ox.Store()
    answer = list(store.query(f"SELECT ?x WHERE {{ VALUES ?x {{ {sparql_literal(value)} }} }}"))
    assert [solution["x"].value for solution in answer] == [value]


def test_date_literal_is_typed():
    store = ox.Store()
    answer = store.query(f"SELECT (DATATYPE(?x) AS ?t) WHERE {{ VALUES ?x {{ {sparql_literal('2020-01-31', XSD_DATE)} }} }}")
    assert [s["t"].value for s in answer] == [XSD_DATE]


@pytest.mark.parametrize("marked", [
    "SELECT * {^ ?s ?p ?o }",
    "SELECT (EXISTS { ?a ?b ?c } AS ?e) WHERE {^ ?s ?p ?o }",
    "CONSTRUCT { ?s ?p ?o } WHERE {^ ?s ?p ?o }",
    'PREFIX where: <http://x/where#> SELECT * WHERE {^ ?s where:p "{" }',
    "# SELECT * WHERE {\nASK {^ ?s ?p ?o }",
    "SELECT * WHERE {^ ?s ?p ?o OPTIONAL {^ ?s ?q ?x } FILTER EXISTS {^ GRAPH ?g {^ ?s ?p ?y } }"
    " VALUES ?z { 1 } { SELECT ?s WHERE {^ ?s ?p ?o } } } VALUES ?w { 2 }",
], ids=["no-where", "exists-in-select", "construct", "prefix-and-string", "comment", "nested"])
def test_values_go_first_in_every_group_of_the_where_clause(marked):
    """``^`` marks where a block belongs: groups, not VALUES data, not before a sub-SELECT."""
    sent, inserted = with_values(marked.replace("^", ""), {"_x": ("string", "v")})
    assert sent == marked.replace("^", ' VALUES (?_x) { ("v") }')
    assert len(inserted) == marked.count("^")


def test_binding_needs_a_where_group():
    with pytest.raises(QueryError, match="no WHERE"):
        with_values("DESCRIBE <http://x/>", {"_x": ("string", "v")})


# ------------------------------------------------------------------------------ user queries on the command line


def invoke(*args: str, input: str | None = None):
    try:
        runner = CliRunner(mix_stderr=False)
    except TypeError:
        runner = CliRunner()
    return runner.invoke(cli, list(args), input=input, catch_exceptions=False)


SELECT = """PREFIX sg: <https://w3id.org/strikegraph/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?name WHERE { GRAPH ?g { ?u a sg:Union ; rdfs:label ?name } } ORDER BY ?name
"""


@pytest.fixture
def select_file(tmp_path) -> Path:
    path = tmp_path / "unions.rq"
    path.write_text(SELECT, encoding="utf-8")
    return path


def test_user_select_as_a_table(case_build, select_file):
    result = invoke("query", str(select_file), "--graph", str(case_build))
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[0].strip() == "name"
    assert "Elementary Teachers' Federation of Ontario" in result.stdout and "(2 rows)" in result.stdout


def test_user_select_as_csv_and_json(case_build, select_file):
    as_csv = invoke("query", str(select_file), "--graph", str(case_build), "--format", "csv")
    as_json = invoke("query", str(select_file), "--graph", str(case_build), "--format", "json")
    names = ["Elementary Teachers' Federation of Ontario", "Ontario Secondary School Teachers' Federation"]
    assert [row["name"] for row in csv.DictReader(io.StringIO(as_csv.stdout))] == names
    assert [row["name"] for row in json.loads(as_json.stdout)] == names


def test_user_query_from_standard_input(case_build):
    result = invoke("query", "-", "--graph", str(case_build), "--format", "csv", input=SELECT)
    assert result.exit_code == 0 and len(result.stdout.splitlines()) == 3


@pytest.mark.parametrize("text, expected", [
    ("ASK { GRAPH ?g { ?s a <https://w3id.org/strikegraph/ontology#Union> } }", "true"),
    ("ASK { GRAPH ?g { ?s a <https://w3id.org/strikegraph/ontology#Media> } }", "false"),
])
def test_user_ask_prints_a_boolean(case_build, text, expected):
    result = invoke("query", "-", "--graph", str(case_build), input=text)
    assert result.exit_code == 0 and result.stdout.strip() == expected


@pytest.mark.parametrize("text, triples", [
    ("CONSTRUCT { ?u <http://www.w3.org/2000/01/rdf-schema#label> ?n } WHERE { GRAPH ?g { "
     "?u a <https://w3id.org/strikegraph/ontology#Union> ; <http://www.w3.org/2000/01/rdf-schema#label> ?n } }", 2),
    ("DESCRIBE <https://w3id.org/strikegraph/id/union/osstf>", 0),
])
def test_user_construct_and_describe_print_turtle(case_build, text, triples):
    result = invoke("query", "-", "--graph", str(case_build), input=text)
    assert result.exit_code == 0, result.stderr
    assert len(list(ox.parse(result.stdout.encode(), format=ox.RdfFormat.TURTLE))) == triples


def test_user_query_with_declared_parameters(case_build, tmp_path):
    path = tmp_path / "by-name.rq"
    path.write_text("#+ params: name\nPREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
                    "SELECT ?u ?_name WHERE { GRAPH ?g { ?u rdfs:label ?_name } }\n", encoding="utf-8")
    result = invoke("query", str(path), "--graph", str(case_build), "--param", "name=Stephen Lecce", "--format", "csv")
    assert result.stdout.splitlines()[1].startswith("https://w3id.org/strikegraph/id/person/stephen-lecce")


@pytest.mark.parametrize("text, position", [
    ("SELECT * WHERE {\n  ?s ?p \n  FILTER( }", "line 3, column 9"),
    ("SELECT * WHERE { ?s ?p ?o", "line 1, column 26"),
])
def test_a_syntax_error_names_its_line_and_column(case_build, text, position):
    result = invoke("query", "-", "--graph", str(case_build), input=text)
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr.startswith("Error: the query is not valid SPARQL: " + position), result.stderr
    assert len(result.stderr) < 300
