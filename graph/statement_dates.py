"""When a statement was made or an action happens (part of the facts stage).

``StatementDates`` reads the day of each fact for an ``ArticleContext``: from the date
expressions of the trigger's own clause and the verbs above it, the verb's tense against the
article date, a framing participle ("Announcing the action on Wednesday, ..."), a same-day
phrase ("within hours", "that same day"), an event the statement is tied to ("When he
announced the strike last Friday, ..."; ``date_ties``), the dated paragraph a statement sits in, or the
day the article's lead names (``lead_day``). It reads the context's tree, speakers and paragraphs, and
keeps each sentence's date expressions and main day once.
"""

from __future__ import annotations

from datetime import date

from .date_clues import DateClues
from .date_ties import EventTies
from .date_words import MENTIONED_DAY_SHIFTS, SAME_TIME_MARKERS
from .dates import find_date_expressions, find_same_day_phrase, resolve
from .lead_day import LeadDay
from .same_day import SameDayPhrases
from .schedule_tense import ScheduleTense
from .syntax import REPORTING_LEMMAS

__all__ = ["StatementDates"]

#: Adverbs that tell a proposal as the first of several steps ('the 28 it first proposed').
_FIRST_STEP_WORDS = frozenset({"first", "originally", "initially"})


class StatementDates(DateClues, EventTies, SameDayPhrases, LeadDay, ScheduleTense):
    """The day of each fact of one article, read against its context (see the module)."""

    def __init__(self, context):
        self.context, self.tree, self.article = context, context.tree, context.article
        self.sentences = context.resolved.parsed.sentences
        self._statement_days: dict[int, tuple[date, str] | None] = {}
        self._dates_by_sentence: dict[int, tuple[tuple, ...]] = {}

    def fact_date(self, token: int, relation: str = "") -> tuple[date | None, str]:
        """The day a statement was made or an action happens, and the words it was read from.

        A date expression counts when it hangs off the trigger's own clause ("will strike on
        Thursday"); for statements, one on a verb above it counts too ("said Thursday that
        ..."). Otherwise a statement reported in a dated article is dated that day, and a
        future action stays undated. A past proposal a statement tells is an earlier plan with
        no day, unless its own maker tells it (``_own_offer_told``): then the statement's day.
        """
        tense = self.tree.tense(token)
        told_by = self._reporting_verb(token) if relation == "proposes" and tense == "past" else None
        if told_by is not None and self._own_offer_told(token, told_by):
            found = self._fact_date(token, relation, False)
            return found if found[0] else self._fact_date(told_by.i)  # the day of the statement telling it
        return self._fact_date(token, relation, told_by is not None)

    def _fact_date(self, token: int, relation: str = "", earlier_plan: bool = False) -> tuple[date | None, str]:
        """``fact_date`` once it is known whether a proposal is an earlier plan a statement tells."""
        tense = self.tree.tense(token)
        own_clause = self.tree.clause_verb(token).i
        own_phrase = set(self.tree.subtree(token)) if self.tree.tokens[token].pos in ("NOUN", "PROPN") else set()
        clause_ancestors = {a.i for a in self.tree.ancestors(own_clause)}
        above = list(clause_ancestors) if relation != "strikes-at" and not earlier_plan else []
        expressions = self._date_expressions(self.tree.tokens[token].sentence)
        if relation != "strikes-at":
            expressions = [found for found in expressions if not self._period_start(found[1])]
        for expression, head in expressions:
            if head in own_phrase or (relation == "strikes-at" and head in clause_ancestors and self._modified_by_clause(head, own_clause)):
                return self._noun_day(expression.text, token, self._verb_tense(token)), expression.text
        if relation == "proposes" and (self._plan_held_by_another(token) or self._first_step(token, own_clause, expressions)):
            return None, ""
        if relation != "strikes-at" and self._perfect_conjunct(own_clause):
            return None, ""
        narrated = relation != "strikes-at" and tense == "past"
        below = self._narrated_clauses(own_clause) if narrated else []
        if relation == "strikes-at":
            top = own_clause
            while self.tree.tokens[top].dep in ("xcomp", "csubj") and self.tree.tokens[top].head != top:
                top = self.tree.tokens[top].head  # "will hold rotating strikes ... next week": one clause;
                # "Yesterday, rotating strikes closed schools" parsed with 'rotating' as a clausal subject
            clause_words = set(self.tree.subtree(top))
            if not any(head in own_phrase or self.tree.governing_verb(head).i == own_clause for _, head in expressions):
                for expression, head in expressions:
                    if head in clause_words and self.tree.governing_verb(head).i == top or self._verbless(top, head):
                        return resolve(expression.text, self.article.date, tense), expression.text
        same_day = self._same_day_on_clause(token, own_clause, expressions, relation != "strikes-at")
        if same_day:
            return same_day
        apart = self._day_apart_from_head(own_clause, expressions) if relation != "strikes-at" else None
        if apart is not None:
            return apart
        tied = self._tied_day(self._tie_anchor(token, own_clause)) if relation != "strikes-at" else None
        if tied is not None:
            return tied
        framing = self._framing_participles([own_clause, *above]) if relation != "strikes-at" else []
        for verbs, tier in (([own_clause], "own"), (above, "above"), (framing, "framing"), (below, "below")):
            for expression, head in (self._verb_dates_first(expressions, token) if tier == "own" else expressions):
                verb = self._dated_verb(head) if relation == "strikes-at" else self.tree.governing_verb(head)
                if verb.i in verbs or head in verbs:
                    verb_tense = tense if tier in ("framing", "below") else self._verb_tense(verb.i)
                    return resolve(expression.text, self.article.date, verb_tense), expression.text
        if relation != "strikes-at" and self._pointed_back_to_no_day(token):
            return None, ""
        sentence_index = self.tree.tokens[token].sentence
        kind = self._same_day_phrase(sentence_index) if self._same_day_reaches(token) else ""
        anchor = self._last_day_before(sentence_index, kind, statement=relation != "strikes-at") if kind else None
        if anchor:
            return anchor
        reporting = self._reporting_verb(token)
        if reporting is not None and reporting.tag == "VBG" and reporting.dep in ("advcl", "xcomp"):
            reporting = self.tree.tokens[reporting.head]  # "has criticized the law, saying ...": the verb it hangs on
        standing = self.tree.perfect(reporting.i, climb=False) if reporting else self.tree.perfect(token)
        if standing or self._vague_time_on(token, reporting) or (not reporting and self._told_as_earlier(token)):
            return None, ""
        topic = self.topic_day(sentence_index)
        if topic:
            return topic
        if tense == "future" and relation in ("strikes-at", ""):
            return None, ""
        if sentence_index in self.context.tweet_dates:
            return self.context.tweet_dates[sentence_index]
        if not reporting and not self.context.speakers.get(sentence_index) and self._standing_position(token):
            # 'The union opposes the plan' holds today; 'the province is willing to' offers nothing on a day
            return (self.article.date, "") if relation == "opposes" else (None, "")
        if relation == "proposes" and (self.tree.tokens[token].pos in ("NOUN", "PROPN") or earlier_plan):
            return None, ""
        reported_earlier = self._told_earlier(reporting, own_clause, relation)
        with_lead = reported_earlier and self._lead_day_reaches(sentence_index)
        return self._paragraph_date(sentence_index) or (with_lead and self._lead_day) or (self.article.date, "")

    def _told_earlier(self, reporting, own_clause: int, relation: str) -> bool:
        """Whether a statement with no day of its own is told as already made: its verb of
        saying is in the simple past ('Hammond said'), or, with none, a stance's own verb is
        ('Bischof called it a direct result of the cuts', 'Lecce defended the offer'). Such a
        statement was made with the lead's news (``_lead_day``), not on the story's day. A
        reply ('Lecce replied that ...') comes after the news it answers, and an action is
        dated by its own words, so neither takes the lead's day this way."""
        if reporting is not None and reporting.tag != "VBG":
            return reporting.tag == "VBD"
        verb = self.tree.tokens[own_clause]  # none, or a participle ('signs reading "No cuts"')
        stance = relation in ("opposes", "supports")
        told = verb.tag == "VBD" and not self.tree.children(verb.i, ("aux", "auxpass"))
        return stance and (told or self._narrated_in_past(own_clause))

    def _narrated_in_past(self, verb: int) -> bool:
        """'The protesters were there to oppose the plan'; 'A group of protesters was waiting at
        the ceremony with signs reading "No cuts"': a stance inside a sentence whose main verb
        narrates in the simple past (no perfect: 'has opposed' is standing) tells the story's
        event, whose day the lead gives, not the day the story was printed."""
        root = ([self.tree.tokens[verb]] + self.tree.ancestors(verb))[-1]
        if root.i == verb or self.tree.in_quote(root.i) or root.lemma in REPORTING_LEMMAS:
            return False
        auxiliaries = {c.text.lower() for c in self.tree.children(root.i, ("aux", "auxpass"))}
        progressive = root.tag == "VBG" and auxiliaries and auxiliaries <= {"was", "were"}
        return root.tag == "VBD" and not auxiliaries or bool(progressive)

    def _first_step(self, token: int, own_clause: int, expressions) -> bool:
        """'The province first proposed raising class sizes to 28'; 'it originally planned four
        courses': a past proposal told as the first of several steps is the background of the
        story, made months before it; with no day of its own it keeps none (not the story's)."""
        verb = self.tree.tokens[own_clause]
        if self.tree.tense(token) != "past" or any(self.tree.governing_verb(head).i == own_clause for _, head in expressions):
            return False
        return any(c.text.lower() in _FIRST_STEP_WORDS for i in {token, verb.i} for c in self.tree.children(i, ("advmod",)))

    def _own_offer_told(self, token: int, reporting) -> bool:
        """'His team had offered smaller classes this week, he said'; 'it had offered to put
        the pledge in writing, the minister said': a past offer told by the one who made it
        (or by a minister of the government that made it) is announced in that statement,
        so it takes the statement's day. Told by anyone else ('Bischof said the government
        had proposed 28'), it is an earlier plan and keeps no day."""
        if reporting.i in (token, self.tree.clause_verb(token).i):
            return False  # 'before the province announced its plan': the telling is the step itself
        makers = {self.context.token_entity(s) for s in self.tree.subjects(token)} - {""}
        tellers = {self.context.token_entity(s) for s in self.tree.subjects(reporting.i)} - {""}
        tellers |= set(self.context.speakers.get(self.tree.tokens[token].sentence, ()))
        if not makers or not tellers:
            return False
        government = {e for e in makers | tellers if self.context.is_government_side(e)}
        return makers <= tellers or government == makers | tellers

    def _tie_anchor(self, token: int, own_clause: int) -> int:
        """The verb whose 'when'-clause can date the statement: the verb of saying, else the
        word's own clause verb."""
        reporting = self._reporting_verb(token)
        return reporting.i if reporting is not None else own_clause

    def _named_statement_day(self, sentence: int) -> tuple[date, str] | None:
        """The day of what an earlier sentence tells, when that sentence names it itself."""
        found = self._statement_day(sentence)
        return found if found and found[1] and found[1] in self.sentences[sentence].text else None

    def _framing_participles(self, verbs: list[int]) -> list[int]:
        """'Announcing the action on Wednesday, Stuart called the government ... and said
        ...': a subjectless participle clause opening the sentence sets the time of it all;
        so does a clause of the same time ('When the meeting opened on Monday, Hammond took
        the delegates through what he called deep cuts'): see ``_same_time_clause``."""
        return [c.i for v in verbs for c in self.tree.children(v, ("advcl",))
                if c.tag == "VBG" and c.i < v and not self.tree.children(c.i, ("nsubj", "nsubjpass"))
                or self._same_time_clause(c.i)]

    def _same_time_clause(self, clause: int) -> bool:
        """'When the talks opened on Monday, Hammond ...'; 'As the vote closed Friday, the
        union ...': a clause introduced by a word of the same time (``SAME_TIME_MARKERS``)
        tells when the verb it hangs on happened, so what that verb reports, down to a
        stance in a clause below it ('what he described as cuts'), takes its day. Only a
        clause told in the past: 'even as teachers get ready for next week's strike' sets a
        backdrop, not the day of the news."""
        if self.tree.tense(clause) != "past":
            return False
        return any(c.text.lower() in SAME_TIME_MARKERS for c in self.tree.children(clause, ("advmod", "mark")))

    def _paragraph_date(self, sentence: int) -> tuple[date, str] | None:
        """'In a statement Thursday night, Lecce said ... He urged ETFO ...'; 'Within hours,
        the union rejected the offer. Bischof argued ...': a statement with no day of its own,
        in the same paragraph as an earlier dated one, shares its day (only a day already
        past: a plan for next week dates nothing said today). The day also carries into the
        next paragraph when that one goes on quoting someone the dated paragraph named
        ("Signing away the caps would mean letting students down, Bischof said"), unless it
        tells in the present where things stand ("The unions, for their part, accuse ...")."""
        paragraph = self.context.paragraphs[sentence]
        named = [d for e, h in self._date_expressions(sentence) if (d := resolve(e.text, self.article.date, "past"))]
        for earlier in range(sentence - 1, max(-1, sentence - 6), -1):
            if self.context.paragraphs[earlier] != paragraph and (self.context.paragraphs[earlier] != paragraph - 1
                                                                  or not self._same_voice(sentence, earlier)
                                                                  or self._told_in_present(sentence)):
                return None
            found = self._past_day_in(earlier)
            if found:
                return None if any(day > found[0] for day in named) else found  # "... lamented Thursday's announcement"
        return None

    def _same_voice(self, sentence: int, earlier: int) -> bool:
        """Whether the speaker of ``sentence`` is named in the paragraph of ``earlier``."""
        voices = set(self.context.speakers.get(sentence) or self.context.root_subjects(sentence))
        if not voices:
            return False
        paragraph = [i for i, p in enumerate(self.context.paragraphs) if p == self.context.paragraphs[earlier]]
        tokens = (t.i for i in paragraph for t in self.tree.sentence_tokens(i))
        return bool(voices & set(self.context.entities_in(tokens)))

    def _past_day_in(self, sentence: int) -> tuple[date, str] | None:
        """The day, already past, of what an earlier sentence tells (see ``_statement_day``),
        when that sentence names one (the story's own day by default dates nothing more)."""
        found = self._statement_day(sentence)
        return found if found and found[1] and self.article.date and found[0] <= self.article.date else None

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

    def clause_date(self, token: int) -> tuple[date | None, str] | None:
        """The day the clause holding ``token`` names, if it names one: 'the Toronto board will
        be struck on Feb. 7' (its own date expression), 'the Durham board follows the next day'
        (a day told by another). For a sentence that lists several strikes on several days."""
        verb = self.tree.clause_verb(token)
        sentence = verb.sentence
        for expression, head in self._verb_dates_first(self._date_expressions(sentence), token):
            if self.tree.governing_verb(head).i == verb.i:
                found = resolve(expression.text, self.article.date, self.tree.tense(verb.i)), expression.text
                return self._own_part_day(token, found)
        words = [i for i in self.tree.subtree(verb.i) if self.tree.clause_verb(i).i == verb.i]
        first, last = self.tree.tokens[min(words)], self.tree.tokens[max(words)]
        found = find_same_day_phrase(self.article.text[first.start:last.end])
        if found and found[1] in MENTIONED_DAY_SHIFTS:
            return self._last_day_before(sentence, found[1])
        return None

    def date_expressions(self, sentence_index: int) -> list[tuple]:
        return self._date_expressions(sentence_index)

    def _date_expressions(self, sentence_index: int) -> list[tuple]:
        """Date expressions of a sentence with the token that heads each one (found once
        per sentence: every fact of the sentence asks)."""
        if sentence_index not in self._dates_by_sentence:
            self._dates_by_sentence[sentence_index] = tuple(self._find_date_expressions(sentence_index))
        return list(self._dates_by_sentence[sentence_index])

    def _find_date_expressions(self, sentence_index: int) -> list[tuple]:
        sentence = self.sentences[sentence_index]
        found = []
        for expression in find_date_expressions(sentence.text):
            start, end = sentence.start + expression.start, sentence.start + expression.end
            inside = [t for t in self.tree.sentence_tokens(sentence_index) if start <= t.start < end]
            heads = [t.i for t in inside if not start <= self.tree.tokens[t.head].start < end or t.head == t.i]
            if heads:
                found.append((expression, heads[0]))
        return found
