"""Lists of boards, part of the facts stage: the boards a strike sentence lists by short name.

News coverage lists the boards a strike closes the way readers know them: "The strike hit
nine boards: Niagara, Peel, Algoma, Huron-Superior Catholic and Superior-Greenstone." A
short name alone is often a town or region too ("Niagara", "Algoma"), or nothing the
knowledge base knows ("Superior-Greenstone"), so it is read as a board only where the text
says it lists boards: the items after a colon that follows the word "boards", the names
set beside "boards" (apposition), the subject placed "among the boards", or the names "boards" introduces
("boards including Niagara and Toronto", "the other boards on the list are Halton and York
Region": there a region's name is its board's short name). A short name is what is left of a board's name without
the words nearly every board name has ("District", "School", "Board") and its small words
("of", "and"): "Greater Essex County", "Huron-Superior Catholic", "Niagara" (District
School Board of Niagara). A short name two boards share is left alone.
"""

from __future__ import annotations

import re

from .board_short_names import short_names
from .dates import find_date_expressions

__all__ = ["LIST_MARKS", "board_by_short_name", "leading_date", "listed_boards"]

#: Where list items part: commas, semicolons, 'and', and the dash of a list line.
_ITEM_BREAK = re.compile(r"\s*(?:[,;]|\band\b|\bor\b|^\s*[-•*]|\n\s*[-•*])\s*")
#: Marks that open a list line ('- Toronto District School Board').
LIST_MARKS = "-•*–"
#: Lowercase words of board names that may stand between a list of short names and 'boards'.
_BOARD_WORDS = frozenset({"district", "school", "catholic", "public", "separate"})
#: Prepositions by which 'boards' introduces its members ('boards including Niagara').
_INCLUDING = frozenset({"including", "like", "includes"})
#: Pronouns of 'boards, among them Toronto and Peel'.
_AMONG_PRONOUNS = frozenset({"them", "those", "which", "these"})
#: Verbs by which 'boards' (their subject) are said to be the names that follow.
_BEING = frozenset({"be", "include"})


def listed_boards(context, sentence: int) -> dict[int, str]:
    """The board each token of a listed short name stands for, in one sentence."""
    short = short_names(context)
    found: dict[int, str] = {}
    spans = [span for head in _board_words(context, sentence) for span in _items(context, head)]
    for first, last in _joined_names(context, short, spans + _line_items(context, sentence)):
        board = _board_named(context, short, context.article.text[first:last])
        if board:
            found.update(_name_tokens(context, sentence, first, last, board))
    for run in _place_runs(context, sentence):
        names = _joined_names(context, short, run)
        boards = [_board_named(context, short, context.article.text[first:last]) for first, last in names]
        if len(names) > 1 and all(boards):
            for (first, last), board in zip(names, boards):
                found.update(_name_tokens(context, sentence, first, last, board))
    return found


def board_by_short_name(context, name: str) -> str | None:
    """The board a name stands for, by its full name or alias, else by its short name
    ('York Catholic', 'Waterloo Region')."""
    return _board_named(context, short_names(context), name)


def _place_runs(context, sentence: int) -> list[list[tuple[int, int]]]:
    """'The rotation continues Thursday at Durham, Lambton Kent and Algoma', 'ETFO members
    in Algoma, Limestone and Niagara', 'it is the turn of Kawartha Pine Ridge and Upper
    Grand': a list of bare place names after a preposition, with no word 'boards' to say
    what they are. Each run of capitalised words, commas, hyphens and 'and' right after a
    preposition is a candidate list; ``listed_boards`` reads it as boards only when every
    item (two or more) is a board's short or full name, so a list of towns ('in Toronto,
    Ottawa and Hamilton') stays a list of towns."""
    words = context.tree.sentence_tokens(sentence)
    runs = []
    for at, prep in enumerate(words):
        if prep.pos != "ADP":
            continue
        run = []
        for token in words[at + 1:]:
            if not (token.text[:1].isupper() or token.text in (",", "-", "–", "and") or (not run and token.text.lower() == "the")):
                break
            run.append(token)
        named = [t for t in run if t.text[:1].isupper()]
        if len(named) > 1 and any(t.text in (",", "and") for t in run[run.index(named[0]):]):
            runs.append(_split(context.article.text, named[0].start, max(t.end for t in named)))
    return runs


def _board_named(context, short, name: str) -> str | None:
    """The board a list item names, by its full name or alias, else by its short name."""
    known = context.kb.lookup(name)
    return known.id if known is not None and known.type == "SchoolBoard" else short.board(name)


