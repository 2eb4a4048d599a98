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

import hashlib
import json
import re
import unicodedata
from bisect import bisect_left
from dataclasses import dataclass
from functools import cached_property, lru_cache
from importlib import resources
from pathlib import Path

from .groups import narrower_groups, unnamed_groups
from .kb import KnowledgeBase, normalise
from .model import Entity, Mention, ParsedArticle, ResolvedArticle, Token
from .syntax import REPORTING_LEMMAS, Tree

__all__ = ["Lexicon", "load_lexicon", "resolve_entities", "slugify"]

_NER_TYPES = {"PERSON": "Person", "GPE": "Region", "LOC": "Region"}
#: Labels the knowledge base's name patterns give ("... District School Board").
_NAME_PATTERN_TYPES = frozenset({"SchoolBoard", "Union", "Organisation"})
#: "The Grand Erie, Trillium Lakelands and Renfrew County district school boards": one board each.
_COORDINATED_BOARDS = re.compile(
    r"((?:[A-Z][\w'’-]{0,30}\s+){0,4}?[A-Z][\w'’-]{0,30}(?:(?:,\s+|,?\s+and\s+)[A-Z][\w'’-]{0,30}(?:\s+[A-Z][\w'’-]{0,30}){0,4}){1,12})\s+"
    r"((?i:(?:catholic\s+)?district))\s+(?i:school\s+boards)")
_ACRONYM = re.compile(r"([A-Z][\w’'.-]*(?:\s+(?:of|de|des|du|la|le|for|and|&|[A-Z][\w’'.-]*))+)\s*\(([A-Z][A-Z/-]{1,12})\)")


@lru_cache(maxsize=16)
def _by_last_word(phrases: tuple[tuple[str, object], ...]) -> dict[str, list]:
    index: dict[str, list] = {}
    for phrase, value in phrases:
        index.setdefault(_phrase_words(phrase)[-1], []).append((phrase, value))
    return index


@lru_cache(maxsize=512)
def _phrase_words(phrase: str) -> tuple[str, ...]:
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
                   keywords, roles, frozenset(data.get("group_verbs", ())), frozenset(data.get("not_groups", ())))


def resolve_entities(parsed: ParsedArticle, kb: KnowledgeBase, lexicon: Lexicon) -> ResolvedArticle:
    """Resolve every mention, title and pronoun of one article to an entity id."""
    resolver = _ArticleResolver(parsed, kb, lexicon)
    resolver.coordinated_boards()
    for mention in sorted(parsed.mentions, key=lambda m: m.start):
        resolver.add_mention(mention)
    resolver.add_unnamed_groups()
    resolver.narrow_groups()
    resolver.resolve_references(titles=False)
    resolver.attach_titles()
    resolver.resolve_references(titles=True)
    entities = tuple(sorted(resolver.entities.values(), key=lambda e: e.id))
    return ResolvedArticle(parsed, entities, tuple(sorted(resolver.token_entities.items())),
                           tuple(resolver.titles))


