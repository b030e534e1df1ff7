"""The spaCy pipeline: ``spacy.blank("en")`` with our tokenizer and three components.

- ``jdp_segmenter`` splits the posting into duty-sized segments (``segmenter.segment``);
- ``jdp_lexicon`` finds the phrases of ``resources/pillars.json`` (pillar and off-topic phrases)
  and the section cues of ``resources/sections.json`` with one ``PhraseMatcher``;
- ``jdp_sections`` tags each segment with its section (``sections.assign``).

``analyze`` turns a processed ``Doc`` into an ``Analysis``, the input of the features: plain
``Segment`` values plus, per posting, the lexicon hits and the lower-case hashes of the word
tokens, straight from spaCy's lexemes.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any, NamedTuple

import numpy as np
import spacy
from spacy.attrs import IDX, LENGTH, LOWER, NORM
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from jdpillars import sections as sections_mod
from jdpillars.definitions import PILLARS, offtopic_phrases, pillars
from jdpillars.segmenter import Piece, segment
from jdpillars.tokenizer import build_tokenizer, use_stems

LEXICON_LABELS = (*PILLARS, "offtopic")
CUE_SECTIONS = tuple(sections_mod.cue_phrases())  # sections that cue phrases place text in
TEXT_KEY = "jdp_text"  # Doc.text joins every token on each access: keep the input instead
PIECES_KEY = "jdp_pieces"
SECTIONS_KEY = "jdp_sections"
PHRASES_KEY = "jdp_phrases"
TOKENS_KEY = "jdp_tokens"
# NORM holds a word's stem, 0 for punctuation and white space (``tokenizer.use_stems``)
TOKEN_ATTRS = [IDX, LENGTH, LOWER, NORM]


class Segment(NamedTuple):  # a tuple: many are made per posting, and tuples are cheap to make
    start: int
    end: int
    text: str
    section: str
    heading: bool


@dataclass(frozen=True)
class Analysis:
    """A processed posting: its segments and, row for row, their lexicon hits and words.

    The arrays are kept per posting, not per segment: features are built for many postings at
    once, and one array per posting is far cheaper than one per segment."""

    segments: list[Segment]
    hits: np.ndarray  # (n_segments, len(LEXICON_LABELS)) lexicon matches
    tokens: np.ndarray  # uint64 lower-case hashes of the segments' word tokens, in order
    stems: np.ndarray  # uint64 hashes of their stems, token for token
    bounds: np.ndarray  # segment i's tokens are tokens[bounds[i]:bounds[i + 1]]

    @property
    def lengths(self) -> np.ndarray:
        """Word tokens per segment."""
        return np.diff(self.bounds)


def doc_text(doc: Doc) -> str:
    text = doc.user_data.get(TEXT_KEY)
    if text is None:
        text = doc.user_data[TEXT_KEY] = doc.text
    return str(text)


@Language.component("jdp_segmenter")
def segmenter_component(doc: Doc) -> Doc:
    doc.user_data[PIECES_KEY] = segment(doc_text(doc))
    return doc


class LexiconMatcher:
    """Marks pillar phrases, off-topic phrases and section cues, case-insensitively.

    The matches go on the doc as an array of (start char, end char, code) rows: codes below
    ``len(LEXICON_LABELS)`` index ``LEXICON_LABELS``, the others ``CUE_SECTIONS``."""

    def __init__(self, nlp: Language) -> None:
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        table: dict[str, tuple[str, ...]] = {k: p.phrases for k, p in pillars().items()}
        table["offtopic"] = offtopic_phrases()
        cues = sections_mod.cue_phrases()
        for key in CUE_SECTIONS:
            table["section:" + key] = cues[key]
        codes = {}
        for code, (label, phrases) in enumerate(table.items()):
            self.matcher.add(label, [nlp.make_doc(p) for p in phrases])
            codes[nlp.vocab.strings[label]] = code
        self.ids = np.array(sorted(codes), dtype=np.uint64)
        self.codes = np.array([codes[i] for i in sorted(codes)], dtype=np.int64)

    def __call__(self, doc: Doc) -> Doc:
        # One pass over the tokens for everything later steps need, without Token objects.
        arr = doc.user_data[TOKENS_KEY] = doc.to_array(TOKEN_ATTRS)
        found = np.array(self.matcher(doc), dtype=np.uint64).reshape(-1, 3)
        start, last = found[:, 1].astype(np.int64), found[:, 2].astype(np.int64) - 1
        doc.user_data[PHRASES_KEY] = np.stack(
            [
                arr[start, 0].astype(np.int64),
                (arr[last, 0] + arr[last, 1]).astype(np.int64),
                self.codes[np.searchsorted(self.ids, found[:, 0])],
            ],
            axis=1,
        )
        return doc


@Language.factory("jdp_lexicon")
def make_lexicon(nlp: Language, name: str) -> LexiconMatcher:
    return LexiconMatcher(nlp)


@Language.component("jdp_sections")
def sections_component(doc: Doc) -> Doc:
    found = doc.user_data[PHRASES_KEY]
    cues = [
        (s, e, CUE_SECTIONS[code - len(LEXICON_LABELS)])
        for s, e, code in found[found[:, 2] >= len(LEXICON_LABELS)].tolist()
    ]
    doc.user_data[SECTIONS_KEY] = sections_mod.assign(doc.user_data[PIECES_KEY], cues)
    return doc


class TextKeepingTokenizer:
    """spaCy's tokenizer, keeping the input string on the doc so no component rebuilds it."""

    def __init__(self, tokenizer: Any) -> None:
        self.tokenizer = tokenizer

    def __call__(self, text: str) -> Doc:
        doc: Doc = self.tokenizer(text)
        doc.user_data[TEXT_KEY] = text
        return doc

    def pipe(self, texts: Iterable[str], batch_size: int = 1000) -> Iterator[Doc]:
        for text in texts:
            yield self(text)


