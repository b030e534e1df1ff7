"""Where the rows go: CSV, JSONL or Parquet, streamed into ``OUTPUT.partial`` and renamed to
``OUTPUT`` only when the run is complete. ``--resume`` keeps the complete rows of the partial
output (or of a finished one) and continues after them.
"""

from __future__ import annotations

import csv
import os
import shutil
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Protocol

from jdpillars.batch.errors import BatchError
from jdpillars.batch.resume import Complete, complete_csv, complete_jsonl
from jdpillars.render.rows import ROW_COLUMNS

COLUMNS: tuple[str, ...] = ("row", *ROW_COLUMNS)
FORMATS = ("csv", "jsonl", "parquet")
EXTENSIONS = {
    ".csv": "csv",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".parquet": "parquet",
    ".pq": "parquet",
}


def output_format(path: Path, given: str | None) -> str:
    if given:
        return given
    fmt = EXTENSIONS.get(path.suffix.lower())
    if fmt is None:
        raise BatchError(
            f"cannot tell the output format from {path.name!r}: use --format csv, jsonl or parquet"
        )
    return fmt


class Writer(Protocol):
    done: int  # complete rows already in the output when it was opened

    def write(self, items: Sequence[Any]) -> None: ...

    def close(self) -> None: ...


class _TextWriter:
    """Appends to ``path`` and flushes after every chunk, so a kill loses at most the row
    being written."""

    def __init__(self, path: Path, *, resume: bool) -> None:
        self.done = 0
        if resume and path.exists():
            complete = self.complete(path)
            self.done = complete.rows
            with path.open("r+b") as handle:
                handle.truncate(complete.end)
        self._handle = path.open("a", encoding="utf-8", newline="")
        if self._handle.tell() == 0:
            self.start()

    def complete(self, path: Path) -> Complete:
        """The complete rows of an existing ``path`` (each writer knows its format)."""
        raise NotImplementedError

    def start(self) -> None:
        pass

    def close(self) -> None:
        self._handle.close()


class CsvWriter(_TextWriter):
    def __init__(self, path: Path, *, resume: bool) -> None:
        self._csv: Any = None
        super().__init__(path, resume=resume)
        self._csv = csv.writer(self._handle, lineterminator="\n")

    def complete(self, path: Path) -> Complete:
        return complete_csv(path, COLUMNS)

    def start(self) -> None:
        csv.writer(self._handle, lineterminator="\n").writerow(COLUMNS)
        self._handle.flush()

    def write(self, items: Sequence[Any]) -> None:
        self._csv.writerows(items)
        self._handle.flush()


class JsonlWriter(_TextWriter):
    def complete(self, path: Path) -> Complete:
        return complete_jsonl(path)

    def write(self, items: Sequence[Any]) -> None:
        self._handle.write("".join(line + "\n" for line in items))
        self._handle.flush()


class Output:
    """The output of one run: rows go to ``partial``; ``finish`` puts the result in place."""

    def __init__(
        self,
        path: Path,
        fmt: str,
        *,
        resume: bool,
        on_message: Callable[[str], None] = lambda _: None,
    ) -> None:
        if path.parent and not path.parent.is_dir():
            raise BatchError(f"{path.parent}: no such directory for the output")
        if path.is_dir():
            raise BatchError(f"{path}: is a directory (give a file name with -o)")
        self.path, self.fmt = path, fmt
        self.partial = path.with_name(path.name + ".partial")
        if resume:
            self._adopt_finished(on_message)
            if not self.partial.exists():
                on_message(f"nothing to resume ({self.partial} does not exist): starting")
        elif self.partial.exists():
            on_message(
                f"starting over: {self.partial} (left by an interrupted run) is "
                "replaced; --resume would have continued it"
            )
        self.writer = self._open(resume)
        if resume and self.writer.done:
            on_message(f"resuming {self.partial} after {self.writer.done} complete rows")

    def _adopt_finished(self, on_message: Callable[[str], None]) -> None:
        if self.partial.exists() or not self.path.exists():
            return
        on_message(f"continuing the finished output {self.path}")
        if self.fmt == "parquet":
            from jdpillars.batch.write_parquet import parquet_to_parts

            parquet_to_parts(self.path, self.partial)
        else:
            shutil.copyfile(self.path, self.partial)

    def _open(self, resume: bool) -> Writer:
        if self.fmt == "parquet":
            from jdpillars.batch.write_parquet import PartsWriter

            return PartsWriter(self.partial, resume=resume)
        if not resume and self.partial.exists():
            self.partial.unlink()
        cls = CsvWriter if self.fmt == "csv" else JsonlWriter
        return cls(self.partial, resume=resume)

    @property
    def done(self) -> int:
        return self.writer.done

    def write(self, items: Sequence[Any]) -> None:
        self.writer.write(items)

    def close(self) -> None:
        """Stop writing; the partial output stays for ``--resume``."""
        self.writer.close()

    def finish(self) -> None:
        self.writer.close()
        from jdpillars.batch.write_parquet import PartsWriter

        if isinstance(self.writer, PartsWriter):
            self.writer.combine(self.path)
        else:
            os.replace(self.partial, self.path)
