"""Articles stage: files on disk + ``metadata.csv`` -> ``Article`` values.

Consumes the paths the user gives (article files or folders of them); produces one
``Article`` per file with its text, its publication date and its metadata. The date comes
from ``metadata.csv`` in the article's folder, else from a first line `` date YYYY-MM-DD``,
else it stays unknown (a warning): relative day words are never resolved against today.

A leading date line and a dateline ("OTTAWA -- ") are blanked with spaces rather than cut,
so every offset in the extraction text is also an offset in the file.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from .errors import ArticleError
from .model import Article

__all__ = ["ArticleSource", "find_articles", "read_article", "read_metadata", "ARTICLE_SUFFIXES"]

ARTICLE_SUFFIXES = (".txt",)

_DATE_LINE = re.compile(r"^\s*date\s+(\d{4}-\d{2}-\d{2})\b[ \t]*")
_DATELINE = re.compile(r"^\s*([A-Z][A-Z.'’ -]{1,40}?)(?:,\s*[A-Z][A-Za-z.]+)?\s*(?:--|—|–)\s*")


@dataclass(frozen=True)
class ArticleSource:
    """An article file and what its folder's metadata.csv says about it."""

    path: Path
    metadata: tuple[tuple[str, str], ...] = ()


def find_articles(paths: list[Path]) -> tuple[list[ArticleSource], list[str]]:
    """Article files under ``paths`` (files or folders), in name order, and warnings.

    Raises:
        ArticleError: a path does not exist.
    """
    sources, warnings = [], []
    for path in paths:
        if not path.exists():
            raise ArticleError(f"{path}: no such file or folder")
        files = [path] if path.is_file() else sorted(
            p for p in path.iterdir() if p.is_file() and p.suffix.lower() in ARTICLE_SUFFIXES)
        metadata_by_folder: dict[Path, dict[str, dict[str, str]]] = {}
        for file in files:
            folder = file.parent
            if folder not in metadata_by_folder:
                metadata_by_folder[folder], folder_warnings = read_metadata(folder)
                warnings.extend(folder_warnings)
            row = metadata_by_folder[folder].get(file.name, {})
            sources.append(ArticleSource(file, tuple(sorted(row.items()))))
    return sources, warnings


def read_metadata(folder: Path) -> tuple[dict[str, dict[str, str]], list[str]]:
    """Rows of ``folder/metadata.csv`` keyed by file name, and warnings about bad rows."""
    path = folder / "metadata.csv"
    if not path.exists():
        return {}, []
    rows: dict[str, dict[str, str]] = {}
    warnings = []
    with path.open(encoding="utf-8-sig", newline="") as handle:
        for number, row in enumerate(csv.DictReader(handle), start=2):
            name = (row.get("file") or "").strip()
            if not name:
                warnings.append(f"{path}, line {number}: no file name; row ignored")
                continue
            if name in rows:
                warnings.append(f"{path}, line {number}: {name} is listed twice; the first row is kept")
                continue
            rows[name] = {k.strip(): (v or "").strip() for k, v in row.items() if k and k != "file"}
    return rows, warnings


def read_article(source: ArticleSource) -> tuple[Article, list[str]]:
    """Read one article file into an ``Article``, with warnings about its date.

    Raises:
        ArticleError: the file is empty or cannot be read as text.
    """
    raw = source.path.read_bytes()
    try:
        original = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ArticleError(f"{source.path.name}: not UTF-8 text; save it as UTF-8 and build again") from None
    if not original.strip():
        raise ArticleError(f"{source.path.name}: the file is empty; remove it or add its text")
    metadata = dict(source.metadata)
    text, line_date = _blank_date_line(original)
    text, place = _blank_dateline(text)
    if place:
        metadata.setdefault("dateline", place)
    article_date, warnings = _article_date(source.path.name, metadata.get("date", ""), line_date)
    metadata.pop("date", None)
    article = Article(source.path.name, text, article_date, original, tuple(sorted(metadata.items())))
    return article, warnings


def _article_date(name: str, metadata_date: str, line_date: str) -> tuple[date | None, list[str]]:
    for value, where in ((metadata_date, "metadata.csv"), (line_date, "its date line")):
        if not value:
            continue
        try:
            return date.fromisoformat(value), []
        except ValueError:
            return None, [f"{name}: the date {value!r} in {where} is not YYYY-MM-DD; "
                          "relative dates in this article stay unresolved"]
    return None, [f"{name}: no date in metadata.csv or a first 'date YYYY-MM-DD' line; "
                  "relative dates in this article stay unresolved"]


def _blank(text: str, start: int, end: int) -> str:
    return text[:start] + " " * (end - start) + text[end:]


def _blank_date_line(text: str) -> tuple[str, str]:
    match = _DATE_LINE.match(text)
    if not match:
        return text, ""
    return _blank(text, match.start(), match.end()), match.group(1)


def _blank_dateline(text: str) -> tuple[str, str]:
    match = _DATELINE.match(text)
    if not match:
        return text, ""
    return _blank(text, match.start(), match.end()), match.group(1).strip().title()
