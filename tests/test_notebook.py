"""Tests of the analyst's notebook and its helpers (graph.notebook).

The notebook is executed for real on the seeds, on a fresh kernel registered in a temporary
folder that runs this interpreter (so ``import graph`` works exactly as in the venv), with its
parameters cell replaced the way papermill injects values, so it builds into a temporary
folder. The executed notebook and its HTML rendering are kept in tests/artifacts/ for people
to read. A headless ``jupyter lab notebooks/`` (the README's command) is started on loopback
to check it serves the notebook and runs a kernel that can import the package.
"""

from __future__ import annotations

import ast
import asyncio
import json
import os
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path

import httpx
import nbformat
import pandas as pd
import pytest

from graph.analysis import to_networkx
from graph.errors import QueryError
from graph.notebook import (build_or_load, entities_df, policy_timeline, query_df, show_page, sparql_df,
                            speaking_for, timeline_chart)

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK = ROOT / "notebooks" / "analysis.ipynb"
ARTIFACTS = ROOT / "tests" / "artifacts"
SEEDS = ROOT / "seeds"
OSSTF = "Ontario Secondary School Teachers' Federation"
#: Node types the seeds' graph must have: the actors, targets and policies of the dispute.
SEED_NODE_TYPES = {"Person", "Union", "Government", "SchoolBoard", "Policy", "PolicyVersion"}
#: Tags on the notebook cells the test reads, one per step the issue asks for.
TAGGED_CELLS = ("parameters", "who-opposed", "network", "page", "sparql")
#: What the notebook may import: the package, and libraries that display or count.
NOTEBOOK_IMPORTS = {"graph", "pandas", "IPython", "collections"}
#: Run in the executed notebook's kernel after its last cell: what the notebook computed.
PROBE = """
import json as _json
print(_json.dumps({
    "built": info.built,
    "opposed": opposed.assign(date=opposed["date"].dt.strftime("%Y-%m-%d")).fillna("").to_dict("records"),
    "node_types": sorted({kind for _, kind in G.nodes(data="type")}),
    "policies": int((entities["type"] == "Policy").sum()),
}))
"""


def _notebook() -> nbformat.NotebookNode:
    return nbformat.read(NOTEBOOK, as_version=4)


def _code_cells(notebook) -> list:
    return [cell for cell in notebook.cells if cell.cell_type == "code"]


def _tagged(notebook, tag: str):
    return next(cell for cell in notebook.cells if tag in cell.metadata.get("tags", []))


# ------------------------------------------------------------------------------ the committed file


def test_notebook_is_valid_and_committed_without_outputs():
    notebook = _notebook()
    nbformat.validate(notebook)
    with_outputs = [i for i, cell in enumerate(notebook.cells)
                    if cell.cell_type == "code" and (cell.outputs or cell.execution_count is not None)]
    assert not with_outputs, f"cells {with_outputs} hold outputs: clear them before committing (see README)"
    assert notebook.metadata.kernelspec.name == "python3"


def test_notebook_opens_with_a_parameters_cell_defaulting_to_the_seeds():
    notebook = _notebook()
    first = _code_cells(notebook)[0]
    assert "parameters" in first.metadata.get("tags", [])
    values = {}
    exec(first.source, {}, values)  # noqa: S102 - the cell is plain assignments, which is what this checks
    assert values["ARTICLES"] == "../seeds" and values["GRAPH"] == "../build"
    assert (NOTEBOOK.parent / values["ARTICLES"]).resolve() == SEEDS


@pytest.mark.parametrize("tag", TAGGED_CELLS)
def test_notebook_has_each_tagged_step(tag):
    assert _tagged(_notebook(), tag).source


def _cell_tree(cell) -> ast.Module:
    """A code cell as Python (IPython magics such as ``%matplotlib inline`` left out)."""
    return ast.parse("\n".join(line for line in cell.source.splitlines() if not line.startswith("%")))


