"""Strike events, part of the facts stage: strike triggers -> ``strikes-at`` facts.

A strike is often told over several sentences: "OECTA and AEFO will hold a one-day strike
on Thursday." then "The strike would cancel classes in the Ottawa Catholic School Board,
...". So strike triggers are first gathered into events (union(s), day, action) and the
boards and regions of the trigger's sentence, or of a following sentence that talks about
closures, are attached as targets. One fact per union and target.
"""

from __future__ import annotations

from collections.abc import Sequence

from .model import Fact
from .rules import Rules, Trigger
from .strike_agents import StrikeAgents
from .strike_boards import places_as_boards
from .strike_calls import is_called_off, without_called_off
from .strike_clauses import action_of, better_action, one_phrase, strike_clause
from .strike_closed_days import add_closed_days
from .strike_closures import add_closures, add_follow_ons
from .strike_dates import joined_days, strike_date
from .strike_events import day_told_more_fully, find_event, restated_day, share_places
from .strike_extent import series_of_one, some_boards, stated_plainly
from .strike_gaps import apart_phrase, clause_day
from .strike_ongoing import ongoing_campaign
from .strike_places import doers_board
from .strike_scope import across_local_area, whole_province
from .strike_systems import names_no_board
from .strike_targets import TARGET_TYPES, StrikeEvent, add_targets, plausible_pair
from .strike_towns import without_towns_of_boards
from .strike_unions import parent_union

__all__ = ["strike_facts"]

#: How far (in sentences) a later mention still belongs to the strike just told.
_FOLLOW_ON_SENTENCES = 5


def strike_facts(context, triggers: list[Trigger], rules: Rules, known: Sequence[Fact] = ()) -> list[Fact]:
    """Facts for every strike event: one per union and target ('' when no board or region is
    named: 'a one-day strike in several boards on Friday'). ``known`` are the article's
    other facts, whose represents facts say which union a striking group belongs to."""
    events: list[StrikeEvent] = []
    told = tuple(context.tree.tokens[t.token].sentence for t in triggers)
    agents = StrikeAgents(context, rules, triggers, known)
    words = tuple((t.first_token, t.token) for t in triggers)
    for trigger in triggers:
        _add_trigger(context, trigger, rules, events, (told, words), agents)
    events = without_called_off(context, rules, events, triggers, agents)
    add_closures(context, rules, events, told)
    add_follow_ons(context, rules, events, told)
    add_closed_days(context, rules, events, told)
    places_as_boards(context, events)
    share_places(events, rules)
    facts = [fact for event in events for fact in _event_facts(context, event, rules)]
    return without_towns_of_boards(context, facts, triggers)


def _event_facts(context, event: StrikeEvent, rules: Rules) -> list[Fact]:
    """One fact per union and target of the event that can go together. A work-to-rule told
    plainly with no place named is the whole union's (province-wide); rotating strikes on no one day that
    the text places 'across the province' still hit no board it names."""
    event.targets = [t for t in event.targets if not names_no_board(
        rules.school_systems, context.entity(t[0]), t[0] in context.kb.entities)]
    across = event.across_province or _union_wide_campaign(event, rules) or _whole_union_day(event, rules)
    if event.scheduled is not None:  # the schedule under it gives the boards and their days
        event.targets = [t for t in event.targets if t[0] != "province-wide" or t[1] > event.scheduled]
        if not event.targets:
            return []
    if not event.targets and not event.stated and not across:
        return []
    first = event.mentions[0] if event.mentions else event.sentence
    targets = event.targets or [("province-wide", first, "strikes/doers-across-province", None) if across
                                else ("", first, "strikes/no-target-named", None)]
    if event.across_province and event.action not in rules.board_by_board_actions and all(t != "province-wide" for t, *_ in targets):
        # 'Students of the board stay home Monday if the province's support workers walk off'
        targets = [*targets, ("province-wide", first, "strikes/doers-across-province", None)]
    if event.action in rules.board_by_board_actions and event.day is None:
        targets = [("" if t == "province-wide" else t, *rest) for t, *rest in targets]
    facts = []
    for union in event.unions:
        for target, sentence, rule, own_day in targets:
            if plausible_pair(context, rules.school_systems, union, target, rule):
                day, date_text = own_day or (event.day, event.date_text)
                facts.append(Fact("strikes-at", union, target, context.evidence(sentence), rule,
                                  day, date_text, action=event.action))
    return facts


def _union_wide_campaign(event: StrikeEvent, rules: Rules) -> bool:
    """'Elementary teachers with ETFO will begin a work-to-rule campaign on Tuesday', 'ETFO,
    which began working to rule on Nov. 26': a work-to-rule or withdrawal of duties is taken
    up by the whole union at once, so one told with its starting day is the union's across
    the province even when its subject is a group of members or a relative pronoun rather
    than the union itself (an undated mention must still name the union plainly). Information
    pickets are the whole union's too ('Since Nov. 26, OSSTF members have held information
    pickets'), unless told of some boards only ('members at the other boards will picket')."""
    some_places = event.some_boards and event.action in rules.separate_actions
    told = event.stated or event.day is not None or event.ongoing
    return event.action in rules.union_wide_actions and told and not some_places


