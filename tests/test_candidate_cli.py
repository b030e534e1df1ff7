"""``classify``, ``questions``, ``compare`` and ``fit`` through typer's CliRunner: every format,
every input kind, the bad inputs with their one-line errors and exit codes, and golden files
of the table and Markdown output (``make fixtures`` regenerates them on purpose).

The model is loaded once per session (the ``classifier`` fixture) and handed to the commands;
the scores depend on the model, so tests assert properties, not numbers."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

import pytest

from conftest import EXAMPLES, ROOT
from jdpillars.cli import app
from jdpillars.definitions import PILLARS
from localserver import PAGE, running_server_fixture, server_fixture  # noqa: F401 (fixtures)

GOLDEN = ROOT / "tests" / "golden"
SHORT = EXAMPLES / "campaign-ops-specialist.md"
MANAGER = EXAMPLES / "marketing-ops-manager.md"
ALL_EXAMPLES = sorted(EXAMPLES.glob("*.md"))
COLOUR_CODE = re.compile(r"\x1b\[[0-9;]*(?:3[0-9]|4[0-9]|9[0-7]|10[0-7])[;m]")


@pytest.fixture(autouse=True)
def shared_model(classifier: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every command gets the session's classifier instead of loading the model again."""
    monkeypatch.setattr("jdpillars.cli.postings.load_classifier", lambda model: classifier)


def invoke(runner: Any, *args: str | Path, input: str | bytes | None = None) -> Any:
    result = runner.invoke(app, [str(a) for a in args], input=input)
    assert "Traceback" not in result.output + result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


def assert_valid_report(data: dict[str, Any], text: str | None = None, top: int = 3) -> None:
    """A Report as ``--format json`` gives it: shares sum to 1, offsets exact, ``top`` kept."""
    if text is not None:
        assert data["text"] == text
    assert data["error"] is None
    assert 0.0 <= data["is_mops"] <= 1.0
    assert set(data["pillars"]) == set(PILLARS)
    assert sum(p["share"] for p in data["pillars"].values()) == pytest.approx(1.0, abs=1e-3)
    assert data["primary"] in (*PILLARS, None)
    for pillar in data["pillars"].values():
        assert len(pillar["evidence"]) <= top
        for item in pillar["evidence"]:
            assert data["text"][item["start"] : item["end"]] == item["text"]
    for section in data["sections"]:
        assert 0 <= section["start"] <= section["end"] <= len(data["text"])


def one_error_line(result: Any, code: int, *needles: str) -> None:
    assert result.exit_code == code, result.output
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("jdpillars: error: "), result.stderr
    for needle in needles:
        assert needle in lines[0]


# --- classify: formats ---------------------------------------------------------------------


def test_classify_table(runner: Any) -> None:
    result = invoke(runner, "classify", MANAGER)
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "Marketing Operations Manager"
    assert "Marketing ops:" in lines[1]
    assert sum(1 for line in lines if re.search(r"[█░]{30} +\d+%$", line)) == 4
    assert "posting" in result.stdout and "legend" in result.stdout
    assert re.search(r"^(POPS|COPS|MIOPS|DevMOPS)\b.* - ", result.stdout, re.M)  # gutter
    assert "\x1b[" not in result.stdout  # not a terminal: no escape codes
    assert max(len(line) for line in lines) <= 100  # COLUMNS


