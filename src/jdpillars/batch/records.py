"""``Record``: one input row on its way to the classifier, with what reading it found wrong.

Readers hand every value through ``clean``: invalid UTF-8 (which the readers decode to lone
surrogates) becomes U+FFFD and flags the row; NUL bytes stay, so ``problem()`` refuses the text.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any

INVALID_UTF8 = "invalid UTF-8 replaced with U+FFFD"
# Readers decode with "surrogateescape" (bytes 0x80-0xff -> U+DC80-U+DCFF); NUL is carried
# through the csv module as U+DC00, which no decoding produces.
NUL_MARK = "\udc00"
_SURROGATES = re.compile("[\ud800-\udfff]")


@dataclass(frozen=True)
class Record:
    """Input row ``row`` (1-based); ``error`` is set when the row itself could not be read."""

    row: int
    text: str
    title: str | None = None
    id: str | None = None
    error: str | None = None
    warnings: tuple[str, ...] = ()


def _missing(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, float):
        return math.isnan(value)
    return type(value).__name__ in ("NAType", "NaTType")


def clean(value: Any) -> tuple[str | None, bool]:
    """``value`` as text (None when missing) and whether invalid UTF-8 was replaced in it."""
    if _missing(value):
        return None, False
    if isinstance(value, (bytes, bytearray)):
        value = bytes(value).decode("utf-8", "surrogateescape")
    elif not isinstance(value, str):
        value = str(value)
    if NUL_MARK in value:
        value = value.replace(NUL_MARK, "\x00")
    if _SURROGATES.search(value) is None:
        return value, False
    return _SURROGATES.sub("\ufffd", value), True


def make_record(row: int, text: Any, title: Any = None, id: Any = None) -> Record:
    """The record of one row's raw values; missing text becomes empty (and an error later)."""
    text_s, bad_text = clean(text)
    title_s, bad_title = clean(title)
    id_s, bad_id = clean(id)
    flagged = bad_text or bad_title or bad_id
    return Record(
        row,
        text_s or "",
        _label(title_s),
        _label(id_s),
        warnings=(INVALID_UTF8,) if flagged else (),
    )


def _label(value: str | None) -> str | None:
    """A title or id as it goes into the output: no NUL (the text keeps its NULs so that
    ``problem()`` refuses it)."""
    return value.replace("\x00", "\ufffd") if value is not None and "\x00" in value else value


def broken(row: int, error: str) -> Record:
    """The record of a row that could not be read at all."""
    return Record(row, "", error=error)
