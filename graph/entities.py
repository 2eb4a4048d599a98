"""Entities stage: ``ParsedArticle`` + ``KnowledgeBase`` -> ``ResolvedArticle``.

Decides which entity each mention stands for, so that "Ontario Secondary School Teachers'
Federation", "OSSTF", "the union", "Harvey Bischof", "Bischof" and "he" land on the right
node. Resolution is deliberately conservative: a pronoun or a title ("the minister") is
resolved only to an entity already named in the article with a fitting type or title, and a
surname only to a person whose full name the article (or the knowledge base) gives.

The stage is spread over a few modules along its seams: ``lexicon`` (vocabulary and ids),
``article_entities`` (the per-article state and its shared look-ups), ``titles`` (titles
stated next to a name, which the facts stage turns into ``represents``) and ``references``
(pronouns, descriptions and titles used as names) and ``local_units`` (a union's districts and
locals). This module names the entities.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from dataclasses import replace

from .board_short_names import short_names_in
from .groups import groups_among, narrower_groups, unnamed_groups
from .kb import KnowledgeBase, normalise
from .lexicon import Lexicon, load_lexicon, slugify
from .local_units import LocalUnitNamer
from .memberships import memberships_in
from .model import Entity, Mention, ParsedArticle, ResolvedArticle
from .office_holders import OfficeHolderReader
from .references import ReferenceResolver
from .titled_names import TitledNameReader
from .titles import TitleReader

__all__ = ["Lexicon", "load_lexicon", "resolve_entities", "slugify"]

_NER_TYPES = {"PERSON": "Person", "GPE": "Region", "LOC": "Region"}
#: Labels the knowledge base's name patterns give ("... District School Board").
_NAME_PATTERN_TYPES = frozenset({"SchoolBoard", "Union", "Organisation"})
#: What the tagger takes a lone surname for: a person, an organisation or a place.
_SURNAME_TYPES = frozenset({"Person", "Organisation", "Region"})
#: "The Grand Erie, Trillium Lakelands and Renfrew County district school boards": one board each.
_COORDINATED_BOARDS = re.compile(
    r"((?:[A-Z][\w'’-]{0,30}\s+){0,4}?[A-Z][\w'’-]{0,30}(?:(?:,\s+|,?\s+and\s+)[A-Z][\w'’-]{0,30}(?:\s+[A-Z][\w'’-]{0,30}){0,4}){1,12})\s+"
    r"((?i:(?:catholic\s+)?district))\s+(?i:school\s+boards)")
_ACRONYM = re.compile(r"([A-Z][\w’'.-]*(?:\s+(?:of|de|des|du|la|le|for|and|&|[A-Z][\w’'.-]*))+)\s*\(([A-Z][A-Z/-]{1,12})\)")


def resolve_entities(parsed: ParsedArticle, kb: KnowledgeBase, lexicon: Lexicon) -> ResolvedArticle:
    """Resolve every mention, title and pronoun of one article to an entity id."""
    resolver = _ArticleResolver(parsed, kb, lexicon)
    resolver.coordinated_boards()
    for mention in resolver.mentions:
        resolver.add_mention(mention)
    resolver.name_titled_people()
    resolver.complete_surnames()
    resolver.merge_surnames()
    resolver.add_unnamed_groups()
    resolver.continue_group_lists()
    resolver.narrow_groups()
    resolver.resolve_references(titles=False)
    resolver.name_local_units()
    resolver.link_union_parts()
    resolver.attach_titles()
    resolver.resolve_references(titles=True)
    resolver.link_office_holders()
    resolver.resolve_pronouns_after_titles()
    resolver.unbind_own_clause()
    resolver.bind_fronted_clauses()
    resolver.merge_surnames()
    entities = tuple(sorted(resolver.entities.values(), key=lambda e: e.id))
    return ResolvedArticle(parsed, entities, tuple(sorted(resolver.token_entities.items())),
                           tuple(resolver.titles))


class _ArticleResolver(TitledNameReader, TitleReader, ReferenceResolver, OfficeHolderReader, LocalUnitNamer):
    """Names the article's entities; titles, references and local units come from the mixed-in readers."""

    def __init__(self, parsed: ParsedArticle, kb: KnowledgeBase, lexicon: Lexicon):
        super().__init__(parsed, kb, lexicon)
        self.acronyms = self._acronyms(parsed.article.text)

    @staticmethod
    def _acronyms(text: str) -> dict[str, str]:
        """Acronyms the article defines: "Full Name (ACR)" -> {"ACR": "Full Name"}."""
        return {m.group(2): m.group(1).strip() for m in _ACRONYM.finditer(text)}

    def coordinated_boards(self) -> None:
        """Give each board of 'the Grand Erie, Trillium Lakelands and Renfrew County district
        school boards' an entity of its own ("Grand Erie District School Board"), on its words."""
        text = self.parsed.article.text
        if "school boards" not in text.lower():
            return
        starts = [t.start for t in self.tokens]
        for match in _COORDINATED_BOARDS.finditer(text):
            kind = " ".join(w.capitalize() for w in match.group(2).split()) + " School Board"
            for name_match in re.finditer(r"[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*", match.group(1)):
                name = re.sub(r"^The\s+", "", name_match.group(0))
                entity = self.kb.lookup(f"{name} {kind}") or Entity(slugify(f"{name} {kind}"), "SchoolBoard", f"{name} {kind}")
                self.entities.setdefault(entity.id, entity)
                start = match.start(1) + name_match.start()
                end = start + len(name_match.group(0))
                for i in range(bisect_left(starts, start), bisect_left(starts, end)):
                    self.token_entities[i] = entity.id

    def add_mention(self, mention: Mention) -> None:
        entity = self._entity_for(mention)
        if entity is None:
            return
        self.entities.setdefault(entity.id, entity)
        for i in range(mention.first_token, mention.last_token + 1):
            self.token_entities.setdefault(i, entity.id)

    def _entity_for(self, mention: Mention) -> Entity | None:
        text = mention.text.strip().lstrip("-•*–").strip()  # a list line's dash is no part of the name
        if mention.kb_id:
            return self.kb.get(mention.kb_id)
        if text.casefold() in self.lexicon.ignore_names or not re.search(r"[A-Za-z]{2}", text) or self._social_tag(mention):
            return None
        known = self.kb.lookup(text) or self._known_in_article(text)
        if known:
            return known
        if text in self.acronyms:
            return self._new_entity(self.acronyms[text], mention.label, alias=text)
        kind = self._type_of(text, mention.label)
        if kind == "Person" and re.search(r"\d", text):
            return None  # "Grade 3" is no person
        return (self._board_by_short_name(mention, text, kind) or self._new_entity(text, kind)) if kind else None

    def merge_surnames(self) -> None:
        """'Adelina Cecchin, who leads the local, ... Cecchin said': a one-word name met before
        the tagger (or a title) made the full name a person becomes an entity of its own; it is
        the person whose full name ends in it, when exactly one in the article does."""
        for entity in list(self.entities.values()):
            key = normalise(entity.name)
            if entity.id in self.kb.entities or " " in key or entity.type not in _SURNAME_TYPES:
                continue
            owners = [e for e in self.entities.values() if normalise(e.name).split()[-1:] == [key] and " " in e.name
                      and (e.type == "Person" or entity.type == "Person" and self._name_taken_for_organisation(e))]
            if len(owners) == 1:
                self.entities[owners[0].id] = replace(owners[0], type="Person")
                self._merge_into(entity.id, owners[0].id)

    def complete_surnames(self) -> None:
        """'Adelina Cecchin, who leads the local, ...; Cecchin said': when the tagger finds only
        the surname, the capitalised given name written before it elsewhere in the article
        completes the person's name (one given name only; titles such as "Premier" are not names)."""
        for entity in [e for e in self.entities.values() if e.type == "Person" and " " not in e.name.strip()]:
            if entity.id in self.kb.entities:
                continue
            before = {i - 1 for i, t in enumerate(self.tokens) if i and t.text == entity.name and self._given_name(i - 1, entity.id)}
            if len({self.tokens[i].text for i in before}) != 1:
                continue
            person = [self._name_person([i, i + 1]) for i in sorted(before)]  # a mention, to carry a title
            self._merge_into(entity.id, person[0])
        self.mentions.sort(key=lambda m: m.start)

    def _given_name(self, i: int, surname_entity: str) -> bool:
        token = self.tokens[i]
        return (token.pos == "PROPN" and bool(re.fullmatch(r"[A-Z][a-zà-ÿ]{2,}(?:-[A-Z][a-zà-ÿ]+)?", token.text))
                and self.token_entities.get(i, surname_entity) == surname_entity and not self.lexicon.role_of(token.text))

    def _name_taken_for_organisation(self, entity: Entity) -> bool:
        """'Adelina Cecchin' tagged as an organisation, her surname alone as a person: two or
        three capitalised words with no organisation word in them are the person's full name."""
        return (entity.type == "Organisation" and entity.id not in self.kb.entities
                and bool(re.fullmatch(r"[A-Z][\w'’-]+(?: [A-Z][\w'’-]+){1,2}", entity.name))
                and not any(keyword in normalise(entity.name) for keyword, _ in self.lexicon.type_keywords))

    def _merge_into(self, old: str, new: str) -> None:
        """Every token and title of entity ``old`` now stands for ``new``."""
        del self.entities[old]
        for i, entity_id in self.token_entities.items():
            if entity_id == old:
                self.token_entities[i] = new
        self.titles[:] = [(new if who == old else who, role, new if held == old else held, token, rule)
                          for who, role, held, token, rule in self.titles]

    def add_unnamed_groups(self) -> None:
        """'which represents custodians, ...': groups the knowledge base does not list."""
        member_heads = [g for m in memberships_in(self.tree).values() for g in m.groups]
        for name, span in unnamed_groups(self.tree, self.token_entities.__contains__,
                                         self.lexicon.group_verbs, self.lexicon.not_groups) + \
                groups_among(self.tree, member_heads, self.token_entities.__contains__, self.lexicon.not_groups):
            self._register_group(name, span)

    def continue_group_lists(self) -> None:
        """'educational assistants, designated early childhood educators, interpreters and
        Indigenous advisors': the nouns coordinated with a group of workers are groups too,
        whatever verb (or misparse, such as "designated" read as a verb) the list hangs from,
        so a list that begins with known groups keeps naming groups to its end."""
        ids = self.token_entities
        groups = [i for i, e in ids.items() if self.entities.get(e) and self.entities[e].type == "Group"]
        heads = [t for i in groups if ids.get(self.tree.tokens[i].head) != ids[i]  # the group's own head word
                 and self.tree.tokens[i].dep not in ("nsubj", "nsubjpass")  # a list of speakers is no list of members
                 for t in self.tree.with_conjuncts(self.tree.tokens[i])[1:] if t.i not in ids]
        for name, span in groups_among(self.tree, list({t.i: t for t in heads}.values()),
                                       self.token_entities.__contains__, self.lexicon.not_groups):
            if not any(name.startswith(word + " ") for word in self.lexicon.rest_words):
                self._register_group(name, span)

    def _register_group(self, name: str, span) -> None:
        """A group of workers the text names: the knowledge base's, else a new one by its name,
        standing for every token of ``span``."""
        entity = self.kb.lookup(name) or Entity(slugify(name), "Group", name)
        self.entities.setdefault(entity.id, entity)
        for i in span:
            self.token_entities[i] = entity.id

    def narrow_groups(self) -> None:
        """'teachers in Catholic schools' are the group "Catholic teachers"."""
        def group_name(i: int) -> str:
            entity = self.entities.get(self.token_entities.get(i, ""))
            return entity.name if entity and entity.type == "Group" else ""

        def lookup(name: str) -> str:
            entity = self.kb.lookup(name)
            return entity.id if entity and entity.type == "Group" else ""

        for head, group_id in narrower_groups(self.tree, group_name, lookup):
            self.entities.setdefault(group_id, self.kb.get(group_id))
            old = self.token_entities[head]
            for i in [head] + [c.i for c in self.tree.children(head, ("compound", "amod"))]:
                if self.token_entities.get(i) == old:
                    self.token_entities[i] = group_id

    def _social_tag(self, mention: Mention) -> bool:
        """'#NoCutsToEducation', '@Sflecce' pasted from a tweet: a tag, not a name."""
        before = self.parsed.article.text[max(0, mention.start - 1):mention.start]
        return before in ("#", "@") or "@" in mention.text

    def _type_of(self, text: str, label: str) -> str:
        if label in _NER_TYPES:
            return _NER_TYPES[label]
        if label in _NAME_PATTERN_TYPES:
            return label
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
        name = self._acronym_spelt_out(name)
        return Entity(slugify(name), kind, name, (alias,) if alias else ())

    def _board_by_short_name(self, mention: Mention, name: str, kind: str) -> Entity | None:
        """'Rainbow cancelled classes', 'at Limestone, Upper Canada and Kawartha Pine Ridge':
        an organisation named by a board's short name alone (what is left of one board's name
        without "District School Board" and the like) is that board. Place names ("Algoma",
        "Renfrew County") stay places: a board is read from a place only in a list of boards;
        and so does a union's part named by the board's short name ("the Upper Grand local")."""
        following = mention.last_token + 1 < len(self.tokens) and self.lowered[mention.last_token + 1] in self.lexicon.local_units
        board_id = short_names_in(self.kb).board(name) if kind == "Organisation" and not following else None
        return self.kb.entities.get(board_id) if board_id else None

    def _acronym_spelt_out(self, name: str) -> str:
        """'CUPE Local 1734' is 'Canadian Union of Public Employees Local 1734': a local or
        district named by its union's acronym gets the union's full name, as readers write it."""
        first, _, rest = name.partition(" ")
        parent = self.kb.lookup(first) if rest and first.isupper() and len(first) > 2 else None
        return f"{parent.name} {rest}" if parent and parent.type == "Union" else name
