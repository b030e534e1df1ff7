"""Split a posting into duty-sized segments, by character offsets into the original text.

Real postings arrive mangled: bullets run together on one line ("campaigns.Manage the instance"),
headings glued to the first duty ("Responsibilities:Build"), HTML remnants, CRLF, tabs and odd
bullet characters. ``segment`` finds the pieces; ``sections`` and the spaCy components build on it.
The rules read their word lists from ``resources/segmenter.json`` and ``resources/sections.json``.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterable
from functools import cache
from typing import Any, NamedTuple

from jdpillars.definitions import glued_headings, sections, segmenter_words

# Line breaks, tabs, markup tags, entities that stand for a break, and bullet characters.
_HARD = re.compile(r"[\r\n\t\u2028\u2029•●▪◦■►➢✓✔❖➤◆○·|<&]")
_SOFT_RUN = re.compile(r"[^\r\n\t\u2028\u2029•●▪◦■►➢✓✔❖➤◆○·|<&]+")
_TAG = re.compile(r"<[^<>\n]{0,200}>")
_ENTITY = re.compile(r"&(?:nbsp|bull|#8226);")
# A full stop, colon, ... glued to the next capitalised word: "campaigns.Manage", "Duties:Build".
# (Every pattern here starts with a character, not a look-behind, so the regex engine can skip
# ahead to candidates; what must precede a match is checked in Python, on the few matches.)
_GLUED = re.compile(r"[.!?;:](?=[A-Z“\"(])")
_GLUED_AFTER = frozenset(")]%”\"'’")
# End of a sentence followed by space and a capital: "... lists. Build the ...".
_SENTENCE = re.compile(r"[.!?][\"”’)]?\s+(?=[A-Z0-9“\"(])")
# Two or more spaces (plain or no-break) before a capital: a line break the scraper turned into
# spaces ("...leadership teams\xa0 Proficient in SQL", "Parental leave  Gym reimbursement").
_ODD_SPACES = "\xa0\u2009\u202f"  # no-break and thin spaces
_WIDE_GAP = re.compile(f"[ {_ODD_SPACES}]{{2,}}" + r"(?=[A-Z0-9“\"(])")
_PREFIX = re.compile(r"(?:[\s\-*–—+>#_]+|\(?\d{1,2}[.)]\s+|o\s+(?=[A-Z]))+")
_TRAIL_CHARS = " \t\r\n\f\v\xa0-*–—+_"
# A piece starting with one of these needs no trimming at its start (not "o": "o " lists).
_PLAIN_START = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnpqrstuvwxyz")
# Bullets glued with no separator at all: "...for e-commerce businessesExecute, monitor...".
# (Found by a byte-string search over the text's letter cases: faster than a regex here.)
_CASES = bytes(97 if 97 <= i <= 122 else 65 if 65 <= i <= 90 else 32 for i in range(256))
_CAP_WORD = re.compile(r"[A-Z][a-z]+")
CAMEL_MIN_LEFT = 6  # "LinkedIn", "HubSpot", "SharePoint" stay whole; "businessesExecute" splits
_JOINERS = frozenset(
    (
        "and",
        "or",
        "to",
        "of",
        "for",
        "with",
        "the",
        "a",
        "an",
        "in",
        "on",
        "we",
        "you",
        "will",
        "can",
        "and/or",
        "&",
        "as",
        "be",
        "our",
        "your",
    )
)
HEADING_MAX_CHARS = 70  # longer pieces are never headings
MAX_LIST_MARK = 8  # "12.", "(a)", "*": a list's own mark before its first word is this short
WORD_WINDOW = 40  # how far back to look for the word before a match: longer ones are no words
_HEADING_MARK = re.compile(r"^[#*_\s]+|[#*_:\s]+$")
_TRAILING_SYMBOLS = re.compile(r"[^\w\s:?!.,)'’\"]+\s*$")  # "ABOUT YOU 🦄", "Benefits ✨"
_INLINE_HEADING = re.compile(r"([A-Za-z][A-Za-z'’ &/,-]{2,48}?)\s*:\s*(?=\S)")
_ALPHA = re.compile(r"[A-Za-z0-9]")


class Piece(NamedTuple):  # a tuple: many are made per posting, and tuples are cheap to make
    """A segment's place in the text and, when it is a heading, the section it opens."""

    start: int
    end: int
    heading: str | None = None  # a section key, "other" for an unknown heading, None for text


_RUN_ON_GAP = " -–—*"
# A bullet glued with a hyphen: "...duplicate profiles-Maintain our naming ...".
_HYPHEN_BULLET = re.compile(r"-([A-Z][a-z]+)(?= +[a-z(])")


