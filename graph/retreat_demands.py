"""Demands that the government retreat from a policy (part of the facts stage).

Consumes one sentence of the parsed article with its context and policy reader; produces
``opposes`` facts for a speaker off the government side who says the government SHOULD,
MUST or NEEDS TO drop, reverse or back down on a policy ("The government, he said, must back
down on raising class sizes"; "it should back away from its increase"). The trigger family
``opposes/wants-dropped`` reads such verbs only under a verb of asking ("urged the province
to scrap ..."); a reporter may as well put the demand in a modal, and the speaker's stance is
the same. The retreat words are those of the trigger families ``opposes/wants-dropped``
(single verbs) and ``opposes/move-away`` (phrasal verbs), so the vocabulary stays in data.
"""

from __future__ import annotations

from .context import ArticleContext
from .model import Fact
from .policies import PolicyReader
from .rules import Rules

__all__ = ["RetreatDemands"]

#: Modal auxiliaries of obligation ("should drop", "must back down", "ought to reverse").
_OBLIGING_AUX = frozenset({"should", "must", "ought"})
#: Verbs that oblige through an infinitive ("needs to scrap", "has to walk back", "ought to").
_OBLIGING_VERBS = frozenset({"need", "have", "ought"})
_VERB_RULE, _PHRASE_RULE = "opposes/wants-dropped", "opposes/move-away"


class RetreatDemands:
    """Speakers' demands that the government drop a policy, sentence by sentence."""

    def __init__(self, context: ArticleContext, policies: PolicyReader, rules: Rules):
        self.context, self.policies, self.tree = context, policies, context.tree
        by_id = {rule.id: rule for rule in rules.triggers}
        self.lemmas = by_id[_VERB_RULE].lemmas if _VERB_RULE in by_id else frozenset()
        phrases = by_id[_PHRASE_RULE].phrases if _PHRASE_RULE in by_id else ()
        self.particles = {phrase[0]: {p[1] for p in phrases if p[0] == phrase[0]} for phrase in phrases}

    def facts(self, sentence: int, already: list[Fact]) -> list[Fact]:
        """Oppositions of the sentence's speakers to what the government is told to drop."""
        opposed = {(f.agent, f.object) for f in already if f.relation == "opposes"}
        facts = []
        for verb in self.tree.sentence_tokens(sentence):
            if verb.pos != "VERB" or not self._retreat(verb) or not self._obliged(verb) or self.tree.is_negated(verb.i):
                continue
            if not any(self.context.is_government_side(self.context.token_entity(s)) for s in self._subjects(verb)):
                continue
            subject_words = {i for s in self._subjects(verb) for i in self.tree.subtree(s.i)}
            policies = self.policies.policies_in([i for i in self.tree.subtree(verb.i) if i not in subject_words])
            for critic, (when, date_text) in self.context.speaking_actors(sentence, "opposes", exclude_government=True):
                facts += [Fact("opposes", critic, policy, self.context.evidence(sentence), "opposes/told-to-retreat", when, date_text)
                          for policy in policies if (critic, policy) not in opposed]
        return list({(f.agent, f.object): f for f in facts}.values())

    def _retreat(self, verb) -> bool:
        """A verb of dropping ("scrap", "reverse"), or the head of a phrasal retreat whose
        particle or adverb is its child ("back down on", "back away from", "walk back")."""
        if verb.lemma in self.lemmas:
            return True
        words = {c.text.lower() for c in self.tree.children(verb.i)}
        return bool(self.particles.get(verb.lemma, set()) & words)

    def _obliged(self, verb) -> bool:
        """Under a modal of obligation, or the infinitive of "need to" / "have to"."""
        if any(c.lemma in _OBLIGING_AUX or c.text.lower() in _OBLIGING_AUX for c in self.tree.children(verb.i, ("aux",))):
            return True
        head = self.tree.tokens[verb.head]
        return verb.dep == "xcomp" and head.lemma in _OBLIGING_VERBS

    def _subjects(self, verb):
        """The verb's own subjects, or those of "need"/"have" above it."""
        own = self.tree.subjects(verb.i)
        return own or (self.tree.subjects(verb.head) if verb.dep == "xcomp" else [])
