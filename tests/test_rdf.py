"""Tests for the RDF stage (graph/rdf.py) and the shape of a built graph.

IRI minting is a table of examples; a hand-made ``ArticleResult`` is compared with golden
Turtle files (tests/cases/golden/) with ``rdflib.compare``; the seeds build is checked for
what every fact must carry, and rebuilt to prove that the same input gives the same bytes.
"""

from __future__ import annotations

import difflib
import os
import re
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from rdflib import RDF, RDFS, BNode, Dataset, Graph, Literal, Namespace, URIRef
from rdflib.compare import graph_diff, isomorphic, to_isomorphic
from rdflib.namespace import SKOS

from graph.model import Article, ArticleResult, Entity, Evidence, Fact
from graph.namespace import ENTITIES_GRAPH, SG
from graph.rdf import ACTION_CLASSES, RELATION_TERMS, article_graph, article_iri, entities_graph, entity_iri, fact_iri

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
GOLDEN = ROOT / "tests" / "cases" / "golden"
ID = "https://w3id.org/strikegraph/id/"
SG_NS = "https://w3id.org/strikegraph/ontology#"
FACT_CLASSES = {fact_class for fact_class, _ in RELATION_TERMS.values()}
PLAIN = {fact_class: plain for fact_class, plain in RELATION_TERMS.values()}
# rdflib's SDO and XSD namespaces warn when pytest inspects the module's names
SDO = Namespace("https://schema.org/")
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")

# ------------------------------------------------------------------------------ IRI minting

#: (entity type, entity id) -> IRI path under id/: readable, type first, never a blank node.
ENTITY_IRIS = [
    ("Union", "osstf", "union/osstf"),
    ("Person", "harvey-bischof", "person/harvey-bischof"),
    ("Government", "ontario-government", "government/ontario-government"),
    ("Ministry", "ministry-of-education", "ministry/ministry-of-education"),
    ("SchoolBoard", "ottawa-catholic-school-board", "school-board/ottawa-catholic-school-board"),
    ("PoliticalParty", "ndp", "party/ndp"),
    ("StudentGroup", "osta-aeco", "student-group/osta-aeco"),
    ("ParentGroup", "people-for-education", "parent-group/people-for-education"),
    ("Media", "cbc-news", "media/cbc-news"),
    ("Organisation", "ontario-principals-council", "organisation/ontario-principals-council"),
    ("Group", "education-workers", "group/education-workers"),
    ("Region", "province-wide", "region/province-wide"),
    ("Policy", "class-size", "policy/class-size"),
    ("PolicyVersion", "class-size-25", "policy/class-size-25"),
    # ids are slugs already; anything else is made safe rather than refused
    ("Person", "two words", "person/two-words"),
    ("Union", "a/b", "union/a-b"),
]

#: article file name -> IRI path under id/ (also the article's named graph)
ARTICLE_IRIS = [
    ("000_66454146e6ed0f00.txt", "article/000_66454146e6ed0f00.txt"),
    ("my article.txt", "article/my-article.txt"),
    ("sub/dir.txt", "article/sub-dir.txt"),
]


@pytest.mark.parametrize(("kind", "entity_id", "path"), ENTITY_IRIS)
def test_entity_iri(kind, entity_id, path):
    entity = Entity(entity_id, kind, "Any Name")
    assert entity_iri(entity) == URIRef(ID + path)
    assert entity_iri(Entity(entity_id, kind, "Another name", ("alias",))) == entity_iri(entity), \
        "an entity's IRI depends on its type and id only, not on how an article names it"


@pytest.mark.parametrize(("name", "path"), ARTICLE_IRIS)
def test_article_iri(name, path):
    assert article_iri(name) == URIRef(ID + path)


def _fact(**changes) -> Fact:
    values = dict(relation="opposes", agent="osstf", object="class-size-25",
                  evidence=Evidence("a.txt", "OSSTF rejected it.", 10, 28), rule="opposes/reject",
                  date=date(2019, 11, 21))
    values.update(changes)
    return Fact(**values)


