"""Text hygiene for the articles stage: file text -> clean text, with a map back to the file.

Consumes the decoded text of an article file; produces ``Mapped`` text that extraction can
trust (markup of an HTML page dropped, byte-order marks, NUL and other control characters,
zero-width and bidirectional marks and terminal escape codes removed, odd spaces made plain,
everything NFC-normalised so "Rémi" typed two ways is one name) together with, for every
character kept, the span of file text it came from. Evidence offsets are read through that
map, so they always point at what the user has on disk.

Pure functions of strings: no files, no spaCy.
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass
from html.parser import HTMLParser

__all__ = ["Mapped", "clean_text", "html_to_text", "looks_like_html", "prepare", "shift_table"]

_ANSI = (r"\x1b\[[0-?]*[ -/]*[@-~]"          # CSI: colours, cursor moves
         r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"  # OSC: window titles, hyperlinks
         r"|\x1b[PX^_][^\x1b]*(?:\x1b\\)?"      # DCS, SOS, PM, APC strings
         r"|\x1b[ -/]*(?:[0-~](?![\u0300-\u036f]))?")  # two-character escapes (not a letter that
                                                          # carries an accent), or a lone ESC
_INVISIBLE = "\x00-\x08\x0e-\x1a\x1c-\x1f\x7f\x80-\x84\x86-\x9f\u00ad\u180e\u200b-\u200f\u202a-\u202e" \
             "\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\ufffe\uffff"
_LINE_BREAKS = "\x0b\x0c\x85\u2028\u2029"
_SPACES = "\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000"
_DIRTY = re.compile(f"{_ANSI}|[{_INVISIBLE}]+|[{_LINE_BREAKS}]|[{_SPACES}]")
_HTML_START = re.compile(r"\A\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title|div|p|article)\b",
                         re.IGNORECASE | re.DOTALL)
_HTML_SUFFIXES = (".html", ".htm", ".xhtml")
_SKIPPED_ELEMENTS = frozenset({"script", "style", "head", "noscript", "template", "svg", "math", "iframe",
                               "object", "canvas", "select", "textarea", "button"})
_BLOCK_ELEMENTS = frozenset({"p", "div", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol",
                             "dl", "dt", "dd", "tr", "table", "article", "section", "header", "footer",
                             "main", "aside", "nav", "blockquote", "pre", "figure", "figcaption", "address",
                             "body", "html", "form", "fieldset", "legend", "details", "summary", "caption"})


@dataclass(frozen=True)
class Mapped:
    """Text and, for each of its characters, the span of original text it came from.

    ``starts[i]:ends[i]`` is the original span of ``text[i]``; both are empty when the text
    is the original itself (the usual case, kept cheap).
    """

    text: str
    starts: tuple[int, ...] = ()
    ends: tuple[int, ...] = ()

    def then(self, inner: Mapped) -> Mapped:
        """``inner`` (a cleaning of ``self.text``) mapped all the way back to the original."""
        if not inner.starts:
            return Mapped(inner.text, self.starts, self.ends)
        if not self.starts:
            return inner
        starts = tuple(self.starts[i] for i in inner.starts)
        ends = tuple(self.ends[i - 1] if i else 0 for i in inner.ends)
        return Mapped(inner.text, starts, ends)


class _Builder:
    """Collects output pieces with the original span of every character."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.starts: list[int] = []
        self.ends: list[int] = []

    def copy(self, text: str, at: int) -> None:
        self.parts.append(text)
        self.starts.extend(range(at, at + len(text)))
        self.ends.extend(range(at + 1, at + len(text) + 1))

    def put(self, text: str, start: int, end: int) -> None:
        self.parts.append(text)
        self.starts.extend([start] * len(text))
        self.ends.extend([end] * len(text))

    def mapped(self) -> Mapped:
        return Mapped("".join(self.parts), tuple(self.starts), tuple(self.ends))


def prepare(text: str, name: str = "") -> tuple[Mapped, bool]:
    """What extraction reads of a file named ``name``: markup dropped if it is HTML, then cleaned.

    Returns the mapped clean text and whether the file was read as HTML.
    """
    is_html = looks_like_html(name, text)
    extracted = html_to_text(text) if is_html else Mapped(text)
    return extracted.then(clean_text(extracted.text)), is_html


def clean_text(text: str) -> Mapped:
    """Remove invisible and control characters and escape codes, plain the spaces, NFC-normalise.

    >>> clean_text("\\ufeffRe\\u0301mi\\u200b said\\x00 \\x1b[1mno\\x1b[0m.").text
    'Rémi said no.'
    """
    if not _DIRTY.search(text) and unicodedata.is_normalized("NFC", text):
        return Mapped(text)
    builder, at, changed = _Builder(), 0, False
    for match in _DIRTY.finditer(text):
        changed = True
        builder.copy(text[at:match.start()], at)
        piece = match.group()
        if piece in _LINE_BREAKS:
            builder.put("\n", match.start(), match.end())
        elif re.fullmatch(f"[{_SPACES}]", piece):
            builder.put(" ", match.start(), match.end())
        at = match.end()
    builder.copy(text[at:], at)
    stripped = builder.mapped() if changed else Mapped(text)
    return stripped.then(_nfc(stripped.text))


