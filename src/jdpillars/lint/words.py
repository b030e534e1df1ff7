"""Finding phrases in text by character offsets: whole words, any case, and a space or a hyphen
between the words of a phrase ("fast paced" is "fast-paced")."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache


@dataclass(frozen=True)
class Match:
    start: int
    end: int
    text: str  # as written in the draft
    phrase: str  # the list entry it matched


def _pattern(phrase: str) -> str:
    words = [w for w in re.split(r"[\s\-]+", phrase.strip()) if w]
    return r"[\s\-]+".join(re.escape(w) for w in words)


@cache
def _compiled(phrases: tuple[str, ...]) -> tuple[re.Pattern[str], dict[str, str]]:
    ordered = sorted(set(phrases), key=len, reverse=True)  # longest first: "looker studio"
    groups = {f"p{i}": p for i, p in enumerate(ordered)}
    alternatives = "|".join(f"(?P<{g}>{_pattern(p)})" for g, p in groups.items())
    return re.compile(rf"(?<![\w\-])(?:{alternatives})(?![\w\-]|\.\w)", re.IGNORECASE), groups


def find(
    phrases: Iterable[str], text: str, start: int = 0, end: int | None = None
) -> Iterator[Match]:
    """Every non-overlapping match of ``phrases`` in ``text[start:end]``, longest phrase first
    at each place; offsets are into ``text``."""
    pattern, groups = _compiled(tuple(phrases))
    for m in pattern.finditer(text, start, len(text) if end is None else end):
        group = m.lastgroup or ""
        yield Match(m.start(), m.end(), m.group(0), groups.get(group, m.group(0)))


def contains(phrases: Iterable[str], text: str) -> bool:
    return next(find(phrases, text), None) is not None
