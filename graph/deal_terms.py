"""Policies named as the terms of a deal someone wants (part of the facts stage).

Consumes one sentence with the article context and policy reader; produces ``proposes`` facts
for a policy told as what a settlement must hold: "any fair deal must include proper special
education funding", "come back with a mandate to discuss special education funding and the
kindergarten program", "a deal, one that properly funds special education", "an agreement
that protects full-day kindergarten". A side at the table names its demands this way rather
than with a proposing verb: the demand hangs from the deal (or mandate) noun, not from the
speaker's verb. The speaker (or the subject of the sentence) proposes each policy its side may
propose, on the day of speaking. Vocabulary: the ``settlement_nouns`` and ``settlement_verbs`` of
``data/rules/judgements.json``.
"""

from __future__ import annotations

from .context import ArticleContext
from .model import Fact, Mention, Token
from .policies import PolicyReader
from .rules import Judgements
from .syntax import NEGATIONS

__all__ = ["DealTerms"]

#: How far up the parse the deal noun may stand above the policy's name ("a deal, one that
#: funds special education and keeps the kindergarten program": program -> keeps -> funds
#: -> one -> deal).
_REACH = 8
#: Links by which a deal noun's content hangs from it.
_TERM_LINKS = frozenset({"acl", "relcl", "appos"})
#: Words that deny the clause ("a deal that does not include larger classes"), or the deal
#: itself ("no deal will include ..."): ``syntax.NEGATIONS`` and the determiner "no".
_DENIALS = NEGATIONS | {"no"}


class DealTerms:
    """Proposals read from the terms of a wanted deal, sentence by sentence."""

    def __init__(self, context: ArticleContext, policies: PolicyReader, words: Judgements):
        self.context, self.policies, self.tree = context, policies, context.tree
        self.nouns, self.verbs = words.settlement_nouns, words.settlement_verbs

    def proposals(self, sentence: int, already: list[Fact]) -> list[Fact]:
        """'any deal must include X': the one who says so proposes X, on the day of speaking."""
        if not self.nouns:
            return []
        done = {(f.agent, self.policies.concept(f.object)) for f in already if f.relation == "proposes"}
        facts = []
        for mention in self.policies.mentions():
            if mention.sentence != sentence or self.policies.opposed_on_mention(mention.kb_id or "") or not self.is_term(mention):
                continue
            for agent, (when, date_text) in self.demanders(sentence):
                for policy in self.policies.policies_in(range(mention.first_token, mention.last_token + 1)):
                    concept = self.policies.concept(policy)
                    if (agent, concept) in done or not self.policies.side_allows("proposes", self.context.side_of(agent), policy):
                        continue
                    done.add((agent, concept))
                    facts.append(Fact("proposes", agent, policy, self.context.evidence(sentence),
                                      "proposes/deal-terms", when, date_text))
        return facts

    def is_term(self, mention: Mention) -> bool:
        """Whether a deal noun stands above the mention ("a mandate to discuss ...", "a deal,
        one that funds ..."), or is the subject of a verb of holding above it ("any deal must
        include ..."), with no denial on the way up. The climb stops at a verb an actor is the
        subject of: "the agreement appeared within reach until the government reversed
        positions on X" is no term of the deal, nor is "the agreement answers concerns"."""
        below = None
        head = self.tree.span_head(mention.first_token, mention.last_token)
        for word in [head] + self.tree.ancestors(head.i)[:_REACH]:
            if any(c.text.lower() in _DENIALS for c in self.tree.children(word.i, ("neg", "det"))):
                return False
            subjects = self.tree.subjects(word.i) if word.pos in ("VERB", "AUX") else []
            if self._is_deal(word) and below is not None and self._attaches_terms(below):
                return True
            own = self.tree.children(word.i, ("nsubj", "nsubjpass")) if word.dep != "prep" else []
            if word.lemma.lower() in self.verbs and any(self._is_deal(s) for s in own):
                return True
            if any(self.context.is_actor(self.context.token_entity(s)) for s in subjects):
                return False
            below = word
        return False

    @staticmethod
    def _attaches_terms(word: Token) -> bool:
        """Whether the word under a deal noun gives its content: a clause on it ("a mandate to
        discuss ...", "a deal that funds ..."), a restatement ("a deal, one that ...") or
        "with" ("a contract with smaller classes"); not "the deal answers concerns including ..."."""
        return word.dep in _TERM_LINKS or (word.dep == "prep" and word.lemma.lower() == "with")

    def _is_deal(self, word: Token) -> bool:
        return word.pos == "NOUN" and word.lemma.lower() in self.nouns

    def demanders(self, sentence: int) -> list[tuple[str, tuple]]:
        """Who states the terms, with the day: the actors subject of the sentence's main verbs
        ("Hammond said ...", "Hammond dared Lecce to come back with a mandate to ..."), else its
        speakers ("... must include X, the union said")."""
        return self.context.sentence_actors(sentence)

