"""Property tests for IRI minting (graph/rdf.py ``entity_iri``/``article_iri``, graph/entities.py ``slugify``).

Any Unicode name, including ones no knowledge base lists, must give a valid IRI (Oxigraph
and rdflib accept it, N-Quads round-trips it), the same IRI every time, and the same IRI for
the same name typed two ways (composed or decomposed accents). Date resolution has its
property tests in tests/test_dates.py.
"""

from __future__ import annotations

import re
import unicodedata

import pyoxigraph as ox
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from graph.entities import slugify
from graph.hygiene import clean_text
from graph.model import Entity
from graph.namespace import ID
from graph.rdf import _TYPE_PATHS, article_iri, entity_iri

#: What an IRI may not contain anywhere (RFC 3987 excludes these from every component).
FORBIDDEN = re.compile(r"[\x00-\x20<>\"{}|\\^`\x7f-\x9f]")
SLUG = re.compile(r"^(?:[a-z0-9]+(?:-[a-z0-9]+)*|x[0-9a-f]+)$")
TYPES = sorted(_TYPE_PATHS)
NAMES = st.text(min_size=0, max_size=80)
WORDS = st.lists(st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789", min_size=1, max_size=8),
                 min_size=1, max_size=6)

EXAMPLES = [
    ("Rémi Sabourin", "Person", "https://w3id.org/strikegraph/id/person/remi-sabourin"),
    ("Conseil scolaire de district catholique de l'Est ontarien", "SchoolBoard",
     "https://w3id.org/strikegraph/id/school-board/conseil-scolaire-de-district-catholique-de-l-est-ontarien"),
    ("Ontario Secondary School Teachers' Federation", "Union",
     "https://w3id.org/strikegraph/id/union/ontario-secondary-school-teachers-federation"),
]


def _valid_iri(iri: str) -> None:
    assert iri.startswith(str(ID)) and not FORBIDDEN.search(iri), iri
    node = ox.NamedNode(iri)  # raises on an invalid IRI
    quad = ox.Quad(node, node, ox.Literal("x"), ox.DefaultGraph())
    assert list(ox.parse(ox.serialize([quad], format=ox.RdfFormat.N_QUADS), format=ox.RdfFormat.N_QUADS)) == [quad]


@pytest.mark.parametrize("name, kind, expected", EXAMPLES, ids=[e[0] for e in EXAMPLES])
def test_worked_examples(name, kind, expected):
    assert str(entity_iri(Entity(slugify(name), kind, name))) == expected


@settings(max_examples=300, deadline=None)
@given(name=NAMES, kind=st.sampled_from(TYPES))
@example(name="Rémi Sabourin", kind="Person")
@example(name="", kind="Union")
@example(name="!!!", kind="Group")
@example(name="東京都教育委員会", kind="SchoolBoard")
@example(name="\u200b\x00\ufeff", kind="Person")
def test_any_name_gives_a_valid_stable_iri(name, kind):
    slug = slugify(name)
    assert SLUG.match(slug), slug
    iri = str(entity_iri(Entity(slug, kind, name)))
    _valid_iri(iri)
    assert iri == str(entity_iri(Entity(slugify(name), kind, name))), "stable"


@settings(max_examples=200, deadline=None)
@given(name=NAMES)
@example(name="Re\u0301mi Sabourin")
@example(name="\uac00")
def test_a_name_typed_two_ways_is_one_iri(name):
    """Article text is NFC-normalised before extraction (graph/hygiene.py), so a name read from
    either spelling gets one id."""
    composed, decomposed = unicodedata.normalize("NFC", name), unicodedata.normalize("NFD", name)
    assert slugify(clean_text(composed).text) == slugify(clean_text(decomposed).text)


@settings(max_examples=200, deadline=None)
@given(words=WORDS)
def test_plain_names_keep_their_words(words):
    """Readable ids: ASCII words lower-cased and joined by hyphens, so distinct word lists never collide."""
    assert slugify(" ".join(w.upper() for w in words)) == "-".join(words)


@settings(max_examples=300, deadline=None)
@given(name=st.text(min_size=1, max_size=60))
@example(name="été.txt")
@example(name="my article (final).txt")
def test_any_file_name_gives_a_valid_article_iri(name):
    _valid_iri(str(article_iri(name)))
    assert article_iri(name) == article_iri(name)


@settings(max_examples=200, deadline=None)
@given(text=st.text(max_size=200))
def test_any_text_survives_as_a_literal(text):
    """Names and evidence are literals: every Unicode text round-trips through N-Quads."""
    node = ox.NamedNode(str(ID["x"]))
    quad = ox.Quad(node, node, ox.Literal(text), ox.DefaultGraph())
    assert list(ox.parse(ox.serialize([quad], format=ox.RdfFormat.N_QUADS), format=ox.RdfFormat.N_QUADS)) == [quad]


@pytest.mark.parametrize("first, second", [
    ("Ελληνική Ομοσπονδία Εκπαιδευτικών", "Ελληνική Ομοσπονδία Καθηγητών"),
    ("東京都教育委員会学校委員会", "東京都教育委員会学校委員長"),
], ids=["greek", "japanese"])
def test_distinct_non_latin_names_get_distinct_ids(first, second):
    assert slugify(first) != slugify(second)


@pytest.mark.parametrize("name", ["\uac00", "\u01fc"], ids=["hangul", "ae-acute"])
def test_slugify_alone_is_normalisation_invariant(name):
    assert slugify(name) == slugify(unicodedata.normalize("NFD", name))
