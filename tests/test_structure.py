"""Tests that keep the package's shape honest: stage order, ``__all__``, ontology, canned queries.

These read source files (``ast``), the ontology and the ``.rq`` files; none of them loads
the spaCy pipeline, so they run in well under a second.
"""

from __future__ import annotations

import ast
import functools
import importlib
import re
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import OWL, RDF, RDFS, Graph, URIRef
from rdflib.plugins.sparql import prepareQuery

from graph.namespace import SG
from graph.queries import load_queries, parse_query

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "graph"
QUERIES = ROOT / "queries"
ONTOLOGY = PACKAGE / "data" / "ontology.ttl"
SG_NS = "https://w3id.org/strikegraph/ontology#"

#: The stages in data-flow order. A module may import modules of its own row or earlier rows,
#: never a later one. Modules that are not written yet keep their place so the order is fixed
#: before they arrive.
STAGES: tuple[tuple[str, ...], ...] = (
    ("errors",),
    ("model",),
    ("hygiene",),
    ("decoding",),
    ("articles",),
    ("kb",),
    ("date_words",),
    ("date_finder",),
    ("dates",),
    ("nlp",),
    ("mentions",),
    ("syntax",),
    ("group_lists", "groups", "memberships"),
    ("lexicon",),
    ("board_short_names",),
    ("article_entities",),
    ("pronoun_binding", "loose_units", "description_targets", "union_descriptions"),
    ("titles", "speech_tags", "title_names", "references", "local_units", "titled_names", "office_holders"),
    ("entities",),
    ("rule_files",),
    ("rules",),
    ("trigger_matching",),
    ("date_clues", "date_ties", "same_day", "lead_day", "schedule_tense"),
    ("policy_readings",),
    ("statement_dates", "speakers", "context", "policies"),
    ("objects", "named_laws", "plan_frames", "referring_nouns", "ownership", "contraries", "retreat_demands", "restated", "contact_clauses", "imposed", "deal_terms", "earlier_versions", "reported_speech", "answer_shapes", "deeds", "union_side", "dispute_sides", "said_of"),
    ("strike_lists", "strike_regions", "strike_places", "strike_schedules", "strike_scope", "strike_unions", "strike_gaps", "strike_systems", "strike_begun", "sector_unions"),
    ("strike_next_doers", "strike_targets", "strike_boards", "strike_agents", "strike_dates", "strike_events"),
    ("strike_calls", "strike_closures", "strike_clauses", "strike_closed_days", "strike_ongoing", "strike_extent", "strike_towns"),
    ("strikes", "held_positions", "pressed_plans", "policy_lists", "stances", "stance_guards", "responses", "representations"),
    ("facts",),
    ("namespace", "rdf"),
    ("store",),
    ("manifest",),
    ("queries",),
    ("readback",),
    ("formats",),
    ("evaluate",),
    ("validate",),
    ("analysis",),
    ("page_graph",),
    ("render",),
    ("notebook",),
    ("endpoint",),
    ("guard",),
    ("serve",),
    ("parallel",),
    ("pipeline",),
    ("cli",),
)
RANK = {module: rank for rank, row in enumerate(STAGES) for module in row}
#: May import any stage: the one place stages are strung together, and the command line.
UNRESTRICTED = {"pipeline", "cli"}
#: Third-party packages that only the extraction stages may load.
EXTRACTION_ONLY = {"spacy", "thinc"}
#: Public interface: canned query names and their columns, exactly (README "Canned queries").
CANNED = {
    "who-opposed": ("actor", "policy", "date", "article", "evidence"),
    "proposals": ("proposer", "policy", "date", "article", "evidence"),
    "strikes": ("union", "target", "action", "date", "article", "evidence"),
    "responses": ("responder", "target", "date", "article", "evidence"),
    "represents": ("representative", "represented", "role", "article", "evidence"),
    "timeline": ("date", "actor", "relation", "object", "article", "evidence"),
}
HEADERS = ("summary", "description", "params", "columns")


def _modules() -> list[str]:
    return sorted(p.stem for p in PACKAGE.glob("*.py") if p.stem != "__init__")


@functools.cache
def _tree(module: str) -> ast.Module:
    return ast.parse((PACKAGE / f"{module}.py").read_text(encoding="utf-8"), filename=f"graph/{module}.py")


@functools.cache
def _imports(module: str) -> tuple[frozenset[str], frozenset[str]]:
    """(graph modules, top-level third-party packages) that ``graph/<module>.py`` imports."""
    internal, external = _imports_in(_tree(module))
    return frozenset((internal - {module}) & set(_modules())), frozenset(external)


def _imports_in(tree: ast.Module) -> tuple[set[str], set[str]]:
    """Imports anywhere in ``tree``, split into graph modules and third-party packages.

    Imports inside functions count too: a lazy import is still a dependency.
    """
    internal, external = set(), set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                _classify(alias.name, internal, external)
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative: "from .kb import x" or "from . import kb"
                if node.module:
                    internal.add(node.module.split(".")[0])
                else:
                    internal.update(alias.name for alias in node.names)
            elif node.module == "graph":
                internal.update(alias.name for alias in node.names)
            else:
                _classify(node.module or "", internal, external)
    return internal, external


