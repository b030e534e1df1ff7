"""Classification throughput in one process, next to the bare spaCy tokenizer on the same texts,
plus model load time, `jdpillars --help` start-up time and peak memory.

Postings are real-like: every posting of our corpus, and recombinations of their lines, until
there are at least --postings of them. Prints a table and writes build/bench-classify.json.
The floor is the bare ``spacy.blank("en")`` tokenizer; our pipeline starts with our own, leaner
tokenizer rules (``jdpillars.tokenizer``), whose speed alone is printed too.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def postings(n: int, seed: int = 7) -> list[str]:
    from jdpillars.corpus import load

    corpus = load(ROOT / "data" / "labeled_jds")
    texts = [p.text for p in corpus]
    rng = random.Random(seed)
    while len(texts) < n:  # a new posting from the lines of two others
        a, b = rng.sample(corpus, 2)
        lines = [s.text for s in a.spans[: len(a.spans) // 2]] + [
            s.text for s in b.spans[len(b.spans) // 2 :]
        ]
        texts.append("\n".join(lines))
    return texts[:n]


def best_of(runs: int, *fns) -> list[float]:  # type: ignore[no-untyped-def]
    """The best time of each function over ``runs`` rounds, the functions taking turns in each
    round so that a busy moment of the machine does not fall on one side only."""
    best = [float("inf")] * len(fns)
    for _ in range(runs):
        for i, fn in enumerate(fns):
            start = time.perf_counter()
            fn()
            best[i] = min(best[i], time.perf_counter() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--postings", type=int, default=1200)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "bench-classify.json")
    args = parser.parse_args()

    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "jdpillars.cli", "--help"], check=True, capture_output=True
    )
    help_seconds = time.perf_counter() - start

    texts = postings(args.postings)
    chars = sum(len(t) for t in texts)

    import spacy

    from jdpillars.classifier import Classifier, Job

    start = time.perf_counter()
    classifier = Classifier()
    load_seconds = time.perf_counter() - start
    blank = spacy.blank("en")
    jobs = [Job(t) for t in texts]
    # One cold pass each first (empty caches: what a single run over new postings sees),
    # then warm rounds, the stricter figure: the bare tokenizer gains more from its cache.
    cold_tok, cold_ours = best_of(
        1,
        lambda: list(blank.pipe(texts, batch_size=64)),
        lambda: list(classifier.classify_many(jobs)),
    )

    tok, ours, own_tok = best_of(
        args.runs,
        lambda: list(blank.pipe(texts, batch_size=64)),
        lambda: list(classifier.classify_many(jobs)),
        lambda: [classifier.nlp.make_doc(t) for t in texts],
    )
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    result = {
        "postings": len(texts),
        "mean_chars": round(chars / len(texts)),
        "tokenizer_postings_per_s": round(len(texts) / tok, 1),
        "classify_postings_per_s": round(len(texts) / ours, 1),
        "our_tokenizer_postings_per_s": round(len(texts) / own_tok, 1),
        "ratio_to_tokenizer": round(tok / ours, 3),
        "cold_pass_ratio": round(cold_tok / cold_ours, 3),
        "model_load_s": round(load_seconds, 2),
        "help_startup_s": round(help_seconds, 2),
        "peak_rss_mib": round(peak_mib),
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    width = max(len(k) for k in result)
    for key, value in result.items():
        print(f"{key:<{width}}  {value}")
    print(f"target: ratio_to_tokenizer >= 0.5 -> {'met' if tok / ours >= 0.5 else 'NOT met'}")


if __name__ == "__main__":
    main()
