"""`jdpillars batch` throughput and memory.

Postings per second for `--jobs 1`, `--jobs 2` and the dask engine (a LocalCluster of two
workers), next to the bare `spacy.blank("en")` tokenizer (`nlp.pipe(batch_size=64)`) on the
same texts; then the peak memory of `jdpillars batch --jobs 2` over 1,000 and 100,000 rows
(the CLI process alone, and with its workers), sampled while it streams.

Postings are real-like: each one strings together runs of lines from three postings of our
corpus (`data/labeled_jds`, read with `jdpillars.corpus.load`). Every run starts in a fresh
process, so each loads the model; rates leave the loading out and it is reported apart.

Writes build/bench-batch.json and the figures into the README (`### batch` under
`## Performance`, between the bench-batch markers).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "build" / "bench-batch"
README = ROOT / "README.md"
START, END = "<!-- bench-batch:start -->", "<!-- bench-batch:end -->"
RUN_ONE = """
import json, sys
from pathlib import Path
from jdpillars.batch.run import BatchOptions, run
s = run(BatchOptions(sys.argv[1], Path(sys.argv[2]), jobs=int(sys.argv[3]), engine=sys.argv[4]))
print(json.dumps({"rows": s.rows, "errors": s.errors, "seconds": s.seconds,
                  "setup_seconds": s.setup_seconds, "rate": s.rate}))
