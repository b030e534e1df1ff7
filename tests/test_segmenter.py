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
        (  # bullets glued with a hyphen, but not hyphenated names
            "Merge duplicate profiles-Pull weekly numbers via the REST API-Build webhooks",
            ["Merge duplicate profiles", "Pull weekly numbers via the REST API", "Build webhooks"],
        ),
        (
            "Own the Marketo-Salesforce sync for our e-Commerce site",
            ["Own the Marketo-Salesforce sync for our e-Commerce site"],
        ),
        (  # a heading glued after the last duty, with no punctuation
            "Report on leads in Power BI Your profile Degree in economics",
            ["Report on leads in Power BI", "Your profile", "Degree in economics"],
        ),
        (
            "Spot anomalies in spend before a bad weekWhat we're looking for:•SQL",
            ["Spot anomalies in spend before a bad week", "What we're looking for:", "SQL"],
        ),
        (  # ... but a heading's own words are not cut apart
            "Essential Duties and Responsibilities\nCompensation and Benefits:",
            ["Essential Duties and Responsibilities", "Compensation and Benefits:"],
        ),
        (  # line breaks the scraper turned into two spaces, plain or no-break
            "Present to leadership teams\xa0 Proficient in SQL  Paid holidays",
            ["Present to leadership teams", "Proficient in SQL", "Paid holidays"],
        ),
        (  # ... but not before a lower-case word
            "Use Marketo  to build emails.",
            ["Use Marketo  to build emails."],
        ),
        (  # bullets run together after a bracket or as " -Item"
            "Point of sale data (Spins, Nielsen) Experience managing projects: -Deep "
            "understanding of channels -Creating programs",
            [
                "Point of sale data (Spins, Nielsen)",
                "Experience managing projects:",
                "Deep understanding of channels",
                "Creating programs",
            ],
        ),
        (  # an abbreviation in brackets ends no sentence
            "Join data from warehouses (e.g. Redshift) and BI tools (e.g. Looker). Report.",
            ["Join data from warehouses (e.g. Redshift) and BI tools (e.g. Looker).", "Report."],
        ),
        (  # ... and a list's own number or bullet is no piece
            "3.  You own the Eloqua instance\n*   You build the forms",
            ["You own the Eloqua instance", "You build the forms"],
        ),
    ],
)
def test_mangled_bullets_are_split(text: str, expected: list[str]) -> None:
    assert pieces(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # a heading glued to the first duty with no colon or break
            "What You’ll Do Build nurtures in Marketo",
            [("What You’ll Do", "responsibilities"), ("Build nurtures in Marketo", None)],
        ),
        (
            "ecommerce experience.Responsibilities Develop dashboards",
            [
                ("ecommerce experience.", None),  # a fragment, not the "experience" heading
                ("Responsibilities", "responsibilities"),
                ("Develop dashboards", None),
            ],
        ),
        (  # glued camel-case after a short word, and the longest heading name wins
            "Who We AreFor 25 years we have made bikes.Who We Are Looking ForAn owner of Eloqua",
            [
                ("Who We Are", "blurb"),
                ("For 25 years we have made bikes.", None),
                ("Who We Are Looking For", "requirements"),
                ("An owner of Eloqua", None),
            ],
        ),
        (  # a heading's name and more words, marked by the colon
            "Bonus points for: Experience with Looker",
            [("Bonus points for:", "nice_to_have"), ("Experience with Looker", None)],
        ),
        (  # no heading: "About" opens a sentence, lower-case words follow a heading name
            "About 95,000 teams use us. Responsibilities include owning Marketo and all its syncs",
            [
                ("About 95,000 teams use us.", None),
                ("Responsibilities include owning Marketo and all its syncs", None),
            ],
        ),
    ],
)
def test_glued_headings_are_found(text: str, expected: list[tuple[str, str | None]]) -> None:
    assert [(text[p.start : p.end], p.heading) for p in segment(text)] == expected


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
        ("Principal Duties and Responsibilities", "responsibilities"),  # a title ending in one
        ("Manage vendor benefits", None),
        ("Experience with Tableau preferred", None),  # a heading's name opens a duty
        ("You will grow your skills.", None),
        ("Benefits at Acme:", "benefits"),  # ... but a marked line is a heading
        ("ABOUT YOU 🦄", "requirements"),  # trailing emoji do not hide the name
        ("Wishlist:", "nice_to_have"),
        ("What We Are Offering", "benefits"),
        ("Physical Requirements:", "benefits"),  # zero weight, like the perks
        ("Role Expectations", "responsibilities"),
        ("Why Work at Acme Robotics", "blurb"),
        ("We’d love it if you also had:", "nice_to_have"),
        ("We'd Love To Talk With You If…", "requirements"),  # a trailing ellipsis
        ("Life at Acme", "blurb"),
        ("Why Acme?", "blurb"),
        ("Skills/Abilities:", "requirements"),  # "/" and "&" read as "and"
        ("Duties/Responsibilities", "responsibilities"),
        ("Essential Functions (include But Not Limited To)", "responsibilities"),  # an aside
        ("Build emails/landing pages", None),
        ("Why do we report on ROI every week?", None),
        ("Life insurance and a pension", None),  # a perk, not the "life at" heading
        ("\xa0", None),  # blank, but not a space
    ],
)
def test_headings(text: str, key: str | None) -> None:
    assert heading_key(text) == key


