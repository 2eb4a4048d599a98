"""Tests for the SPARQL server (graph/serve.py, graph/guard.py) and remote endpoints (graph/endpoint.py).

Every test here runs the real Oxigraph server on a free loopback port: read-only over the
seeds build, or read-write over an empty store. A recording HTTP server on loopback stands in
for "another host": a test passes only if it received nothing. Without the ``oxigraph``
program these tests skip, or fail when the environment variable CI is set.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from graph.cli import cli
from graph.endpoint import EndpointEngine, push
from graph.errors import EndpointError, QueryError
from graph.queries import OxigraphEngine, load_queries, run
from graph.serve import Server, store_location
from graph.store import open_store, read_quads, write_outputs

pytestmark = pytest.mark.server

ROOT = Path(__file__).resolve().parent.parent
CANNED = load_queries()
SERVICE_CASES = [json.loads(line) for line in (ROOT / "tests" / "cases" / "service.jsonl").read_text().splitlines() if line]
INJECTION = 'x" } ; DROP ALL ; SELECT * { "'
FILTERS = ({}, {"actor": "OSSTF"}, {"actor": "Lecce"}, {"since": "2019-12-01", "until": "2019-12-31"})
COUNT_QUADS = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
COUNT_GRAPHS = "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
HEAVY = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?a ?b ?c . ?d ?e ?f . ?h ?i ?j . ?k ?l ?m . ?n1 ?o ?p } }"


def _require_oxigraph() -> None:
    beside = Path(sys.executable).parent / "oxigraph"
    if not beside.exists() and not shutil.which("oxigraph"):
        message = "the oxigraph server is not installed (pip install oxigraph)"
        pytest.fail(message) if os.environ.get("CI") else pytest.skip(message)


class _Recorder(BaseHTTPRequestHandler):
    """Answers anything with an empty SPARQL result, and remembers that it was asked."""

    def do_GET(self) -> None:  # noqa: N802
        length = int(self.headers.get("Content-Length") or 0)
        self.server.requests.append((self.command, self.path, self.rfile.read(length)))
        body = b'{"head":{"vars":[]},"results":{"bindings":[]}}'
        self.send_response(200)
        self.send_header("Content-Type", "application/sparql-results+json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_POST = do_PUT = do_DELETE = do_GET

    def log_message(self, *args) -> None:
        pass


@pytest.fixture(scope="module")
def recorder():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    server.requests = []
    threading.Thread(target=server.serve_forever, daemon=True).start()
    server.url = f"http://127.0.0.1:{server.server_address[1]}"
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def read_only(seeds_build):
    _require_oxigraph()
    with Server(store_location(seeds_build), port=0, timeout=10) as server:
        yield server


@pytest.fixture(scope="module")
def read_write(tmp_path_factory):
    _require_oxigraph()
    with Server(tmp_path_factory.mktemp("rw") / "store", port=0, read_write=True, timeout=10) as server:
        yield server


def _count(server: Server, query: str) -> int:
    return int(EndpointEngine(server.url + "/query").run(query, {}).rows[0]["n"])


# ------------------------------------------------------------------------------ same answers over HTTP


@pytest.mark.parametrize("values", FILTERS, ids=lambda v: ",".join(v) or "no-filter")
@pytest.mark.parametrize("name", sorted(CANNED))
def test_every_canned_query_over_http_matches_the_embedded_store(read_only, seeds_build, name, values):
    params = {k: v for k, v in values.items() if k in {p.name for p in CANNED[name].params}}
    embedded = run(OxigraphEngine(open_store(seeds_build)), CANNED[name], params)
    remote = run(EndpointEngine(read_only.url + "/query"), CANNED[name], params)
    assert remote.columns == embedded.columns
    assert remote.rows == embedded.rows


@pytest.mark.parametrize("text", [
    "ASK { GRAPH ?g { ?s a <https://w3id.org/strikegraph/ontology#Opposition> } }",
    "CONSTRUCT { ?a <https://w3id.org/strikegraph/ontology#opposes> ?b } WHERE { GRAPH ?g { ?a <https://w3id.org/strikegraph/ontology#opposes> ?b } }",
    "DESCRIBE <https://w3id.org/strikegraph/id/union/osstf>",
])
def test_ask_construct_describe_over_http_match(read_only, seeds_build, text):
    embedded = OxigraphEngine(open_store(seeds_build)).run(text, {})
    remote = EndpointEngine(read_only.url + "/query").run(text, {})
    assert (remote.kind, remote.boolean) == (embedded.kind, embedded.boolean)
    triples = lambda turtle: set(ox.parse(turtle.encode(), format=ox.RdfFormat.TURTLE))  # noqa: E731
    assert triples(remote.turtle) == triples(embedded.turtle)


def test_cli_query_endpoint_prints_what_the_embedded_store_prints(read_only, seeds_build):
    local = _invoke("query", "timeline", "--graph", str(seeds_build), "--format", "json")
    remote = _invoke("query", "timeline", "--endpoint", read_only.url + "/query", "--format", "json")
    assert remote.exit_code == 0 and remote.stdout == local.stdout and json.loads(remote.stdout)


def test_a_syntax_error_over_http_names_its_line_and_column(read_only):
    with pytest.raises(QueryError, match=r"line 2, column \d+"):
        EndpointEngine(read_only.url + "/query").run("SELECT * WHERE {\n ?s ?p ?o FILTER(?s = ) }", {})


def test_a_syntax_error_after_the_bound_values_points_at_the_users_text(read_only, seeds_build):
    """The VALUES block sent along shifts columns; the message counts in the user's text."""
    text, bindings = "SELECT ?_x WHERE { ?s ?p ?o FILTER(?s = ) }", {"_x": ("string", "v")}
    with pytest.raises(QueryError) as embedded:
        OxigraphEngine(open_store(seeds_build)).run(text, bindings)
    with pytest.raises(QueryError) as remote:
        EndpointEngine(read_only.url + "/query").run(text, bindings)
    assert str(remote.value) == str(embedded.value) and "line 1, column 44" in str(remote.value)


