"""Bytes -> text: the first step of reading an article file.

Real folders hold files saved the wrong way: a PDF or Word document with a .txt name, an
empty file, text in Windows-1252 rather than UTF-8. Each gets a message that names the
file and says what to do, so the articles stage can skip it and go on with the others.
"""

from __future__ import annotations

import codecs

from .errors import ArticleError

__all__ = ["decode"]

#: File signatures of formats people save articles in by mistake.
_SIGNATURES = ((b"%PDF", "PDF"), (b"PK\x03\x04", "Word (.docx) or other zip"), (b"\xd0\xcf\x11\xe0", "Word (.doc)"),
               (b"{\\rtf", "RTF"), (b"\x89PNG", "PNG image"), (b"\xff\xd8\xff", "JPEG image"),
               (b"GIF8", "GIF image"), (b"\x1f\x8b", "gzip"), (b"\x7fELF", "program"))
_CONTROL_BYTES = bytes(range(9)) + bytes(range(14, 27)) + bytes(range(28, 32))


def decode(raw: bytes, name: str) -> tuple[str, list[str]]:
    """The text of a file's bytes: UTF-8 (or UTF-16 with its byte-order mark), else Windows-1252.

    Raises:
        ArticleError: the bytes are empty, binary, or text in neither encoding.
    """
    if not raw.strip():
        raise ArticleError(f"{name}: the file is empty; add the article's text or remove the file")
    kind = _binary_kind(raw)
    if kind:
        raise ArticleError(f"{name}: a {kind} file, not text; save the article as plain UTF-8 text "
                           "(.txt) or move the file out of the folder")
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return raw.decode("utf-16"), []
    try:
        return raw.decode("utf-8"), []
    except UnicodeDecodeError:
        pass
    try:
        text = raw.decode("cp1252")
    except UnicodeDecodeError:
        raise ArticleError(f"{name}: neither UTF-8 nor Windows-1252 text; save it as UTF-8 and build again") from None
    return text, [(f"{name}: not UTF-8, so it was read as Windows-1252 (cp1252); check its accented letters "
                   "and quotes in the graph, and save the file as UTF-8 to silence this warning")]


def _binary_kind(raw: bytes) -> str:
    """The format of a binary file ("" for text); NUL-heavy data without a signature is "binary"."""
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return ""
    for signature, kind in _SIGNATURES:
        if raw.startswith(signature):
            return kind
    head = raw[:8192]
    controls = sum(head.count(byte) for byte in _CONTROL_BYTES)
    return "binary" if controls > max(16, len(head) // 20) else ""
