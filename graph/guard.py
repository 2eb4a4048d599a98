r"""Guard: which requests to a shared SPARQL server may pass, and in what form.

``graph.serve`` puts a front before the Oxigraph server and asks ``screen`` about every
request. Oxigraph runs ``SERVICE`` patterns (and ``LOAD`` updates) by fetching the URL they
name, and cannot be told not to; on a shared server that is a way to make it send requests
to any host it can reach. So:

- a query or update whose parse holds a ``SERVICE`` pattern, or an update that ``LOAD``\s,
  is refused (403). A text that does not contain the word at all cannot hold one and passes
  unparsed; one that does is parsed with rdflib's SPARQL 1.1 parser, and refused if that
  parser cannot read it. ``\u`` escapes are expanded first, and the expanded text is what
  is forwarded, so the parser that checks and the server that runs read the same characters;
- on a read-only server every write (an update, a Graph Store ``PUT``/``POST``/``DELETE``)
  is refused; on a read-write one, writes sent by other web pages (an ``Origin`` header that
  is not the server's own) are refused: a page can post a form-encoded update anywhere;
- on a loopback address, a request addressed to a host name other than a loopback one is
  refused, so a web page cannot reach the server by pointing its own domain at 127.0.0.1.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode, urlsplit

__all__ = ["LOOPBACK", "Forward", "Policy", "Refused", "screen"]

#: Host names that reach this machine only.
LOOPBACK = frozenset({"127.0.0.1", "localhost", "::1"})
_FORM = "application/x-www-form-urlencoded"
_PARSE_LOCK = threading.Lock()  # pyparsing's packrat cache is shared between threads


class Refused(Exception):
    """A request the front will not forward: an HTTP status and a message for the client."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status


@dataclass(frozen=True)
class Policy:
    """What the front lets through: writes or not, from which web origins, to which host names."""

    read_write: bool
    origins: frozenset[str]
    hosts: frozenset[str] | None


@dataclass(frozen=True)
class Forward:
    """A request as the front forwards it to Oxigraph; ``query`` ones are timed."""

    method: str
    target: str
    content_type: str
    body: bytes
    query: bool


def _sparql(text: str, update: bool) -> str:
    """The text to forward: ``\\u`` escapes expanded, and free of SERVICE (and LOAD in updates)."""
    from rdflib.plugins.sparql.parser import expandUnicodeEscapes

    try:
        expanded = expandUnicodeEscapes(text)
        settled = expandUnicodeEscapes(expanded) == expanded
    except ValueError as error:
        raise Refused(400, f"bad \\u escape: {error}") from None
    if not settled:
        raise Refused(400, "escaped \\u escapes are refused: write the characters themselves")
    words = ("service", "load") if update else ("service",)
    if any(word in expanded.casefold() for word in words):
        _refuse_remote(expanded, update)
    return expanded


def _refuse_remote(text: str, update: bool) -> None:
    from pyparsing import ParseBaseException
    from rdflib.plugins.sparql.parser import parseQuery, parseUpdate

    try:
        with _PARSE_LOCK:
            tree = parseUpdate(text) if update else parseQuery(text)
    except ParseBaseException as error:
        raise Refused(400, "the query mentions SERVICE or LOAD, so this server checks it with a SPARQL 1.1 "
                           f"parser, which cannot read it: line {error.lineno}, column {error.col}: {error.msg}") from None
    names = set(_names(tree))
    if "ServiceGraphPattern" in names:
        raise Refused(403, "SERVICE is refused here: it would make this server fetch other hosts")
    if "Load" in names:
        raise Refused(403, "LOAD is refused here: it would make this server fetch other hosts")


def _names(node):
    """The grammar rule names in an rdflib parse tree (``CompValue`` nodes, nested anyhow)."""
    name = getattr(node, "name", None)
    if isinstance(name, str) and isinstance(node, dict):
        yield name
    if isinstance(node, dict):
        for value in node.values():
            yield from _names(value)
    elif isinstance(node, (list, tuple)) or type(node).__name__ == "ParseResults":
        for value in node:
            yield from _names(value)


def screen(method: str, target: str, headers, body: bytes, policy: Policy) -> Forward:
    """Check one request against ``policy`` and return what to forward.

    Raises:
        Refused: the request writes on a read-only server, comes from another web page,
            is addressed to a foreign host name, or its SPARQL would reach other hosts.
    """
    if policy.hosts is not None and urlsplit("//" + headers.get("Host", "")).hostname not in policy.hosts:
        raise Refused(403, "this server answers requests addressed to localhost only")
    path, _, query_string = target.partition("?")
    params = parse_qsl(query_string, keep_blank_values=True)
    content_type = headers.get("Content-Type", "")
    kind = content_type.split(";")[0].strip().lower()
    form = parse_qsl(_text(body), keep_blank_values=True) if kind == _FORM else None
    fields = params + (form or [])
    updates = [v for k, v in fields if k == "update"] + ([_text(body)] if kind == "application/sparql-update" else [])
    queries = [v for k, v in fields if k == "query"] + ([_text(body)] if kind == "application/sparql-query" else [])
    writes = bool(updates) or (method not in ("GET", "HEAD", "OPTIONS") and not (method == "POST" and path == "/query"))
    if writes and not policy.read_write:
        raise Refused(403, "this server is read-only (start it with --read-write to accept changes)")
    if writes and headers.get("Origin") and headers["Origin"] not in policy.origins:
        raise Refused(403, "changes sent by other web pages are refused")
    checked = {text: _sparql(text, False) for text in queries} | {text: _sparql(text, True) for text in updates}
    clean = [(k, checked.get(v, v) if k in ("query", "update") else v) for k, v in params]
    if form is not None:
        body = urlencode([(k, checked.get(v, v) if k in ("query", "update") else v) for k, v in form]).encode()
    elif kind in ("application/sparql-query", "application/sparql-update"):
        body = checked[_text(body)].encode("utf-8")
    return Forward(method, path + ("?" + urlencode(clean) if clean else ""), content_type, body, bool(queries))


def _text(body: bytes) -> str:
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        raise Refused(400, "the request body is not UTF-8") from None
