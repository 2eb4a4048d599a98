"""Strike events, part of the facts stage: strike triggers -> ``strikes-at`` facts.

A strike is often told over several sentences: "OECTA and AEFO will hold a one-day strike
on Thursday." then "The strike would cancel classes in the Ottawa Catholic School Board,
...". So strike triggers are first gathered into events (union(s), day, action) and the
boards and regions of the trigger's sentence, or of a following sentence that talks about
closures, are attached as targets. One fact per union and target.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from .model import Fact
from .rules import Rules, Trigger

__all__ = ["strike_facts"]

TARGET_TYPES = frozenset({"SchoolBoard", "Region"})
#: A place too broad to be a target on its own ("schools in Ontario" is not a strike target).
_TOO_BROAD = frozenset({"ontario"})
_DIRECTIONS = frozenset({"west", "east", "north", "south", "northwest", "northeast", "southwest", "southeast", "near", "outside"})
#: How far (in sentences) a later mention or a closure still belongs to the strike just told.
_FOLLOW_ON_SENTENCES = 5
_CLOSURE_REACH = 2
_SAME_DAY = re.compile(r"\b(that|the) (same )?day\b")


@dataclass
class _Event:
    unions: list[str]
    day: date | None
    date_text: str
    action: str
    sentence: int
    targets: list[tuple[str, int, str]] = field(default_factory=list)
    mentions: list[int] = field(default_factory=list)


def strike_facts(context, triggers: list[Trigger], rules: Rules) -> list[Fact]:
    """Facts for every strike event with a union and at least one target."""
    events: list[_Event] = []
    for trigger in triggers:
        _add_trigger(context, trigger, rules, events)
    _add_closures(context, rules, events)
    facts = []
    for event in events:
        for union in event.unions:
            for target, sentence, rule in event.targets:
                facts.append(Fact("strikes-at", union, target, context.evidence(sentence), rule,
                                  event.day, event.date_text, action=event.action))
    return facts


def _add_trigger(context, trigger: Trigger, rules: Rules, events: list[_Event]) -> None:
    """A strike mention with its own union or day starts (or joins) an event; a bare mention
    ("the strike would close schools") continues the event told just before."""
    tree = context.tree
    token = tree.tokens[trigger.token]
    if _is_called_off(tree, token, rules):
        return
    sentence = token.sentence
    unions = _unions(context, trigger)
    day, date_text = _strike_date(context, trigger.token, events)
    previous = next((e for e in reversed(events) if sentence - e.sentence <= _FOLLOW_ON_SENTENCES), None)
    if not unions and not day:
        if previous:
            _mention(context, previous, sentence, trigger.rule.id)
        return
    unions = unions or (previous.unions if previous else [])
    if not unions:
        return
    event = _find_event(events, unions, day)
    if event is None:
        event = _Event(unions, day, date_text, _action(context, sentence, rules), sentence)
        events.append(event)
    _mention(context, event, sentence, trigger.rule.id)


def _mention(context, event: _Event, sentence: int, rule: str) -> None:
    event.sentence = sentence
    event.mentions.append(sentence)
    _add_targets(context, event, sentence, rule)


def _find_event(events: list[_Event], unions: list[str], day: date | None) -> _Event | None:
    """The event these unions' mention continues: same unions, and the same day when both
    have one. A mention naming only some of an event's unions starts an event of their own."""
    for event in reversed(events):
        if set(event.unions) == set(unions) and (day is None or event.day in (None, day)):
            if event.day is None:
                event.day = day
            return event
    return None


def _is_called_off(tree, token, rules: Rules) -> bool:
    """'cancel this strike', 'to avert a strike': the strike is not (yet) an event."""
    head = tree.tokens[token.head]
    if token.dep == "pobj" and head.head != head.i:
        head = tree.tokens[head.head]
    particles = " ".join([head.lemma] + [c.text.lower() for c in tree.children(head.i, ("prt",))])
    governed = token.dep in ("dobj", "pobj", "nsubjpass") and (head.lemma in rules.non_event_lemmas or particles in rules.non_event_lemmas)
    return governed or tree.is_negated(token.i)


def _unions(context, trigger: Trigger) -> list[str]:
    """Unions that strike: the trigger's subjects, unions named in its sentence, or the union
    of a union officer who announces it ("Bischof announced that ...")."""
    tree = context.tree
    sentence = tree.tokens[trigger.token].sentence
    candidates = [e for t in tree.subjects(trigger.token) if (e := context.token_entity(t))]
    candidates += context.entities_in((t.i for t in tree.sentence_tokens(sentence) if not tree.is_negated(t.i)), {"Union"})
    candidates += [context.title_orgs.get(s, "") for s in context.speakers.get(sentence, [])]
    candidates += [context.title_orgs.get(e, "") for e in candidates]
    return [c for c in dict.fromkeys(candidates) if c and context.type_of(c) == "Union"]


def _strike_date(context, token: int, events: list[_Event] = ()) -> tuple[date | None, str]:
    """The strike's own day; 'that day' / 'the same day' takes the day of the strike just told."""
    day, text = context.fact_date(token, "strikes-at")
    if text:
        return day, text
    sentence = context.resolved.parsed.sentences[context.tree.tokens[token].sentence].text.lower()
    if _SAME_DAY.search(sentence):
        dated = [e for e in events if e.day]
        if dated:
            return dated[-1].day, dated[-1].date_text
    return None, ""


def _action(context, sentence: int, rules: Rules) -> str:
    text = context.resolved.parsed.sentences[sentence].text.lower()
    return next((action for phrase, action in rules.actions if phrase in text), "strike")


def _add_targets(context, event: _Event, sentence: int, rule: str) -> None:
    tree = context.tree
    tokens = [t.i for t in tree.sentence_tokens(sentence) if not _under_negation(tree, t.i)]
    tokens = [i for i in tokens if not _locates_another_target(context, i)]
    for target in context.entities_in(tokens, TARGET_TYPES):
        if target in _TOO_BROAD or _unknown_place(context, target) or any(t == target for t, _, _ in event.targets):
            continue
        event.targets.append((target, sentence, rule))
    if "province-wide" in context.resolved.parsed.sentences[sentence].text.lower() and not any(t == "province-wide" for t, _, _ in event.targets):
        event.targets.append(("province-wide", sentence, rule))
        context.entities.setdefault("province-wide", context.kb.entities["province-wide"])


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
    return any(t.lemma in ("none", "no", "neither") or t.dep == "neg" for a in [tree.tokens[i], *tree.ancestors(i)[:4]] for t in [a, *tree.children(a.i, ("neg", "det", "nsubj"))] if t.lemma in ("none", "no", "neither") or t.dep == "neg")


def _add_closures(context, rules: Rules, events: list[_Event]) -> None:
    """'The strike would cancel classes in the Ottawa Catholic School Board': boards in a
    sentence about closures, just after a sentence about a strike, are that strike's targets."""
    sentences = context.resolved.parsed.sentences
    for event in events:
        for mentioned in sorted(set(event.mentions)):
            for sentence in range(mentioned + 1, min(mentioned + 1 + _CLOSURE_REACH, len(sentences))):
                lemmas = {t.lemma for t in context.tree.sentence_tokens(sentence)}
                if lemmas & rules.closure_lemmas:
                    _add_targets(context, event, sentence, "strikes/closure-follows-strike")
