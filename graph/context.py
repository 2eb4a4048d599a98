"""What every relation rule needs to know about one article (part of the facts stage).

``ArticleContext`` wraps a ``ResolvedArticle``: the entity each token stands for, who speaks
in each sentence (the subject of "said", a tweet's byline, "according to X", the speaker of
a quote that goes on), the paragraphs, and the day a statement was made or an action happens
(read by ``statement_dates.StatementDates``, which the context hands its questions to).
"""

from __future__ import annotations

import json
import re
from datetime import date
from functools import cache
from importlib import resources

from .dates import find_date_expressions, resolve
from .kb import KnowledgeBase
from .model import Entity, Evidence, ResolvedArticle, Token
from .statement_dates import StatementDates
from .syntax import Tree

__all__ = ["GOVERNMENT_TYPES", "ArticleContext"]

GOVERNMENT_TYPES = frozenset({"Government", "Ministry"})
_OPPOSITION_TYPES = frozenset({"Union", "PoliticalParty", "StudentGroup", "ParentGroup"})
_NOT_ACTORS = frozenset({"Policy", "PolicyVersion", "Region", "Media", ""})
#: "Thousands of teachers", "members of ETFO": the group named after "of" is the actor.
_PART_OF = frozenset({"thousand", "hundred", "dozen", "million", "many", "some", "all", "most", "member",
                      "group", "crowd", "number", "majority", "few", "several", "rest", "lot", "head", "leader",
                      "leadership"})
#: Words between the names of a list: "ETFO, OSSTF and the AEFO".
_LIST_GLUE = frozenset({",", "and", "or", "the", "as", "well", "both"})
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
_TWEET_BYLINE = re.compile(r"[—–-]\s*([A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,3})\s*\(@\w+\)")



@cache
def _governing_parties() -> frozenset[str]:
    """The parties that formed the government (graph/data/rules/sides.json): their members
    and statements are the government side's, not the opposition's, though a party is
    otherwise on the opposition side."""
    path = resources.files("graph") / "data" / "rules" / "sides.json"
    return frozenset(json.loads(path.read_text(encoding="utf-8"))["governing_parties"])


