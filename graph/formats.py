"""Output formats for query results: an aligned table for people, CSV and JSON for programs.

Shared by the command line and the notebook helpers; nothing here knows where rows came from.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence

__all__ = ["FORMATS", "format_rows"]

FORMATS = ("table", "csv", "json")


def format_rows(columns: Sequence[str], rows: Sequence[dict[str, str]], fmt: str = "table", width: int = 60) -> str:
    """Rows as text: ``table`` (cells cut to ``width``), ``csv`` (RFC 4180) or ``json`` (a list
    of objects keyed by column). A missing or None cell is empty in every format.

    Raises:
        ValueError: ``fmt`` is not one of ``FORMATS`` (a caller's mistake, not the user's).
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
    rows = [{c: _cell(row.get(c)) for c in columns} for row in rows]
    if fmt == "json":
        return json.dumps(rows, ensure_ascii=False, indent=2) + "\n"
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=list(columns), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        return buffer.getvalue()
    return _table(columns, rows, width)


def _cell(value) -> str:
    return "" if value is None else str(value)


def _table(columns: Sequence[str], rows: Sequence[dict[str, str]], width: int) -> str:
    def cell(value: str) -> str:
        value = " ".join(str(value).split())
        return value if len(value) <= width else value[: width - 1] + "…"

    cells = [[cell(row.get(c, "")) for c in columns] for row in rows]
    widths = [max([len(c)] + [len(r[i]) for r in cells]) for i, c in enumerate(columns)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(columns, widths)).rstrip(),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(v.ljust(w) for v, w in zip(r, widths)).rstrip() for r in cells]
    lines.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(lines) + "\n"
