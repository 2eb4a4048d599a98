"""The one place the stages are strung together: paths -> articles -> ... -> store.

``Extractor.extract`` runs articles -> mentions -> entities -> facts and returns plain
values; ``build`` adds rdf -> store and writes the build folder.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from spacy.language import Language

from .articles import read_all
from .entities import Lexicon, load_lexicon, resolve_entities
from .facts import extract_facts
from .kb import KnowledgeBase, load_kb
from .manifest import (
    build_lock,
    code_fingerprint,
    save_manifest,
    store_results,
    stored_result,
)
from .mentions import parse_articles
from .model import Article, ArticleResult, Entity
from .nlp import DEFAULT_MODEL, build_nlp
from .parallel import extract_results
from .rdf import article_graph, article_iri, entities_graph, entity_iri
from .render import write_page
from .rules import Rules, load_rules
from .store import to_quads, write_outputs

__all__ = ["BuildSummary", "Extractor", "build", "content_hash", "graph_quads", "iter_graph_quads", "load_extractor", "merge_entities", "read_articles"]


@dataclass(frozen=True)
class Extractor:
    """Everything extraction needs, loaded once: knowledge base, rules, spaCy pipeline."""

    kb: KnowledgeBase
    lexicon: Lexicon
    rules: Rules
    nlp: Language

    def extract(self, articles: Iterable[Article], batch_size: int = 16) -> Iterator[ArticleResult]:
        """One ``ArticleResult`` per article, in order."""
        for parsed in parse_articles(articles, self.nlp, batch_size=batch_size):
            resolved = resolve_entities(parsed, self.kb, self.lexicon)
            facts = extract_facts(resolved, self.kb, self.rules)
            used = ({f.agent for f in facts} | {f.object for f in facts}) - {""}
            entities = {e.id: e for e in resolved.entities if e.id in used}
            for entity_id in used - entities.keys():
                entity = self.kb.entities.get(entity_id)
                if entity:
                    entities[entity_id] = entity
            yield ArticleResult(parsed.article, tuple(sorted(entities.values(), key=lambda e: e.id)), facts)


def load_extractor(model: str = DEFAULT_MODEL) -> Extractor:
    kb = load_kb()
    return Extractor(kb, load_lexicon(), load_rules(), build_nlp(kb, model))


@dataclass(frozen=True)
class BuildSummary:
    """What a build did: counts for the summary line, and every warning it raised."""

    out: Path
    articles: int
    entities: int
    facts: int
    warnings: tuple[str, ...] = ()
    skipped: tuple[str, ...] = ()
    reused: int = 0


def read_articles(paths: list[Path], strict: bool = False) -> tuple[list[Article], list[str], list[str]]:
    """Articles under ``paths``, plus warnings and the names of files that could not be read.

    One unreadable article never stops the others, unless ``strict``; two files whose names
    would give one article IRI are caught here (see ``graph.articles.read_all``).
    """
    reading = read_all(paths, strict, identity=lambda name: str(article_iri(name)))
    return list(reading.articles), list(reading.warnings), list(reading.skipped)


def merge_entities(results: list[ArticleResult], kb: KnowledgeBase) -> dict[str, Entity]:
    """One entity per id across all articles, plus the policy each used version belongs to."""
    merged: dict[str, Entity] = {}
    for result in results:
        for entity in result.entities:
            merged.setdefault(entity.id, entity)
    for entity in list(merged.values()):
        if entity.parent and entity.parent in kb.entities:
            merged.setdefault(entity.parent, kb.entities[entity.parent])
    return dict(sorted(merged.items()))


def graph_quads(results: list[ArticleResult], kb: KnowledgeBase) -> list:
    """Every quad of the build: the shared entities graph and one graph per article."""
    return list(iter_graph_quads(results, kb))


def iter_graph_quads(results: list[ArticleResult], kb: KnowledgeBase) -> Iterator:
    """``graph_quads`` one named graph at a time: a build never holds every quad (or every
    rdflib graph) at once, which at 10k articles would be gigabytes."""
    entities = merge_entities(results, kb)
    iris = {entity_id: entity_iri(entity) for entity_id, entity in entities.items()}
    yield from to_quads(entities_graph(list(entities.values()), kb.entities))
    for result in results:
        yield from to_quads(article_graph(result, iris, content_hash(result.article)))


def content_hash(article: Article) -> str:
    return hashlib.sha256(article.source_text.encode("utf-8")).hexdigest()


def build(paths: list[Path], out: Path = Path("build"), model: str = DEFAULT_MODEL, strict: bool = False,
          progress: Callable[[Iterable], Iterable] | None = None, extractor: Extractor | None = None,
          jobs: int | None = None, scheduler: str | None = None, full: bool = False) -> BuildSummary:
    """Build the graph of the articles under ``paths`` into ``out`` (files, store and page).

    Extraction runs on ``jobs`` processes (None: every core) or, given ``scheduler``
    (``tcp://HOST:PORT``), on a Dask cluster; the output is the same either way.
    Articles unchanged since the last build into ``out`` are not extracted again (see
    ``graph.manifest``) unless ``full``; the graph is the same either way.

    Raises:
        ArticleError: a path does not exist, or (with ``strict``) at the first problem with an article.
        StoreError: another build is writing to ``out``.
        GraphError: the spaCy model is missing, or a data file is malformed.
    """
    articles, warnings, skipped = read_articles(paths, strict)
    extractor = extractor or load_extractor(model)
    with build_lock(out):
        stamp = code_fingerprint(_pipeline_id(extractor))
        cached = {article.name: None if full else stored_result(out, stamp, article) for article in articles}
        todo = [article for article in articles if cached[article.name] is None]
        keeping = _keeping(out, stamp, progress)  # each result stored as it comes: a killed build keeps its work
        extracted = extract_results(todo, partial(load_extractor, model), jobs, scheduler, extractor,
                                    keeping) if todo else []
        fresh = {article.name: result for article, result in zip(todo, extracted)}
        results = [cached[article.name] or fresh[article.name] for article in articles]
        write_outputs(iter_graph_quads(results, extractor.kb), out)
        write_page(out)  # out/graph.html, drawn from the store just written
        save_manifest(out, stamp, results)
    entity_count = len(merge_entities(results, extractor.kb))
    return BuildSummary(out, len(results), entity_count, sum(len(r.facts) for r in results),
                        tuple(warnings), tuple(skipped), reused=len(articles) - len(todo))


def _keeping(out: Path, stamp: str, progress: Callable[[Iterable], Iterable] | None):
    def keep(results: Iterable[ArticleResult]) -> Iterator[ArticleResult]:
        for result in (progress or iter)(results):
            store_results(out, stamp, [result])
            yield result
    return keep


def _pipeline_id(extractor: Extractor) -> str:
    """What, besides the package's own files, decides an article's extraction: the spaCy
    pipeline and the knowledge base the extractor was loaded with."""
    meta = extractor.nlp.meta
    return "|".join([meta.get("lang", ""), meta.get("name", ""), meta.get("version", ""),
                     ",".join(extractor.nlp.pipe_names), ",".join(sorted(extractor.kb.entities))])
