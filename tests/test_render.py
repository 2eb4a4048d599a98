"""Tests of the render stage without a browser: counts, views, filters, the node limit, escaping.

They run on the small hand-written graph of ``render_graph.py`` (real rdf and store stages, no
spaCy), with hostile text in evidence, entity names, aliases, article names and filters.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner

from graph import render
from graph.cli import cli
from graph.errors import QueryError, StoreError
from graph.render import page_html, read_graph, select_graph, short_label, write_page
from render_graph import EVIL_ARTICLE, EVIL_NAME, EXPECTED, FACTS, IMG, SCRIPT, write_graph

HOSTILE_FILTER = f'{IMG}"><svg onload=alert(4)>'


@pytest.fixture(scope="module")
def graph_dir(tmp_path_factory) -> Path:
    return write_graph(tmp_path_factory.mktemp("render-graph"))


@pytest.fixture(scope="module")
def graph(graph_dir):
    return read_graph(graph_dir)


class Tags(HTMLParser):
    """Every start tag of a page with its attributes, as a browser's parser sees them."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def page_data(html: str) -> dict:
    block = re.search(r'<script type="application/json" id="graph-data">(.*?)</script>', html, re.S)
    return json.loads(block.group(1))


# ------------------------------------------------------------------------------ views and counts


@pytest.mark.parametrize("view", sorted(EXPECTED))
def test_each_view_holds_the_expected_nodes_and_edges(graph, view):
    page = select_graph(*graph, view=view)
    assert (len(page.nodes), len(page.edges)) == EXPECTED[view]


def test_facts_with_the_same_relation_ends_and_date_are_one_edge_with_every_sentence(graph):
    nodes, edges = graph
    same = [e for e in edges if e.relation == "opposes" and e.date == "2019-03-16"]
    assert len(same) == 1 and len(same[0].statements) == 2
    assert len(edges) == len(FACTS) - 1


@pytest.mark.parametrize(("view", "relations"), [
    ("stances", {"opposes", "supports", "proposes"}),
    ("strikes", {"strikes-at"}),
])
def test_a_view_keeps_only_its_relations(graph, view, relations):
    assert {e.relation for e in select_graph(*graph, view=view).edges} <= relations


def test_the_page_data_holds_exactly_the_selected_graph(graph_dir, graph):
    data = page_data(page_html(graph_dir))
    page = select_graph(*graph)
    assert sorted(n["id"] for n in data["nodes"]) == sorted(n.id for n in page.nodes)
    assert sorted(e["id"] for e in data["edges"]) == sorted(e.id for e in page.edges)


def test_stances_view_puts_actors_and_policies_in_two_fixed_columns(graph_dir):
    data = page_data(page_html(graph_dir, view="stances"))
    columns = {n["label"]: n["x"] for n in data["nodes"]}
    assert columns["OSSTF"] == columns["Government of Ontario"] < columns["average class size 28"]
    assert columns["average class size 28"] == columns["increased class sizes"]
    assert data["options"]["physics"]["enabled"] is False
    assert all(e["label"] for e in data["edges"])


def test_the_all_view_stabilises_then_stops(graph_dir):
    data = page_data(page_html(graph_dir))
    assert data["options"]["physics"]["stabilization"]["enabled"] is True
    assert "physics: { enabled: false }" in (Path(render.__file__).parent / "data/static/page.js").read_text()


def test_edges_carry_relation_date_evidence_and_article(graph_dir):
    data = page_data(page_html(graph_dir))
    strike = next(e for e in data["edges"] if e["relation"] == "strikes-at")
    assert strike["label"] == "one-day strike\n2019-12-04"
    assert "OSSTF members held a one-day strike" in strike["title"]
    assert "Article: a.txt" in strike["title"] and "Date: 2019-12-04" in strike["title"]
    undated = next(e for e in data["edges"] if e["relation"] == "opposes" and not e["date"])
    assert undated["label"] == "opposes\nno date"


