"""Notebook helpers: the built graph as pandas DataFrames, charts and an inline page.

Thin on purpose: each helper calls one library function (a canned query, the analysis
stage, the page renderer) and shapes its answer for a person in Jupyter, so a notebook holds
no copy of package logic and a change to a query shows up in the notebook unchanged.
Canned-query ``date`` columns become pandas datetimes (``NaT`` where the article does not
say when), so they sort, filter and plot as dates.
"""

from __future__ import annotations

import html
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .errors import GraphError, QueryError
from .queries import CannedQuery, OxigraphEngine, load_queries, parse_query, run
from .store import NQUADS_FILE, open_store

__all__ = [
    "GraphInfo",
    "build_or_load",
    "entities_df",
    "policy_timeline",
    "queries_df",
    "query_df",
    "show_page",
    "sparql_df",
    "speaking_for",
    "timeline_chart",
]

#: How each relation is drawn on a policy timeline: marker, colour, legend text, and where in
#: the version's row (a fraction of the row, with the name's alignment) so that a day with a
#: proposal and an opposition shows both.
_MARKS = {"proposes": ("o", "#1f5fa8", "proposed", 0.2, "bottom"),
          "supports": ("^", "#2e8b57", "supported", 0.0, "center"),
          "opposes": ("X", "#c0392b", "opposed", -0.2, "top")}

#: ``strikegraph build``'s exit status when it built the graph but skipped some articles.
_EXIT_SKIPPED = 3

_COUNTS = """
PREFIX sg: <https://w3id.org/strikegraph/ontology#>
SELECT (COUNT(DISTINCT ?article) AS ?articles) (COUNT(DISTINCT ?fact) AS ?facts)
       (COUNT(DISTINCT ?entity) AS ?entities) WHERE {
  { GRAPH ?g { ?article a sg:Article } } UNION { GRAPH ?g { ?fact sg:agent ?a } }
  UNION { GRAPH <https://w3id.org/strikegraph/id/graph/entities> { ?entity a ?type } }
}
"""


@dataclass(frozen=True)
class GraphInfo:
    """What the notebook is looking at: the build folder, whether it was just built, its size."""

    graph_dir: Path
    built: bool
    articles: int
    entities: int
    facts: int

    def __str__(self) -> str:
        how = "built" if self.built else "loaded"
        return f"{how} {self.graph_dir}: {self.articles} articles, {self.entities} entities, {self.facts} facts"


def build_or_load(articles_dir: Path | str, graph_dir: Path | str = "build", rebuild: bool = False) -> GraphInfo:
    """The graph of ``articles_dir`` in ``graph_dir``: built when missing or older than an article.

    Building runs ``strikegraph build`` in a separate process, exactly as the README does, so
    the notebook's kernel never loads spaCy and a build that fails leaves the previous graph
    in place. Pass ``rebuild=True`` after changing the knowledge base or rules, which the age
    check cannot see. Build warnings (an unreadable article, a missing date) are printed.

    Raises:
        GraphError: the build failed; the message is the command's own.
    """
    articles, graph = Path(articles_dir), Path(graph_dir)
    built = rebuild or _stale(articles, graph)
    if built:
        _build(articles, graph)
    counts = OxigraphEngine(open_store(graph)).run(_COUNTS, {}).rows[0]
    return GraphInfo(graph, built, int(counts["articles"]), int(counts["entities"]), int(counts["facts"]))


def _build(articles: Path, graph: Path) -> None:
    command = [sys.executable, "-m", "graph.cli", "build", str(articles), "--out", str(graph)]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    warnings = [line for line in done.stderr.splitlines() if line.startswith("Warning:")]
    if warnings:
        print("\n".join(warnings), file=sys.stderr)
    if done.returncode not in (0, _EXIT_SKIPPED):
        errors = [line.removeprefix("Error: ") for line in done.stderr.splitlines() if line.startswith("Error:")]
        raise GraphError(errors[-1] if errors else f"strikegraph build failed: {done.stderr.strip()[-500:]}")


def _stale(articles: Path, graph: Path) -> bool:
    """True when there is no build, or an article or metadata file is newer than it."""
    built = graph / NQUADS_FILE
    if not built.exists() or not (graph / "store").exists() or not articles.exists():
        return True  # a missing articles folder goes to the build, which says so in its own words
    sources = [articles] if articles.is_file() else [p for p in articles.iterdir() if p.suffix in (".txt", ".csv")]
    return any(p.stat().st_mtime > built.stat().st_mtime for p in sources)


def queries_df() -> pd.DataFrame:
    """The canned queries: name, what each answers, its parameters and its columns."""
    rows = [{"name": q.name, "summary": q.summary,
             "params": " ".join(p.name + ("" if p.required else "?") for p in q.params),
             "columns": ", ".join(q.columns)} for q in load_queries().values()]
    return pd.DataFrame(rows, columns=["name", "summary", "params", "columns"])


def query_df(name: str, graph_dir: Path | str = "build", **params) -> pd.DataFrame:
    """Run the canned query ``name`` (see ``strikegraph queries``) with bound ``params``.

    >>> query_df("who-opposed", actor="OSSTF", since="2020-01-01")  # doctest: +SKIP

    Raises:
        QueryError: an unknown query or parameter, or a malformed date.
        StoreError: there is no built graph in ``graph_dir``.
    """
    canned = load_queries()
    if name not in canned:
        raise QueryError(f"no canned query {name!r}; try one of: {', '.join(canned)}")
    return _frame(canned[name], graph_dir, params)