class _ArticleResolver:
    """Per-article state: entities seen so far, in order, and what each token points to."""

    def __init__(self, parsed: ParsedArticle, kb: KnowledgeBase, lexicon: Lexicon):
        self.parsed, self.kb, self.lexicon = parsed, kb, lexicon
        self.tokens = parsed.tokens
        self.tree = Tree(parsed.tokens, parsed.sentences)
        self.lowered = [t.text.lower().replace("’", "'") for t in parsed.tokens]
        self.entities: dict[str, Entity] = {}
        self.token_entities: dict[int, str] = {}
        self.titles: list[tuple[str, str, str, int, str]] = []
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
        text = mention.text.strip()
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
        return self._new_entity(text, kind) if kind else None

    def add_unnamed_groups(self) -> None:
        """'which represents custodians, ...': groups the knowledge base does not list."""
        for name, span in unnamed_groups(self.tree, self.token_entities.__contains__,
                                         self.lexicon.group_verbs, self.lexicon.not_groups):
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

    def _acronym_spelt_out(self, name: str) -> str:
        """'CUPE Local 1734' is 'Canadian Union of Public Employees Local 1734': a local or
        district named by its union's acronym gets the union's full name, as readers write it."""
        first, _, rest = name.partition(" ")
        parent = self.kb.lookup(first) if rest and first.isupper() and len(first) > 2 else None
        return f"{parent.name} {rest}" if parent and parent.type == "Union" else name

    # -- titles -------------------------------------------------------------------------------

    def attach_titles(self) -> None:
        """Record the titles the text gives people, each with the organisation it names:
        'OSSTF President Harvey Bischof', 'Harvey Bischof, the union's president', 'Marit
        Stiles, the NDP's education critic', 'Harvey Bischof, who leads OSSTF', 'the
        association, which Liz Stuart leads'."""
        for mention in sorted(self.parsed.mentions, key=lambda m: m.start):
            person = self.entities.get(self.token_entities.get(mention.first_token, ""))
            if person and person.type == "Person":
                head = self._head_of(mention)
                for found in (self._title_before(mention, head), *self._titles_after(head)):
                    if found:
                        self._record_title(person, *found)
            elif person:
                self._leader_clause(self._head_of(mention), person)

    def _head_of(self, mention: Mention) -> int:
        span = range(mention.first_token, mention.last_token + 1)
        heads = [i for i in span if self.tokens[i].head not in span or self.tokens[i].head == i]
        return heads[0] if heads else mention.last_token

    def _title_before(self, mention: Mention, head: int) -> tuple | None:
        """'ETFO president Sam Hammond', 'former education minister Lisa Thompson'."""
        words = [i for i in self.tree.subtree(head) if i < mention.first_token]
        words = [i for i in words if self.tokens[i].pos in ("NOUN", "PROPN", "ADJ") or i in self.token_entities]
        if not words or words[-1] != mention.first_token - 1:
            return self._possessor(head)
        role = self.lexicon.role_of(" ".join(self.tokens[i].text for i in words if i not in self.token_entities))
        if not role:
            return self._possessor(head)
        organisations = [self.token_entities[i] for i in words if i in self.token_entities]
        return role, self._fitting(role, organisations), words[-1], "represents/title-before-name"

    def _possessor(self, head: int) -> tuple | None:
        """"OECTA's Liz Stuart", "the NDP's Marit Stiles": an organisation's person speaks for it."""
        role = self.lexicon.roles.get("possessive")
        owners = [o for c in self.tree.children(head, ("poss",)) if (o := self.token_entities.get(c.i))]
        owner = self._fitting(role, owners) if role else ""
        return (role, owner, head, "represents/possessive-name") if owner else None

    def _titles_after(self, head: int) -> list[tuple | None]:
        """Appositions ('X, the union's president', 'X, president of Y') and 'X, who leads Y'."""
        titles = self.tree.children(head, ("appos",))
        if self.tokens[head].dep == "appos":  # "Its president, Liz Stuart": the title heads the name
            titles.append(self.tokens[self.tokens[head].head])
        found = [self._apposition_title(title) for title in titles]
        for clause in self.tree.children(head, ("relcl",)):
            role = self._leading_role(clause.lemma)
            if role:
                organisations = [e for o in self.tree.children(clause.i, ("dobj",)) if (e := self._entity_near(o.i))]
                found.append((role, self._fitting(role, organisations), clause.i, "represents/who-leads") if organisations else None)
        return found

    def _apposition_title(self, title: Token) -> tuple | None:
        """The role a title noun in apposition names, with the organisation it is of."""
        title_words = [i for i in self.tree.subtree(title.i) if i <= title.i and i not in self.token_entities and self.tokens[i].pos in ("NOUN", "PROPN", "ADJ")]
        role = self.lexicon.role_of(" ".join(self.tokens[i].text for i in title_words))
        if not role:
            return None
        owners = self.tree.children(title.i, ("poss", "compound"))
        owners += [o for p in self.tree.children(title.i, ("prep",)) if p.text.lower() in ("of", "for", "at", "with") for o in self.tree.children(p.i, ("pobj",))]
        organisations = [e for o in owners if (e := self._entity_near(o.i))]
        return role, self._fitting(role, organisations), title.i, "represents/apposition-title"

    def _leader_clause(self, head: int, organisation: Entity) -> None:
        """'The association, which Liz Stuart leads': the person in the clause leads it."""
        for clause in self.tree.children(head, ("relcl",)):
            role = self._leading_role(clause.lemma)
            for subject in self.tree.children(clause.i, ("nsubj",)) if role else ():
                person = self.entities.get(self._entity_near(subject.i))
                if person and person.type == "Person":
                    self._record_title(person, role, organisation.id, clause.i, "represents/which-person-leads")

    def _leading_role(self, lemma: str) -> dict | None:
        return next((r for r in self.lexicon.roles.values() if lemma in r.get("verbs", ())), None)

    def _entity_near(self, i: int) -> str:
        """The entity of a token or of the name it heads ("the union" -> its antecedent)."""
        if i in self.token_entities:
            return self.token_entities[i]
        for child in self.tree.children(i, ("compound", "poss")):
            if child.i in self.token_entities:
                return self.token_entities[child.i]
        return ""

    def _fitting(self, role: dict, organisations: list[str]) -> str:
        wanted = role.get("organisation_types")
        for organisation in organisations:
            entity = self.entities.get(organisation) or self.kb.entities.get(organisation)
            if entity and (not wanted or entity.type in wanted):
                return organisation
        return ""

    def _is_former(self, token: int) -> bool:
        """'former education minister', 'the former premier': a title held no longer."""
        near = [self.tokens[i] for i in range(max(0, token - 3), token + 1)]
        return any(t.text.lower() in ("former", "ex", "ex-", "past", "then") for t in near)

    def _record_title(self, person: Entity, role: dict, organisation: str, token: int, rule: str) -> None:
        """Keep a title; with no organisation named, 'president Sally Meseret' belongs to the
        fitting organisation named just before (two sentences at most), else the role's
        default ('Premier' -> the government)."""
        if not organisation and not role.get("default_organisation"):
            organisation = self._nearest_before(token, tuple(role.get("organisation_types", ())), reach=2)
        organisation = organisation or role.get("default_organisation", "")
        if organisation and organisation in self.kb.entities:
            self.entities.setdefault(organisation, self.kb.get(organisation))
        if self._is_former(token):
            rule += "/former"
        self.titles.append((person.id, role["role"], organisation, token, rule))

    # -- pronouns, descriptions and titles used as names ---------------------------------------

    def resolve_references(self, titles: bool) -> None:
        """Point pronouns and "the union"-style descriptions back (first pass), then
        "the minister"-style titles to the person last given that title (second pass)."""
        for token in self.tokens:
            if token.i in self.token_entities:
                continue
            lowered = token.text.lower()
            if titles:
                for phrase, role in self.lexicon.title_phrases_ending(self.lowered[token.i]):
                    if self._phrase_ends_at(phrase, token.i):
                        self._link(token, self._titled_person(role, token.i))
                continue
            same_sentence = lowered in self.lexicon.same_sentence_pronouns
            if lowered in self.lexicon.pronouns and token.pos == "PRON" and (not same_sentence or token.dep in ("nsubj", "nsubjpass", "poss")):
                reach = 0 if same_sentence else 3
                types = self.lexicon.pronouns[lowered]
                self._link(token, self._reporter(token, types) or self._nearest_before(token.i, types, reach)
                           or (self._previous_subject(token, types) if same_sentence else ""))
            for phrase, types in self.lexicon.descriptions_ending(self.lowered[token.i]):
                if self._phrase_ends_at(phrase, token.i):
                    self._link(token, self._nearest_before(token.i, types) or self._first_after(token.i, types)
                               or self._salient_before(token.i, types))

    def _reporter(self, token: Token, types: tuple[str, ...]) -> str:
        """'The parents' network, formed to resist the government's cuts, says it stands with
        teachers': the subject of reported words is whoever reports them, when it fits."""
        clause = self.tokens[token.head]
        if token.dep not in ("nsubj", "nsubjpass") or clause.dep != "ccomp":
            return ""
        verb = self.tokens[clause.head]
        if verb.lemma not in REPORTING_LEMMAS:
            return ""
        reporters = [e for s in self.tree.subjects(verb.i) if (e := self._entity_near(s.i))]
        return reporters[0] if reporters and self.entities[reporters[0]].type in types else ""

    def _previous_subject(self, token: Token, types: tuple[str, ...]) -> str:
        """'OECTA announced a strike. Its members walked off the job last Tuesday': an "it",
        "its" or "they" opening the subject of a sentence, with nothing before it in its own
        sentence, is whom the previous sentence was about (its main subject)."""
        subject = token if token.dep in ("nsubj", "nsubjpass") else self.tokens[token.head]
        if subject.dep not in ("nsubj", "nsubjpass") or self.tokens[subject.head].dep != "ROOT" or token.sentence == 0:
            return ""
        roots = [t for t in self.tree.sentence_tokens(token.sentence - 1) if t.dep == "ROOT"]
        for root in roots:
            for candidate in self.tree.subjects(root.i):
                entity_id = self._entity_near(candidate.i)
                if entity_id and self.entities[entity_id].type in types:
                    return entity_id
        return ""

    def _link(self, token: Token, entity_id: str) -> None:
        if entity_id:
            self.token_entities[token.i] = entity_id

    def _phrase_ends_at(self, phrase: str, i: int) -> bool:
        words = _phrase_words(phrase)
        start = i - len(words) + 1
        if start < 0 or self.lowered[i] != words[-1]:
            return False
        return tuple(self.lowered[start:i + 1]) == words and self.tokens[start].sentence == self.tokens[i].sentence

    def _nearest_before(self, i: int, types: tuple[str, ...], reach: int = 3) -> str:
        """The closest earlier entity of one of ``types`` within ``reach`` previous sentences
        (a walk back from ``i``: linear in the window, whatever the article's length)."""
        sentence = self.tokens[i].sentence
        found = []
        for j in range(i - 1, -1, -1):
            if self.tokens[j].sentence < sentence - reach:
                break
            entity_id = self.token_entities.get(j)
            if entity_id and self.entities[entity_id].type in types:
                found.append(entity_id)
                if self.entities[entity_id].type != "SchoolBoard":
                    break
        return self._local_board(found) or (found[0] if found else "")

    def _local_board(self, boards: list[str]) -> str:
        """Of the boards named nearby, the one of the dateline's place: in a story from
        "HAMILTON --", "board chair Alex Johnstone" chairs the Hamilton board, even when
        another board was named in between."""
        place = dict(self.parsed.article.metadata).get("dateline", "").casefold()
        local = [b for b in boards if place and self.entities[b].type == "SchoolBoard" and place in self.entities[b].name.casefold()]
        return local[0] if local else ""

    def _titled_person(self, role_id: str, i: int) -> str:
        """The person last given the role ``role_id`` before token ``i``; when no one had it
        before, the first given it in the next two sentences ("The minister, Bischof said, is
        still set on larger classes. Education Minister Stephen Lecce ...")."""
        role = self.lexicon.roles.get(role_id, {}).get("role")
        titled = [(token, person) for person, person_role, _, token, _ in self.titles if person_role == role]
        earlier = [(t, p) for t, p in titled if t < i]
        if earlier:
            return max(earlier)[1]
        sentence = self.tokens[i].sentence
        later = [(t, p) for t, p in titled if t > i and self.tokens[t].sentence <= sentence + 2]
        return min(later)[1] if later else ""

    def _salient_before(self, i: int, types: tuple[str, ...]) -> str:
        """'... urged the union to cancel it', many sentences after the OSSTF was last named:
        a description with nothing fitting nearby is the story's main entity of its kind,
        the one named most often so far (none when two are named equally often)."""
        counts: dict[str, int] = {}
        for j in range(i):
            entity_id = self.token_entities.get(j)
            if entity_id and self.token_entities.get(j - 1) != entity_id and self.entities[entity_id].type in types:
                counts[entity_id] = counts.get(entity_id, 0) + 1
        ranked = sorted(counts.items(), key=lambda item: -item[1])
        if not ranked or (len(ranked) > 1 and ranked[0][1] == ranked[1][1]):
            return ""
        return ranked[0][0]

    def _first_after(self, i: int, types: tuple[str, ...], reach: int = 2) -> str:
        """'The union for about 55,000 school support staff reached a deal. The Canadian Union
        of Public Employees ...': a description no entity of its kind came before points
        ahead, to the first one named within ``reach`` sentences."""
        if any(self.entities[e].type in types for j, e in self.token_entities.items() if j < i):
            return ""
        sentence = self.tokens[i].sentence
        for j in range(i + 1, len(self.tokens)):
            if self.tokens[j].sentence > sentence + reach:
                break
            entity_id = self.token_entities.get(j)
            if entity_id and self.entities[entity_id].type in types:
                return entity_id
        return ""
