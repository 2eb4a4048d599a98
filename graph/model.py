"""Frozen dataclasses passed between the stages.

Each stage consumes the previous stage's values and produces its own; none of them holds a
spaCy object, so everything after ``graph.mentions`` is plain Python that tests can build
by hand.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field, fields
from datetime import date

__all__ = [
    "RELATIONS",
    "Article",
    "ArticleResult",
    "Entity",
    "Evidence",
    "Fact",
    "Mention",
    "ParsedArticle",
    "ResolvedArticle",
    "Sentence",
    "Token",
]

#: The fact kinds the graph knows; each maps to an ontology class and a plain property.
RELATIONS = ("represents", "strikes-at", "proposes", "opposes", "supports", "responds-to")


@dataclass(frozen=True)
class Article:
    """One news article: its text as extraction sees it, and where that text came from.

    ``text`` may differ from the file's text (markup of an HTML page, control characters or
    zero-width marks removed, names NFC-normalised, a leading ``date`` line blanked);
    ``offset_shift`` and ``end_shift`` map it back to ``source_text``, the decoded file, so
    evidence offsets always point at what the user has on disk. ``also_known_as`` holds the
    other file names the same text was found under.
    """

    name: str
    text: str
    date: date | None
    source_text: str = ""
    metadata: tuple[tuple[str, str], ...] = ()
    also_known_as: tuple[str, ...] = ()
    offset_shift: tuple[tuple[int, int], ...] = ()
    end_shift: tuple[tuple[int, int], ...] = ()

    def source_offset(self, offset: int) -> int:
        """Offset in the original file text of ``offset`` in ``text``.

        ``offset_shift`` holds (position in text, source position minus text position) pairs
        in increasing order, one wherever that difference changes (characters removed or
        merged before it); the last pair at or before ``offset`` gives the shift.
        """
        return offset + _shift_at(self.offset_shift, offset)

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """The span of the original file text that ``text[start:end]`` was read from.

        The end comes from ``end_shift`` (pairs keyed by end position), so a span ending in
        a character composed from several (``e`` + combining accent) covers all of them, and
        characters removed right after the span stay outside it.
        """
        first = self.source_offset(start)
        if end <= start:
            return first, first
        return first, end + _shift_at(self.end_shift, end)


def _shift_at(pairs: tuple[tuple[int, int], ...], offset: int) -> int:
    index = bisect_right(pairs, (offset, float("inf")))
    return pairs[index - 1][1] if index else 0


@dataclass(frozen=True, slots=True)
class Token:
    """A token with the parse facts the relation rules need (no spaCy object).

    Slotted: an article holds hundreds of them, and ``from_columns`` sets the slots directly.
    """

    i: int
    text: str
    lemma: str
    pos: str
    tag: str
    dep: str
    head: int
    start: int
    sentence: int

    @property
    def end(self) -> int:
        return self.start + len(self.text)

    @classmethod
    def from_columns(cls, *columns: Iterable) -> list[Token]:
        """Tokens from parallel columns of field values (``i``, ``text``, ... in field order).

        The copy-out builds about 550 tokens per article, and a frozen dataclass's
        ``__init__`` sets each of nine fields through ``object.__setattr__``, which took most
        of the copy's time. These tokens get their fields set through the slots' own
        descriptors instead: the same frozen values, equal and hashing alike, at half the cost.
        """
        set_i, set_text, set_lemma, set_pos, set_tag, set_dep, set_head, set_start, set_sentence = (
            vars(cls)[each.name].__set__ for each in fields(cls))
        new, tokens = object.__new__, []
        for i, text, lemma, pos, tag, dep, head, start, sentence in zip(*columns, strict=True):
            token = new(cls)
            set_i(token, i)
            set_text(token, text)
            set_lemma(token, lemma)
            set_pos(token, pos)
            set_tag(token, tag)
            set_dep(token, dep)
            set_head(token, head)
            set_start(token, start)
            set_sentence(token, sentence)
            tokens.append(token)
        return tokens


@dataclass(frozen=True)
class Sentence:
    """A sentence: its character span in the article text and its token range."""

    index: int
    start: int
    end: int
    first_token: int
    last_token: int
    text: str


@dataclass(frozen=True)
class Mention:
    """A span that names (or points to) an actor, place, group, policy or date.

    ``label`` is the knowledge-base type (Person, Union, SchoolBoard, ...) or a spaCy label
    for names the knowledge base does not know (PERSON, ORG, GPE); ``kb_id`` is set when the
    entity ruler matched a knowledge-base alias. Tokens ``first_token..last_token`` inclusive.
    """

    start: int
    end: int
    text: str
    label: str
    sentence: int
    first_token: int
    last_token: int
    kb_id: str = ""
    source: str = "ner"


@dataclass(frozen=True)
class ParsedArticle:
    """The mentions stage's output: the article with its sentences, tokens and mentions."""

    article: Article
    sentences: tuple[Sentence, ...]
    tokens: tuple[Token, ...]
    mentions: tuple[Mention, ...]


