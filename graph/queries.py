"""Queries stage: ``queries/*.rq`` -> prepared queries -> rows, on any engine.

A canned query is a ``.rq`` file that opens with ``#+`` comment lines in the manner of grlc::

    #+ summary: Who opposed which policy, and when
    #+ description: One row per opposition ...
    #+ params: actor? policy? since:date? until:date?
    #+ columns: actor, policy, date, article, evidence

Parameters are SPARQL variables named ``?__name`` (optional) or ``?_name`` (required), listed
in the SELECT clause. Their values are bound through the engine (Oxigraph substitutions,
rdflib ``initBindings``), never pasted into the query text, so a value cannot change what the
query does. An optional parameter is guarded with ``COALESCE(STR(?__name), "") = ""`` rather
than ``!BOUND(?__name)``: Oxigraph's substitutions leave ``BOUND`` false, and the COALESCE
form means the same on every engine.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Protocol

from .errors import QueryError

__all__ = [
    "QUERY_DIR",
    "CannedQuery",
    "Engine",
    "OxigraphEngine",
    "Param",
    "RdflibEngine",
    "Result",
    "bind_values",
    "load_queries",
    "parse_query",
    "run",
    "syntax_message",
]

#: The canned queries: the repository's top-level ``queries/`` folder.
QUERY_DIR = Path(__file__).resolve().parent.parent / "queries"
_HEADER = re.compile(r"^#\+\s*(\w+)\s*:\s*(.*)$")
_PARAM = re.compile(r"(\w+)(?::(\w+))?(\?)?")


@dataclass(frozen=True)
class Param:
    """A query parameter: ``since:date?`` is an optional parameter ``since`` of type date."""

    name: str
    required: bool
    type: str = "string"

    @property
    def variable(self) -> str:
        return ("_" if self.required else "__") + self.name


@dataclass(frozen=True)
class CannedQuery:
    """A query file with its header: what it answers, its parameters and its columns."""

    name: str
    text: str
    summary: str = ""
    description: str = ""
    params: tuple[Param, ...] = ()
    columns: tuple[str, ...] = ()
    path: Path | None = None


@dataclass(frozen=True)
class Result:
    """What a query returns: rows for SELECT, a boolean for ASK, Turtle for CONSTRUCT/DESCRIBE."""

    kind: str
    columns: tuple[str, ...] = ()
    rows: tuple[dict[str, str], ...] = ()
    boolean: bool | None = None
    turtle: str = ""
    extra: dict = field(default_factory=dict)


class Engine(Protocol):
    """Anything that can run a query with bound values (Oxigraph, rdflib, an HTTP endpoint)."""

    def run(self, text: str, bindings: dict[str, tuple[str, str]]) -> Result: ...


def parse_query(text: str, name: str = "query", path: Path | None = None) -> CannedQuery:
    """Read the ``#+`` header of a query text (a query without one is still a query)."""
    header: dict[str, str] = {}
    for line in text.splitlines():
        match = _HEADER.match(line.strip())
        if match:
            key, value = match.groups()
            header[key] = (header[key] + " " + value).strip() if key in header else value.strip()
    params = tuple(Param(m.group(1), not m.group(3), m.group(2) or "string")
                   for m in _PARAM.finditer(header.get("params", "")))
    columns = tuple(c.strip() for c in header.get("columns", "").split(",") if c.strip())
    return CannedQuery(name, text, header.get("summary", ""), header.get("description", ""), params, columns, path)


def load_queries(directory: Path = QUERY_DIR) -> dict[str, CannedQuery]:
    """Every canned query in ``directory``, by name (the file name without ``.rq``)."""
    if not directory.is_dir():
        raise QueryError(f"no canned queries folder at {directory}")
    return {p.stem: parse_query(p.read_text(encoding="utf-8"), p.stem, p) for p in sorted(directory.glob("*.rq"))}


def bind_values(query: CannedQuery, values: dict[str, str]) -> dict[str, tuple[str, str]]:
    """Check the user's values against the query's parameters -> {variable: (type, value)}.

    Raises:
        QueryError: an unknown parameter, a missing required one, or a malformed date.
    """
    known = {p.name: p for p in query.params}
    unknown = sorted(set(values) - known.keys())
    if unknown:
        accepted = ", ".join(known) or "none"
        raise QueryError(f"query {query.name!r} has no parameter {unknown[0]!r} (it accepts: {accepted})")
    bindings = {}
    for param in query.params:
        if param.name not in values:
            if param.required:
                raise QueryError(f"query {query.name!r} needs --param {param.name}=VALUE")
            continue
        value = values[param.name]
        if param.type == "date":
            try:
                date.fromisoformat(value)
            except ValueError:
                raise QueryError(f"--param {param.name}={value!r}: a date must be YYYY-MM-DD") from None
        bindings[param.variable] = (param.type, value)
    return bindings