def _classify(name: str, internal: set[str], external: set[str]) -> None:
    parts = name.split(".")
    if parts[0] == "graph" and len(parts) > 1:
        internal.add(parts[1])
    elif parts[0] != "graph":
        external.add(parts[0])


def _loads_extraction(module: str, seen: frozenset[str] = frozenset()) -> str:
    """The chain through which ``module`` loads spaCy ("" when it does not)."""
    internal, external = _imports(module)
    if external & EXTRACTION_ONLY:
        return f"{module} imports {', '.join(sorted(external & EXTRACTION_ONLY))}"
    for other in sorted(internal - seen - {module}):
        chain = _loads_extraction(other, seen | {module})
        if chain:
            return f"{module} -> {chain}"
    return ""


# ------------------------------------------------------------------------------ stage order


def test_every_module_has_a_place_in_the_stage_table():
    unknown = [m for m in _modules() if m not in RANK]
    assert not unknown, (
        f"graph/{unknown[0]}.py is not in STAGES in tests/test_structure.py: add it to the table "
        "at its place in the data flow (after every module it imports, before every module that imports it)")


@pytest.mark.parametrize("module", [m for m in _modules() if m in RANK and m not in UNRESTRICTED])
def test_no_module_imports_a_later_stage(module):
    later = sorted(m for m in _imports(module)[0] if RANK.get(m, -1) > RANK[module])
    assert not later, f"graph/{module}.py imports later stage(s) {later}: data flows one way (see STAGES)"


@pytest.mark.parametrize("module", [m for m in _modules()
                                    if m in RANK and RANK[m] > RANK["store"] and m not in UNRESTRICTED])
def test_modules_after_the_store_never_load_spacy(module):
    assert not _loads_extraction(module), f"downstream of the store, yet: {_loads_extraction(module)}"


def test_query_side_imports_leave_spacy_unloaded_at_run_time():
    """The AST check above, confirmed in a fresh interpreter (catches imports hidden in strings).

    The command line itself must not load spaCy either: 'strikegraph query' stays quick.
    """
    downstream = [m for m in _modules() if m in RANK and RANK[m] > RANK["store"] and m not in UNRESTRICTED]
    code = ("import importlib, sys\n"
            f"for name in {downstream + ['cli']!r}:\n"
            "    importlib.import_module('graph.' + name)\n"
            f"    if any(p in sys.modules for p in {sorted(EXTRACTION_ONLY)!r}):\n"
            "        print(name); break\n")
    loaded = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert loaded.stdout.strip() == "", f"importing graph.{loaded.stdout.strip()} loads spaCy"


def test_import_reader_sees_every_form():
    """The checker itself: relative, absolute, 'from graph import' and lazy imports all count."""
    source = ("from .store import open_store\nfrom . import render\nfrom graph import cli\n"
              "import graph.queries as q\nimport spacy.tokens\n"
              "def later():\n    from graph.pipeline import build\n    import networkx\n")
    assert _imports_in(ast.parse(source)) == ({"store", "render", "cli", "queries", "pipeline"}, {"spacy", "networkx"})


# ------------------------------------------------------------------------------ __all__


def _declared_all(module: str) -> list[str] | None:
    for node in _tree(module).body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", "") == "__all__" for t in node.targets):
            return list(ast.literal_eval(node.value))
    return None


#: Decorators that publish a function through a registry rather than as a Python name: click's
#: ``@cli.command()`` and spaCy's ``@Language.component(...)``.
REGISTERING_DECORATORS = ("command", "group", "component", "factory")


def _is_registered(node: ast.AST) -> bool:
    for decorator in getattr(node, "decorator_list", ()):
        target = decorator.func if isinstance(decorator, ast.Call) else decorator
        if isinstance(target, ast.Attribute) and target.attr in REGISTERING_DECORATORS:
            return True
    return False


def _public_definitions(module: str) -> list[str]:
    return [node.name for node in _tree(module).body
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))
            and not node.name.startswith("_") and not _is_registered(node)]


MODULES_WITH_ALL = [m for m in _modules() if _declared_all(m) is not None]


def test_every_module_declares_all():
    assert set(MODULES_WITH_ALL) == set(_modules()), \
        f"no __all__ in {sorted(set(_modules()) - set(MODULES_WITH_ALL))}"


@pytest.mark.parametrize("module", MODULES_WITH_ALL)
def test_all_names_exist(module):
    imported = importlib.import_module(f"graph.{module}")
    missing = [name for name in _declared_all(module) if not hasattr(imported, name)]
    assert not missing, f"graph/{module}.py __all__ names what it does not define: {missing}"


