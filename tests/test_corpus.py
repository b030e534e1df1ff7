"""The .jd corpus format: parsing, offsets, joins, and the errors it reports."""

from __future__ import annotations

import pytest

from jdpillars.corpus import CorpusError, parse

HEADER = """id: t-001
title: Marketing Operations Manager
style: markdown
group: single
mops: yes
shares: pops=0.6 cops=0.2 miops=0.1 devmops=0.1
primary: pops
"""


def test_lines_join_with_newlines_and_offsets_are_exact() -> None:
    posting = parse(
        HEADER + "---\nnone: ## About\npops: Own the Eloqua instance.\n\ncops: Build emails.\n"
    )
    assert posting.text == "## About\nOwn the Eloqua instance.\n\nBuild emails."
    assert [s.label for s in posting.spans] == ["none", "pops", "cops"]
    for span in posting.spans:
        assert posting.text[span.start : span.end] == span.text


def test_continuation_joins_a_sentence_to_the_line_above() -> None:
    posting = parse(HEADER + "---\npops: We run Marketo.\nmiops+ You own the funnel report.\n")
    assert posting.text == "We run Marketo. You own the funnel report."
    assert posting.spans[1].text == "You own the funnel report."
    assert posting.spans[1].start == len("We run Marketo. ")


@pytest.mark.parametrize(("join", "expected"), [("none", "A.•B"), ("space", "A. •B")])
def test_scraped_joins(join: str, expected: str) -> None:
    posting = parse(HEADER + f"join: {join}\n---\ncops: A.\npops: •B\n")
    assert posting.text == expected


def test_shares_and_labels_are_read() -> None:
    posting = parse(HEADER + "---\npops: x\n")
    assert posting.shares == {"pops": 0.6, "cops": 0.2, "miops": 0.1, "devmops": 0.1}
    assert posting.is_mops


@pytest.mark.parametrize(
    ("source", "problem"),
    [
        (HEADER + "pops: no separator\n", "no '---' line"),
        (HEADER + "---\nPOPS: shouting label\n", "unlabeled line"),
        (HEADER + "---\nops: x\n", "unlabeled line"),
        (HEADER + "---\npops:    \n", "labeled line with no text"),
        (HEADER + "---\ncops+ first line continues nothing\n", "continuation on the first"),
        (HEADER + "join: none\n---\npops: a\n\npops: b\n", "blank line"),
        (HEADER.replace("primary: pops\n", "") + "---\npops: x\n", "header lacks primary"),
        (HEADER.replace("pops=0.6", "pops=lots") + "---\npops: x\n", "is not a number"),
        (HEADER.replace(" devmops=0.1", "") + "---\npops: x\n", "missing devmops"),
        (HEADER + "colour: blue\n---\npops: x\n", "unknown header line"),
        (HEADER + "---\n\n", "no text"),
    ],
)
def test_errors_name_the_problem(source: str, problem: str) -> None:
    with pytest.raises(CorpusError, match=problem):
        parse(source)


def test_error_gives_the_line_number() -> None:
    with pytest.raises(CorpusError) as info:
        parse(HEADER + "---\npops: fine\nnot labeled\n")
    assert info.value.line == 10