@dataclass(frozen=True)
class Entity:
    """One actor, place, group or policy version, the same across every article."""

    id: str
    type: str
    name: str
    aliases: tuple[str, ...] = ()
    parent: str = ""
    comment: str = ""
    stance_on_mention: str = ""
    #: For a policy, the side whose policy it is ("government" or "unions"): only that side
    #: proposes it, and only the other side opposes it.
    proposed_by: str = ""
    #: For a policy that is the removal of another ("repeal of Regulation 274"), that
    #: policy's id: a mention of it under a removal word ("revoking ...") names this one.
    removal_of: str = ""
    #: For a policy whose words came to mean a later policy ("crowded classrooms" in coverage
    #: of the 2020 reopening), that policy's id and the ISO day from which an article that
    #: also names it reads this one's mentions as it.
    read_as: str = ""
    read_as_from: str = ""
    #: "en" or "fr" for a school board or union that works in one language only ("" when
    #: unknown or both): a French-language union does not strike at an English-language board.
    language: str = ""


@dataclass(frozen=True)
class Evidence:
    """Where a fact was read: the article, the sentence and its offsets in the file text."""

    article: str
    sentence: str
    start: int
    end: int


@dataclass(frozen=True)
class Fact:
    """One extracted statement, n-ary: who did what to whom, when, and on what evidence.

    ``date`` is None when the text does not allow a day; ``date_text`` keeps the words the
    date was read from. ``rule`` is the id of the rule that produced the fact, so any row of
    any query can be traced back to the data line that made it.
    """

    relation: str
    agent: str
    object: str
    evidence: Evidence
    rule: str
    date: date | None = None
    date_text: str = ""
    role: str = ""
    action: str = ""

    def key(self) -> tuple:
        """Identity of the fact for de-duplication inside one article."""
        return (self.relation, self.agent, self.object, self.date, self.action, self.role)


@dataclass(frozen=True)
class ResolvedArticle:
    """The entities stage's output: which entity every name, title and pronoun stands for.

    ``token_entities`` maps token index -> entity id for every token inside a resolved
    mention and for every pronoun or title ("he", "the minister", "the union") whose
    antecedent the text makes clear. ``titles`` holds (person id, role, organisation id or
    "", token index of the title word) for titles stated next to a name, which the facts
    stage turns into ``represents`` facts.
    """

    parsed: ParsedArticle
    entities: tuple[Entity, ...]
    token_entities: tuple[tuple[int, str], ...]
    titles: tuple[tuple[str, str, str, int, str], ...] = ()

    def entity_at(self, token: int) -> str:
        """The entity token ``token`` stands for, or "" (convenient in tests and notebooks)."""
        return dict(self.token_entities).get(token, "")


@dataclass(frozen=True)
class ArticleResult:
    """Everything one article contributes to the graph, plus the warnings it raised."""

    article: Article
    entities: tuple[Entity, ...]
    facts: tuple[Fact, ...]
    warnings: tuple[str, ...] = field(default=())
