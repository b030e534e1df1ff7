"""Evaluation metrics on hand-made reports, and reading external labeled postings."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from jdpillars.evaluation import (
    Example,
    ExternalDataError,
    auroc,
    calibration_error,
    interval,
    read_external,
    score_reports,
)
from jdpillars.report import PillarScore, Report

P = ("pops", "cops", "miops", "devmops")


def report(shares: dict[str, float], is_mops: float) -> Report:
    primary = max(shares, key=lambda k: shares[k])
    return Report(
        id=None,
        title=None,
        text="",
        is_mops=is_mops,
        primary=primary,
        verdict="",
        pillars={p: PillarScore(shares[p]) for p in P},
        model="test",
    )


def example(primary: str, mops: str = "yes") -> Example:
    shares = {p: (0.7 if p == primary else 0.1) for p in P}
    return Example("x", None, "", mops, shares, primary)


def test_auroc_and_calibration() -> None:
    assert auroc([True, True, False, False], [0.9, 0.8, 0.2, 0.1]) == 1.0
    assert auroc([True, False], [0.5, 0.5]) == 0.5
    assert auroc([True, True], [0.1, 0.2]) is None
    assert calibration_error([True, False], [1.0, 0.0]) == 0.0
    assert calibration_error([False, False], [0.95, 0.95]) == pytest.approx(0.95)


def test_score_reports() -> None:
    examples = [example("pops"), example("cops"), example("miops"), example("devmops", "no")]
    reports = [
        report({"pops": 0.7, "cops": 0.1, "miops": 0.1, "devmops": 0.1}, 0.9),
        report({"pops": 0.1, "cops": 0.1, "miops": 0.7, "devmops": 0.1}, 0.8),
        report({"pops": 0.1, "cops": 0.1, "miops": 0.7, "devmops": 0.1}, 0.6),
        report({"pops": 0.1, "cops": 0.1, "miops": 0.1, "devmops": 0.7}, 0.3),
    ]
    m = score_reports(examples, reports)
    assert m["mops_postings"] == 3
    assert m["primary_accuracy"] == pytest.approx(2 / 3)
    assert m["confusion"]["cops"]["miops"] == 1
    assert m["per_pillar"]["miops"]["precision"] == 0.5
    assert m["share_mae"] == pytest.approx((0 + 0.3 + 0) / 3)
    assert m["is_mops_auroc"] == 1.0
    assert [e["truth"] for e in m["errors"]] == ["cops"]
    low, high = m["primary_accuracy_95ci"]
    assert 0.0 <= low < 2 / 3 < high <= 1.0
    assert m["share_mae_95ci"][0] < m["share_mae"] < m["share_mae_95ci"][1]


def test_bootstrap_interval() -> None:
    assert interval([1.0] * 20) == [1.0, 1.0]  # every draw is the same
    assert interval([]) is None
    hits = [1.0] * 57 + [0.0] * 7  # 57 of 64, as on the real postings
    low, high = interval(hits)
    assert 0.79 < low < 0.84 and 0.94 < high < 0.98  # about +-1.96 * sqrt(p(1-p)/n)
    assert interval(hits) == [low, high]  # the seed is fixed
    assert interval(hits * 4)[1] - interval(hits * 4)[0] < (high - low) * 0.6  # more data, less


def test_read_external(tmp_path: Path) -> None:
    good = {
        "id": "a",
        "title": "T",
        "description": "text",
        "labels": {
            "mops": "yes",
            "primary": "pops",
            "shares": {"pops": 0.5, "cops": 0.5, "miops": 0, "devmops": 0},
        },
    }
    path = tmp_path / "ext.jsonl"
    path.write_text(json.dumps(good) + "\n\n", encoding="utf-8")
    assert read_external(path)[0].shares["pops"] == 0.5
    path.write_text(json.dumps(good) + '\n{"id": 1}\n', encoding="utf-8")
    with pytest.raises(ExternalDataError, match=":2: not a labeled posting"):
        read_external(path)
