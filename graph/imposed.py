"""Policies named in their imposed form (part of the facts stage).

Consumes one sentence with the article context and policy reader; produces ``proposes`` facts
for a policy the government side owns when the sentence names it as imposed on others:
"mandatory e-learning", "the required online courses", "the province's plan to make online
courses mandatory", "imposing e-learning", "the requirement that students take two online
courses". News coverage names the government's standing plans this way long after they were
announced, without a proposing verb and often without naming the government in the clause:
the imposed form itself says whose plan it is. The plan is a standing one, so no day.
Vocabulary: the ``imposing`` words of ``data/rules/judgements.json``.
"""

from __future__ import annotations

from .context import ArticleContext
from .model import Fact, Mention, Token
from .named_laws import KIND_ANAPHORS
from .policies import PolicyReader
from .rules import Judgements

__all__ = ["ImposedPolicies"]

#: How far up the parse an imposing word may govern the mention ("the requirement that
#: students take two online courses": requirement -> take -> courses).
_REACH = 3
#: How many words before a mention a law noun may stand when the parse cuts them apart, and
#: the words that end its reach (a list or a new clause: "the bill and larger classes").
_LAW_WINDOW = 9
_BREAKS = frozenset({",", ";", ":", "and", "or", "while", "but", "--", "\u2014"})