"""


def postings(n: int, seed: int = 11) -> Iterator[tuple[str, str, str]]:
    """``n`` (id, title, text), each made of runs of lines from three corpus postings."""
    from jdpillars.corpus import load

    loaded = load(ROOT / "data" / "labeled_jds")
    corpus = [[s.text for s in p.spans] for p in loaded]
    titles = [p.title for p in loaded]
    rng = random.Random(seed)
    for i in range(n):
        picks = rng.sample(range(len(corpus)), 3)
        lines: list[str] = []
        for k in picks:
            spans = corpus[k]
            size = max(3, len(spans) // 3)
            start = rng.randrange(max(1, len(spans) - size))
            lines.extend(spans[start : start + size])
        yield f"b{i + 1}", titles[picks[0]], "\n".join(lines)


def write_input(path: Path, n: int) -> list[str]:
    """Write ``n`` postings to ``path`` as CSV; the first 5,000 texts are returned."""
    texts: list[str] = []
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "title", "description"])
        for row in postings(n):
            writer.writerow(row)
            if len(texts) < 5_000:
                texts.append(row[2])
    return texts


def tokenizer_rate(texts: list[str]) -> float:
    import spacy

    nlp = spacy.blank("en")
    start = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=64):
        pass
    return len(texts) / (time.perf_counter() - start)


def engine_run(source: Path, jobs: int, engine: str) -> dict[str, Any]:
    out = WORK / f"out-{engine}-{jobs}" / ("scored" if engine == "dask" else "scored.csv")
    shutil.rmtree(out.parent, ignore_errors=True)
    out.parent.mkdir(parents=True)
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", RUN_ONE, str(source), str(out), str(jobs), engine],
        check=True,
        capture_output=True,
        text=True,
    )
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    result["wall_seconds"] = time.perf_counter() - start
    if result["errors"]:  # rows that fail are fast: their speed would mean nothing
        raise SystemExit(f"{engine} --jobs {jobs}: {result['errors']} rows failed; see {out}")
    return result


def median_run(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """The run with the median rate (rounds interleave, so other load hits every setting)."""
    return sorted(runs, key=lambda r: r["rate"])[len(runs) // 2]


def peak_memory(source: Path, jobs: int) -> dict[str, float]:
    """Run the CLI on ``source``, sampling the resident memory of it and its workers."""
    import psutil

    out = WORK / "memory.csv"
    command = [
        sys.executable,
        "-c",
        "from jdpillars.cli import main; main()",
        "batch",
        str(source),
        "-o",
        str(out),
        "--jobs",
        str(jobs),
        "--quiet",
    ]
    start = time.perf_counter()
    process = psutil.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    main_peak = total_peak = 0
    while process.poll() is None:
        try:
            main = process.memory_info().rss
            workers = sum(c.memory_info().rss for c in process.children(recursive=True))
        except psutil.Error:
            continue
        main_peak, total_peak = max(main_peak, main), max(total_peak, main + workers)
        time.sleep(0.05)
    if process.returncode != 0:
        raise SystemExit(f"jdpillars batch failed: {process.stderr.read().decode()}")
    mib = 1024 * 1024
    return {
        "seconds": time.perf_counter() - start,
        "cli_peak_mib": main_peak / mib,
        "total_peak_mib": total_peak / mib,
        "input_mb": source.stat().st_size / 1e6,
    }


def table(result: dict[str, Any]) -> str:
    tok = result["tokenizer_postings_per_s"]
    speed = result["speed"]
    one = speed["jobs1"]["rate"]
    rows = [
        "| run | postings/s | vs tokenizer | vs --jobs 1 | setup (s) | wall (s) |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
        f'| `spacy.blank("en")` tokenizer, `nlp.pipe(batch_size=64)` | {tok:.0f} | 1.00 | | | |',
    ]
    names = {
        "jobs1": "`--jobs 1`",
        "jobs2": "`--jobs 2`",
        "dask": "`--engine dask` (LocalCluster, 2 workers)",
    }
    for key, name in names.items():
        r = speed[key]
        rows.append(
            f"| {name} | {r['rate']:.0f} | {r['rate'] / tok:.2f} | "
            f"{r['rate'] / one:.2f} | {r['setup_seconds']:.1f} | "
            f"{r['wall_seconds']:.1f} |"
        )
    memory = [
        "| rows | input (MB) | wall (s) | peak RSS, CLI process (MiB) | "
        "peak RSS with the 2 workers (MiB) |",
        "| ---: | ---: | ---: | ---: | ---: |",
    ]
    for n, m in result["memory"].items():
        memory.append(
            f"| {int(n):,} | {m['input_mb']:.0f} | {m['seconds']:.0f} | "
            f"{m['cli_peak_mib']:.0f} | {m['total_peak_mib']:.0f} |"
        )
    machine = result["machine"]
    return "\n".join(
        [
            START,
            textwrap.fill(
                f"Measured by `make bench` (`bench/bench_batch.py`) on {machine['cores']} cores, "
                f"load average {machine['load_before']:.1f} before the runs (other work shares "
                f"the machine); {result['postings']:,} real-like postings of "
                f"{result['mean_chars']:,} characters on average. Postings per second leave out "
                "the setup (loading the model, starting and stopping workers: its own column); "
                f"each run is a fresh process; the median of {result['rounds']} interleaved "
                "rounds.",
                width=100,
            ),
            "",
            *rows,
            "",
            "Memory while streaming, `jdpillars batch --jobs 2` (sampled every 50 ms):",
            "",
            *memory,
            "",
            textwrap.fill(
                f"Targets: `--jobs 2` at least 1.7x `--jobs 1`: "
                f"{speed['jobs2']['rate'] / one:.2f}x; `--jobs 1` at least 0.5x the tokenizer: "
                f"{one / tok:.2f}x.",
                width=100,
            ),
            END,
        ]
    )


def write_readme(block: str) -> None:
    text = README.read_text(encoding="utf-8")
    if START in text and END in text:
        before, rest = text.split(START, 1)
        text = before + block + rest.split(END, 1)[1]
    else:
        head, tail = text.split("## Performance\n", 1)
        nxt = tail.find("\n## ")
        nxt = len(tail) if nxt < 0 else nxt
        text = (
            head
            + "## Performance\n"
            + tail[:nxt].rstrip("\n")
            + "\n\n### batch\n\n"
            + block
            + "\n"
            + tail[nxt:]
        )
    README.write_text(text, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--postings", type=int, default=4_000, help="rows for the speed runs")
    parser.add_argument("--large", type=int, default=100_000, help="rows for the memory run")
    parser.add_argument("--rounds", type=int, default=5, help="speed runs; the median counts")
    parser.add_argument("--no-readme", action="store_true", help="leave the README alone")
    args = parser.parse_args()
    WORK.mkdir(parents=True, exist_ok=True)
    load_before = os.getloadavg()[0]

    speed_input = WORK / "speed.csv"
    texts = write_input(speed_input, args.postings)
    runs: dict[str, list[dict[str, Any]]] = {"jobs1": [], "jobs2": [], "dask": []}
    tokenizer: list[float] = []
    for _ in range(args.rounds):  # interleaved: other load on the machine hits every setting
        tokenizer.append(tokenizer_rate(texts))
        runs["jobs1"].append(engine_run(speed_input, 1, "local"))
        runs["jobs2"].append(engine_run(speed_input, 2, "local"))
        runs["dask"].append(engine_run(speed_input, 2, "dask"))
    result: dict[str, Any] = {
        "postings": args.postings,
        "rounds": args.rounds,
        "mean_chars": round(sum(map(len, texts)) / len(texts)),
        "machine": {"cores": os.cpu_count(), "load_before": load_before},
        "tokenizer_postings_per_s": statistics.median(tokenizer),
        "speed": {key: median_run(found) for key, found in runs.items()},
        "all_runs": {"tokenizer": tokenizer, **runs},
        "memory": {},
    }
    for n in (1_000, args.large):
        source = WORK / f"memory-{n}.csv"
        write_input(source, n)
        result["memory"][str(n)] = peak_memory(source, jobs=2)
        source.unlink()
    out = ROOT / "build" / "bench-batch.json"
    out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    block = table(result)
    print(block)
    if not args.no_readme:
        write_readme(block)


if __name__ == "__main__":
    main()