def _whole_union_day(event: StrikeEvent, rules: Rules) -> bool:
    """'On Feb. 21 they walked out together with the three other teachers' unions': a walkout
    or one-day strike told plainly of a union on a day, with no place and no 'at nine boards'
    narrowing it, is the whole union's day off the job, across the province."""
    return event.stated and event.day is not None and event.action in rules.day_strike_actions and not event.partial


def _add_trigger(context, trigger: Trigger, rules: Rules, events: list[StrikeEvent], told: tuple[tuple, tuple],
                 agents: StrikeAgents) -> None:
    """A strike mention with its own union or day starts (or joins) an event; a bare mention
    ("the strike would close schools") continues the event told just before. ``told`` holds
    the sentence and the word of every strike trigger of the article. The trigger's action
    is read once here and handed on: it was read four times per trigger before."""
    tree = context.tree
    token = tree.tokens[trigger.token]
    if is_called_off(tree, token, rules):
        return
    sentence = token.sentence
    unions = agents.unions(trigger)
    day, date_text = restated_day(context, trigger.token, events, told[1]) or strike_date(context, trigger, rules)
    action = action_of(context, trigger.token, rules)
    kind = _same_kind(events, action)
    if kind is not None and not agents.names_own_union(trigger):
        unions = []  # its kind names whose strike it is better than a union named elsewhere
    nearest = next((e for e in reversed(events) if sentence - e.sentence <= _FOLLOW_ON_SENTENCES
                    and not _other_campaign(e, token, action, rules)), None)
    previous = kind or nearest
    if unions and nearest is not None and _union_of_strike_just_told(context, agents, trigger, nearest):
        unions = list(nearest.unions)
    places = _picket_places(token, rules) if not unions else TARGET_TYPES
    if not unions and not day:
        if previous:
            _mention(context, rules, previous, sentence, (trigger, action), told, places)
        return
    unions = (unions or (kind.unions if kind else []) or agents.members_doers(trigger) or agents.named_next(sentence)
              or (previous.unions if previous else [])
              or agents.group_doers(trigger) or _doers_of_sentence(events, sentence) or agents.definite_doers(trigger))
    # 'Members of the Greater Essex local of ETFO ... Elementary teachers also struck at ...':
    # a local named after its union, carried over as the doers, strikes as that union.
    unions = list(dict.fromkeys(parent_union(context, u) for u in unions + agents.companions(trigger)))
    if not unions:
        return
    if day is None and not date_text:
        day, date_text = day_told_more_fully(events, unions, sentence)
    event = find_event(events, unions, day, date_text, action, rules, sentence)
    if event is None:
        event = StrikeEvent(unions, day, date_text, action, sentence)
        events.append(event)
    event.stated = event.stated or stated_plainly(context, trigger, unions, date_text, agents)
    event.ongoing = event.ongoing or ongoing_campaign(context, trigger, unions, agents, rules, action)
    event.some_boards = event.some_boards or some_boards(context, trigger) or across_local_area(context, trigger.token)
    event.partial = event.partial or event.some_boards or series_of_one(context, trigger, unions)
    # 'the province's elementary teachers will begin rotating strikes': a rotating strike's
    # province names who strikes, not where; it closes one board at a time.
    event.across_province = (event.across_province or whole_province(context, trigger.token)
                             or (action not in rules.board_by_board_actions and agents.province_wide_doers(trigger)))
    _mention(context, rules, event, sentence, (trigger, action), told, places)
    _add_closed_apart(context, rules, events, trigger, event)
    _add_joined_days(context, rules, events, (trigger, action), event, told, places)


def _add_joined_days(context, rules: Rules, events: list[StrikeEvent], named: tuple[Trigger, str], event: StrikeEvent,
                     told: tuple[tuple, tuple], places: frozenset[str]) -> None:
    """'walkouts across Ontario on Jan. 21 and Feb. 4': each day joined to the strike's own
    day is a strike of its own by the same unions, at the same places. ``named`` is the
    trigger with the action it names."""
    for day, date_text in joined_days(context, named[0], event.date_text) if event.date_text else []:
        other = next((e for e in events if e.day == day and set(e.unions) == set(event.unions)), None)
        if other is None:
            other = StrikeEvent(list(event.unions), day, date_text, event.action, event.sentence)
            events.append(other)
        other.stated = other.stated or event.stated
        other.across_province = other.across_province or event.across_province
        _mention(context, rules, other, event.sentence, named, told, places)
        # A place dated by the first day of the list is this day's place too.
        other.targets = [(t, s, r, None if own and own[0] == event.day else own) for t, s, r, own in other.targets]


