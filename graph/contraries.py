"""Stances told by asking for the opposite of a policy (part of the facts stage).

Consumes one sentence with the article context; produces ``opposes`` facts for a side that
asks for what a government policy takes away: "the union is fighting for smaller classes",
"the teachers want smaller classes, she said". Nobody names the policy, yet a reader knows
who is against larger classes. Vocabulary (the contrary phrases of each policy and the verbs
of asking): ``data/rules/judgements.json``.
"""

from __future__ import annotations

from .context import ArticleContext
from .model import Fact, Token
from .policies import PolicyReader, read_as
from .rules import Contraries

__all__ = ["ContraryWants"]

#: What may stand between a rejected alternative's "not" and its policy: "not to richer
#: compensation", "not towards enhanced pay", "not enhancing compensation".
_ALTERNATIVE_GAP = 3
#: Marks that set "not X" off as an alternative after a comma or a quote ("A, not B").
_ALTERNATIVE_MARKS = frozenset({",", '"', "\u201c", ";", "--", "\u2014", "\u2013"})


class ContraryWants:
    """Oppositions told as asking for a policy's opposite, sentence by sentence."""

    def __init__(self, context: ArticleContext, words: Contraries, policies: PolicyReader | None = None):
        self.context, self.tree = context, context.tree
        self.words, self.policies = words, policies

    def facts(self, sentence: int, already: list[Fact]) -> list[Fact]:
        """'Proctor said the union is fighting for smaller classes': the asker (the asking
        verb's subject, else the sentence's speaker) opposes the policy, on the day it asks."""
        opposed = {(f.agent, f.object) for f in already if f.relation == "opposes"}
        facts = []
        for head, policy in self._contraries(sentence):
            verb = self._asking_verb(head)
            if verb is None or self.tree.is_negated(verb.i):
                continue
            when, date_text = self.context.fact_date(verb.i, "opposes")
            for agent in self._askers(sentence, verb):
                if (agent, policy) not in opposed and policy in self.context.kb.entities:
                    opposed.add((agent, policy))
                    facts.append(Fact("opposes", agent, policy, self.context.evidence(sentence), "opposes/wants-contrary", when, date_text))
        return facts + self.rejected_alternatives(sentence, opposed)

    def rejected_alternatives(self, sentence: int, opposed: set) -> list[Fact]:
        """'new money should go to student success, not to richer compensation', 'focus on the
        classroom, "not enhancing compensation"', 'smaller classes, not a two per cent raise':
        a policy set off after a comma as the alternative refused ("A, not B") is opposed by
        the sentence's speakers (else its main subjects), on the day of speaking, when they are
        on the side that may oppose it (a union refusing its own demand is no stance)."""
        if self.policies is None:
            return []
        tokens = self.tree.sentence_tokens(sentence)
        facts = []
        for k, word in enumerate(tokens[1:], start=1):
            if word.text.lower() != "not" or tokens[k - 1].text not in _ALTERNATIVE_MARKS:
                continue
            gap = tokens[k + 1:k + 1 + _ALTERNATIVE_GAP]
            ends = [n for n, t in enumerate(gap) if t.pos == "PUNCT"] + [len(gap)]
            named = self.policies.policies_in(t.i for t in gap[:ends[0]])
            for agent, (when, date_text) in self._refusers(sentence):
                side = self.context.side_of(agent)
                facts += [Fact("opposes", agent, p, self.context.evidence(sentence), "opposes/rejected-alternative", when, date_text)
                          for p in named if (agent, p) not in opposed and self.policies.owner(p) and side
                          and self.policies.side_allows("opposes", side, p)]
        return facts

    def _refusers(self, sentence: int) -> list[tuple[str, tuple]]:
        """Who refuses the alternative, with the day: the sentence's speakers on the day of
        speaking, else the actors subject of its main clauses."""
        roots = [t for t in self.tree.sentence_tokens(sentence) if t.dep == "ROOT"]
        verbs = self.tree.reporting_verbs(sentence) or roots  # 'replied the same day that ...'
        said_on = self.context.fact_date(verbs[0].i, "opposes") if verbs else (self.context.article.date, "")
        speakers = [s for s in self.context.speakers.get(sentence, []) if self.context.is_actor(s)]
        if speakers:
            return [(s, said_on) for s in speakers]
        return [(e, self.context.fact_date(r.i, "opposes")) for r in roots for s in self.tree.subjects(r.i)
                if self.context.is_actor(e := self.context.token_entity(s))]

    def _contraries(self, sentence: int) -> list[tuple[Token, str]]:
        """(last word, policy) of each contrary phrase in the sentence."""
        tokens = self.tree.sentence_tokens(sentence)
        words = [t.text.lower() for t in tokens]
        found = []
        for start, word in enumerate(words):
            for phrase, policy in self.words.by_first_word.get(word, ()):
                if tuple(words[start:start + len(phrase)]) == phrase:
                    found.append((tokens[start + len(phrase) - 1], read_as(self.context, policy)))
                    break
        return found

    def _asking_verb(self, head: Token) -> Token | None:
        """The verb asking for the phrase: its object ('want smaller classes'), or the verb
        of 'for' ('fighting for smaller classes'), through a list ('want X and smaller Y')."""
        while head.dep == "conj" and head.head != head.i:
            head = self.tree.tokens[head.head]
        parent = self.tree.tokens[head.head]
        if head.dep == "pobj" and parent.text.lower() == "for":
            parent = self.tree.tokens[parent.head]
        elif head.dep != "dobj":
            return None
        return parent if parent.pos == "VERB" and parent.lemma.lower() in self.words.wanting else None

    def _askers(self, sentence: int, verb: Token) -> list[str]:
        """The verb's own subject when it names a particular actor ('the union'); else the
        sentence's speakers ('the teachers want smaller classes, she said': she speaks for
        them); else a plain group as subject. Never the government side."""
        subjects = [e for s in self.tree.subjects(verb.i) if self.context.is_actor(e := self.context.token_entity(s))]
        speakers = [s for s in self.context.speakers.get(sentence, []) if self.context.is_actor(s)]
        named = [s for s in subjects if self.context.type_of(s) != "Group"]
        if any(self.context.is_government_side(s) for s in subjects):
            return []
        return [s for s in named or speakers or subjects if not self.context.is_government_side(s)]