def test_nodes_are_styled_by_type_and_sized_by_degree(graph_dir):
    nodes = {n["label"]: n for n in page_data(page_html(graph_dir))["nodes"]}
    assert nodes["OSSTF"]["shape"] == "diamond" and nodes["TDSB"]["shape"] == "triangle"
    assert nodes["OSSTF"]["size"] > nodes["TDSB"]["size"]
    assert "Ontario Secondary School Teachers' Federation" in nodes["OSSTF"]["title"]
    assert "FEESO" in nodes["OSSTF"]["title"] and "union" in nodes["OSSTF"]["title"]


def test_the_legend_names_each_node_type_on_the_page(graph_dir):
    html = page_html(graph_dir)
    for words in ("person", "union", "government or ministry", "school board", "policy or policy version"):
        assert f"</span> {words}</li>" in html


# ------------------------------------------------------------------------------ filters


@pytest.mark.parametrize(("filters", "edges"), [
    ({"since": "2019-11-01"}, 4),
    ({"until": "2019-03-31"}, 2),
    ({"since": "2019-03-16", "until": "2019-03-16"}, 1),
    ({"actor": "osstf"}, 4),          # an alias, either end, any case
    ({"actor": "Sabourin"}, 1),
    ({"policy": "class size"}, 4),    # a version matches through the policy it belongs to
    ({"policy": "28"}, 3),
    ({"view": "stances", "actor": "OSSTF", "since": "2019-11-01"}, 1),
    ({"actor": "nobody at all"}, 0),
])
def test_filters(graph, filters, edges):
    assert len(select_graph(*graph, **filters).edges) == edges


@pytest.mark.parametrize(("filters", "message"), [
    ({"view": "timeline"}, "no view 'timeline'"),
    ({"since": "2019-13-01"}, "--since '2019-13-01': a date must be YYYY-MM-DD"),
    ({"until": "yesterday"}, "--until 'yesterday'"),
    ({"node_limit": 0}, "the node limit must be at least 1"),
])
def test_bad_filters_are_refused_with_a_clear_message(graph, filters, message):
    with pytest.raises(QueryError, match=re.escape(message)):
        select_graph(*graph, **filters)


def test_above_the_node_limit_the_page_says_what_was_left_out(graph_dir, graph):
    page = select_graph(*graph, node_limit=3)
    assert len(page.nodes) == 3 and len(page.left_out) == 5
    assert {n.name for n in page.nodes} >= {"Ontario Secondary School Teachers' Federation"}
    html = page_html(graph_dir, node_limit=3)
    assert "showing the 3 most connected. Left out 5 nodes and" in html
    assert "Rémi Sabourin" in html.split('id="graph-data"')[0]  # named among the left out
    assert len(page_data(html)["nodes"]) == 3


def test_an_empty_selection_says_so(graph_dir):
    assert "Nothing to show" in page_html(graph_dir, actor="nobody at all")


# ------------------------------------------------------------------------------ escaping


def test_no_markup_from_the_graph_or_the_filters_reaches_the_page(graph_dir):
    html = page_html(graph_dir, actor=HOSTILE_FILTER)
    tags = Tags(html).tags
    assert {tag for tag, _ in tags} <= {"html", "head", "meta", "title", "style", "body", "header", "h1", "p",
                                        "fieldset", "legend", "label", "input", "span", "datalist",
                                        "button", "main", "div", "aside", "h2", "ul", "li", "script"}
    assert not [attrs for _, attrs in tags if any(name.startswith("on") for name in attrs)]
    assert "&lt;img src=x onerror=alert(1)&gt;&#34;&gt;&lt;svg onload=alert(4)&gt;" in html


