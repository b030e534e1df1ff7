"""End to end on tiny data: train -> model directory -> classify -> evaluate."""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import DATA
from jdpillars.classifier import Classifier
from jdpillars.corpus import load
from jdpillars.modeldir import read_meta
from jdpillars.split import make_split, write_split
from jdpillars.training import Settings, train

TINY = [f"w{w}-{n:03d}" for w in (1, 2, 3, 4) for n in (1, 2, 3, 4)] + [
    "w1-052",
    "w1-053",
    "w4-041",
    "w4-042",
    "w2-042",
    "w3-040",
]


def test_train_then_classify_on_tiny_data(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    for pid in TINY:
        shutil.copy(DATA / "postings" / f"{pid}.jd", data / f"{pid}.jd")
    postings = load(data)
    write_split(data, make_split(postings, fraction=0.25))
    out = tmp_path / "model"

    meta = train(data, out, settings=Settings(folds=2))

    verified = read_meta(out).meta
    assert verified["data_hash"] == meta["data_hash"]
    assert verified["train_postings"] + verified["test_postings"] == len(TINY)
    assert "corpus test split" in verified["metrics"]
    assert (out / "MODEL_CARD.md").read_text(encoding="utf-8").startswith("# Model card")

    report = Classifier(out).classify(
        "## Responsibilities\n- Administer our Marketo instance and its Salesforce sync\n"
        "- Build nurture emails and landing pages\n",
        title="Marketing Operations Manager",
    )
    assert abs(sum(report.shares.values()) - 1) < 1e-6
    assert report.primary in {"pops", "cops", "miops", "devmops"}
    assert 0.0 <= report.is_mops <= 1.0
    for score in report.pillars.values():
        for ev in score.evidence:
            assert report.text[ev.start : ev.end] == ev.text
