"""Property: on any text (unicode, CRLF, tabs, markup, bullets), every evidence span of the
Report is exactly its slice of the text, the Report's text is the input, and the renderers'
marks and HTML keep to those offsets. Also through a SOURCE: HTML and CRLF files."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jdpillars.definitions import PILLARS
from jdpillars.render.formats import View
from jdpillars.render.html import report_html
from jdpillars.render.spans import marks
from jdpillars.report import Report
from jdpillars.sources import SourceError, read_source

WORDS = [
    "Administer",
    "Marketo",
    "instance",
    "Salesforce sync",
    "lead scoring",
    "Build",
    "email campaigns",
    "landing pages",
    "webinars",
    "dashboards",
    "attribution",
    "SQL",
    "Python",
    "API integrations",
    "webhooks",
    "Responsibilities",
    "Requirements",
    "About us",
    "Benefits",
    "and",
    "the",
    "with",
    "our",
    "équipe",
    "naïve",
    "日本語",
    "🚀",
    "Ω",
    "e.g.",
    "etc.",
    "&amp;",
    "[link](x)",
    "**bold**",
    "<b>",
    "</li>",
]
SEPARATORS = [
    " ",
    " ",
    " ",
    "\n",
    "\r\n",
    "\r",
    "\t",
    "\n\n",
    "\n- ",
    "\n• ",
    "\n* ",
    "\n# ",
    "\n## ",
    ": ",
    ". ",
    ", ",
    "<br>",
    "<li>",
    "\u2028",
    "\xa0",
    "  ",
]
TEXTS = st.lists(
    st.one_of(
        st.sampled_from(WORDS),
        st.sampled_from(SEPARATORS),
        st.text(
            st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=8
        ),
    ),
    min_size=1,
    max_size=80,
).map("".join)
SETTINGS = settings(
    max_examples=80,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def check_report(report: Report, text: str) -> None:
    assert report.text == text
    if report.error:
        return
    assert abs(sum(report.shares.values()) - 1.0) < 1e-6
    for pillar in PILLARS:
        for item in report.pillars[pillar].evidence:
            assert 0 <= item.start < item.end <= len(text)
            assert text[item.start : item.end] == item.text
    for span in report.sections:
        assert 0 <= span.start <= span.end <= len(text)
    previous = 0
    for mark in marks(report):
        assert previous <= mark.start < mark.end
        assert mark.evidence.start <= mark.start and mark.end <= mark.evidence.end
        previous = mark.end


@SETTINGS
@given(text=TEXTS)
def test_evidence_offsets_on_random_text(classifier: Any, text: str) -> None:
    report = classifier.classify(text, top=50)
    check_report(report, text)
    page = report_html(report, View())
    assert page.count("<mark ") == len(marks(report))  # user text is escaped, never a tag


@SETTINGS
@given(text=TEXTS)
def test_evidence_offsets_through_a_source(classifier: Any, tmp_path: Path, text: str) -> None:
    for name, data in (("job.txt", text), ("job.html", f"<html><body><p>{text}</p></body>")):
        path = tmp_path / name
        path.write_bytes(data.encode("utf-8"))
        try:
            source = read_source(str(path))
        except SourceError as exc:  # random text can be mostly control characters
            assert "control characters" in str(exc)
            continue
        assert "\r" not in source.text
        check_report(classifier.classify(source.text, title=source.title, top=50), source.text)
