"""Strike days, part of the facts stage: a strike trigger -> the day it happens.

A strike's day is read from its own words first ('will walk out on Thursday'), then from a
sentence about it just before. Words around it can also say the day is another one than the
clause's: an announcement's day ('OECTA had announced the strikes on Tuesday'), a phrase set
apart in time ('talks resumed on March 11, after two months of strikes'), or a gap from the
clause's day ('schools were closed today, a day after walkouts at three boards').
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from .date_ties import names_event
from .date_words import START_VERBS
from .dates import DAYS_APART, find_date_expressions, find_same_day_phrase, resolve
from .rules import Rules, Trigger
from .strike_begun import begun_day
from .strike_gaps import clause_day, dated_apart, day_apart, sequence_prep

__all__ = ["joined_days", "strike_date"]

#: What joins one day to the next in a list of days ('on Jan. 21 and Feb. 4', 'Dec. 4, 11 and 18').
_DAY_JOIN = re.compile(r"\s*(?:,\s*and|,|and|&)\s*(?:on\s+)?$")

#: Words opening a clause that happens at the time of the clause it hangs from.
_AT_THE_TIME = frozenset({"as", "while", "when"})


def strike_date(context, trigger: Trigger, rules: Rules) -> tuple[date | None, str]:
    """The strike's own day (on any word of a phrase: 'working to rule since Sept. 30'; 'that
    day' is read by ``ArticleContext.fact_date``); else, for a strike told right after a
    sentence about it ("Schools will close on Feb. 21 ... The four unions will hold a joint
    strike"), the day of the sentence before."""
    token = trigger.token
    if _announced_earlier(context, trigger, rules):
        return None, ""
    prep = sequence_prep(context.tree, token)
    apart = day_apart(context, prep) if prep is not None else None
    found = (apart or _when_day(context, trigger) or _announced_start(context, trigger, rules) or begun_day(context, trigger)
             or _own_date(context, trigger)
             or _while_date(context, trigger) or _after_announcement(context, trigger, rules) or _main_clause_date(context, trigger))
    return found or ((None, "") if _told_again(context, trigger, rules) else _day_told_before(context, trigger, rules))


def _own_date(context, trigger: Trigger) -> tuple[date | None, str] | None:
    """The day on any word of the strike's phrase, unless it is a clause's day that an 'after'
    phrase sets the strike apart from, or a day read from another sentence (the day someone
    spoke there: 'On Friday, the director said ... The union says its job action is about
    services') that the strike's own sentence does not take up ('the same day')."""
    own_sentence = context.resolved.parsed.sentences[context.tree.tokens[trigger.token].sentence].text
    dated = [found for word in _phrase_words(context.tree, trigger) if (found := context.fact_date(word, "strikes-at"))[1]]
    if not dated:
        return None
    found = next((found for found in dated if found[1] in own_sentence), dated[0])
    if dated_apart(context, trigger, found[1]):
        return None, ""
    if not _borrowed(found[1], own_sentence) or found == context.dating.topic_day(context.tree.tokens[trigger.token].sentence):
        return found  # its own, or 'Thursday will be a crowded day.' just before
    opening = _opening_date(context, trigger)
    if opening[1] not in own_sentence and not find_same_day_phrase(own_sentence):
        return None  # a day another sentence told (someone spoke then), not the strike's
    return opening


def _told_again(context, trigger: Trigger, rules: Rules) -> bool:
    """'Walton said work-to-rule, in place since Sept. 30, had not worked, and accused boards
    of using the job action as an excuse': 'the' strike named again after a strike its own
    sentence dates is that strike, not one on a day read from another sentence."""
    tree = context.tree
    token = tree.tokens[trigger.token]
    own_sentence = context.resolved.parsed.sentences[token.sentence].text
    if find_same_day_phrase(own_sentence) or not context.date_expressions(token.sentence):
        return False
    again = any(c.lemma == "the" for c in tree.children(token.i, ("det",)))
    start = context.resolved.parsed.sentences[token.sentence].start
    before = context.article.text[start:tree.tokens[trigger.first_token].start].lower()
    return again and any(phrase in before for phrase, _ in rules.actions)


def _while_date(context, trigger: Trigger) -> tuple[date | None, str] | None:
    """'Horns blared this morning as teachers set up picket lines': a clause opened by 'as',
    'while' or 'when' happens at the time of the clause it hangs from."""
    tree = context.tree
    verb = tree.clause_verb(trigger.token)
    openers = [*tree.children(verb.i, ("mark", "advmod")), *_misparsed_opener(tree, verb)]
    if verb.dep != "advcl" or not any(c.lemma in _AT_THE_TIME for c in openers):
        return None
    found = context.fact_date(verb.head, "strikes-at")
    return found if found[1] else _other_clause_day(context, verb)


def _when_day(context, trigger: Trigger) -> tuple[date | None, str] | None:
    """'Schools were shut last Thursday, March 5, when OSSTF struck at the board', 'on
    Wednesday, when elementary teachers walk out': a 'when' clause hung on a day (the parse
    makes it a relative clause of the date's noun) happens on that day, whatever day the
    strike's own words or the sentence before would give."""
    tree = context.tree
    verb = tree.clause_verb(trigger.token)
    if verb.dep not in ("relcl", "advcl") or not any(c.lemma == "when" for c in tree.children(verb.i, ("advmod", "mark"))):
        return None
    start = context.resolved.parsed.sentences[verb.sentence].start
    head = tree.tokens[verb.head]
    for expression, _ in context.date_expressions(verb.sentence):
        if start + expression.start <= head.start < start + expression.end:
            day = resolve(expression.text, context.article.date, tree.tense(verb.i))
            return (day, expression.text) if day else None
    return None


def _misparsed_opener(tree, verb) -> list:
    """'... marched this morning, one of 25 picket sites as ETFO opened its strikes': an 'as'
    the parse hung as a preposition inside the clause, the last such word before its verb
    with no other verb between."""
    before = [tree.tokens[i] for i in tree.subtree(verb.i) if i < verb.i]
    openers = [w for w in before if w.lemma in _AT_THE_TIME and w.dep == "prep"]
    return [] if not openers or any(w.pos in ("VERB", "AUX") and w.i > openers[-1].i for w in before) else openers[-1:]


def _after_announcement(context, trigger: Trigger, rules: Rules) -> tuple[date | None, str] | None:
    """'The announcement came a day after Catholic teachers held another walkout': a strike
    told in an 'after' ('before') clause of a clause whose subject is an announcement and that
    names no day of its own is dated from that announcement, the news the story reports (made
    on the lead's day, else the story's), moved by the gap the clause names. Without this the
    strike took a day another sentence named, or none."""
    tree = context.tree
    clause = tree.clause_verb(trigger.token)
    marks = [m for m in tree.children(clause.i, ("mark", "prep")) if m.lemma in ("after", "before")]
    verb = tree.tokens[clause.head]
    if clause.dep != "advcl" or not marks or clause_day(context, verb)[1]:
        return None
    if not any(names_event(s.lemma, lemma) for s in tree.children(verb.i, ("nsubj",)) for lemma in rules.announce_lemmas):
        return None
    for noun in tree.children(verb.i, ("npadvmod",)):
        words = sorted([*tree.children(noun.i, ("det", "nummod")), noun], key=lambda t: t.i)
        gap = DAYS_APART.get(" ".join(t.text.lower() for t in words), 0)
        day = context.dating.announcement_day() if gap else None
        if day and day[0]:
            shift = gap if marks[0].lemma == "before" else -gap
            return day[0] + timedelta(days=shift), context.article.text[words[0].start:marks[0].end]
    return None


def _main_clause_date(context, trigger: Trigger) -> tuple[date | None, str] | None:
    """'Yesterday, rotating strikes closed schools at ...', 'ETFO's rotation moves Tuesday to
    ...', 'teachers marched this morning as ETFO opened its rotating strikes': a strike word
    in the main clause (its subject, or a clause hung on it at the same time) with no day of
    its own takes the day on the sentence's main word, however the parse cut the sentence
    (a participle read as a subject clause, a verb read as a noun). A clause set apart in
    time ('after', 'if', 'until') or reported ('said ... that') is no part of it."""
    tree = context.tree
    root = next((a for a in [tree.tokens[trigger.token], *tree.ancestors(trigger.token)] if a.dep == "ROOT"), None)
    verb = tree.clause_verb(trigger.token)
    verb = verb if verb.pos in ("VERB", "AUX") else root  # no verb above it: the parse made a noun of the verb
    if root is None or not (verb.i == root.i or _same_time_clause(tree, verb, root)):
        return None
    for expression, head in context.date_expressions(root.sentence):
        if tree.tokens[head].head == root.i or head == root.i:
            day = resolve(expression.text, context.article.date, tree.tense(root.i))
            if day:
                return day, expression.text
    return None


def _same_time_clause(tree, verb, root) -> bool:
    """Is ``verb`` a subject clause of ``root`` or a clause hung on it with no word setting
    it apart in time ('as', 'while', 'when' keep it at the same time; the parse may miss them)?"""
    if verb.head != root.i or verb.dep not in ("csubj", "advcl"):
        return False
    marks = {c.lemma for c in tree.children(verb.i, ("mark", "advmod")) if c.i < verb.i}
    return verb.dep == "csubj" or not marks - _AT_THE_TIME


def _other_clause_day(context, verb) -> tuple[date | None, str] | None:
    """'In a statement issued Tuesday, as OECTA held a province-wide walkout, he said ...':
    when the clause hung from names no day on its verb, the one day the rest of the
    sentence names is the time of the 'as' clause too."""
    own = set(context.tree.subtree(verb.i))
    outside = [e for e, head in context.date_expressions(verb.sentence) if head not in own]
    if len(outside) != 1:
        return None
    day = resolve(outside[0].text, context.article.date, context.tree.tense(verb.i))
    return (day, outside[0].text) if day else None


def _day_told_before(context, trigger: Trigger, rules: Rules) -> tuple[date | None, str]:
    """The day of the sentence before, when it speaks of a strike or of closing schools."""
    token = trigger.token
    index = context.tree.tokens[token].sentence
    if index > 0 and _about_strikes(context, index - 1, rules):
        for expression, head in context.date_expressions(index - 1):
            if context.tree.governing_verb(head).lemma in rules.strike_words | rules.closure_lemmas:
                # 'OSSTF shut schools on Wednesday. ... their work-to-rule continues': the day
                # is read in the tense of the sentence that names it, not the strike's.
                day = resolve(expression.text, context.article.date, context.tree.tense(head))
                return (day, expression.text) if day else (None, "")
    return None, ""


def _borrowed(date_text: str, sentence: str) -> bool:
    """Is the day read from outside the sentence, or from 'on the same day'?"""
    return date_text not in sentence or bool(find_same_day_phrase(date_text))


def _opening_date(context, trigger: Trigger) -> tuple[date | None, str]:
    """'On Friday, nearly 200,000 teachers from ... struck across the province on the same
    day': a date that opens the sentence dates all of it, ahead of 'the same day' (which
    then means the strikers' day together, not the day told before) and whatever the parse
    of a long name made of the sentence."""
    sentence = context.tree.tokens[trigger.token].sentence
    text = context.resolved.parsed.sentences[sentence].text
    for expression, _ in context.date_expressions(sentence):
        if not text[:expression.start].strip(" \n\"'“‘(-—–").lower() in ("", "on", "by", "as of", "since", "starting"):
            continue
        day = resolve(expression.text, context.article.date, context.tree.tense(trigger.token))
        if day:
            return day, expression.text
    return context.fact_date(trigger.token, "strikes-at")


def _announced_earlier(context, trigger: Trigger, rules: Rules) -> bool:
    """'OECTA had announced the rotating one-day strikes on Tuesday': with a past 'announce'
    (or a participle: 'Announcing the action on Wednesday, Stuart said ...'),
    a day on the strike noun or its verb is the day of the announcement, so the strike itself
    is undated, unless a phrase of its own gives its day ('announced a strike for Feb. 4')."""
    tree = context.tree
    token = tree.tokens[trigger.token]
    head = tree.tokens[token.head]
    told_then = tree.tense(head.i) == "past" or head.tag == "VBG"  # 'Announcing the action on Wednesday, ...'
    if token.dep not in ("dobj", "nsubjpass") or head.lemma not in rules.announce_lemmas or not told_then:
        return False
    days = [c for c in tree.children(token.i, ("prep",)) if c.text.lower() in ("for", "starting", "beginning")]
    return not days


def _announced_start(context, trigger: Trigger, rules: Rules) -> tuple[date | None, str] | None:
    """'ETFO will announce on Monday the details of its next phase of strike action, set to
    begin March 23': a strike named under a verb of announcing takes the day a 'begin' or
    'start' clause of the sentence gives, not the announcement's (the parse may hang that
    clause anywhere: on the announcing verb, on the verb of saying above it)."""
    tree = context.tree
    if not any(a.lemma in rules.announce_lemmas and a.pos == "VERB" for a in tree.ancestors(trigger.token)):
        return None
    for expression, head in context.date_expressions(tree.tokens[trigger.token].sentence):
        verb = tree.governing_verb(head)
        starts = [v for v in (verb, *tree.ancestors(verb.i)) if v.lemma in START_VERBS]
        if starts and trigger.token not in tree.subtree(starts[0].i):
            day = resolve(expression.text, context.article.date, "future")
            if day:
                return day, expression.text
    return None


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


def joined_days(context, trigger: Trigger, date_text: str) -> list[tuple[date, str]]:
    """'staged one-day walkouts across Ontario on Jan. 21 and Feb. 4': the days joined to the
    strike's own day by 'and' or a comma are days of strikes of their own, by the same doers,
    read in the same tense."""
    tree = context.tree
    token = tree.tokens[trigger.token]
    sentence = context.resolved.parsed.sentences[token.sentence]
    expressions = find_date_expressions(sentence.text)
    at = next((n for n, e in enumerate(expressions) if e.text == date_text), None)
    if at is None:
        return []
    tense = tree.tense(tree.clause_verb(trigger.token).i)
    found = []
    for before, expression in zip(expressions[at:], expressions[at + 1:]):
        if not _DAY_JOIN.match(sentence.text[before.end:expression.start]):
            break
        day = resolve(expression.text, context.article.date, tense)
        if day is None:
            break
        found.append((day, expression.text))
    return found
