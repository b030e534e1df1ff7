"""Parquet in (with pyarrow, the ``[parquet]`` extra), batch by batch, one ``Record`` per row.

Null text becomes an empty text (an error row); binary columns are decoded as UTF-8 with
invalid bytes replaced and flagged.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from jdpillars.batch.columns import Columns, Wanted, find_columns
from jdpillars.batch.errors import BatchError, optional
from jdpillars.batch.records import Record, make_record

BATCH_ROWS = 1024


def open_parquet(path: str) -> Any:
    pq = optional("pyarrow.parquet", "parquet")
    try:
        return pq.ParquetFile(path)
    except FileNotFoundError:
        raise BatchError(f"{path}: no such file") from None
    except Exception as exc:  # pyarrow raises ArrowInvalid and OSError for files it cannot read
        raise BatchError(f"{path}: not a Parquet file that can be read: {exc}") from None


def parquet_records(
    pf: Any, columns: Columns, *, row_groups: Sequence[int] | None = None, first_row: int = 1
) -> Iterator[Record]:
    """The records of a ``ParquetFile`` (or of some of its row groups), numbered from
    ``first_row``."""
    row = first_row
    for batch in pf.iter_batches(
        batch_size=BATCH_ROWS, columns=columns.used, row_groups=row_groups
    ):
        data = {name: batch.column(name).to_pylist() for name in columns.used}
        texts = data[columns.text]
        titles = data[columns.title] if columns.title else None
        ids = data[columns.id] if columns.id else None
        for i, text in enumerate(texts):
            yield make_record(row, text, titles[i] if titles else None, ids[i] if ids else None)
            row += 1


class ParquetReader:
    def __init__(self, path: str, wanted: Wanted) -> None:
        self.file = open_parquet(path)
        self.columns: Columns = find_columns(self.file.schema_arrow.names, wanted)
        self.total: int | None = self.file.metadata.num_rows
        self._done = 0

    @property
    def position(self) -> int:
        return self._done

    def __iter__(self) -> Iterator[Record]:
        for record in parquet_records(self.file, self.columns):
            self._done = record.row
            yield record
