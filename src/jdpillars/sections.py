"""Which part of a posting each segment sits in: blurb, responsibilities, requirements, ..."""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from functools import cache

from jdpillars.definitions import sections
from jdpillars.segmenter import Piece

DEFAULT_SECTION = "body"


def cue_phrases() -> dict[str, tuple[str, ...]]:
    """Phrases that place a segment in a section wherever it stands (for the phrase matcher)."""
    return {key: section.cues for key, section in sections().items() if section.cues}


def assign(pieces: Sequence[Piece], cues: Iterable[tuple[int, int, str]] = ()) -> list[str]:
    """One section key per piece: the last heading above it, unless a cue phrase inside it
    (``(start, end, section)``) places it elsewhere: legal text and benefits often stand
    unheaded, and a requirement that is "a plus" is a nice-to-have. A cue counts only in the
    sections its own section lists under ``cued_within`` (anywhere when none)."""
    starts = [p.start for p in pieces]
    cued: dict[int, list[str]] = {}
    for start, end, key in cues:
        i = bisect.bisect_right(starts, start) - 1
        if i >= 0 and end <= pieces[i].end:
            cued.setdefault(i, []).append(key)
    current = DEFAULT_SECTION
    result = []
    for i, piece in enumerate(pieces):
        if piece.heading is not None:
            if piece.heading != "other":
                current = piece.heading
            result.append(current)
        elif i in cued:
            result.append(_cued(cued[i], current))
        else:
            result.append(current)
    return result


def _cued(keys: list[str], current: str) -> str:
    """The first cued section that may take a piece out of ``current``, else ``current``."""
    within = {key: sections()[key].cued_within for key in keys}
    return next((k for k in keys if not within[k] or current in within[k]), current)


@cache
def weights() -> dict[str, float]:
    """How much a segment of each section counts towards a posting's pillar shares."""
    return {key: section.weight for key, section in sections().items()}
