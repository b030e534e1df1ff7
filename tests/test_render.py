"""Renderers on Reports built by hand, so that every expectation is exact and no model is
needed: table, Markdown, HTML, JSON, and the marks they highlight."""

from __future__ import annotations

import io
import json
import re
from html.parser import HTMLParser

import pytest
from rich.console import Console, RenderableType

from jdpillars.comparison import compare
from jdpillars.definitions import PILLARS
from jdpillars.fitscore import fit
from jdpillars.questions import ask
from jdpillars.render.formats import OutputFormat, View, limit_evidence
from jdpillars.render.html import report_html
from jdpillars.render.markdown import escape, report_markdown
from jdpillars.render.renderers import CLASSIFY, COMPARE, FIT, QUESTIONS
from jdpillars.render.spans import marks
from jdpillars.render.table import ELIDE_OVER, report_table
from jdpillars.report import Evidence, PillarScore, Report, SectionSpan, failed

TEXT = """Marketing Ops Lead [remote]
Responsibilities
- Own the [Marketo] instance and *all* its integrations
- Build email campaigns & landing pages <fast>
- Report on funnel metrics | weekly
Benefits
- Free lunch
"""
COLOUR_CODE = re.compile(r"\x1b\[[0-9;]*(?:3[0-9]|4[0-9]|9[0-7]|10[0-7])[;m]")


def ev(text: str, phrase: str, section: str, weight: float = 0.9) -> Evidence:
    start = text.index(phrase)
    return Evidence(phrase, start, start + len(phrase), weight, section)


def make_report(
    text: str = TEXT,
    title: str | None = "Marketing Ops Lead",
    evidence: dict[str, list[str]] | None = None,
    shares: dict[str, float] | None = None,
    sections: tuple[SectionSpan, ...] | None = None,
) -> Report:
    evidence = (
        evidence
        if evidence is not None
        else {
            "pops": ["Own the [Marketo] instance and *all* its integrations"],
            "cops": ["Build email campaigns & landing pages <fast>"],
            "miops": ["Report on funnel metrics | weekly"],
            "devmops": [],
        }
    )
    shares = shares or {"pops": 0.55, "cops": 0.3, "miops": 0.12, "devmops": 0.03}
    if sections is None:
        resp, bene = text.index("Responsibilities"), text.index("Benefits")
        sections = (
            SectionSpan("body", 0, resp),
            SectionSpan("responsibilities", resp, bene),
            SectionSpan("benefits", bene, len(text)),
        )
    pillars = {
        p: PillarScore(
            shares[p],
            tuple(
                ev(text, phrase, "responsibilities", 0.9 - i / 10)
                for i, phrase in enumerate(evidence.get(p, []))
            ),
        )
        for p in PILLARS
    }
    return Report(
        id="job.md",
        title=title,
        text=text,
        is_mops=0.93,
        primary="pops",
        verdict="Mostly Platform Ops (55%), with Campaign Ops (30%). Marketing ops: "
        "very likely (0.93).",
        pillars=pillars,
        model="test",
        sections=sections,
    )


def two_pops_report() -> Report:
    """A report whose POPS pillar has two evidence passages."""
    text = TEXT.replace("Free lunch", "Maintain lead routing")
    pops = ["Own the [Marketo] instance and *all* its integrations", "Maintain lead routing"]
    return make_report(text, evidence={"pops": pops})


def plain(renderable: RenderableType, width: int = 100) -> str:
    console = Console(file=io.StringIO(), width=width, color_system=None)
    console.print(renderable)
    return console.file.getvalue()  # type: ignore[attr-defined, no-any-return]


def coloured(renderable: RenderableType, no_color: bool = False) -> str:
    console = Console(
        file=io.StringIO(),
        width=100,
        force_terminal=True,
        color_system="truecolor",
        no_color=no_color,
    )
    console.print(renderable)
    return console.file.getvalue()  # type: ignore[attr-defined, no-any-return]


# --- marks ---------------------------------------------------------------------------------


def test_marks_do_not_overlap_and_the_heavier_pillar_wins() -> None:
    text = "Own Marketo and build emails in it every week"
    report = make_report(text, evidence={}, sections=(SectionSpan("body", 0, len(text)),))
    pops = Evidence("Own Marketo and build emails", 0, 28, 0.6, "body")
    cops = Evidence("build emails in it", 16, 34, 0.9, "body")
    pillars = dict(report.pillars)
    pillars["pops"] = PillarScore(0.5, (pops,))
    pillars["cops"] = PillarScore(0.5, (cops,))
    found = marks(Report(**{**report.__dict__, "pillars": pillars}))
    assert [(m.start, m.end, m.pillar) for m in found] == [(0, 16, "pops"), (16, 34, "cops")]


