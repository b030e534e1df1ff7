"""Every lint rule both ways: on our drafts with the shipped model (a draft that triggers the
rule and a near-identical one that does not), and on hand-made Reports for its thresholds."""

from __future__ import annotations

import difflib
import re

import pytest

from jdpillars.lint import lint_drafts, lint_text, pillar_rules, titles, wording_rules
from jdpillars.lint.draft import Draft
from jdpillars.lint.registry import RULES, check
from lint_fakes import draft, fake_report, settings

# (rule, draft that triggers it, near-identical draft that does not, settings)
BOTH_WAYS = [
    ("JDP101", "jdp101-sprawl.md", "jdp101-focused.md", {}),
    ("JDP102", "jdp102-mismatch.md", "jdp102-match.md", {}),
    ("JDP103", "jdp103-not-mops.md", "jdp103-content.md", {}),
    ("JDP103", "jdp103-reverse.md", "clean-cops.md", {}),
    ("JDP104", "jdp104-tools.md", "jdp104-used.md", {}),
    ("JDP105", "jdp105-thin.md", "jdp105-full.md", {}),
    ("JDP106", "jdp106-junior.md", "jdp106-senior.md", {}),
    ("JDP106", "jdp106-expert.md", "jdp106-focused.md", {}),
    ("JDP107", "jdp107-hype.md", "jdp107-plain.md", {}),
]
CLEAN = {
    "pops": "clean-pops.md",
    "cops": "clean-cops.md",
    "miops": "clean-miops.md",
    "devmops": "clean-devmops.md",
}


def lint(classifier, name: str, **layer: object):  # type: ignore[no-untyped-def]
    return lint_drafts([draft(name)], classifier, settings(**layer))[0]


def rules_of(result) -> set[str]:  # type: ignore[no-untyped-def]
    return {f.rule for f in result.findings}


@pytest.mark.parametrize(
    ("rule", "bad", "good", "layer"), BOTH_WAYS, ids=[f"{r}-{b}" for r, b, _, _ in BOTH_WAYS]
)
def test_rule_both_ways(classifier, rule, bad, good, layer) -> None:  # type: ignore[no-untyped-def]
    assert rule in rules_of(lint(classifier, bad, **layer))
    assert rule not in rules_of(lint(classifier, good, **layer))


@pytest.mark.parametrize(("bad", "good"), [(b, g) for _, b, g, _ in BOTH_WAYS])
def test_pairs_are_near_identical(bad: str, good: str) -> None:
    """Same headings; only a few lines differ (for sprawl, the duties of three pillars)."""
    before, after = draft(bad).text.splitlines(), draft(good).text.splitlines()
    opcodes = difflib.SequenceMatcher(None, before, after).get_opcodes()
    changed = sum(max(i2 - i1, j2 - j1) for tag, i1, i2, j1, j2 in opcodes if tag != "equal")
    assert 0 < changed <= 10
    assert [a for a in before if a.startswith("## ")] == [b for b in after if b.startswith("## ")]


@pytest.mark.parametrize("pillar", list(CLEAN))
def test_focused_draft_per_pillar_is_clean(classifier, pillar: str) -> None:  # type: ignore[no-untyped-def]
    result = lint(classifier, CLEAN[pillar], target_pillar=pillar)
    assert result.error is None
    assert result.report is not None and result.report.primary == pillar
    assert result.findings == ()


def test_lint_text_is_the_library_entry_point(classifier) -> None:  # type: ignore[no-untyped-def]
    text = draft("jdp107-hype.md").text
    result = lint_text(text, classifier, settings(select=("JDP107",)))
    assert result.file == "<text>" and result.report is not None
    assert [f.rule for f in result.findings] == ["JDP107"] * 4
    empty = lint_text("   \n", classifier, settings())
    assert empty.error == "empty text" and empty.findings == ()


