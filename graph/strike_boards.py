"""Strike towns as school boards, part of the facts stage: a city or region named as a
strike's place, read as the school board the text makes plain.

``graph.strike_targets`` reads the places a strike's sentence names; once every event of an
article is known, this module drops a town said beside its own board ('In Thunder Bay,
members picketed, and every school of the Thunder Bay Catholic board was closed') and reads
a town that is its clause's subject as the one board named after it that the union strikes.
"""

from __future__ import annotations

from .strike_places import headline_place
from .strike_targets import StrikeEvent

__all__ = ["places_as_boards"]


def places_as_boards(context, events: list[StrikeEvent]) -> None:
    """A city or region named as a strike's place stands for its school board when the text
    makes that board plain: dropped beside a board of the same event named after it when it
    only says where things were done ('In Thunder Bay, members picketed, and every school
    of the Thunder Bay Catholic board was closed'), and, for a city that is its clause's
    subject ('on Feb. 7, when Hamilton is on the list'), the one board named after it that
    the same union strikes elsewhere in the article. A town in the headline goes when the
    union strikes boards the story names."""
    for event in events:
        struck = {t for e in events if set(e.unions) & set(event.unions) for t, *_ in e.targets
                  if context.type_of(t) == "SchoolBoard"}
        own = {t for t, *_ in event.targets if context.type_of(t) == "SchoolBoard"}
        targets = []
        for target, sentence, rule, own_day in event.targets:
            if struck and headline_place(context, target, sentence):
                continue
            if context.type_of(target) == "Region" and target != "province-wide":
                names = _place_names(context, target, sentence)
                if _named_after(context, own, names) and _where_done(context, target, sentence):
                    continue
                boards = _named_after(context, struck, names) if _is_subject(context, target, sentence) else []
                target = boards[0] if len(boards) == 1 else target
            if not any(t == target and d == own_day for t, _, _, d in targets):
                targets.append((target, sentence, rule, own_day))
        event.targets = targets


def _where_done(context, target: str, sentence: int) -> bool:
    """'In Thunder Bay, members picketed': a place said of what is done (its preposition
    hangs on a verb), not of the schools or classes struck ('schools in Ottawa')."""
    tree = context.tree
    for token in (t for t in tree.sentence_tokens(sentence) if context.entity_of.get(t.i) == target):
        head = tree.tokens[token.head]
        if head.dep == "prep" and tree.tokens[head.head].pos in ("VERB", "AUX"):
            return True
    return False


def _place_names(context, target: str, sentence: int) -> set[str]:
    """The knowledge base's name of a place and the words the sentence names it by."""
    words = [t for t in context.tree.sentence_tokens(sentence) if context.entity_of.get(t.i) == target]
    text = context.article.text[words[0].start:words[-1].end] if words else ""
    return {n for n in (getattr(context.entity(target), "name", ""), text) if n}


def _named_after(context, boards, names: set[str]) -> list[str]:
    """The boards whose names start with one of ``names`` as a word ('Thunder Bay Catholic
    District School Board' for 'Thunder Bay', 'Hamilton-Wentworth ...' for 'Hamilton')."""
    def starts(board: str, name: str) -> bool:
        full = getattr(context.entity(board), "name", "")
        return full.startswith(name) and len(full) > len(name) and not full[len(name)].isalnum()
    return sorted(b for b in boards if any(starts(b, n) for n in names))


def _is_subject(context, target: str, sentence: int) -> bool:
    """The place is its clause's subject ('when Hamilton is on the list') or says where the
    subject's workers are ('Teachers in Durham walked off the job'): it stands for the
    workers' board, not for a town or region struck as such."""
    tree = context.tree
    for t in tree.sentence_tokens(sentence):
        if context.entity_of.get(t.i) != target:
            continue
        head = tree.tokens[t.head]
        if t.dep in ("nsubj", "nsubjpass") or (t.dep == "pobj" and head.lemma == "in"
                                               and tree.tokens[head.head].dep in ("nsubj", "nsubjpass")):
            return True
    return False

