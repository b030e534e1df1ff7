"""Docs cannot drift: every command has help text and appears in the README; the README's first
screen shows the two commands that set up and run the tool and its tests."""

from __future__ import annotations

import typer

from conftest import ROOT
from jdpillars.cli import app

README = (ROOT / "README.md").read_text(encoding="utf-8")


def _commands(group: typer.Typer, prefix: str = "") -> list[tuple[str, object]]:
    found: list[tuple[str, object]] = []
    for info in group.registered_commands:
        name = info.name or (info.callback.__name__ if info.callback else "")
        found.append((prefix + name, info.callback))
    for sub in group.registered_groups:
        assert sub.typer_instance is not None and sub.name
        found += _commands(sub.typer_instance, f"{prefix}{sub.name} ")
    return found


def test_every_command_has_help_and_a_readme_section(runner) -> None:  # type: ignore[no-untyped-def]
    commands = _commands(app)
    assert {"classify", "batch", "lint", "train", "evaluate", "data check"} <= {
        name for name, _ in commands
    }
    for name, callback in commands:
        assert callback is not None and (callback.__doc__ or "").strip(), f"{name} has no help"
        result = runner.invoke(app, [*name.split(), "--help"])
        assert result.exit_code == 0, name
        assert f"jdpillars {name}" in README, f"README never shows `jdpillars {name}`"


def test_first_screen_shows_run_and_test() -> None:
    first_screen = "\n".join(README.splitlines()[:25])
    assert "make run" in first_screen and "make test" in first_screen


def test_exit_codes_are_documented() -> None:
    for code in ("| 0 |", "| 1 |", "| 2 |"):
        assert code in README


def test_readme_sections_appear_once() -> None:
    # a scripted edit once pasted half the README in twice
    headings = [line for line in README.splitlines() if line.startswith("## ")]
    assert len(headings) == len(set(headings)), headings
    assert README.count("<!-- bench-batch:start -->") == 1
