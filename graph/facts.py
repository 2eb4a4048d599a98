"""Facts stage: ``ResolvedArticle`` + ``Rules`` -> ``Fact`` values with dates and evidence.

For every sentence, ``graph.rules`` finds the triggers; this module finds their arguments:
the agent (the grammatical subject, the possessor of a noun trigger, or the speaker of a
quote), the object (a policy and the version the text names, the entity answered, or the
school boards and regions of a strike), and the day (a date expression in the sentence,
resolved against the article date with the verb's tense). No argument, no fact: the
knowledge base never supplies one.
"""

from __future__ import annotations

import re
from datetime import date

from .dates import find_date_expressions, resolve
from .kb import KnowledgeBase
from .model import Entity, Evidence, Fact, ResolvedArticle, Token
from .rules import Rules, Trigger, find_triggers
from .strikes import strike_facts
from .syntax import REPORTING_LEMMAS, Tree

__all__ = ["extract_facts", "ArticleContext"]

GOVERNMENT_TYPES = frozenset({"Government", "Ministry"})
_FIRST_PERSON = frozenset({"i", "we", "us", "our", "my", "me"})
_POLICY_ANAPHORS = frozenset({"it", "that", "this", "them", "plan", "proposal", "backtrack", "change",
                              "policy", "mandate", "move", "idea", "offer", "both", "neither", "number",
                              "figure", "target", "deal"})
_VAGUE_TIME = re.compile(r"\b(in|since|during|last|this|next) (the )?(spring|summer|fall|autumn|winter|year|month|"
                         r"january|february|march|april|may|june|july|august|september|october|november|december)\b",
                         re.IGNORECASE)
#: Plurals that still point back ("both plans"); "policies" alone is too general to.
_PLURAL_ANAPHORS = frozenset({"plan", "proposal", "offer"})
#: "Thousands of teachers", "members of ETFO": the group named after "of" is the actor.
_PART_OF = frozenset({"thousand", "hundred", "dozen", "million", "many", "some", "all", "most", "member",
                      "group", "crowd", "number", "majority", "few", "several", "rest", "lot"})
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
_TWEET_BYLINE = re.compile(r"[—–-]\s*([A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,3})\s*\(@\w+\)")


def extract_facts(resolved: ResolvedArticle, kb: KnowledgeBase, rules: Rules) -> tuple[Fact, ...]:
    """All facts one article states, de-duplicated, in text order."""
    finder = _FactFinder(resolved, kb, rules)
    facts = finder.represents_from_titles() + finder.relation_facts()
    facts += strike_facts(finder.context, finder.strike_triggers, rules)
    unique: dict[tuple, Fact] = {}
    for fact in facts:
        # One sentence states a fact once: a second trigger for it must not add another day.
        unique.setdefault(fact.key() + (fact.evidence.start,) if fact.relation == "strikes-at" else
                          (fact.relation, fact.agent, fact.object, fact.role, fact.evidence.start), fact)
    return tuple(sorted(unique.values(), key=lambda f: (f.evidence.start, f.relation, f.agent, f.object)))


