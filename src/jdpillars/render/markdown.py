"""Markdown output, for pasting into notes: the breakdown as a table and the evidence as lists
of quotes. User text is escaped so that a posting's ``*``, ``_``, ``[`` or ``|`` stays text."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from jdpillars.comparison import Row
from jdpillars.definitions import PILLARS, pillars
from jdpillars.fitscore import Fit
from jdpillars.questions import Asked
from jdpillars.render.formats import View
from jdpillars.report import Evidence, Report

# Characters that could start emphasis, code, links, HTML or table cells. Others (# + - !)
# only mean something at the start of a line, where user text never stands.
_SPECIAL = re.compile(r"([\\`*_{}\[\]<>|~])")


def escape(text: str) -> str:
    """``text`` on one line, with Markdown's special characters escaped."""
    return _SPECIAL.sub(r"\\\1", " ".join(text.split()))


def quote(evidence: Evidence) -> str:
    return f"“{escape(evidence.text)}” ({evidence.section.replace('_', ' ')})"


def _lines(*blocks: Iterable[str]) -> str:
    return "\n".join(line for block in blocks for line in block).rstrip("\n") + "\n"


def _head(report: Report, level: str = "##") -> list[str]:
    out = [f"{level} {escape(report.title)}", ""] if report.title else []
    return [*out, escape(report.verdict), ""]


def _shares(report: Report) -> list[str]:
    defs = pillars()
    rows = [f"| {defs[p].name} ({defs[p].short}) | {s:.0%} |" for p, s in report.ranked()]
    return ["| Pillar | Share |", "| --- | ---: |", *rows, ""]


def report_markdown(report: Report, view: View) -> str:
    if report.error:
        return _lines(_head(report))
    out = ["### Evidence", ""]
    for key, share in report.ranked():
        out.append(f"**{pillars()[key].name}** ({share:.0%})")
        out.append("")
        evidence = report.pillars[key].evidence[: view.top]
        out += [f"- {quote(e)}" for e in evidence] or ["- no evidence"]
        out.append("")
    return _lines(_head(report), _shares(report), out)


def questions_markdown(asked: Asked, view: View) -> str:
    items = asked.questions
    out = _head(asked.report)
    for n, question in enumerate(items, 1):
        out.append(f"{n}. {escape(question.text)}")
        out += [f"   - {pillars()[c.pillar].short}: {quote(c.evidence)}" for c in question.cites]
    return _lines(out if items else [*out, "No questions: no rule matched this posting."])


def fit_markdown(result: Fit, view: View) -> str:
    out = _head(result.report)
    out += [f"**Fit: {result.score}/100**", ""]
    for reason in result.reasons:
        out.append(f"- {escape(reason.text)}")
        out += [f"  - {quote(e)}" for e in reason.evidence]
    return _lines(out)


def compare_markdown(rows: Sequence[Row], view: View) -> str:
    defs = pillars()
    head = ["Posting", "Primary", "is_mops", *(defs[p].short for p in PILLARS)]
    out = ["| " + " | ".join(head) + " |", "|" + " --- |" * 2 + " ---: |" * 5]
    for row in rows:
        r = row.report
        cells = [
            escape(r.title or row.source),
            defs[r.primary].short if r.primary else "-",
            "-" if r.error else f"{r.is_mops:.2f}",
            *(f"{s:.0%}" if r.primary else "-" for s in r.shares.values()),
        ]
        out.append("| " + " | ".join(cells) + " |")
    out.append("")
    for row in rows:
        out += [f"**{escape(row.report.title or row.source)}**", ""]
        if row.report.error:
            out += [f"- error: {escape(row.report.error)}", ""]
            continue
        for pillar, text in row.top_evidence.items():
            out.append(
                f"- {defs[pillar].short}: “{escape(text)}”"
                if text
                else f"- {defs[pillar].short}: no evidence"
            )
        out.append("")
    return _lines(out)
