"""CSV and TSV in, one ``Record`` per row, whatever the file holds.

The delimiter (comma, semicolon or tab) is sniffed from the header line; fields may be as long
as memory allows; a BOM is dropped; CRLF is fine; invalid UTF-8 is replaced and flagged; NUL
bytes reach the classifier (which refuses the text). A row the csv module cannot parse (a stray
quote, an unterminated quote at the end) or with the wrong number of fields becomes an error
row, and reading goes on with the next line.
"""

from __future__ import annotations

import csv
import sys
from collections.abc import Iterable, Iterator

from jdpillars.batch.columns import Columns, Wanted, find_columns
from jdpillars.batch.errors import BatchError
from jdpillars.batch.readers import BOM, Lines
from jdpillars.batch.records import NUL_MARK, Record, broken, make_record

DELIMITERS = (",", ";", "\t")
FIELD_LIMIT = min(sys.maxsize, 2**31 - 1)
_MESSAGES = {"unexpected end of data": "unterminated quote at the end of the input"}


def sniff_delimiter(header: str) -> str:
    """The candidate that occurs most often outside quotes in the header line (comma on a
    tie or when there is none)."""
    counts = dict.fromkeys(DELIMITERS, 0)
    quoted = False
    for ch in header:
        if ch == '"':
            quoted = not quoted
        elif not quoted and ch in counts:
            counts[ch] += 1
    best = max(DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] else ","


def decoded(lines: Iterable[bytes]) -> Iterator[str]:
    """Lines as text for the csv module: invalid UTF-8 as lone surrogates, NUL as a mark."""
    first = True
    for raw in lines:
        if first:
            raw, first = raw.removeprefix(BOM), False
        line = raw.decode("utf-8", "surrogateescape")
        yield line.replace("\x00", NUL_MARK) if "\x00" in line else line


class CsvReader:
    def __init__(
        self,
        lines: Lines,
        wanted: Wanted,
        *,
        total: int | None,
        name: str,
        delimiter: str | None = None,
    ) -> None:
        csv.field_size_limit(FIELD_LIMIT)
        self._lines = lines
        self.total = total
        if delimiter is None:
            delimiter = sniff_delimiter(next(decoded([lines.head()]), ""))
        self._reader = csv.reader(decoded(lines), delimiter=delimiter, strict=True)
        try:
            header = next(self._reader, None)
        except csv.Error as exc:
            raise BatchError(f"{name}: cannot read the header row: {exc}") from None
        if not header:
            raise BatchError(f"{name}: empty input (no header row)")
        self.header = [h.replace(NUL_MARK, "") for h in header]
        self.columns: Columns = find_columns(self.header, wanted)
        self._first_row = 1
        self._index = [
            self.header.index(c) if c else None
            for c in (self.columns.text, self.columns.title, self.columns.id)
        ]

    @property
    def position(self) -> int:
        return self._lines.position

    @property
    def line(self) -> int:
        return self._lines.count

    def start_at(self, position: int, line: int, row: int) -> None:
        self._lines.seek(position, line)
        self._first_row = row + 1

    def _fields(self) -> Iterator[list[str] | str]:
        """Each record's fields, or the reason it could not be parsed; blank lines skipped."""
        while True:
            try:
                fields = next(self._reader)
            except StopIteration:
                return
            except csv.Error as exc:
                why = _MESSAGES.get(str(exc), str(exc))
                yield f"malformed CSV row (line {self._lines.count}): {why}"
                continue
            if fields:
                yield fields

    def __iter__(self) -> Iterator[Record]:
        width = len(self.header)
        text_at, title_at, id_at = self._index
        assert text_at is not None
        for row, fields in enumerate(self._fields(), start=self._first_row):
            if isinstance(fields, str):
                yield broken(row, fields)
            elif len(fields) != width:
                yield broken(
                    row,
                    f"malformed CSV row (line {self._lines.count}): "
                    f"{len(fields)} fields where the header has {width}",
                )
            else:
                yield make_record(
                    row,
                    fields[text_at],
                    None if title_at is None else fields[title_at],
                    None if id_at is None else fields[id_at],
                )