def run(engine: Engine, query: CannedQuery, values: dict[str, str] | None = None) -> Result:
    """Run a canned or user query on ``engine`` with the user's parameter values bound."""
    result = engine.run(query.text, bind_values(query, values or {}))
    if result.kind == "select" and query.columns:
        return Result("select", query.columns, tuple({c: r.get(c, "") for c in query.columns} for r in result.rows))
    return result


def _cell(term) -> str:
    """A result cell as text: IRIs as IRIs, literals as their lexical value, unbound as ''."""
    if term is None:
        return ""
    return str(getattr(term, "value", term))


class OxigraphEngine:
    """Runs queries on a pyoxigraph ``Store`` (the default, embedded engine)."""

    def __init__(self, store):
        self.store = store

    def run(self, text: str, bindings: dict[str, tuple[str, str]]) -> Result:
        import pyoxigraph as ox

        substitutions = {ox.Variable(name): _ox_literal(kind, value) for name, (kind, value) in bindings.items()}
        try:
            answer = self.store.query(text, substitutions=substitutions)
        except SyntaxError as error:
            raise QueryError(syntax_message(str(error))) from None
        if isinstance(answer, ox.QueryBoolean):
            return Result("ask", boolean=bool(answer))
        if isinstance(answer, ox.QuerySolutions):
            columns = tuple(v.value for v in answer.variables)
            # A solution iterates in the order of its variables; reading it by name costs a
            # quarter of a 5,000-row query's time.
            rows = tuple(dict(zip(columns, map(_cell, solution))) for solution in answer)
            return Result("select", columns, rows)
        turtle = ox.serialize(list(answer), format=ox.RdfFormat.TURTLE).decode("utf-8")
        return Result("graph", turtle=turtle)


_OXIGRAPH_SYNTAX = re.compile(r"^error at (\d+):(\d+):\s*(.*)$", re.DOTALL)


def syntax_message(message: str, inserted: tuple[tuple[int, int, int], ...] = ()) -> str:
    """Oxigraph's ``error at 3:8: expected ...`` in words, with the list of expected tokens cut short.

    ``inserted`` holds (line, column, width) of each piece of text added to the query before
    it was sent (``graph.endpoint`` adds VALUES blocks), so the column counts in the user's text.

    >>> syntax_message('error at 3:8: expected one of "."')
    'the query is not valid SPARQL: line 3, column 8: expected one of "."'
    """
    match = _OXIGRAPH_SYNTAX.match(message.strip())
    if not match:
        return f"the query is not valid SPARQL: {' '.join(message.split())[:300]}"
    line, column, detail = int(match[1]), int(match[2]), " ".join(match[3].split())
    shift = 0
    for _, at, width in sorted(i for i in inserted if i[0] == line):
        if column > at + shift:
            shift += min(width, column - at - shift)
    detail = re.sub(r"(,\s*\[[^\]]*\])+", ", …", detail)  # character classes: noise to a reader
    detail = detail if len(detail) <= 120 else detail[:119] + "…"
    return f"the query is not valid SPARQL: line {line}, column {column - shift}: {detail}"


def _ox_literal(kind: str, value: str):
    import pyoxigraph as ox

    if kind == "date":
        return ox.Literal(value, datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#date"))
    return ox.Literal(value)


class RdflibEngine:
    """Runs queries with rdflib's own SPARQL engine over an rdflib ``Dataset`` (the reference)."""

    def __init__(self, dataset):
        self.dataset = dataset

    def run(self, text: str, bindings: dict[str, tuple[str, str]]) -> Result:
        from rdflib import XSD, Literal, Variable

        init = {Variable(name): Literal(value, datatype=XSD.date) if kind == "date" else Literal(value)
                for name, (kind, value) in bindings.items()}
        try:
            answer = self.dataset.query(text, initBindings=init)
        except Exception as error:  # noqa: BLE001 - rdflib raises pyparsing's ParseException for bad syntax
            raise QueryError(f"the query is not valid SPARQL: {error}") from None
        if answer.type == "ASK":
            return Result("ask", boolean=bool(answer.askAnswer))
        if answer.type == "SELECT":
            columns = tuple(str(v) for v in answer.vars)
            rows = tuple({c: str(row[c]) if row[c] is not None else "" for c in columns} for row in answer)
            return Result("select", columns, rows)
        return Result("graph", turtle=answer.graph.serialize(format="turtle"))