class ArticleContext:
    """What every rule family needs to know about one article: tokens, entities, speakers."""

    def __init__(self, resolved: ResolvedArticle, kb: KnowledgeBase):
        parsed = resolved.parsed
        self.resolved, self.kb, self.article = resolved, kb, parsed.article
        self.tree = Tree(parsed.tokens, parsed.sentences)
        self.entity_of = dict(resolved.token_entities)
        self.entities: dict[str, Entity] = {e.id: e for e in resolved.entities}
        self.title_orgs = {person: org for person, _, org, _, rule in resolved.titles if org and not rule.endswith("/former")}
        self.tweet_dates: dict[int, tuple[date, str]] = {}
        self.speakers = self._speakers()

    def entity(self, entity_id: str) -> Entity | None:
        return self.entities.get(entity_id) or self.kb.entities.get(entity_id)

    def type_of(self, entity_id: str) -> str:
        entity = self.entity(entity_id)
        return entity.type if entity else ""

    def entities_in(self, token_indices, types=None) -> list[str]:
        """Entity ids of the given tokens, in order, once each, optionally of ``types``."""
        found = []
        for i in token_indices:
            entity_id = self.entity_of.get(i)
            if entity_id and entity_id not in found and (types is None or self.type_of(entity_id) in types):
                found.append(entity_id)
        return found

    def token_entity(self, token: Token) -> str:
        """The entity a (head) token names, looking into its compound and flat-name children."""
        if token.i in self.entity_of:
            return self.entity_of[token.i]
        for child in self.tree.children(token.i, ("compound", "amod", "poss", "nmod", "appos")):
            if child.i in self.entity_of:
                return self.entity_of[child.i]
        if token.lemma in _PART_OF:
            for preposition in self.tree.children(token.i, ("prep",)):
                if preposition.text.lower() == "of":
                    found = [self.token_entity(o) for o in self.tree.children(preposition.i, ("pobj",))]
                    return next((f for f in found if f), "")
        return ""

    def is_government_side(self, entity_id: str) -> bool:
        return self.type_of(entity_id) in GOVERNMENT_TYPES or self.type_of(self.title_orgs.get(entity_id, "")) in GOVERNMENT_TYPES

    def _speakers(self) -> dict[int, list[str]]:
        """Who speaks in each sentence: the subject of a reporting verb, a tweet's byline, or
        the previous speaker for a quote that continues with no attribution of its own."""
        speakers: dict[int, list[str]] = {}
        previous: list[str] = []
        for sentence in self.resolved.parsed.sentences:
            found = []
            for verb in self.tree.reporting_verbs(sentence.index):
                found = [e for s in self.tree.subjects(verb.i) if (e := self.token_entity(s))]
                if found:
                    break
            found = found or self._according_to(sentence.index)
            if not found and self.tree.has_quote(sentence.index):
                found = self._root_subjects(sentence.index) or previous
            speakers[sentence.index] = found
            previous = found if self.tree.has_quote(sentence.index) or found else []
        self._tweet_speakers(speakers)
        return speakers

    def _root_subjects(self, sentence: int) -> list[str]:
        """'Stuart had called on the government to "eliminate ..."': whoever the sentence is
        about speaks its quoted words."""
        roots = [t for t in self.tree.sentence_tokens(sentence) if t.dep == "ROOT" and not self.tree.in_quote(t.i)]
        found = [self.token_entity(s) for r in roots for s in self.tree.subjects(r.i)]
        return [e for e in found if e and self.type_of(e) not in ("Policy", "PolicyVersion", "Region", "Media")]

    def _according_to(self, sentence: int) -> list[str]:
        """'According to the union, ...': the union is the source of the sentence."""
        for token in self.tree.sentence_tokens(sentence):
            if token.lemma == "accord" and not self.tree.in_quote(token.i):
                objects = [o for p in self.tree.children(token.i, ("prep",)) for o in self.tree.children(p.i, ("pobj",))]
                found = [e for o in objects if (e := self.token_entity(o))]
                if found:
                    return found
        return []

    def _tweet_speakers(self, speakers: dict[int, list[str]]) -> None:
        """A pasted tweet ends '— Name (@handle) Date': its sentences are that person's words."""
        sentences = self.resolved.parsed.sentences
        for sentence in sentences:
            match = _TWEET_BYLINE.search(sentence.text)
            entity = self.kb.lookup(match.group(1)) if match else None
            if not entity:
                continue
            dated = [e for e in find_date_expressions(sentence.text[match.end():])]
            day = resolve(dated[0].text, self.article.date) if dated else None
            for earlier in sentences[max(0, sentence.index - 2):sentence.index + 1]:
                if earlier.index == sentence.index or not self.tree.reporting_verbs(earlier.index):
                    speakers[earlier.index] = [entity.id]
                    if day:
                        self.tweet_dates[earlier.index] = (day, dated[0].text)

    def evidence(self, sentence_index: int) -> Evidence:
        sentence = self.resolved.parsed.sentences[sentence_index]
        text = sentence.text.strip()
        start = sentence.start + (len(sentence.text) - len(sentence.text.lstrip()))
        start_in_file = self.article.source_offset(start)
        return Evidence(self.article.name, text, start_in_file, start_in_file + len(text))

    def fact_date(self, token: int, relation: str = "") -> tuple[date | None, str]:
        """The day a statement was made or an action happens, and the words it was read from.

        A date expression counts when it hangs off the trigger's own clause ("will strike on
        Thursday"); for statements, one on a verb above it counts too ("said Thursday that
        ..."). Otherwise a statement reported in a dated article is dated that day, and a
        future action stays undated.
        """
        tense = self.tree.tense(token)
        own_clause = self.tree.clause_verb(token).i
        own_phrase = set(self.tree.subtree(token)) if self.tree.tokens[token].pos in ("NOUN", "PROPN") else set()
        clause_ancestors = {a.i for a in self.tree.ancestors(own_clause)}
        earlier_plan = relation == "proposes" and tense == "past" and self._reporting_verb(token) is not None
        above = list(clause_ancestors) if relation != "strikes-at" and not earlier_plan else []
        expressions = self._date_expressions(self.tree.tokens[token].sentence)
        for expression, head in expressions:
            if head in own_phrase or (relation == "strikes-at" and head in clause_ancestors and self._modified_by_clause(head, own_clause)):
                return resolve(expression.text, self.article.date, tense), expression.text
        narrated = relation != "strikes-at" and tense == "past"
        below = [i for i in self.tree.subtree(own_clause) if self.tree.tokens[i].dep in ("xcomp", "conj", "acl", "advcl")] if narrated else []
        for verbs, tier in (([own_clause], "own"), (above, "above"), (below, "below")):
            for expression, head in expressions:
                verb = self.tree.governing_verb(head)
                if verb.i in verbs or head in verbs:
                    verb_tense = tense if tier == "below" else self.tree.tense(verb.i)
                    return resolve(expression.text, self.article.date, verb_tense), expression.text
        sentence = self.resolved.parsed.sentences[self.tree.tokens[token].sentence]
        reporting = self._reporting_verb(token)
        standing = self.tree.perfect(reporting.i, climb=False) if reporting else self.tree.perfect(token)
        if standing or self._vague_time_on(token, reporting) or (not reporting and self._told_as_earlier(token)):
            return None, ""
        if tense == "future" and relation in ("strikes-at", ""):
            return None, ""
        sentence_index = self.tree.tokens[token].sentence
        if sentence_index in self.tweet_dates:
            return self.tweet_dates[sentence_index]
        if not reporting and not self.speakers.get(sentence_index) and self._standing_position(token):
            return None, ""
        if relation == "proposes" and (self.tree.tokens[token].pos in ("NOUN", "PROPN") or earlier_plan):
            return None, ""
        return self._paragraph_date(self.tree.tokens[token].sentence) or (self.article.date, "")

    def _continues_with_pronoun(self, sentence: int) -> bool:
        """'He urged ...', 'She added ...': the sentence goes on with the same speaker."""
        roots = [t for t in self.tree.sentence_tokens(sentence) if t.dep == "ROOT"]
        return any(c.pos == "PRON" for r in roots for c in self.tree.children(r.i, ("nsubj",)))

    def _paragraph_date(self, sentence: int) -> tuple[date, str] | None:
        """'In a statement Thursday night, Lecce said ... He urged ETFO ...': a statement
        with no day of its own, in the same paragraph as an earlier dated one, shares its day
        (only a day already past: a plan for next week dates nothing said today)."""
        sentences = self.resolved.parsed.sentences
        if not self._continues_with_pronoun(sentence):
            return None
        for earlier in range(sentence - 1, max(-1, sentence - 4), -1):
            between = self.article.text[sentences[earlier].end - 1:sentences[sentence].start]
            if _PARAGRAPH_BREAK.search(sentences[earlier].text) or _PARAGRAPH_BREAK.search(between):
                return None
            for expression, head in reversed(self._date_expressions(earlier)):
                day = resolve(expression.text, self.article.date, "past")
                if day and self.article.date and day <= self.article.date:
                    return day, expression.text
        return None

    def _standing_position(self, token: int) -> bool:
        """'The province is willing to ...', 'the government plans to ...': a present-tense
        position, not reported as said on a day, holds without a date. ('Lecce is calling
        on ...', in the progressive, is news of today.)"""
        verb = self.tree.clause_verb(token)
        chain = [verb, *[a for a in self.tree.ancestors(verb.i) if a.pos in ("VERB", "AUX")][:2]]
        main = chain[-1] if chain[-1].tag in ("VBZ", "VBP") else verb
        if main.tag not in ("VBZ", "VBP"):
            return False
        progressive = any(t.tag == "VBG" for t in chain) or any(c.tag == "VBG" for c in self.tree.children(main.i))
        return not progressive

    def _vague_time_on(self, token: int, reporting) -> bool:
        """'announced in the spring', 'since August': a time that is no day, on the
        statement's own verb (not somewhere else in the sentence)."""
        sentence = self.resolved.parsed.sentences[self.tree.tokens[token].sentence]
        verbs = {self.tree.clause_verb(token).i} | ({reporting.i} if reporting else set())
        above = {a.i for v in verbs for a in self.tree.ancestors(v)[:3]}
        for match in _VAGUE_TIME.finditer(sentence.text):
            start, end = sentence.start + match.start(), sentence.start + match.end()
            words = [t.i for t in self.tree.sentence_tokens(sentence.index) if start <= t.start < end]
            if words and (self.tree.governing_verb(words[0]).i in verbs or set(words) & above):
                return True
        return False

    def _told_as_earlier(self, token: int) -> bool:
        """'The plan, announced in the spring, ... Teachers and students called it experimental':
        a past action with no day, right after a sentence set in a vague past, is undated."""
        sentence = self.tree.tokens[token].sentence
        if self.tree.tense(token) != "past" or sentence == 0:
            return False
        previous = self.resolved.parsed.sentences[sentence - 1]
        between = self.article.text[previous.start:self.resolved.parsed.sentences[sentence].start]
        return bool(_VAGUE_TIME.search(previous.text)) and not _PARAGRAPH_BREAK.search(between)

    def _reporting_verb(self, token: int) -> Token | None:
        """The verb that reports the statement ("she said"), above the trigger or beside it in
        the sentence: its tense, not the tense of what is reported, dates the statement."""
        above = [a for a in self.tree.ancestors(token) if a.lemma in REPORTING_LEMMAS and a.pos == "VERB"]
        if above:
            return above[0]
        beside = self.tree.reporting_verbs(self.tree.tokens[token].sentence)
        return beside[0] if beside else None

    def _modified_by_clause(self, date_head: int, clause: int) -> bool:
        """'on Feb. 6, when ETFO holds a strike': the when-clause hangs off the date."""
        return any(a.i == date_head for a in self.tree.ancestors(clause)[:3])

    def date_expressions(self, sentence_index: int) -> list[tuple]:
        return self._date_expressions(sentence_index)

    def _date_expressions(self, sentence_index: int) -> list[tuple]:
        """Date expressions of a sentence with the token that heads each one."""
        sentence = self.resolved.parsed.sentences[sentence_index]
        found = []
        for expression in find_date_expressions(sentence.text):
            start, end = sentence.start + expression.start, sentence.start + expression.end
            inside = [t for t in self.tree.sentence_tokens(sentence_index) if start <= t.start < end]
            heads = [t.i for t in inside if not start <= self.tree.tokens[t.head].start < end or t.head == t.i]
            if heads:
                found.append((expression, heads[0]))
        return found


