"""Records as pandas frames and back: the partitions of the Dask engine."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from jdpillars.batch.records import Record

COLUMNS = ("row", "text", "title", "id", "error", "warnings")
SEPARATOR = "\x1f"  # between a record's warnings in the ``warnings`` column


def records_frame(records: Sequence[Record]) -> Any:
    import pandas as pd

    data: dict[str, Any] = {"row": pd.Series([r.row for r in records], dtype="int64")}
    for name in COLUMNS[1:-1]:
        data[name] = pd.Series([getattr(r, name) for r in records], dtype=object)
    data["warnings"] = pd.Series(
        [SEPARATOR.join(r.warnings) or None for r in records], dtype=object
    )
    return pd.DataFrame(data)


def meta() -> Any:
    return records_frame([])


def _value(value: Any) -> str | None:
    return value if isinstance(value, str) else None  # None, or NaN from a concatenation


def records_of(frame: Any) -> list[Record]:
    columns = [frame[name].tolist() for name in COLUMNS]
    return [
        Record(
            int(row),
            _value(text) or "",
            _value(title),
            _value(id),
            _value(error),
            tuple(w.split(SEPARATOR)) if isinstance(w, str) else (),
        )
        for row, text, title, id, error, w in zip(*columns, strict=True)
    ]
