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
from jdpillars.features import SegmentFeatures, rows_of
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


def pillar_mass(probs: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """Weighted pillar probability mass of one posting, over PILLARS. Each segment counts by
    its section weight and by how sure the model is that it is pillar work at all, so the
    small pillar probabilities of many blurb lines do not flatten the shares."""
    if not len(probs):
        return np.zeros(len(PILLARS))
    duty = weights * (1.0 - probs[:, len(PILLARS)])
    return np.asarray((duty[:, None] * probs[:, : len(PILLARS)]).sum(axis=0))


def sharpen(mass: np.ndarray, alpha: float) -> np.ndarray:
    total = mass.sum()
    if total <= 0:
        return np.full(len(PILLARS), 1.0 / len(PILLARS))
    powered = (mass / total) ** alpha
    return np.asarray(powered / powered.sum())


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


def combine(
    mass: np.ndarray, title_probs: np.ndarray | None, alpha: float, gamma: float
) -> np.ndarray:
    """Shares from the segments' pillar mass and, when there is a title, its pillar probs."""
    shares = sharpen(mass, alpha)
    if title_probs is None or gamma == 0:
        return shares
    weighed = shares * title_probs**gamma
    return np.asarray(weighed / weighed.sum())


def break_tie(shares: np.ndarray, title_probs: np.ndarray | None, delta: float) -> np.ndarray:
    """When the top two pillars are within ``delta``, the one the title points to comes first
    (the annotation rubric's tie rule): the two swap order around their mean, by a hair."""
    if title_probs is None or delta <= 0:
        return shares
    first, second = np.argsort(-shares)[:2]
    if shares[first] - shares[second] >= delta or title_probs[second] <= title_probs[first]:
        return shares
    result = np.array(shares, dtype=float)
    middle = (shares[first] + shares[second]) / 2
    result[second], result[first] = middle + TIE_MARGIN, middle - TIE_MARGIN
    return result


def posting_features(
    analysis: Analysis,
    probs: np.ndarray,
    weights: np.ndarray,
    shares: np.ndarray,
) -> np.ndarray:
    """The ``is_mops`` model's view of one posting's text (``mops_matrix`` adds the title)."""
    mass = pillar_mass(probs, weights)
    total_weight = max(float(weights.sum()), 1e-9)
    duty = weights > 0
    n_tokens = max(int(analysis.lengths[duty].sum()), 1)
    lexicon_rate = (
        analysis.hits[duty].sum(axis=0) / n_tokens * 100
        if duty.any()
        else np.zeros(len(LEXICON_LABELS))
    )
    confident = float((probs[:, : len(PILLARS)].max(axis=1) > 0.5)[duty].sum()) if len(probs) else 0
    dense = np.concatenate(
        [
            [mass.sum() / total_weight, np.log1p(mass.sum()), np.log1p(confident), shares.max()],
            shares,
            np.log1p(lexicon_rate),
        ]
    )
    return dense


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

    def title_probs(self, titles: Sequence[np.ndarray]) -> list[np.ndarray | None]:
        """Pillar probabilities from each title alone (None where there is no title)."""
        result: list[np.ndarray | None] = [None] * len(titles)
        present = [i for i, t in enumerate(titles) if len(t)]
        if self.title_clf is None or not present:
            return result
        probs = self.title_clf.predict_proba(  # type: ignore[attr-defined]
            title_matrix([titles[i] for i in present])
        )
        order = [list(self.title_clf.classes_).index(p) for p in PILLARS]  # type: ignore[attr-defined]
        for i, row in zip(present, probs[:, order], strict=False):
            result[i] = row
        return result

    def segment_probs(
        self, postings: Sequence[Analysis], titles: Sequence[np.ndarray]
    ) -> list[np.ndarray]:
        rows = rows_of(postings, titles)
        if not len(rows):
            return [np.zeros((0, len(SEGMENT_LABELS))) for _ in postings]
        assert self.features is not None
        X = self.features.transform(rows)
        probs = self.segment_clf.predict_proba(X)  # type: ignore[attr-defined]
        order = [
            list(self.segment_clf.classes_).index(c)  # type: ignore[attr-defined]
            for c in SEGMENT_LABELS
        ]
        probs = probs[:, order]
        bounds = np.cumsum([0] + [len(p.segments) for p in postings])
        return [probs[a:b] for a, b in itertools.pairwise(bounds)]

    def score(
        self, postings: Sequence[Analysis], titles: Sequence[np.ndarray]
    ) -> list[PostingScore]:
        all_probs = self.segment_probs(postings, titles)
        weights = [segment_weights(a.segments) for a in postings]
        shares = [
            break_tie(combine(pillar_mass(p, w), t, self.alpha, self.gamma), t, self.tie_delta)
            for p, w, t in zip(all_probs, weights, self.title_probs(titles), strict=True)
        ]
        feats = np.array(
            [
                posting_features(*args)
                for args in zip(postings, all_probs, weights, shares, strict=False)
            ]
        )
        mops = (
            self.mops_clf.predict_proba(mops_matrix(feats, titles))[:, 1]  # type: ignore[attr-defined]
            if len(feats)
            else np.zeros(0)
        )
        result = []
        for probs, w, m, share in zip(all_probs, weights, mops, shares, strict=False):
            result.append(
                PostingScore(dict(zip(PILLARS, share.tolist(), strict=False)), float(m), probs, w)
            )
        return result
