"""Endpoint stage: the built graph and its queries, over HTTP, on any SPARQL 1.1 endpoint.

``EndpointEngine`` runs canned and user queries on a remote endpoint (Oxigraph, Fuseki,
GraphDB, Virtuoso, QLever) through the SPARQL 1.1 Protocol and returns the same ``Result``
as the embedded engines in ``graph.queries``. ``push`` copies a build into an endpoint with
the SPARQL 1.1 Graph Store Protocol, one ``PUT`` per named graph, so pushing again replaces
each graph instead of adding to it.

Binding without splicing. The protocol has no way to send variable values beside a query, so
the values travel inside it, as ``VALUES`` blocks of RDF terms written by ``sparql_literal``
(every quote, backslash and line break escaped): the text of a value can only ever be the
content of one string literal, never syntax, so ``x" } ; DROP ALL`` is a string that matches
nothing. A block goes first in every group of the WHERE clause (``with_values``), not after
the query: a trailing ``VALUES`` is joined after the FILTERs run, and a nested group is
evaluated before it meets the outer one, so the optional-parameter guards
(``COALESCE(STR(?__x), "") = ""``) would see the variable unbound and let every row through.
Bound in every group, the values mean what Oxigraph's substitutions and rdflib's
``initBindings`` mean. Nothing else is rewritten. (Substituting through a parser was the other
way; no parser at hand writes SPARQL back out faithfully, and each endpoint speaks its own
dialect.)
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import httpx
import pyoxigraph as ox

from .errors import EndpointError, QueryError
from .queries import Result, syntax_message
from .store import read_quads

__all__ = ["XSD_DATE", "EndpointEngine", "PushSummary", "push", "query_form", "sparql_literal", "with_values"]

XSD_DATE = "http://www.w3.org/2001/XMLSchema#date"
_ACCEPT = {"select": "application/sparql-results+json", "ask": "application/sparql-results+json",
           "construct": "text/turtle", "describe": "text/turtle",
           None: "application/sparql-results+json, text/turtle;q=0.9"}
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}
#: The tokens that decide where braces, parentheses and keywords are: anything inside a
#: comment, string or IRI is not syntax. Long strings come before short ones, as in the grammar.
_TOKEN = re.compile(r"""
    (?P<comment>\#[^\n\r]*)
  | (?P<string>'''(?:(?:'|'')?(?:[^'\\]|\\.))*'''|\"\"\"(?:(?:"|"")?(?:[^"\\]|\\.))*\"\"\"
               |'(?:[^'\\\n\r]|\\.)*'|"(?:[^"\\\n\r]|\\.)*")
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<variable>[?$]\w+)
  | (?P<word>[A-Za-z_][\w\-.:]*)
  | (?P<brace>[{}()])
