"""What the rules read from a draft's ``Report``: duty lines with their strongest pillar, and
the parts of the text each section covers."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from jdpillars.lint.draft import Draft, Span
from jdpillars.report import Report
from jdpillars.segmenter import Piece

# A classification with this many evidence passages per pillar sees every duty line.
EVIDENCE_TOP = 50
DUTY_SECTIONS = ("responsibilities",)
ROLE_SECTIONS = ("body", "blurb", "responsibilities")  # where the role's work is described
REQUIREMENT_SECTIONS = ("requirements", "nice_to_have")
_BULLETS = " \t-*+•·>#"


@dataclass(frozen=True)
class Duty:
    """A passage the classifier counted, with the pillar it speaks for most."""

    start: int
    end: int
    pillar: str
    weight: float
    section: str


def duties(report: Report) -> list[Duty]:
    """Each evidence passage once, with its strongest pillar, in text order."""
    best: dict[tuple[int, int], Duty] = {}
    for pillar, score in report.pillars.items():
        for e in score.evidence:
            seen = best.get((e.start, e.end))
            if seen is None or e.weight > seen.weight:
                best[(e.start, e.end)] = Duty(e.start, e.end, pillar, e.weight, e.section)
    return sorted(best.values(), key=lambda d: d.start)


def pillar_duties(report: Report, pillar: str) -> list[Duty]:
    return [d for d in duties(report) if d.pillar == pillar]


def spans(report: Report, names: Iterable[str]) -> list[Span]:
    """The stretches of text in the named sections."""
    wanted = set(names)
    return [Span(s.start, s.end) for s in report.sections if s.name in wanted]


def pieces_in(draft: Draft, report: Report, names: Iterable[str]) -> list[Piece]:
    """The draft's pieces (not headings) that stand in the named sections."""
    wanted = set(names)
    return [p for p in draft.pieces if p.heading is None and report.section_at(p.start) in wanted]


def lines_in(draft: Draft, report: Report, names: Iterable[str]) -> list[Span]:
    """The non-blank lines of the text that start in the named sections."""
    result = []
    for span in spans(report, names):
        offset = span.start
        for line in draft.text[span.start : span.end].splitlines(keepends=True):
            body = line.rstrip()
            lead = len(body) - len(body.lstrip(_BULLETS))
            if body[lead:]:
                result.append(Span(offset + lead, offset + len(body)))
            offset += len(line)
    return result
