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

from .dates import find_same_day_phrase, resolve
from .model import Fact
from .rules import Rules, Trigger

__all__ = ["strike_facts"]

TARGET_TYPES = frozenset({"SchoolBoard", "Region"})
#: A place too broad to be a target on its own ("schools in Ontario" is not a strike target).
_TOO_BROAD = frozenset({"ontario"})
#: Nouns a strike's place may hang from: "schools in Ottawa", "boards across eastern Ontario".
_PLACE_HOLDERS = frozenset({"school", "board", "class", "classroom", "area", "region", "city", "part", "community",
                            "strike", "walkout", "action", "picket", "member", "teacher", "worker", "educator"})
_DIRECTIONS = frozenset({"west", "east", "north", "south", "northwest", "northeast", "southwest", "southeast", "near", "outside"})
#: How far (in sentences) a later mention or a closure still belongs to the strike just told.
_FOLLOW_ON_SENTENCES = 5
_CLOSURE_REACH = 2
#: How many characters either side of a strike word may name its kind ("one-day, province-wide strike").
_ACTION_WINDOW = 25


@dataclass
class _Event:
    unions: list[str]
    day: date | None
    date_text: str
    action: str
    sentence: int
    #: (target, sentence, rule, own day): a target's own day when its clause names one.
    targets: list[tuple[str, int, str, tuple | None]] = field(default_factory=list)
    mentions: list[int] = field(default_factory=list)
    stated: bool = False


def strike_facts(context, triggers: list[Trigger], rules: Rules) -> list[Fact]:
    """Facts for every strike event: one per union and target ('' when no board or region is
    named: 'a one-day strike in several boards on Friday')."""
    events: list[_Event] = []
    told = tuple(context.tree.tokens[t.token].sentence for t in triggers)
    for trigger in triggers:
        _add_trigger(context, trigger, rules, events, told)
    _add_closures(context, rules, events, told)
    _add_follow_ons(context, rules, events, told)
    facts = []
    for event in events:
        if not event.targets and not event.stated:
            continue
        targets = event.targets or [("", event.mentions[0] if event.mentions else event.sentence, "strikes/no-target-named", None)]
        for union in event.unions:
            for target, sentence, rule, own_day in targets:
                day, date_text = own_day or (event.day, event.date_text)
                facts.append(Fact("strikes-at", union, target, context.evidence(sentence), rule,
                                  day, date_text, action=event.action))
    return facts


def _add_trigger(context, trigger: Trigger, rules: Rules, events: list[_Event], told: tuple[int, ...]) -> None:
    """A strike mention with its own union or day starts (or joins) an event; a bare mention
    ("the strike would close schools") continues the event told just before."""
    tree = context.tree
    token = tree.tokens[trigger.token]
    if _is_called_off(tree, token, rules):
        return
    sentence = token.sentence
    unions = _unions(context, trigger)
    day, date_text = _strike_date(context, trigger, rules)
    previous = next((e for e in reversed(events) if sentence - e.sentence <= _FOLLOW_ON_SENTENCES), None)
    if not unions and not day:
        if previous:
            _mention(context, rules, previous, sentence, trigger, told)
        return
    unions = unions or _unions_named_next(context, sentence) or (previous.unions if previous else [])
    if not unions:
        return
    event = _find_event(events, unions, day)
    if event is None:
        event = _Event(unions, day, date_text, _action(context, trigger.token, rules), sentence)
        events.append(event)
    event.stated = event.stated or _stated_plainly(context, trigger, unions, date_text)
    _mention(context, rules, event, sentence, trigger, told)


def _mention(context, rules: Rules, event: _Event, sentence: int, trigger: Trigger, told: tuple[int, ...]) -> None:
    """A sentence tells of this event: note it, name the action better if it can, add targets
    (from the trigger's own clause when the sentence tells of several strikes)."""
    event.sentence = sentence
    event.mentions.append(sentence)
    event.action = _better_action(event.action, _action(context, trigger.token, rules), rules)
    clause = None
    token = trigger.token
    if told.count(sentence) > 1:
        clause = _own_clause(context.tree, context.tree.clause_verb(token).i)
    _add_targets(context, event, sentence, trigger.rule.id, clause, token)


def _own_clause(tree, verb: int) -> set[int]:
    """The words of a verb's own clause, without the clauses joined to it ('..., and ETFO
    members at Peel walk out on Thursday')."""
    words = set(tree.subtree(verb))
    for child in tree.children(verb, ("conj", "ccomp", "advcl", "relcl", "parataxis")):
        if child.pos in ("VERB", "AUX"):
            words -= set(tree.subtree(child.i))
    return words


