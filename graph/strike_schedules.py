"""Days in a schedule of strikes, part of the facts stage: which day each listed board gets.

Coverage of rotating strikes gives the days ahead in one sentence: "The strikes continue
Thursday at the Avon Maitland and Halton boards and the Niagara board, and on Friday at the
Bluewater board." A parse often hangs the last board of one day's group on the next day's
words. When the sentence names its days first and its boards after them, each board is
struck on the last day named before it, whatever the parse says; when it names boards
first ("at A on Monday and at B on Tuesday"), on the first day named after it.
"""

from __future__ import annotations

from datetime import date

from .dates import find_date_expressions, resolve
from .strike_lists import LIST_MARKS, leading_date

__all__ = ["in_schedule_block", "schedule_day", "schedule_lines"]

#: Kinds of places a schedule lists.
_PLACES = frozenset({"SchoolBoard", "Region"})


def schedule_day(context, token: int, found: tuple[date | None, str] | None) -> tuple[date | None, str] | None:
    """The day of the board at ``token`` in a sentence that lists days and boards: in a
    sentence that names a day first, the last day named before the board, when the day its
    clause gave (``found``) is named after it and opens another group of boards; in one that
    names a board first, the first day named after it, when ``found`` is named before it and
    closes a group of boards before. Else ``found`` unchanged."""
    tree = context.tree
    word = tree.tokens[token]
    start = context.resolved.parsed.sentences[word.sentence].start
    at = word.start - start
    expressions = sorted(context.date_expressions(word.sentence), key=lambda pair: pair[0].start)
    # A pronoun the resolver took for a board ('..., its third strike since May') names no
    # board of the schedule: read as one, it makes the day before it open a new group.
    places = [t.start - start for t in tree.sentence_tokens(word.sentence)
              if context.type_of(context.entity_of.get(t.i, "")) in _PLACES and t.pos != "PRON"]
    if found is None or len(expressions) < 2 or not places:
        return found
    if expressions[0][0].start < min(places):  # 'on Monday at A and B, and on Tuesday at C'
        told = next((e for e, _ in expressions if e.start > at and e.text == found[1]), None)
        others = [(e, head) for e, head in expressions if e.end <= at]
        closes_group = told is not None and any(p > told.start for p in places)
    else:  # 'at A on Monday and at B on Tuesday'
        told = next((e for e, _ in reversed(expressions) if e.end <= at and e.text == found[1]), None)
        others = [(e, head) for e, head in reversed(expressions) if e.start > at]
        closes_group = told is not None and any(p < told.start for p in places)
    if not closes_group or not others:
        return found
    expression, head = others[-1]
    day = resolve(expression.text, context.article.date, tree.tense(tree.clause_verb(head).i))
    return (day, expression.text) if day else found


def schedule_lines(context, start: int, told: tuple[int, ...]) -> list[tuple[int, tuple[date | None, str] | None]]:
    """The list lines under the sentence ``start`` (one that ends with a colon), each with
    the day of the day line above it, if any: a schedule told board by board, "Monday, Feb.
    24" on a line of its own, then "- Niagara Catholic District School Board", "- ...", then
    the next day. The lines end at the first that is neither a list item nor a day line, or
    that tells a strike of its own. A bare list mark the sentence splitter cut off its item
    makes the next line an item, and so does a bare day with a colon. A line led by its own day ("Tuesday: Grand Erie, Trillium
    Lakelands and Renfrew County", "On Wednesday, Limestone is joined by the Near North
    board") is an item on that day, unless it says the boards are not struck."""
    sentences = context.resolved.parsed.sentences
    found: list[tuple[int, tuple[date | None, str] | None]] = []
    day, line, marked = None, start + 1, False
    while line < len(sentences) and line not in told:
        text = sentences[line].text.strip()
        header = _day_line(context, text)
        led = _day_led(context, text) if header is None else None
        if header is not None:  # 'Wednesday:' cut off its items by the sentence splitter
            day, marked = header, text.endswith(":")
        elif led is not None:
            day, marked = led, False
            if not _negated(context, line):
                found.append((line, led))
        elif text and text.strip(LIST_MARKS + " ") == "":
            marked = True
        elif text[:1] in LIST_MARKS or marked:
            found.append((line, day))
            marked = False
        else:
            break
        line += 1
    return found


def in_schedule_block(context, sentence: int) -> bool:
    """'The week ahead, board by board:' then 'On Monday, ETFO members strike at the Simcoe
    County board.', 'On Tuesday it is the turn of Upper Grand': a line led by its own day
    that tells a strike, under a line ending with a colon with only day-led or list lines
    between, opens the rest of the schedule: the lines after it that tell no strike of
    their own are that strike's, each on its own day."""
    sentences = context.resolved.parsed.sentences
    if _day_led(context, sentences[sentence].text.strip()) is None:
        return False
    for line in range(sentence - 1, -1, -1):
        text = sentences[line].text.strip()
        if text.endswith(":"):
            return True
        if _day_led(context, text) is None and _day_line(context, text) is None and text[:1] not in LIST_MARKS:
            return False
    return False


def _day_led(context, text: str) -> tuple[date | None, str] | None:
    """The day a schedule line opens with when more follows it: 'Tuesday: Grand Erie and
    Rainbow.', 'On Tuesday it is the turn of Upper Grand', '- Dec. 11: a second walkout'
    ('Monday's walkout' is no day heading: the day there qualifies a noun)."""
    body = text.lstrip(LIST_MARKS + " ")
    body = body[3:] if body[:3].lower() == "on " else body
    found = leading_date(body)
    if found is None:
        return None
    expression, end = found
    rest = body[end:]
    if rest[:1] not in (":", ",", " ") or not rest.strip(" :,.\n"):
        return None
    return resolve(expression.text, context.article.date, "future"), expression.text


def _negated(context, line: int) -> bool:
    """'Wednesday: Upper Canada's elementary schools are not on the list': a schedule line
    that denies its boards are struck gives none."""
    return any(t.dep == "neg" or t.text.lower() in ("no", "none") for t in context.tree.sentence_tokens(line))


def _day_line(context, text: str) -> tuple[date | None, str] | None:
    """The day a line gives when it is nothing but a day ('Monday, Feb. 24', '- Feb. 25:')."""
    body = text.lstrip(LIST_MARKS + " ").rstrip(" :.")
    expressions = find_date_expressions(body)
    if len(expressions) != 1 or expressions[0].start != 0 or expressions[0].end != len(body):
        return None
    return resolve(body, context.article.date, "future"), body
