"""What the candidate-facing commands share: their options, reading a SOURCE into a Report with
one-line errors, and writing rendered output to stdout or ``-o FILE``."""

from __future__ import annotations

import dataclasses
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from jdpillars.cli.common import Exit, fail, load_classifier, stdout_console, warn
from jdpillars.render.formats import OutputFormat

if TYPE_CHECKING:
    from rich.console import RenderableType

    from jdpillars.report import Report
    from jdpillars.sources import Source

HIGHLIGHT_TOP = 50  # evidence asked of the classifier; --top only limits what is listed
SOURCE_HELP = "A file (.txt, .md, .html), - for standard input, or an http(s) URL."

FormatOption = Annotated[OutputFormat, typer.Option("--format", "-f", help="Output format.")]
OutputOption = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        help="Write the output to this file instead of standard output.",
        show_default=False,
        dir_okay=False,
    ),
]
NoColorOption = Annotated[
    bool, typer.Option("--no-color", help="No colours (also when NO_COLOR is set).")
]
MaxCharsOption = Annotated[
    int,
    typer.Option(
        "--max-chars", min=1, help="Cut longer text to this many characters, with a warning."
    ),
]
TitleOption = Annotated[
    str | None,
    typer.Option(
        "--title",
        help="The job title (default: the first heading or title-like line).",
        show_default=False,
    ),
]


def read(spec: str | None, max_chars: int) -> Source:
    """The source, or a one-line error: exit 2 when there is nothing to read, 1 when what is
    there cannot be used. Warnings (encoding, cut text) go to stderr."""
    from jdpillars.sources import SourceError, SourceMissing, read_source

    if spec in (None, "-") and sys.stdin.isatty():
        fail(
            "no SOURCE given and standard input is a terminal: give a file or a URL, "
            "or pipe a posting in"
        )
    try:
        source = read_source(spec, max_chars=max_chars)
    except SourceMissing as exc:
        fail(str(exc), Exit.USAGE)
    except SourceError as exc:
        fail(str(exc), Exit.FINDINGS)
    for message in source.warnings:
        warn(message)
    return source


def unusable(source: Source) -> str | None:
    """Why the source's text cannot be classified, said with where, or None."""
    from jdpillars.classifier import problem

    why = problem(source.text)
    return f"{source.name}: {why}" if why else None


def classify(
    sources: Sequence[Source], titles: Sequence[str | None], model: Path | None
) -> list[Report]:
    """One Report per source, in order, with the source's warnings; the model loads once.
    Sources that cannot be classified get an error Report (the model is not asked)."""
    from jdpillars.classifier import Job
    from jdpillars.report import failed

    usable = [i for i, s in enumerate(sources) if not unusable(s)]
    jobs = [Job(sources[i].text, titles[i] or sources[i].title, _id(sources[i])) for i in usable]
    found = iter(load_classifier(model).classify_many(jobs, top=HIGHLIGHT_TOP) if jobs else ())
    reports = []
    for i, source in enumerate(sources):
        title = titles[i] or source.title
        report = (
            next(found)
            if i in usable
            else failed(unusable(source) or "", id=_id(source), title=title, text=source.text)
        )
        reports.append(dataclasses.replace(report, warnings=report.warnings + source.warnings))
    return reports


def classify_one(source: Source, title: str | None, model: Path | None) -> Report:
    """The Report of one source, or a one-line error with exit 1 when it cannot be classified
    (checked before the model loads, so that an empty file fails at once)."""
    why = unusable(source)
    if why:
        fail(why, Exit.FINDINGS)
    report = classify([source], [title], model)[0]
    if report.error:
        fail(f"{source.name}: {report.error}", Exit.FINDINGS)
    return report


def _id(source: Source) -> str | None:
    from jdpillars.sources import STDIN

    return None if source.name == STDIN else source.name


def emit(rendered: str | RenderableType, output: Path | None, color: bool) -> None:
    """Write to stdout (rich detects the terminal: no escape codes into a pipe) or to a file
    (never escape codes)."""
    from rich.console import Console

    if output is None:
        if isinstance(rendered, str):
            typer.echo(rendered, nl=False)
        else:
            stdout_console(color).print(rendered)
        return
    try:
        with output.open("w", encoding="utf-8") as stream:
            if isinstance(rendered, str):
                stream.write(rendered)
            else:
                Console(file=stream, color_system=None, highlight=False).print(rendered)
    except OSError as exc:
        fail(f"{output}: cannot write: {exc.strerror or exc}")