def _stated_plainly(context, trigger: Trigger, unions: list[str], date_text: str) -> bool:
    """'OSSTF is planning to hold a one-day strike in several boards on Friday': the union is
    the subject and the day the strike's own, so the strike stands even with no board named."""
    subjects = {context.token_entity(t) for t in context.tree.subjects(trigger.token)}
    return bool(date_text) and bool(subjects & set(unions)) and not find_same_day_phrase(date_text)


def _find_event(events: list[_Event], unions: list[str], day: date | None) -> _Event | None:
    """The event these unions' mention continues: same unions, and the same day when both
    have one. A mention naming only some of an event's unions starts an event of their own."""
    for event in reversed(events):
        same = set(event.unions) == set(unions) and (day is None or event.day in (None, day))
        part = set(unions) < set(event.unions) and day is None
        if same or part:
            if event.day is None:
                event.day = day
            return event
    return None


def _is_called_off(tree, token, rules: Rules) -> bool:
    """'cancel this strike', 'to avert a strike', 'halt its series of rotating strikes': the
    strike is not (or no longer) an event."""
    below = token
    for head in tree.ancestors(token.i)[:4]:
        particles = " ".join([head.lemma] + [c.text.lower() for c in tree.children(head.i, ("prt",))])
        undone = head.lemma in rules.non_event_lemmas or particles in rules.non_event_lemmas or head.text.lower() in rules.non_event_lemmas
        if undone and below.dep not in ("nsubj", "csubj"):
            return True
        if head.pos in ("VERB", "AUX"):
            break
        below = head
    return tree.is_negated(token.i)


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


def _unions_named_next(context, sentence: int) -> list[str]:
    """'Teachers in French-language schools started a work-to-rule campaign this morning.
    Members of AEFO have stopped ...': a strike whose doers are named only in the next
    sentence of the paragraph belongs to the union that sentence is about."""
    if sentence + 1 >= len(context.paragraphs) or context.paragraphs[sentence + 1] != context.paragraphs[sentence]:
        return []
    roots = [t for t in context.tree.sentence_tokens(sentence + 1) if t.dep == "ROOT"]
    subjects = [e for r in roots for s in context.tree.subjects(r.i) if (e := context.token_entity(s))]
    return [e for e in dict.fromkeys(subjects) if context.type_of(e) == "Union"]


def _strike_date(context, trigger: Trigger, rules: Rules) -> tuple[date | None, str]:
    """The strike's own day (on any word of a phrase: 'working to rule since Sept. 30'; 'that
    day' is read by ``ArticleContext.fact_date``); else, for a strike told right after a
    sentence about it ("Schools will close on Feb. 21 ... The four unions will hold a joint
    strike"), the day of the sentence before."""
    token = trigger.token
    own_sentence = context.resolved.parsed.sentences[context.tree.tokens[token].sentence].text
    dated = [found for word in _phrase_words(context.tree, trigger) if (found := context.fact_date(word, "strikes-at"))[1]]
    if dated:
        return next((found for found in dated if found[1] in own_sentence), dated[0])
    index = context.tree.tokens[token].sentence
    if index > 0 and _about_strikes(context, index - 1, rules):
        for expression, head in context.date_expressions(index - 1):
            if context.tree.governing_verb(head).lemma in rules.strike_words | rules.closure_lemmas:
                day = resolve(expression.text, context.article.date, context.tree.tense(token))
                return (day, expression.text) if day else (None, "")
    return None, ""


def _phrase_words(tree, trigger: Trigger) -> list[int]:
    """The trigger's word first, then the rest of its phrase and the words right after it
    that hang from it ('working' -> 'to rule')."""
    words = [trigger.token, *range(trigger.first_token, trigger.token)]
    after = range(trigger.token + 1, min(trigger.token + 4, len(tree.tokens)))
    words += [i for i in after if trigger.token in {a.i for a in tree.ancestors(i)[:2]}]
    return list(dict.fromkeys(words))


def _about_strikes(context, sentence: int, rules: Rules) -> bool:
    """Does a sentence speak of a strike or of schools closing (so its day can carry over)?"""
    lemmas = {t.lemma for t in context.tree.sentence_tokens(sentence)}
    return bool(lemmas & (rules.strike_words | rules.closure_lemmas))


def _better_action(current: str, candidate: str, rules: Rules) -> str:
    """Keep the most specific name a strike gets in any of its sentences."""
    order = [action for _, action in rules.actions]
    rank = {action: order.index(action) for action in order}
    return min((current, candidate), key=lambda a: rank.get(a, len(order)))


def _action(context, token: int, rules: Rules) -> str:
    """The action a strike word names, read from the words around it first ('its
    work-to-rule campaign', not the 'rotating strikes' called off earlier in the sentence),
    else from its sentence."""
    word = context.tree.tokens[token]
    sentence = context.resolved.parsed.sentences[word.sentence]
    text = sentence.text.lower()
    at = word.start - sentence.start
    for window in (text[max(0, at - _ACTION_WINDOW):at + len(word.text) + _ACTION_WINDOW], text):
        found = next((action for phrase, action in rules.actions if phrase in window), "")
        if found:
            return found
    return "strike"


