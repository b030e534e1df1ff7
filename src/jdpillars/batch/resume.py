"""How much of an interrupted output is complete: the rows to keep, and where they end.

A row counts when it was written whole: its line ends with a newline, it parses, it has every
column, and its ``row`` number follows the one before. Whatever follows the last such row (a
row cut short by a kill) is cut off before the run continues.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from jdpillars.batch.errors import BatchError


@dataclass(frozen=True)
class Complete:
    rows: int  # complete data rows
    end: int  # byte offset just after the last of them (after the header when none)


class _Tracked:
    """Binary lines decoded for the csv module, remembering the bytes used and whether the
    last line used ended with a newline."""

    def __init__(self, path: Path) -> None:
        self._path = path
        self.used = 0
        self.newline = True

    def __iter__(self) -> Iterator[str]:
        with self._path.open("rb") as handle:
            for raw in handle:
                self.used += len(raw)
                self.newline = raw.endswith(b"\n")
                yield raw.decode("utf-8", "replace")


def _sequence_error(path: Path, expected: int, found: object) -> BatchError:
    return BatchError(
        f"cannot resume {path}: row {expected} is numbered {found!r} "
        "(not the output of this command?)"
    )


def complete_csv(path: Path, columns: Sequence[str]) -> Complete:
    lines = _Tracked(path)
    reader = csv.reader(lines, strict=True)
    try:
        header = next(reader, None)
    except csv.Error:
        header = None
    if header is None or not lines.newline:
        return Complete(0, 0)  # not even the header was written whole: start again
    if header != list(columns):
        raise BatchError(
            f"cannot resume {path}: its columns are not those of "
            f"jdpillars batch ({', '.join(columns)})"
        )
    done = Complete(0, lines.used)
    while True:
        try:
            fields = next(reader, None)
        except csv.Error:
            break
        if fields is None or not lines.newline or len(fields) != len(columns):
            break
        if fields[0] != str(done.rows + 1):
            raise _sequence_error(path, done.rows + 1, fields[0])
        done = Complete(done.rows + 1, lines.used)
    return done


def complete_jsonl(path: Path) -> Complete:
    done = Complete(0, 0)
    with path.open("rb") as handle:
        for raw in handle:
            if not raw.endswith(b"\n"):
                break
            try:
                obj = json.loads(raw)
            except ValueError:
                break
            if not isinstance(obj, dict) or obj.get("row") != done.rows + 1:
                raise _sequence_error(
                    path, done.rows + 1, obj.get("row") if isinstance(obj, dict) else obj
                )
            done = Complete(done.rows + 1, done.end + len(raw))
    return done
