"""Tests of graph.analysis: the store -> typed networkx graph, and the network measures.

Exact expectations come from a small hand-written graph (tests/cases/analysis/dispute.trig);
on the seeds, expectations are derived from the built graph itself, since the extractor and
its fact counts keep improving.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pytest

from graph.analysis import (ACTOR_TYPES, actor_centrality, affiliations, camps, degree_by_type, response_chains,
                            to_networkx)
from graph.errors import StoreError
from graph.model import RELATIONS
from graph.store import open_store, write_outputs

DISPUTE = Path(__file__).resolve().parent / "cases" / "analysis" / "dispute.trig"
ID = "https://w3id.org/strikegraph/id/"

#: (node, type, label) for every entity of the hand-written graph.
NODES = [
    ("union/tu", "Union", "Teachers' Union"),
    ("person/pat", "Person", "Pat President"),
    ("person/minnie", "Person", "Minnie Minister"),
    ("person/gwen", "Person", "Gwen Green"),
    ("government/gov", "Government", "Government"),
    ("party/greens", "PoliticalParty", "Greens"),
    ("group/parents", "Group", "parents"),
    ("school-board/north", "SchoolBoard", "North Board"),
    ("policy/size", "Policy", "bigger classes"),
    ("policy/size-30", "PolicyVersion", "class size 30"),
    ("policy/size-26", "PolicyVersion", "class size 26"),
]
#: (fact, agent, object, relation, date, article) for every fact.
EDGES = [
    ("fact/01", "person/pat", "union/tu", "represents", None, "a1.txt"),
    ("fact/02", "person/minnie", "government/gov", "represents", None, "a1.txt"),
    ("fact/03", "government/gov", "policy/size-30", "proposes", "2020-01-06", "a1.txt"),
    ("fact/04", "person/pat", "policy/size-30", "opposes", "2020-01-08", "a1.txt"),
    ("fact/05", "person/minnie", "union/tu", "responds-to", "2020-01-09", "a1.txt"),
    ("fact/06", "person/pat", "person/minnie", "responds-to", "2020-01-10", "a1.txt"),
    ("fact/07", "government/gov", "policy/size-26", "proposes", "2020-01-30", "a2.txt"),
    ("fact/08", "union/tu", "policy/size", "opposes", None, "a2.txt"),
    ("fact/09", "group/parents", "policy/size-26", "supports", "2020-02-01", "a2.txt"),
    ("fact/10", "union/tu", "school-board/north", "strikes-at", "2020-02-03", "a2.txt"),
    ("fact/11", "person/gwen", "party/greens", "represents", None, "a2.txt"),
    ("fact/12", "person/gwen", "policy/size-26", "opposes", "2020-02-01", "a2.txt"),
    ("fact/13", "person/pat", "policy/size-26", "opposes", "2020-02-01", "a2.txt"),
]
#: (policy, stance, actors, speaking_for, facts, first, last)
CAMPS = [
    ("bigger classes", "proposes", ("Government",), ("Government",), 2, "2020-01-06", "2020-01-30"),
    ("bigger classes", "supports", ("parents",), ("parents",), 1, "2020-02-01", "2020-02-01"),
    ("bigger classes", "opposes", ("Gwen Green", "Pat President", "Teachers' Union"), ("Greens", "Teachers' Union"),
     4, "2020-01-08", "2020-02-01"),
]
#: (type, nodes, out_facts, in_facts): version-of edges count as facts out of versions, into policies.
DEGREES = [
    ("Person", 3, 8, 1), ("PolicyVersion", 2, 2, 6), ("Government", 1, 2, 1), ("Group", 1, 1, 0),
    ("Policy", 1, 0, 3), ("PoliticalParty", 1, 0, 1), ("SchoolBoard", 1, 0, 1), ("Union", 1, 2, 2),
]
#: (actor, facts, partners, addressed_by)
CENTRALITY = [
    ("Teachers' Union", 4, 4, 2), ("Pat President", 4, 4, 0), ("Minnie Minister", 3, 3, 1),
    ("Government", 3, 3, 1), ("North Board", 1, 1, 1), ("parents", 1, 1, 0),
]
#: (by_organisation, chains in order)
CHAINS = [
    (False, ["Pat President -> Minnie Minister -> Teachers' Union"]),
    (True, ["Government -> Teachers' Union -> Government", "Teachers' Union -> Government -> Teachers' Union"]),
]


@pytest.fixture(scope="module")
def dispute_dir(tmp_path_factory) -> Path:
    """The hand-written graph, stored the way a build stores it."""
    out = tmp_path_factory.mktemp("dispute")
    write_outputs(ox.parse(path=str(DISPUTE), format=ox.RdfFormat.TRIG), out)
    return out


@pytest.fixture(scope="module")
def dispute(dispute_dir) -> nx.MultiDiGraph:
    return to_networkx(dispute_dir)


def test_every_entity_is_a_node_and_nothing_else(dispute):
    assert set(dispute.nodes) == {ID + node for node, _, _ in NODES}


@pytest.mark.parametrize("node, kind, label", NODES)
def test_nodes_carry_type_and_label(dispute, node, kind, label):
    assert dispute.nodes[ID + node]["type"] == kind
    assert dispute.nodes[ID + node]["label"] == label


@pytest.mark.parametrize("fact, agent, target, relation, day, article", EDGES)
def test_each_fact_is_one_typed_edge(dispute, fact, agent, target, relation, day, article):
    data = dispute.edges[ID + agent, ID + target, ID + fact]
    assert data["relation"] == relation
    assert data["date"] == (date.fromisoformat(day) if day else None)
    assert data["article"] == article
    assert data["evidence"] and data["rule"].endswith("/test")


def test_plain_triples_add_no_edges_and_versions_point_at_their_policy(dispute):
    relations = [r for _, _, r in dispute.edges(data="relation")]
    assert len(relations) == len(EDGES) + 2
    assert sorted(v for v, p, r in dispute.edges(data="relation") if r == "version-of") == \
        [ID + "policy/size-26", ID + "policy/size-30"]


def test_a_missing_build_is_a_store_error(tmp_path):
    with pytest.raises(StoreError, match="no built graph"):
        to_networkx(tmp_path)


@pytest.mark.parametrize("policy, stance, actors, speaking_for, facts, first, last", CAMPS)
def test_camps(dispute, policy, stance, actors, speaking_for, facts, first, last):
    rows = camps(dispute).set_index(["policy", "stance"])
    row = rows.loc[(policy, stance)]
    assert (row["actors"], row["speaking_for"], row["facts"]) == (actors, speaking_for, facts)
    assert (row["first"], row["last"]) == (date.fromisoformat(first), date.fromisoformat(last))


def test_camps_list_stances_in_a_fixed_order(dispute):
    assert list(camps(dispute)["stance"]) == ["proposes", "supports", "opposes"]


def test_affiliations_map_people_to_what_they_represent(dispute):
    assert affiliations(dispute) == {"Gwen Green": "Greens", "Minnie Minister": "Government",
                                     "Pat President": "Teachers' Union"}


@pytest.mark.parametrize("kind, nodes, out_facts, in_facts", DEGREES)
def test_degree_by_type(dispute, kind, nodes, out_facts, in_facts):
    row = degree_by_type(dispute).set_index("type").loc[kind]
    assert (row["nodes"], row["out_facts"], row["in_facts"]) == (nodes, out_facts, in_facts)
    assert row["mean_degree"] == round((out_facts + in_facts) / nodes, 2)


@pytest.mark.parametrize("actor, facts, partners, addressed_by", CENTRALITY)
def test_actor_centrality_counts(dispute, actor, facts, partners, addressed_by):
    row = actor_centrality(dispute).set_index("actor").loc[actor]
    assert (row["facts"], row["partners"], row["addressed_by"]) == (facts, partners, addressed_by)


def test_actor_centrality_ranks_actors_only_by_betweenness(dispute):
    frame = actor_centrality(dispute)
    assert set(frame["type"]) <= ACTOR_TYPES
    assert len(frame) == sum(1 for _, kind, _ in NODES if kind in ACTOR_TYPES)
    assert list(frame["betweenness"]) == sorted(frame["betweenness"], reverse=True)
    leaves = frame.set_index("actor").loc[["North Board", "Greens", "parents"], "betweenness"]
    assert (leaves == 0).all()


@pytest.mark.parametrize("by_organisation, chains", CHAINS)
def test_response_chains(dispute, by_organisation, chains):
    frame = response_chains(dispute, by_organisation=by_organisation)
    assert list(frame["chain"]) == chains
    assert set(frame["hops"]) == {2}


def test_response_chain_steps_carry_their_dates(dispute):
    steps = response_chains(dispute)["steps"][0]
    assert steps == ("Pat President -> Minnie Minister (2020-01-10)", "Minnie Minister -> Teachers' Union (2020-01-09)")


# ------------------------------------------------------------------------------ on the seeds


@pytest.fixture(scope="module")
def seeds_graph(seeds_build) -> nx.MultiDiGraph:
    return to_networkx(seeds_build)


def test_seeds_graph_has_the_expected_node_types(seeds_graph):
    kinds = {kind for _, kind in seeds_graph.nodes(data="type")}
    assert {"Person", "Union", "Government", "SchoolBoard", "Policy", "PolicyVersion"} <= kinds


def test_seeds_graph_has_one_edge_per_fact_in_the_store(seeds_build, seeds_graph):
    facts = open_store(seeds_build).query(
        "PREFIX sg: <https://w3id.org/strikegraph/ontology#> "
        "SELECT (COUNT(DISTINCT ?f) AS ?n) WHERE { GRAPH ?g { ?f sg:agent ?a ; sg:object ?o } }")
    expected = int(next(iter(facts))["n"].value)
    relations = [r for _, _, r in seeds_graph.edges(data="relation") if r != "version-of"]
    assert len(relations) == expected
    assert set(relations) <= set(RELATIONS)


def test_seeds_camps_oppose_class_sizes_with_osstf(seeds_graph):
    rows = camps(seeds_graph)
    against = rows[(rows["stance"] == "opposes") & rows["policy"].str.contains("class size")]
    assert any("Ontario Secondary School Teachers' Federation" in members for members in against["speaking_for"])
