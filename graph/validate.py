"""Validation: a built graph -> a ``Report`` of everything that breaks the domain's rules.

Consumes a build folder (``graph.nq`` and the article texts kept in its manifest) or an
rdflib graph; produces a ``Report``. The rules are SHACL shapes shipped in
``data/shapes.ttl`` (every fact has one kind, an agent, an object, an article, evidence and
its offsets, a rule, a date or an explicit "date unknown"; a strike has a union and a target;
a represents fact has a role), run with pyshacl over the union of the named graphs with the
ontology's class tree mixed in. Next to them, offsets are checked against the stored article
texts: the file text between a fact's ``sg:evidenceStart`` and ``sg:evidenceEnd``, read as
extraction read it, must be its evidence sentence.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from pyshacl import validate as shacl_validate
from rdflib import RDF, Dataset, Graph, Literal, Namespace

from .errors import StoreError
from .hygiene import clean_text, html_to_text, looks_like_html
from .manifest import stored_texts
from .namespace import SG
from .store import NQUADS_FILE

__all__ = ["SHAPES_FILE", "Report", "Violation", "load_union", "validate", "validate_graph"]

SHAPES_FILE = "shapes.ttl"
_SH = Namespace("http://www.w3.org/ns/shacl#")


@dataclass(frozen=True)
class Violation:
    """One broken rule: the node it is about, the property, and what is wrong."""

    focus: str
    path: str
    message: str
    value: str = ""

    def __str__(self) -> str:
        where = f" {self.path}" if self.path else ""
        value = f" (value: {self.value})" if self.value else ""
        return f"{self.focus}{where}: {self.message}{value}"


@dataclass(frozen=True)
class Report:
    """What validation found: ``conforms`` when there is no violation at all."""

    violations: tuple[Violation, ...]
    facts: int
    offsets_checked: int

    @property
    def conforms(self) -> bool:
        return not self.violations


def validate(graph_dir: Path) -> Report:
    """Validate the graph built in ``graph_dir`` against the shapes and its article texts.

    Raises:
        StoreError: there is no built graph in ``graph_dir``.
    """
    path = graph_dir / NQUADS_FILE
    if not path.exists():
        raise StoreError(f"no built graph in {graph_dir}: run 'strikegraph build' first, or point --graph at a build folder")
    return validate_graph(load_union(path), stored_texts(graph_dir))


def load_union(path: Path) -> Graph:
    """The triples of every named graph in an N-Quads file, as one graph."""
    dataset = Dataset()
    dataset.parse(path, format="nquads")
    union = Graph()
    for subject, predicate, obj, _ in dataset.quads((None, None, None, None)):
        union.add((subject, predicate, obj))
    return union


def validate_graph(graph: Graph, texts: dict[str, str] | None = None) -> Report:
    """Validate ``graph`` (the union of a build's graphs); ``texts`` (an article's
    ``sg:contentHash`` -> its file text) adds the offsets check for every article found there."""
    shapes = Graph().parse(data=_data_file(SHAPES_FILE), format="turtle")
    ontology = Graph().parse(data=_data_file("ontology.ttl"), format="turtle")
    _, results, _ = shacl_validate(graph, shacl_graph=shapes, ont_graph=ontology, inference="none",
                                   advanced=True, allow_warnings=True)
    violations = [_violation(results, node) for node in results.subjects(RDF.type, _SH.ValidationResult)]
    offsets, checked = _offset_violations(graph, texts or {})
    facts = len(set(graph.subjects(SG.evidence, None)))
    return Report(tuple(sorted(violations + offsets, key=str)), facts, checked)


def _data_file(name: str) -> str:
    return resources.files("graph").joinpath("data", name).read_text(encoding="utf-8")


def _violation(results: Graph, node) -> Violation:
    def one(term) -> str:
        value = results.value(node, term)
        return "" if value is None else str(value)
    focus, value = one(_SH.focusNode), one(_SH.value)
    message = one(_SH.resultMessage) or one(_SH.sourceConstraintComponent)
    return Violation(focus, one(_SH.resultPath), message, "" if value == focus else value)


def _offset_violations(graph: Graph, texts: dict[str, str]) -> tuple[list[Violation], int]:
    """Facts whose offsets do not point at their evidence in the stored text of their article."""
    violations, checked = [], 0
    for fact, evidence in graph.subject_objects(SG.evidence):
        article = graph.value(fact, SG.article)
        name, text = str(graph.value(article, SG.fileName) or ""), texts.get(str(graph.value(article, SG.contentHash)))
        start, end = graph.value(fact, SG.evidenceStart), graph.value(fact, SG.evidenceEnd)
        if text is None or not _is_int(start) or not _is_int(end):
            continue
        checked += 1
        problem = _offset_problem(text, name, int(start), int(end), str(evidence))
        if problem:
            violations.append(Violation(str(fact), str(SG.evidenceStart), problem, f"{int(start)}..{int(end)}"))
    return violations, checked


def _offset_problem(text: str, name: str, start: int, end: int, evidence: str) -> str:
    if not 0 <= start < end <= len(text):
        return f"evidence offsets fall outside {name} ({len(text)} characters)"
    piece = text[start:end]
    read = clean_text(html_to_text(piece).text if looks_like_html(name, text) else piece).text
    if read.strip() != evidence:
        return f"the text of {name} at these offsets is not the evidence: {piece[:80]!r}"
    return ""


def _is_int(term) -> bool:
    return isinstance(term, Literal) and isinstance(term.toPython(), int)