def test_notebook_holds_no_copy_of_package_logic():
    """No functions or classes of its own, and imports only of the package and display libraries."""
    for cell in _code_cells(_notebook()):
        for node in ast.walk(_cell_tree(cell)):
            assert not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)), \
                f"notebook defines logic of its own (move it into graph/): {cell.source.splitlines()[0]}"
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                names = [node.module] if isinstance(node, ast.ImportFrom) else [a.name for a in node.names]
                assert all(n.split(".")[0] in NOTEBOOK_IMPORTS for n in names), f"notebook imports {names}"


def test_readme_says_how_to_open_the_notebook():
    assert "jupyter lab notebooks/" in (ROOT / "README.md").read_text(encoding="utf-8")


# ------------------------------------------------------------------------------ helpers on the seeds


def test_query_df_dates_are_dates_and_osstf_opposed_class_sizes(seeds_build):
    opposed = speaking_for(query_df("who-opposed", seeds_build), seeds_build)
    assert list(opposed.columns) == ["actor", "policy", "date", "article", "evidence", "speaking_for"]
    assert pd.api.types.is_datetime64_any_dtype(opposed["date"])
    osstf = opposed[(opposed["speaking_for"] == OSSTF) & opposed["policy"].str.contains("class size")]
    assert osstf["date"].notna().any(), "no dated opposition to class sizes by the OSSTF or its president"


def test_query_df_binds_parameters(seeds_build):
    every = query_df("who-opposed", seeds_build)
    narrowed = query_df("who-opposed", seeds_build, policy="class size", since="2019-11-01")
    assert 0 < len(narrowed) <= len(every)
    assert narrowed["date"].min() >= pd.Timestamp("2019-11-01")


@pytest.mark.parametrize("call, message", [
    (lambda g: query_df("who-supported", g), "no canned query 'who-supported'"),
    (lambda g: query_df("who-opposed", g, colour="red"), "has no parameter 'colour'"),
    (lambda g: query_df("who-opposed", g, since="last week"), "a date must be YYYY-MM-DD"),
    (lambda g: sparql_df("ASK { ?s ?p ?o }", g), "not a SELECT query"),
    (lambda g: sparql_df("SELECT nonsense", g), "not valid SPARQL"),
])
def test_helpers_explain_what_went_wrong(seeds_build, call, message):
    with pytest.raises(QueryError, match=message):
        call(seeds_build)


def test_build_or_load_loads_an_up_to_date_build(seeds_build):
    info = build_or_load(SEEDS, seeds_build)
    graph = to_networkx(seeds_build)
    assert not info.built
    assert info.entities == graph.number_of_nodes() == len(entities_df(seeds_build))
    untargeted = sparql_df("PREFIX sg: <https://w3id.org/strikegraph/ontology#> "
                           "SELECT ?f WHERE { GRAPH ?g { ?f sg:targetUnknown true } }", seeds_build)
    edges = sum(1 for _, _, r in graph.edges(data="relation") if r != "version-of")
    assert info.facts == edges + len(untargeted), "every fact is an edge, but a strike with no named target"
    assert str(info).startswith(f"loaded {seeds_build}: 3 articles")


def test_timeline_chart_has_a_row_per_version(seeds_build):
    frame = policy_timeline("class size", seeds_build)
    assert set(frame["relation"]) <= {"proposes", "supports", "opposes"} and len(frame)
    figure = timeline_chart(frame, "class sizes")
    rows = [tick.get_text() for tick in figure.axes[0].get_yticklabels()]
    assert sorted(rows) == sorted(set(frame["object"]))


def test_show_page_embeds_the_whole_page_escaped(seeds_build):
    shown = show_page(seeds_build, height=400).data
    assert shown.count("<iframe") == 1 and 'height="400"' in shown
    assert "<script" not in shown and "&lt;script" in shown  # the page's markup lives only in srcdoc


# ------------------------------------------------------------------------------ the executed notebook


