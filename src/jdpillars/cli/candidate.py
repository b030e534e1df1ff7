"""``classify``, ``questions``, ``compare`` and ``fit``: what a candidate sees.

Each command reads its SOURCE(s), classifies, calls one library function, renders in the chosen
format and exits: 0 success, 1 a posting that cannot be classified, 2 a usage error.
"""

from __future__ import annotations

from enum import Enum
from typing import Annotated

import typer

from jdpillars.cli.common import Exit, ModelOption, fail, warn
from jdpillars.cli.postings import (
    SOURCE_HELP,
    FormatOption,
    MaxCharsOption,
    NoColorOption,
    OutputOption,
    TitleOption,
    classify,
    classify_one,
    emit,
    read,
)
from jdpillars.render.formats import OutputFormat, View

MAX_CHARS = 200_000  # the default of --max-chars (jdpillars.sources.MAX_CHARS)


class SortKey(str, Enum):
    pops = "pops"
    cops = "cops"
    miops = "miops"
    devmops = "devmops"
    is_mops = "is_mops"


def classify_cli(
    source: Annotated[
        str | None,
        typer.Argument(help=SOURCE_HELP + " Default: standard input.", show_default=False),
    ] = None,
    title: TitleOption = None,
    format: FormatOption = OutputFormat.table,
    top: Annotated[
        int, typer.Option("--top", min=1, max=50, help="Evidence items listed per pillar.")
    ] = 3,
    full: Annotated[
        bool,
        typer.Option(
            "--full",
            help="Show the whole posting (table): no elision of sections without evidence.",
        ),
    ] = False,
    model: ModelOption = None,
    output: OutputOption = None,
    no_color: NoColorOption = False,
    max_chars: MaxCharsOption = MAX_CHARS,
) -> None:
    """Which pillars a posting is, with the evidence highlighted.

    Exit 0 on success, 1 when the posting cannot be classified, 2 on a usage error."""
    from jdpillars.render.renderers import CLASSIFY

    report = classify_one(read(source, max_chars), title, model)
    emit(CLASSIFY.render(format, report, View(top, full)), output, not no_color)


def questions_cli(
    source: Annotated[str, typer.Argument(help=SOURCE_HELP, show_default=False)],
    title: TitleOption = None,
    format: FormatOption = OutputFormat.table,
    model: ModelOption = None,
    output: OutputOption = None,
    no_color: NoColorOption = False,
    max_chars: MaxCharsOption = MAX_CHARS,
) -> None:
    """Interview questions to ask about a posting, each citing the evidence behind it.

    Exit 0 on success (also when no rule asks a question), 1 when the posting cannot be
    classified, 2 on a usage error."""
    from jdpillars.questions import ask
    from jdpillars.render.renderers import QUESTIONS

    report = classify_one(read(source, max_chars), title, model)
    emit(QUESTIONS.render(format, ask(report), View()), output, not no_color)


def compare_cli(
    sources: Annotated[
        list[str],
        typer.Argument(
            help="Two or more postings: files, URLs or - (standard input, once).",
            show_default=False,
        ),
    ],
    sort: Annotated[
        SortKey | None,
        typer.Option(
            "--sort",
            help="Sort by this pillar's share (or is_mops), largest first. Default: the "
            "order given.",
            show_default=False,
        ),
    ] = None,
    format: FormatOption = OutputFormat.table,
    model: ModelOption = None,
    output: OutputOption = None,
    no_color: NoColorOption = False,
    max_chars: MaxCharsOption = MAX_CHARS,
) -> None:
    """Several postings side by side: shares, primary, is_mops and top evidence per pillar.

    Exit 0 on success, 1 when a posting cannot be classified (its row says why), 2 on a usage
    error (fewer than two sources, a missing file)."""
    from jdpillars.comparison import compare
    from jdpillars.render.renderers import COMPARE

    if len(sources) < 2:
        fail("compare needs at least two postings")
    if sources.count("-") > 1:
        fail("standard input (-) can be given only once")
    read_sources = [read(spec, max_chars) for spec in sources]
    reports = classify(read_sources, [None] * len(read_sources), model)
    for report in reports:
        if report.error:
            warn(report.error)
    rows = compare([s.name for s in read_sources], reports, sort.value if sort else None)
    emit(COMPARE.render(format, rows, View()), output, not no_color)
    if any(r.error for r in reports):
        raise typer.Exit(int(Exit.FINDINGS))


def fit_cli(
    source: Annotated[str, typer.Argument(help=SOURCE_HELP, show_default=False)],
    want: Annotated[
        str,
        typer.Option(
            "--want",
            help="Pillars you want, comma-separated: pops, cops, miops, devmops.",
            show_default=False,
        ),
    ],
    avoid: Annotated[
        str | None,
        typer.Option(
            "--avoid", help="Pillars you would rather not do, comma-separated.", show_default=False
        ),
    ] = None,
    title: TitleOption = None,
    format: FormatOption = OutputFormat.table,
    model: ModelOption = None,
    output: OutputOption = None,
    no_color: NoColorOption = False,
    max_chars: MaxCharsOption = MAX_CHARS,
) -> None:
    """How well a posting matches the work you want: a score from 0 to 100, with reasons.

    Exit 0 on success, 1 when the posting cannot be classified, 2 on a usage error."""
    from jdpillars.fitscore import fit, parse_pillars
    from jdpillars.render.renderers import FIT

    try:
        wanted, avoided = parse_pillars(want), parse_pillars(avoid)
    except ValueError as exc:
        fail(str(exc))
    if not wanted:
        fail("--want needs at least one pillar")
    if both := set(wanted) & set(avoided):
        fail(f"a pillar cannot be both wanted and avoided: {', '.join(sorted(both))}")
    report = classify_one(read(source, max_chars), title, model)
    emit(FIT.render(format, fit(report, wanted, avoided), View()), output, not no_color)


def register(app: typer.Typer) -> None:
    app.command("classify")(classify_cli)
    app.command("questions")(questions_cli)
    app.command("compare")(compare_cli)
    app.command("fit")(fit_cli)
