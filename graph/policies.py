"""Which policy, and which version of it, a sentence is about (part of the facts stage).

A policy is named by its terms ("class sizes", "online courses"); its version by a number or
word near that mention ("from 22 to 28" gives 28, "two online courses" gives two, "opt out"
the opt-out), or by a bare number that names a version of a policy under discussion ("the 28
the province had planned"). ``PolicyReader`` also remembers the policies of the last few
sentences, which "it", "the plan" or "neither backtrack" point back to.
"""

from __future__ import annotations

import re
from functools import cached_property

from .kb import KnowledgeBase
from .model import Fact, Mention, Token
from .policy_readings import (
    MOVED_FROM,
    concept_of,
    moved_from_versions,
    read_as,
    without_vague_proposals,
)

__all__ = ["PolicyReader", "read_as", "without_vague_proposals"]

#: Nouns whose "of N" names a version: "the target of 28", "a goal of 25".
_TARGET_NOUNS = frozenset({"target", "goal", "average", "cap", "limit", "plan"})
#: The words just before a version moved from ("rather than to 28"): not the version named.
_SET_ASIDE = rf"\b{MOVED_FROM}( to)?( an average of)?( about)?( the)? $"
#: Words that make a mention of a policy name its removal: "revoking Regulation 274", "the
#: regulation would be revoked", "to remove protections for students with special needs".
_REMOVAL_LEMMAS = frozenset({"revoke", "repeal", "scrap", "remove", "eliminate", "abolish", "rescind", "strip",
                             "axe", "dismantle", "gut", "revocation", "removal", "elimination", "scrapping",
                             "abolition", "stripping", "revoking", "repealing", "eliminating", "removing"})


