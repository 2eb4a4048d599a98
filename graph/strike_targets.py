"""Strike places, part of the facts stage: a strike event and the boards and regions it hits.

``graph.strikes`` gathers strike mentions into events; this module holds the event record and
reads which school boards and regions a sentence (or one clause of it) names as the places
struck, leaving out places that only locate something else ("a downtown Toronto hotel", "the
Peel board, west of Toronto"), negated ones ("none of the boards are in eastern Ontario") and
pairs that cannot be (a French-language union at an English-language board, a Catholic
teachers' union at a public board).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from .dates import find_same_day_phrase
from .strike_lists import listed_boards
from .strike_places import (
    board_building,
    describes_board,
    members_clause,
    where_said,
)
from .strike_regions import regional_boards
from .strike_schedules import schedule_day
from .strike_systems import fits_school_system
from .syntax import REPORTING_LEMMAS

__all__ = ["TARGET_TYPES", "StrikeEvent", "add_targets", "plausible_pair"]

TARGET_TYPES = frozenset({"SchoolBoard", "Region"})
#: A place too broad to be a target on its own ("schools in Ontario" is not a strike target).
_TOO_BROAD = frozenset({"ontario"})
#: Nouns a strike's place may hang from: "schools in Ottawa", "boards across eastern Ontario".
_PLACE_HOLDERS = frozenset({"school", "board", "class", "classroom", "area", "region", "city", "part", "community",
                            "strike", "walkout", "action", "picket", "member", "teacher", "worker", "educator"})
#: Words for picketing: a town where pickets stand is no strike target ('picket in Kingston').
_PICKETING = frozenset({"picket", "picketer", "picketing"})
#: What opens a clause of its own inside a sentence: ', and', ', but', ';'.
_CLAUSE_BREAK = re.compile(r",\s+(?:and|but|while)\s|;\s")
_DIRECTIONS = frozenset({"west", "east", "north", "south", "northwest", "northeast", "southwest", "southeast", "near", "outside"})


@dataclass
class StrikeEvent:
    """One strike told over one or more sentences: who, which day, what kind, and where."""

    unions: list[str]
    day: date | None
    date_text: str
    action: str
    sentence: int
    #: (target, sentence, rule, own day): a target's own day when its clause names one.
    targets: list[tuple[str, int, str, tuple | None]] = field(default_factory=list)
    mentions: list[int] = field(default_factory=list)
    stated: bool = False
    #: Its doers are named as the province's ("Ontario high school teachers"): province-wide
    #: when no board or region is named.
    across_province: bool = False
    #: The last line of a schedule under it that gives its boards their own days: what it
    #: told up to there names no place of its own.
    scheduled: int | None = None
    #: A strike word of it tells of some boards only ('one-day strikes at nine boards').
    partial: bool = False
    #: A strike word of it counts boards without naming them ('pickets at the other boards'),
    #: or spreads it over a local area ('pickets across the city').
    some_boards: bool = False
    #: A union-wide campaign of it is told as going on with its union named as its doer or
    #: owner ('their work-to-rule campaign continues'), though on no day.
    ongoing: bool = False


def add_targets(context, event: StrikeEvent, sentence: int, rule: str, clause: set[int] | None = None,
                anchor: int | None = None, types: frozenset[str] = TARGET_TYPES) -> None:
    """Boards and regions of the sentence (of the trigger's clause when the sentence tells
    of several strikes), leaving out negated ones and places that only locate a board."""
    tree = context.tree
    listed = {**regional_boards(context, sentence), **listed_boards(context, sentence)} if "SchoolBoard" in types else {}
    named = [t.i for t in tree.sentence_tokens(sentence) if t.i in listed or t.i in context.entity_of]  # only a name can be a target
    tokens = [i for i in named if not _under_negation(tree, i) and (clause is None or i in clause)]
    tokens = [i for i in tokens if i in listed or (
              not _locates_another_target(context, i) and not _names_something_else(context, i)
              and not _picket_place(context, i) and not board_building(context, i)
              and not describes_board(context, i) and not where_said(context, i) and not members_clause(context, i)
              and not (anchor is not None and _place_of_something_else(context, i, anchor)))]
    text = context.resolved.parsed.sentences[sentence].text
    dated_apart = len(context.date_expressions(sentence)) + bool(find_same_day_phrase(text)) > 1 or sentence not in event.mentions
    found = _named_targets(context, tokens, types, listed)
    if any(context.type_of(t) == "SchoolBoard" or t == "province-wide" for t in found):
        found = [t for t in found if not _locates_doers(context, t, tokens)]
    for target in found:
        own_day = _own_day(context, target, tokens, event, listed) if dated_apart and not _names_the_strike(
            context, target, tokens, anchor) else None
        if target in _TOO_BROAD or _unknown_place(context, target) or any(t == target and d == own_day for t, _, _, d in event.targets):
            continue
        event.targets.append((target, sentence, rule, own_day))


def _named_targets(context, tokens: list[int], types: frozenset[str], listed: dict[int, str]) -> list[str]:
    """The places the tokens name, in order, once each: a board listed by its short name
    ('boards: Niagara, Peel, Algoma') as that board, not as the town it is named after."""
    found = []
    for i in tokens:
        entity_id = listed.get(i) or context.entity_of.get(i)
        if entity_id and entity_id not in found and context.type_of(entity_id) in types:
            found.append(entity_id)
    return found


def _own_day(context, target: str, tokens: list[int], event: StrikeEvent, listed: dict[int, str]) -> tuple | None:
    """'Bluewater is first on the list, on Monday, Feb. 3. The Durham board follows the next
    day, and the Toronto board will be struck on Feb. 7': in a sentence with several days, or
    in a list after the strike was told, each target takes the day of its own clause."""
    first = next(i for i in tokens if listed.get(i, context.entity_of.get(i)) == target)
    told = _told_by_target(context, first)
    found = schedule_day(context, first, context.clause_date(told.i if told is not None else first))
    text = context.resolved.parsed.sentences[context.tree.tokens[first].sentence].text
    same_day = find_same_day_phrase(text)
    # 'On Friday, ... struck across the province on the same day': the day they share is
    # the one the sentence tells, not the one told before.
    borrowed = found and found[1] not in text and same_day and same_day[1] == "mentioned" and event.date_text in text
    # The event's own words ('On Tuesday, ... are scheduled to walk out') were already read
    # with the strike's tense; the clause's verb ('scheduled') may read them otherwise.
    told_already = found and found[1] == event.date_text
    if found and _later_clause_day(context, first, found[1]):
        return None
    return found if found and found[0] and found[0] != event.day and not borrowed and not told_already else None


def _told_by_target(context, first: int):
    """'The Grand Erie board said Friday that its schools will be closed Wednesday', 'schools
    will be closed on Wednesday, the board said late Friday': a board that is the speaker of
    a reporting verb is struck on the day of what it reports, not on the day it spoke. The
    reported clause's verb, or None when the target speaks nothing."""
    tree = context.tree
    head = tree.name_head(first)
    head = tree.name_head(head.head) if head.dep == "det" else head  # 'The' opening the name
    verb = tree.tokens[head.head]
    if head.dep != "nsubj" or verb.lemma not in REPORTING_LEMMAS or verb.pos != "VERB":
        return None
    reported = tree.children(verb.i, ("ccomp",))
    if not reported and verb.dep in ("parataxis", "ccomp") and tree.tokens[verb.head].pos in ("VERB", "AUX"):
        return tree.tokens[verb.head]  # the told words come first, the teller after them
    while reported and (inner := tree.children(reported[0].i, ("ccomp",))):
        reported = inner  # 'said it was notified Monday that the union will strike': the innermost words
    return reported[0] if reported else None


