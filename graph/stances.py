"""Stances a sentence implies beyond its trigger words (part of the facts stage).

Consumes one sentence's trigger facts (from ``graph.facts``) with the article context and
policy reader; produces the further ``Fact`` values the same sentence states by its shape:
a cut named by anyone outside the government is opposed by them; a government speaker
stating a policy in the present or future proposes it; a government that holds to a policy
keeps proposing it, and whoever on the other side reports that holding opposes the policy
(``held_positions``).
"""

from __future__ import annotations

from dataclasses import replace

from .contact_clauses import ContactClauses
from .context import ArticleContext
from .contraries import ContraryWants
from .deal_terms import DealTerms
from .earlier_versions import EarlierVersions
from .held_positions import held_positions
from .imposed import ImposedPolicies
from .kb import KnowledgeBase
from .model import Fact
from .ownership import OwnedPolicies
from .policies import PolicyReader
from .policy_lists import policy_list_items
from .pressed_plans import PressedPlans
from .restated import RestatedObjects
from .retreat_demands import RetreatDemands
from .rules import Rules
from .stance_guards import (
    deceit_charge_words,
    named_in_sentence,
    named_only_within,
    removal_stances,
    spoken_for_members,
    without_deceit_charges,
)
from .syntax import REPORTING_LEMMAS

__all__ = ["StanceFinder"]

#: Nouns under which a named policy is a topic, not a plan: "the deal answers concerns parents
#: had raised, including class sizes".
_TOPIC_NOUNS = frozenset({"concern", "issue", "worry", "problem", "question", "complaint", "fear", "topic"})

#: Verbs whose subject is the one asking for something ("the unions are seeking two per cent").
_ASKING_LEMMAS = frozenset({"want", "seek", "demand", "propose", "ask", "call", "push", "press", "insist", "offer", "table", "pitch"})


