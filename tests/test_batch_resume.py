"""``--resume``: an interrupted run continues after its last complete row, and the result equals
an uninterrupted run, byte for byte (CSV, JSONL) or row for row (Parquet)."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from batch_samples import csv_bytes, many
from jdpillars.batch.errors import Interrupted
from jdpillars.batch.run import BatchOptions, run
from jdpillars.batch.worker import adopt
from jdpillars.cli import app

ROWS = 60


@pytest.fixture(scope="module", autouse=True)
def shared_model(classifier: Any) -> None:
    adopt(classifier)  # the session's model, loaded once


@pytest.fixture(scope="module")
def source(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("resume") / "in.csv"
    rows = many(ROWS)
    rows[7] = ("e1", "Empty", "")
    path.write_bytes(csv_bytes(rows))
    return path


def batch(runner: Any, source: Path, out: Path, *args: str) -> Any:
    result = runner.invoke(app, ["batch", str(source), "-o", str(out), "--chunk-size", "8", *args])
    assert result.exit_code == 0, result.output
    return result


@pytest.fixture(scope="module")
def full(source: Path) -> dict[str, Path]:
    """Uninterrupted runs, one per format."""
    from typer.testing import CliRunner

    outputs = {}
    for fmt in ("csv", "jsonl", "parquet"):
        out = source.with_name(f"full.{fmt}")
        batch(CliRunner(), source, out)
        outputs[fmt] = out
    return outputs


def partial_of(out: Path) -> Path:
    return out.with_name(out.name + ".partial")


@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
@pytest.mark.parametrize("cut", [0.0, 0.03, 0.37, 0.5, 0.81, 0.999])
def test_resume_after_a_cut_anywhere(
    runner: Any, source: Path, full: dict[str, Path], tmp_path: Path, fmt: str, cut: float
) -> None:
    complete = full[fmt].read_bytes()
    out = tmp_path / f"out.{fmt}"
    partial_of(out).write_bytes(complete[: int(len(complete) * cut)])  # a kill mid-row
    result = batch(runner, source, out, "--resume")
    assert out.read_bytes() == complete
    assert not partial_of(out).exists()
    assert "written to" in result.stderr


def test_resume_parquet_ignores_a_part_cut_short(
    runner: Any, source: Path, full: dict[str, Path], tmp_path: Path
) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    out = tmp_path / "out.parquet"
    parts = partial_of(out)
    parts.mkdir()
    table = pq.read_table(full["parquet"])
    pq.write_table(table.slice(0, 8), parts / "part-000001.parquet")
    pq.write_table(table.slice(8, 8), parts / "part-000002.parquet")
    (parts / "part-000003.tmp").write_bytes(b"PAR1 half a file")
    result = batch(runner, source, out, "--resume")
    assert "after 16 complete rows" in result.stderr
    assert pq.read_table(out).equals(table)


def test_resume_after_a_finished_run_adds_nothing(
    runner: Any, source: Path, full: dict[str, Path], tmp_path: Path
) -> None:
    out = tmp_path / "out.csv"
    out.write_bytes(full["csv"].read_bytes())
    result = batch(runner, source, out, "--resume")
    assert out.read_bytes() == full["csv"].read_bytes()
    assert f"jdpillars: 0 rows (0 errors, after {ROWS} rows already there)" in result.stderr


def test_without_resume_a_partial_output_is_replaced(
    runner: Any, source: Path, full: dict[str, Path], tmp_path: Path
) -> None:
    out = tmp_path / "out.csv"
    partial_of(out).write_bytes(full["csv"].read_bytes()[:500])
    result = batch(runner, source, out)
    assert "starting over" in result.stderr
    assert out.read_bytes() == full["csv"].read_bytes()


def test_resume_refuses_an_output_that_is_not_ours(
    runner: Any, source: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out.csv"
    partial_of(out).write_text("name,score\nx,1\n", encoding="utf-8")
    result = runner.invoke(app, ["batch", str(source), "-o", str(out), "--resume"])
    assert result.exit_code == 2
    assert "cannot resume" in result.stderr


def test_resume_refuses_an_output_longer_than_the_input(
    runner: Any, source: Path, full: dict[str, Path], tmp_path: Path
) -> None:
    short = tmp_path / "short.csv"
    short.write_bytes(csv_bytes(many(5)))
    out = tmp_path / "out.csv"
    out.write_bytes(full["csv"].read_bytes())
    result = runner.invoke(app, ["batch", str(short), "-o", str(out), "--resume"])
    assert result.exit_code == 2
    assert f"already has {ROWS} rows, more than the input" in result.stderr


def _start(source: Path, out: Path) -> subprocess.Popen[str]:
    code = "import sys; from jdpillars.cli import main; sys.argv[0] = 'jdpillars'; main()"
    return subprocess.Popen(
        [sys.executable, "-c", code, "batch", str(source), "-o", str(out), "--chunk-size", "4"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _wait_for_rows(process: subprocess.Popen[str], partial: Path, rows: int) -> None:
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline and process.poll() is None:
        if partial.exists() and partial.read_bytes().count(b"\n") > rows:
            return
        time.sleep(0.02)
    pytest.fail("the run did not get part-way")


def test_a_run_killed_part_way_resumes_to_the_same_file(runner: Any, tmp_path: Path) -> None:
    big = tmp_path / "big.csv"
    big.write_bytes(csv_bytes(many(400)))
    expected = tmp_path / "expected.csv"
    batch(runner, big, expected, "--chunk-size", "4")
    out = tmp_path / "out.csv"
    process = _start(big, out)
    _wait_for_rows(process, partial_of(out), 20)
    process.send_signal(signal.SIGKILL)
    process.communicate(timeout=60)
    assert process.returncode == -signal.SIGKILL
    assert not out.exists()
    kept = partial_of(out).read_bytes().count(b"\n") - 1
    assert 20 <= kept < 400
    result = batch(runner, big, out, "--chunk-size", "4", "--resume")
    assert f"resuming {partial_of(out)} after {kept} complete rows" in result.stderr
    assert out.read_bytes() == expected.read_bytes()
    assert not partial_of(out).exists()


def test_ctrl_c_keeps_the_complete_rows_and_resume_finishes(
    runner: Any, source: Path, full: dict[str, Path], tmp_path: Path
) -> None:
    out = tmp_path / "out.jsonl"

    def interrupt(rows: int, position: int, total: int | None) -> None:
        if rows >= 24:
            raise KeyboardInterrupt

    options = BatchOptions(str(source), out, chunk_rows=8)
    with pytest.raises(Interrupted) as caught:
        run(options, progress=interrupt)
    assert (caught.value.rows, caught.value.partial) == (24, str(partial_of(out)))
    assert partial_of(out).read_bytes().count(b"\n") == 24
    batch(runner, source, out, "--resume")
    assert out.read_bytes() == full["jsonl"].read_bytes()


def test_the_cli_exits_130_when_interrupted(
    runner: Any, source: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def stopped(*args: Any, **kwargs: Any) -> None:
        raise Interrupted(24, "out.csv.partial")

    monkeypatch.setattr("jdpillars.batch.run.run", stopped)
    result = runner.invoke(app, ["batch", str(source), "-o", str(tmp_path / "out.csv")])
    assert result.exit_code == 130
    assert result.stderr == (
        "jdpillars: interrupted after 24 rows, kept in out.csv.partial; "
        "run the same command with --resume to continue\n"
    )
