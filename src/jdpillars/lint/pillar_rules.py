"""The rules about pillars, read from the model's ``Report``: sprawl (JDP101), title mismatch
(JDP102), not marketing ops (JDP103) and the target pillar (JDP108). Each is a function of
the draft, its report and the settings that yields findings."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from jdpillars.definitions import offtopic_phrases, pillars
from jdpillars.lint import titles, words
from jdpillars.lint.draft import Draft, Span
from jdpillars.lint.emit import finding, line_list, quote
from jdpillars.lint.evidence import DUTY_SECTIONS, ROLE_SECTIONS, Duty, duties, pillar_duties, spans
from jdpillars.lint.finding import Finding
from jdpillars.lint.settings import Settings
from jdpillars.report import Report

MAX_QUOTES = 3


def _reads_as_mops(report: Report, settings: Settings) -> bool:
    return report.primary is not None and report.is_mops >= settings.value("mops_min")


def _pillar(report: Report, draft: Draft, key: str) -> str:
    """ "Campaign Ops 37% (lines 9, 10)" """
    lines = line_list(draft, (d.start for d in pillar_duties(report, key)))
    where = f" ({lines})" if lines else ""
    return f"{pillars()[key].name} {report.shares[key]:.0%}{where}"


def pillar_sprawl(draft: Draft, report: Report, settings: Settings) -> Iterator[Finding]:
    """JDP101: three or more pillars with a large share each, or all four."""
    if not _reads_as_mops(report, settings):
        return
    ranked = report.ranked()
    big = [p for p, share in ranked if share >= settings.value("sprawl_share")]
    if all(share >= settings.value("sprawl_all_four_share") for _, share in ranked):
        big = [p for p, _ in ranked]  # all four present: name them all
    elif len(big) < settings.value("sprawl_pillars"):
        return
    carried = [d for p in big for d in pillar_duties(report, p)]
    span = (
        Span(min(d.start for d in carried), max(d.end for d in carried))
        if carried
        else draft.head()
    )
    named = "; ".join(_pillar(report, draft, p) for p in big)
    names = [pillars()[p].name for p in big]
    roles = ", ".join(names[:-1]) + " and " + names[-1]
    yield finding(
        "JDP101",
        draft,
        span,
        f"pillar sprawl: the duties spread over {len(big)} pillars: {named}",
        fix=f"Split the role ({roles}) into one posting per pillar, or keep one "
        "pillar and move the others' duties to 'nice to have'.",
    )


def duty_lines(draft: Draft, report: Report) -> list[Duty]:
    """The duties the role's own text carries (responsibilities and the untitled top), without
    the title line: what the duties say, whatever the title claims."""
    title = draft.title_span
    return [
        d
        for d in duties(report)
        if d.section in ("body", *DUTY_SECTIONS)
        and not (title is not None and d.start < title.end and title.start < d.end)
    ]


def title_mismatch(draft: Draft, report: Report, settings: Settings) -> Iterator[Finding]:
    """JDP102: the title names one pillar, the duty lines lead with another."""
    title, span = draft.title, draft.title_span
    if title is None or span is None or not _reads_as_mops(report, settings):
        return
    named = titles.title_pillar(title)
    lines = duty_lines(draft, report)
    if named is None or not lines:
        return
    counts = Counter(d.pillar for d in lines)
    leader, most = counts.most_common(1)[0]
    if leader == named or counts[named] / len(lines) >= settings.value("title_pillar_min_share"):
        return
    names = pillars()
    where = line_list(draft, (d.start for d in lines if d.pillar == leader))
    yield finding(
        "JDP102",
        draft,
        span,
        f"title mismatch: {quote(title)} names {names[named].name}, but "
        f"{counts[named]} of {len(lines)} duty lines are {names[named].name} work and "
        f"{most} are {names[leader].name} ({where})",
        fix=f"Retitle the role as a {names[leader].name} role, or rewrite the duties around "
        f"{names[named].name}.",
    )


def _offtopic(draft: Draft, report: Report) -> list[words.Match]:
    found: list[words.Match] = []
    for part in spans(report, ROLE_SECTIONS):
        found.extend(words.find(offtopic_phrases(), draft.text, part.start, part.end))
    return found


def not_mops(draft: Draft, report: Report, settings: Settings) -> Iterator[Finding]:
    """JDP103: a marketing-ops title over other work, or another title over marketing ops."""
    title = draft.title
    mops_title = title is not None and titles.says_mops(title)
    other_title = title is not None and titles.says_other(title)
    if other_title and not mops_title:
        if report.is_mops >= settings.value("mops_reverse") and report.primary is not None:
            yield finding(
                "JDP103",
                draft,
                draft.head(),
                f"not marketing ops: the title {quote(title or '')} names other "
                "marketing work, but the duties read as marketing ops "
                f"(is_mops {report.is_mops:.2f}), mostly "
                f"{_pillar(report, draft, report.primary)}",
            )
        return
    if other_title or report.is_mops >= settings.value("mops_min"):
        return
    off = _offtopic(draft, report)
    quoted = ", ".join(
        f"{quote(m.text)} (line {draft.position(m.start)[0]})" for m in off[:MAX_QUOTES]
    )
    claim = f"the title {quote(title or '')} says marketing ops, but " if mops_title else ""
    detail = f": {quoted}" if quoted else ""
    span = (
        draft.title_span
        if mops_title and draft.title_span
        else (Span(off[0].start, off[0].end) if off else draft.head())
    )
    yield finding(
        "JDP103",
        draft,
        span,
        f"not marketing ops: {claim}the duties do not read as marketing operations "
        f"(is_mops {report.is_mops:.2f}){detail}",
    )


def off_target(draft: Draft, report: Report, settings: Settings) -> Iterator[Finding]:
    """JDP108: with a target pillar, the draft's primary pillar must be it."""
    target = settings.target_pillar
    if target is None or report.primary == target:
        return
    names = pillars()
    wanted = f"{names[target].name} ({report.shares[target]:.0%})"
    if report.primary is None:
        yield finding(
            "JDP108", draft, draft.head(), f"off target: no pillar work found, target is {wanted}"
        )
        return
    yield finding(
        "JDP108",
        draft,
        draft.head(),
        f"off target: the primary pillar is {_pillar(report, draft, report.primary)}, "
        f"not the target {wanted}",
    )