def test_fact_iri_is_a_stable_hash():
    iri = fact_iri(_fact())
    assert re.fullmatch(re.escape(ID) + r"fact/[0-9a-f]{20}", str(iri))
    assert fact_iri(_fact()) == iri


@pytest.mark.parametrize("change", [
    {"relation": "supports"}, {"agent": "etfo"}, {"object": "class-size-23"}, {"date": None},
    {"date": date(2019, 11, 22)}, {"role": "president"}, {"action": "walkout"}, {"rule": "opposes/criticise"},
    {"evidence": Evidence("b.txt", "OSSTF rejected it.", 10, 28)},
    {"evidence": Evidence("a.txt", "OSSTF rejected it.", 11, 29)},
], ids=lambda c: next(iter(c)))
def test_fact_iri_tells_different_facts_apart(change):
    assert fact_iri(_fact(**change)) != fact_iri(_fact())


# ------------------------------------------------------------------------------ golden graphs

TEXT = ("Harvey Bischof, president of the OSSTF, rejected class sizes of 25.\n\n"
        "OSSTF members walked out province-wide on Wednesday.\n")


def _span(sentence: str) -> Evidence:
    start = TEXT.index(sentence)
    return Evidence("001_golden.txt", sentence, start, start + len(sentence))


def _golden_result() -> ArticleResult:
    """One article, built by hand: a representation, a dated opposition, an undated walkout."""
    first = _span("Harvey Bischof, president of the OSSTF, rejected class sizes of 25.")
    second = _span("OSSTF members walked out province-wide on Wednesday.")
    entities = (
        Entity("class-size", "Policy", "increased high-school class sizes", ("class size",), comment="The plan."),
        Entity("class-size-25", "PolicyVersion", "average high-school class size 25", parent="class-size"),
        Entity("harvey-bischof", "Person", "Harvey Bischof", ("Bischof",)),
        Entity("osstf", "Union", "Ontario Secondary School Teachers' Federation", ("OSSTF", "Ontario Secondary School Teachers' Federation")),
        Entity("province-wide", "Region", "province-wide"),
    )
    facts = (
        Fact("represents", "harvey-bischof", "osstf", first, "represents/apposition-title-of", role="president"),
        Fact("opposes", "harvey-bischof", "class-size-25", first, "opposes/reject", date(2019, 12, 4)),
        Fact("strikes-at", "osstf", "province-wide", second, "strikes/walkout", None, "on Wednesday",
             action="walkout"),
    )
    article = Article("001_golden.txt", TEXT, date(2019, 12, 4), TEXT,
                      (("dateline", "Toronto"), ("section", "Education"), ("title", "Teachers walk out")))
    return ArticleResult(article, entities, facts)


def _golden_graphs() -> tuple[Graph, Graph]:
    result = _golden_result()
    known = {e.id: e for e in result.entities}
    iris = {e.id: entity_iri(e) for e in result.entities}
    return article_graph(result, iris, content_hash="abc123"), entities_graph(list(result.entities), known)


def _assert_same(made: Graph, golden_file: str) -> None:
    expected = Graph().parse(GOLDEN / golden_file, format="turtle")
    if not isomorphic(made, expected):
        _, only_made, only_golden = graph_diff(to_isomorphic(made), to_isomorphic(expected))
        pytest.fail(f"graph differs from {golden_file}\n-- only in the made graph:\n"
                    f"{only_made.serialize(format='nt')}\n-- only in the golden file:\n{only_golden.serialize(format='nt')}")


def test_article_graph_matches_golden():
    made, _ = _golden_graphs()
    assert made.identifier == article_iri("001_golden.txt")
    _assert_same(made, "article.ttl")


def test_entities_graph_matches_golden():
    _, made = _golden_graphs()
    assert made.identifier == ENTITIES_GRAPH
    _assert_same(made, "entities.ttl")


