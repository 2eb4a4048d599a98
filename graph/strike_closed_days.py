"""Closed days, part of the facts stage: a board shut on the day of a strike told elsewhere.

A report often tells a union's strike once ("OECTA will strike across the province on
March 5") and, paragraphs later, what a board said about it without naming the union again
("The Simcoe Muskoka Catholic board said its students will be out of class on March 5";
"the Niagara Catholic and Wellington Catholic boards have warned parents their schools will
not open Thursday"). Such a board is struck by the one union of that day's strikes whose
members can work there (``graph.strike_systems``): a closure names its day, and the school
system names its union.
"""

from __future__ import annotations

from .rules import ClosedDays, Rules
from .strike_targets import StrikeEvent, add_targets, plausible_pair

__all__ = ["add_closed_days"]


def add_closed_days(context, rules: Rules, events: list[StrikeEvent], told: tuple[int, ...]) -> None:
    """Boards of a sentence that names no union and no strike word of its own but tells the
    board's schools shut on a day: struck by the one union striking that day that fits the
    board's school system. Two unions that fit (ETFO and OSSTF at a public board) leave it."""
    for sentence in range(len(context.resolved.parsed.sentences)):
        closure = None if sentence in told else _closure_token(context, rules.closed_days, sentence)
        tokens = [t.i for t in context.tree.sentence_tokens(sentence)]
        if closure is None or context.entities_in(tokens, {"Union"}):
            continue
        day, date_text = context.fact_date(closure, "strikes-at")
        boards = context.entities_in(tokens, {"SchoolBoard"})
        if day is None or not date_text or not boards:
            continue
        for board in dict.fromkeys(boards):
            union = _only_fitting_union(context, rules, events, day, board)
            if union:
                event = StrikeEvent([union], day, date_text, "strike", sentence, mentions=[sentence], stated=True)
                add_targets(context, event, sentence, "strikes/closed-on-strike-day", types=frozenset({"SchoolBoard"}))
                event.targets = [t for t in event.targets if t[0] == board]
                events.append(event)


def _closure_token(context, vocabulary: ClosedDays, sentence: int) -> int | None:
    """The word telling the schools shut: a closure verb ('close', 'shut'), a negated 'open',
    or the first word of a phrase of staying out ('out of class'); None when there is none."""
    tokens = context.tree.sentence_tokens(sentence)
    for token in tokens:
        if token.lemma in vocabulary.closure_lemmas:
            return token.i
        if token.lemma in vocabulary.open_lemmas and any(c.dep == "neg" for c in context.tree.children(token.i)):
            return token.i
    words = [t.text.lower() for t in tokens]
    for phrase in vocabulary.phrases:
        parts = phrase.split()
        for k in range(len(words) - len(parts) + 1):
            if words[k:k + len(parts)] == parts:
                return tokens[k].i
    return None


def _only_fitting_union(context, rules: Rules, events: list[StrikeEvent], day, board: str) -> str:
    """The one union striking on ``day`` (in an event of the article) that can strike at the
    board (``plausible_pair``: its language and school system); '' when none or several can."""
    unions = {u for e in events if e.day == day for u in e.unions
              if context.type_of(u) == "Union" and plausible_pair(context, rules.school_systems, u, board)}
    return next(iter(unions)) if len(unions) == 1 else ""
