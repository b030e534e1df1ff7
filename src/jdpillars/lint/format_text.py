"""``--format text``: ``file:line:col: JDP101 message`` with a fix hint, grouped per file, each
file closed by its pillar breakdown on one line; then a summary count. Built from
``rich.text.Text`` (never markup: drafts contain brackets) so a terminal gets colour and a
pipe gets plain text."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text

from jdpillars.definitions import pillars
from jdpillars.lint.engine import FileResult
from jdpillars.lint.finding import Finding, Severity
from jdpillars.lint.summary import summary
from jdpillars.report import Report
from jdpillars.verdict import likelihood

SEVERITY_STYLE = {
    Severity.error: "bold red",
    Severity.warning: "bold yellow",
}


def finding_lines(f: Finding) -> list[Text]:
    head = Text()
    head.append(f"{f.file}:{f.line}:{f.column}:", style="bold")
    head.append(" ")
    head.append(f.rule, style=SEVERITY_STYLE[f.severity])
    head.append(f" {f.message}")
    fix = Text("    fix: ", style="dim")
    fix.append(f.fix, style="dim")
    return [head, fix]


def breakdown(file: str, report: Report, count: int) -> Text:
    """ "file: POPS 62% · COPS 20% · ... | marketing ops: very likely (0.97) | 2 findings" """
    names = pillars()
    line = Text()
    line.append(f"{file}:", style="bold")
    line.append(" ")
    for i, (key, share) in enumerate(report.ranked()):
        if i:
            line.append(" · ", style="dim")
        line.append(names[key].short, style=f"bold {names[key].colour}")
        line.append(f" {share:.0%}")
    line.append(f" | marketing ops: {likelihood(report.is_mops)} ({report.is_mops:.2f})")
    verdict = "clean" if not count else f"{count} finding{'s' if count > 1 else ''}"
    line.append(" | ")
    line.append(verdict, style="green" if not count else "bold")
    return line


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def summary_line(results: Sequence[FileResult]) -> Text:
    s = summary(results)
    if s["findings"]:
        rules = ", ".join(f"{rule} \u00d7{n}" for rule, n in s["by_rule"].items())
        text = Text(
            f"Found {_plural(s['findings'], 'finding')} in "
            f"{s['with_findings']} of {_plural(s['files'], 'file')} ({rules})",
            style="bold",
        )
    else:
        text = Text(
            f"No findings in {_plural(s['files'] - s['errors'], 'file')}", style="bold green"
        )
    if s["errors"]:
        text.append(f"; {_plural(s['errors'], 'file')} could not be linted", style="bold red")
    text.append(".")
    return text


def render_text(results: Sequence[FileResult]) -> list[Text]:
    lines: list[Text] = []
    for r in results:
        for f in r.findings:
            lines.extend(finding_lines(f))
        if r.report is not None and r.error is None:
            lines.append(breakdown(r.file, r.report, len(r.findings)))
            lines.append(Text())
    lines.append(summary_line(results))
    return lines
