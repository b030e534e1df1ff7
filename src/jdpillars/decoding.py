"""Bytes to text: UTF-8 first, then a declared charset, then charset-normalizer's guess.

Postings arrive in old Windows code pages as often as in UTF-8. A text that is not UTF-8 is
decoded with detection and a warning naming the encoding; bytes that are not text at all (NUL
bytes without a UTF-16/32 byte-order mark, mostly control characters, nothing detectable) are
refused with the reason.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass

# Byte-order marks, longest first (the UTF-32 LE mark starts with the UTF-16 LE one).
BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
CONTROL_SHARE = 0.05  # more control characters than this (besides \t \n \r \f) is binary
PREFERRED = "cp1252"  # among equally good guesses, the Western code page postings come in


class DecodeError(ValueError):
    """The bytes are not text we can read; the message says why."""


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str
    guessed: bool  # True when the encoding was detected, not UTF-8 or declared


def _control_share(text: str) -> float:
    if not text:
        return 0.0
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\t\n\r\f")
    return controls / len(text)


def _guess(data: bytes) -> tuple[str, str] | None:
    from charset_normalizer import from_bytes

    # UTF-16/32 without a byte-order mark is never a posting; short Latin-1 text fools it.
    matches = [m for m in from_bytes(data) if not m.encoding.startswith(("utf_16", "utf_32"))]
    if not matches:
        return None
    chaos = min(m.chaos for m in matches)
    calm = [m for m in matches if m.chaos <= chaos + 0.01]
    coherence = max(m.coherence for m in calm)
    best = [m for m in calm if m.coherence >= coherence - 0.01]
    for match in best:
        if PREFERRED in match.could_be_from_charset:
            return data.decode(PREFERRED), PREFERRED
    return str(best[0]), best[0].encoding


def decode(data: bytes, declared: str | None = None, *, partial: bool = False) -> Decoded:
    """The text in ``data``. ``declared`` is a charset named by the file or the server;
    ``partial`` says the bytes were cut short, so an incomplete last character is dropped."""
    for bom, encoding in BOMS:
        if data.startswith(bom):
            text = codecs.getincrementaldecoder(encoding)("replace").decode(data, final=not partial)
            return Decoded(_checked(text), encoding.replace("-sig", ""), False)
    if b"\x00" in data:
        raise DecodeError("binary content (NUL bytes)")
    try:
        text = codecs.getincrementaldecoder("utf-8")("strict").decode(data, final=not partial)
        return Decoded(_checked(text), "utf-8", False)
    except UnicodeDecodeError:
        pass
    if declared:
        try:
            return Decoded(_checked(data.decode(declared)), codecs.lookup(declared).name, False)
        except (LookupError, UnicodeDecodeError):
            pass
    guess = _guess(data)
    if guess is None:
        raise DecodeError("cannot decode: not text in any encoding we know")
    return Decoded(_checked(guess[0]), guess[1], True)


def _checked(text: str) -> str:
    if _control_share(text) > CONTROL_SHARE:
        raise DecodeError("binary content (control characters)")
    return text
