"""The progress bar: on stderr only when it is a terminal and not ``--quiet``; rows, rows per
second and time left."""

from __future__ import annotations

import io
import re
import time

import pytest
from rich.console import Console

from jdpillars.batch.progress import BatchProgress, wanted


class Stream(io.StringIO):
    def __init__(self, tty: bool) -> None:
        super().__init__()
        self.tty = tty

    def isatty(self) -> bool:
        return self.tty


@pytest.mark.parametrize(
    ("tty", "quiet", "shown"),
    [(True, False, True), (True, True, False), (False, False, False), (False, True, False)],
)
def test_a_bar_only_on_a_terminal_and_not_when_quiet(tty: bool, quiet: bool, shown: bool) -> None:
    assert wanted(Stream(tty), quiet) is shown


def test_a_stream_without_isatty_gets_no_bar() -> None:
    assert wanted(object(), quiet=False) is False


def shown(bar: BatchProgress) -> str:
    console = Console(file=io.StringIO(), width=120, no_color=True, record=True)
    console.print(bar.renderable())
    return console.export_text()


def test_the_bar_shows_rows_rate_and_time_left() -> None:
    console = Console(file=Stream(tty=True), force_terminal=True, width=120)
    with BatchProgress(console) as bar:
        bar(256, 1_000, 10_000)  # the first call only sets where the run starts
        time.sleep(0.05)
        bar(512, 1_500, 10_000)
        time.sleep(0.05)
        bar(768, 2_000, 10_000)
        text = shown(bar)
    assert "768 rows" in text
    assert re.search(r"\b\d+ rows/s", text)
    assert "20%" in text
    assert re.search(r"\d:\d\d:\d\d", text)  # time left


def test_without_a_total_the_bar_still_counts_rows() -> None:
    console = Console(file=Stream(tty=True), force_terminal=True, width=120)
    with BatchProgress(console) as bar:
        bar(10, 100, None)
        bar(20, 200, None)
        assert "20 rows" in shown(bar)
        assert not re.search(r"\d:\d\d:\d\d", shown(bar))  # no time left without a total
