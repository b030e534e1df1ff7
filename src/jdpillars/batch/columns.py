"""Which input columns hold the text, the title and the id: given, or found by name."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

from jdpillars.batch.errors import BatchError


@dataclass(frozen=True)
class Columns:
    """The columns found in one input."""

    text: str
    title: str | None = None
    id: str | None = None

    @property
    def used(self) -> list[str]:
        return list(dict.fromkeys(c for c in (self.text, self.title, self.id) if c is not None))


@dataclass(frozen=True)
class Wanted:
    """The columns the user named (``--text-column`` ...); None means find it by name."""

    text: str | None = None
    title: str | None = None
    id: str | None = None


@cache
def candidates() -> dict[str, tuple[str, ...]]:
    """The names looked for, per role, from ``resources/batch.json``."""
    raw = resources.files("jdpillars.resources").joinpath("batch.json").read_text("utf-8")
    return {role: tuple(names) for role, names in json.loads(raw)["columns"].items()}


def normal(name: str) -> str:
    """``" Job-Description "`` -> ``job_description``: how names are compared."""
    return re.sub(r"[\s\-]+", "_", name.strip().lower())


def _lookup(names: Sequence[str], wanted: str) -> str | None:
    if wanted in names:
        return wanted
    key = normal(wanted)
    return next((n for n in names if normal(n) == key), None)


def _listing(names: Sequence[str]) -> str:
    shown = ", ".join(repr(n) for n in names[:30])
    return shown + (f" and {len(names) - 30} more" if len(names) > 30 else "") if names else "none"


def find_columns(names: Sequence[str], wanted: Wanted = Wanted()) -> Columns:
    """The columns to read among ``names``. A column given by the user must exist; otherwise
    the first candidate name present is taken (case-insensitively). Without a text column,
    the error lists the columns that exist."""
    found: dict[str, str | None] = {}
    for role, given in (("text", wanted.text), ("title", wanted.title), ("id", wanted.id)):
        if given is not None:
            match = _lookup(names, given)
            if match is None:
                raise BatchError(
                    f"no column {given!r} (--{role}-column); the columns are: {_listing(names)}"
                )
            found[role] = match
            continue
        found[role] = next(
            (m for c in candidates()[role] if (m := _lookup(names, c)) is not None), None
        )
    if found["text"] is None:
        looked = ", ".join(candidates()["text"])
        raise BatchError(
            f"no text column (looked for {looked}); the columns are: "
            f"{_listing(names)}; name one with --text-column"
        )
    return Columns(text=found["text"], title=found["title"], id=found["id"])
