"""Later sentences about a strike just told, part of the facts stage: closures and follow-ons.

A strike is often told first and its places after: "The strike would cancel classes in the
Ottawa Catholic School Board" (a closure), "The Grand Erie and Renfrew County boards will
follow on Tuesday" (boards that follow), or a list of boards on lines of their own under a
header ("Closing if the strike goes ahead:" then "- Toronto District School Board"). This
module attaches those places to the strike events ``graph.strikes`` gathered.
"""

from __future__ import annotations

from datetime import date

from .dates import find_date_expressions, resolve
from .rules import Rules
from .strike_lists import LIST_MARKS
from .strike_schedules import in_schedule_block, schedule_lines
from .strike_targets import StrikeEvent, add_targets

__all__ = ["add_closures", "add_follow_ons"]

#: Prepositions of the place a strike moves on to ('moves on to', 'heads into').
_DESTINATION_PREPS = frozenset({"to", "onto", "into"})

#: Prepositions of whose turn it is ('Tomorrow it is the turn of the Peel board').
_TURN_PREPS = frozenset({"of"})

#: How far (in sentences) a closure still belongs to the strike just told.
_CLOSURE_REACH = 2


def add_follow_ons(context, rules: Rules, events: list[StrikeEvent], told: tuple[int, ...]) -> None:
    """'ETFO will strike at the TDSB on Monday. The Grand Erie and Renfrew County district
    school boards will follow on Tuesday', '... Tomorrow it is the turn of the Peel board':
    boards that 'follow' a strike told up to two sentences before, or that it moves on to,
    are struck by the same unions, on their own day."""
    tree = context.tree
    for event in list(events):
        for sentence in sorted({m + step for m in event.mentions for step in range(1, _CLOSURE_REACH + 1)}):
            if sentence in told or sentence >= len(context.resolved.parsed.sentences):
                continue
            words = tree.sentence_tokens(sentence)
            for verb in (t for t in words if t.lemma in rules.follow_lemmas and t.pos in ("VERB", "NOUN")):
                subjects = [i for s in tree.subjects(verb.i) for i in tree.subtree(s.i)]
                destinations = _destinations(context, verb.i)
                for places, dating in destinations or [(subjects, verb.i)]:
                    day, date_text = context.fact_date(dating, "strikes-at")
                    if not date_text or not _names_boards(context, places, verb.i if destinations else None):
                        continue
                    follow_on = StrikeEvent(event.unions, day, date_text, event.action, sentence, stated=True)
                    add_targets(context, follow_on, sentence, "strikes/boards-follow", set(places))
                    if dating != verb.i:  # the phrase's own day, read already
                        follow_on.targets = [(t, s, r, None) for t, s, r, _ in follow_on.targets]
                    events.append(follow_on)


def _destinations(context, verb: int) -> list[tuple[list[int], int]]:
    """'Next week it moves on to the Simcoe County and Waterloo Region boards on Monday, to
    Upper Grand on Tuesday, and to Limestone on Wednesday', 'then the union heads to the
    Peel board on Thursday': the boards a strike just told moves on to are the objects of
    the verb's 'to' phrases (of a noun, its 'of' phrases: 'it is the turn of the Peel
    board'), not its subject (the union or the strikes themselves). Each
    phrase runs to the next one and takes the day named inside it, else the verb's day:
    the token to date it by. Empty when the verb has no such phrase."""
    tree = context.tree
    preps = _TURN_PREPS if tree.tokens[verb].pos == "NOUN" else _DESTINATION_PREPS
    phrase = tree.subtree(verb)
    starts = [i for i in phrase if tree.tokens[i].lemma in preps and tree.tokens[i].dep in ("prep", "conj") and _hangs_on(tree, i, verb)]
    ends = starts[1:] + [max(phrase) + 1]
    sentence = tree.tokens[verb].sentence
    found = []
    for start, end in zip(starts, ends):
        heads = [head for _, head in context.date_expressions(sentence) if start <= head < end]
        found.append((list(range(start, end)), heads[0] if heads else verb))
    return found


def _hangs_on(tree, i: int, verb: int) -> bool:
    """The phrase hangs on the verb through prepositions and conjunctions only ('moves on
    to X on Monday, and to Y on Tuesday'), not inside a clause of its own."""
    for ancestor in tree.ancestors(i):
        if ancestor.i == verb:
            return True
        if ancestor.dep not in ("prep", "conj", "pobj"):
            return False
    return False