@pytest.mark.parametrize("module", MODULES_WITH_ALL)
def test_all_lists_every_public_definition(module):
    unlisted = [name for name in _public_definitions(module) if name not in _declared_all(module)]
    assert not unlisted, (f"graph/{module}.py defines public {unlisted} but leaves them out of __all__: "
                          "list them, or rename them with a leading underscore")


@pytest.mark.parametrize("module", MODULES_WITH_ALL)
def test_all_has_no_duplicates(module):
    names = _declared_all(module)
    assert len(names) == len(set(names))


# ------------------------------------------------------------------------------ ontology


def _ontology() -> Graph:
    return Graph().parse(ONTOLOGY, format="turtle")


def _declared_terms(graph: Graph) -> set[str]:
    return {str(s)[len(SG_NS):] for s in graph.subjects(RDF.type, None)
            if isinstance(s, URIRef) and str(s).startswith(SG_NS)}


def _namespace_terms() -> set[str]:
    return set(SG.__annotations__)


def test_ontology_declares_itself():
    assert (URIRef(SG_NS.rstrip("#")), RDF.type, OWL.Ontology) in _ontology()


def test_ontology_and_namespace_declare_the_same_terms():
    declared, mirrored = _declared_terms(_ontology()), _namespace_terms()
    assert not declared - mirrored, f"in ontology.ttl but not in graph/namespace.py SG: {sorted(declared - mirrored)}"
    assert not mirrored - declared, f"in graph/namespace.py SG but not declared in ontology.ttl: {sorted(mirrored - declared)}"


def test_namespace_refuses_undeclared_terms():
    with pytest.raises(AttributeError):
        SG.opposedBy  # noqa: B018 - the lookup itself is the test


@pytest.mark.parametrize("term", sorted(_declared_terms(Graph().parse(ONTOLOGY, format="turtle"))))
def test_every_term_has_label_and_comment(term):
    graph, node = _ontology(), URIRef(SG_NS + term)
    assert graph.value(node, RDFS.label), f"sg:{term} has no rdfs:label"
    assert graph.value(node, RDFS.comment), f"sg:{term} has no rdfs:comment"


def _terms_in_query(text: str) -> set[str]:
    body = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))
    terms = set(re.findall(r"\bsg:([A-Za-z_][\w-]*)", body))
    terms |= set(re.findall(re.escape("<" + SG_NS) + r"([^>]+)>", body))
    return terms


@pytest.mark.parametrize("path", sorted(QUERIES.glob("*.rq")), ids=lambda p: p.name)
def test_every_term_a_query_uses_is_declared(path):
    undeclared = _terms_in_query(path.read_text(encoding="utf-8")) - _declared_terms(_ontology())
    assert not undeclared, f"{path.name} uses undeclared terms {sorted('sg:' + t for t in undeclared)}"


# ------------------------------------------------------------------------------ canned queries


QUERY_FILES = sorted(QUERIES.glob("*.rq"))


@pytest.mark.parametrize("path", QUERY_FILES, ids=lambda p: p.name)
def test_query_file_has_every_header(path):
    text = path.read_text(encoding="utf-8")
    for header in HEADERS:
        assert re.search(rf"^#\+\s*{header}\s*:", text, re.MULTILINE), f"{path.name} lacks '#+ {header}:'"
    query = parse_query(text, path.stem, path)
    assert query.summary and query.description and query.columns, f"{path.name}: empty summary, description or columns"


@pytest.mark.parametrize("path", QUERY_FILES, ids=lambda p: p.name)
def test_query_file_parses_and_selects_its_columns_first(path):
    query = parse_query(path.read_text(encoding="utf-8"), path.stem, path)
    prepared = prepareQuery(query.text)
    selected = tuple(str(v) for v in prepared.algebra.get("PV", ()))
    assert selected[: len(query.columns)] == query.columns, \
        f"{path.name}: SELECT starts with {selected[:len(query.columns)]}, header says {query.columns}"


@pytest.mark.parametrize("path", QUERY_FILES, ids=lambda p: p.name)
def test_query_parameters_are_selected_variables(path):
    """Declared parameters appear in the SELECT clause, so binding them is visible on every engine."""
    query = parse_query(path.read_text(encoding="utf-8"), path.stem, path)
    selected = {str(v) for v in prepareQuery(query.text).algebra.get("PV", ())}
    missing = [p.variable for p in query.params if p.variable not in selected]
    assert not missing, f"{path.name}: parameters {missing} are not in the SELECT clause"


@pytest.mark.parametrize("name", sorted(CANNED))
def test_public_interface_names_and_columns(name):
    canned = load_queries()
    assert name in canned, f"canned query {name!r} is part of the public interface and is missing"
    assert canned[name].columns == CANNED[name]


def test_readme_lists_the_public_interface():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name, columns in CANNED.items():
        assert f"| `{name}` | {', '.join(columns)} |" in readme, f"README's canned-query table lacks {name}"
