"""Build benchmarks: extraction throughput against bare spaCy, and whole builds at 1k and 10k.

Prints medians and ratios, never pass or fail (targets are in docs/benchmarks.md):

* throughput: articles/s and words/s (per CPU second, which other users of a shared machine
  barely disturb; wall seconds beside) of bare ``nlp.pipe`` with the same spaCy model over the
  same texts (the floor), of strikegraph's pipeline (the model plus its knowledge-base entity
  ruler), and of full extraction (parse, copy out, entities, facts); the overhead ratio is
  full extraction time over the floor's.
* builds: ``strikegraph build`` of generated corpora in a child process, per ``--jobs``
  value: wall time, time to the last extracted article, peak memory (the whole process
  tree's proportional set size sampled every 0.1 s, so pages a forked worker shares with
  its parent count once, and the largest single process's resident set), the
  speed-up over the first ``--jobs`` value, and whether graph.nq came out byte-identical.

    python bench/bench_build.py --sizes 1000,10000 --jobs 1,2
    python bench/bench_build.py --skip-builds --profile     # where extraction time goes
"""

from __future__ import annotations

import argparse
import cProfile
import hashlib
import io
import json
import pstats
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

from corpus import write_corpus  # noqa: E402


def corpus(size: int, seed: int, workdir: Path) -> Path:
    """The generated corpus of ``size`` articles, made once per work folder."""
    folder = workdir / f"corpus-{size}-seed{seed}"
    if not (folder / "metadata.csv").exists():
        write_corpus(size, seed, folder)
    return folder


def _medians(runs: dict, repeats: int) -> dict[str, tuple[float, float]]:
    """Median (wall, CPU) seconds of each run; the runs take turns, so a busy spell on a
    shared machine slows all of them alike, and CPU time hardly notices it at all."""
    times: dict[str, list[tuple[float, float]]] = {name: [] for name in runs}
    for _ in range(repeats):
        for name, run in runs.items():
            wall, cpu = time.perf_counter(), time.process_time()
            run()
            times[name].append((time.perf_counter() - wall, time.process_time() - cpu))
    return {name: (statistics.median(w for w, _ in pairs), statistics.median(c for _, c in pairs))
            for name, pairs in times.items()}


def throughput(folder: Path, count: int, repeats: int, profile: bool) -> None:
    """Bare spaCy against strikegraph's extraction over the same ``count`` articles."""
    import spacy

    from graph.mentions import parse_articles
    from graph.nlp import DEFAULT_MODEL
    from graph.pipeline import load_extractor, read_articles

    articles = read_articles([folder])[0][:count]
    texts = [article.text for article in articles]
    words = sum(len(text.split()) for text in texts)
    bare = spacy.load(DEFAULT_MODEL, exclude=["senter"])
    extractor = load_extractor()
    runs = {
        "bare spaCy nlp.pipe (floor)": lambda: list(bare.pipe(texts, batch_size=16)),
        "strikegraph nlp.pipe (model + KB ruler)": lambda: list(extractor.nlp.pipe(texts, batch_size=16)),
        "parse + copy out (graph.mentions)": lambda: list(parse_articles(articles, extractor.nlp)),
        "full extraction (Extractor.extract)": lambda: list(extractor.extract(articles)),
    }
    list(extractor.extract(articles[:16]))  # warm up both pipelines
    list(bare.pipe(texts[:16]))
    print(f"## Extraction throughput: {len(articles)} articles, {words} words, one process, median of {repeats}")
    print(f"NER actions: {_ner_actions(bare)} bare, {_ner_actions(extractor.nlp)} in strikegraph's pipeline "
          "(more means the NER met labels it did not know, which slows it down)")
    print(f"{'':42s} {'CPU s':>7s} {'articles/s':>10s} {'words/s':>8s} {'ratio':>6s} {'wall s':>7s} {'ratio':>6s}")
    medians = _medians(runs, repeats)
    floor_wall, floor_cpu = medians[next(iter(runs))]
    for name, (wall, cpu) in medians.items():
        print(f"{name:42s} {cpu:7.2f} {len(articles) / cpu:10.1f} {words / cpu:8.0f} {cpu / floor_cpu:6.2f} "
              f"{wall:7.2f} {wall / floor_wall:6.2f}")
    if profile:
        _profile(lambda: list(extractor.extract(articles)))


def _ner_actions(nlp) -> int:
    return nlp.get_pipe("ner").moves.n_moves if "ner" in nlp.pipe_names else 0


def _profile(run) -> None:
    profiler = cProfile.Profile()
    profiler.runcall(run)
    text = io.StringIO()
    pstats.Stats(profiler, stream=text).sort_stats("tottime").print_stats(25)
    print("## Profile of full extraction (top 25 by own time)")
    print(text.getvalue())


def _memory(process: psutil.Process) -> tuple[int, int]:
    """(proportional, resident) set size in bytes; PSS from smaps_rollup, which is cheap to read."""
    rss = process.memory_info().rss
    try:
        rollup = Path(f"/proc/{process.pid}/smaps_rollup").read_text()
    except OSError:
        return rss, rss
    pss = next((int(line.split()[1]) * 1024 for line in rollup.splitlines() if line.startswith("Pss:")), rss)
    return pss, rss