@pytest.fixture(scope="module")
def kernel_name(tmp_path_factory):
    """A kernel spec for this very interpreter, in a folder of its own (no user kernels involved)."""
    from ipykernel.kernelspec import install

    prefix = tmp_path_factory.mktemp("kernels")
    name = "strikegraph-test"
    install(kernel_name=name, prefix=str(prefix), display_name="strikegraph tests")
    previous = os.environ.get("JUPYTER_PATH")
    os.environ["JUPYTER_PATH"] = os.pathsep.join(filter(None, [str(prefix / "share" / "jupyter"), previous]))
    yield name
    if previous is None:
        os.environ.pop("JUPYTER_PATH", None)
    else:
        os.environ["JUPYTER_PATH"] = previous


def _inject(notebook, **values) -> None:
    """Replace the parameters cell's values, as papermill does, keeping its tag."""
    cell = _tagged(notebook, "parameters")
    cell.source = "# Parameters injected by tests/test_notebook.py\n" + "".join(
        f"{name} = {value!r}\n" for name, value in values.items())


@pytest.fixture(scope="module")
def executed(kernel_name, tmp_path_factory):
    """The notebook run top to bottom on the seeds, building into a temporary folder."""
    from nbclient import NotebookClient

    notebook = _notebook()
    graph_dir = tmp_path_factory.mktemp("notebook") / "build"
    _inject(notebook, ARTICLES=str(SEEDS), GRAPH=str(graph_dir), REBUILD=False)
    notebook.cells.append(nbformat.v4.new_code_cell(PROBE, metadata={"tags": ["probe"]}))
    client = NotebookClient(notebook, kernel_name=kernel_name, timeout=180, startup_timeout=60,
                            resources={"metadata": {"path": str(NOTEBOOK.parent)}})
    client.execute()
    probe = json.loads(notebook.cells.pop().outputs[0]["text"])
    _save_artifacts(notebook)
    return notebook, probe, graph_dir


def _save_artifacts(notebook) -> None:
    from nbconvert import HTMLExporter

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    nbformat.write(notebook, ARTIFACTS / "analysis.executed.ipynb")
    body, _ = HTMLExporter().from_notebook_node(notebook)
    (ARTIFACTS / "analysis.html").write_text(body, encoding="utf-8")


def _outputs_text(cell) -> str:
    parts = []
    for output in cell.outputs:
        parts.append(output.get("text", ""))
        parts.extend(str(v) for k, v in output.get("data", {}).items() if k.startswith("text/"))
    return "\n".join(parts)


@pytest.mark.slow
def test_notebook_runs_and_builds_into_the_given_folder(executed):
    notebook, probe, graph_dir = executed
    errors = [o for cell in _code_cells(notebook) for o in cell.outputs if o.output_type == "error"]
    assert not errors
    assert probe["built"] and (graph_dir / "graph.nq").is_file()


@pytest.mark.slow
def test_notebook_who_opposed_has_dated_osstf_class_size_rows(executed):
    notebook, probe, _ = executed
    rows = [r for r in probe["opposed"] if OSSTF in (r["actor"], r["speaking_for"]) and "class size" in r["policy"]]
    assert any(r["date"] for r in rows), f"no dated OSSTF class-size opposition in {probe['opposed']}"
    shown = _outputs_text(_tagged(notebook, "who-opposed"))
    assert "Harvey Bischof" in shown and "class size" in shown


@pytest.mark.slow
def test_notebook_network_has_the_expected_node_types(executed):
    notebook, probe, graph_dir = executed
    assert SEED_NODE_TYPES <= set(probe["node_types"])
    assert set(probe["node_types"]) == {kind for _, kind in to_networkx(graph_dir).nodes(data="type")}
    assert "node types:" in _outputs_text(_tagged(notebook, "network"))


@pytest.mark.slow
def test_notebook_draws_a_timeline_per_policy_and_shows_the_page(executed):
    notebook, probe, _ = executed
    images = [o for cell in _code_cells(notebook) for o in cell.outputs if "image/png" in o.get("data", {})]
    assert len(images) == probe["policies"] > 0
    page = _tagged(notebook, "page").outputs[0]["data"]["text/html"]
    assert "<iframe srcdoc=" in page


