"""Earlier versions of a plan named with their proposer in a relative clause (part of the
facts stage).

Consumes one sentence with the article context and policy reader; produces ``proposes`` facts
for a bare version number that a relative clause gives an author: "23 students rather than
the 28 the government first announced", "well below the 28 the Progressive Conservatives
first set out", "two credits online, not the four it had planned". Deal and ratification
stories tell the government's original plan this way, in retrospect and after the current
figure, where no verb of offering governs the number: the relative clause's subject is the
one who proposed it. The plan is an earlier, standing one, so no day. Vocabulary: the
``proposes`` trigger words (single verbs and verb-particle phrases) of
``data/rules/triggers.jsonl``.
"""

from __future__ import annotations

from .context import ArticleContext
from .model import Fact, Token
from .policies import PolicyReader
from .rules import Rules
from .syntax import NEGATIONS

__all__ = ["EarlierVersions"]


class EarlierVersions:
    """Proposals of a version number told with its author in a relative clause."""

    def __init__(self, context: ArticleContext, policies: PolicyReader, rules: Rules):
        self.context, self.policies, self.tree = context, policies, context.tree
        proposing = [r for r in rules.triggers if r.relation == "proposes" and "VERB" in r.pos]
        self.verbs = frozenset(w for r in proposing for w in r.lemmas)
        self.phrases = frozenset(tuple(p) for r in proposing for p in r.phrases if len(p) == 2 and "*" not in p)

    def proposals(self, sentence: int, already: list[Fact]) -> list[Fact]:
        """'the 28 the government first announced': the clause's subject proposes the 28."""
        have = {(f.agent, f.object) for f in already if f.relation == "proposes"}
        facts = []
        for number, version in self.numbered_versions(sentence):
            agent = self.author(number)
            if not agent or (agent, version) in have:
                continue
            if not self.policies.side_allows("proposes", self.context.side_of(agent), version):
                continue
            have.add((agent, version))
            facts.append(Fact("proposes", agent, version, self.context.evidence(sentence),
                              "proposes/earlier-version-relative", None, ""))
        return facts

    def numbered_versions(self, sentence: int) -> list[tuple[Token, str]]:
        """Bare numbers of the sentence that number a version of a policy it names: 'the 28'
        in a sentence about average high school classes is that version of class sizes. Only
        the sentence's own tokens are scanned, and its policies only when it has a number: this
        runs for every sentence of every article."""
        numbers = [t for t in self.tree.sentence_tokens(sentence) if t.pos == "NUM"]
        if not numbers:
            return []
        concepts = {self.policies.concept(p) for m in self.policies.mentions() if m.sentence == sentence
                    for p in self.policies.policies_in(range(m.first_token, m.last_token + 1))}
        found = []
        for token in numbers:
            for concept in sorted(concepts):
                found += [(token, v.id) for v in self.context.kb.versions_of(concept) if token.text.lower() in v.numbers]
        return found

    def author(self, number: Token) -> str:
        """The actor subject of a proposing relative clause on the number, not denied ('the
        28 the government never proposed'); the government for a minister or ministry, whose
        earlier plan is the government's standing one ("" when there is none)."""
        for clause in self.tree.children(number.i, ("relcl",)):
            if not self._proposing(clause) or any(c.text.lower() in NEGATIONS for c in self.tree.children(clause.i, ("neg",))):
                continue
            for subject in self.tree.children(clause.i, ("nsubj",)):
                agent = self.context.token_entity(subject)
                if self.context.is_actor(agent):
                    return self.policies.earlier_proposer(agent)
        return ""

    def _proposing(self, verb: Token) -> bool:
        """A proposing verb ('announced', 'planned'), or one with its particle ('set out')."""
        if verb.lemma.lower() in self.verbs:
            return True
        return any((verb.lemma.lower(), p.text.lower()) in self.phrases for p in self.tree.children(verb.i, ("prt",)))
