"""Drafts as the rules see them: reading files, titles, line:column positions, phrase matching."""

from __future__ import annotations

from pathlib import Path

import pytest

from jdpillars.lint import words
from jdpillars.lint.draft import Draft, DraftError, read_draft


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("# Marketing Operations Manager\n\nAbout us", "Marketing Operations Manager"),
        ("\n\n  **Campaign Specialist**  \nbody", "Campaign Specialist"),
        ("Job title: Marketo Administrator\nbody", "Marketo Administrator"),
        ("---\nlayout: job\ntitle: 'Marketing Analyst'\n---\n# Other\n", "Marketing Analyst"),
        ("---\nlayout: job\n---\nMarketing Analyst\n", None),  # front matter without a title
        ("## Responsibilities\n- Build emails", None),  # a section heading is not a title
        ("We are a company that makes many things for many people in many countries.\n", None),
    ],
)
def test_title(text: str, title: str | None) -> None:
    d = Draft("x", text)
    assert d.title == title
    if title is not None:
        span = d.title_span
        assert span is not None and d.text[span.start : span.end] == title


def test_positions_count_lines_and_characters() -> None:
    d = Draft("x", "ab\r\ncdé\nfg\n")
    assert d.position(0) == (1, 1)
    assert d.position(4) == (2, 1)
    assert d.position(7) == (2, 4)  # after "cdé": characters, not bytes
    assert d.position(8) == (3, 1)


def test_read_draft_decodes_utf8_bom_utf16_and_cp1252(tmp_path: Path) -> None:
    (tmp_path / "bom.md").write_bytes("\ufeff# Café Ops\n".encode())
    assert read_draft(tmp_path / "bom.md").text == "# Café Ops\n"
    (tmp_path / "utf16.md").write_bytes("# Café Ops\n".encode("utf-16"))
    assert read_draft(tmp_path / "utf16.md").text == "# Café Ops\n"
    text = "# Café Operations Manager \u2013 naïve résumé review\n"
    (tmp_path / "win.md").write_bytes(text.encode("cp1252"))
    assert read_draft(tmp_path / "win.md").text == text


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "no such file"),
        (b"", "empty file"),
        (b"  \n\t\n", "empty file"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary content"),
        (b"\x01\x02\x03\x04 ok \x05\x06\x07\x08", "binary content"),
    ],
)
def test_read_draft_refuses_what_is_not_a_posting(
    tmp_path: Path, content: bytes | None, message: str
) -> None:
    path = tmp_path / "draft.md"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(DraftError, match=message):
        read_draft(path)
    with pytest.raises(DraftError, match="directory"):
        read_draft(tmp_path)


def test_words_match_whole_phrases_longest_first() -> None:
    text = "Looker Studio, looker and a fast paced team; lookers; tray.io"
    found = list(words.find(["looker", "looker studio", "fast-paced", "tray"], text))
    assert [(m.text, m.phrase) for m in found] == [
        ("Looker Studio", "looker studio"),
        ("looker", "looker"),
        ("fast paced", "fast-paced"),
    ]
    assert all(text[m.start : m.end] == m.text for m in found)
