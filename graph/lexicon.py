"""Coreference and role vocabulary for the entities stage (``data/rules/coreference.json``,
``roles.jsonl``), and the readable ids entities get from their names.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from importlib import resources
from pathlib import Path

from .kb import normalise

__all__ = ["Lexicon", "load_lexicon", "office_terms", "phrase_words", "read_roles", "slugify"]


@lru_cache(maxsize=16)
def _by_last_word(phrases: tuple[tuple[str, object], ...]) -> dict[str, list]:
    index: dict[str, list] = {}
    for phrase, value in phrases:
        index.setdefault(phrase_words(phrase)[-1], []).append((phrase, value))
    return index


@lru_cache(maxsize=512)
def phrase_words(phrase: str) -> tuple[str, ...]:
    """'the union's president' as tokens: ('the', 'union', "'s", 'president')."""
    return tuple(phrase.replace("'s", " 's").split())


def slugify(name: str) -> str:
    """A readable, stable id for a name: ASCII letters and digits joined by hyphens.

    >>> slugify("Rémi Sabourin")
    'remi-sabourin'
    >>> slugify("Conseil scolaire de district catholique de l'Est ontarien")
    'conseil-scolaire-de-district-catholique-de-l-est-ontarien'
    """
    spaced = re.sub(r"[^\w\s]|_", " ", unicodedata.normalize("NFC", name))
    ascii_name = unicodedata.normalize("NFKD", spaced).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")
    return slug or "x-" + hashlib.sha256(unicodedata.normalize("NFC", name).encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class Lexicon:
    """Coreference and typing vocabulary (``data/rules/coreference.json``, ``roles.jsonl``)."""

    pronouns: dict[str, tuple[str, ...]]
    descriptions: dict[str, tuple[str, ...]]
    title_phrases: dict[str, str]
    ignore_names: frozenset[str]
    same_sentence_pronouns: frozenset[str]
    type_keywords: tuple[tuple[str, str], ...]
    roles: dict[str, dict]
    group_verbs: frozenset[str] = frozenset()
    not_groups: frozenset[str] = frozenset()
    local_units: frozenset[str] = frozenset()
    #: Given name (lower case) -> "female" | "male", and pronoun -> the gender it speaks of.
    given_names: dict[str, str] = field(default_factory=dict)
    pronoun_genders: dict[str, str] = field(default_factory=dict)
    #: Nouns that speak for their owner: "Lecce's office said", "a spokesperson for the union".
    mouthpieces: frozenset[str] = frozenset()
    #: Words before a title that put its holder in the past: "the former minister".
    past_title_words: frozenset[str] = frozenset()
    #: Verbs beyond the reporting ones whose subject speaks: "which Fedeli called the largest".
    naming_verbs: frozenset[str] = frozenset()
    #: Words of a body a person can hold office in (``bodies.json``, ``graph.titles``).
    organisation_words: frozenset[str] = frozenset()
    #: Words opening a listed item that is the rest of the list, no group of its own ("and other staff").
    rest_words: frozenset[str] = frozenset()
    #: Description nouns that are a word of the body's own name ("the federation", "the association").
    name_words: frozenset[str] = frozenset()

    def gender_of(self, name: str) -> str:
        """'female', 'male' or '' (unknown, or a name used for both) for a person's name,
        from its first word."""
        words = name.split()
        return self.given_names.get(words[0].casefold(), "") if words else ""

    def descriptions_ending(self, word: str) -> list[tuple[str, tuple[str, ...]]]:
        """The "the union"-style descriptions whose last word is ``word``."""
        return self._descriptions_by_last_word.get(word, [])

    def title_phrases_ending(self, word: str) -> list[tuple[str, str]]:
        """The "the minister"-style titles whose last word is ``word``."""
        return self._titles_by_last_word.get(word, [])

    # Kept on the instance: rebuilding and hashing the items for an lru_cache on every
    # token of every article showed up in extraction profiles.
    @cached_property
    def _descriptions_by_last_word(self) -> dict[str, list]:
        return _by_last_word(tuple(self.descriptions.items()))

    @cached_property
    def _titles_by_last_word(self) -> dict[str, list]:
        return _by_last_word(tuple(self.title_phrases.items()))

    @cached_property
    def _role_by_title(self) -> dict[str, dict]:
        """Title -> role; a title two roles share belongs to the first."""
        table: dict[str, dict] = {}
        for role in self.roles.values():
            for title in role["titles"]:
                table.setdefault(title, role)
        return table

    @cached_property
    def leading_roles(self) -> frozenset[str]:
        """The roles (``leading`` in ``roles.jsonl``) whose holder speaks for the whole body:
        "the head of the union" is its president, not its spokesperson."""
        return frozenset(role["role"] for role in self.roles.values() if role.get("leading"))

    def role_of(self, words: str) -> dict | None:
        """The role whose title ends ``words`` (the longest title wins), or None.

        Looked up by the words' endings rather than by a pattern per title: it is asked for
        most capitalised words of every article."""
        parts = normalise(words).split(" ")
        for start in range(len(parts)):
            role = self._role_by_title.get(" ".join(parts[start:]))
            if role is not None:
                return role
        return None


def load_lexicon(directory: Path | None = None) -> Lexicon:
    """Read the coreference and role vocabularies from ``directory`` (default: the package's)."""
    directory = directory or Path(str(resources.files("graph") / "data" / "rules"))
    data = json.loads((directory / "coreference.json").read_text(encoding="utf-8"))
    roles = read_roles(directory)
    keywords = tuple((word, kind) for kind, words in data["type_keywords"].items() for word in words)
    return Lexicon({k: tuple(v) for k, v in data["pronouns"].items()},
                   {k: tuple(v) for k, v in data["descriptions"].items()},
                   data["titles"], frozenset(n.casefold() for n in data["ignore_names"]),
                   frozenset(data.get("same_sentence_pronouns", ())),
                   keywords, roles, frozenset(data.get("group_verbs", ())), frozenset(data.get("not_groups", ())),
                   frozenset(data.get("local_units", ())), *_given_names(directory),
                   mouthpieces=frozenset(data.get("mouthpieces", ())),
                   past_title_words=frozenset(data.get("past_title_words", ())),
                   naming_verbs=frozenset(data.get("naming_verbs", ())),
                   rest_words=frozenset(data.get("rest_words", ())),
                   name_words=frozenset(data.get("name_words", ())),
                   organisation_words=_organisation_words(directory))


def read_roles(directory: Path) -> dict[str, dict]:
    """The rows of ``roles.jsonl`` in ``directory`` by id."""
    rows = [json.loads(line) for line in (directory / "roles.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
    return {row["id"]: row for row in rows}


def office_terms(roles, types: frozenset[str] = frozenset()) -> tuple[tuple[str, str, str], ...]:
    """(person, from, to) ISO days of each dated holder of ``roles`` (rows of ``roles.jsonl``),
    an open term ending on "9999"; only roles held in a body of one of ``types`` when given.
    The one reading of the ``holders`` field, for the entities stage (who "the minister" is)
    and the facts stage (which side an untitled office holder is on)."""
    return tuple((h["person"], h["from"], h.get("to", "9999")) for role in roles
                 if not types or types & set(role.get("organisation_types", ())) for h in role.get("holders", ()))


def _organisation_words(directory: Path) -> frozenset[str]:
    """The body words of ``bodies.json`` (none for a vocabulary folder without it)."""
    path = directory / "bodies.json"
    return frozenset(json.loads(path.read_text(encoding="utf-8"))["organisation_words"]) if path.exists() else frozenset()


def _given_names(directory: Path) -> tuple[dict[str, str], dict[str, str]]:
    """The given-name genders and the pronouns' genders (``given_names.json``), empty when a
    vocabulary folder has no such file."""
    path = directory / "given_names.json"
    if not path.exists():
        return {}, {}
    data = json.loads(path.read_text(encoding="utf-8"))
    names = {name: gender for gender in ("female", "male") for name in data[gender]}
    return names, dict(data["pronouns"])
