"""Who speaks in each sentence of an article (part of the facts stage).

``ArticleContext`` asks this once per article: the subject of "said", the name a parser left
beside a subject-less "said", "according to X", a view owned by an actor ("in her view"), a
pasted tweet's byline, and the speaker of a quote that goes on with no attribution of its
own. Kept apart from the context so the context stays a set of small questions about the
article, while this is the one pass that reads attributions sentence by sentence.
"""

from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING

from .dates import find_date_expressions, resolve
from .model import Token

if TYPE_CHECKING:
    from .context import ArticleContext

__all__ = ["find_speakers"]

_TWEET_BYLINE = re.compile(r"[—–-]\s*([A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,3})\s*\(@\w+\)")


def find_speakers(context: ArticleContext) -> tuple[dict[int, list[str]], dict[int, tuple[date, str]]]:
    """Who speaks in each sentence: the subject of a reporting verb, a tweet's byline, or the
    previous speaker for a quote that continues with no attribution of its own; and the day a
    tweet's byline gives the sentences it signs."""
    tree = context.tree
    speakers: dict[int, list[str]] = {}
    previous: list[str] = []
    for sentence in context.resolved.parsed.sentences:
        found = []
        for verb in tree.reporting_verbs(sentence.index):
            found = _named_just_before(context, verb) or [e for s in tree.subjects(verb.i) if (e := context.token_entity(s))]
            if found:
                break
        found = found or _according_to(context, sentence.index)
        if not found and tree.has_quote(sentence.index):
            found = context.root_subjects(sentence.index) or previous
        speakers[sentence.index] = found
        previous = found if tree.has_quote(sentence.index) or found else []
    return speakers, _tweet_speakers(context, speakers)


def _named_just_before(context: ArticleContext, verb: Token) -> list[str]:
    """'... instead of dictating to them, Harvey Bischof, president of the OSSTF, said in
    a statement': when the parser leaves a reporting verb without a subject, the name
    just before it (climbing out of its apposition) is who said it."""
    tokens = context.tree.tokens
    j = verb.i - 1
    while j >= 0 and tokens[j].pos == "PUNCT" and tokens[j].sentence == verb.sentence:
        j -= 1
    if j < 0 or tokens[j].sentence != verb.sentence or j not in context.entity_of \
            or context.tree.children(verb.i, ("nsubj", "nsubjpass")):
        return []
    top = j
    while tokens[top].dep in ("pobj", "prep", "appos", "compound", "poss", "case") and tokens[top].head < verb.i and tokens[top].head != top:
        top = tokens[top].head
    found = context.token_entity(tokens[top]) or context.token_entity(tokens[j])
    return [found] if found else []


def _according_to(context: ArticleContext, sentence: int) -> list[str]:
    """'According to the union, ...': the union is the source of the sentence."""
    tree = context.tree
    for token in tree.sentence_tokens(sentence):
        if token.lemma == "accord" and not tree.in_quote(token.i):
            objects = [o for p in tree.children(token.i, ("prep",)) for o in tree.children(p.i, ("pobj",))]
            found = [e for o in objects if (e := context.token_entity(o))]
            if found:
                return found
    return context.viewpoint_holders(sentence)


def _tweet_speakers(context: ArticleContext, speakers: dict[int, list[str]]) -> dict[int, tuple[date, str]]:
    """A pasted tweet ends '— Name (@handle) Date': its sentences are that person's words
    (``speakers`` is updated), said on the byline's day (returned by sentence)."""
    sentences, days = context.resolved.parsed.sentences, {}
    for sentence in sentences:
        match = _TWEET_BYLINE.search(sentence.text)
        entity = context.kb.lookup(match.group(1)) if match else None
        if not entity:
            continue
        dated = [e for e in find_date_expressions(sentence.text[match.end():])]
        day = resolve(dated[0].text, context.article.date) if dated else None
        for earlier in sentences[max(0, sentence.index - 2):sentence.index + 1]:
            if earlier.index == sentence.index or not context.tree.reporting_verbs(earlier.index):
                speakers[earlier.index] = [entity.id]
                if day:
                    days[earlier.index] = (day, dated[0].text)
    return days
