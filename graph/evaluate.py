"""Scores the canned queries' rows against hand-written gold facts: recall and precision.

Gold files are JSON lines, one fact each: ``{"query": "who-opposed", "article": ...,
"actor": ..., "policy": ..., "date": ...}``. A predicted row matches a gold row when the
key columns of its query agree, where names are compared as entities (any alias of the
knowledge base, "OSSTF" = "Ontario Secondary School Teachers' Federation") and policies by
their version or policy name. Downstream of the store: it only reads query rows.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .kb import KnowledgeBase, normalise

__all__ = ["KEY_COLUMNS", "Score", "canonical_key", "load_gold", "score_query"]

#: The columns that decide whether a row states the same fact (evidence wording does not).
KEY_COLUMNS = {
    "who-opposed": ("actor", "policy", "date", "article"),
    "proposals": ("proposer", "policy", "date", "article"),
    "strikes": ("union", "target", "date", "article"),
    "responses": ("responder", "target", "date", "article"),
    "represents": ("representative", "represented", "article"),
}
_POLICY_COLUMNS = {"policy"}


@dataclass(frozen=True)
class Score:
    """How one query's rows compare with the gold rows."""

    query: str
    gold: int
    predicted: int
    matched: int
    missed: tuple[tuple, ...]
    extra: tuple[tuple, ...]

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 1.0

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else (1.0 if not self.gold else 0.0)

    def line(self) -> str:
        return (f"{self.query:12} recall {self.recall:.2f} ({self.matched}/{self.gold})  "
                f"precision {self.precision:.2f} ({self.matched}/{self.predicted})")


def load_gold(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def canonical_key(query: str, row: dict, kb: KnowledgeBase) -> tuple:
    """The comparable form of a row: entity ids (or normalised names), ISO dates, file names."""
    key = []
    for column in KEY_COLUMNS[query]:
        value = str(row.get(column, "") or "")
        if column in ("date", "article"):
            key.append(value.strip())
        elif column in _POLICY_COLUMNS:
            key.append(_policy_id(value, kb))
        else:
            entity = kb.lookup(value)
            key.append(entity.id if entity else normalise(value))
    return tuple(key)


def _policy_id(name: str, kb: KnowledgeBase) -> str:
    wanted = normalise(name)
    for entity in kb.entities.values():
        if entity.type in ("Policy", "PolicyVersion") and normalise(entity.name) == wanted:
            return entity.id
    return wanted


def score_query(query: str, predicted_rows: Iterable[dict], gold_rows: Iterable[dict], kb: KnowledgeBase,
                articles: set[str] | None = None) -> Score:
    """Compare one query's rows with the gold rows of the same query (as multisets of keys)."""
    gold = [canonical_key(query, r, kb) for r in gold_rows if r["query"] == query]
    predicted = [canonical_key(query, r, kb) for r in predicted_rows
                 if articles is None or r.get("article") in articles]
    remaining = list(gold)
    matched, extra = 0, []
    for key in sorted(set(predicted)):
        if key in remaining:
            remaining.remove(key)
            matched += 1
        else:
            extra.append(key)
    return Score(query, len(set(gold)), len(set(predicted)), matched, tuple(sorted(set(remaining))), tuple(extra))
