"""Questions and fit on Reports built by hand (every rule both ways), plus the rules file's
shape. The model is not needed: rules look only at the Report."""

from __future__ import annotations

import pytest

from jdpillars.definitions import PILLARS
from jdpillars.fitscore import AVOID_WEIGHT, fit, parse_pillars
from jdpillars.questions import CHECKS, ask, questions, rules
from jdpillars.report import Evidence, PillarScore, Report, failed

Spec = dict[str, list[tuple[str, str]]]  # pillar -> [(phrase, section)]


def build(shares: dict[str, float], evidence: Spec, is_mops: float = 0.95) -> Report:
    text_parts, pillars = [], {}
    offset = 0
    for pillar in PILLARS:
        items = []
        for phrase, section in evidence.get(pillar, []):
            items.append(Evidence(phrase, offset, offset + len(phrase), 0.8, section))
            text_parts.append(phrase + "\n")
            offset += len(phrase) + 1
        pillars[pillar] = PillarScore(shares.get(pillar, 0.0), tuple(items))
    primary = max(PILLARS, key=lambda p: shares.get(p, 0.0)) if any(evidence.values()) else None
    return Report(
        id=None,
        title="Test posting",
        text="".join(text_parts),
        is_mops=is_mops,
        primary=primary,
        verdict="verdict",
        pillars=pillars,
        model="test",
    )


ADMIN = ("Administer the Marketo instance", "responsibilities")
EMAILS = ("Build and launch email campaigns", "responsibilities")
DASHBOARDS = ("Build dashboards for the funnel", "responsibilities")
SQL_REQ = ("Working knowledge of SQL", "requirements")
CODE = ("Write Python scripts against the Marketo API", "responsibilities")
AUTOMATION = ("Build automation workflows for nurture programs", "responsibilities")


def rule_ids(report: Report) -> list[str]:
    return [q.rule for q in questions(report)]


def test_every_rule_names_a_known_check_and_fills_its_template() -> None:
    ids = [rule["id"] for rule in rules()]
    assert len(ids) == len(set(ids))
    for rule in rules():
        assert rule["check"] in CHECKS
        assert rule["template"].strip()


def test_time_split_between_two_strong_pillars() -> None:
    split = build({"pops": 0.5, "cops": 0.4, "miops": 0.1}, {"pops": [ADMIN], "cops": [EMAILS]})
    asked = [q for q in questions(split) if q.rule == "time-split"]
    assert len(asked) == 1
    assert "Platform Ops and Campaign Ops" in asked[0].text
    assert [c.evidence.text for c in asked[0].cites] == [ADMIN[0], EMAILS[0]]
    focused = build({"pops": 0.85, "cops": 0.1}, {"pops": [ADMIN], "cops": [EMAILS]})
    assert "time-split" not in rule_ids(focused)


def test_pillar_only_in_requirements() -> None:
    report = build({"pops": 0.8, "miops": 0.15}, {"pops": [ADMIN], "miops": [SQL_REQ]})
    asked = [q for q in questions(report) if q.rule == "requirements-only"]
    assert len(asked) == 1 and "Marketing Intelligence Ops" in asked[0].text
    assert asked[0].cites[0].evidence.text == SQL_REQ[0]
    in_duties = build({"pops": 0.8, "miops": 0.15}, {"pops": [ADMIN], "miops": [DASHBOARDS]})
    assert "requirements-only" not in rule_ids(in_duties)


def test_who_owns_admin_when_the_role_is_campaigns() -> None:
    report = build({"cops": 0.8, "pops": 0.1}, {"cops": [EMAILS]})
    assert "admin-owner" in rule_ids(report)
    with_admin = build({"cops": 0.6, "pops": 0.35}, {"cops": [EMAILS], "pops": [ADMIN]})
    assert "admin-owner" not in rule_ids(with_admin)


def test_what_automation_means() -> None:
    report = build({"cops": 0.7, "devmops": 0.3}, {"cops": [AUTOMATION], "devmops": [CODE]})
    asked = [q for q in questions(report) if q.rule == "automation-meaning"]
    assert len(asked) == 1
    assert "“automation”" in asked[0].text
    assert asked[0].cites[0].evidence.text == AUTOMATION[0]
    assert "automation-meaning" not in rule_ids(build({"cops": 1.0}, {"cops": [EMAILS]}))
    clearly_code = build({"devmops": 0.9, "cops": 0.1}, {"devmops": [AUTOMATION]})
    assert "automation-meaning" not in rule_ids(clearly_code)


