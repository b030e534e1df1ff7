"""A model is a directory: ``model.skops`` (safe to load: no arbitrary pickle), ``meta.json``
(versions, label set, training-data hash, sha256 of every file, metrics) and ``MODEL_CARD.md``.

Which model: ``--model DIR``, else ``$JDPILLARS_MODEL``, else the one shipped in the package.
"""

from __future__ import annotations

import hashlib
import json
import os
import warnings
import zipfile
from dataclasses import dataclass
from importlib import resources
from importlib.metadata import version
from pathlib import Path
from typing import Any

MODEL_FILE = "model.skops"
META_FILE = "meta.json"
CARD_FILE = "MODEL_CARD.md"
ENV_VAR = "JDPILLARS_MODEL"
# Types a model file may contain; anything else is refused before it is loaded.
TRUSTED_PREFIXES = ("jdpillars.", "sklearn.", "numpy.", "scipy.", "builtins.")


class ModelError(Exception):
    """A model directory that cannot be used; the message says which and why."""


@dataclass(frozen=True)
class ModelDir:
    path: Path
    meta: dict[str, Any]

    @property
    def name(self) -> str:
        return f"{self.meta.get('name', 'jdpillars')}-{self.meta.get('version', '?')}"


def default_path() -> Path:
    return Path(str(resources.files("jdpillars.models").joinpath("default")))


def resolve(explicit: Path | None = None) -> Path:
    if explicit is not None:
        return explicit
    env = os.environ.get(ENV_VAR)
    return Path(env) if env else default_path()


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def read_meta(path: Path) -> ModelDir:
    """Read and verify a model directory: every listed file present with its sha256."""
    if not path.is_dir():
        raise ModelError(f"model directory not found: {path}")
    try:
        meta = json.loads((path / META_FILE).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ModelError(f"{path}: no {META_FILE}; not a jdpillars model") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise ModelError(f"{path / META_FILE}: not valid JSON ({exc})") from None
    files = meta.get("files") or {}
    if MODEL_FILE not in files:
        raise ModelError(f"{path / META_FILE}: lists no sha256 for {MODEL_FILE}")
    for name, expected in files.items():
        target = path / name
        if not target.is_file():
            raise ModelError(f"{target}: listed in {META_FILE} but missing")
        if sha256(target) != expected:
            raise ModelError(f"{target}: sha256 does not match {META_FILE}; refusing to load it")
    return ModelDir(path, meta)


def _check_versions(meta: dict[str, Any]) -> None:
    for name in ("scikit-learn", "spacy"):
        have = version(name)
        want = meta.get("versions", {}).get(name)
        if want and want.split(".")[:2] != have.split(".")[:2]:
            warnings.warn(f"model was trained with {name} {want}, running {have}", stacklevel=3)


def load_model(path: Path) -> tuple[Any, ModelDir]:
    """The fitted ``PillarModel`` and its verified directory."""
    import skops.io as sio

    model_dir = read_meta(path)
    _check_versions(model_dir.meta)
    file = path / MODEL_FILE
    untrusted = sio.get_untrusted_types(file=file)
    refused = [t for t in untrusted if not t.startswith(TRUSTED_PREFIXES)]
    if refused:
        raise ModelError(f"{file}: contains types jdpillars does not trust: {', '.join(refused)}")
    return sio.load(file, trusted=untrusted), model_dir


def save_model(model: Any, path: Path, meta: dict[str, Any], card: str) -> ModelDir:
    """Write the model file, then the card, then ``meta.json`` with every file's sha256."""
    import skops.io as sio

    import jdpillars

    path.mkdir(parents=True, exist_ok=True)
    sio.dump(model, path / MODEL_FILE, compression=zipfile.ZIP_DEFLATED, compresslevel=6)
    (path / CARD_FILE).write_text(card, encoding="utf-8")
    full = {
        **meta,
        "versions": {
            "jdpillars": jdpillars.__version__,
            "scikit-learn": version("scikit-learn"),
            "spacy": version("spacy"),
            "skops": version("skops"),
        },
        "files": {name: sha256(path / name) for name in (MODEL_FILE, CARD_FILE)},
    }
    (path / META_FILE).write_text(json.dumps(full, indent=2, sort_keys=True) + "\n", "utf-8")
    return ModelDir(path, full)
