"""Tests for the articles stage (graph/articles.py) and its text hygiene (graph/hygiene.py).

Bad input is one table: each case writes a folder (the bad file(s) next to a good article)
and states what reading it must give: which files are skipped, which warnings (each naming
the file and what to do), and what the articles look like. No spaCy here: reading is pure
file handling, so the whole table runs in well under a second.
"""

from __future__ import annotations

import codecs
import doctest
import unicodedata
from pathlib import Path

import pytest

from graph import articles, hygiene
from graph.articles import ArticleSource, read_all, read_article
from graph.errors import ArticleError
from graph.hygiene import clean_text, html_to_text, prepare

GOOD = "good.txt"
GOOD_TEXT = "Education Minister Stephen Lecce said the government opposes the strike.\n"
HTML_PAGE = ("<!DOCTYPE html>\n<html><head><title>Ignored title</title><style>p {color: red}</style>\n"
             "<script>var osstf = '<p>Lecce opposes</p>';</script></head>\n<body><article>\n"
             "<h1>Unions set to strike</h1>\n<p>OSSTF president Harvey Bischof said the union\n"
             "   opposes <b>increased</b> class sizes &amp; e-learning.</p>\n"
             "<p>It is &ldquo;a fight&rdquo; &#8212; he said.<br>Next line.</p><!-- a comment -->\n"
             "</article></body></html>\n")

