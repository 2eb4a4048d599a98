"""Helpers over plain tokens: dependency children, subtrees, subjects, tense and speakers.

Part of the facts stage: the relation rules ask these questions of ``Token`` tuples that the
mentions stage copied out of spaCy, so no rule ever needs a spaCy object.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from functools import cached_property, wraps
from typing import TypeVar

from .model import Sentence, Token

__all__ = ["NEGATIONS", "REPORTING_LEMMAS", "SUBJECT_DEPS", "Tree"]

SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj")
#: Words that deny a verb as written ("will not", "won't", "never"): the one list for rules
#: that read words one by one where ``Tree.is_negated`` (which asks the clause) does not fit.
NEGATIONS = frozenset({"not", "n't", "never"})
#: Verbs that attribute speech: "said", "told", "wrote", "tweeted".
REPORTING_LEMMAS = frozenset({
    "say", "tell", "write", "add", "state", "announce", "tweet", "argue", "insist", "note",
    "explain", "warn", "claim", "suggest", "declare", "post", "acknowledge", "admit", "contend",
    "lament", "charge", "maintain", "predict", "stress", "reiterate", "counter", "retort",
})
_T = TypeVar("_T")
_UNASKED = object()
_QUOTES = "\"“”«»"
#: Verbs that put what they govern ahead in time ("plans to strike", "the strike set for Friday").
_FUTURE_LEMMAS = frozenset({"plan", "intend", "threaten", "vow", "schedule", "set"})
#: Links a trigger inherits its subject through ("X is planning to hold a strike").
_SUBJECT_CLIMB = frozenset({"xcomp", "conj", "dobj", "pobj", "prep", "attr", "acomp", "amod", "advcl", "oprd", "pcomp", "acl", "compound", "nmod", "dep", "advmod"})


def _kept(question: Callable[[Tree, int], _T]) -> Callable[[Tree, int], _T]:
    """Answer ``question`` once per token (or sentence) of a ``Tree``; lists are handed out
    as copies, so a caller that changes one cannot change the next caller's answer."""
    def kept(tree: Tree, i: int) -> _T:
        answers = tree._answers[question]
        answer = answers.get(i, _UNASKED)  # one look-up, not three: nearly every rule question comes here
        if answer is _UNASKED:
            answer = answers[i] = question(tree, i)
        return list(answer) if isinstance(answer, list) else answer
    return wraps(question)(kept)


