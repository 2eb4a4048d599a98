"""Bad-input and rebuild benchmarks: how time grows with odd input, and what a rebuild saves.

Prints figures, never pass or fail:

* extraction time (CPU seconds) of one article as a single word grows (1k..N letters) and as an
  article grows in sentences (100..N): a linear stage doubles when the input doubles, so the
  ratio column shows where extraction is super-linear;
* reading time of a dirty article (control characters, zero-width marks, terminal escapes,
  decomposed accents) against the same article clean: the cost of text hygiene;
* a full build, an unchanged rebuild and a rebuild after editing one article, of the seeds and
  unseen articles copied ``--copies`` times.

    python bench/bench_bad_input.py --word 16000 --sentences 800 --copies 5
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from graph.articles import ArticleSource, read_article  # noqa: E402
from graph.model import Article  # noqa: E402
from graph.pipeline import build, load_extractor  # noqa: E402

SENTENCE = "OSSTF president Harvey Bischof said the union opposes increased class sizes."


def cpu(function) -> float:
    start = time.process_time()
    function()
    return time.process_time() - start


def growth(extractor, label: str, make, sizes: list[int]) -> None:
    """Extraction CPU time for each size, and the ratio to the previous size's time."""
    print(f"\n{label}\n{'size':>8} {'cpu s':>8} {'ratio':>6}")
    previous = None
    for size in sizes:
        text = make(size)
        seconds = cpu(lambda: list(extractor.extract([Article("x.txt", text, None, text)])))
        ratio = f"{seconds / previous:6.1f}" if previous else ""
        print(f"{size:>8} {seconds:8.2f} {ratio:>6}")
        previous = max(seconds, 1e-3)


def hygiene(folder: Path) -> None:
    clean = ("\n\n".join([SENTENCE] * 2000)).encode()
    dirty = ("\n\n".join(["\ufeff\x1b[1mOSSTF\x1b[0m president Harvey Bis\u200bchof said the union opposes "
                          "increased class\x00 sizes. Re\u0301mi"] * 2000)).encode()
    for name, data in (("clean.txt", clean), ("dirty.txt", dirty)):
        (folder / name).write_bytes(data)
        seconds = min(cpu(lambda: read_article(ArticleSource(folder / name))) for _ in range(3))
        print(f"read {name:10} {len(data) / 1e6:5.2f} MB  {seconds * 1000:7.1f} ms cpu")


def rebuilds(extractor, folder: Path, copies: int) -> None:
    corpus = folder / "corpus"
    corpus.mkdir()
    sources = sorted(p for d in ("seeds", "tests/articles/unseen") for p in (ROOT / d).glob("*.txt"))
    for copy in range(copies):
        for path in sources:
            text = path.read_text(encoding="utf-8") + f"\n\nCopy {copy}.\n"
            (corpus / f"{copy:02d}-{path.name}").write_text(text, encoding="utf-8")
    out = folder / "out"
    for label, prepare in (("full build", None), ("unchanged rebuild", None),
                           ("one article edited", lambda: _edit(corpus))):
        if prepare:
            prepare()
        start = time.perf_counter()
        summary = build([corpus], out, extractor=extractor, jobs=1, full=label == "full build")
        print(f"{label:20} {summary.articles:4} articles, {summary.reused:4} reused: "
              f"{time.perf_counter() - start:6.2f} s wall")


def _edit(corpus: Path) -> None:
    first = sorted(corpus.glob("*.txt"))[0]
    first.write_text(first.read_text(encoding="utf-8") + "\n\n" + SENTENCE + "\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--word", type=int, default=8000, help="longest single word, in letters")
    parser.add_argument("--sentences", type=int, default=400, help="most sentences in one article")
    parser.add_argument("--copies", type=int, default=3, help="copies of the 11 test articles to rebuild")
    options = parser.parse_args()
    extractor = load_extractor()
    sizes = [1000 * 2 ** i for i in range(10) if 1000 * 2 ** i <= options.word]
    growth(extractor, "one long word (letters)", lambda n: "a" * n, sizes)
    counts = [100 * 2 ** i for i in range(10) if 100 * 2 ** i <= options.sentences]
    growth(extractor, "one long article (sentences)", lambda n: "\n\n".join([SENTENCE] * n), counts)
    with tempfile.TemporaryDirectory() as folder:
        print()
        hygiene(Path(folder))
        print()
        rebuilds(extractor, Path(folder), options.copies)
        shutil.rmtree(Path(folder) / "out", ignore_errors=True)


if __name__ == "__main__":
    main()
