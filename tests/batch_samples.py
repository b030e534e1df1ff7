"""Inputs for the batch tests, written by us: five postings and a CSV of hostile rows."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

POPS = """About the role
You will own our Marketo instance end to end: program templates, smart lists, scoring rules
and the sync with Salesforce.
What you will do
- Administer the marketing automation platform and keep user permissions tidy
- Maintain lead routing, lead-to-account matching and the data dictionary
- Evaluate new tools for the martech stack and run the vendor renewals
- Keep the CRM integration healthy and fix sync errors quickly
What you bring
- Four years administering Marketo or HubSpot
- Comfort with field mapping, APIs and data hygiene"""

COPS = """The job
- Build and launch email campaigns, nurture streams and webinar invitations in HubSpot
- Set up landing pages and forms, test them and QA every send
- Manage the campaign calendar together with the field marketing team
- Coordinate list pulls and segmentation for each launch
About you
- Two years executing campaigns in a B2B marketing team
- A careful eye for detail and for deadlines"""

MIOPS = """Responsibilities
- Own attribution reporting and the funnel dashboards leadership reviews every week
- Build pipeline and ROI analyses in Tableau and SQL
- Define the metrics for campaign performance and forecast marketing-sourced pipeline
- Run A/B test readouts and share the insights with channel owners
Requirements
- Strong SQL and one BI tool
- Experience with multi-touch attribution models"""

DEVMOPS = """What you'll do
- Write integrations between the marketing automation platform and the data warehouse
  with REST APIs
- Build webhooks, custom objects and serverless functions that move lead data
- Maintain the CI pipeline and version control for our marketing code
- Develop custom email templates with HTML and Velocity scripting
Skills
- Python or JavaScript
- APIs, JSON and middleware such as Workato"""

NURSE = """Registered Nurse, surgical ward
Provide bedside care to patients after surgery; give medication and keep accurate charts.
Requirements: a current nursing licence and two years of hospital experience."""

POSTINGS = (
    ("Marketing Operations Manager", POPS),
    ("Campaign Operations Specialist", COPS),
    ("Marketing Analytics Manager", MIOPS),
    ("Marketing Technology Developer", DEVMOPS),
    ("Registered Nurse", NURSE),
)

HUGE_BYTES = 2_500_000  # "a field of several megabytes"


def csv_bytes(
    rows: Iterable[Sequence[str]],
    header: Sequence[str] = ("id", "title", "description"),
    delimiter: str = ",",
    newline: str = "\n",
) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator=newline)
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def many(n: int) -> list[tuple[str, str, str]]:
    """``n`` rows cycling through the postings, each a little different."""
    return [
        (f"p{i}", POSTINGS[i % 5][0], f"{POSTINGS[i % 5][1]}\nReference {i}.")
        for i in range(1, n + 1)
    ]


def _q(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def hostile_csv() -> bytes:
    """Fourteen rows, one kind of trouble each, with a BOM and CRLF line ends. Rows 3, 4, 5,
    10, 12, 13 and 14 cannot be used; the others must be classified."""
    crlf = "\r\n"
    huge = ("\n".join([DEVMOPS, MIOPS]) + "\n") * (HUGE_BYTES // len(DEVMOPS + MIOPS) + 1)
    lines = [
        "id,title,description",
        f"1,Marketing Operations Manager,{_q(POPS.replace(chr(10), crlf))}",
        f"2,Campaign Operations Specialist,{_q(COPS)}",
        '3,Blank posting,""',
        "4,Spaces only," + _q("   \t  \r\n  "),
        '5,Binary blob,"PK\x03\x04\x00\x00\x00\x08 attachment"',
        "6,Analytics lead (Latin-1 bytes),@LATIN1@",
        f"7,Huge posting,{_q(huge)}",
        '8,Markup,"<div><h2>About the role</h2><ul><li>Own the <b>Marketo</b> instance '
        '[bold]and[/bold] the lead routing</li><li>Build email campaigns</li></ul></div>"',
        "9,Quotes," + _q('Our CMO says "ship it": launch the email campaigns and the nurture'),
        '10,Digits only,"12345 -- 678 !!! 2024"',
        f"11,Registered Nurse,{_q(NURSE)}",
        '12,Broken quote,"Own the campaign calendar"and then some',
        "13,Too many fields,Build dashboards,for the pipeline,review",
        '14,Cut off,"Build dashboards for the pipeline review and',
    ]
    data = ("\ufeff" + crlf.join(lines)).encode("utf-8")
    latin = (
        '"Responsibilities\nOwn attribution reporting and the funnel dashboards in '
        "Tableau for the caf\xe9 chain's r\xe9sum\xe9 of pipeline\""
    ).encode("latin-1")
    return data.replace(b"@LATIN1@", latin)


UNUSABLE = {
    3: "empty text",
    4: "empty text",
    5: "binary content (NUL bytes)",
    10: "no words in the text",
    12: "malformed CSV row",
    13: "malformed CSV row",
    14: "unterminated quote",
}
