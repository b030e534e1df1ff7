"""``--format sarif``: SARIF 2.1.0, the format code-scanning tools (GitHub code scanning,
IDE viewers) accept: one run, the rules in the driver, one result per finding."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import PurePath
from typing import Any

from jdpillars import __version__
from jdpillars.lint import catalogue
from jdpillars.lint.engine import FileResult
from jdpillars.lint.finding import Finding, Severity

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {Severity.error: "error", Severity.warning: "warning"}


def uri(file: str) -> str:
    """A relative path as a relative URI reference; an absolute one as a file:// URI."""
    path = PurePath(file)
    if path.is_absolute():
        return path.as_uri()
    return path.as_posix().replace("%", "%25").replace(" ", "%20").replace("#", "%23")


def _rule(rid: str) -> dict[str, Any]:
    doc = catalogue.rules()[rid]
    return {
        "id": rid,
        "name": doc.name,
        "shortDescription": {"text": doc.summary},
        "fullDescription": {"text": doc.why},
        "help": {"text": f"{doc.fix} (jdpillars lint --explain {rid})"},
        "defaultConfiguration": {"level": LEVELS[doc.severity]},
    }


def _result(f: Finding, index: dict[str, int]) -> dict[str, Any]:
    return {
        "ruleId": f.rule,
        "ruleIndex": index[f.rule],
        "level": LEVELS[f.severity],
        "message": {"text": f"{f.message}. Fix: {f.fix}"},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": {"uri": uri(f.file)},
                    "region": {
                        "startLine": f.line,
                        "startColumn": f.column,
                        "endLine": f.end_line,
                        "endColumn": f.end_column,
                        "charOffset": f.start,
                        "charLength": f.end - f.start,
                    },
                },
            }
        ],
    }


def render_sarif(results: Sequence[FileResult]) -> str:
    rules = list(catalogue.rules())
    index = {rid: i for i, rid in enumerate(rules)}
    notes = [
        {
            "level": "error",
            "message": {"text": f"{r.file}: {r.error}"},
            "locations": [{"physicalLocation": {"artifactLocation": {"uri": uri(r.file)}}}],
        }
        for r in results
        if r.error is not None
    ]
    log = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "jdpillars",
                        "version": __version__,
                        "rules": [_rule(rid) for rid in rules],
                    }
                },
                "columnKind": "unicodeCodePoints",
                "invocations": [
                    {"executionSuccessful": not notes, "toolExecutionNotifications": notes}
                ],
                "results": [_result(f, index) for r in results for f in r.findings],
            }
        ],
    }
    return json.dumps(log, indent=2, ensure_ascii=False)
