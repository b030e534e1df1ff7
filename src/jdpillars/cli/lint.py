"""``jdpillars lint``: check draft postings before they are published, as ruff checks code.

Exit 0 with no findings, 1 with findings, 2 for usage errors and files that cannot be linted.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from jdpillars.cli.common import (
    Exit,
    ModelOption,
    fail,
    load_classifier,
    stderr_console,
    stdout_console,
)

if TYPE_CHECKING:
    from jdpillars.lint.engine import FileResult


class LintFormat(str, Enum):
    text = "text"
    json = "json"
    github = "github"
    sarif = "sarif"


class TargetPillar(str, Enum):
    pops = "pops"
    cops = "cops"
    miops = "miops"
    devmops = "devmops"


def lint_cli(
    files: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Draft postings (text or Markdown; the first line is the title).",
            metavar="FILE",
            show_default=False,
        ),
    ] = None,
    format: Annotated[LintFormat, typer.Option("--format", "-f", help="Output format.")] = (
        LintFormat.text
    ),
    select: Annotated[
        list[str] | None,
        typer.Option(
            "--select",
            help="Rules to run: codes or prefixes, comma-separated (JDP101,JDP10, "
            "ALL). Replaces the configured selection.",
            show_default=False,
        ),
    ] = None,
    ignore: Annotated[
        list[str] | None,
        typer.Option(
            "--ignore",
            help="Rules to skip: codes or prefixes, comma-separated.",
            show_default=False,
        ),
    ] = None,
    target_pillar: Annotated[
        TargetPillar | None,
        typer.Option(
            "--target-pillar",
            case_sensitive=False,
            help="Report drafts whose primary pillar is not this one (JDP108).",
            show_default=False,
        ),
    ] = None,
    config: Annotated[
        Path | None,
        typer.Option(
            "--config",
            help="TOML file with the settings (default: \\[tool.jdpillars.lint] in the "
            "nearest pyproject.toml).",
            show_default=False,
        ),
    ] = None,
    explain: Annotated[
        str | None,
        typer.Option(
            "--explain",
            metavar="RULE",
            help="Print a rule's documentation and thresholds "
            "(JDP101, pillar-sprawl or ALL) and exit.",
            show_default=False,
        ),
    ] = None,
    model: ModelOption = None,
) -> None:
    """Check draft postings: pillar sprawl, title mismatch, not marketing ops, tools without
    tasks, thin responsibilities, seniority mismatch, hype words, target pillar.

    Exit 0 with no findings, 1 with findings, 2 for usage errors and unreadable files."""
    from jdpillars.lint import lint_paths
    from jdpillars.lint.explain import UnknownRule, find_rule
    from jdpillars.lint.explain import explain as explain_rule
    from jdpillars.lint.settings import ConfigError, Layer, codes, load
    from jdpillars.lint.summary import exit_code

    try:
        flags = Layer(
            source="command line",
            select=None if select is None else codes(select, "--select"),
            ignore=codes(ignore or [], "--ignore"),
            target_pillar=None if target_pillar is None else target_pillar.value,
        )
        settings = load(config, Path.cwd(), flags)
        rules = find_rule(explain) if explain is not None else []
    except (ConfigError, UnknownRule) as exc:
        fail(str(exc))
    if explain is not None:
        typer.echo("\n\n".join(explain_rule(rid, settings) for rid in rules))
        raise typer.Exit(int(Exit.OK))
    if not files:
        fail("no files to lint (jdpillars lint FILE..., or --explain RULE)")
    results = lint_paths(files, load_classifier(model), settings)
    errors = stderr_console()
    for r in results:
        if r.error is not None:
            errors.print(
                f"jdpillars: error: {r.file}: {r.error}",
                markup=False,
                highlight=False,
                soft_wrap=True,
            )
    _render(results, format)
    raise typer.Exit(exit_code(results))


def _render(results: Sequence[FileResult], format: LintFormat) -> None:
    if format is LintFormat.text:
        from jdpillars.lint.format_text import render_text

        console = stdout_console()
        for line in render_text(results):
            console.print(line, soft_wrap=True)  # one finding, one line: never wrapped
        return
    if format is LintFormat.json:
        from jdpillars.lint.format_json import render_json as render
    elif format is LintFormat.github:
        from jdpillars.lint.format_github import render_github as render
    else:
        from jdpillars.lint.format_sarif import render_sarif as render
    text = render(results)
    if text:
        typer.echo(text)


def register(app: typer.Typer) -> None:
    app.command("lint")(lint_cli)