def test_golden_evidence_offsets_point_at_the_sentence():
    for fact in _golden_result().facts:
        assert TEXT[fact.evidence.start:fact.evidence.end] == fact.evidence.sentence


# ------------------------------------------------------------------------------ the seeds build


@pytest.fixture(scope="module")
def seeds_dataset(seeds_build) -> Dataset:
    dataset = Dataset()
    dataset.parse(seeds_build / "graph.nq", format="nquads")
    return dataset


def _facts(dataset: Dataset) -> list[tuple[URIRef, URIRef, URIRef]]:
    """(graph, fact node, fact class) for every fact in the dataset."""
    return [(g, s, o) for s, _, o, g in dataset.quads((None, RDF.type, None, None)) if o in FACT_CLASSES]


def test_seeds_build_has_facts(seeds_dataset):
    assert _facts(seeds_dataset), "the seeds build holds no fact at all"


def test_no_blank_nodes_anywhere(seeds_dataset):
    blanks = [q for q in seeds_dataset.quads((None, None, None, None)) if any(isinstance(t, BNode) for t in q[:3])]
    assert not blanks, f"blank nodes in the built graph: {blanks[:3]}"


def test_one_named_graph_per_article_plus_entities(seeds_dataset):
    names = {g for _, _, _, g in seeds_dataset.quads((None, None, None, None))}
    articles = {article_iri(p.name) for p in SEEDS.glob("*.txt")}
    assert names == articles | {ENTITIES_GRAPH}


def test_article_node_in_its_own_graph(seeds_dataset):
    for path in SEEDS.glob("*.txt"):
        node = article_iri(path.name)
        graph = seeds_dataset.graph(node)
        assert (node, RDF.type, SG.Article) in graph
        assert (node, SG.fileName, Literal(path.name)) in graph


def _one(graph: Graph, node: URIRef, predicate: URIRef):
    values = list(graph.objects(node, predicate))
    assert len(values) == 1, f"{node} has {len(values)} values of {predicate}"
    return values[0]


def test_every_fact_carries_its_provenance(seeds_dataset):
    for graph_name, node, fact_class in _facts(seeds_dataset):
        graph = seeds_dataset.graph(graph_name)
        assert _one(graph, node, SG.article) == graph_name, f"{node}: sg:article is not its own article"
        assert str(_one(graph, node, SG.evidence)).strip()
        assert _one(graph, node, SG.evidenceStart).datatype == XSD.integer
        assert _one(graph, node, SG.evidenceEnd).datatype == XSD.integer
        assert str(_one(graph, node, SG.rule)).strip()
        _one(graph, node, SG.agent)
        targets = list(graph.objects(node, SG.object))
        unknown_target = list(graph.objects(node, SG.targetUnknown))
        assert (len(targets), len(unknown_target)) == (1, 0) or (
            fact_class == SG.StrikeAction and (len(targets), unknown_target) == (0, [Literal(True)])
        ), f"{node}: needs one sg:object (a strike may say sg:targetUnknown true instead)"
        dates = list(graph.objects(node, SG.date))
        unknown = list(graph.objects(node, SG.dateUnknown))
        assert (len(dates), len(unknown)) in ((1, 0), (0, 1)), f"{node}: needs a date or dateUnknown, not both"
        assert all(d.datatype == XSD.date for d in dates)
        assert all(u == Literal(True) for u in unknown)


def test_every_fact_has_its_plain_triple(seeds_dataset):
    for graph_name, node, fact_class in _facts(seeds_dataset):
        graph = seeds_dataset.graph(graph_name)
        if (node, SG.targetUnknown, Literal(True)) in graph:
            assert not list(graph.objects(node, SG.object))
            continue
        triple = (_one(graph, node, SG.agent), PLAIN[fact_class], _one(graph, node, SG.object))
        assert triple in graph, f"{node} lacks its plain triple {triple}"


