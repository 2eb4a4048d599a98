"""Strike events, part of the facts stage: strike triggers -> ``strikes-at`` facts.

A strike is often told over several sentences: "OECTA and AEFO will hold a one-day strike
on Thursday." then "The strike would cancel classes in the Ottawa Catholic School Board,
...". So strike triggers are first gathered into events (union(s), day, action) and the
boards and regions of the trigger's sentence, or of a following sentence that talks about
closures, are attached as targets. One fact per union and target.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from .model import Fact
from .rules import Rules, Trigger

__all__ = ["strike_facts"]

TARGET_TYPES = frozenset({"SchoolBoard", "Region"})
#: A place too broad to be a target on its own ("schools in Ontario" is not a strike target).
_TOO_BROAD = frozenset({"ontario"})
_FOLLOW_ON_SENTENCES = 3


@dataclass
class _Event:
    unions: list[str]
    day: date | None
    date_text: str
    action: str
    sentence: int
    targets: list[tuple[str, int, str]] = field(default_factory=list)


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
    tree = context.tree
    token = tree.tokens[trigger.token]
    if _is_called_off(tree, token, rules):
        return
    sentence = token.sentence
    unions = _unions(context, trigger)
    day, date_text = _strike_date(context, trigger.token)
    previous = next((e for e in reversed(events) if sentence - e.sentence <= _FOLLOW_ON_SENTENCES), None)
    if not unions and previous:
        unions = previous.unions
    if not unions:
        return
    event = _find_event(events, unions, day, previous)
    if event is None:
        event = _Event(unions, day, date_text, _action(context, sentence, rules), sentence)
        events.append(event)
    event.sentence = sentence
    _add_targets(context, event, sentence, trigger.rule.id, exclude=set())


def _find_event(events: list[_Event], unions: list[str], day: date | None, previous: _Event | None) -> _Event | None:
    for event in reversed(events):
        if set(event.unions) & set(unions) and (day is None or event.day in (None, day)):
            if event.day is None:
                event.day = day
            return event
    return None


def _is_called_off(tree, token, rules: Rules) -> bool:
    """'cancel this strike', 'to avert a strike': the strike is not (yet) an event."""
    head = tree.tokens[token.head]
    return token.dep in ("dobj", "pobj") and (head.lemma in rules.non_event_lemmas or head.lemma == "cancel") or tree.is_negated(token.i)


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


def _strike_date(context, token: int) -> tuple[date | None, str]:
    day, text = context.fact_date(token)
    return (day, text) if text else (None, "")


def _action(context, sentence: int, rules: Rules) -> str:
    text = context.resolved.parsed.sentences[sentence].text.lower()
    return next((action for phrase, action in rules.actions if phrase in text), "strike")


def _add_targets(context, event: _Event, sentence: int, rule: str, exclude: set[str]) -> None:
    tree = context.tree
    tokens = [t.i for t in tree.sentence_tokens(sentence) if not _under_negation(tree, t.i)]
    for target in context.entities_in(tokens, TARGET_TYPES):
        if target in _TOO_BROAD or target in exclude or any(t == target for t, _, _ in event.targets):
            continue
        event.targets.append((target, sentence, rule))
    if "province-wide" in context.resolved.parsed.sentences[sentence].text.lower() and not any(t == "province-wide" for t, _, _ in event.targets):
        event.targets.append(("province-wide", sentence, rule))
        context.entities.setdefault("province-wide", context.kb.entities["province-wide"])


def _under_negation(tree, i: int) -> bool:
    return any(t.lemma in ("none", "no", "neither") or t.dep == "neg" for a in [tree.tokens[i], *tree.ancestors(i)[:4]] for t in [a, *tree.children(a.i, ("neg", "det", "nsubj"))] if t.lemma in ("none", "no", "neither") or t.dep == "neg")


def _add_closures(context, rules: Rules, events: list[_Event]) -> None:
    """'The strike would cancel classes in the Ottawa Catholic School Board': boards in a
    sentence about closures, shortly after a strike sentence, are that strike's targets."""
    for event in list(events):
        start = event.sentence + 1
        for sentence in range(start, min(start + _FOLLOW_ON_SENTENCES, len(context.resolved.parsed.sentences))):
            lemmas = {t.lemma for t in context.tree.sentence_tokens(sentence)}
            if lemmas & rules.closure_lemmas:
                _add_targets(context, event, sentence, "strikes/closure-follows-strike", exclude=set())
