"""Tests for the output formats (graph/formats.py): one table of (columns, rows, format) -> text.

The same rows go out as an aligned table for people, and as CSV and JSON that read back to
exactly the rows (keyed by the columns, in column order).
"""

from __future__ import annotations

import csv
import io
import json

import pytest

from graph.formats import FORMATS, format_rows

COLUMNS = ("actor", "date")
ROWS = ({"actor": "OSSTF", "date": "2019-12-04"}, {"actor": "Harvey Bischof", "date": ""})

#: (case id, columns, rows, format, width, expected text)
CASES = [
    ("table", COLUMNS, ROWS, "table", 60,
     "actor           date\n"
     "--------------  ----------\n"
     "OSSTF           2019-12-04\n"
     "Harvey Bischof\n"
     "(2 rows)\n"),
    ("table-one-row", COLUMNS, ROWS[:1], "table", 60,
     "actor  date\n-----  ----------\nOSSTF  2019-12-04\n(1 row)\n"),
    ("table-empty", COLUMNS, (), "table", 60, "actor  date\n-----  ----\n(0 rows)\n"),
    ("table-whitespace-collapsed", ("evidence",), ({"evidence": "one\n  two\tthree "},), "table", 60,
     "evidence\n-------------\none two three\n(1 row)\n"),
    ("table-cut-to-width", ("evidence",), ({"evidence": "x" * 70},), "table", 10,
     "evidence\n----------\nxxxxxxxxx…\n(1 row)\n"),
    ("table-missing-and-none-cells", COLUMNS, ({"actor": "ETFO"}, {"actor": "OECTA", "date": None}), "table", 60,
     "actor  date\n-----  ----\nETFO\nOECTA\n(2 rows)\n"),
    ("table-unicode", ("actor",), ({"actor": "Rémi Sabourin’s union"},), "table", 60,
     "actor\n---------------------\nRémi Sabourin’s union\n(1 row)\n"),
    ("csv", COLUMNS, ROWS, "csv", 60, "actor,date\nOSSTF,2019-12-04\nHarvey Bischof,\n"),
    ("csv-empty", COLUMNS, (), "csv", 60, "actor,date\n"),
    ("csv-quoting", COLUMNS, ({"actor": 'say "no", twice', "date": "two\nlines"},), "csv", 60,
     'actor,date\n"say ""no"", twice","two\nlines"\n'),
    ("csv-extra-keys-dropped", ("actor",), ({"actor": "ETFO", "date": "2020-01-01"},), "csv", 60, "actor\nETFO\n"),
    ("csv-missing-and-none-cells", COLUMNS, ({"actor": "ETFO"}, {"actor": "OECTA", "date": None}), "csv", 60,
     "actor,date\nETFO,\nOECTA,\n"),
    ("json", COLUMNS, ROWS, "json", 60,
     '[\n  {\n    "actor": "OSSTF",\n    "date": "2019-12-04"\n  },\n'
     '  {\n    "actor": "Harvey Bischof",\n    "date": ""\n  }\n]\n'),
    ("json-empty", COLUMNS, (), "json", 60, "[]\n"),
    ("json-unicode-kept", ("actor",), ({"actor": "Rémi’s"},), "json", 60, '[\n  {\n    "actor": "Rémi’s"\n  }\n]\n'),
    ("json-column-order-and-missing", ("date", "actor"), ({"actor": "ETFO", "extra": "x"},), "json", 60,
     '[\n  {\n    "date": "",\n    "actor": "ETFO"\n  }\n]\n'),
]


@pytest.mark.parametrize(("columns", "rows", "fmt", "width", "expected"),
                         [case[1:] for case in CASES], ids=[case[0] for case in CASES])
def test_format_rows(columns, rows, fmt, width, expected):
    assert format_rows(columns, rows, fmt, width) == expected


def test_table_is_the_default():
    assert format_rows(COLUMNS, ROWS) == format_rows(COLUMNS, ROWS, "table")


def test_unknown_format_is_refused():
    with pytest.raises(ValueError, match="unknown format 'xml'; use one of table, csv, json"):
        format_rows(COLUMNS, ROWS, "xml")


def test_formats_are_the_documented_three():
    assert FORMATS == ("table", "csv", "json")


#: rows that must survive a round trip through csv and json unchanged
TRICKY = ({"actor": 'a "quoted", name', "date": ""}, {"actor": "multi\nline\r\ncell", "date": "2020-01-15"},
          {"actor": "   spaces   ", "date": "=1+1"}, {"actor": "Rémi’s ✓", "date": "2019-12-04"})


def test_csv_reads_back_to_the_rows():
    text = format_rows(COLUMNS, TRICKY, "csv")
    assert list(csv.DictReader(io.StringIO(text, newline=""))) == list(TRICKY)


def test_json_reads_back_to_the_rows():
    parsed = json.loads(format_rows(COLUMNS, TRICKY, "json"))
    assert parsed == list(TRICKY)
    assert all(list(obj) == list(COLUMNS) for obj in parsed)


def test_table_has_one_line_per_row():
    lines = format_rows(COLUMNS, TRICKY, "table").splitlines()
    assert len(lines) == 2 + len(TRICKY) + 1
