"""``jdpillars batch``: score every posting of a CSV, TSV, JSONL or Parquet file."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated, Any

import typer

from jdpillars.batch import CHUNK_ROWS
from jdpillars.cli.common import ModelOption, fail, stderr_console

INTERRUPTED = 130  # the shell's code for a run stopped by Ctrl-C


class OutputFormat(str, Enum):
    csv = "csv"
    jsonl = "jsonl"
    parquet = "parquet"


class InputFormat(str, Enum):
    csv = "csv"
    tsv = "tsv"
    jsonl = "jsonl"
    parquet = "parquet"


class Engine(str, Enum):
    local = "local"
    dask = "dask"


def _column(role: str, what: str) -> Any:
    """``--ROLE-column``, its help naming the columns looked for (from ``batch.json``)."""
    from jdpillars.batch.columns import candidates

    names = candidates()[role]
    found = ", ".join(names[:-1]) + f" or {names[-1]}" if len(names) > 1 else names[0]
    return typer.Option(help=f"Column with {what} (default: {found}).", show_default=False)


def _note(message: str) -> None:
    stderr_console().print(f"jdpillars: {message}", markup=False, highlight=False)


def batch_cli(
    source: Annotated[
        str,
        typer.Argument(
            metavar="INPUT",
            help="CSV, TSV, JSONL or Parquet file; - for standard input (CSV or "
            "JSONL); with --engine dask also a directory or a glob.",
            show_default=False,
        ),
    ],
    output: Annotated[
        Path,
        typer.Option(
            "--output",
            "-o",
            help="Output file (for dask: a directory of parts).",
            show_default=False,
        ),
    ],
    text_column: Annotated[str | None, _column("text", "the posting text")] = None,
    title_column: Annotated[str | None, _column("title", "the job title")] = None,
    id_column: Annotated[str | None, _column("id", "the posting id")] = None,
    format: Annotated[
        OutputFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="Output format (default: from the extension of -o).",
            show_default=False,
        ),
    ] = None,
    input_format: Annotated[
        InputFormat | None,
        typer.Option(
            help="Input format (default: from the extension, else sniffed).", show_default=False
        ),
    ] = None,
    jobs: Annotated[
        int | None,
        typer.Option(
            "--jobs",
            "-j",
            min=1,
            help="Worker processes, each loading the model once (default: "
            "1; for a local dask cluster, one per core).",
            show_default=False,
        ),
    ] = None,
    resume: Annotated[
        bool, typer.Option(help="Continue an interrupted run after its last complete output row.")
    ] = False,
    engine: Annotated[
        Engine, typer.Option(help="local, or dask for collections beyond one machine.")
    ] = Engine.local,
    scheduler: Annotated[
        str | None,
        typer.Option(
            help="Address of a running dask scheduler (tcp://host:8786); without it the dask "
            "engine starts a local cluster.",
            show_default=False,
        ),
    ] = None,
    chunk_size: Annotated[
        int, typer.Option(min=1, help="Rows sent to a worker at a time.")
    ] = CHUNK_ROWS,
    top: Annotated[int, typer.Option(min=0, help="Evidence passages per pillar (JSONL).")] = 3,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
    model: ModelOption = None,
) -> None:
    """Score every posting of a file: one output row per input row, in order.

    Rows that cannot be classified (empty, binary, malformed) get the error
    column set, and the run goes on. A one-line summary goes to stderr.

    Exit 0 when every row was written; 2 on a usage error (a bad option, an
    unreadable input, no text column, a missing extra); 130 when interrupted
    (run the same command with --resume to continue).
    """
    import sys

    from jdpillars.batch.columns import Wanted
    from jdpillars.batch.errors import BatchError, Interrupted
    from jdpillars.batch.progress import BatchProgress, wanted
    from jdpillars.batch.run import BatchOptions, run

    options = BatchOptions(
        source=source,
        output=output,
        wanted=Wanted(text_column, title_column, id_column),
        fmt=format.value if format else None,
        input_fmt=input_format.value if input_format else None,
        jobs=jobs,
        chunk_rows=chunk_size,
        resume=resume,
        engine=engine.value,
        scheduler=scheduler,
        model=str(model) if model else None,
        top=top,
    )
    stdin = typer.get_binary_stream("stdin") if source == "-" else None
    try:
        if wanted(sys.stderr, quiet):
            with BatchProgress(stderr_console()) as bar:
                summary = run(options, stdin=stdin, progress=bar, on_message=_note)
        else:
            summary = run(options, stdin=stdin, on_message=_note)
    except BatchError as exc:
        fail(str(exc))
    except Interrupted as exc:
        _note(
            f"interrupted after {exc.rows} rows, kept in {exc.partial}; run the same "
            "command with --resume to continue"
        )
        raise typer.Exit(code=INTERRUPTED) from None
    _note(summary.line())


def register(app: typer.Typer) -> None:
    app.command("batch")(batch_cli)
