"""Stances told in a clause hung on the policies it refers to (part of the facts stage).

Consumes one sentence with the article context and policy reader; produces ``opposes`` facts
for an opposing verb whose object is not in its own clause but is the noun the clause hangs
on: "The province is seeking larger classes and mandatory online courses, proposals the
unions oppose"; "bigger classes, which the trustees reject". The verb's subject opposes the
policies that noun names or restates. Likewise ``proposes`` facts for a proposing verb in
such a clause: "the one per cent limit the government imposed", "the online courses the
province had planned to make mandatory" tell a standing plan, dated only by a day the clause
itself names. Vocabulary (the opposing and proposing verbs and the summary nouns that restate
a list): ``data/rules/judgements.json``.
"""

from __future__ import annotations

from .context import ArticleContext
from .model import Fact, Token
from .policies import PolicyReader
from .rules import Judgements

__all__ = ["RestatedObjects"]

#: Clause links by which an opposing verb hangs on the noun it is about (spaCy often reads
#: "proposals the unions oppose" as a clausal complement of the noun).
_HANGING_DEPS = frozenset({"relcl", "ccomp", "acl"})
#: Words that stand for the noun inside its own clause ("which the unions oppose").
_RELATIVES = frozenset({"which", "that", "whom", "what"})


class RestatedObjects:
    """Oppositions whose object is the noun their clause hangs on, sentence by sentence."""

    def __init__(self, context: ArticleContext, policies: PolicyReader, words: Judgements):
        self.context, self.tree, self.policies = context, context.tree, policies
        self.words = words

    def proposals(self, sentence: int, already: list[Fact]) -> list[Fact]:
        """'the cap the government imposed on wages': the proposing verb's subject proposes
        each policy the noun names or restates, with no day unless the clause names one (the
        noun recalls a plan made before; the sentence's own day is not the plan's)."""
        done = {(f.agent, f.object) for f in already if f.relation == "proposes"}
        facts = []
        for verb in self.tree.sentence_tokens(sentence):
            if not self._hanging(verb, self.words.proposing_verbs):
                continue
            when, date_text = self.context.clause_date(verb.i) or (None, "")
            for agent in [e for s in self.tree.subjects(verb.i) if self.context.is_actor(e := self.context.token_entity(s))]:
                side = self.context.side_of(agent)
                for policy in self._referred_policies(verb):
                    known = (agent, policy) in done or (agent, self.policies.concept(policy)) in done  # read at its own version
                    if not known and self.policies.side_allows("proposes", side, policy):
                        done.add((agent, policy))
                        facts.append(Fact("proposes", agent, policy, self.context.evidence(sentence), "proposes/clause-on-noun", when, date_text))
        return facts

    def facts(self, sentence: int, already: list[Fact]) -> list[Fact]:
        """'..., proposals the unions oppose': the opposing verb's subject (on the side the
        policy allows: 'a demand the government rejects') opposes each policy the noun names or restates, on the day the
        verb's clause is dated (the article's day for the present tense)."""
        done = {(f.agent, f.object) for f in already if f.relation == "opposes"}
        facts = []
        for verb in self.tree.sentence_tokens(sentence):
            if not self._hanging(verb, self.words.opposing_verbs):
                continue
            agents = [e for s in self.tree.subjects(verb.i) if self.context.is_actor(e := self.context.token_entity(s))]
            when, date_text = self.context.fact_date(verb.i, "opposes")
            for agent in agents:
                for policy in self._referred_policies(verb):
                    if (agent, policy) not in done and self.policies.side_allows("opposes", self.context.side_of(agent) or "other", policy):
                        done.add((agent, policy))
                        facts.append(Fact("opposes", agent, policy, self.context.evidence(sentence), "opposes/clause-on-noun", when, date_text))
        return facts

    def _hanging(self, verb: Token, lemmas: frozenset[str]) -> bool:
        """A verb of ``lemmas``, not negated, in a clause on a noun, with no object of its
        own but a relative word."""
        if verb.pos != "VERB" or verb.lemma.lower() not in lemmas or verb.dep not in _HANGING_DEPS:
            return False
        if verb.head == verb.i or self.tree.is_negated(verb.i):
            return False
        return all(o.text.lower() in _RELATIVES for o in self.tree.children(verb.i, ("dobj",)))

    def _referred_policies(self, verb: Token) -> list[str]:
        """The policies of the noun the clause hangs on, when that noun names a policy
        ('bigger classes and e-learning, which ...') or restates some ('proposals',
        'changes'): those named from the verb that governs the list up to the clause."""
        noun = self.tree.tokens[verb.head]
        entity = self.context.entity_of.get(noun.i, "")
        if noun.lemma.lower() not in self.words.summary_nouns and self.context.type_of(entity) not in ("Policy", "PolicyVersion"):
            return []
        end = min(self.tree.subtree(verb.i))
        start = end
        while start > 0 and self.tree.tokens[start - 1].sentence == verb.sentence and not self._list_boundary(start - 1):
            start -= 1
        return self.policies.policies_in(range(start, end))

    def _list_boundary(self, i: int) -> bool:
        """A verb outside any policy's name ends the list backwards ('is seeking X, Y'); a
        summary noun never does, however the parser tags it ('proposals' as a verb)."""
        token = self.tree.tokens[i]
        return (token.pos in ("VERB", "AUX") and i not in self.context.entity_of
                and token.lemma.lower() not in self.words.summary_nouns)