def test_sprawl_over_all_four_pillars() -> None:
    spread = build(
        {p: 0.25 for p in PILLARS},
        {"pops": [ADMIN], "cops": [EMAILS], "miops": [DASHBOARDS], "devmops": [CODE]},
    )
    asked = [q for q in questions(spread) if q.rule == "all-pillars"]
    assert len(asked) == 1 and {c.pillar for c in asked[0].cites} == set(PILLARS)
    three = build(
        {"pops": 0.4, "cops": 0.3, "miops": 0.25, "devmops": 0.05},
        {"pops": [ADMIN], "cops": [EMAILS], "miops": [DASHBOARDS], "devmops": [CODE]},
    )
    assert "all-pillars" not in rule_ids(three)


def test_not_marketing_ops() -> None:
    report = build({"miops": 1.0}, {"miops": [DASHBOARDS]}, is_mops=0.1)
    asked = [q for q in questions(report) if q.rule == "not-mops"]
    assert len(asked) == 1 and "very unlikely" in asked[0].text
    assert "not-mops" not in rule_ids(build({"miops": 1.0}, {"miops": [DASHBOARDS]}))


@pytest.mark.parametrize(
    ("pillar", "rule", "phrase"),
    [
        ("pops", "admin-scope", ADMIN),
        ("cops", "campaign-volume", EMAILS),
        ("miops", "metrics-owner", DASHBOARDS),
        ("devmops", "code-support", CODE),
    ],
)
def test_strong_pillar_questions(pillar: str, rule: str, phrase: tuple[str, str]) -> None:
    assert rule in rule_ids(build({pillar: 0.9}, {pillar: [phrase]}))
    assert rule not in rule_ids(
        build({pillar: 0.05, "pops" if pillar != "pops" else "cops": 0.95}, {pillar: [phrase]})
    )


def test_every_question_cites_evidence_from_the_text() -> None:
    report = build(
        {p: 0.25 for p in PILLARS},
        {"pops": [ADMIN], "cops": [AUTOMATION], "miops": [SQL_REQ], "devmops": [CODE]},
    )
    asked = questions(report)
    assert asked
    for question in asked:
        assert question.cites
        for cite in question.cites:
            assert report.text[cite.evidence.start : cite.evidence.end] == cite.evidence.text


def test_no_evidence_no_questions() -> None:
    assert questions(build({p: 0.25 for p in PILLARS}, {})) == ()
    assert questions(failed("empty text")) == ()
    assert ask(failed("empty text")).to_dict()["questions"] == []


# --- fit -----------------------------------------------------------------------------------


def test_parse_pillars() -> None:
    assert parse_pillars("pops, DevMOPS,pops") == ("pops", "devmops")
    assert parse_pillars(None) == ()
    with pytest.raises(ValueError, match="unknown pillar 'seo'"):
        parse_pillars("pops,seo")


def test_fit_score_from_shares() -> None:
    report = build({"pops": 0.6, "cops": 0.3, "miops": 0.1}, {"pops": [ADMIN], "cops": [EMAILS]})
    assert fit(report, ("pops",)).score == 60
    assert fit(report, ("pops", "miops")).score == 70
    assert fit(report, ("pops",), ("cops",)).score == round(100 * (0.6 - AVOID_WEIGHT * 0.3))
    assert fit(report, ("miops",), ("pops",)).score == 0  # clamped, never negative
    assert fit(report, ("pops", "cops", "miops")).score == 100


def test_fit_reasons() -> None:
    report = build({"pops": 0.6, "cops": 0.3, "devmops": 0.1}, {"pops": [ADMIN], "cops": [EMAILS]})
    result = fit(report, ("pops", "devmops"), ("cops",))
    kinds = {(r.kind, r.pillar) for r in result.reasons}
    assert kinds == {("present", "pops"), ("missing", "devmops"), ("heavy", "cops")}
    present = next(r for r in result.reasons if r.kind == "present")
    assert present.evidence[0].text == ADMIN[0] and "60%" in present.text
    light = fit(build({"pops": 0.9, "cops": 0.1}, {"pops": [ADMIN]}), ("pops",), ("cops",))
    assert [r.kind for r in light.reasons] == ["present", "light"]


def test_fit_is_scaled_down_when_not_mops() -> None:
    sure = build({"pops": 1.0}, {"pops": [ADMIN]}, is_mops=0.9)
    doubtful = build({"pops": 1.0}, {"pops": [ADMIN]}, is_mops=0.2)
    assert fit(sure, ("pops",)).score == 100
    result = fit(doubtful, ("pops",))
    assert result.score == 40
    assert result.reasons[-1].kind == "not_mops"


def test_fit_of_a_posting_without_evidence_is_zero() -> None:
    assert fit(build({p: 0.25 for p in PILLARS}, {}), ("pops",)).score == 0
    data = fit(build({"pops": 1.0}, {"pops": [ADMIN]}), ("pops",)).to_dict()
    assert data["score"] == 100 and data["want"] == ["pops"] and data["report"]["text"]
