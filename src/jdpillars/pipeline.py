"""The spaCy pipeline: ``spacy.blank("en")`` with our tokenizer rules and three components.

- ``jdp_segmenter`` splits the posting into duty-sized segments (``segmenter.segment``);
- ``jdp_lexicon`` finds the phrases of ``resources/pillars.json`` (pillar and off-topic phrases)
  and the section cues of ``resources/sections.json`` with one ``PhraseMatcher``;
- ``jdp_sections`` tags each segment with its section (``sections.assign``).

``analyze`` turns a processed ``Doc`` into plain ``Segment`` values, the input of the features:
each carries the lower-case hashes of its word tokens, straight from spaCy's lexemes.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any, NamedTuple

import numpy as np
import spacy
from spacy.attrs import IDX, IS_PUNCT, IS_SPACE, LENGTH, LOWER
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc
from spacy.util import compile_infix_regex

from jdpillars import sections as sections_mod
from jdpillars.definitions import PILLARS, offtopic_phrases, pillars
from jdpillars.segmenter import Piece, segment

LEXICON_LABELS = (*PILLARS, "offtopic")
_LEXICON_INDEX = {label: i for i, label in enumerate(LEXICON_LABELS)}
TEXT_KEY = "jdp_text"  # Doc.text joins every token on each access: keep the input instead
PIECES_KEY = "jdp_pieces"
SECTIONS_KEY = "jdp_sections"
PHRASES_KEY = "jdp_phrases"

# Split where the segmenter may cut inside what spaCy would keep as one token.
_EXTRA_INFIXES = (
    r"(?<=[a-z0-9)\]%”\"'’])[.!?;:](?=[A-Z“\"(])",
    r"[•●▪◦■►➢✓✔❖➤◆○·|<>]",
)


class Segment(NamedTuple):  # a tuple: many are made per posting, and tuples are cheap to make
    start: int
    end: int
    text: str
    section: str
    heading: bool
    hits: np.ndarray  # lexicon matches per LEXICON_LABELS
    tokens: np.ndarray  # uint64 lower-case hashes of the segment's word tokens


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
    """Marks pillar phrases, off-topic phrases and section cues, case-insensitively."""

    def __init__(self, nlp: Language) -> None:
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        table: dict[str, tuple[str, ...]] = {k: p.phrases for k, p in pillars().items()}
        table["offtopic"] = offtopic_phrases()
        for key, cues in sections_mod.cue_phrases().items():
            table["section:" + key] = cues
        for label, phrases in table.items():
            self.matcher.add(label, [nlp.make_doc(p) for p in phrases])

    def __call__(self, doc: Doc) -> Doc:
        matches = self.matcher(doc)
        if not matches:
            doc.user_data[PHRASES_KEY] = []
            return doc
        strings = doc.vocab.strings
        offsets = doc.to_array([IDX, LENGTH])  # character offsets without Token objects
        doc.user_data[PHRASES_KEY] = [
            (
                int(offsets[start, 0]),
                int(offsets[end - 1, 0] + offsets[end - 1, 1]),
                strings[match_id],
            )
            for match_id, start, end in matches
        ]
        return doc


@Language.factory("jdp_lexicon")
def make_lexicon(nlp: Language, name: str) -> LexiconMatcher:
    return LexiconMatcher(nlp)


@Language.component("jdp_sections")
def sections_component(doc: Doc) -> Doc:
    cues = [
        (s, e, label[8:])
        for s, e, label in doc.user_data.get(PHRASES_KEY, ())
        if label.startswith("section:")
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
    infixes = list(nlp.Defaults.infixes or ()) + list(_EXTRA_INFIXES)
    tokenizer: Any = nlp.tokenizer
    tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
    nlp.tokenizer = TextKeepingTokenizer(tokenizer)
    nlp.add_pipe("jdp_segmenter")
    nlp.add_pipe("jdp_lexicon")
    nlp.add_pipe("jdp_sections")
    return nlp


def word_hashes(doc: Doc) -> tuple[np.ndarray, np.ndarray]:
    """(character offsets, lower-case hashes) of the doc's tokens that are not punctuation."""
    arr = doc.to_array([IDX, LOWER, IS_PUNCT, IS_SPACE])
    keep = (arr[:, 2] == 0) & (arr[:, 3] == 0)
    return arr[keep, 0].astype(np.int64), arr[keep, 1]


def analyze(doc: Doc) -> list[Segment]:
    """The segments of a processed doc, with their sections, lexicon hits and token hashes."""
    pieces: list[Piece] = doc.user_data.get(PIECES_KEY, [])
    sections: list[str] = doc.user_data.get(SECTIONS_KEY, [])
    starts = np.array([p.start for p in pieces], dtype=np.int64)
    ends = np.array([p.end for p in pieces], dtype=np.int64)
    hits = np.zeros((len(pieces), len(LEXICON_LABELS)), dtype=np.int64)
    found = [
        (s, e, _LEXICON_INDEX[label])
        for s, e, label in doc.user_data.get(PHRASES_KEY, ())
        if label in _LEXICON_INDEX
    ]
    if found and len(pieces):
        where = np.array(found, dtype=np.int64)
        seg = np.searchsorted(starts, where[:, 0], side="right") - 1
        inside = (seg >= 0) & (where[:, 1] <= ends[np.maximum(seg, 0)])
        np.add.at(hits, (seg[inside], where[inside, 2]), 1)
    offsets, hashes = word_hashes(doc)
    lo = np.searchsorted(offsets, starts)
    hi = np.searchsorted(offsets, ends)
    text = doc_text(doc)
    return [
        Segment(
            p.start, p.end, text[p.start : p.end], section, p.heading is not None, h, hashes[a:b]
        )
        for p, section, h, a, b in zip(pieces, sections, hits, lo, hi, strict=True)
    ]


def title_hashes(nlp: Language, title: str | None) -> np.ndarray:
    """Lower-case hashes of a title's words (empty for no title)."""
    if not title:
        return np.zeros(0, dtype=np.uint64)
    return word_hashes(nlp.make_doc(title))[1]
