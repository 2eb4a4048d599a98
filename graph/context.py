"""What every relation rule needs to know about one article (part of the facts stage).

``ArticleContext`` wraps a ``ResolvedArticle``: the entity each token stands for, who speaks
in each sentence (the subject of "said", a tweet's byline, "according to X", the speaker of
a quote that goes on), and the day a statement was made or an action happens, read from the
sentence's date expressions and the verb's tense against the article date.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from functools import cached_property

from .dates import find_date_expressions, find_same_day_phrase, resolve
from .kb import KnowledgeBase
from .model import Entity, Evidence, ResolvedArticle, Token
from .syntax import REPORTING_LEMMAS, Tree

__all__ = ["GOVERNMENT_TYPES", "ArticleContext"]

GOVERNMENT_TYPES = frozenset({"Government", "Ministry"})
_OPPOSITION_TYPES = frozenset({"Union", "PoliticalParty", "StudentGroup", "ParentGroup"})
_NOT_ACTORS = frozenset({"Policy", "PolicyVersion", "Region", "Media", ""})
_VAGUE_TIME = re.compile(r"\b(in|since|during|last|this|next) (the )?(spring|summer|fall|autumn|winter|year|month|"
                         r"january|february|march|april|may|june|july|august|september|october|november|december)\b",
                         re.IGNORECASE)
#: "Thousands of teachers", "members of ETFO": the group named after "of" is the actor.
_PART_OF = frozenset({"thousand", "hundred", "dozen", "million", "many", "some", "all", "most", "member",
                      "group", "crowd", "number", "majority", "few", "several", "rest", "lot", "head", "leader",
                      "leadership"})
#: Words between the names of a list: "ETFO, OSSTF and the AEFO".
_LIST_GLUE = frozenset({",", "and", "or", "the", "as", "well", "both"})
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
_TWEET_BYLINE = re.compile(r"[—–-]\s*([A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,3})\s*\(@\w+\)")



class ArticleContext:
    """What every rule family needs to know about one article: tokens, entities, speakers."""

    def __init__(self, resolved: ResolvedArticle, kb: KnowledgeBase):
        parsed = resolved.parsed
        self.resolved, self.kb, self.article = resolved, kb, parsed.article
        self.tree = Tree(parsed.tokens, parsed.sentences)
        self.entity_of = dict(resolved.token_entities)
        self.entities: dict[str, Entity] = {e.id: e for e in resolved.entities}
        self.title_orgs = {person: org for person, _, org, _, rule in resolved.titles if org and not rule.endswith("/former")}
        self.tweet_dates: dict[int, tuple[date, str]] = {}
        self.paragraphs = self._paragraph_numbers()
        self._statement_days: dict[int, tuple[date, str] | None] = {}
        self._dates_by_sentence: dict[int, tuple[tuple, ...]] = {}
        self.speakers = self._speakers()

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

    def _list_side(self, i: int, entity_id: str, step: int) -> list[str]:
        """The entities of the same type listed after (step +1) or before (step -1) the name
        at token ``i``."""
        found, sentence, tokens = [], self.tree.tokens[i].sentence, self.tree.tokens
        kind = self.type_of(entity_id)  # "Marit Stiles, the NDP's critic" is no list
        while True:
            while 0 <= i + step < len(tokens) and self.entity_of.get(i + step) == entity_id:
                i += step
            j = i + step
            while 0 <= j < len(tokens) and tokens[j].text.lower() in _LIST_GLUE:
                j += step
            entity_id = self.entity_of.get(j) if 0 <= j < len(tokens) and j != i + step else None
            if not entity_id or tokens[j].sentence != sentence or entity_id in found or self.type_of(entity_id) != kind:
                return found
            found.append(entity_id)
            i = j

    def token_entity(self, token: Token) -> str:
        """The entity a (head) token names, looking into its compound and flat-name children."""
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
        return self.type_of(entity_id) in GOVERNMENT_TYPES or self.type_of(self.title_orgs.get(entity_id, "")) in GOVERNMENT_TYPES

    def is_opposition_side(self, entity_id: str) -> bool:
        """A union, party, student or parent group, or someone the text titles as theirs."""
        return self.type_of(entity_id) in _OPPOSITION_TYPES or self.type_of(self.title_orgs.get(entity_id, "")) in _OPPOSITION_TYPES

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
                found = [e for s in self.tree.subjects(verb.i) if (e := self.token_entity(s))] or self._named_just_before(verb)
                if found:
                    break
            found = found or self._according_to(sentence.index)
            if not found and self.tree.has_quote(sentence.index):
                found = self._root_subjects(sentence.index) or previous
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

    def _root_subjects(self, sentence: int) -> list[str]:
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

    def evidence(self, sentence_index: int) -> Evidence:
        sentence = self.resolved.parsed.sentences[sentence_index]
        text = sentence.text.strip()
        start = sentence.start + (len(sentence.text) - len(sentence.text.lstrip()))
        start_in_file, end_in_file = self.article.source_span(start, start + len(text))
        return Evidence(self.article.name, text, start_in_file, end_in_file)

    def fact_date(self, token: int, relation: str = "") -> tuple[date | None, str]:
        """The day a statement was made or an action happens, and the words it was read from.

        A date expression counts when it hangs off the trigger's own clause ("will strike on
        Thursday"); for statements, one on a verb above it counts too ("said Thursday that
        ..."). Otherwise a statement reported in a dated article is dated that day, and a
        future action stays undated.
        """
        tense = self.tree.tense(token)
        own_clause = self.tree.clause_verb(token).i
        own_phrase = set(self.tree.subtree(token)) if self.tree.tokens[token].pos in ("NOUN", "PROPN") else set()
        clause_ancestors = {a.i for a in self.tree.ancestors(own_clause)}
        earlier_plan = relation == "proposes" and tense == "past" and self._reporting_verb(token) is not None
        above = list(clause_ancestors) if relation != "strikes-at" and not earlier_plan else []
        expressions = self._date_expressions(self.tree.tokens[token].sentence)
        for expression, head in expressions:
            if head in own_phrase or (relation == "strikes-at" and head in clause_ancestors and self._modified_by_clause(head, own_clause)):
                return resolve(expression.text, self.article.date, tense), expression.text
        narrated = relation != "strikes-at" and tense == "past"
        below = [i for i in self.tree.subtree(own_clause) if self.tree.tokens[i].dep in ("xcomp", "conj", "acl", "advcl")] if narrated else []
        if relation == "strikes-at":
            top = own_clause
            while self.tree.tokens[top].dep == "xcomp" and self.tree.tokens[top].head != top:
                top = self.tree.tokens[top].head  # "will hold rotating strikes ... next week": one clause
            clause_words = set(self.tree.subtree(top))
            if not any(head in own_phrase or self.tree.governing_verb(head).i == own_clause for _, head in expressions):
                for expression, head in expressions:
                    if head in clause_words and self.tree.governing_verb(head).i == top:
                        return resolve(expression.text, self.article.date, tense), expression.text
        framing = self._framing_participles([own_clause, *above]) if relation != "strikes-at" else []
        for verbs, tier in (([own_clause], "own"), (above, "above"), (framing, "framing"), (below, "below")):
            for expression, head in expressions:
                verb = self.tree.governing_verb(head)
                if verb.i in verbs or head in verbs:
                    verb_tense = tense if tier in ("framing", "below") else self.tree.tense(verb.i)
                    return resolve(expression.text, self.article.date, verb_tense), expression.text
        sentence_index = self.tree.tokens[token].sentence
        kind = self._same_day_phrase(sentence_index)
        anchor = self._last_day_before(sentence_index, kind) if kind else None
        if anchor:
            return anchor
        reporting = self._reporting_verb(token)
        if reporting is not None and reporting.tag == "VBG" and reporting.dep in ("advcl", "xcomp"):
            reporting = self.tree.tokens[reporting.head]  # "has criticized the law, saying ...": the verb it hangs on
        standing = self.tree.perfect(reporting.i, climb=False) if reporting else self.tree.perfect(token)
        if standing or self._vague_time_on(token, reporting) or (not reporting and self._told_as_earlier(token)):
            return None, ""
        if tense == "future" and relation in ("strikes-at", ""):
            return None, ""
        if sentence_index in self.tweet_dates:
            return self.tweet_dates[sentence_index]
        if not reporting and not self.speakers.get(sentence_index) and self._standing_position(token):
            return None, ""
        if relation == "proposes" and (self.tree.tokens[token].pos in ("NOUN", "PROPN") or earlier_plan):
            return None, ""
        reported_earlier = reporting is not None and reporting.tag == "VBD"
        return self._paragraph_date(self.tree.tokens[token].sentence) or (reported_earlier and self._lead_day) or (self.article.date, "")

    @cached_property
    def _lead_day(self) -> tuple[date, str] | None:
        """'Teachers will work to rule, their union announced Thursday' in Friday's paper:
        what the story goes on to report as said ("Hammond said in a statement"), with no
        day of its own, was said with the lead's news, that earlier day (named in words)."""
        found = self._statement_day(0) if self.resolved.parsed.sentences else None
        named_earlier = found and found[1] and self.article.date and found[0] < self.article.date
        return found if named_earlier else None

    def _framing_participles(self, verbs: list[int]) -> list[int]:
        """'Announcing the action on Wednesday, Stuart called the government ... and said
        ...': a subjectless participle clause opening the sentence sets the time of it all."""
        return [c.i for v in verbs for c in self.tree.children(v, ("advcl",))
                if c.tag == "VBG" and c.i < v and not self.tree.children(c.i, ("nsubj", "nsubjpass"))]

    def _paragraph_date(self, sentence: int) -> tuple[date, str] | None:
        """'In a statement Thursday night, Lecce said ... He urged ETFO ...'; 'Within hours,
        the union rejected the offer. Bischof argued ...': a statement with no day of its own,
        in the same paragraph as an earlier dated one, shares its day (only a day already
        past: a plan for next week dates nothing said today). The day also carries into the
        next paragraph when that one goes on quoting someone the dated paragraph named
        ("Signing away the caps would mean letting students down, Bischof said")."""
        paragraph = self.paragraphs[sentence]
        for earlier in range(sentence - 1, max(-1, sentence - 6), -1):
            if self.paragraphs[earlier] != paragraph and (
                    self.paragraphs[earlier] != paragraph - 1 or not self._same_voice(sentence, earlier)):
                return None
            found = self._past_day_in(earlier)
            if found:
                return found
        return None

    def _same_voice(self, sentence: int, earlier: int) -> bool:
        """Whether the speaker of ``sentence`` is named in the paragraph of ``earlier``."""
        voices = set(self.speakers.get(sentence) or self._root_subjects(sentence))
        if not voices:
            return False
        paragraph = [i for i, p in enumerate(self.paragraphs) if p == self.paragraphs[earlier]]
        tokens = (t.i for i in paragraph for t in self.tree.sentence_tokens(i))
        return bool(voices & set(self.entities_in(tokens)))

    def _past_day_in(self, sentence: int) -> tuple[date, str] | None:
        """The day, already past, of what an earlier sentence tells (see ``_statement_day``)."""
        found = self._statement_day(sentence)
        return found if found and self.article.date and found[0] <= self.article.date else None

    def _statement_day(self, sentence: int) -> tuple[date, str] | None:
        """The day of what a sentence mainly tells: its main verb dated like any fact ("Lecce
        announced yesterday ..."; "Bischof said nothing had changed since Dec. 3" is dated by
        its saying, not by Dec. 3). Kept per sentence: later sentences ask again."""
        if sentence not in self._statement_days:
            self._statement_days[sentence] = None  # a sentence never dates itself
            roots = [t for t in self.tree.sentence_tokens(sentence) if t.dep == "ROOT" and not self.tree.in_quote(t.i)]
            found = self.fact_date(roots[0].i) if roots else (None, "")
            self._statement_days[sentence] = found if found[0] else None
        return self._statement_days[sentence]

    def _answered_in(self, sentence: int) -> set[str]:
        """Whom the sentence's main verb acts on: 'Lecce answered OECTA'."""
        roots = [t for t in self.tree.sentence_tokens(sentence) if t.dep == "ROOT"]
        objects = [o for r in roots for o in self.tree.children(r.i, ("dobj", "dative"))]
        return {e for o in objects if (e := self.token_entity(o))}

    def _same_day_phrase(self, sentence: int) -> str:
        """Whether the narration (not a quote) dates this sentence by another: "mentioned"
        ("that same day": the day last named), "event" ("within hours": the event told
        before), or ""."""
        found = find_same_day_phrase(self.resolved.parsed.sentences[sentence].text)
        if not found:
            return ""
        start = self.resolved.parsed.sentences[sentence].start + found[0].start
        quoted = any(self.tree.in_quote(t.i) for t in self.tree.sentence_tokens(sentence) if t.start == start)
        return "" if quoted else found[1]

    def _last_day_before(self, sentence: int, kind: str, reach: int = 8) -> tuple[date, str] | None:
        """'Lecce announced the offer yesterday. ... Within hours, the union rejected it': the
        day of the last event told before this sentence ("event"); 'ETFO walks out on
        Thursday. OSSTF pulls teachers out that same day': the last day named ("mentioned")."""
        answered = self._answered_in(sentence) if kind == "event" else set()
        for earlier in range(sentence - 1, -1, -1) if answered else ():
            if answered & set(self._root_subjects(earlier)) and (found := self._statement_day(earlier)):
                return found  # "Lecce answered OECTA within hours": the day OECTA spoke
        for earlier in range(sentence - 1, max(-1, sentence - reach), -1):
            if kind == "event":
                found = self._statement_day(earlier)
                if found:
                    return found
                continue
            for expression, head in reversed(self._date_expressions(earlier)):
                day = resolve(expression.text, self.article.date, self.tree.tense(self.tree.governing_verb(head).i))
                if day:
                    return (day + timedelta(days=1), expression.text) if kind == "next" else (day, expression.text)
        return None

    def clause_date(self, token: int) -> tuple[date | None, str] | None:
        """The day the clause holding ``token`` names, if it names one: 'the Toronto board will
        be struck on Feb. 7' (its own date expression), 'the Durham board follows the next day'
        (a day told by another). For a sentence that lists several strikes on several days."""
        verb = self.tree.clause_verb(token)
        sentence = verb.sentence
        for expression, head in self._date_expressions(sentence):
            if self.tree.governing_verb(head).i == verb.i:
                return resolve(expression.text, self.article.date, self.tree.tense(verb.i)), expression.text
        words = [i for i in self.tree.subtree(verb.i) if self.tree.clause_verb(i).i == verb.i]
        first, last = self.tree.tokens[min(words)], self.tree.tokens[max(words)]
        found = find_same_day_phrase(self.article.text[first.start:last.end])
        if found and found[1] in ("mentioned", "next"):
            return self._last_day_before(sentence, found[1])
        return None

    def _standing_position(self, token: int) -> bool:
        """'The province is willing to ...', 'the government plans to ...': a present-tense
        position, not reported as said on a day, holds without a date. ('Lecce is calling
        on ...', in the progressive, is news of today.)"""
        verb = self.tree.clause_verb(token)
        chain = [verb, *[a for a in self.tree.ancestors(verb.i) if a.pos in ("VERB", "AUX")][:2]]
        main = chain[-1] if chain[-1].tag in ("VBZ", "VBP") else verb
        if main.tag not in ("VBZ", "VBP"):
            return False
        progressive = any(t.tag == "VBG" for t in chain) or any(c.tag == "VBG" for c in self.tree.children(main.i))
        return not progressive

    def _vague_time_on(self, token: int, reporting) -> bool:
        """'announced in the spring', 'since August': a time that is no day, on the
        statement's own verb (not somewhere else in the sentence)."""
        sentence = self.resolved.parsed.sentences[self.tree.tokens[token].sentence]
        verbs = {self.tree.clause_verb(token).i} | ({reporting.i} if reporting else set())
        above = {a.i for v in verbs for a in self.tree.ancestors(v)[:3]}
        for match in _VAGUE_TIME.finditer(sentence.text):
            start, end = sentence.start + match.start(), sentence.start + match.end()
            words = [t.i for t in self.tree.sentence_tokens(sentence.index) if start <= t.start < end]
            if words and (self.tree.governing_verb(words[0]).i in verbs or set(words) & above):
                return True
        return False

    def _told_as_earlier(self, token: int) -> bool:
        """'The plan, announced in the spring, ... Teachers and students called it experimental':
        a past action with no day, right after a sentence set in a vague past, is undated."""
        sentence = self.tree.tokens[token].sentence
        if self.tree.tense(token) != "past" or sentence == 0:
            return False
        previous = self.resolved.parsed.sentences[sentence - 1]
        between = self.article.text[previous.start:self.resolved.parsed.sentences[sentence].start]
        return bool(_VAGUE_TIME.search(previous.text)) and not _PARAGRAPH_BREAK.search(between)

    def _reporting_verb(self, token: int) -> Token | None:
        """The verb that reports the statement ("she said"), above the trigger or beside it in
        the sentence: its tense, not the tense of what is reported, dates the statement."""
        above = [a for a in self.tree.ancestors(token) if a.lemma in REPORTING_LEMMAS and a.pos == "VERB"]
        if above:
            return above[0]
        beside = [v for v in self.tree.reporting_verbs(self.tree.tokens[token].sentence) if v.dep not in ("relcl", "acl")]
        return beside[0] if beside else None

    def _modified_by_clause(self, date_head: int, clause: int) -> bool:
        """'on Feb. 6, when ETFO holds a strike': the when-clause hangs off the date."""
        return any(a.i == date_head for a in self.tree.ancestors(clause)[:3])

    def date_expressions(self, sentence_index: int) -> list[tuple]:
        return self._date_expressions(sentence_index)

    def _date_expressions(self, sentence_index: int) -> list[tuple]:
        """Date expressions of a sentence with the token that heads each one (found once
        per sentence: every fact of the sentence asks)."""
        if sentence_index not in self._dates_by_sentence:
            self._dates_by_sentence[sentence_index] = tuple(self._find_date_expressions(sentence_index))
        return list(self._dates_by_sentence[sentence_index])

    def _find_date_expressions(self, sentence_index: int) -> list[tuple]:
        sentence = self.resolved.parsed.sentences[sentence_index]
        found = []
        for expression in find_date_expressions(sentence.text):
            start, end = sentence.start + expression.start, sentence.start + expression.end
            inside = [t for t in self.tree.sentence_tokens(sentence_index) if start <= t.start < end]
            heads = [t.i for t in inside if not start <= self.tree.tokens[t.head].start < end or t.head == t.i]
            if heads:
                found.append((expression, heads[0]))
        return found
