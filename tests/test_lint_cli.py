"""``jdpillars lint`` end to end through the CLI: exit codes 0/1/2, formats, select/ignore,
configuration precedence, --explain and bad input. The model is the session fixture's."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import jdpillars.cli.lint as lint_cli
from jdpillars.cli import app
from lint_fakes import DRAFTS

CLEAN = [str(DRAFTS / f"clean-{p}.md") for p in ("pops", "cops", "miops", "devmops")]
HYPE = str(DRAFTS / "jdp107-hype.md")


@pytest.fixture()
def lint(runner, classifier, monkeypatch, tmp_path):  # type: ignore[no-untyped-def]
    """Run ``jdpillars lint ARGS`` in an empty folder (no pyproject.toml above it to find)."""
    monkeypatch.setattr(lint_cli, "load_classifier", lambda model: classifier)
    monkeypatch.chdir(tmp_path)

    def run(*args: str):  # type: ignore[no-untyped-def]
        return runner.invoke(app, ["lint", *args])

    return run


def lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.strip()]


def test_clean_drafts_exit_0(lint) -> None:  # type: ignore[no-untyped-def]
    result = lint(*CLEAN)
    assert result.exit_code == 0, result.output
    assert lines(result.stdout)[-1] == "No findings in 4 files."
    assert result.stderr == ""


def test_findings_exit_1_one_line_each(lint) -> None:  # type: ignore[no-untyped-def]
    result = lint(HYPE)
    assert result.exit_code == 1
    heads = [line for line in lines(result.stdout) if line.startswith(f"{HYPE}:")]
    assert [h.split(": ", 1)[1].split()[0] for h in heads if h.count(":") >= 3] == ["JDP107"] * 4
    assert lines(result.stdout)[-1].startswith("Found 4 findings in 1 of 1 file")


@pytest.mark.parametrize(
    ("setup", "message"),
    [
        ("missing", "no such file"),
        ("empty", "empty file"),
        ("binary", "binary content"),
        ("wordless", "no words in the text"),
    ],
)
def test_bad_input_exits_2_with_one_line(lint, tmp_path, setup: str, message: str) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / f"{setup}.md"
    if setup == "empty":
        path.write_text("")
    elif setup == "binary":
        path.write_bytes(b"PK\x03\x04\x00\x00binary\x00")
    elif setup == "wordless":
        path.write_text("--- 2024 ---\n* * *\n")
    result = lint(str(path), CLEAN[0])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"jdpillars: error: {path}: {message}")
    assert len(lines(result.stderr)) == 1 and "Traceback" not in result.output
    assert "could not be linted" in lines(result.stdout)[-1]  # the good file is still linted
    assert f"{CLEAN[0]}: POPS" in result.stdout


@pytest.mark.parametrize(
    "args",
    [
        [],
        ["--select", "JDP999", HYPE],
        ["--ignore", "nonsense", HYPE],
        ["--target-pillar", "seo", HYPE],
        ["--format", "xml", HYPE],
        ["--config", "nope.toml", HYPE],
        ["--explain", "JDP999"],
    ],
)
def test_usage_errors_exit_2(lint, args: list[str]) -> None:  # type: ignore[no-untyped-def]
    result = lint(*args)
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert result.stdout == ""


def test_select_and_ignore(lint) -> None:  # type: ignore[no-untyped-def]
    assert lint(HYPE, "--ignore", "JDP107").exit_code == 0
    assert lint(HYPE, "--select", "JDP101,JDP102").exit_code == 0
    assert lint(HYPE, "--select", "JDP10").exit_code == 1
    sprawl = str(DRAFTS / "jdp101-sprawl.md")
    data = json.loads(
        lint(sprawl, HYPE, "--select", "JDP101", "--select", "JDP107", "-f", "json").stdout
    )
    assert {f["rule"] for f in data["findings"]} == {"JDP101", "JDP107"}


def test_target_pillar_flag(lint) -> None:  # type: ignore[no-untyped-def]
    result = lint(CLEAN[1], "--target-pillar", "POPS")
    assert result.exit_code == 1 and " JDP108 off target" in result.stdout
    assert lint(CLEAN[1], "--target-pillar", "cops").exit_code == 0


def test_pyproject_config_and_flags_win(lint, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "pyproject.toml").write_text(
        '[tool.jdpillars.lint]\nignore = ["JDP107"]\ntarget-pillar = "pops"\n'
    )
    assert lint(HYPE, "--ignore", "JDP108").exit_code == 0  # config ignores JDP107
    result = lint(HYPE, "-f", "json")
    assert {f["rule"] for f in json.loads(result.stdout)["findings"]} == {"JDP108"}
    assert lint(HYPE, "--select", "JDP107").exit_code == 1  # the command line wins
    assert lint(HYPE, "--target-pillar", "cops", "--ignore", "JDP107").exit_code == 0


def test_config_file_replaces_pyproject(lint, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "pyproject.toml").write_text('[tool.jdpillars.lint]\nselect = ["JDP101"]\n')
    (tmp_path / "team.toml").write_text('select = ["JDP105"]\n[thresholds]\nmin_duties = 8\n')
    assert lint(CLEAN[0]).exit_code == 0
    result = lint(CLEAN[0], "--config", "team.toml")
    assert result.exit_code == 1 and "JDP105" in result.stdout and "at least 8" in result.stdout
    (tmp_path / "broken.toml").write_text("select = [")
    broken = lint(CLEAN[0], "--config", "broken.toml")
    assert broken.exit_code == 2 and "not valid TOML" in broken.stderr


@pytest.mark.parametrize("fmt", ["json", "github", "sarif"])
def test_machine_formats_on_stdout(lint, fmt: str) -> None:  # type: ignore[no-untyped-def]
    result = lint(HYPE, CLEAN[0], "--format", fmt)
    assert result.exit_code == 1
    if fmt == "github":
        annotations = lines(result.stdout)
        assert len(annotations) == 4
        assert all(a.startswith(f"::warning file={HYPE},line=") for a in annotations)
    elif fmt == "json":
        data = json.loads(result.stdout)
        assert [f["file"] for f in data["files"]] == [HYPE, CLEAN[0]]
        assert data["files"][1]["report"]["primary"] == "pops"
    else:
        log = json.loads(result.stdout)
        assert log["version"] == "2.1.0" and len(log["runs"][0]["results"]) == 4


def test_explain(lint, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    result = lint("--explain", "JDP101")
    assert result.exit_code == 0
    out = result.stdout
    assert out.startswith("JDP101 pillar-sprawl (warning)")
    assert "sprawl_share          = 0.2  " in out and "3 or more pillars" in out
    assert "{" not in out  # every threshold filled in
    (tmp_path / "pyproject.toml").write_text(
        "[tool.jdpillars.lint.thresholds]\nsprawl-share = 0.3\n"
    )
    assert "sprawl_share          = 0.3 (default 0.2)" in lint("--explain", "pillar-sprawl").stdout
    every = lint("--explain", "ALL").stdout
    assert all(f"JDP10{i} " in every for i in range(1, 9))
    assert "{" not in every


def test_unusable_model_exits_2(runner, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    result = runner.invoke(app, ["lint", HYPE, "--model", str(tmp_path / "no-model")])
    assert result.exit_code == 2
    assert result.stderr.startswith("jdpillars: error:") and "Traceback" not in result.output


def test_lint_help_imports_nothing_heavy() -> None:
    code = (
        "import sys\nfrom jdpillars.cli import app\nfrom typer.testing import CliRunner\n"
        "r = CliRunner().invoke(app, ['lint', '--help'])\nassert r.exit_code == 0, r.output\n"
        "assert '--target-pillar' in r.output and '[tool.jdpillars.lint]' in r.output\n"
        "print(sorted(m for m in ('spacy', 'sklearn', 'numpy') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
