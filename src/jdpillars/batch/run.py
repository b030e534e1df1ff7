"""The front door of ``jdpillars batch``: check the options, open input and output, and run
the local or the Dask engine. Returns a ``Summary``; raises ``BatchError`` (one line for the
user) or ``Interrupted``; never prints."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from jdpillars.batch import CHUNK_ROWS
from jdpillars.batch.columns import Wanted
from jdpillars.batch.engine import Work, Workers, run_local
from jdpillars.batch.errors import BatchError, optional
from jdpillars.batch.readers import STDIN, open_input, open_reader
from jdpillars.batch.summary import ProgressFn, Summary
from jdpillars.batch.writers import Output, output_format

ENGINES = ("local", "dask")


@dataclass(frozen=True)
class BatchOptions:
    source: str  # a file, "-" for standard input; for dask also a directory or a glob
    output: Path
    wanted: Wanted = field(default_factory=Wanted)
    fmt: str | None = None  # output format; None: from the output's extension
    input_fmt: str | None = None  # None: from the extension, else sniffed
    jobs: int | None = None  # None: 1 locally, every core for a local Dask cluster
    chunk_rows: int = CHUNK_ROWS
    resume: bool = False
    engine: str = "local"
    scheduler: str | None = None
    model: str | None = None
    top: int = 3


def _check(options: BatchOptions) -> None:
    if options.engine not in ENGINES:
        raise BatchError(f"unknown engine {options.engine!r}: local or dask")
    if options.scheduler and options.engine != "dask":
        raise BatchError("--scheduler works with --engine dask")
    if options.engine == "dask":
        if options.resume:
            raise BatchError("--resume works with the local engine")
        if options.source == STDIN:
            raise BatchError("the dask engine reads files, directories and globs, not stdin")
    if options.jobs is not None and options.jobs < 1:
        raise BatchError("--jobs must be 1 or more")
    if options.source != STDIN and Path(options.source).resolve() in (
        options.output.resolve(),
        options.output.resolve().with_name(options.output.name + ".partial"),
    ):
        raise BatchError("the output would overwrite the input: choose another -o")


def _dask_format(options: BatchOptions) -> str:
    fmt = options.fmt or {".csv": "csv"}.get(options.output.suffix.lower(), "parquet")
    if fmt == "jsonl":
        raise BatchError("the dask engine writes csv or parquet parts, not jsonl")
    if fmt == "parquet":
        optional("pyarrow", "parquet")
    return fmt


def run(
    options: BatchOptions,
    *,
    stdin: BinaryIO | None = None,
    progress: ProgressFn | None = None,
    on_message: Callable[[str], None] = lambda _: None,
) -> Summary:
    _check(options)
    if options.engine == "dask":
        from jdpillars.batch.dask_engine import run_dask

        return run_dask(
            options.source,
            options.output,
            _dask_format(options),
            options.wanted,
            given=options.input_fmt,
            model=options.model,
            top=options.top,
            jobs=options.jobs or os.cpu_count() or 1,
            scheduler=options.scheduler,
            progress=progress,
        )
    fmt = output_format(options.output, options.fmt)
    if fmt == "parquet":
        optional("pyarrow", "parquet")
    started = time.perf_counter()
    stream = stdin if options.source == STDIN else open_input(options.source)
    try:
        reader = open_reader(
            options.source, options.wanted, fmt=options.input_fmt, stdin=stdin, stream=stream
        )
        work = Work(options.model, options.top, fmt, options.jobs or 1, options.chunk_rows)
        workers = Workers(work)
        try:
            output = Output(options.output, fmt, resume=options.resume, on_message=on_message)
        except OSError as exc:
            raise BatchError(f"{options.output}: cannot write: {exc.strerror or exc}") from None
        return run_local(reader, output, workers, started=started, progress=progress)
    finally:
        if stream is not None and stream is not stdin:
            stream.close()
