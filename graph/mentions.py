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

from spacy.language import Language
from spacy.tokens import Doc

from .model import Article, Mention, ParsedArticle, Sentence, Token
from .nlp import MAX_CHUNK_CHARS

__all__ = ["parse_articles", "parse_article", "MENTION_LABELS"]

#: spaCy NER labels kept for names the knowledge base does not know.
MENTION_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "SchoolBoard", "Union", "Organisation"})

_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


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
        token_offset, sentence_offset = len(tokens), len(sentences)
        for sent in doc.sents:
            sentences.append(_sentence(sent, len(sentences), char_offset, token_offset))
            for token in sent:
                tokens.append(_token(token, len(sentences) - 1, char_offset, token_offset))
        for ent in doc.ents:
            if ent.label_ in MENTION_LABELS or ent.ent_id_:
                sentence = _sentence_of(sentences, sentence_offset, ent.start_char + char_offset)
                mentions.append(Mention(
                    ent.start_char + char_offset, ent.end_char + char_offset, ent.text, ent.label_,
                    sentence, ent.start + token_offset, ent.end - 1 + token_offset,
                    kb_id=ent.ent_id_, source="kb" if ent.ent_id_ else "ner"))
    return ParsedArticle(article, tuple(sentences), tuple(tokens), tuple(mentions))


def _sentence(sent, index: int, char_offset: int, token_offset: int) -> Sentence:
    return Sentence(index, sent.start_char + char_offset, sent.end_char + char_offset,
                    sent.start + token_offset, sent.end - 1 + token_offset, sent.text)


def _token(token, sentence: int, char_offset: int, token_offset: int) -> Token:
    return Token(token.i + token_offset, token.text, token.lemma_.lower(), token.pos_, token.tag_,
                 token.dep_, token.head.i + token_offset, token.idx + char_offset, sentence)


def _sentence_of(sentences: list[Sentence], first: int, char: int) -> int:
    for sentence in sentences[first:]:
        if sentence.start <= char < sentence.end:
            return sentence.index
    return len(sentences) - 1
