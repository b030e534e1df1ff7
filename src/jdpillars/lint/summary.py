"""Counts over a run's results, shared by the formats, and the run's exit code."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

from jdpillars.lint.engine import FileResult

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def summary(results: Sequence[FileResult]) -> dict[str, Any]:
    rules = Counter(f.rule for r in results for f in r.findings)
    return {
        "files": len(results),
        "clean": sum(1 for r in results if r.error is None and not r.findings),
        "with_findings": sum(1 for r in results if r.findings),
        "errors": sum(1 for r in results if r.error is not None),
        "findings": sum(rules.values()),
        "by_rule": dict(sorted(rules.items())),
    }


def exit_code(results: Sequence[FileResult]) -> int:
    """2 when a file could not be linted, else 1 with findings, else 0."""
    if any(r.error is not None for r in results):
        return EXIT_ERROR
    return EXIT_FINDINGS if any(r.findings for r in results) else EXIT_CLEAN
