"""A small hand-written graph for the page tests, with hostile text in every place it can go.

Built through the real rdf and store stages (no spaCy), so its shape is the build's shape.
``ENTITIES`` and ``FACTS`` are the tables; ``EXPECTED`` says what the page must hold.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from graph.model import Article, ArticleResult, Entity, Evidence, Fact
from graph.pipeline import content_hash
from graph.rdf import article_graph, entities_graph, entity_iri
from graph.store import to_quads, write_outputs

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
EVIL_NAME = f'Evil {IMG} <a href="javascript:alert(2)">Person</a>'
EVIL_ARTICLE = f"b{IMG}.txt"

ENTITIES = (
    Entity("osstf", "Union", "Ontario Secondary School Teachers' Federation", ("OSSTF", "FEESO")),
    Entity("ontario-government", "Government", "Government of Ontario", ("Ontario government",)),
    Entity("stephen-lecce", "Person", "Stephen Lecce", ("Lecce",)),
    Entity("remi-sabourin", "Person", "Rémi Sabourin", ("Sabourin",)),
    Entity("class-size", "Policy", "increased class sizes"),
    Entity("class-size-28", "PolicyVersion", "average class size 28", parent="class-size"),
    Entity("tdsb", "SchoolBoard", "Toronto District School Board", ("TDSB",)),
    Entity("evil", "Person", EVIL_NAME, (f"{SCRIPT}alias",)),
)

#: (article, relation, agent, object, date, evidence, extra Fact fields)
FACTS = (
    ("a.txt", "proposes", "ontario-government", "class-size-28", "2019-03-15",
     "The government proposed an average class size of 28.", {}),
    ("a.txt", "opposes", "osstf", "class-size-28", "2019-03-16",
     f"OSSTF {SCRIPT} said it opposes class sizes of 28, see href=javascript:alert(1).", {"date_text": "Saturday"}),
    ("a.txt", "opposes", "osstf", "class-size-28", "2019-03-16",
     "The union again said it rejects the plan.", {}),
    ("a.txt", "opposes", "osstf", "class-size-28", "2019-11-21",
     "OSSTF still opposes class sizes of 28 in November.", {}),
    ("a.txt", "strikes-at", "osstf", "tdsb", "2019-12-04",
     "OSSTF members held a one-day strike at the Toronto District School Board.", {"action": "one-day strike"}),
    ("a.txt", "represents", "stephen-lecce", "ontario-government", None,
     "Education Minister Stephen Lecce spoke.", {"role": "minister"}),
    ("a.txt", "responds-to", "stephen-lecce", "osstf", "2019-12-04",
     "Lecce answered the OSSTF with a statement on Rémi Sabourin’s “concerns”.", {}),
    ("a.txt", "responds-to", "remi-sabourin", "stephen-lecce", "2019-12-05",
     "Rémi Sabourin answered Lecce.", {}),
    (EVIL_ARTICLE, "opposes", "evil", "class-size", None,
     f"</script><script>alert(3)</script> {IMG} Evil opposes class sizes.", {}),
)

#: What the page must show for each view (no filters): nodes, edges.
EXPECTED = {"all": (8, 8), "stances": (5, 4), "strikes": (2, 1), "people": (6, 4)}


def _fact(index: int, row: tuple) -> Fact:
    article, relation, agent, target, day, sentence, extra = row
    start = 1000 * index  # the offset is part of a fact's identity: one per row
    return Fact(relation, agent, target, Evidence(article, sentence, start, start + len(sentence)),
                f"test/{relation}", date.fromisoformat(day) if day else None, **extra)


def write_graph(out: Path) -> Path:
    """Write the hand-written graph into the build folder ``out`` (files and store)."""
    by_id = {e.id: e for e in ENTITIES}
    quads = to_quads(entities_graph(list(ENTITIES), by_id))
    iris = {e.id: entity_iri(e) for e in ENTITIES}
    for name in sorted({row[0] for row in FACTS}):
        article = Article(name, "text", date(2019, 12, 4), source_text=name)
        facts = tuple(_fact(i, row) for i, row in enumerate(FACTS) if row[0] == name)
        result = ArticleResult(article, tuple(ENTITIES), facts)
        quads += to_quads(article_graph(result, iris, content_hash(article)))
    write_outputs(quads, out)
    return out
