"""Proposals told in a relative clause without "that" (part of the facts stage).

Consumes one sentence with the article context and policy reader; produces ``proposes`` facts
for a policy named just before a clause of the shape "[the] ACTOR [had] [first] VERB" with a
proposing verb and no object of its own: "the one per cent limit the Ford government imposed
on wages", "the Support for Parents program Lecce announced last week", "the larger classes
it wants". English drops "that" in such clauses, and the parser often reads them wrongly (the
actor as an apposition of the policy, the verb as a clause of the main verb), so they are
read here from the order of the words. The clause recalls a standing plan: no day unless the
clause names one. Vocabulary: the proposing and pushing verbs of ``data/rules/judgements.json``.
"""

from __future__ import annotations

from .context import ArticleContext
from .model import Fact, Mention, Token
from .policies import PolicyReader
from .rules import Judgements
from .syntax import NEGATIONS

__all__ = ["ContactClauses"]

#: Parts of speech that may end the policy's own noun phrase ("the one per cent annual limit").
_PHRASE_TAIL = frozenset({"NOUN", "ADJ"})
#: Words that open the actor's part of the clause ("the Ford government", "that it").
_OPENERS = frozenset({"the", "that", "which"})
#: Words that may join coordinated policies sharing one clause ("larger classes and the online courses").
_JOINERS = frozenset({"and", "or", ",", "the", "its"})
#: Parts of speech after the verb that show it has an object of its own ("announced a plan").
_OWN_OBJECT = frozenset({"DET", "NOUN", "PROPN", "PRON", "NUM"})


class ContactClauses:
    """Proposals in "that"-less relative clauses on a policy's name, sentence by sentence."""

    def __init__(self, context: ArticleContext, policies: PolicyReader, words: Judgements):
        self.context, self.policies, self.tree = context, policies, context.tree
        self.verbs = (words.proposing_verbs | words.pushing_verbs) - words.withdrawal

    def proposals(self, sentence: int, already: list[Fact]) -> list[Fact]:
        """'the cap the province imposed': the clause's actor proposes the policy named before it."""
        done = {(f.agent, self.policies.concept(f.object)) for f in already if f.relation == "proposes"}
        facts = []
        for mention in self.policies.mentions():
            if mention.sentence != sentence or not (found := self.clause_after(mention)):
                continue
            agent, verb = found
            when, date_text = self.context.clause_date(verb.i) or (None, "")
            described = [m for m in self.coordinated_before(mention)] + [mention]
            for policy in self.policies.policies_in(i for m in described for i in range(m.first_token, m.last_token + 1)):
                concept = self.policies.concept(policy)
                if (agent, concept) in done or self.policies.opposed_on_mention(policy):
                    continue
                if self.policies.side_allows("proposes", self.context.side_of(agent), policy):
                    done.add((agent, concept))
                    facts.append(Fact("proposes", agent, policy, self.context.evidence(sentence),
                                      "proposes/contact-clause", when, date_text))
        return facts

    def coordinated_before(self, mention: Mention) -> list[Mention]:
        """'the bigger classes and mandatory online courses the government is pushing': the
        clause after the last of coordinated policies describes them all, so the policies
        joined to it by only "and", "or", commas and articles are its objects too."""
        joined, first = [], mention.first_token
        for earlier in reversed([m for m in self.policies.mentions() if m.sentence == mention.sentence and m.last_token < first]):
            gap = [self.tree.tokens[i].text.lower() for i in range(earlier.last_token + 1, first)]
            if not gap or not set(gap) <= _JOINERS or not set(gap) & {"and", "or", ","}:
                break
            joined.append(earlier)
            first = earlier.first_token
        return joined[::-1]

    def clause_after(self, mention: Mention) -> tuple[str, Token] | None:
        """The actor and verb of a clause "[the] ACTOR [aux/adverbs] VERB" right after the
        policy's noun phrase, when the verb proposes and has no object of its own."""
        tokens, last = self.tree.tokens, self.tree.sentences[mention.sentence].last_token
        i = mention.last_token + 1
        while i <= last and i - mention.last_token <= 2 and tokens[i].pos in _PHRASE_TAIL and i not in self.context.entity_of:
            i += 1  # 'the one per cent annual limit ...'
        if i <= last and tokens[i].text.lower() in _OPENERS:
            i += 1
        agent, i = self._actor_at(i, last)
        while agent and i <= last and tokens[i].pos in ("AUX", "ADV", "PART") and tokens[i].text.lower() not in NEGATIONS:
            i += 1
        if not agent or i > last or tokens[i].lemma.lower() not in self.verbs or tokens[i].pos != "VERB":
            return None
        if i < last and tokens[i + 1].pos in _OWN_OBJECT:
            return None  # 'on class sizes the government announced a new plan': its own object
        return agent, tokens[i]

    def _actor_at(self, i: int, last: int) -> tuple[str, int]:
        """The actor named from token ``i`` on (a run of its name's words, or a pronoun the
        entities stage resolved), with the index after it; "" when none starts there."""
        entity = ""
        while i <= last and self.context.is_actor(found := self.context.entity_of.get(i, "")):
            entity, i = found, i + 1
        if not entity and i <= last and self.tree.tokens[i].tag == "PRP":
            found = self.context.token_entity(self.tree.tokens[i])
            entity, i = (found, i + 1) if self.context.is_actor(found) else ("", i)
        return entity, i
