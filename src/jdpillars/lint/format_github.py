"""``--format github``: GitHub Actions workflow commands, one annotation per finding."""

from __future__ import annotations

from collections.abc import Sequence

from jdpillars.lint.engine import FileResult
from jdpillars.lint.finding import Severity

LEVELS = {Severity.error: "error", Severity.warning: "warning"}


def _data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(value: str) -> str:
    return _data(value).replace(":", "%3A").replace(",", "%2C")


def render_github(results: Sequence[FileResult]) -> str:
    lines = []
    for r in results:
        if r.error is not None:
            lines.append(
                f"::error file={_property(r.file)},title=jdpillars::{_data(f'{r.file}: {r.error}')}"
            )
        for f in r.findings:
            props = (
                f"file={_property(f.file)},line={f.line},col={f.column},"
                f"endLine={f.end_line},endColumn={f.end_column},"
                f"title={_property(f'{f.rule} {f.name}')}"
            )
            lines.append(
                f"::{LEVELS[f.severity]} {props}::{_data(f'{f.rule} {f.message}. Fix: {f.fix}')}"
            )
    return "\n".join(lines)
