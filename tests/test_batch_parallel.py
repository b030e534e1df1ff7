"""Parallel runs give the rows of a plain run: ``--jobs 2`` (joblib workers) and the Dask
engine, on a local cluster of two workers, row for row."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from batch_samples import csv_bytes, many
from jdpillars.batch.worker import adopt
from jdpillars.cli import app

HOSTILE_ROWS = [
    ("h1", "Empty", ""),
    ("h2", "Blank", " \n "),
    ("h3", "Binary", "a\x00b"),
    ("h4", "Markup", "<li>[bold]Own the Marketo instance[/bold]</li>"),
]


@pytest.fixture(scope="module", autouse=True)
def shared_model(classifier: Any) -> None:
    adopt(classifier)  # the session's model, loaded once


def invoke(runner: Any, *args: str) -> Any:
    result = runner.invoke(app, ["batch", *args])
    assert result.exit_code == 0, result.output
    return result


def csv_rows(*paths: Path) -> list[list[str]]:
    """The data rows of CSV files (each with its header), in file order."""
    rows: list[list[str]] = []
    for path in paths:
        with path.open(encoding="utf-8", newline="") as handle:
            rows.extend(list(csv.reader(handle))[1:])
    return rows


@pytest.fixture(scope="module")
def source(tmp_path_factory: pytest.TempPathFactory) -> Path:
    rows = many(90)
    for n, row in zip((3, 40, 41, 88), HOSTILE_ROWS, strict=True):
        rows[n] = row
    path = tmp_path_factory.mktemp("parallel") / "in.csv"
    path.write_bytes(csv_bytes(rows))
    return path


@pytest.fixture(scope="module")
def local(source: Path) -> Path:
    from typer.testing import CliRunner

    out = source.with_name("local.csv")
    invoke(CliRunner(), str(source), "-o", str(out), "--chunk-size", "16")
    return out


def test_two_jobs_equal_one(runner: Any, source: Path, local: Path) -> None:
    out = source.with_name("jobs2.csv")
    result = invoke(runner, str(source), "-o", str(out), "--jobs", "2", "--chunk-size", "7")
    assert out.read_bytes() == local.read_bytes()
    assert result.stderr.startswith("jdpillars: 90 rows (3 errors)")


def test_two_jobs_jsonl_equals_one(runner: Any, source: Path) -> None:
    one, two = source.with_name("one.jsonl"), source.with_name("two.jsonl")
    invoke(runner, str(source), "-o", str(one), "--chunk-size", "9")
    invoke(runner, str(source), "-o", str(two), "--chunk-size", "5", "-j", "2")
    assert two.read_bytes() == one.read_bytes()
    assert [json.loads(line)["row"] for line in two.read_text("utf-8").splitlines()] == list(
        range(1, 91)
    )


@pytest.fixture(scope="module")
def cluster() -> Iterator[Any]:
    distributed = pytest.importorskip("distributed")
    import logging

    with distributed.LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        dashboard_address=None,
        silence_logs=logging.ERROR,
    ) as c:
        yield c


def test_dask_on_a_local_cluster_of_two_workers_equals_local(
    runner: Any, source: Path, local: Path, cluster: Any
) -> None:
    out = source.with_name("dask-out")
    result = invoke(
        runner,
        str(source),
        "-o",
        str(out),
        "--engine",
        "dask",
        "--format",
        "csv",
        "--scheduler",
        cluster.scheduler_address,
    )
    parts = sorted(out.glob("part-*.csv"))
    assert len(parts) >= 4  # split so that both workers get work
    assert csv_rows(*parts) == csv_rows(local)
    assert result.stderr.startswith("jdpillars: 90 rows (3 errors)")
    assert not source.with_name("dask-out.partial").exists()


def test_dask_reads_a_glob_of_csv_and_parquet_in_name_order(
    runner: Any, source: Path, local: Path, cluster: Any, tmp_path: Path
) -> None:
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    with source.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    header, body = rows[0], rows[1:]
    (tmp_path / "a.csv").write_bytes(csv_bytes(body[:30], header=header))
    columns = list(zip(*body[30:], strict=True))
    table = pa.table({name: list(values) for name, values in zip(header, columns, strict=True)})
    pq.write_table(table, tmp_path / "b.parquet", row_group_size=25)
    out = tmp_path / "scored.parquet"
    invoke(
        runner,
        str(tmp_path / "*.*"),
        "-o",
        str(out),
        "--engine",
        "dask",
        "--scheduler",
        cluster.scheduler_address,
    )
    scored = pq.read_table(out)
    assert scored.column("row").to_pylist() == list(range(1, 91))
    as_text = [["" if v is None else str(v) for v in r.values()] for r in scored.to_pylist()]
    assert as_text == csv_rows(local)


def test_without_a_scheduler_dask_starts_a_local_cluster(
    runner: Any, tmp_path: Path, cluster: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    import distributed

    made: list[Any] = []

    class Lent:
        """The test's cluster, lent to the engine (which closes the cluster it started)."""

        def __init__(self, **kwargs: Any) -> None:
            made.append(kwargs)
            self.scheduler_address = cluster.scheduler_address

        def close(self) -> None:
            made.append("closed")

    monkeypatch.setattr(distributed, "LocalCluster", Lent)
    source = tmp_path / "in.csv"
    source.write_bytes(csv_bytes([*many(5), HOSTILE_ROWS[0]]))
    out = tmp_path / "out"
    result = invoke(
        runner, str(source), "-o", str(out), "--engine", "dask", "--jobs", "2", "--format", "csv"
    )
    assert made[0]["n_workers"] == 2 and made[0]["threads_per_worker"] == 1
    assert made[-1] == "closed"
    assert [r[0] for r in csv_rows(*sorted(out.glob("part-*.csv")))] == [
        str(n) for n in range(1, 7)
    ]
    assert "6 rows (1 error)" in result.stderr


@pytest.mark.parametrize("engine", ["local", "dask"])
def test_an_unusable_model_stops_the_workers_with_one_line(
    runner: Any, source: Path, tmp_path: Path, cluster: Any, engine: str
) -> None:
    where = ["--jobs", "2"] if engine == "local" else ["--scheduler", cluster.scheduler_address]
    out = tmp_path / ("o.csv" if engine == "local" else "o")
    args = [str(source), "-o", str(out), "--engine", engine, "--model", str(tmp_path / "none")]
    result = runner.invoke(app, ["batch", *args, *where])
    assert result.exit_code == 2, result.output
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("jdpillars: error: ")
    assert not out.exists() and not out.with_name(out.name + ".partial").exists()
