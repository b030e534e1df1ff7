"""The partitions of a Dask run: which files, and which of their rows go together.

A CSV or JSONL file is parsed once on a worker to find where every ``STEP``-th record starts
(its byte and line: only a parser that knows quotes can tell). A partition is then a run of
whole records read from its byte onwards, on whichever worker gets it: no worker reads a whole
large file, none waits for another, and the records are exactly those of the local engine.
A Parquet file has one partition per row group. Rows are numbered across the files in name
order.
"""

from __future__ import annotations

import glob
import math
import os
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import Any

from jdpillars.batch.columns import Wanted
from jdpillars.batch.errors import BatchError
from jdpillars.batch.frames import records_frame
from jdpillars.batch.readers import EXTENSIONS, Seekable, input_format, open_input, open_reader

STEP = 64  # record starts are noted every STEP records
PART_ROWS = 2_000  # the most rows a CSV/JSONL partition gets
PER_WORKER = 4  # aim for at least this many partitions per worker, to keep them all busy


@dataclass(frozen=True)
class Part:
    path: str
    kind: str  # csv, tsv, jsonl or parquet
    wanted: Wanted
    rows_before: int  # rows of the input before this partition
    rows: int
    start: tuple[int, int] = (0, 0)  # CSV/JSONL: byte and line where its first record starts
    group: int = 0  # Parquet: the row group


def expand(source: str) -> list[str]:
    """The input files of ``source``: the file itself, a directory's files with a known
    extension, or a glob's matches, in name order."""
    if os.path.isdir(source):
        found = [
            str(p)
            for p in sorted(Path(source).rglob("*"))
            if p.is_file() and p.suffix.lower() in EXTENSIONS
        ]
    elif any(ch in source for ch in "*?["):
        found = sorted(p for p in glob.glob(source, recursive=True) if os.path.isfile(p))
    else:
        found = [source] if os.path.isfile(source) else []
    if not found:
        raise BatchError(f"{source}: no input files")
    return found


def _kind(path: str, given: str | None) -> str:
    with open_input(path) as stream:
        return input_format(path, given, stream.readline())


def _seekable(path: str, kind: str, wanted: Wanted, stream: Any) -> Seekable:
    reader = open_reader(path, wanted, fmt=kind, stream=stream)
    assert kind != "parquet"
    return reader  # type: ignore[return-value]


def record_starts(path: str, kind: str, wanted: Wanted) -> tuple[list[tuple[int, int]], int]:
    """Where records 1, STEP + 1, 2 * STEP + 1 ... of a CSV/JSONL file start, and how many
    records it has."""
    with open_input(path) as stream:
        reader = _seekable(path, kind, wanted, stream)
        starts = [(0, 0) if kind == "jsonl" else (reader.position, reader.line)]
        count = 0
        for count, _ in enumerate(reader, start=1):
            if count % STEP == 0:
                starts.append((reader.position, reader.line))
    return starts, count


def _part_rows(total: int, workers: int) -> int:
    wanted = math.ceil(total / (PER_WORKER * workers)) if total else STEP
    return min(PART_ROWS, max(STEP, math.ceil(wanted / STEP) * STEP))


def plan(
    files: list[str], given: str | None, wanted: Wanted, client: Any, workers: int
) -> tuple[list[Part], int]:
    """The partitions of ``files``, and the rows they hold."""
    kinds = [_kind(f, given) for f in files]
    found: dict[int, Any] = {}
    for i, (path, kind) in enumerate(zip(files, kinds, strict=True)):
        if kind == "parquet":
            from jdpillars.batch.read_parquet import ParquetReader

            metadata = ParquetReader(path, wanted).file.metadata
            found[i] = [metadata.row_group(g).num_rows for g in range(metadata.num_row_groups)]
        else:
            with open_input(path) as stream:  # the header, checked here before any work
                open_reader(path, wanted, fmt=kind, stream=stream)
            found[i] = client.submit(record_starts, path, kind, wanted, pure=False)
    counts = {i: f if isinstance(f, list) else f.result() for i, f in found.items()}
    total = sum(sum(c) if isinstance(c, list) else c[1] for c in counts.values())
    size = _part_rows(total, workers)
    parts: list[Part] = []
    before = 0
    for i, (path, kind) in enumerate(zip(files, kinds, strict=True)):
        if kind == "parquet":
            for group, n in enumerate(counts[i]):
                if n:
                    parts.append(Part(path, kind, wanted, before, n, group=group))
                before += n
            continue
        starts, n = counts[i]
        for k in range(0, n, size):
            parts.append(Part(path, kind, wanted, before + k, min(size, n - k), starts[k // STEP]))
        before += n
    return parts, total


def read(part: Part) -> Any:
    """A partition's records, as a frame."""
    if part.kind == "parquet":
        from jdpillars.batch.read_parquet import ParquetReader, parquet_records

        table = ParquetReader(part.path, part.wanted)
        records = parquet_records(
            table.file, table.columns, row_groups=[part.group], first_row=part.rows_before + 1
        )
        return records_frame(list(records))
    with open_input(part.path) as stream:
        reader = _seekable(part.path, part.kind, part.wanted, stream)
        reader.start_at(*part.start, row=part.rows_before)
        return records_frame(list(islice(reader, part.rows)))
