"""A ``Report`` as one flat row for CSV and Parquet: id, title, is_mops, primary, the four
shares, the top evidence phrase per pillar, error and warnings.

A report with ``error`` set has no scores: its numbers and ``primary`` are empty (None), so
sorting or filtering a spreadsheet never mistakes an unreadable row for a zero.
"""

from __future__ import annotations

from jdpillars.definitions import PILLARS
from jdpillars.report import Report

Value = str | float | None

ROW_COLUMNS: tuple[str, ...] = (
    "id",
    "title",
    "is_mops",
    "primary",
    *(f"{p}_share" for p in PILLARS),
    *(f"{p}_evidence" for p in PILLARS),
    "error",
    "warnings",
)
FLOAT_COLUMNS: tuple[str, ...] = ("is_mops", *(f"{p}_share" for p in PILLARS))
DIGITS = 4  # as in ``Report.to_dict()``


def _phrase(text: str) -> str:
    """Evidence on one line: runs of whitespace (newlines included) become one space."""
    return " ".join(text.split())


def report_row(report: Report) -> dict[str, Value]:
    """The flat row of ``report``, keyed by ``ROW_COLUMNS`` in that order."""
    scored = report.error is None
    row: dict[str, Value] = {
        "id": report.id,
        "title": report.title,
        "is_mops": round(report.is_mops, DIGITS) if scored else None,
        "primary": report.primary,
    }
    for p in PILLARS:
        row[f"{p}_share"] = round(report.pillars[p].share, DIGITS) if scored else None
    for p in PILLARS:
        evidence = report.pillars[p].evidence
        row[f"{p}_evidence"] = _phrase(evidence[0].text) if evidence else None
    row["error"] = report.error
    row["warnings"] = "; ".join(report.warnings) if report.warnings else None
    return row
