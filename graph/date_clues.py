"""Clues to a statement's day, part of the facts stage (mixed into ``StatementDates``).

Which of several date expressions dates a word ('on Thursday' on the verb before 'Tuesday'
inside a noun phrase), the nearer reading of a weekday whose verb only tells about it
('called Wednesday's strike a certainty'), and the signs that a statement has no day of
its own: a standing position ('the province is willing to'), a vague time ('announced in
the spring'), or a past told right after a vague one. The mixing class provides ``tree``,
``sentences``, ``article`` and ``context``.
"""

from __future__ import annotations

import re
from datetime import date

from .dates import resolve
from .model import Token
from .syntax import REPORTING_LEMMAS

__all__ = ["DateClues"]

_VAGUE_TIME = re.compile(r"\b(in|since|during|last|this|next) (the )?(spring|summer|fall|autumn|winter|year|month|"
                         r"january|february|march|april|may|june|july|august|september|october|november|december)\b"
                         r"|\bfrom the (start|outset|beginning)\b|\ball along\b", re.IGNORECASE)

#: Verbs whose object is told about, not done at the verb's time ("called Wednesday's strike a certainty").
_JUDGING = REPORTING_LEMMAS | {"call", "describe", "expect", "label", "dub", "predict"}


class DateClues:
    """Helpers of ``StatementDates`` that read one word's clues to its day."""

    def _noun_day(self, text: str, token: int, tense: str) -> date | None:
        """The day a word's own date expression names. 'Bischof called Wednesday's strike a
        certainty': a thing named as the object of a verb of saying or judging has no tense
        of its own (the past is the saying's), so a bare weekday is the nearer one."""
        verb = self.tree.clause_verb(token)
        if self.tree.tokens[token].pos not in ("NOUN", "PROPN") or verb.lemma not in _JUDGING or verb.i == token:
            return resolve(text, self.article.date, tense)
        days = [d for t in ("past", "future") if (d := resolve(text, self.article.date, t))]
        return min(days, key=lambda d: abs((d - self.article.date).days)) if days and self.article.date else None

    def _verb_dates_first(self, expressions: list[tuple], token: int) -> list[tuple]:
        """'Catholic schools close Tuesday, when OECTA holds a walkout, and on Thursday all
        ETFO members will strike': of two days the parse hangs under one verb, the one on the
        verb itself dates it ahead of one inside a noun phrase ('schools ... Tuesday') or one
        whose own clause tells of something else ('Tuesday, when OECTA holds ...'), and of two
        such, the one nearer the word dated (a long sentence's parse can join two clauses);
        before all, one no 'and' parts from the word ('shut schools on Feb. 11 for its strike and
        again on Feb. 12 for a local one': the strike is Feb. 11's, wherever the parse hangs it)."""
        def rank(found: tuple) -> tuple[bool, bool, bool, int]:
            head = found[1]
            verb = self.tree.governing_verb(head).i
            clauses = self.tree.children(head, ("relcl", "advcl", "acl"))
            return (self._coordinated_apart(head, token), any(a.pos in ("NOUN", "PROPN") for a in self._path_to(head, verb)),
                    any(token not in self.tree.subtree(c.i) for c in clauses), abs(head - token))
        return sorted(expressions, key=rank)

    def _coordinated_apart(self, head: int, token: int) -> bool:
        """Whether a coordinating word ('and', 'but') stands between a date and the word dated,
        so that the date belongs to the other member of the pair."""
        low, high = sorted((head, token))
        return any(self.tree.tokens[i].dep == "cc" for i in range(low + 1, high))

    def _clause_part(self, token: int) -> int:
        """Which part of its sentence a word stands in, the sentence cut at each ', and' (', but',
        ';') that joins two clauses with finite verbs of their own: 'On Thursday the strikes reach
        A, B and C, and D follows on Friday' has two parts, each with its own day, however the
        parse hangs the words ('A' as the subject of 'follows'). A list's ', and' cuts nothing."""
        words = self.tree.sentence_tokens(self.tree.tokens[token].sentence)
        cuts = [n for n, w in enumerate(words) if n and (w.text == ";" or (w.dep == "cc" and words[n - 1].text == ","))]
        finite = [n for n, w in enumerate(words) if w.tag in ("VBZ", "VBP", "VBD", "MD") and not self.tree.in_quote(w.i)]
        real, start = [], 0
        for at, cut in enumerate(cuts):
            end = cuts[at + 1] if at + 1 < len(cuts) else len(words)
            if any(start <= n < cut for n in finite) and any(cut < n < end for n in finite):
                real.append(cut)
                start = cut
        position = next(n for n, w in enumerate(words) if w.i == token)
        return sum(1 for cut in real if cut < position)

    def _own_part_day(self, token: int, found: tuple[date | None, str] | None) -> tuple[date | None, str] | None:
        """The day of the clause part a word stands in (``_clause_part``), when the day its
        clause gave (``found``) was named in another part and its own part names one."""
        sentence = self.tree.tokens[token].sentence
        expressions = self._date_expressions(sentence)
        part = self._clause_part(token)
        own = [(e, h) for e, h in expressions if self._clause_part(h) == part]
        if found is None or not own or any(e.text == found[1] for e, _ in own) or not any(e.text == found[1] for e, _ in expressions):
            return found
        expression, head = own[-1] if own[-1][1] < token else own[0]
        return resolve(expression.text, self.article.date, self.tree.tense(self.tree.governing_verb(head).i)), expression.text

    def topic_day(self, sentence: int) -> tuple[date | None, str] | None:
        """'Thursday will be a crowded day. AEFO is holding a one-day strike, and OSSTF will strike
        at select boards': a sentence just before, in the same paragraph, whose subject is a day
        sets the day the next one tells of (read in that sentence's own tense), if it names none.
        A day in a negated sentence ("Friday will not be the end of it") sets none."""
        if sentence == 0 or self.context.paragraphs[sentence - 1] != self.context.paragraphs[sentence] \
                or self._date_expressions(sentence):
            return None
        for expression, head in self._date_expressions(sentence - 1):
            word, root = self.tree.tokens[head], self.tree.tokens[self.tree.tokens[head].head]
            subject = word.dep in ("nsubj", "nsubjpass") or (word.dep == "npadvmod" and root.lemma == "be"
                                                             and not self.tree.children(root.i, ("nsubj", "expl")))
            negated = bool(self.tree.children(root.i, ("neg",)))  # 'Friday will not be the end of it'
            if subject and root.dep == "ROOT" and not negated:  # the parse may read the day as an adverb of a subjectless 'be'
                day = resolve(expression.text, self.article.date, self.tree.tense(word.head))
                return (day, expression.text) if day else None
        return None

    def announcement_day(self) -> tuple[date | None, str] | None:
        """The day the news a story reports was made public, for a clause that names it again
        with no day ('The announcement came a day after ...'): the lead's earlier day named in
        words ('the federation said Friday' in Saturday's paper, wherever the parse hangs the
        saying: 'students will not lose a day, after the union said Friday it is halting ...'),
        else the story's own day."""
        for sentence in self._lead_sentences():
            for expression, head in self._date_expressions(sentence):
                verb = self.tree.governing_verb(head)
                day = resolve(expression.text, self.article.date, "past") if verb.lemma in REPORTING_LEMMAS else None
                if day and self.article.date and day <= self.article.date:
                    return day, expression.text
        return self._lead_day or ((self.article.date, "") if self.article.date else None)

    def _verbless(self, word: int, head: int) -> bool:
        """'ETFO's rotation moves Tuesday to the Grand Erie ... boards', parsed with 'moves' as
        a noun: when neither a strike word nor a date has a verb above it, the parse found no
        clause, and the sentence's day is the strike's."""
        return all(self.tree.tokens[i].pos not in ("VERB", "AUX") for i in (word, head)) and \
            self.tree.governing_verb(word).i == word and self.tree.governing_verb(head).i == head

    def _lead_sentences(self) -> list[int]:
        """The story's first two sentences after its headline (a first paragraph of one line
        that does not end like a sentence): the lead, and the sentence that gives its day when
        the lead gives none ('ETFO has a tentative deal. It was announced Friday evening')."""
        body = [s.index for s in self.sentences if s.text.strip() and not (
                s.index == 0 and self.context.paragraphs[1:2] == [1] and s.text.strip()[-1] not in '.!?"”\'')]
        return body[:2]

    def _told_in_past(self, sentence: int, text: str) -> bool:
        """Whether the sentence's date expression ``text`` hangs on a verb in the past ('the
        union announced Tuesday'), not on a plan ('unions are set to strike on Thursday')."""
        return any(e.text == text and self.tree.tense(self.tree.governing_verb(h).i) == "past"
                   for e, h in self._date_expressions(sentence))

    def _told_in_present(self, sentence: int) -> bool:
        """'The unions, for their part, accuse the province of ...': a sentence whose narrated
        main verb is in the simple present tells where things stand on the story's day, not
        the day a paragraph before it told of."""
        roots = [t for t in self.tree.sentence_tokens(sentence) if t.dep == "ROOT" and not self.tree.in_quote(t.i)]
        if not roots or self.tree.tense(roots[0].i) != "present" or self.tree.children(roots[0].i, ("aux", "auxpass")):
            return False
        return roots[0].tag in ("VBP", "VBZ", "VB")  # the tagger reads some plural presents as base forms

    def _past_event_day(self, sentence: int) -> tuple[date, str] | None:
        """'"Publicly funded" is how she sums it up, and on Saturday she carried that message to
        the legislature': a lead that tells its news on a past day (not its main verb's; nor
        one inside what the lead reports)."""
        roots = [t.i for t in self.tree.sentence_tokens(sentence) if t.dep == "ROOT"]
        told = {i for r in roots for i in (r, *self._narrated_clauses(r))}
        for expression, head in self._date_expressions(sentence):
            verb = self.tree.governing_verb(head)
            if verb.i in told and self.tree.tense(verb.i) == "past" and (day := resolve(expression.text, self.article.date, "past")):
                return day, expression.text
        return None

    def _narrated_clauses(self, verb: int) -> list[int]:
        """Clauses under a past verb that go on telling its story ('announced the strike and
        said Friday ...', 'walked out, leaving schools closed Friday'), whose day can date it.
        Not those inside what it reports: 'Hammond said his union was close to a deal until,
        late Friday, the government's negotiators changed course' tells of the negotiators'
        Friday, not of the day Hammond spoke."""
        return [i for i in self.tree.subtree(verb) if self.tree.tokens[i].dep in ("xcomp", "conj", "acl", "advcl")
                and not any(a.dep == "ccomp" for a in self._path_to(i, verb))]

    def _path_to(self, i: int, top: int) -> list:
        """The tokens between ``i`` and its ancestor ``top`` (neither included)."""
        path = []
        for ancestor in self.tree.ancestors(i):
            if ancestor.i == top:
                return path
            path.append(ancestor)
        return path

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

    @staticmethod
    def _vague_times(text: str) -> list:
        """The times in ``text`` that are no day ('in November', 'last spring'), as matches."""
        return list(_VAGUE_TIME.finditer(text))

    def _vague_time_on(self, token: int, reporting) -> bool:
        """'announced in the spring', 'since August': a time that is no day, on the
        statement's own verb (not somewhere else in the sentence). 'The union fought both plans
        from the start', 'opposed it all along': a stance told as held since the dispute began
        has no day either (a statement's own day, 'Bischof said Tuesday', still dates it)."""
        sentence = self.sentences[self.tree.tokens[token].sentence]
        verbs = self._time_verbs(token, reporting)
        above = {a.i for v in verbs for a in self.tree.ancestors(v)[:3]}
        for match in _VAGUE_TIME.finditer(sentence.text):
            start, end = sentence.start + match.start(), sentence.start + match.end()
            words = [t.i for t in self.tree.sentence_tokens(sentence.index) if start <= t.start < end]
            if words and (self.tree.governing_verb(words[0]).i in verbs or set(words) & above):
                return True
        return False

    def _time_verbs(self, token: int, reporting) -> set[int]:
        """The verbs whose time is the statement's: the verb of saying and the word's own
        clause, but not a subjectless clause that only describes a thing ('service cut by the
        government earlier this year': the cutting's time), and, for a participle clause ('have held
        pickets since September, calling on ...'), the verb it hangs on too."""
        own = self.tree.clause_verb(token)
        describes = (reporting is not None and own.dep in ("acl", "relcl") and own.i != reporting.i
                     and not self.tree.children(own.i, ("nsubj",)))  # 'the changes the union has fought' tells
        verbs = ({own.i} if not describes else set()) | ({reporting.i} if reporting else set())
        for verb in list(verbs):
            for word in [self.tree.tokens[verb], *self.tree.ancestors(verb)[:2]]:
                if reporting is not None and word.i == reporting.i:
                    break
                if word.tag == "VBG" and word.dep in ("advcl", "xcomp") and not self.tree.children(word.i, ("nsubj",)):
                    verbs.add(word.head)
                    break
        return verbs

    def _perfect_conjunct(self, verb: int) -> bool:
        """'Lecce said after Monday's session that ..., and he has urged the unions not to
        escalate': a verb joined to another with its own subject, in the perfect, tells a
        standing state, not the event the first verb's day dates."""
        word = self.tree.tokens[verb]
        return (word.dep == "conj" and bool(self.tree.children(verb, ("nsubj",)))
                and bool(self.tree.perfect(verb, climb=False)))

    def _told_as_earlier(self, token: int) -> bool:
        """'The plan, announced in the spring, ... Teachers and students called it experimental':
        a past action with no day, right after a sentence set in a vague past, is undated."""
        sentence = self.tree.tokens[token].sentence
        if self.tree.tense(token) != "past" or sentence == 0:
            return False
        same_paragraph = self.context.paragraphs[sentence - 1] == self.context.paragraphs[sentence]
        return bool(_VAGUE_TIME.search(self.sentences[sentence - 1].text)) and same_paragraph

    def _reporting_verb(self, token: int) -> Token | None:
        """The verb that reports the statement ("she said"), above the trigger or beside it in
        the sentence: its tense, not the tense of what is reported, dates the statement."""
        above = [a for a in self.tree.ancestors(token) if a.lemma in REPORTING_LEMMAS and a.pos == "VERB"]
        if above:
            return self._teller(above[0])
        beside = [v for v in self.tree.reporting_verbs(self.tree.tokens[token].sentence)
                  if v.dep not in ("relcl", "acl", "pcomp")]  # 'In announcing the dates, he said': 'said' reports
        return beside[0] if beside else None

    def _teller(self, verb: Token) -> Token:
        """'The premier had insisted nobody would be let go, Horwath said, and she asked ...';
        'The government claims it wants a deal, he said': a verb of saying that is itself told
        by another ('Horwath said', set off as a parenthetical) belongs to what is reported;
        the statement is made by the teller, in the teller's tense and on the teller's day."""
        tellers = [c for c in self.tree.children(verb.i, ("parataxis",))
                   if c.lemma in REPORTING_LEMMAS and c.pos == "VERB" and not self.tree.in_quote(c.i)]
        return tellers[0] if tellers else verb

    def _plan_held_by_another(self, token: int) -> bool:
        """'OSSTF, which is resisting the government's plans for larger classes, struck today':
        a plan named as its owner's thing ('the government's plans') inside a clause someone
        else acts in is told, not put forward, there; only a day on its own words dates it."""
        word = self.tree.tokens[token]
        owners = {self.context.token_entity(c) for c in self.tree.children(token, ("poss",))} - {None, ""}
        if word.pos not in ("NOUN", "PROPN") or not owners:
            return False
        verb = self.tree.clause_verb(token)
        subjects = self.tree.children(verb.i, ("nsubj", "nsubjpass"))
        return bool(subjects) and verb.i != token and not owners & {self.context.token_entity(s) for s in subjects}

    def _period_start(self, head: int) -> bool:
        """'The talks, the first since Dec. 19, ended late Friday': a day after 'since' opens
        a stretch of time; it is when something began, never the day a statement was made."""
        return any(c.lemma.lower() == "since" for c in [self.tree.tokens[head], *self.tree.ancestors(head)[:1]])

    def _modified_by_clause(self, date_head: int, clause: int) -> bool:
        """'on Feb. 6, when ETFO holds a strike': the when-clause hangs off the date."""
        return any(a.i == date_head for a in self.tree.ancestors(clause)[:3])