def sparql_df(text: str, graph_dir: Path | str = "build", **params) -> pd.DataFrame:
    """Run your own SELECT query; ``#+ params: actor? since:date?`` lines declare bindable values."""
    return _frame(parse_query(text, "notebook"), graph_dir, params)


def _frame(query: CannedQuery, graph_dir: Path | str, params: dict) -> pd.DataFrame:
    result = run(OxigraphEngine(open_store(Path(graph_dir))), query, {k: str(v) for k, v in params.items()})
    if result.kind != "select":
        raise QueryError(f"query {query.name!r} is not a SELECT query, so it has no table to show")
    frame = pd.DataFrame(list(result.rows), columns=list(result.columns))
    if "date" in frame.columns:
        frame["date"] = pd.to_datetime(frame["date"].replace("", None), format="%Y-%m-%d", errors="coerce")
    return frame


def entities_df(graph_dir: Path | str = "build") -> pd.DataFrame:
    """Who and what the graph knows: label, type and aliases of every entity."""
    from .readback import read_nodes

    nodes = read_nodes(open_store(Path(graph_dir)))
    rows = [{"label": n.label, "type": n.type, "aliases": ", ".join(n.aliases)} for n in nodes]
    return pd.DataFrame(rows, columns=["label", "type", "aliases"]).sort_values(["type", "label"], ignore_index=True)


def speaking_for(frame: pd.DataFrame, graph_dir: Path | str = "build", column: str = "actor") -> pd.DataFrame:
    """``frame`` with a ``speaking_for`` column: the organisation each person in ``column`` represents.

    The articles quote people ("said Harvey Bischof, the president of the OSSTF"); this puts
    the union, party or government they speak for beside them (others speak for themselves).
    """
    from .analysis import affiliations, to_networkx

    spokes = affiliations(to_networkx(graph_dir))
    return frame.assign(speaking_for=frame[column].map(lambda name: spokes.get(name, name)))


def policy_timeline(policy: str, graph_dir: Path | str = "build") -> pd.DataFrame:
    """The dated proposals, support and opposition of a policy and its versions, oldest first."""
    frame = query_df("timeline", graph_dir, policy=policy)
    return frame[frame["relation"].isin(list(_MARKS))].reset_index(drop=True)


def timeline_chart(frame: pd.DataFrame, title: str = ""):
    """A policy's timeline: one row per version, a marker per day it was proposed, supported or opposed.

    ``frame`` is :func:`policy_timeline`'s answer; the names beside a marker are who did it
    that day. Returns a matplotlib ``Figure`` that is not registered with pyplot, so it shows
    once, where the notebook displays it.
    """
    from matplotlib.figure import Figure

    versions = list(dict.fromkeys(frame.sort_values("date")["object"]))
    figure = Figure(figsize=(11, 1.4 + 0.9 * max(len(versions), 1)), layout="constrained")
    axes = figure.subplots()
    for relation, (marker, colour, text, shift, align) in _MARKS.items():
        days = frame[frame["relation"] == relation].groupby(["date", "object"])["actor"].agg(_names).reset_index()
        rows = days["object"].map(versions.index) + shift
        axes.scatter(days["date"], rows, marker=marker, s=80, color=colour, label=text, zorder=3)
        for day, row, names in zip(days["date"], rows, days["actor"]):
            axes.annotate(names, (day, row), textcoords="offset points", xytext=(7, 0), va=align,
                          fontsize=8, color=colour)
    axes.set_yticks(range(len(versions)), versions)
    axes.set_ylim(-0.6, len(versions) - 0.4)
    if len(frame):
        first, last = frame["date"].min(), frame["date"].max()
        span = max(last - first, pd.Timedelta(days=20))
        axes.set_xlim(first - span * 0.08, last + span * 0.45)
    axes.grid(axis="x", alpha=0.3)
    axes.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=8, frameon=False)
    axes.set_title(title or "timeline")
    figure.autofmt_xdate()
    return figure


def _names(actors: pd.Series) -> str:
    """Distinct names, two to a line, so a crowded day stays readable."""
    names = sorted(set(actors))
    return "\n".join(", ".join(names[i:i + 2]) for i in range(0, len(names), 2))


def show_page(graph_dir: Path | str = "build", height: int = 800, **options):
    """The interactive graph page inline in the notebook (a sandboxed frame holding the whole page).

    ``options`` go to :func:`graph.render.page_html` (``view``, ``since``, ``until``,
    ``actor``, ``policy``, ``node_limit``). The page is self-contained, so it works offline
    and in a notebook exported to HTML; the sandbox lets its scripts run but keeps them out of
    the notebook.

    Raises:
        StoreError: there is no built graph in ``graph_dir``.
        QueryError: an unknown view or a malformed date.
    """
    from IPython.display import HTML

    from .render import page_html

    page = page_html(Path(graph_dir), **options)
    return HTML(f'<div class="strikegraph-page"><iframe srcdoc="{html.escape(page, quote=True)}" width="100%" '
                f'height="{int(height)}" style="border: 1px solid #ddd" sandbox="allow-scripts"></iframe></div>')
