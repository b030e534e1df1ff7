"""Several postings side by side: one row per posting with its shares, primary, ``is_mops`` and
its strongest evidence phrase per pillar, sorted by a pillar's share when asked."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from jdpillars.definitions import PILLARS
from jdpillars.report import Report

SORT_KEYS = (*PILLARS, "is_mops")


@dataclass(frozen=True)
class Row:
    source: str
    report: Report

    @property
    def top_evidence(self) -> dict[str, str | None]:
        return {
            p: (ev[0].text if (ev := self.report.pillars[p].evidence) else None) for p in PILLARS
        }

    def to_dict(self) -> dict[str, Any]:
        r = self.report
        return {
            "source": self.source,
            "title": r.title,
            "primary": r.primary,
            "is_mops": round(r.is_mops, 4),
            "shares": {p: round(s, 4) for p, s in r.shares.items()},
            "top_evidence": self.top_evidence,
            "verdict": r.verdict,
            "error": r.error,
        }


def compare(
    sources: Iterable[str], reports: Iterable[Report], sort: str | None = None
) -> list[Row]:
    """Rows in the given order, or by ``sort`` (a pillar or ``is_mops``), largest first;
    postings that could not be classified or show no pillar work go last."""
    rows = [Row(s, r) for s, r in zip(sources, reports, strict=True)]
    if sort is None:
        return rows
    if sort not in SORT_KEYS:
        raise ValueError(f"cannot sort by '{sort}' (choose from {', '.join(SORT_KEYS)})")

    def key(row: Row) -> tuple[bool, float]:
        value = row.report.is_mops if sort == "is_mops" else row.report.shares[sort]
        return (row.report.primary is None, -value)

    return sorted(rows, key=key)
