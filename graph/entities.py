"""Entities stage: ``ParsedArticle`` + ``KnowledgeBase`` -> ``ResolvedArticle``.

Decides which entity each mention stands for, so that "Ontario Secondary School Teachers'
Federation", "OSSTF", "the union", "Harvey Bischof", "Bischof" and "he" land on the right
node. Resolution is deliberately conservative: a pronoun or a title ("the minister") is
resolved only to an entity already named in the article with a fitting type or title, and a
surname only to a person whose full name the article (or the knowledge base) gives.

Also records titles stated next to a name ("OSSTF President Harvey Bischof", "Harvey
Bischof, the president of the OSSTF"), which the facts stage turns into ``represents``.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from .kb import KnowledgeBase, normalise
from .model import Entity, Mention, ParsedArticle, ResolvedArticle, Token

__all__ = ["Lexicon", "load_lexicon", "resolve_entities", "slugify"]

_NER_TYPES = {"PERSON": "Person", "GPE": "Region", "LOC": "Region"}
_ACRONYM = re.compile(r"([A-Z][\w’'.-]*(?:\s+(?:of|de|des|du|la|le|for|and|&|[A-Z][\w’'.-]*))+)\s*\(([A-Z][A-Z/-]{1,12})\)")


def slugify(name: str) -> str:
    """A readable, stable id for a name: ASCII letters and digits joined by hyphens.

    >>> slugify("Rémi Sabourin")
    'remi-sabourin'
    >>> slugify("Conseil scolaire de district catholique de l'Est ontarien")
    'conseil-scolaire-de-district-catholique-de-l-est-ontarien'
    """
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")
    return slug or "x" + "".join(f"{ord(c):x}" for c in name)[:40]


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

    def role_of(self, words: str) -> dict | None:
        """The role whose title matches ``words`` (longest title wins), or None."""
        words = normalise(words)
        best = None
        for role in self.roles.values():
            for title in role["titles"]:
                if re.search(rf"(^|\s){re.escape(title)}$", words) and (best is None or len(title) > best[0]):
                    best = (len(title), role)
        return best[1] if best else None


def load_lexicon(directory: Path | None = None) -> Lexicon:
    """Read the coreference and role vocabularies from ``directory`` (default: the package's)."""
    directory = directory or Path(str(resources.files("graph") / "data" / "rules"))
    data = json.loads((directory / "coreference.json").read_text(encoding="utf-8"))
    roles = {}
    for line in (directory / "roles.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            roles[row["id"]] = row
    keywords = tuple((word, kind) for kind, words in data["type_keywords"].items() for word in words)
    return Lexicon({k: tuple(v) for k, v in data["pronouns"].items()},
                   {k: tuple(v) for k, v in data["descriptions"].items()},
                   data["titles"], frozenset(n.casefold() for n in data["ignore_names"]),
                   frozenset(data.get("same_sentence_pronouns", ())),
                   keywords, roles)


def resolve_entities(parsed: ParsedArticle, kb: KnowledgeBase, lexicon: Lexicon) -> ResolvedArticle:
    """Resolve every mention, title and pronoun of one article to an entity id."""
    resolver = _ArticleResolver(parsed, kb, lexicon)
    for mention in sorted(parsed.mentions, key=lambda m: m.start):
        resolver.add_mention(mention)
    resolver.resolve_references()
    entities = tuple(sorted(resolver.entities.values(), key=lambda e: e.id))
    return ResolvedArticle(parsed, entities, tuple(sorted(resolver.token_entities.items())),
                           tuple(resolver.titles))


class _ArticleResolver:
    """Per-article state: entities seen so far, in order, and what each token points to."""

    def __init__(self, parsed: ParsedArticle, kb: KnowledgeBase, lexicon: Lexicon):
        self.parsed, self.kb, self.lexicon = parsed, kb, lexicon
        self.tokens = parsed.tokens
        self.entities: dict[str, Entity] = {}
        self.token_entities: dict[int, str] = {}
        self.titles: list[tuple[str, str, str, int, str]] = []
        self.acronyms = self._acronyms(parsed.article.text)

    @staticmethod
    def _acronyms(text: str) -> dict[str, str]:
        """Acronyms the article defines: "Full Name (ACR)" -> {"ACR": "Full Name"}."""
        return {m.group(2): m.group(1).strip() for m in _ACRONYM.finditer(text)}

    def add_mention(self, mention: Mention) -> None:
        entity = self._entity_for(mention)
        if entity is None:
            return
        self.entities.setdefault(entity.id, entity)
        for i in range(mention.first_token, mention.last_token + 1):
            self.token_entities.setdefault(i, entity.id)
        if entity.type == "Person":
            self._attach_title(mention, entity)

    def _entity_for(self, mention: Mention) -> Entity | None:
        text = mention.text.strip()
        if mention.kb_id:
            return self.kb.get(mention.kb_id)
        if text.casefold() in self.lexicon.ignore_names or not re.search(r"[A-Za-z]{2}", text):
            return None
        known = self.kb.lookup(text) or self._known_in_article(text)
        if known:
            return known
        if text in self.acronyms:
            return self._new_entity(self.acronyms[text], mention.label, alias=text)
        kind = self._type_of(text, mention.label)
        return self._new_entity(text, kind) if kind else None

    def _known_in_article(self, text: str) -> Entity | None:
        """A surname or acronym for an entity already named in this article."""
        key = normalise(text)
        for entity in reversed(list(self.entities.values())):
            if entity.type == "Person" and " " not in key and normalise(entity.name).split()[-1] == key:
                return entity
            if key in (normalise(a) for a in entity.aliases):
                return entity
        return None

    def _type_of(self, text: str, label: str) -> str:
        if label in _NER_TYPES:
            return _NER_TYPES[label]
        if label != "ORG":
            return ""
        lowered = normalise(text)
        for keyword, kind in self.lexicon.type_keywords:
            if keyword in lowered:
                return kind
        return "Organisation"

    def _new_entity(self, name: str, kind: str, alias: str = "") -> Entity:
        name = re.sub(r"^(the|The)\s+", "", unicodedata.normalize("NFC", name)).replace("’", "'")
        if kind not in ("Person", "Region", "Union", "SchoolBoard", "Ministry", "Government",
                        "PoliticalParty", "StudentGroup", "ParentGroup", "Media", "Organisation"):
            kind = self._type_of(name, "ORG")
        existing = self.kb.lookup(name)
        if existing:
            return existing
        return Entity(slugify(name), kind, name, (alias,) if alias else ())

    # -- titles -------------------------------------------------------------------------------

    def _attach_title(self, mention: Mention, person: Entity) -> None:
        """Record a title stated right before the name or in an apposition after it."""
        before = self._title_before(mention)
        if before:
            self._record_title(person, *before)
        after = self._title_after(mention)
        if after:
            self._record_title(person, *after)

    def _title_before(self, mention: Mention) -> tuple | None:
        """'OSSTF President Harvey Bischof', 'NDP education critic Marit Stiles'."""
        i = mention.first_token - 1
        words: list[Token] = []
        while i >= 0 and self.tokens[i].sentence == self.tokens[mention.first_token].sentence:
            token = self.tokens[i]
            if token.pos in ("NOUN", "PROPN", "ADJ") and i not in self.token_entities and not token.text.startswith(("'", "’")):
                words.insert(0, token)
                i -= 1
                continue
            break
        role = self.lexicon.role_of(" ".join(t.text for t in words)) if words else None
        if not role:
            return None
        organisation = self._organisation_ending_at(i)
        return role, organisation, words[-1].i, "represents/title-before-name"

    def _title_after(self, mention: Mention) -> tuple | None:
        """'Harvey Bischof, the president of the OSSTF' and 'Sally Meseret, who leads OSTA'."""
        end = mention.last_token
        if end + 2 >= len(self.tokens) or self.tokens[end + 1].text != ",":
            return None
        window = self.tokens[end + 2:end + 9]
        words = []
        for token in window:
            if token.lower_ if False else token.text.lower() in ("of", "for", "with", "at"):
                break
            if token.text == ",":
                return None
            words.append(token)
            role = self.lexicon.role_of(" ".join(t.text for t in words))
            if role and token.i + 1 < len(self.tokens) and self.tokens[token.i + 1].text.lower() in ("of", "for", "with", "at"):
                organisation = self._organisation_starting_at(token.i + 2)
                if organisation:
                    return role, organisation, token.i, "represents/apposition-title-of"
        return None

    def _organisation_ending_at(self, i: int) -> str:
        """The organisation named by the mention that ends at token ``i`` (possessive allowed)."""
        if i >= 0 and self.tokens[i].tag == "POS":
            i -= 1
        entity_id = self.token_entities.get(i, "")
        entity = self.entities.get(entity_id)
        return entity_id if entity and entity.type not in ("Person", "Region", "Group", "Policy", "Media") else ""

    def _organisation_starting_at(self, i: int) -> str:
        for j in (i, i + 1):
            entity_id = self._entity_from_later_mention(j)
            if entity_id:
                return entity_id
        return ""

    def _entity_from_later_mention(self, token: int) -> str:
        for mention in self.parsed.mentions:
            if mention.first_token == token:
                entity = self._entity_for(mention)
                if entity and entity.type not in ("Person", "Region", "Group", "Policy", "Media"):
                    self.entities.setdefault(entity.id, entity)
                    return entity.id
        return ""

    def _record_title(self, person: Entity, role: dict, organisation: str, token: int, rule: str) -> None:
        organisation = organisation or role.get("default_organisation", "")
        if organisation and organisation in self.kb.entities:
            self.entities.setdefault(organisation, self.kb.get(organisation))
        self.titles.append((person.id, role["role"], organisation, token, rule))

    # -- pronouns, descriptions and titles used as names ---------------------------------------

    def resolve_references(self) -> None:
        """Point pronouns, "the union"-style descriptions and "the minister"-style titles back."""
        for token in self.tokens:
            order = sorted(self.token_entities.items())
            if token.i in self.token_entities:
                continue
            lowered = token.text.lower()
            same_sentence = lowered in self.lexicon.same_sentence_pronouns
            if lowered in self.lexicon.pronouns and token.pos == "PRON" and (not same_sentence or token.dep in ("nsubj", "nsubjpass")):
                reach = 0 if same_sentence else 3
                self._link(token, self._nearest_before(token.i, self.lexicon.pronouns[lowered], order, reach))
            for phrase, types in self.lexicon.descriptions.items():
                if self._phrase_ends_at(phrase, token.i):
                    self._link(token, self._nearest_before(token.i, types, order))
            for phrase, role in self.lexicon.title_phrases.items():
                if self._phrase_ends_at(phrase, token.i):
                    self._link(token, self._titled_person(role, token.i))

    def _link(self, token: Token, entity_id: str) -> None:
        if entity_id:
            self.token_entities[token.i] = entity_id

    def _phrase_ends_at(self, phrase: str, i: int) -> bool:
        words = phrase.split()
        start = i - len(words) + 1
        if start < 0:
            return False
        span = [t.text.lower().replace("’", "'") for t in self.tokens[start:i + 1]]
        joined = " ".join(span).replace(" 's", "'s")
        return joined == phrase and self.tokens[start].sentence == self.tokens[i].sentence

    def _nearest_before(self, i: int, types: tuple[str, ...], order: list[tuple[int, str]], reach: int = 3) -> str:
        """The closest earlier entity of one of ``types`` within ``reach`` previous sentences."""
        sentence = self.tokens[i].sentence
        for token_index, entity_id in reversed(order):
            if token_index >= i:
                continue
            if self.tokens[token_index].sentence < sentence - reach:
                break
            if self.entities[entity_id].type in types:
                return entity_id
        return ""

    def _titled_person(self, role_id: str, i: int) -> str:
        """The person last given the role ``role_id`` before token ``i``."""
        role = self.lexicon.roles.get(role_id, {}).get("role")
        for person, person_role, _, token, _ in reversed(self.titles):
            if person_role == role and token < i:
                return person
        return ""
