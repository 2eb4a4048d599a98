"""Responses (part of the facts stage): whom a response answers, and what a speaker said
about the other side.

"Lecce urged the union to cancel it", "disappointed by CUPE's decision", "Bischof replied late
Tuesday" (the other side's last speaker), "The minister, Bischof said, is still set on larger
classes" (a statement about what the other side does answers it). Responses go across the
dispute: from the government side to the opposition side or back.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

from .context import ArticleContext
from .lexicon import Lexicon, load_lexicon
from .model import Fact, Token
from .reported_speech import clause_doers, reported_clauses, that_conjuncts
from .rules import Rules, Trigger

__all__ = ["ResponseFinder"]

#: Plural heads that, with "union" and no union's name, mean the unions' side taken together:
#: "union leaders", "union bosses" ("the unions" is an alias of that group in the knowledge base).
_COLLECTIVE_HEADS = frozenset({"leader", "boss", "head"})
#: Things one side says or does that the other answers without naming whose they are:
#: "dismissed the announcement", "brushed off the offer".
_DEEDS = frozenset({"announcement", "decision", "offer", "proposal", "concession", "move", "comment",
                    "remark", "statement", "claim", "plan", "ultimatum", "demand", "position",
                    "escalation", "suggestion", "assertion"})


@cache
def _lexicon() -> Lexicon:
    """The package's vocabulary of given names and pronoun genders."""
    return load_lexicon()


