"""Classify chunks of records into output items, wherever it runs: in the CLI's process, in a
joblib worker, or on a Dask worker. Each process loads the model once and keeps it here
(``classifier_for``), so a worker pays for loading only before its first chunk.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jdpillars.batch.records import Record
from jdpillars.batch.summary import NO_PRIMARY, ChunkResult
from jdpillars.render.rows import report_row
from jdpillars.report import Report, failed

if TYPE_CHECKING:
    from jdpillars.classifier import Classifier

# Our pipeline has no parser or NER, so spaCy's 1,000,000-character guard (there for their
# memory) does not apply: a posting of several megabytes is still classified.
MAX_CHARS = 50_000_000

_classifiers: dict[str, Classifier] = {}
_lock = threading.Lock()  # a Dask worker may run tasks on several threads


def classifier_for(model: str | None) -> Classifier:
    """This process's classifier for ``model`` (None: the default), loaded on first use."""
    key = model or ""
    with _lock:
        clf = _classifiers.get(key)
        if clf is None:
            from jdpillars.classifier import Classifier

            clf = Classifier(Path(model) if model else None)
            adopt(clf, model)
        return clf


def adopt(clf: Classifier, model: str | None = None) -> None:
    """Use an already loaded classifier for ``model`` in this process (tests, library users)."""
    clf.nlp.max_length = max(clf.nlp.max_length, MAX_CHARS)
    _classifiers[model or ""] = clf


# Classified once when a process loads the model: a model that cannot classify (its code and
# its file out of step, say) stops the run with one line, instead of failing every row.
PROBE = "Own the Marketo instance and the lead routing; build the campaign dashboards."


def warm(model: str | None) -> float:
    """Load the model in this process and try it on ``PROBE``; the seconds it took (0 when
    it was loaded already). Raises ``ModelError`` when the model cannot be used."""
    from jdpillars.modeldir import ModelError

    start = time.perf_counter()
    clf = classifier_for(model)
    try:
        clf.classify(PROBE)
    except Exception as exc:  # whatever breaks here would break every posting
        raise ModelError(f"the model cannot classify: {type(exc).__name__}: {exc}") from None
    return time.perf_counter() - start


def _one(clf: Classifier, record: Record, top: int) -> Report:
    try:
        return clf.classify(record.text, title=record.title, id=record.id, top=top)
    except Exception as exc:  # one posting must never stop the run: it becomes an error row
        why = f"classification failed: {type(exc).__name__}: {exc}"
        return failed(why[:300], id=record.id, title=record.title, text=record.text, model=clf.name)


def classify_records(clf: Classifier, records: Sequence[Record], top: int) -> list[Report]:
    """One report per record, in order; records that could not be read get error reports,
    and a record's reading warnings are added to its report."""
    from jdpillars.classifier import Job

    readable = [r for r in records if r.error is None]
    try:
        done = iter(
            list(clf.classify_many([Job(r.text, r.title, r.id) for r in readable], top=top))
        )
    except Exception:  # find the posting that fails, classify the others
        done = iter([_one(clf, r, top) for r in readable])
    reports = []
    for record in records:
        if record.error is not None:
            report = failed(
                record.error, id=record.id, title=record.title, text=record.text, model=clf.name
            )
        else:
            report = next(done)
        if record.warnings:
            report = replace(report, warnings=report.warnings + record.warnings)
        reports.append(report)
    return reports


def flat_row(record: Record, report: Report) -> tuple[Any, ...]:
    return (record.row, *report_row(report).values())


def json_line(record: Record, report: Report) -> str:
    return json.dumps({"row": record.row, **report.to_dict()}, ensure_ascii=False)


def classify_chunk(records: Sequence[Record], model: str | None, top: int, fmt: str) -> ChunkResult:
    """Classify ``records`` and render them for ``fmt``: a JSON line each for JSONL, a flat
    row tuple (``row`` first) for CSV and Parquet."""
    reports = classify_records(classifier_for(model), records, top)
    render = json_line if fmt == "jsonl" else flat_row
    return ChunkResult(
        items=[render(rec, rep) for rec, rep in zip(records, reports, strict=True)],
        errors=sum(r.error is not None for r in reports),
        warnings=sum(bool(r.warnings) for r in reports),
        primaries=tuple(r.primary or NO_PRIMARY for r in reports if r.error is None),
    )