#: (id, files: name -> bytes, expected skipped names, expected warning fragments, checks on articles)
CASES = [
    ("empty-file", {"empty.txt": b""}, ["empty.txt"], ["empty.txt: the file is empty", "add the article's text"], {}),
    ("only-whitespace", {"blank.txt": b" \n\n\t \r\n"}, ["blank.txt"], ["blank.txt: the file is empty"], {}),
    ("only-invisible-characters", {"ghost.txt": "\ufeff\u200b\u200b\n".encode()}, ["ghost.txt"],
     ["ghost.txt: only invisible characters", "remove the file"], {}),
    ("binary-nul-bytes", {"data.txt": bytes(range(256)) * 40}, ["data.txt"],
     ["data.txt: a binary file, not text", "save the article as plain UTF-8 text"], {}),
    ("pdf-named-txt", {"story.txt": b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\n"}, ["story.txt"],
     ["story.txt: a PDF file, not text", "move the file out of the folder"], {}),
    ("docx-named-txt", {"story.txt": b"PK\x03\x04\x14\x00\x06\x00word/document.xml"}, ["story.txt"],
     ["story.txt: a Word (.docx) or other zip file"], {}),
    ("neither-utf8-nor-cp1252", {"odd.txt": b"Teachers \x81\x8d\x8f strike \x90\x9d today."}, ["odd.txt"],
     ["odd.txt: neither UTF-8 nor Windows-1252 text", "save it as UTF-8"], {}),
    ("cp1252-text", {"latin.txt": "R\u00e9mi Sabourin said \u201cno\u201d \u2014 caf\u00e9.".encode("cp1252")}, [],
     ["latin.txt: not UTF-8, so it was read as Windows-1252 (cp1252)", "save the file as UTF-8"],
     {"latin.txt": {"contains": ["Rémi Sabourin", "\u201cno\u201d", "\u2014"]}}),
    ("utf16-with-bom", {"wide.txt": codecs.BOM_UTF16_LE + "Rémi Sabourin said no.".encode("utf-16-le")}, [], [],
     {"wide.txt": {"contains": ["Rémi Sabourin said no."]}}),
    ("html-instead-of-text", {"page.txt": HTML_PAGE.encode()}, [],
     ["page.txt: HTML, not plain text; its text was taken from the markup"],
     {"page.txt": {"contains": ["Unions set to strike", "opposes increased class sizes & e-learning.",
                                "\u201ca fight\u201d \u2014 he said."],
                   "absent": ["<", ">", "Ignored title", "color: red", "var osstf", "a comment", "&amp;"]}}),
    ("html-file", {"page.html": HTML_PAGE.encode()}, [], [],
     {"page.html": {"contains": ["Unions set to strike"], "absent": ["<", "var osstf"]}}),
    ("html-with-no-text", {"shell.html": b"<html><head><script>x()</script></head><body></body></html>"},
     ["shell.html"], ["shell.html: an HTML page with no text"], {}),
    ("metadata-row-for-missing-file", {"metadata.csv": b"file,date\ngood.txt,2020-01-15\nmissing.txt,2020-01-16\n"},
     [], ["metadata.csv, line 3: there is no file missing.txt", "add the article file or delete the row"],
     {GOOD: {"date": "2020-01-15"}}),
    ("malformed-date", {"metadata.csv": b"file,date\ngood.txt,2020-02-30\n"}, [],
     ["good.txt: the date '2020-02-30' in metadata.csv is not a real date written YYYY-MM-DD",
      "correct it in metadata.csv"], {GOOD: {"date": None}}),
    ("malformed-date-falls-back-to-date-line",
     {"dated.txt": b" date 2019-12-04\nTeachers walked out.\n", "metadata.csv": b"file,date\ndated.txt,04/12/2019\n"},
     [], ["dated.txt: the date '04/12/2019' in metadata.csv", "meanwhile the date in its date line is used"],
     {"dated.txt": {"date": "2019-12-04"}}),
    ("file-listed-twice", {"metadata.csv": b"file,date\ngood.txt,2020-01-15\ngood.txt,2020-03-01\n"}, [],
     ["metadata.csv, line 3: good.txt is listed again (first on line 2)", "delete the other one"],
     {GOOD: {"date": "2020-01-15"}}),
    ("metadata-without-file-column", {"metadata.csv": b"name,date\ngood.txt,2020-01-15\n"}, [],
     ["metadata.csv: ignored, since it has no 'file' column"], {}),
    ("same-article-under-two-names", {"second-copy.txt": GOOD_TEXT.encode()}, [],
     ["second-copy.txt: the same text as good.txt; built once as good.txt, with both names recorded"],
     {GOOD: {"also_known_as": ("second-copy.txt",)}}),
    ("dirty-text", {"dirty.txt": "\ufeffRe\u0301mi\u200b Sabourin\x00 said\x1b[1m no\x1b[0m.\x0cNext\u00a0page.".encode()},
     [], [], {"dirty.txt": {"contains": ["Rémi Sabourin said no.\nNext page."], "absent": ["\x00", "\x1b", "\u200b"]}}),
]


def _write(folder: Path, files: dict[str, bytes]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / GOOD).write_text(GOOD_TEXT, encoding="utf-8")
    for name, data in files.items():
        (folder / name).write_bytes(data)


@pytest.mark.parametrize("files, skipped, warnings, checks",
                         [pytest.param(*case[1:], id=case[0]) for case in CASES])
def test_bad_input_case(tmp_path, files, skipped, warnings, checks):
    _write(tmp_path, files)
    reading = read_all([tmp_path])
    built = {a.name: a for a in reading.articles}
    assert list(reading.skipped) == skipped
    assert GOOD in built, "every other article still builds"
    for fragment in warnings:
        assert any(fragment in w for w in reading.warnings), f"no warning with {fragment!r} in {reading.warnings}"
    if not warnings:
        assert not [w for w in reading.warnings if "no date" not in w], reading.warnings
    for name, expected in checks.items():
        _check(built[name], expected)


def _check(article, expected: dict) -> None:
    for fragment in expected.get("contains", ()):
        assert fragment in article.text
    for fragment in expected.get("absent", ()):
        assert fragment not in article.text
    if "date" in expected:
        assert (article.date.isoformat() if article.date else None) == expected["date"]
    if "also_known_as" in expected:
        assert article.also_known_as == expected["also_known_as"]


@pytest.mark.parametrize("case", [c for c in CASES if c[2] or c[3]], ids=lambda c: c[0])
def test_strict_stops_at_the_first_problem(tmp_path, case):
    _write(tmp_path, case[1])
    with pytest.raises(ArticleError, match=r"\(stopped by --strict\)$"):
        read_all([tmp_path], strict=True)


def test_a_clean_folder_reads_without_warnings_even_strictly(tmp_path):
    _write(tmp_path, {"metadata.csv": b"file,date\ngood.txt,2020-01-15\n"})
    assert [a.name for a in read_all([tmp_path], strict=True).articles] == [GOOD]


def test_same_name_in_two_folders_skips_the_second(tmp_path):
    _write(tmp_path / "a", {})
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / GOOD).write_text("A different article about a strike.\n", encoding="utf-8")
    reading = read_all([tmp_path / "a", tmp_path / "b"])
    assert [a.text for a in reading.articles] == [GOOD_TEXT]
    assert reading.skipped == (GOOD,)
    assert any("rename one of the two files" in w and str(tmp_path / "b" / GOOD) in w for w in reading.warnings)


