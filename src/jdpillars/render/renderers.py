"""The renderers of each candidate-facing command, one ``Renderers`` per result type; a command
calls ``render(format, result, view)`` on its own."""

from __future__ import annotations

from collections.abc import Sequence

from jdpillars.comparison import Row
from jdpillars.fitscore import Fit
from jdpillars.questions import Asked
from jdpillars.render.candidate import compare_table, fit_table, questions_table
from jdpillars.render.formats import Renderers, limit_evidence
from jdpillars.render.html import report_html
from jdpillars.render.markdown import (
    compare_markdown,
    fit_markdown,
    questions_markdown,
    report_markdown,
)
from jdpillars.render.table import report_table
from jdpillars.report import Report

CLASSIFY: Renderers[Report] = Renderers(
    table=report_table,
    markdown=report_markdown,
    html=report_html,
    data=lambda report, view: limit_evidence(report, view.top).to_dict(),
)
QUESTIONS: Renderers[Asked] = Renderers(
    table=questions_table,
    markdown=questions_markdown,
    data=lambda asked, _: asked.to_dict(),
    title=lambda asked: f"Questions: {asked.report.title or 'job posting'}",
)
FIT: Renderers[Fit] = Renderers(
    table=fit_table,
    markdown=fit_markdown,
    data=lambda result, _: result.to_dict(),
    title=lambda result: f"Fit {result.score}/100: {result.report.title or 'job posting'}",
)
COMPARE: Renderers[Sequence[Row]] = Renderers(
    table=compare_table,
    markdown=compare_markdown,
    data=lambda rows, _: [row.to_dict() for row in rows],
    title=lambda rows: f"Comparing {len(rows)} postings",
)
