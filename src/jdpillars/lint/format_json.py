"""``--format json``: every finding with all its fields, then each file's Report."""

from __future__ import annotations

import json
from collections.abc import Sequence

from jdpillars.lint.engine import FileResult
from jdpillars.lint.summary import summary


def render_json(results: Sequence[FileResult]) -> str:
    data = {
        "findings": [f.to_dict() for r in results for f in r.findings],
        "files": [
            {
                "file": r.file,
                "error": r.error,
                "findings": len(r.findings),
                "report": None if r.report is None else r.report.to_dict(),
            }
            for r in results
        ],
        "summary": summary(results),
    }
    return json.dumps(data, indent=2, ensure_ascii=False)
