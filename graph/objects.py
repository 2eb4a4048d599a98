"""What a stance or proposal is about (part of the facts stage).

Consumes a matched trigger with the article context and policy reader; produces the policy
(version) ids that are its object: those named in its own phrase or clause, a plan spelled
out after a colon, a bare number that names a version ("from 22 to 28"), the whole
statement a speaker makes, or, through "it" and "the plan", the policies of the last few
sentences. Never a policy merely mentioned elsewhere in a sentence about something else.
"""

from __future__ import annotations

from itertools import pairwise

from .context import ArticleContext
from .model import Token
from .named_laws import law_as_object, named_kind
from .plan_frames import framed_verb, shared_phrase_start
from .policies import PolicyReader
from .referring_nouns import referred_policies
from .rules import Trigger
from .syntax import REPORTING_LEMMAS

__all__ = ["PolicyObjects"]

_POLICY_ANAPHORS = frozenset({"it", "that", "this", "them", "plan", "proposal", "backtrack", "change",
                              "policy", "mandate", "move", "idea", "offer", "both", "neither", "number",
                              "figure", "target", "deal"})
#: Nouns whose content a following colon can spell out ("the plan ...: larger classes").
_PLAN_NOUNS = frozenset({"plan", "proposal", "offer", "change", "overhaul", "policy", "reform", "demand", "agenda"})
#: Words naming a part of a group: "one of the union's objections".
_PARTS = frozenset({"one", "some", "many", "several", "few", "two", "three", "chief", "top", "biggest", "main"})
#: Verbs of accusing, with the prepositions that introduce the charge ("accused X of ...").
_ACCUSED_OF = {"accuse": ("of",), "blame": ("for",), "fault": ("for",), "charge": ("with",), "criticize": ("for",),
               "criticise": ("for",), "slam": ("for",), "attack": ("for",)}
#: Plurals that still point back ("both plans"); "policies" alone is too general to.
_PLURAL_ANAPHORS = frozenset({"plan", "proposal", "offer"})


