"""The flat row of a report (CSV and Parquet), and the batch worker's pieces."""

from __future__ import annotations

from typing import Any

from batch_samples import COPS, NURSE, POPS
from jdpillars.batch.engine import chunks
from jdpillars.batch.records import Record
from jdpillars.batch.summary import Summary, Tally
from jdpillars.batch.worker import classify_records
from jdpillars.definitions import PILLARS
from jdpillars.render.rows import ROW_COLUMNS, report_row
from jdpillars.report import failed


def test_a_classified_report_as_a_row(classifier: Any) -> None:
    report = classifier.classify(POPS + "\n" + COPS, title="Ops lead", id="r-1")
    row = report_row(report)
    assert tuple(row) == ROW_COLUMNS
    assert (row["id"], row["title"], row["error"], row["warnings"]) == (
        "r-1",
        "Ops lead",
        None,
        None,
    )
    assert row["primary"] == report.primary
    assert row["is_mops"] == round(report.is_mops, 4)
    assert abs(sum(row[f"{p}_share"] for p in PILLARS) - 1) < 1e-3
    for p in PILLARS:
        evidence = report.pillars[p].evidence
        phrase = row[f"{p}_evidence"]
        if evidence:
            assert isinstance(phrase, str) and "\n" not in phrase
            assert phrase == " ".join(evidence[0].text.split())
        else:
            assert phrase is None


def test_an_error_report_has_no_numbers() -> None:
    row = report_row(failed("empty text", id="7", title="t"))
    assert row["error"] == "empty text"
    assert all(row[c] is None for c in ("is_mops", "primary", *(f"{p}_share" for p in PILLARS)))


def test_records_keep_their_order_errors_and_warnings(classifier: Any) -> None:
    records = [
        Record(1, POPS),
        Record(2, "", error="malformed CSV row (line 3): x"),
        Record(3, "  "),
        Record(4, NURSE, warnings=("invalid UTF-8 replaced",)),
        Record(5, COPS, title="Campaigns", id="c"),
    ]
    reports = classify_records(classifier, records, top=1)
    assert [r.error for r in reports] == [
        None,
        "malformed CSV row (line 3): x",
        "empty text",
        None,
        None,
    ]
    assert reports[3].warnings == ("invalid UTF-8 replaced",)
    assert (reports[4].id, reports[4].title) == ("c", "Campaigns")
    assert all(len(reports[0].pillars[p].evidence) <= 1 for p in PILLARS)


def test_chunks_end_at_a_row_count_or_a_text_size() -> None:
    records = [Record(n, "x" * 10) for n in range(1, 8)]
    assert [len(c) for c in chunks(records, rows=3)] == [3, 3, 1]
    assert [len(c) for c in chunks(records, rows=100, chars=25)] == [3, 3, 1]
    assert [r.row for c in chunks(records, rows=2) for r in c] == list(range(1, 8))


def test_the_summary_line() -> None:
    tally = Tally()
    tally.errors, tally.rows, tally.warnings = 2, 5, 1
    tally.primaries.update(["pops", "pops", "none"])
    line = Summary.of(tally, output="o.csv", seconds=3.0, setup_seconds=1.0, skipped=4).line()
    assert line == (
        "5 rows (2 errors, 1 warning, after 4 rows already there); primary: "
        "pops 2, cops 0, miops 0, devmops 0, none 1; 3.0 s (1.0 s setup), "
        "2.5 rows/s; written to o.csv"
    )
