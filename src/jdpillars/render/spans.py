"""Where to highlight: the evidence of every pillar flattened into marks that never overlap.

Evidence of two pillars can cover the same passage; where spans overlap, the passage goes to
the evidence with the larger weight. Marks are what the table and the HTML page colour.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise

from jdpillars.definitions import PILLARS
from jdpillars.report import Evidence, Report


@dataclass(frozen=True)
class Mark:
    start: int
    end: int
    pillar: str
    evidence: Evidence


def marks(report: Report) -> list[Mark]:
    """Non-overlapping marks in text order; ``report.text[m.start:m.end]`` lies inside the
    evidence ``m.evidence``."""
    items = [(p, e) for p in PILLARS for e in report.pillars[p].evidence if e.end > e.start]
    cuts = sorted({x for _, e in items for x in (e.start, e.end)})
    out: list[Mark] = []
    for start, end in pairwise(cuts):
        covering = [
            (e.weight, -PILLARS.index(p), p, e)
            for p, e in items
            if e.start <= start and end <= e.end
        ]
        if not covering:
            continue
        _, _, pillar, evidence = max(covering, key=lambda c: (c[0], c[1]))
        last = out[-1] if out else None
        if last and last.end == start and last.pillar == pillar and last.evidence == evidence:
            out[-1] = Mark(last.start, end, pillar, evidence)
        else:
            out.append(Mark(start, end, pillar, evidence))
    return out


def pillars_between(found: list[Mark], start: int, end: int) -> list[str]:
    """The pillars marked anywhere in ``[start, end)``, in the order they appear."""
    seen: list[str] = []
    for mark in found:
        if mark.start < end and start < mark.end and mark.pillar not in seen:
            seen.append(mark.pillar)
    return seen
