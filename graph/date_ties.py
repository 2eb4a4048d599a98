"""Events a statement is tied to, part of the facts stage (mixed into ``StatementDates``).

A statement often takes its day not from a date of its own but from an event the sentence
ties it to: 'When he announced the strike last Friday, Bischof said ...' (the day of the
when-clause), 'In releasing the results, the union said ...' (the day the results were
released, told earlier), 'the unions condemned the bill's passage the same afternoon' (the
day the bill passed, told earlier), 'When the bill was tabled in June, Horwath said ...' (a
month only: no day). How far the lead's news reaches is ``graph.lead_day``'s. The mixing class provides ``tree``, ``sentences``, ``article`` and
``context`` and the date helpers of ``StatementDates``.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from .date_words import (
    DAY_BEFORE_NOUNS,
    DAYS_APART,
    LIGHT_VERBS,
    NEWS_NOUNS,
    NEWS_VERBS,
    NOMINAL_SUFFIXES,
    POINTING_BACK_WORDS,
    START_VERBS,
    TIE_NOUNS,
    TIE_PREPOSITIONS,
    TIE_WORDS,
)
from .dates import resolve
from .syntax import REPORTING_LEMMAS

__all__ = ["EventTies", "names_event"]

#: A time that is no day ('in June', 'last month'): a tie to it leaves the statement undated.
_VAGUE = re.compile(r"\b(in|since|during|last|this|next|earlier this|later this) (the )?(spring|summer|fall|autumn|"
                    r"winter|year|month|january|february|march|april|may|june|july|august|september|october|"
                    r"november|december)\b", re.IGNORECASE)
#: Determiners that point back at something told before ('those results', 'that vote').
_POINTING_BACK = frozenset({"that", "those", "this", "these"})
#: Words that name the making of news: verbs of saying or announcing, and their nouns.
_NEWS_MAKING_VERBS = REPORTING_LEMMAS | NEWS_VERBS
_NEWS_WORDS = _NEWS_MAKING_VERBS | NEWS_NOUNS
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

    def _dated_verb(self, head: int):
        """The verb a date expression dates: its governing verb, unless that is a subjectless
        participle of starting hung on another verb ('will step up its job action starting
        Tuesday', 'Beginning Monday, members will refuse ...'): the participle only says the
        action runs from that day, so the day is the action's own."""
        verb = self.tree.governing_verb(head)
        if (verb.lemma.lower() in START_VERBS and verb.tag == "VBG" and verb.head != verb.i
                and verb.dep in ("prep", "advcl", "xcomp", "acl") and not self.tree.children(verb.i, ("nsubj",))):
            return self.tree.tokens[verb.head]
        return verb

    def _tied_day(self, verb: int) -> tuple[date | None, str] | None:
        """The day of the event a clause ties the statement on ``verb`` to ('When he announced
        the strike last Friday, Bischof said'): the clause's own day; (None, '') when the
        clause names a time that is no day ('When the bill was tabled in June'); the day of
        the event told before that it names again or points back at ('In releasing the
        results', 'When those results came out'); None when no clause ties it or the event
        has no day the text gives."""
        eve = self._eve_of_event(verb)
        if eve is not None:
            return eve
        for tie in self._tie_clauses(verb):
            words = set(self.tree.subtree(tie))
            sentence = self.tree.tokens[tie].sentence
            named = [e.text for e, head in self._date_expressions(sentence) if head in words]
            day = resolve(named[0], self.article.date, "past") if named else None
            if day or named and not self._told_news(tie):
                return day, named[0]
            if self._vague_in(words):
                return None, ""
            found = self._event_told_before(sentence, self._event_words(tie))
            if found:
                return found
            if any(c.lemma.lower() in _POINTING_BACK for i in words for c in self.tree.children(i, ("det",))):
                return self._last_day_before(sentence, "mentioned")
        return None

    def _eve_of_event(self, verb: int) -> tuple[date | None, str] | None:
        """'On the eve of the strike, Lecce called the walkout irresponsible': a statement on
        the eve of an event was made the day before the event's day, the day the story told
        for it before, else (said in the past of an event it names as known) the story's own
        day; (None, '') when the event's time is no day ('the eve of last week's vote'). The
        phrase on the first of joined verbs ('called ... and urged') sets them all."""
        verbs = [verb]
        while self.tree.tokens[verbs[-1]].dep == "conj" and self.tree.tokens[verbs[-1]].head != verbs[-1]:
            verbs.append(self.tree.tokens[verbs[-1]].head)
        for prep in (p for v in verbs for p in self.tree.children(v, ("prep",))):
            for noun in self.tree.children(prep.i, ("pobj",)):
                gap = DAY_BEFORE_NOUNS.get(noun.lemma.lower())
                events = [e for p in self.tree.children(noun.i, ("prep",)) if p.lemma == "of"
                          for e in self.tree.children(p.i, ("pobj",))]
                if not gap or not events:
                    continue
                words = set(self.tree.subtree(noun.i))
                text = self.article.text[self.tree.tokens[min(words)].start:self.tree.tokens[max(words)].end]
                found = self._event_told_before(noun.sentence, events)
                if not found and (self._vague_in(words) or self.tree.tense(verb) != "past" or not self.article.date):
                    return None, ""
                day = found[0] if found else self.article.date
                return day - timedelta(days=gap), text
        return None

    def _day_apart_from_head(self, clause: int, expressions: list[tuple]) -> tuple[date, str] | None:
        """'The union says the province is cutting corners, a day after the government unveiled
        its plan': an 'after'/'before' clause with a gap in days ('a day', 'two days') and no day
        of its own happens that many days from the day of the clause it hangs on."""
        word = self.tree.tokens[clause]
        if word.dep != "advcl" or any(self.tree.governing_verb(h).i == clause for _, h in expressions):
            return None
        marks = [m for m in self.tree.children(clause, ("mark", "advmod")) if m.lemma.lower() in ("after", "before")]
        for noun in self.tree.children(clause, ("npadvmod",)) if marks else ():
            words = sorted([*self.tree.children(noun.i, ("det", "nummod")), noun], key=lambda t: t.i)
            gap = DAYS_APART.get(" ".join(t.text.lower() for t in words), 0)
            head_day = self.fact_date(word.head)[0] if gap else None
            if head_day:
                sign = -1 if marks[0].lemma.lower() == "after" else 1
                return head_day + timedelta(days=sign * gap), " ".join(t.text for t in (*words, marks[0]))
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
                found += [n.i for n in self.tree.children(prep.i, ("pobj",)) if self._news_named_again(n)]
        return found + self._time_noun_clauses(verb) + self._framing_events(verb)

    def _news_named_again(self, noun) -> bool:
        """'In last week's announcement, Stuart said ...'; 'Hammond said in the release ...':
        a noun of saying ('announcement', 'release', 'statement') made definite by a pointing
        or possessive word names a piece of news the story told before, whose day is the
        statement's. An indefinite one ('In a statement, Lecce said') names nothing told
        before."""
        definite = any(c.lemma.lower() in POINTING_BACK_WORDS or c.dep == "poss" for c in self.tree.children(noun.i, ("det", "poss")))
        return definite and self._told_news(noun.i)

    def _told_news(self, word: int) -> bool:
        """Whether a word names the making of news: a verb of saying or announcing, or its noun."""
        lemma = self.tree.tokens[word].lemma.lower()
        return lemma in _NEWS_WORDS or any(names_event(lemma, verb) for verb in _NEWS_MAKING_VERBS)

    def _framing_events(self, verb: int) -> list[int]:
        """'The union announced last Thursday that it would strike. ... Announcing the strike,
        Bischof said ...': a subjectless participle opening the sentence, with no day of its
        own, ties the statement to the event it names, dated where the story told it (its
        own day is read as a framing day by ``StatementDates``)."""
        return [c.i for c in self.tree.children(verb, ("advcl",))
                if c.tag == "VBG" and c.i < verb and not self.tree.children(c.i, ("nsubj", "nsubjpass", "mark"))
                and not any(self.tree.governing_verb(h).i == c.i for _, h in self._date_expressions(c.sentence))]

    def _time_noun_clauses(self, verb: int) -> list[int]:
        """'Horwath attacked the bill the day it was tabled': a bare time noun on the verb
        ('the day', 'the morning') with a past clause on it sets the verb at the time of the
        event that clause tells (dated where the story told it). The parse may hang the noun
        under the clause instead ('the morning it was introduced' as a clause on the verb)."""
        def time_noun(word) -> bool:
            return word.lemma.lower() in TIE_NOUNS and not self.tree.children(word.i, ("amod",))
        nouns = [n for n in self.tree.children(verb, ("npadvmod", "obl", "advmod")) if time_noun(n)]
        found = [c.i for n in nouns for c in self.tree.children(n.i, ("relcl", "acl")) if c.tag in ("VBD", "VBN")]
        return found + [c.i for c in self.tree.children(verb, ("advcl",)) if c.tag in ("VBD", "VBN")
                        and any(time_noun(n) and n.i < c.i for n in self.tree.children(c.i, ("npadvmod",)))]

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
        condemned the bill's passage the same afternoon' -> Nov. 7. A piece of news ('in
        announcing the dates', 'in last week's release') that no earlier verb names again is
        the last dated telling of any kind ('the union said earlier this week')."""
        lemmas = {w.lemma for w in words if w.pos in ("NOUN", "VERB")}
        found = self._dated_verb_before(sentence, lambda t: any(names_event(l, t.lemma) for l in lemmas))
        if found or not any(self._told_news(w.i) for w in words if w.pos in ("NOUN", "VERB")):
            return found
        return self._dated_verb_before(sentence, lambda t: self._told_news(t.i))

    def _dated_verb_before(self, sentence: int, wanted) -> tuple[date, str] | None:
        """The day on the last verb, in the sentences just before, that ``wanted`` accepts."""
        for earlier in range(sentence - 1, max(-1, sentence - _EVENT_REACH), -1):
            verbs = [t for t in self.tree.sentence_tokens(earlier) if t.pos == "VERB" and not self.tree.in_quote(t.i) and wanted(t)]
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