def test_target_pillar_both_ways(classifier) -> None:  # type: ignore[no-untyped-def]
    off = lint(classifier, "clean-cops.md", target_pillar="pops")
    assert [f.rule for f in off.findings] == ["JDP108"]
    assert "Campaign Ops" in off.findings[0].message
    assert "Platform Ops" in off.findings[0].message
    assert lint(classifier, "clean-cops.md", target_pillar="cops").findings == ()
    assert lint(classifier, "clean-cops.md").findings == ()  # no target, no JDP108


def test_every_finding_points_at_its_text(classifier) -> None:  # type: ignore[no-untyped-def]
    names = sorted({n for _, b, g, _ in BOTH_WAYS for n in (b, g)})
    drafts = [draft(n) for n in names]
    results = lint_drafts(drafts, classifier, settings(target_pillar="miops"))
    seen = set()
    for d, result in zip(drafts, results, strict=True):
        for f in result.findings:
            seen.add(f.rule)
            assert f.file == d.file
            assert (f.line, f.column) == d.position(f.start)
            assert (f.end_line, f.end_column) == d.position(f.end)
            assert 0 <= f.start <= f.end <= len(d.text)
            assert f.message and f.why and f.fix
    assert seen == set(RULES)


def test_sprawl_names_each_pillar_with_its_lines(classifier) -> None:  # type: ignore[no-untyped-def]
    """Each block of three duties is named with its own three lines (the numbers of the draft),
    for the three or four pillars that pass the threshold."""
    result = lint(classifier, "jdp101-sprawl.md")
    (sprawl,) = [f for f in result.findings if f.rule == "JDP101"]
    blocks = {
        "Platform Ops": "7, 8, 9",
        "Campaign Ops": "10, 11, 12",
        "Marketing Intelligence Ops": "13, 14, 15",
        "Marketing Development Ops": "16, 17, 18",
    }
    named = [name for name in blocks if re.search(rf"(^|; |: ){name} \d+%", sprawl.message)]
    assert len(named) >= 3
    for name in named:
        assert re.search(rf"{name} \d+% \(lines {blocks[name]}\b", sprawl.message), name
    assert "Split the role" in sprawl.fix
    assert all(name in sprawl.fix for name in named)


def test_hype_quotes_each_word_where_it_stands(classifier) -> None:  # type: ignore[no-untyped-def]
    d = draft("jdp107-hype.md")
    result = lint_drafts([d], classifier, settings(select=("JDP107",)))[0]
    quoted = [d.text[f.start : f.end] for f in result.findings]
    assert quoted == ["rockstar", "wear many hats", "fast-paced", "self-starter"]
    assert all(f'"{q}"' in f.message for q, f in zip(quoted, result.findings, strict=True))


# ---- the rules on hand-made Reports: thresholds, gates and wording -------------------------

TEXT = """# Marketing Operations Manager

## Responsibilities
- Administer the Marketo instance and its user roles
- Build email campaigns and landing pages
- Build dashboards in Tableau on funnel conversion
- Write Python scripts against the Marketo REST API

## Requirements
- 5+ years in marketing operations
"""
DUTIES = {
    "pops": ["Administer the Marketo instance and its user roles"],
    "cops": ["Build email campaigns and landing pages"],
    "miops": ["Build dashboards in Tableau on funnel conversion"],
    "devmops": ["Write Python scripts against the Marketo REST API"],
}


def run(rule, text: str, report, **layer: object) -> list:  # type: ignore[no-untyped-def]
    return list(rule(Draft("x.md", text), report, settings(**layer)))


@pytest.mark.parametrize(
    ("shares", "expected"),
    [
        ({"pops": 0.3, "cops": 0.3, "miops": 0.3, "devmops": 0.1}, 1),  # three large pillars
        ({"pops": 0.16, "cops": 0.16, "miops": 0.16, "devmops": 0.52}, 1),  # all four present
        ({"pops": 0.7, "cops": 0.1, "miops": 0.1, "devmops": 0.1}, 0),  # one pillar
        ({"pops": 0.45, "cops": 0.45, "miops": 0.05, "devmops": 0.05}, 0),  # two pillars
    ],
)
def test_sprawl_thresholds(shares: dict[str, float], expected: int) -> None:
    report = fake_report(TEXT, shares, evidence=DUTIES)
    assert len(run(pillar_rules.pillar_sprawl, TEXT, report)) == expected


