"""``jdpillars batch`` end to end: the hostile CSV, the output formats, stdin, exit codes."""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path
from typing import Any

import pytest

from batch_samples import UNUSABLE, csv_bytes, hostile_csv, many
from jdpillars.batch.worker import adopt
from jdpillars.cli import app
from jdpillars.definitions import PILLARS
from jdpillars.render.rows import ROW_COLUMNS

SHARES = [f"{p}_share" for p in PILLARS]


@pytest.fixture(scope="module", autouse=True)
def shared_model(classifier: Any) -> None:
    adopt(classifier)  # the session's model, loaded once


def batch(runner: Any, *args: str, input: bytes | None = None) -> Any:
    return runner.invoke(app, ["batch", *args], input=input)


def rows_of(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def assert_one_line_error(result: Any, *fragments: str) -> None:
    assert result.exit_code == 2, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("jdpillars: error: ")
    assert "Traceback" not in result.output
    for fragment in fragments:
        assert fragment in lines[0]


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("hostile") / "postings.csv"
    path.write_bytes(hostile_csv())
    return path


@pytest.fixture(scope="module")
def hostile_run(hostile: Path) -> tuple[Any, Path]:
    from typer.testing import CliRunner

    out = hostile.with_name("scored.csv")
    return batch(CliRunner(), str(hostile), "-o", str(out)), out


def test_the_hostile_csv_gives_14_rows_in_order(hostile_run: tuple[Any, Path]) -> None:
    result, out = hostile_run
    assert result.exit_code == 0, result.output
    rows = rows_of(out)
    assert list(rows[0]) == ["row", *ROW_COLUMNS]
    assert [r["row"] for r in rows] == [str(n) for n in range(1, 15)]
    readable = [n for n in range(1, 15) if n not in (12, 13, 14)]
    assert [r["id"] for r in rows if int(r["row"]) in readable] == [str(n) for n in readable]


def test_errors_are_flagged_only_where_the_text_is_unusable(hostile_run: tuple[Any, Path]) -> None:
    rows = rows_of(hostile_run[1])
    flagged = {int(r["row"]): r["error"] for r in rows if r["error"]}
    assert set(flagged) == set(UNUSABLE)
    for n, fragment in UNUSABLE.items():
        assert fragment in flagged[n]
    for row in rows:
        if row["error"]:
            assert row["primary"] == row["is_mops"] == "" and all(row[s] == "" for s in SHARES)
        else:
            assert abs(sum(float(row[s]) for s in SHARES) - 1) < 1e-3
            assert 0 <= float(row["is_mops"]) <= 1
            assert row["primary"] in (*PILLARS, "")


def test_invalid_utf8_is_classified_and_flagged(hostile_run: tuple[Any, Path]) -> None:
    rows = rows_of(hostile_run[1])
    assert [r["row"] for r in rows if r["warnings"]] == ["6"]
    assert "invalid UTF-8" in rows[5]["warnings"]
    assert rows[5]["error"] == ""
    assert rows[5]["is_mops"] != ""


def test_the_summary_is_one_line_on_stderr_and_stdout_stays_empty(
    hostile_run: tuple[Any, Path],
) -> None:
    result, out = hostile_run
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1  # no progress bar: stderr is not a terminal
    assert lines[0].startswith("jdpillars: 14 rows (7 errors, 1 warning); primary: pops ")
    assert f"written to {out}" in lines[0]


def test_no_partial_file_is_left_behind(hostile_run: tuple[Any, Path]) -> None:
    out = hostile_run[1]
    assert not out.with_name(out.name + ".partial").exists()


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("sample") / "in.csv"
    data = csv_bytes([*many(12), ("x1", "Empty", ""), ("x2", "Markup", "<p>[b]</p> 42")])
    path.write_bytes(data)
    return path


def test_jsonl_output_is_one_report_per_line(runner: Any, sample: Path) -> None:
    out = sample.with_name("out.jsonl")
    result = batch(runner, str(sample), "-o", str(out), "--top", "2")
    assert result.exit_code == 0, result.output
    reports = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["row"] for r in reports] == list(range(1, 15))
    assert [r["id"] for r in reports[-2:]] == ["x1", "x2"]
    assert reports[-2]["error"] == "empty text"
    for report in reports[:12]:
        assert report["error"] is None
        assert set(report["pillars"]) == set(PILLARS)
        for pillar in report["pillars"].values():
            assert len(pillar["evidence"]) <= 2
            for e in pillar["evidence"]:
                assert report["text"][e["start"] : e["end"]] == e["text"]


