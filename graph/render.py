"""Render stage: the built graph -> one self-contained interactive HTML page.

Consumes what ``graph.page_graph`` selects from a build folder; produces the page as text.
pyvis assembles the vis-network nodes and edges (directly, not through ``from_nx``, which is
slow past a few thousand nodes); the page around them is ``data/static/page.html`` with
vis-network (from the pyvis package's own files), the page's script and its style inlined,
so the file opens from disk with no network at all.

Article text reaches the page in two ways only, both inert: inside the JSON data block,
where ``<``, ``>`` and ``&`` are written as ``\\u003c``-style escapes so no text can close
the script element, and through Jinja2 with autoescaping on. Tooltips are plain strings,
which vis-network shows with ``innerText``. pyvis's own template and ``write_html`` are not
used: they link Bootstrap from a CDN, leave the heading and the node-select menu unescaped,
switch every tooltip to raw HTML as soon as one contains "href", and write the file in the
platform's encoding.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from collections import Counter, defaultdict
from datetime import date
from pathlib import Path

import pyvis
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup
from pyvis.network import Network

from .page_graph import (
    CATEGORIES,
    DEFAULT_NODE_LIMIT,
    RELATIONS,
    VIEWS,
    PageEdge,
    PageGraph,
    PageNode,
    Statement,
    read_graph,
    select_graph,
)

__all__ = ["CATEGORIES", "DEFAULT_NODE_LIMIT", "RELATIONS", "VIEWS", "PageEdge", "PageGraph", "PageNode",
           "Statement", "page_html", "read_graph", "select_graph", "short_label", "write_page"]

_VIEW_TITLES = {
    "all": "everything the articles state",
    "stances": "who proposed, supported or opposed which policy, and when",
    "strikes": "which union struck where, and when", "people": "who speaks for whom, and who answered whom",
}
_COLUMN_VIEWS = {"stances", "strikes"}
_ROW, _COLUMN_GAP, _MAX_HEIGHT = 80, 640, 2400
_STATIC = Path(__file__).resolve().parent / "data" / "static"
_VIS = Path(pyvis.__file__).resolve().parent / "templates" / "lib" / "vis-9.1.2" / "vis-network.min.js"
_ACRONYM = re.compile(r"^[A-Z][A-Z0-9&]{1,7}$")


def short_label(name: str, aliases: tuple[str, ...] = ()) -> str:
    """The name a chart can carry: a known acronym for a long name, else the name, cut at 40.

    >>> short_label("Ontario Secondary School Teachers' Federation", ("FEESO", "OSSTF", "OSSTF/FEESO"))
    'OSSTF'
    >>> short_label("Stephen Lecce", ("Lecce",))
    'Stephen Lecce'
    """
    initials = "".join(word[0] for word in re.findall(r"[A-Za-z]+", name)).upper()
    acronyms = [a for a in aliases if _ACRONYM.match(a)]
    if acronyms and len(name) > 12:
        return min(acronyms, key=lambda a: (not _subsequence(a, initials), len(a), a))
    return name if len(name) <= 40 else name[:39].rstrip() + "…"


def _subsequence(short: str, long: str) -> bool:
    letters = iter(long)
    return all(letter in letters for letter in short)


def _node_text(node: PageNode, degree: int) -> str:
    lines = [node.name, f"Type: {CATEGORIES[node.category][0]} ({node.type})"]
    if node.version_of:
        lines.append(f"Version of: {node.version_of}")
    if node.aliases:
        lines.append("Also called: " + ", ".join(node.aliases))
    return "\n".join(lines + [f"Connections on this page: {degree}"])


def _edge_words(edge: PageEdge) -> str:
    if edge.relation == "strikes-at" and edge.action:
        return edge.action if edge.action.endswith(("strike", "walkout", "work-to-rule", "picket", "action")) \
            else f"strikes at ({edge.action})"
    return RELATIONS[edge.relation][0]


def _edge_text(edge: PageEdge, nodes: dict[str, PageNode]) -> str:
    lines = [f"{nodes[edge.agent].name} {_edge_words(edge)} {nodes[edge.object].name}",
             f"Date: {edge.date}" if edge.date else "Date: not stated in the article"]
    for statement in edge.statements[:6]:
        said = f' (date read from "{statement.date_text}")' if statement.date_text else ""
        lines += ["", f"Evidence: {statement.sentence}", f"Article: {statement.article}{said}"]
        lines += [f"Role: {statement.role}"] if statement.role else []
    if len(edge.statements) > 6:
        lines.append(f"... and {len(edge.statements) - 6} more sentences")
    return "\n".join(lines)


def _edge_label(edge: PageEdge, joint: str = "\n") -> str:
    if edge.relation == "represents":
        role = next((s.role for s in edge.statements if s.role), "")
        return f"represents{joint}{role}" if role else "represents"
    return f"{_edge_words(edge)}{joint}{edge.date or 'no date'}"


def _columns(page: PageGraph) -> dict[str, tuple[int, int]]:
    """Fixed places for the column views: agents on the left, what they act on on the right."""
    agents = {e.agent for e in page.edges}
    by_id = {n.id: n for n in page.nodes}
    right = sorted((n for n in page.nodes if n.id not in agents), key=lambda n: (n.version_of or n.name, n.name))
    rank = {n.id: i for i, n in enumerate(right)}
    targets = defaultdict(list)
    for edge in page.edges:
        targets[edge.agent].append(rank.get(edge.object, 0))
    left = sorted(agents, key=lambda a: (sum(targets[a]) / len(targets[a]), by_id[a].name))
    rows = max(len(left), len(right))
    places = {}
    for x, column in ((0, [by_id[a] for a in left]), (_COLUMN_GAP, right)):
        top = (rows - len(column)) * _ROW // 2
        places.update({n.id: (x, top + i * _ROW) for i, n in enumerate(column)})
    return places


def _label_shifts(page: PageGraph, places: dict[str, tuple[int, int]], labels: dict[str, str]) -> dict[str, int]:
    """Vertical nudges that keep the labels of straight column edges from covering each other.

    Labels sit at edge midpoints, which coincide where edges cross or fan out; each label, in
    order of height, takes the nearest free slot above or below its midpoint.
    """
    placed: dict[int, list[tuple[float, float, float]]] = defaultdict(list)  # band -> (left, right, y)
    shifts = {}
    for edge in sorted(page.edges, key=lambda e: (places[e.agent][1] + places[e.object][1], e.id)):
        x = (places[edge.agent][0] + places[edge.object][0]) / 2
        y = (places[edge.agent][1] + places[edge.object][1]) / 2
        half = 3.2 * len(labels[edge.id]) + 4
        for shift in (0, *(step * sign for step in range(15, 241, 15) for sign in (1, -1))):
            band = int((y + shift) // 15)
            if not any(left < x + half and x - half < right and abs(y + shift - other) < 15
                       for b in (band - 1, band, band + 1) for left, right, other in placed[b]):
                break
        placed[int((y + shift) // 15)].append((x - half, x + half, y + shift))
        shifts[edge.id] = shift
    return shifts


def _network(page: PageGraph) -> Network:
    nodes = {n.id: n for n in page.nodes}
    degree = Counter(end for e in page.edges for end in (e.agent, e.object))
    places = _columns(page) if page.view in _COLUMN_VIEWS else {}
    joint = " " if places else "\n"  # one-line labels between columns: less overlap where edges fan out
    net = Network(directed=True)
    for node in page.nodes:
        _words, colour, shape, _glyph = CATEGORIES[node.category]
        place = dict(zip(("x", "y"), places[node.id])) if node.id in places else {}
        net.add_node(node.id, label=short_label(node.name, node.aliases), shape=shape, color=colour,
                     size=round(min(10 + 5 * degree[node.id] ** 0.5, 40 if not places else 26), 1), title=_node_text(node, degree[node.id]),
                     category=node.category, search=" | ".join((node.name, *node.aliases)), **place)
    labels = {e.id: _edge_label(e, joint) for e in page.edges}
    shifts = _label_shifts(page, places, labels) if places else {}
    pair_of = {e.id: tuple(sorted((e.agent, e.object))) for e in page.edges}
    total, seen = Counter(pair_of.values()), Counter()
    for edge in page.edges:
        pair = pair_of[edge.id]
        # edges between the same two nodes each get their own curve (straight between columns,
        # where their labels are nudged apart instead)
        bent = total[pair] > 1 and not places
        smooth = {"enabled": True, "type": "curvedCW", "roundness": 0.12 + 0.18 * seen[pair]} if bent else False
        seen[pair] += 1
        colour, text = RELATIONS[edge.relation][1:]
        net.add_edge(edge.agent, edge.object, id=edge.id, label=labels[edge.id], title=_edge_text(edge, nodes),
                     color=colour, font={"color": text, "vadjust": shifts.get(edge.id, 0)},
                     relation=edge.relation, date=edge.date, smooth=smooth)
    return net


def _height(page: PageGraph) -> int:
    """Canvas pixels for a column view: tall enough to show it at full size, up to a limit."""
    rows = max(Counter(x for x, _y in _columns(page).values()).values(), default=0)
    return min(max(640, rows * _ROW + 140), _MAX_HEIGHT)


def _options(page: PageGraph) -> dict:
    fixed = page.view in _COLUMN_VIEWS and _height(page) < _MAX_HEIGHT  # past it, zooming is the way round
    big = len(page.nodes) > 150
    return {
        "autoResize": True,
        "layout": {"randomSeed": 7, "improvedLayout": not big},
        "nodes": {"font": {"size": 14, "face": "sans-serif"}, "borderWidth": 1,
                  "widthConstraint": {"maximum": 170}},
        "edges": {"arrows": {"to": {"enabled": True, "scaleFactor": 0.6}}, "width": 1.6, "selectionWidth": 2,
                  "font": {"size": 11, "face": "sans-serif", "background": "rgba(255,255,255,0.85)",
                           "strokeWidth": 0, "align": "horizontal"}},
        "interaction": {"hover": True, "tooltipDelay": 120, "hideEdgesOnDrag": big, "zoomView": not fixed},
        "physics": {"enabled": page.view not in _COLUMN_VIEWS, "solver": "forceAtlas2Based", "minVelocity": 1.5,
                    "forceAtlas2Based": {"gravitationalConstant": -60, "centralGravity": 0.01,
                                         "springLength": 110, "springConstant": 0.06, "avoidOverlap": 0.4},
                    # about 13 ms an iteration at 1,000 nodes: 100 keep the first stable drawing near 2 s
                    "stabilization": {"enabled": True, "iterations": max(100, min(600, 100_000 // max(len(page.nodes), 1))),
                                      "updateInterval": 50, "fit": True}},
    }


def _page_data(page: PageGraph) -> dict:
    net = _network(page)
    dates = sorted(e.date for e in page.edges if e.date)
    return {"nodes": net.nodes, "edges": net.edges, "options": _options(page),
            "dates": [dates[0], dates[-1]] if dates else [], "relations": sorted({e.relation for e in page.edges})}


def _script_json(value) -> Markup:
    """JSON that cannot end its script element: every <, > and & written as a \\u escape."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    for char in "<>&\u2028\u2029":
        text = text.replace(char, f"\\u{ord(char):04x}")
    return Markup(text)


