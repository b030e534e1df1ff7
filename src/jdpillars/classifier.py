"""The library's front door: ``Classifier(model_dir).classify(text) -> Report``.

Loading is the slow part (spaCy, scikit-learn, the model file): load once, classify many;
``classify_many`` batches postings through spaCy and the model together.
"""

from __future__ import annotations

import gc
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jdpillars.definitions import PILLARS
from jdpillars.report import Evidence, PillarScore, Report, SectionSpan, failed
from jdpillars.verdict import describe

if TYPE_CHECKING:  # the pipeline imports spaCy and numpy: only where the work happens
    from spacy.tokens import Doc

    from jdpillars.model import PostingScore
    from jdpillars.modeldir import ModelDir
    from jdpillars.pipeline import Segment

DEFAULT_TOP = 3
EVIDENCE_FLOOR = 0.35  # a segment is evidence for a pillar when its probability reaches this


@dataclass(frozen=True)
class Job:
    """One posting to classify."""

    text: str
    title: str | None = None
    id: str | None = None


def problem(text: str) -> str | None:
    """Why a text cannot be classified, or None when it can."""
    if "\x00" in text:
        return "binary content (NUL bytes)"
    if not text.strip():
        return "empty text"
    if not any(ch.isalpha() for ch in text):
        return "no words in the text"
    return None


def _sections(segments: Sequence[Segment], length: int) -> tuple[SectionSpan, ...]:
    spans: list[SectionSpan] = []
    for seg in segments:
        name, start = seg.section, seg.start
        if spans and spans[-1].name == name:
            continue
        if spans:
            spans[-1] = SectionSpan(spans[-1].name, spans[-1].start, start)
        spans.append(SectionSpan(name, start, length))
    return tuple(spans)


class Classifier:
    def __init__(self, model_dir: Path | None = None) -> None:
        from jdpillars.modeldir import load_model, resolve

        model, loaded = load_model(resolve(model_dir))
        self.model_dir: ModelDir | None = loaded
        self._use(model, loaded.name)
        # The model and spaCy's vocabulary are some 200,000 objects that live as long as the
        # process: leave them out of the garbage collector's full passes, which otherwise
        # rescan them all every few batches (about 5% of classifying time).
        gc.freeze()

    @classmethod
    def from_model(cls, model: object, name: str) -> Classifier:
        """A classifier over a fitted model still in memory (training evaluates it so)."""
        classifier = cls.__new__(cls)
        classifier.model_dir = None
        classifier._use(model, name)
        return classifier

    def _use(self, model: object, name: str) -> None:
        from jdpillars.pipeline import build_nlp

        self.model: Any = model
        self.nlp = build_nlp()
        self._procs = [proc for _, proc in self.nlp.pipeline]
        self.name = name

    def _process(self, text: str) -> Doc:
        """``nlp(text)`` without the bookkeeping of ``nlp.pipe`` (our components need none)."""
        doc = self.nlp.make_doc(text)
        for proc in self._procs:
            doc = proc(doc)
        return doc

    def classify(
        self, text: str, *, title: str | None = None, id: str | None = None, top: int = DEFAULT_TOP
    ) -> Report:
        return next(self.classify_many([Job(text, title, id)], top=top))

    def classify_many(
        self, jobs: Iterable[Job], *, top: int = DEFAULT_TOP, batch_size: int = 128
    ) -> Iterator[Report]:
        """One report per job, in order; a job that cannot be classified gets an error report.
        Postings go through spaCy and the model ``batch_size`` at a time: the model's cost per
        call is amortised over a batch, and memory stays bounded."""
        it = iter(jobs)
        while batch := list(islice(it, batch_size)):
            yield from self._batch(batch, top)

    def _batch(self, jobs: list[Job], top: int) -> list[Report]:
        from jdpillars.pipeline import analyze, title_hashes

        reports: list[Report | None] = []
        good: list[int] = []
        for i, job in enumerate(jobs):
            why = problem(job.text)
            reports.append(
                failed(why, id=job.id, title=job.title, text=job.text, model=self.name)
                if why
                else None
            )
            if not why:
                good.append(i)
        docs = (self._process(jobs[i].text) for i in good)
        analyses = [analyze(doc) for doc in docs]
        titles = [title_hashes(self.nlp, jobs[i].title) for i in good]
        scores = self.model.score(analyses, titles)
        for i, analysis, score in zip(good, analyses, scores, strict=False):
            reports[i] = self._report(jobs[i], analysis.segments, score, top)
        return [r for r in reports if r is not None]

    def _report(
        self, job: Job, segments: Sequence[Segment], score: PostingScore, top: int
    ) -> Report:
        probs = score.segment_probs
        weights = score.weights
        import numpy as np

        strength = probs[:, : len(PILLARS)] * weights[:, None]
        strength[(weights <= 0)[:, None] | (probs[:, : len(PILLARS)] < EVIDENCE_FLOOR)] = 0.0
        order = np.argsort(-strength, axis=0, kind="stable")[:top].T.tolist()
        values = strength.T.tolist()  # plain floats: no numpy scalars in the loop below
        pillars = {}
        for k, pillar in enumerate(PILLARS):
            evidence = tuple(
                Evidence(seg.text, seg.start, seg.end, values[k][j], seg.section)
                for j, seg in ((j, segments[j]) for j in order[k])
                if values[k][j] > 0
            )
            pillars[pillar] = PillarScore(score.shares[pillar], evidence)
        any_evidence = any(pillars[p].evidence for p in PILLARS)
        shares = {p: pillars[p].share for p in PILLARS}
        primary = max(PILLARS, key=lambda p: shares[p]) if any_evidence else None
        if not any_evidence:
            pillars = {p: PillarScore(0.25) for p in PILLARS}
            shares = {p: 0.25 for p in PILLARS}
        is_mops = float(score.is_mops)
        return Report(
            id=job.id,
            title=job.title,
            text=job.text,
            is_mops=is_mops,
            primary=primary,
            verdict=describe(shares, primary, is_mops),
            pillars=pillars,
            model=self.name,
            sections=_sections(segments, len(job.text)),
        )
