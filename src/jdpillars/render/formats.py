"""One way to pick a renderer by format, shared by every candidate-facing command.

A command declares its ``Renderers`` (table, markdown, JSON data and, when it has its own, an
HTML page); ``render`` picks one by ``OutputFormat``. ``table`` gives a rich renderable, the
others a string. Without its own HTML page, a command's table is exported as a page.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from typing import Any, Generic, TypeVar

from rich.console import RenderableType

from jdpillars.definitions import PILLARS
from jdpillars.report import PillarScore, Report

T = TypeVar("T")


class OutputFormat(str, Enum):
    table = "table"
    json = "json"
    markdown = "markdown"
    html = "html"


@dataclass(frozen=True)
class View:
    """How much to show: ``top`` evidence items per pillar; ``full`` text without elision."""

    top: int = 3
    full: bool = False


@dataclass(frozen=True)
class Renderers(Generic[T]):
    table: Callable[[T, View], RenderableType]
    markdown: Callable[[T, View], str]
    data: Callable[[T, View], Any]
    html: Callable[[T, View], str] | None = None
    title: Callable[[T], str] = lambda _: "jdpillars"

    def render(self, fmt: OutputFormat, value: T, view: View) -> str | RenderableType:
        from jdpillars.render.html import renderable_page
        from jdpillars.render.jsonout import dumps

        if fmt is OutputFormat.table:
            return self.table(value, view)
        if fmt is OutputFormat.markdown:
            return self.markdown(value, view)
        if fmt is OutputFormat.json:
            return dumps(self.data(value, view))
        if self.html is not None:
            return self.html(value, view)
        return renderable_page(self.table(value, view), self.title(value))


def limit_evidence(report: Report, top: int) -> Report:
    """The report with at most ``top`` evidence items per pillar (the strongest)."""
    pillars = {
        p: PillarScore(report.pillars[p].share, report.pillars[p].evidence[:top]) for p in PILLARS
    }
    return dataclasses.replace(report, pillars=pillars)
