"""The command line: a thin layer over the library. Each command parses its arguments, calls one
library function, renders the result and exits. Nothing here imports spaCy, scikit-learn or
numpy at import time, so ``jdpillars --help`` starts instantly."""

from __future__ import annotations

from typing import Annotated

import typer

from jdpillars import __version__

app = typer.Typer(
    name="jdpillars",
    no_args_is_help=True,
    add_completion=False,
    help="Which of the Four Pillars of Marketing Operations is this job, really? Reads a job "
    "posting and scores it against Platform Ops (POPS), Campaign Ops (COPS), Marketing "
    "Intelligence Ops (MIOPS) and Marketing Development Ops (DevMOPS), with the evidence.",
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"jdpillars {__version__}")
        raise typer.Exit()


@app.callback()
def main_callback(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
) -> None:
    """Which of the Four Pillars of Marketing Operations is this job, really?"""


def _register() -> None:
    from jdpillars.cli import batch, candidate, data, lint, modelcmds

    batch.register(app)
    candidate.register(app)
    data.register(app)
    lint.register(app)
    modelcmds.register(app)


_register()


def main() -> None:
    app()
