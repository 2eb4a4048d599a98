"""Articles stage: files on disk + ``metadata.csv`` -> ``Article`` values.

Consumes the paths the user gives (article files or folders of them); produces one
``Article`` per distinct article with its clean text, its publication date and its metadata.
The date comes from ``metadata.csv`` in the article's folder, else from a first line
`` date YYYY-MM-DD``, else it stays unknown (a warning): relative day words are never
resolved against today.

Real folders hold bad input, and one bad file never stops the others: an empty, binary or
undecodable file is skipped with a message that names it and says what to do; text in
Windows-1252 rather than UTF-8 is read with that stated fallback; an HTML page is reduced to
its text; the same text under two names is one article that keeps both names; metadata rows
for missing files, malformed dates and repeated rows are reported. Text hygiene
(``graph.hygiene``) and the blanking of a leading date line or dateline ("OTTAWA -- ")
keep a map back to the file, so every evidence offset is an offset in the file's text.
"""

from __future__ import annotations

import csv
import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from .decoding import decode
from .errors import ArticleError
from .hygiene import prepare, shift_table
from .model import Article

__all__ = [
    "ARTICLE_SUFFIXES",
    "ArticleSource",
    "Reading",
    "find_articles",
    "merge_duplicates",
    "read_all",
    "read_article",
    "read_metadata",
]

ARTICLE_SUFFIXES = (".txt", ".html", ".htm")

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_DATE_LINE = re.compile(r"^\s*date\s+(\d{4}-\d{2}-\d{2})\b[ \t]*")
#: "OTTAWA -- ", "HAMILTON, Ont. — ", "OTTAWA (CP) -- ": a place in capitals, an optional
#: province and wire-service tag, then a dash.
_DATELINE = re.compile(r"^\s*([A-Z][A-Z.'’ -]{1,40}?)(?:,\s*[A-Z][A-Za-z.]+)?(?:\s*\([A-Z][A-Za-z ]{0,20}\))?\s*(?:--|—|–)\s*")



@dataclass(frozen=True)
class ArticleSource:
    """An article file and what its folder's metadata.csv says about it."""

    path: Path
    metadata: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Reading:
    """What reading the paths gave: the articles, every warning, and the files skipped."""

    articles: tuple[Article, ...]
    warnings: tuple[str, ...] = ()
    skipped: tuple[str, ...] = ()


@dataclass
class _Problems:
    """Warnings collected while reading; with ``strict`` the first one stops the build."""

    strict: bool
    warnings: list[str] = field(default_factory=list)

    def add(self, message: str) -> None:
        if self.strict:
            raise ArticleError(f"{message} (stopped by --strict)")
        self.warnings.append(message)


def read_all(paths: list[Path], strict: bool = False, identity: Callable[[str], str] = str) -> Reading:
    """Every article under ``paths``: unreadable files skipped, duplicates merged, all reported.

    ``identity`` maps a file name to what must be unique across articles (the article IRI),
    so two files that would share one named graph are caught here, not merged silently.

    Raises:
        ArticleError: a path does not exist, or (with ``strict``) at the first problem.
    """
    problems = _Problems(strict)
    sources, source_warnings = find_articles(paths)
    for warning in source_warnings:
        problems.add(warning)
    articles, skipped = [], []
    for source in sources:
        try:
            article, warnings = read_article(source)
        except ArticleError as error:
            problems.add(str(error))
            skipped.append(source.path.name)
            continue
        for warning in warnings:
            problems.add(warning)
        articles.append((source.path, article))
    merged, clashes = merge_duplicates(articles, problems.add, identity)
    return Reading(tuple(merged), tuple(problems.warnings), tuple(skipped + clashes))


def find_articles(paths: list[Path]) -> tuple[list[ArticleSource], list[str]]:
    """Article files under ``paths`` (files or folders), in name order, and warnings.

    A file given twice (directly and through its folder) is read once.

    Raises:
        ArticleError: a path does not exist.
    """
    sources, warnings, seen = [], [], set()
    metadata_by_folder: dict[Path, dict[str, dict[str, str]]] = {}
    for path in paths:
        if not path.exists():
            raise ArticleError(f"{path}: no such file or folder; check the path")
        files = [path] if path.is_file() else sorted(
            p for p in path.iterdir() if p.is_file() and p.suffix.lower() in ARTICLE_SUFFIXES)
        for folder in sorted({file.parent for file in files} | ({path} if path.is_dir() else set())):
            if folder not in metadata_by_folder:
                metadata_by_folder[folder], folder_warnings = read_metadata(folder)
                warnings.extend(folder_warnings)
        for file in files:
            if file.resolve() in seen:
                continue
            seen.add(file.resolve())
            row = metadata_by_folder[file.parent].get(file.name, {})
            sources.append(ArticleSource(file, tuple(sorted(row.items()))))
    return sources, warnings