class Tree:
    """Dependency questions over one article's tokens.

    The rules ask the same few questions of the same tokens many times over (a chain of
    heads, a subtree, a clause's verb, its subjects, tense and negation), so each answer is
    kept (``_kept``): an article's tokens never change once copied out of spaCy.
    """

    def __init__(self, tokens: Sequence[Token], sentences: Sequence[Sentence]):
        self.tokens = tokens
        self.sentences = sentences
        self._answers: defaultdict[Callable, dict[int, object]] = defaultdict(dict)

    @cached_property
    def _children(self) -> dict[int, list[Token]]:
        children: dict[int, list[Token]] = {}
        for token in self.tokens:
            if token.head != token.i:
                children.setdefault(token.head, []).append(token)
        return children

    def children(self, i: int, deps: Sequence[str] | None = None) -> list[Token]:
        found = self._children.get(i)
        if not found:
            return []  # most words have no children: skip building a filtered list
        return list(found) if deps is None else [child for child in found if child.dep in deps]

    @_kept
    def subtree(self, i: int) -> list[int]:
        """Token indices under ``i`` (inclusive), in order."""
        found, stack = [], [i]
        while stack:
            current = stack.pop()
            found.append(current)
            stack.extend(child.i for child in self._children.get(current, ()))
        return sorted(found)

    @_kept
    def ancestors(self, i: int) -> list[Token]:
        chain, current = [], self.tokens[i]
        while current.head != current.i and len(chain) < 40:
            current = self.tokens[current.head]
            chain.append(current)
        return chain

    def name_head(self, i: int) -> Token:
        """The head of the whole name a token is part of ('Harvey' in 'president Harvey
        Bischof' climbs to 'Bischof'): its dependency, not the token's, tells the name's role
        in the clause."""
        token = self.tokens[i]
        while token.dep in ("compound", "flat", "appos") and token.head != token.i:
            token = self.tokens[token.head]
        return token

    def span_head(self, first: int, last: int) -> Token:
        """The word of tokens ``first``..``last`` whose head lies outside them (or the root):
        where a multi-word name hangs in the sentence. The last word when none does."""
        inside = range(first, last + 1)
        heads = [self.tokens[i] for i in inside if self.tokens[i].head not in inside or self.tokens[i].head == i]
        return heads[0] if heads else self.tokens[last]

    def first_noun(self, start: int, sentence: int, modifiers: Sequence[str] = ()) -> Token | None:
        """The first noun from token ``start`` to the end of ``sentence`` whose dependency is
        none of ``modifiers``: the head of a list the parser hung anywhere ("..., among them
        teachers and ...", "...: secretaries, custodians and ..."), read from the words."""
        last = self.sentences[sentence].last_token
        return next((t for t in self.tokens[start:last + 1] if t.pos == "NOUN" and t.dep not in modifiers), None)

    def relative_antecedent(self, token: Token) -> Token:
        """'the government, which is holding to the cap', 'said Liz Stuart, who added that ...':
        a relative pronoun stands for the noun its relative clause describes."""
        verb = self.tokens[token.head]
        if token.tag in ("WDT", "WP") and verb.dep == "relcl" and verb.head != verb.i:
            return self.tokens[verb.head]
        return token

    def sentence_tokens(self, sentence: int) -> list[Token]:
        s = self.sentences[sentence]
        return list(self.tokens[s.first_token:s.last_token + 1])

    @_kept
    def clause_verb(self, i: int) -> Token:
        """The verb whose clause holds token ``i`` (the token itself when it is a verb)."""
        token = self.tokens[i]
        for candidate in [token, *self.ancestors(i)]:
            if candidate.pos in ("VERB", "AUX"):
                return candidate
        return token

    @_kept
    def subjects(self, i: int) -> list[Token]:
        """Subjects of the clause governing ``i``: its own, else inherited through xcomp/conj.

        "X is planning to hold a strike" gives X for "hold"; "X met and agreed" gives X for
        "agreed"; a noun trigger takes its possessor ("the union's strike").
        """
        current = self.tokens[i]
        for _ in range(8):
            found = self.children(current.i, SUBJECT_DEPS)
            if not found and current.pos in ("NOUN", "PROPN"):
                found = self.children(current.i, ("poss",))
            if found:
                return self.with_conjuncts(found[0])
            if current.dep == "acl" and self.tokens[current.head].pos in ("NOUN", "PROPN"):
                owner = self.children(current.head, ("poss",))
                return self.with_conjuncts(owner[0]) if owner else []
            controller = self._object_controller(current)
            if controller:
                return self.with_conjuncts(controller)
            if current.dep in _SUBJECT_CLIMB and current.head != current.i:
                current = self._speaker_act(current) or self.tokens[current.head]
                continue
            break
        return []

    def _speaker_act(self, verb: Token) -> Token | None:
        """'Lecce said the government had been reasonable and urged the unions to settle':
        spaCy hangs a second simple-past verb on the reported clause when it is the speaker's
        own second act; when the reported clause has its own auxiliary or another tense, that
        verb goes with the reporting verb, whose subject it shares."""
        head = self.tokens[verb.head]
        if verb.dep != "conj" or verb.tag != "VBD" or self.children(verb.i, ("aux", "auxpass")) or head.dep != "ccomp":
            return None
        reporter = self.tokens[head.head]
        other_tense = head.tag in ("VBZ", "VBP") or bool(self.children(head.i, ("aux",)))
        return reporter if reporter.lemma in REPORTING_LEMMAS and reporter.tag == "VBD" and other_tense else None

    def _object_controller(self, verb: Token) -> Token | None:
        """In "X called on Y to drop it" / "X urged Y to drop it", Y is the one who drops."""
        if verb.dep != "xcomp" or verb.head == verb.i:
            return None
        head = self.tokens[verb.head]
        objects = self.children(head.i, ("dobj",))
        for prep in self.children(head.i, ("prep",)):
            if prep.text.lower() in ("on", "upon"):
                objects += self.children(prep.i, ("pobj",))
        return objects[0] if objects else None

    def governing_verb(self, i: int) -> Token:
        """The nearest verb above token ``i`` (not ``i`` itself)."""
        for ancestor in self.ancestors(i):
            if ancestor.pos in ("VERB", "AUX"):
                return ancestor
        return self.tokens[i]

    def with_conjuncts(self, token: Token) -> list[Token]:
        """A token and the tokens coordinated with it ("ETFO, OSSTF and OECTA"), depth first."""
        found = [token]
        for conj in self.children(token.i, ("conj",)):
            found.extend(self.with_conjuncts(conj))
        return found

    @_kept
    def is_negated(self, i: int) -> bool:
        """True when the token or its verb carries "not"/"never"/"neither"/"no"."""
        verb = self.clause_verb(i)
        for anchor in {i, verb.i}:
            for child in self.children(anchor):
                if child.dep == "neg" or child.lemma in ("neither", "never", "no", "none", "nothing"):
                    return True
        return False

    @_kept
    def tense(self, i: int) -> str:
        """'future' for will/going to/plan to, 'past' for past forms, else 'present'."""
        verb = self.clause_verb(i)
        chain = [verb, *self.ancestors(verb.i)[:2]]
        auxiliaries = {c.lemma for v in chain for c in self.children(v.i, ("aux", "auxpass"))}
        lemmas = {v.lemma for v in chain[1:]}
        if verb.dep == "acl" and verb.tag == "VBN" and verb.lemma not in _FUTURE_LEMMAS and not self.children(verb.i, ("aux", "auxpass")):
            return "past"  # "the plan announced Thursday" tells its own past, whatever the main clause's tense
        if verb.dep == "advcl" and verb.tag == "VBD" and not self.children(verb.i, ("aux", "auxpass")):
            return "past"  # "schools will stay open after the union said Friday ...": a finite past of its own
        if auxiliaries & {"will", "shall", "'ll"} or lemmas & _FUTURE_LEMMAS or "going" in {c.text.lower() for v in chain for c in self.children(v.i)}:
            return "future"
        if verb.dep == "xcomp" and verb.tag in ("VB", "VBG") and verb.head != verb.i:
            return self.tense(verb.head)  # 'stopped supervising clubs on Monday': the verb it completes
        if verb.tag == "VBG" and {"have", "be"} <= auxiliaries:
            return "past"  # 'have been withholding marks since Monday': begun before the telling
        if verb.tag in ("VBD", "VBN") or auxiliaries & {"have"} and verb.tag == "VBN":
            return "past"
        return "present"

    def perfect(self, i: int, climb: bool = True) -> str:
        """'past' for "had called", 'present' for "have said", else '': the perfect of the
        trigger's clause or (with ``climb``) of a verb above it: a position already standing."""
        verb = self.clause_verb(i)
        above = [a for a in self.ancestors(verb.i) if a.pos in ("VERB", "AUX")][:2] if climb else []
        for candidate in [verb, *above]:
            auxiliaries = [c.text.lower() for c in self.children(candidate.i, ("aux",))]
            if candidate.tag == "VBN" and "had" in auxiliaries:
                return "past"
            if candidate.tag == "VBN" and set(auxiliaries) & {"have", "has", "'ve"}:
                return "present"
        return ""

    def in_quote(self, i: int) -> bool:
        """True when token ``i`` sits between quotation marks in its sentence."""
        token = self.tokens[i]
        s = self.sentences[token.sentence]
        before = s.text[: token.start - s.start]
        opens = sum(before.count(q) for q in "“«") + before.count('"')
        closes = sum(before.count(q) for q in "”»")
        straight = before.count('"')
        return (opens - closes - straight) > 0 or straight % 2 == 1

    def has_quote(self, sentence: int) -> bool:
        return any(q in self.sentences[sentence].text for q in _QUOTES)

    @_kept
    def reporting_verbs(self, sentence: int) -> list[Token]:
        """The sentence's reporting verbs, those that report before those reported ("The
        premier had insisted nobody would lose a job, Horwath said": Horwath speaks)."""
        found = [t for t in self.sentence_tokens(sentence) if t.lemma in REPORTING_LEMMAS and t.pos in ("VERB",) and not self.in_quote(t.i)]
        return sorted(found, key=lambda t: (t.dep == "ccomp" and self.tokens[t.head].lemma in REPORTING_LEMMAS)
                      or any(p.lemma in REPORTING_LEMMAS for p in self.children(t.i, ("parataxis",))))
