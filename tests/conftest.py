"""Shared fixtures: a colourless, fixed-width terminal; the shipped model loaded once."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data" / "labeled_jds"
EXAMPLES = ROOT / "examples"
SHARED_EVAL = ROOT.parent / "shared" / "eval" / "real_dev.jsonl"


@pytest.fixture(autouse=True)
def plain_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TERM", "dumb")
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.delenv("JDPILLARS_MODEL", raising=False)


@pytest.fixture(scope="session")
def classifier():  # type: ignore[no-untyped-def]
    from jdpillars.classifier import Classifier

    return Classifier()


@pytest.fixture()
def runner() -> Iterator[object]:
    from typer.testing import CliRunner

    yield CliRunner()
