"""One thing ``jdpillars lint`` found in a draft: ``Finding``, the value every format renders."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Any


class Severity(str, Enum):
    """How much a finding matters; every finding makes ``lint`` exit 1 all the same."""

    error = "error"
    warning = "warning"


@dataclass(frozen=True)
class Finding:
    """A rule's verdict on one place of one file: ``line``/``column`` are 1-based (columns count
    characters), ``start``/``end`` are character offsets into the file's text."""

    rule: str
    name: str
    message: str
    why: str
    fix: str
    file: str
    line: int
    column: int
    end_line: int
    end_column: int
    start: int
    end: int
    severity: Severity

    def sort_key(self) -> tuple[int, int, str]:
        return (self.line, self.column, self.rule)

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "name": self.name,
            "severity": self.severity.value,
            "message": self.message,
            "why": self.why,
            "fix": self.fix,
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "start": self.start,
            "end": self.end,
        }
