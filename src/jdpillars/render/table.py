"""The terminal breakdown of one Report: the verdict, a bar per pillar, the posting with every
evidence passage highlighted in its pillar's colour (a gutter names the pillars, so the page
reads without colour too), and a legend listing the top evidence per pillar.

User text never goes through rich markup: it is put in ``Text`` objects and styled by offsets.
"""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from jdpillars.definitions import pillars
from jdpillars.render.formats import View
from jdpillars.render.spans import Mark, marks, pillars_between
from jdpillars.report import Report, SectionSpan

BAR_WIDTH = 30
ELIDE_OVER = 25  # postings with more lines than this show only the sections with evidence
MIN_ELIDED = 3  # a shorter run of lines without evidence is shown, not elided
_CONTROL = {i: " " for i in (*range(32), 127) if i != 10}


def display(text: str) -> str:
    """``text`` safe to print, with the same length (so offsets still fit): tabs, carriage
    returns and other control characters become spaces."""
    return text.translate(_CONTROL)


def section_label(name: str) -> str:
    return name.replace("_", " ")


def header(report: Report) -> list[RenderableType]:
    out: list[RenderableType] = []
    if report.title:
        out.append(Text(report.title, style="bold"))
    out.append(Text(report.verdict))
    return out


def bar(share: float, colour: str, width: int = BAR_WIDTH) -> Text:
    filled = round(max(0.0, min(1.0, share)) * width)
    return Text.assemble(("█" * filled, colour), ("░" * (width - filled), "dim"))


def share_bars(report: Report) -> Table:
    grid = Table.grid(padding=(0, 1))
    for column in ("short", "name", "bar", "share"):
        grid.add_column(justify="right" if column == "share" else "left", no_wrap=True)
    defs = pillars()
    for key, share in report.ranked():
        pillar = defs[key]
        grid.add_row(
            Text(pillar.short, style=f"bold {pillar.colour}"),
            pillar.name,
            bar(share, pillar.colour),
            f"{share:.0%}",
        )
    return grid


def _lines(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for line in text.split("\n"):
        spans.append((start, start + len(line)))
        start += len(line) + 1
    while spans and not text[spans[-1][0] : spans[-1][1]].strip():
        spans.pop()
    while spans and not text[spans[0][0] : spans[0][1]].strip():
        spans.pop(0)
    return spans


def _first_word(text: str, start: int, end: int) -> int:
    """Where a line's words begin: "## Benefits" belongs to the section its word opens."""
    for i in range(start, end):
        if text[i].isalnum():
            return i
    return start


def _section_of(sections: tuple[SectionSpan, ...], offset: int) -> int | None:
    for i, span in enumerate(sections):
        if span.start <= offset < span.end:
            return i
    return None


def _kept(
    report: Report, found: list[Mark], lines: list[tuple[int, int]], full: bool
) -> list[bool]:
    if full or not found or len(lines) <= ELIDE_OVER:
        return [True] * len(lines)
    with_evidence = {
        i
        for i, s in enumerate(report.sections)
        if any(m.start < s.end and s.start < m.end for m in found)
    }
    kept = []
    for start, end in lines:
        section = _section_of(report.sections, _first_word(report.text, start, end))
        kept.append(
            section is None or section in with_evidence or bool(pillars_between(found, start, end))
        )
    return kept


def _elision(report: Report, lines: list[tuple[int, int]]) -> Text:
    names: list[str] = []
    for start, end in lines:
        section = report.section_at(_first_word(report.text, start, end))
        if section and section_label(section) not in names:
            names.append(section_label(section))
    where = f" ({', '.join(names)})" if names else ""
    return Text(f"⋯ {len(lines)} lines without evidence{where} ⋯", style="dim italic")


def posting(report: Report, view: View) -> Table:
    """The text, line by line, evidence highlighted; long runs without evidence elided."""
    defs = pillars()
    found = marks(report)
    lines = _lines(report.text)
    kept = _kept(report, found, lines, view.full)
    shown = display(report.text)
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column(overflow="fold")
    i = 0
    while i < len(lines):
        j = i
        while j < len(lines) and not kept[j]:
            j += 1
        if j - i >= MIN_ELIDED:
            grid.add_row("", _elision(report, lines[i:j]))
            i = j
            continue
        start, end = lines[i]
        line = Text(shown[start:end])
        for mark in found:
            if mark.start < end and start < mark.end:
                line.stylize(
                    defs[mark.pillar].style,
                    max(mark.start, start) - start,
                    min(mark.end, end) - start,
                )
        gutter = Text(
            " ".join(defs[p].short for p in pillars_between(found, start, end)), style="bold"
        )
        grid.add_row(gutter, line)
        i += 1
    return grid


def legend(report: Report, view: View) -> Table:
    """A swatch per pillar with its share and its top ``view.top`` evidence."""
    defs = pillars()
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column()
    for key, share in report.ranked():
        pillar = defs[key]
        grid.add_row(
            Text(f" {pillar.short} ", style=pillar.style),
            Text(f"{pillar.name} {share:.0%}", style="bold"),
        )
        evidence = report.pillars[key].evidence[: view.top]
        for n, item in enumerate(evidence, 1):
            grid.add_row("", Text(f"{n}. “{display(item.text)}” ({section_label(item.section)})"))
        if not evidence:
            grid.add_row("", Text("no evidence", style="dim"))
    return grid


def report_table(report: Report, view: View) -> RenderableType:
    parts = header(report)
    if report.error:
        return Group(*parts)
    parts += [
        Text(),
        share_bars(report),
        Rule("posting", style="dim"),
        posting(report, view),
        Rule(f"legend: top {view.top} evidence per pillar", style="dim"),
        legend(report, view),
    ]
    return Group(*parts)
