"""The segmenter: duty-sized pieces from clean and mangled postings, exact offsets."""

from __future__ import annotations

import pytest

from jdpillars.pipeline import analyze, build_nlp
from jdpillars.segmenter import heading_key, segment


def pieces(text: str) -> list[str]:
    return [text[p.start : p.end] for p in segment(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "...campaigns.Manage the Marketo instance•Build reports in Looker",
            ["...campaigns.", "Manage the Marketo instance", "Build reports in Looker"],
        ),
        (
            "Responsibilities:Build the nurture programmes",
            ["Responsibilities:", "Build the nurture programmes"],
        ),
        (
            "Responsibilities: Build SQL reports from the warehouse Help design the stack",
            ["Responsibilities:", "Build SQL reports from the warehouse", "Help design the stack"],
        ),
        (
            "for e-commerce businessesExecute sends on time",
            ["for e-commerce businesses", "Execute sends on time"],
        ),
        (
            "<ul><li>Own the Pardot connector</li><li>QA &amp; launch emails</li></ul>",
            ["Own the Pardot connector", "QA &amp; launch emails"],
        ),
        (
            "- Own routing\r\n* Build forms\r\n\t▪ Report on MQLs",
            ["Own routing", "Build forms", "Report on MQLs"],
        ),
        (
            "Monitor, and QA email campaigns in HubSpot and LinkedIn",
            ["Monitor, and QA email campaigns in HubSpot and LinkedIn"],
        ),
        (
            "Work with tools, e.g. Marketo and Eloqua. Then report.",
            ["Work with tools, e.g. Marketo and Eloqua.", "Then report."],
        ),
    ],
)
def test_mangled_bullets_are_split(text: str, expected: list[str]) -> None:
    assert pieces(text) == expected


def test_offsets_point_into_the_original_text() -> None:
    text = "Intro.\r\n•  Build emails  \n\n1) Own Marketo\tReport weekly"
    for piece in segment(text):
        assert text[piece.start : piece.end].strip() == text[piece.start : piece.end]
        assert piece.end > piece.start


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("## What you'll do", "responsibilities"),
        ("What You’ll Bring:", "requirements"),
        ("**Nice to have**", "nice_to_have"),
        ("Benefits", "benefits"),
        ("ABOUT US", "blurb"),
        ("Location Details:", "other"),
        ("Build emails in Braze for the spring launch", None),
    ],
)
def test_headings(text: str, key: str | None) -> None:
    assert heading_key(text) == key


def test_sections_follow_headings_and_cues() -> None:
    text = (
        "## About us\nWe make bikes.\n## Responsibilities\n- Build nurtures in Marketo\n"
        "## Requirements\n- 3+ years of Eloqua\nWe are an equal opportunity employer.\n"
        "401(k) with a match\n"
    )
    segs = analyze(build_nlp()(text))
    by_text = {s.text: s for s in segs}
    assert by_text["We make bikes."].section == "blurb"
    assert by_text["Build nurtures in Marketo"].section == "responsibilities"
    assert by_text["3+ years of Eloqua"].section == "requirements"
    assert by_text["We are an equal opportunity employer."].section == "legal"
    assert by_text["401(k) with a match"].section == "benefits"
    assert by_text["Responsibilities"].heading


def test_lexicon_hits_count_pillar_phrases() -> None:
    segs = analyze(build_nlp()("Report on funnel metrics in Tableau\nWrite Python against the API"))
    report, code = segs
    assert report.hits[2] >= 3  # miops: report, funnel metrics / metrics, tableau
    assert code.hits[3] >= 2  # devmops: python, api
    assert code.hits[2] == 0 and report.hits[3] == 0
