"""Dask partitions: runs of whole records found by a first pass, read from their byte onwards,
give exactly the records of a plain read, numbered across files (no Dask needed here)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from batch_samples import csv_bytes, hostile_csv, many
from jdpillars.batch import partitions
from jdpillars.batch.columns import Wanted
from jdpillars.batch.frames import records_of
from jdpillars.batch.partitions import expand, plan, read
from jdpillars.batch.readers import open_reader
from jdpillars.batch.records import Record


class Done:
    def __init__(self, value: Any) -> None:
        self.value = value

    def result(self) -> Any:
        return self.value


class InlineClient:
    """Runs what a Dask client would submit, here and now."""

    def submit(self, fn: Any, *args: Any, pure: bool = True) -> Done:
        return Done(fn(*args))


def plain(path: Path) -> list[Record]:
    with path.open("rb") as stream:
        return list(open_reader(str(path), Wanted(), stream=stream))


def partitioned(files: list[Path]) -> tuple[list[Record], int]:
    parts, _ = plan([str(f) for f in files], None, Wanted(), InlineClient(), workers=2)
    return [r for p in parts for r in records_of(read(p))], len(parts)


@pytest.fixture(autouse=True)
def small_steps(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(partitions, "STEP", 2)
    monkeypatch.setattr(partitions, "PART_ROWS", 4)


def test_the_hostile_csv_in_partitions_reads_as_a_whole(tmp_path: Path) -> None:
    path = tmp_path / "hostile.csv"
    path.write_bytes(hostile_csv())
    records, count = partitioned([path])
    assert count == 7  # 14 rows over 2 workers, 4 partitions each: 2 rows (the step) apiece
    assert records == plain(path)
    assert [r.row for r in records] == list(range(1, 15))


def test_jsonl_with_a_bom_blank_and_broken_lines_in_partitions(tmp_path: Path) -> None:
    lines = [
        b"\xef\xbb\xbfnot json\r\n",
        b"\n",
        b'{"id": 1, "text": "a"}\n',
        b"[1]\n",
        b'{"id": 2, "text": "caf\xe9"}\n',
        b"\n",
        b'{"id": 3}\n',
        *(json.dumps({"id": n, "text": f"t{n}"}).encode() + b"\n" for n in range(4, 12)),
        b'{"id": 12, "text": "cut',
    ]
    path = tmp_path / "in.jsonl"
    path.write_bytes(b"".join(lines))
    records, count = partitioned([path])
    assert count > 1
    assert records == plain(path)
    assert records[0].error == "line 1: malformed JSON: Expecting value"
    assert records[-1].error is not None and records[-1].error.startswith("line 16: ")


def test_rows_are_numbered_across_files_in_name_order(tmp_path: Path) -> None:
    (tmp_path / "b.csv").write_bytes(csv_bytes(many(7)))
    (tmp_path / "a.tsv").write_bytes(csv_bytes(many(5), delimiter="\t"))
    files = [Path(f) for f in expand(str(tmp_path))]
    assert [f.name for f in files] == ["a.tsv", "b.csv"]
    records, _ = partitioned(files)
    assert [r.row for r in records] == list(range(1, 13))
    assert [r.id for r in records] == [f"p{n}" for n in range(1, 6)] + [
        f"p{n}" for n in range(1, 8)
    ]


def test_a_file_without_a_text_column_stops_the_plan(tmp_path: Path) -> None:
    path = tmp_path / "in.csv"
    path.write_bytes(csv_bytes([("1", "x")], header=("req", "headline")))
    with pytest.raises(Exception, match="no text column"):
        plan([str(path)], None, Wanted(), InlineClient(), workers=2)


def test_no_input_files(tmp_path: Path) -> None:
    with pytest.raises(Exception, match="no input files"):
        expand(str(tmp_path / "*.csv"))