# ------------------------------------------------------------------------------ read-only


@pytest.mark.parametrize("method, path, headers, body", [
    ("POST", "/update", {"Content-Type": "application/sparql-update"}, "DROP ALL"),
    ("POST", "/update", {"Content-Type": "application/x-www-form-urlencoded"}, "update=CLEAR%20ALL"),
    ("PUT", "/store?default", {"Content-Type": "application/n-triples"}, "<urn:x:a> <urn:x:b> <urn:x:c> ."),
    ("POST", "/store?graph=urn:x:g", {"Content-Type": "text/turtle"}, "<urn:x:a> <urn:x:b> <urn:x:c> ."),
    ("DELETE", "/store?graph=https://w3id.org/strikegraph/id/graph/entities", {}, ""),
], ids=["update", "form-update", "put", "post", "delete"])
def test_the_read_only_server_refuses_every_write(read_only, method, path, headers, body):
    before = _count(read_only, COUNT_QUADS)
    response = httpx.request(method, read_only.url + path, headers=headers, content=body)
    assert response.status_code == 403 and "read-only" in response.text
    assert _count(read_only, COUNT_QUADS) == before > 0


# ------------------------------------------------------------------------------ SERVICE never leaves


def test_the_recorder_hears_an_unguarded_service_call(recorder):
    """The control: pyoxigraph alone does fetch a SERVICE URL, so silence below means refusal."""
    recorder.requests.clear()
    list(ox.Store().query(f"SELECT * WHERE {{ SERVICE <{recorder.url}/control> {{ ?s ?p ?o }} }}"))
    assert [path for _, path, _ in recorder.requests] == ["/control"]
    recorder.requests.clear()


def _send(server: Server, transport: str, kind: str, text: str) -> httpx.Response:
    field = "update" if kind == "update" else "query"
    path = "/update" if kind == "update" else "/query"
    if transport == "get":
        return httpx.get(server.url + path, params={field: text})
    if transport == "form":
        return httpx.post(server.url + path, data={field: text})
    return httpx.post(server.url + path, content=text.encode(), headers={"Content-Type": f"application/sparql-{field}"})


@pytest.mark.parametrize("transport", ["get", "form", "body"])
@pytest.mark.parametrize("case", [c for c in SERVICE_CASES if c["kind"] == "query"], ids=lambda c: c["id"])
def test_a_query_with_service_never_reaches_another_host(read_only, recorder, case, transport):
    recorder.requests.clear()
    response = _send(read_only, transport, "query", case["text"].replace("{recorder}", recorder.url))
    assert response.status_code in (400, 403), response.text
    assert recorder.requests == []


@pytest.mark.parametrize("transport", ["form", "body"])
@pytest.mark.parametrize("case", [c for c in SERVICE_CASES if c["kind"] == "update"], ids=lambda c: c["id"])
def test_an_update_with_service_or_load_never_reaches_another_host(read_write, recorder, case, transport):
    recorder.requests.clear()
    before = _count(read_write, COUNT_QUADS)
    response = _send(read_write, transport, "update", case["text"].replace("{recorder}", recorder.url))
    assert response.status_code in (400, 403), response.text
    assert recorder.requests == []
    assert _count(read_write, COUNT_QUADS) == before


@pytest.mark.parametrize("text", [
    'SELECT ?x WHERE { BIND("Ontario Public Service Employees Union" AS ?x) }',
    "SELECT ?service WHERE { VALUES ?service { 1 } }  # service",
])
def test_the_word_service_elsewhere_still_runs(read_only, text):
    assert len(EndpointEngine(read_only.url + "/query").run(text, {}).rows) == 1


# ------------------------------------------------------------------------------ read-write: push, injection, web pages


def test_push_twice_leaves_one_copy(read_write, seeds_build):
    quads = read_quads(seeds_build)
    graphs = {q.graph_name for q in quads}
    cleared = httpx.post(read_write.url + "/update", content="DROP ALL", headers={"Content-Type": "application/sparql-update"})
    assert cleared.status_code in (200, 204) and _count(read_write, COUNT_QUADS) == 0
    first = push(seeds_build, read_write.url + "/store")
    second = push(seeds_build, read_write.url + "/store")
    assert first == second and (first.graphs, first.quads) == (len(graphs), len(quads))
    assert _count(read_write, COUNT_QUADS) == len(quads)
    assert _count(read_write, COUNT_GRAPHS) == len(graphs)


