"""Page selection stage: the built graph -> the nodes and edges one page shows.

Reads every entity and fact edge back from a build folder's store, groups facts that state
the same edge, and narrows them to a view, a date range, an actor or a policy, keeping the
most connected nodes under a limit. The render stage (``graph.render``) lays out and writes
what this selects; the notebook uses both. Kept apart so the selection can be tested and
reused without any HTML.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from .errors import QueryError
from .readback import FactEdge, read_edges, read_nodes
from .store import open_store

__all__ = ["CATEGORIES", "DEFAULT_NODE_LIMIT", "RELATIONS", "VIEWS", "PageEdge", "PageGraph", "PageNode",
           "Statement", "read_graph", "select_graph"]

VIEWS = ("all", "stances", "strikes", "people")
DEFAULT_NODE_LIMIT = 1000
#: relation -> (words on the page, line colour, label colour); in the order of the page's checkboxes.
RELATIONS = {
    "opposes": ("opposes", "#d62728", "#a31b1c"), "supports": ("supports", "#2ca02c", "#1d6e1d"),
    "proposes": ("proposes", "#1f77b4", "#17598a"), "strikes-at": ("strikes at", "#ff7f0e", "#b35300"),
    "represents": ("represents", "#7f7f7f", "#555555"), "responds-to": ("responds to", "#9467bd", "#6c4596"),
}
#: node category -> (legend words, colour, vis shape, legend glyph)
CATEGORIES = {
    "person": ("person", "#f4a261", "dot", "●"), "union": ("union", "#2a9d8f", "diamond", "◆"),
    "government": ("government or ministry", "#264653", "square", "■"),
    "school-board": ("school board", "#8ab17d", "triangle", "▲"),
    "party": ("political party", "#e76f51", "hexagon", "⬢"),
    "group": ("group or organisation", "#b5838d", "dot", "●"),
    "place": ("place", "#5fa8d3", "triangleDown", "▼"),
    "policy": ("policy or policy version", "#e9c46a", "star", "★"),
    "event": ("event", "#6d597a", "diamond", "◆"),
}
_TYPE_CATEGORY = {
    "Person": "person", "Union": "union", "Government": "government", "Ministry": "government",
    "SchoolBoard": "school-board", "PoliticalParty": "party", "StudentGroup": "group", "ParentGroup": "group",
    "Media": "group", "Organisation": "group", "Group": "group", "Region": "place", "Policy": "policy",
    "PolicyVersion": "policy", "JobAction": "event", "Announcement": "event", "Bargaining": "event",
}
_VIEW_RELATIONS = {"all": tuple(RELATIONS), "stances": ("opposes", "supports", "proposes"),
                   "strikes": ("strikes-at",), "people": tuple(RELATIONS)}


@dataclass(frozen=True)
class PageNode:
    """An entity as the page shows it: IRI, ontology type, name, aliases, policy it versions."""

    id: str
    type: str
    name: str
    aliases: tuple[str, ...] = ()
    version_of: str = ""

    @property
    def category(self) -> str:
        return _TYPE_CATEGORY.get(self.type, "group")


@dataclass(frozen=True)
class Statement:
    """One sentence that states an edge: the evidence, its article, the words the date came from."""

    sentence: str
    article: str
    date_text: str = ""
    role: str = ""


@dataclass(frozen=True)
class PageEdge:
    """One edge: every fact with the same relation, ends, date and action, with all their sentences."""

    id: str
    relation: str
    agent: str
    object: str
    date: str
    action: str
    statements: tuple[Statement, ...]


@dataclass(frozen=True)
class PageGraph:
    """What one page shows: the view, its nodes and edges, and what the filters and limit left out."""

    view: str
    nodes: tuple[PageNode, ...]
    edges: tuple[PageEdge, ...]
    filters: tuple[tuple[str, str], ...] = ()
    left_out: tuple[str, ...] = ()
    left_out_edges: int = 0


def read_graph(graph_dir: Path) -> tuple[dict[str, PageNode], tuple[PageEdge, ...]]:
    """Every entity and every fact edge of the built graph in ``graph_dir``.

    Raises:
        StoreError: there is no built graph in ``graph_dir``.
    """
    store = open_store(graph_dir)
    entities = read_nodes(store)
    labels = {n.iri: n.label for n in entities}
    nodes = {n.iri: PageNode(n.iri, n.type, n.label, n.aliases, labels.get(n.version_of, "")) for n in entities}
    return nodes, _edges(read_edges(store), nodes)


def _edges(facts: list[FactEdge], nodes: dict[str, PageNode]) -> tuple[PageEdge, ...]:
    """Facts with the same relation, ends, date and action make one edge listing every sentence."""
    grouped: dict[tuple, list[FactEdge]] = defaultdict(list)
    for fact in sorted(facts, key=lambda f: (f.article, f.start, f.fact)):
        if fact.agent in nodes and fact.object in nodes:
            grouped[(fact.relation, fact.agent, fact.object, fact.date, fact.action)].append(fact)
    return tuple(
        PageEdge("edge-" + hashlib.sha256("|".join(key).encode("utf-8")).hexdigest()[:16], *key,
                 tuple(Statement(f.evidence, f.article, f.date_text, f.role) for f in group))
        for key, group in sorted(grouped.items()))


def select_graph(nodes: dict[str, PageNode], edges: tuple[PageEdge, ...], view: str = "all",
                 since: str | date | None = None, until: str | date | None = None, actor: str | None = None,
                 policy: str | None = None, node_limit: int = DEFAULT_NODE_LIMIT) -> PageGraph:
    """The part of the graph one page shows: a view, narrowed by dates, actor and policy.

    ``actor`` keeps edges with an end whose name or alias contains it; ``policy`` keeps edges
    whose object's name, or the name of the policy it is a version of, contains it; a date
    bound drops undated edges, as the canned queries do. Above ``node_limit`` nodes only the
    most connected stay, and the page names what was left out.

    Raises:
        QueryError: an unknown view, a malformed date or a node limit below 1.
    """
    if view not in VIEWS:
        raise QueryError(f"no view {view!r}; try one of: {', '.join(VIEWS)}")
    if node_limit < 1:
        raise QueryError(f"the node limit must be at least 1, not {node_limit}")
    since, until = _day(since, "since"), _day(until, "until")
    low, high = since or "0000-00-00", until or "9999-99-99"
    kept = [e for e in edges if e.relation in _VIEW_RELATIONS[view] and _in_view(e, view, nodes)
            and (not (since or until) or (e.date and low <= e.date <= high))
            and (not actor or _named(nodes[e.agent], actor) or _named(nodes[e.object], actor))
            and (not policy or _named(nodes[e.object], policy, versions=True))]
    filters = tuple((k, v) for k, v in (("since", since), ("until", until), ("actor", actor), ("policy", policy)) if v)
    return _limit(view, nodes, kept, filters, node_limit)


def _day(value: str | date | None, name: str) -> str:
    if not value:
        return ""
    try:
        return date.fromisoformat(str(value)).isoformat()
    except ValueError:
        raise QueryError(f"--{name} {value!r}: a date must be YYYY-MM-DD") from None


def _in_view(edge: PageEdge, view: str, nodes: dict[str, PageNode]) -> bool:
    """The people view: who speaks for whom, who answered whom, and anything a person did."""
    return view != "people" or edge.relation in ("represents", "responds-to") \
        or "Person" in (nodes[edge.agent].type, nodes[edge.object].type)


def _named(node: PageNode, needle: str, versions: bool = False) -> bool:
    needle = needle.casefold()
    names = (node.name, node.version_of) if versions else (node.name, *node.aliases)
    return any(needle in name.casefold() for name in names if name)


def _limit(view, nodes, edges, filters, node_limit) -> PageGraph:
    degree = Counter(end for e in edges for end in (e.agent, e.object))
    ranked = sorted(degree, key=lambda n: (-degree[n], nodes[n].name, n))
    shown = set(ranked[:node_limit])
    kept = tuple(e for e in edges if e.agent in shown and e.object in shown)
    left_out = tuple(nodes[n].name for n in ranked[node_limit:])
    return PageGraph(view, tuple(nodes[n] for n in sorted(shown)), kept, filters, left_out, len(edges) - len(kept))
