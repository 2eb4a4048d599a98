"""graph.parallel: the graph does not depend on where extraction ran (one process, two, a cluster)."""

from __future__ import annotations


import pytest
from click.testing import CliRunner

from conftest import bench_corpus
from graph.cli import cli
from graph.parallel import chunked, extract_results
from graph.pipeline import build, load_extractor, read_articles

OUTPUTS = ("graph.nq", "graph.trig")


corpus = bench_corpus()


@pytest.fixture(scope="module")
def small_corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("corpus")
    corpus.write_corpus(12, 7, folder)
    return folder


@pytest.fixture(scope="module")
def local_build(small_corpus, extractor, tmp_path_factory):
    out = tmp_path_factory.mktemp("jobs-1")
    build([small_corpus], out, extractor=extractor, jobs=1)
    return out


def _same_outputs(one, other):
    for name in OUTPUTS:
        assert (one / name).read_bytes() == (other / name).read_bytes(), name


@pytest.mark.parametrize("count, jobs, sizes", [
    (12, 2, [6, 6]),
    (5, 2, [3, 2]),
    (100, 2, [32, 32, 32, 4]),
    (1, 4, [1]),
    (0, 2, []),
])
def test_chunks_keep_order_and_spread_small_inputs(count, jobs, sizes):
    articles = [_article(n) for n in range(count)]
    chunks = chunked(articles, jobs)
    assert [len(c) for c in chunks] == sizes
    assert [a for c in chunks for a in c] == articles


def _article(n):
    from graph.model import Article

    return Article(f"{n:03d}.txt", "text", None)


def test_two_processes_return_the_results_of_one(small_corpus, extractor):
    articles = read_articles([small_corpus])[0][:6]
    assert extract_results(articles, load_extractor, jobs=2, extractor=extractor) == list(extractor.extract(articles))


def test_two_processes_write_the_same_bytes(small_corpus, local_build, extractor, tmp_path):
    build([small_corpus], tmp_path, extractor=extractor, jobs=2)
    _same_outputs(local_build, tmp_path)


def test_dask_cluster_writes_the_same_bytes(small_corpus, local_build, extractor, tmp_path):
    from dask.distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address=None) as cluster:
        build([small_corpus], tmp_path, extractor=extractor, scheduler=cluster.scheduler_address)
    _same_outputs(local_build, tmp_path)


@pytest.mark.parametrize("option", ["--jobs", "--scheduler"])
def test_build_help_names_the_scale_options(option):
    result = CliRunner().invoke(cli, ["build", "--help"])
    assert result.exit_code == 0 and option in result.output


def test_build_refuses_zero_jobs(tmp_path):
    result = CliRunner().invoke(cli, ["build", str(tmp_path), "--jobs", "0"])
    assert result.exit_code == 2 and "--jobs" in result.output
