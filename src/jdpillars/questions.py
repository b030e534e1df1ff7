"""Interview questions a candidate should ask, derived from a posting's Report.

The templates and thresholds live in ``resources/questions.json``; each rule names one of the
checks below. A check looks at the Report and returns the slots for the template and the
evidence that prompted the question, or nothing: no rule, no question.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from jdpillars.definitions import PILLARS, pillars
from jdpillars.report import Evidence, Report
from jdpillars.verdict import likelihood

RESPONSIBILITIES = ("responsibilities", "body")  # sections that hold the duties


@dataclass(frozen=True)
class Cited:
    pillar: str
    evidence: Evidence

    def to_dict(self) -> dict[str, Any]:
        return {"pillar": self.pillar, **self.evidence.to_dict()}


@dataclass(frozen=True)
class Question:
    rule: str
    text: str
    cites: tuple[Cited, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "question": self.text,
            "evidence": [c.to_dict() for c in self.cites],
        }


@dataclass(frozen=True)
class Match:
    slots: dict[str, str]
    cites: tuple[Cited, ...]


Check = Callable[[Report, dict[str, Any]], Iterator[Match]]


def _top(report: Report, pillar: str, n: int = 1) -> tuple[Cited, ...]:
    return tuple(Cited(pillar, e) for e in report.pillars[pillar].evidence[:n])


def _name(pillar: str) -> str:
    return pillars()[pillar].name


def not_mops(report: Report, rule: dict[str, Any]) -> Iterator[Match]:
    if report.is_mops < rule["max_is_mops"]:
        best = max(
            ((e.weight, p, e) for p in PILLARS for e in report.pillars[p].evidence),
            default=None,
            key=lambda item: item[0],
        )
        if best:
            yield Match({"likelihood": likelihood(report.is_mops)}, (Cited(best[1], best[2]),))


def two_strong(report: Report, rule: dict[str, Any]) -> Iterator[Match]:
    (a, _), (b, share_b) = report.ranked()[:2]
    cites = _top(report, a) + _top(report, b)
    if share_b >= rule["min_share"] and len(cites) == 2:
        yield Match({"a": _name(a), "b": _name(b)}, cites)


def sprawl(report: Report, rule: dict[str, Any]) -> Iterator[Match]:
    cites = tuple(c for p in PILLARS for c in _top(report, p))
    if len(cites) == len(PILLARS) and min(report.shares.values()) >= rule["min_share"]:
        yield Match({}, cites)


def only_in_requirements(report: Report, rule: dict[str, Any]) -> Iterator[Match]:
    for pillar in PILLARS:
        evidence = report.pillars[pillar].evidence
        if (
            pillar != report.primary
            and evidence
            and report.pillars[pillar].share <= rule["max_share"]
            and all(e.section in rule["sections"] for e in evidence)
        ):
            yield Match({"a": _name(pillar)}, _top(report, pillar, 2))


def campaigns_without_admin(report: Report, rule: dict[str, Any]) -> Iterator[Match]:
    duties = [e for e in report.pillars["pops"].evidence if e.section in RESPONSIBILITIES]
    if report.primary == "cops" and (report.shares["pops"] <= rule["max_pops_share"] or not duties):
        yield Match({}, _top(report, "cops", 2))


def word_in_evidence(report: Report, rule: dict[str, Any]) -> Iterator[Match]:
    words = re.compile(r"\b(" + "|".join(map(re.escape, rule["words"])) + r")\b", re.IGNORECASE)
    hits = [
        (e.weight, p, e, m.group(1))
        for p in PILLARS
        for e in report.pillars[p].evidence
        if (m := words.search(e.text))
    ]
    if hits and report.ranked()[0][1] <= rule["max_top_share"]:
        _, pillar, evidence, word = max(hits, key=lambda hit: hit[0])
        yield Match({"word": word}, (Cited(pillar, evidence),))


def strong(report: Report, rule: dict[str, Any]) -> Iterator[Match]:
    pillar = rule["pillar"]
    cites = _top(report, pillar, 2)
    if report.shares[pillar] >= rule["min_share"] and cites:
        yield Match({}, cites)


CHECKS: dict[str, Check] = {
    check.__name__: check
    for check in (
        not_mops,
        two_strong,
        sprawl,
        only_in_requirements,
        campaigns_without_admin,
        word_in_evidence,
        strong,
    )
}


@cache
def rules() -> tuple[dict[str, Any], ...]:
    text = resources.files("jdpillars.resources").joinpath("questions.json").read_text("utf-8")
    return tuple(json.loads(text)["rules"])


@dataclass(frozen=True)
class Asked:
    """The questions for one posting, with the Report they were derived from."""

    report: Report
    questions: tuple[Question, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "title": self.report.title,
            "verdict": self.report.verdict,
            "questions": [q.to_dict() for q in self.questions],
            "report": self.report.to_dict(),
        }


def ask(report: Report) -> Asked:
    return Asked(report, questions(report))


def questions(report: Report) -> tuple[Question, ...]:
    """The questions the rules ask of ``report``, in the order of the rules file."""
    if report.error:
        return ()
    asked = []
    for rule in rules():
        for match in CHECKS[rule["check"]](report, rule):
            asked.append(Question(rule["id"], rule["template"].format(**match.slots), match.cites))
    return tuple(asked)