class ArticleContext:
    """What every rule family needs to know about one article: tokens, entities, speakers."""

    def __init__(self, resolved: ResolvedArticle, kb: KnowledgeBase, offices: tuple[tuple[str, str, str], ...] = (),
                 view_nouns: frozenset[str] = frozenset()):
        parsed = resolved.parsed
        self.view_nouns = view_nouns  # "In her view, ...": see `viewpoint_holders`
        day = parsed.article.date.isoformat() if parsed.article.date else ""
        #: Who held a government office on the article's day (``Rules.government_offices``):
        #: "Doug Ford" with no title beside him is still the premier, on the government side.
        self.office_holders = frozenset(person for person, start, end in offices if start <= day < end)
        self.resolved, self.kb, self.article = resolved, kb, parsed.article
        self.tree = Tree(parsed.tokens, parsed.sentences)
        self.entity_of = dict(resolved.token_entities)
        self._token_entities: dict[int, str] = {}  # see `token_entity`
        self.entities: dict[str, Entity] = {e.id: e for e in resolved.entities}
        self.title_orgs = {person: org for person, _, org, _, rule in resolved.titles if org and not rule.endswith("/former")}
        #: Members of a governing party ("Progressive Conservative MPP Dave Smith", "Jill Dunlop, a
        #: Progressive Conservative"), whatever other title (a riding, a ministry) the text gives them.
        self.governing_members = frozenset(person for person, _, org, _, rule in resolved.titles
                                           if org in _governing_parties() and not rule.endswith("/former"))
        self.tweet_dates: dict[int, tuple[date, str]] = {}
        self.paragraphs = self._paragraph_numbers()
        self.speakers = self._speakers()
        self.dating = StatementDates(self)

    def entity(self, entity_id: str) -> Entity | None:
        return self.entities.get(entity_id) or self.kb.entities.get(entity_id)

    def type_of(self, entity_id: str) -> str:
        entity = self.entity(entity_id)
        return entity.type if entity else ""

    def entities_in(self, token_indices, types=None) -> list[str]:
        """Entity ids of the given tokens, in order, once each, optionally of ``types``."""
        found = []
        for i in token_indices:
            entity_id = self.entity_of.get(i)
            if entity_id and entity_id not in found and (types is None or self.type_of(entity_id) in types):
                found.append(entity_id)
        return found

    def listed_with(self, tokens: list[Token]) -> list[str]:
        """Entities named in one list with these tokens' entities ("ETFO, OSSTF and the
        Association des enseignantes ..."), read from the words on both sides, since the
        parse of a long (often French) name can break the list apart."""
        found = []
        for token in tokens:
            entity_id = self.entity_of.get(token.i)
            if entity_id:
                found += self._list_side(token.i, entity_id, +1) + self._list_side(token.i, entity_id, -1)
        return list(dict.fromkeys(found))

    def _describes_name(self, token: Token) -> bool:
        """'larger classes, forced online courses and ...': a modifier of a listed name is
        part of that list item, not the end of the list."""
        return token.dep == "amod" and token.i not in self.entity_of and token.head in self.entity_of

    def _list_side(self, i: int, entity_id: str, step: int) -> list[str]:
        """The entities of the same type listed after (step +1) or before (step -1) the name
        at token ``i``."""
        found, sentence, tokens = [], self.tree.tokens[i].sentence, self.tree.tokens
        kind = self.type_of(entity_id)  # "Marit Stiles, the NDP's critic" is no list
        while True:
            while 0 <= i + step < len(tokens) and self.entity_of.get(i + step) == entity_id:
                i += step
            j = i + step
            while 0 <= j < len(tokens) and (tokens[j].text.lower() in _LIST_GLUE or self._describes_name(tokens[j])):
                j += step
            entity_id = self.entity_of.get(j) if 0 <= j < len(tokens) and j != i + step else None
            if not entity_id or tokens[j].sentence != sentence or entity_id in found or self.type_of(entity_id) != kind:
                return found
            found.append(entity_id)
            i = j

    def token_entity(self, token: Token) -> str:
        """The entity a (head) token names (see ``_token_entity``), read once per token: the
        rules ask it of the same words again and again, and an article's entities do not change."""
        found = self._token_entities.get(token.i)
        if found is None:
            found = self._token_entities[token.i] = self._token_entity(token)
        return found

    def _token_entity(self, token: Token) -> str:
        """The entity a (head) token names, looking into its compound and flat-name children."""
        named = [c for c in self.tree.children(token.i, ("appos",)) if c.pos == "PROPN"]
        if token.pos == "NOUN" and named and self.type_of(self.entity_of.get(named[0].i, "")) == "Person":
            return self.entity_of[named[0].i]  # "The union's president, Liz Stuart": the name, not a title's guess
        if token.i in self.entity_of:
            return self.entity_of[token.i]
        for child in self.tree.children(token.i, ("appos",)):
            if self.type_of(self.entity_of.get(child.i, "")) == "Person":
                return self.entity_of[child.i]  # "Its president, Liz Stuart, said": Stuart, not "its"
        for child in self.tree.children(token.i, ("compound", "amod", "poss", "nmod", "appos")):
            if child.i in self.entity_of:
                return self.entity_of[child.i]
        if token.lemma in _PART_OF:
            for preposition in self.tree.children(token.i, ("prep",)):
                if preposition.text.lower() == "of":
                    found = [self.token_entity(o) for o in self.tree.children(preposition.i, ("pobj",))]
                    return next((f for f in found if f), "")
        return ""

    def is_actor(self, entity_id: str) -> bool:
        """Whether an entity can say or do things: not a policy, a place or a newspaper."""
        return bool(entity_id) and self.type_of(entity_id) not in _NOT_ACTORS

    def is_government_side(self, entity_id: str) -> bool:
        """The government, a ministry, the governing party, or someone titled as theirs."""
        owner = self.title_orgs.get(entity_id, "")
        return self.type_of(entity_id) in GOVERNMENT_TYPES or self.type_of(owner) in GOVERNMENT_TYPES \
            or bool({entity_id, owner} & _governing_parties()) or entity_id in self.governing_members \
            or (entity_id in self.office_holders and entity_id not in self.title_orgs)

    def party_voice(self, entity_id: str) -> bool:
        """The governing party, or one of its members holding no government office: on the
        government side, but what they announce or defend ('The Progressive Conservatives
        introduced the bill', 'backbencher Jane Roe said the change is fair') is the
        government's proposal, not one of their own."""
        if entity_id in _governing_parties():
            return True
        return entity_id in self.governing_members and entity_id not in self.office_holders \
            and self.type_of(self.title_orgs.get(entity_id, "")) not in GOVERNMENT_TYPES

    def is_opposition_side(self, entity_id: str) -> bool:
        """A union, party, student or parent group, or someone the text titles as theirs."""
        return self.type_of(entity_id) in _OPPOSITION_TYPES or self.type_of(self.title_orgs.get(entity_id, "")) in _OPPOSITION_TYPES

    def is_union_side(self, entity_id: str) -> bool:
        """A union, or someone the text titles as a union's officer."""
        return "Union" in (self.type_of(entity_id), self.type_of(self.title_orgs.get(entity_id, "")))

    def side_of(self, entity_id: str) -> str:
        """"government", "other" (the opposition side) or "" (neither: a board, a reporter)."""
        if self.is_government_side(entity_id):
            return "government"
        return "other" if self.is_opposition_side(entity_id) else ""

    def on_other_sides(self, one: str, other: str) -> bool:
        """One is on the government side and the other on the opposition side."""
        sides = {self.side_of(one), self.side_of(other)}
        return one != other and sides == {"government", "other"}

    def _speakers(self) -> dict[int, list[str]]:
        """Who speaks in each sentence: the subject of a reporting verb, a tweet's byline, or
        the previous speaker for a quote that continues with no attribution of its own."""
        speakers: dict[int, list[str]] = {}
        previous: list[str] = []
        for sentence in self.resolved.parsed.sentences:
            found = []
            for verb in self.tree.reporting_verbs(sentence.index):
                found = self._named_just_before(verb) or [e for s in self.tree.subjects(verb.i) if (e := self.token_entity(s))]
                if found:
                    break
            found = found or self._according_to(sentence.index)
            if not found and self.tree.has_quote(sentence.index):
                found = self.root_subjects(sentence.index) or previous
            speakers[sentence.index] = found
            previous = found if self.tree.has_quote(sentence.index) or found else []
        self._tweet_speakers(speakers)
        return speakers

    def _named_just_before(self, verb: Token) -> list[str]:
        """'... instead of dictating to them, Harvey Bischof, president of the OSSTF, said in
        a statement': when the parser leaves a reporting verb without a subject, the name
        just before it (climbing out of its apposition) is who said it."""
        tokens = self.tree.tokens
        j = verb.i - 1
        while j >= 0 and tokens[j].pos == "PUNCT" and tokens[j].sentence == verb.sentence:
            j -= 1
        if j < 0 or tokens[j].sentence != verb.sentence or j not in self.entity_of or self.tree.children(verb.i, ("nsubj", "nsubjpass")):
            return []
        top = j
        while tokens[top].dep in ("pobj", "prep", "appos", "compound", "poss", "case") and tokens[top].head < verb.i and tokens[top].head != top:
            top = tokens[top].head
        found = self.token_entity(tokens[top]) or self.token_entity(tokens[j])
        return [found] if found else []

    def _paragraph_numbers(self) -> list[int]:
        """The paragraph each sentence belongs to (a blank line separates paragraphs)."""
        numbers, current, sentences = [], 0, self.resolved.parsed.sentences
        for index, sentence in enumerate(sentences):
            if index and _PARAGRAPH_BREAK.search(self.article.text[sentences[index - 1].start:sentence.start]):
                current += 1
            numbers.append(current)
        return numbers

    def root_subjects(self, sentence: int) -> list[str]:
        """'Stuart had called on the government to "eliminate ..."': whoever the sentence is
        about speaks its quoted words."""
        roots = [t for t in self.tree.sentence_tokens(sentence) if t.dep == "ROOT" and not self.tree.in_quote(t.i)]
        found = [self.token_entity(s) for r in roots for s in self.tree.subjects(r.i)]
        return [e for e in found if e and self.type_of(e) not in ("Policy", "PolicyVersion", "Region", "Media")]

    def _according_to(self, sentence: int) -> list[str]:
        """'According to the union, ...': the union is the source of the sentence."""
        for token in self.tree.sentence_tokens(sentence):
            if token.lemma == "accord" and not self.tree.in_quote(token.i):
                objects = [o for p in self.tree.children(token.i, ("prep",)) for o in self.tree.children(p.i, ("pobj",))]
                found = [e for o in objects if (e := self.token_entity(o))]
                if found:
                    return found
        return self.viewpoint_holders(sentence)

    def viewpoint_holders(self, sentence: int) -> list[str]:
        """'In her view, the province created the situation', 'The minister, in his view,
        spins her answers', 'By his union's count, 23 would still cost 1,000 positions': a
        view or reckoning (``Judgements.view_nouns``) owned by an actor, in an adjunct of a
        verb opened by "in" or "by", makes that actor the sentence's source, as "according
        to" does, though no reporting verb tells it ("in the opinion of the board" too)."""
        for token in self.tree.sentence_tokens(sentence):
            if token.dep != "prep" or token.text.lower() not in ("in", "by") or self.tree.tokens[token.head].pos not in ("VERB", "AUX") \
                    or self.tree.in_quote(token.i):
                continue
            for noun in self.tree.children(token.i, ("pobj",)):
                of = [o for p in self.tree.children(noun.i, ("prep",)) if p.text.lower() == "of" for o in self.tree.children(p.i, ("pobj",))]
                owners = self.tree.children(noun.i, ("poss",)) + of if noun.lemma in self.view_nouns else []
                found = [e for o in owners if self.is_actor(e := self.token_entity(o))]
                if found:
                    return found
        return []

    def _tweet_speakers(self, speakers: dict[int, list[str]]) -> None:
        """A pasted tweet ends '— Name (@handle) Date': its sentences are that person's words."""
        sentences = self.resolved.parsed.sentences
        for sentence in sentences:
            match = _TWEET_BYLINE.search(sentence.text)
            entity = self.kb.lookup(match.group(1)) if match else None
            if not entity:
                continue
            dated = [e for e in find_date_expressions(sentence.text[match.end():])]
            day = resolve(dated[0].text, self.article.date) if dated else None
            for earlier in sentences[max(0, sentence.index - 2):sentence.index + 1]:
                if earlier.index == sentence.index or not self.tree.reporting_verbs(earlier.index):
                    speakers[earlier.index] = [entity.id]
                    if day:
                        self.tweet_dates[earlier.index] = (day, dated[0].text)

    def evidence_at(self, token: int) -> Evidence:
        """The evidence of the sentence holding token ``token``."""
        return self.evidence(self.tree.tokens[token].sentence)

    def evidence(self, sentence_index: int) -> Evidence:
        sentence = self.resolved.parsed.sentences[sentence_index]
        text = sentence.text.strip()
        start = sentence.start + (len(sentence.text) - len(sentence.text.lstrip()))
        start_in_file, end_in_file = self.article.source_span(start, start + len(text))
        return Evidence(self.article.name, text, start_in_file, end_in_file)


    def fact_date(self, token: int, relation: str = "") -> tuple[date | None, str]:
        """The day a statement was made or an action happens (``StatementDates.fact_date``)."""
        return self.dating.fact_date(token, relation)

    def clause_date(self, token: int) -> tuple[date | None, str] | None:
        """The day the clause holding ``token`` names (``StatementDates.clause_date``)."""
        return self.dating.clause_date(token)

    def date_expressions(self, sentence_index: int) -> list[tuple]:
        """A sentence's date expressions, each with its head token."""
        return self.dating.date_expressions(sentence_index)
