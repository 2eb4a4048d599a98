"""Trigger matching, part of the facts stage: the rules of ``graph.rules`` -> the triggers
one sentence holds.

``graph.rules`` says what signals a relation (data); this module finds those signals in a
parsed sentence and checks each rule's conditions on the parse (negation, a head or a
complement it needs), so the two change for different reasons and are read apart.
"""

from __future__ import annotations

from collections.abc import Sequence

from .model import Token
from .rules import Rules, Trigger, TriggerRule
from .syntax import Tree

__all__ = ["find_triggers", "in_hyphenated_compound"]


def find_triggers(rules: Rules, tree: Tree, sentence: int) -> list[Trigger]:
    """Every trigger in one sentence whose conditions hold, in token order."""
    tokens = tree.sentence_tokens(sentence)
    words = {w for t in tokens for w in (t.lemma, t.text.lower())}
    found = []
    for rule, first, last in _word_matches_in(rules, tokens) + _phrase_matches_in(rules, tokens, words):
        if _conditions_hold(rule, tree, first, last):
            found.append(Trigger(rule, last, first))
    return sorted(found, key=lambda t: (t.token, t.rule.id))


def _word_matches_in(rules: Rules, tokens: Sequence[Token]) -> list[tuple[TriggerRule, int, int]]:
    """Single-word triggers, looked up by each token's lemma and lower-cased text."""
    index = rules.trigger_words
    found = []
    for token in tokens:
        lower = token.text.lower()
        candidates = index.get(token.lemma, ()) + (index.get(lower, ()) if lower != token.lemma else ())
        for rule in dict.fromkeys(candidates) if len(candidates) > 1 else candidates:
            if (not rule.pos or token.pos in rule.pos) and not in_hyphenated_compound(tokens, token):
                found.append((rule, token.i, token.i))
    return found


def in_hyphenated_compound(tokens: Sequence[Token], token: Token) -> bool:
    """Whether the token is glued by a hyphen to a neighbour ("gut-wrenching", "cost-cutting"):
    a part of such a compound is not the word on its own, so it triggers nothing alone."""
    position = token.i - tokens[0].i
    after = tokens[position + 1] if position + 1 < len(tokens) else None
    before = tokens[position - 1] if position > 0 else None
    return bool(after and after.text == "-" and after.start == token.end) or bool(
        before and before.text == "-" and before.end == token.start)


def _phrase_matches_in(rules: Rules, tokens: Sequence[Token], words: set[str]) -> list[tuple[TriggerRule, int, int]]:
    """Multi-word triggers, each tried only in sentences that hold all of its words."""
    found = []
    for rule, phrase, needed in rules.trigger_phrases:
        if needed <= words:
            for start in range(len(tokens)):
                window = _match_phrase(phrase, tokens, start)
                if window:
                    found.append((rule, window[0].i, window[0].i if window[0].pos == "VERB" else window[-1].i))
    return found


def _match_phrase(phrase: tuple[str, ...], tokens: Sequence[Token], start: int) -> list[Token]:
    """Tokens matching ``phrase`` from ``start``; "*" in a phrase matches one to three words
    ("took him up on", "called the government on")."""
    matched, position = [], start
    for index, word in enumerate(phrase):
        if word == "*":
            nxt = phrase[index + 1] if index + 1 < len(phrase) else None
            for skip in range(1, 4):
                if position + skip < len(tokens) and (nxt is None or _word_matches(tokens[position + skip], nxt)):
                    position += skip
                    break
            else:
                return []
            continue
        if position >= len(tokens) or not _word_matches(tokens[position], word):
            return []
        matched.append(tokens[position])
        position += 1
    return matched


def _word_matches(token: Token, word: str) -> bool:
    return token.lemma == word or token.text.lower() == word


def _conditions_hold(rule: TriggerRule, tree: Tree, first: int, last: int) -> bool:
    anchor = first if tree.tokens[first].pos == "VERB" else last
    negated = tree.is_negated(anchor) or tree.is_negated(last) or _neither_before(tree, first)
    if rule.needs_negation != negated and rule.relation != "strikes-at":
        return False
    if rule.needs_head and not any(a.lemma in rule.needs_head for a in tree.ancestors(anchor)[:4]):
        return False
    if rule.needs_complement:
        nearby = {tree.tokens[i].lemma for i in tree.subtree(anchor)} | {tree.tokens[i].text.lower() for i in tree.subtree(anchor)}
        if not nearby & rule.needs_complement:
            return False
    return True


def _neither_before(tree: Tree, first: int) -> bool:
    """'Neither union will accept ...', 'supports neither the 25 nor the two courses', 'want
    no part of the plan': a "neither" before the trigger, or a "neither" or "no" opening the
    trigger's own object."""
    sentence = tree.tokens[first].sentence
    start = tree.sentences[sentence].first_token
    objects = [i for o in tree.children(first, ("dobj",)) for i in tree.subtree(o.i)]
    no_object = any(c.lemma == "no" for o in tree.children(first, ("dobj",)) for c in tree.children(o.i, ("det",)))
    return no_object or any(t.lemma in ("neither", "nor") for t in tree.tokens[start:first]) or any(
        tree.tokens[i].lemma == "neither" and tree.tokens[i].dep == "preconj" for i in objects)