def test_marks_cover_every_evidence_passage() -> None:
    report = make_report()
    found = marks(report)
    covered = "".join(report.text[m.start : m.end] for m in found)
    for pillar in PILLARS:
        for item in report.pillars[pillar].evidence:
            assert item.text in covered


# --- table ---------------------------------------------------------------------------------


def test_table_has_verdict_bars_text_and_legend() -> None:
    out = plain(report_table(make_report(), View()))
    lines = out.splitlines()
    assert lines[0] == "Marketing Ops Lead"
    assert lines[1].startswith("Mostly Platform Ops (55%)")
    for short, name, share in (
        ("POPS", "Platform Ops", "55%"),
        ("COPS", "Campaign Ops", "30%"),
        ("MIOPS", "Marketing Intelligence Ops", "12%"),
        ("DevMOPS", "Marketing Development Ops", "3%"),
    ):
        bar = next(line for line in lines if line.startswith(short + " ") and "%" in line)
        assert name in bar and bar.endswith(share)
    # The bars come largest first.
    assert out.index("POPS ") < out.index("COPS ") < out.index("MIOPS ") < out.index("DevMOPS ")
    # Evidence lines carry their pillar in the gutter; the text is printed as is.
    assert re.search(r"^POPS +- Own the \[Marketo\] instance and \*all\* its", out, re.M)
    assert re.search(r"^COPS +- Build email campaigns & landing pages <fast>", out, re.M)
    assert re.search(r"^MIOPS +- Report on funnel metrics \| weekly", out, re.M)
    assert "Free lunch" in out  # a short posting is never elided
    assert "1. “Own the [Marketo] instance and *all* its integrations” (responsibilities)" in out
    assert "no evidence" in out  # DevMOPS


def test_table_top_limits_the_legend_not_the_highlights() -> None:
    report = two_pops_report()
    out = plain(report_table(report, View(top=1)))
    assert "1. “Own the [Marketo]" in out
    assert "2. “Maintain lead routing”" not in out
    assert re.search(r"^POPS +- Maintain lead routing", out, re.M)  # still highlighted
    assert "2. “Maintain lead routing”" in plain(report_table(report, View(top=2)))


def long_report() -> Report:
    lines = [
        "Marketing Ops Lead",
        "Responsibilities",
        "- Own the Marketo instance",
        "Benefits",
        *(f"- Perk number {n}" for n in range(ELIDE_OVER)),
        "Legal",
        "- We are an equal opportunity employer",
    ]
    text = "\n".join(lines) + "\n"
    resp, bene, legal = (text.index(h) for h in ("Responsibilities", "Benefits", "Legal"))
    sections = (
        SectionSpan("body", 0, resp),
        SectionSpan("responsibilities", resp, bene),
        SectionSpan("benefits", bene, legal),
        SectionSpan("legal", legal, len(text)),
    )
    return make_report(text, evidence={"pops": ["Own the Marketo instance"]}, sections=sections)


def test_long_posting_elides_sections_without_evidence_unless_full() -> None:
    report = long_report()
    out = plain(report_table(report, View()))
    assert f"⋯ {ELIDE_OVER + 3} lines without evidence (benefits, legal) ⋯" in out
    assert "Perk number 3" not in out
    assert "- Own the Marketo instance" in out
    assert "Marketing Ops Lead" in out.split("posting")[1]  # a 1-line run is not elided
    full = plain(report_table(report, View(full=True)))
    assert "⋯" not in full
    assert all(f"Perk number {n}" in full for n in range(ELIDE_OVER))


def test_table_colours_only_on_a_colour_terminal() -> None:
    report = make_report()
    assert COLOUR_CODE.search(coloured(report_table(report, View())))
    assert not COLOUR_CODE.search(coloured(report_table(report, View()), no_color=True))
    assert "\x1b[" not in plain(report_table(report, View()))


def test_table_wraps_to_the_width() -> None:
    report = make_report()
    out = plain(report_table(report, View()), width=50)
    assert max(len(line) for line in out.splitlines()) <= 50
    assert "integrations" in out


def test_table_of_a_failed_report_says_why() -> None:
    out = plain(report_table(failed("empty text", title="Draft"), View()))
    assert out.splitlines() == ["Draft", "Not classified: empty text"]


