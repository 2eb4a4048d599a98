"""Benchmark: the canned queries on the embedded Oxigraph store and on rdflib's own engine.

A synthetic graph stands in for N articles' worth of facts, made without extraction: facts
are drawn (deterministically for a seed) from the knowledge base's real actors, boards,
regions and policies, with dates over the 2019-2020 dispute, and written by ``graph.rdf`` and
``graph.store.to_quads``, so the graph has exactly the shape a build gives (one named graph
per article, entity labels once in the shared entities graph).

For each size it reports load times (Oxigraph on disk: bulk load + optimize, as ``build``
does, and read-only opening, as ``query`` does; Oxigraph in memory: ``bulk_extend``; rdflib:
parsing the N-Quads into a ``Dataset``, as a notebook would) and, for each canned query
unfiltered and a few filtered ones (one actor; one actor in one month; one month), the median
over ``--repeat`` runs on each engine and the ratio rdflib / Oxigraph on disk (the store the
command line uses). On disk it also gives the median CPU time of the process, which other
work on a shared machine inflates far less than the wall-clock time. rdflib runs only at sizes
up to ``--rdflib-max``, ``--rdflib-repeat`` times without a warm-up run: at 1,000 articles one
unfiltered query takes it 10-30 s. ``--queries DIR`` times another version of the canned
queries (same names), to compare query shapes on the same graph.

    python bench/bench_queries.py --sizes 1000 10000

Prints a Markdown table and the load average; nothing here is a test.
"""

from __future__ import annotations

import argparse
import gc
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

import pyoxigraph as ox

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from graph.kb import load_kb  # noqa: E402
from graph.model import Article, ArticleResult, Entity, Evidence, Fact  # noqa: E402
from graph.queries import QUERY_DIR, OxigraphEngine, RdflibEngine, load_queries, run  # noqa: E402
from graph.rdf import article_graph, entities_graph, entity_iri  # noqa: E402
from graph.store import load_store, open_store, to_quads  # noqa: E402

__all__ = ["synthetic_quads", "bench", "main"]

FIRST_DAY, DAYS = date(2019, 8, 1), 335
#: relation -> (weight, agent types, object types)
RELATIONS = {
    "opposes": (30, ("Union", "Person", "PoliticalParty", "ParentGroup", "StudentGroup"), ("Policy", "PolicyVersion")),
    "supports": (8, ("Government", "Ministry", "Person"), ("Policy", "PolicyVersion")),
    "proposes": (14, ("Government", "Ministry", "Person", "Union"), ("Policy", "PolicyVersion")),
    "responds-to": (16, ("Person", "Union", "Government"), ("Person", "Union", "Government", "Ministry")),
    "strikes-at": (18, ("Union",), ("SchoolBoard", "Region")),
    "represents": (14, ("Person",), ("Union", "Government", "Ministry", "PoliticalParty")),
}
ACTIONS = ("one-day strike", "rotating strike", "walkout", "full strike", "work-to-rule", "information picket", "")
ROLES = ("president", "minister", "spokesperson", "critic", "chief negotiator")
#: (label, query, parameters): the filtered runs; the target is on "one actor, one month".
FILTERED = (
    ("who-opposed, actor=OSSTF", "who-opposed", {"actor": "OSSTF"}),
    ("timeline, actor=OSSTF, one month", "timeline", {"actor": "OSSTF", "since": "2019-12-01", "until": "2019-12-31"}),
    ("strikes, one month", "strikes", {"since": "2020-01-01", "until": "2020-01-31"}),
)


def _pools(entities: list[Entity]) -> dict[str, list[Entity]]:
    pools: dict[str, list[Entity]] = {}
    for entity in entities:
        pools.setdefault(entity.type, []).append(entity)
    return pools


def _fact(rng: random.Random, pools: dict, name: str, day: date, start: int) -> Fact:
    relation = rng.choices(list(RELATIONS), weights=[w for w, _, _ in RELATIONS.values()])[0]
    _, agents, objects = RELATIONS[relation]
    agent = rng.choice([e for t in agents for e in pools.get(t, ())])
    target = rng.choice([e for t in objects for e in pools.get(t, ()) if e.id != agent.id])
    sentence = f"{agent.name} {relation.replace('-', ' ')} {target.name}, the article reported on {day:%B %d}."
    dated = rng.random() > 0.15
    return Fact(relation, agent.id, target.id, Evidence(name, sentence, start, start + len(sentence)),
                f"{relation}/synthetic", date=day - timedelta(days=rng.randint(0, 3)) if dated else None,
                role=rng.choice(ROLES) if relation == "represents" else "",
                action=rng.choice(ACTIONS) if relation == "strikes-at" else "")