@pytest.mark.slow
def test_notebook_free_sparql_cell_answers(executed):
    notebook, _, _ = executed
    assert "Harvey Bischof" in _outputs_text(_tagged(notebook, "sparql"))


# ------------------------------------------------------------------------------ jupyter lab


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def jupyter_lab(tmp_path):
    """``.venv/bin/jupyter lab notebooks/`` as the README says, headless on loopback."""
    port, token = _free_port(), uuid.uuid4().hex
    command = [str(Path(sys.executable).parent / "jupyter"), "lab", "notebooks/", "--no-browser",
               "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={port}", f"--IdentityProvider.token={token}"]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        command.append("--allow-root")
    environment = dict(os.environ, JUPYTER_RUNTIME_DIR=str(tmp_path / "runtime"),
                       JUPYTER_CONFIG_DIR=str(tmp_path / "config"), JUPYTER_DATA_DIR=str(tmp_path / "data"))
    log = (tmp_path / "lab.log").open("w")
    server = subprocess.Popen(command, cwd=ROOT, env=environment, stdout=log, stderr=subprocess.STDOUT)
    client = httpx.Client(base_url=f"http://127.0.0.1:{port}", params={"token": token}, timeout=10)
    try:
        _wait_until_up(client, server, tmp_path / "lab.log")
        yield client, port, token
    finally:
        client.close()
        server.terminate()
        server.wait(timeout=30)
        log.close()


def _wait_until_up(client: httpx.Client, server: subprocess.Popen, log: Path, limit: float = 60) -> None:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"jupyter lab exited with {server.returncode}:\n{log.read_text()[-2000:]}")
        try:
            if client.get("/api/status").status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    pytest.fail(f"jupyter lab did not answer within {limit} s:\n{log.read_text()[-2000:]}")


async def _execute(port: int, token: str, kernel_id: str, code: str) -> str:
    """Run ``code`` in a server-side kernel over its websocket; its standard output."""
    from tornado.websocket import websocket_connect

    url = f"ws://127.0.0.1:{port}/api/kernels/{kernel_id}/channels?token={token}"
    connection = await websocket_connect(url)
    msg_id = uuid.uuid4().hex
    header = {"msg_id": msg_id, "username": "test", "session": uuid.uuid4().hex, "msg_type": "execute_request",
              "version": "5.3"}
    content = {"code": code, "silent": False, "store_history": False, "user_expressions": {}, "allow_stdin": False}
    await connection.write_message(json.dumps({"header": header, "parent_header": {}, "metadata": {},
                                               "content": content, "channel": "shell", "buffers": []}))
    out = []
    while True:
        message = json.loads(await connection.read_message())
        if message.get("parent_header", {}).get("msg_id") != msg_id:
            continue
        if message["msg_type"] == "stream":
            out.append(message["content"]["text"])
        elif message["msg_type"] == "error":
            out.append("\n".join(message["content"]["traceback"]))
        elif message["msg_type"] == "execute_reply":
            connection.close()
            return "".join(out)


@pytest.mark.server
def test_jupyter_lab_serves_the_notebook_with_a_kernel_that_imports_graph(jupyter_lab):
    client, port, token = jupyter_lab
    listed = client.get("/api/contents/analysis.ipynb", params={"content": 0})
    assert listed.status_code == 200 and listed.json()["type"] == "notebook"
    assert client.get("/lab").status_code == 200
    kernel = client.post("/api/kernels", json={"name": "python3"}).json()
    try:
        out = asyncio.run(asyncio.wait_for(_execute(port, token, kernel["id"],
                                                    "import sys, graph.notebook; print(sys.prefix)"), 60))
    finally:
        client.delete(f"/api/kernels/{kernel['id']}")
    assert out.strip() == sys.prefix, f"the lab kernel is not this venv's python: {out}"
