"""The corpus stays consistent with the blind review the data card reports."""

from __future__ import annotations

from conftest import DATA
from jdpillars.corpus import load
from jdpillars.review import REVIEW_FILE, agreement, read_reviews


def test_blind_review_agreement_holds() -> None:
    result = agreement(load(DATA), read_reviews(DATA / REVIEW_FILE))
    assert result["postings"] >= 60
    assert result["line_agreement"] >= 0.95
    assert result["line_kappa"] >= 0.9
    assert result["primary_agreement"] >= 0.95
    assert result["share_mae"] <= 0.05
