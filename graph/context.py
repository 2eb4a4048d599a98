"""What every relation rule needs to know about one article (part of the facts stage).

``ArticleContext`` wraps a ``ResolvedArticle``: the entity each token stands for, who speaks
in each sentence (read by ``speakers.find_speakers``), who says or does what a sentence
tells (``sentence_actors``), the paragraphs, and the day a statement was made or an action
happens (read by ``statement_dates.StatementDates``, which the context hands its questions to).
"""

from __future__ import annotations

import re
from datetime import date

from .kb import KnowledgeBase
from .model import Entity, Evidence, ResolvedArticle, Token
from .speakers import find_speakers
from .statement_dates import StatementDates
from .syntax import Tree

__all__ = ["GOVERNMENT_TYPES", "NON_ACTOR_TYPES", "ArticleContext"]

GOVERNMENT_TYPES = frozenset({"Government", "Ministry"})
_OPPOSITION_TYPES = frozenset({"Union", "PoliticalParty", "StudentGroup", "ParentGroup"})
#: Entity types that are no actor in the ontology (not an ``sg:Actor``): they can say or do nothing.
NON_ACTOR_TYPES = frozenset({"Policy", "PolicyVersion", "Region"})
#: Nor is a newspaper named as where something was said, or an entity of no known type.
_NOT_NAMED_ACTORS = NON_ACTOR_TYPES | {"Media"}
_NOT_ACTORS = _NOT_NAMED_ACTORS | {""}
#: "Thousands of teachers", "members of ETFO": the group named after "of" is the actor.
_PART_OF = frozenset({"thousand", "hundred", "dozen", "million", "many", "some", "all", "most", "member",
                      "group", "crowd", "number", "majority", "few", "several", "rest", "lot", "head", "leader",
                      "leadership"})
#: Words between the names of a list: "ETFO, OSSTF and the AEFO".
_LIST_GLUE = frozenset({",", "and", "or", "the", "as", "well", "both"})
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")


class ArticleContext:
    """What every rule family needs to know about one article: tokens, entities, speakers."""

    def __init__(self, resolved: ResolvedArticle, kb: KnowledgeBase, offices: tuple[tuple[str, str, str], ...] = (),
                 view_nouns: frozenset[str] = frozenset(), governing_parties: frozenset[str] = frozenset()):
        parsed = resolved.parsed
        #: The parties that formed the government (``Rules.governing_parties``): their members and
        #: statements are the government side's, though a party is otherwise on the opposition side.
        self.governing_parties = governing_parties
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
        #: A riding is where a member sits, not whose side they speak for: "Lecce, who
        #: represents the riding of King-Vaughan" keeps the minister's title (a Region counts
        #: only for someone the text gives no other title, e.g. "Oxford MPP Ernie Hardeman").
        titled = [(person, org) for person, _, org, _, rule in resolved.titles if org and not rule.endswith("/former")]
        self.title_orgs = dict(sorted(titled, key=lambda pair: self.type_of(pair[1]) != "Region"))
        #: Members of a governing party ("Progressive Conservative MPP Dave Smith", "Jill Dunlop, a
        #: Progressive Conservative"), whatever other title (a riding, a ministry) the text gives them.
        self.governing_members = frozenset(person for person, _, org, _, rule in resolved.titles
                                           if org in governing_parties and not rule.endswith("/former"))
        self.paragraphs = self._paragraph_numbers()
        self.speakers, self.tweet_dates = find_speakers(self)
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
            or bool({entity_id, owner} & self.governing_parties) or entity_id in self.governing_members \
            or (entity_id in self.office_holders and entity_id not in self.title_orgs)

    def party_voice(self, entity_id: str) -> bool:
        """The governing party, or one of its members holding no government office: on the
        government side, but what they announce or defend ('The Progressive Conservatives
        introduced the bill', 'backbencher Jane Roe said the change is fair') is the
        government's proposal, not one of their own."""
        if entity_id in self.governing_parties:
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

    def sentence_actors(self, sentence: int, relation: str = "", exclude_government: bool = False,
                        speakers_first: bool = False) -> list[tuple[str, tuple]]:
        """Who says or does what a sentence tells, with the day: the actors subject of its main
        verbs ("Hammond dared Lecce to ..."), else its speakers ("... must include X, the union
        said"); or the speakers first, when the rule reads a judgement someone voices. One
        reading for every rule that asks it, dated for ``relation``."""
        first, then = (self.speaking_actors, self.subject_actors) if speakers_first else (self.subject_actors, self.speaking_actors)
        return first(sentence, relation, exclude_government) or then(sentence, relation, exclude_government)

    def speaking_actors(self, sentence: int, relation: str = "", exclude_government: bool = False) -> list[tuple[str, tuple]]:
        """The sentence's speakers that are actors (optionally off the government side), on
        the day of its first reporting verb, else on the article's day."""
        verbs = self.tree.reporting_verbs(sentence)
        said_on = self.fact_date(verbs[0].i, relation) if verbs else (self.article.date, "")
        return [(s, said_on) for s in self.speakers.get(sentence, []) if self._acts(s, exclude_government)]

    def subject_actors(self, sentence: int, relation: str = "", exclude_government: bool = False,
                       verbs: list[Token] | None = None, dated: bool = True) -> list[tuple[str, tuple]]:
        """The actors subject of the sentence's main verbs (or of ``verbs``), each on the day of
        its verb, or on the article's day when not ``dated`` (a stance held as it is written)."""
        roots = verbs if verbs is not None else [t for t in self.tree.sentence_tokens(sentence) if t.dep == "ROOT"]
        found = [(e, r) for r in roots for s in self.tree.subjects(r.i) if self._acts(e := self.token_entity(s), exclude_government)]
        if not dated:
            return [(e, (self.article.date, "")) for e, _ in found]
        return [(e, self.fact_date(r.i, relation)) for e, r in found]

    def _acts(self, entity_id: str, exclude_government: bool) -> bool:
        return self.is_actor(entity_id) and not (exclude_government and self.is_government_side(entity_id))

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
        return [e for e in found if e and self.type_of(e) not in _NOT_NAMED_ACTORS]

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