def _inline(path: Path, closing: str) -> Markup:
    text = path.read_text(encoding="utf-8")
    for bad in (closing, "<!--"):  # either would end (or confuse the end of) the element it sits in
        if bad in text.lower():
            raise ValueError(f"{path} contains {bad!r} and cannot be inlined")
    return Markup(text)


def _context(page: PageGraph) -> dict:
    relations = Counter(e.relation for e in page.edges)
    articles = {s.article for e in page.edges for s in e.statements}
    notes = []
    if page.left_out:
        names = ", ".join(page.left_out[:12]) + (", …" if len(page.left_out) > 12 else "")
        notes.append(f"Too many nodes for one page: showing the {len(page.nodes)} most connected. Left out "
                     f"{len(page.left_out)} nodes and {page.left_out_edges} edges ({names}). Narrow the page with "
                     "--view, --actor, --policy, --since or --until.")
    if not page.edges:
        notes.append("Nothing to show: no fact in the graph matches this view and these filters.")
    return {
        "title": f"strikegraph: {_VIEW_TITLES[page.view]}",
        "subtitle": f"View {page.view}" + "".join(f"; {k} {v}" for k, v in page.filters)
                    + f"; {_count(page.nodes, 'node')}, {_count(page.edges, 'edge')}, from {_count(articles, 'article')}.",
        "notes": notes,
        "height": f"{_height(page)}px" if page.view in _COLUMN_VIEWS else "max(560px, calc(100vh - 190px))",
        "relations": [(r, *RELATIONS[r][:2], relations[r]) for r in RELATIONS if relations[r]],
        "categories": [CATEGORIES[c] for c in CATEGORIES if any(n.category == c for n in page.nodes)],
        "data": _script_json(_page_data(page)),
        "vis_js": _inline(_VIS, "</script"), "page_js": _inline(_STATIC / "page.js", "</script"),
        "page_css": _inline(_STATIC / "page.css", "</style"),
    }