def _joined_names(context, short, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """'the Upper Grand, Hastings and Prince Edward and Lambton boards': two items parted
    by 'and' are one name when together they name a board ('Hastings and Prince Edward')."""
    text, joined, k = context.article.text, [], 0
    while k < len(spans):
        first, last = spans[k]
        if k + 1 < len(spans) and text[last:spans[k + 1][0]].strip() == "and" and _board_named(
                context, short, text[first:spans[k + 1][1]]):
            last, k = spans[k + 1][1], k + 1
        joined.append((first, last))
        k += 1
    return joined


def _name_tokens(context, sentence: int, first: int, last: int, board: str) -> dict[int, str]:
    """The tokens of the span, and those of the names found in it that reach out of it (a
    list line's dash taken into the name)."""
    words = context.tree.sentence_tokens(sentence)
    inside = [t.i for t in words if t.start >= first and t.end <= last]
    if not inside:
        return {}
    names = {context.entity_of[i] for i in inside if i in context.entity_of}
    indices = {t.i for t in words}
    low, high = min(inside), max(inside)
    # Only the run of the same name that touches the span ('Waterloo' of a later 'Waterloo
    # Catholic' item is another item's word).
    while low - 1 in indices and context.entity_of.get(low - 1) in names:
        low -= 1
    while high + 1 in indices and context.entity_of.get(high + 1) in names:
        high += 1
    return {i: board for i in range(low, high + 1)}


def _line_items(context, sentence: int) -> list[tuple[int, int]]:
    """The items of a list line ('- Peel District School Board and Dufferin-Peel Catholic
    District School Board'), whose dash the name finder may take into the first name, or
    of a schedule line after its day ('Tuesday: Grand Erie, Renfrew County and Rainbow')."""
    line = context.resolved.parsed.sentences[sentence]
    text = line.text.lstrip()
    heading = _day_heading(text)
    before = context.resolved.parsed.sentences[sentence - 1].text.strip() if sentence else ""
    cut_off = _day_heading(before) == len(before)  # 'Wednesday:' split from its items
    if heading is None and text[:1] not in LIST_MARKS and not cut_off:
        return []
    start = line.start + len(line.text) - len(text) + (heading or (0 if cut_off and text[:1] not in LIST_MARKS else 1))
    return _split(context.article.text, start, line.start + len(line.text.rstrip()))


def _day_heading(text: str) -> int | None:
    """Where the items of a line headed by a day and a colon start ('Tuesday: Grand Erie,
    Rainbow', '- Dec. 11: a second walkout'), or None for a line with no such heading."""
    found = leading_date(text)
    return found[1] + 1 if found and text[found[1]:found[1] + 1] == ":" else None


def leading_date(text: str):
    """The date expression a line opens with, after any list mark, and the offset in
    ``text`` where it ends; None when the line does not open with a date."""
    body = text.lstrip(LIST_MARKS + " ")
    expressions = find_date_expressions(body)
    if not expressions or expressions[0].start != 0:
        return None
    return expressions[0], len(text) - len(body) + expressions[0].end


def _board_words(context, sentence: int) -> list:
    """The plural 'boards' of a sentence that a list follows or stands beside."""
    return [t for t in context.tree.sentence_tokens(sentence) if t.lemma == "board" and t.text.lower() == "boards"
            and context.type_of(context.entity_of.get(t.i, "")) != "SchoolBoard"]  # 'Catholic school boards' may be a group


def _items(context, head) -> list[tuple[int, int]]:
    """Character spans of the list items that follow 'boards:' (up to the sentence's end),
    or of the names set beside it ('boards, Limestone and Algoma, ...')."""
    tree = context.tree
    words = tree.sentence_tokens(head.sentence)
    after = [t for t in words if t.i > head.i]
    colon = next((t for t in after[:2] if t.text == ":"), None)
    among = _among_subject(tree, head) or _introduced(tree, head) or _among_them(tree, head)
    if colon is not None:
        start, end = colon.end, after[-1].end
    elif among:
        start, end = tree.tokens[min(among)].start, tree.tokens[max(among)].end
    elif tree.children(head.i, ("appos",)):
        span = tree.subtree(tree.children(head.i, ("appos",))[0].i)
        start, end = tree.tokens[min(span)].start, tree.tokens[max(span)].end
        # 'the Durham and Rainbow district boards, both Hamilton boards, ...': the parser takes
        # the next item for an appositive; the names before 'boards' are items all the same.
        return _names_before(context, head) + _split(context.article.text, start, end)
    else:
        return _names_before(context, head) or _places_joined(context, head)
    return _split(context.article.text, start, end)


def _places_joined(context, head) -> list[tuple[int, int]]:
    """'classes were cancelled at Rainbow and at two French-language boards': a place whose
    preposition is joined by 'and' to the one 'boards' hangs on is a board too."""
    tree = context.tree
    prep = tree.tokens[head.head]
    if head.dep != "pobj" or prep.dep != "conj":
        return []
    joined = tree.tokens[prep.head]
    # The parser may hang the second 'at' on the verb the first one hangs on.
    firsts = [joined] if joined.pos == "ADP" else [p for p in tree.children(joined.i, ("prep",))
                                                   if p.i < prep.i and p.lemma == prep.lemma]
    spans = []
    for other in (o for first in firsts for o in tree.children(first.i, ("pobj",))):
        words = [i for i in tree.subtree(other.i) if not tree.tokens[i].text.lower() in ("the", "and", ",")]
        if words and all(tree.tokens[i].text[:1].isupper() for i in words):
            spans.append((tree.tokens[min(words)].start, tree.tokens[max(words)].end))
    return spans


def _names_before(context, head) -> list[tuple[int, int]]:
    """'off the job at the Lambton, Near North and Grand Erie boards', 'the Avon Maitland and
    Bluewater district school boards': a list of short names set before the plural 'boards'
    names boards. Read from the words (the parser breaks such lists apart): the run of
    capitalised words, commas, hyphens, 'and' and the shared lowercase words of board names
    ('district school') that ends at 'boards'; only a list of two or more is read."""
    words = [t for t in context.tree.sentence_tokens(head.sentence) if t.i < head.i]
    run = []
    for token in reversed(words):
        if not (token.text[:1].isupper() or token.text in (",", "-", "–", "and")
                or (not run or all(t.text.islower() for t in run)) and token.text.lower() in _BOARD_WORDS):
            break
        run.insert(0, token)
    while run and not run[0].text[:1].isupper():
        run.pop(0)
    named = [t for t in run if t.text[:1].isupper()]
    if not named or not any(t.text in (",", "and") for t in run):
        return []
    start = run[0].start
    end = max(t.end for t in named)
    return _split(context.article.text, start, end)


def _among_subject(tree, head) -> list[int]:
    """'Rainbow and Sudbury were among the boards hit by the strike', 'Upper Grand was one of
    nine boards struck': the subject of a verb that places it among the boards names
    boards, however short."""
    prep = tree.tokens[head.head]
    if head.dep != "pobj" or prep.head == prep.i:
        return []
    verb = prep.head
    if prep.text.lower() == "of" and tree.tokens[verb].lemma == "one" and tree.tokens[verb].dep == "attr":
        verb = tree.tokens[verb].head  # 'Upper Grand was one of nine boards struck'
    elif prep.text.lower() != "among":
        return []
    return [i for s in tree.children(verb, ("nsubj", "nsubjpass")) for i in tree.subtree(s.i)]


def _introduced(tree, head) -> list[int]:
    """'the rotation moves to boards including Greater Essex, Niagara and Toronto', 'boards
    such as Halton', 'The other boards on the list are Lambton Kent, Thames Valley and
    Halton': the names that the plural 'boards' introduces, by a preposition of inclusion or
    as what the boards are said to be, are boards' names (a region's name there is its board)."""
    for prep in tree.children(head.i, ("prep",)):
        word = prep.text.lower()
        if word in _INCLUDING or word == "as" and prep.i > 0 and tree.tokens[prep.i - 1].text.lower() == "such":
            return [i for o in tree.children(prep.i, ("pobj",)) for i in tree.subtree(o.i)]
    verb = tree.tokens[head.head]
    if head.dep == "nsubj" and verb.lemma in _BEING and verb.i > head.i:
        return [i for o in tree.children(verb.i, ("attr", "dobj")) for i in tree.subtree(o.i) if i > verb.i]
    return []


def _among_them(tree, head) -> list[int]:
    """'struck at nine boards, among them Toronto and Peel', 'at 16 boards, among those the
    Halton board': the names after 'among' and its pronoun, set right after 'boards', are
    some of those boards, however the parser hangs them (on the verb, on the first name)."""
    words = [t for t in tree.sentence_tokens(head.sentence) if t.i > head.i]
    if len(words) < 4 or words[0].text != "," or words[1].text.lower() != "among" \
            or words[2].text.lower() not in _AMONG_PRONOUNS:
        return []
    run = []
    for token in words[3:]:
        if not (token.text[:1].isupper() or token.text in (",", "-", "–", "and") or (not run and token.text.lower() == "the")):
            break
        run.append(token.i)
    while run and not tree.tokens[run[-1]].text[:1].isupper():
        run.pop()  # the comma that closes the aside
    return run


def _split(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The spans of the items between ``start`` and ``end``, without a closing full stop or
    what a bracket adds ('Durham (130 schools in Oshawa and Whitby)')."""
    part = re.sub(r"\([^)]*\)", lambda m: " " * len(m.group()), text[start:end])
    spans, at = [], 0
    for match in [*_ITEM_BREAK.finditer(part), None]:
        stop = match.start() if match else len(part)
        item = part[at:stop].rstrip(" .\n")
        if item.strip():
            lead = len(item) - len(item.lstrip())
            spans.append((start + at + lead, start + at + len(item)))
        at = match.end() if match else stop
    return spans
