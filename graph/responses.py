"""Responses (part of the facts stage): whom a response answers, and what a speaker said
about the other side.

"Lecce urged the union to cancel it", "disappointed by CUPE's decision", "Bischof replied late
Tuesday" (the other side's last speaker), "The minister, Bischof said, is still set on larger
classes" (a statement about what the other side does answers it: :mod:`.said_of`), "called
the walkout irresponsible" (whoever did the deed: :mod:`.deeds`). Responses go across the
dispute: from the government side to the opposition side or back.
"""

from __future__ import annotations

from collections.abc import Callable

from .answer_shapes import addressed, fronted_subjects, judged_owner, passive_patient
from .context import ArticleContext
from .date_words import SINGLE_POINTERS
from .deeds import DeedReader
from .dispute_sides import answers_across
from .model import Fact, Token
from .rules import Rules, Trigger
from .said_of import OtherSideStatements
from .union_side import UnionSideNames

__all__ = ["ResponseFinder"]

#: The family that answers only whom it asks to do something ("wants the premier to pay").
_ASKED_TO = "responds/wants-x-to"


class ResponseFinder:
    """Finds the answered side of responses in one article."""

    def __init__(self, context: ArticleContext, rules: Rules, triggers_in: Callable[[int], list[Trigger]]):
        self.context, self.tree, self.rules = context, context.tree, rules
        self.triggers_in = triggers_in
        self.deeds = DeedReader(context, rules.judgements.deed_nouns, rules.strike_words, self._named_by)
        self.union_side = UnionSideNames(context, self.deeds)
        self.statements = OtherSideStatements(context, rules, self._named_by, self._against, self._owner_of, self.deeds.is_deed)

    def answered(self, trigger: Trigger, agents: list[str]) -> list[str]:
        """Whom a response is aimed at: 'called on X', 'urged X', 'responded to X'."""
        token = self.tree.tokens[trigger.token]
        heads = [token] + ([self.tree.tokens[trigger.first_token]] if trigger.first_token != trigger.token else [])
        candidates = self._asked_to(token) if trigger.rule.id == _ASKED_TO else []
        for head in heads if trigger.rule.id != _ASKED_TO else []:
            for child in self.tree.children(head.i, ("dobj", "dative", "prep", "pobj", "ccomp", "xcomp", "oprd", "agent")):
                if child.dep in ("prep", "agent"):  # "disappointed by CUPE's decision"
                    if self._on_behalf(trigger, child):
                        continue
                    if child.i > head.i:  # "At Queen's Park, Horwath called on ...": a setting, not whom
                        candidates += self.tree.children(child.i, ("pobj",))
                elif child.dep == "oprd":
                    candidates += self.tree.children(child.i, ("compound", "nsubj") + judged_owner(trigger, child))
                elif child.dep == "dative" and child.pos == "ADP":
                    candidates += addressed(self.tree, head)
                elif child.dep == "ccomp" and trigger.rule.id == "responds/replied":
                    continue  # "replied that parents deserve peace of mind": what, not whom
                elif child.dep in ("ccomp", "xcomp"):
                    subjects = self.tree.subjects(child.i)[:1] if self.tree.children(child.i, ("nsubj",)) else []
                    candidates += [s for s in subjects if not self._reporter(s, agents, head)]
                else:
                    candidates.append(child)
        if token.dep == "pobj" or token.lemma == "to":
            candidates += self.tree.children(token.i, ("pobj",))
        candidates += passive_patient(self.tree, token) + fronted_subjects(self.tree, token)
        if token.dep == "mark" and token.lemma == "for":  # "time for the premier to pay"
            candidates += self.tree.children(token.head, ("nsubj",))
        candidates += [conj for c in candidates for conj in self.tree.with_conjuncts(c)[1:]]
        candidates = [self._owner_of(self._pronoun_antecedent(c)) for c in candidates]
        found = [e for c in candidates if (e := self._named_by(c))]
        found += self.context.listed_with(candidates)
        wanted = trigger.rule.answered_types
        named = [e for e in dict.fromkeys(found)
                 if e not in agents and self.context.is_actor(e) and (not wanted or self.context.type_of(e) in wanted)]
        named = [e for e in named if not self._rallied(agents, e) and not self._own_side(agents, e)]
        if self._refereed(agents, named):
            return []
        return self._across(trigger, agents, named) or self._whose_deed(trigger, agents)

    def _asked_to(self, verb: Token) -> list[Token]:
        """'wants him to come and bargain', 'telling the government to take its cuts off the
        table': whom a verb of wanting or telling asks to do something -- the subject of its
        to-clause, or its object when a to-clause follows; 'told reporters that ...' or 'wants
        a deal' asks no one."""
        clauses = [c for c in self.tree.children(verb.i, ("xcomp", "ccomp"))
                   if any(a.lemma == "to" for a in self.tree.children(c.i, ("aux",)))]
        if not clauses:
            return []
        return self.tree.children(verb.i, ("dobj",)) + [s for c in clauses for s in self.tree.children(c.i, ("nsubj",))]

    def _reporter(self, subject: Token, agents: list[str], answer: Token) -> bool:
        """'Horwath said parents had all rejected what she called reckless cuts': the subject
        of a clause under the answer that is the sentence's own speaker (she tells of others'
        answer and names its object in her words) is not whom they answer. Only an answer
        someone else reports can be told that way: 'he complained that the unions keep moving
        the goalposts' is his own answer to the unions, whoever the sentence's speaker is."""
        named = self._named_by(subject)
        reporting = {v.i for v in self.tree.reporting_verbs(answer.sentence)}
        reported = any(a.i in reporting for a in self.tree.ancestors(answer.i))
        return reported and bool(named) and named not in agents and named in self.context.speakers.get(subject.sentence, [])

    def _pronoun_antecedent(self, token: Token) -> Token:
        """'when the unions announced it, and he has urged them to stop', 'While the
        government says it is bargaining in good faith, she accused it of posturing': a
        "them" or "it" as an object, that no one resolved, is the nearest actor named before
        it, in its sentence or the one before (a plural noun for "them", a body, not a
        person, for "it")."""
        word = token.text.lower()
        if word not in ("them", "it") or token.dep not in ("dobj", "dative", "pobj") or self.context.token_entity(token):
            return token  # a subject "it" or "they" is the references stage's ("it is time for ...")
        for i in range(token.i - 1, -1, -1):
            earlier = self.tree.tokens[i]
            if earlier.sentence < token.sentence - 1:
                break
            named = self._named_by(earlier)
            fits = earlier.tag in ("NNS", "NNPS") if word != "it" else self.context.type_of(named) != "Person"
            if fits and self.context.is_actor(named):
                return earlier
        return token

    def _own_side(self, agents: list[str], answered: str) -> bool:
        """'Sabourin complained that his union has to fight on several fronts': a person does
        not answer the organisation the article titles them an officer of."""
        return any(self.context.title_orgs.get(a) == answered for a in agents)

    def _refereed(self, agents: list[str], named: list[str]) -> bool:
        """'OSSTF asked the Ministry of Labour to appoint a conciliator', 'the Ministry of
        Labour's mediator asked the union back to talks': a request to or from a referee of
        the dispute (``Rules.neutral_parties``) is procedure; it answers no one."""
        return bool(self.rules.neutral_parties & {*agents, *named})

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
        """'Bischof dismissed the announcement', 'Lecce called the joint walkout irresponsible':
        an answer to a deed with no owner named answers whoever the article says did it, else
        (for "the announcement", "the offer") the other side's last speaker before it."""
        token = self.tree.tokens[trigger.token]
        objects = self.tree.children(token.i, ("dobj",)) if token.pos == "VERB" else []
        deeds = [o for o in objects if self.deeds.is_deed(o) and self.deeds.unowned(o)]
        for deed in deeds[:1]:
            doers = self.deeds.latest_doers(deed, self._answerable(agents))
            if doers:
                return doers
        if not any(o.lemma in self.deeds.deed_nouns and not self.tree.children(o.i, ("poss", "compound"))
                   and any(d.lemma in SINGLE_POINTERS for d in self.tree.children(o.i, ("det",))) for o in deeds):
            return []
        return self._last_other_speaker(token.sentence, agents, reach=8)

    def _answerable(self, agents: list[str]) -> Callable[[str], bool]:
        """Whether one of ``agents`` can answer a doer: only across the dispute."""
        return lambda doer: any(self._against(a, doer) for a in agents)

    def _named_by(self, token: Token) -> str:
        """The actor a noun names, or the unions taken together (:mod:`.union_side`)."""
        return self.union_side.named_by(token)

    def _against(self, speaker: str, target: str) -> bool:
        """Whether ``speaker``'s words about ``target`` go across the dispute (``dispute_sides``)."""
        return answers_across(self.context, speaker, target)

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
        if not self.deeds.is_deed(token):
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
        return next((doers for deed in deeds[:1] if (doers := self.deeds.first_doers(deed, self._answerable(agents)))), [])

    def _last_other_speaker(self, sentence: int, agents: list[str], reach: int = 3) -> list[str]:
        """The other side's last speaker (or answerer, :meth:`_answerers`) before a bare
        reply; when that speaker talks for an organisation that made the statement earlier in
        the same paragraph ("OECTA said this evening ... The union's president, Liz Stuart,
        said ... Lecce answered"), the reply answers the organisation's statement."""
        paragraphs = self.context.paragraphs
        for earlier in range(sentence - 1, max(-1, sentence - reach - 1), -1):
            told = self.context.speakers.get(earlier) or self._answerers(earlier)
            speakers = [e for e in told if any(self._against(a, e) for a in agents)]
            if speakers:
                organisation = self.context.title_orgs.get(speakers[0], "")
                opening = [s for s in range(earlier - 1, -1, -1) if paragraphs[s] == paragraphs[earlier]]
                if organisation and any(organisation in self.context.speakers.get(s, []) for s in opening):
                    return [organisation]
                return [self._speaking_for(speakers[0])]
        return []

    def _answerers(self, sentence: int) -> list[str]:
        """'Bischof accused the minister of ... Lecce answered the same day': in a sentence no
        one speaks in, whoever its main verb tells answering someone."""
        answers = [t.token for t in self.triggers_in(sentence)
                   if t.rule.relation == "responds-to" and self.tree.tokens[t.token].dep == "ROOT"]
        return [e for token in answers for s in self.tree.subjects(token) if (e := self.context.token_entity(s))]

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
        replier = {e for s in self.tree.subjects(token) if (e := self.context.token_entity(s))}
        return not any(t.rule.relation == "responds-to" and self._names_whom(t) and self._same_replier(t, replier)
                       for t in self.triggers_in(following))

    def _same_replier(self, trigger: Trigger, replier: set[str]) -> bool:
        """Whether the next sentence's response is the same replier's ("He called on ..."),
        not the other side's reply to this one ("Lecce answered ... The union replied that")."""
        return not replier or bool(replier & {self.context.token_entity(s) for s in self.tree.subjects(trigger.token)})

    def _names_whom(self, trigger: Trigger) -> bool:
        """Whether a response names an actor it answers: 'He called on OSSTF to ...' does,
        'He called the continued strike action unfair' does not (so it spells out no reply)."""
        return bool(self.answered(trigger, [self.context.token_entity(s) for s in self.tree.subjects(trigger.token)]))

    def said_of_other_side(self, sentence: int, already: list[Fact]) -> list[Fact]:
        """Statements about what the other side did, which answer it (see :mod:`.said_of`)."""
        return self.statements.said_of_other_side(sentence, already)