def test_names_that_give_one_article_iri_are_caught(tmp_path):
    """'été.txt' and 'àté.txt' would share one named graph: the second is skipped, not merged."""
    from graph.rdf import article_iri

    _write(tmp_path, {"\u00e9t\u00e9.txt": b"One article.\n", "\u00e0t\u00e9.txt": b"Another article.\n"})
    reading = read_all([tmp_path], identity=lambda name: str(article_iri(name)))
    assert len(reading.skipped) == 1 and "rename one of the two files" in reading.warnings[-1]


def test_a_file_given_twice_is_read_once(tmp_path):
    _write(tmp_path, {})
    reading = read_all([tmp_path, tmp_path / GOOD])
    assert [a.name for a in reading.articles] == [GOOD] and not reading.warnings[1:]


def test_a_missing_path_is_an_error(tmp_path):
    with pytest.raises(ArticleError, match="no such file or folder"):
        read_all([tmp_path / "nowhere"])


# ------------------------------------------------------------------------------ offsets


#: (id, file text, a phrase of the clean text whose file span is checked)
OFFSET_CASES = [
    ("plain", "Lecce said no.", "said"),
    ("bom-and-escapes", "\ufeff\x1b[31mLecce\x1b[0m said no.", "Lecce said"),
    ("nul-and-controls", "Lecce\x00\x07 said\x01 no.", "said no"),
    ("zero-width", "Lec\u200bce said\u2060 no.", "Lecce said no"),
    ("decomposed-accent", "Re\u0301mi Sabourin said no.", "Rémi"),
    ("date-line", " date 2020-01-15\nLecce said no.", "Lecce"),
    ("html", "<p>Lecce <b>said</b>\n  no &amp; left.</p>", "said no & left"),
]


@pytest.mark.parametrize("text, phrase", [pytest.param(*c[1:], id=c[0]) for c in OFFSET_CASES])
def test_offsets_point_at_the_file_text(tmp_path, text, phrase):
    name = "a.html" if text.startswith("<") else "a.txt"
    (tmp_path / name).write_text(text, encoding="utf-8")
    article, _ = read_article(ArticleSource(tmp_path / name))
    start = article.text.index(phrase)
    first, last = article.source_span(start, start + len(phrase))
    piece = article.source_text[first:last]
    assert prepare(piece, name)[0].text == phrase
    assert article.source_text.startswith(piece[:1], first) and piece[-1:] == article.source_text[last - 1:last]


def test_nfc_makes_one_name_of_two_spellings():
    composed, decomposed = "R\u00e9mi Sabourin", "Re\u0301mi Sabourin"
    assert composed != decomposed
    assert clean_text(composed).text == clean_text(decomposed).text == unicodedata.normalize("NFC", composed)


def test_html_text_maps_every_character_into_the_page():
    mapped = html_to_text(HTML_PAGE)
    assert len(mapped.starts) == len(mapped.text) == len(mapped.ends)
    assert all(0 <= s < e <= len(HTML_PAGE) for s, e in zip(mapped.starts, mapped.ends))


@pytest.mark.parametrize("module", [articles, hygiene])
def test_doctests(module):
    assert doctest.testmod(module).failed == 0
