"""Events a statement is tied to, part of the facts stage (mixed into ``StatementDates``).

A statement often takes its day not from a date of its own but from an event the sentence
ties it to: 'When he announced the strike last Friday, Bischof said ...' (the day of the
when-clause), 'In releasing the results, the union said ...' (the day the results were
released, told earlier), 'the unions condemned the bill's passage the same afternoon' (the
day the bill passed, told earlier), 'When the bill was tabled in June, Horwath said ...' (a
month only: no day). The mixing class provides ``tree``, ``sentences``, ``article`` and
``context`` and the date helpers of ``StatementDates``.
"""

from __future__ import annotations

import re
from datetime import date

from .date_words import LIGHT_VERBS, NOMINAL_SUFFIXES, TIE_PREPOSITIONS, TIE_WORDS
from .dates import resolve

__all__ = ["EventTies", "names_event"]

#: A time that is no day ('in June', 'last month'): a tie to it leaves the statement undated.
_VAGUE = re.compile(r"\b(in|since|during|last|this|next|earlier this|later this) (the )?(spring|summer|fall|autumn|"
                    r"winter|year|month|january|february|march|april|may|june|july|august|september|october|"
                    r"november|december)\b", re.IGNORECASE)
#: Determiners that point back at something told before ('those results', 'that vote').
_POINTING_BACK = frozenset({"that", "those", "this", "these"})
#: How many sentences back an event named again ('the bill's passage') is looked for.
_EVENT_REACH = 12


def names_event(noun_lemma: str, verb_lemma: str) -> bool:
    """Whether a word names the event a verb tells: the same lemma ('vote', 'release') or the
    verb's nominalisation ('passage' of 'pass', 'announcement' of 'announce', 'tabling')."""
    noun, verb = noun_lemma.lower(), verb_lemma.lower()
    if not verb or verb in LIGHT_VERBS or len(verb) < 3:
        return False
    stems = {verb, verb[:-1]} if verb.endswith("e") else {verb}
    return noun == verb or any(noun == stem + suffix for stem in stems for suffix in NOMINAL_SUFFIXES)


class EventTies:
    """Helpers of ``StatementDates`` that date a statement by the event it is tied to."""

    def _tied_day(self, verb: int) -> tuple[date | None, str] | None:
        """The day of the event a clause ties the statement on ``verb`` to ('When he announced
        the strike last Friday, Bischof said'): the clause's own day; (None, '') when the
        clause names a time that is no day ('When the bill was tabled in June'); the day of
        the event told before that it names again or points back at ('In releasing the
        results', 'When those results came out'); None when no clause ties it or the event
        has no day the text gives."""
        for tie in self._tie_clauses(verb):
            words = set(self.tree.subtree(tie))
            sentence = self.tree.tokens[tie].sentence
            for expression, head in self._date_expressions(sentence):
                if head in words:
                    return resolve(expression.text, self.article.date, "past"), expression.text
            if self._vague_in(words):
                return None, ""
            found = self._event_told_before(sentence, self._event_words(tie))
            if found:
                return found
            if any(c.lemma.lower() in _POINTING_BACK for i in words for c in self.tree.children(i, ("det",))):
                return self._last_day_before(sentence, "mentioned")
        return None

    def _tie_clauses(self, verb: int) -> list[int]:
        """Clauses on ``verb`` that set it at another event's time: 'when'/'after'/'as'
        clauses in the past, and 'in'/'after'/'upon' with a participle ('In releasing the
        results')."""
        found = []
        for clause in self.tree.children(verb, ("advcl",)):
            opener = self.tree.children(clause.i, ("advmod", "mark"))
            if clause.i < verb and clause.tag in ("VBD", "VBN") and any(o.lemma.lower() in TIE_WORDS for o in opener):
                found.append(clause.i)
        for prep in self.tree.children(verb, ("prep",)):
            if prep.lemma.lower() in TIE_PREPOSITIONS:
                found += [c.i for c in self.tree.children(prep.i, ("pcomp",)) if c.tag == "VBG"]
        return found

    def _vague_in(self, words: set[int]) -> bool:
        """Whether the words hold a time that is no day ('in June', 'last month')."""
        first, last = self.tree.tokens[min(words)], self.tree.tokens[max(words)]
        return bool(_VAGUE.search(self.article.text[first.start:last.end]))

    def _event_words(self, head: int) -> list:
        """The words that name an event in a clause: its verb, and the nouns it acts on or
        that act ('the bill's passage', 'his announcement'), with those of clauses on them."""
        words = [self.tree.tokens[head]]
        for child in self.tree.children(head, ("dobj", "nsubj", "nsubjpass", "attr", "relcl", "acl")):
            words.append(child)
            words += self.tree.children(child.i, ("dobj", "nsubjpass"))
        return words

    def _event_told_before(self, sentence: int, words: list) -> tuple[date, str] | None:
        """The day given to the last event, told in an earlier sentence, that one of ``words``
        names again: 'Bill 124 passed third reading last Thursday, Nov. 7. ... the unions
        condemned the bill's passage the same afternoon' -> Nov. 7."""
        lemmas = {w.lemma for w in words if w.pos in ("NOUN", "VERB")}
        for earlier in range(sentence - 1, max(-1, sentence - _EVENT_REACH), -1):
            verbs = [t for t in self.tree.sentence_tokens(earlier)
                     if t.pos == "VERB" and not self.tree.in_quote(t.i) and any(names_event(l, t.lemma) for l in lemmas)]
            for verb in verbs:
                for expression, head in self._date_expressions(earlier):
                    if self.tree.governing_verb(head).i == verb.i:
                        day = resolve(expression.text, self.article.date, self.tree.tense(verb.i))
                        if day:
                            return day, expression.text
        return None

    def _same_day_event(self, sentence: int) -> tuple[date, str] | None:
        """'The same day Lecce made his announcement, ...', 'condemned the bill's passage the
        same afternoon': a same-day phrase in a sentence that names an event told before
        means that event's day, ahead of the day last named."""
        head = self._same_day_head(sentence)
        if head is None:
            return None
        verb = self.tree.governing_verb(head)
        words = [w for c in self.tree.children(verb.i, ("dobj", "nsubjpass")) for w in (c, *self.tree.children(c.i, ("dobj",)))]
        words += [w for c in self.tree.children(head, ("relcl", "acl")) for w in self._event_words(c.i)]
        return self._event_told_before(sentence, words) if words else None
