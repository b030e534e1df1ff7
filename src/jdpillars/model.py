"""The trained model: a segment classifier, the share aggregation and the ``is_mops`` model.

A posting's pillar shares are the section- and duty-weighted sum of its segments' pillar
probabilities, sharpened by ``alpha``, then weighed against what the title alone suggests
(a small title classifier, raised to ``gamma``; no title, no weighing), and normalised; when
the top two are within ``tie_delta``, the one the title points to comes first.
``alpha``, ``gamma`` and ``tie_delta`` are fitted on the training postings. ``is_mops`` comes from
a calibrated logistic regression over posting-level features: how much of the weighted text is
pillar work, the shares, the off-topic lexicon rate and the words of the title.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp
from sklearn.base import BaseEstimator, ClassifierMixin

from jdpillars.definitions import PILLARS, SEGMENT_LABELS
from jdpillars.features import SegmentFeatures, SegmentRows, rows_of
from jdpillars.pipeline import LEXICON_LABELS, Analysis, Segment
from jdpillars.sections import weights as section_weights

TITLE_BUCKETS = 2**12
TIE_MARGIN = 0.005
_PAIR = np.uint64(0x9E3779B97F4A7C15)


@dataclass(frozen=True)
class PostingScore:
    shares: dict[str, float]
    is_mops: float
    segment_probs: np.ndarray  # (n_segments, len(SEGMENT_LABELS))
    weights: np.ndarray  # each segment's section weight


def segment_weights(segments: Sequence[Segment]) -> np.ndarray:
    """Each segment's section weight; headings count for nothing."""
    weights = section_weights()
    return np.array([0.0 if s.heading else weights[s.section] for s in segments])


@dataclass(frozen=True)
class Segments:
    """The segments of ``n`` postings, flattened: row ``i`` belongs to posting ``owner[i]``.
    The aggregation works on all of them at once; one numpy call per posting would cost more
    than the arithmetic."""

    probs: np.ndarray  # (rows, len(SEGMENT_LABELS))
    weights: np.ndarray  # each segment's section weight
    owner: np.ndarray
    n: int

    @classmethod
    def of(cls, probs: Sequence[np.ndarray], weights: Sequence[np.ndarray]) -> Segments:
        counts = [len(p) for p in probs]
        return cls(
            np.concatenate([*probs, np.zeros((0, len(SEGMENT_LABELS)))]),
            np.concatenate([*weights, np.zeros(0)]),
            np.repeat(np.arange(len(probs)), counts),
            len(probs),
        )

    def total(self, values: np.ndarray) -> np.ndarray:
        """Per posting sums of per-segment ``values`` (rows, k) -> (n, k)."""
        return np.stack(
            [np.bincount(self.owner, weights=col, minlength=self.n) for col in values.T], axis=1
        )


def pillar_mass(segs: Segments) -> np.ndarray:
    """Weighted pillar probability mass of each posting, over PILLARS. Each segment counts by
    its section weight and by how sure the model is that it is pillar work at all, so the
    small pillar probabilities of many blurb lines do not flatten the shares."""
    k = len(PILLARS)
    duty = segs.weights * (1.0 - segs.probs[:, k])
    return segs.total(duty[:, None] * segs.probs[:, :k]).reshape(segs.n, k)


def sharpen(mass: np.ndarray, alpha: float) -> np.ndarray:
    """Each row of masses as shares, raised to ``alpha``; even shares for a row of zeros."""
    total = mass.sum(axis=1, keepdims=True)
    empty = total[:, 0] <= 0
    powered = (mass / np.where(total > 0, total, 1.0)) ** alpha
    powered[empty] = 1.0
    return np.asarray(powered / powered.sum(axis=1, keepdims=True))


