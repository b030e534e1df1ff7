"""HTML output: one self-contained page (inline CSS, no scripts, no external assets), every piece
of user text escaped, each evidence passage in a ``<mark>`` in its pillar's colour."""

from __future__ import annotations

import io
from html import escape

from rich.console import Console, RenderableType

from jdpillars.definitions import pillars
from jdpillars.render.formats import View
from jdpillars.render.spans import marks
from jdpillars.render.table import section_label
from jdpillars.report import Report

CSS = """
body { font-family: system-ui, sans-serif; max-width: 52rem; margin: 2rem auto; padding: 0 1rem;
       color: #1d1d1f; line-height: 1.5; }
h1 { font-size: 1.5rem; margin-bottom: .25rem; }
.verdict { font-size: 1.1rem; }
table.shares td { padding: .1rem .5rem; }
.bar { background: #e5e5ea; width: 16rem; height: .8rem; border-radius: .2rem; }
.bar > div { height: 100%; border-radius: .2rem; }
.posting { white-space: pre-wrap; font-family: ui-monospace, Menlo, monospace; font-size: .9rem;
           border: 1px solid #d2d2d7; border-radius: .4rem; padding: 1rem; }
mark { color: #fff; border-radius: .2rem; padding: 0 .1rem; }
.legend li { margin-bottom: .3rem; }
.swatch { display: inline-block; width: .8rem; height: .8rem; border-radius: .2rem;
          vertical-align: middle; margin-right: .3rem; }
.error { color: #b00020; }
"""


def _page(title: str, body: str, css: str = CSS) -> str:
    return (
        f'<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{escape(title)}</title>\n<style>{css}</style>\n</head>\n<body>\n"
        f"{body}</body>\n</html>\n"
    )


def _shares(report: Report) -> str:
    defs = pillars()
    rows = []
    for key, share in report.ranked():
        colour = defs[key].colour
        rows.append(
            f'<tr><td><span class="swatch" style="background:{colour}"></span>'
            f"{escape(defs[key].name)} ({escape(defs[key].short)})</td>"
            f'<td><div class="bar"><div style="width:{share:.1%};background:{colour}"></div>'
            f"</div></td><td>{share:.0%}</td></tr>"
        )
    return '<table class="shares">\n' + "\n".join(rows) + "\n</table>\n"


def _marked_text(report: Report) -> str:
    defs = pillars()
    out, at = [], 0
    for mark in marks(report):
        pillar = defs[mark.pillar]
        out.append(escape(report.text[at : mark.start]))
        label = f"{pillar.name}, {section_label(mark.evidence.section)}"
        out.append(
            f'<mark class="{mark.pillar}" style="background:{pillar.colour}" '
            f'title="{escape(label)}">{escape(report.text[mark.start : mark.end])}</mark>'
        )
        at = mark.end
    out.append(escape(report.text[at:]))
    return "".join(out)


def _legend(report: Report, view: View) -> str:
    defs = pillars()
    items = []
    for key, share in report.ranked():
        quotes = "".join(
            f"<li>“{escape(e.text)}” <small>({escape(section_label(e.section))})</small></li>"
            for e in report.pillars[key].evidence[: view.top]
        )
        items.append(
            f'<li><span class="swatch" style="background:{defs[key].colour}"></span>'
            f"<strong>{escape(defs[key].name)}</strong> {share:.0%}"
            f"<ol>{quotes or '<li>no evidence</li>'}</ol></li>"
        )
    return '<ul class="legend">\n' + "\n".join(items) + "\n</ul>\n"


def report_html(report: Report, view: View) -> str:
    title = report.title or "Job posting"
    body = f"<h1>{escape(title)}</h1>\n"
    if report.error:
        body += f'<p class="error">{escape(report.verdict)}</p>\n'
        return _page(title, body)
    body += (
        f'<p class="verdict">{escape(report.verdict)}</p>\n{_shares(report)}'
        f'<h2>Posting</h2>\n<div class="posting">{_marked_text(report)}</div>\n'
        f"<h2>Evidence (top {view.top} per pillar)</h2>\n{_legend(report, view)}"
    )
    return _page(title, body)


def renderable_page(renderable: RenderableType, title: str, width: int = 100) -> str:
    """A page of a rich renderable (the table of a command without its own HTML)."""
    console = Console(record=True, width=width, file=io.StringIO(), color_system="truecolor")
    console.print(renderable)
    code = console.export_html(inline_styles=True, code_format="{code}")
    css = "body { margin: 2rem; } pre { font-family: ui-monospace, Menlo, monospace; }"
    return _page(title, f"<pre>{code}</pre>\n", css)