class ImposedPolicies:
    """Government proposals read from a policy's imposed form, sentence by sentence."""

    def __init__(self, context: ArticleContext, policies: PolicyReader, words: Judgements):
        self.context, self.policies, self.tree = context, policies, context.tree
        self.imposing = words.imposing
        self.government = context.kb.government_id

    def proposals(self, sentence: int, already: list[Fact]) -> list[Fact]:
        """'teachers oppose mandatory e-learning': the government proposes the e-learning it
        imposes, unless someone on its side already proposes that policy in the sentence.
        Sentences naming no policy return at once: this runs for every sentence."""
        if not any(m.sentence == sentence for m in self.policies.mentions()):
            return []
        proposed = {self.policies.concept(f.object) for f in already
                    if f.relation == "proposes" and self.context.is_government_side(f.agent)
                    and not self._undoing(f.object)}
        facts = []
        for mention in self.policies.mentions():
            if mention.sentence != sentence:
                continue
            law, undone = self.law_form(mention), self.undone_imposer(mention)
            imposer = undone or self.imposer(mention) or (self.government if law else "")
            if not (undone or law or self.imposed(mention)) or not imposer:
                continue
            for policy in self.policies.policies_in(range(mention.first_token, mention.last_token + 1)):
                policy = self._counted(mention, policy) if self._undoing(policy) else self._imposed_version(policy)
                concept = self.policies.concept(policy)
                if concept in proposed or self.policies.owner(policy) != "government" or self.policies.opposed_on_mention(policy):
                    continue
                if policy == concept and self._numbered_elsewhere(concept):
                    continue  # 'the four online courses' named elsewhere: the plan is that version
                proposed.add(concept)
                facts.append(Fact("proposes", imposer, policy, self.context.evidence(sentence), "proposes/imposed-form"))
        return facts

    def imposer(self, mention: Mention) -> str:
        """The actor named last before the mention in its sentence, when it is on the
        government side ("the government's team would not discuss ... mandatory e-learning",
        "its plan to make online courses mandatory"); a ministry stands for its government.
        "" when that actor is another ("Lecce blames pay, while OECTA resists mandatory
        e-learning") or there is none: "teachers are fighting mandatory online courses" says
        what they fight, not who imposes it."""
        start = self.tree.sentences[mention.sentence].first_token
        for i in range(mention.first_token - 1, start - 1, -1):
            entity = self.context.token_entity(self.tree.tokens[i])
            if self.context.is_actor(entity) and not self.context.is_government_side(entity):
                return ""  # 'Lecce blames pay, while OECTA says it resists mandatory e-learning'
            if self.context.is_actor(entity):
                return self.government if self.context.type_of(entity) == "Ministry" and self.government else entity
        return ""

    def _numbered_elsewhere(self, concept: str) -> bool:
        """Whether the article names a numbered version of the policy somewhere."""
        numbered = {v.id for v in self.context.kb.versions_of(concept) if v.numbers}
        return any(self.policies.version(m) in numbered for m in self.policies.mentions())

    def imposed(self, mention: Mention) -> bool:
        """Whether an imposing word is part of the mention ("mandatory online courses"),
        modifies it ("the online courses required for graduation"), or governs it closely
        ("to make e-learning mandatory", "imposing e-learning", "the requirement that ...")."""
        inside = range(mention.first_token, mention.last_token + 1)
        words: list[Token] = [self.tree.tokens[i] for i in inside]
        head = self.tree.span_head(mention.first_token, mention.last_token)
        words += self.tree.children(head.i, ("amod", "acl", "acomp", "oprd"))
        words += self.tree.ancestors(head.i)[:_REACH]
        return any(t.lemma.lower() in self.imposing or t.text.lower() in self.imposing for t in words)

    def law_form(self, mention: Mention) -> bool:
        """'the law that limits raises to one per cent', 'Bill 124, the law that holds
        raises ...', 'the government's bill to hold raises ...': a policy told as what a
        bill, law or piece of legislation does is a law, and only the government makes one,
        so the government proposes it even where no one is named (its version a number names
        stays: the owner check keeps out other sides' policies)."""
        head = self.tree.span_head(mention.first_token, mention.last_token)
        chain = [head, *self.tree.ancestors(head.i)[:_REACH]]
        if any(t.pos == "NOUN" and t.lemma.lower() in KIND_ANAPHORS and t.i != head.i for t in chain):
            return True
        return self._law_just_before(mention)

    def _law_just_before(self, mention: Mention) -> bool:
        """'the government's bill to hold public-sector raises to one per cent': the parser
        often reads "raises" as a verb and cuts the policy off from the bill; a law noun a few
        words before the mention, with no list or clause break between, still frames it."""
        start = max(self.tree.sentences[mention.sentence].first_token, mention.first_token - _LAW_WINDOW)
        for i in range(mention.first_token - 1, start - 1, -1):
            token = self.tree.tokens[i]
            if token.text.lower() in _BREAKS:
                return False
            if token.pos == "NOUN" and token.lemma.lower() in KIND_ANAPHORS:
                return True
        return False

    def undone_imposer(self, mention: Mention) -> str:
        """The government, when the mention names in its imposed form what a way out undoes
        ("let students opt out of the mandatory online courses", "an exemption from the two
        compulsory online credits"): whoever offers the way out, the imposition it undoes is
        the government's standing plan. "" otherwise."""
        span = range(mention.first_token, mention.last_token + 1)
        text = mention.text.lower()
        undone = any(self._undoing(p) and not self._way_out_words(p, text) for p in self.policies.policies_in(span))
        return self.government if undone and (self.imposed(mention) or self._imposed_after(mention)) else ""

    def _imposed_after(self, mention: Mention) -> bool:
        """'an opt-out from the online courses it had said would be mandatory', 'from the two
        courses students were to be required to take': the clause after the noun tells the
        imposition, and the parser often hangs it elsewhere, so an imposing word a few words
        on, with no list or clause break between, counts (read only for what a way out undoes)."""
        end = min(self.tree.sentences[mention.sentence].last_token, mention.last_token + _LAW_WINDOW)
        for token in self.tree.tokens[mention.last_token + 1:end + 1]:
            if token.text.lower() in _BREAKS:
                return False
            if token.lemma.lower() in self.imposing or token.text.lower() in self.imposing:
                return True
        return False

    def _counted(self, mention: Mention, policy: str) -> str:
        """The imposed version a number counting the mention's noun names, read apart from
        the way out that sets the reading of the sentence: "an opt-out from the two
        compulsory online courses" undoes the two courses; with no number, the concept."""
        head = self.tree.span_head(mention.first_token, mention.last_token)
        nouns = [head] + ([self.tree.tokens[head.head]] if head.dep in ("amod", "compound") else [])
        numbers = {t.i for n in nouns for t in self.tree.children(n.i, ("nummod",))}
        numbers |= {t.i for t in self.tree.tokens[max(mention.first_token - 2, 0):mention.first_token] if t.pos == "NUM"}
        concept = self.policies.concept(policy)
        found = [v for v in self.policies.versions_by_number(sorted(numbers), mention.sentence, mention.first_token)
                 if self.policies.concept(v) == concept]
        return found[0] if found else concept

    def _way_out_words(self, policy: str, text: str) -> bool:
        """Whether a mention's text is itself the way out ("opt-out", "exemptions"), not the
        imposition it undoes."""
        return any(w in text for v in self.context.kb.versions_of(self.policies.concept(policy))
                   if v.id == policy for w in v.words)

    def _undoing(self, policy: str) -> bool:
        """Whether a policy is a version named by words, not numbers: the words that undo an
        imposition ("an opt-out from the two compulsory online courses"). Offering the way out
        does not propose the imposed form, which stays the government's standing plan, so a
        proposed opt-out must not hide the imposed courses named beside it."""
        return any(v.id == policy and v.words and not v.numbers
                   for v in self.context.kb.versions_of(self.policies.concept(policy)))

    def _imposed_version(self, policy: str) -> str:
        """The imposed form of a policy: the version a number names ("two mandatory online
        courses"), never a version named by words that undo the imposition (an opt-out)."""
        concept = self.policies.concept(policy)
        versions = [v for v in self.context.kb.versions_of(concept) if v.id == policy]
        return concept if versions and not versions[0].numbers else policy