def build_once(folder: Path, out: Path, jobs: int) -> dict:
    """Run one build in a child process; return its figures."""
    command = [sys.executable, str(Path(__file__).resolve()), "--child-build", str(folder), str(out), str(jobs)]
    load = psutil.getloadavg()[0]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    child = psutil.Popen(command, stdout=subprocess.PIPE, text=True)
    peak_tree, peak_single = 0, 0
    while child.poll() is None:
        try:
            sizes = [_memory(p) for p in [child, *child.children(recursive=True)]]
        except psutil.Error:
            continue
        peak_tree = max(peak_tree, sum(pss for pss, _ in sizes))
        peak_single = max(peak_single, max(rss for _, rss in sizes))
        time.sleep(0.25)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    report = json.loads(child.stdout.read().strip().splitlines()[-1])
    digest = hashlib.sha256((out / "graph.nq").read_bytes()).hexdigest()
    return {"wall": wall, "cpu": cpu, "load": load, "peak_tree": peak_tree, "peak_single": peak_single,
            "sha": digest, **report}


def _child_build(folder: str, out: str, jobs: str) -> None:
    """In the child: build with a progress hook that notes when extraction ends."""
    from graph.pipeline import build

    marks = {"start": time.perf_counter()}

    def progress(stream):
        yield from stream
        marks["extracted"] = time.perf_counter()

    summary = build([Path(folder)], Path(out), progress=progress, jobs=int(jobs))
    done = time.perf_counter()
    print(json.dumps({"extract": marks["extracted"] - marks["start"], "after_extract": done - marks["extracted"],
                      "articles": summary.articles, "facts": summary.facts}))


def builds(sizes: list[int], jobs_list: list[int], seed: int, workdir: Path, repeats: int) -> None:
    """Each size built with each --jobs value, the values taking turns within each repeat."""
    print(f"## Builds (median of {repeats}; memory: whole process tree (PSS) / largest process (RSS); "
          "load: 1-minute load average when the build started)")
    for size in sizes:
        folder = corpus(size, seed, workdir)
        words = sum(len(p.read_text(encoding="utf-8").split()) for p in folder.glob("*.txt"))
        figures: dict[int, list[dict]] = {jobs: [] for jobs in jobs_list}
        for n in range(repeats):
            for jobs in jobs_list:
                figures[jobs].append(build_once(folder, workdir / f"build-{size}-j{jobs}-{n}", jobs))
                _print_build(size, words, jobs, figures[jobs][-1:], None)
        baseline = statistics.median(f["wall"] for f in figures[jobs_list[0]])
        for jobs in jobs_list:
            _print_build(size, words, jobs, figures[jobs], baseline)
        digests = {f["sha"] for runs in figures.values() for f in runs}
        print(f"{size:6d} articles: graph.nq identical across --jobs {jobs_list}: {'yes' if len(digests) == 1 else 'NO'}")


def _print_build(size: int, words: int, jobs: int, figures: list[dict], baseline: float | None) -> None:
    def median(key):
        return statistics.median(f[key] for f in figures)

    wall = median("wall")
    label = f"median of {len(figures)}, speed-up x{baseline / wall:.2f}" if baseline else "one run"
    print(f"{size:6d} articles ({words} words) --jobs {jobs} [{label}]: wall {wall:7.1f} s "
          f"(extraction {median('extract'):.1f} s, rdf + store + page {median('after_extract'):.1f} s), "
          f"{size / wall:5.1f} articles/s, CPU {median('cpu'):.0f} s, load {median('load'):.1f}, "
          f"peak {max(f['peak_tree'] for f in figures) / 2**30:.2f} GiB tree / "
          f"{max(f['peak_single'] for f in figures) / 2**30:.2f} GiB largest process, "
          f"{figures[0]['facts']} facts", flush=True)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,10000", help="corpus sizes to build, comma-separated")
    parser.add_argument("--jobs", default="1,2", help="--jobs values to build with, comma-separated")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--workdir", type=Path, default=None, help="where corpora and builds go (default: a temp folder)")
    parser.add_argument("--throughput-articles", type=int, default=200)
    parser.add_argument("--repeats", type=int, default=3, help="repeats of each throughput measurement")
    parser.add_argument("--build-repeats", type=int, default=1)
    parser.add_argument("--skip-throughput", action="store_true")
    parser.add_argument("--skip-builds", action="store_true")
    parser.add_argument("--profile", action="store_true", help="also profile full extraction (cProfile)")
    parser.add_argument("--child-build", nargs=3, metavar=("FOLDER", "OUT", "JOBS"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child_build:
        _child_build(*args.child_build)
        return
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="strikegraph-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    print(f"# strikegraph build benchmarks ({psutil.cpu_count()} cores, "
          f"{psutil.virtual_memory().total / 2**30:.0f} GiB; work folder {workdir})", flush=True)
    if not args.skip_throughput:
        throughput(corpus(max(args.throughput_articles, 1), args.seed, workdir), args.throughput_articles,
                   args.repeats, args.profile)
    if not args.skip_builds:
        builds([int(s) for s in args.sizes.split(",")], [int(j) for j in args.jobs.split(",")],
               args.seed, workdir, args.build_repeats)


if __name__ == "__main__":
    main()