class PolicyObjects:
    """Finds the policies a trigger is about, in one article."""

    def __init__(self, context: ArticleContext, policies: PolicyReader, reference_nouns: frozenset[str] = frozenset()):
        self.context, self.policies, self.tree = context, policies, context.tree
        self.reference_nouns = reference_nouns

    def passive_agents(self, token: int) -> list[Token]:
        """'The increase was denounced by Marit Stiles', 'an overhaul unveiled by Thompson':
        the by-phrase of a passive verb names the doer, or the doers it lists."""
        if self.tree.tokens[token].pos != "VERB":
            return []
        doers = [o for a in self.tree.children(token, ("agent",)) for o in self.tree.children(a.i, ("pobj",))]
        return doers + [c for o in doers for c in self.tree.children(o.i, ("conj",))]  # 'by Ford and Lecce'

    def in_accusation(self, token: int) -> bool:
        """'Bischof accused the minister of clinging to larger classes', 'blamed the province
        for pushing e-learning': what someone is accused of is the accuser's charge, not a
        stance the text states of the accused (nor of the accuser); the accuser's own
        opposition is read from the accusing verb."""
        chain = [self.tree.tokens[token], *self.tree.ancestors(token)[:4]]
        for below, above in pairwise(chain):
            if above.pos == "VERB" and above.i != token and above.dep != "pcomp":
                preposition = below if below.dep == "prep" else None
                return bool(preposition) and preposition.text.lower() in _ACCUSED_OF.get(above.lemma, ())
        return False

    def policies_for(self, trigger: Trigger) -> list[str]:
        """Policies the trigger is about: in its own phrase or clause; through "it", "the plan",
        "that backtrack" to the policies of the last few sentences; never a policy merely
        mentioned elsewhere in a sentence about something else. A trigger whose holder is the
        subject of a verb above it ('wants the province's increases scrapped') holds no actor
        of its own: its own subject is what is to be dropped."""
        tree = self.tree
        anchor = tree.tokens[trigger.token]
        actor_subjects = [] if trigger.rule.needs_head else [
            s for s in tree.subjects(trigger.token) if self.context.is_actor(self.context.token_entity(s))]
        excluded = {i for s in actor_subjects + self.passive_agents(trigger.token) for i in tree.subtree(s.i)}
        content = anchor.lemma in trigger.rule.content_lemmas
        own = [i for t in {trigger.token, trigger.first_token} for i in self._clause_words(t, content) if i not in excluded]
        if anchor.pos != "VERB" and anchor.dep in ("dobj", "pobj", "attr", "nsubj", "nsubjpass", "acomp", "compound"):
            own += [i for i in tree.subtree(self._partitive(anchor).head) if i not in excluded]
            own += [i for i in self._framed_change(anchor) if i not in excluded]
        if anchor.dep in ("relcl", "acl") and anchor.head != anchor.i:
            if pointed := self._pointed_plan(tree.tokens[anchor.head]):
                return pointed
            if described := self._described_noun_policies(anchor):
                return described
            own += [i for i in tree.subtree(anchor.head) if i not in excluded]
            own += self._framing_clause(anchor) + self._renamed_mention(tree.tokens[anchor.head])
            own += self._framed_change(tree.tokens[anchor.head])
        elif (clause := self.describing_clause(trigger.token)) is not None:
            return self._described_noun_policies(clause)
        own += [i for s in tree.subjects(trigger.token) if s not in actor_subjects for i in tree.subtree(s.i)]
        if trigger.rule.agent == "speaker" and not self.policies.policies_in(own):
            own += self._statement_words(trigger.token)
        own = [i for i in own if i not in excluded] + self._after_colon(own)
        if named_law := law_as_object(tree, self.policies, trigger):
            return named_law
        numbers = self.policies.number_objects(anchor) or self.policies.change_targets(own)
        direct = self.policies.versions_by_number(self.policies.number_objects(anchor), anchor.sentence, trigger.first_token)
        policies = direct or self.policies.policies_in(own) or self.policies.versions_by_number(numbers, anchor.sentence, trigger.first_token)
        policies = policies or self.policies.named_numbers(own, anchor.sentence, trigger.first_token)
        policies += self._changed_too(own, policies, anchor.sentence, trigger.first_token)
        if policies:  # "resisting larger classes and mandatory e-learning", however it parses
            listed = self.context.listed_with([tree.tokens[i] for i in own if i in self.context.entity_of])
            sentence_words = (t.i for t in tree.sentence_tokens(anchor.sentence) if self.context.entity_of.get(t.i) in listed)
            policies += [p for p in self.policies.policies_in(sentence_words) if p not in policies]
        if not policies and trigger.rule.relation in ("opposes", "supports"):
            policies = self.policies.policies_in(self._following_words(trigger.token))
        pointers = [tree.tokens[i] for i in self._argument_heads(trigger)
                    if tree.tokens[i].tag not in ("WDT", "WP", "IN") and not (actor_subjects and self._names_people(tree.tokens[i]))]
        if policies or trigger.rule.relation == "proposes":  # 'tabled the bill': only a law named as one
            return policies or named_kind(tree, self.policies, pointers, anchor.sentence, trigger.first_token)
        if referred := referred_policies(self.policies, pointers, self.reference_nouns, trigger.first_token):
            return referred  # 'called the payments a bribe': the policy whose names use the noun
        if any(t.text.lower() in _POLICY_ANAPHORS or t.lemma in _PLURAL_ANAPHORS for t in pointers):
            return self._same_sentence_antecedents(pointers, anchor.sentence, trigger.first_token) or \
                self.policies.recent(anchor.sentence, before_token=trigger.first_token)
        return named_kind(tree, self.policies, pointers, anchor.sentence, trigger.first_token)

    def _same_sentence_antecedents(self, pointers: list[Token], sentence: int, before_token: int) -> list[str]:
        """'took aim at the government's bill limiting raises to one per cent, calling it
        "problematic"': a bare "it" whose own sentence has already named a policy points
        back to that policy, not to everything the last few sentences discussed."""
        if not any(t.text.lower() == "it" for t in pointers):
            return []
        return self.policies.policies_in(range(self.tree.sentences[sentence].first_token, before_token))

    def describing_clause(self, token: int) -> Token | None:
        """'the online courses the government had made a graduation requirement': the relative
        clause a trigger sits in (as its verb, or as that verb's object or complement) when the
        clause describes a noun that names a policy. Such a clause recalls a standing plan."""
        trigger = self.tree.tokens[token]
        verb = trigger if trigger.pos == "VERB" else self.tree.tokens[trigger.head]
        if trigger.pos != "VERB" and trigger.dep not in ("dobj", "oprd", "attr"):
            return None
        if verb.dep != "relcl" or verb.head == verb.i or verb.pos != "VERB":
            return None
        noun = self.tree.tokens[verb.head]
        named = self.policies.policies_in(range(shared_phrase_start(self.tree, noun), verb.i))
        return verb if named or noun.pos == "NUM" else None

    def _described_noun_policies(self, clause: Token) -> list[str]:
        """The policies the noun a relative clause describes names, each at the version its
        own phrase names: in 'opt their children out of the online courses the government
        had made a requirement' the courses are the mandatory ones, not the opt-out that the
        words before them (outside the noun's phrase) describe. Empty when the noun names
        none (then the clause is read as usual)."""
        noun = self.tree.tokens[clause.head]
        phrase = range(shared_phrase_start(self.tree, noun), clause.i)
        text = " ".join(self.tree.tokens[i].text.lower() for i in phrase)
        found = []
        for policy in self.policies.policies_in(phrase):
            version = self.context.kb.entities.get(policy)
            words = [v.words for v in self.context.kb.versions_of(self.policies.concept(policy)) if v.id == policy]
            if version and version.parent and words and words[0] and not any(w in text for w in words[0]):
                numbered = self.policies.versions_by_number(list(phrase), noun.sentence, clause.i)  # 'the two online courses'
                policy = next((v for v in numbered if self.policies.concept(v) == version.parent), version.parent)
            found.append(policy)
        return list(dict.fromkeys(found))

    def _pointed_plan(self, noun: Token) -> list[str]:
        """'Under the plan announced Thursday by Ford, students from kindergarten to Grade 8
        will ...': "the plan" a trigger describes, with no policy named in it, is the plan of
        the last few sentences (one whose names use the noun, "reopening plan", if any), not
        whatever the clause around it happens to name."""
        determiners = [c.text.lower() for c in self.tree.children(noun.i, ("det", "poss"))]
        described = self.tree.children(noun.i, ("amod", "nummod", "compound", "nmod"))  # 'the second policy': a new one
        if noun.lemma not in _PLAN_NOUNS or determiners != ["the"] or described or self.policies.policies_in(self.tree.subtree(noun.i)):
            return []
        if self._after_colon([noun.i]):
            return []  # 'the plan Thompson announced: classes growing to 28' spells it out
        recent = self.policies.recent(noun.sentence, before_token=noun.i)
        named = [p for p in recent if any(noun.lemma in term.lower().split() for term in self.policies.names(p))]
        return named or recent

    def _changed_too(self, own: list[int], found: list[str], sentence: int, before_token: int) -> list[str]:
        """'wants the average to rise to 25 and students to take two online courses', 'backs
        neither the 25 nor the two courses': a change to a number ("to 25") or a number
        named as a version ("the two courses") names a version of a policy under discussion
        even when another policy is named outright beside it."""
        concepts = {self.policies.concept(p) for p in found}
        if not found:
            return []
        targets = self.policies.versions_by_number(self.policies.change_targets(own), sentence, before_token)
        targets += self.policies.named_numbers(own, sentence, before_token)
        return [p for p in targets if self.policies.concept(p) not in concepts]

    def _renamed_mention(self, noun: Token) -> list[int]:
        """'the insistence that raises be held to one per cent, a limit ETFO had fought': a
        noun set off by a comma or dash after a policy renames the policy named just before it."""
        first = min(self.tree.subtree(noun.i))
        if first == 0 or self.tree.tokens[first - 1].text not in (",", "--", "\u2014", "\u2013"):
            return []
        before = [m for m in self.policies.mentions() if m.sentence == noun.sentence and m.last_token < first - 1]
        return list(range(before[-1].first_token, before[-1].last_token + 1)) if before else []

    def _partitive(self, anchor: Token) -> Token:
        """'The plan had been one of the union's main objections', 'class sizes were among its
        complaints': a noun counted in a part of a group stands where that part stands, so
        its clause is the one the part belongs to."""
        tree = self.tree
        preposition = tree.tokens[anchor.head]
        if anchor.dep != "pobj" or preposition.i == anchor.i:
            return anchor
        if preposition.lemma == "among":
            return preposition
        part = tree.tokens[preposition.head]
        if preposition.lemma == "of" and part.lemma in _PARTS and part.head != part.i:
            return part
        return anchor

    def _after_colon(self, words: list[int]) -> list[int]:
        """'protesting the plan the minister announced: classes growing to 28 and four online
        courses': what follows a colon after a plan word spells the plan out."""
        tokens = self.tree.tokens
        plans = [i for i in words if tokens[i].pos == "NOUN" and (tokens[i].lemma in _PLAN_NOUNS)]
        if not plans:
            return []
        sentence = self.tree.sentences[tokens[plans[0]].sentence]
        colons = [i for i in range(plans[0] + 1, sentence.last_token + 1) if tokens[i].text == ":"]
        return list(range(colons[0] + 1, sentence.last_token + 1)) if colons else []

    def _statement_words(self, token: int) -> list[int]:
        """'Moving from 22 to 28 cannot be absorbed without damaging student learning, Bischof
        said': the whole statement the speaker makes, up to the verb that reports it."""
        top = token
        for ancestor in self.tree.ancestors(token):
            if ancestor.lemma in REPORTING_LEMMAS and ancestor.pos == "VERB":
                break
            top = ancestor.i
        return [i for i in self.tree.subtree(top) if not self.tree.in_quote(i) or self.tree.in_quote(token)]

    def _framing_clause(self, anchor: Token) -> list[int]:
        """'Classes will grow to 28 under an overhaul unveiled Friday by Thompson': a plan
        described by the trigger, under which the sentence's change happens, is that change."""
        plan = self.tree.tokens[anchor.head]
        preposition = self.tree.tokens[plan.head]
        if anchor.dep != "acl" or plan.dep != "pobj" or preposition.text.lower() not in ("under", "through", "in"):
            return []
        verb = self.tree.tokens[preposition.head]
        return self._clause_words(verb.i) if verb.pos in ("VERB", "AUX") else []

    def _framed_change(self, plan: Token) -> list[int]:
        """The words of the clause a plan, offer or bill frames (``plan_frames.framed_verb``)."""
        verb = framed_verb(self.tree, plan)
        return self._clause_words(verb.i) if verb is not None else []

    def _clause_words(self, token: int, content: bool = False) -> list[int]:
        """A trigger's words, without clauses merely joined to it ('..., and that students
        could opt out'), unless the trigger is a verb whose that-clauses say what is
        proposed ('announced that classes would grow to 23, and that students could opt
        out': both clauses, even when the parse hangs the second one elsewhere)."""
        words = set(self.tree.subtree(token))
        for child in self.tree.children(token, ("conj", "ccomp", "advcl", "parataxis")):
            if content and child.dep == "ccomp":
                continue
            if child.pos in ("VERB", "AUX") and self.tree.children(child.i, ("nsubj", "nsubjpass", "mark")):
                words -= set(self.tree.subtree(child.i))
        if content and self.tree.children(token, ("ccomp",)):
            for head in [self.tree.tokens[token], *self.tree.ancestors(token)[:2]]:
                for clause in self.tree.children(head.i, ("conj",)):
                    if clause.i > token and any(m.lemma == "that" for m in self.tree.children(clause.i, ("mark",))):
                        words |= set(self.tree.subtree(clause.i))
        return sorted(words)

    def _following_words(self, token: int, reach: int = 12) -> list[int]:
        """The next few words of the sentence, up to another clause's punctuation: where the
        object of "not appeased by ... a controversial e-learning proposal" sits when the
        parser hangs it elsewhere."""
        sentence = self.tree.sentences[self.tree.tokens[token].sentence]
        words = []
        for i in range(token + 1, min(token + 1 + reach, sentence.last_token + 1)):
            if self.tree.tokens[i].text in (";", ":", ".", "\u201c", '"'):
                break
            words.append(i)
        return words

    def _names_people(self, token: Token) -> bool:
        """'It also took aim at the minister', 'it had tabled a list of outstanding issues': a
        pronoun subject the article binds to a union or party is the one taking the stance,
        never a pointer back to the policies of the last few sentences. Asked only where the
        trigger has an actor subject of its own: in 'wants it scrapped' the subject "it" is
        what is to be dropped, whatever it was bound to."""
        return token.pos == "PRON" and token.dep == "nsubj" and self.context.is_actor(self.context.token_entity(token))

    def _argument_heads(self, trigger: Trigger) -> list[int]:
        """Head words of the trigger's subject and objects ("it", "that backtrack" -> backtrack)."""
        heads = []
        for t in {trigger.token, trigger.first_token}:
            for child in self.tree.children(t, ("dobj", "nsubj", "nsubjpass", "attr", "prep", "agent", "oprd", "dative")):
                heads += [p.i for p in self.tree.children(child.i, ("pobj",))] if child.dep in ("prep", "agent") else [child.i]
            heads += [s.i for s in self.tree.subjects(t)]
        return heads
