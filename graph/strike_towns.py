"""Towns that stand for their boards, part of the facts stage: "Public high schools in
Kingston sat empty as OSSTF struck; the Limestone board said ...", "All four Sudbury-based
boards cancelled classes that day".

A reporter places a strike in a town or region ("in Kingston", "across Chatham-Kent",
"Sudbury-based boards", "the strikes reach York Region") as often as in a board. When the
same telling also names a board the same union struck on the same day, the town is only
where that board's schools are: the board is the target and the town adds a wrong row.
A town with no board named beside it ('Members in Halton walk out Monday') stays the
target, as does 'province-wide'.
"""

from __future__ import annotations

from .model import Fact

__all__ = ["without_towns_of_boards"]


def without_towns_of_boards(context, facts: list[Fact], triggers) -> list[Fact]:
    """The strike facts less those on a town or region when the same union strikes a named
    board on the same day in the article and the town is not the strike word's own place:
    the board is where the strike is, the town only where the board's schools stand."""
    struck_boards = {(f.agent, f.date) for f in facts if context.type_of(f.object) == "SchoolBoard"}
    return [f for f in facts if not (_is_town(context, f.object) and (f.agent, f.date) in struck_boards
                                     and not _strike_own_place(context, f, triggers))]


def _is_town(context, entity_id: str) -> bool:
    """A named town, city or region (not the whole province, not 'no place named')."""
    return bool(entity_id) and entity_id != "province-wide" and context.type_of(entity_id) == "Region"


def _strike_own_place(context, fact: Fact, triggers) -> bool:
    """'OECTA will hold a one-day strike in schools in Ottawa and eastern Ontario': a town
    inside the strike word's own phrase (its subjects left out) is where the strike is told
    to be, whatever boards the article lists; 'Teachers in Brantford will walk out',
    'Schools in Kingston sat empty as ...', 'Sudbury-based boards said ...' only tell
    where the struck boards' people and schools are. A town listed beside the boards is
    a place of its own too (``_listed_beside_board``)."""
    tree = context.tree
    towns = {i for i, e in context.entity_of.items() if e == fact.object and context.evidence_at(i) == fact.evidence}
    if any(_listed_beside_board(context, t) for t in towns):
        return True
    for trigger in triggers:
        if context.evidence_at(trigger.token) != fact.evidence:
            continue
        subjects = {j for s in tree.children(trigger.token, ("nsubj", "nsubjpass")) for j in tree.subtree(s.i)}
        if towns & (set(tree.subtree(trigger.token)) - subjects):
            return True
    return False


def _listed_beside_board(context, token: int) -> bool:
    """'... the Upper Canada board, the Eastern Ontario Catholic board, plus all French-language
    schools in Ottawa and eastern Ontario': schools of a town joined to a list of named
    boards are further places the strike closes (schools of boards the text does not name),
    not the named boards' home town."""
    tree = context.tree
    word = tree.tokens[token]
    for _ in range(4):
        if word.dep == "conj" and context.type_of(context.entity_of.get(word.head, "")) == "SchoolBoard":
            return True
        if word.head == word.i or word.pos in ("VERB", "AUX"):
            return False
        word = tree.tokens[word.head]
    return False
