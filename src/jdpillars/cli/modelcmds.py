"""``jdpillars train`` and ``jdpillars evaluate``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer

from jdpillars.cli.common import Exit, ModelOption, fail, load_classifier, stdout_console

DEFAULT_DATA = Path("data/labeled_jds")
METRICS = (
    "primary_accuracy",
    "primary_macro_f1",
    "share_mae",
    "is_mops_auroc",
    "is_mops_calibration_error",
)


def print_metrics(name: str, metrics: dict[str, Any]) -> None:
    from rich.table import Table

    from jdpillars.definitions import PILLARS

    console = stdout_console()
    table = Table(
        title=f"{name}: {metrics['postings']} postings, {metrics['mops_postings']} marketing ops"
    )
    table.add_column("metric")
    table.add_column("value", justify="right")
    table.add_column("95% interval", justify="right")
    for key in METRICS:
        value, ci = metrics.get(key), metrics.get(f"{key}_95ci")
        table.add_row(
            key.replace("_", " "),
            "n/a" if value is None else f"{value:.3f}",
            f"{ci[0]:.3f}-{ci[1]:.3f}" if ci else "",
        )
    console.print(table)
    per = Table(title="per pillar (primary)")
    for col in ("pillar", "precision", "recall", "F1", "support"):
        per.add_column(col, justify="right" if col != "pillar" else "left")
    for p in PILLARS:
        m = metrics["per_pillar"][p]
        per.add_row(
            p, f"{m['precision']:.2f}", f"{m['recall']:.2f}", f"{m['f1']:.2f}", str(m["support"])
        )
    console.print(per)
    confusion = Table(title="confusion (rows: truth, columns: predicted)")
    confusion.add_column("")
    columns = list(next(iter(metrics["confusion"].values())))
    for col in columns:
        confusion.add_column(col, justify="right")
    for truth, row in metrics["confusion"].items():
        confusion.add_row(truth, *(str(row[c]) for c in columns))
    console.print(confusion)


def train_cli(
    data: Annotated[Path, typer.Option("--data", help="Corpus folder.")] = DEFAULT_DATA,
    out: Annotated[Path, typer.Option("--out", help="Model directory to write.")] = Path(
        "models/default"
    ),
    external: Annotated[
        Path | None,
        typer.Option(
            "--external",
            help="Also evaluate on labeled postings in this JSONL file (never trained on).",
        ),
    ] = None,
) -> None:
    """Train the model on the corpus' train split and write a model directory."""
    from jdpillars.corpus import CorpusError
    from jdpillars.training import train

    if not data.is_dir():
        fail(f"{data}: no such directory")
    if external is not None and not external.is_file():
        fail(f"{external}: no such file")
    try:
        meta = train(data, out, external)
    except (CorpusError, FileNotFoundError) as exc:
        fail(str(exc), Exit.FINDINGS)
    for name, metrics in meta["metrics"].items():
        print_metrics(name, metrics)
    typer.echo(f"wrote {out}", err=True)


def evaluate_cli(
    model: ModelOption = None,
    data: Annotated[
        Path | None, typer.Option("--data", help="Corpus folder: evaluate on its test split.")
    ] = None,
    external: Annotated[
        Path | None,
        typer.Option(
            "--external", help="Labeled postings (JSONL, as ../shared/eval/real_dev.jsonl)."
        ),
    ] = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Also write the metrics as JSON here.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON, not tables.")] = False,
) -> None:
    """Per-pillar precision/recall/F1, confusion matrix, share MAE and is_mops AUROC and
    calibration error, on the corpus test split and/or external labeled postings."""
    from jdpillars.corpus import CorpusError, load, load_split
    from jdpillars.evaluation import ExternalDataError, evaluate, read_external
    from jdpillars.training import as_examples

    if data is None and external is None:
        data = DEFAULT_DATA
    sets: dict[str, Any] = {}
    try:
        if data is not None:
            if not data.is_dir():
                fail(f"{data}: no such directory")
            split = load_split(data)
            sets["corpus test split"] = as_examples(
                [p for p in load(data) if split.get(p.id) == "test"]
            )
        if external is not None:
            if not external.is_file():
                fail(f"{external}: no such file")
            sets[f"external: {external.name}"] = read_external(external)
    except (CorpusError, ExternalDataError, FileNotFoundError) as exc:
        fail(str(exc), Exit.FINDINGS)
    classifier = load_classifier(model)
    results = {name: evaluate(classifier, examples) for name, examples in sets.items()}
    if output is not None:
        output.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    if as_json:
        typer.echo(json.dumps(results, indent=2))
        return
    for name, metrics in results.items():
        print_metrics(name, metrics)


def register(app: typer.Typer) -> None:
    app.command("train")(train_cli)
    app.command("evaluate")(evaluate_cli)
