"""Boards named by their region, part of the facts stage: "the public and Catholic boards in
York Region", "York Region's public and Catholic boards", "Catholic boards in Simcoe County".

A region named as the place of the plural "boards" stands for that region's boards, not for the
region itself: the schools a strike closes are the boards'. Which boards follows from the panel
words the noun carries ("public", "Catholic"); with none, the region's public board (the board
whose short name is the region's). Each panel word stands for its own board and the region's
name for the first of them, so that each token a strike sentence names stays one place.
A region named as the owner of "schools" ("Durham's public schools", "Grand Erie secondary
schools") is read the same way.
"""

from __future__ import annotations

from .strike_lists import board_by_short_name

__all__ = ["regional_boards"]

#: Panel words of 'boards' and the word a board of that panel adds to its region's short name.
_PANELS = {"public": "", "catholic": "Catholic"}
#: Words of a region's name that its boards' short names may leave out ('York Catholic').
_REGION_WORDS = frozenset({"region", "county", "city", "of"})


def regional_boards(context, sentence: int) -> dict[int, str]:
    """The board each token of a region named as the boards' place (and each panel word of
    those boards) stands for, in one sentence."""
    tree, found = context.tree, {}
    for head in tree.sentence_tokens(sentence):
        if context.type_of(context.entity_of.get(head.i, "")) == "SchoolBoard":
            continue
        if head.text.lower() == "boards":
            regions = _regions_of(context, head)
        elif head.lemma == "school" and head.text.lower() == "schools" and not _tells_province(context, sentence):
            regions = _regions_owning(context, head)
        else:
            continue
        panels = _panel_words(tree, head) or [(None, "")]
        for region, tokens in regions.items():
            boards = [(i, _board_of(context, region, key)) for i, key in panels]
            boards = [(i, board) for i, board in boards if board]
            if boards:
                found.update({t: boards[0][1] for t in tokens})
                found.update({i: board for i, board in boards if i is not None})
    return found


def _regions_of(context, head) -> dict[str, list[int]]:
    """'boards in York Region and Simcoe County', "York Region's boards": the regions named as
    where the boards are, with their tokens."""
    tree = context.tree
    places = [p.i for prep in tree.children(head.i, ("prep",)) if prep.text.lower() == "in"
              for p in tree.children(prep.i, ("pobj",))]
    places += [p.i for p in tree.children(head.i, ("poss",))]
    places += [c.i for p in places for c in tree.children(p, ("conj",))]
    regions: dict[str, list[int]] = {}
    for place in places:
        for i in tree.subtree(place):
            entity_id = context.entity_of.get(i, "")
            if context.type_of(entity_id) == "Region" and entity_id != "province-wide" and i not in regions.get(entity_id, []):
                regions.setdefault(entity_id, []).append(i)
    return regions


def _regions_owning(context, head) -> dict[str, list[int]]:
    """"Durham's public elementary schools", 'Grand Erie secondary schools', 'York Region and
    Thames Valley high schools': a region named as the owner of 'schools' (its possessive
    or the name before the noun) stands for the region's board, as for 'boards': the schools
    are the board's, and a strike that closes them strikes the board."""
    tree = context.tree
    places = [p.i for p in tree.children(head.i, ("poss", "compound", "nmod"))]
    places += [c.i for p in places for c in tree.children(p, ("conj",))]
    regions: dict[str, list[int]] = {}
    for place in places:
        for i in (j for j in tree.subtree(place) if j == place or tree.tokens[j].dep == "compound"):
            entity_id = context.entity_of.get(i, "")
            if context.type_of(entity_id) == "Region" and entity_id != "province-wide" and i not in regions.get(entity_id, []):
                regions.setdefault(entity_id, []).append(i)
    return regions


def _tells_province(context, sentence: int) -> bool:
    """'Picket lines go up at York Region's Catholic schools tomorrow, when OECTA holds a
    province-wide strike': schools named beside a strike of the whole province say where
    it is seen, not a board struck on its own."""
    return any(context.entity_of.get(t.i) == "province-wide" for t in context.tree.sentence_tokens(sentence))


def _panel_words(tree, head) -> list[tuple[int, str]]:
    """'the public and Catholic boards': the panel words the noun carries, with their tokens."""
    words = [w for a in tree.children(head.i, ("amod", "compound")) for w in (a, *tree.children(a.i, ("conj",)))]
    return [(w.i, _PANELS[w.text.lower()]) for w in words if w.text.lower() in _PANELS]


def _board_of(context, region: str, panel: str) -> str | None:
    """The region's board of one panel: its short name is the region's name (or that name
    without 'Region', 'County') followed by the panel's word ('York Catholic')."""
    entity = context.kb.entities.get(region)
    if entity is None:
        return None
    for name in (entity.name, *entity.aliases):
        stem = " ".join(w for w in name.split() if w.lower() not in _REGION_WORDS)
        for candidate in dict.fromkeys((f"{name} {panel}".strip(), f"{stem} {panel}".strip())):
            board = board_by_short_name(context, candidate)
            if board and (panel or "catholic" not in context.kb.entities[board].name.lower()):
                return board
    return None