def _names_boards(context, tokens: list[int], verb: int | None) -> bool:
    """The words name a board by its full name, or, for the places a strike moves on to
    (``verb`` given), name places while the verb's clause speaks of 'boards' ('moves to the
    Simcoe County and Waterloo Region boards on Monday, to Upper Grand on Tuesday')."""
    tree = context.tree
    if context.entities_in(tokens, {"SchoolBoard"}):
        return True
    return verb is not None and bool(context.entities_in(tokens)) and any(
        tree.tokens[i].lemma == "board" for i in tree.subtree(verb))


def add_closures(context, rules: Rules, events: list[StrikeEvent], told: tuple[int, ...]) -> None:
    """'The strike would cancel classes in the Ottawa Catholic School Board': boards in a
    sentence about closures, just after a sentence about a strike, are that strike's targets;
    a timeline line with a day of its own ('- Dec. 18: a third, at 10 boards including the
    York board') is a strike of its own on that day. Then the boards listed on lines of
    their own under a strike sentence."""
    dated: dict[int, StrikeEvent] = {}
    for event in list(events):
        for mentioned in sorted(set(event.mentions)):
            for sentence in _closure_run(context, rules, mentioned, told):
                day = _timeline_day(context, sentence)
                if day is None or day[0] == event.day:
                    add_targets(context, event, sentence, "strikes/closure-follows-strike")
                elif sentence not in dated:
                    dated[sentence] = StrikeEvent(event.unions, *day, event.action, sentence, mentions=[sentence], stated=True)
                    add_targets(context, dated[sentence], sentence, "strikes/closure-on-own-day")
    events.extend(dated.values())
    for event in list(events):
        events.extend(_add_list_lines(context, event, told))


def _closure_run(context, rules: Rules, mentioned: int, told: tuple[int, ...]) -> list[int]:
    """The sentences about closures after a strike sentence: each within reach of the strike
    or of the closure sentence before it ('Both boards closed their high schools. Thames
    Valley also cancelled night classes. Three schools run by the French board are closed as
    well.')."""
    found, last, sentence = [], mentioned, mentioned + 1
    while sentence < len(context.resolved.parsed.sentences) and sentence - last <= _CLOSURE_REACH:
        lemmas = {t.lemma for t in context.tree.sentence_tokens(sentence)}
        if lemmas & rules.closure_lemmas and sentence not in told:
            found.append(sentence)
            last = sentence
        sentence += 1
    return found


def _timeline_day(context, sentence: int) -> tuple[date | None, str] | None:
    """The day a timeline line starts with ('- Dec. 18: a third, at 10 boards'), if it does."""
    text = context.resolved.parsed.sentences[sentence].text
    body = text.lstrip().lstrip(LIST_MARKS).lstrip()
    for expression in find_date_expressions(body):
        if expression.start == 0 and body[expression.end:].lstrip().startswith(":"):
            return resolve(expression.text, context.article.date), expression.text
    return None


def _add_list_lines(context, event: StrikeEvent, told: tuple[int, ...]) -> list[StrikeEvent]:
    """'Closing if the strike goes ahead:' then '- Toronto District School Board', '- Peel
    ...': the boards on the list lines under a strike sentence that ends with a colon are
    that strike's targets, up to the first line that is no list item (or tells a strike of
    its own). Under a day line of their own ('Monday, Feb. 24') they are struck that day: a
    strike of its own per day, and the day the first sentence gave ('next week') names
    no place of its own."""
    sentences = context.resolved.parsed.sentences
    if event.date_text and not any(event.date_text in sentences[m].text for m in event.mentions):
        return []  # a day borrowed from a sentence about something else: not sure whose strike it is
    days: dict[tuple, StrikeEvent] = {}
    for mentioned in sorted(set(event.mentions)):
        if not sentences[mentioned].text.rstrip().endswith(":") and not in_schedule_block(context, mentioned):
            continue
        for line, day in schedule_lines(context, mentioned, told):
            target = event
            if day is not None and day[0] is not None and day[0] != event.day:
                target = days.setdefault(day, StrikeEvent(event.unions, *day, event.action, line, mentions=[line], stated=True))
                event.scheduled = max(line, event.scheduled or 0)
            add_targets(context, target, line, "strikes/board-list-lines", types=frozenset({"SchoolBoard"}))
    return list(days.values())