def _union_of_strike_just_told(context, agents: StrikeAgents, trigger: Trigger, nearest: StrikeEvent) -> bool:
    """'The rotating strikes continue Thursday at ... Next Monday, the union will strike at
    ...': 'the union' right after a sentence that tells of a strike without naming any
    union is that strike's union, whichever union was named last before it."""
    sentence = context.tree.tokens[trigger.token].sentence
    if nearest.sentence != sentence - 1 or not agents.named_by_description(trigger):
        return False
    words = [t.i for t in context.tree.sentence_tokens(sentence - 1)]
    return not context.entities_in(words, {"Union"})


def _doers_of_sentence(events: list[StrikeEvent], sentence: int) -> list[str]:
    """'The teachers had been working to rule since Jan. 16 and held their first strike on
    Feb. 13': a dated strike whose doers are only a pronoun is by the unions of the other
    campaign its own sentence just told (a strike of its own, on its own day)."""
    return next((list(e.unions) for e in reversed(events) if e.sentence == sentence), [])


def _other_campaign(event: StrikeEvent, word, action: str, rules: Rules) -> bool:
    """'... work-to-rule, in place since Monday ... Closing if the strike goes ahead:': the
    plain word 'strike' or 'walkout' does not go on with a work-to-rule campaign told just
    before; it is the walkout the article is about. ``word`` is the strike word, ``action``
    the action it names."""
    return event.action in rules.union_wide_actions and word.lemma in ("strike", "walkout") and (
        action not in rules.union_wide_actions)


def _same_kind(events: list[StrikeEvent], action: str) -> StrikeEvent | None:
    """'The rotating strikes continue Thursday at ...': a mention with no union of its own
    that names a kind of strike ('rotating', 'work-to-rule') goes on with the last event of
    that kind, however far back, not with another kind told just before ('as OECTA held a
    province-wide walkout')."""
    if action in ("strike", ""):
        return None
    latest = events[-1] if events else None
    if latest is None or latest.action == action:
        return None
    return next((e for e in reversed(events) if e.action == action), None)


def _picket_places(token, rules: Rules) -> frozenset[str]:
    """'In Toronto, strikers plan to picket outside constituency offices': where pickets with
    no union of their own stand is no strike target, unless it is a board."""
    return frozenset({"SchoolBoard"}) if token.lemma in rules.picket_lemmas else TARGET_TYPES


def _mention(context, rules: Rules, event: StrikeEvent, sentence: int, named: tuple[Trigger, str],
             told: tuple[tuple, tuple], types: frozenset[str] = TARGET_TYPES) -> None:
    """A sentence tells of this event: note it, name the action better if it can, add targets
    of ``types`` (from the trigger's own clause when the sentence tells of several strikes).
    ``named`` is the trigger with the action it names.
    """
    trigger, action = named
    event.sentence = sentence
    event.mentions.append(sentence)
    event.action = better_action(event.action, action, rules)
    clause = None
    token = trigger.token
    sentences, words = told
    if sentences.count(sentence) > 1:
        others = [w for w, s in zip(words, sentences) if s == sentence and w[1] != token
                  and not one_phrase(context.tree, token, w[1])]
        clause = strike_clause(context, trigger, others) if others or _announced(context, trigger, rules) else None
    apart = apart_phrase(context.tree, token)
    if apart is not None:
        clause = set(context.tree.subtree(apart.i))
    add_targets(context, event, sentence, trigger.rule.id, clause, token, types)
    board = doers_board(context, token)
    if board and not any(t == board for t, *_ in event.targets):
        event.targets.append((board, sentence, "strikes/doers-board", None))


def _announced(context, trigger: Trigger, rules: Rules) -> bool:
    """'Announcing the job action on Wednesday, Stuart said ...': a strike word that is what
    is announced keeps to its own clause; the rest of the sentence tells what was said."""
    return context.tree.clause_verb(trigger.token).lemma in rules.announce_lemmas


def _add_closed_apart(context, rules: Rules, events: list[StrikeEvent], trigger: Trigger, event: StrikeEvent) -> None:
    """'Schools at the Upper Grand board were closed today, a day after walkouts at ...': the
    closing the clause tells, on its own day, is a strike of its own by the same unions."""
    tree = context.tree
    phrase = apart_phrase(tree, trigger.token)
    if phrase is None:
        return
    verb = tree.clause_verb(phrase.i)
    words = set(tree.subtree(verb.i)) - set(tree.subtree(phrase.i))
    if not any(w.lemma in rules.closure_lemmas for w in [verb, *tree.children(verb.i, ("acomp", "xcomp"))]):
        return
    day, date_text = clause_day(context, verb)
    closed = StrikeEvent(event.unions, day, date_text, event.action, verb.sentence, mentions=[verb.sentence], stated=True)
    add_targets(context, closed, verb.sentence, "strikes/closed-apart", words)
    events.append(closed)
