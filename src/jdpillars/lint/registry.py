"""Every rule by id, and running the enabled ones over one draft."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from jdpillars.lint import pillar_rules, wording_rules
from jdpillars.lint.draft import Draft
from jdpillars.lint.finding import Finding
from jdpillars.lint.settings import Settings
from jdpillars.report import Report

Rule = Callable[[Draft, Report, Settings], Iterator[Finding]]

RULES: dict[str, Rule] = {
    "JDP101": pillar_rules.pillar_sprawl,
    "JDP102": pillar_rules.title_mismatch,
    "JDP103": pillar_rules.not_mops,
    "JDP104": wording_rules.tools_without_tasks,
    "JDP105": wording_rules.thin_responsibilities,
    "JDP106": wording_rules.seniority_mismatch,
    "JDP107": wording_rules.hype_wording,
    "JDP108": pillar_rules.off_target,
}


def check(draft: Draft, report: Report, settings: Settings) -> tuple[Finding, ...]:
    """The findings of every enabled rule, in the order of the text."""
    found = [
        f
        for rid, rule in RULES.items()
        if settings.enabled(rid)
        for f in rule(draft, report, settings)
    ]
    return tuple(sorted(found, key=Finding.sort_key))
