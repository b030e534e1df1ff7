"""Segment features: hashed words and word pairs from spaCy's tokens, the posting's title,
lexicon hits and the section, as one sparse matrix for the segment classifier."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import scipy.sparse as sp
from sklearn.base import BaseEstimator, TransformerMixin

from jdpillars.definitions import sections
from jdpillars.pipeline import LEXICON_LABELS, Analysis, Segment

_PAIR = np.uint64(0x9E3779B97F4A7C15)
_TITLE_SALT = np.uint64(0x5BD1E9955BD1E995)
_LEAD_SALT = np.uint64(0x27D4EB2F165667C5)
_STEM_SALT = np.uint64(0x165667B19E3779F9)


@dataclass(frozen=True)
class SegmentRows:
    """The segments of many postings, flattened: row ``i`` is ``segments[i]`` of posting
    ``posting[i]``, with lexicon hits ``hits[i]`` and ``lengths[i]`` word tokens, the next ones
    of ``tokens``; the title's word hashes are ``titles[posting[i]]``. ``near[i]`` holds the
    lexicon hits of the segments just before and after it in its posting (zeros at the ends)."""

    segments: Sequence[Segment]
    posting: np.ndarray
    hits: np.ndarray
    near: np.ndarray
    tokens: np.ndarray
    stems: np.ndarray
    lengths: np.ndarray
    titles: Sequence[np.ndarray]

    def __len__(self) -> int:
        return len(self.segments)

    def take(self, keep: np.ndarray) -> SegmentRows:
        """Only the rows where ``keep`` (a boolean array) is true."""
        words = np.repeat(keep, self.lengths)
        return SegmentRows(
            segments=[seg for seg, k in zip(self.segments, keep.tolist(), strict=True) if k],
            posting=self.posting[keep],
            hits=self.hits[keep],
            near=self.near[keep],
            tokens=self.tokens[words],
            stems=self.stems[words],
            lengths=self.lengths[keep],
            titles=self.titles,
        )


def _near(hits: np.ndarray, posting: np.ndarray) -> np.ndarray:
    """Each row's neighbours' hits, side by side: the row before, then the row after, within
    the same posting. Taken before rows are dropped, so training and scoring see the same."""
    before, after = np.zeros_like(hits), np.zeros_like(hits)
    same = posting[1:] == posting[:-1]
    before[1:][same] = hits[:-1][same]
    after[:-1][same] = hits[1:][same]
    return np.hstack([before, after])


def rows_of(analyses: Sequence[Analysis], titles: Sequence[np.ndarray]) -> SegmentRows:
    counts = [len(a.segments) for a in analyses]
    posting = np.repeat(np.arange(len(analyses)), counts)
    hits = np.concatenate([a.hits for a in analyses] or [np.zeros((0, len(LEXICON_LABELS)))])
    return SegmentRows(
        segments=[seg for a in analyses for seg in a.segments],
        posting=posting,
        hits=hits,
        near=_near(hits, posting),
        tokens=np.concatenate([a.tokens for a in analyses] or [np.zeros(0, np.uint64)]),
        stems=np.concatenate([a.stems for a in analyses] or [np.zeros(0, np.uint64)]),
        lengths=np.concatenate([a.lengths for a in analyses] or [np.zeros(0, np.int64)]),
        titles=titles,
    )


def _hashed(
    rows: SegmentRows, n_features: int, lead: bool = True, stems: bool = False
) -> sp.csr_matrix:
    n = len(rows)
    lengths = rows.lengths
    tokens = rows.tokens.astype(np.uint64)
    row_of = np.repeat(np.arange(n), lengths)
    mod = np.uint64(n_features)
    cols = [tokens % mod]
    rws = [row_of]
    if stems:  # "implementations" meets "implementing": words seen rarely in training count
        cols.append((rows.stems.astype(np.uint64) ^ _STEM_SALT) % mod)
        rws.append(row_of)
    same = row_of[1:] == row_of[:-1]
    pairs = (tokens[:-1] * _PAIR + tokens[1:]) % mod
    cols.append(pairs[same])
    rws.append(row_of[:-1][same])
    if lead and n:
        # The opening words ("Build ...", "Report on ...") say most about a duty: count the
        # first word and the first pair again, as their own features.
        first = np.concatenate([[0], np.cumsum(lengths)[:-1]])
        has1 = lengths >= 1
        cols.append((tokens[first[has1]] ^ _LEAD_SALT) % mod)
        rws.append(np.arange(n)[has1])
        has2 = lengths >= 2
        if has2.any():
            cols.append((pairs[first[has2]] ^ _LEAD_SALT) % mod)
            rws.append(np.arange(n)[has2])
    title_lengths = np.array([len(t) for t in rows.titles], dtype=np.int64)
    if title_lengths.sum():
        per_row = title_lengths[rows.posting]
        title_tokens = np.concatenate([rows.titles[p] for p in rows.posting] or [np.zeros(0)])
        cols.append((title_tokens.astype(np.uint64) ^ _TITLE_SALT) % mod)
        rws.append(np.repeat(np.arange(n), per_row))
    col = np.concatenate(cols).astype(np.int64)
    row = np.concatenate(rws)
    data = np.ones(len(col), dtype=np.float64)
    matrix = sp.csr_matrix((data, (row, col)), shape=(n, n_features))
    matrix.sum_duplicates()
    return matrix


def _dense(rows: SegmentRows, context: bool = False) -> np.ndarray:
    keys = {key: i for i, key in enumerate(sections())}
    n, n_lex = len(rows), len(LEXICON_LABELS)
    out = np.zeros((n, n_lex + len(keys) + 2))
    if n:
        segments = rows.segments
        out[:, :n_lex] = np.log1p(rows.hits.astype(float))
        out[np.arange(n), n_lex + np.array([keys[s.section] for s in segments])] = 1.0
        out[:, -2] = [1.0 if s.heading else 0.0 for s in segments]
        out[:, -1] = np.log1p(rows.lengths) / 4.0
    if context:
        out = np.hstack([out, np.log1p(rows.near.astype(float))])
    return out


class SegmentFeatures(TransformerMixin, BaseEstimator):  # type: ignore[misc]
    """Hashed word and word-pair counts (with the title's words), tf-idf weighted and
    normalised, beside dense lexicon, section, heading and length features."""

    def __init__(
        self,
        n_features: int = 2**18,
        dense_weight: float = 0.5,
        lead: bool = True,
        stems: bool = False,
        context: bool = False,
    ) -> None:
        self.n_features = n_features
        self.dense_weight = dense_weight
        self.lead = lead
        self.stems = stems
        self.context = context

    def fit(self, X: SegmentRows, y: Any = None) -> SegmentFeatures:
        counts = _hashed(X, self.n_features, self.lead, getattr(self, "stems", False))
        df = np.bincount(counts.indices, minlength=self.n_features)
        self.idf_ = np.log((1 + counts.shape[0]) / (1 + df)) + 1.0
        self.n_features_in_ = 1
        return self

    def transform(self, X: SegmentRows) -> sp.csr_matrix:
        counts = _hashed(X, self.n_features, self.lead, getattr(self, "stems", False))
        data = np.log1p(counts.data) * self.idf_[counts.indices]
        per_row = np.diff(counts.indptr)
        row = np.repeat(np.arange(len(per_row)), per_row)
        norms = np.sqrt(np.bincount(row, weights=data * data, minlength=len(per_row)))
        norms[norms == 0] = 1.0
        counts.data = data / norms[row]  # each row scaled to unit length
        dense = sp.csr_matrix(_dense(X, getattr(self, "context", False)) * self.dense_weight)
        return sp.hstack([counts, dense], format="csr")

    def get_feature_names_out(self, input_features: Any = None) -> np.ndarray:
        hashed = [f"hash{i}" for i in range(self.n_features)]
        dense = [f"lexicon_{k}" for k in LEXICON_LABELS]
        dense += [f"section_{k}" for k in sections()] + ["heading", "length"]
        if getattr(self, "context", False):
            dense += [f"{side}_lexicon_{k}" for side in ("before", "after") for k in LEXICON_LABELS]
        return np.array(hashed + dense, dtype=object)
