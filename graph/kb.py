"""Knowledge-base stage: data files -> ``KnowledgeBase`` (ids, types, names, aliases).

Consumes ``data/kb/entities.jsonl`` (actors, places, groups) and ``data/kb/policies.jsonl``
(policy concepts and their versions); produces one immutable ``KnowledgeBase`` that feeds both
the entity ruler (``ruler_patterns``) and entity resolution (``lookup``). It names entities
only: no relation between them is ever read from here, so every fact in the graph comes from
an article.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from functools import cached_property, lru_cache
from importlib import resources
from pathlib import Path

from .errors import KnowledgeBaseError
from .model import Entity

__all__ = ["ENTITY_TYPES", "KnowledgeBase", "PolicyVersion", "load_kb", "normalise"]

#: Entity types the knowledge base may use; each is a class in the ontology.
ENTITY_TYPES = (
    "Person", "Union", "Government", "Ministry", "SchoolBoard", "PoliticalParty",
    "StudentGroup", "ParentGroup", "Media", "Organisation", "Group", "Region",
    "Policy", "PolicyVersion",
)

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'"})


@lru_cache(maxsize=1 << 16)
def normalise(name: str) -> str:
    """Lookup key for a name: NFC, straight apostrophes, no leading article or "every", folded case.
    Cached: the entities stage asks it of the same few hundred names tens of thousands of times.

    >>> normalise("The Ontario Secondary School Teachers’ Federation")
    "ontario secondary school teachers' federation"
    """
    text = unicodedata.normalize("NFC", name).translate(_APOSTROPHES).strip()
    text = re.sub(r"\s+", " ", text)
    text = re.sub(r"^(the|a|an|every|each)\s+", "", text, flags=re.IGNORECASE)  # "Every Grand Erie ... school"
    return text.casefold()


@dataclass(frozen=True)
class PolicyVersion:
    """How the text names one version of a policy: the numbers or words that pick it."""

    id: str
    policy: str
    numbers: tuple[str, ...] = ()
    words: tuple[str, ...] = ()


@dataclass(frozen=True)
class KnowledgeBase:
    """Entities by id, an alias index, and the policy vocabulary."""

    entities: dict[str, Entity]
    aliases: dict[str, str]
    policy_terms: dict[str, str]
    versions: tuple[PolicyVersion, ...]
    policy_patterns: tuple[tuple[str, tuple], ...] = ()
    name_patterns: tuple[dict, ...] = ()

    def lookup(self, name: str) -> Entity | None:
        """The entity a name or alias stands for, or None when the KB does not know it."""
        entity_id = self.aliases.get(normalise(name))
        return self.entities.get(entity_id) if entity_id else None

    def get(self, entity_id: str) -> Entity:
        try:
            return self.entities[entity_id]
        except KeyError:
            raise KnowledgeBaseError(f"unknown entity id {entity_id!r}") from None

    @cached_property
    def government_id(self) -> str:
        """The id of the knowledge base's (first) government, or "": the side a ministry's
        or minister's plan belongs to. Kept on the instance: stances ask it for every trigger."""
        return next((e.id for e in self.entities.values() if e.type == "Government"), "")

    @cached_property
    def term_nouns(self) -> dict[str, set[str]]:
        """The last word of each policy term ("online courses" -> courses, and course), with
        the policies (not versions) whose terms end in it. Kept on the instance: each article
        asks, and the table reads every term."""
        nouns: dict[str, set[str]] = {}
        for term, policy_id in self.policy_terms.items():
            word = term.lower().split()[-1] if term.split() else ""
            entity = self.entities.get(policy_id)
            concept = entity.parent or entity.id if entity else policy_id
            nouns.setdefault(word, set()).add(concept)
            nouns.setdefault(word.rstrip("s"), set()).add(concept)
        return nouns

    def versions_of(self, policy_id: str) -> tuple[PolicyVersion, ...]:
        return tuple(v for v in self.versions if v.policy == policy_id)

    def ruler_patterns(self) -> list[dict]:
        """Phrase patterns for spaCy's entity ruler: every name and alias, with its id."""
        patterns = []
        for entity in self.entities.values():
            if entity.type == "PolicyVersion":
                continue
            names = entity.aliases + (entity.name,)
            for name in sorted(set(names)):
                patterns.append({"label": entity.type, "pattern": name, "id": entity.id})
        for term, policy_id in sorted(self.policy_terms.items()):
            patterns.append({"label": "Policy", "pattern": term, "id": policy_id})
        for policy_id, token_pattern in self.policy_patterns:
            patterns.append({"label": "Policy", "pattern": list(token_pattern), "id": policy_id})
        return patterns + [dict(p) for p in self.name_patterns]


