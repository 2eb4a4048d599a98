"""Tests for the knowledge-base stage (graph/kb.py): loading, alias lookup, ruler patterns, errors.

Malformed files are written into ``tmp_path``; the package's own data is loaded as shipped.
No spaCy here: the knowledge base is plain data.
"""

from __future__ import annotations

import doctest
import json
import re
from collections import defaultdict

import pytest

from graph import kb as kb_module
from graph.errors import KnowledgeBaseError
from graph.kb import ENTITY_TYPES, load_kb, normalise

#: name as an article may write it -> entity id (None: the knowledge base does not know it)
ALIASES = [
    ("OSSTF", "osstf"),
    ("osstf", "osstf"),
    ("Ontario Secondary School Teachers' Federation", "osstf"),
    ("the Ontario Secondary School Teachers’ Federation", "osstf"),
    ("The Ontario Secondary School Teachers‘ Federation", "osstf"),
    ("ONTARIO SECONDARY SCHOOL TEACHERS' FEDERATION", "osstf"),
    ("Ontario  Secondary\nSchool Teachers' Federation", "osstf"),
    ("ETFO", "etfo"),
    ("Elementary Teachers’ Federation of Ontario", "etfo"),
    ("OECTA", "oecta"),
    ("Harvey Bischof", "harvey-bischof"),
    ("Bischof", "harvey-bischof"),
    ("Stephen Lecce", "stephen-lecce"),
    ("Lecce", "stephen-lecce"),
    ("Ford government", "ontario-government"),
    ("Ministry of Education", "ministry-of-education"),
    ("Nobody Atall", None),
    ("class size", None),  # policies are found through policy_terms, never as actors
]

#: normalise(name) -> lookup key
NORMALISED = [
    ("OSSTF", "osstf"),
    ("The OSSTF", "osstf"),
    ("an Union", "union"),
    ("  Harvey   Bischof ", "harvey bischof"),
    ("Teachers’ Federation", "teachers' federation"),
    ("Re\u0301mi Sabourin", "rémi sabourin"),
    ("Theodore", "theodore"),  # 'the' is only dropped as a whole word
]

#: (entities.jsonl text, policies.jsonl text or None for a missing file, message pattern)
OSSTF = '{"id": "osstf", "type": "Union", "name": "OSSTF"}'
POLICY = '{"id": "class-size", "name": "class sizes", "terms": ["class size"], "versions": [{"id": "cs-25", "name": "25", "numbers": ["25"]}]}'
MALFORMED = [
    pytest.param(OSSTF + "\n\n{oops\n", POLICY, r"^entities\.jsonl, line 3: not JSON", id="not-json"),
    pytest.param(OSSTF + '\n{"id": "x", "type": "Person"}\n', POLICY,
                 r"^entities\.jsonl, line 2: the entry lacks name$", id="missing-name"),
    pytest.param('{"name": "X"}\n', POLICY, r"^entities\.jsonl, line 1: the entry lacks id, type$", id="missing-id-type"),
    pytest.param('{"id": "x", "type": "Unicorn", "name": "X"}\n', POLICY,
                 r"^entities\.jsonl, line 1: 'x' has unknown type 'Unicorn' \(known types: Person, ", id="unknown-type"),
    pytest.param(OSSTF + "\n// a comment\n" + OSSTF + "\n", POLICY,
                 r"^entities\.jsonl, line 3: the id 'osstf' is already used \(entities\.jsonl, line 1\)$", id="duplicate-id"),
    pytest.param('{"id": "class-size", "type": "Union", "name": "X"}\n', POLICY,
                 r"^policies\.jsonl, line 1: the id 'class-size' is already used \(entities\.jsonl, line 1\)$",
                 id="duplicate-across-files"),
    pytest.param("[1, 2]\n", POLICY, r"^entities\.jsonl, line 1: expected an object \{\.\.\.\}, found list$", id="not-object"),
    pytest.param('{"id": "x", "type": "Union", "name": "X", "aliases": "XU"}\n', POLICY,
                 r"^entities\.jsonl, line 1: 'aliases' must be a list of non-empty strings", id="aliases-not-list"),
    pytest.param('{"id": "x", "type": "Union", "name": ""}\n', POLICY,
                 r"^entities\.jsonl, line 1: 'name' must be a non-empty string", id="empty-name"),
    pytest.param(OSSTF, '\n{"id": "p", "name": "P", "versions": [{"name": "v"}]}\n',
                 r"^policies\.jsonl, line 2: 'id' must be a non-empty string", id="version-without-id"),
    pytest.param(OSSTF, '{"id": "p", "name": "P", "versions": {"id": "v"}}\n',
                 r"^policies\.jsonl, line 1: 'versions' must be a list of objects$", id="versions-not-list"),
    pytest.param(OSSTF, '{"name": "P"}\n', r"^policies\.jsonl, line 1: 'id' must be a non-empty string", id="policy-without-id"),
    pytest.param(OSSTF, None, r"^policies\.jsonl: not found in the knowledge-base folder ", id="missing-file"),
]

#: name_patterns.jsonl text -> message pattern
MALFORMED_NAME_PATTERNS = [
    pytest.param('{"label": "Board", "pattern": [{"LOWER": "board"}]}\n',
                 r"^name_patterns\.jsonl, line 1: unknown label 'Board'", id="unknown-label"),
    pytest.param('// shapes\n{"label": "SchoolBoard", "pattern": "board"}\n',
                 r"^name_patterns\.jsonl, line 2: 'pattern' must be a non-empty list of token objects$", id="string-pattern"),
    pytest.param('{"label": "SchoolBoard"}\n',
                 r"^name_patterns\.jsonl, line 1: 'pattern' must be a non-empty list", id="no-pattern"),
]


