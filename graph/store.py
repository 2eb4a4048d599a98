"""Store stage: rdflib graphs -> files on disk and an Oxigraph store the queries run on.

The build output folder holds ``graph.trig`` and ``graph.nq`` (the same quads, sorted, so
two builds of the same articles give identical bytes) and ``store/``, an on-disk Oxigraph
store loaded in bulk and optimised. Every file is written next to its final place and moved
there in one step, and ``store`` is a symbolic link swapped atomically, so an interrupted
build leaves the previous graph whole and queryable.
"""

from __future__ import annotations

import itertools
import os
import shutil
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import BinaryIO

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef

from .errors import StoreError

__all__ = ["NQUADS_FILE", "PREFIXES", "STORE_DIR", "TRIG_FILE", "load_store", "open_store", "read_quads", "replace_file", "to_quads", "write_outputs"]

STORE_DIR = "store"
NQUADS_FILE = "graph.nq"
TRIG_FILE = "graph.trig"
#: Quads per bulk load: Oxigraph's bulk loader holds a whole batch (up to a million quads per
#: thread) in memory; 250k quads keep it near 0.4 GB and load faster than one big batch.
LOAD_BATCH = 250_000
PREFIXES = {
    "sg": "https://w3id.org/strikegraph/ontology#",
    "id": "https://w3id.org/strikegraph/id/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "schema": "https://schema.org/",
}


def _term(term):
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    raise StoreError(f"cannot store RDF term {term!r}")


def to_quads(graph: Graph) -> list[ox.Quad]:
    """The triples of one rdflib named graph as Oxigraph quads in that graph."""
    name = ox.NamedNode(str(graph.identifier))
    return [ox.Quad(_term(s), _term(p), _term(o), name) for s, p, o in graph]


def _sorted(quads: Iterable[ox.Quad]) -> list[ox.Quad]:
    return sorted(set(quads), key=lambda q: (str(q.graph_name), str(q.subject), str(q.predicate), str(q.object)))


def write_outputs(quads: Iterable[ox.Quad], out: Path) -> None:
    """Write graph.nq, graph.trig and the store into ``out``, each replaced atomically.

    The quads pass through a sorted N-Quads spool file that the TriG writer and the store
    loader then stream from, so memory holds one named graph at a time, not the whole build
    (at 10k articles, the quads alone would take about 1.5 GB and their sort keys as much again).
    """
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryFile(dir=out, prefix=".spool.") as spool:
        _spool_sorted(quads, spool, out)
        spool.seek(0)
        replace_file(out / NQUADS_FILE, spool)
        spool.seek(0)
        with tempfile.TemporaryFile(dir=out, prefix=".spool.") as trig:
            ox.serialize(ox.parse(spool, format=ox.RdfFormat.N_QUADS), trig, ox.RdfFormat.TRIG, prefixes=PREFIXES)
            trig.seek(0)
            replace_file(out / TRIG_FILE, trig)
    load_store(ox.parse(path=str(out / NQUADS_FILE), format=ox.RdfFormat.N_QUADS), out)


def _spool_sorted(quads: Iterable[ox.Quad], spool: BinaryIO, out: Path) -> None:
    """Write ``quads`` to ``spool`` as N-Quads, deduplicated and in ``_sorted`` order.

    Quads arrive grouped by named graph (one per article), so each run of one graph is sorted
    alone and parked in a scratch file; the runs are then copied out in graph-name order, and
    the rare graph seen in several runs is merged and sorted again.
    """
    spans: dict[str, list[tuple[int, int]]] = {}
    with tempfile.TemporaryFile(dir=out, prefix=".spool.") as runs:
        for name, run in itertools.groupby(quads, key=lambda quad: str(quad.graph_name)):
            data = ox.serialize(_sorted(run), format=ox.RdfFormat.N_QUADS)
            spans.setdefault(name, []).append((runs.tell(), len(data)))
            runs.write(data)
        for name in sorted(spans):
            chunks = []
            for offset, length in spans[name]:
                runs.seek(offset)
                chunks.append(runs.read(length))
            if len(chunks) > 1:
                chunks = [ox.serialize(_sorted(ox.parse(b"".join(chunks), format=ox.RdfFormat.N_QUADS)),
                                       format=ox.RdfFormat.N_QUADS)]
            spool.write(chunks[0])


def replace_file(path: Path, data: bytes | BinaryIO) -> None:
    """Write ``data`` to a temporary file beside ``path``, flush it to disk, then move it into place.

    Readers see the old file or the new one, never a part; a killed writer leaves at most a
    hidden ``.NAME.*.tmp`` file, removed by the next build.
    """
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as file:
            if isinstance(data, bytes):
                file.write(data)
            else:
                shutil.copyfileobj(data, file, 1 << 20)
            os.fchmod(file.fileno(), 0o644)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, path)
        _sync_folder(path.parent)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _sync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` durable (a power cut must not bring the old name back)."""
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def load_store(quads: Iterable[ox.Quad], out: Path) -> Path:
    """Bulk-load ``quads`` into a new on-disk store and point ``out/store`` at it."""
    stores = out / ".stores"
    stores.mkdir(exist_ok=True)
    directory = Path(tempfile.mkdtemp(dir=stores, prefix="store-"))
    store = ox.Store(str(directory))
    iterator = iter(quads)
    while batch := list(itertools.islice(iterator, LOAD_BATCH)):
        store.bulk_extend(batch)
    store.optimize()
    store.flush()
    del store
    link = out / STORE_DIR
    temporary_link = out / f".{STORE_DIR}.{os.getpid()}.link"
    temporary_link.unlink(missing_ok=True)
    temporary_link.symlink_to(directory.relative_to(out))
    previous = link.resolve() if link.is_symlink() else None
    if link.exists() and not link.is_symlink():
        shutil.rmtree(link)
    os.replace(temporary_link, link)
    _sync_folder(out)
    for stale in stores.iterdir():
        if stale != directory and stale != previous:
            shutil.rmtree(stale, ignore_errors=True)
    if previous and previous != directory:
        shutil.rmtree(previous, ignore_errors=True)
    return directory


def open_store(graph_dir: Path) -> ox.Store:
    """Open the built store read-only.

    Raises:
        StoreError: there is no built graph in ``graph_dir``.
    """
    path = graph_dir / STORE_DIR
    if not path.exists():
        raise StoreError(f"no built graph in {graph_dir}: run 'strikegraph build' first, or point --graph at a build folder")
    try:
        return ox.Store.read_only(str(path.resolve()))
    except OSError as error:
        raise StoreError(f"cannot open the store in {graph_dir}: {error}") from None


def read_quads(graph_dir: Path) -> list[ox.Quad]:
    """The built graph's quads, from graph.nq (for rdflib comparisons and re-serialising)."""
    path = graph_dir / NQUADS_FILE
    if not path.exists():
        raise StoreError(f"no built graph in {graph_dir}: run 'strikegraph build' first")
    return list(ox.parse(path=str(path), format=ox.RdfFormat.N_QUADS))
