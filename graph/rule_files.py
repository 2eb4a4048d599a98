"""The optional rule files and their small tables: ``closed_days.json`` and ``school_systems.json``.

Part of the facts stage, split from ``graph.rules`` (which re-exports ``ClosedDays`` and
``SchoolSystems`` and calls the loaders from ``load_rules``). Each file is optional so that
a test's small rules folder need not carry every table: a missing file is empty tables.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

__all__ = ["ClosedDays", "SchoolSystems", "load_closed_days", "load_school_systems", "read_optional"]


def read_optional(path: Path) -> dict:
    """The object of an optional rules file: a rules folder without it (a test's small
    folder) gets empty tables rather than an error."""
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


@dataclass(frozen=True)
class ClosedDays:
    """Words that tell a board's schools shut on a day (``closed_days.json``, read by
    ``graph.strike_closed_days``): closure verbs, verbs that count when negated ('will not
    open'), and phrases of staying out ('out of class'), tried in order."""

    closure_lemmas: frozenset[str] = frozenset()
    open_lemmas: frozenset[str] = frozenset()
    phrases: tuple[str, ...] = ()


@dataclass(frozen=True)
class SchoolSystems:
    """Which school systems' boards each union's members work in (``school_systems.json``,
    read by ``graph.strike_systems``); pairs rather than dicts keep ``Rules`` hashable."""

    #: (union, systems) for a union that strikes only at its own system's boards.
    strict: tuple[tuple[str, frozenset[str]], ...] = ()
    #: Rules that only tie a board to a strike told elsewhere: the guard holds for them.
    inferred_rules: frozenset[str] = frozenset()
    catholic_words: tuple[str, ...] = ()
    #: (union, board) known units of a union at another system's board.
    cross_system: frozenset[tuple[str, str]] = frozenset()
    #: Words of a board phrase that names no one board ('Ontario school boards').
    generic_words: frozenset[str] = frozenset()

    def systems_of(self, union: str) -> frozenset[str] | None:
        """The systems ``union`` is tied to, or None for a union of no one system."""
        return next((systems for name, systems in self.strict if name == union), None)


def load_closed_days(directory: Path, shutting: frozenset[str]) -> ClosedDays:
    """The words of ``closed_days.json`` (none for a rules folder without it); its closure
    verbs are the shutting words of ``actions.json`` and its own few more ('suspend')."""
    data = read_optional(directory / "closed_days.json")
    return ClosedDays(shutting | frozenset(data.get("closure_lemmas", ())), frozenset(data.get("open_lemmas", ())),
                      tuple(data.get("phrases", ())))


def load_school_systems(directory: Path) -> SchoolSystems:
    """The tables of ``school_systems.json`` (none for a rules folder without it)."""
    data = read_optional(directory / "school_systems.json")
    return SchoolSystems(tuple((union, frozenset(systems)) for union, systems in data.get("strict_systems", {}).items()),
                         frozenset(data.get("inferred_rules", ())), tuple(data.get("catholic_words", ())),
                         frozenset((union, board) for union, boards in data.get("cross_system", {}).items()
                                   for board in boards), frozenset(data.get("generic_board_words", ())))
