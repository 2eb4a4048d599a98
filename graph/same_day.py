"""Phrases that date a sentence by another, part of the facts stage (mixed into ``StatementDates``).

'ETFO walks out on Thursday. OSSTF pulls its teachers out that same day' (the day last
named), 'Bluewater is first, on Feb. 3; Durham follows the next day' (the day after it),
'Lecce announced the offer yesterday. ... Within hours, the union rejected it' (the day of
the event told before). The mixing class provides ``tree``, ``sentences``, ``article``,
``context`` and the date helpers of ``StatementDates`` (``_statement_day``,
``_named_statement_day``, ``_date_expressions``, ``_same_day_event``).
"""

from __future__ import annotations

from datetime import date, timedelta

from .date_words import MENTIONED_DAY_SHIFTS, POINTING_BACK_TIMES
from .dates import find_date_expressions, find_same_day_phrase, resolve
from .model import Token

__all__ = ["SameDayPhrases"]


class SameDayPhrases:
    """Helpers of ``StatementDates`` that read same-day phrases ('that day', 'within hours')."""

    def _answered_in(self, sentence: int) -> set[str]:
        """Whom the sentence's main verb acts on: 'Lecce answered OECTA'."""
        roots = [t for t in self.tree.sentence_tokens(sentence) if t.dep == "ROOT"]
        objects = [o for r in roots for o in self.tree.children(r.i, ("dobj", "dative"))]
        return {e for o in objects if (e := self.context.token_entity(o))}

    def _same_day_phrase(self, sentence: int) -> str:
        """Whether the narration (not a quote) dates this sentence by another: "mentioned"
        ("that same day": the day last named), "event" ("within hours": the event told
        before), or ""."""
        found = find_same_day_phrase(self.sentences[sentence].text)
        if not found:
            return ""
        start = self.sentences[sentence].start + found[0].start
        quoted = any(self.tree.in_quote(t.i) for t in self.tree.sentence_tokens(sentence) if t.start == start)
        return "" if quoted else found[1]

    def _same_day_on_clause(self, token: int, own_clause: int, expressions: list[tuple], statement: bool = False) -> tuple[date, str] | None:
        """'Members in Peel will hold information pickets that day, and the withdrawal, in
        place since Nov. 26, continues': a same-day phrase on the word's own verb, nearer to
        the word than any date the parse hangs on that verb, dates it by the day told before."""
        sentence = self.tree.tokens[token].sentence
        kind = self._same_day_phrase(sentence)
        head = self._same_day_head(sentence) if kind in MENTIONED_DAY_SHIFTS else None
        if head is None or self.tree.governing_verb(head).i != own_clause:
            return None
        gap = abs(head - token)
        if any(self.tree.governing_verb(h).i == own_clause and abs(h - token) < gap for _, h in expressions):
            return None
        return self._last_day_before(sentence, kind, statement=statement)

    def _same_day_head(self, sentence: int) -> int | None:
        """The head word of the sentence's same-day phrase ('that day'), if it has one."""
        found = find_same_day_phrase(self.sentences[sentence].text)
        if not found:
            return None
        start, end = self.sentences[sentence].start + found[0].start, self.sentences[sentence].start + found[0].end
        words = [t for t in self.tree.sentence_tokens(sentence) if start <= t.start < end]
        heads = [t.i for t in words if not start <= self.tree.tokens[t.head].start < end or t.head == t.i]
        return heads[0] if heads else None

    def _same_day_reaches(self, token: int) -> bool:
        """'Lecce urged the union to call off the strike planned for that day': a same-day
        phrase inside a clause that describes a thing ('planned for that day') dates that
        thing, not the statement; one on the word's own verbs does (or one the parse places
        nowhere)."""
        head = self._same_day_head(self.tree.tokens[token].sentence)
        if head is None:
            return True
        verb = self.tree.governing_verb(head)
        return verb.dep not in ("acl", "relcl") or verb.head == token or verb.i in {a.i for a in self.tree.ancestors(token)}

    def _last_day_before(self, sentence: int, kind: str, reach: int = 8, statement: bool = False) -> tuple[date, str] | None:
        """'Lecce announced the offer yesterday. ... Within hours, the union rejected it': the
        day of the last event told before this sentence ("event"); 'ETFO walks out on
        Thursday. OSSTF pulls teachers out that same day': the last day named ("mentioned"),
        unless the sentence names again an event told before ('condemned the bill's passage
        the same afternoon': the day it passed) or, for a ``statement``, an earlier sentence
        names the day of what it tells ('Announcing the strike on Thursday, Bischof said ...
        Lecce answered the same day': Thursday, ahead of other days that sentence names)."""
        answered = self._answered_in(sentence) if kind == "event" else set()
        told = self._same_day_event(sentence) if kind == "mentioned" else None
        if told:
            return told  # "condemned the bill's passage the same afternoon": the day it passed
        named = self._day_named_before_phrase(sentence, kind) if kind in MENTIONED_DAY_SHIFTS else None
        if named:
            return named
        for earlier in range(sentence - 1, -1, -1) if answered else ():
            if answered & set(self.context.root_subjects(earlier)) and (found := self._statement_day(earlier)):
                return found  # "Lecce answered OECTA within hours": the day OECTA spoke
        for earlier in range(sentence - 1, max(-1, sentence - reach), -1):
            if kind == "event":
                found = self._statement_day(earlier)
                if found:
                    return found
                continue
            said = self._named_statement_day(earlier) if statement else None
            if said:  # "Lecce answered the same day": the day the statement before was made
                return said[0] + timedelta(days=MENTIONED_DAY_SHIFTS[kind]), said[1]
            for expression, head in reversed(self._date_expressions(earlier)):
                day = resolve(expression.text, self.article.date, self.tree.tense(self.tree.governing_verb(head).i))
                if day:
                    return (day + timedelta(days=MENTIONED_DAY_SHIFTS[kind]), expression.text)
        return None

    def _day_named_before_phrase(self, sentence: int, kind: str) -> tuple[date, str] | None:
        """'Simcoe teachers walk out again on Wednesday, Feb. 5, and every member strikes the
        following day': a day the same sentence names ahead of the phrase is the day last
        named (the sentences before come after it), read in the tense of the clause the phrase
        dates (the sentence tells one time)."""
        found, head = find_same_day_phrase(self.sentences[sentence].text), self._same_day_head(sentence)
        ahead = [e for e, _ in self._date_expressions(sentence) if found and e.end <= found[0].start]
        tense = self.tree.tense(self.tree.governing_verb(head).i) if head is not None else "past"
        for expression in reversed(ahead):
            day = resolve(expression.text, self.article.date, tense)
            if day:
                return (day + timedelta(days=MENTIONED_DAY_SHIFTS[kind]), expression.text)
        return None

    def _pointed_back_to_no_day(self, token: int) -> bool:
        """'In November, members voted for a strike. Thomas said then that ...'; 'the target was
        set out in March by Thompson, who said at the time that ...': a statement whose verb
        points back ('then', 'at the time') was made at the time told just before the pointer
        (in its own sentence, else the two before, within the paragraph before at most). When
        that time is no day (a month, a season) the statement has no day either, rather than
        the story's day or an older day named further back; a day is left to the other readings."""
        pointer = self._pointing_back_word(token)
        if pointer is None:
            return False
        sentence = pointer.sentence
        for index in range(sentence, max(-1, sentence - 3), -1):
            if self.context.paragraphs[index] < self.context.paragraphs[sentence] - 1:
                break
            end = pointer.start if index == sentence else self.sentences[index].end
            text = self.article.text[self.sentences[index].start:end]
            times = [(m.start(), m.group(0)) for m in self._vague_times(text)]
            times += [(e.start, e.text) for e in find_date_expressions(text)]
            if times:
                return resolve(max(times)[1], self.article.date, "past") is None
        return False

    def _pointing_back_word(self, token: int) -> Token | None:
        """The word ('then', or the head of 'at the time') on ``token`` or a verb above it that
        points back to a time told before, outside quotes ('since then' is no pointer: its
        'then' hangs on 'since', not on a verb)."""
        chain = {token, *(a.i for a in self.tree.ancestors(token))}
        for word in self.tree.sentence_tokens(self.tree.tokens[token].sentence):
            if word.head not in chain or word.i == word.head or word.dep not in ("advmod", "prep") or self.tree.in_quote(word.i):
                continue
            following = self.article.text[word.start:word.start + 16].lower()
            if any(following.startswith(p) and not following[len(p):len(p) + 1].isalpha() for p in POINTING_BACK_TIMES):
                return word
        return None
