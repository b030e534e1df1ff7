"""The rules about wording, deterministic text checks: tools without tasks (JDP104), thin
responsibilities (JDP105), seniority mismatch (JDP106) and hype words (JDP107)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from jdpillars.lint import catalogue, words
from jdpillars.lint.draft import Draft, Span
from jdpillars.lint.emit import finding, line_list, quote
from jdpillars.lint.evidence import (
    DUTY_SECTIONS,
    REQUIREMENT_SECTIONS,
    ROLE_SECTIONS,
    duties,
    lines_in,
    pieces_in,
    spans,
)
from jdpillars.lint.finding import Finding
from jdpillars.lint.settings import Settings
from jdpillars.report import Report

_NUMBERS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
}
_NUMBER = r"(\d{1,2}|" + "|".join(_NUMBERS) + r")"
_YEARS = re.compile(
    rf"\b{_NUMBER}\s*(?:\+|plus)?\s*(?:(?:-|–|—|to)\s*{_NUMBER}\s*)?\+?\s*"
    r"(?:years?|yrs?)\b",
    re.IGNORECASE,
)


@cache
def _tool_names() -> dict[str, str]:
    """Lower-case alias -> tool name."""
    return {alias.lower(): name for name, aliases in catalogue.tools().items() for alias in aliases}


def tools_in(text: str, start: int = 0, end: int | None = None) -> list[tuple[str, words.Match]]:
    names = _tool_names()
    return [(names[m.phrase.lower()], m) for m in words.find(names, text, start, end)]


def tools_without_tasks(draft: Draft, report: Report, settings: Settings) -> Iterator[Finding]:
    """JDP104: a tool the requirements name that no duty uses."""
    used = {
        name
        for part in spans(report, ROLE_SECTIONS)
        for name, _ in tools_in(draft.text, part.start, part.end)
    }
    reported: set[str] = set()
    for part in spans(report, ("requirements",)):
        for name, m in tools_in(draft.text, part.start, part.end):
            if name in used or name in reported:
                continue
            reported.add(name)
            yield finding(
                "JDP104",
                draft,
                Span(m.start, m.end),
                f"tool without a task: the requirements ask for {quote(m.text)} "
                "but no responsibility uses it",
                fix=f"Write the duty that uses {name} into the responsibilities, or "
                "drop it from the requirements.",
            )


def thin_responsibilities(draft: Draft, report: Report, settings: Settings) -> Iterator[Finding]:
    """JDP105: fewer duty lines than ``min_duties``, or duties only in the requirements."""
    least = int(settings.value("min_duties"))
    count = len(pieces_in(draft, report, DUTY_SECTIONS))
    if count >= least:
        return
    asked = [d for d in duties(report) if d.section in REQUIREMENT_SECTIONS]
    heading = spans(report, DUTY_SECTIONS) or spans(report, REQUIREMENT_SECTIONS)
    span = Span(heading[0].start, heading[0].start) if heading else draft.head()
    if span.start == span.end:
        line_end = draft.text.find("\n", span.start)
        span = Span(span.start, len(draft.text) if line_end < 0 else line_end)
    if count == 0:
        head = "thin responsibilities: no duty lines under a responsibilities heading"
    else:
        head = (
            f"thin responsibilities: only {count} duty line{'s' if count > 1 else ''} "
            f"under the responsibilities (at least {least} expected)"
        )
    if len(asked) > count:
        head += (
            f"; the requirements carry the duties instead "
            f"({line_list(draft, (d.start for d in asked))})"
        )
    fix = catalogue.rules()["JDP105"].fix.format(min_duties=least)
    yield finding("JDP105", draft, span, head, fix=fix)


def _years(draft: Draft, report: Report) -> list[tuple[int, words.Match]]:
    found = []
    for part in spans(report, ("body", *REQUIREMENT_SECTIONS)):
        for m in _YEARS.finditer(draft.text, part.start, part.end):
            low = m.group(1).lower()
            years = _NUMBERS.get(low) or int(low)
            found.append((years, words.Match(m.start(), m.end(), m.group(0), m.group(0))))
    return found


def _junior_signal(draft: Draft, report: Report, settings: Settings) -> tuple[str, Span] | None:
    """Why the draft reads junior ("it asks for "2+ years"") and where, or None."""
    title, span = draft.title, draft.title_span
    if title is not None and span is not None:
        m = next(words.find(catalogue.word_list("junior_titles"), title), None)
        if m is not None:
            start = span.start + m.start
            return f"the title says {quote(m.text)}", Span(start, start + len(m.text))
    years = _years(draft, report)
    if years:
        most, m = max(years, key=lambda item: item[0])
        if most <= settings.value("junior_max_years"):
            return f"it asks for {quote(m.text)} of experience", Span(m.start, m.end)
    return None


def _ownership(draft: Draft, report: Report) -> list[words.Match]:
    """The first place of each different ownership phrase in the duties."""
    owned: dict[str, words.Match] = {}
    for part in spans(report, ("body", *DUTY_SECTIONS)):
        for m in words.find(catalogue.word_list("ownership"), draft.text, part.start, part.end):
            owned.setdefault(m.phrase, m)
    return sorted(owned.values(), key=lambda m: m.start)


def seniority_mismatch(draft: Draft, report: Report, settings: Settings) -> Iterator[Finding]:
    """JDP106: junior signals with senior ownership; expertise in many tools in one line."""
    junior = _junior_signal(draft, report, settings)
    owned = _ownership(draft, report) if junior is not None else []
    if junior is not None and len(owned) >= settings.value("ownership_min"):
        quoted = ", ".join(f"{quote(m.text)} (line {draft.position(m.start)[0]})" for m in owned)
        yield finding(
            "JDP106",
            draft,
            junior[1],
            f"seniority mismatch: {junior[0]}, but the duties own {quoted}",
            fix="Match the level to the duties: raise the title, years and pay, or "
            "give the strategy and architecture to the person who owns them.",
        )
    for line in lines_in(draft, report, REQUIREMENT_SECTIONS):
        if not words.contains(catalogue.word_list("expertise"), draft.text[line.start : line.end]):
            continue
        named = list(dict.fromkeys(name for name, _ in tools_in(draft.text, line.start, line.end)))
        if len(named) >= settings.value("expert_tools"):
            yield finding(
                "JDP106",
                draft,
                line,
                f"seniority mismatch: expertise demanded in {len(named)} tools at "
                f"once ({', '.join(named)})",
                fix="Ask for expertise in the one or two tools the job lives in and "
                "familiarity with the rest.",
            )


def hype_wording(draft: Draft, report: Report, settings: Settings) -> Iterator[Finding]:
    """JDP107: every hype or vague phrase of the word list, quoted."""
    advice = {h.phrase: h.instead for h in catalogue.hype()}
    for m in words.find(advice, draft.text):
        yield finding(
            "JDP107",
            draft,
            Span(m.start, m.end),
            f"hype wording: {quote(m.text)} says nothing about the job",
            fix=f"Instead of {quote(m.text)}, {advice[m.phrase]}.",
        )
