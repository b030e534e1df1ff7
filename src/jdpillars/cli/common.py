"""What every command shares: consoles, exit codes, options and the one-line error.

Stdout is data; stderr is messages and progress. Expected errors print one line on stderr and
exit with a documented code, never a traceback.
"""

from __future__ import annotations

import os
from enum import IntEnum
from pathlib import Path
from typing import Annotated, NoReturn

import typer
from rich.console import Console


class Exit(IntEnum):
    """The exit codes of every command (documented in the README)."""

    OK = 0
    FINDINGS = 1  # input that cannot be classified, lint findings, corpus problems
    USAGE = 2  # bad arguments, missing files, an unusable model


def no_color() -> bool:
    return "NO_COLOR" in os.environ


def stdout_console(color: bool = True) -> Console:
    return Console(no_color=no_color() or not color, highlight=False, soft_wrap=False)


def stderr_console(color: bool = True) -> Console:
    return Console(stderr=True, no_color=no_color() or not color, highlight=False, soft_wrap=True)


def fail(message: str, code: Exit = Exit.USAGE) -> NoReturn:
    """Print ``jdpillars: error: message`` on stderr and exit with ``code``."""
    stderr_console().print(f"jdpillars: error: {message}", markup=False, highlight=False)
    raise typer.Exit(code=int(code))


def warn(message: str) -> None:
    stderr_console().print(f"jdpillars: warning: {message}", markup=False, highlight=False)


ModelOption = Annotated[
    Path | None,
    typer.Option(
        "--model",
        help="Model directory (default: $JDPILLARS_MODEL, else the model shipped with jdpillars).",
        show_default=False,
    ),
]


def load_classifier(model: Path | None):  # type: ignore[no-untyped-def]
    """A ``Classifier`` for ``--model``, or a one-line error (exit 2) when it cannot be used."""
    from jdpillars.classifier import Classifier
    from jdpillars.modeldir import ModelError

    try:
        return Classifier(model)
    except ModelError as exc:
        fail(str(exc))
