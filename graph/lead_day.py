"""The lead's day, part of the facts stage (mixed into ``StatementDates``).

'Teachers will work to rule, their union announced Thursday' in Friday's paper: what the
story goes on to report as said with no day of its own was said with the lead's news, on
that earlier day, until the story tells news of its own day ('Meanwhile, OSSTF said today
...'). Kept apart from ``graph.statement_dates`` and ``graph.date_ties`` because it is one
question (how far the lead's day reaches) asked of the whole article, not of one fact. The
mixing class provides ``tree``, ``sentences``, ``article`` and ``context`` and the date
helpers of ``StatementDates`` (``_statement_day``, ``_date_expressions``) and
``DateClues`` (``_lead_sentences``, ``_told_in_past``, ``_past_event_day``).
"""

from __future__ import annotations

from datetime import date
from functools import cached_property

from .dates import resolve

__all__ = ["LeadDay"]


class LeadDay:
    """The lead's day and how far it reaches (see the module)."""

    @cached_property
    def _lead_day(self) -> tuple[date, str] | None:
        """'Teachers will work to rule, their union announced Thursday' in Friday's paper:
        what the story goes on to report as said ("Hammond said in a statement"), with no
        day of its own, was said with the lead's news, that earlier day (named in words)."""
        found = None
        for sentence in self._lead_sentences():
            found = self._statement_day(sentence)
            told = found and self._told_in_past(sentence, found[1]) and not self._after_article(found)
            found = found if told else self._past_event_day(sentence)
            if found and found[1] or self._names_a_day(sentence) and not self._names_only_coming_days(sentence):
                break
        named_earlier = found and found[1] and self.article.date and found[0] < self.article.date
        return found if named_earlier else None

    def _after_article(self, found: tuple[date, str] | None) -> bool:
        """Whether a day read for a lead lies after the story's own date. 'KINGSTON -- Teachers
        blocked the minister's car Wednesday': the parse can make the dateline the sentence's
        root, whose weekday then reads forward although its own verb tells a past event; such
        a day is read again from the past event (``_past_event_day``)."""
        return bool(found and found[0] and self.article.date and found[0] > self.article.date)

    def _names_a_day(self, sentence: int) -> bool:
        """'For the second time this week, parents kept their children home. On Friday it was
        the elementary teachers' turn': a span with no one day ('this week', 'last month')
        does not date the lead's news, so the search for the lead's day (``_lead_day``) goes
        on to the next sentence, which may name it."""
        return any(resolve(e.text, self.article.date, "past") for e, _ in self._date_expressions(sentence))

    def _names_only_coming_days(self, sentence: int) -> bool:
        """'Catholic teachers will strike again next Thursday, their union said': a lead whose
        every day lies after the story's own day tells a plan, not when its news broke; the
        next sentence can still give that ('The union made the decision Thursday'), so such a
        lead does not end the search for the lead's day (``_lead_day``)."""
        days = [resolve(e.text, self.article.date, self.tree.tense(self.tree.governing_verb(h).i))
                for e, h in self._date_expressions(sentence)]
        return bool(days and self.article.date) and all(day and day > self.article.date for day in days)

    def _lead_day_reaches(self, sentence: int) -> bool:
        """'Meanwhile, OSSTF said today that its members will walk out ...': once the story has
        told news of its own day, what it reports after that with no day of its own goes with
        that news, not with the earlier day of the lead (``_lead_day``). Only news told as done
        on that day counts: a day that bounds a silence ('the board had not commented by this
        morning') or a plan ('schools will close today') tells none."""
        first = self._first_own_day_news
        return first is None or first >= sentence

    @cached_property
    def _first_own_day_news(self) -> int | None:
        """The first sentence telling news done on the story's own day (see
        ``_lead_day_reaches``), found once: asking each fact's earlier sentences again was
        quadratic in the article's length."""
        for sentence in range(len(self.sentences)):
            for expression, head in self._date_expressions(sentence):
                verb = self.tree.governing_verb(head)
                backstory = self.tree.children(verb.i, ("neg",)) or self.tree.perfect(verb.i, climb=False)
                told = self.tree.tense(verb.i) == "past" and not backstory
                if told and resolve(expression.text, self.article.date, "past") == self.article.date:
                    return sentence
        return None
