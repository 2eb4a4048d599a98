"""The page in a real browser: Debian's chromium driven by Playwright, offline, from file://.

Checks that the page opens with no console error and no request leaving the file, that the
network holds exactly the nodes and edges the store says it should, that hovering and
clicking an edge shows its evidence, that the controls filter and find, and that an article
carrying markup shows it as text and runs nothing. Screenshots go to tests/artifacts/ for
people to look at. Without chromium these tests skip, except under CI, where they fail.
"""

from __future__ import annotations

import os
import shutil
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from graph.queries import OxigraphEngine
from graph.render import write_page
from graph.store import open_store
from render_graph import EVIL_NAME, EXPECTED, IMG, SCRIPT, write_graph

pytestmark = pytest.mark.browser

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
HOSTILE_ARTICLE = (" date 2019-12-04\n"
                   f"OSSTF President Harvey Bischof {SCRIPT} said the union opposes the plan to increase class sizes.\n"
                   f"Education Minister Stephen Lecce {IMG} said the government proposes average class sizes of 25.\n")
FACT_KINDS = "sg:Opposition sg:Support sg:Proposal sg:StrikeAction sg:Representation sg:Response"
PREFIX = "PREFIX sg: <https://w3id.org/strikegraph/ontology#>\n"
#: What the graph says the page must hold: one node per entity in a fact, one edge per distinct
#: (kind, agent, object, date, action); written here independently of graph.render.
COUNT_QUERY = PREFIX + f"""SELECT (COUNT(DISTINCT ?entity) AS ?nodes) (COUNT(DISTINCT ?key) AS ?edges) WHERE {{
  VALUES ?kind {{ {FACT_KINDS} }}
  GRAPH ?g {{ ?fact a ?kind ; sg:agent ?agent ; sg:object ?object ; sg:agent|sg:object ?entity .
             OPTIONAL {{ ?fact sg:date ?date }} OPTIONAL {{ ?fact sg:action ?action }} }}
  BIND(CONCAT(STR(?kind), "|", STR(?agent), "|", STR(?object), "|", COALESCE(STR(?date), ""), "|",
              COALESCE(STR(?action), "")) AS ?key)
}}"""
EVIDENCE_QUERY = PREFIX + """SELECT ?evidence WHERE {
  GRAPH ?g { ?fact a sg:Opposition ; sg:evidence ?evidence ; sg:date ?date } } ORDER BY ?evidence"""
#: JavaScript: a point in the page on the edge ``id`` (on its drawn curve, in whole pixels, as
#: the mouse moves) where the pointer meets that edge and no node.
EDGE_POINT = """id => {
  const net = strikegraph.network, curve = net.body.edges[id].edgeType;
  const box = document.querySelector("#network canvas").getBoundingClientRect();
  for (const t of [0.5, 0.4, 0.6, 0.3, 0.7, 0.25, 0.75]) {
    const dom = net.canvasToDOM(curve.getPoint(t));
    const at = {x: Math.round(box.left + dom.x), y: Math.round(box.top + dom.y)};
    const local = {x: at.x - box.left, y: at.y - box.top};
    if (net.getEdgeAt(local) === id && net.getNodeAt(local) === undefined) return at;
  }
  return null;
}"""


def _missing(message: str):
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="module")
def browser():
    path = os.environ.get("STRIKEGRAPH_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    if not path:
        _missing("chromium is missing: 'python3 dev.py test' installs it, or set STRIKEGRAPH_CHROMIUM")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _missing("playwright is missing: install the test extras, pip install -e '.[test]'")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@dataclass
class Opened:
    """A page open in the browser, and everything it did that a test may object to."""

    page: object
    errors: list[str] = field(default_factory=list)
    outside: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def count(self, selector: str) -> int:
        return self.page.evaluate(f"document.querySelectorAll({selector!r}).length")


@contextmanager
def opened(browser, path: Path):
    """Open ``path`` offline; record console errors, page errors, outside requests and dialogs."""
    context = browser.new_context(offline=True, viewport={"width": 1400, "height": 900})
    page = context.new_page()
    seen = Opened(page)
    page.on("console", lambda message: seen.errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: seen.errors.append(str(error)))
    page.on("requestfailed", lambda request: seen.outside.append(f"failed: {request.url}"))
    page.on("request", lambda request: None if request.url.startswith(("file://", "data:"))
            else seen.outside.append(request.url))
    page.on("dialog", lambda dialog: (seen.dialogs.append(dialog.message), dialog.dismiss()))
    try:
        page.goto(path.as_uri())
        page.wait_for_function("window.strikegraph && window.strikegraph.ready", timeout=30_000)
        yield seen
    finally:
        context.close()


def _screenshot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / name), full_page=True)


def _store_counts(graph_dir: Path) -> tuple[int, int]:
    row = OxigraphEngine(open_store(graph_dir)).run(COUNT_QUERY, {}).rows[0]
    return int(row["nodes"]), int(row["edges"])


def _page_counts(page) -> list[int]:
    return page.evaluate("[strikegraph.nodes.length, strikegraph.edges.length, "
                         "strikegraph.nodeView.length, strikegraph.edgeView.length]")


def _edge_with(page, text: str) -> tuple[str, dict]:
    """An edge whose tooltip holds ``text``, and a point where the pointer meets it alone."""
    ids = page.evaluate("text => strikegraph.edges.get().filter(e => e.title.includes(text)).map(e => e.id)", text)
    assert ids, f"no edge of the page carries {text!r}"
    for edge_id in ids:
        point = page.evaluate(EDGE_POINT, edge_id)
        if point:
            return edge_id, point
    pytest.fail(f"every edge carrying {text!r} is covered by a node or another edge")