def _read_jsonl(path: Path) -> list[tuple[str, dict]]:
    """The objects of a JSON-lines file, each with its place ("entities.jsonl, line 3")."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        raise KnowledgeBaseError(f"{path.name}: not found in the knowledge-base folder {path.parent}") from None
    except UnicodeDecodeError:
        raise KnowledgeBaseError(f"{path.name}: not UTF-8 text") from None
    rows = []
    for number, line in enumerate(lines, start=1):
        if not line.strip() or line.lstrip().startswith("//"):
            continue
        where = f"{path.name}, line {number}"
        try:
            row = json.loads(line)
        except json.JSONDecodeError as error:
            raise KnowledgeBaseError(f"{where}: not JSON ({error.msg})") from None
        if not isinstance(row, dict):
            raise KnowledgeBaseError(f"{where}: expected an object {{...}}, found {type(row).__name__}")
        rows.append((where, row))
    return rows


def _text(row: dict, key: str, where: str) -> str:
    value = row.get(key)
    if not isinstance(value, str) or not value.strip():
        raise KnowledgeBaseError(f"{where}: {key!r} must be a non-empty string, not {value!r}")
    return unicodedata.normalize("NFC", value)


def _texts(row: dict, key: str, where: str) -> tuple[str, ...]:
    values = row.get(key, [])
    if not isinstance(values, list) or not all(isinstance(v, str) and v.strip() for v in values):
        raise KnowledgeBaseError(f"{where}: {key!r} must be a list of non-empty strings, not {values!r}")
    return tuple(unicodedata.normalize("NFC", v) for v in values)


def _entity_from_row(row: dict, where: str) -> Entity:
    missing = {"id", "type", "name"} - row.keys()
    if missing:
        raise KnowledgeBaseError(f"{where}: the entry lacks {', '.join(sorted(missing))}")
    if row["type"] not in ENTITY_TYPES:
        raise KnowledgeBaseError(f"{where}: {row['id']!r} has unknown type {row['type']!r} "
                                 f"(known types: {', '.join(ENTITY_TYPES)})")
    if row.get("language", "") not in ("", "en", "fr"):
        raise KnowledgeBaseError(f"{where}: 'language' must be \"en\" or \"fr\", not {row['language']!r}")
    return Entity(_text(row, "id", where), row["type"], _text(row, "name", where), _texts(row, "aliases", where),
                  comment=row.get("comment", ""), language=row.get("language", ""))


def _policy_entities(row: dict, where: str) -> tuple[list[Entity], list[PolicyVersion], dict[str, str]]:
    policy_id, terms = _text(row, "id", where), _texts(row, "terms", where)
    policy = Entity(policy_id, "Policy", _text(row, "name", where), terms, comment=row.get("comment", ""),
                    stance_on_mention=row.get("stance_on_mention", ""), proposed_by=row.get("proposed_by", ""),
                    removal_of=row.get("removal_of", ""), read_as=row.get("read_as", {}).get("policy", ""),
                    read_as_from=row.get("read_as", {}).get("from", ""))
    entities, versions = [policy], []
    rows = row.get("versions", [])
    if not isinstance(rows, list) or not all(isinstance(v, dict) for v in rows):
        raise KnowledgeBaseError(f"{where}: 'versions' must be a list of objects")
    for version in rows:
        version_id = _text(version, "id", where)
        entities.append(Entity(version_id, "PolicyVersion", _text(version, "name", where), parent=policy_id,
                               proposed_by=version.get("proposed_by", "")))
        versions.append(PolicyVersion(version_id, policy_id, _texts(version, "numbers", where),
                                      _texts(version, "words", where)))
    return entities, versions, {term: policy_id for term in terms}


def load_kb(directory: Path | None = None) -> KnowledgeBase:
    """Read ``entities.jsonl`` and ``policies.jsonl`` from ``directory`` (default: the package's).

    Raises:
        KnowledgeBaseError: a file is missing, a line is not a JSON object, an entry lacks
            id/type/name or has a value of the wrong kind, a type is unknown, or two entries
            claim the same id; the message names the file and line.
    """
    directory = directory or Path(str(resources.files("graph") / "data" / "kb"))
    entities: dict[str, Entity] = {}
    terms: dict[str, str] = {}
    versions: list[PolicyVersion] = []
    patterns: list[tuple[str, tuple]] = []
    places: dict[str, str] = {}
    for where, row in _read_jsonl(directory / "entities.jsonl"):
        _add(entities, _entity_from_row(row, where), where, places)
    for where, row in _read_jsonl(directory / "policies.jsonl"):
        policy_entities, policy_versions, policy_terms = _policy_entities(row, where)
        for entity in policy_entities:
            _add(entities, entity, where, places)
        versions.extend(policy_versions)
        terms.update(policy_terms)
        patterns.extend((row["id"], tuple(p)) for p in row.get("patterns", ()))
    aliases = {}
    for entity in entities.values():
        if entity.type in ("Policy", "PolicyVersion"):
            continue
        for name in (entity.name, *entity.aliases):
            aliases.setdefault(normalise(name), entity.id)
    names = directory / "name_patterns.jsonl"
    name_patterns = tuple(_name_pattern(row, where) for where, row in _read_jsonl(names)) if names.exists() else ()
    return KnowledgeBase(entities, aliases, terms, tuple(versions), tuple(patterns), name_patterns)


def _name_pattern(row: dict, where: str) -> dict:
    """A name-shape token pattern for the entity ruler: a known label and a list of token specs."""
    if row.get("label") not in ENTITY_TYPES:
        raise KnowledgeBaseError(f"{where}: unknown label {row.get('label')!r} (known types: {', '.join(ENTITY_TYPES)})")
    pattern = row.get("pattern")
    if not isinstance(pattern, list) or not pattern or not all(isinstance(t, dict) for t in pattern):
        raise KnowledgeBaseError(f"{where}: 'pattern' must be a non-empty list of token objects")
    return row


def _add(entities: dict[str, Entity], entity: Entity, where: str, places: dict[str, str]) -> None:
    if entity.id in entities:
        raise KnowledgeBaseError(f"{where}: the id {entity.id!r} is already used ({places[entity.id]})")
    entities[entity.id] = entity
    places[entity.id] = where
