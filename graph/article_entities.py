"""Per-article state of the entities stage: the entities named so far and what each token
stands for, with the look-ups that titles and references share (the nearest fitting entity
before a token, the entity a noun names, the organisation that fits a role).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from .kb import KnowledgeBase, normalise
from .lexicon import Lexicon, phrase_words, slugify
from .model import Entity, Mention, ParsedArticle, Token
from .syntax import Tree

__all__ = ["ArticleEntities"]


def _outermost(mentions: list[Mention]) -> list[Mention]:
    """The mentions, in order, less those starting inside a mention that starts before them.

    Read with the furthest end of the mentions starting before each first token, instead of
    comparing every pair: an article holds dozens of mentions."""
    furthest_end: dict[int, int] = {}
    for mention in mentions:
        furthest_end[mention.first_token] = max(furthest_end.get(mention.first_token, -1), mention.last_token)
    reach_before, reach = {}, -1
    for first in sorted(furthest_end):
        reach_before[first], reach = reach, max(reach, furthest_end[first])
    return [m for m in mentions if reach_before[m.first_token] < m.first_token]


class ArticleEntities:
    """Per-article state: entities seen so far, in order, and what each token points to."""

    def __init__(self, parsed: ParsedArticle, kb: KnowledgeBase, lexicon: Lexicon):
        self.parsed, self.kb, self.lexicon = parsed, kb, lexicon
        self.tokens = parsed.tokens
        self.tree = Tree(parsed.tokens, parsed.sentences)
        self.lowered = [t.text.lower().replace("’", "'") for t in parsed.tokens]
        self.entities: dict[str, Entity] = {}
        self.token_entities: dict[int, str] = {}
        self.titles: list[tuple[str, str, str, int, str]] = []
        mentions = [self._untitled(self._whole_name(m)) for m in parsed.mentions]
        self.mentions = sorted(_outermost(mentions), key=lambda m: m.start)

    def _untitled(self, mention: Mention) -> Mention:
        """'MPP Jane Doe' tagged as one name: the title word is no part of the person's name,
        so the mention starts after it and the title is read like any other."""
        first = self.tokens[mention.first_token]
        if mention.label not in ("PERSON", "ORG") or mention.last_token - mention.first_token < 2 or not (
                first.text.casefold() in self.lexicon.ignore_names or self.lexicon.role_of(first.text)):
            return mention
        rest = self.tokens[mention.first_token + 1:mention.last_token + 1]
        if mention.label == "ORG" and (len(rest) > 3 or not all(t.pos == "PROPN" and t.text.istitle() for t in rest)):
            return mention  # "MPP Taras Natyshak" taken for an organisation is still a titled name
        start = rest[0].start
        return replace(mention, text=mention.text[start - mention.start:], start=start, first_token=mention.first_token + 1, label="PERSON")

    def _whole_name(self, mention: Mention) -> Mention:
        """'NDP MPP Taras Natyshak' tagged as "MPP Taras": a person's name whose last word is
        a compound of the capitalised word right after it (no longer or known name's) runs on to
        it, and the one-word name the tagger made of that word is dropped."""
        after = mention.last_token + 1
        first = self.tokens[mention.first_token].text
        titled = first.casefold() in self.lexicon.ignore_names or self.lexicon.role_of(first)
        if not (mention.label == "PERSON" or (mention.label == "ORG" and titled and mention.last_token > mention.first_token)) \
                or after >= len(self.tokens) or self.lexicon.role_of(self.tokens[after].text):
            return mention
        last, following = self.tokens[mention.last_token], self.tokens[after]
        taken = any(m.first_token <= after <= m.last_token and (m.kb_id or m.last_token > after) for m in self.parsed.mentions)
        if last.dep != "compound" or last.head != after or following.pos != "PROPN" or not following.text[:1].isupper() or taken:
            return mention
        return replace(mention, text=self.parsed.article.text[mention.start:following.start + len(following.text)],
                       end=following.start + len(following.text), last_token=after)

    def _known_in_article(self, text: str) -> Entity | None:
        """A surname or acronym for an entity already named in this article."""
        key = normalise(text)
        for entity in reversed(list(self.entities.values())):
            if entity.type == "Person" and " " not in key and normalise(entity.name).split()[-1] == key:
                return entity
            if key in (normalise(a) for a in entity.aliases):
                return entity
        return None

    def _link_person(self, name: str, token_indices) -> str:
        """Link the tokens to the person ``name`` names (one this article already names, else
        a new one) and return the person's id: the one way a reader makes a person of a name."""
        person = self._known_in_article(name) or Entity(slugify(name), "Person", name)
        self.entities.setdefault(person.id, person)
        for i in token_indices:
            self.token_entities[i] = person.id
        return person.id

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
            board = self._board_of_place(entity) if "SchoolBoard" in (wanted or ()) else ""
            if board:
                return board
            if entity and (not wanted or entity.type in wanted):
                return organisation
        return ""

    def _link(self, token: Token, entity_id: str) -> None:
        if entity_id:
            self.token_entities[token.i] = entity_id

    def _phrase_ends_at(self, phrase: str, i: int) -> bool:
        words = phrase_words(phrase)
        start = i - len(words) + 1
        if start < 0 or self.lowered[i] != words[-1]:
            return False
        return tuple(self.lowered[start:i + 1]) == words and self.tokens[start].sentence == self.tokens[i].sentence

    def _nearest_before(self, i: int, types: tuple[str, ...], reach: int = 3, gender: str = "",
                        excluded: frozenset[str] = frozenset()) -> str:
        """The closest earlier entity of one of ``types`` within ``reach`` previous sentences
        (a walk back from ``i``: linear in the window, whatever the article's length),
        passing over people of the other ``gender`` than a pronoun's and the ``excluded``."""
        sentence = self.tokens[i].sentence
        found = []
        for j in range(i - 1, -1, -1):
            if self.tokens[j].sentence < sentence - reach:
                break
            entity_id = self.token_entities.get(j)
            if entity_id and entity_id not in excluded and self.entities[entity_id].type in types and self._fits_gender(entity_id, gender):
                found.append(entity_id)
                if self.entities[entity_id].type != "SchoolBoard":
                    break
        return self._local_board(found) or (found[0] if found else "")

    def _most_named_before(self, i: int, fits: Callable[[Entity], bool], reach: int) -> str:
        """The body the last ``reach`` sentences before token ``i`` are about: of the entities
        that ``fits``, the one named most, a naming as a clause's subject ("OECTA said ...")
        counting double a naming in passing ("talks with OCSTA", "a partnership of OPSBA,
        OCSTA and ACEPO"); only names count ("the union for ..." is no new naming). "" when
        two tie or the best was only named once in passing: the caller's nearest one then."""
        scores: dict[str, int] = {}
        for j in range(i - 1, -1, -1):
            if self.tokens[j].sentence < self.tokens[i].sentence - reach:
                break
            entity = self.entities.get(self.token_entities.get(j, ""))
            if entity and self.token_entities.get(j + 1) != entity.id and self.tokens[j].text[:1].isupper() and fits(entity):
                subject = self.tree.name_head(j).dep in ("nsubj", "nsubjpass")
                scores[entity.id] = scores.get(entity.id, 0) + (2 if subject else 1)
        ranked = sorted(scores.values(), reverse=True)
        if not ranked or ranked[0] < 2 or ranked[1:2] == ranked[:1]:
            return ""
        return next(e for e, n in scores.items() if n == ranked[0])

    def _fits_gender(self, entity_id: str, gender: str) -> bool:
        """Whether "she" or "he" (``gender``; "" for other words) can stand for an entity: any
        but a person whose given name is of the other gender."""
        if not gender or not entity_id or self.entities[entity_id].type != "Person":
            return True
        known = self.lexicon.gender_of(self.entities[entity_id].name)
        return not known or known == gender

    def _local_board(self, boards: list[str]) -> str:
        """Of the boards named nearby, the one of the dateline's place: in a story from
        "HAMILTON --", "board chair Alex Johnstone" chairs the Hamilton board, even when
        another board was named in between."""
        place = dict(self.parsed.article.metadata).get("dateline", "").casefold()
        local = [b for b in boards if place and self.entities[b].type == "SchoolBoard" and place in self.entities[b].name.casefold()]
        return local[0] if local else ""

    def _board_of_place(self, entity: Entity | None) -> str:
        """'Chair of the Brant Haldimand Norfolk board', 'the Pine Lake board's director': a
        board's title owned by the board's area (a place, or a name the tagger takes for an
        unknown organisation) is held at the one board of the article named after that area."""
        if not entity or entity.type not in ("Region", "Organisation") or entity.type == "Organisation" and entity.id in self.kb.entities:
            return ""
        place = entity.name.casefold()
        boards = {e.id for e in self.entities.values() if e.type == "SchoolBoard" and e.name.casefold().startswith(place + " ")}
        return boards.pop() if len(boards) == 1 else ""

    def _only_named_before(self, i: int, kind: str) -> str:
        """'Board chair Doreen Dewar' ten sentences after the story's one board was named (and
        since only called "the board"): a title looking for a body of ``kind`` that no nearby
        sentence names belongs to the only such body the article has named before it."""
        found = {e for j, e in self.token_entities.items() if j < i and self.entities[e].type == kind}
        return found.pop() if len(found) == 1 else ""
