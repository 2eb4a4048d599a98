"""Facts stage: ``ResolvedArticle`` + ``Rules`` -> ``Fact`` values with dates and evidence.

For every sentence, ``graph.rules`` finds the triggers; this module finds their arguments:
the agent (the grammatical subject, the possessor of a noun trigger, or the speaker of a
quote), the object (a policy and the version the text names, the entity answered, or the
school boards and regions of a strike), and the day (a date expression in the sentence,
resolved against the article date with the verb's tense). No argument, no fact: the
knowledge base never supplies one.
"""

from __future__ import annotations

from .context import ArticleContext
from .groups import REPRESENTING_VERBS
from .kb import KnowledgeBase
from .model import Fact, ResolvedArticle, Token
from .objects import PolicyObjects
from .policies import PolicyReader, without_vague_proposals
from .representations import RepresentationFinder, officers_speaking
from .responses import ResponseFinder
from .rules import Rules, Trigger
from .stance_guards import (
    trigger_names_policy,
    without_own_proposals,
    without_own_side_oppositions,
    without_party_proposals,
    without_placed_agents,
)
from .stances import StanceFinder
from .strikes import strike_facts
from .syntax import REPORTING_LEMMAS
from .trigger_matching import find_triggers

__all__ = ["extract_facts"]

_FIRST_PERSON = frozenset({"i", "we", "us", "our", "my", "me"})
#: Plural nouns a list of names can spell out, with the type of those names.
_KIND_NOUNS = {"union": "Union", "federation": "Union", "board": "SchoolBoard", "party": "PoliticalParty"}
_ORGANISATIONS = frozenset({"Government", "Ministry", "Union", "SchoolBoard", "PoliticalParty", "StudentGroup", "ParentGroup", "Organisation"})


def extract_facts(resolved: ResolvedArticle, kb: KnowledgeBase, rules: Rules) -> tuple[Fact, ...]:
    """All facts one article states, de-duplicated, in text order."""
    finder = _FactFinder(resolved, kb, rules)
    facts = finder.representations.represents_from_titles() + finder.relation_facts()
    facts += strike_facts(finder.context, finder.strike_triggers, rules, facts)
    facts = finder.policies.with_earlier_versions(facts)
    facts = without_own_proposals(facts, finder.policies.stance_of)
    facts = without_vague_proposals(facts, kb)
    facts = without_party_proposals(facts, finder.context.party_voice)
    facts = without_placed_agents(facts, finder.context.type_of)
    facts = without_own_side_oppositions(facts, lambda agent, policy: finder.policies.side_allows(
        "opposes", "government" if finder.context.is_government_side(agent) else "", policy))
    unique: dict[tuple, Fact] = {}
    for fact in facts:
        # One sentence states a fact once: a second trigger for it must not add another day.
        unique.setdefault(fact.key() + (fact.evidence.start,) if fact.relation == "strikes-at" else
                          (fact.relation, fact.agent, fact.object, fact.role, fact.evidence.start), fact)
    return tuple(sorted(unique.values(), key=lambda f: (f.evidence.start, f.relation, f.agent, f.object)))


