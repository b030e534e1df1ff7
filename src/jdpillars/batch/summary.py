"""What a batch run did: rows, errors, warnings, rows per primary pillar, time. Also the
``ChunkResult`` a worker sends back and the one-line summary the CLI prints."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from jdpillars.definitions import PILLARS

NO_PRIMARY = "none"  # classified, but no pillar had evidence
# Called after every chunk: rows done, position in the input, its size (bytes or rows; None
# for standard input).
ProgressFn = Callable[[int, int, "int | None"], None]


@dataclass(frozen=True)
class ChunkResult:
    """Output items (flat row tuples, or JSON lines) of one chunk, in order, with counts."""

    items: Sequence[Any]
    errors: int
    warnings: int
    primaries: tuple[str, ...]  # primary pillar (or NO_PRIMARY) of each classified row


@dataclass
class Tally:
    rows: int = 0
    errors: int = 0
    warnings: int = 0
    primaries: Counter[str] = field(default_factory=Counter)

    def add(self, result: ChunkResult) -> None:
        self.rows += result.errors + len(result.primaries)  # every row: an error or a primary
        self.errors += result.errors
        self.warnings += result.warnings
        self.primaries.update(result.primaries)


@dataclass(frozen=True)
class Summary:
    """A finished run. ``skipped`` rows were already in the output (``--resume``);
    ``setup_seconds`` is the part of ``seconds`` spent on anything but reading, classifying
    and writing: loading the model, starting the workers (and, for Dask, stopping them)."""

    output: str
    rows: int
    errors: int
    warnings: int
    primaries: dict[str, int]
    seconds: float
    setup_seconds: float
    skipped: int = 0
    engine: str = "local"
    workers: int = 1

    @classmethod
    def of(cls, tally: Tally, **kwargs: Any) -> Summary:
        primaries = {p: tally.primaries.get(p, 0) for p in (*PILLARS, NO_PRIMARY)}
        return cls(
            rows=tally.rows,
            errors=tally.errors,
            warnings=tally.warnings,
            primaries=primaries,
            **kwargs,
        )

    @property
    def rate(self) -> float:
        """Rows per second classified, setup left out."""
        busy = self.seconds - self.setup_seconds
        return self.rows / busy if busy > 0 else 0.0

    def line(self) -> str:
        """``14 rows (4 errors, 1 warning); primary: pops 3, ...; 5.1 s ...``: one line."""
        counts = ", ".join(f"{p} {n}" for p, n in self.primaries.items())
        flags = f"{self.errors} error{'s' * (self.errors != 1)}"
        if self.warnings:
            flags += f", {self.warnings} warning{'s' * (self.warnings != 1)}"
        resumed = f", after {self.skipped} rows already there" if self.skipped else ""
        return (
            f"{self.rows} rows ({flags}{resumed}); primary: {counts}; "
            f"{self.seconds:.1f} s ({self.setup_seconds:.1f} s setup), "
            f"{self.rate:.1f} rows/s; written to {self.output}"
        )