def test_hostile_text_is_kept_literally_in_the_data_block_and_nowhere_else(graph_dir):
    html = page_html(graph_dir)
    scripts = [attrs for tag, attrs in Tags(html).tags if tag == "script"]
    assert scripts == [{"type": "application/json", "id": "graph-data"}, {}, {}]
    data = page_data(html)
    assert any(n["label"].startswith(EVIL_NAME[:30]) and n["title"].startswith(EVIL_NAME) for n in data["nodes"])
    assert any(f"Evidence: OSSTF {SCRIPT} said" in e["title"] for e in data["edges"])
    assert any(f"Article: {EVIL_ARTICLE}" in e["title"] for e in data["edges"])
    block = html.split('id="graph-data">')[1].split("</script>")[0]
    assert "<" not in block and ">" not in block and "&" not in block


def test_a_title_with_href_does_not_switch_tooltips_to_html(graph_dir):
    """pyvis turns every tooltip into innerHTML when one title contains "href"; this page never does."""
    html = page_html(graph_dir)
    assert any("href" in e["title"] for e in page_data(html)["edges"])
    page_js = (Path(render.__file__).parent / "data/static/page.js").read_text()
    assert "innerHTML" not in page_js and "div.popup" not in html


def test_the_page_links_nothing_outside_itself(graph_dir):
    html = page_html(graph_dir)
    assert not [(tag, attrs) for tag, attrs in Tags(html).tags if {"src", "href"} & attrs.keys()]
    assert "<link" not in html and "@import" not in html


def test_the_page_is_written_as_utf8_atomically(graph_dir, tmp_path):
    out = write_page(graph_dir, tmp_path / "page" / "graph.html", view="people")
    text = out.read_bytes().decode("utf-8")
    assert "Rémi Sabourin" in text and '<meta charset="utf-8">' in text
    assert [p.name for p in out.parent.iterdir()] == ["graph.html"]


def test_the_default_page_goes_into_the_build_folder(graph_dir):
    assert write_page(graph_dir) == graph_dir / "graph.html"


def test_a_missing_build_is_a_store_error(tmp_path):
    with pytest.raises(StoreError, match="no built graph"):
        page_html(tmp_path)


@pytest.mark.parametrize(("name", "aliases", "label"), [
    ("Ontario Secondary School Teachers' Federation", ("OSSTF/FEESO", "FEESO", "OSSTF"), "OSSTF"),
    ("Association des enseignantes et des enseignants franco-ontariens", ("AEFO", "French-language teachers' union"), "AEFO"),
    ("Ontario New Democratic Party", ("NDP", "Ontario NDP"), "NDP"),
    ("Stephen Lecce", ("Lecce", "@Sflecce"), "Stephen Lecce"),
    ("average high-school class size 28", (), "average high-school class size 28"),
    ("x" * 60, (), "x" * 39 + "…"),
])
def test_short_labels(name, aliases, label):
    assert short_label(name, aliases) == label


# ------------------------------------------------------------------------------ command line


def test_render_command_writes_the_page_and_prints_its_path(graph_dir, tmp_path):
    out = tmp_path / "stances.html"
    result = CliRunner().invoke(cli, ["render", "--graph", str(graph_dir), "--out", str(out), "--view", "stances",
                                      "--actor", "OSSTF", "--since", "2019-01-01"])
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == str(out)
    assert "View stances; since 2019-01-01; actor OSSTF;" in out.read_text(encoding="utf-8")


@pytest.mark.parametrize(("args", "message"), [
    (["--graph", "{missing}"], "Error: no built graph in"),
    (["--since", "2019-02-30"], "Error: --since '2019-02-30': a date must be YYYY-MM-DD"),
])
def test_render_command_errors(graph_dir, tmp_path, args, message):
    args = [a.replace("{missing}", str(tmp_path / "missing")) for a in args]
    if "--graph" not in args:
        args += ["--graph", str(graph_dir), "--out", str(tmp_path / "x.html")]
    result = CliRunner().invoke(cli, ["render", *args])
    assert result.exit_code == 1
    assert result.stderr.startswith(message)