class StanceFinder:
    """Implied stances and proposals of one article, sentence by sentence."""

    def __init__(self, context: ArticleContext, kb: KnowledgeBase, policies: PolicyReader, rules: Rules):
        self.context, self.kb, self.policies = context, kb, policies
        self.tree = context.tree
        self.owned = OwnedPolicies(context, policies, rules.judgements)
        self.contraries = ContraryWants(context, rules.contraries, policies)
        self.restated = RestatedObjects(context, policies, rules.judgements)
        self.contact = ContactClauses(context, policies, rules.judgements)
        self.imposed = ImposedPolicies(context, policies, rules.judgements)
        self.deal_terms = DealTerms(context, policies, rules.judgements)
        self.earlier = EarlierVersions(context, policies, rules)
        self.retreats = RetreatDemands(context, policies, rules)
        self.pressed = PressedPlans(context, policies, rules.judgements)
        self.trigger_words = rules.trigger_words
        self.blaming, self.deceit, self.undoing = rules.judgements.blaming_verbs, rules.judgements.deceit, rules.judgements.withdrawal

    def implied(self, sentence: int, already: list[Fact]) -> list[Fact]:
        """Every implied fact of one sentence, given the facts its triggers gave."""
        facts = self.government_announcements(sentence, already)
        facts += self.stance_on_mention(sentence, already)
        facts += held_positions(self.context, sentence, already)
        facts += self.pressed.facts(sentence, already + facts)
        facts += self.blamed_plans(sentence, already + facts)
        facts += self.owned.facts(sentence, already + facts)
        facts += self.contraries.facts(sentence, already + facts)
        facts += self.retreats.facts(sentence, already + facts)
        facts += self.restated.facts(sentence, already + facts)
        facts += self.restated.proposals(sentence, already + facts)
        facts += self.contact.proposals(sentence, already + facts)
        facts += self.imposed.proposals(sentence, already + facts)
        facts += self.deal_terms.proposals(sentence, already + facts)
        facts += self.earlier.proposals(sentence, already + facts)
        return facts + self.removal_stances(already + facts)

    def without_hearsay(self, sentence: int, facts: list[Fact]) -> list[Fact]:
        """'Horwath said parents, teachers and students had all rejected the cuts': a whole
        class of people (parents, teachers, students) is told to oppose something only by
        someone else's word, which is that speaker's claim about them, not a stance the
        class took. Such oppositions are dropped when a reporting verb of the sentence has
        an actor as its subject and none has the class; the narrator's own account ("parents
        rallied against the plan the minister announced") and the class's own words stay.
        The same holds of an answer: "Parents want the government to invest in schools, he
        said", "teachers have picketed, calling on the province to reverse its cuts, said a
        teacher" tell what the speaker says of a class, not the class answering anyone."""
        verbs = [v for v in self.tree.reporting_verbs(sentence) if v.dep not in ("relcl", "acl")]
        reporters = {e for verb in verbs for s in self.tree.subjects(verb.i)
                     if self.context.is_actor(e := self.context.token_entity(s))}
        heard = [f for f in facts if f.relation in ("opposes", "responds-to") and self.context.type_of(f.agent) == "Group"
                 and reporters and f.agent not in reporters]
        kept = [f for f in facts if f not in heard]
        return kept + spoken_for_members(heard, [r for r in reporters if self.context.is_union_side(r)], kept)

    def without_aims(self, sentence: int, facts: list[Fact]) -> list[Fact]:
        """'the union is fighting for smaller classes and the protection of full-day
        kindergarten'; 'protesting for safer schools': what an opposing verb or noun is
        *for* is what its actor wants, not what it opposes. An opposition whose policy is
        named only under such a "for" is dropped (a stance read from the wanted thing by
        other rules, such as wanting the contrary, stays)."""
        if not any(f.relation == "opposes" and f.rule in ("opposes/verb", "opposes/noun") for f in facts):
            return list(facts)  # nothing it could drop: the sentence is not read
        aims = set()
        for token in self.tree.sentence_tokens(sentence):
            if any(r.relation == "opposes" for r in self.trigger_words.get(token.lemma, ())):
                aims |= {i for p in self.tree.children(token.i, ("prep",)) if p.lemma == "for" for i in self._aimed_words(p.i)}
        named = named_in_sentence(self.context, sentence)
        return [f for f in facts if not (f.rule in ("opposes/verb", "opposes/noun") and named_only_within(f, named, aims))]

    def without_deceit_charges(self, sentence: int, facts: list[Fact]) -> list[Fact]:
        """Oppositions whose policy only a charge of deceit names dropped (``stance_guards``)."""
        charge = deceit_charge_words(self.tree, sentence, self.blaming, self.deceit)
        return without_deceit_charges(facts, named_in_sentence(self.context, sentence), charge)

    def _aimed_words(self, preposition: int) -> set[int]:
        """The words of a "for" phrase and of the list it begins, which the parser often
        breaks off ("fighting for smaller classes, ..., the protection of kindergarten"): up
        to a colon, semicolon, "against" or "but", or the sentence's end; not a preposition
        joined to it ("for its members and against larger classes")."""
        words = set(self.tree.subtree(preposition)) - {  # "for its members and against larger classes"
            i for c in self.tree.children(preposition, ("conj",)) if c.text.lower() != "for" for i in self.tree.subtree(c.i)}
        for token in self.tree.sentence_tokens(self.tree.tokens[preposition].sentence):
            if token.i <= preposition:
                continue
            if token.text in (";", ":") or token.text.lower() in ("against", "but"):
                break
            words.add(token.i)
        return words

    def stance_on_mention(self, sentence: int, already: list[Fact]) -> list[Fact]:
        """'the Ford government is interested in nothing but cuts', Hammond charged: a policy
        marked in the knowledge base as opposed whenever named ("stance_on_mention") is
        opposed by whoever names it, unless that is the government itself."""
        facts = []
        for mention in self.policies.mentions():
            policy = self.kb.entities.get(self.context.entity_of.get(mention.first_token, ""))
            if mention.sentence != sentence or not policy or policy.stance_on_mention != "opposes":
                continue
            token = mention.first_token
            agents = self.context.speakers.get(sentence, []) or self.listed_subjects(sentence)
            when, date_text = self._stance_day(token, sentence, agents)
            if any(f.relation == "opposes" and self.policies.concept(f.object) == policy.id for f in already):
                continue
            listed = self.listed_with_cut(mention)
            for agent in agents:
                if not self.context.is_government_side(agent):
                    facts.append(Fact("opposes", agent, policy.id, self.context.evidence(sentence), "opposes/names-a-cut", when, date_text))
                    facts += [Fact("opposes", agent, other, self.context.evidence(sentence), "opposes/listed-with-a-cut", when, date_text)
                              for other in listed if self.policies.side_allows("opposes", "other", other)]
        return facts

    def _stance_day(self, token: int, sentence: int, agents: list[str]) -> tuple:
        """'..., he said, yet larger classes and smaller budgets will still greet students in
        September': a harm named in a future clause is a stance its speaker takes on the day
        of saying so, so the day comes from the reporting verb's clause, not the harm's."""
        when, date_text = self.context.fact_date(token, "opposes")
        if when is not None or self.tree.tense(token) != "future":
            return when, date_text
        told = [t.i for t in self.tree.sentence_tokens(sentence) if agents
                and t.lemma in REPORTING_LEMMAS and t.tag == "VBD"]
        return self.context.fact_date(told[0], "opposes") if told else (when, date_text)

    def listed_subjects(self, sentence: int) -> list[str]:
        """'thousands of teachers, students and parents rallied against the cuts': the actors
        subject of the sentence's main verbs and every actor listed with one of them, since a
        crowd named as a list is each of its groups, not only the first the parse keeps."""
        agents = [e for e, _ in self.context.subject_actors(sentence, dated=False)]
        named = [t for t in self.tree.sentence_tokens(sentence) if self.context.entity_of.get(t.i) in agents]
        return list(dict.fromkeys(agents + [e for e in self.context.listed_with(named) if self.context.is_actor(e)]))

    def listed_with_cut(self, mention) -> list[str]:
        """'funding cuts and rising class sizes will wipe out courses'; 'bigger classes,
        mandatory e-learning and the loss of teaching jobs': policies named in one list with
        a cut are named as harms alongside it, so whoever names the cut opposes them too."""
        tokens = [self.tree.tokens[i] for i in range(mention.first_token, mention.last_token + 1)]
        cut = self.policies.concept(self.context.entity_of.get(mention.first_token, ""))
        listed = self.context.listed_with(tokens) + policy_list_items(self.context, mention.first_token, mention.last_token)
        return list(dict.fromkeys(e for e in listed
                                  if self.context.type_of(e) in ("Policy", "PolicyVersion") and self.policies.concept(e) != cut))

    def government_announcements(self, sentence: int, already: list[Fact]) -> list[Fact]:
        """'Lecce said students will now have to complete two online courses': a government
        speaker stating a policy (version) in the future or present tense proposes it, unless
        the clause already names its own proposer."""
        proposed = {f.object for f in already if f.relation == "proposes"}
        owners = self.owned.owned(sentence)  # 'the government's cap': its owner's, unless the speaker's own
        facts = []
        for verb in self.tree.reporting_verbs(sentence):
            speakers = [e for s in self.tree.subjects(verb.i) if (e := self.context.token_entity(s))]
            speakers = [s for s in speakers if self.context.is_government_side(s)]
            if not speakers:
                continue  # no government speaker, nothing announced: skip reading the clauses and the day
            clauses = self.tree.children(verb.i, ("ccomp",))
            clauses += [c for clause in clauses for c in self.tree.children(clause.i, ("conj",))]
            for clause in clauses:
                if self.tree.tense(clause.i) == "past" or self.tree.is_negated(clause.i) or self.other_side_subject(clause.i):
                    continue
                when, date_text = self.context.fact_date(verb.i)  # the day it was said
                for policy in self.policies.policies_in(self._stated_words(clause.i)):
                    if policy not in proposed and self.policies.side_allows("proposes", "government", policy):
                        facts += [Fact("proposes", s, policy, self.context.evidence(sentence), "proposes/government-announcement", when, date_text)
                                  for s in speakers if not any(p == policy and o != s for o, p in owners)]
        return facts

    def other_side_subject(self, token: int) -> bool:
        """'Lecce has said the unions are seeking two per cent': a clause whose own subject is
        an actor off the government side says what that actor wants, not what the government
        speaker announces."""
        if self.tree.clause_verb(token).lemma not in _ASKING_LEMMAS:
            return False  # 'students will have to complete two courses': they are asked, not asking
        subjects = [self.context.token_entity(s) for s in self.tree.subjects(token)]
        return any(self.context.is_actor(s) and not self.context.is_government_side(s) for s in subjects)

    def proposals(self, token: int, facts: list[Fact]) -> list[Fact]:
        """A trigger's proposals, dated as ``undate_reported_positions`` reads them and made
        by the government when a ministry is named as their doer ('the ministry had backed
        away from raising class sizes'): a ministry's plan is its government's policy."""
        if not facts:
            return []  # most triggers find no fact: skip reading the day of speaking
        government = self.kb.government_id
        facts = [replace(f, agent=government) if government and self.context.type_of(f.agent) == "Ministry" else f
                 for f in facts]
        facts = self.undate_reported_positions(token, list({(f.agent, f.object): f for f in facts}.values()))
        return [replace(f, date=None, date_text="") if self._day_from_elsewhere(token, f) else f for f in facts]

    def _day_from_elsewhere(self, token: int, fact: Fact) -> bool:
        """'Had the government agreed, today's walkout would have been called off. ... it first
        proposed 28 and four': a plan the narrator recounts, with no speaker and no day in its
        own sentence, was made on a day the text does not give, not on the day of the
        sentences around it."""
        sentence = self.tree.tokens[token].sentence
        if not fact.date or not fact.date_text or fact.date_text.lower() in fact.evidence.sentence.lower():
            return False
        return not self.tree.reporting_verbs(sentence) and not self.context.speakers.get(sentence)

    def undate_reported_positions(self, token: int, facts: list[Fact]) -> list[Fact]:
        """'The unions counter that the fight is over the government's push for bigger
        classes': a side's proposal told by a speaker of the other side is a standing
        position, not something proposed on the day the other side spoke of it (a day the
        proposal's own clause names is kept). So is one the narrator states in the present
        tense with no day ('The government is asking the unions to accept larger classes')."""
        sentence = self.tree.tokens[token].sentence
        chain = [self.tree.tokens[token], *self.tree.ancestors(token)]
        verbs = [a for a in chain if a.lemma in REPORTING_LEMMAS and a.pos == "VERB"]
        verbs = verbs or [v for v in self.tree.reporting_verbs(sentence) if v.dep not in ("relcl", "acl")][:1]
        if not verbs and self.tree.tense(token) == "present" and not self.tree.perfect(token):
            return [replace(f, date=None) if not f.date_text else f for f in facts]  # narrated background
        told = []  # (speaker, day of speaking)
        for verb in verbs:
            speakers = [e for s in self.tree.subjects(verb.i) if self.context.is_actor(e := self.context.token_entity(s))]
            told += [(speaker, self.context.fact_date(verb.i)[0]) for speaker in speakers]
        return [replace(f, date=None, date_text="") if f.date and any(
                day == f.date and self.context.is_government_side(speaker) != self.context.is_government_side(f.agent)
                for speaker, day in told) else f for f in facts]

    def blamed_plans(self, sentence: int, already: list[Fact]) -> list[Fact]:
        """'They accuse the province of using the talks to push through bigger classes'; 'he
        faulted the ministry for imposing online courses': the government side blamed for
        pushing a policy is its proposer. The push is told as background, not as something
        done on the day of the blame, so the proposal has no day. A policy named only by its
        critics ("cuts") is their word for it, not what the government proposes."""
        proposed = {(f.agent, f.object) for f in already if f.relation == "proposes"}
        facts = []
        for verb in self.tree.sentence_tokens(sentence):
            if verb.pos != "VERB" or verb.lemma not in self.owned.words.blaming_verbs:
                continue
            blamed = [e for o in self.tree.children(verb.i, ("dobj",)) if self.context.is_government_side(e := self.context.token_entity(o))]
            for act in [c for p in self.tree.children(verb.i, ("prep",)) if p.lemma in ("of", "for") for c in self.tree.children(p.i, ("pcomp",))]:
                pushes = [self.tree.tokens[i] for i in self.tree.subtree(act.i) if self.tree.tokens[i].lemma in self.owned.words.pushing_verbs]
                words = [i for push in pushes if not self.tree.is_negated(push.i) for i in self.tree.subtree(push.i)]
                facts += [Fact("proposes", agent, policy, self.context.evidence(sentence), "proposes/blamed-for")
                          for policy in self.policies.policies_in(words) for agent in blamed
                          if (agent, policy) not in proposed and not self.policies.opposed_on_mention(policy)
                          and self.policies.side_allows("proposes", "government", policy)]
        return list({(f.agent, f.object): f for f in facts}.values())

    def removal_stances(self, already: list[Fact]) -> list[Fact]:
        """Oppositions to what a backed removal undoes (``stance_guards.removal_stances``)."""
        return removal_stances(already, self.kb, self.context, self.undoing)

    def _stated_words(self, clause: int) -> list[int]:
        """The clause's words, less those under a topic noun ("concerns ..., including class
        sizes"): a policy raised as a concern is not announced."""
        words = self.tree.subtree(clause)
        topics = {i for t in words if self.tree.tokens[t].lemma in _TOPIC_NOUNS for i in self.tree.subtree(t)}
        return [i for i in words if i not in topics]
