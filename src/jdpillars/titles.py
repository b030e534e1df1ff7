"""A posting's title, guessed from its first lines when the user gives none: the first line that
names a role ("Marketing Operations Manager"), else the first line that looks like a title."""

from __future__ import annotations

import json
import re
from functools import cache
from importlib import resources
from typing import Any

_MARKUP = re.compile(r"^\s*#{1,6}\s+|[*_`]+|\s+#+\s*$")
_BULLET = re.compile(r"^\s*(?:[-*+•●▪◦–—]|\d{1,2}[.)])\s")


@cache
def _rules() -> dict[str, Any]:
    text = resources.files("jdpillars.resources").joinpath("titles.json").read_text("utf-8")
    data: dict[str, Any] = json.loads(text)
    words = "|".join(re.escape(w) for w in data["role_words"])
    data["role"] = re.compile(rf"\b(?:{words})\b", re.IGNORECASE)
    return data


def _candidate(line: str) -> str | None:
    """The line as a title, or None when it cannot be one."""
    from jdpillars.segmenter import heading_key

    rules = _rules()
    if _BULLET.match(line):
        return None
    clean = " ".join(_MARKUP.sub("", line).split())
    if not clean or not any(ch.isalpha() for ch in clean):
        return None
    if len(clean) > rules["max_chars"] or len(clean.split()) > rules["max_words"]:
        return None
    if clean.endswith((".", ":", ";", ",", "!", "?")) or heading_key(clean) not in (None, "other"):
        return None
    return clean


def guess_title(text: str) -> str | None:
    """The title of a posting's text (Markdown or plain), or None."""
    rules = _rules()
    lines = [line for line in text.split("\n") if line.strip()][: rules["first_lines"]]
    candidates = [c for c in map(_candidate, lines) if c]
    for line in candidates:
        if rules["role"].search(line):
            return line
    return candidates[0] if candidates else None
