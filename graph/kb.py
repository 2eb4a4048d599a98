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
from importlib import resources
from pathlib import Path

from .errors import KnowledgeBaseError
from .model import Entity

__all__ = ["KnowledgeBase", "PolicyVersion", "load_kb", "normalise", "ENTITY_TYPES"]

#: Entity types the knowledge base may use; each is a class in the ontology.
ENTITY_TYPES = (
    "Person", "Union", "Government", "Ministry", "SchoolBoard", "PoliticalParty",
    "StudentGroup", "ParentGroup", "Media", "Organisation", "Group", "Region",
    "Policy", "PolicyVersion",
)

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'"})


def normalise(name: str) -> str:
    """Lookup key for a name: NFC, straight apostrophes, no leading 'the', folded case.

    >>> normalise("The Ontario Secondary School Teachers’ Federation")
    "ontario secondary school teachers' federation"
    """
    text = unicodedata.normalize("NFC", name).translate(_APOSTROPHES).strip()
    text = re.sub(r"\s+", " ", text)
    text = re.sub(r"^(the|a|an)\s+", "", text, flags=re.IGNORECASE)
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

    def lookup(self, name: str) -> Entity | None:
        """The entity a name or alias stands for, or None when the KB does not know it."""
        entity_id = self.aliases.get(normalise(name))
        return self.entities.get(entity_id) if entity_id else None

    def get(self, entity_id: str) -> Entity:
        try:
            return self.entities[entity_id]
        except KeyError:
            raise KnowledgeBaseError(f"unknown entity id {entity_id!r}") from None

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
        return patterns


def _read_jsonl(path: Path) -> list[dict]:
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("//"):
            continue
        try:
            rows.append(json.loads(line))
        except json.JSONDecodeError as error:
            raise KnowledgeBaseError(f"{path.name}, line {number}: not JSON ({error.msg})") from None
    return rows


def _entity_from_row(row: dict, source: str) -> Entity:
    missing = {"id", "type", "name"} - row.keys()
    if missing:
        raise KnowledgeBaseError(f"{source}: entry {row!r} lacks {', '.join(sorted(missing))}")
    if row["type"] not in ENTITY_TYPES:
        raise KnowledgeBaseError(f"{source}: {row['id']!r} has unknown type {row['type']!r}")
    aliases = tuple(unicodedata.normalize("NFC", a) for a in row.get("aliases", ()))
    return Entity(row["id"], row["type"], unicodedata.normalize("NFC", row["name"]), aliases,
                  comment=row.get("comment", ""))


def _policy_entities(row: dict) -> tuple[list[Entity], list[PolicyVersion], dict[str, str]]:
    policy = Entity(row["id"], "Policy", row["name"], tuple(row.get("terms", ())),
                    comment=row.get("comment", ""))
    entities, versions = [policy], []
    for version in row.get("versions", ()):
        entities.append(Entity(version["id"], "PolicyVersion", version["name"], parent=row["id"]))
        versions.append(PolicyVersion(version["id"], row["id"], tuple(version.get("numbers", ())),
                                      tuple(version.get("words", ()))))
    terms = {term: row["id"] for term in row.get("terms", ())}
    return entities, versions, terms


def load_kb(directory: Path | None = None) -> KnowledgeBase:
    """Read ``entities.jsonl`` and ``policies.jsonl`` from ``directory`` (default: the package's).

    Raises:
        KnowledgeBaseError: a line is not JSON, an entry lacks id/type/name, a type is unknown,
            or two entries claim the same id.
    """
    directory = directory or Path(str(resources.files("graph") / "data" / "kb"))
    entities: dict[str, Entity] = {}
    terms: dict[str, str] = {}
    versions: list[PolicyVersion] = []
    for row in _read_jsonl(directory / "entities.jsonl"):
        _add(entities, _entity_from_row(row, "entities.jsonl"))
    for row in _read_jsonl(directory / "policies.jsonl"):
        policy_entities, policy_versions, policy_terms = _policy_entities(row)
        for entity in policy_entities:
            _add(entities, entity)
        versions.extend(policy_versions)
        terms.update(policy_terms)
    aliases = {}
    for entity in entities.values():
        if entity.type in ("Policy", "PolicyVersion"):
            continue
        for name in (entity.name, *entity.aliases):
            aliases.setdefault(normalise(name), entity.id)
    return KnowledgeBase(entities, aliases, terms, tuple(versions))


def _add(entities: dict[str, Entity], entity: Entity) -> None:
    if entity.id in entities:
        raise KnowledgeBaseError(f"two knowledge-base entries share the id {entity.id!r}")
    entities[entity.id] = entity
