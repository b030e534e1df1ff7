"""The fixed train/test split of the corpus, stratified by primary pillar and by out-of-scope.

``make_split`` is deterministic: within each stratum, postings are ordered by a hash of their id
and the first fifth or so go to test. Given the split already on disk it keeps every assignment
and only places new postings, topping each stratum's test share up to ``TEST_FRACTION``, so
adding postings never moves one the model was already judged on."""

from __future__ import annotations

import hashlib
import json
import math
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path

from jdpillars.corpus import SPLIT_FILE, Posting

TEST_FRACTION = 0.22


def stratum(posting: Posting) -> str:
    return "out-of-scope" if posting.mops == "no" else posting.primary


def _key(pid: str) -> str:
    return hashlib.sha256(pid.encode("utf-8")).hexdigest()


def make_split(
    postings: Sequence[Posting],
    fraction: float = TEST_FRACTION,
    existing: dict[str, str] | None = None,
) -> dict[str, list[str]]:
    """``{"train": [...], "test": [...]}``; ``existing`` maps ids already placed to their part."""
    existing = existing or {}
    groups: dict[str, list[str]] = defaultdict(list)
    for p in postings:
        groups[stratum(p)].append(p.id)
    test: set[str] = set()
    for ids in groups.values():
        kept = [i for i in ids if existing.get(i) == "test"]
        new = sorted((i for i in ids if i not in existing), key=_key)
        want = max(1, math.ceil(len(ids) * fraction)) - len(kept)
        test.update(kept)
        test.update(new[: max(want, 0)])
    return {"train": sorted(p.id for p in postings if p.id not in test), "test": sorted(test)}


def write_split(directory: Path, split: dict[str, list[str]]) -> Path:
    path = directory / SPLIT_FILE
    path.write_text(json.dumps(split, indent=1) + "\n", encoding="utf-8")
    return path