def _nfc(text: str) -> Mapped:
    """NFC, cluster by cluster, so each composed character maps to the characters it replaced."""
    if unicodedata.is_normalized("NFC", text):
        return Mapped(text)
    builder, start = _Builder(), 0
    for index in range(1, len(text) + 1):
        if index < len(text) and _continues(text[index - 1], text[index]):
            continue
        cluster = text[start:index]
        normal = unicodedata.normalize("NFC", cluster)
        if normal == cluster:
            builder.copy(cluster, start)
        else:
            builder.put(normal, start, index)
        start = index
    return builder.mapped()


def _continues(previous: str, char: str) -> bool:
    """Whether ``char`` may combine with what precedes it (a mark, or a composing starter)."""
    if unicodedata.combining(char):
        return True
    if char.isascii():
        return False
    pair = previous + char
    return unicodedata.normalize("NFC", pair) != pair


def looks_like_html(name: str, text: str) -> bool:
    """An HTML page by its name, or by text that opens with markup (plain news text never does).

    >>> looks_like_html("story.txt", "<!DOCTYPE html><html><p>Text</p></html>")
    True
    >>> looks_like_html("story.txt", "Teachers <3 their students.")
    False
    """
    return name.lower().endswith(_HTML_SUFFIXES) or bool(_HTML_START.match(text[:4096]))


def html_to_text(source: str) -> Mapped:
    """The readable text of an HTML page, paragraphs kept, markup and scripts dropped.

    >>> html_to_text("<p>Lecce <b>said</b>\\n  no &amp; left.</p><script>x()</script>").text.strip()
    'Lecce said no & left.'
    """
    parser = _TextParser(source)
    parser.feed(source)
    parser.close()
    return parser.builder.mapped()


class _TextParser(HTMLParser):
    """Keeps text nodes (whitespace runs made one space) and turns block elements into breaks."""

    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=False)
        self.source = source
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", source)]
        self.builder = _Builder()
        self.skipping: list[str] = []

    def _offset(self) -> int:
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def _break(self, start: int, end: int, text: str = "\n\n") -> None:
        if self.builder.parts and not self.builder.parts[-1].endswith("\n"):
            self.builder.put(text, start, end)

    def handle_starttag(self, tag: str, attrs) -> None:
        start = self._offset()
        raw = self.get_starttag_text() or ""
        if tag in _SKIPPED_ELEMENTS and not raw.rstrip(">").endswith("/"):
            self.skipping.append(tag)
        elif tag in _BLOCK_ELEMENTS and not self.skipping:
            self._break(start, start + len(raw), "\n" if tag == "br" else "\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.skipping:
            del self.skipping[self.skipping.index(tag):]
        elif tag in _BLOCK_ELEMENTS and not self.skipping:
            start = self._offset()
            end = self.source.find(">", start) + 1 or len(self.source)
            self._break(start, end)

    def handle_data(self, data: str) -> None:
        if self.skipping:
            return
        start = self._offset()
        at = 0
        for match in re.finditer(r"\s+", data):
            self.builder.copy(data[at:match.start()], start + at)
            self.builder.put(" ", start + match.start(), start + match.end())
            at = match.end()
        self.builder.copy(data[at:], start + at)

    def _reference(self, raw: str) -> None:
        if self.skipping:
            return
        start = self._offset()
        end = start + len(raw) + (self.source.startswith(";", start + len(raw)))
        self.builder.put(html.unescape(self.source[start:end]), start, end)

    def handle_entityref(self, name: str) -> None:
        self._reference(f"&{name}")

    def handle_charref(self, name: str) -> None:
        self._reference(f"&#{name}")

    def unknown_decl(self, data: str) -> None:
        if data.upper().startswith("CDATA["):
            self.handle_data(data[6:])


def shift_table(positions: tuple[int, ...], base: int = 0) -> tuple[tuple[int, int], ...]:
    """Compress a position map into (index, shift) pairs, one wherever the shift changes.

    ``positions[i] - (i + base)`` is the shift of index ``i + base``; the pairs let
    ``Article`` look offsets up without keeping one integer per character.

    >>> shift_table((0, 1, 3, 4))
    ((2, 1),)
    """
    pairs, shift = [], 0
    for index, position in enumerate(positions):
        if position - (index + base) != shift:
            shift = position - (index + base)
            pairs.append((index + base, shift))
    return tuple(pairs)
