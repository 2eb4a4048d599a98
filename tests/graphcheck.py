"""Test helper: every graph the tests build is validated with the shipped SHACL shapes.

``assert_valid(out)`` runs ``graph.validate.validate`` on a build folder and fails with the
violations listed. Tests that build a graph call it on their output (the session builds are
checked in tests/test_validate.py).
"""

from __future__ import annotations

from pathlib import Path

from graph.validate import Report, validate

__all__ = ["assert_valid"]


def assert_valid(graph_dir: Path, offsets: bool = True) -> Report:
    """The build in ``graph_dir`` conforms to the shapes (and, by default, its offsets were checked)."""
    report = validate(graph_dir)
    listed = "\n".join(str(v) for v in report.violations[:25])
    assert report.conforms, f"{graph_dir}: {len(report.violations)} violations:\n{listed}"
    if offsets:
        assert report.offsets_checked == report.facts, "some facts' offsets could not be checked (no stored text)"
    return report