def _hover_and_click(page, point: dict) -> tuple[str, str]:
    page.mouse.move(point["x"], point["y"])
    page.wait_for_selector("div.vis-tooltip", state="visible", timeout=5_000)
    tooltip = page.inner_text("div.vis-tooltip")
    page.mouse.click(point["x"], point["y"])
    return tooltip, page.inner_text("#details")


def _flat(text: str) -> str:
    return " ".join(text.split())


# ------------------------------------------------------------------------------ the seeds' page


@pytest.fixture(scope="module")
def seeds_page(seeds_build) -> Path:
    page = seeds_build / "graph.html"
    assert page.is_file(), "strikegraph build did not write graph.html"
    return page


def test_seeds_page_opens_offline_with_no_error_and_no_outside_request(browser, seeds_page):
    with opened(browser, seeds_page) as seen:
        _screenshot(seen.page, "seeds-all.png")
        assert seen.errors == [] and seen.outside == [] and seen.dialogs == []


def test_seeds_page_holds_exactly_the_graphs_nodes_and_edges(browser, seeds_build, seeds_page):
    nodes, edges = _store_counts(seeds_build)
    assert nodes > 0 and edges > 0
    with opened(browser, seeds_page) as seen:
        assert _page_counts(seen.page) == [nodes, edges, nodes, edges]


def test_hovering_and_clicking_an_edge_shows_its_evidence(browser, seeds_build, seeds_page):
    rows = OxigraphEngine(open_store(seeds_build)).run(EVIDENCE_QUERY, {}).rows
    assert rows, "the seeds graph has no dated opposition"
    with opened(browser, seeds_page) as seen:
        for row in rows:  # the first opposition whose edge the pointer can reach alone
            ids = seen.page.evaluate("t => strikegraph.edges.get().filter(e => e.title.includes(t)).map(e => e.id)",
                                     row["evidence"])
            if any(seen.page.evaluate(EDGE_POINT, i) for i in ids):
                break
        _edge_id, point = _edge_with(seen.page, row["evidence"])
        tooltip, details = _hover_and_click(seen.page, point)
        assert _flat(row["evidence"]) in _flat(tooltip)
        assert _flat(row["evidence"]) in _flat(details)
        assert seen.errors == []


def test_seeds_stances_page(browser, seeds_build, tmp_path):
    page = write_page(seeds_build, tmp_path / "stances.html", view="stances")
    with opened(browser, page) as seen:
        _screenshot(seen.page, "seeds-stances.png")
        labels = seen.page.evaluate("strikegraph.edges.get().map(e => e.label)")
        assert labels and all(label.strip() for label in labels)
        assert seen.errors == [] and seen.outside == []


# ------------------------------------------------------------------------------ hostile text


def test_an_article_with_markup_shows_it_as_text_and_runs_nothing(browser, extractor, tmp_path):
    from graph.pipeline import build

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "900_hostile.txt").write_text(HOSTILE_ARTICLE, encoding="utf-8")
    build([corpus], tmp_path / "build", extractor=extractor)
    ask = PREFIX + f'ASK {{ GRAPH ?g {{ ?f a sg:Opposition ; sg:evidence ?e FILTER(CONTAINS(?e, "{SCRIPT}")) }} }}'
    assert OxigraphEngine(open_store(tmp_path / "build")).run(ask, {}).boolean, "the extractor made no such fact"
    with opened(browser, tmp_path / "build" / "graph.html") as seen:
        elements = seen.count("*:not(br)")
        _edge_id, point = _edge_with(seen.page, SCRIPT)
        tooltip, details = _hover_and_click(seen.page, point)
        _screenshot(seen.page, "hostile.png")
        assert SCRIPT in tooltip and SCRIPT in details
        assert seen.dialogs == [] and seen.errors == []
        assert seen.count("img") == 0 and seen.count("script") == 3
        # vis-network writes a tooltip with innerText, which makes a <br> of each line break
        assert seen.count("div.vis-tooltip *:not(br)") == 0 and seen.count("#details *") == 0
        assert seen.count("*:not(br)") == elements + 1  # the tooltip box itself, made on first hover


def test_hostile_names_and_controls_in_the_hand_written_graph(browser, tmp_path):
    graph_dir = write_graph(tmp_path / "graph")
    page = write_page(graph_dir, tmp_path / "graph.html")
    with opened(browser, page) as seen:
        assert _page_counts(seen.page) == [*EXPECTED["all"], *EXPECTED["all"]]
        seen.page.fill("#find", EVIL_NAME[:12])
        seen.page.press("#find", "Enter")
        assert seen.page.inner_text("#details").startswith(EVIL_NAME)
        assert seen.page.evaluate("document.querySelector('#node-names option[value^=Evil]').value").startswith(EVIL_NAME[:20])
        seen.page.uncheck("input[name=relation][value=opposes]")
        assert _page_counts(seen.page)[3] == EXPECTED["all"][1] - 3
        seen.page.fill("#since", "2019-12-01")
        seen.page.dispatch_event("#since", "change")
        seen.page.uncheck("#undated")
        assert _page_counts(seen.page)[3] == 3  # the strike and the two answers of December
        seen.page.click("#reset")
        assert _page_counts(seen.page)[2:] == list(EXPECTED["all"])
        assert seen.dialogs == [] and seen.errors == [] and seen.outside == []
        assert seen.count("img") == 0 and seen.count("script") == 3