class PolicyReader:
    """Policy mentions of one article and the versions they name."""

    def __init__(self, context, kb: KnowledgeBase):
        self.context, self.kb, self.tree = context, kb, context.tree
        self.focus: list[tuple[int, list[str]]] = []
        self._versions: dict = {}
        entity_of, type_of = context.entity_of, context.type_of
        self._mentions = sorted((m for m in context.resolved.parsed.mentions
                                 if type_of(entity_of.get(m.first_token, "")) == "Policy"), key=lambda m: m.start)

    def in_sentence(self, sentence: int) -> list[str]:
        return self.policies_in(t.i for t in self.tree.sentence_tokens(sentence))

    def policies_in(self, token_indices) -> list[str]:
        """Policy (version) ids named by the tokens, each mention read with its own numbers."""
        found = []
        indices = set(token_indices)
        for mention in self.mentions():
            if mention.first_token in indices:
                version = self.version(mention)
                if version == self.concept(version) and self._cut_away(mention):
                    continue  # 'cutting its class-size target from 28 to 25' names a new level: no cut
                if version not in found:
                    found.append(version)
        versioned = {self.concept(p) for p in found if self.concept(p) != p}
        return [p for p in found if p not in versioned]

    def _cut_away(self, mention: Mention) -> bool:
        """'a proposal to cut funding for full-day kindergarten': a policy that is the object of
        a cut is not itself proposed or opposed; the cut is (a policy opposed on mention). The
        search stops at the first other verb: in 'a plan to cut jobs and raise class sizes' the
        class sizes are raised, not cut. A policy joined by "and" to what a cut NOUN names ('its
        cuts to education funding and the larger classes it wants') is listed beside the cut,
        not cut by it; the verb of 'cutting jobs and class sizes' still cuts both."""
        joined = False
        for ancestor in [self.tree.tokens[mention.last_token], *self.tree.ancestors(mention.last_token)[:5]]:
            policy = self.kb.entities.get(self.context.entity_of.get(ancestor.i, ""))
            if policy and policy.stance_on_mention and policy.id != self.context.entity_of.get(mention.first_token):
                return ancestor.pos == "VERB" or not joined
            if ancestor.pos == "VERB":
                return False
            joined = joined or ancestor.dep == "conj"  # listed beside the cut's noun: see docstring
        return False

    def mentions(self) -> list[Mention]:
        """The article's policy mentions, in text order."""
        return self._mentions

    def number_objects(self, anchor: Token) -> list[int]:
        """A number the trigger is about: its object ('planned 28') or the noun its relative
        clause describes ('the 28 the province had planned', 'not the four it first announced')."""
        heads = [c.i for c in self.tree.children(anchor.i, ("dobj", "attr"))]
        heads += [c.i for h in heads for c in self.tree.children(h, ("conj",))]  # 'proposed 28 and four'
        if anchor.dep == "relcl" and anchor.head != anchor.i:
            heads.append(anchor.head)
        return [i for i in heads if self.tree.tokens[i].text.isdigit() or self.tree.tokens[i].pos == "NUM"]

    def change_targets(self, words: list[int]) -> list[int]:
        """'moving from 22 to 28', 'the target of 28': the number a change goes to (or a
        target is set at), which names a version of a policy under discussion even where the
        policy's own words are missing."""
        tokens = self.tree.tokens
        return [i for i in words if i > 1 and tokens[i].text.isdigit() and (tokens[i - 1].text.lower() == "to" or (
            tokens[i - 1].text.lower() == "of" and tokens[i - 2].lemma in _TARGET_NOUNS))]

    def versions_by_number(self, words: list[int], sentence: int, before_token: int) -> list[str]:
        """'the 28 the province had planned': a bare number that names a version of a policy
        under discussion (in this sentence or the last few) stands for that version."""
        numbers = {self.tree.tokens[i].text.lower() for i in words if self.tree.tokens[i].pos == "NUM" or self.tree.tokens[i].text.isdigit()}
        if not numbers:
            return []
        start = self.tree.sentences[sentence].first_token
        end = self.tree.sentences[sentence].last_token + 1
        earlier = [m.first_token for m in self.mentions() if m.first_token < before_token]  # 28 stays the 28 of the article
        discussed = {self.concept(p) for p in self.policies_in(list(range(start, end)) + earlier) + self.recent(sentence, before_token)}
        return [v.id for concept in sorted(discussed) for v in self.kb.versions_of(concept) if numbers & set(v.numbers)]

    def named_numbers(self, words: list[int], sentence: int, before_token: int) -> list[str]:
        """'supports neither the 25 nor the two courses': a number standing as a noun of its
        own ("the 25") names a version of a policy under discussion, as ``versions_by_number``
        reads it; a number counting a noun ("the two courses") does so only for a policy
        whose own terms end in that noun (not "two days", not "two per cent" for courses)."""
        tokens, nouns = self.tree.tokens, self._term_nouns
        nominal = [i for i in words if tokens[i].pos == "NUM" and self.tree.children(i, ("det",))]
        found = self.versions_by_number(nominal, sentence, before_token)
        for i in words:
            head = tokens[tokens[i].head]
            counted = tokens[i].dep == "nummod" and i not in nominal and nouns.get(head.lemma, nouns.get(head.text.lower()))
            if counted:
                found += [v for v in self.versions_by_number([i], sentence, before_token) if self.concept(v) in counted]
        return list(dict.fromkeys(found))

    @cached_property
    def _term_nouns(self) -> dict[str, set[str]]:
        """The last word of each policy term ("online courses" -> courses), with its policies."""
        return self.kb.term_nouns

    def recent(self, sentence: int, before_token: int) -> list[str]:
        """The latest version of each policy discussed in the last four sentences (and earlier
        in this one): what "it" or "neither backtrack" points back to."""
        latest: dict[str, str] = {}
        start = self.tree.sentences[sentence].first_token
        recent = [p for index, policies in self.focus if sentence - 4 <= index < sentence for p in policies]
        for policy in recent + self.policies_in(range(start, before_token)):
            concept = self.concept(policy)
            if policy != concept or latest.get(concept, concept) == concept:
                latest[concept] = policy
        return list(latest.values())

    def opposed_on_mention(self, policy_id: str) -> bool:
        entity = self.kb.entities.get(self.concept(policy_id))
        return bool(entity and entity.stance_on_mention == "opposes")

    def side_allows(self, relation: str, side: str, policy_id: str) -> bool:
        """Whether an actor of ``side`` ("government", "other" or "" when unknown) can propose
        or oppose the policy: 'the offer was rejected by the government' is not the
        government opposing its own class sizes, nor is a union's offer on class sizes a
        proposal of larger classes. A programme both sides claim ("both": special education
        funding) is proposed by either and opposed by neither."""
        entity = self._owning(policy_id)
        owner = entity.proposed_by if entity else ""
        if owner == "both":
            return relation != "opposes"
        if not owner or not side or relation not in ("proposes", "opposes"):
            return True
        own_side = (owner == "government") == (side == "government")
        return own_side if relation == "proposes" else not own_side

    def with_earlier_versions(self, facts: list[Fact]) -> list[Fact]:
        """'cutting its class-size target from an average of 28 to 25', 'Lecce said classes
        will average 23 students next year ... instead of the 28 the government had been
        moving toward': every proposal of a numbered version, whichever rule read it (a
        trigger, an announcement, a retreat), adds the version its sentence moves it from
        (``moved_from_versions``) as a standing proposal (no day) of ``earlier_proposer``."""
        added = []
        have = {(f.agent, f.object, f.evidence.start) for f in facts if f.relation == "proposes"}
        for fact in facts:
            if fact.relation != "proposes" or self.concept(fact.object) == fact.object:
                continue
            agent, side = self.earlier_proposer(fact.agent), self.context.side_of(fact.agent)
            for earlier in moved_from_versions(self.kb, fact.object, fact.evidence.sentence):
                if (agent, earlier, fact.evidence.start) not in have and self.side_allows("proposes", side, earlier):
                    have.add((agent, earlier, fact.evidence.start))
                    added.append(Fact("proposes", agent, earlier, fact.evidence, fact.rule, None, ""))
        return facts + added

    def earlier_proposer(self, agent: str) -> str:
        """Who proposed the version a proposal moved from ('Lecce offered 25 instead of 28'):
        the government's standing plan, so a minister or ministry moving it hands the earlier
        version to the government itself; anyone else keeps it ('a board lowering its target')."""
        government = self.kb.government_id
        return government if government and self.context.is_government_side(agent) else agent

    def owner(self, policy_id: str) -> str:
        """The side whose policy it is ("" for a standing programme no side owns)."""
        entity = self._owning(policy_id)
        return entity.proposed_by if entity and entity.proposed_by != "both" else ""

    def _owning(self, policy_id: str):
        """The entity whose side a policy is on: a version with a side of its own ('back to the
        class sizes of 2018-19' is the unions' demand, not the government's larger classes),
        else the policy it is a version of."""
        own = self.kb.entities.get(policy_id)
        return own if own and own.proposed_by else self.kb.entities.get(self.concept(policy_id))

    def names(self, policy_id: str) -> tuple[str, ...]:
        """The names and aliases of the policy a version belongs to: what "the plan", "the
        law" or "the reopening plan" can be matched against."""
        entity = self.kb.entities.get(self.concept(policy_id))
        return (entity.name, *entity.aliases) if entity else ()

    def concept(self, policy_id: str) -> str:
        return concept_of(self.kb, policy_id)

    def stance_of(self, policy_id: str) -> str:
        """What proposing the policy commits its proposer to: its concept, but a version with a
        side of its own (the unions' return to 2018-19 class sizes) only to itself, so that
        proposing it leaves the proposer's opposition to the concept's other versions."""
        return policy_id if self._owning(policy_id) is self.kb.entities.get(policy_id) else self.concept(policy_id)

    def version(self, mention) -> str:
        """The policy one mention names: its removal when a removal word governs it (see
        ``_removal``), else the version read around it (``_version``). Read once per mention:
        ``policies_in`` asks again for every trigger of the sentence and the ones after it."""
        if mention not in self._versions:
            self._versions[mention] = self._read_version(mention)
        return self._versions[mention]

    def _read_version(self, mention) -> str:
        policy_id = self.context.entity_of.get(mention.first_token, "")
        return read_as(self.context, self._removal(mention, policy_id) or self._version(mention, policy_id))

    def _removal(self, mention, policy_id: str) -> str:
        """'revoking Regulation 274 breaches the duty to bargain': a policy named as the thing
        removed stands for the policy of removing it, which the other side proposes."""
        removals = [e.id for e in self.kb.entities.values() if e.removal_of == policy_id]
        if not removals:
            return ""
        inside = range(mention.first_token, mention.last_token + 1)
        heads = [self.tree.tokens[i] for i in inside if self.tree.tokens[i].head not in inside]
        before = [t for t in self.tree.tokens[max(mention.first_token - 2, 0):mention.first_token] if t.pos != "DET"][-1:]
        for head in heads[:1]:  # the parse, or the word just before ("revoking Regulation 274 breaches ...")
            governing = [a for a in self.tree.ancestors(head.i)[:3] if a.pos in ("VERB", "NOUN", "AUX")][:1] + before
            if any(t.lemma in _REMOVAL_LEMMAS or t.text.lower() in _REMOVAL_LEMMAS for t in governing):
                return removals[0]
        return ""

    def _joined(self, mention, other) -> bool:
        """'the class sizes and staffing levels of the 2018-19 school year': a policy noun joined
        by "and" to the one before it (or to the noun that one qualifies: "class-size ratios")
        shares its modifiers, so the first mention's window runs on through the second to the
        year (or number) they share."""
        tokens = self.tree.tokens
        last = tokens[mention.last_token]
        nouns = {*range(mention.first_token, mention.last_token + 1), last.head if last.dep == "compound" else last.i}
        return any(tokens[i].dep == "conj" and tokens[i].head in nouns for i in range(other.first_token, other.last_token + 1))

    def _version(self, mention, policy_id: str) -> str:
        """The version one policy mention names, read in a window around it: "from 22 to 28"
        gives 28 (a number after "to" wins), "two online courses" gives two, "exemptions"
        gives the opt-out; no number or word, the policy itself."""
        text = self.context.article.text
        following = [m.start for m in self.mentions() if m.start > mention.start and not self._joined(mention, m)]
        window_start = max(mention.start - 25, 0)
        window_end = min(following[0] if following else len(text), mention.end + 120,
                         self.context.resolved.parsed.sentences[mention.sentence].end)
        window = text[window_start:window_end].lower()
        mention_at = mention.start - window_start
        best = (0, 0, policy_id)
        for version in self.kb.versions_of(policy_id):
            for number in version.numbers:
                for match in re.finditer(rf"(?<![\w.]){re.escape(number)}(?![\w]|\.\d)", window):
                    before = window[max(0, match.start() - 24):match.start()]
                    if re.search(_SET_ASIDE, before):
                        continue  # 'to 23 rather than to 28': 28 is the version moved from
                    if re.search(r"\bto( an average of)?( about)? $", before):
                        score = 3
                    elif 0 < mention_at - match.end() <= 14:
                        score = 2
                    else:
                        score = 1
                    best = max(best, (score, -abs(match.start() - mention_at), version.id))
            wide = text[max(mention.start - 60, 0):window_end].lower()
            for word in version.words:
                if word in wide:
                    best = max(best, (3, -abs(wide.index(word) - (mention.start - max(mention.start - 60, 0))), version.id))
        return best[2]
