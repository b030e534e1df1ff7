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

from joblib.externals.loky.process_executor import TerminatedWorkerError

from jdpillars.batch import CHUNK_ROWS
from jdpillars.batch.errors import BatchError, Interrupted
from jdpillars.batch.readers import Reader
from jdpillars.batch.records import Record
from jdpillars.batch.summary import ChunkResult, ProgressFn, Summary, Tally
from jdpillars.batch.worker import classify_chunk, warm
from jdpillars.batch.writers import Output

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


class Workers:
    """Where chunks are classified: this process (``jobs=1``) or ``jobs`` loky workers. The
    model is loaded on creation (``setup_seconds``), so a bad ``--model`` stops the run before
    any output is opened."""

    def __init__(self, work: Work) -> None:
        from jdpillars.modeldir import ModelError

        self.work = work
        start = time.perf_counter()
        try:
            if work.jobs == 1:
                warm(work.model)
            else:
                from joblib import Parallel, delayed

                # One task per worker; joblib keeps the loky workers (and their model).
                Parallel(n_jobs=work.jobs, backend="loky")(
                    delayed(warm)(work.model) for _ in range(work.jobs)
                )
        except ModelError as exc:
            raise BatchError(str(exc)) from None
        self.setup_seconds = time.perf_counter() - start

    def results(self, batches: Iterator[list[Record]]) -> Iterator[ChunkResult]:
        """Each chunk's result, in order; at most ``2 * jobs`` chunks are in flight."""
        w = self.work
        if w.jobs == 1:
            return (classify_chunk(c, w.model, w.top, w.fmt) for c in batches)
        from joblib import Parallel, delayed

        parallel = Parallel(
            n_jobs=w.jobs,
            backend="loky",
            batch_size=1,
            pre_dispatch=f"{2 * w.jobs}",
            return_as="generator",
        )
        return iter(parallel(delayed(classify_chunk)(c, w.model, w.top, w.fmt) for c in batches))


def run_local(
    reader: Reader,
    output: Output,
    workers: Workers,
    *,
    started: float,
    progress: ProgressFn | None = None,
) -> Summary:
    """Classify what ``reader`` yields after the rows already in ``output`` and write it;
    ``started`` is when the run began (``time.perf_counter()``)."""
    tally = Tally()
    positions: deque[int] = deque()

    def marked(batches: Iterator[list[Record]]) -> Iterator[list[Record]]:
        for batch in batches:
            positions.append(reader.position)
            yield batch

    try:
        records = skip(iter(reader), output.done)
        for result in workers.results(marked(chunks(records, workers.work.chunk_rows))):
            output.write(result.items)
            tally.add(result)
            if progress is not None:
                progress(output.done + tally.rows, positions.popleft(), reader.total)
    except KeyboardInterrupt:
        output.close()
        raise Interrupted(output.done + tally.rows, str(output.partial)) from None
    except TerminatedWorkerError as exc:  # a worker killed (out of memory, say)
        output.close()
        raise BatchError(
            f"a worker process died ({exc}); the {output.done + tally.rows} rows before are "
            f"in {output.partial}: --resume continues"
        ) from None
    except BaseException:
        output.close()
        raise
    output.finish()
    return Summary.of(
        tally,
        output=str(output.path),
        seconds=time.perf_counter() - started,
        setup_seconds=workers.setup_seconds,
        skipped=output.done,
        workers=workers.work.jobs,
    )
