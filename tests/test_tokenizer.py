"""Our tokenizer rules: words come out clean of punctuation, and glued text is split where the
segmenter cuts, so segment offsets always fall on token boundaries."""

from __future__ import annotations

import pytest
import spacy

from jdpillars.pipeline import build_nlp
from jdpillars.tokenizer import build_tokenizer


def words(text: str) -> list[str]:
    return [t.text for t in build_tokenizer(spacy.blank("en").vocab)(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "(lead scoring, routing).Build",
            ["(", "lead", "scoring", ",", "routing", ")", ".", "Build"],
        ),
        (
            "Looker/Tableau; MQL-to-SQL",
            ["Looker", "/", "Tableau", ";", "MQL", "-", "to", "-", "SQL"],
        ),
        ("HubSpot's API•Own QA", ["HubSpot", "'s", "API", "•", "Own", "QA"]),
        ("3-5 years, 50%", ["3", "-", "5", "years", ",", "50", "%"]),
        ("“Marketo” e.g. Node.js", ["“", "Marketo", "”", "e.g", ".", "Node.js"]),
        # text glued to HTML tags and entities, as in a scraped posting's CSV cell
        (
            "routing.</p><p>**Own** QA</p>",
            ["routing", ".", "<", "/p", ">", "<", "p", ">**", "Own", "**", "QA", "<", "/p", ">"],
        ),
        (
            "Dublin&rsquo;s team.&nbsp;Mon&ndash;Fri",
            ["Dublin", "&rsquo;", "s", "team", ".", "&nbsp;", "Mon", "&ndash;", "Fri"],
        ),
        ("AT&T and R&D", ["AT&T", "and", "R&D"]),
    ],
)
def test_words_are_split_from_punctuation(text: str, expected: list[str]) -> None:
    assert words(text) == expected


def test_tokens_cover_the_text_exactly() -> None:
    text = "Responsibilities:Build emails\r\n\t▪ Own the Marketo–Salesforce sync (MQL→SQL)…"
    doc = build_nlp().make_doc(text)
    assert "".join(t.text_with_ws for t in doc) == text


def test_segments_start_and_end_on_token_boundaries() -> None:
    nlp = build_nlp()
    text = "campaigns.Manage the instance•Build reports in Looker|Own QA"
    doc = nlp(text)
    starts = {t.idx for t in doc}
    ends = {t.idx + len(t) for t in doc}
    for piece in doc.user_data["jdp_pieces"]:
        assert piece.start in starts and piece.end in ends


def test_runs_of_punctuation_come_off_whole() -> None:
    # one token per run: stripping a run one character at a time costs the square of its length
    assert words("•" * 1000 + "Build") == ["•" * 1000, "Build"]
    assert words("Build" + "!" * 1000) == ["Build", "!" * 1000]
    assert words("((Marketo))") == ["((", "Marketo", "))"]