def title_matrix(titles: Sequence[np.ndarray]) -> sp.csr_matrix:
    """One row per title: its hashed words and word pairs, binary."""
    mod = np.uint64(TITLE_BUCKETS)
    rows, cols = [], []
    for i, title in enumerate(titles):
        words = title.astype(np.uint64)
        cols += [words % mod, (words[:-1] * _PAIR + words[1:]) % mod]
        rows.append(np.full(2 * len(words) - 1 if len(words) else 0, i))
    col = np.concatenate(cols or [np.zeros(0, np.uint64)]).astype(np.int64)
    row = np.concatenate(rows or [np.zeros(0, np.int64)])
    matrix = sp.csr_matrix((np.ones(len(col)), (row, col)), shape=(len(titles), TITLE_BUCKETS))
    matrix.sum_duplicates()
    matrix.data[:] = 1.0
    return matrix


def combine(mass: np.ndarray, title_probs: np.ndarray, alpha: float, gamma: float) -> np.ndarray:
    """Shares from the postings' pillar mass, weighed by their titles' pillar probabilities
    (a row of ones where there is no title)."""
    shares = sharpen(mass, alpha)
    if gamma == 0:
        return shares
    weighed = shares * title_probs**gamma
    return np.asarray(weighed / weighed.sum(axis=1, keepdims=True))


def break_tie(
    shares: np.ndarray, title_probs: np.ndarray, has_title: np.ndarray, delta: float
) -> np.ndarray:
    """When the top two pillars are within ``delta``, the one the title points to comes first
    (the annotation rubric's tie rule): the two swap order around their mean, by a hair."""
    if delta <= 0 or not len(shares):
        return shares
    order = np.argsort(-shares, axis=1, kind="stable")
    rows = np.arange(len(shares))
    first, second = order[:, 0], order[:, 1]
    swap = (
        has_title
        & (shares[rows, first] - shares[rows, second] < delta)
        & (title_probs[rows, second] > title_probs[rows, first])
    )
    result = np.array(shares, dtype=float)
    middle = (shares[rows, first] + shares[rows, second]) / 2
    result[rows[swap], second[swap]] = middle[swap] + TIE_MARGIN
    result[rows[swap], first[swap]] = middle[swap] - TIE_MARGIN
    return result


def posting_features(
    segs: Segments, lengths: np.ndarray, hits: np.ndarray, shares: np.ndarray
) -> np.ndarray:
    """The ``is_mops`` model's view of each posting's text (``mops_matrix`` adds the title):
    ``lengths`` and ``hits`` are the segments' word counts and lexicon hits, row for row."""
    k = len(PILLARS)
    mass = pillar_mass(segs).sum(axis=1)
    duty = (segs.weights > 0).astype(float)
    confident = (segs.probs[:, :k].max(axis=1) > 0.5) * duty if len(segs.probs) else duty
    sums = segs.total(
        np.column_stack([segs.weights, lengths * duty, confident, hits * duty[:, None]])
    ).reshape(segs.n, 3 + len(LEXICON_LABELS))
    total_weight = np.maximum(sums[:, 0], 1e-9)
    lexicon_rate = sums[:, 3:] / np.maximum(sums[:, 1], 1.0)[:, None] * 100
    return np.column_stack(
        [
            mass / total_weight,
            np.log1p(mass),
            np.log1p(sums[:, 2]),
            shares.max(axis=1),
            shares,
            np.log1p(lexicon_rate),
        ]
    )


def mops_matrix(dense: np.ndarray, titles: Sequence[np.ndarray]) -> sp.csr_matrix:
    """The ``is_mops`` model's input: ``posting_features`` rows beside the titles' words."""
    return sp.hstack([sp.csr_matrix(dense), title_matrix(titles)], format="csr")


