"""Parquet out (pyarrow, the ``[parquet]`` extra), with resume.

A Parquet file cannot be appended to, and a killed writer leaves one without its footer. So
while the run goes on, each chunk is written as its own small Parquet file, complete before it
is renamed into ``OUTPUT.partial/``; resuming counts the rows of those parts. At the end the
parts are streamed into one file, ``OUTPUT``, with large row groups.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from jdpillars.batch.errors import BatchError, optional
from jdpillars.render.rows import FLOAT_COLUMNS, ROW_COLUMNS

COLUMNS: tuple[str, ...] = ("row", *ROW_COLUMNS)
ROW_GROUP = 65_536


def schema() -> Any:
    pa = optional("pyarrow", "parquet")
    types = {"row": pa.int64(), **{c: pa.float64() for c in FLOAT_COLUMNS}}
    return pa.schema([(c, types.get(c, pa.string())) for c in COLUMNS])


def table(items: Sequence[tuple[Any, ...]]) -> Any:
    """Flat row tuples as an Arrow table of ``schema()``."""
    pa = optional("pyarrow", "parquet")
    target = schema()
    columns = list(zip(*items, strict=True)) if items else [()] * len(COLUMNS)
    return pa.Table.from_arrays(
        [pa.array(col, type=f.type) for col, f in zip(columns, target, strict=True)], schema=target
    )


def parts(directory: Path) -> list[Path]:
    return sorted(directory.glob("part-*.parquet"))


class PartsWriter:
    """Writes each chunk as ``part-NNNNNN.parquet`` in ``directory`` (made complete under a
    temporary name, then renamed)."""

    def __init__(self, directory: Path, *, resume: bool) -> None:
        self.directory = directory
        self.done = 0
        if not resume and directory.exists():
            shutil.rmtree(directory)
        directory.mkdir(exist_ok=True)
        for stale in directory.glob("*.tmp"):
            stale.unlink()
        self._count = 0
        for part in parts(directory):
            self._check(part)
        self._pq = optional("pyarrow.parquet", "parquet")

    def _check(self, part: Path) -> None:
        pq = optional("pyarrow.parquet", "parquet")
        try:
            rows = pq.read_table(part, columns=["row"]).column("row").to_pylist()
        except Exception as exc:  # pyarrow's errors for a file that is not ours
            raise BatchError(f"cannot resume {self.directory}: {part.name}: {exc}") from None
        if rows != list(range(self.done + 1, self.done + len(rows) + 1)):
            raise BatchError(
                f"cannot resume {self.directory}: {part.name} does not continue "
                f"after row {self.done}"
            )
        self.done += len(rows)
        self._count += 1

    def write(self, items: Sequence[tuple[Any, ...]]) -> None:
        if not items:
            return
        self._count += 1
        final = self.directory / f"part-{self._count:06d}.parquet"
        temp = final.with_suffix(".tmp")
        self._pq.write_table(table(items), temp)
        os.replace(temp, final)

    def close(self) -> None:
        pass

    def combine(self, output: Path) -> None:
        """Stream the parts into ``output`` and remove them."""
        pq = self._pq
        temp = output.with_name(output.name + ".tmp")
        pending: list[Any] = []
        with pq.ParquetWriter(temp, schema()) as writer:
            for part in parts(self.directory):
                pending.append(pq.read_table(part))
                if sum(t.num_rows for t in pending) >= ROW_GROUP:
                    writer.write_table(_concat(pending), row_group_size=ROW_GROUP)
                    pending = []
            writer.write_table(_concat(pending) if pending else table([]), row_group_size=ROW_GROUP)
        os.replace(temp, output)
        shutil.rmtree(self.directory)


def _concat(tables: list[Any]) -> Any:
    pa = optional("pyarrow", "parquet")
    return pa.concat_tables(tables)


def parquet_to_parts(source: Path, directory: Path) -> None:
    """A finished output back into parts, to be continued (``--resume`` after a full run)."""
    pq = optional("pyarrow.parquet", "parquet")
    try:
        finished = pq.ParquetFile(source)
    except Exception as exc:  # pyarrow's errors for a file that is not Parquet
        raise BatchError(f"cannot resume {source}: {exc}") from None
    directory.mkdir(exist_ok=True)
    for group in range(finished.num_row_groups):
        pq.write_table(finished.read_row_group(group), directory / f"part-{group + 1:06d}.parquet")