@pytest.mark.parametrize("path", ALL_EXAMPLES, ids=lambda p: p.stem)
def test_classify_json_on_every_example_is_a_valid_report(runner: Any, path: Path) -> None:
    result = invoke(runner, "classify", path, "--format", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert_valid_report(data, path.read_text(encoding="utf-8"))
    assert data["id"] == str(path)
    assert data["title"]


def test_classify_top(runner: Any) -> None:
    one = json.loads(invoke(runner, "classify", MANAGER, "-f", "json", "--top", "1").stdout)
    assert_valid_report(one, top=1)
    five = json.loads(invoke(runner, "classify", MANAGER, "-f", "json", "--top", "5").stdout)
    assert_valid_report(five, top=5)
    assert sum(len(p["evidence"]) for p in five["pillars"].values()) > sum(
        len(p["evidence"]) for p in one["pillars"].values()
    )
    table = invoke(runner, "classify", MANAGER, "--top", "1").stdout
    assert re.search(r"^\s+1\. “", table, re.M) and not re.search(r"^\s+2\. “", table, re.M)


def test_classify_markdown(runner: Any) -> None:
    result = invoke(runner, "classify", MANAGER, "--format", "markdown")
    assert result.exit_code == 0
    assert result.stdout.startswith("## Marketing Operations Manager\n")
    assert "| Pillar | Share |" in result.stdout
    assert re.search(
        r"^- “.+” \((responsibilities|requirements|body|blurb)\)$", result.stdout, re.M
    )


def test_classify_html(runner: Any) -> None:
    result = invoke(runner, "classify", MANAGER, "--format", "html")
    page = result.stdout
    assert result.exit_code == 0
    assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")
    assert "<mark" in page and "<script" not in page and "http" not in page
    assert "Harbor &amp; Pine" in page  # escaped


def test_classify_output_file(runner: Any, tmp_path: Path) -> None:
    for fmt, marker in (("html", "<!DOCTYPE html>"), ("table", "Marketing ops:")):
        out = tmp_path / f"out.{fmt}"
        result = invoke(runner, "classify", MANAGER, "-f", fmt, "-o", out)
        assert result.exit_code == 0 and result.stdout == ""
        written = out.read_text(encoding="utf-8")
        assert marker in written and "\x1b[" not in written


def test_classify_title_option_and_guess(runner: Any) -> None:
    data = json.loads(
        invoke(runner, "classify", MANAGER, "-f", "json", "--title", "Ops [Lead]").stdout
    )
    assert data["title"] == "Ops [Lead]"
    assert "Ops [Lead]" in invoke(runner, "classify", MANAGER, "--title", "Ops [Lead]").stdout


# --- classify: input kinds -----------------------------------------------------------------


@pytest.mark.parametrize("args", [[], ["-"]])
def test_classify_stdin(runner: Any, args: list[str]) -> None:
    text = SHORT.read_text(encoding="utf-8")
    result = invoke(runner, "classify", *args, "-f", "json", input=text)
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert_valid_report(data, text)
    assert data["id"] is None and data["title"] == "Campaign Operations Specialist"


def test_classify_html_file_offsets_refer_to_visible_text(runner: Any, tmp_path: Path) -> None:
    path = tmp_path / "job.html"
    path.write_text(PAGE, encoding="utf-8")
    data = json.loads(invoke(runner, "classify", path, "-f", "json").stdout)
    assert_valid_report(data)
    assert "<" not in data["text"] and "not text" not in data["text"]
    assert data["title"] == "Marketing Operations Manager"


def test_classify_url(runner: Any, server: str) -> None:
    result = invoke(runner, "classify", f"{server}/posting.html", "-f", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert_valid_report(data)
    assert data["id"] == f"{server}/posting.html"


def test_classify_not_utf8_warns_and_classifies(runner: Any, tmp_path: Path) -> None:
    text = MANAGER.read_text(encoding="utf-8").replace("’", "'").replace("·", "-")
    path = tmp_path / "job.txt"
    path.write_bytes(text.replace("Harbor", "Häfen").encode("cp1252"))
    result = invoke(runner, "classify", path, "-f", "json")
    assert result.exit_code == 0
    assert result.stderr.startswith(f"jdpillars: warning: {path}: not UTF-8; decoded as cp1252")
    data = json.loads(result.stdout)
    assert "Häfen" in data["text"] and data["warnings"]


def test_classify_max_chars_cuts_with_a_warning(runner: Any) -> None:
    result = invoke(runner, "classify", MANAGER, "-f", "json", "--max-chars", "400")
    assert result.exit_code == 0
    assert "text cut to 400 characters" in result.stderr
    data = json.loads(result.stdout)
    assert len(data["text"]) == 400
    assert_valid_report(data)


# --- classify: bad input -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "empty text"),
        (b"  \n\t\r\n  ", "empty text"),
        (b"12 345 -- 678", "no words"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary content (NUL bytes)"),
        (bytes(range(128, 256)) * 10, "cannot decode"),
    ],
)
def test_classify_unusable_input_exits_1(
    runner: Any, tmp_path: Path, content: bytes, reason: str
) -> None:
    path = tmp_path / "job.txt"
    path.write_bytes(content)
    one_error_line(invoke(runner, "classify", path), 1, str(path), reason)


def test_classify_missing_file_and_directory_exit_2(runner: Any, tmp_path: Path) -> None:
    one_error_line(invoke(runner, "classify", tmp_path / "nope.md"), 2, "no such file")
    one_error_line(invoke(runner, "classify", tmp_path), 2, "is a directory")


@pytest.mark.parametrize(
    ("path", "code", "needle"),
    [
        ("/missing", 2, "HTTP 404"),
        ("/boom", 2, "HTTP 500"),
        ("/file.pdf", 1, "content type"),
        ("/big-streamed", 1, "larger than"),
        ("/hop/6", 2, "more than 5 redirects"),
    ],
)
def test_classify_url_failures(runner: Any, server: str, path: str, code: int, needle: str) -> None:
    one_error_line(invoke(runner, "classify", f"{server}{path}"), code, f"{server}{path}", needle)


def test_classify_usage_errors_exit_2(runner: Any) -> None:
    one_error_line(invoke(runner, "classify", "ftp://127.0.0.1/job.md"), 2, "http and https")
    for args in (["--top", "0"], ["--format", "pdf"], ["--max-chars", "0"]):
        result = invoke(runner, "classify", MANAGER, *args)
        assert result.exit_code == 2 and result.stdout == ""


def test_classify_unusable_model_exits_2(
    runner: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from jdpillars.cli import common

    monkeypatch.setattr("jdpillars.cli.postings.load_classifier", common.load_classifier)
    result = invoke(runner, "classify", MANAGER, "--model", tmp_path / "no-model")
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.startswith("jdpillars: error: ")


# --- colour ----------------------------------------------------------------------------------


def test_colour_on_a_forced_terminal_and_never_with_no_color(
    runner: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("NO_COLOR")
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.setenv("TERM", "xterm-256color")
    assert COLOUR_CODE.search(invoke(runner, "classify", SHORT).stdout)
    assert not COLOUR_CODE.search(invoke(runner, "classify", SHORT, "--no-color").stdout)
    monkeypatch.setenv("NO_COLOR", "1")
    assert not COLOUR_CODE.search(invoke(runner, "classify", SHORT).stdout)


# --- questions, compare, fit ---------------------------------------------------------------


def test_questions_cite_exact_evidence(runner: Any) -> None:
    result = invoke(runner, "questions", MANAGER, "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["questions"], "the manager posting mixes two pillars: some rule must ask"
    text = data["report"]["text"]
    for question in data["questions"]:
        assert question["question"].endswith("?")
        assert question["evidence"]
        for item in question["evidence"]:
            assert text[item["start"] : item["end"]] == item["text"]
            assert item["pillar"] in PILLARS
    table = invoke(runner, "questions", MANAGER).stdout
    assert table.startswith("Marketing Operations Manager\n")
    assert re.search(r"^ *1\. ", table, re.M)
    markdown = invoke(runner, "questions", MANAGER, "-f", "markdown").stdout
    assert markdown.count("\n1. ") == 1


def test_questions_bad_input(runner: Any, tmp_path: Path) -> None:
    empty = tmp_path / "empty.md"
    empty.write_text("")
    one_error_line(invoke(runner, "questions", empty), 1, "empty text")
    assert invoke(runner, "questions").exit_code == 2  # SOURCE is required


def test_compare_rows_and_sort(runner: Any) -> None:
    result = invoke(runner, "compare", *ALL_EXAMPLES, "--format", "json", "--sort", "pops")
    assert result.exit_code == 0
    rows = json.loads(result.stdout)
    assert len(rows) == len(ALL_EXAMPLES)
    assert {row["source"] for row in rows} == {str(p) for p in ALL_EXAMPLES}
    # Postings with pillar work first, by their POPS share; those without (SEO) after them.
    scored = [row["primary"] is not None for row in rows]
    assert scored == sorted(scored, reverse=True)
    shares = [row["shares"]["pops"] for row in rows if row["primary"]]
    assert shares == sorted(shares, reverse=True)
    for row in rows:
        assert set(row["top_evidence"]) == set(PILLARS)
    unsorted = json.loads(invoke(runner, "compare", *ALL_EXAMPLES, "-f", "json").stdout)
    assert [row["source"] for row in unsorted] == [str(p) for p in ALL_EXAMPLES]


def test_compare_table_and_markdown(runner: Any) -> None:
    table = invoke(runner, "compare", MANAGER, SHORT)
    assert table.exit_code == 0
    assert "is_mops" in table.stdout and "DevMOPS" in table.stdout
    markdown = invoke(runner, "compare", MANAGER, SHORT, "-f", "markdown").stdout
    assert len([line for line in markdown.splitlines() if line.startswith("| ")]) == 4


def test_compare_with_an_unusable_posting_exits_1_with_its_row(runner: Any, tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("   \n")
    result = invoke(runner, "compare", MANAGER, empty, "-f", "json")
    assert result.exit_code == 1
    rows = json.loads(result.stdout)
    assert rows[0]["error"] is None and rows[1]["error"] == f"{empty}: empty text"
    assert result.stderr.strip() == f"jdpillars: warning: {empty}: empty text"


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        ([str(MANAGER)], "at least two"),
        (["-", "-"], "only once"),
        ([str(MANAGER), "nope.md"], "nope.md: no such file"),
    ],
)
def test_compare_usage_errors(runner: Any, args: list[str], needle: str) -> None:
    one_error_line(invoke(runner, "compare", *args), 2, needle)


def test_fit(runner: Any) -> None:
    result = invoke(
        runner, "fit", MANAGER, "--want", "pops,devmops", "--avoid", "cops", "-f", "json"
    )
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert 0 <= data["score"] <= 100
    assert data["want"] == ["pops", "devmops"] and data["avoid"] == ["cops"]
    assert {r["pillar"] for r in data["reasons"]} >= {"pops", "devmops", "cops"}
    for reason in data["reasons"]:
        for item in reason["evidence"]:
            assert data["report"]["text"][item["start"] : item["end"]] == item["text"]
    table = invoke(runner, "fit", MANAGER, "--want", "POPS").stdout
    assert re.search(r"^Fit \d{1,3}/100 ", table, re.M)
    assert "Platform Ops, which you want" in table


def test_fit_wanted_pillar_scores_higher_than_avoided(runner: Any) -> None:
    def score(*args: str) -> int:
        out = invoke(runner, "fit", EXAMPLES / "marketing-analyst.md", *args, "-f", "json")
        return int(json.loads(out.stdout)["score"])

    assert score("--want", "miops") > score("--want", "cops", "--avoid", "miops")


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["--want", "pops,seo"], "unknown pillar 'seo'"),
        (["--want", "pops", "--avoid", "pops"], "both wanted and avoided"),
        (["--want", " , "], "at least one pillar"),
    ],
)
def test_fit_usage_errors(runner: Any, args: list[str], needle: str) -> None:
    one_error_line(invoke(runner, "fit", MANAGER, *args), 2, needle)
    assert invoke(runner, "fit", MANAGER).exit_code == 2  # --want is required