class PillarModel(ClassifierMixin, BaseEstimator):  # type: ignore[misc]
    """Container of the fitted parts; ``score`` turns analysed postings into ``PostingScore``s.

    It is assembled by ``jdpillars.training``, which fits each part on its own data."""

    def __init__(
        self,
        features: SegmentFeatures | None = None,
        segment_clf: object = None,
        mops_clf: object = None,
        alpha: float = 1.0,
        title_clf: object = None,
        gamma: float = 0.0,
        tie_delta: float = 0.0,
    ) -> None:
        self.features = features
        self.segment_clf = segment_clf
        self.mops_clf = mops_clf
        self.alpha = alpha
        self.title_clf = title_clf
        self.gamma = gamma
        self.tie_delta = tie_delta

    def title_probs(self, titles: Sequence[np.ndarray]) -> np.ndarray:
        """Pillar probabilities from each title alone (a row of ones where there is none)."""
        result = np.ones((len(titles), len(PILLARS)))
        present = [i for i, t in enumerate(titles) if len(t)]
        if self.title_clf is None or not present:
            return result
        probs = self.title_clf.predict_proba(  # type: ignore[attr-defined]
            title_matrix([titles[i] for i in present])
        )
        order = [list(self.title_clf.classes_).index(p) for p in PILLARS]  # type: ignore[attr-defined]
        result[present] = probs[:, order]
        return result

    def segment_probs(
        self,
        postings: Sequence[Analysis],
        titles: Sequence[np.ndarray],
        weights: Sequence[np.ndarray] | None = None,
    ) -> list[np.ndarray]:
        """Each posting's segment probabilities over SEGMENT_LABELS. With ``weights``, the
        segments that count for nothing (headings, benefits, legal text) are not scored: they
        get ``none``."""
        rows = rows_of(postings, titles)
        keep = (
            np.concatenate([*weights, np.zeros(0)]) > 0
            if weights is not None
            else np.ones(len(rows), dtype=bool)
        )
        bounds = np.cumsum([0] + [len(p.segments) for p in postings])
        probs = self._row_probs(rows, keep)
        return [probs[a:b] for a, b in itertools.pairwise(bounds)]

    def _row_probs(self, rows: SegmentRows, keep: np.ndarray) -> np.ndarray:
        """Probabilities over SEGMENT_LABELS of the rows where ``keep``; ``none`` elsewhere."""
        probs = np.zeros((len(rows), len(SEGMENT_LABELS)))
        probs[:, -1] = 1.0
        if keep.any():
            assert self.features is not None
            X = self.features.transform(rows.take(keep) if not keep.all() else rows)
            found = self.segment_clf.predict_proba(X)  # type: ignore[attr-defined]
            order = [
                list(self.segment_clf.classes_).index(c)  # type: ignore[attr-defined]
                for c in SEGMENT_LABELS
            ]
            probs[keep] = found[:, order]
        return probs

    def score(
        self, postings: Sequence[Analysis], titles: Sequence[np.ndarray]
    ) -> list[PostingScore]:
        rows = rows_of(postings, titles)
        weights = [segment_weights(a.segments) for a in postings]
        flat_weights = np.concatenate([*weights, np.zeros(0)])
        segs = Segments(
            self._row_probs(rows, flat_weights > 0), flat_weights, rows.posting, len(postings)
        )
        title_probs = self.title_probs(titles)
        has_title = np.array([len(t) > 0 for t in titles], dtype=bool)
        shares = break_tie(
            combine(pillar_mass(segs), title_probs, self.alpha, self.gamma),
            title_probs,
            has_title & (self.title_clf is not None),
            self.tie_delta,
        )
        feats = posting_features(segs, rows.lengths, rows.hits, shares)
        mops = (
            self.mops_clf.predict_proba(mops_matrix(feats, titles))[:, 1]  # type: ignore[attr-defined]
            if len(feats)
            else np.zeros(0)
        )
        bounds = np.cumsum([0] + [len(a.segments) for a in postings])
        probs = [segs.probs[a:b] for a, b in itertools.pairwise(bounds)]
        return [
            PostingScore(dict(zip(PILLARS, share, strict=True)), m, p, w)
            for p, w, m, share in zip(probs, weights, mops.tolist(), shares.tolist(), strict=True)
        ]
