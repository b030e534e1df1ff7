"""`jdpillars data check`: deliberate faults yield exactly the expected problems."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from conftest import DATA
from jdpillars.cli import app
from jdpillars.corpuscheck import check

GOOD = ["w1-001", "w2-001", "w3-001", "w4-001"]


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    for pid in GOOD:
        shutil.copy(DATA / "postings" / f"{pid}.jd", tmp_path / f"{pid}.jd")
    split = {"train": GOOD[:3], "test": GOOD[3:]}
    (tmp_path / "split.json").write_text(json.dumps(split), encoding="utf-8")
    return tmp_path


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_clean_copy_has_no_problems(corpus: Path) -> None:
    result = check(corpus)
    assert result["problems"] == []
    assert result["postings"] == 4


def test_deliberate_faults_give_exactly_the_expected_problems(corpus: Path) -> None:
    first, second, third, fourth = (corpus / f"{pid}.jd" for pid in GOOD)
    _edit(first, "mops: yes", "mops: maybe")
    text = second.read_text(encoding="utf-8")
    shares_line = next(line for line in text.splitlines() if line.startswith("shares:"))
    _edit(second, shares_line, "shares: pops=0.5 cops=0.5 miops=0.5 devmops=0.0")
    lines = third.read_text(encoding="utf-8").splitlines()
    body = lines.index("---") + 2
    lines[body] = "unlabelled text here"
    third.write_text("\n".join(lines) + "\n", encoding="utf-8")
    _edit(fourth, "id: w4-001", "id: w1-001")
    shutil.copy(DATA / "postings" / "w5-001.jd", corpus / "w5-001.jd")  # in no split

    problems = {(p["id"], p["problem"].split(" (")[0]) for p in check(corpus)["problems"]}
    assert problems == {
        ("w1-001", "mops 'maybe' is not one of yes, borderline, no"),
        ("w2-001", "shares sum to 1.500, not 1"),
        ("w3-001", f"line {body + 1}: unlabeled line"),
        ("w1-001", "duplicate id"),
        ("w1-001", "id 'w1-001' differs from the file name"),
        ("w5-001", "posting is in no split"),
        # the split still names the unreadable file and the renamed id
        ("w3-001", "split names an unknown id"),
        ("w4-001", "split names an unknown id"),
    }


def test_primary_must_be_the_largest_share(corpus: Path) -> None:
    path = corpus / "w3-001.jd"
    primary = next(line for line in path.read_text().splitlines() if line.startswith("primary:"))
    other = "pops" if "miops" in primary else "miops"
    _edit(path, primary, f"primary: {other}")
    assert [p["problem"] for p in check(corpus)["problems"]] == [
        f"primary {other} is not the largest share"
    ]


def test_missing_split_is_a_problem(corpus: Path) -> None:
    (corpus / "split.json").unlink()
    assert [p["problem"] for p in check(corpus)["problems"]] == ["split file is missing"]


def test_duplicate_pillar_lines_are_counted(corpus: Path) -> None:
    shutil.copy(corpus / "w1-001.jd", corpus / "w1-999.jd")
    _edit(corpus / "w1-999.jd", "id: w1-001", "id: w1-999")
    result = check(corpus)
    assert result["duplicate_line_share"] > 0.3
    assert any("duplicated pillar lines" in p["problem"] for p in result["problems"])


def test_cli_json_exit_codes(runner, corpus: Path) -> None:  # type: ignore[no-untyped-def]
    ok = runner.invoke(app, ["data", "check", str(corpus), "--format", "json"])
    assert ok.exit_code == 0
    data = json.loads(ok.stdout)
    assert set(data) >= {
        "postings",
        "lines",
        "out_of_scope",
        "by_primary",
        "by_group",
        "by_style",
        "duplicate_line_share",
        "problems",
    }
    _edit(corpus / "w1-001.jd", "mops: yes", "mops: maybe")
    assert runner.invoke(app, ["data", "check", str(corpus)]).exit_code == 1
    missing = runner.invoke(app, ["data", "check", str(corpus / "nope")])
    assert missing.exit_code == 2
    assert missing.stderr.strip().count("\n") == 0 and "no such directory" in missing.stderr


def test_the_shipped_corpus_meets_the_brief() -> None:
    result = check(DATA)
    assert result["problems"] == []
    assert result["postings"] >= 320 and result["lines"] >= 8000
    assert result["out_of_scope"] >= 100
    assert sum(result["by_primary"].values()) >= 220
    assert min(result["by_primary"].values()) >= 35
    assert result["duplicate_line_share"] < 0.05
    assert result["by_split"]["test"] >= 0.2 * result["postings"]
