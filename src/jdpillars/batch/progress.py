"""The progress bar of a batch run: rows, rows per second and time left, on stderr, only
when stderr is a terminal (and not ``--quiet``). Time left comes from how far the reader is
into the input (bytes, or rows for Parquet and Dask), so it works while streaming."""

from __future__ import annotations

import time
from types import TracebackType
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.console import Console, RenderableType


def wanted(stream: Any, quiet: bool) -> bool:
    """Show a bar on ``stream``? Only on a terminal, and not when asked to be quiet."""
    isatty = getattr(stream, "isatty", None)
    return not quiet and callable(isatty) and bool(isatty())


class BatchProgress:
    """A ``ProgressFn`` that draws a rich progress bar while the run goes on."""

    def __init__(self, console: Console) -> None:
        from rich.progress import (
            BarColumn,
            Progress,
            TaskProgressColumn,
            TextColumn,
            TimeRemainingColumn,
        )

        self._progress = Progress(
            TextColumn("scoring"),
            BarColumn(),
            TaskProgressColumn(),
            TextColumn("{task.fields[rows]} rows"),
            TextColumn("{task.fields[rate]} rows/s"),
            TimeRemainingColumn(),
            console=console,
            transient=True,
        )
        self._task = self._progress.add_task("batch", total=None, rows=0, rate="-")
        self._start = time.perf_counter()
        self._first: int | None = None

    def __enter__(self) -> BatchProgress:
        self._progress.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._progress.stop()

    def renderable(self) -> RenderableType:
        """The bar as it is now (what the terminal shows)."""
        return self._progress.get_renderable()

    def __call__(self, rows: int, position: int, total: int | None) -> None:
        if self._first is None:
            # Rows already there (--resume) count neither for the speed nor for time left.
            self._first = rows
            self._start = time.perf_counter()
            self._progress.reset(self._task, completed=position, total=total, rows=rows, rate="-")
            return
        elapsed = time.perf_counter() - self._start
        rate = f"{(rows - self._first) / elapsed:.0f}" if elapsed > 0 else "-"
        self._progress.update(self._task, completed=position, total=total, rows=rows, rate=rate)
