"""Whom a "he" or "she" cannot stand for, part of the entities stage: a person the rest of
its own clause names. "He accused the minister of moving too fast" is not said of the
minister by the minister, and in "Remarks by the premier had only spurred people on, he
said" the one who said it is not the premier the words are about; the pronoun goes back to
the nearest person before it outside that clause (most often the paragraph's speaker).
"""

from __future__ import annotations

import re

from .article_entities import ArticleEntities
from .model import Token
from .syntax import REPORTING_LEMMAS

__all__ = ["PronounBinding"]

#: Dependents of a verb that name someone the verb's subject acts on or speaks of.
_ARGUMENTS = ("dobj", "dative", "attr")
#: Prepositions whose object may well be the subject itself ("according to him", "for himself").
_OPEN_PREPOSITIONS = frozenset({"according", "for", "with", "like", "as"})
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")


class PronounBinding(ArticleEntities):
    """Unlinks or re-points personal pronoun subjects linked to a person of their own clause."""

    def unbind_own_clause(self) -> None:
        """Run after titles, so "the minister" already names whoever holds the title: a
        "he" or "she" subject linked to a person its own clause also names is pointed back
        to the nearest fitting person outside that clause, or to no one."""
        for token in self.tokens:
            lowered = self.lowered[token.i]
            person = self.token_entities.get(token.i, "")
            if lowered not in self.lexicon.pronoun_genders or token.dep not in ("nsubj", "nsubjpass") or not person:
                continue
            named = self._named_in_own_clause(token)
            if person in named:
                del self.token_entities[token.i]
                self._link(token, self._nearest_before(token.i, self.lexicon.pronouns[lowered], self._paragraph_reach(token),
                                                       self.lexicon.pronoun_genders[lowered], excluded=named))

    def bind_fronted_clauses(self) -> None:
        """'When he announced the strike, union president Harvey Bischof said ...', 'After
        she left the meeting, Stuart told reporters ...': a "he" or "she" subject of a clause
        that opens its sentence ahead of the main clause looks forward, to the person the
        main clause then names as its subject, not back to whoever the sentences before
        named last (a reader would never take it for someone else)."""
        for token in self.tokens:
            lowered = self.lowered[token.i]
            if lowered not in self.lexicon.pronoun_genders or token.dep != "nsubj":
                continue
            person = self._main_subject_ahead(token)
            if person and self._fits_gender(person, self.lexicon.pronoun_genders[lowered]):
                self._link(token, person)

    def _main_subject_ahead(self, token: Token) -> str:
        """The person named (by a name or title, not a pronoun) as subject of the main verb
        a sentence-opening adverbial clause hangs from, when that subject follows the clause."""
        clause = self.tokens[token.head]
        main = self.tokens[clause.head]
        opening = self.tree.subtree(clause.i)
        if clause.dep != "advcl" or clause.i > main.i or opening[0] != self.tree.sentences[token.sentence].first_token:
            return ""
        for subject in self.tree.children(main.i, ("nsubj",)):
            entity = self.token_entities.get(subject.i, "")
            if subject.i > opening[-1] and subject.pos != "PRON" and entity and self.entities[entity].type == "Person":
                return entity
        return ""

    def _paragraph_reach(self, token: Token, most: int = 3) -> int:
        """How many sentences back (at most ``most``) the token's paragraph goes: a pronoun
        pointed away from its own clause looks for the paragraph's speaker, not for someone
        quoted in the paragraph before (where a speaker the tagger missed is often meant)."""
        sentences = self.parsed.sentences
        reach = 0
        while reach < most and token.sentence - reach > 0:
            gap = self.parsed.article.text[sentences[token.sentence - reach - 1].start:sentences[token.sentence - reach].start]
            if _PARAGRAPH_BREAK.search(gap):
                break
            reach += 1
        return reach

    def _named_in_own_clause(self, token: Token) -> frozenset[str]:
        """The entities named (not by pronouns) in what the pronoun's verb acts on, and, for
        a reporting verb after its words ("..., he said"), in those words; a person there who
        is himself the subject of a reporting verb ("The dispute, Ford argued, is ..., he
        stressed") is the same speaker going on and stays possible."""
        verb = self.tokens[token.head]
        found = [a.i for a in self.tree.children(verb.i, _ARGUMENTS)]
        found += [o.i for p in self.tree.children(verb.i, ("prep",)) if self.lowered[p.i] not in _OPEN_PREPOSITIONS
                  for o in self.tree.children(p.i, ("pobj",))]
        found = [j for a in found for j in self.tree.subtree(a)]
        if verb.lemma in REPORTING_LEMMAS:
            found += self._reported_before(verb, token)
        return frozenset(e for j in found if (e := self.token_entities.get(j)) and self.tokens[j].pos != "PRON"
                         and not self._reporting_subject(self.tokens[j]))

    def _reported_before(self, verb: Token, token: Token) -> list[int]:
        """The words a reporting verb reports when they come before its subject: the clause
        it interrupts ("The ball, he said, is in ...": the verb hangs from it as parataxis)
        or its clausal complement ahead of it ("Remarks ... had spurred people on, he said");
        only from the last colon or semicolon before it on ("Hammond went further: the two
        sides were close, he said" reports only what follows the colon)."""
        if verb.dep == "parataxis":
            own = set(self.tree.subtree(verb.i))
            words = [j for j in self.tree.subtree(verb.head) if j not in own]
        else:
            words = [j for c in self.tree.children(verb.i, ("ccomp",)) if c.i < token.i for j in self.tree.subtree(c.i)]
        stops = [j for j in range(min(words, default=token.i), token.i) if self.tokens[j].text in (":", ";")]
        return [j for j in words if not stops or j > stops[-1]]

    def _reporting_subject(self, token: Token) -> bool:
        """Whether a token is (part of) the subject of a reporting verb."""
        token = self.tree.name_head(token.i)
        verb = self.tokens[token.head].lemma
        return token.dep in ("nsubj", "nsubjpass") and (verb in REPORTING_LEMMAS or verb in self.lexicon.naming_verbs)
