"""The one result type every command renders: ``Report``, with its JSON form."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from jdpillars.definitions import PILLARS


@dataclass(frozen=True)
class Evidence:
    """A passage that made the classifier decide: ``report.text[start:end] == text``."""

    text: str
    start: int
    end: int
    weight: float
    section: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "weight": round(self.weight, 4),
            "section": self.section,
        }


@dataclass(frozen=True)
class PillarScore:
    share: float
    evidence: tuple[Evidence, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {"share": round(self.share, 4), "evidence": [e.to_dict() for e in self.evidence]}


@dataclass(frozen=True)
class SectionSpan:
    """Where a section of the posting runs, by character offsets."""

    name: str
    start: int
    end: int


@dataclass(frozen=True)
class Report:
    """What jdpillars says about one posting. ``error`` is set (and the scores empty) when the
    posting could not be classified; a renderer shows it instead of the breakdown."""

    id: str | None
    title: str | None
    text: str
    is_mops: float
    primary: str | None
    verdict: str
    pillars: dict[str, PillarScore]
    model: str
    sections: tuple[SectionSpan, ...] = ()
    error: str | None = None
    warnings: tuple[str, ...] = field(default=())

    @property
    def shares(self) -> dict[str, float]:
        return {p: self.pillars[p].share for p in PILLARS}

    def ranked(self) -> list[tuple[str, float]]:
        """Pillars by share, largest first."""
        return sorted(self.shares.items(), key=lambda item: -item[1])

    def section_at(self, offset: int) -> str | None:
        for span in self.sections:
            if span.start <= offset < span.end:
                return span.name
        return None

    def to_dict(self, *, include_text: bool = True) -> dict[str, Any]:
        data: dict[str, Any] = {
            "id": self.id,
            "title": self.title,
            "is_mops": round(self.is_mops, 4),
            "primary": self.primary,
            "verdict": self.verdict,
            "pillars": {p: self.pillars[p].to_dict() for p in PILLARS},
            "error": self.error,
            "model": self.model,
        }
        if include_text:
            data["text"] = self.text
            data["sections"] = [
                {"name": s.name, "start": s.start, "end": s.end} for s in self.sections
            ]
        if self.warnings:
            data["warnings"] = list(self.warnings)
        return data


def empty_pillars() -> dict[str, PillarScore]:
    return {p: PillarScore(0.0) for p in PILLARS}


def failed(
    error: str, *, id: str | None = None, title: str | None = None, text: str = "", model: str = ""
) -> Report:
    """The report of a posting that could not be classified."""
    return Report(
        id=id,
        title=title,
        text=text,
        is_mops=0.0,
        primary=None,
        verdict=f"Not classified: {error}",
        pillars=empty_pillars(),
        model=model,
        error=error,
    )