def test_sprawl_thresholds_come_from_settings() -> None:
    report = fake_report(
        TEXT, {"pops": 0.3, "cops": 0.3, "miops": 0.3, "devmops": 0.1}, evidence=DUTIES
    )
    assert run(pillar_rules.pillar_sprawl, TEXT, report, thresholds={"sprawl_pillars": 4}) == []
    found = run(pillar_rules.pillar_sprawl, TEXT, report)
    assert found[0].line == 4 and found[0].end_line == 6  # from the first to the last duty
    assert "3 pillars" in found[0].message and "Marketing Development Ops" not in found[0].message
    four = fake_report(
        TEXT, {"pops": 0.3, "cops": 0.3, "miops": 0.24, "devmops": 0.16}, evidence=DUTIES
    )
    (found_four,) = run(pillar_rules.pillar_sprawl, TEXT, four)
    assert (
        "4 pillars" in found_four.message
        and "Marketing Development Ops 16% (line 7)" in found_four.message
    )
    assert found_four.end_line == 7


def test_sprawl_skips_drafts_that_are_not_marketing_ops() -> None:
    report = fake_report(TEXT, dict.fromkeys(DUTIES, 0.25), is_mops=0.2, evidence=DUTIES)
    assert run(pillar_rules.pillar_sprawl, TEXT, report) == []


@pytest.mark.parametrize(
    ("title", "pillar"),
    [
        ("Marketo Administrator", "pops"),
        ("Marketing Analyst", "miops"),
        ("Marketing Developer", "devmops"),
        ("Campaign Operations Specialist", "cops"),
        ("Marketing Operations Manager", None),  # a generalist title names no pillar
        ("Data Analyst", None),  # not a marketing-ops title
        ("Email Developer", None),  # two pillars: no claim
    ],
)
def test_title_pillar(title: str, pillar: str | None) -> None:
    assert titles.title_pillar(title) == pillar


def test_title_mismatch_counts_duty_lines() -> None:
    text = TEXT.replace("Marketing Operations Manager", "Marketo Administrator")
    lines = [d for p in ("pops", "cops", "miops", "devmops") for d in DUTIES[p]]
    shares = {"pops": 0.1, "cops": 0.8, "miops": 0.05, "devmops": 0.05}
    mostly_cops = fake_report(text, shares, evidence={"cops": lines[1:]})
    (found,) = run(pillar_rules.title_mismatch, text, mostly_cops)
    assert (found.line, found.column) == (1, 3)
    assert text[found.start : found.end] == "Marketo Administrator"
    assert "0 of 3 duty lines are Platform Ops work and 3 are Campaign Ops" in found.message
    one_in_four = fake_report(text, shares, evidence={"pops": lines[:1], "cops": lines[1:]})
    assert run(pillar_rules.title_mismatch, text, one_in_four) == []  # 25% is enough
    assert (
        run(
            pillar_rules.title_mismatch,
            text,
            one_in_four,
            thresholds={"title_pillar_min_share": 0.3},
        )
        != []
    )
    generalist = fake_report(TEXT, shares, evidence={"cops": lines[1:]})
    assert run(pillar_rules.title_mismatch, TEXT, generalist) == []  # title names no pillar


def test_not_mops_both_directions() -> None:
    low = fake_report(TEXT, {"cops": 1.0}, is_mops=0.1)
    assert len(run(pillar_rules.not_mops, TEXT, low)) == 1
    high = fake_report(TEXT, {"cops": 1.0}, is_mops=0.9)
    assert run(pillar_rules.not_mops, TEXT, high) == []
    content = TEXT.replace("Marketing Operations Manager", "Content Marketing Manager")
    assert len(run(pillar_rules.not_mops, content, high)) == 1  # the reverse
    assert run(pillar_rules.not_mops, content, low) == []  # a content job, honestly titled


