"""A posting's scores in words: "Mostly Platform Ops (58%), with Campaign Ops (30%). ..." """

from __future__ import annotations

from jdpillars.definitions import pillars

# (lowest is_mops, word), highest first.
LIKELIHOOD = (
    (0.9, "very likely"),
    (0.7, "likely"),
    (0.4, "possibly"),
    (0.15, "unlikely"),
    (0.0, "very unlikely"),
)
MOSTLY = 0.5  # a top share at or above this is "Mostly"
NOTABLE = 0.2  # other pillars at or above this are named


def likelihood(is_mops: float) -> str:
    return next(word for floor, word in LIKELIHOOD if is_mops >= floor)


def describe(shares: dict[str, float], primary: str | None, is_mops: float) -> str:
    mops = f"Marketing ops: {likelihood(is_mops)} ({is_mops:.2f})."
    if primary is None:
        return f"No pillar work found. {mops}"
    names = pillars()
    ranked = sorted(shares.items(), key=lambda item: -item[1])
    top, top_share = ranked[0]
    others = [(p, s) for p, s in ranked[1:] if s >= NOTABLE]

    def named(pillar: str, share: float) -> str:
        return f"{names[pillar].name} ({share:.0%})"

    if top_share >= MOSTLY:
        head = f"Mostly {named(top, top_share)}"
        if others:
            head += ", with " + " and ".join(named(p, s) for p, s in others)
    elif len(others) >= 2:
        head = "A mix: " + ", ".join(named(p, s) for p, s in [(top, top_share), *others])
    elif others:
        head = f"Split between {named(top, top_share)} and {named(*others[0])}"
    else:
        head = f"Leaning {named(top, top_share)}"
    return f"{head}. {mops}"
