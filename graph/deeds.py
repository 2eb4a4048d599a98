"""Deeds (part of the facts stage): whose deed a response is aimed at.

"Lecce called the joint walkout an irresponsible choice", "Bischof called Tuesday's
announcement amateur hour", "Stuart called the consultation meaningless": an answer aimed at a
deed with no owner named in its own phrase answers whoever the article says did that deed --
the subject of its verb ("Lecce announced on Tuesday that ...", "when the unions announced
it"), or its owner at another mention ("The Ford government's own consultation").
"""

from __future__ import annotations

import calendar
from collections.abc import Callable

from .context import ArticleContext
from .model import Token

__all__ = ["DeedReader"]

#: Possessives that say when, not whose: "Tuesday's announcement", "today's decision".
_TIME_OWNERS = frozenset(d.lower() for d in calendar.day_name) | {"today", "yesterday", "tonight", "week", "weekend"}


class DeedReader:
    """Finds who did a deed the article names as a plain noun ("the walkout").

    ``deed_nouns`` are the things one side says or does that the other answers ("the
    announcement", "the offer": ``deed_nouns`` of ``judgements.json``); ``strike_words``
    name strikes, the other kind of deed.
    """

    def __init__(self, context: ArticleContext, deed_nouns: frozenset[str], strike_words: frozenset[str],
                 named_by: Callable[[Token], str]):
        self.context, self.tree = context, context.tree
        self.deed_nouns, self.strike_words, self.named_by = deed_nouns, strike_words, named_by

    def is_deed(self, token: Token) -> bool:
        return token.lemma in self.deed_nouns or token.lemma in self.strike_words

    def by_bare_union(self, token: Token) -> bool:
        """'the toll of union escalation', 'tired of union strikes': a bare "union" naming
        whose deed it is, with no union's name in the phrase, is the unions' side taken
        together, as "union leaders" is."""
        head = self.tree.tokens[token.head]
        return token.lemma == "union" and token.tag == "NN" and token.dep == "compound" and self.is_deed(head) \
            and not any(c.pos == "PROPN" for c in self.tree.children(head.i, ("compound", "poss")))

    def unowned(self, token: Token) -> bool:
        """'the walkout', 'Tuesday's announcement': a deed whose phrase names no owner (a
        day's possessive dates it)."""
        owners = self.tree.children(token.i, ("poss", "compound"))
        return all(o.text.lower() in _TIME_OWNERS and not self.context.token_entity(o) for o in owners)

    def of_whom(self, token: Token) -> Token:
        """'all four of the unions', 'each of the boards': a quantity stands for whom it counts."""
        if token.pos not in ("DET", "NUM", "PRON") and token.lemma not in ("all", "each", "both", "some", "most"):
            return token
        counted = [o for p in self.tree.children(token.i, ("prep",)) if p.text.lower() == "of"
                   for o in self.tree.children(p.i, ("pobj",))]
        return counted[0] if counted else token

    def first_doers(self, deed: Token, wanted: Callable[[str], bool]) -> list[str]:
        """'Lecce responded to the strike': whoever the article first said did the same deed
        (the story's deed: "the four unions filed appeals")."""
        for earlier in range(deed.i):
            done = self.tree.tokens[earlier]
            if done.lemma == deed.lemma and done.sentence != deed.sentence:
                doers = [d for d in self._doers_at(done, by_owner=False) if wanted(d)]
                if doers:
                    return doers
        return []

    def latest_doers(self, deed: Token, wanted: Callable[[str], bool]) -> list[str]:
        """'called the joint walkout irresponsible when the unions announced it', 'Lecce
        announced on Tuesday ... Bischof called Tuesday's announcement amateur hour': the doer
        told in the deed's own sentence ("announced it"), else at the nearest earlier mention
        of the deed or of its verb."""
        sentence = self.tree.sentence_tokens(deed.sentence)
        told = [v for t in sentence if t.lemma == "it" and t.dep == "dobj" and t.i > deed.i
                for v in [self.tree.tokens[t.head]] if v.pos == "VERB"]
        for done in told + [self.tree.tokens[i] for i in range(deed.i - 1, -1, -1)]:
            if done in told or self._same_deed(done, deed):
                doers = [d for d in self._doers_at(done) if wanted(d)]
                if doers:
                    return doers
        return []

    @staticmethod
    def _same_deed(done: Token, deed: Token) -> bool:
        """The same noun, or the verb it is made from ("announced" for "announcement",
        "escalated" for "escalation"); a verb in a relative clause ("not the four the government
        first announced") describes something else, not the deed itself."""
        if done.i == deed.i or done.pos not in ("NOUN", "VERB") or done.dep == "relcl":
            return False
        stem = done.lemma.removesuffix("e")
        return done.lemma == deed.lemma or (done.pos == "VERB" and len(stem) >= 5 and deed.lemma.startswith(stem))

    def _doers_at(self, done: Token, by_owner: bool = True) -> list[str]:
        """Who did the deed at one mention: a noun's owner, else its verb's subjects."""
        owners = by_owner and [e for o in self.tree.children(done.i, ("poss",)) if (e := self.named_by(o))]
        if owners:
            return owners
        verb = done if done.pos == "VERB" else self.tree.clause_verb(done.i)
        return [e for s in self.tree.subjects(verb.i) if (e := self.named_by(self.of_whom(s)))]
