"""Tests for validation (graph/validate.py, graph/data/shapes.ttl, ``strikegraph validate``).

A small hand-written build (tests/cases/validate/) satisfies every shape; each case of the
table breaks one rule with a SPARQL update and names the violation it must raise. The graphs
the session builds (seeds, unseen) are validated too: the test suite validates every graph
it builds (see tests/graphcheck.py for the helper the other build tests use).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from graphcheck import assert_valid
from rdflib import Dataset, Graph

from graph.cli import cli
from graph.manifest import ARTICLES_DIR
from graph.store import read_quads
from graph.validate import load_union, validate, validate_graph

CASES = Path(__file__).parent / "cases" / "validate"
TEXT = (CASES / "a.txt").read_text(encoding="utf-8")
HASH = "4a86ace46558e1c9d499cc82457238febf6ccc4e71eeb97218b48f73ca497db9"
PREFIXES = """PREFIX sg: <https://w3id.org/strikegraph/ontology#>
PREFIX id: <https://w3id.org/strikegraph/id/>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
"""
REP, OPP, STRIKE = "<https://w3id.org/strikegraph/id/fact/represents>", "<https://w3id.org/strikegraph/id/fact/opposes>", \
    "<https://w3id.org/strikegraph/id/fact/strikes>"
ARTICLE = "<https://w3id.org/strikegraph/id/article/a.txt>"
OSSTF, BISCHOF, CLASS_SIZE = ("<https://w3id.org/strikegraph/id/union/osstf>",
                              "<https://w3id.org/strikegraph/id/person/harvey-bischof>",
                              "<https://w3id.org/strikegraph/id/policy/class-size>")

#: (id, SPARQL update breaking one rule, fragment of the violation it must raise)
BROKEN = [
    ("fact-without-kind", f"DELETE DATA {{ {OPP} a sg:Opposition }}", "exactly one kind"),
    ("fact-of-two-kinds", f"INSERT DATA {{ {OPP} a sg:Support }}", "exactly one kind"),
    ("fact-without-agent", f"DELETE WHERE {{ {OPP} sg:agent ?x }}", "exactly one agent"),
    ("agent-not-an-actor", f"DELETE WHERE {{ {OPP} sg:agent ?x }} ; INSERT DATA {{ {OPP} sg:agent {CLASS_SIZE} }}",
     "an actor of the entities graph"),
    ("fact-without-object", f"DELETE WHERE {{ {OPP} sg:object ?x }}", "a fact has an object"),
    ("fact-without-article", f"DELETE WHERE {{ {OPP} sg:article ?x }}", "exactly one article"),
    ("fact-without-evidence", f"DELETE WHERE {{ {OPP} sg:evidence ?x }}", "non-empty evidence"),
    ("start-after-end", f"DELETE WHERE {{ {OPP} sg:evidenceStart ?x }} ; INSERT DATA {{ {OPP} sg:evidenceStart 90 }}",
     "before its end"),
    ("negative-start", f"DELETE WHERE {{ {OPP} sg:evidenceStart ?x }} ; INSERT DATA {{ {OPP} sg:evidenceStart -1 }}",
     "at least 0"),
    ("offsets-as-text", f"DELETE WHERE {{ {OPP} sg:evidenceEnd ?x }} ; INSERT DATA {{ {OPP} sg:evidenceEnd \"76\" }}",
     "one evidence end offset"),
    ("fact-without-rule", f"DELETE WHERE {{ {OPP} sg:rule ?x }}", "names the rule"),
    ("date-and-date-unknown", f"INSERT DATA {{ {OPP} sg:dateUnknown true }}", "explicitly unknown"),
    ("neither-date-nor-unknown", f"DELETE WHERE {{ {OPP} sg:date ?x }}", "explicitly unknown"),
    ("impossible-date", f"DELETE WHERE {{ {OPP} sg:date ?x }} ; INSERT DATA {{ {OPP} sg:date \"2020-02-30\"^^xsd:date }}",
     "valid xsd:date"),
    ("date-as-plain-text", f"DELETE WHERE {{ {OPP} sg:date ?x }} ; INSERT DATA {{ {OPP} sg:date \"2020-01-15\" }}",
     "valid xsd:date"),
    ("date-unknown-false", f"DELETE WHERE {{ {REP} sg:dateUnknown ?x }} ; INSERT DATA {{ {REP} sg:dateUnknown false }}",
     "only ever true"),
    ("strike-by-a-person", f"DELETE WHERE {{ {STRIKE} sg:agent ?x }} ; "
                           f"INSERT DATA {{ {STRIKE} sg:agent {BISCHOF} }}", "a strike's agent is a union"),
    ("strike-without-target", f"DELETE WHERE {{ {STRIKE} sg:object ?x }}", "a strike has a target"),
    ("representation-without-role", f"DELETE WHERE {{ {REP} sg:role ?x }}", "has a role"),
    ("article-with-two-file-names", f"INSERT DATA {{ {ARTICLE} sg:fileName \"b.txt\" }}", "exactly one file name"),
    ("entity-without-name", f"DELETE WHERE {{ {OSSTF} rdfs:label ?x }}", "exactly one name"),
    ("offsets-beside-the-evidence", f"DELETE WHERE {{ {OPP} sg:evidenceStart ?s . {OPP} sg:evidenceEnd ?e }} ; "
                                    f"INSERT DATA {{ {OPP} sg:evidenceStart 1 . {OPP} sg:evidenceEnd 77 }}",
     "the text of a.txt at these offsets is not the evidence"),
    ("offsets-past-the-end", f"DELETE WHERE {{ {OPP} sg:evidenceEnd ?e }} ; INSERT DATA {{ {OPP} sg:evidenceEnd 1000 }}",
     "evidence offsets fall outside a.txt"),
]


def _fixture() -> Graph:
    dataset = Dataset()
    dataset.parse(CASES / "valid.trig", format="trig")
    union = Graph()
    for s, p, o, _ in dataset.quads((None, None, None, None)):
        union.add((s, p, o))
    return union


def test_the_hand_written_build_is_valid():
    report = validate_graph(_fixture(), {HASH: TEXT})
    assert report.conforms, [str(v) for v in report.violations]
    assert (report.facts, report.offsets_checked) == (3, 3)


@pytest.mark.parametrize("update, fragment", [pytest.param(*case[1:], id=case[0]) for case in BROKEN])
def test_each_broken_rule_is_reported(update, fragment):
    graph = _fixture()
    graph.update(PREFIXES + update)
    report = validate_graph(graph, {HASH: TEXT})
    assert not report.conforms
    assert any(fragment in str(v) for v in report.violations), [str(v) for v in report.violations]


def test_the_seeds_build_is_valid(seeds_build):
    assert_valid(seeds_build)


def test_the_unseen_build_is_valid(unseen_build):
    assert_valid(unseen_build)


def _broken_build(tmp_path: Path) -> Path:
    """A build folder whose graph has a represents fact without a role."""
    graph = _fixture()
    graph.update(PREFIXES + f"DELETE WHERE {{ {REP} sg:role ?x }}")
    out = tmp_path / "broken"
    (out / ARTICLES_DIR).mkdir(parents=True)
    (out / "graph.nq").write_text(graph.serialize(format="nt"), encoding="utf-8")
    return out


def test_validate_command_lists_violations_and_exits_1(tmp_path):
    result = CliRunner().invoke(cli, ["validate", "--graph", str(_broken_build(tmp_path))])
    assert result.exit_code == 1
    assert "https://w3id.org/strikegraph/id/fact/represents https://w3id.org/strikegraph/ontology#role: " \
           "a represents fact has a role" in result.stdout
    assert "1 violations" in result.stderr


def test_validate_command_exits_0_on_a_valid_build(tmp_path, seeds_build):
    result = CliRunner().invoke(cli, ["validate", "--graph", str(seeds_build)])
    assert result.exit_code == 0, result.output
    assert result.stdout == "" and ": valid (" in result.stderr


def test_validate_without_a_build_is_an_error(tmp_path):
    result = CliRunner().invoke(cli, ["validate", "--graph", str(tmp_path)])
    assert result.exit_code == 1
    assert result.stderr == (f"Error: no built graph in {tmp_path}: run 'strikegraph build' first, "
                             "or point --graph at a build folder\n")


def test_validate_reads_the_union_of_named_graphs(seeds_build):
    union = load_union(seeds_build / "graph.nq")
    assert len(union) == len({(q.subject, q.predicate, q.object) for q in read_quads(seeds_build)})
    assert validate(seeds_build).facts > 0