# --- golden files ----------------------------------------------------------------------------


def check_golden(name: str, actual: str) -> None:
    path = GOLDEN / name
    if os.environ.get("JDPILLARS_REGENERATE") == "1":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8")
    assert path.read_text(encoding="utf-8") == actual, f"{path}: run `make fixtures` on purpose"


@pytest.mark.parametrize(
    ("name", "args"),
    [
        ("classify-short.table.txt", ["classify", str(SHORT)]),
        ("classify-short.md", ["classify", str(SHORT), "--format", "markdown"]),
        ("questions-short.table.txt", ["questions", str(SHORT)]),
    ],
)
def test_golden(runner: Any, name: str, args: list[str]) -> None:
    result = invoke(runner, *args)
    assert result.exit_code == 0
    check_golden(f"candidate/{name}", result.stdout.replace(str(ROOT) + os.sep, ""))


def test_make_run_end_to_end(tmp_path: Path, classifier: Any) -> None:
    """The real command in a real process, as ``make run`` calls it (the model loads here)."""
    import subprocess
    import sys

    done = subprocess.run(
        [
            str(Path(sys.executable).parent / "jdpillars"),
            "classify",
            str(MANAGER),
            "-f",
            "json",
            "--model",
            str(classifier.model_dir.path),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert_valid_report(json.loads(done.stdout), MANAGER.read_text(encoding="utf-8"))


def test_no_source_on_a_terminal_is_a_usage_error(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import sys

    import typer

    from jdpillars.cli.postings import read

    class Terminal:
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr(sys, "stdin", Terminal())
    with pytest.raises(typer.Exit) as caught:
        read(None, 100)
    assert caught.value.exit_code == 2
    assert "standard input is a terminal" in capsys.readouterr().err
