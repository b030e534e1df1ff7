"""``jdpillars lint``: check a draft posting before it is published.

    from jdpillars.lint import lint_paths, settings
    results = lint_paths(paths, classifier, settings.resolve([]))

Each rule (``registry.RULES``) is a small function of the draft, its ``Report`` and the
``Settings`` that yields ``Finding`` values; the thresholds and word lists live in
``resources/lint.json``. The formats (text, JSON, GitHub annotations, SARIF) render the
``FileResult`` list and never classify.
"""

from jdpillars.lint.engine import FileResult, lint_drafts, lint_paths, lint_text
from jdpillars.lint.finding import Finding, Severity

__all__ = ["FileResult", "Finding", "Severity", "lint_drafts", "lint_paths", "lint_text"]
