"""Reading a SOURCE: a file (.txt, .md, .html), standard input (``-`` or nothing) or an http(s)
URL, into the text the classifier reads and the offsets of its Report refer to.

HTML is reduced to its visible text; text that is not UTF-8 is decoded with detection and a
warning; line endings become ``\\n``; text over ``max_chars`` is cut with a warning. Problems are
``SourceError`` (the input cannot be used: exit 1) or ``SourceMissing`` (nothing there to read:
exit 2), each with a one-line message that says what and where.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from jdpillars.decoding import DecodeError, decode
from jdpillars.fetch import TIMEOUT, FetchError, fetch, is_url
from jdpillars.htmltext import html_to_text, looks_like_html
from jdpillars.titles import guess_title

MAX_CHARS = 200_000
STDIN = "<stdin>"
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
MARKDOWN_SUFFIXES = (".md", ".markdown")
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.I)
_NEWLINES = re.compile(r"\r\n?")
HTML_OVERHEAD = 10  # an HTML file may hold this many bytes of markup for a byte of text


class SourceError(Exception):
    """The source was read but cannot be classified (binary, undecodable, not a posting)."""


class SourceMissing(SourceError):
    """There is nothing to read: no such file, a directory, a URL that does not answer."""


@dataclass(frozen=True)
class Source:
    name: str  # the path, the URL or "<stdin>"
    text: str
    kind: str  # "text", "markdown" or "html" (the kind read; ``text`` is always plain)
    title: str | None = None  # guessed from the source
    warnings: tuple[str, ...] = ()


def _read_capped(stream: BinaryIO, limit: int) -> tuple[bytes, bool]:
    data = stream.read(limit + 1)
    return data[:limit], len(data) > limit


def _read_path(spec: str, limit: int) -> tuple[bytes, bool]:
    path = Path(spec)
    try:
        if path.is_dir():
            raise SourceMissing(f"{spec}: is a directory")
        with path.open("rb") as stream:
            return _read_capped(stream, limit)
    except FileNotFoundError:
        raise SourceMissing(f"{spec}: no such file") from None
    except PermissionError:
        raise SourceMissing(f"{spec}: permission denied") from None
    except OSError as exc:
        raise SourceMissing(f"{spec}: {exc.strerror or exc}") from None


def _kind(spec: str, declared_type: str | None) -> str | None:
    """The kind a name or content type says, None when only the content can tell."""
    if declared_type is not None:
        return "html" if declared_type == "text/html" else "text"
    lower = spec.lower()
    if lower.endswith(HTML_SUFFIXES):
        return "html"
    if lower.endswith(MARKDOWN_SUFFIXES):
        return "markdown"
    return "text" if lower.endswith(".txt") else None


def read_source(
    spec: str | None,
    *,
    max_chars: int = MAX_CHARS,
    stdin: BinaryIO | None = None,
    timeout: float = TIMEOUT,
) -> Source:
    """Read ``spec`` (a path, ``-`` or None for ``stdin``, or a URL) into a ``Source``."""
    # Four bytes a character at most in UTF-8, and room for a byte-order mark: reading more
    # than that could only be cut away again.
    limit = max_chars * 4 + 4
    declared_type = charset = None
    if spec is None or spec == "-":
        name = STDIN
        data, partial = _read_capped(stdin or sys.stdin.buffer, limit)
    elif is_url(spec):
        name = spec
        try:
            fetched = fetch(spec, timeout=timeout)
        except FetchError as exc:
            raise (SourceError if exc.unusable else SourceMissing)(str(exc)) from None
        data, partial = fetched.data[:limit], len(fetched.data) > limit
        declared_type, charset = fetched.content_type, fetched.charset
    else:
        name = spec
        html = _kind(spec, None) == "html"
        data, partial = _read_path(spec, limit * HTML_OVERHEAD if html else limit)
    kind = _kind(name, declared_type)
    if charset is None and kind in (None, "html"):
        meta = _META_CHARSET.search(data[:4096])
        charset = meta.group(1).decode("ascii") if meta else None
    try:
        decoded = decode(data, charset, partial=partial)
    except DecodeError as exc:
        raise SourceError(f"{name}: {exc}") from None
    warnings = []
    if decoded.encoding not in ("utf-8", "utf-16", "utf-32"):
        how = "detected" if decoded.guessed else "declared"
        warnings.append(f"{name}: not UTF-8; decoded as {decoded.encoding} ({how})")
    text = decoded.text
    if kind is None:
        kind = "html" if looks_like_html(text) else "text"
    title = None
    if kind == "html":
        page = html_to_text(text)
        text, title = page.text, page.title
    text = _NEWLINES.sub("\n", text)
    if partial or len(text) > max_chars:
        total = "more" if partial else f"{len(text):,}"
        warnings.append(f"{name}: text cut to {max_chars:,} characters (it has {total})")
        text = text[:max_chars]
    return Source(name, text, kind, title or guess_title(text), tuple(warnings))
