"""The labeled corpus: one small ``.jd`` file per posting, read into ``Posting`` values.

A ``.jd`` file is a header of ``key: value`` lines, a ``---`` line, then the posting's text one
labeled line at a time (``pops: Own the Marketo instance``). ``label+ text`` continues the line
above with a space (a sentence inside a paragraph); an empty line is a blank line in the posting.
``join`` in the header says how lines are glued into the posting's text: ``newline`` (default),
``space`` or ``none`` (scraped postings whose bullets run together). See ``GUIDE.md``.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from jdpillars.definitions import PILLARS, SEGMENT_LABELS

LINE_LABELS = SEGMENT_LABELS
MOPS_VALUES = ("yes", "borderline", "no")
JOINS = {"newline": "\n", "space": " ", "none": ""}
REQUIRED_KEYS = ("id", "title", "style", "group", "mops", "shares", "primary")
OPTIONAL_KEYS = ("company", "seniority", "industry", "region", "market", "join", "note")
SPLIT_FILE = "split.json"


class CorpusError(ValueError):
    """A ``.jd`` file that cannot be read; ``problem`` says what, ``line`` where (1-based)."""

    def __init__(self, problem: str, line: int | None = None) -> None:
        super().__init__(problem if line is None else f"line {line}: {problem}")
        self.problem = problem
        self.line = line


@dataclass(frozen=True)
class LabeledSpan:
    """One labeled piece of a posting's text: ``text == posting.text[start:end]``."""

    label: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Posting:
    id: str
    title: str
    text: str
    spans: tuple[LabeledSpan, ...]
    mops: str
    shares: dict[str, float]
    primary: str
    style: str
    group: str
    meta: dict[str, str] = field(default_factory=dict)
    path: str = ""

    @property
    def is_mops(self) -> bool:
        return self.mops != "no"


def parse_shares(value: str) -> dict[str, float]:
    """``pops=0.6 cops=0.2 miops=0.15 devmops=0.05`` -> a dict over the four pillars."""
    shares: dict[str, float] = {}
    for part in value.replace(",", " ").split():
        key, sep, number = part.partition("=")
        if not sep or key not in PILLARS:
            raise CorpusError(f"shares: cannot read {part!r} (want pillar=number)")
        try:
            shares[key] = float(number)
        except ValueError:
            raise CorpusError(f"shares: {number!r} is not a number") from None
    missing = [p for p in PILLARS if p not in shares]
    if missing:
        raise CorpusError(f"shares: missing {', '.join(missing)}")
    return shares


def _split_label(line: str) -> tuple[str, bool, str]:
    """``'pops: text'`` -> ``('pops', False, 'text')``; ``'cops+ t'`` -> ``('cops', True, 't')``."""
    for label in LINE_LABELS:
        for mark, cont in ((":", False), ("+", True)):
            head = label + mark
            if line.startswith(head):
                rest = line[len(head) :]
                return label, cont, rest[1:] if rest.startswith(" ") else rest
    raise CorpusError(f"unlabeled line (want one of {', '.join(LINE_LABELS)} then ':' or '+')")


def parse(source: str, path: str = "") -> Posting:
    """Read the text of one ``.jd`` file."""
    lines = source.splitlines()
    try:
        sep = lines.index("---")
    except ValueError:
        raise CorpusError("no '---' line between header and text") from None
    header: dict[str, str] = {}
    for number, raw in enumerate(lines[:sep], start=1):
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        key, colon, value = raw.partition(":")
        key = key.strip()
        if not colon or key not in REQUIRED_KEYS + OPTIONAL_KEYS:
            raise CorpusError(f"unknown header line {raw!r}", number)
        if key in header:
            raise CorpusError(f"header key {key!r} given twice", number)
        header[key] = value.split(" #", 1)[0].strip()
    missing = [k for k in REQUIRED_KEYS if not header.get(k)]
    if missing:
        raise CorpusError(f"header lacks {', '.join(missing)}")
    join_name = header.get("join", "newline")
    if join_name not in JOINS:
        raise CorpusError(f"join: {join_name!r} is not one of {', '.join(JOINS)}")
    glue = JOINS[join_name]

    pieces: list[str] = []
    spans: list[LabeledSpan] = []
    pos = 0
    for number, raw in enumerate(lines[sep + 1 :], start=sep + 2):
        if not raw.strip():
            if join_name != "newline":
                raise CorpusError("blank line in a posting whose join is not newline", number)
            if pieces:
                pieces.append("\n")
                pos += 1
            continue
        try:
            label, cont, text = _split_label(raw)
        except CorpusError as exc:
            raise CorpusError(exc.problem, number) from None
        if not text.strip():
            raise CorpusError("labeled line with no text", number)
        if pieces:
            joiner = " " if cont else glue
            pieces.append(joiner)
            pos += len(joiner)
        elif cont:
            raise CorpusError("'+' continuation on the first line", number)
        spans.append(LabeledSpan(label, pos, pos + len(text), text))
        pieces.append(text)
        pos += len(text)
    if not spans:
        raise CorpusError("posting has no text")
    meta = {k: header[k] for k in OPTIONAL_KEYS if k in header}
    return Posting(
        id=header["id"],
        title=header["title"],
        text="".join(pieces),
        spans=tuple(spans),
        mops=header["mops"],
        shares=parse_shares(header["shares"]),
        primary=header["primary"],
        style=header["style"],
        group=header["group"],
        meta=meta,
        path=path,
    )


def iter_files(directory: Path) -> Iterator[Path]:
    yield from sorted(directory.rglob("*.jd"))


def load(directory: Path) -> list[Posting]:
    """Every posting below ``directory``; raises ``CorpusError`` naming the first bad file."""
    postings = []
    for path in iter_files(directory):
        try:
            postings.append(parse(path.read_text(encoding="utf-8"), str(path)))
        except CorpusError as exc:
            raise CorpusError(f"{path}: {exc}") from None
    return postings


def load_split(directory: Path) -> dict[str, str]:
    """``{posting id: "train" | "test"}`` from the corpus' ``split.json``."""
    data = json.loads((directory / SPLIT_FILE).read_text(encoding="utf-8"))
    return {pid: part for part, ids in data.items() for pid in ids}
