"""The pillars, sections and segmenter words: data files read once, shared by every stage."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

PILLARS = ("pops", "cops", "miops", "devmops")
SEGMENT_LABELS = (*PILLARS, "none")


@dataclass(frozen=True)
class Pillar:
    key: str
    name: str
    short: str
    colour: str
    style: str
    description: str
    phrases: tuple[str, ...]


@dataclass(frozen=True)
class Section:
    key: str
    weight: float
    headings: tuple[str, ...]
    cues: tuple[str, ...]
    cued_within: tuple[str, ...]  # the sections a cue may take a segment out of; () = any


def _read(name: str) -> Any:
    return json.loads(resources.files("jdpillars.resources").joinpath(name).read_text("utf-8"))


@cache
def pillars() -> dict[str, Pillar]:
    data = _read("pillars.json")["pillars"]
    return {
        key: Pillar(
            key=key,
            name=item["name"],
            short=item["short"],
            colour=item["colour"],
            style=item["style"],
            description=item["description"],
            phrases=tuple(item["phrases"]),
        )
        for key, item in data.items()
    }


@cache
def offtopic_phrases() -> tuple[str, ...]:
    return tuple(_read("pillars.json")["offtopic"]["phrases"])


@cache
def sections() -> dict[str, Section]:
    data = _read("sections.json")
    return {
        key: Section(
            key=key,
            weight=float(data["sections"][key]["weight"]),
            headings=tuple(data["sections"][key]["headings"]),
            cues=tuple(data["sections"][key]["cues"]),
            cued_within=tuple(data["sections"][key].get("cued_within", ())),
        )
        for key in data["order"]
    }


@cache
def glued_headings() -> tuple[str, ...]:
    """Headings recognised even when glued to the next sentence with no colon or break."""
    return tuple(_read("sections.json")["glued"])


@cache
def segmenter_words() -> tuple[frozenset[str], frozenset[str]]:
    """(duty verbs that may open a run-together bullet, abbreviations that keep a full stop)."""
    data = _read("segmenter.json")
    return frozenset(data["duty_verbs"]), frozenset(data["abbreviations"])
