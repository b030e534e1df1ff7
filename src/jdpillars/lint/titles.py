"""What a draft's title claims: a marketing-ops role or another, and which pillar, if any."""

from __future__ import annotations

from jdpillars.definitions import PILLARS
from jdpillars.lint import catalogue, words


def named_pillars(title: str) -> set[str]:
    table = catalogue.title_words()
    return {p for p in PILLARS if words.contains(table[p], title)}


def says_mops(title: str) -> bool:
    """A marketing-ops title: a marketing-ops phrase, or a pillar word in a marketing context
    ("Marketo Administrator", "Marketing Analyst")."""
    table = catalogue.title_words()
    if words.contains(table["mops"], title):
        return True
    return bool(named_pillars(title)) and words.contains(table["context"], title)


def says_other(title: str) -> bool:
    """A title of other marketing work: content, SEO, brand, social media, ..."""
    return words.contains(catalogue.title_words()["not_mops"], title)


def title_pillar(title: str) -> str | None:
    """The one pillar a marketing-ops title names, or None (none, several, not marketing ops)."""
    if not says_mops(title):
        return None
    named = named_pillars(title)
    return next(iter(named)) if len(named) == 1 else None
