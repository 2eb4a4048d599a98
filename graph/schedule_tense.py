"""The tense of a verb whose past looks like its present, read from the schedule around it.

'Hit', 'shut', 'set', 'put', 'cut': the tagger reads such a verb as a past whenever it may,
so 'On Wednesday the strikes hit the Toronto and Limestone boards' sends the bare weekday
back a week even in a paragraph that lays out the coming week ('On Tuesday members go out
... On Thursday they reach Peel'). ``ScheduleTense`` reads such a verb as a present when
nothing marks it past (no auxiliary; a plural subject, so a present would not take '-s')
and a clause beside it, in the same sentence or a neighbouring one of its paragraph, tells
a dated present or future: the frame of a schedule decides the ambiguous form.
"""

from __future__ import annotations

__all__ = ["ScheduleTense"]

#: Subject pronouns whose present takes no '-s' (so 'they hit' may be either tense).
_BARE_PRESENT_PRONOUNS = frozenset({"they", "we", "you", "i"})


class ScheduleTense:
    """Mixin for ``StatementDates``: ``tree``, ``context`` and ``_date_expressions`` come from it."""

    def _verb_tense(self, verb: int) -> str:
        """``tree.tense``, but a past-looking bare form in a schedule's frame is a present."""
        tense = self.tree.tense(verb)
        return "present" if tense == "past" and self._ambiguous_past(verb) and self._schedule_frame(verb) else tense

    def _ambiguous_past(self, verb: int) -> bool:
        """A past tag on a form that is also the plural present ('strikes hit'), with nothing else marking it past."""
        word = self.tree.clause_verb(verb)
        if word.tag != "VBD" or word.text.lower() != word.lemma.lower() or self.tree.children(word.i, ("aux", "auxpass")):
            return False
        subjects = self.tree.children(word.i, ("nsubj",))
        return bool(subjects) and all(s.tag in ("NNS", "NNPS") or s.text.lower() in _BARE_PRESENT_PRONOUNS for s in subjects)

    def _schedule_frame(self, verb: int) -> bool:
        """Whether another clause of the sentence or of a neighbouring sentence in its paragraph
        names a day on a present or future verb ('On Thursday they reach Peel')."""
        word = self.tree.clause_verb(verb)
        paragraphs = self.context.paragraphs
        for sentence in (word.sentence - 1, word.sentence, word.sentence + 1):
            if not 0 <= sentence < len(paragraphs) or paragraphs[sentence] != paragraphs[word.sentence]:
                continue
            for _, head in self._date_expressions(sentence):
                other = self.tree.governing_verb(head)
                if other.i != word.i and not self.tree.in_quote(other.i) and self._told_ahead(other):
                    return True
        return False

    def _told_ahead(self, other) -> bool:
        """A future, or a simple present (no perfect) that is no past-looking bare form itself."""
        tense = self.tree.tense(other.i)
        return tense == "future" or tense == "present" and other.tag in ("VBP", "VBZ", "VB") and not self.tree.perfect(other.i)