class _FactFinder:
    """Runs the trigger rules over one article and builds their facts."""

    def __init__(self, resolved: ResolvedArticle, kb: KnowledgeBase, rules: Rules):
        self.context = ArticleContext(resolved, kb, rules.government_offices, rules.judgements.view_nouns,
                                      rules.governing_parties)
        self.tree = self.context.tree
        self.kb, self.rules = kb, rules
        self.strike_triggers: list[Trigger] = []
        self.policies = PolicyReader(self.context, kb)
        self.stances = StanceFinder(self.context, kb, self.policies, rules)
        self.objects = PolicyObjects(self.context, self.policies, rules.judgements.reference_nouns)
        self.responses = ResponseFinder(self.context, rules, self._triggers_in)
        self.representations = RepresentationFinder(self.context, kb, dict(rules.sector_groups))
        self._triggers: dict[int, list[Trigger]] = {}

    def _triggers_in(self, sentence: int) -> list[Trigger]:
        """The triggers of a sentence, found once (a reply looks at the next sentence's)."""
        if sentence not in self._triggers:
            self._triggers[sentence] = find_triggers(self.rules, self.tree, sentence)
        return self._triggers[sentence]

    # -- stances, proposals and responses ---------------------------------------------------------

    def relation_facts(self) -> list[Fact]:
        facts = []
        for sentence in self.context.resolved.parsed.sentences:
            policies_here = self.policies.in_sentence(sentence.index)
            for token in self.tree.sentence_tokens(sentence.index):
                if token.lemma in REPRESENTING_VERBS and token.pos == "VERB":
                    facts += self.representations.union_represents(token) or self.representations.named_as_representing(token)
                facts += self.representations.members_represented(token)
            sentence_facts = []
            for trigger in self._triggers_in(sentence.index):
                sentence_facts += self._facts_for(trigger)
            found = sentence_facts + self.stances.implied(sentence.index, sentence_facts)
            found = self.stances.without_deceit_charges(sentence.index, found)
            facts += self.stances.without_hearsay(sentence.index, self.stances.without_aims(sentence.index, found))
            facts += self.responses.said_of_other_side(sentence.index, sentence_facts)
            if policies_here:
                self.policies.focus.append((sentence.index, policies_here))
        return facts

    def _facts_for(self, trigger: Trigger) -> list[Fact]:
        kind = trigger.rule.object
        if kind == "strike":
            self.strike_triggers.append(trigger)
            return []
        if trigger.rule.relation == "supports" and self._defers_to_verb(trigger):
            return []
        if trigger.rule.relation in ("supports", "proposes") and self.objects.in_accusation(trigger.token):
            return []
        if trigger.rule.relation == "opposes" and trigger_names_policy(self.context, trigger.token):
            return []
        agents = officers_speaking(self.context, trigger.token, self._agents(trigger))
        if not agents:
            return []  # no agent, no fact: its objects and its day are not read
        objects = self.objects.policies_for(trigger) if kind == "policy" else self.responses.answered(trigger, agents)
        has_objects = bool(objects)  # no object, no fact: its day is not read
        when, date_text = self.context.fact_date(trigger.token, trigger.rule.relation) if has_objects else (None, "")
        if has_objects and trigger.rule.relation == "proposes" and (self._withdrawn(trigger.token) or (
                self.tree.tokens[trigger.token].pos == "VERB" and self._recounted(trigger.token))):
            when, date_text = None, ""
        elif has_objects and trigger.rule.relation == "proposes" and self.objects.describing_clause(trigger.token) is not None:
            when, date_text = self.context.clause_date(trigger.token) or (None, "")  # 'the classes it wants'
        evidence = self.context.evidence_at(trigger.token)
        if trigger.rule.relation in ("proposes", "supports"):
            objects = [o for o in objects if not self.policies.opposed_on_mention(o)]
        if trigger.rule.standing_only or trigger.rule.changes_only:
            objects = [o for o in objects if bool(self.policies.owner(o)) == trigger.rule.changes_only]
        side_of = {agent: self.context.side_of(agent) for agent in agents}
        facts = [Fact(trigger.rule.relation, agent, target, evidence, trigger.rule.id, when, date_text)
                 for agent in agents for target in objects
                 if agent != target and self.policies.side_allows(trigger.rule.relation, side_of[agent], target)]
        return self.stances.proposals(trigger.token, facts) if trigger.rule.relation == "proposes" else facts

    def _defers_to_verb(self, trigger: Trigger) -> bool:
        """'committed to maintaining class sizes', 'determined to keep strengthening virtual
        learning': a commitment to doing something is what that verb says, which has its own
        trigger (keeping today's class sizes is no support for larger ones). Not so for a
        refusal ('no intention of dropping the plan'): the verb names what is not done."""
        if trigger.rule.needs_negation:
            return False
        heads = [trigger.token, trigger.first_token, *(p.i for p in self.tree.children(trigger.token, ("prep",)))]
        verbs = [c for h in heads for c in self.tree.children(h, ("pcomp", "xcomp")) if c.pos == "VERB"]
        words = self.rules.trigger_words
        return any(r.object == "policy" for v in verbs for r in words.get(v.lemma, ()))

    def _withdrawn(self, token: int) -> bool:
        """'backed down on proposals to increase class sizes': the proposal is real, but the
        sentence dates its withdrawal, not the proposal."""
        chain = [self.tree.tokens[token], *self.tree.ancestors(token)[:6]]  # "retreated on class sizes" too
        return any(a.lemma in self.rules.withdrawal_lemmas for a in chain)

    def _agents(self, trigger: Trigger) -> list[str]:
        """Who does it: the subject (or a noun trigger's possessor), else the speaker when the
        subject is "we"/"I", a quote, or a thing rather than an actor ("two mandatory courses
        present the same challenges", said Schreiner)."""
        tree = self.tree
        if trigger.rule.agent == "speaker":
            return self._speakers_of(trigger.token)
        if trigger.rule.relation == "proposes" and tree.tense(trigger.token) != "past":
            reporter = self._government_reporter(trigger.token)
            if reporter:
                return reporter
        modifiers = self._noun_modifier_agents(trigger.token)
        if modifiers:
            return modifiers
        if tree.tokens[trigger.token].pos == "NOUN" and trigger.rule.owner_verbs:
            owner = self._owning_verb(trigger.token, trigger.rule.owner_verbs)
            if owner is None:
                return []
        if trigger.rule.needs_head:
            head = next(a for a in tree.ancestors(trigger.first_token) if a.lemma in trigger.rule.needs_head)
            tokens = tree.subjects(head.i)
        else:
            by_phrase = self.objects.passive_agents(trigger.token) if trigger.rule.agent != "experiencer" else []
            tokens = by_phrase or tree.subjects(trigger.token) or tree.subjects(trigger.first_token)
        tokens = [self.tree.relative_antecedent(t) for t in tokens]
        first_person = any(t.text.lower() in _FIRST_PERSON for t in tokens)
        agents = [] if first_person else [e for t in tokens if self.context.is_actor(e := self.context.token_entity(t))]
        agents += [e for t in tokens for e in self._spelled_out_members(t)] if not first_person else []
        agents += [e for e in self.context.listed_with(tokens) if self.context.is_actor(e)] if agents else []
        # An unresolved common-noun subject ("The minister, Bischof said, is still set on ...")
        # is someone else, not the speaker, for a stance that names its holder.
        named_other = trigger.rule.relation == "supports" and any(t.pos == "NOUN" for t in tokens)
        speaks = (trigger.rule.relation != "proposes" and not named_other) or first_person
        if not agents and speaks:
            agents = self.context.speakers.get(tree.tokens[trigger.token].sentence, [])
        allowed = trigger.rule.agent_types
        agents = [a for a in agents if self.context.is_actor(a) and (not allowed or self.context.type_of(a) in allowed)]
        if trigger.rule.not_government:
            agents = [a for a in agents if not self.context.is_government_side(a)]
        if trigger.rule.government_only:
            agents = [a for a in agents if self.context.is_government_side(a)]
        return list(dict.fromkeys(agents))

    def _spelled_out_members(self, noun: Token) -> list[str]:
        """'The four unions that represent teachers -- ETFO, OSSTF, OECTA and AEFO -- jointly
        condemned ...': a plural noun of a kind, with no name of its own, that a list of names
        of that kind spells out inside its own phrase stands for those names."""
        kind = _KIND_NOUNS.get(noun.lemma)
        if not kind or noun.tag != "NNS" or noun.i in self.context.entity_of:
            return []
        named = self.context.entities_in(self.tree.subtree(noun.i), {kind})
        members = [self.tree.tokens[i] for i in self.tree.subtree(noun.i) if self.context.entity_of.get(i) in named[:1]]
        return list(dict.fromkeys(named + [e for e in self.context.listed_with(members[:1]) if self.context.type_of(e) == kind]))

    def _speakers_of(self, token: int) -> list[str]:
        """Who says the trigger's words: the subject of a reporting verb above it, else of a
        speech tag set into the sentence ('Parents tell her they lack attention, Stiles said,
        and bigger classes will make that worse': Stiles, not the parents), else the
        sentence's speakers."""
        sentence = self.tree.tokens[token].sentence
        above = {a.i for a in self.tree.ancestors(token)}
        verbs = self.tree.reporting_verbs(sentence)
        for chosen in ([v for v in verbs if v.i in above], [v for v in verbs if v.dep == "parataxis"]):
            subjects = [s for v in chosen for s in self.tree.subjects(v.i)]
            found = [e for s in subjects if self.context.is_actor(e := self.context.token_entity(s))]
            found += [e for e in self.context.listed_with(subjects) if self.context.is_actor(e)] if found else []  # a list the parse broke
            if found:
                return list(dict.fromkeys(found))
        return list(self.context.speakers.get(sentence, []))

    def _owning_verb(self, token: int, owner_verbs: frozenset[str]):
        """'the government backed down on proposals': the verb whose subject owns a noun
        trigger; 'OECTA rejected the plan' names no owner of the plan."""
        for ancestor in self.tree.ancestors(token)[:4]:
            if ancestor.pos == "VERB":
                return ancestor if ancestor.lemma in owner_verbs else None
        return None

    def _noun_modifier_agents(self, token: int) -> list[str]:
        """'government plans', 'the OSSTF strike', "the union's opposition": a noun trigger's
        actor is the name that modifies it."""
        trigger = self.tree.tokens[token]
        if trigger.pos not in ("NOUN", "PROPN") or self.context.is_actor(self.context.entity_of.get(token, "")):
            return []  # a trigger inside a policy's name ("its class-size target") still has an owner
        modifiers = self.tree.children(token, ("compound", "poss", "nmod", "amod"))
        if trigger.dep == "compound":  # "its new law limiting raises", parsed as one noun phrase
            modifiers += self.tree.children(trigger.head, ("poss",))
        found = [e for m in modifiers if self.context.is_actor(e := self.context.token_entity(m))]
        its = [m for m in modifiers if m.text.lower() == "its" and not self.context.token_entity(m)]
        return found or self._last_organisation(its[0].i) if its else found

    def _last_organisation(self, token: int) -> list[str]:
        """'the province intends to respect its new law': an unresolved "its" is the
        organisation named last before it in the sentence (a singular one: not "the unions")."""
        for i in range(token - 1, self.tree.sentences[self.tree.tokens[token].sentence].first_token - 1, -1):
            entity = self.context.entity_of.get(i, "")
            if entity and self.context.type_of(entity) in _ORGANISATIONS and self.tree.tokens[i].tag not in ("NNS", "NNPS"):
                return [entity]
        return []

    def _government_reporter(self, token: int) -> list[str]:
        """'Lecce said the government will increase class sizes': in reported speech on the
        government side, the one who says it is the one who proposes it. Not so for a step
        already taken that the speaker recounts ('Lecce argued that the government already
        moved, cutting its target to 25'): that is the doer's own proposal."""
        if self._recounted(token) or self.stances.other_side_subject(token) or self._own_past_step(token):
            return []
        for ancestor in self.tree.ancestors(token)[:5]:
            if ancestor.lemma in REPORTING_LEMMAS and ancestor.pos == "VERB":
                speakers = [e for s in self.tree.subjects(ancestor.i) if (e := self.context.token_entity(s))]
                return [s for s in speakers if self.context.is_government_side(s)]
        return []

    def _own_past_step(self, token: int) -> bool:
        """'not the four the government announced last spring, Lecce said': a verb in the
        past with an actor of its own as subject tells that actor's step, not the speaker's."""
        verb = self.tree.tokens[token]
        return verb.tag == "VBD" and any(self.context.is_actor(self.context.token_entity(s)) for s in self.tree.subjects(token))

    def _recounted(self, token: int) -> bool:
        """Whether a proposal hangs under a past step the speaker recounts ('argued that the
        government had already moved, lowering its target to 25'): the step is older than
        the saying, so neither the speaker nor the day of speaking is the proposal's."""
        for ancestor in [self.tree.tokens[token], *self.tree.ancestors(token)[:5]]:
            if ancestor.lemma in REPORTING_LEMMAS and ancestor.pos == "VERB":
                return False
            past_perfect = ancestor.tag == "VBN" and any(a.text.lower() == "had" for a in self.tree.children(ancestor.i, ("aux",)))
            if (ancestor.tag == "VBD" or past_perfect) and ancestor.pos == "VERB" and ancestor.i != token:
                return True  # "has shown it is willing" is today's position, not a recounted step
        return False
