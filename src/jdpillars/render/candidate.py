"""Terminal output of ``questions``, ``fit`` and ``compare``: rich renderables built from their
results, user text in ``Text`` objects only."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from jdpillars.comparison import Row
from jdpillars.definitions import PILLARS, pillars
from jdpillars.fitscore import Fit
from jdpillars.questions import Asked, Cited
from jdpillars.render.formats import View
from jdpillars.render.table import bar, display, header, section_label
from jdpillars.report import Evidence

PHRASE = 48  # characters of an evidence phrase in a compare cell
INDENT = 2  # columns before a quoted piece of evidence


def _quote(evidence: Evidence, pillar: str | None = None) -> Padding:
    """An indented quote tagged with its pillar; wrapped lines stay under the quote."""
    text = Text(f"“{display(evidence.text)}”")
    text.append(f" ({section_label(evidence.section)})", style="dim")
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column()
    tag = Text(f" {pillars()[pillar].short} ", style=pillars()[pillar].style) if pillar else ""
    grid.add_row(tag, text)
    return Padding(grid, (0, 0, 0, INDENT))


def _cited(cite: Cited) -> Padding:
    return _quote(cite.evidence, cite.pillar)


def questions_table(asked: Asked, view: View) -> RenderableType:
    if not asked.questions:
        note = Text("No questions: no rule matched this posting.", style="dim")
        return Group(*header(asked.report), Text(), note)
    grid = Table.grid(padding=(0, 1))
    grid.add_column(justify="right", no_wrap=True)
    grid.add_column()
    for n, question in enumerate(asked.questions, 1):
        cites = [_cited(c) for c in question.cites]
        grid.add_row(f"{n}.", Group(Text(question.text, style="bold"), *cites, Text()))
    return Group(*header(asked.report), Text(), grid)


def fit_table(result: Fit, view: View) -> RenderableType:
    score = Text.assemble(
        ("Fit ", "bold"), (f"{result.score}/100 ", "bold"), bar(result.score / 100, "bold")
    )
    parts: list[RenderableType] = [*header(result.report), Text(), score, Text()]
    marks = {"present": "+", "missing": "-", "heavy": "-", "light": "+", "not_mops": "-"}
    for reason in result.reasons:
        parts.append(Text(f"{marks[reason.kind]} {reason.text}"))
        parts += [_quote(e, reason.pillar) for e in reason.evidence]
    return Group(*parts)


def _clip(text: str, width: int = PHRASE) -> str:
    text = " ".join(display(text).split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def compare_table(rows: Sequence[Row], view: View) -> RenderableType:
    defs = pillars()
    table = Table(show_lines=True)
    table.add_column("posting", overflow="fold")
    table.add_column("primary")
    table.add_column("is_mops", justify="right")
    for key in PILLARS:
        table.add_column(defs[key].short, style=defs[key].colour, overflow="fold")
    for row in rows:
        report = row.report
        name = Text(report.title or row.source, style="bold")
        if report.title:
            name.append(f"\n{row.source}", style="dim")
        if report.error:
            table.add_row(name, "-", "-", Text(f"error: {report.error}"), "", "", "")
            continue
        cells = []
        for key, phrase in row.top_evidence.items():
            share = f"{report.shares[key]:.0%}" if report.primary else "-"
            cell = Text(share, style="bold")
            if phrase:
                cell.append(f"\n“{_clip(phrase)}”")
            cells.append(cell)
        primary = defs[report.primary].short if report.primary else "-"
        table.add_row(name, primary, f"{report.is_mops:.2f}", *cells)
    return table
