"""Hand-made Reports for the lint tests: the rules' logic checked without the model."""

from __future__ import annotations

from pathlib import Path

from jdpillars.definitions import PILLARS
from jdpillars.lint.draft import Draft
from jdpillars.lint.settings import Layer, Settings, resolve
from jdpillars.report import Evidence, PillarScore, Report, SectionSpan
from jdpillars.sections import assign
from jdpillars.segmenter import segment

DRAFTS = Path(__file__).resolve().parent / "drafts"


def draft(name: str) -> Draft:
    path = DRAFTS / name
    return Draft(str(path.relative_to(DRAFTS.parent.parent)), path.read_text("utf-8"))


def settings(**layer: object) -> Settings:
    return resolve([Layer("test", **layer)])  # type: ignore[arg-type]


def section_spans(text: str) -> tuple[SectionSpan, ...]:
    pieces = segment(text)
    spans: list[SectionSpan] = []
    for piece, name in zip(pieces, assign(pieces), strict=True):
        if spans and spans[-1].name == name:
            continue
        if spans:
            spans[-1] = SectionSpan(spans[-1].name, spans[-1].start, piece.start)
        spans.append(SectionSpan(name, piece.start, len(text)))
    return tuple(spans)


def fake_report(
    text: str,
    shares: dict[str, float],
    *,
    is_mops: float = 0.95,
    evidence: dict[str, list[str]] | None = None,
    title: str | None = None,
) -> Report:
    """A Report over ``text`` with the given shares; ``evidence`` names, per pillar, passages
    of the text (found by their first occurrence)."""
    sections = section_spans(text)
    pillars = {}
    for p in PILLARS:
        found = []
        for passage in (evidence or {}).get(p, []):
            start = text.index(passage)
            section = next(s.name for s in sections if s.start <= start < s.end)
            found.append(Evidence(passage, start, start + len(passage), 0.9, section))
        pillars[p] = PillarScore(shares.get(p, 0.0), tuple(found))
    primary = max(PILLARS, key=lambda p: shares.get(p, 0.0)) if any(shares.values()) else None
    return Report(
        id=None,
        title=title,
        text=text,
        is_mops=is_mops,
        primary=primary,
        verdict="made by hand",
        pillars=pillars,
        model="fake",
        sections=sections,
    )