def test_push_replaces_a_graph_that_changed(read_write, tmp_path):
    graph, old, new = ox.NamedNode("urn:x:article"), ox.Literal("old text"), ox.Literal("new text")
    for text in (old, new):
        write_outputs([ox.Quad(ox.NamedNode("urn:x:fact"), ox.NamedNode("urn:x:evidence"), text, graph)], tmp_path / "b")
        push(tmp_path / "b", read_write.url + "/store")
    found = EndpointEngine(read_write.url + "/query").run("SELECT ?t WHERE { GRAPH <urn:x:article> { ?f ?p ?t } }", {})
    assert [row["t"] for row in found.rows] == ["new text"]


@pytest.mark.parametrize("name", sorted(CANNED))
def test_an_injected_value_changes_nothing_on_a_read_write_server(read_write, seeds_build, name):
    push(seeds_build, read_write.url + "/store")
    before = _count(read_write, COUNT_QUADS)
    string_params = [p.name for p in CANNED[name].params if p.type == "string"]
    for param in string_params:
        assert run(EndpointEngine(read_write.url + "/query"), CANNED[name], {param: INJECTION}).rows == ()
    assert _count(read_write, COUNT_QUADS) == before > 0


def test_the_cli_push_command(read_write, seeds_build):
    result = _invoke("push", "--endpoint", read_write.url + "/store", "--graph", str(seeds_build))
    assert result.exit_code == 0 and result.stdout == ""
    assert result.stderr.startswith(f"Pushed {len({q.graph_name for q in read_quads(seeds_build)})} graphs")


@pytest.mark.parametrize("headers", [{"Origin": "http://evil.example"}, {"Origin": "null"}])
def test_writes_from_other_web_pages_are_refused(read_write, headers):
    response = httpx.post(read_write.url + "/update", data={"update": "CLEAR ALL"}, headers=headers)
    assert response.status_code == 403 and "web pages" in response.text
    assert _count(read_write, COUNT_QUADS) > 0


def test_a_foreign_host_name_is_refused_on_loopback(read_only):
    response = httpx.get(read_only.url + "/query", params={"query": COUNT_QUADS}, headers={"Host": "evil.example"})
    assert response.status_code == 403


# ------------------------------------------------------------------------------ limits and the command


def test_a_query_past_the_time_limit_is_stopped(seeds_build):
    _require_oxigraph()
    with Server(store_location(seeds_build), port=0, timeout=1) as server:
        with pytest.raises(EndpointError, match="limit of 1 s"):
            EndpointEngine(server.url + "/query").run(HEAVY, {})
        assert _count(server, COUNT_QUADS) > 0


def test_an_unreachable_endpoint_is_a_clear_error():
    with pytest.raises(EndpointError, match="cannot reach"):
        EndpointEngine("http://127.0.0.1:9/query", timeout=5).run("ASK {}", {})


def test_serve_prints_the_url_and_stops_cleanly_on_sigterm(seeds_build):
    _require_oxigraph()
    process = subprocess.Popen([sys.executable, "-m", "graph.cli", "serve", "--graph", str(seeds_build), "--port", "0"],
                               cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        first = process.stderr.readline()
        assert first.startswith("SPARQL endpoint: http://127.0.0.1:"), first + process.stderr.read()
        url = first.split()[-1]
        children = _children(process.pid)
        assert _count_url(url) > 0 and children
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=30) == 0
        assert "Stopped." in process.stderr.read() and process.stdout.read() == ""
        assert not [pid for pid in children if Path(f"/proc/{pid}").exists()]
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


def test_serve_read_write_prints_a_warning(seeds_build, tmp_path):
    _require_oxigraph()
    shutil.copytree(store_location(seeds_build), tmp_path / "b" / ".stores" / "s")
    (tmp_path / "b" / "store").symlink_to(Path(".stores") / "s")
    process = subprocess.Popen([sys.executable, "-m", "graph.cli", "serve", "--graph", str(tmp_path / "b"), "--port", "0",
                                "--read-write"], cwd=ROOT, stderr=subprocess.PIPE, text=True)
    try:
        assert process.stderr.readline().startswith("Warning: read-write mode")
    finally:
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=30) == 0


def test_serve_without_a_build_is_an_error(tmp_path):
    result = _invoke("serve", "--graph", str(tmp_path / "nothing"))
    assert result.exit_code == 1 and result.stderr.startswith("Error: no built graph in")


def _count_url(url: str) -> int:
    response = httpx.post(url, data={"query": COUNT_QUADS}, headers={"Accept": "application/sparql-results+json"})
    return int(response.json()["results"]["bindings"][0]["n"]["value"])


def _children(pid: int) -> list[int]:
    """Processes whose parent is ``pid`` (Linux /proc)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def _invoke(*args: str):
    try:
        runner = CliRunner(mix_stderr=False)
    except TypeError:
        runner = CliRunner()
    return runner.invoke(cli, list(args), catch_exceptions=False)
