"""Analysis stage: the built store -> a typed networkx graph, and the measures analysts ask for.

Consumes a build folder (its Oxigraph store, read with SPARQL); produces a
``networkx.MultiDiGraph`` with one node per entity (``type``, ``label``) and one edge per
fact (``relation``, ``date``, ``evidence``, ``article``, ``rule``), plus a ``version-of``
edge from each policy version to its policy. Fact edges are keyed by the fact's IRI, so two
articles stating the same stance stay two edges: each is evidence in its own right.

The helpers answer network questions the canned queries cannot: who sits at the centre of
the dispute (:func:`actor_centrality`), which camps form around each policy
(:func:`camps`), how the kinds of entity connect (:func:`degree_by_type`), and how
responses chain from speaker to speaker (:func:`response_chains`). They return pandas
DataFrames because their reader is a person in a notebook.
"""

from __future__ import annotations

from datetime import date
from itertools import pairwise
from pathlib import Path

import networkx as nx
import pandas as pd

from .readback import read_edges, read_nodes
from .store import open_store

__all__ = [
    "ACTOR_TYPES",
    "STANCES",
    "actor_centrality",
    "affiliations",
    "camps",
    "degree_by_type",
    "response_chains",
    "to_networkx",
]

#: The node types that act (ontology: subclasses of sg:Actor); places and policies do not.
ACTOR_TYPES = frozenset({"Person", "Union", "Government", "Ministry", "SchoolBoard", "PoliticalParty",
                         "StudentGroup", "ParentGroup", "Media", "Organisation", "Group"})
#: The relations that take a side on a policy, in the order camps are listed.
STANCES = ("proposes", "supports", "opposes")

def to_networkx(graph_dir: Path | str = "build") -> nx.MultiDiGraph:
    """The built graph in ``graph_dir`` as a typed ``MultiDiGraph``.

    Nodes are entity IRIs with ``type`` and ``label`` (and ``aliases``); edges run from agent
    to object with ``relation``, ``date`` (``datetime.date`` or None), ``evidence``,
    ``article`` and ``rule``, keyed by the fact IRI.

    Raises:
        StoreError: there is no built graph in ``graph_dir``.
    """
    store = open_store(Path(graph_dir))
    graph = nx.MultiDiGraph(source=str(graph_dir))
    nodes = read_nodes(store)
    for node in nodes:
        graph.add_node(node.iri, type=node.type, label=node.label, aliases=node.aliases)
    for node in nodes:
        if node.version_of:
            graph.add_edge(node.iri, node.version_of, key=f"{node.iri}#version-of", relation="version-of",
                           date=None, evidence="", article="", rule="")
    for edge in read_edges(store):
        graph.add_edge(edge.agent, edge.object, key=edge.fact, relation=edge.relation,
                       date=date.fromisoformat(edge.date) if edge.date else None,
                       evidence=edge.evidence, article=edge.article, rule=edge.rule)
    return graph


def _label(graph: nx.MultiDiGraph, node: str) -> str:
    return graph.nodes[node].get("label", node)


def _facts(graph: nx.MultiDiGraph, relations: tuple[str, ...] | frozenset[str]):
    """(agent, object, attributes) of every edge whose relation is in ``relations``."""
    return ((u, v, data) for u, v, data in graph.edges(data=True) if data["relation"] in relations)


def actor_centrality(graph: nx.MultiDiGraph) -> pd.DataFrame:
    """Who is central to the dispute: one row per actor, most between first.

    ``facts`` counts the facts an actor takes part in; ``partners`` the distinct entities it
    is linked to; ``betweenness`` (on the undirected, simple view of the graph, so that ten
    articles repeating one stance do not count ten times) how often it lies on the shortest
    path between two others: the brokers of the dispute; ``addressed_by`` how many distinct
    actors proposed to, answered, opposed or struck at it: who the others talk to.
    """
    simple = nx.Graph(graph.to_undirected())
    between = nx.betweenness_centrality(simple, normalized=True)
    rows = [{"actor": data["label"], "type": data["type"], "facts": graph.degree(node),
             "partners": simple.degree(node), "addressed_by": len(set(graph.predecessors(node))),
             "betweenness": round(between.get(node, 0.0), 4)}
            for node, data in graph.nodes(data=True) if data["type"] in ACTOR_TYPES]
    columns = ["actor", "type", "facts", "partners", "addressed_by", "betweenness"]
    frame = pd.DataFrame(rows, columns=columns)
    return frame.sort_values(["betweenness", "facts", "actor"], ascending=[False, False, True], ignore_index=True)


def _policy_of(graph: nx.MultiDiGraph, node: str) -> str:
    """The policy a version belongs to (itself for a policy)."""
    for _, parent, data in graph.out_edges(node, data=True):
        if data["relation"] == "version-of":
            return parent
    return node


def affiliations(graph: nx.MultiDiGraph) -> dict[str, str]:
    """Each representative's label -> the label of the organisation it speaks for.

    A person who represents several keeps the one named most often (ties: alphabetical), so
    "Harvey Bischof" reads as the voice of the Ontario Secondary School Teachers' Federation.
    """
    return {_label(graph, person): _label(graph, body) for person, body in _speaks_for(graph).items()}