""", re.VERBOSE | re.DOTALL)
_FORMS = ("select", "ask", "construct", "describe")


def sparql_literal(value: str, datatype: str = "") -> str:
    """``value`` as a SPARQL string literal (typed when ``datatype`` is given), fully escaped.

    >>> print(sparql_literal('x" } ; DROP ALL ; SELECT * { "'))
    "x\\" } ; DROP ALL ; SELECT * { \\""
    >>> print(sparql_literal("2020-01-31", XSD_DATE))
    "2020-01-31"^^<http://www.w3.org/2001/XMLSchema#date>
    """
    text = '"' + "".join(_ESCAPES.get(char, char) for char in value) + '"'
    return f"{text}^^<{datatype}>" if datatype else text


def _tokens(text: str, position: int = 0):
    """(kind, lowercased text, start, end) of each token that matters for structure."""
    while position < len(text):
        match = _TOKEN.match(text, position)
        if not match:
            position += 1
            continue
        position = match.end()
        yield match.lastgroup, match.group().lower(), match.start(), match.end()


def query_form(text: str) -> str | None:
    """``select``, ``ask``, ``construct`` or ``describe``: the first such keyword outside braces.

    >>> query_form('PREFIX s: <http://x/select#> # ask\\nCONSTRUCT { ?s ?p "select" } WHERE { ?s ?p ?o }')
    'construct'
    """
    depth = 0
    for kind, token, _, _ in _tokens(text):
        if kind == "brace":
            depth += 1 if token in "{(" else -1
        elif kind == "word" and depth == 0 and token in _FORMS:
            return token
    return None


def _where_brace(text: str) -> int:
    """Offset just after the ``{`` that opens the query's WHERE group (-1 if there is none)."""
    depth, form, seen_where = 0, None, False
    for kind, token, _, end in _tokens(text):
        if kind == "word" and depth == 0:
            form = form or (token if token in _FORMS else None)
            seen_where = seen_where or token == "where"
        elif kind == "brace":
            if token == "{" and depth == 0 and form and (seen_where or form != "construct"):
                return end
            depth += 1 if token in "{(" else -1
    return -1


def _group_braces(text: str) -> list[int]:
    """Offsets just after each ``{`` that opens a group in the WHERE clause.

    Not the braces of a VALUES data block, and not those that open a sub-SELECT (nothing may
    precede its SELECT); its own WHERE group is a group like any other.
    """
    first = _where_brace(text)
    if first < 0:
        return []
    offsets, depth, values, in_data = [first], 1, False, False
    tokens = list(_tokens(text, first))
    for index, (kind, token, _, end) in enumerate(tokens):
        if kind == "word" and token == "values":
            values = True
        elif token == "{" and values:
            values, in_data = False, True
        elif token == "{":
            depth += 1
            following = tokens[index + 1][1] if index + 1 < len(tokens) else ""
            if following != "select":
                offsets.append(end)
        elif token == "}" and in_data:
            in_data = False
        elif token == "}":
            depth -= 1
            if depth == 0:
                break
    return offsets


def with_values(text: str, bindings: dict[str, tuple[str, str]]) -> tuple[str, tuple[tuple[int, int, int], ...]]:
    """The query with a VALUES block binding the variables first in every group of its WHERE clause.

    Every group, not only the outer one: SPARQL evaluates a nested group (an EXISTS, an
    OPTIONAL, ``{ ... FILTER(...) }``) before joining it with the rest, so a parameter bound
    only outside would be unbound in a FILTER inside. Bound in every group, the values mean
    what Oxigraph's substitutions and rdflib's ``initBindings`` mean. Returns the new text and
    the (line, column, width) of each block, to map an endpoint's error position back to the
    user's text (no line is added).

    >>> with_values('SELECT ?a WHERE { ?a ?b ?_x }', {"_x": ("string", "OSSTF")})[0]
    'SELECT ?a WHERE { VALUES (?_x) { ("OSSTF") } ?a ?b ?_x }'

    Raises:
        QueryError: the query has no WHERE group to bind values in.
    """
    if not bindings:
        return text, ()
    offsets = _group_braces(text)
    if not offsets:
        raise QueryError("cannot bind parameters: the query has no WHERE { ... } group")
    names = " ".join(f"?{name}" for name in bindings)
    terms = " ".join(sparql_literal(value, XSD_DATE if kind == "date" else "") for kind, value in bindings.values())
    block = f" VALUES ({names}) {{ ({terms}) }}"
    pieces, previous, inserted = [], 0, []
    for at in offsets:
        pieces += [text[previous:at], block]
        previous = at
        inserted.append((text.count("\n", 0, at) + 1, at - (text.rfind("\n", 0, at) + 1) + 1, len(block)))
    return "".join(pieces) + text[previous:], tuple(inserted)


class EndpointEngine:
    """Runs queries on a SPARQL 1.1 query endpoint, e.g. ``http://127.0.0.1:7878/query``.

    Args:
        url: the endpoint's query URL (Fuseki ``/DATASET/sparql``, GraphDB
            ``/repositories/ID``, Virtuoso ``/sparql``, Oxigraph ``/query``).
        timeout: seconds to wait for the answer.
    """

    def __init__(self, url: str, timeout: float = 60.0):
        self.url = url
        self.timeout = timeout

    def run(self, text: str, bindings: dict[str, tuple[str, str]]) -> Result:
        sent, inserted = with_values(text, bindings)
        form = query_form(sent)
        response = self._post(sent, _ACCEPT[form])
        if response.status_code == 400:
            raise QueryError(syntax_message(response.text, inserted))
        _check(response, self.url)
        content_type = response.headers.get("content-type", "").split(";")[0].strip().lower()
        if content_type in ("application/sparql-results+json", "application/json"):
            return _json_result(response, self.url)
        return _graph_result(response, content_type, self.url)

    def _post(self, text: str, accept: str) -> httpx.Response:
        try:
            return httpx.post(self.url, data={"query": text}, headers={"Accept": accept}, timeout=self.timeout)
        except httpx.TimeoutException:
            raise EndpointError(f"{self.url} did not answer within {self.timeout:g} s") from None
        except (httpx.HTTPError, httpx.InvalidURL) as error:
            raise EndpointError(f"cannot reach {self.url}: {error}") from None


def _check(response: httpx.Response, url: str) -> None:
    if response.status_code >= 400:
        reason = " ".join(response.text.split())[:300] or response.reason_phrase
        raise EndpointError(f"{url} answered {response.status_code}: {reason}")


def _json_result(response: httpx.Response, url: str) -> Result:
    try:
        answer = response.json()
        if "boolean" in answer:
            return Result("ask", boolean=bool(answer["boolean"]))
        columns = tuple(answer["head"]["vars"])
        rows = tuple({c: row[c]["value"] if c in row else "" for c in columns} for row in answer["results"]["bindings"])
    except (json.JSONDecodeError, KeyError, TypeError):
        raise EndpointError(f"{url} sent an answer that is not SPARQL JSON results (cut short by a time limit?)") from None
    return Result("select", columns, rows)


def _graph_result(response: httpx.Response, content_type: str, url: str) -> Result:
    rdf_format = ox.RdfFormat.from_media_type(content_type) if content_type else None
    if rdf_format is None:
        raise EndpointError(f"{url} answered in {content_type or 'an unnamed format'}, not SPARQL results or RDF")
    try:
        triples = [quad.triple for quad in ox.parse(response.content, format=rdf_format)]
    except SyntaxError as error:
        raise EndpointError(f"{url} sent RDF that does not parse: {error}") from None
    return Result("graph", turtle=ox.serialize(triples, format=ox.RdfFormat.TURTLE).decode("utf-8"))


@dataclass(frozen=True)
class PushSummary:
    """What a push sent: how many named graphs, and how many quads in all."""

    graphs: int
    quads: int


def push(graph_dir: Path, endpoint_url: str, timeout: float = 120.0) -> PushSummary:
    """Put every named graph of the build in ``graph_dir`` into a Graph Store Protocol endpoint.

    Each graph is sent with ``PUT ?graph=IRI``, which replaces what the endpoint held under
    that name: pushing twice leaves one copy. Graphs the build no longer has (an article
    removed since the last push) stay on the endpoint.

    Args:
        graph_dir: a build folder (``graph.nq`` is read).
        endpoint_url: the Graph Store endpoint (Oxigraph ``/store``, Fuseki ``/DATASET/data``,
            GraphDB ``/repositories/ID/rdf-graphs/service``, Virtuoso ``/sparql-graph-crud``).

    Raises:
        StoreError: there is no build in ``graph_dir``.
        EndpointError: the endpoint cannot be reached or refused a graph.
    """
    graphs: dict[ox.NamedNode | ox.DefaultGraph, list[ox.Triple]] = defaultdict(list)
    quads = read_quads(graph_dir)
    for quad in quads:
        graphs[quad.graph_name].append(quad.triple)
    with httpx.Client(timeout=timeout) as client:
        for name, triples in graphs.items():
            params = {"graph": name.value} if isinstance(name, ox.NamedNode) else {"default": ""}
            body = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)
            try:
                response = client.put(endpoint_url, params=params, content=body,
                                      headers={"Content-Type": "application/n-triples"})
            except (httpx.HTTPError, httpx.InvalidURL) as error:
                raise EndpointError(f"cannot reach {endpoint_url}: {error}") from None
            _check(response, endpoint_url)
    return PushSummary(len(graphs), len(quads))
