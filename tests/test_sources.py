"""Reading a SOURCE: files, standard input, HTML, encodings, limits and URLs (against a local
server on 127.0.0.1 only). No model is loaded here."""

from __future__ import annotations

import io
import time
from pathlib import Path

import pytest

from jdpillars.decoding import DecodeError, decode
from jdpillars.htmltext import html_to_text, looks_like_html
from jdpillars.sources import MAX_CHARS, STDIN, SourceError, SourceMissing, read_source
from jdpillars.titles import guess_title
from localserver import PAGE, POSTING, running_server_fixture, server_fixture  # noqa: F401 (fixtures)


def write(tmp_path: Path, name: str, data: bytes | str) -> str:
    path = tmp_path / name
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8", newline="")
    else:
        path.write_bytes(data)
    return str(path)


# --- files ---------------------------------------------------------------------------------


def test_text_file_is_read_as_is_with_a_guessed_title(tmp_path: Path) -> None:
    source = read_source(write(tmp_path, "job.txt", POSTING))
    assert source.text == POSTING
    assert source.kind == "text"
    assert source.title == "Marketing Operations Manager"
    assert source.warnings == ()


def test_markdown_title_comes_from_the_first_heading(tmp_path: Path) -> None:
    text = "Posted 3 days ago\n\n# Campaign Specialist\n\n## Responsibilities\n- Build emails\n"
    source = read_source(write(tmp_path, "job.md", text))
    assert source.kind == "markdown"
    assert source.text == text
    assert source.title == "Campaign Specialist"


def test_html_file_is_reduced_to_visible_text(tmp_path: Path) -> None:
    source = read_source(write(tmp_path, "job.html", PAGE))
    assert source.kind == "html"
    assert source.title == "Marketing Operations Manager"
    lines = source.text.splitlines()
    assert lines[0] == "Marketing Operations Manager"
    assert "We run Marketo & Salesforce [and more]." in lines
    assert "- Administer the Marketo instance" in lines
    assert "- Build email campaigns" in lines
    for gone in ("not text", "color: red", "Home", "All jobs", "hidden text", "<"):
        assert gone not in source.text


def test_crlf_and_lone_cr_become_newlines(tmp_path: Path) -> None:
    source = read_source(write(tmp_path, "job.txt", "Title line\r\nsecond\rthird\r\n"))
    assert source.text == "Title line\nsecond\nthird\n"


def test_cp1252_is_detected_with_a_warning(tmp_path: Path) -> None:
    text = "Café résumé – we’re hiring a marketing operations manager to own Marketo.\n" * 3
    source = read_source(write(tmp_path, "job.txt", text.encode("cp1252")))
    assert source.text == text
    assert len(source.warnings) == 1
    assert "not UTF-8" in source.warnings[0] and "cp1252" in source.warnings[0]
    assert source.warnings[0].startswith(str(tmp_path))


def test_html_meta_charset_is_honoured(tmp_path: Path) -> None:
    html = '<html><head><meta charset="iso-8859-1"></head><body><p>Gestión de campañas</p>'
    source = read_source(write(tmp_path, "job.html", html.encode("latin-1")))
    assert source.text == "Gestión de campañas\n"
    assert "declared" in source.warnings[0]


def test_utf16_with_a_byte_order_mark_is_text_not_binary(tmp_path: Path) -> None:
    source = read_source(write(tmp_path, "job.txt", POSTING.encode("utf-16")))
    assert source.text == POSTING
    assert source.warnings == ()


def test_utf8_byte_order_mark_is_dropped(tmp_path: Path) -> None:
    source = read_source(write(tmp_path, "job.txt", b"\xef\xbb\xbf" + POSTING.encode()))
    assert source.text == POSTING


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"PK\x03\x04\x00\x00binary zip", "binary content (NUL bytes)"),
        (bytes(range(1, 9)) * 40, "binary content (control characters)"),
        (bytes(range(128, 256)) * 10, "cannot decode"),
    ],
)
def test_bytes_that_are_not_text_are_refused(tmp_path: Path, data: bytes, reason: str) -> None:
    path = write(tmp_path, "job.txt", data)
    with pytest.raises(SourceError) as caught:
        read_source(path)
    assert not isinstance(caught.value, SourceMissing)
    assert str(caught.value).startswith(f"{path}: {reason}")


def test_missing_file_and_directory_are_missing_sources(tmp_path: Path) -> None:
    with pytest.raises(SourceMissing, match="no such file"):
        read_source(str(tmp_path / "nope.txt"))
    with pytest.raises(SourceMissing, match="is a directory"):
        read_source(str(tmp_path))


def test_long_text_is_cut_with_a_warning(tmp_path: Path) -> None:
    source = read_source(write(tmp_path, "job.txt", "x" * 150), max_chars=100)
    assert source.text == "x" * 100
    assert source.warnings == (f"{tmp_path}/job.txt: text cut to 100 characters (it has 150)",)


def test_huge_file_is_not_read_whole(tmp_path: Path) -> None:
    path = write(tmp_path, "job.txt", "é" * 5_000)  # two bytes a character
    source = read_source(path, max_chars=1_000)
    assert source.text == "é" * 1_000
    assert "it has more" in source.warnings[0]