def _count(items, noun: str) -> str:
    return f"{len(items)} {noun}{'' if len(items) == 1 else 's'}"


def page_html(graph_dir: Path, view: str = "all", since: str | date | None = None, until: str | date | None = None,
              actor: str | None = None, policy: str | None = None, node_limit: int = DEFAULT_NODE_LIMIT) -> str:
    """The interactive page of the graph built in ``graph_dir``: one self-contained HTML text.

    The notebook shows the same text inline; ``write_page`` writes it to a file.

    Raises:
        StoreError: there is no built graph in ``graph_dir``.
        QueryError: an unknown view, a malformed date or a node limit below 1.
    """
    page = select_graph(*read_graph(Path(graph_dir)), view=view, since=since, until=until, actor=actor,
                        policy=policy, node_limit=node_limit)
    environment = Environment(loader=FileSystemLoader(_STATIC), autoescape=select_autoescape(default=True))
    return environment.get_template("page.html").render(**_context(page))


def write_page(graph_dir: Path, out: Path | None = None, **filters) -> Path:
    """Write the page (UTF-8, atomically) to ``out``, by default ``graph_dir/graph.html``.

    ``filters`` are ``page_html``'s: view, since, until, actor, policy, node_limit.
    """
    graph_dir = Path(graph_dir)
    out = Path(out) if out else graph_dir / "graph.html"
    data = page_html(graph_dir, **filters).encode("utf-8")
    out.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=out.parent, prefix=f".{out.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
            os.fchmod(file.fileno(), 0o644)
        os.replace(temporary, out)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return out
