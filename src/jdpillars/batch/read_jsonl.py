"""JSON Lines in: one object per line, one ``Record`` per non-blank line.

Columns are found among the keys of the first object. A line that is not JSON (a truncated
last line included), not an object, or lacks the text field becomes an error row. Invalid
UTF-8 is replaced and flagged; a BOM and CRLF line ends are fine.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
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
        self._seen: list[tuple[bytes, int]] = []  # lines read to find the columns, with ends
        self._position = self._line = self._row = 0
        first: dict[str, Any] | None = None
        for raw in self._stream:
            self._seen.append((raw, lines.position))
            if raw.strip() and isinstance(found := parse(raw.removeprefix(BOM)), dict):
                first = found
                break
            if len(self._seen) >= SCAN_LINES:
                break
        if first is None:
            blank = not any(r.strip() for r, _ in self._seen)
            what = (
                "empty input" if blank else f"no JSON object in the first {len(self._seen)} lines"
            )
            raise BatchError(f"{name}: {what}")
        self.columns: Columns = find_columns(list(first), wanted)

    @property
    def position(self) -> int:
        """Bytes read up to the last record handed out."""
        return self._position

    @property
    def line(self) -> int:
        return self._line

    def start_at(self, position: int, line: int, row: int) -> None:
        self._seen = []
        self._lines.seek(position, line)
        self._position, self._line, self._row = position, line, row

    def _raw_lines(self) -> Iterator[bytes]:
        for raw, end in self._seen:
            self._position, self._line = end, self._line + 1
            yield raw
        self._seen = []
        for raw in self._stream:
            self._position, self._line = self._lines.position, self._line + 1
            yield raw

    def __iter__(self) -> Iterator[Record]:
        text, title, id = self.columns.text, self.columns.title, self.columns.id
        for raw in self._raw_lines():
            if not raw.strip():
                continue
            self._row += 1
            line, row = self._line, self._row
            obj = parse(raw.removeprefix(BOM) if line == 1 else raw)
            if isinstance(obj, str):
                yield broken(row, f"line {line}: {obj}")
            elif text not in obj:
                yield broken(row, f"line {line}: no {text!r} field")
            else:
                yield make_record(
                    row, obj[text], obj.get(title) if title else None, obj.get(id) if id else None
                )
