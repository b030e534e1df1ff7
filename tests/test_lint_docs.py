"""The lint docs cannot drift: the README's rules table, its draft-to-clean workflow, the
pre-commit hook and --explain agree with the rules and lint.json."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from jdpillars.lint import catalogue, lint_drafts
from jdpillars.lint.explain import explain
from jdpillars.lint.registry import RULES
from lint_fakes import draft, settings

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def lint_section() -> str:
    start = README.index("### lint")
    return README[start : README.index("\n### ", start + 1)]


def test_every_rule_is_implemented_documented_and_explained() -> None:
    assert set(RULES) == set(catalogue.rules())
    rows = {
        m.group(1): m.group(0) for m in re.finditer(r"^\| (JDP\d{3}) \|.*$", lint_section(), re.M)
    }
    assert set(rows) == set(RULES)
    for rid, doc in catalogue.rules().items():
        assert f"| {doc.name} |" in rows[rid]
        for name in doc.thresholds:
            value = catalogue.thresholds()[name].value
            assert name == "mops_min" or f"`{name}` {value}" in rows[rid], (rid, name)
        text = explain(rid, settings())
        assert text.startswith(f"{rid} {doc.name} ({doc.severity.value})")
        assert "{" not in text and doc.why in text
        for name in doc.thresholds:
            assert re.search(rf"^  {name} +=", text, re.M)


def test_readme_workflow_from_draft_to_clean(classifier) -> None:  # type: ignore[no-untyped-def]
    before, after = lint_drafts(
        [draft("readme-before.md"), draft("readme-after.md")],
        classifier,
        settings(target_pillar=None),
    )
    assert {f.rule for f in before.findings} == {"JDP101", "JDP107"}
    assert "$ jdpillars lint tests/drafts/readme-before.md" in lint_section()
    on_target = lint_drafts([draft("readme-after.md")], classifier, settings(target_pillar="pops"))[
        0
    ]
    assert after.findings == () and on_target.findings == ()
    assert "--target-pillar pops" in lint_section()


def test_pre_commit_hook_and_snippet() -> None:
    yaml = pytest.importorskip("yaml")
    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["entry"] == "jdpillars lint" and hook["language"] == "python"
    assert hook["require_serial"] is True
    assert set(hook["types_or"]) == {"markdown", "plain-text"}
    snippet = re.search(r"```yaml\n(repos:.*?)```", lint_section(), re.S)
    assert snippet is not None
    (repo,) = yaml.safe_load(snippet.group(1))["repos"]
    assert [h["id"] for h in repo["hooks"]] == [hook["id"]]


def test_readme_config_example_is_valid(tmp_path: Path) -> None:
    from jdpillars.lint.settings import read_config

    example = re.search(r"```toml\n(.*?)```", lint_section(), re.S)
    assert example is not None
    path = tmp_path / "pyproject.toml"
    path.write_text(example.group(1), encoding="utf-8")
    layer = read_config(path)
    assert layer.ignore == ("JDP107",) and layer.target_pillar == "pops"
    assert layer.thresholds == {"sprawl_share": 0.25, "min_duties": 5}