def test_sections_follow_headings_and_cues() -> None:
    text = (
        "## About us\nWe make bikes.\n## Responsibilities\n- Build nurtures in Marketo\n"
        "## Requirements\n- 3+ years of Eloqua\nWe are an equal opportunity employer.\n"
        "401(k) with a match\n9 company paid holidays\n"
    )
    segs = analyze(build_nlp()(text)).segments
    by_text = {s.text: s for s in segs}
    assert by_text["We make bikes."].section == "blurb"
    assert by_text["Build nurtures in Marketo"].section == "responsibilities"
    assert by_text["3+ years of Eloqua"].section == "requirements"
    assert by_text["We are an equal opportunity employer."].section == "legal"
    assert by_text["401(k) with a match"].section == "benefits"
    assert by_text["9 company paid holidays"].section == "benefits"
    assert by_text["Responsibilities"].heading


def test_an_optional_requirement_is_a_nice_to_have_only_among_requirements() -> None:
    text = (
        "## Responsibilities\n- Build nurtures in Marketo\n"
        "- Ideally, own the preferred vendor list\n"
        "## Requirements\n- 3+ years of Eloqua\n- SQL is a plus\n"
        "- Salesforce admin experience preferred\n- Ideally, some JavaScript\n"
        "Equal opportunity employer; Spanish is a plus.\n"
    )
    segs = analyze(build_nlp()(text)).segments
    by_text = {s.text: s.section for s in segs}
    assert by_text["3+ years of Eloqua"] == "requirements"
    assert by_text["SQL is a plus"] == "nice_to_have"
    assert by_text["Salesforce admin experience preferred"] == "nice_to_have"
    assert by_text["Ideally, some JavaScript"] == "nice_to_have"
    # the same words among the duties leave a duty where it is; legal text stays legal
    assert by_text["Ideally, own the preferred vendor list"] == "responsibilities"
    assert by_text["Equal opportunity employer; Spanish is a plus."] == "legal"


def test_lexicon_hits_count_pillar_phrases() -> None:
    nlp = build_nlp()
    analysis = analyze(nlp("Report on funnel metrics in Tableau\nWrite Python against the API."))
    report, code = analysis.hits
    assert report[2] >= 3  # miops: report, funnel metrics / metrics, tableau
    assert code[3] >= 2  # devmops: python, api
    assert code[2] == 0 and report[3] == 0
    # the second segment's words, lower-cased, with the full stop left out
    words = analysis.tokens[analysis.bounds[1] : analysis.bounds[2]]
    expected = ["write", "python", "against", "the", "api"]
    assert [nlp.vocab.strings[int(h)] for h in words] == expected


def test_long_runs_of_marks_and_gaps_are_cut_in_one_pass() -> None:
    # A 124,000-character line: a run of list marks, then 4,000 items split by double spaces.
    # Looking back to the line's start at every gap would take minutes; one pass takes ms.
    text = "- " * 50_000 + "Build forms  Own routing  " * 2_000
    got = pieces(text)
    assert len(got) == 4_000
    assert got[:2] == ["Build forms", "Own routing"] and got[-1] == "Own routing"
