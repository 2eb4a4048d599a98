"""Benchmark of the graph page: render time, page size, and first stable render in chromium.

For the seeds (built into a temporary folder unless ``--seeds-build`` names a build) and for
synthetic graphs of ``--nodes`` entities (default 1,000, the 3 s target of issue 3; more
sizes with ``--nodes 1000 2000``), it prints:

* the Python render time (store -> HTML text) and the page's size,
* the time from navigation to the network's first stable drawing in headless chromium
  (physics stabilised and stopped, or the fixed layout drawn), the median of ``--runs``.

    .venv/bin/python bench/bench_render.py
    .venv/bin/python bench/bench_render.py --nodes 1000 3000 --runs 5

The synthetic graph goes through the real rdf and store stages; entity ``i`` and fact ``j``
depend only on the seed, so two runs draw the same graph.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from graph.model import Article, ArticleResult, Entity, Evidence, Fact  # noqa: E402
from graph.rdf import article_graph, entities_graph, entity_iri  # noqa: E402
from graph.render import page_html  # noqa: E402
from graph.store import to_quads, write_outputs  # noqa: E402

__all__ = ["synthetic_graph", "browser_seconds", "main"]

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
#: share of entities by type; the rest are people
SHARES = (("Union", 0.05), ("SchoolBoard", 0.15), ("Group", 0.12), ("Region", 0.05), ("PolicyVersion", 0.15),
          ("PoliticalParty", 0.02), ("Government", 0.01), ("Ministry", 0.01))
TARGETS = {"opposes": "PolicyVersion", "supports": "PolicyVersion", "proposes": "PolicyVersion",
           "strikes-at": "SchoolBoard", "represents": "Union", "responds-to": "Person"}


def _entities(count: int) -> list[Entity]:
    kinds = [kind for kind, share in SHARES for _ in range(max(1, round(share * count)))]
    kinds += ["Person"] * (count - len(kinds))
    return [Entity(f"e{i:05d}", kind, f"{kind} number {i}", (f"E{i}",)) for i, kind in enumerate(kinds[:count])]


def _facts(entities: list[Entity], per_node: float, rng: random.Random) -> list[Fact]:
    by_type: dict[str, list[Entity]] = {}
    for entity in entities:
        by_type.setdefault(entity.type, []).append(entity)
    actors = [e for e in entities if e.type not in ("PolicyVersion", "SchoolBoard", "Region")]
    facts = []
    for j in range(int(per_node * len(entities))):
        relation = rng.choice(list(TARGETS))
        target = entities[j] if j < len(entities) else rng.choice(by_type[TARGETS[relation]])
        if target.type not in ("Person", "Union") or j >= len(entities):
            relation = {"PolicyVersion": "opposes", "SchoolBoard": "strikes-at", "Region": "strikes-at"}.get(
                target.type, relation if target.type in (TARGETS[relation], "Person") else "responds-to")
        agent = rng.choice(by_type["Union"] if relation == "strikes-at" else actors)
        day = date(2019, 8, 1) + timedelta(days=rng.randrange(270))
        sentence = f"{agent.name} {relation} {target.name} (sentence {j})."
        facts.append(Fact(relation, agent.id, target.id, Evidence(f"{j % 200:03d}.txt", sentence, j, j + 10),
                          "bench", day if rng.random() < 0.8 else None))
    return facts


def synthetic_graph(out: Path, nodes: int, per_node: float = 2.5, seed: int = 1) -> Path:
    """Write a build folder holding a graph of ``nodes`` entities, every one of them in a fact."""
    rng = random.Random(seed)
    entities = _entities(nodes)
    facts = _facts(entities, per_node, rng)
    known = {e.id: e for e in entities}
    iris = {e.id: entity_iri(e) for e in entities}
    quads = to_quads(entities_graph(entities, known))
    for name in sorted({f.evidence.article for f in facts}):
        article = Article(name, "", date(2020, 1, 1), source_text=name)
        result = ArticleResult(article, (), tuple(f for f in facts if f.evidence.article == name))
        quads += to_quads(article_graph(result, iris))
    write_outputs(quads, out)
    return out


def browser_seconds(page: Path, runs: int) -> list[float]:
    """Seconds from navigation to the first stable drawing, one per run, each in a fresh tab."""
    from playwright.sync_api import sync_playwright

    path = os.environ.get("STRIKEGRAPH_CHROMIUM") or shutil.which("chromium")
    times = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        for _ in range(runs):
            context = browser.new_context(offline=True, viewport={"width": 1400, "height": 900})
            tab = context.new_page()
            tab.goto(page.as_uri())
            tab.wait_for_function("window.strikegraph && window.strikegraph.ready", timeout=120_000)
            times.append(tab.evaluate("strikegraph.readyAt") / 1000)
            context.close()
        browser.close()
    return times


def _measure(label: str, graph_dir: Path, work: Path, runs: int, **filters) -> None:
    started = time.perf_counter()
    html = page_html(graph_dir, **filters)
    python_seconds = time.perf_counter() - started
    page = work / f"{label.replace(' ', '-')}.html"
    page.write_text(html, encoding="utf-8")
    nodes = html.count('"category":')
    seconds = browser_seconds(page, runs)
    print(f"{label:<28} {nodes:>6} nodes  render {python_seconds:6.2f} s  page {len(html.encode()) / 1e6:5.2f} MB  "
          f"chromium median {statistics.median(seconds):5.2f} s (runs: {', '.join(f'{s:.2f}' for s in seconds)})",
          flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--nodes", type=int, nargs="+", default=[1000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seeds-build", type=Path, default=None, help="an existing build of seeds/")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-render-") as temporary:
        work = Path(temporary)
        seeds = args.seeds_build or _build_seeds(work / "seeds")
        for view in ("all", "stances"):
            _measure(f"seeds {view}", seeds, work, args.runs, view=view)
        for count in args.nodes:
            graph = synthetic_graph(work / f"synthetic-{count}", count)
            _measure(f"synthetic {count} all", graph, work, args.runs, node_limit=max(count, 1000))
            _measure(f"synthetic {count} stances", graph, work, args.runs, view="stances", node_limit=max(count, 1000))
        if max(args.nodes) > 1000:
            _measure(f"synthetic {max(args.nodes)} limit 1000", graph, work, args.runs)


def _build_seeds(out: Path) -> Path:
    from graph.pipeline import build

    build([ROOT / "seeds"], out)
    return out


if __name__ == "__main__":
    main()