def _later_clause_day(context, first: int, date_text: str) -> bool:
    """'On Thursday the strikes reach the Peel, York Region and Lakehead boards, and Kawartha
    Pine Ridge follows on Friday': a day told after the place, past a ', and' or ';' that
    opens a clause of its own, is that later clause's day, however the parse hung the list
    under its verb."""
    token = context.tree.tokens[first]
    line = context.resolved.parsed.sentences[token.sentence]
    after = context.article.text[token.end:line.start + len(line.text)]
    at = after.find(date_text)
    return at > 0 and bool(_CLAUSE_BREAK.search(after[:at]))


def _names_the_strike(context, target: str, tokens: list[int], anchor: int | None) -> bool:
    """'shut the schools on Jan. 8 for its province-wide strike and on Jan. 9 for a local
    one': a place that is a word of the strike's own noun phrase is where that strike is,
    on the strike's own day, not on the day nearest it in the sentence."""
    if anchor is None:
        return False
    tree = context.tree
    for i in (i for i in tokens if context.entity_of.get(i) == target):
        for ancestor in tree.ancestors(i):
            if ancestor.i == anchor:
                return True
            if ancestor.pos in ("VERB", "AUX", "ADP"):
                break
    return False


def _place_of_something_else(context, i: int, trigger: int) -> bool:
    """'during a media conference in Toronto': a place that belongs to another noun than the
    strike (or the schools, boards and classes it closes) is not where the strike is."""
    if context.type_of(context.entity_of.get(i, "")) != "Region" or context.entity_of.get(i) == "province-wide":
        return False
    clause = context.tree.clause_verb(trigger).i
    # 'on Feb. 12, when Toronto is back on its list': a clause on the strike's day is the strike's.
    days = {head for _, head in context.date_expressions(context.tree.tokens[i].sentence)}
    for ancestor in context.tree.ancestors(i):
        if ancestor.i in (trigger, clause):
            return False
        if _persons_own_clause(context, ancestor):
            return True
        if ancestor.pos in ("NOUN", "PROPN") and ancestor.lemma not in _PLACE_HOLDERS and ancestor.i not in context.entity_of and ancestor.i not in days:
            return True
    return False


