"""The model directory: sha256 checks, refusal of tampered or foreign files, load order."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from jdpillars.cli import app
from jdpillars.modeldir import ENV_VAR, ModelError, default_path, read_meta, resolve


@pytest.fixture()
def model_copy(tmp_path: Path) -> Path:
    target = tmp_path / "model"
    shutil.copytree(default_path(), target, ignore=shutil.ignore_patterns("__pycache__"))
    return target


def test_shipped_model_verifies() -> None:
    meta = read_meta(default_path()).meta
    assert meta["labels"] == ["pops", "cops", "miops", "devmops", "none"]
    assert {"model.skops", "MODEL_CARD.md"} <= set(meta["files"])
    assert "corpus test split" in meta["metrics"]


def test_tampered_model_file_is_refused(model_copy: Path) -> None:
    blob = model_copy / "model.skops"
    data = bytearray(blob.read_bytes())
    data[len(data) // 2] ^= 0xFF
    blob.write_bytes(bytes(data))
    with pytest.raises(ModelError, match="sha256 does not match"):
        read_meta(model_copy)


def test_tampered_model_is_a_one_line_usage_error(
    runner,
    model_copy: Path,  # type: ignore[no-untyped-def]
    tmp_path: Path,
) -> None:
    (model_copy / "MODEL_CARD.md").write_text("changed\n", encoding="utf-8")
    posting = tmp_path / "p.txt"
    posting.write_text("Build emails in Marketo and run webinars.\n", encoding="utf-8")
    result = runner.invoke(app, ["classify", str(posting), "--model", str(model_copy)])
    assert result.exit_code == 2
    assert "sha256 does not match" in result.stderr
    assert result.stderr.strip().count("\n") == 0
    assert "Traceback" not in result.stderr


def test_missing_or_broken_meta(model_copy: Path, tmp_path: Path) -> None:
    with pytest.raises(ModelError, match="not found"):
        read_meta(tmp_path / "nowhere")
    (model_copy / "meta.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(ModelError, match="not valid JSON"):
        read_meta(model_copy)
    (model_copy / "meta.json").write_text(json.dumps({"files": {}}), encoding="utf-8")
    with pytest.raises(ModelError, match="lists no sha256"):
        read_meta(model_copy)


def test_load_order(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    assert resolve(None) == default_path()
    monkeypatch.setenv(ENV_VAR, str(tmp_path))
    assert resolve(None) == tmp_path
    assert resolve(tmp_path / "explicit") == tmp_path / "explicit"
