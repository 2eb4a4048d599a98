"""Statements about the other side (part of the facts stage): what a speaker says the other
side did answers it.

"Bischof said the Education Minister interrupted negotiations", "The minister, Bischof said,
is still set on larger classes", "said Liz Stuart, who added that the government had been
trying to push cuts": a statement about what the other side (government vs. everyone else)
does answers that side. The clauses said are read by :mod:`.reported_speech`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import cache

from .context import ArticleContext
from .lexicon import Lexicon, load_lexicon
from .model import Fact, Token
from .reported_speech import (
    clause_doers,
    deed_owners,
    fronted_clause,
    reported_clauses,
    that_conjuncts,
)
from .rules import Rules

__all__ = ["OtherSideStatements"]


@cache
def _lexicon() -> Lexicon:
    """The package's vocabulary of given names and pronoun genders."""
    return load_lexicon()


class OtherSideStatements:
    """Finds the statements about the other side in one article."""

    def __init__(self, context: ArticleContext, rules: Rules, named_by: Callable[[Token], str],
                 against: Callable[[str, str], bool], owner_of: Callable[[Token], Token],
                 is_deed: Callable[[Token], bool]):
        self.context, self.tree, self.rules, self.is_deed = context, context.tree, rules, is_deed
        self.named_by, self.against, self.owner_of = named_by, against, owner_of
        self.stance_verbs = self._stance_verbs()

    def said_of_other_side(self, sentence: int, already: list[Fact]) -> list[Fact]:
        """'Bischof said the Education Minister interrupted negotiations': a statement about
        what the other side (government vs. everyone else) did answers that side."""
        answered = {(f.agent, f.object) for f in already if f.relation == "responds-to"}
        facts = []
        for verb in self.tree.reporting_verbs(sentence):
            speakers, about = self._speech(verb, sentence)
            unions = [u for s in about if s.lemma in self.rules.strike_words for u in self._recent_unions(s.i)]
            facts += self._answers(speakers, about, verb, answered, unions)
        return facts + self._said_in_view(sentence, answered)

    def _answers(self, speakers: list[str], about: list[Token], verb: Token, answered: set[tuple[str, str]],
                 more_targets: Sequence[str] = ()) -> list[Fact]:
        """The answers of ``speakers`` to the other-side actors their words tell of (the doers
        ``about``, plus ``more_targets``), dated by ``verb``; pairs already answered are skipped."""
        targets = [e for s in about if not self._speaker_pronoun(s, speakers) and not self._unreliable_pronoun(s)
                   and self.context.is_actor(e := self.named_by(s))] + list(more_targets)
        pairs = [(speaker, target) for speaker in speakers for target in dict.fromkeys(targets)
                 if self.against(speaker, target) and (speaker, target) not in answered]
        when, date_text = self.context.fact_date(verb.i, "responds-to") if pairs else (None, "")  # only when used
        return [Fact("responds-to", speaker, target, self.context.evidence(verb.sentence),
                     "responds/says-of-other-side", when, date_text) for speaker, target in pairs]

    def _said_in_view(self, sentence: int, answered: set[tuple[str, str]]) -> list[Fact]:
        """'In her view, the province created the situation', 'The minister, in his view,
        spins her answers': a sentence told as someone's view, with no reporting verb, is what
        that person says, so what its main clause tells the other side did answers that side.
        "According to Stiles, Lecce had nothing to say": words put on someone's word answer
        the other side they tell of too, unless their verb puts forward or takes a stance
        ("according to ETFO, the government tabled an offer" reports a proposal)."""
        reported = bool(self.tree.reporting_verbs(sentence))
        holders = [] if reported else self.context.viewpoint_holders(sentence)
        roots = [t for t in self.tree.sentence_tokens(sentence) if t.dep == "ROOT" and t.pos in ("VERB", "AUX")]
        if not holders and not reported and not any(r.lemma in self.stance_verbs for r in roots):
            holders = self._according_to(sentence)
        roots = roots if holders else []
        clauses = reported_clauses(self.tree, roots, self.rules.judgements.hypothetical_marks)
        about = [s for clause in clauses for s in clause_doers(self.tree, clause, self.owner_of, self.stance_verbs)]
        return self._answers(holders, about, roots[0], answered) if roots else []

    def _according_to(self, sentence: int) -> list[str]:
        """'According to Marit Stiles, Lecce had nothing to say': the actors the sentence's
        main clause is told on the word of ("according to X" ahead of it, outside quotes). A
        trailing "..., according to X" mostly sources a report of the other side's move
        ("Lecce turned that offer down, according to Bischof"), not X's answer."""
        found = []
        for token in self.tree.sentence_tokens(sentence):
            fronted = token.i < token.head and self.tree.tokens[token.head].dep == "ROOT"  # not "X did Y, according to Z"
            if token.lemma == "accord" and fronted and not self.tree.in_quote(token.i):
                found += [o for p in self.tree.children(token.i, ("prep",)) if p.text.lower() == "to"
                          for o in self.tree.children(p.i, ("pobj",))]
        return [e for o in found if self.context.is_actor(e := self.context.token_entity(o))]

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

    def _unreliable_pronoun(self, token: Token) -> bool:
        """'said talks will continue while its members vote', 'say the strike is needed to show
        the province how important it is to reach a deal': "its" or "their" owning what a
        speaker's words tell of is nearly always the speaker's own side, and an "it" before
        "is ... to" stands for nothing (it is important to reach a deal); whatever actor either
        was linked to, the words are not about it."""
        word = token.text.lower()
        owners = [token] if token.dep == "poss" else self.tree.children(token.i, ("poss",))
        if token.pos != "PROPN" and any(o.text.lower() in ("its", "their") for o in owners):
            return True  # "its members": the pronoun is all that links the phrase to an actor
        return word == "it" and token.dep == "nsubj" and self._extraposed(self.tree.tokens[token.head])

    def _extraposed(self, verb: Token) -> bool:
        """Whether a clause is "it is ADJ to ..." / "it is ADJ that ...": a copula whose
        real subject is the to- or that-clause after it."""
        if verb.lemma != "be":
            return False
        later = [c for c in self.tree.children(verb.i, ("xcomp", "ccomp", "csubj")) if c.i > verb.i]
        return any(self.tree.children(c.i, ("aux", "mark")) for c in later)

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
        speaking = [self.tree.relative_antecedent(s) for s in speaking]
        speakers = [e for s in speaking if self.context.is_actor(e := self.context.token_entity(s))]
        clauses = self.tree.children(verb.i, ("ccomp",)) + that_conjuncts(self.tree, verb)
        if verb.dep == "parataxis":  # "The minister, Bischof said, is still set on ..."
            clauses.append(self.tree.tokens[verb.head])
        elif verb.dep == "conj" and verb.head < verb.i and not self.tree.children(verb.i, ("nsubj",)):
            clauses.append(self.tree.tokens[verb.head])  # "The minister should listen, X said"
            speakers = [e for e in self.context.speakers.get(sentence, []) if self.context.is_actor(e)]
        elif (fronted_words := fronted_clause(self.tree, verb)) is not None:
            clauses.append(fronted_words)  # "The government has declared war, Bischof charged"
        hypothetical = self.rules.judgements.hypothetical_marks
        said = reported_clauses(self.tree, clauses, hypothetical)
        about = [s for clause in said for s in clause_doers(self.tree, clause, self.owner_of, self.stance_verbs)]
        return speakers, about + self._acts_told(said) + (fronted if inverted else []) + self._spoken_of(verb)

    def _spoken_of(self, verb: Token) -> list[Token]:
        """'"That claim is outlandish," Bischof said of the minister's remark', 'said of
        Lecce': whom (or whose deed) a speaker's words are said to be of or about is what they
        answer, when that is the other side."""
        topics = [o for p in self.tree.children(verb.i, ("prep",)) if p.text.lower() in ("of", "about")
                  for o in self.tree.children(p.i, ("pobj",))]
        return [self.owner_of(t) for t in topics]

    def _acts_told(self, said: list[Token]) -> list[Token]:
        """'said the government recognizes the harm the unions' escalation is doing': the
        owners of the unions' side's acts told anywhere in what is said (see
        `deed_owners`). The government's deeds told deep in a union's words are its policies
        ("the results of the government's consultation", "the government's offer"), a stance
        and not an answer, so only owners off the government side count."""
        owners = deed_owners(self.tree, said, self._acted)
        return [o for o in owners if not self.context.is_government_side(self.named_by(o))]

    def _acted(self, token: Token) -> bool:
        """A deed that is something done, not a policy put forward: "the unions' escalation"
        is answered, but "the government's offer" or "plan" (nouns that carry a policy's
        owner) is a stance on the policy when the other side speaks of it."""
        judgements = self.rules.judgements
        return self.is_deed(token) and token.lemma not in judgements.owning_nouns | judgements.summary_nouns

    def _stance_verbs(self) -> frozenset[str]:
        """Verbs that take a stance on a policy ("fight", "protest"): what they act on is
        a policy opposed or backed, not a deed answered. Read once per article: it is asked of
        every reported clause."""
        return frozenset(w for w, found in self.rules.trigger_words.items() if any(r.object == "policy" for r in found))

    def _recent_unions(self, token: int) -> list[str]:
        """'the strike would be needless escalation': the union last named is the one striking."""
        sentence = self.tree.tokens[token].sentence
        earlier = [i for i in sorted(self.context.entity_of, reverse=True)
                   if i < token and self.tree.tokens[i].sentence >= sentence - 3]
        unions = self.context.entities_in(earlier, {"Union"})
        return unions[:1]