@pytest.fixture(scope="module")
def package_kb():
    return load_kb()


def _write(tmp_path, entities: str, policies: str | None):
    (tmp_path / "entities.jsonl").write_text(entities, encoding="utf-8")
    if policies is not None:
        (tmp_path / "policies.jsonl").write_text(policies, encoding="utf-8")
    return tmp_path


# ------------------------------------------------------------------------------ the package's data


def test_package_data_loads(package_kb):
    assert package_kb.entities and package_kb.aliases and package_kb.policy_terms and package_kb.versions


def test_every_entity_has_a_known_type_and_a_slug_id(package_kb):
    for entity in package_kb.entities.values():
        assert entity.type in ENTITY_TYPES, entity
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", entity.id), f"id {entity.id!r} is not a readable slug"


def test_no_alias_names_two_entities(package_kb):
    owners = defaultdict(set)
    for entity in package_kb.entities.values():
        if entity.type not in ("Policy", "PolicyVersion"):
            for name in (entity.name, *entity.aliases):
                owners[normalise(name)].add(entity.id)
    shared = {name: ids for name, ids in owners.items() if len(ids) > 1}
    assert not shared, f"aliases claimed by several entities (the first would win silently): {shared}"


@pytest.mark.parametrize(("name", "entity_id"), ALIASES)
def test_lookup(package_kb, name, entity_id):
    found = package_kb.lookup(name)
    assert (found.id if found else None) == entity_id


def test_policy_versions_belong_to_their_policy(package_kb):
    versions = {v.id for v in package_kb.versions_of("class-size")}
    assert {"class-size-28", "class-size-25", "class-size-23"} <= versions
    for version in package_kb.versions:
        assert package_kb.entities[version.id].parent == version.policy
        assert package_kb.entities[version.policy].type == "Policy"


def test_policy_terms_name_policies(package_kb):
    assert package_kb.policy_terms["class size"] == "class-size"
    assert package_kb.policy_terms["e-learning"] == "e-learning"
    assert all(package_kb.entities[p].type == "Policy" for p in package_kb.policy_terms.values())


def test_get_unknown_id_raises(package_kb):
    with pytest.raises(KnowledgeBaseError, match="unknown entity id 'nobody'"):
        package_kb.get("nobody")


def test_ruler_patterns_have_ids(package_kb):
    """Every name, alias and policy pattern carries the id of its entity; only name-shape patterns
    ("... District School Board", data/kb/name_patterns.jsonl) have none, by design: each match
    becomes an entity of its own name."""
    patterns = package_kb.ruler_patterns()
    shapes = [dict(p) for p in package_kb.name_patterns]
    assert patterns
    for pattern in patterns:
        assert pattern["label"] in ENTITY_TYPES and pattern["label"] != "PolicyVersion", pattern
        if pattern in shapes:
            assert "id" not in pattern and isinstance(pattern["pattern"], list)
            continue
        assert set(pattern) == {"label", "pattern", "id"}, pattern
        assert pattern["id"] in package_kb.entities, pattern
        assert pattern["label"] == package_kb.entities[pattern["id"]].type


def test_ruler_patterns_cover_every_name_and_alias(package_kb):
    patterns = {(p["pattern"], p["id"]) for p in package_kb.ruler_patterns() if isinstance(p["pattern"], str)}
    for entity in package_kb.entities.values():
        if entity.type in ("Policy", "PolicyVersion"):
            continue
        for name in (entity.name, *entity.aliases):
            assert (name, entity.id) in patterns, f"{name!r} ({entity.id}) is not a ruler pattern"


def test_ruler_patterns_are_in_a_stable_order(package_kb):
    assert package_kb.ruler_patterns() == load_kb().ruler_patterns()


# ------------------------------------------------------------------------------ normalise


@pytest.mark.parametrize(("name", "key"), NORMALISED)
def test_normalise(name, key):
    assert normalise(name) == key


def test_doctests_pass():
    results = doctest.testmod(kb_module)
    assert results.attempted >= 1 and results.failed == 0


# ------------------------------------------------------------------------------ malformed files


@pytest.mark.parametrize(("entities", "policies", "message"), MALFORMED)
def test_malformed_files_name_file_and_line(tmp_path, entities, policies, message):
    with pytest.raises(KnowledgeBaseError) as raised:
        load_kb(_write(tmp_path, entities, policies))
    assert re.search(message, str(raised.value)), str(raised.value)


def test_comments_and_blank_lines_are_skipped(tmp_path):
    kb = load_kb(_write(tmp_path, "// unions\n\n" + OSSTF + "\n", POLICY))
    assert set(kb.entities) == {"osstf", "class-size", "cs-25"}
    assert kb.lookup("osstf").name == "OSSTF"


def test_names_are_stored_nfc(tmp_path):
    row = {"id": "remi", "type": "Person", "name": "Re\u0301mi Sabourin", "aliases": ["Re\u0301mi"]}
    kb = load_kb(_write(tmp_path, json.dumps(row) + "\n", POLICY))
    assert kb.entities["remi"].name == "Rémi Sabourin"
    assert kb.lookup("Rémi").id == "remi"


@pytest.mark.parametrize("text,message", MALFORMED_NAME_PATTERNS)
def test_malformed_name_patterns_name_file_and_line(tmp_path, text, message):
    _write(tmp_path, OSSTF, POLICY)
    (tmp_path / "name_patterns.jsonl").write_text(text, encoding="utf-8")
    with pytest.raises(KnowledgeBaseError) as raised:
        load_kb(tmp_path)
    assert re.search(message, str(raised.value)), str(raised.value)


def test_name_patterns_are_optional(tmp_path):
    assert load_kb(_write(tmp_path, OSSTF, POLICY)).name_patterns == ()