def build_nlp() -> Language:
    nlp = spacy.blank("en")
    use_stems(nlp.vocab)
    nlp.tokenizer = TextKeepingTokenizer(build_tokenizer(nlp.vocab))
    nlp.add_pipe("jdp_segmenter")
    nlp.add_pipe("jdp_lexicon")
    nlp.add_pipe("jdp_sections")
    return nlp


def _words(arr: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(character offsets, lower-case hashes, stem hashes) of the tokens that are not
    punctuation or white space, from an array of ``TOKEN_ATTRS``."""
    keep = arr[:, 3] != 0
    return arr[keep, 0].astype(np.int64), arr[keep, 2], arr[keep, 3]


def analyze(doc: Doc) -> Analysis:
    """The segments of a processed doc, with their sections, lexicon hits and word tokens."""
    pieces: list[Piece] = doc.user_data.get(PIECES_KEY, [])
    sections: list[str] = doc.user_data.get(SECTIONS_KEY, [])
    starts = np.array([p.start for p in pieces], dtype=np.int64)
    ends = np.array([p.end for p in pieces], dtype=np.int64)
    k = len(LEXICON_LABELS)
    found = doc.user_data[PHRASES_KEY]
    where = found[found[:, 2] < k]
    seg = np.searchsorted(starts, where[:, 0], side="right") - 1
    inside = (seg >= 0) & (where[:, 1] <= ends[np.maximum(seg, 0)]) if len(pieces) else seg < -1
    cells = np.bincount(seg[inside] * k + where[inside, 2], minlength=len(pieces) * k)
    hits = cells.reshape(len(pieces), k)
    offsets, hashes, stems = _words(doc.user_data[TOKENS_KEY])
    lo = np.searchsorted(offsets, starts)
    lengths = np.searchsorted(offsets, ends) - lo
    bounds = np.zeros(len(pieces) + 1, dtype=np.int64)
    np.cumsum(lengths, out=bounds[1:])
    # gather each segment's tokens, in order, into one array
    take = np.repeat(lo - bounds[:-1], lengths) + np.arange(bounds[-1])
    text = doc_text(doc)
    segments = [
        Segment(p.start, p.end, text[p.start : p.end], section, p.heading is not None)
        for p, section in zip(pieces, sections, strict=True)
    ]
    return Analysis(segments, hits, hashes[take], stems[take], bounds)


def title_hashes(nlp: Language, title: str | None) -> np.ndarray:
    """Lower-case hashes of a title's words (empty for no title)."""
    if not title:
        return np.zeros(0, dtype=np.uint64)
    doc = nlp.make_doc(title)
    return _words(doc.to_array(TOKEN_ATTRS))[1].astype(np.uint64)