def test_evidence_offsets_point_at_the_article_file(seeds_dataset):
    for graph_name, node, _ in _facts(seeds_dataset):
        graph = seeds_dataset.graph(graph_name)
        file_name = str(_one(graph, graph_name, SG.fileName))
        text = (SEEDS / file_name).read_text(encoding="utf-8")
        start, end = int(_one(graph, node, SG.evidenceStart)), int(_one(graph, node, SG.evidenceEnd))
        assert text[start:end] == str(_one(graph, node, SG.evidence)), f"{node} in {file_name}"


def test_every_fact_argument_is_a_typed_labelled_entity(seeds_dataset):
    entities = seeds_dataset.graph(ENTITIES_GRAPH)
    for graph_name, node, _ in _facts(seeds_dataset):
        graph = seeds_dataset.graph(graph_name)
        for argument in (_one(graph, node, SG.agent), *graph.objects(node, SG.object)):
            assert str(argument).startswith(ID), argument
            assert entities.value(argument, RDF.type) is not None, f"{argument} has no type"
            assert entities.value(argument, RDFS.label) is not None, f"{argument} has no label"


def test_strike_actions_carry_their_action_class(seeds_dataset):
    for graph_name, node, fact_class in _facts(seeds_dataset):
        if fact_class != SG.StrikeAction:
            continue
        graph = seeds_dataset.graph(graph_name)
        for action in graph.objects(node, SG.action):
            assert (node, RDF.type, ACTION_CLASSES.get(str(action), SG.Strike)) in graph


def test_graph_uses_only_declared_strikegraph_terms(seeds_dataset):
    ontology = Graph().parse(ROOT / "graph" / "data" / "ontology.ttl", format="turtle")
    declared = {s for s in ontology.subjects(RDF.type, None) if str(s).startswith(SG_NS)}
    used = {p for _, p, _, _ in seeds_dataset.quads((None, None, None, None)) if str(p).startswith(SG_NS)}
    used |= {o for _, _, o, _ in seeds_dataset.quads((None, RDF.type, None, None)) if str(o).startswith(SG_NS)}
    assert used - declared == set(), f"undeclared terms in the graph: {sorted(used - declared)}"


def test_entities_graph_holds_only_entity_descriptions(seeds_dataset):
    allowed = {RDF.type, RDFS.label, RDFS.comment, SKOS.altLabel, SG.versionOf}
    predicates = {p for _, p, _ in seeds_dataset.graph(ENTITIES_GRAPH)}
    assert predicates <= allowed, f"unexpected in the entities graph: {predicates - allowed}"


# ------------------------------------------------------------------------------ same input, same bytes


def test_same_input_gives_the_same_bytes(seeds_build, tmp_path):
    """A second build in a fresh interpreter with another hash seed writes identical files."""
    out = tmp_path / "again"
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    subprocess.run([sys.executable, "-m", "graph.cli", "build", str(SEEDS), "--out", str(out)],
                   cwd=ROOT, env=env, check=True, capture_output=True)
    for name in ("graph.nq", "graph.trig"):
        again, first = (out / name).read_text(encoding="utf-8"), (seeds_build / name).read_text(encoding="utf-8")
        if again != first:
            diff = difflib.unified_diff(first.splitlines(), again.splitlines(), "first build", "second build", lineterm="")
            pytest.fail(f"{name} differs between builds:\n" + "\n".join(list(diff)[:20]))


def test_fact_iris_stable_across_builds(seeds_build, tmp_path, extractor):
    from graph.pipeline import build

    build([SEEDS], tmp_path, extractor=extractor)
    facts_of = lambda folder: {line.split()[0] for line in (folder / "graph.nq").read_text().splitlines()
                               if line.startswith(f"<{ID}fact/")}
    assert facts_of(tmp_path) == facts_of(seeds_build)


def test_metadata_terms_are_schema_org():
    made, _ = _golden_graphs()
    node = article_iri("001_golden.txt")
    assert made.value(node, SDO.headline) == Literal("Teachers walk out")
    assert made.value(node, SDO.locationCreated) == Literal("Toronto")
