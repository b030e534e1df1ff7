"""``jdpillars data check``: the corpus validator."""

from __future__ import annotations

import json
from enum import Enum
from pathlib import Path
from typing import Annotated, Any

import typer

from jdpillars.cli.common import Exit, fail, stdout_console

data_app = typer.Typer(no_args_is_help=True, help="Work with the labeled corpus.")


class CheckFormat(str, Enum):
    table = "table"
    json = "json"


def _summary(result: dict[str, Any]) -> None:
    from rich.table import Table

    console = stdout_console()
    head = Table(title="Corpus", show_header=False)
    for key in ("postings", "lines", "out_of_scope", "duplicate_line_share"):
        head.add_row(key.replace("_", " "), str(result[key]))
    console.print(head)
    for key in ("by_primary", "by_mops", "by_group", "by_style", "by_split", "by_label"):
        table = Table(title=key.replace("_", " "))
        table.add_column("value")
        table.add_column("postings" if key != "by_label" else "lines", justify="right")
        for name, count in result[key].items():
            table.add_row(name, str(count))
        console.print(table)
    if result["problems"]:
        console.print(f"{len(result['problems'])} problems:", style="bold red")
        for p in result["problems"]:
            console.print(f"{p['file']}: {p['id']}: {p['problem']}", markup=False)
    else:
        console.print("No problems.", style="green")


@data_app.command("check")
def check_cli(
    directory: Annotated[Path, typer.Argument(help="The corpus folder (data/labeled_jds).")],
    format: Annotated[CheckFormat, typer.Option("--format", "-f", help="Output format.")] = (
        CheckFormat.table
    ),
) -> None:
    """Validate the corpus: schema, labels, shares, ids, split and duplicate lines.

    Exit 0 with no problems, 1 with problems, 2 when the folder does not exist."""
    from jdpillars.corpuscheck import check

    if not directory.is_dir():
        fail(f"{directory}: no such directory")
    result = check(directory)
    if format is CheckFormat.json:
        typer.echo(json.dumps(result, indent=2))
    else:
        _summary(result)
    raise typer.Exit(int(Exit.FINDINGS if result["problems"] else Exit.OK))


@data_app.command("split")
def split_cli(
    directory: Annotated[Path, typer.Argument(help="The corpus folder (data/labeled_jds).")],
) -> None:
    """Place new postings in the corpus' stratified train/test split (split.json); postings
    already placed stay where they are."""
    from jdpillars.corpus import SPLIT_FILE, CorpusError, load, load_split
    from jdpillars.split import make_split, write_split

    if not directory.is_dir():
        fail(f"{directory}: no such directory")
    try:
        postings = load(directory)
    except CorpusError as exc:
        fail(str(exc), Exit.FINDINGS)
    existing = load_split(directory) if (directory / SPLIT_FILE).is_file() else {}
    split = make_split(postings, existing=existing)
    path = write_split(directory, split)
    typer.echo(f"{path}: {len(split['train'])} train, {len(split['test'])} test", err=True)


def register(app: typer.Typer) -> None:
    app.add_typer(data_app, name="data")