def test_control_characters_do_not_reach_the_terminal() -> None:
    text = "Lead\tOps\r\nResponsibilities\n- Own \x1b[31mred\x07 Marketo\nBenefits\n"
    report = make_report(text, evidence={"pops": ["Own \x1b[31mred\x07 Marketo"]})
    out = plain(report_table(report, View()))
    assert "\x1b" not in out and "\x07" not in out and "\r" not in out
    assert "Own  [31mred  Marketo" in out


# --- HTML ----------------------------------------------------------------------------------


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.in_posting = False
        self.posting: list[str] = []
        self.marks: list[str] = []
        self.in_mark = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        if dict(attrs).get("class") == "posting":
            self.in_posting = True
        if tag == "mark":
            self.in_mark = True
            self.marks.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "div" and self.in_posting:
            self.in_posting = False
        if tag == "mark":
            self.in_mark = False

    def handle_data(self, data: str) -> None:
        if self.in_posting:
            self.posting.append(data)
        if self.in_mark:
            self.marks[-1] += data


def test_html_is_one_self_contained_page_with_marks() -> None:
    text = TEXT.replace("Free lunch", "<script>alert('x')</script> & more")
    page = report_html(make_report(text), View())
    assert page.startswith("<!DOCTYPE html>")
    for banned in ("<script", "<link", "src=", "url(", "http://", "https://", "@import"):
        assert banned not in page
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; more" in page
    parsed = _Tags()
    parsed.feed(page)
    assert "".join(parsed.posting) == text  # the text, escaped and unescaped, is intact
    assert parsed.marks == [m.evidence.text for m in marks(make_report(text))]
    assert "style" in parsed.tags and parsed.tags.count("mark") == 3


def test_html_of_a_failed_report() -> None:
    page = report_html(failed("binary content (NUL bytes)"), View())
    assert "Not classified: binary content (NUL bytes)" in page
    assert "<mark" not in page


# --- Markdown and JSON ---------------------------------------------------------------------


def test_markdown_lists_quoted_evidence_with_escaping() -> None:
    out = report_markdown(make_report(), View())
    assert out.startswith("## Marketing Ops Lead\n\nMostly Platform Ops (55%)")
    assert "| Platform Ops (POPS) | 55% |" in out
    assert (
        "- “Own the \\[Marketo\\] instance and \\*all\\* its integrations” (responsibilities)"
    ) in out
    assert "- “Report on funnel metrics \\| weekly” (responsibilities)" in out
    assert "**Marketing Development Ops** (3%)\n\n- no evidence" in out


def test_markdown_escape_keeps_the_words() -> None:
    assert escape("a_b *c* [d](e) <f> | #g\n  h") == r"a\_b \*c\* \[d\](e) \<f\> \| #g h"


def test_json_is_the_report_with_top_evidence() -> None:
    report = two_pops_report()
    text = report.text
    data = json.loads(str(CLASSIFY.render(OutputFormat.json, report, View(top=1))))
    assert data == limit_evidence(report, 1).to_dict()
    assert len(data["pillars"]["pops"]["evidence"]) == 1
    assert data["text"] == text
    for item in data["pillars"]["pops"]["evidence"]:
        assert data["text"][item["start"] : item["end"]] == item["text"]


@pytest.mark.parametrize("fmt", list(OutputFormat))
def test_every_format_renders_every_command(fmt: OutputFormat) -> None:
    report = make_report()
    results = [
        (CLASSIFY, report),
        (QUESTIONS, ask(report)),
        (FIT, fit(report, ("pops",), ("cops",))),
        (COMPARE, compare(["a.md", "b.md"], [report, failed("empty text")], "pops")),
    ]
    for renderers, value in results:
        out = renderers.render(fmt, value, View())  # type: ignore[attr-defined]
        text = out if isinstance(out, str) else plain(out)
        assert text.strip()
        if fmt is OutputFormat.json:
            json.loads(text)
        if fmt is OutputFormat.html:
            assert text.startswith("<!DOCTYPE html>") and "<script" not in text


def test_compare_table_and_markdown_rows() -> None:
    rows = compare(["a.md", "b.md"], [make_report(), failed("empty text", title="Empty")])
    out = plain(COMPARE.table(rows, View()), width=400)
    assert "Marketing Ops Lead" in out and "a.md" in out
    assert "error: empty text" in out
    assert "“Report on funnel metrics | weekly”" in out
    assert "“Own the [Marketo] instance and *all* its integr…”" in out  # clipped to 48
    md = COMPARE.markdown(rows, View())
    assert "| Marketing Ops Lead | POPS | 0.93 | 55% | 30% | 12% | 3% |" in md
    assert "| Empty | - | - | - | - | - | - |" in md
