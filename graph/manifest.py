"""Build manifest: what a build folder already holds, so a rebuild extracts only what changed.

Consumes the ``ArticleResult`` values of a build; produces one ``articles/<key>.json`` per
article (its file text, names, entities, facts and warnings) and ``manifest.json`` listing the
articles of the last complete build. An article's key is a hash of everything extraction
reads from it (name, other names, text, date, metadata); the fingerprint stored with each
result is a hash of the code and data files of the ``graph`` package and the spaCy pipeline.
A rebuild reuses every stored result with the article's key and the current fingerprint and
extracts the rest; the graph is then made from all results exactly as a full build makes
it, so it is byte-identical.

Each result is stored atomically as soon as it is extracted, so a build killed part-way
keeps the work it finished; files the manifest of a complete build does not list are then
removed. The stored texts also let ``graph.validate`` check evidence offsets.
"""

from __future__ import annotations

import fcntl
import functools
import hashlib
import json
import types
import typing
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import fields, is_dataclass
from datetime import date
from pathlib import Path

from .errors import StoreError
from .model import Article, ArticleResult, Entity, Fact
from .store import replace_file

__all__ = [
    "ARTICLES_DIR",
    "MANIFEST_FILE",
    "article_key",
    "build_lock",
    "code_fingerprint",
    "save_manifest",
    "store_results",
    "stored_result",
    "stored_texts",
]

MANIFEST_FILE = "manifest.json"
ARTICLES_DIR = "articles"
LOCK_FILE = ".build.lock"
FORMAT = 1
_PACKAGE = Path(__file__).resolve().parent
_CODE_SUFFIXES = (".py", ".json", ".jsonl", ".ttl", ".csv", ".txt")


def stored_result(out: Path, fingerprint: str, article: Article) -> ArticleResult | None:
    """The result stored for ``article`` under ``fingerprint`` in ``out``, or None if there is none."""
    key = article_key(article)
    try:
        data = json.loads((out / ARTICLES_DIR / f"{key[:32]}.json").read_text(encoding="utf-8"))
        if data["key"] != key or data["fingerprint"] != fingerprint or data["format"] != FORMAT:
            return None
        entities = tuple(_from_json(Entity, item) for item in data["entities"])
        facts = tuple(_from_json(Fact, item) for item in data["facts"])
        return ArticleResult(article, entities, facts, tuple(data["warnings"]))
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


@functools.cache
def code_fingerprint(extra: str = "") -> str:
    """Hash of the package's code and data files plus ``extra`` (the spaCy pipeline's name and version).

    Any change to how articles are read or facts extracted changes it, and the next build
    is then a full one: a stale stored result can never reach the graph. It is taken once
    per process, so it describes the code that is running even if files change meanwhile.
    """
    digest = hashlib.sha256(f"{FORMAT}|{extra}".encode())
    for path in sorted(_PACKAGE.rglob("*")):
        if path.suffix in _CODE_SUFFIXES and "__pycache__" not in path.parts and path.is_file():
            digest.update(str(path.relative_to(_PACKAGE)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def article_key(article: Article) -> str:
    """Hash of everything extraction reads from an article."""
    parts = (article.name, article.also_known_as, article.text, article.source_text, str(article.date),
             article.metadata, article.offset_shift, article.end_shift)
    return hashlib.sha256(json.dumps(parts, ensure_ascii=False).encode("utf-8")).hexdigest()


def store_results(out: Path, fingerprint: str, results: Iterable[ArticleResult]) -> None:
    """Store each article's result under its key, for the next build to reuse."""
    folder = out / ARTICLES_DIR
    folder.mkdir(parents=True, exist_ok=True)
    for result in results:
        article = result.article
        data = {"format": FORMAT, "fingerprint": fingerprint, "key": article_key(article), "name": article.name,
                "also_known_as": list(article.also_known_as), "source_text": article.source_text,
                "entities": [_to_json(e) for e in result.entities], "facts": [_to_json(f) for f in result.facts],
                "warnings": list(result.warnings)}
        replace_file(folder / _file_name(article), _dump(data))


def save_manifest(out: Path, fingerprint: str, results: Iterable[ArticleResult]) -> None:
    """List every article of a complete build in ``out/manifest.json``, then drop unlisted stored results."""
    entries = [{"name": r.article.name, "also_known_as": list(r.article.also_known_as),
                "key": article_key(r.article), "file": f"{ARTICLES_DIR}/{_file_name(r.article)}"}
               for r in results]
    replace_file(out / MANIFEST_FILE, _dump({"format": FORMAT, "fingerprint": fingerprint, "articles": entries}))
    listed = {entry["file"].rsplit("/", 1)[1] for entry in entries}
    for path in (out / ARTICLES_DIR).glob("*.json"):
        if path.name not in listed:
            path.unlink(missing_ok=True)


def stored_texts(out: Path) -> dict[str, str]:
    """Every stored article file text in ``out``, by its content hash (``sg:contentHash``).

    Keyed by content rather than by name so that it matches whichever graph is in ``out``,
    even one written by a build killed before its manifest.
    """
    texts: dict[str, str] = {}
    for path in sorted((out / ARTICLES_DIR).glob("*.json")):
        try:
            text = json.loads(path.read_text(encoding="utf-8"))["source_text"]
        except (OSError, ValueError, KeyError, TypeError):
            continue
        texts[hashlib.sha256(text.encode("utf-8")).hexdigest()] = text
    return texts


@contextmanager
def build_lock(out: Path) -> Iterator[None]:
    """Hold ``out`` for one build; leftovers of a killed build are removed once it is held.

    The lock is an OS file lock, released by the kernel when the process ends in any way.

    Raises:
        StoreError: another build is writing to ``out``.
    """
    out.mkdir(parents=True, exist_ok=True)
    with open(out / LOCK_FILE, "w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise StoreError(f"another build is writing to {out}; wait for it to finish, or use another --out") from None
        for leftover in [*out.glob(".*.tmp"), *out.glob(f"{ARTICLES_DIR}/.*.tmp"), *out.glob(".store.*.link")]:
            leftover.unlink(missing_ok=True)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _file_name(article: Article) -> str:
    return f"{article_key(article)[:32]}.json"


def _dump(data: dict) -> bytes:
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8")


def _to_json(value):
    if is_dataclass(value):
        return {f.name: _to_json(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (tuple, list)):
        return [_to_json(item) for item in value]
    return value


def _from_json(kind, data):
    """Rebuild a value of type ``kind`` (a dataclass, date, tuple or plain type) from JSON."""
    if is_dataclass(kind):
        hints = typing.get_type_hints(kind)
        return kind(**{name: _from_json(hints[name], value) for name, value in data.items()})
    if data is None:
        return None
    origin, args = typing.get_origin(kind), typing.get_args(kind)
    if origin in (typing.Union, types.UnionType):
        return _from_json(next(a for a in args if a is not type(None)), data)
    if origin is tuple:
        item = args[0] if args else object
        if len(args) == 2 and args[1] is Ellipsis or len(args) == 1:
            return tuple(_from_json(item, value) for value in data)
        return tuple(_from_json(a, value) for a, value in zip(args, data))
    if kind is date:
        return date.fromisoformat(data)
    return data