def test_off_target_only_with_a_target() -> None:
    report = fake_report(TEXT, {"pops": 0.6, "cops": 0.4})
    assert run(pillar_rules.off_target, TEXT, report) == []
    assert run(pillar_rules.off_target, TEXT, report, target_pillar="pops") == []
    (found,) = run(pillar_rules.off_target, TEXT, report, target_pillar="cops")
    assert "Platform Ops" in found.message and found.rule == "JDP108"


def test_tools_without_tasks_is_case_blind_and_reports_each_tool_once() -> None:
    text = TEXT.replace(
        "- 5+ years in marketing operations",
        "- 5+ years with TABLEAU, Looker and looker\n- Python and Eloqua",
    )
    found = run(wording_rules.tools_without_tasks, text, fake_report(text, {"pops": 1.0}))
    assert [text[f.start : f.end] for f in found] == ["Looker", "Eloqua"]


@pytest.mark.parametrize(("duties", "expected"), [(2, 1), (3, 1), (4, 0), (6, 0)])
def test_thin_responsibilities_counts_duty_lines(duties: int, expected: int) -> None:
    lines = "\n".join(f"- Maintain lead routing rule number {i} in Marketo" for i in range(duties))
    text = f"# Marketo Administrator\n\n## Responsibilities\n{lines}\n\n## Requirements\n- SQL\n"
    assert (
        len(run(wording_rules.thin_responsibilities, text, fake_report(text, {"pops": 1.0})))
        == expected
    )


def test_thin_responsibilities_without_a_heading() -> None:
    text = "# Marketo Administrator\n\n## Requirements\n- 4+ years with Marketo\n"
    (found,) = run(wording_rules.thin_responsibilities, text, fake_report(text, {"pops": 1.0}))
    assert "no duty lines" in found.message


@pytest.mark.parametrize(
    ("years", "expected"),
    [("2+ years", 1), ("two years", 1), ("1-2 years", 1), ("3-5 years", 0), ("7+ yrs", 0)],
)
def test_seniority_years(years: str, expected: int) -> None:
    text = (
        f"# Marketing Operations Manager\n\n## Responsibilities\n- Own the martech strategy\n"
        f"- Design the architecture of the stack\n\n## Requirements\n- {years} of experience\n"
    )
    assert (
        len(run(wording_rules.seniority_mismatch, text, fake_report(text, {"pops": 1.0})))
        == expected
    )


def test_seniority_junior_title_needs_ownership() -> None:
    text = (
        "# Junior Marketing Operations Coordinator\n\n## Responsibilities\n"
        "- Set the strategy for our stack\n- Own the roadmap\n"
    )
    (found,) = run(wording_rules.seniority_mismatch, text, fake_report(text, {"pops": 1.0}))
    assert text[found.start : found.end] == "Junior"
    calm = text.replace("Set the strategy for our stack", "Build email programs")
    assert run(wording_rules.seniority_mismatch, calm, fake_report(calm, {"pops": 1.0})) == []


def test_hype_matches_spellings_but_not_inside_words() -> None:
    text = "# Campaign Specialist\n\nA Fast Paced team wants a self starter. Gurus and ninjatrader."
    found = run(wording_rules.hype_wording, text, fake_report(text, {"cops": 1.0}))
    assert [text[f.start : f.end] for f in found] == ["Fast Paced", "self starter"]


def test_check_runs_only_enabled_rules() -> None:
    text = "# Campaign Specialist\n\nA rockstar wanted.\n"
    report = fake_report(text, {"cops": 1.0})
    assert {f.rule for f in check(Draft("x", text), report, settings())} == {"JDP105", "JDP107"}
    assert {f.rule for f in check(Draft("x", text), report, settings(ignore=("JDP105",)))} == {
        "JDP107"
    }
