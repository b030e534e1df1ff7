"""``lint``: read drafts, classify them in one batch, run the rules; data in, data out."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from jdpillars.lint.draft import Draft, DraftError, read_draft
from jdpillars.lint.evidence import EVIDENCE_TOP
from jdpillars.lint.finding import Finding
from jdpillars.lint.registry import check
from jdpillars.lint.settings import Settings
from jdpillars.report import Report

if TYPE_CHECKING:
    from jdpillars.classifier import Classifier


@dataclass(frozen=True)
class FileResult:
    """One file's outcome: its findings and Report, or the error that stopped it."""

    file: str
    findings: tuple[Finding, ...] = ()
    report: Report | None = None
    error: str | None = None


def lint_drafts(
    drafts: Sequence[Draft], classifier: Classifier, settings: Settings
) -> list[FileResult]:
    from jdpillars.classifier import Job

    jobs = [Job(d.text, d.title, d.file) for d in drafts]
    results = []
    for draft, report in zip(drafts, classifier.classify_many(jobs, top=EVIDENCE_TOP), strict=True):
        if report.error is not None:
            results.append(FileResult(draft.file, report=report, error=report.error))
        else:
            results.append(FileResult(draft.file, check(draft, report, settings), report))
    return results


def lint_text(
    text: str, classifier: Classifier, settings: Settings, file: str = "<text>"
) -> FileResult:
    return lint_drafts([Draft(file, text)], classifier, settings)[0]


def lint_paths(
    paths: Sequence[Path], classifier: Classifier, settings: Settings
) -> list[FileResult]:
    """One result per path, in order; unreadable files get an error result."""
    drafts: list[Draft] = []
    errors: dict[int, str] = {}
    for i, path in enumerate(paths):
        try:
            drafts.append(read_draft(path))
        except DraftError as exc:
            errors[i] = str(exc)
    linted = iter(lint_drafts(drafts, classifier, settings))
    return [
        FileResult(str(path), error=errors[i]) if i in errors else next(linted)
        for i, path in enumerate(paths)
    ]