class _FactFinder:
    """Runs the trigger rules over one article and builds their facts."""

    def __init__(self, resolved: ResolvedArticle, kb: KnowledgeBase, rules: Rules):
        self.context = ArticleContext(resolved, kb)
        self.tree = self.context.tree
        self.kb, self.rules = kb, rules
        self.strike_triggers: list[Trigger] = []
        self.policy_focus: list[tuple[int, list[str]]] = []

    # -- represents -----------------------------------------------------------------------------

    def represents_from_titles(self) -> list[Fact]:
        """'OSSTF President Harvey Bischof' -> Bischof represents OSSTF, role president."""
        facts = []
        titles = self.context.resolved.titles
        current = {person for person, _, _, _, rule in titles if not rule.endswith("/former")}
        for person, role, organisation, token, rule in titles:
            if rule.endswith("/former") and person in current:
                continue
            if organisation and organisation != person:
                facts.append(Fact("represents", person, organisation, self._evidence_at(token), rule, role=role))
        return facts

    def _evidence_at(self, token: int) -> Evidence:
        return self.context.evidence(self.tree.tokens[token].sentence)

    def _union_represents(self, trigger_token: Token) -> list[Fact]:
        """'teachers represented by the OSSTF', 'the OSSTF also represents education workers'."""
        facts = []
        agent_phrase = [c for p in self.tree.children(trigger_token.i, ("agent",)) for c in self.tree.children(p.i, ("pobj",))]
        if agent_phrase:
            unions = [self.context.token_entity(t) for t in agent_phrase]
            groups = self._groups_of([self.tree.tokens[trigger_token.head]] if trigger_token.dep == "acl" else [])
        else:
            unions = [self.context.token_entity(t) for t in self.tree.subjects(trigger_token.i)]
            if trigger_token.dep in ("acl", "relcl"):
                unions.append(self.context.token_entity(self.tree.tokens[trigger_token.head]))
            groups = self._groups_of(self.tree.children(trigger_token.i, ("dobj",)))
        for union in filter(None, unions):
            if self.context.type_of(union) != "Union":
                continue
            for group in groups:
                facts.append(Fact("represents", union, group, self._evidence_at(trigger_token.i),
                                  "represents/union-represents-group", role="bargaining agent"))
        return facts

    def _named_as_representing(self, token: Token) -> list[Fact]:
        """'the union representing French-language teachers': when the whole phrase is the
        union's name, the words after 'representing' still say whom it represents."""
        union = self.context.entity_of.get(token.i, "")
        if self.context.type_of(union) != "Union":
            return []
        sentence = self.context.resolved.parsed.sentences[token.sentence]
        rest = sentence.text[token.end - sentence.start:].split(",")[0].split(" will ")[0]
        words = rest.split()
        for size in range(min(4, len(words)), 0, -1):
            group = self.kb.lookup(" ".join(words[:size]).strip(".,;"))
            if group and group.type == "Group":
                self.context.entities.setdefault(group.id, group)
                return [Fact("represents", union, group.id, self._evidence_at(token.i),
                             "represents/union-representing-group", role="bargaining agent")]
        return []

    def _groups_of(self, heads: list[Token]) -> list[str]:
        groups = []
        for head in heads:
            span = self.tree.subtree(head.i)
            groups += [g for g in self.context.entities_in(span, {"Group"}) if g not in groups]
            text = " ".join(self.tree.tokens[i].text for i in span if self.tree.tokens[i].pos != "DET")
            known = self.kb.lookup(text)
            if known and known.type == "Group" and known.id not in groups:
                groups.append(known.id)
        return groups

    # -- stances, proposals and responses ---------------------------------------------------------

    def relation_facts(self) -> list[Fact]:
        facts = []
        for sentence in self.context.resolved.parsed.sentences:
            policies_here = self._policies_in_sentence(sentence.index)
            for token in self.tree.sentence_tokens(sentence.index):
                if token.lemma == "represent" and token.pos == "VERB":
                    facts += self._union_represents(token) or self._named_as_representing(token)
            sentence_facts = []
            for trigger in find_triggers(self.rules, self.tree, sentence.index):
                sentence_facts += self._facts_for(trigger)
            facts += sentence_facts + self._government_announcements(sentence.index, sentence_facts)
            facts += self._stance_on_mention(sentence.index, sentence_facts)
            facts += self._said_of_other_side(sentence.index, sentence_facts)
            if policies_here:
                self.policy_focus.append((sentence.index, policies_here))
        return facts

    def _facts_for(self, trigger: Trigger) -> list[Fact]:
        kind = trigger.rule.object
        if kind == "strike":
            self.strike_triggers.append(trigger)
            return []
        agents = self._agents(trigger)
        objects = self._policies_for(trigger) if kind == "policy" else self._answered(trigger, agents)
        when, date_text = self.context.fact_date(trigger.token, trigger.rule.relation)
        if trigger.rule.relation == "proposes" and self._withdrawn(trigger.token):
            when, date_text = None, ""
        evidence = self._evidence_at(trigger.token)
        if trigger.rule.relation in ("proposes", "supports"):
            objects = [o for o in objects if not self._opposed_on_mention(o)]
        stance = {"opposes": "opposes", "supports": "supports"}.get(trigger.rule.relation, "")
        return [Fact(trigger.rule.relation, agent, target, evidence, trigger.rule.id, when, date_text, stance=stance)
                for agent in agents for target in objects if agent != target]

    def _withdrawn(self, token: int) -> bool:
        """'backed down on proposals to increase class sizes': the proposal is real, but the
        sentence dates its withdrawal, not the proposal."""
        return any(a.lemma in self.rules.withdrawal_lemmas for a in self.tree.ancestors(token)[:6])

    def _agents(self, trigger: Trigger) -> list[str]:
        """Who does it: the subject (or a noun trigger's possessor), else the speaker when the
        subject is "we"/"I", a quote, or a thing rather than an actor ("two mandatory courses
        present the same challenges", said Schreiner)."""
        tree = self.tree
        sentence = tree.tokens[trigger.token].sentence
        if trigger.rule.agent == "speaker":
            return list(self.context.speakers.get(sentence, []))
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
            tokens = tree.subjects(trigger.token) or tree.subjects(trigger.first_token)
        first_person = any(t.text.lower() in _FIRST_PERSON for t in tokens)
        agents = [] if first_person else [e for t in tokens if self._is_actor(e := self.context.token_entity(t))]
        speaks = trigger.rule.relation != "proposes" or first_person
        if not agents and speaks:
            agents = self.context.speakers.get(tree.tokens[trigger.token].sentence, [])
        allowed = trigger.rule.agent_types
        agents = [a for a in agents if self._is_actor(a) and (not allowed or self.context.type_of(a) in allowed)]
        if trigger.rule.not_government:
            agents = [a for a in agents if not self.context.is_government_side(a)]
        return list(dict.fromkeys(agents))

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
        if trigger.pos not in ("NOUN", "PROPN") or token in self.context.entity_of:
            return []
        modifiers = self.tree.children(token, ("compound", "poss", "nmod", "amod"))
        return [e for m in modifiers if self._is_actor(e := self.context.token_entity(m))]

    def _government_reporter(self, token: int) -> list[str]:
        """'Lecce said the government will increase class sizes': in reported speech on the
        government side, the one who says it is the one who proposes it."""
        for ancestor in self.tree.ancestors(token)[:5]:
            if ancestor.lemma in REPORTING_LEMMAS and ancestor.pos == "VERB":
                speakers = [e for s in self.tree.subjects(ancestor.i) if (e := self.context.token_entity(s))]
                return [s for s in speakers if self.context.is_government_side(s)]
        return []

    def _policies_in_sentence(self, sentence: int) -> list[str]:
        return self._policies_in(t.i for t in self.tree.sentence_tokens(sentence))

    def _policies_in(self, token_indices) -> list[str]:
        """Policy (version) ids named by the tokens, each mention read with its own numbers."""
        found = []
        indices = set(token_indices)
        for mention in self._policy_mentions():
            if mention.first_token in indices:
                version = self._version(mention)
                if version not in found:
                    found.append(version)
        versioned = {self._concept(p) for p in found if self._concept(p) != p}
        return [p for p in found if p not in versioned]

    def _policy_mentions(self):
        if not hasattr(self, "_policy_mention_list"):
            self._policy_mention_list = sorted(
                (m for m in self.context.resolved.parsed.mentions if self.context.type_of(self.context.entity_of.get(m.first_token, "")) == "Policy"),
                key=lambda m: m.start)
        return self._policy_mention_list

    def _policies_for(self, trigger: Trigger) -> list[str]:
        """Policies the trigger is about: in its own phrase or clause; through "it", "the plan",
        "that backtrack" to the policies of the last few sentences; never a policy merely
        mentioned elsewhere in a sentence about something else."""
        tree = self.tree
        anchor = tree.tokens[trigger.token]
        actor_subjects = [s for s in tree.subjects(trigger.token) if self._is_actor(self.context.token_entity(s))]
        excluded = {i for s in actor_subjects for i in tree.subtree(s.i)}
        own = [i for t in {trigger.token, trigger.first_token} for i in self._clause_words(t) if i not in excluded]
        if anchor.pos != "VERB" and anchor.dep in ("dobj", "pobj", "attr", "nsubj", "nsubjpass", "acomp"):
            own += [i for i in tree.subtree(anchor.head) if i not in excluded]
        if anchor.dep in ("relcl", "acl") and anchor.head != anchor.i:
            own += [i for i in tree.subtree(anchor.head) if i not in excluded]
        own += [i for s in tree.subjects(trigger.token) if s not in actor_subjects for i in tree.subtree(s.i)]
        policies = self._policies_in(own) or self._versions_by_number(self._number_objects(anchor), anchor.sentence, trigger.first_token)
        if not policies and trigger.rule.relation in ("opposes", "supports"):
            policies = self._policies_in(self._following_words(trigger.token))
        if policies or trigger.rule.relation == "proposes":
            return policies
        pointers = [tree.tokens[i] for i in self._argument_heads(trigger) if tree.tokens[i].tag not in ("WDT", "WP", "IN")]
        if any(t.text.lower() in _POLICY_ANAPHORS or t.lemma in _PLURAL_ANAPHORS for t in pointers):
            return self._recent_policies(anchor.sentence, before_token=trigger.first_token)
        return []

    def _clause_words(self, token: int) -> list[int]:
        """A trigger's words, without clauses merely joined to it ('..., and that students
        could opt out')."""
        words = set(self.tree.subtree(token))
        for child in self.tree.children(token, ("conj", "ccomp", "advcl", "parataxis")):
            if child.pos in ("VERB", "AUX") and self.tree.children(child.i, ("nsubj", "nsubjpass", "mark")):
                words -= set(self.tree.subtree(child.i))
        return sorted(words)

    def _number_objects(self, anchor: Token) -> list[int]:
        """A number the trigger is about: its object ('planned 28') or the noun its relative
        clause describes ('the 28 the province had planned')."""
        heads = [c.i for c in self.tree.children(anchor.i, ("dobj", "attr"))]
        if anchor.dep == "relcl" and anchor.head != anchor.i:
            heads.append(anchor.head)
        return [i for i in heads if self.tree.tokens[i].text.isdigit()]

    def _versions_by_number(self, words: list[int], sentence: int, before_token: int) -> list[str]:
        """'the 28 the province had planned': a bare number that names a version of a policy
        under discussion (in this sentence or the last few) stands for that version."""
        numbers = {self.tree.tokens[i].text.lower() for i in words if self.tree.tokens[i].pos == "NUM" or self.tree.tokens[i].text.isdigit()}
        if not numbers:
            return []
        start = self.tree.sentences[sentence].first_token
        end = self.tree.sentences[sentence].last_token + 1
        discussed = {self._concept(p) for p in self._policies_in(range(start, end)) + self._recent_policies(sentence, before_token)}
        return [v.id for concept in sorted(discussed) for v in self.kb.versions_of(concept) if numbers & set(v.numbers)]

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

    def _argument_heads(self, trigger: Trigger) -> list[int]:
        """Head words of the trigger's subject and objects ("it", "that backtrack" -> backtrack)."""
        heads = []
        for t in {trigger.token, trigger.first_token}:
            for child in self.tree.children(t, ("dobj", "nsubj", "nsubjpass", "attr", "prep", "agent", "oprd", "dative")):
                heads += [p.i for p in self.tree.children(child.i, ("pobj",))] if child.dep in ("prep", "agent") else [child.i]
            heads += [s.i for s in self.tree.subjects(t)]
        return heads

    def _is_actor(self, entity_id: str) -> bool:
        return bool(entity_id) and self.context.type_of(entity_id) not in ("Policy", "PolicyVersion", "Region", "Media", "")

    def _recent_policies(self, sentence: int, before_token: int) -> list[str]:
        """The latest version of each policy discussed in the last four sentences (and earlier
        in this one): what "it" or "neither backtrack" points back to."""
        latest: dict[str, str] = {}
        start = self.tree.sentences[sentence].first_token
        recent = [p for index, policies in self.policy_focus if sentence - 4 <= index < sentence for p in policies]
        for policy in recent + self._policies_in(range(start, before_token)):
            concept = self._concept(policy)
            if policy != concept or latest.get(concept, concept) == concept:
                latest[concept] = policy
        return list(latest.values())

    def _opposed_on_mention(self, policy_id: str) -> bool:
        entity = self.kb.entities.get(self._concept(policy_id))
        return bool(entity and entity.stance_on_mention == "opposes")

    def _concept(self, policy_id: str) -> str:
        entity = self.kb.entities.get(policy_id)
        return entity.parent or entity.id if entity else policy_id

    def _version(self, mention) -> str:
        """The version one policy mention names, read in a window around it: "from 22 to 28"
        gives 28 (a number after "to" wins), "two online courses" gives two, "exemptions"
        gives the opt-out; no number or word, the policy itself."""
        policy_id = self.context.entity_of.get(mention.first_token, "")
        text = self.context.article.text
        following = [m.start for m in self._policy_mentions() if m.start > mention.start]
        window_start = max(mention.start - 25, 0)
        window_end = min(following[0] if following else len(text), mention.end + 120,
                         self.context.resolved.parsed.sentences[mention.sentence].end)
        window = text[window_start:window_end].lower()
        mention_at = mention.start - window_start
        best = (0, 0, policy_id)
        for version in self.kb.versions_of(policy_id):
            for number in version.numbers:
                for match in re.finditer(rf"(?<![\w.]){re.escape(number)}(?![\w]|\.\d)", window):
                    before = window[max(0, match.start() - 16):match.start()]
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

    def _answered(self, trigger: Trigger, agents: list[str]) -> list[str]:
        """Whom a response is aimed at: 'called on X', 'urged X', 'responded to X'."""
        token = self.tree.tokens[trigger.token]
        heads = [token] + ([self.tree.tokens[trigger.first_token]] if trigger.first_token != trigger.token else [])
        candidates = []
        for head in heads:
            for child in self.tree.children(head.i, ("dobj", "dative", "prep", "pobj", "ccomp", "xcomp", "oprd")):
                if child.dep == "prep":
                    candidates += self.tree.children(child.i, ("pobj",))
                elif child.dep == "oprd":
                    candidates += self.tree.children(child.i, ("compound", "nsubj"))
                elif child.dep in ("ccomp", "xcomp"):
                    candidates += self.tree.subjects(child.i)[:1] if self.tree.children(child.i, ("nsubj",)) else []
                else:
                    candidates.append(child)
        if token.dep == "pobj" or token.lemma == "to":
            candidates += self.tree.children(token.i, ("pobj",))
        candidates += [conj for c in candidates for conj in self.tree._with_conjuncts(c)[1:]]
        found = [e for c in candidates if (e := self.context.token_entity(c))]
        return [e for e in dict.fromkeys(found)
                if e not in agents and self.context.type_of(e) not in ("Policy", "PolicyVersion", "Region", "Media", "")]

    def _said_of_other_side(self, sentence: int, already: list[Fact]) -> list[Fact]:
        """'Bischof said the Education Minister interrupted negotiations': a statement about
        what the other side (government vs. everyone else) did answers that side."""
        answered = {(f.agent, f.object) for f in already if f.relation == "responds-to"}
        facts = []
        for verb in self.tree.reporting_verbs(sentence):
            speakers = [e for s in self.tree.subjects(verb.i) if self._is_actor(e := self.context.token_entity(s))]
            for clause in self.tree.children(verb.i, ("ccomp",)):
                subjects = self.tree.subjects(clause.i)
                targets = [e for s in subjects if self._is_actor(e := self.context.token_entity(s))]
                targets += [u for s in subjects if s.lemma in self._strike_words() for u in self._recent_unions(s.i)]
                when, date_text = self.context.fact_date(verb.i, "responds-to")
                for speaker in speakers:
                    for target in targets:
                        if self._other_sides(speaker, target) and (speaker, target) not in answered:
                            facts.append(Fact("responds-to", speaker, target, self._evidence_at(verb.i),
                                              "responds/says-of-other-side", when, date_text))
        return facts

    def _strike_words(self) -> set[str]:
        return {w for r in self.rules.triggers if r.relation == "strikes-at" for w in r.lemmas}

    def _recent_unions(self, token: int) -> list[str]:
        """'the strike would be needless escalation': the union last named is the one striking."""
        sentence = self.tree.tokens[token].sentence
        earlier = [i for i in sorted(self.context.entity_of, reverse=True)
                   if i < token and self.tree.tokens[i].sentence >= sentence - 3]
        unions = self.context.entities_in(earlier, {"Union"})
        return unions[:1]

    def _other_sides(self, one: str, other: str) -> bool:
        """One is the government side, the other known to be on the other side (a union, a
        party, a student or parent group, or someone the text titles as theirs)."""
        if one == other:
            return False
        government = [self.context.is_government_side(e) for e in (one, other)]
        opposition = [self._opposition_side(e) for e in (one, other)]
        return (government[0] and opposition[1]) or (government[1] and opposition[0])

    def _opposition_side(self, entity_id: str) -> bool:
        sides = {"Union", "PoliticalParty", "StudentGroup", "ParentGroup"}
        return self.context.type_of(entity_id) in sides or self.context.type_of(self.context.title_orgs.get(entity_id, "")) in sides

    def _stance_on_mention(self, sentence: int, already: list[Fact]) -> list[Fact]:
        """'the Ford government is interested in nothing but cuts', Hammond charged: a policy
        marked in the knowledge base as opposed whenever named ("stance_on_mention") is
        opposed by whoever names it, unless that is the government itself."""
        facts = []
        for mention in self._policy_mentions():
            policy = self.kb.entities.get(self.context.entity_of.get(mention.first_token, ""))
            if mention.sentence != sentence or not policy or policy.stance_on_mention != "opposes":
                continue
            token = mention.first_token
            roots = [t for t in self.tree.sentence_tokens(sentence) if t.dep == "ROOT"]
            agents = self.context.speakers.get(sentence, []) or [
                e for r in roots for t in self.tree.subjects(r.i) if self._is_actor(e := self.context.token_entity(t))]
            when, date_text = self.context.fact_date(token, "opposes")
            if any(f.relation == "opposes" and self._concept(f.object) == policy.id for f in already):
                continue
            for agent in agents:
                if not self.context.is_government_side(agent):
                    facts.append(Fact("opposes", agent, policy.id, self._evidence_at(token), "opposes/names-a-cut", when, date_text, stance="opposes"))
        return facts

    def _government_announcements(self, sentence: int, already: list[Fact]) -> list[Fact]:
        """'Lecce said students will now have to complete two online courses': a government
        speaker stating a policy (version) in the future or present tense proposes it, unless
        the clause already names its own proposer."""
        proposed = {f.object for f in already if f.relation == "proposes"}
        facts = []
        for verb in self.tree.reporting_verbs(sentence):
            speakers = [e for s in self.tree.subjects(verb.i) if (e := self.context.token_entity(s))]
            speakers = [s for s in speakers if self.context.is_government_side(s)]
            clauses = self.tree.children(verb.i, ("ccomp",))
            clauses += [c for clause in clauses for c in self.tree.children(clause.i, ("conj",))]
            for clause in clauses:
                if self.tree.tense(clause.i) == "past" or self.tree.is_negated(clause.i):
                    continue
                when, date_text = self.context.fact_date(verb.i, "proposes")
                for policy in self._policies_in(self.tree.subtree(clause.i)):
                    if policy not in proposed:
                        facts += [Fact("proposes", s, policy, self._evidence_at(verb.i), "proposes/government-announcement", when, date_text) for s in speakers]
        return facts
