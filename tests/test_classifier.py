"""The shipped model on postings it never saw: Report invariants, traps, bad input."""

from __future__ import annotations

import json

import pytest

from conftest import DATA, SHARED_EVAL
from jdpillars.classifier import Job
from jdpillars.corpus import load, load_split
from jdpillars.definitions import PILLARS


def check_report(report) -> None:  # type: ignore[no-untyped-def]
    assert report.error is None
    assert abs(sum(report.shares.values()) - 1) < 1e-6
    assert 0.0 <= report.is_mops <= 1.0
    if report.primary is not None:
        assert report.shares[report.primary] == max(report.shares.values())
    for pillar in PILLARS:
        for ev in report.pillars[pillar].evidence:
            assert report.text[ev.start : ev.end] == ev.text
            assert ev.weight > 0


@pytest.fixture(scope="module")
def test_split():  # type: ignore[no-untyped-def]
    split = load_split(DATA)
    return [p for p in load(DATA) if split[p.id] == "test"]


def test_test_split_reports_are_valid(classifier, test_split) -> None:  # type: ignore[no-untyped-def]
    reports = list(classifier.classify_many([Job(p.text, p.title, p.id) for p in test_split]))
    assert [r.id for r in reports] == [p.id for p in test_split]
    for report in reports:
        check_report(report)
    ops = [(p, r) for p, r in zip(test_split, reports, strict=True) if p.mops != "no"]
    accuracy = sum(p.primary == r.primary for p, r in ops) / len(ops)
    assert accuracy >= 0.8


@pytest.mark.parametrize("group", ["trap-devops", "trap-sales-ops", "trap-sfdc-admin"])
def test_engineering_and_sales_traps_are_not_marketing_ops(  # type: ignore[no-untyped-def]
    classifier, test_split, group: str
) -> None:
    traps = [p for p in test_split if p.group == group]
    assert traps, f"the test split has no {group} posting"
    for posting in traps:
        report = classifier.classify(posting.text, title=posting.title)
        assert report.is_mops < 0.5, (posting.id, report.is_mops)


def test_unusable_text_gives_an_error_report(classifier) -> None:  # type: ignore[no-untyped-def]
    reports = list(
        classifier.classify_many(
            [Job(""), Job("   \n\t"), Job("abc\x00def"), Job("12345 -- !!"), Job("Build emails.")]
        )
    )
    assert [r.error for r in reports[:4]] == [
        "empty text",
        "empty text",
        "binary content (NUL bytes)",
        "no words in the text",
    ]
    assert reports[4].error is None
    assert all(r.primary is None and r.is_mops == 0.0 for r in reports[:4])


@pytest.mark.skipif(not SHARED_EVAL.is_file(), reason="../shared/eval is not beside the project")
def test_real_postings_give_valid_reports(classifier) -> None:  # type: ignore[no-untyped-def]
    rows = [json.loads(line) for line in SHARED_EVAL.read_text(encoding="utf-8").splitlines()]
    jobs = [Job(r["description"], r["title"], r["id"]) for r in rows]
    for report in classifier.classify_many(jobs):
        check_report(report)
        has_evidence = any(report.pillars[p].evidence for p in PILLARS)
        assert (report.primary is None) == (not has_evidence)
