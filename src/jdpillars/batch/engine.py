"""The local engine: records in chunks, in order, classified in this process (``jobs=1``) or
by ``jobs`` joblib worker processes (loky), each loading the model once and keeping it for
every chunk it gets; results come back in input order and are written as they arrive.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import islice

from jdpillars.batch.errors import BatchError, Interrupted
from jdpillars.batch.readers import Reader
from jdpillars.batch.records import Record
from jdpillars.batch.summary import ChunkResult, ProgressFn, Summary, Tally
from jdpillars.batch.worker import classify_chunk, warm
from jdpillars.batch.writers import Output

CHUNK_ROWS = 256
CHUNK_CHARS = 16_000_000  # a chunk also ends when its texts reach this many characters


@dataclass(frozen=True)
class Work:
    model: str | None
    top: int
    fmt: str
    jobs: int = 1
    chunk_rows: int = CHUNK_ROWS


def chunks(
    records: Iterable[Record], rows: int, chars: int = CHUNK_CHARS
) -> Iterator[list[Record]]:
    chunk: list[Record] = []
    size = 0
    for record in records:
        chunk.append(record)
        size += len(record.text)
        if len(chunk) >= rows or size >= chars:
            yield chunk
            chunk, size = [], 0
    if chunk:
        yield chunk


def skip(records: Iterator[Record], done: int) -> Iterator[Record]:
    """``records`` after the first ``done`` (already in the output); an input shorter than
    that is not the one the output was made from."""
    if done and sum(1 for _ in islice(records, done)) < done:
        raise BatchError(
            f"cannot resume: the output already has {done} rows, more than "
            "the input (a different input?)"
        )
    return records


def _results(work: Work, batches: Iterator[list[Record]]) -> tuple[Iterator[ChunkResult], float]:
    """Chunk results in order, and the seconds spent loading the model before the first."""
    from jdpillars.modeldir import ModelError

    start = time.perf_counter()
    try:
        if work.jobs == 1:
            warm(work.model)
            return (classify_chunk(c, work.model, work.top, work.fmt) for c in batches), (
                time.perf_counter() - start
            )
        from joblib import Parallel, delayed

        parallel = Parallel(
            n_jobs=work.jobs,
            backend="loky",
            batch_size=1,
            pre_dispatch=f"{2 * work.jobs}",
            return_as="generator",
        )
        # Load the model in every worker first (joblib reuses the loky workers).
        list(
            Parallel(n_jobs=work.jobs, backend="loky")(
                delayed(warm)(work.model) for _ in range(work.jobs)
            )
        )
        tasks = (delayed(classify_chunk)(c, work.model, work.top, work.fmt) for c in batches)
        return iter(parallel(tasks)), time.perf_counter() - start
    except ModelError as exc:
        raise BatchError(str(exc)) from None


def run_local(
    reader: Reader, output: Output, work: Work, *, progress: ProgressFn | None = None
) -> Summary:
    start = time.perf_counter()
    tally = Tally()
    positions: deque[int] = deque()

    def marked(batches: Iterator[list[Record]]) -> Iterator[list[Record]]:
        for batch in batches:
            positions.append(reader.position)
            yield batch

    try:
        records = skip(iter(reader), output.done)
        results, load = _results(work, marked(chunks(records, work.chunk_rows)))
        for result in results:
            output.write(result.items)
            tally.add(result)
            if progress is not None:
                progress(output.done + tally.rows, positions.popleft(), reader.total)
    except KeyboardInterrupt:
        output.close()
        raise Interrupted(output.done + tally.rows, str(output.partial)) from None
    except BaseException:
        output.close()
        raise
    output.finish()
    return Summary.of(
        tally,
        output=str(output.path),
        seconds=time.perf_counter() - start,
        load_seconds=load,
        skipped=output.done,
        workers=work.jobs,
    )