def test_csv_and_parquet_outputs_hold_the_same_rows(runner: Any, sample: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    as_csv, as_parquet = sample.with_name("same.csv"), sample.with_name("same.parquet")
    assert batch(runner, str(sample), "-o", str(as_csv)).exit_code == 0
    assert batch(runner, str(sample), "-o", str(as_parquet)).exit_code == 0
    table = pq.read_table(as_parquet)
    assert table.column_names == ["row", *ROW_COLUMNS]
    assert str(table.schema.field("is_mops").type) == "double"
    assert [
        {k: "" if v is None else str(v) for k, v in r.items()} for r in table.to_pylist()
    ] == rows_of(as_csv)


def test_the_format_option_beats_the_extension(runner: Any, sample: Path) -> None:
    out = sample.with_name("scores.txt")
    assert batch(runner, str(sample), "-o", str(out), "--format", "jsonl").exit_code == 0
    assert json.loads(out.read_text(encoding="utf-8").splitlines()[0])["row"] == 1


@pytest.mark.parametrize("kind", ["csv", "jsonl"])
def test_standard_input(runner: Any, tmp_path: Path, kind: str) -> None:
    postings = many(3)
    if kind == "csv":
        data = csv_bytes(postings, header=("job_id", "job_title", "body"), delimiter=";")
    else:
        data = b"".join(
            json.dumps({"job_id": i, "job_title": t, "text": d}).encode() + b"\n"
            for i, t, d in postings
        )
    out = tmp_path / "out.csv"
    result = batch(runner, "-", "-o", str(out), input=data)
    assert result.exit_code == 0, result.output
    assert [(r["id"], r["title"]) for r in rows_of(out)] == [(i, t) for i, t, _ in postings]


def test_named_columns(runner: Any, tmp_path: Path) -> None:
    source = tmp_path / "in.csv"
    source.write_bytes(
        csv_bytes([("a", "Ops", "Own the Marketo instance")], header=("ref", "role", "ad"))
    )
    out = tmp_path / "out.csv"
    result = batch(
        runner,
        str(source),
        "-o",
        str(out),
        "--text-column",
        "AD",
        "--title-column",
        "role",
        "--id-column",
        "ref",
    )
    assert result.exit_code == 0, result.output
    assert [(r["id"], r["title"]) for r in rows_of(out)] == [("a", "Ops")]


# Usage errors: one line on stderr, exit 2, no output file


def test_missing_input(runner: Any, tmp_path: Path) -> None:
    result = batch(runner, str(tmp_path / "nope.csv"), "-o", str(tmp_path / "o.csv"))
    assert_one_line_error(result, "nope.csv: no such file")


def test_no_text_column_lists_the_columns(runner: Any, tmp_path: Path) -> None:
    source = tmp_path / "in.csv"
    source.write_bytes(csv_bytes([("1", "x")], header=("req", "headline")))
    result = batch(runner, str(source), "-o", str(tmp_path / "o.csv"))
    assert_one_line_error(result, "no text column", "'req', 'headline'")
    assert not (tmp_path / "o.csv.partial").exists()


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["-o", "{tmp}/o.xlsx"], "cannot tell the output format"),
        (["-o", "{tmp}/o.csv", "--scheduler", "tcp://127.0.0.1:1"], "--scheduler works with"),
        (["-o", "{tmp}/o", "--engine", "dask", "--resume"], "--resume works with the local"),
        (["-o", "{tmp}/o", "--engine", "dask", "--format", "jsonl"], "csv or parquet parts"),
        (["-o", "{tmp}/missing/o.csv"], "no such directory"),
        (["-o", "{tmp}/in.csv"], "would overwrite the input"),
    ],
)
def test_usage_errors(runner: Any, tmp_path: Path, args: list[str], fragment: str) -> None:
    (tmp_path / "in.csv").write_bytes(csv_bytes([("1", "t", "text")]))
    result = batch(runner, str(tmp_path / "in.csv"), *(a.format(tmp=tmp_path) for a in args))
    assert_one_line_error(result, fragment)