def read_metadata(folder: Path) -> tuple[dict[str, dict[str, str]], list[str]]:
    """Rows of ``folder/metadata.csv`` keyed by file name, and warnings about bad rows.

    Warned: a row without a file name, a file listed twice (the first row is kept), a row
    for a file that is not in the folder.
    """
    path = folder / "metadata.csv"
    if not path.exists():
        return {}, []
    rows: dict[str, dict[str, str]] = {}
    lines: dict[str, int] = {}
    warnings = []
    try:
        text, decode_warnings = decode(path.read_bytes(), path.name)
    except (ArticleError, OSError) as error:
        return {}, [f"{path}: ignored: {error}"]
    reader = csv.DictReader(text.lstrip("\ufeff").splitlines())
    if "file" not in [(column or "").strip() for column in reader.fieldnames or ()]:
        return {}, [f"{path}: ignored, since it has no 'file' column: make its first line 'file,date'"]
    for number, row in enumerate(reader, start=2):
        row = {(k or "").strip(): v for k, v in row.items() if isinstance(k, str)}
        name = (row.get("file") or "").strip()
        if not name:
            warnings.append(f"{path}, line {number}: no file name; the row is ignored: fill in its file column or delete it")
        elif name in rows:
            warnings.append(f"{path}, line {number}: {name} is listed again (first on line {lines[name]}); "
                            "the first row is kept: delete the other one")
        elif not (folder / name).is_file():
            warnings.append(f"{path}, line {number}: there is no file {name} in {folder}; "
                            "add the article file or delete the row")
        else:
            rows[name] = {k: (v or "").strip() for k, v in row.items() if k and k != "file"}
            lines[name] = number
    return rows, [f"{path}: {w}" for w in decode_warnings] + warnings


def read_article(source: ArticleSource) -> tuple[Article, list[str]]:
    """Read one article file into an ``Article``, with warnings about its encoding, form and date.

    Raises:
        ArticleError: the file cannot be read, or is empty, binary or undecodable.
    """
    name = source.path.name
    try:
        raw = source.path.read_bytes()
    except OSError as error:
        raise ArticleError(f"{name}: cannot be read ({error.strerror}); check that the file is readable") from None
    original, warnings = decode(raw, name)
    mapped, is_html = prepare(original, name)
    if not mapped.text.strip():
        what = "an HTML page with no text" if is_html else "only invisible characters"
        raise ArticleError(f"{name}: {what}; add the article's text or remove the file")
    if is_html and not name.lower().endswith((".html", ".htm")):
        warnings.append(f"{name}: HTML, not plain text; its text was taken from the markup "
                        "(save the article as plain text to silence this warning)")
    metadata = dict(source.metadata)
    text, line_date = _blank_date_line(mapped.text)
    text, place = _blank_dateline(text)
    if place:
        metadata.setdefault("dateline", place)
    article_date, date_warnings = _article_date(name, metadata.pop("date", ""), line_date)
    article = Article(name, text, article_date, original, tuple(sorted(metadata.items())),
                      offset_shift=shift_table(mapped.starts), end_shift=shift_table(mapped.ends, base=1))
    return article, warnings + date_warnings


def merge_duplicates(found: list[tuple[Path, Article]], report: Callable[[str], None],
                     identity: Callable[[str], str] = str) -> tuple[list[Article], list[str]]:
    """One article per text: a later file with the same text adds its name to the first's.

    Returns the articles and the names of files skipped because another, different article
    already has their identity (the same file name in two folders).
    """
    by_text: dict[str, int] = {}
    by_identity: dict[str, Path] = {}
    articles: list[Article] = []
    clashes: list[str] = []
    for path, article in found:
        digest = hashlib.sha256(article.source_text.encode("utf-8")).hexdigest()
        if digest in by_text:
            first = articles[by_text[digest]]
            articles[by_text[digest]] = replace(first, also_known_as=first.also_known_as + (article.name,))
            report(f"{path}: the same text as {first.name}; built once as {first.name}, with both names "
                   "recorded: delete one of the copies to silence this warning")
            continue
        key = identity(article.name)
        if key in by_identity:
            report(f"{path}: {by_identity[key]} is already read under the same article name; "
                   "this one is skipped: rename one of the two files")
            clashes.append(article.name)
            continue
        by_text[digest], by_identity[key] = len(articles), path
        articles.append(article)
    return articles, clashes


def _article_date(name: str, metadata_date: str, line_date: str) -> tuple[date | None, list[str]]:
    warnings = []
    for value, where in ((metadata_date, "metadata.csv"), (line_date, "its date line")):
        if not value:
            continue
        try:
            day = date.fromisoformat(value) if _ISO_DATE.fullmatch(value) else None
        except ValueError:
            day = None
        if day is None:
            warnings.append(f"{name}: the date {value!r} in {where} is not a real date written YYYY-MM-DD; "
                            f"correct it in {where}")
            continue
        return day, [w + f"; meanwhile the date in {where} is used" for w in warnings]
    if warnings:
        return None, [w + "; until then relative dates in this article stay unresolved" for w in warnings]
    return None, [(f"{name}: no date in metadata.csv or a first 'date YYYY-MM-DD' line; add one, "
                   "since until then relative dates in this article stay unresolved")]


def _blank(text: str, start: int, end: int) -> str:
    return text[:start] + " " * (end - start) + text[end:]


def _blank_date_line(text: str) -> tuple[str, str]:
    match = _DATE_LINE.match(text)
    if not match:
        return text, ""
    return _blank(text, match.start(), match.end()), match.group(1)


def _blank_dateline(text: str) -> tuple[str, str]:
    """The dateline opening the story, or its first paragraph after a one-line headline
    ("Teachers picket in Kingston\n\nKINGSTON -- Public high schools ..."): a place that
    says where the story was filed, not what it tells of."""
    match, shift = _DATELINE.match(text), 0
    headline = re.match(r"[^\n]{1,200}\n[ \t]*\n", text)
    if not match and headline:
        match, shift = _DATELINE.match(text[headline.end():]), headline.end()
    if not match:
        return text, ""
    return _blank(text, shift + match.start(), shift + match.end()), match.group(1).strip().title()
