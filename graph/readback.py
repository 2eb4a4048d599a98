"""The built graph read back as plain nodes and fact edges (downstream of the store).

The page (``graph.render``) and the network analysis (``graph.analysis``) both need every
entity and every fact of a build; this module is the one place that asks the store for them,
so both read the same facts the same way.
"""

from __future__ import annotations

from dataclasses import dataclass

from .queries import OxigraphEngine

__all__ = ["FactEdge", "Node", "read_edges", "read_nodes"]

_PREFIXES = """PREFIX sg: <https://w3id.org/strikegraph/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
"""
_NODES = _PREFIXES + """
SELECT ?node (SAMPLE(?name) AS ?label) (MIN(STRAFTER(STR(?class), "#")) AS ?type)
       (GROUP_CONCAT(DISTINCT ?alias; SEPARATOR="|") AS ?aliases) (SAMPLE(?parent) AS ?versionOf) WHERE {
  GRAPH <https://w3id.org/strikegraph/id/graph/entities> {
    ?node a ?class ; rdfs:label ?name .
    FILTER(STRSTARTS(STR(?class), STR(sg:)))
    OPTIONAL { ?node skos:altLabel ?alias }
    OPTIONAL { ?node sg:versionOf ?parent }
  }
}
GROUP BY ?node ORDER BY ?node
"""
_EDGES = _PREFIXES + """
SELECT ?fact ?relation ?agent ?object ?date ?dateText ?action ?role ?evidence ?start ?article ?rule WHERE {
  VALUES (?kind ?relation) {
    (sg:Proposal "proposes") (sg:Opposition "opposes") (sg:Support "supports")
    (sg:StrikeAction "strikes-at") (sg:Response "responds-to") (sg:Representation "represents")
  }
  GRAPH ?g {
    ?fact a ?kind ; sg:agent ?agent ; sg:object ?object ; sg:evidence ?evidence ; sg:article ?source .
    ?source sg:fileName ?article .
    OPTIONAL { ?fact sg:evidenceStart ?start }
    OPTIONAL { ?fact sg:date ?day }
    OPTIONAL { ?fact sg:dateText ?dateText }
    OPTIONAL { ?fact sg:action ?action }
    OPTIONAL { ?fact sg:role ?role }
    OPTIONAL { ?fact sg:rule ?rule }
  }
  BIND(COALESCE(STR(?day), "") AS ?date)
}
ORDER BY ?fact
"""


@dataclass(frozen=True)
class Node:
    """An entity of the graph: its IRI, name, type (``Union``, ``PolicyVersion``...), aliases,
    and for a policy version the IRI of its policy."""

    iri: str
    label: str
    type: str
    aliases: tuple[str, ...] = ()
    version_of: str = ""


@dataclass(frozen=True)
class FactEdge:
    """A fact with a named object, as an edge from its agent: relation, ISO date or "", the
    words the date came from, action, role, evidence and where it stands, article, rule id.
    (A strike whose article names no target has no object, so no edge.)"""

    fact: str
    relation: str
    agent: str
    object: str
    date: str
    date_text: str
    action: str
    role: str
    evidence: str
    start: int
    article: str
    rule: str


def read_nodes(store) -> list[Node]:
    """Every entity in the store's entities graph, in IRI order."""
    rows = OxigraphEngine(store).run(_NODES, {}).rows
    return [Node(r["node"], r["label"], r["type"], tuple(sorted(a for a in r["aliases"].split("|") if a)),
                 r["versionOf"]) for r in rows]


def read_edges(store) -> list[FactEdge]:
    """Every fact with an object, in fact-IRI order (stable across builds); an article known by
    two file names gives its facts once, under its first name."""
    edges: dict[str, FactEdge] = {}
    rows = OxigraphEngine(store).run(_EDGES, {}).rows
    for r in sorted(rows, key=lambda r: (r["fact"], r["article"])):
        edges.setdefault(r["fact"], FactEdge(
            r["fact"], r["relation"], r["agent"], r["object"], r["date"], r["dateText"], r["action"], r["role"],
            r["evidence"], int(r["start"] or 0), r["article"], r["rule"]))
    return list(edges.values())
