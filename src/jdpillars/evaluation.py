"""Scoring a classifier against labeled postings: ours (the corpus test split) or external ones
in the format of ``../shared/eval/real_dev.jsonl``. ``evaluate`` returns plain data."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jdpillars.definitions import PILLARS


@dataclass(frozen=True)
class Example:
    """A labeled posting: ``mops`` is yes/borderline/no; shares over PILLARS sum to 1."""

    id: str
    title: str | None
    text: str
    mops: str
    shares: dict[str, float]
    primary: str


class ExternalDataError(ValueError):
    pass


def read_external(path: Path) -> list[Example]:
    """Labeled postings from a JSONL file: ``id``, ``title``, ``description`` and ``labels``
    with ``mops``, ``shares`` and ``primary``."""
    examples = []
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                labels = row["labels"]
                shares = {p: float(labels["shares"][p]) for p in PILLARS}
                examples.append(
                    Example(
                        str(row["id"]),
                        row.get("title"),
                        row["description"],
                        labels["mops"],
                        shares,
                        labels["primary"],
                    )
                )
            except (json.JSONDecodeError, KeyError, TypeError, ValueError) as exc:
                raise ExternalDataError(f"{path}:{number}: not a labeled posting ({exc})") from None
    return examples


def _prf(truth: Sequence[str], pred: Sequence[str]) -> dict[str, dict[str, float]]:
    out = {}
    for p in PILLARS:
        tp = sum(1 for t, q in zip(truth, pred, strict=False) if t == p and q == p)
        fp = sum(1 for t, q in zip(truth, pred, strict=False) if t != p and q == p)
        fn = sum(1 for t, q in zip(truth, pred, strict=False) if t == p and q != p)
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        out[p] = {"precision": precision, "recall": recall, "f1": f1, "support": tp + fn}
    return out


def auroc(labels: Sequence[bool], scores: Sequence[float]) -> float | None:
    """Area under the ROC curve (ties count half); None when one class is missing."""
    pos = [s for y, s in zip(labels, scores, strict=False) if y]
    neg = [s for y, s in zip(labels, scores, strict=False) if not y]
    if not pos or not neg:
        return None
    wins = sum((p > n) + 0.5 * (p == n) for p in pos for n in neg)
    return wins / (len(pos) * len(neg))


def calibration_error(labels: Sequence[bool], scores: Sequence[float], bins: int = 10) -> float:
    """Expected calibration error: the count-weighted gap between confidence and frequency."""
    total = 0.0
    for b in range(bins):
        lo, hi = b / bins, (b + 1) / bins
        members = [
            (y, s)
            for y, s in zip(labels, scores, strict=False)
            if lo <= s < hi or (b == bins - 1 and s == 1.0)
        ]
        if members:
            freq = sum(y for y, _ in members) / len(members)
            conf = sum(s for _, s in members) / len(members)
            total += len(members) * abs(freq - conf)
    return total / max(len(labels), 1)


def interval(values: Sequence[float], draws: int = 2000, seed: int = 0) -> list[float] | None:
    """A 95% bootstrap interval of the mean of per-posting ``values`` (postings drawn again with
    replacement ``draws`` times; the same seed gives the same interval). None for no values."""
    import numpy as np

    if not len(values):
        return None
    rows = np.random.default_rng(seed).integers(0, len(values), (draws, len(values)))
    means = np.asarray(values, dtype=float)[rows].mean(axis=1)
    return [float(np.quantile(means, 0.025)), float(np.quantile(means, 0.975))]


def score_reports(examples: Sequence[Example], reports: Sequence[Any]) -> dict[str, Any]:
    """Metrics of reports against their examples. Pillar metrics cover the marketing-ops rows
    (``yes`` and ``borderline``); ``is_mops`` counts both of those as positive."""
    ops = [(e, r) for e, r in zip(examples, reports, strict=False) if e.mops != "no"]
    truth = [e.primary for e, _ in ops]
    pred = [r.primary or "none" for _, r in ops]
    per = _prf(truth, pred)
    right = [1.0 if t == q else 0.0 for t, q in zip(truth, pred, strict=True)]
    errors = [sum(abs(r.shares[p] - e.shares[p]) for p in PILLARS) / len(PILLARS) for e, r in ops]
    confusion = {
        t: {
            q: sum(1 for a, b in zip(truth, pred, strict=False) if a == t and b == q)
            for q in (*PILLARS, "none")
        }
        for t in PILLARS
    }
    labels = [e.mops != "no" for e in examples]
    scores = [r.is_mops for r in reports]
    strict = [
        (e.mops == "yes", r.is_mops)
        for e, r in zip(examples, reports, strict=False)
        if e.mops != "borderline"
    ]
    return {
        "postings": len(examples),
        "mops_postings": len(ops),
        "primary_accuracy": sum(right) / len(ops) if ops else 0.0,
        "primary_accuracy_95ci": interval(right),
        "primary_macro_f1": sum(per[p]["f1"] for p in PILLARS) / len(PILLARS),
        "share_mae": sum(errors) / len(ops) if ops else 0.0,
        "share_mae_95ci": interval(errors),
        "is_mops_auroc": auroc(labels, scores),
        "is_mops_auroc_yes_vs_no": auroc([y for y, _ in strict], [s for _, s in strict]),
        "is_mops_calibration_error": calibration_error(labels, scores),
        "per_pillar": per,
        "confusion": confusion,
        "errors": [
            {"id": e.id, "title": e.title, "truth": e.primary, "predicted": r.primary}
            for e, r in ops
            if e.primary != r.primary
        ],
    }


def evaluate(classifier: Any, examples: Sequence[Example]) -> dict[str, Any]:
    from jdpillars.classifier import Job

    jobs = [Job(e.text, e.title, e.id) for e in examples]
    return score_reports(examples, list(classifier.classify_many(jobs)))
