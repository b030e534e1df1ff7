"""How a rule turns a place in the draft into a ``Finding``, and how it names lines."""

from __future__ import annotations

from collections.abc import Iterable

from jdpillars.lint import catalogue
from jdpillars.lint.draft import Draft, Span
from jdpillars.lint.finding import Finding

MAX_LINES_NAMED = 6


def finding(rule: str, draft: Draft, span: Span, message: str, fix: str | None = None) -> Finding:
    """A finding of ``rule`` at ``span``: why, default fix and severity come from lint.json."""
    doc = catalogue.rules()[rule]
    line, column = draft.position(span.start)
    end_line, end_column = draft.position(max(span.end, span.start))
    return Finding(
        rule=rule,
        name=doc.name,
        message=message,
        why=doc.why,
        fix=fix if fix is not None else doc.fix,
        file=draft.file,
        line=line,
        column=column,
        end_line=end_line,
        end_column=end_column,
        start=span.start,
        end=span.end,
        severity=doc.severity,
    )


def line_list(draft: Draft, offsets: Iterable[int]) -> str:
    """ "line 8", "lines 8, 9, 12" (at most six named, then "..."), or "" for none."""
    numbers = sorted({draft.position(o)[0] for o in offsets})
    if not numbers:
        return ""
    named = ", ".join(str(n) for n in numbers[:MAX_LINES_NAMED])
    more = ", ..." if len(numbers) > MAX_LINES_NAMED else ""
    return f"line{'s' if len(numbers) > 1 else ''} {named}{more}"


def quote(text: str) -> str:
    return '"' + " ".join(text.split()) + '"'
