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
from .policies import read_as
from .rules import Contraries

__all__ = ["ContraryWants"]



class ContraryWants:
    """Oppositions told as asking for a policy's opposite, sentence by sentence."""

    def __init__(self, context: ArticleContext, words: Contraries):
        self.context, self.tree = context, context.tree
        self.words = words

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
        return facts

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
