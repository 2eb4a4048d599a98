"""Policies a sentence names as someone's own, and the judgements passed on them (part of the
facts stage).

Consumes one sentence with the article context and policy reader; produces the ``Fact`` values
the sentence states by the shape of a policy's name rather than by a trigger word: "the
government's one per cent cap", "its larger classes", "the minister's agenda of bigger
classes" say whose policy it is (a standing proposal, no day); and a critic off the government
side who names such a policy in a negative judgement ("the damage its larger classes would
do", "forced e-learning") opposes it on the day of speaking. Vocabulary:
``data/rules/judgements.json``.
"""

from __future__ import annotations

from .context import ArticleContext
from .model import Fact, Mention, Token
from .policies import PolicyReader
from .rules import Judgements
from .trigger_matching import in_hyphenated_compound

__all__ = ["OwnedPolicies"]

#: Prepositions that tie a policy to the noun that owns it ("agenda of", "cap on", "plan for").
_OWNING_PREPOSITIONS = frozenset({"of", "on", "for"})
#: Marks of a condition the other side sets for standing down: "... if the government agrees to".
_OFFER_MARKS = frozenset({"if", "once"})


class OwnedPolicies:
    """Owned policies and the criticism of them, sentence by sentence, in one article."""

    def __init__(self, context: ArticleContext, policies: PolicyReader, words: Judgements):
        self.context, self.policies, self.tree = context, policies, context.tree
        self.words = words

    def facts(self, sentence: int, already: list[Fact]) -> list[Fact]:
        """The owners' standing proposals and their critics' oppositions in one sentence."""
        owned = self.owned(sentence)
        proposed = {(f.agent, f.object) for f in already if f.relation == "proposes"}
        opposed = {(f.agent, f.object) for f in already if f.relation == "opposes"}
        evidence = self.context.evidence(sentence)
        versioned = {self.policies.concept(f.object) for f in already if f.relation == "proposes"
                     and self.policies.concept(f.object) != f.object}  # 'cutting its target from 28 to 25'
        owned += [pair for pair in self.planned_cuts(sentence) if pair not in owned]
        facts = [Fact("proposes", owner, policy, evidence, "proposes/owned-policy")
                 for owner, policy in owned if (owner, policy) not in proposed and policy not in versioned]
        criticised = [policy for owner, policy in owned if self.context.is_government_side(owner)]
        criticised += self.pointed_plans(sentence)
        if criticised and self.judges_negatively(sentence):
            for critic, (when, date_text) in self.critics(sentence):
                facts += [Fact("opposes", critic, policy, evidence, "opposes/criticises-owned-policy", when, date_text)
                          for policy in dict.fromkeys(criticised) if (critic, policy) not in opposed
                          and self.policies.side_allows("opposes", "other", policy)]
        facts += self.withdrawal_conditions(sentence, opposed | {(f.agent, f.object) for f in facts})
        facts += self.offered_conditions(sentence, proposed | {(f.agent, f.object) for f in facts})
        return facts + self.those_policies(sentence, opposed | {(f.agent, f.object) for f in facts})

    def those_policies(self, sentence: int, opposed: set) -> list[Fact]:
        """'larger classes and mandatory e-learning will stay. ... the union will keep fighting to
        reverse those policies': 'those/these policies' in a negative judgement points back to
        every policy the sentence before (or this one, before the noun) named; the speaker and
        the subject of the clause that judges them oppose each, on the day of speaking."""
        if not self.judges_negatively(sentence):
            return []
        facts = []
        for noun in self.tree.sentence_tokens(sentence):
            determiners = [c.text.lower() for c in self.tree.children(noun.i, ("det",))]
            if noun.pos != "NOUN" or noun.lemma.lower() not in self.words.pointing_nouns or determiners not in (["those"], ["these"]):
                continue
            here = [i for i in self.tree.subtree(noun.i)]  # nothing named under the noun itself
            named = self.policies.policies_in(t.i for t in self.tree.sentence_tokens(sentence) if t.i < noun.i)
            named = [p for p in named or self.policies.in_sentence(sentence - 1) if self.policies.side_allows("opposes", "other", p)]
            if not named or self.policies.policies_in(here):
                continue
            critics = self.critics(sentence)
            verbs = [a for a in self.tree.ancestors(noun.i) if a.pos in ("VERB", "AUX")]
            critics += [(e, critics[0][1] if critics else self.context.fact_date(v.i, "opposes")) for v in verbs
                        for t in self.tree.subjects(v.i) if self.context.is_actor(e := self.context.token_entity(t))
                        and not self.context.is_government_side(e)]
            for critic, (when, date_text) in dict(critics).items():
                facts += [Fact("opposes", critic, p, self.context.evidence(sentence), "opposes/those-policies", when, date_text)
                          for p in named if (critic, p) not in opposed]
        return facts

    def withdrawal_conditions(self, sentence: int, opposed: set) -> list[Fact]:
        """'OSSTF will strike Wednesday unless the government backs away from larger classes':
        the side that makes the government's dropping a policy its condition opposes that
        policy, as of the day it says so (the article's day when no speaker is named)."""
        facts = []
        for verb in self.tree.sentence_tokens(sentence):
            if verb.dep != "advcl" or verb.lemma not in self.words.withdrawal:
                continue  # the cheap test first: it is asked of every word
            marks = [m.lemma.lower() for m in self.tree.children(verb.i, ("mark",))]
            if not set(marks) & self.words.condition_marks:
                continue
            if not any(self.context.is_government_side(self.context.token_entity(s)) for s in self.tree.subjects(verb.i)):
                continue
            words = [self.tree.tokens[i] for i in self.tree.subtree(verb.i)]
            named = self.policies.policies_in(t.i for t in words)
            named += [e for e in self.context.listed_with([t for t in words if t.i in self.context.entity_of])
                      if self.context.type_of(e) in ("Policy", "PolicyVersion") and e not in named]
            for critic, (when, date_text) in self.critics(sentence, main=verb.head):
                facts += [Fact("opposes", critic, p, self.context.evidence(sentence), "opposes/unless-withdrawn", when, date_text)
                          for p in named if (critic, p) not in opposed and self.policies.side_allows("opposes", "other", p)]
        return facts

    def offered_conditions(self, sentence: int, proposed: set) -> list[Fact]:
        """'the union would call off the walkouts if the government agreed to go back to the
        class sizes of 2018-19', 'its offer to postpone strikes if the province returns to ...':
        what the government must do for the other side to stand down is that side's demand, so
        the side stating the condition proposes each policy in it that its side may propose
        (never the government's own plans: 'if the government imposes larger classes')."""
        facts = []
        for verb in self.tree.sentence_tokens(sentence):
            if verb.dep != "advcl" or not {m.lemma.lower() for m in self.tree.children(verb.i, ("mark",))} & _OFFER_MARKS:
                continue
            if not any(self.context.is_government_side(self.context.token_entity(s)) for s in self.tree.subjects(verb.i)):
                continue
            named = self.policies.policies_in(self.tree.subtree(verb.i))
            for demander, (when, date_text) in self.demanders(sentence):
                facts += [Fact("proposes", demander, p, self.context.evidence(sentence), "proposes/offered-condition", when, date_text)
                          for p in named if (demander, p) not in proposed
                          and self.policies.side_allows("proposes", "other", p)]  # demanders are off the government side
        return facts

    def demanders(self, sentence: int) -> list[tuple[str, tuple]]:
        """Who sets a condition, with the day of the telling: the actors off the government side
        subject of the main verbs ("Bischof repeated the offer ..."), else its speakers."""
        return self.context.subject_actors(sentence, "proposes", exclude_government=True) or self.critics(sentence)

    def owned(self, sentence: int) -> list[tuple[str, str]]:
        """(owner, policy) pairs: a policy whose name, or the plan noun it hangs from ("agenda
        of", "cap on"), has a possessive naming an actor ("its", "the government's"). Policies
        listed with an owned one ("its larger classes, mandatory e-learning and ...") share
        its owner."""
        pairs = []
        for mention in self.policies.mentions():
            if mention.sentence != sentence:
                continue
            owner = self._possessor(mention)
            if not owner:
                continue
            tokens = [self.tree.tokens[i] for i in range(mention.first_token, mention.last_token + 1)]
            named = self.policies.policies_in(range(mention.first_token, mention.last_token + 1))
            listed = [e for e in self.context.listed_with(tokens) if self.context.type_of(e) in ("Policy", "PolicyVersion")]
            side = self.context.side_of(owner)
            pairs += [(owner, p) for p in named + listed if side and self.policies.owner(p)
                      and not self.policies.opposed_on_mention(p) and self.policies.side_allows("proposes", side, p)]
        return list(dict.fromkeys(pairs))

    def _possessor(self, mention: Mention) -> str:
        """The actor a possessive on the mention's head, or on the owning noun above it, names."""
        head = self.tree.span_head(mention.first_token, mention.last_token)
        nouns = [head]
        while head.dep in ("compound", "amod", "nummod") and head.head != head.i:
            head = self.tree.tokens[head.head]  # 'the request for a two per cent raise': the noun it modifies
            nouns.append(head)
        above = self.tree.tokens[self.tree.tokens[head.head].head]
        if head.dep == "pobj" and self.tree.tokens[head.head].text.lower() in _OWNING_PREPOSITIONS:
            nouns.append(above)  # 'the minister's agenda of bigger classes'
        elif head.dep in ("dobj", "nsubj") and (verb := self._planned_verb(self.tree.tokens[head.head])) is not None:
            nouns.append(self.tree.tokens[verb.head])  # 'their plan to raise class sizes'
        nouns = nouns[:1] + [n for n in nouns[1:] if n.pos == "NOUN" and n.lemma.lower() in self.words.owning_nouns]
        return next((owner for noun in nouns if (owner := self._noun_owner(noun))), "")

    def _noun_owner(self, noun: Token) -> str:
        """The actor a possessive on the noun names ('its', 'the government's')."""
        for poss in self.tree.children(noun.i, ("poss",)):
            entity = self.context.token_entity(poss) or self._clause_subject(poss)
            if self.context.type_of(entity) == "Ministry":
                return self.context.kb.government_id or entity  # 'the ministry's guide': its government's plan
            if self.context.is_actor(entity):
                return entity
        return ""

    def planned_cuts(self, sentence: int) -> list[tuple[str, str]]:
        """'$150 million in proposed provincial cuts', 'planned government cuts', 'the
        government's plans to cut supports': a cut told as planned or proposed, or as what
        the government's plan does, is the government's standing proposal. A cut told as done
        ('the government's cuts hurt students') is only named, so it is no proposal."""
        government = self.context.kb.government_id
        pairs = []
        for mention in self.policies.mentions():
            if mention.sentence != sentence or not self.policies.opposed_on_mention(mention.kb_id or ""):
                continue
            head = self.tree.span_head(mention.first_token, mention.last_token)
            marks = [c for c in self.tree.children(head.i, ("amod", "compound")) if c.lemma.lower() in self.words.planning]
            verb = self._planned_verb(head) if head.pos == "VERB" else None
            plan = self.tree.tokens[verb.head] if verb is not None else None
            owner = self._noun_owner(plan) if plan is not None and plan.lemma.lower() in self.words.owning_nouns else ""
            if marks and government:
                owner = owner or government
            owner = owner or self._cuts_owner(head)
            if owner and self.context.is_government_side(owner):
                pairs.append((owner, mention.kb_id))
        return list(dict.fromkeys(pairs))

    def _cuts_owner(self, head: Token) -> str:
        """'the government sought significant cuts', 'its negotiators keep pressing for
        cuts', 'wants the union to accept $150 million in cuts': cuts the government side is
        the subject of seeking, pushing or insisting on are its standing proposal, whatever the
        critic calls them (no day: the pressing goes on). Cuts it is only said to own or to have
        made ('the government's deep cuts') are named, not proposed: the gold splits on those."""
        wanted = [v for v in self.tree.children(head.i, ("relcl",)) if v.lemma.lower() in self.words.pushing_verbs]
        if wanted:
            return self._government_subject(wanted[0])  # 'the cuts the government is demanding'
        verb = self.tree.tokens[head.head]
        if head.dep == "pobj" and verb.text.lower() == "in" and self.tree.tokens[verb.head].dep == "dobj":
            head = self.tree.tokens[verb.head]  # '$150 million in cuts': the amount is the object
            verb = self.tree.tokens[head.head]
        if verb.dep == "prep" and verb.text.lower() in ("for", "on") and head.dep == "pobj":
            verb = self.tree.tokens[verb.head]  # 'pressing for cuts', 'insists on cuts'
        elif head.dep != "dobj":
            return ""
        if verb.dep in ("xcomp", "ccomp") and self.tree.tokens[verb.head].lemma.lower() in self.words.pushing_verbs:
            verb = self.tree.tokens[verb.head]  # 'wants the federation to accept cuts'
        if verb.pos != "VERB" or verb.lemma.lower() not in self.words.pushing_verbs:
            return ""
        return self._government_subject(verb)

    def _government_subject(self, verb: Token) -> str:
        """The government-side actor subject of the verb, or of the verb an infinitive or
        participle without a subject of its own hangs from; "" for any other subject."""
        while verb.dep in ("xcomp", "advcl") and not self.tree.subjects(verb.i) and verb.head != verb.i:
            verb = self.tree.tokens[verb.head]  # 'keep pressing for cuts', 'came back insisting on cuts'
        owners = [e for s in self.tree.subjects(verb.i) if (e := self.context.token_entity(s))]
        return owners[0] if owners and self.context.is_government_side(owners[0]) else ""

    def _planned_verb(self, verb: Token) -> Token | None:
        """'the government's plans to cut supports, to increase class sizes and to impose
        e-learning'; 'its plan to make classes larger': the infinitive a plan noun governs,
        reached through the verbs listed with it (and through a small clause under it), so
        every policy of the list hangs from the same owned plan."""
        seen = 0
        while verb.dep in ("conj", "ccomp", "xcomp") and verb.head != verb.i and seen < 6:
            verb, seen = self.tree.tokens[verb.head], seen + 1
        return verb if verb.dep == "acl" and verb.pos in ("VERB", "AUX") else None

    def _clause_subject(self, pronoun: Token) -> str:
        """'The Conservatives should scrap their plan': a possessive pronoun the entities stage
        left open is bound by the subject of its own clause."""
        if pronoun.tag != "PRP$":
            return ""
        for verb in self.tree.ancestors(pronoun.i):
            if verb.pos in ("VERB", "AUX"):
                found = [e for s in self.tree.subjects(verb.i) if self.context.is_actor(e := self.context.token_entity(s))]
                return found[0] if found else ""
        return ""


    def pointed_plans(self, sentence: int) -> list[str]:
        """'the plan stacks children into crowded classrooms', 'time to pay for the plan
        properly': "the plan" with no policy named in it points back to the government's
        policies of the last few sentences."""
        for token in self.tree.sentence_tokens(sentence):
            if token.pos != "NOUN" or token.lemma.lower() not in self.words.pointing_nouns or token.i in self.context.entity_of:
                continue
            determiners = [c.text.lower() for c in self.tree.children(token.i, ("det", "poss"))]
            if determiners in (["the"], ["this"]) and not self.policies.policies_in(self.tree.subtree(token.i)):
                return self._latest_government_plans(sentence, token)
        return []

    def _latest_government_plans(self, sentence: int, noun: Token) -> list[str]:
        """The government's policies last named before the noun, however far back: an
        article about one plan keeps calling it "the plan" paragraphs later. One whose own
        names use the noun ("reopening plan") is the one meant, if any was named."""
        earlier = [self.policies.recent(sentence, noun.i)] + [p for _, p in reversed(self.policies.focus)]
        earlier = [[p for p in policies if self.policies.owner(p) == "government" and not self.policies.opposed_on_mention(p)]
                   for policies in earlier]
        named = [p for policies in earlier for p in policies if any(
            noun.lemma.lower() in term.lower().split() for term in self.policies.names(p))]
        return named[:1] or next((policies for policies in earlier if policies), [])

    def judges_negatively(self, sentence: int) -> bool:
        """Whether the sentence carries a word of negative judgement."""
        tokens = self.tree.sentence_tokens(sentence)
        return any((t.lemma.lower() in self.words.negative or t.text.lower() in self.words.negative)
                   and not in_hyphenated_compound(tokens, t) for t in tokens)

    def critics(self, sentence: int, main: int | None = None) -> list[tuple[str, tuple]]:
        """Who passes the judgement, with the day: the sentence's speakers off the government
        side (on the day of speaking), else the subjects off that side of its main clauses
        (or of the verb ``main``), on the day of the article (a stance held as it is written)."""
        if main is None:
            return self.context.sentence_actors(sentence, "opposes", exclude_government=True, speakers_first=True)
        return self.context.speaking_actors(sentence, "opposes", exclude_government=True) or self.context.subject_actors(
            sentence, exclude_government=True, verbs=[self.tree.tokens[main]], dated=False)
