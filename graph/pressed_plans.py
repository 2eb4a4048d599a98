"""Stances read from a critic reporting the government's pressing for a policy (part of the
facts stage).

Consumes one sentence with the article context and policy reader; produces the oppositions
a critic states by telling how the government side presses its plan: "the government is still
pushing for larger classes, Bischof said", "Stuart said the ministry wants to force e-learning
on students", "the province is using its power to push class sizes up, he said". Nobody says
"oppose", yet a reader knows the speaker is against what the other side is said to push. The
words of pressing are the ``pushing_verbs`` of ``data/rules/judgements.json`` that are not
also plain ``proposing_verbs`` (a critic telling what the minister proposed or announced may
only be reporting). The sibling reading of a government *holding* to a policy is
``graph.held_positions``.
"""

from __future__ import annotations

from .context import ArticleContext
from .model import Fact, Token
from .policies import PolicyReader
from .rules import Judgements

__all__ = ["PressedPlans"]


class PressedPlans:
    """Oppositions told as the other side's pressing, sentence by sentence."""

    def __init__(self, context: ArticleContext, policies: PolicyReader, words: Judgements):
        self.context, self.tree, self.policies = context, context.tree, policies
        self.pressing = words.pushing_verbs - words.proposing_verbs

    def facts(self, sentence: int, already: list[Fact]) -> list[Fact]:
        """Each speaker of the sentence off the government side opposes every government
        policy named under a pressing verb whose subject is the government side, on the day
        of speaking (the pressing itself is the government's standing proposal, read
        elsewhere)."""
        critics = [s for s in self.context.speakers.get(sentence, [])
                   if self.context.is_actor(s) and not self.context.is_government_side(s)]
        if not critics:
            return []
        opposed = {(f.agent, f.object) for f in already if f.relation == "opposes"}
        facts = []
        for verb in self._pressing_verbs(sentence):
            for policy in self.policies.policies_in(self.tree.subtree(verb.i)):
                if not self.policies.side_allows("proposes", "government", policy):
                    continue
                for critic in critics:
                    if (critic, policy) not in opposed:
                        opposed.add((critic, policy))
                        when, date_text = self._said_on(sentence)
                        facts.append(Fact("opposes", critic, policy, self.context.evidence(sentence),
                                          "opposes/reports-pressing", when, date_text))
        return facts

    def _pressing_verbs(self, sentence: int) -> list[Token]:
        """Verbs of pressing, not negated, whose subject (or the subject of the verb they hang
        from: 'keeps pushing', 'is using its power to push') is on the government side."""
        found = []
        for verb in self.tree.sentence_tokens(sentence):
            if verb.pos != "VERB" or verb.lemma.lower() not in self.pressing or self._given_up(verb):
                continue
            subjects = [e for s in self.tree.subjects(verb.i) if (e := self.context.token_entity(s))]
            if subjects and self.context.is_government_side(subjects[0]):
                found.append(verb)
        return found

    def _given_up(self, verb: Token) -> bool:
        """'does not want', 'never pushed', 'no longer insists': pressing denied or ended is
        the government backing off, no grievance of the speaker's."""
        ended = [c for a in self.tree.children(verb.i, ("advmod",)) for c in self.tree.children(a.i, ("neg", "det", "advmod"))
                 if c.lemma.lower() in ("no", "not")]
        if verb.dep == "xcomp" and verb.head != verb.i and self._given_up(self.tree.tokens[verb.head]):
            return True  # 'does not want to force bigger classes'
        return self.tree.is_negated(verb.i) or bool(ended)

    def _said_on(self, sentence: int):
        """The day the sentence's speaker said it: the date of its reporting verb."""
        verbs = self.tree.reporting_verbs(sentence)
        return self.context.fact_date(verbs[0].i, "opposes") if verbs else (self.context.article.date, "")
