"""The rules' words and numbers, read once from ``resources/lint.json``: rule docs, thresholds,
and the word lists (hype, tools, title words) the rules match."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from jdpillars.lint.finding import Severity


@dataclass(frozen=True)
class RuleDoc:
    id: str
    name: str
    severity: Severity
    summary: str
    doc: str  # may name thresholds as {name} / {name:.0%}
    why: str
    fix: str
    thresholds: tuple[str, ...]


@dataclass(frozen=True)
class Threshold:
    name: str
    value: float
    doc: str

    @property
    def integral(self) -> bool:
        return isinstance(self.value, int)


@dataclass(frozen=True)
class Hype:
    phrase: str
    instead: str


@cache
def _data() -> dict[str, Any]:
    path = resources.files("jdpillars.resources").joinpath("lint.json")
    data: dict[str, Any] = json.loads(path.read_text("utf-8"))
    return data


@cache
def rules() -> dict[str, RuleDoc]:
    return {
        rid: RuleDoc(
            id=rid,
            name=r["name"],
            severity=Severity(r["severity"]),
            summary=r["summary"],
            doc=r["doc"],
            why=r["why"],
            fix=r["fix"],
            thresholds=tuple(r["thresholds"]),
        )
        for rid, r in _data()["rules"].items()
    }


@cache
def thresholds() -> dict[str, Threshold]:
    return {
        name: Threshold(name, t["value"], t["doc"]) for name, t in _data()["thresholds"].items()
    }


def default_thresholds() -> dict[str, float]:
    return {name: t.value for name, t in thresholds().items()}


@cache
def hype() -> tuple[Hype, ...]:
    return tuple(Hype(h["phrase"], h["instead"]) for h in _data()["hype"])


@cache
def tools() -> dict[str, tuple[str, ...]]:
    """Tool name -> the phrases that name it."""
    return {name: tuple(aliases) for name, aliases in _data()["tools"].items()}


@cache
def title_words() -> dict[str, tuple[str, ...]]:
    """``mops``, ``context``, ``not_mops`` and one list per pillar key."""
    data = _data()["title_words"]
    words = {key: tuple(data[key]) for key in ("mops", "context", "not_mops")}
    words.update({key: tuple(phrases) for key, phrases in data["pillars"].items()})
    return words


@cache
def word_list(key: str) -> tuple[str, ...]:
    """``junior_titles``, ``ownership`` or ``expertise``."""
    return tuple(_data()[key])
