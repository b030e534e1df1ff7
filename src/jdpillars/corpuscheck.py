"""``jdpillars data check``: validate the labeled corpus and count what it holds."""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from jdpillars.corpus import (
    MOPS_VALUES,
    SPLIT_FILE,
    CorpusError,
    Posting,
    iter_files,
    parse,
)
from jdpillars.definitions import PILLARS

STYLES = ("markdown", "plain", "agency", "corporate-long", "short", "scraped", "html-remnant")
GROUPS = ("single", "hybrid", "unicorn", "borderline")
TRAP_PREFIX = "trap-"
SHARE_TOLERANCE = 0.011
MAX_DUPLICATE_SHARE = 0.05
_NORM = re.compile(r"[^a-z0-9]+")


def _norm(text: str) -> str:
    return _NORM.sub(" ", text.lower()).strip()


def _posting_problems(p: Posting, file: Path) -> list[str]:
    problems = []
    if p.id != file.stem:
        problems.append(f"id {p.id!r} differs from the file name")
    if p.mops not in MOPS_VALUES:
        problems.append(f"mops {p.mops!r} is not one of {', '.join(MOPS_VALUES)}")
    if p.primary not in PILLARS:
        problems.append(f"primary {p.primary!r} is not a pillar")
    total = sum(p.shares.values())
    if abs(total - 1.0) > SHARE_TOLERANCE:
        problems.append(f"shares sum to {total:.3f}, not 1")
    if any(v < 0 for v in p.shares.values()):
        problems.append("a share is negative")
    if p.primary in PILLARS and p.shares[p.primary] < max(p.shares.values()):
        problems.append(f"primary {p.primary} is not the largest share")
    if p.style not in STYLES:
        problems.append(f"style {p.style!r} is not one of {', '.join(STYLES)}")
    trap = p.group.startswith(TRAP_PREFIX)
    if not trap and p.group not in GROUPS:
        problems.append(f"group {p.group!r} is unknown")
    if trap != (p.mops == "no"):
        problems.append(f"group {p.group!r} does not fit mops {p.mops!r}")
    return problems


def _split_problems(directory: Path, ids: set[str]) -> list[dict[str, str]]:
    path = directory / SPLIT_FILE
    if not path.is_file():
        return [{"file": str(path), "id": "", "problem": "split file is missing"}]
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        parts = {part: set(data[part]) for part in ("train", "test")}
    except (json.JSONDecodeError, KeyError, TypeError, UnicodeDecodeError) as exc:
        return [{"file": str(path), "id": "", "problem": f"split file is unreadable ({exc})"}]
    problems = []
    for pid in sorted(ids - parts["train"] - parts["test"]):
        problems.append({"file": str(path), "id": pid, "problem": "posting is in no split"})
    for pid in sorted(parts["train"] & parts["test"]):
        problems.append({"file": str(path), "id": pid, "problem": "posting is in both splits"})
    for pid in sorted((parts["train"] | parts["test"]) - ids):
        problems.append({"file": str(path), "id": pid, "problem": "split names an unknown id"})
    return problems


def split_counts(directory: Path) -> dict[str, int]:
    try:
        data = json.loads((directory / SPLIT_FILE).read_text(encoding="utf-8"))
        return {part: len(data.get(part, [])) for part in ("train", "test")}
    except (OSError, json.JSONDecodeError, AttributeError):
        return {"train": 0, "test": 0}


def check(directory: Path) -> dict[str, Any]:
    """Validate every ``.jd`` file below ``directory`` and the split; return counts and problems."""
    postings: list[Posting] = []
    problems: list[dict[str, str]] = []
    seen: dict[str, str] = {}
    for file in iter_files(directory):
        try:
            posting = parse(file.read_text(encoding="utf-8"), str(file))
        except UnicodeDecodeError:
            problems.append({"file": str(file), "id": file.stem, "problem": "not UTF-8"})
            continue
        except CorpusError as exc:
            problems.append({"file": str(file), "id": file.stem, "problem": str(exc)})
            continue
        if posting.id in seen:
            problems.append(
                {
                    "file": str(file),
                    "id": posting.id,
                    "problem": f"duplicate id (also in {seen[posting.id]})",
                }
            )
        seen.setdefault(posting.id, str(file))
        problems += [
            {"file": str(file), "id": posting.id, "problem": text}
            for text in _posting_problems(posting, file)
        ]
        postings.append(posting)
    problems += _split_problems(directory, set(seen))
    owners: dict[str, set[str]] = defaultdict(set)
    pillar_lines = [(p.id, _norm(s.text)) for p in postings for s in p.spans if s.label != "none"]
    for pid, norm in pillar_lines:
        owners[norm].add(pid)
    duplicated = sum(1 for _, norm in pillar_lines if len(owners[norm]) > 1)
    share = duplicated / len(pillar_lines) if pillar_lines else 0.0
    if share > MAX_DUPLICATE_SHARE:
        problems.append(
            {
                "file": str(directory),
                "id": "",
                "problem": f"duplicated pillar lines are {share:.1%} of all "
                f"(at most {MAX_DUPLICATE_SHARE:.0%})",
            }
        )
    ops = [p for p in postings if p.mops != "no"]
    return {
        "postings": len(postings),
        "lines": sum(len(p.spans) for p in postings),
        "out_of_scope": sum(1 for p in postings if p.mops == "no"),
        "by_primary": {k: sum(1 for p in ops if p.primary == k) for k in PILLARS},
        "by_mops": dict(Counter(p.mops for p in postings)),
        "by_group": dict(sorted(Counter(p.group for p in postings).items())),
        "by_style": dict(sorted(Counter(p.style for p in postings).items())),
        "by_split": split_counts(directory),
        "by_label": dict(Counter(s.label for p in postings for s in p.spans)),
        "duplicate_line_share": round(share, 4),
        "problems": problems,
    }
