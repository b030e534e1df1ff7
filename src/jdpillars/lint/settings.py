"""Which rules run, with which thresholds: the defaults of ``lint.json``, then
``[tool.jdpillars.lint]`` of the nearest ``pyproject.toml`` (or ``--config FILE``), then the
command-line flags. A later layer's ``select`` starts the selection over; its ``ignore``
removes from it (as in ruff), so the command line wins."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jdpillars.definitions import PILLARS, pillars
from jdpillars.lint import catalogue

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

TABLE = "[tool.jdpillars.lint]"
KEYS = ("select", "ignore", "target-pillar", "thresholds")


class ConfigError(Exception):
    """A configuration that cannot be used: bad TOML, unknown keys, rules or pillars."""


@dataclass(frozen=True)
class Layer:
    """One source of settings; ``None``/empty means "say nothing"."""

    source: str
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    target_pillar: str | None = None
    thresholds: Mapping[str, float] = field(default_factory=dict)


@dataclass(frozen=True)
class Settings:
    rules: frozenset[str]
    thresholds: Mapping[str, float]
    target_pillar: str | None = None
    sources: tuple[str, ...] = ()

    def enabled(self, rule: str) -> bool:
        return rule in self.rules

    def value(self, name: str) -> float:
        return self.thresholds[name]


def _matching(codes: Iterable[str]) -> set[str]:
    every = catalogue.rules()
    return {rid for rid in every for code in codes if code == "ALL" or rid.startswith(code)}


def codes(values: Iterable[str], where: str) -> tuple[str, ...]:
    """Rule codes or prefixes ("JDP101", "JDP10", "ALL"), comma-separated or not."""
    result = []
    for value in values:
        for code in (c.strip().upper() for c in value.split(",")):
            if not code:
                continue
            if not _matching([code]):
                raise ConfigError(f"unknown rule code {code!r} in {where}")
            result.append(code)
    return tuple(result)


def pillar_key(value: str, where: str) -> str:
    """``pops``/``POPS``/``Platform Ops`` -> ``pops``."""
    norm = value.strip().lower()
    for key, p in pillars().items():
        if norm in (key, p.short.lower(), p.name.lower()):
            return key
    raise ConfigError(f"unknown pillar {value!r} in {where} (one of {', '.join(PILLARS)})")


def threshold_values(table: Mapping[str, Any], where: str) -> dict[str, float]:
    known = catalogue.thresholds()
    values: dict[str, float] = {}
    for raw, value in table.items():
        name = raw.replace("-", "_")
        if name not in known:
            raise ConfigError(
                f"unknown threshold {raw!r} in {where} (one of {', '.join(sorted(known))})"
            )
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise ConfigError(f"threshold {raw!r} in {where} must be a number")
        if known[name].integral and not float(value).is_integer():
            raise ConfigError(f"threshold {raw!r} in {where} must be a whole number")
        if value < 0:
            raise ConfigError(f"threshold {raw!r} in {where} must not be negative")
        values[name] = int(value) if known[name].integral else float(value)
    return values


def _strings(value: Any, key: str, where: str) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return value
    raise ConfigError(f"{key!r} in {where} must be a list of rule codes")


def layer_from_table(table: Mapping[str, Any], where: str) -> Layer:
    unknown = [k for k in table if k.replace("_", "-") not in KEYS]
    if unknown:
        raise ConfigError(f"unknown key {unknown[0]!r} in {where} (known: {', '.join(KEYS)})")
    norm = {k.replace("_", "-"): v for k, v in table.items()}
    select = norm.get("select")
    target = norm.get("target-pillar")
    if target is not None and not isinstance(target, str):
        raise ConfigError(f"'target-pillar' in {where} must be a pillar name")
    limits = norm.get("thresholds", {})
    if not isinstance(limits, dict):
        raise ConfigError(f"'thresholds' in {where} must be a table")
    return Layer(
        source=where,
        select=None if select is None else codes(_strings(select, "select", where), where),
        ignore=codes(_strings(norm.get("ignore", []), "ignore", where), where),
        target_pillar=None if target is None else pillar_key(target, where),
        thresholds=threshold_values(limits, where),
    )


def _load_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as f:
            data: dict[str, Any] = tomllib.load(f)
            return data
    except OSError as exc:
        raise ConfigError(f"{path}: {exc.strerror or 'cannot be read'}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML ({exc})") from None


def _tool_table(data: Mapping[str, Any]) -> Any:
    """``data["tool"]["jdpillars"]["lint"]``, or None where any step is missing."""
    table: Any = data
    for key in ("tool", "jdpillars", "lint"):
        if not isinstance(table, dict) or key not in table:
            return None
        table = table[key]
    return table


def read_config(path: Path) -> Layer:
    """``--config FILE``: its ``[tool.jdpillars.lint]`` table, or, in a file without a
    ``[tool]`` table (a ``jdpillars.toml``), its top level."""
    if not path.is_file():
        raise ConfigError(f"{path}: no such config file")
    data = _load_toml(path)
    table = _tool_table(data) if "tool" in data else data
    if table is None:
        raise ConfigError(f"{path}: no {TABLE} table")
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: {TABLE} must be a table")
    return layer_from_table(table, str(path))


def find_config(start: Path) -> Path | None:
    """The nearest ``pyproject.toml`` with a ``[tool.jdpillars.lint]`` table, from ``start``
    up to the root."""
    here = start.resolve()
    for folder in (here, *here.parents):
        candidate = folder / "pyproject.toml"
        if candidate.is_file() and _tool_table(_load_toml(candidate)) is not None:
            return candidate
    return None


def resolve(layers: Iterable[Layer]) -> Settings:
    """Apply the layers in order, the last one winning."""
    rules = set(catalogue.rules())
    limits = catalogue.default_thresholds()
    target = None
    sources = []
    for layer in layers:
        if layer.select is not None:
            rules = _matching(layer.select)
        rules -= _matching(layer.ignore)
        limits.update(layer.thresholds)
        target = layer.target_pillar or target
        sources.append(layer.source)
    return Settings(frozenset(rules), limits, target, tuple(sources))


def load(config: Path | None, cwd: Path, flags: Layer) -> Settings:
    """The settings for one run: ``config`` (or the nearest pyproject.toml above ``cwd``)
    then ``flags``."""
    path = config if config is not None else find_config(cwd)
    layers = [] if path is None else [read_config(path)]
    return resolve([*layers, flags])
