"""Open an input: pick its format (option, extension, then content) and its reader.

Every reader yields ``Record`` values in input order, one per row, the broken rows included,
and says how far it has got (``position`` out of ``total``: bytes, or rows for Parquet) so the
progress bar can show time left.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO, Protocol

from jdpillars.batch.columns import Columns, Wanted
from jdpillars.batch.errors import BatchError
from jdpillars.batch.records import Record

FORMATS = ("csv", "tsv", "jsonl", "parquet")
EXTENSIONS = {
    ".csv": "csv",
    ".tsv": "tsv",
    ".tab": "tsv",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".parquet": "parquet",
    ".pq": "parquet",
}
BOM = b"\xef\xbb\xbf"
PARQUET_MAGIC = b"PAR1"
STDIN = "-"


class Reader(Protocol):
    columns: Columns
    total: int | None

    @property
    def position(self) -> int: ...

    def __iter__(self) -> Iterator[Record]: ...


class Lines:
    """The binary lines of a stream (each with its ``\\n``), counting the bytes and the lines
    handed out; ``head`` peeks at the first line without using it up."""

    def __init__(self, stream: BinaryIO) -> None:
        self._stream = stream
        self._head: bytes | None = None
        self.position = 0
        self.count = 0

    def head(self) -> bytes:
        if self._head is None:
            self._head = self._stream.readline()
        return self._head

    def seek(self, position: int, count: int) -> None:
        """Go on at byte ``position``, where line ``count + 1`` starts."""
        self._stream.seek(position)
        self._head = b""
        self.position, self.count = position, count

    def __iter__(self) -> Iterator[bytes]:
        first = self.head()
        if first:
            self.position += len(first)
            self.count += 1
            yield first
        for raw in self._stream:
            self.position += len(raw)
            self.count += 1
            yield raw


class Seekable(Protocol):
    """A reader of lines (CSV, JSONL) that can start at a record found by an earlier pass:
    after each record, ``position`` and ``line`` say where the next one starts."""

    columns: Columns

    @property
    def position(self) -> int: ...

    @property
    def line(self) -> int: ...

    def start_at(self, position: int, line: int, row: int) -> None:
        """Read on from byte ``position`` (line ``line + 1``) as row ``row + 1``."""

    def __iter__(self) -> Iterator[Record]: ...


def sniff_format(head: bytes) -> str:
    """The format of an input whose name does not say: Parquet by its magic bytes, JSONL when
    the first line is a JSON object, CSV otherwise."""
    if head.startswith(PARQUET_MAGIC):
        return "parquet"
    return "jsonl" if head.removeprefix(BOM).lstrip().startswith(b"{") else "csv"


def input_format(source: str, given: str | None, head: bytes) -> str:
    if given:
        return given
    by_name = EXTENSIONS.get(Path(source).suffix.lower()) if source != STDIN else None
    return by_name or sniff_format(head)


def open_reader(
    source: str,
    wanted: Wanted,
    *,
    fmt: str | None = None,
    stdin: BinaryIO | None = None,
    stream: BinaryIO | None = None,
) -> Reader:
    """A reader for the file ``source`` (or standard input for ``-``). ``stream``, when
    given, is ``source`` already open (the caller closes it)."""
    if source == STDIN:
        if stdin is None:
            raise BatchError("no standard input to read")
        stream = stdin
    if stream is None:
        raise BatchError(f"{source}: not opened")
    lines = Lines(stream)
    kind = input_format(source, fmt, lines.head())
    total = None if source == STDIN else _size(stream)
    if kind == "parquet":
        if source == STDIN:
            raise BatchError("Parquet cannot be read from standard input: give the file")
        from jdpillars.batch.read_parquet import ParquetReader

        return ParquetReader(source, wanted)
    if kind == "jsonl":
        from jdpillars.batch.read_jsonl import JsonlReader

        return JsonlReader(lines, wanted, total=total, name=source)
    from jdpillars.batch.read_csv import CsvReader

    return CsvReader(
        lines, wanted, total=total, name=source, delimiter="\t" if kind == "tsv" else None
    )


def _size(stream: BinaryIO) -> int | None:
    import os

    try:
        return os.fstat(stream.fileno()).st_size
    except (OSError, ValueError, AttributeError):
        return None


def open_input(source: str) -> BinaryIO:
    """``source`` opened for reading, or a one-line error."""
    path = Path(source)
    if path.is_dir():
        raise BatchError(
            f"{source}: is a directory (the dask engine reads directories and globs: --engine dask)"
        )
    try:
        return path.open("rb")
    except FileNotFoundError:
        raise BatchError(f"{source}: no such file") from None
    except OSError as exc:
        raise BatchError(f"{source}: cannot read: {exc.strerror}") from None
