"""How well a posting matches the work a candidate wants: a score from 0 to 100 with reasons.

The score is the share of the posting in the wanted pillars, less half the share in the avoided
ones, scaled down when the posting is not clearly marketing ops:

    score = 100 × clamp(wanted − AVOID_WEIGHT × avoided, 0, 1) × min(1, is_mops / MOPS_FULL)

A posting with no pillar evidence scores 0.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from jdpillars.definitions import PILLARS, pillars
from jdpillars.report import Evidence, Report
from jdpillars.verdict import likelihood

AVOID_WEIGHT = 0.5
MOPS_FULL = 0.5  # is_mops at or above this does not scale the score down
PRESENT = 0.1  # a wanted pillar with this share and evidence counts as present
HEAVY = 0.25  # an avoided pillar with this share counts as heavy
CITED = 2  # evidence items quoted per reason


@dataclass(frozen=True)
class Reason:
    kind: str  # "present", "missing", "heavy", "light" or "not_mops"
    pillar: str | None
    text: str
    evidence: tuple[Evidence, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "pillar": self.pillar,
            "reason": self.text,
            "evidence": [e.to_dict() for e in self.evidence],
        }


@dataclass(frozen=True)
class Fit:
    score: int
    want: tuple[str, ...]
    avoid: tuple[str, ...]
    reasons: tuple[Reason, ...]
    report: Report

    def to_dict(self) -> dict[str, Any]:
        return {
            "score": self.score,
            "want": list(self.want),
            "avoid": list(self.avoid),
            "reasons": [r.to_dict() for r in self.reasons],
            "report": self.report.to_dict(),
        }


def parse_pillars(value: str | None) -> tuple[str, ...]:
    """``"pops, DevMOPS"`` -> ``("pops", "devmops")``; ValueError naming an unknown pillar."""
    keys: list[str] = []
    for part in (value or "").split(","):
        key = part.strip().lower()
        if not key:
            continue
        if key not in PILLARS:
            raise ValueError(f"unknown pillar '{part.strip()}' (choose from {', '.join(PILLARS)})")
        if key not in keys:
            keys.append(key)
    return tuple(keys)


def _reason(report: Report, pillar: str, wanted: bool) -> Reason:
    name, share = pillars()[pillar].name, report.shares[pillar]
    evidence = report.pillars[pillar].evidence[:CITED]
    if wanted and share >= PRESENT and evidence:
        return Reason(
            "present", pillar, f"{name}, which you want, is {share:.0%} of the posting", evidence
        )
    if wanted:
        return Reason(
            "missing",
            pillar,
            f"{name}, which you want, is only {share:.0%} "
            f"({'little' if evidence else 'no'} evidence)",
            evidence,
        )
    if share >= HEAVY:
        return Reason("heavy", pillar, f"{name}, which you avoid, is heavy: {share:.0%}", evidence)
    return Reason("light", pillar, f"{name}, which you avoid, is light: {share:.0%}", evidence)


def fit(report: Report, want: tuple[str, ...], avoid: tuple[str, ...] = ()) -> Fit:
    """The fit of ``report`` for a candidate who wants ``want`` and avoids ``avoid``."""
    reasons = [_reason(report, p, True) for p in want]
    reasons += [_reason(report, p, False) for p in avoid]
    wanted = sum(report.shares[p] for p in want)
    avoided = sum(report.shares[p] for p in avoid)
    raw = min(1.0, max(0.0, wanted - AVOID_WEIGHT * avoided))
    scale = min(1.0, report.is_mops / MOPS_FULL)
    if scale < 1.0:
        reasons.append(
            Reason(
                "not_mops",
                None,
                f"Marketing ops: {likelihood(report.is_mops)} "
                f"({report.is_mops:.2f}); the score is scaled down",
            )
        )
    score = 0 if report.primary is None or report.error else round(100 * raw * scale)
    return Fit(score, want, avoid, tuple(reasons), report)
