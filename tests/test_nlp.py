"""The spaCy pipeline (graph.nlp): the knowledge-base ruler runs ahead of the NER, and the NER
is left as the model shipped it.

A preset entity whose label the NER does not know makes spaCy add actions for that label to
the NER for good (and widen its output layer), which slowed every later parse by a quarter;
graph.nlp hides the ruler's labels from the NER and puts them back after it. These tests pin
both halves: the NER's labels stay its own, and the entities come out exactly as with the
plain ruler-before-NER pipeline.
"""

from __future__ import annotations

import pytest
import spacy

from conftest import SEEDS, UNSEEN
from graph.model import Token
from graph.nlp import DEFAULT_MODEL
from graph.pipeline import read_articles

#: One name of each knowledge-base type the ruler labels, in one text.
EVERY_TYPE = (
    "OSSTF and the Toronto District School Board met the Ontario government, the Ministry of "
    "Education and Stephen Lecce. The NDP, OSTA-AECO, People for Education, OPSBA and CTV "
    "heard high school teachers across the province oppose class sizes."
)


def test_ruler_runs_ahead_of_the_ner(extractor):
    names = extractor.nlp.pipe_names
    assert names.index("entity_ruler") < names.index("ner")


def test_ner_never_learns_the_rulers_labels(extractor):
    ner = extractor.nlp.get_pipe("ner")
    moves = ner.moves.n_moves
    doc = extractor.nlp(EVERY_TYPE)
    ruler_labels = {pattern["label"] for pattern in extractor.kb.ruler_patterns()}
    assert len({ent.label_ for ent in doc.ents} & ruler_labels) >= 8  # the NER met them preset
    assert not set(ner.labels) & ruler_labels
    assert ner.moves.n_moves == moves


@pytest.mark.parametrize(("text", "label", "kb_id"), [
    ("OSSTF", "Union", "osstf"),
    ("Toronto District School Board", "SchoolBoard", "tdsb"),
    ("Stephen Lecce", "Person", "stephen-lecce"),
    ("People for Education", "ParentGroup", "people-for-education"),
    ("class sizes", "Policy", "class-size"),
])
def test_kb_entities_keep_label_and_id(extractor, text, label, kb_id):
    ents = {ent.text: (ent.label_, ent.ent_id_) for ent in extractor.nlp(EVERY_TYPE).ents}
    assert ents[text] == (label, kb_id)


def test_same_entities_as_the_plain_ruler_ahead_of_the_ner(extractor):
    plain = spacy.load(DEFAULT_MODEL, exclude=["senter"])
    plain.add_pipe("strikegraph_paragraph_breaks", before="parser")
    ruler = plain.add_pipe("entity_ruler", before="ner",
                           config={"phrase_matcher_attr": "LOWER", "overwrite_ents": True})
    ruler.add_patterns(extractor.kb.ruler_patterns())
    some_unseen = sorted(UNSEEN.glob("2*.txt"))[::4]  # word tests in many shapes (the ruler's flags)
    texts = [article.text for article in read_articles([SEEDS, *some_unseen])[0]] + [EVERY_TYPE]

    def entities(nlp):
        return [[(e.start, e.end, e.label_, e.ent_id_) for e in doc.ents] for doc in nlp.pipe(texts, batch_size=16)]

    assert entities(extractor.nlp) == entities(plain)


def test_tokens_from_columns_equal_tokens_built_one_by_one():
    columns = ([0, 1], ["Teachers", "struck"], ["teacher", "strike"], ["NOUN", "VERB"], ["NNS", "VBD"],
               ["nsubj", "ROOT"], [1, 1], [0, 9], [0, 0])
    one_by_one = [Token(*values) for values in zip(*columns)]
    assert Token.from_columns(*columns) == one_by_one
    assert [hash(token) for token in Token.from_columns(*columns)] == [hash(token) for token in one_by_one]