def _add_targets(context, event: _Event, sentence: int, rule: str, clause: set[int] | None = None,
                 anchor: int | None = None) -> None:
    """Boards and regions of the sentence (of the trigger's clause when the sentence tells
    of several strikes), leaving out negated ones and places that only locate a board."""
    tree = context.tree
    tokens = [t.i for t in tree.sentence_tokens(sentence) if not _under_negation(tree, t.i) and (clause is None or t.i in clause)]
    tokens = [i for i in tokens if not _locates_another_target(context, i) and not _names_something_else(context, i)
              and not (anchor is not None and _place_of_something_else(context, i, anchor))]
    text = context.resolved.parsed.sentences[sentence].text
    dated_apart = len(context.date_expressions(sentence)) + bool(find_same_day_phrase(text)) > 1 or sentence not in event.mentions
    for target in context.entities_in(tokens, TARGET_TYPES):
        own_day = _own_day(context, target, tokens, event) if dated_apart else None
        if target in _TOO_BROAD or _unknown_place(context, target) or any(t == target and d == own_day for t, _, _, d in event.targets):
            continue
        event.targets.append((target, sentence, rule, own_day))


def _own_day(context, target: str, tokens: list[int], event: _Event) -> tuple | None:
    """'Bluewater is first on the list, on Monday, Feb. 3. The Durham board follows the next
    day, and the Toronto board will be struck on Feb. 7': in a sentence with several days, or
    in a list after the strike was told, each target takes the day of its own clause."""
    first = next(i for i in tokens if context.entity_of.get(i) == target)
    found = context.clause_date(first)
    return found if found and found[0] and found[0] != event.day else None


def _place_of_something_else(context, i: int, trigger: int) -> bool:
    """'during a media conference in Toronto': a place that belongs to another noun than the
    strike (or the schools, boards and classes it closes) is not where the strike is."""
    if context.type_of(context.entity_of.get(i, "")) != "Region" or context.entity_of.get(i) == "province-wide":
        return False
    clause = context.tree.clause_verb(trigger).i
    for ancestor in context.tree.ancestors(i):
        if ancestor.i in (trigger, clause):
            return False
        if ancestor.pos in ("NOUN", "PROPN") and ancestor.lemma not in _PLACE_HOLDERS and ancestor.i not in context.entity_of:
            return True
    return False


def _names_something_else(context, i: int) -> bool:
    """'a downtown Toronto hotel': a place name modifying another noun is no target."""
    token = context.tree.tokens[i]
    return context.type_of(context.entity_of.get(i, "")) == "Region" and token.dep in ("compound", "amod", "nmod", "poss")


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


def _add_follow_ons(context, rules: Rules, events: list[_Event], told: tuple[int, ...]) -> None:
    """'ETFO will strike at the TDSB on Monday. The Grand Erie and Renfrew County district
    school boards will follow on Tuesday': boards that 'follow' a strike just told are struck
    by the same unions, on their own day."""
    tree = context.tree
    for event in list(events):
        for sentence in sorted({m + 1 for m in event.mentions}):
            if sentence in told or sentence >= len(context.resolved.parsed.sentences):
                continue
            for verb in (t for t in tree.sentence_tokens(sentence) if t.lemma in rules.follow_lemmas and t.pos == "VERB"):
                subjects = [i for s in tree.subjects(verb.i) for i in tree.subtree(s.i)]
                day, date_text = context.fact_date(verb.i, "strikes-at")
                if not date_text or not context.entities_in(subjects, {"SchoolBoard"}):
                    continue
                follow_on = _Event(event.unions, day, date_text, event.action, sentence, stated=True)
                _add_targets(context, follow_on, sentence, "strikes/boards-follow", set(subjects))
                events.append(follow_on)


def _add_closures(context, rules: Rules, events: list[_Event], told: tuple[int, ...]) -> None:
    """'The strike would cancel classes in the Ottawa Catholic School Board': boards in a
    sentence about closures, just after a sentence about a strike, are that strike's targets."""
    sentences = context.resolved.parsed.sentences
    for event in events:
        for mentioned in sorted(set(event.mentions)):
            for sentence in range(mentioned + 1, min(mentioned + 1 + _CLOSURE_REACH, len(sentences))):
                lemmas = {t.lemma for t in context.tree.sentence_tokens(sentence)}
                if lemmas & rules.closure_lemmas and sentence not in told:
                    _add_targets(context, event, sentence, "strikes/closure-follows-strike")
