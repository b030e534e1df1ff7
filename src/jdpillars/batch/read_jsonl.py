"""JSON Lines in: one object per line, one ``Record`` per non-blank line.

Columns are found among the keys of the first object. A line that is not JSON (a truncated
last line included), not an object, or lacks the text field becomes an error row. Invalid
UTF-8 is replaced and flagged; a BOM and CRLF line ends are fine.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from itertools import chain
from typing import Any

from jdpillars.batch.columns import Columns, Wanted, find_columns
from jdpillars.batch.errors import BatchError
from jdpillars.batch.readers import BOM, Lines
from jdpillars.batch.records import Record, broken, make_record

SCAN_LINES = 1000  # the first object must come within this many lines


def parse(raw: bytes) -> dict[str, Any] | str:
    """The object on one line, or why there is none."""
    try:
        value = json.loads(raw.decode("utf-8", "surrogateescape"), strict=False)
    except ValueError as exc:
        return f"malformed JSON: {getattr(exc, 'msg', exc)}"
    except RecursionError:
        return "malformed JSON: nested too deeply"
    if not isinstance(value, dict):
        return f"a JSON {type(value).__name__}, not an object"
    return value


class JsonlReader:
    def __init__(self, lines: Lines, wanted: Wanted, *, total: int | None, name: str) -> None:
        self._lines = lines
        self.total = total
        self._stream = iter(lines)
        self._seen: list[bytes] = []
        first: dict[str, Any] | None = None
        for raw in self._stream:
            raw = raw.removeprefix(BOM) if not self._seen else raw
            self._seen.append(raw)
            if raw.strip() and isinstance(found := parse(raw), dict):
                first = found
                break
            if len(self._seen) >= SCAN_LINES:
                break
        if first is None:
            what = (
                "empty input"
                if not any(r.strip() for r in self._seen)
                else (f"no JSON object in the first {len(self._seen)} lines")
            )
            raise BatchError(f"{name}: {what}")
        self.columns: Columns = find_columns(list(first), wanted)

    @property
    def position(self) -> int:
        return self._lines.position

    def __iter__(self) -> Iterator[Record]:
        text, title, id = self.columns.text, self.columns.title, self.columns.id
        row = 0
        for line_no, raw in enumerate(chain(self._seen, self._stream), start=1):
            if not raw.strip():
                continue
            row += 1
            obj = parse(raw)
            if isinstance(obj, str):
                yield broken(row, f"line {line_no}: {obj}")
            elif text not in obj:
                yield broken(row, f"line {line_no}: no {text!r} field")
            else:
                yield make_record(
                    row, obj[text], obj.get(title) if title else None, obj.get(id) if id else None
                )
