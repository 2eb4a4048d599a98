"""Strike events told together, part of the facts stage: which event a mention continues.

``graph.strikes`` reads strike mentions one by one; a mention with the same unions (and the
same day, or a day inside the week an event was told for) continues an event told before,
unless it names another kind of campaign ('refused administrative work ... and held four
walkouts'). An action told apart from its strike ('information pickets along with a
withdrawal of services across the province') shares that strike's places.
"""

from __future__ import annotations

import re
from datetime import date

from .rules import Rules
from .strike_targets import StrikeEvent

__all__ = ["day_told_more_fully", "find_event", "restated_day", "share_places"]

#: How far (in sentences) a mention's day may still give a day to an event told without one.
_DAY_REACH = 5
#: How far (in sentences) a strike told again with all its unions still has that strike's day.
_RETOLD_REACH = 4
#: A date that names a week, not a day: a later day in that week refines it.
_WEEK = re.compile(r"\b(this|next|the following|later this|early next) week\b", re.IGNORECASE)


def restated_day(context, trigger_token: int, events: list[StrikeEvent], words: tuple) -> tuple | None:
    """'OSSTF said on Friday its members will strike on Wednesday, the fifth such walkout',
    'ETFO announced last week a strike on Dec. 4, its first walkout in 20 years': a strike
    noun set beside another strike word of its sentence (in apposition to it, or hung on a
    verb above it: parsers attach such a noun to the verb of saying as often as to the
    strike's own verb) names that same strike again, so it has that strike's day, not the day a
    verb of saying above both was told on. The parser may also take a noun set off by a comma
    at the clause's end for the verb of saying's object ('OSSTF said Tuesday teachers will walk
    out on Friday, their second strike since the holidays'): it is the same restatement.
    ``words`` holds every strike trigger's (first word, word). None when the noun restates
    no strike told before it in the sentence."""
    tree = context.tree
    token = tree.tokens[trigger_token]
    if token.pos != "NOUN" or not (token.dep in ("appos", "npadvmod", "dep") or _set_off_object(tree, token)):
        return None
    earlier = [w for _, w in words if w < token.i and tree.tokens[w].sentence == token.sentence
               and (w == token.head or token.head in {a.i for a in tree.ancestors(w)})]
    if not earlier:
        return None
    told = next((e for e in reversed(events) if token.sentence in e.mentions and e.date_text), None)
    return (told.day, told.date_text) if told is not None else None


def _set_off_object(tree, token) -> bool:
    """'..., their second strike since the holidays': an object or attribute noun whose phrase
    opens right after a comma, so it trails the clause rather than completing its verb."""
    first = min(tree.subtree(token.i))
    return token.dep in ("dobj", "attr") and first > 0 and tree.tokens[first - 1].text == ","


def find_event(events: list[StrikeEvent], unions: list[str], day: date | None, date_text: str, action: str,
                rules: Rules, sentence: int | None = None) -> StrikeEvent | None:
    """The event these unions' mention continues: same unions, and the same day when both
    have one (a day within the week an event was told for refines it: 'next week' ... 'on
    Tuesday'). A mention naming only some of an event's unions starts an event of their own,
    and so does an action told apart from a strike ('information pickets')."""
    for event in reversed(events):
        if (action in rules.separate_actions) != (event.action in rules.separate_actions):
            continue
        if _other_kind(action, event.action, rules) or _dated_far_after(event, day, sentence):
            continue
        refines = day is not None and _within_told_week(event, day)
        same = set(event.unions) == set(unions) and (day is None or event.day in (None, day) or refines)
        part = set(unions) < set(event.unions) and (day is None or refines)
        if same or part:
            if event.day is None or refines:
                event.day, event.date_text = day, date_text or event.date_text
            return event
    return None


def day_told_more_fully(events: list[StrikeEvent], unions: list[str], sentence: int) -> tuple[date | None, str]:
    """'Schools close Friday when teachers of four unions walk out. Members of ETFO, OSSTF,
    OECTA and AEFO are to walk out at 72 boards': an undated strike naming all the unions of
    the dated strike told just before, and more, is that strike told again in full: it has
    that strike's day ((None, '') when it is not)."""
    latest = events[-1] if events else None
    if latest is None or latest.day is None or sentence - latest.sentence > _RETOLD_REACH:
        return None, ""
    if not set(latest.unions) < set(unions):
        return None, ""
    return latest.day, latest.date_text


def _dated_far_after(event: StrikeEvent, day: date | None, sentence: int | None) -> bool:
    """'... announced rotating strikes next week' and, far below, 'already staged walkouts on
    Jan. 21': a dated mention well past the sentences of an event with no day of its own
    tells another strike, it does not give that event its day."""
    return event.day is None and day is not None and sentence is not None and sentence - event.sentence > _DAY_REACH


def _other_kind(action: str, other: str, rules: Rules) -> bool:
    """'refused administrative work from Jan. 13 and held four one-day walkouts': a
    work-to-rule and a walkout of the same union are two campaigns, not one told twice
    (a plain 'strike' or 'job action' may be either)."""
    kinds = {action, other}
    return not kinds & {"job action", "strike", ""} and len({a in rules.union_wide_actions for a in kinds}) == 2


def _within_told_week(event: StrikeEvent, day: date) -> bool:
    """Is ``day`` in the week the event was dated by ('will start ... next week')?"""
    return bool(_WEEK.search(event.date_text)) and event.day is not None and 0 < (day - event.day).days < 7


def share_places(events: list[StrikeEvent], rules: Rules) -> None:
    """'OSSTF members began a limited withdrawal of services across the province, along with
    information pickets': an action told apart (``separate_actions``) that names no place of
    its own is held where the strike its sentence tells with it, by the same unions on the
    same day, is."""
    for event in events:
        if event.targets or event.action not in rules.separate_actions:
            continue
        partner = next((e for e in events if e is not event and e.targets and e.unions == event.unions
                        and e.day == event.day and event.sentence in e.mentions), None)
        if partner is not None:
            event.targets = [(t, s, "strikes/along-with", d) for t, s, _, d in partner.targets if s == event.sentence]