class ResponseFinder:
    """Finds the answered side of responses in one article."""

    def __init__(self, context: ArticleContext, rules: Rules, triggers_in: Callable[[int], list[Trigger]]):
        self.context, self.tree, self.rules = context, context.tree, rules
        self.triggers_in = triggers_in

    def answered(self, trigger: Trigger, agents: list[str]) -> list[str]:
        """Whom a response is aimed at: 'called on X', 'urged X', 'responded to X'."""
        token = self.tree.tokens[trigger.token]
        heads = [token] + ([self.tree.tokens[trigger.first_token]] if trigger.first_token != trigger.token else [])
        candidates = []
        for head in heads:
            for child in self.tree.children(head.i, ("dobj", "dative", "prep", "pobj", "ccomp", "xcomp", "oprd", "agent")):
                if child.dep in ("prep", "agent"):  # "disappointed by CUPE's decision"
                    if self._on_behalf(trigger, child):
                        continue
                    if child.i > head.i:  # "At Queen's Park, Horwath called on ...": a setting, not whom
                        candidates += self.tree.children(child.i, ("pobj",))
                elif child.dep == "oprd":
                    candidates += self.tree.children(child.i, ("compound", "nsubj"))
                elif child.dep == "ccomp" and trigger.rule.id == "responds/replied":
                    continue  # "replied that parents deserve peace of mind": what, not whom
                elif child.dep in ("ccomp", "xcomp"):
                    subjects = self.tree.subjects(child.i)[:1] if self.tree.children(child.i, ("nsubj",)) else []
                    candidates += [s for s in subjects if not self._reporter(s, agents)]
                else:
                    candidates.append(child)
        if token.dep == "pobj" or token.lemma == "to":
            candidates += self.tree.children(token.i, ("pobj",))
        candidates += [conj for c in candidates for conj in self.tree.with_conjuncts(c)[1:]]
        candidates = [self._owner_of(c) for c in candidates]
        found = [e for c in candidates if (e := self._named_by(c))]
        found += self.context.listed_with(candidates)
        wanted = trigger.rule.answered_types
        named = [e for e in dict.fromkeys(found)
                 if e not in agents and self.context.is_actor(e) and (not wanted or self.context.type_of(e) in wanted)]
        named = [e for e in named if not self._rallied(agents, e)]
        return self._across(trigger, agents, named) or self._whose_deed(trigger, agents)

    def _reporter(self, subject: Token, agents: list[str]) -> bool:
        """'Horwath said parents had all rejected what she called reckless cuts': the subject
        of a clause under the answer that is the sentence's own speaker (she tells of others'
        answer and names its object in her words) is not whom they answer."""
        named = self._named_by(subject)
        return bool(named) and named not in agents and named in self.context.speakers.get(subject.sentence, [])

    @staticmethod
    def _on_behalf(trigger: Trigger, preposition: Token) -> bool:
        """'Lecce rose to answer for the premier': a reply "for" someone is made on their
        behalf; it does not answer them."""
        return trigger.rule.id == "responds/replied" and preposition.text.lower() == "for"

    def _rallied(self, agents: list[str], answered: str) -> bool:
        """'Loken urged parents to write their MPPs', 'the chair urged students to study': a
        union or a board calling on people at large (a plain group, not the unions taken
        together) rallies them, it answers no one; only the government side's words to such
        a group answer it ("the minister urged students to stay in class")."""
        collective = self.context.kb.lookup("the unions")
        if self.context.type_of(answered) != "Group" or (collective and answered == collective.id):
            return False
        return not any(self.context.is_government_side(a) for a in agents)

    def _whose_deed(self, trigger: Trigger, agents: list[str]) -> list[str]:
        """'Bischof dismissed the announcement': an answer to "the announcement", "the
        offer", with no owner named, answers the other side's last speaker before it."""
        objects = self.tree.children(trigger.token, ("dobj",)) if self.tree.tokens[trigger.token].pos == "VERB" else []
        if not any(o.lemma in _DEEDS and not self.tree.children(o.i, ("poss", "compound"))
                   and any(d.lemma in ("the", "this", "that") for d in self.tree.children(o.i, ("det",))) for o in objects):
            return []
        return self._last_other_speaker(self.tree.tokens[trigger.token].sentence, agents, reach=8)

    def _of_whom(self, token: Token) -> Token:
        """'all four of the unions', 'each of the boards': a quantity stands for whom it counts."""
        if token.pos not in ("DET", "NUM", "PRON") and token.lemma not in ("all", "each", "both", "some", "most"):
            return token
        counted = [o for p in self.tree.children(token.i, ("prep",)) if p.text.lower() == "of" for o in self.tree.children(p.i, ("pobj",))]
        return counted[0] if counted else token

    def _named_by(self, token: Token) -> str:
        """The actor a noun names; "union leaders" means the unions together, unless the
        paragraph has just named the union they lead ("Lecce answered OECTA within hours.
        Union leaders had once again shown ...")."""
        collective = self.context.kb.lookup("the unions")
        if collective and token.tag == "NNS" and token.lemma in _COLLECTIVE_HEADS:
            words = [token] + self.tree.children(token.i, ("compound", "amod"))
            if any(w.lemma == "union" for w in words) and not any(w.pos == "PROPN" for w in words) \
                    and not self._union_named_before(token):
                return collective.id
        return self.context.token_entity(token)

    def _union_named_before(self, token: Token) -> bool:
        paragraph = self.context.paragraphs[token.sentence]
        earlier = [i for i in self.context.entity_of if i < token.i and self.context.paragraphs[self.tree.tokens[i].sentence] == paragraph]
        return bool(self.context.entities_in(earlier, {"Union"}))

    def _against(self, speaker: str, target: str) -> bool:
        """Whether a statement by ``speaker`` about ``target`` goes across the dispute; the
        unions taken together (a group, not a union) are the unions' side."""
        collective = self.context.kb.lookup("the unions")
        if collective and target == collective.id:
            return self.context.is_government_side(speaker)
        return self.context.on_other_sides(speaker, target)

    def _owner_of(self, token: Token) -> Token:
        """'CUPE's decision', 'the government's proposals': a thing that is no actor is
        answered through whose it is."""
        if self.context.token_entity(token):
            return token
        owners = self.tree.children(token.i, ("poss",)) or self._made_by(token)
        return owners[0] if owners else token

    def _made_by(self, token: Token) -> list[Token]:
        """'replied to the escalation by the four unions', 'claims by the finance minister':
        a deed's doer named after "by" is whose the deed is."""
        if token.lemma not in _DEEDS and token.lemma not in self.rules.strike_words:
            return []
        return [o for p in self.tree.children(token.i, ("prep",)) if p.text.lower() == "by"
                for o in self.tree.children(p.i, ("pobj",))]

    def _across(self, trigger: Trigger, agents: list[str], answered: list[str]) -> list[str]:
        """Responses go across the dispute: 'Lecce answered that the ministry is waiting'
        does not answer the ministry. 'Bischof replied late Tuesday', with no one named,
        answers the other side's last speaker before it."""
        government_speaks = any(self.context.is_government_side(a) for a in agents)
        across = [a for a in answered if not (government_speaks and self.context.is_government_side(a))]
        if across or trigger.rule.id != "responds/replied" or not self._bare_reply(trigger.token):
            return across
        return self._doers_of_deed(trigger.token, agents) or self._last_other_speaker(self.tree.tokens[trigger.token].sentence, agents)

    def _doers_of_deed(self, token: int, agents: list[str]) -> list[str]:
        """'Lecce responded to the strike', 'Responding to the appeals, Lecce noted ...': a
        reply to a deed with no owner named answers whoever the article first said did it
        (the story's deed: "the four unions filed appeals"), when that is the other side."""
        deeds = [o for p in self.tree.children(token, ("prep",)) if p.text.lower() == "to"
                 for o in self.tree.children(p.i, ("pobj",)) if not self.tree.children(o.i, ("poss",))]
        for deed in deeds[:1]:
            for earlier in range(deed.i):
                done = self.tree.tokens[earlier]
                if done.lemma != deed.lemma or done.sentence == deed.sentence:
                    continue
                verb = done if done.pos == "VERB" else self.tree.clause_verb(done.i)
                doers = [e for s in self.tree.subjects(verb.i) if (e := self._named_by(self._of_whom(s)))]
                doers = [d for d in doers if any(self._against(a, d) for a in agents)]
                if doers:
                    return doers
        return []

    def _last_other_speaker(self, sentence: int, agents: list[str], reach: int = 3) -> list[str]:
        """The other side's last speaker before a bare reply; when that speaker talks for an
        organisation that made the statement earlier in the same paragraph ("OECTA said this
        evening ... The union's president, Liz Stuart, said ... Lecce answered"), the reply
        answers the organisation's statement."""
        paragraphs = self.context.paragraphs
        for earlier in range(sentence - 1, max(-1, sentence - reach - 1), -1):
            speakers = [e for e in self.context.speakers.get(earlier, []) if any(self.context.on_other_sides(a, e) for a in agents)]
            if speakers:
                organisation = self.context.title_orgs.get(speakers[0], "")
                opening = [s for s in range(earlier - 1, -1, -1) if paragraphs[s] == paragraphs[earlier]]
                if organisation and any(organisation in self.context.speakers.get(s, []) for s in opening):
                    return [organisation]
                return [self._speaking_for(speakers[0])]
        return []

    def _speaking_for(self, speaker: str) -> str:
        """'Announcing the strike, Bischof said ... Lecce replied the same day': a reply to a
        union's officer, who spoke for it, answers the union."""
        organisation = self.context.title_orgs.get(speaker, "")
        return organisation if self.context.type_of(organisation) == "Union" else speaker

    def _bare_reply(self, token: int) -> bool:
        """'Bischof replied late Tuesday': a reply verb that names whom it answers nowhere, and
        is not spelt out by the next sentence ('Lecce answered within hours. He called on
        OSSTF to ...' answers OSSTF, through "called on")."""
        spelt_out = ("dobj", "dative", "agent", "xcomp", "advcl")  # "replied that ...": what, not whom
        if any(c.dep in spelt_out for c in self.tree.children(token)):
            return False
        for preposition in self.tree.children(token, ("prep",)):  # "replied to X", not "on Monday"
            if preposition.text.lower() == "for":
                continue  # "rose to answer for the premier": on whose behalf, not whom
            if any(self.context.is_actor(self._named_by(o)) for o in self.tree.children(preposition.i, ("pobj",))):
                return False
        following = self.tree.tokens[token].sentence + 1
        if following >= len(self.context.paragraphs) or self.context.paragraphs[following] != self.context.paragraphs[following - 1]:
            return True
        return not any(t.rule.relation == "responds-to" and self._names_whom(t) for t in self.triggers_in(following))

    def _names_whom(self, trigger: Trigger) -> bool:
        """Whether a response names an actor it answers: 'He called on OSSTF to ...' does,
        'He called the continued strike action unfair' does not (so it spells out no reply)."""
        return bool(self.answered(trigger, [self.context.token_entity(s) for s in self.tree.subjects(trigger.token)]))

    def said_of_other_side(self, sentence: int, already: list[Fact]) -> list[Fact]:
        """'Bischof said the Education Minister interrupted negotiations': a statement about
        what the other side (government vs. everyone else) did answers that side."""
        answered = {(f.agent, f.object) for f in already if f.relation == "responds-to"}
        facts = []
        for verb in self.tree.reporting_verbs(sentence):
            speakers, about = self._speech(verb, sentence)
            targets = [e for s in about if not self._speaker_pronoun(s, speakers) and self.context.is_actor(e := self._named_by(s))]
            targets += [u for s in about if s.lemma in self.rules.strike_words for u in self._recent_unions(s.i)]
            when, date_text = self.context.fact_date(verb.i, "responds-to")
            for speaker in speakers:
                for target in dict.fromkeys(targets):
                    if self._against(speaker, target) and (speaker, target) not in answered:
                        facts.append(Fact("responds-to", speaker, target, self.context.evidence(verb.sentence),
                                          "responds/says-of-other-side", when, date_text))
        return facts

    def _speaker_pronoun(self, token: Token, speakers: list[str]) -> bool:
        """'The minister said his focus is keeping students in class': "he", "his", "she" or
        "her" in the words someone reports (or owning the subject) is, far more often than
        not, the speaker, not the other side (whatever person it was linked back to), unless
        the speaker's given name is of the other gender ("Meseret said he seems keen")."""
        lexicon = _lexicon()
        for owner in [token] + self.tree.children(token.i, ("poss",)):
            gender = lexicon.pronoun_genders.get(owner.text.lower(), "")
            if gender and any(self.context.type_of(s) == "Person" and lexicon.gender_of(self.context.entities[s].name) in ("", gender)
                              for s in speakers):
                return True
        return False

    def _speech(self, verb: Token, sentence: int) -> tuple[list[str], list[Token]]:
        """Who speaks through a reporting verb, and the subjects of what they say. 'The
        minister, said the president of ETFO, is trying to buy support': with a subject on
        each side of an inverted "said", the one after it speaks and the one before is what
        the words are about."""
        own = self.tree.children(verb.i, ("nsubj",))
        fronted = [s for s in own if s.i < verb.i]
        says_clause = bool(self.tree.children(verb.i, ("ccomp",))) or verb.dep == "parataxis"
        inverted = bool(fronted) and any(s.i > verb.i for s in own) and says_clause
        speaking = [s for s in own if s.i > verb.i] if inverted else self.tree.subjects(verb.i)
        speakers = [e for s in speaking if self.context.is_actor(e := self.context.token_entity(s))]
        clauses = self.tree.children(verb.i, ("ccomp",)) + that_conjuncts(self.tree, verb)
        if verb.dep == "parataxis":  # "The minister, Bischof said, is still set on ..."
            clauses.append(self.tree.tokens[verb.head])
        elif verb.dep == "conj" and verb.head < verb.i and not self.tree.children(verb.i, ("nsubj",)):
            clauses.append(self.tree.tokens[verb.head])  # "The minister should listen, X said"
            speakers = [e for e in self.context.speakers.get(sentence, []) if self.context.is_actor(e)]
        about = [s for clause in reported_clauses(self.tree, clauses) for s in clause_doers(self.tree, clause, self._owner_of, self._stance_verbs())]
        return speakers, about + (fronted if inverted else [])

    def _stance_verbs(self) -> frozenset[str]:
        """Verbs that take a stance on a policy ("fight", "protest"): what they act on is
        a policy opposed or backed, not a deed answered."""
        return frozenset(w for w, found in self.rules.trigger_words.items() if any(r.object == "policy" for r in found))

    def _recent_unions(self, token: int) -> list[str]:
        """'the strike would be needless escalation': the union last named is the one striking."""
        sentence = self.tree.tokens[token].sentence
        earlier = [i for i in sorted(self.context.entity_of, reverse=True)
                   if i < token and self.tree.tokens[i].sentence >= sentence - 3]
        unions = self.context.entities_in(earlier, {"Union"})
        return unions[:1]
