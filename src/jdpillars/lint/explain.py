"""``--explain RULE``: a rule's documentation with the thresholds in force."""

from __future__ import annotations

from jdpillars.lint import catalogue
from jdpillars.lint.settings import Settings


class UnknownRule(Exception):
    pass


def find_rule(code: str) -> list[str]:
    """Rule ids for ``JDP101``, a rule name (``pillar-sprawl``) or ``ALL``."""
    rules = catalogue.rules()
    wanted = code.strip()
    if wanted.upper() == "ALL":
        return list(rules)
    for rid, doc in rules.items():
        if wanted.upper() == rid or wanted.lower() == doc.name:
            return [rid]
    raise UnknownRule(f"unknown rule {code!r} (one of {', '.join(rules)}, or ALL)")


def explain(rule: str, settings: Settings) -> str:
    doc = catalogue.rules()[rule]
    limits = catalogue.thresholds()
    values = dict(settings.thresholds)
    lines = [
        f"{doc.id} {doc.name} ({doc.severity.value})",
        doc.summary,
        "",
        doc.doc.format(**values),
        "",
        f"Why it matters: {doc.why}",
        f"How to fix: {doc.fix.format(**values)}",
    ]
    if doc.thresholds:
        lines += ["", "Thresholds (set under [tool.jdpillars.lint.thresholds]):"]
        width = max(len(name) for name in doc.thresholds)
        for name in doc.thresholds:
            changed = (
                "" if values[name] == limits[name].value else f" (default {limits[name].value})"
            )
            lines.append(f"  {name:<{width}} = {values[name]}{changed}  {limits[name].doc}")
    else:
        lines += ["", "No thresholds: its word lists live in resources/lint.json."]
    if not settings.enabled(rule):
        lines += ["", "Not enabled by the current select/ignore settings."]
    return "\n".join(lines)
