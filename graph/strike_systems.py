"""School systems, part of the facts stage: which boards a union's members can strike at.

Ontario runs publicly funded English public boards, English Catholic boards and French-language
boards side by side, and each teachers' union belongs to one of them: ETFO teaches at public
boards, OECTA at Catholic ones, AEFO at French ones (OSSTF, CUPE and OPSEU at all three). ``graph.strike_targets`` asks here
before it pairs a union with a board that a sentence ties to a strike told elsewhere, so
that a board closing after another system's strike ("ETFO walks out Friday. The Ottawa
Catholic board closes too.") is not credited to it.
"""

from __future__ import annotations

import re

from .rules import SchoolSystems

__all__ = ["board_system", "fits_school_system", "names_no_board"]


def fits_school_system(systems: SchoolSystems, union: str, board, rule: str = "") -> bool:
    """Whether ``union`` can strike at ``board``: a union tied to one system does not strike
    at another system's board that a sentence only ties to its strike told elsewhere ('ETFO
    walks out Friday. The Ottawa Catholic board will close too.'). A board the strike
    sentence lists itself is kept as the text has it; a unit of the union's at a board of the
    other system (ETFO's early childhood educators at the Toronto Catholic board) is listed
    apart. Places that are no board, and unions of no one system (OSSTF with its support
    staff everywhere, CUPE, OPSEU), pass. ``rule`` is the rule that attached the board ('':
    ask about the pair alone); ``systems`` is ``Rules.school_systems``."""
    if rule and rule not in systems.inferred_rules:
        return True
    if getattr(board, "type", "") != "SchoolBoard" or (union, board.id) in systems.cross_system:
        return True
    allowed = systems.systems_of(union)
    return allowed is None or board_system(board, systems.catholic_words) in allowed


def board_system(board, catholic_words: tuple[str, ...]) -> str:
    """'fr' for a French-language board, 'catholic' for an English board whose name (or an
    alias) holds a Catholic word, else 'public'."""
    if getattr(board, "language", "") == "fr":
        return "fr"
    name = " ".join([board.name, *getattr(board, "aliases", ())]).lower()
    return "catholic" if any(word in name for word in catholic_words) else "public"


def names_no_board(systems: SchoolSystems, board, known: bool) -> bool:
    """'The 55,000 CUPE members employed by Ontario school boards', 'withdrawing from ministry
    and school board paperwork': a board phrase the knowledge base does not know (``known``
    False) whose every word is a generic one (``SchoolSystems.generic_words``) names no one
    board, so it is no strike target; a union acting as a whole with no board named strikes
    across the province instead."""
    if known or getattr(board, "type", "") != "SchoolBoard":
        return False
    words = re.findall(r"[\w'’-]+", board.name.lower())
    return bool(words) and all(word in systems.generic_words for word in words)
