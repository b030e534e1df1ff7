"""A draft posting as the rules see it: its text, its title, and where each offset stands
(line and column), with the duty-sized pieces of the segmenter."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from jdpillars.decoding import DecodeError, decode
from jdpillars.segmenter import Piece, heading_key, segment

MAX_TITLE_WORDS = 12
FALLBACK_ENCODING = "cp1252"
_TITLE_PREFIX = re.compile(r"^(?:job title|title|position|role)\s*:\s*", re.IGNORECASE)
_MARKUP = " \t#*_>"


class DraftError(Exception):
    """A file that cannot be linted: missing, unreadable, binary, empty."""


@dataclass(frozen=True)
class Span:
    start: int
    end: int


@dataclass(frozen=True)
class Draft:
    """``file`` is the name findings carry (the path as given)."""

    file: str
    text: str
    _lines: tuple[int, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        starts = [0] + [m.end() for m in re.finditer(r"\r\n|\r|\n", self.text)]
        object.__setattr__(self, "_lines", tuple(starts))

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a character offset; columns count characters."""
        i = bisect.bisect_right(self._lines, offset) - 1
        return i + 1, offset - self._lines[i] + 1

    @cached_property
    def title_span(self) -> Span | None:
        """Where the title stands: front matter ``title:``, else the first line when it is short
        and not a section heading (Markdown marks and a ``Title:`` prefix are left out)."""
        front = re.match(r"\A\s*---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", self.text, re.S)
        if front:
            m = re.search(r"^title\s*:[ \t]*(.+?)[ \t]*$", front.group(1), re.M | re.I)
            if not m:
                return None
            value = m.group(1).strip("'\"")
            start = front.start(1) + m.start(1) + m.group(1).index(value)
            return Span(start, start + len(value))
        m = re.search(r"\S[^\r\n]*", self.text)
        if not m:
            return None
        start, end = m.start(), m.end()
        while start < end and self.text[start] in _MARKUP:
            start += 1
        while end > start and self.text[end - 1] in _MARKUP:
            end -= 1
        prefix = _TITLE_PREFIX.match(self.text, start, end)
        if prefix:
            start = prefix.end()
        words = self.text[start:end].split()
        if not words or len(words) > MAX_TITLE_WORDS:
            return None
        if heading_key(m.group(0)) not in (None, "other"):  # "About us", "Responsibilities"
            return None
        return Span(start, end)

    @property
    def title(self) -> str | None:
        span = self.title_span
        return None if span is None else self.text[span.start : span.end]

    @cached_property
    def pieces(self) -> tuple[Piece, ...]:
        """The segmenter's pieces (duty lines, sentences, headings) of the whole text."""
        return tuple(segment(self.text))

    def head(self) -> Span:
        """Where a finding about the whole draft points: the title, else the first word."""
        if self.title_span is not None:
            return self.title_span
        m = re.search(r"\S+", self.text)
        return Span(m.start(), m.end()) if m else Span(0, 0)


def read_draft(path: Path, name: str | None = None) -> Draft:
    """The draft in ``path``; ``DraftError`` when it is missing, unreadable, binary or empty."""
    if not path.exists():
        raise DraftError("no such file")
    if path.is_dir():
        raise DraftError("is a directory, not a file")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise DraftError(exc.strerror or "cannot be read") from None
    try:  # not UTF-8: drafts are written in Word and Outlook, so Windows-1252 before guessing
        text = decode(data, declared=FALLBACK_ENCODING).text
    except DecodeError as exc:
        raise DraftError(str(exc)) from None
    if not text.strip():
        raise DraftError("empty file")
    return Draft(name if name is not None else str(path), text)
