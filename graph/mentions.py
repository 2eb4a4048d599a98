"""Mentions stage: ``Article`` + spaCy pipeline -> ``ParsedArticle`` (sentences, tokens, mentions).

This is the only stage that touches spaCy: it copies what later stages need out of each
``Doc`` into frozen dataclasses (tokens with lemma, part of speech and dependency head;
sentences; named spans with their knowledge-base id), so entity resolution and relation
rules are plain Python that tests can feed by hand.

Long articles are parsed in parts split at paragraph breaks, never refused.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from itertools import pairwise

from spacy.attrs import DEP, HEAD, IDX, LEMMA, ORTH, POS, SENT_START, TAG
from spacy.errors import Errors
from spacy.language import Language
from spacy.parts_of_speech import NAMES as POS_NAMES
from spacy.tokens import Doc

from .model import Article, Mention, ParsedArticle, Sentence, Token
from .nlp import MAX_CHUNK_CHARS

__all__ = ["MENTION_LABELS", "parse_article", "parse_articles"]

#: spaCy NER labels kept for names the knowledge base does not know.
MENTION_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "SchoolBoard", "Union", "Organisation"})

_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
_STRING_ATTRS = [ORTH, LEMMA, TAG, DEP]  # hashes in the vocabulary's string store
_INT_ATTRS = [POS, HEAD, IDX, SENT_START]  # HEAD: an offset, negative to the left; SENT_START: 1, 0 or -1


def parse_article(article: Article, nlp: Language) -> ParsedArticle:
    """Parse one article (see ``parse_articles`` for many)."""
    return next(parse_articles([article], nlp))


def parse_articles(articles: Iterable[Article], nlp: Language, batch_size: int = 16) -> Iterator[ParsedArticle]:
    """Parse articles in batches, yielding one ``ParsedArticle`` per article, in order.

    A small batch keeps memory flat on long articles (spaCy's default batch of 1000 texts
    holds every parse at once).
    """
    articles = list(articles)
    chunks = [(index, start, text) for index, article in enumerate(articles)
              for start, text in _chunks(article.text)]
    docs = nlp.pipe((text for _, _, text in chunks), batch_size=batch_size)
    pending: dict[int, list[tuple[int, Doc]]] = {}
    chunk_counts = [0] * len(articles)
    for index, _, _ in chunks:
        chunk_counts[index] += 1
    next_index = 0
    for (index, start, _), doc in zip(chunks, docs):
        pending.setdefault(index, []).append((start, doc))
        while next_index < len(articles) and len(pending.get(next_index, ())) == chunk_counts[next_index]:
            yield _to_parsed(articles[next_index], pending.pop(next_index))
            next_index += 1
    while next_index < len(articles):
        yield _to_parsed(articles[next_index], pending.pop(next_index, []))
        next_index += 1


def _chunks(text: str, limit: int = MAX_CHUNK_CHARS) -> list[tuple[int, str]]:
    """Split ``text`` at paragraph breaks into parts of at most ``limit`` characters."""
    if len(text) <= limit:
        return [(0, text)]
    parts, start = [], 0
    while start < len(text):
        end = min(start + limit, len(text))
        if end < len(text):
            breaks = [m.end() for m in _PARAGRAPH_BREAK.finditer(text, start, end)]
            end = breaks[-1] if breaks and breaks[-1] > start else end
        parts.append((start, text[start:end]))
        start = end
    return parts


def _to_parsed(article: Article, docs: list[tuple[int, Doc]]) -> ParsedArticle:
    tokens: list[Token] = []
    sentences: list[Sentence] = []
    mentions: list[Mention] = []
    for char_offset, doc in docs:
        token_offset = len(tokens)
        sentence_of, ends = _copy_tokens(article.text, char_offset, doc, tokens, sentences)
        for ent in doc.ents:
            if ent.label_ in MENTION_LABELS or ent.ent_id_:
                start, end = tokens[ent.start + token_offset].start, ends[ent.end - 1]
                mentions.append(Mention(
                    start, end, article.text[start:end], ent.label_, sentence_of[ent.start],
                    ent.start + token_offset, ent.end - 1 + token_offset,
                    kb_id=ent.ent_id_, source="kb" if ent.ent_id_ else "ner"))
    return ParsedArticle(article, tuple(sentences), tuple(tokens), tuple(mentions))


def _copy_tokens(text: str, char_offset: int, doc: Doc, tokens: list[Token],
                 sentences: list[Sentence]) -> tuple[list[int], list[int]]:
    """Append the sentences and tokens of ``doc`` (``text`` from ``char_offset``); return
    each token's sentence index and end offset in ``text`` (mentions take theirs from them).

    Reads whole attribute columns (``Doc.to_array``) and builds the tokens from field
    columns (``Token.from_columns``): a spaCy ``Token``, ``Span`` or ``Doc.text`` is built
    anew on every access, which cost more than the copies themselves.
    """
    if not doc.has_annotation("SENT_START"):
        raise ValueError(Errors.E030)
    orths, lemmas, tags, deps = doc.to_array(_STRING_ATTRS).T.tolist()
    poses, heads, starts, sent_starts = doc.to_array(_INT_ATTRS).astype("int64").T.tolist()
    string_of, indexes = doc.vocab.strings.__getitem__, range(len(tokens), len(tokens) + len(doc))
    words, starts = list(map(string_of, orths)), [start + char_offset for start in starts]
    ends = [start + len(token_text) for start, token_text in zip(starts, words)]
    bounds = [0, *(i for i in range(1, len(doc)) if sent_starts[i] == 1), len(doc)] if len(doc) else []
    sentence_of: list[int] = []
    for first, end in pairwise(bounds):
        sentence_of += [len(sentences)] * (end - first)
        sentences.append(Sentence(len(sentences), starts[first], ends[end - 1], indexes[first], indexes[end - 1],
                                  text[starts[first]:ends[end - 1]]))
    tokens.extend(Token.from_columns(
        indexes, words, [lemma.lower() for lemma in map(string_of, lemmas)], [POS_NAMES[pos] for pos in poses],
        list(map(string_of, tags)), list(map(string_of, deps)), [i + head for i, head in zip(indexes, heads)],
        starts, sentence_of))
    return sentence_of, ends