def synthetic_quads(articles: int, seed: int = 1) -> list[ox.Quad]:
    """The quads of ``articles`` synthetic articles (3 to 9 facts each), same for the same seed."""
    kb = load_kb()
    entities = sorted(kb.entities.values(), key=lambda e: e.id)
    pools, iris = _pools(entities), {e.id: entity_iri(e) for e in entities}
    quads = to_quads(entities_graph(entities, kb.entities))
    for index in range(articles):
        rng = random.Random(f"{seed}:{index}")
        name = f"{index:06d}_synthetic.txt"
        day = FIRST_DAY + timedelta(days=rng.randrange(DAYS))
        facts = tuple(_fact(rng, pools, name, day, 100 * i) for i in range(rng.randint(3, 9)))
        used = {f.agent for f in facts} | {f.object for f in facts}
        result = ArticleResult(Article(name, "", day), tuple(e for e in entities if e.id in used), facts)
        quads += to_quads(article_graph(result, iris))
    return quads


def _median_ms(function, repeat: int, warm: bool = True, clock=time.perf_counter) -> float:
    if warm:
        function()  # fill caches once; rdflib has none worth a warm-up run of several seconds
    times = []
    for _ in range(repeat):
        start = clock()
        function()
        times.append((clock() - start) * 1000)
    return statistics.median(times)


def _timed(function):
    start = time.perf_counter()
    value = function()
    return value, (time.perf_counter() - start) * 1000


def _load_rdflib(quads: list[ox.Quad]):
    from rdflib import Dataset

    data = ox.serialize(quads, format=ox.RdfFormat.N_QUADS)
    return Dataset().parse(data=data, format="nquads")


def _load_memory(quads: list[ox.Quad]) -> ox.Store:
    store = ox.Store()
    store.bulk_extend(quads)
    return store


def _cell(value: float | None, suffix: str = "") -> str:
    if value is None:
        return "—"
    return f"{value:,.1f}{suffix}" if value < 100 else f"{value:,.0f}{suffix}"


def bench(articles: int, seed: int, repeat: int, with_rdflib: bool, rdflib_repeat: int,
          queries: Path = QUERY_DIR) -> list[str]:
    """Markdown rows for one size: load times, then one row per query."""
    quads = synthetic_quads(articles, seed)
    lines = []
    with tempfile.TemporaryDirectory() as folder:
        _, disk_load = _timed(lambda: load_store(quads, Path(folder)))
        disk = OxigraphEngine(open_store(Path(folder)))
        memory_store, memory_load = _timed(lambda: _load_memory(quads))
        memory = OxigraphEngine(memory_store)
        rdflib_engine, rd_load = None, None
        if with_rdflib:
            dataset, rd_load = _timed(lambda: _load_rdflib(quads))
            rdflib_engine = RdflibEngine(dataset)
        lines.append(f"| {articles:,} | load ({len(quads):,} quads) | {_cell(disk_load)} | | {_cell(memory_load)} | "
                     f"{_cell(rd_load)} | {_cell(rd_load and rd_load / disk_load, 'x')} | |")
        canned = load_queries(queries)
        # The loaded quads and rdflib's Dataset are millions of Python objects that a
        # `strikegraph query` process never holds; frozen, the collector stops walking them
        # during the timed runs.
        gc.collect()
        gc.freeze()
        for label, name, params in [(name, name, {}) for name in canned] + list(FILTERED):
            rows = len(run(disk, canned[name], params).rows)
            disk_ms = _median_ms(lambda: run(disk, canned[name], params), repeat)
            # The process's own CPU time: what the query costs, whatever else the machine runs.
            disk_cpu = _median_ms(lambda: run(disk, canned[name], params), repeat, clock=time.process_time)
            memory_ms = _median_ms(lambda: run(memory, canned[name], params), repeat)
            rd_ms = (_median_ms(lambda: run(rdflib_engine, canned[name], params), rdflib_repeat, warm=False)
                     if rdflib_engine else None)
            lines.append(f"| {articles:,} | {label} | {_cell(disk_ms)} | {_cell(disk_cpu)} | {_cell(memory_ms)} | {_cell(rd_ms)} | "
                         f"{_cell(rd_ms and rd_ms / disk_ms, 'x')} | {rows:,} |")
            print(lines[-1], file=sys.stderr, flush=True)
        gc.unfreeze()
    return lines


def _load_average() -> str:
    return ", ".join(f"{value:.1f}" for value in os.getloadavg())


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000], help="article counts")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=7, help="timed runs per query on Oxigraph")
    parser.add_argument("--rdflib-repeat", type=int, default=3, help="timed runs per query on rdflib")
    parser.add_argument("--rdflib-max", type=int, default=1000, help="largest size to run rdflib at")
    parser.add_argument("--queries", type=Path, default=QUERY_DIR,
                        help="folder of canned queries (same names), to compare query shapes")
    args = parser.parse_args(argv)
    print("| articles | query | Oxigraph on disk, ms | on disk, CPU ms | Oxigraph in memory, ms | rdflib, ms "
          "| rdflib / Oxigraph on disk | rows |")
    print("| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    start = _load_average()
    for size in args.sizes:
        for line in bench(size, args.seed, args.repeat, size <= args.rdflib_max, args.rdflib_repeat, args.queries):
            print(line)
    print(f"\nLoad average (1, 5, 15 minutes): {start} at the start, {_load_average()} at the end.")


if __name__ == "__main__":
    main()