def _persons_own_clause(context, word) -> bool:
    """'as he spoke to a business lunch in Toronto', 'Lecce, who represents a riding in
    Vaughan': a verb of its own whose doer is a person (named, or a pronoun or 'who' standing
    for one) places what the person does, not the strike."""
    if word.pos not in ("VERB", "AUX"):
        return False
    tree = context.tree
    doers = [s.i for s in tree.children(word.i, ("nsubj",))]
    if word.dep == "relcl":
        doers.append(word.head)
    return any(context.type_of(context.entity_of.get(d, "")) == "Person" for d in doers)


def _locates_doers(context, target: str, tokens: list[int]) -> bool:
    """'Teachers in London picketed, shutting every school in the London District Catholic
    School Board': beside a board (or the province) struck, a place that only says where
    the strikers are from is no target of its own."""
    tree = context.tree
    for i in (i for i in tokens if context.entity_of.get(i) == target and context.type_of(target) == "Region"):
        chain = tree.ancestors(i)[:3]
        if len(chain) > 1 and chain[0].lemma == "in" and chain[1].dep in ("nsubj", "nsubjpass"):
            return True
    return False


def _names_something_else(context, i: int) -> bool:
    """'a downtown Toronto hotel': a place name modifying another noun is no target."""
    token = context.tree.tokens[i]
    return context.type_of(context.entity_of.get(i, "")) == "Region" and token.dep in ("compound", "amod", "nmod", "poss")


def _picket_place(context, i: int) -> bool:
    """'teachers picket in Kingston', 'walked the picket lines in Sudbury': a town where
    pickets stand says where strikers were seen, not which board or region is struck (the
    board closed is named for that)."""
    tree = context.tree
    if context.type_of(context.entity_of.get(i, "")) != "Region" or context.entity_of.get(i) == "province-wide":
        return False
    chain = tree.ancestors(i)[:3]
    prep = next((a for a in chain if a.dep == "prep"), None)
    if prep is None:
        return False
    head = tree.tokens[prep.head]
    words = [head, *tree.children(head.i, ("dobj", "compound", "nsubj"))]
    return any(w.lemma in _PICKETING or any(c.lemma in _PICKETING for c in tree.children(w.i, ("compound",)))
               for w in words)


def _unknown_place(context, target: str) -> bool:
    """A town the knowledge base does not know ('a picket line in Waterdown') says where
    something happened, not which board or region a strike closes."""
    return context.type_of(target) == "Region" and target not in context.kb.entities


def _locates_another_target(context, i: int) -> bool:
    """'the Peel District School Board, west of Toronto': a place that only says where a
    board is, is not a target of its own."""
    if context.type_of(context.entity_of.get(i, "")) != "Region":
        return False
    for ancestor in context.tree.ancestors(i)[:4]:
        if context.type_of(context.entity_of.get(ancestor.i, "")) == "SchoolBoard":
            return True
        if ancestor.pos != "ADP" and ancestor.lemma not in _DIRECTIONS:
            return False
    return False


def _under_negation(tree, i: int) -> bool:
    """'none of the boards are in eastern Ontario', 'the TDSB is not on the list': a place
    under a negation. A verb's 'not' does not reach a subject it shares with a verb joined
    to it ('members in Peel will not strike but will hold pickets': Peel is where the
    pickets are)."""
    chain = [tree.tokens[i], *tree.ancestors(i)[:6]]
    for below, word in zip([None, *chain], chain):
        shared = below is not None and below.dep in ("nsubj", "nsubjpass") and any(
            not tree.children(c.i, ("neg",)) for c in tree.children(word.i, ("conj",)) if c.pos in ("VERB", "AUX"))
        deps = ("det", "nsubj") if shared else ("neg", "det", "nsubj")
        if any(t.lemma in ("none", "no", "neither") or t.dep == "neg" for t in [word, *tree.children(word.i, deps)]):
            return True
    return False


def plausible_pair(context, systems, union: str, target: str, rule: str = "") -> bool:
    """A union strikes only where its members work: a French-language union ('fr' in the
    knowledge base) not at an English-language board, and the other way round (only a pair
    where both sides carry a language is ruled out); and a union tied to one school system
    not at the other system's boards that ``rule`` only ties to the strike
    (``graph.strike_systems``; ``systems`` is ``Rules.school_systems``)."""
    union_entity, target_entity = context.entity(union), context.entity(target)
    languages = (getattr(union_entity, "language", ""), getattr(target_entity, "language", ""))
    if all(languages) and languages[0] != languages[1]:
        return False
    return fits_school_system(systems, union, target_entity, rule)
