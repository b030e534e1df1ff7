"""Lint settings: rule selection, thresholds, [tool.jdpillars.lint] discovery, --config and the
order in which they win."""

from __future__ import annotations

from pathlib import Path

import pytest

from jdpillars.lint import catalogue
from jdpillars.lint.settings import (
    ConfigError,
    Layer,
    codes,
    find_config,
    load,
    read_config,
    resolve,
)

ALL = set(catalogue.rules())


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_defaults_enable_every_rule_with_the_data_file_thresholds() -> None:
    s = resolve([])
    assert s.rules == ALL
    assert s.thresholds == catalogue.default_thresholds()
    assert s.target_pillar is None


def test_codes_take_prefixes_commas_and_all() -> None:
    assert codes(["jdp101,JDP107", " JDP10 "], "x") == ("JDP101", "JDP107", "JDP10")
    assert resolve([Layer("x", select=codes(["JDP10"], "x"))]).rules == {
        r for r in ALL if r.startswith("JDP10")
    }
    assert resolve([Layer("x", select=("ALL",), ignore=("JDP1",))]).rules == set()
    with pytest.raises(ConfigError, match="JDP999"):
        codes(["JDP101,JDP999"], "--select")


def test_a_later_select_starts_over_and_a_later_ignore_removes() -> None:
    config = Layer("config", ignore=("JDP107",), thresholds={"min_duties": 6})
    assert "JDP107" not in resolve([config]).rules
    assert resolve([config, Layer("cli", select=("JDP107",))]).rules == {"JDP107"}
    only = Layer("config", select=("JDP101",))
    assert resolve([only, Layer("cli", ignore=("JDP101",))]).rules == set()
    assert resolve([config, Layer("cli", thresholds={"min_duties": 2})]).value("min_duties") == 2
    assert resolve([config, Layer("cli")]).value("min_duties") == 6


def test_nearest_pyproject_with_the_table_wins(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", '[tool.jdpillars.lint]\nignore = ["JDP107"]\n')
    write(tmp_path / "team" / "pyproject.toml", '[project]\nname = "postings"\n')
    deep = tmp_path / "team" / "drafts"
    deep.mkdir()
    assert find_config(deep) == (tmp_path / "pyproject.toml").resolve()
    write(tmp_path / "team" / "pyproject.toml", '[tool.jdpillars.lint]\nselect = ["JDP101"]\n')
    assert find_config(deep) == (tmp_path / "team" / "pyproject.toml").resolve()
    assert load(None, deep, Layer("cli")).rules == {"JDP101"}


def test_explicit_config_replaces_discovery_and_flags_win(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", '[tool.jdpillars.lint]\nselect = ["JDP101"]\n')
    other = write(
        tmp_path / "lint.toml",
        'select = ["JDP107", "JDP104"]\ntarget-pillar = "POPS"\n[thresholds]\nexpert-tools = 6\n',
    )
    s = load(other, tmp_path, Layer("cli"))
    assert s.rules == {"JDP104", "JDP107"}
    assert s.target_pillar == "pops"
    assert s.value("expert_tools") == 6
    flagged = load(other, tmp_path, Layer("cli", ignore=("JDP104",), target_pillar="cops"))
    assert flagged.rules == {"JDP107"}
    assert flagged.target_pillar == "cops"


def test_pyproject_given_with_config_reads_its_tool_table(tmp_path: Path) -> None:
    path = write(
        tmp_path / "pyproject.toml",
        '[tool.jdpillars.lint]\ntarget_pillar = "Campaign Ops"\n'
        "[tool.jdpillars.lint.thresholds]\nsprawl_share = 0.3\n",
    )
    layer = read_config(path)
    assert layer.target_pillar == "cops"
    assert layer.thresholds == {"sprawl_share": 0.3}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[project]\nname = 'x'\n[tool.black]\n", "no [tool.jdpillars.lint] table"),
        ("tool = 'x'\n", "no [tool.jdpillars.lint] table"),
        ("[tool]\njdpillars = 3\n", "no [tool.jdpillars.lint] table"),
        ("[tool.jdpillars]\nlint = 3\n", "must be a table"),
        ("select = [\n", "not valid TOML"),
        ("colour = 'red'\n", "unknown key 'colour'"),
        ("select = 'JDP999'\n", "unknown rule code 'JDP999'"),
        ("select = 3\n", "must be a list of rule codes"),
        ("target-pillar = 'seo'\n", "unknown pillar 'seo'"),
        ("[thresholds]\nsprawl_shares = 0.3\n", "unknown threshold 'sprawl_shares'"),
        ("[thresholds]\nsprawl_share = 'high'\n", "must be a number"),
        ("[thresholds]\nmin_duties = 2.5\n", "must be a whole number"),
        ("[thresholds]\nmin_duties = -1\n", "must not be negative"),
        ("thresholds = 3\n", "must be a table"),
    ],
)
def test_bad_config_is_one_clear_error(tmp_path: Path, text: str, message: str) -> None:
    path = write(tmp_path / "bad.toml", text)
    with pytest.raises(ConfigError, match=message.replace("[", r"\[").replace("]", r"\]")):
        read_config(path)


def test_missing_config_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="no such config file"):
        read_config(tmp_path / "nope.toml")
