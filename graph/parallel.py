"""Extraction on every core, or on a Dask cluster: articles -> ``ArticleResult`` values, in order.

Extraction (spaCy parse, entities, facts) is independent per article and is nearly all of a
build's time, so it is the one step spread out; RDF, sorting and the store stay in the
calling process, which merges the results in input order. The output therefore does not
depend on how many workers there were, or where they ran: ``jobs=1``, ``jobs=N`` and a
cluster give byte-identical graphs (spaCy's parse of a text does not depend on the batch it
is in, which the tests check).

Articles travel in chunks, so each worker pays the per-call cost once per chunk and keeps
spaCy's batches full. Each worker loads the extractor once: a local pool inherits the
caller's (fork) or receives a copy (spawn); a Dask worker calls the ``load`` function it is
sent (``functools.partial(load_extractor, model)``) on its first chunk and keeps the result
for every later chunk and build, so cluster workers need strikegraph and the model installed,
and run best with one thread each
(``dask worker tcp://HOST:PORT --nworkers N --nthreads 1``).
"""

from __future__ import annotations

import math
import multiprocessing
import os
import pickle
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace

from .errors import GraphError
from .model import Article, ArticleResult

__all__ = ["CHUNK_SIZE", "chunked", "default_jobs", "extract_results"]

#: Articles per task: a multiple of the spaCy batch (16) and small enough to balance the load.
CHUNK_SIZE = 32

#: Stands in for the article in results sent back by workers: the caller already holds it.
_NO_ARTICLE = Article("", "", None)

_worker_extractor = None
_cluster_extractors: dict[bytes, object] = {}
_cluster_lock = threading.Lock()


def default_jobs() -> int:
    """Every core of the machine."""
    return os.cpu_count() or 1


def extract_results(articles: Iterable[Article], load: Callable[[], object], jobs: int | None = None,
                    scheduler: str | None = None, extractor=None,
                    progress: Callable[[Iterable], Iterable] | None = None) -> list[ArticleResult]:
    """Extract every article with ``jobs`` processes, or on the Dask cluster at ``scheduler``.

    Args:
        articles: the articles, whose order the results keep.
        load: loads an ``Extractor`` where none is at hand; picklable by reference, e.g.
            ``functools.partial(graph.pipeline.load_extractor, model)``.
        jobs: worker processes on this machine (None: every core; 1: in this process).
        scheduler: ``tcp://HOST:PORT`` of a Dask scheduler; overrides ``jobs``.
        extractor: an already loaded ``Extractor`` (used in process and by local workers).
        progress: wraps the stream of results, e.g. a progress bar.

    Raises:
        GraphError: the cluster cannot be reached or a worker failed.
    """
    articles = list(articles)
    jobs = default_jobs() if jobs is None else max(1, jobs)
    if scheduler:
        stream = _on_cluster(articles, load, scheduler)
    elif jobs == 1 or len(articles) < 2:
        stream = (extractor or load()).extract(articles)
    else:
        stream = _on_pool(articles, load, jobs, extractor)
    return list((progress or iter)(stream))


def chunked(articles: list[Article], jobs: int, size: int = CHUNK_SIZE) -> list[list[Article]]:
    """Consecutive chunks of at most ``size``, at least one per job when there are few articles.

    >>> [len(c) for c in chunked([_NO_ARTICLE] * 5, jobs=2)]
    [3, 2]
    """
    size = max(1, min(size, math.ceil(len(articles) / jobs)))
    return [articles[start:start + size] for start in range(0, len(articles), size)]


def _on_pool(articles: list[Article], load: Callable[[], object], jobs: int, extractor) -> Iterator[ArticleResult]:
    chunks = chunked(articles, jobs)
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    context = multiprocessing.get_context(method)
    with context.Pool(min(jobs, len(chunks)), initializer=_init_worker, initargs=(extractor, load)) as pool:
        for chunk, results in zip(chunks, pool.imap(_extract_chunk, chunks)):
            yield from _with_articles(chunk, results)


def _init_worker(extractor, load: Callable[[], object]) -> None:
    global _worker_extractor
    _worker_extractor = extractor or load()


def _extract_chunk(chunk: list[Article]) -> list[ArticleResult]:
    return [replace(result, article=_NO_ARTICLE) for result in _worker_extractor.extract(chunk)]


def _with_articles(chunk: list[Article], results: list[ArticleResult]) -> Iterator[ArticleResult]:
    if len(results) != len(chunk):
        raise GraphError(f"a worker returned {len(results)} results for {len(chunk)} articles")
    for article, result in zip(chunk, results):
        yield replace(result, article=article)


def _on_cluster(articles: list[Article], load: Callable[[], object], scheduler: str) -> Iterator[ArticleResult]:
    from dask.distributed import Client

    try:
        client = Client(scheduler, timeout="30s", set_as_default=False)
    except OSError as error:
        raise GraphError(f"cannot reach the Dask scheduler at {scheduler}: {error}") from None
    with client:
        workers = max(1, len(client.scheduler_info(n_workers=-1).get("workers", {})))
        chunks = chunked(articles, workers)
        futures = client.map(_extract_on_cluster, chunks, load=load, pure=False)
        for chunk, future in zip(chunks, futures):
            yield from _with_articles(chunk, future.result())


def _extract_on_cluster(chunk: list[Article], load: Callable[[], object]) -> list[ArticleResult]:
    """Runs on a Dask worker: the extractor is loaded on the first chunk and kept."""
    key = pickle.dumps(load)
    with _cluster_lock:
        if key not in _cluster_extractors:
            _cluster_extractors[key] = load()
    extractor = _cluster_extractors[key]
    return [replace(result, article=_NO_ARTICLE) for result in extractor.extract(chunk)]
