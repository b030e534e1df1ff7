"""The fixed train/test split of the corpus, stratified by primary pillar and by out-of-scope.

``make_split`` is deterministic: within each stratum, postings are ordered by a hash of their id
and every fourth or fifth goes to test, so adding postings later moves no existing one."""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path

from jdpillars.corpus import SPLIT_FILE, Posting

TEST_FRACTION = 0.22


def stratum(posting: Posting) -> str:
    return "out-of-scope" if posting.mops == "no" else posting.primary


def _key(pid: str) -> str:
    return hashlib.sha256(pid.encode("utf-8")).hexdigest()


def make_split(postings: Sequence[Posting], fraction: float = TEST_FRACTION
               ) -> dict[str, list[str]]:
    groups: dict[str, list[str]] = defaultdict(list)
    for p in postings:
        groups[stratum(p)].append(p.id)
    test: list[str] = []
    for ids in groups.values():
        ordered = sorted(ids, key=_key)
        n_test = max(1, round(len(ordered) * fraction))
        test.extend(ordered[:n_test])
    test_set = set(test)
    return {"train": sorted(p.id for p in postings if p.id not in test_set),
            "test": sorted(test_set)}


def write_split(directory: Path, split: dict[str, list[str]]) -> Path:
    path = directory / SPLIT_FILE
    path.write_text(json.dumps(split, indent=1) + "\n", encoding="utf-8")
    return path