def test_a_directory_needs_the_dask_engine(runner: Any, tmp_path: Path) -> None:
    assert_one_line_error(
        batch(runner, str(tmp_path), "-o", str(tmp_path / "o.csv")), "--engine dask"
    )


def test_a_bad_option_value_is_a_usage_error(runner: Any, sample: Path) -> None:
    result = batch(runner, str(sample), "-o", "x.csv", "--jobs", "0")
    assert result.exit_code == 2


@pytest.mark.parametrize(
    ("module", "args", "extra"),
    [
        ("pyarrow", ["-o", "{tmp}/o.parquet"], "jdpillars[parquet]"),
        (
            "distributed",
            ["-o", "{tmp}/o", "--engine", "dask", "--format", "csv"],
            "jdpillars[dask]",
        ),
    ],
)
def test_a_missing_extra_is_named(
    runner: Any,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    module: str,
    args: list[str],
    extra: str,
) -> None:
    monkeypatch.setitem(sys.modules, module, None)  # import now raises ImportError
    (tmp_path / "in.csv").write_bytes(csv_bytes([("1", "t", "text")]))
    result = batch(runner, str(tmp_path / "in.csv"), *(a.format(tmp=tmp_path) for a in args))
    assert_one_line_error(result, f"pip install '{extra}'")


def test_parquet_input_that_is_not_parquet(runner: Any, tmp_path: Path) -> None:
    pytest.importorskip("pyarrow")
    (tmp_path / "in.parquet").write_bytes(b"id,description\n1,x\n")
    result = batch(runner, str(tmp_path / "in.parquet"), "-o", str(tmp_path / "o.csv"))
    assert_one_line_error(result, "not a Parquet file")


def test_quiet_still_prints_the_summary(runner: Any, sample: Path) -> None:
    result = batch(runner, str(sample), "-o", str(sample.with_name("q.csv")), "--quiet")
    assert result.exit_code == 0
    assert result.stderr.startswith("jdpillars: 14 rows (1 error); primary: ")


def test_help_documents_the_command(runner: Any) -> None:
    result = runner.invoke(app, ["batch", "--help"])
    assert result.exit_code == 0
    for option in ("--text-column", "--resume", "--jobs", "--engine", "--scheduler"):
        assert option in result.output


def test_an_unusable_model_is_a_usage_error(runner: Any, sample: Path, tmp_path: Path) -> None:
    out = tmp_path / "o.csv"
    result = batch(runner, str(sample), "-o", str(out), "--model", str(tmp_path / "nomodel"))
    assert_one_line_error(result, "nomodel")
    assert not out.exists()


def test_a_model_that_cannot_classify_stops_the_run_before_any_row(
    runner: Any, sample: Path, tmp_path: Path, classifier: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: Any, **kwargs: Any) -> Any:
        raise AttributeError("'PillarModel' object has no attribute 'x'")

    monkeypatch.setattr(classifier, "classify_many", broken)
    out = tmp_path / "o.csv"
    result = batch(runner, str(sample), "-o", str(out))
    assert_one_line_error(result, "the model cannot classify: AttributeError: ")
    assert not out.exists() and not out.with_name("o.csv.partial").exists()