def _speaks_for(graph: nx.MultiDiGraph) -> dict[str, str]:
    """Person node -> the actor node they represent most often."""
    counts: dict[str, dict[str, int]] = {}
    for agent, target, _ in _facts(graph, ("represents",)):
        if graph.nodes[agent]["type"] == "Person" and graph.nodes[target]["type"] in ACTOR_TYPES:
            per_target = counts.setdefault(agent, {})
            per_target[target] = per_target.get(target, 0) + 1
    return {person: min(targets, key=lambda t: (-targets[t], _label(graph, t)))
            for person, targets in sorted(counts.items())}


def camps(graph: nx.MultiDiGraph) -> pd.DataFrame:
    """The camps around each policy: one row per policy and stance, with who is in it.

    Versions count for their policy (opposing "class size 25" is opposing class-size
    increases). ``actors`` lists the actors as the articles name them; ``speaking_for`` the
    same with each representative replaced by the organisation they speak for, which is what
    makes two quotes from one union's president one camp member, not two.
    """
    speaks_for = affiliations(graph)
    groups: dict[tuple[str, str], dict] = {}
    for agent, target, data in _facts(graph, STANCES):
        policy = _label(graph, _policy_of(graph, target))
        group = groups.setdefault((policy, data["relation"]), {"actors": set(), "dates": set(), "facts": 0})
        group["actors"].add(_label(graph, agent))
        group["facts"] += 1
        if data["date"]:
            group["dates"].add(data["date"])
    rows = [{"policy": policy, "stance": stance, "actors": tuple(sorted(g["actors"])),
             "speaking_for": tuple(sorted({speaks_for.get(a, a) for a in g["actors"]})),
             "facts": g["facts"], "first": min(g["dates"], default=None), "last": max(g["dates"], default=None)}
            for (policy, stance), g in groups.items()]
    columns = ["policy", "stance", "actors", "speaking_for", "facts", "first", "last"]
    frame = pd.DataFrame(rows, columns=columns)
    frame["order"] = frame["stance"].map(STANCES.index)
    return frame.sort_values(["policy", "order"], ignore_index=True).drop(columns="order")


def degree_by_type(graph: nx.MultiDiGraph) -> pd.DataFrame:
    """How each kind of entity is connected: nodes, facts out and in, and mean degree per type."""
    rows: dict[str, dict[str, float]] = {}
    for node, data in graph.nodes(data=True):
        row = rows.setdefault(data["type"], {"nodes": 0, "out_facts": 0, "in_facts": 0})
        row["nodes"] += 1
        row["out_facts"] += graph.out_degree(node)
        row["in_facts"] += graph.in_degree(node)
    frame = pd.DataFrame([{"type": t, **r} for t, r in rows.items()], columns=["type", "nodes", "out_facts", "in_facts"])
    frame["mean_degree"] = ((frame["out_facts"] + frame["in_facts"]) / frame["nodes"]).round(2)
    return frame.sort_values(["nodes", "type"], ascending=[False, True], ignore_index=True)


def response_chains(graph: nx.MultiDiGraph, by_organisation: bool = False, max_hops: int = 6) -> pd.DataFrame:
    """Who answered whom, as chains: ``A -> B -> C`` reads "A answered B, who had addressed C".

    Every maximal simple path of the response edges (none is part of a longer one), with the
    dates of each hop (several when the same pair spoke more than once). With
    ``by_organisation`` each representative stands for the organisation it speaks for, so a
    president and a minister answering each other become their union and government; an
    exchange that comes back to where it started ends with its first speaker again.
    """
    speaker = _speaks_for(graph) if by_organisation else {}
    hops: dict[tuple[str, str], set] = {}
    for agent, target, data in _facts(graph, ("responds-to",)):
        pair = (speaker.get(agent, agent), speaker.get(target, target))
        if pair[0] != pair[1]:
            hops.setdefault(pair, set()).add(data["date"])
    talk = nx.DiGraph(list(hops))
    paths = [path for start in sorted(talk) for path in _paths_from(talk, [start], max_hops)]
    maximal = [p for p in paths if not any(len(q) > len(p) and _contains(q, p) for q in paths)]
    rows = [_chain_row(graph, path, hops) for path in maximal]
    frame = pd.DataFrame(rows, columns=["chain", "hops", "first", "last", "steps"])
    return frame.sort_values(["hops", "first", "chain"], ascending=[False, True, True], na_position="last",
                             ignore_index=True)


def _paths_from(talk: nx.DiGraph, path: list[str], max_hops: int):
    """Maximal simple paths from ``path``; a path that can close on its start also yields the loop."""
    nexts = sorted(talk.successors(path[-1]))
    if len(path) > 1 and path[0] in nexts:
        yield path + [path[0]]
    ends = [n for n in nexts if n not in path]
    if not ends or len(path) > max_hops:
        if len(path) > 1:
            yield path
        return
    for node in ends:
        yield from _paths_from(talk, path + [node], max_hops)


def _contains(longer: list[str], shorter: list[str]) -> bool:
    size = len(shorter)
    return any(longer[i:i + size] == shorter for i in range(len(longer) - size + 1))


def _chain_row(graph: nx.MultiDiGraph, path: list[str], hops: dict[tuple[str, str], set]) -> dict:
    steps, days = [], []
    for agent, target in pairwise(path):
        known = sorted(d for d in hops[(agent, target)] if d)
        days += known
        when = ", ".join(d.isoformat() for d in known) or "date unknown"
        steps.append(f"{_label(graph, agent)} -> {_label(graph, target)} ({when})")
    return {"chain": " -> ".join(_label(graph, n) for n in path), "hops": len(path) - 1,
            "first": min(days, default=None), "last": max(days, default=None), "steps": tuple(steps)}
