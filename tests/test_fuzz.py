"""A bounded fuzz test: random and adversarial article files through reading, extraction and RDF.

Each example is a file on disk (bytes, so undecodable ones too) mixing real sentences that
carry facts with random Unicode, very long tokens, punctuation, control characters, terminal
escapes and hostile HTML. Whatever comes in: no crash, the file is either read or skipped
with a message, and the graph that comes out serialises to N-Quads, parses back and passes
validation (shapes and evidence offsets). A fixed table of nasty cases runs first; then
hypothesis draws a bounded number of mixtures.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graph.pipeline import content_hash, graph_quads, read_articles
from graph.validate import load_union, validate_graph

FACT_SENTENCES = [
    "OSSTF president Harvey Bischof said the union opposes increased class sizes.",
    "Education Minister Stephen Lecce proposed two mandatory online courses.",
    "The Elementary Teachers' Federation of Ontario will hold a one-day strike at the Toronto District School Board.",
    "AEFO president Rémi Sabourin said the union opposes mandatory e-learning.",
]
HOSTILE_HTML = [
    "<html><body><p>unclosed <b><i><u>",
    "<script>document.write('<p>OSSTF opposes</p>')</script>",
    "<style>p::after { content: 'Lecce proposed' }</style>",
    "<!-- a comment that never ends",
    "<![CDATA[ raw <p> data ]]>",
    "&#0; &#x110000; &#xD800; &#999999999; &bogus; &amp &lt;&gt;",
    "<p title=\"a > b\" onload='x()'>attr</p></p></p></div>",
    "<" * 200 + ">" * 200,
    "<a href=javascript:alert(1)>link</a><img src=x onerror=alert(1)>",
    "<svg><script>alert(1)</script><text>svg text</text></svg>",
]
#: (id, file text). Sizes are kept small where extraction is super-linear today (a 10,000-letter
#: word or an 800-sentence article take seconds to minutes): bench/bench_bad_input.py measures those.
NASTY = [
    pytest.param("\u200b\u200c\u200d\ufeff\x00\x1b[0m", id="empty-after-cleaning"),
    pytest.param("a" * 3_000 + " " + "Z" * 3_000, id="very-long-token"),
    pytest.param("!?.,;:—–-()[]{}'\"«»“”‘’…" * 400, id="only-punctuation"),
    pytest.param("Z" + "\u0301\u0302\u0303\u0304\u0305" * 300 + " said no.", id="combining-stack"),
    pytest.param("\u202eOSSTF\u202c president \u2067Harvey Bischof\u2069 said no.", id="bidi-overrides"),
    pytest.param("👩‍👩‍👧‍👦 " * 500, id="emoji-zwj"),
    pytest.param("\r".join(FACT_SENTENCES), id="carriage-returns-only"),
    pytest.param("\x00".join(FACT_SENTENCES), id="nul-laden"),
    pytest.param("\n\n".join(f"\x1b[3{i}m{s}\x1b[0m" for i, s in enumerate(FACT_SENTENCES)), id="ansi-everywhere"),
    pytest.param("<html><body>" + "".join(f"<p>{s}</p>{h}" for s, h in zip(FACT_SENTENCES * 3, HOSTILE_HTML)),
                 id="hostile-html-page"),
    pytest.param(" ".join(FACT_SENTENCES * 15), id="one-endless-line"),
    pytest.param("\ue000\uf8ff\ufdd0\ufffe\uffff\U0010fffd " + FACT_SENTENCES[0], id="private-use-and-noncharacters"),
]

SEGMENT = st.one_of(
    st.sampled_from(FACT_SENTENCES),
    st.text(max_size=300),
    st.text(alphabet=st.characters(categories=["Cc", "Cf", "Zs", "Mn", "Co"]), max_size=50),
    st.sampled_from(HOSTILE_HTML),
    st.builds(lambda c, n: c * n, st.sampled_from("a.-_/\\<&x"), st.integers(1, 2000)),
    st.sampled_from(["\x1b[1;31m", "\x1b]0;title\x07", "\ufeff", "\u00ad", "\x0c", "\r\n"]),
)
DOCUMENT = st.tuples(st.booleans(), st.lists(SEGMENT, min_size=1, max_size=12))


def _check(extractor, name: str, data: bytes) -> None:
    """Read ``data`` as the file ``name``, extract, write RDF, parse it back and validate it."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        articles, warnings, skipped = read_articles([path])
        assert len(articles) + len(skipped) == 1 and all(isinstance(w, str) for w in warnings)
        if skipped:
            assert any(w.startswith(f"{name}: ") for w in warnings)
            return
        results = list(extractor.extract(articles))
        nquads = ox.serialize(graph_quads(results, extractor.kb), format=ox.RdfFormat.N_QUADS)
        (Path(folder) / "graph.nq").write_bytes(nquads)
        graph = load_union(Path(folder) / "graph.nq")
    texts = {content_hash(articles[0]): articles[0].source_text}
    report = validate_graph(graph, texts)
    assert report.conforms, [str(v) for v in report.violations[:10]]
    assert report.offsets_checked == report.facts


@pytest.mark.parametrize("text", NASTY)
def test_nasty_text_builds_a_valid_graph(extractor, text):
    _check(extractor, "nasty.html" if text.startswith("<html") else "nasty.txt", text.encode("utf-8"))


@pytest.mark.parametrize("data", [
    pytest.param(bytes(range(256)) * 4, id="every-byte"),
    pytest.param(b"\xff\xfe" + "Lecce said no.".encode("utf-16-le"), id="utf-16"),
    pytest.param("Rémi Sabourin said “no”.".encode("cp1252"), id="cp1252"),
    pytest.param(b"\x81\x8d\x8f\x90\x9d" * 10, id="undecodable"),
])
def test_nasty_bytes_are_read_or_skipped(extractor, data):
    _check(extractor, "bytes.txt", data)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(document=DOCUMENT)
def test_random_mixtures_build_a_valid_graph(extractor, document):
    as_html, segments = document
    if as_html:
        text = "<html><body><p>" + "</p>\n<p>".join(segments) + "</p></body></html>"
    else:
        text = "\n\n".join(segments)
    _check(extractor, "fuzz.html" if as_html else "fuzz.txt", text.encode("utf-8"))


@settings(max_examples=15, deadline=None)
@given(data=st.binary(min_size=1, max_size=2000))
def test_random_bytes_never_crash(extractor, data):
    _check(extractor, "random.txt", data)