@cache
def _run_on() -> re.Pattern[str]:
    """Duty verbs and the first words of mid-text headings, capitalised, as whole words: one
    alternation (two, or any case-insensitive part, would make the regex try every position).

    A duty verb followed by a lower-case word after a lower-case word is a run-on bullet: "...data
    warehouse Build dashboards..." or "... reports - Manage the ..."."""
    words = set(segmenter_words()[0]) | _head_words()
    return re.compile("(?:" + _trie(words) + ")(?=[ :])")


def _trie(words: Iterable[str]) -> str:
    """One regex for many words, as a trie ("Build|Building|Budget" -> "Bu(?:ild(?:ing)?|dget)"):
    the engine tries a letter once, not once per word. Longer words win, as in a longest-first
    alternation."""
    root: dict[str, Any] = {}
    for word in words:
        node = root
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def pattern(node: dict[str, Any]) -> str:
        branches = [re.escape(ch) + pattern(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = "(?:" + "|".join(branches) + ")" if len(branches) > 1 else branches[0]
        if "" in node:  # a word ends here: what follows is optional
            return f"(?:{body})?"
        return body

    return pattern(root)


_LOWER_NEXT = re.compile(r" +[a-z(]")


@cache
def _head_words() -> frozenset[str]:
    """First words of the mid-text headings, as ``_run_on`` finds them."""
    firsts = {name.split(" ", 1)[0] for name in _mid_text_headings()}
    words = {w.capitalize() for w in firsts} | {w.upper() for w in firsts}
    return frozenset(w.replace("'", q) for w in words for q in "'’")


_SECTION_WORDS = frozenset(
    [
        "responsibilities",
        "qualifications",
        "requirements",
        "benefits",
        "duties",
        "accountabilities",
        "perks",
    ]
)


@cache
def _mid_text_headings() -> frozenset[str]:
    """Glued headings also looked for inside a piece ("... in Power BI Your profile Degree in
    ..."): not the single words that also name things ("Summary", "Overview"), nor those
    opening with words too common to look at each time ("The role", "How you'll ...")."""
    return frozenset(
        n
        for n in glued_headings()
        if (" " in n and not n.startswith(("the ", "a ", "how ", "why "))) or n in _SECTION_WORDS
    )


_ASIDE = re.compile(r"\s*\([^()]*\)$")  # "Essential Functions (include but not limited to)"


def _heading_name(text: str) -> str:
    """A heading's name as the index keeps it: lower case, straight quotes, "and" for "/" and
    "&", without a closing aside in brackets or the final punctuation."""
    name = _ASIDE.sub("", text.lower().replace("’", "'")).rstrip("?!. ")
    return name.replace(" & ", " and ").replace("/", " and ")


@cache
def _heading_index() -> dict[str, str]:
    index = {}
    for key, section in sections().items():
        for heading in section.headings:
            index[_heading_name(heading)] = key
    return index


@cache
def _heading_first_words() -> frozenset[str]:
    return frozenset(name.split(" ", 1)[0] for name in _heading_index())


@cache
def _heading_prefix() -> re.Pattern[str]:
    names = sorted(_heading_index(), key=len, reverse=True)
    return re.compile("^(" + "|".join(re.escape(n) for n in names) + ") ")


@cache
def _glued_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(a glued heading opening a piece: "Responsibilities Develop ...", one ending just before
    a camel-case glue: "Who We AreFor over ...")."""
    names = sorted(glued_headings(), key=len, reverse=True)
    alts = "|".join(re.escape(n).replace("'", "['’]").replace(r"\ ", " +") for n in names)
    opening = re.compile(rf"(?i:{alts})(?=[ \t]+[A-Z0-9“\"(]|[ \t]*[:\r\n]|$)")
    closing = re.compile(rf"(?<![A-Za-z'’])(?i:{alts})$")
    return opening, closing


@cache
def _glued_last_words() -> frozenset[str]:
    return frozenset(name.rsplit(" ", 1)[-1] for name in glued_headings())


@cache
def _glued_first_words() -> frozenset[str]:
    return frozenset(name.split(" ", 1)[0] for name in glued_headings())


def heading_key(text: str) -> str | None:
    """The section a heading-like segment opens, "other" for an unnamed heading, else None."""
    if not text or text.count(" ") > 12:  # cheap reject: most pieces are sentences
        return None
    if text[:1] not in "#*_ " and text[-1:] not in ":#*_ " and not text.isupper():
        # Neither marked nor shouting: only a known heading name can make it a heading.
        lowered = text.lower().replace("’", "'").replace("/", " ").split()
        if not lowered or (
            lowered[0].rstrip("?!.,") not in _heading_first_words()
            and lowered[-1].rstrip("?!.,") not in _SECTION_WORDS
        ):
            return None
    stripped = _HEADING_MARK.sub("", _TRAILING_SYMBOLS.sub("", text)).strip()
    words = stripped.split()
    if not stripped or stripped[0].islower() or len(stripped) > 70 or len(words) > 9:
        return None  # "experience." cut from "...experience.Responsibilities" is no heading
    norm = _heading_name(stripped)
    index = _heading_index()
    if norm in index:
        return index[norm]
    if norm.startswith("why ") and text.rstrip().endswith("?") and len(words) <= 4:
        return "blurb"  # "Why Acme?", "Why work here?"
    marked = text.lstrip().startswith(("#", "**")) or text.rstrip().endswith(":")
    shouting = stripped.isupper() and len(stripped) > 3
    title_case = all(w[0].isupper() for w in words if len(w) > 3)
    prefix = _heading_prefix().match(norm)
    if prefix and len(norm) <= prefix.end() + 30 and (marked or shouting or title_case):
        # "Benefits at Acme:" is a heading; "Experience with Tableau preferred" is a duty
        return index[prefix.group(1)]
    if len(words) <= 6 and title_case:
        # A title-case line ending in a section's name: "Principal Duties and Responsibilities"
        last = norm.rsplit(" ", 1)[-1]
        if last in _SECTION_WORDS:
            return index.get(last)
    if (marked or shouting) and len(words) <= 6:
        return "other"
    return None


def _word_before(text: str, end: int) -> str:
    """The word that ends at ``end``, after the last space or line break (looking back at most
    WORD_WINDOW characters: a match in a long run without spaces must not cost the whole run)."""
    near = max(end - WORD_WINDOW, 0)
    return text[max(text.rfind(" ", near, end), text.rfind("\n", near, end), near - 1) + 1 : end]


def _glued_after(char: str) -> bool:
    return char.islower() or char.isdigit() or char in _GLUED_AFTER


def _camel_joints(text: str) -> list[int]:
    """Where a capitalised word is glued to a lower-case letter: "businessesExecute" -> the E."""
    shape = text.encode("latin-1", "replace").translate(_CASES)  # one byte per character
    joints = []
    at = shape.find(b"aAa")
    while at >= 0:
        joints.append(at + 1)
        at = shape.find(b"aAa", at + 1)
    return joints


def _cuts(text: str) -> list[int]:
    """Soft boundaries, found in one pass per rule over the whole text: glued punctuation,
    sentence ends, glued camel-case bullets and run-on duties."""
    verbs, abbreviations = segmenter_words()
    opening, closing = _glued_patterns()
    last_words = _glued_last_words()
    cuts = [
        m.end() for m in _GLUED.finditer(text) if m.start() and _glued_after(text[m.start() - 1])
    ]
    line = last = 0
    # A gap needs two plain spaces in a row or an odd space: most postings have neither, and
    # trying the regex at each of their spaces would cost a tenth of segmenting.
    gaps = "  " in text or any(space in text for space in _ODD_SPACES)
    for m in _WIDE_GAP.finditer(text) if gaps else ():
        line = max(line, text.rfind("\n", last, m.start()) + 1)  # each character looked at once
        last = m.end()
        lead = m.start() - line
        if lead > MAX_LIST_MARK or (lead and not _PREFIX.fullmatch(text, line, m.end())):
            cuts.append(m.end())  # a lost line break, not the gap after "3." or "*"
    for m in _SENTENCE.finditer(text):
        stop = m.start()  # the full stop, question or exclamation mark
        if text[stop] == ".":
            word = _word_before(text, stop)
            if word.lower().lstrip("([“\"'") in abbreviations:  # "(e.g. Redshift)"
                continue
        cuts.append(m.end())
    for joint in _camel_joints(text):
        left = joint - 1
        while left and "a" <= text[left - 1] <= "z":
            left -= 1
        right = _CAP_WORD.match(text, joint)
        word = right.group(0) if right else ""
        if (
            joint - left >= CAMEL_MIN_LEFT
            or word in verbs
            or word.endswith("ing")
            or opening.match(text, joint)
            or (
                _word_before(text, joint).lower() in last_words
                and closing.search(text, max(joint - 60, 0), joint)
            )
        ):
            cuts.append(joint)
    covered, head_words = 0, _head_words()
    for m in _run_on().finditer(text):
        word = m.group(0)
        head = (
            opening.match(text, m.start()) if word in head_words and m.start() >= covered else None
        )
        if head is None and (not m.start() or text[m.start() - 1] not in _RUN_ON_GAP):
            continue  # at a line's start, or inside a word ("ReBuild"): no glued bullet
        if head is not None:
            # "... in Power BI Your profile Degree in ...": a heading glued after the last duty
            covered = head.end()  # "Primary Responsibilities" is one heading, not two
            before = _word_before(text, m.start() - 1)
            if (
                text[m.start() - 1 : m.start()] == " "
                and before[-1:].isalnum() | before.endswith((".", ")"))
                and not before.istitle()  # "Essential Duties and ...", a heading's own words
                and before not in _JOINERS  # "Compensation and Benefits"
                and head.group(0).lower().replace("’", "'") in _mid_text_headings()
            ):
                cuts.append(m.start())
            continue
        if word not in verbs or not _LOWER_NEXT.match(text, m.end()):
            continue
        gap = m.start()
        while gap and text[gap - 1] in _RUN_ON_GAP:
            gap -= 1
        if gap == m.start() or not gap or not _glued_after(text[gap - 1]):
            continue
        before = _word_before(text, gap)
        # "warehouse Build", "(Nielsen, IRA) Experience", not "Own QA", "Team Lead" or
        # "monitor, and QA emails"
        if (before.islower() and before not in _JOINERS) or before.endswith(")"):
            cuts.append(m.start())
    for m in _HYPHEN_BULLET.finditer(text):
        if not m.start():
            continue
        if text[m.start() - 1] == " ":  # "... in the following areas: -Deep understanding"
            cuts.append(m.start() + 1)
            continue
        if not (text[m.start() - 1].isalnum() or text[m.start() - 1] in ".)"):
            continue
        word_before = _word_before(text, m.start())
        if m.group(1) in verbs or (word_before.islower() and len(word_before) >= 3):
            cuts.append(m.start() + 1)
    cuts.sort()
    return cuts


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    if not text[start].isalpha() or text[start] == "o":  # bullets, numbers, "o " lists
        lead = _PREFIX.match(text, start, end)
        if lead:
            start = lead.end()
    while end > start and text[end - 1] in _TRAIL_CHARS:
        end -= 1
    return start, end


def _first_word(text: str, start: int, end: int) -> str:
    """The word that starts at ``start`` (at most 24 characters of it)."""
    stop = text.find(" ", start, min(start + 24, end))
    return text[start : stop if stop >= 0 else min(start + 24, end)]


def _inline_heading(text: str, start: int, end: int) -> Piece | None:
    """ "Responsibilities: Build ..." or, glued, "Responsibilities Build ..." -> the heading
    part, when it names a known section."""
    if text.find(":", start, start + 52) >= 0:
        m = _INLINE_HEADING.match(text, start, end)
        if not m:
            return None
        name, cut = m.group(1) + ":", m.end(1) + 1  # the colon marks it: "Bonus points for:"
    elif text[start].isupper() and _first_word(text, start, end).lower() in _glued_first_words():
        m = _glued_patterns()[0].match(text, start, end)
        if not m:
            return None
        name, cut = m.group(0), m.end()
    else:
        return None
    key = heading_key(name)
    if key is None or key == "other":
        return None
    return Piece(start, cut, key)


def _lines(text: str) -> list[tuple[int, int]]:
    """The runs of text between hard breaks: line breaks, tabs, bullets, tags, entities."""
    if "<" not in text and "&" not in text:  # most postings: no markup to look at
        return [m.span() for m in _SOFT_RUN.finditer(text)]
    bounds = [0]
    for m in _HARD.finditer(text):
        start = m.start()
        if start < bounds[-1]:
            continue  # inside a tag already taken
        if text[start] in "<&":
            whole = (_TAG if text[start] == "<" else _ENTITY).match(text, start)
            if whole is None:
                continue  # a literal "<" or "&"
            bounds.extend((start, whole.end()))
        else:
            bounds.extend((start, start + 1))
    bounds.append(len(text))
    return [(a, b) for a, b in zip(bounds[::2], bounds[1::2], strict=True) if a < b]


def segment(text: str) -> list[Piece]:
    """Split ``text`` into pieces; every piece is ``text[start:end]``, trimmed, never empty."""
    cuts = _cuts(text)
    pieces: list[Piece] = []
    for start, end in _lines(text):
        lo, hi = bisect.bisect_right(cuts, start), bisect.bisect_left(cuts, end)
        edges = [start, *cuts[lo:hi], end]
        for a, b in itertools.pairwise(edges):
            if a >= b:
                continue
            if text[a] not in _PLAIN_START or text[b - 1] in _TRAIL_CHARS:  # else trimmed
                a, b = _trim(text, a, b)
                if a >= b or not _ALPHA.search(text, a, b):
                    continue
            head = _inline_heading(text, a, b)
            if head is not None:
                pieces.append(head)
                if head.end >= b:
                    continue
                a, b = _trim(text, head.end, b)
                if a >= b or not _ALPHA.search(text, a, b):
                    continue
            heading = heading_key(text[a:b]) if b - a <= HEADING_MAX_CHARS else None
            pieces.append(Piece(a, b, heading))
    return pieces
