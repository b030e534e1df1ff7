"""How fast ``jdpillars lint`` is: model load, drafts per second end to end (read, classify,
rules), and the rules alone. Writes bench-out/lint.json and prints a summary."""

from __future__ import annotations

import json
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DRAFTS = sorted((ROOT / "tests" / "drafts").glob("*.md"))
ROUNDS = 5


def main() -> None:
    from jdpillars.classifier import Classifier
    from jdpillars.lint import lint_paths
    from jdpillars.lint.registry import check
    from jdpillars.lint.settings import resolve

    start = time.perf_counter()
    classifier = Classifier()
    load = time.perf_counter() - start
    settings = resolve([])
    start = time.perf_counter()
    for _ in range(ROUNDS):
        results = lint_paths(DRAFTS, classifier, settings)
    lint = (time.perf_counter() - start) / ROUNDS
    from jdpillars.lint.draft import read_draft

    pairs = [(read_draft(p), r.report) for p, r in zip(DRAFTS, results, strict=True)]
    start = time.perf_counter()
    for _ in range(ROUNDS):
        for d, report in pairs:
            assert report is not None
            check(d, report, settings)
    rules = (time.perf_counter() - start) / ROUNDS
    out = {
        "drafts": len(DRAFTS),
        "model_load_s": round(load, 3),
        "lint_s": round(lint, 4),
        "drafts_per_s": round(len(DRAFTS) / lint, 1),
        "rules_ms_per_draft": round(1000 * rules / len(DRAFTS), 3),
        "findings": sum(len(r.findings) for r in results),
    }
    (ROOT / "bench-out").mkdir(exist_ok=True)
    (ROOT / "bench-out" / "lint.json").write_text(json.dumps(out, indent=2) + "\n")
    print(
        f"lint: {out['drafts']} drafts in {lint:.3f} s ({out['drafts_per_s']}/s) after a "
        f"{load:.2f} s model load; rules alone {out['rules_ms_per_draft']} ms per draft"
    )


if __name__ == "__main__":
    main()
