"""The four lint formats over hand-made results (no model): text, JSON, GitHub annotations and
SARIF 2.1.0, with golden files that `make fixtures` regenerates on purpose."""

from __future__ import annotations

import io
import json
import os
import re
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console

from jdpillars.lint import FileResult, catalogue
from jdpillars.lint.draft import Draft
from jdpillars.lint.format_github import render_github
from jdpillars.lint.format_json import render_json
from jdpillars.lint.format_sarif import render_sarif, uri
from jdpillars.lint.format_text import render_text
from jdpillars.lint.registry import check
from jdpillars.lint.summary import exit_code, summary
from lint_fakes import fake_report, settings

GOLDEN = Path(__file__).resolve().parent / "golden" / "lint"

UNICORN = """# Marketo Administrator [Remote]

We want a rockstar who can wear many hats and set our strategy and architecture.

## Responsibilities
- Administer the Marketo instance and its user roles
- Build email campaigns and landing pages
- QA every email before launch
- Set up webinar programs
- Build dashboards on funnel conversion

## Requirements
- 2+ years with Marketo and Tableau
"""
FOCUSED = """# Campaign Operations Specialist

## Responsibilities
- Build email campaigns in HubSpot
- QA every email in HubSpot before launch
- Set up webinar programs
- Keep the suppression lists current
"""


def results() -> list[FileResult]:
    unicorn = Draft("postings/unicorn.md", UNICORN)
    report = fake_report(
        UNICORN,
        {"pops": 0.2, "cops": 0.45, "miops": 0.3, "devmops": 0.05},
        is_mops=0.97,
        evidence={
            "pops": ["Administer the Marketo instance and its user roles"],
            "cops": [
                "Build email campaigns and landing pages",
                "QA every email before launch",
                "Set up webinar programs",
            ],
            "miops": ["Build dashboards on funnel conversion"],
        },
    )
    focused = Draft("postings/campaign ops.md", FOCUSED)
    clean = fake_report(FOCUSED, {"cops": 0.9, "pops": 0.04, "miops": 0.03, "devmops": 0.03})
    return [
        FileResult(unicorn.file, check(unicorn, report, settings()), report),
        FileResult(focused.file, check(focused, clean, settings()), clean),
        FileResult("postings/missing.md", error="no such file"),
    ]


def plain(lines: list[Any]) -> str:
    out = io.StringIO()
    console = Console(file=out, width=100, no_color=True, force_terminal=False)
    for line in lines:
        console.print(line, soft_wrap=True)
    return out.getvalue()


def golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("JDPILLARS_REGENERATE"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8"), f"regenerate with make fixtures: {name}"


def test_the_sample_has_what_the_formats_need() -> None:
    res = results()
    assert {f.rule for f in res[0].findings} == {
        "JDP101",
        "JDP102",
        "JDP104",
        "JDP106",
        "JDP107",
    }
    assert res[1].findings == ()
    assert summary(res) == {
        "files": 3,
        "clean": 1,
        "with_findings": 1,
        "errors": 1,
        "findings": len(res[0].findings),
        "by_rule": {"JDP101": 1, "JDP102": 1, "JDP104": 1, "JDP106": 1, "JDP107": 2},
    }


@pytest.mark.parametrize(
    ("res", "code"), [([], 0), ("clean", 0), ("findings", 1), ("error", 2), ("all", 2)]
)
def test_exit_code(res: str | list[FileResult], code: int) -> None:
    r = results()
    pick = {"clean": [r[1]], "findings": [r[0], r[1]], "error": [r[2]], "all": r}
    assert exit_code(res if isinstance(res, list) else pick[res]) == code


def test_text_lines_group_per_file_then_summary() -> None:
    out = plain(render_text(results())).splitlines()
    first = [i for i, line in enumerate(out) if line.startswith("postings/unicorn.md:")]
    second = [i for i, line in enumerate(out) if line.startswith("postings/campaign ops.md:")]
    assert first and second and max(first) < min(second)  # grouped per file, in order
    heads = [line for line in out if re.match(r"^postings/unicorn\.md:\d+:\d+: JDP1\d\d ", line)]
    assert len(heads) == 6
    assert all(line.startswith("    fix: ") for line in (out[out.index(h) + 1] for h in heads))
    assert '"Marketo Administrator [Remote]"' in out[out.index(heads[0])]  # no markup eaten
    breakdown = [line for line in out if line.startswith("postings/unicorn.md: ")]
    assert len(breakdown) == 1
    assert re.search(
        r"COPS 45% · MIOPS 30% · POPS 20% · DevMOPS 5% \| marketing ops: very "
        r"likely \(0\.97\) \| 6 findings$",
        breakdown[0],
    )
    assert "postings/campaign ops.md: COPS 90%" in out[-3] and out[-3].endswith("| clean")
    assert out[-1] == (
        "Found 6 findings in 1 of 3 files (JDP101 ×1, JDP102 ×1, JDP104 ×1, "
        "JDP106 ×1, JDP107 ×2); 1 file could not be linted."
    )


def test_text_summary_when_clean() -> None:
    assert plain(render_text([results()[1]])).splitlines()[-1] == "No findings in 1 file."


def test_json_has_every_field_and_the_reports() -> None:
    data = json.loads(render_json(results()))
    assert set(data) == {"findings", "files", "summary"}
    assert len(data["findings"]) == 6
    fields = {
        "rule",
        "name",
        "severity",
        "message",
        "why",
        "fix",
        "file",
        "line",
        "column",
        "end_line",
        "end_column",
        "start",
        "end",
    }
    assert all(set(f) == fields for f in data["findings"])
    first = data["findings"][0]
    assert UNICORN[first["start"] : first["end"]] == "Marketo Administrator [Remote]"
    assert [f["file"] for f in data["files"]] == [
        "postings/unicorn.md",
        "postings/campaign ops.md",
        "postings/missing.md",
    ]
    report = data["files"][0]["report"]
    assert report["primary"] == "cops" and set(report["pillars"]) == {
        "pops",
        "cops",
        "miops",
        "devmops",
    }
    assert report["text"] == UNICORN
    assert data["files"][2] == {
        "file": "postings/missing.md",
        "error": "no such file",
        "findings": 0,
        "report": None,
    }


def test_github_annotations() -> None:
    lines = render_github(results()).splitlines()
    pattern = re.compile(
        r"^::(error|warning|notice) file=postings/unicorn\.md,line=\d+,col=\d+,"
        r"endLine=\d+,endColumn=\d+,title=JDP1\d\d [a-z-]+::JDP1\d\d .+$"
    )
    assert sum(bool(pattern.match(line)) for line in lines) == 6
    assert (
        lines[-1] == "::error file=postings/missing.md,title=jdpillars::"
        "postings/missing.md: no such file"
    )


def test_github_escapes_properties_and_data() -> None:
    res = results()[0]
    f = res.findings[0]
    odd = FileResult(
        "a,b:c.md", (type(f)(**{**f.__dict__, "file": "a,b:c.md", "message": "50% off\nnow"}),)
    )
    (line,) = render_github([odd]).splitlines()
    assert "file=a%2Cb%3Ac.md," in line
    assert line.endswith("JDP102 50%25 off%0Anow. Fix: " + f.fix)


# SARIF 2.1.0: the properties the schema requires of each object we write.
REQUIRED = {
    "log": {"version", "runs"},
    "run": {"tool"},
    "tool": {"driver"},
    "driver": {"name"},
    "rule": {"id"},
    "result": {"message"},
    "message": {"text"},
    "invocation": {"executionSuccessful"},
    "notification": {"message"},
    "physical": {"artifactLocation"},
    "region": {"startLine"},
}


def test_sarif_has_the_required_structure() -> None:
    log = json.loads(render_sarif(results()))
    assert REQUIRED["log"] <= set(log) and log["version"] == "2.1.0"
    assert log["$schema"].endswith("sarif-2.1.0.json")
    (run,) = log["runs"]
    assert REQUIRED["run"] <= set(run) and REQUIRED["tool"] <= set(run["tool"])
    driver = run["tool"]["driver"]
    assert REQUIRED["driver"] <= set(driver) and driver["name"] == "jdpillars"
    ids = [r["id"] for r in driver["rules"]]
    assert ids == list(catalogue.rules())
    for rule in driver["rules"]:
        assert rule["shortDescription"]["text"] and rule["help"]["text"]
        assert rule["defaultConfiguration"]["level"] in {"error", "warning", "note"}
    assert len(run["results"]) == 6
    for result in run["results"]:
        assert REQUIRED["result"] <= set(result) and result["message"]["text"]
        assert ids[result["ruleIndex"]] == result["ruleId"]
        assert result["level"] in {"error", "warning", "note"}
        (loc,) = result["locations"]
        physical = loc["physicalLocation"]
        assert REQUIRED["physical"] <= set(physical)
        assert physical["artifactLocation"]["uri"] == "postings/unicorn.md"
        region = physical["region"]
        assert region["startLine"] >= 1 and region["startColumn"] >= 1
        assert (region["endLine"], region["endColumn"]) >= (
            region["startLine"],
            region["startColumn"],
        )
    (invocation,) = run["invocations"]
    assert invocation["executionSuccessful"] is False
    (note,) = invocation["toolExecutionNotifications"]
    assert REQUIRED["notification"] <= set(note) and "missing.md" in note["message"]["text"]


def test_sarif_uris() -> None:
    assert uri("postings/campaign ops.md") == "postings/campaign%20ops.md"
    assert uri("/srv/jobs/a.md") == "file:///srv/jobs/a.md"


@pytest.mark.parametrize("fmt", ["text", "json", "github", "sarif"])
def test_golden_lint_format(fmt: str) -> None:
    res = results()
    rendered = {
        "text": lambda: plain(render_text(res)),
        "json": lambda: render_json(res),
        "github": lambda: render_github(res),
        "sarif": lambda: render_sarif(res),
    }
    golden(f"sample.{fmt}", rendered[fmt]().rstrip("\n") + "\n")
