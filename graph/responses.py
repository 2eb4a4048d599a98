"""Responses (part of the facts stage): whom a response answers, and what a speaker said
about the other side.

"Lecce urged the union to cancel it", "disappointed by CUPE's decision", "Bischof replied late
Tuesday" (the other side's last speaker), "The minister, Bischof said, is still set on larger
classes" (a statement about what the other side does answers it). Responses go across the
dispute: from the government side to the opposition side or back.
"""

from __future__ import annotations

from collections.abc import Callable

from .context import ArticleContext
from .model import Fact, Token
from .rules import Rules, Trigger

__all__ = ["ResponseFinder"]


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
                    candidates += self.tree.children(child.i, ("pobj",))
                elif child.dep == "oprd":
                    candidates += self.tree.children(child.i, ("compound", "nsubj"))
                elif child.dep in ("ccomp", "xcomp"):
                    candidates += self.tree.subjects(child.i)[:1] if self.tree.children(child.i, ("nsubj",)) else []
                else:
                    candidates.append(child)
        if token.dep == "pobj" or token.lemma == "to":
            candidates += self.tree.children(token.i, ("pobj",))
        candidates += [conj for c in candidates for conj in self.tree.with_conjuncts(c)[1:]]
        candidates = [self._owner_of(c) for c in candidates]
        found = [e for c in candidates if (e := self.context.token_entity(c))]
        found += self.context.listed_with(candidates)
        wanted = trigger.rule.answered_types
        named = [e for e in dict.fromkeys(found)
                 if e not in agents and self.context.is_actor(e) and (not wanted or self.context.type_of(e) in wanted)]
        return self._across(trigger, agents, named)

    def _owner_of(self, token: Token) -> Token:
        """'CUPE's decision', 'the government's proposals': a thing that is no actor is
        answered through whose it is."""
        if self.context.token_entity(token):
            return token
        owners = self.tree.children(token.i, ("poss",))
        return owners[0] if owners else token

    def _across(self, trigger: Trigger, agents: list[str], answered: list[str]) -> list[str]:
        """Responses go across the dispute: 'Lecce answered that the ministry is waiting'
        does not answer the ministry. 'Bischof replied late Tuesday', with no one named,
        answers the other side's last speaker before it."""
        government_speaks = any(self.context.is_government_side(a) for a in agents)
        across = [a for a in answered if not (government_speaks and self.context.is_government_side(a))]
        if across or trigger.rule.id != "responds/replied" or not self._bare_reply(trigger.token):
            return across
        sentence = self.tree.tokens[trigger.token].sentence
        for earlier in range(sentence - 1, max(-1, sentence - 4), -1):
            speakers = [e for e in self.context.speakers.get(earlier, []) if any(self.context.on_other_sides(a, e) for a in agents)]
            if speakers:
                return speakers[:1]
        return []

    def _bare_reply(self, token: int) -> bool:
        """'Bischof replied late Tuesday': a reply verb that names whom it answers nowhere, and
        is not spelt out by the next sentence ('Lecce answered within hours. He called on
        OSSTF to ...' answers OSSTF, through "called on")."""
        spelt_out = ("dobj", "dative", "prep", "agent", "xcomp", "advcl", "ccomp")
        if any(c.dep in spelt_out and c.lemma != "within" for c in self.tree.children(token)):
            return False
        following = self.tree.tokens[token].sentence + 1
        if following >= len(self.context.paragraphs) or self.context.paragraphs[following] != self.context.paragraphs[following - 1]:
            return True
        return not any(t.rule.relation == "responds-to" for t in self.triggers_in(following))

    def said_of_other_side(self, sentence: int, already: list[Fact]) -> list[Fact]:
        """'Bischof said the Education Minister interrupted negotiations': a statement about
        what the other side (government vs. everyone else) did answers that side."""
        answered = {(f.agent, f.object) for f in already if f.relation == "responds-to"}
        facts = []
        for verb in self.tree.reporting_verbs(sentence):
            speakers = [e for s in self.tree.subjects(verb.i) if self.context.is_actor(e := self.context.token_entity(s))]
            clauses = self.tree.children(verb.i, ("ccomp",))
            if verb.dep == "parataxis":  # "The minister, Bischof said, is still set on ..."
                clauses.append(self.tree.tokens[verb.head])
            elif verb.dep == "conj" and verb.head < verb.i and not self.tree.children(verb.i, ("nsubj",)):
                clauses.append(self.tree.tokens[verb.head])  # "The minister should listen, X said"
                speakers = [e for e in self.context.speakers.get(sentence, []) if self.context.is_actor(e)]
            for clause in clauses:
                subjects = self.tree.subjects(clause.i)
                targets = [e for s in subjects if self.context.is_actor(e := self.context.token_entity(s))]
                targets += [u for s in subjects if s.lemma in self.rules.strike_words for u in self._recent_unions(s.i)]
                when, date_text = self.context.fact_date(verb.i, "responds-to")
                for speaker in speakers:
                    for target in targets:
                        if self.context.on_other_sides(speaker, target) and (speaker, target) not in answered:
                            facts.append(Fact("responds-to", speaker, target, self.context.evidence(verb.sentence),
                                              "responds/says-of-other-side", when, date_text))
        return facts

    def _recent_unions(self, token: int) -> list[str]:
        """'the strike would be needless escalation': the union last named is the one striking."""
        sentence = self.tree.tokens[token].sentence
        earlier = [i for i in sorted(self.context.entity_of, reverse=True)
                   if i < token and self.tree.tokens[i].sentence >= sentence - 3]
        unions = self.context.entities_in(earlier, {"Union"})
        return unions[:1]