def test_cut_inside_a_multibyte_character_is_still_utf8(tmp_path: Path) -> None:
    path = write(tmp_path, "job.txt", "a" + "€" * 3_000)  # 3 bytes each, limit falls mid-way
    source = read_source(path, max_chars=100)
    assert source.text == "a" + "€" * 99
    assert all("not UTF-8" not in w for w in source.warnings)


def test_default_max_chars() -> None:
    from jdpillars.cli import candidate

    assert candidate.MAX_CHARS == MAX_CHARS == 200_000


# --- standard input ------------------------------------------------------------------------


@pytest.mark.parametrize("spec", [None, "-"])
def test_stdin(spec: str | None) -> None:
    source = read_source(spec, stdin=io.BytesIO(POSTING.encode()))
    assert source.name == STDIN
    assert source.text == POSTING


def test_html_on_stdin_is_recognised() -> None:
    source = read_source("-", stdin=io.BytesIO(PAGE.encode()))
    assert source.kind == "html"
    assert "not text" not in source.text


# --- pieces --------------------------------------------------------------------------------


def test_html_to_text_keeps_entities_as_characters_and_drops_aria_hidden() -> None:
    page = html_to_text(
        '<p>A &lt;b&gt; &#8212; B</p><span aria-hidden="true">x</span>'
        "<table><tr><td>one</td><td>two</td></tr></table>"
    )
    assert page.text == "A <b> — B\n\none two\n"
    assert page.title is None


def test_looks_like_html() -> None:
    assert looks_like_html("  <!DOCTYPE html><html>")
    assert looks_like_html("<div><body>")
    assert not looks_like_html("<3 marketing ops\nBuild emails")


def test_decode_partial_drops_an_incomplete_last_character() -> None:
    assert decode("ab€".encode()[:-1], partial=True).text == "ab"
    with pytest.raises(DecodeError):
        decode(b"\x00\x01")


@pytest.mark.parametrize(
    ("text", "title"),
    [
        (
            "Acme Corp\nSenior Marketing Operations Manager\nWe are hiring.",
            "Senior Marketing Operations Manager",
        ),
        ("**Marketing Analyst** (remote)\n\nAbout us\n", "Marketing Analyst (remote)"),
        ("About the role\nWe are a small team that ships fast.\n", None),
        ("Responsibilities:\n- Build emails\n- Run webinars\n", None),
        ("Acme Corp\n\nWe are a small team.\n", "Acme Corp"),
    ],
)
def test_guess_title(text: str, title: str | None) -> None:
    assert guess_title(text) == title


# --- URLs against a local server -----------------------------------------------------------


def test_url_html(server: str) -> None:
    source = read_source(f"{server}/posting.html")
    assert source.kind == "html"
    assert source.name == f"{server}/posting.html"
    assert source.title == "Marketing Operations Manager"
    assert "- Administer the Marketo instance" in source.text.splitlines()


def test_url_plain_text_with_a_declared_charset(server: str) -> None:
    assert read_source(f"{server}/posting.txt").text == POSTING
    latin = read_source(f"{server}/latin.txt")
    assert latin.text == "Gestión de campañas"
    assert "declared" in latin.warnings[0]


def test_url_five_redirects_are_followed_six_are_not(server: str) -> None:
    assert read_source(f"{server}/hop/5").text == POSTING
    with pytest.raises(SourceMissing, match=r"/hop/6: more than 5 redirects$"):
        read_source(f"{server}/hop/6")


def test_url_redirect_to_another_scheme_is_refused(server: str) -> None:
    with pytest.raises(SourceMissing, match="unsupported URL scheme 'ftp'"):
        read_source(f"{server}/to-ftp")


def test_url_wrong_content_type(server: str) -> None:
    with pytest.raises(
        SourceError,
        match=r"content type application/pdf \(text/html or "
        r"text/plain only\)",
    ) as caught:
        read_source(f"{server}/file.pdf")
    assert not isinstance(caught.value, SourceMissing)


@pytest.mark.parametrize("path", ["/big-declared", "/big-streamed"])
def test_url_size_limit(server: str, path: str) -> None:
    with pytest.raises(SourceError, match="larger than 2,000,000 bytes") as caught:
        read_source(f"{server}{path}")
    assert not isinstance(caught.value, SourceMissing)


def test_url_time_out(server: str) -> None:
    started = time.monotonic()
    with pytest.raises(SourceMissing, match=r"/slow: timed out after 0.2 s"):
        read_source(f"{server}/slow", timeout=0.2)
    assert time.monotonic() - started < 0.9


@pytest.mark.parametrize(
    ("path", "message"),
    [("/missing", "HTTP 404 Not Found"), ("/boom", "HTTP 500 Internal Server Error")],
)
def test_url_http_errors(server: str, path: str, message: str) -> None:
    with pytest.raises(SourceMissing) as caught:
        read_source(f"{server}{path}")
    assert str(caught.value) == f"{server}{path}: {message}"


@pytest.mark.parametrize("url", ["ftp://127.0.0.1/job.txt", "file:///etc/passwd"])
def test_url_scheme_refused(url: str) -> None:
    with pytest.raises(SourceMissing, match="http and https only"):
        read_source(url)


def test_url_nothing_listening() -> None:
    with pytest.raises(SourceMissing, match="cannot connect"):
        read_source("http://127.0.0.1:9/job.html", timeout=2)
