"""Agreement between the corpus' labels and a blind reviewer's (``review/blind-labels.jsonl``):
the figures the data card reports, recomputed whenever the corpus changes."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from jdpillars.corpus import LINE_LABELS, Posting
from jdpillars.definitions import PILLARS

REVIEW_FILE = Path("review") / "blind-labels.jsonl"


def read_reviews(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def agreement(postings: Sequence[Posting], reviews: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """Line agreement and Cohen's kappa, and agreement on ``mops``, ``primary`` and shares."""
    by_id = {p.id: p for p in postings}
    pairs: list[tuple[str, str]] = []
    mops = primary = ops = 0
    share_error = 0.0
    for review in reviews:
        posting = by_id[review["id"]]
        pairs += [
            (span.label, review["lines"][str(i)]) for i, span in enumerate(posting.spans, start=1)
        ]
        mops += review["mops"] == posting.mops
        if posting.mops != "no" and review["mops"] != "no":
            ops += 1
            primary += review["primary"] == posting.primary
            share_error += sum(abs(review["shares"][p] - posting.shares[p]) for p in PILLARS) / 4
    observed = sum(a == b for a, b in pairs) / len(pairs)
    ours, theirs = Counter(a for a, _ in pairs), Counter(b for _, b in pairs)
    expected = sum(ours[k] * theirs[k] for k in LINE_LABELS) / len(pairs) ** 2
    pillar = [(a, b) for a, b in pairs if a != "none" or b != "none"]
    return {
        "postings": len(reviews),
        "lines": len(pairs),
        "line_agreement": observed,
        "line_kappa": (observed - expected) / (1 - expected),
        "pillar_line_agreement": sum(a == b for a, b in pillar) / len(pillar),
        "mops_agreement": mops / len(reviews),
        "primary_agreement": primary / ops if ops else 0.0,
        "share_mae": share_error / ops if ops else 0.0,
    }
