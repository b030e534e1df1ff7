"""The model's parts that are plain arithmetic: stems, skipped segments, the aggregation."""

from __future__ import annotations

import numpy as np
import pytest

from jdpillars.classifier import Classifier
from jdpillars.features import rows_of
from jdpillars.model import Segments, break_tie, combine, pillar_mass, segment_weights
from jdpillars.pipeline import analyze, title_hashes
from jdpillars.tokenizer import stem


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("Implementations", "implement"),
        ("implementing", "implement"),
        ("reports", "report"),
        ("Marketo", "marketo"),  # no common ending
        ("uses", "uses"),  # too short to cut
    ],
)
def test_stems(word: str, expected: str) -> None:
    assert stem(word) == expected


def test_segments_that_count_for_nothing_are_not_scored() -> None:
    classifier = Classifier()
    text = (
        "## Responsibilities\nOwn the Marketo instance\nBuild nurture emails\n"
        "## Benefits\nHealth insurance and a pension\n"
    )
    analysis = analyze(classifier._process(text))
    titles = [title_hashes(classifier.nlp, None)]
    weights = [segment_weights(analysis.segments)]
    everything = classifier.model.segment_probs([analysis], titles)[0]
    counted = classifier.model.segment_probs([analysis], titles, weights)[0]
    zero = weights[0] == 0
    assert zero.sum() == 3  # two headings and the benefits line
    assert np.allclose(counted[zero], [0, 0, 0, 0, 1])
    assert np.allclose(counted[~zero], everything[~zero])
    assert not np.allclose(everything[zero], counted[zero])


def test_aggregation_by_posting() -> None:
    # two postings: one of two segments (pops; cops at half weight), one with no segments
    probs = [np.array([[0.8, 0.1, 0.0, 0.0, 0.1], [0.0, 1.0, 0.0, 0.0, 0.0]]), np.zeros((0, 5))]
    segs = Segments.of(probs, [np.array([1.0, 0.5]), np.zeros(0)])
    mass = pillar_mass(segs)
    assert np.allclose(mass[0], [0.72, 0.09 + 0.5, 0, 0])
    assert np.allclose(mass[1], 0)
    shares = combine(mass, np.ones((2, 4)), alpha=1.0, gamma=0.5)
    assert np.allclose(shares.sum(axis=1), 1)
    assert np.allclose(shares[1], 0.25)  # nothing found: even shares
    # a near tie goes the title's way, only where there is a title
    tied = np.array([[0.40, 0.38, 0.12, 0.10], [0.40, 0.38, 0.12, 0.10]])
    title = np.array([[0.1, 0.7, 0.1, 0.1], [0.1, 0.7, 0.1, 0.1]])
    broken = break_tie(tied, title, np.array([True, False]), delta=0.05)
    assert broken[0].argmax() == 1 and broken[1].argmax() == 0
    assert np.isclose(broken[0].sum(), 1)


def test_neighbour_hits_stay_in_their_posting_and_survive_dropped_rows() -> None:
    classifier = Classifier()
    texts = [
        "## Responsibilities\nOwn the Marketo instance\nBuild dashboards in Tableau",
        "Write Python scripts against the Marketo REST API",
    ]
    analyses = [analyze(classifier._process(t)) for t in texts]
    rows = rows_of(analyses, [title_hashes(classifier.nlp, None)] * 2)
    k = rows.hits.shape[1]
    assert rows.near.shape == (len(rows), 2 * k)
    # each row's "before" half is the previous row's hits, its "after" half the next one's
    for i in range(1, len(rows) - 1):
        if rows.posting[i - 1] == rows.posting[i]:
            assert (rows.near[i, :k] == rows.hits[i - 1]).all()
        if rows.posting[i + 1] == rows.posting[i]:
            assert (rows.near[i, k:] == rows.hits[i + 1]).all()
    # the first posting's last row has no "after"; the second posting's first row no "before"
    last = int(np.flatnonzero(rows.posting == 0)[-1])
    assert rows.hits[last + 1].any() and not rows.near[last, k:].any()
    assert rows.hits[last].any() and not rows.near[last + 1, :k].any()
    # dropping the heading keeps what the next row saw before it
    keep = np.array([not s.heading for s in rows.segments])
    assert (rows.take(keep).near == rows.near[keep]).all()
