"""Boards' short names, read by the entities stage (``graph.entities``: a name spaCy calls an
organisation) and the facts stage (``graph.strike_lists``).

Lists and reports name a board the way readers know it: "Niagara" for the District School
Board of Niagara, "Huron-Superior Catholic", "Greater Essex" for Greater Essex County. A
short name is what is left of a board's name without the words nearly every board name has
("District", "School", "Board"), its small words ("of", "and") and a word lists may leave
out ("County"). A short name two boards share names neither. Kept apart from the list
reading because the table is built once per knowledge base, whatever sentence asks.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

__all__ = ["ShortNames", "short_names", "short_names_in"]

#: A word of a board's name that most board names share is no part of its short name.
_SHARED_SHARE = 0.5
#: A word of a board's short name that lists may leave out ('Greater Essex' for Greater Essex County).
_DROPPED = frozenset({"county"})


@dataclass(frozen=True)
class ShortNames:
    """Short name -> board id, and the words most board names share (no part of a short name)."""

    boards: dict[str, str]
    shared: frozenset[str]

    def board(self, name: str) -> str | None:
        return self.boards.get(_core(name, self.shared))


def short_names(context) -> ShortNames:
    """Each board's short name, from the knowledge base's boards."""
    return short_names_in(context.kb)


def short_names_in(kb) -> ShortNames:
    """Each board's short name, from the knowledge base ``kb``'s boards."""
    boards = tuple((e.id, e.name) for e in kb.entities.values() if e.type == "SchoolBoard")
    return _short_names_of(boards)


@functools.cache
def _short_names_of(boards: tuple[tuple[str, str], ...]) -> ShortNames:
    """The table for one set of boards: built once per knowledge base, not once per sentence."""
    counts: dict[str, int] = {}
    for _, name in boards:
        for word in set(_words(name)):
            counts[word] = counts.get(word, 0) + 1
    shared = frozenset(w for w, n in counts.items() if n > _SHARED_SHARE * len(boards))
    seen: dict[str, set[str]] = {}
    for board_id, name in boards:
        core = _core(name, shared)
        for key in {core, " ".join(w for w in core.split() if w not in _DROPPED)}:
            seen.setdefault(key, set()).add(board_id)
    return ShortNames({core: next(iter(ids)) for core, ids in seen.items() if core and len(ids) == 1}, shared)


def _words(name: str) -> list[str]:
    """The capitalised words of a name, hyphens read as spaces ('Huron-Superior')."""
    return [w.casefold() for w in re.split(r"[\s\-–]+", name.replace("’", "'")) if w[:1].isupper()]


def _core(name: str, shared: frozenset[str]) -> str:
    """A name without its shared words and small words: the key short names are read by."""
    name = re.sub(r"^(the)\s+", "", name.strip(), flags=re.IGNORECASE)
    return " ".join(w for w in _words(name) if w not in shared)
