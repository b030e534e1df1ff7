"""The Dask engine (the ``[dask]`` extra): for collections beyond one machine.

The input is one file, a directory or a glob of CSV, TSV, JSONL or Parquet files. It becomes a
``dask.dataframe`` built with ``from_map`` over the partitions of ``partitions.plan`` (runs of
whole CSV/JSONL records, read by the same readers as the local engine, so hostile rows come
out the same; Parquet row groups). Each partition is classified on a worker, which loads the
model once (``client.run(warm)``), and written there as ``part-NNNNN.parquet`` or ``.csv``
into ``OUTPUT.partial/``, renamed to ``OUTPUT/`` at the end. Row numbers run across the files
in name order, so ``row`` means the same as with the local engine.
"""

from __future__ import annotations

import logging
import os
import shutil
import time
from pathlib import Path
from typing import Any

from jdpillars.batch.columns import Wanted
from jdpillars.batch.errors import BatchError, optional
from jdpillars.batch.frames import meta, records_of
from jdpillars.batch.partitions import Part, expand, plan, read
from jdpillars.batch.summary import ChunkResult, ProgressFn, Summary, Tally
from jdpillars.batch.worker import classify_chunk, warm


def _write_items(items: list[tuple[Any, ...]], path: Path, fmt: str) -> None:
    if fmt == "parquet":
        from jdpillars.batch.write_parquet import table

        optional("pyarrow.parquet", "parquet").write_table(table(items), path)
        return
    import csv

    from jdpillars.batch.writers import COLUMNS

    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(COLUMNS)
        writer.writerows(items)


def _write_part(
    frame: Any, index: int, directory: str, fmt: str, model: str | None, top: int
) -> ChunkResult:
    """Classify one partition on a worker and write it as one part file."""
    result = classify_chunk(records_of(frame), model, top, "csv")
    _write_items(list(result.items), Path(directory) / f"part-{index:05d}.{fmt}", fmt)
    return ChunkResult((), result.errors, result.warnings, result.primaries)


def _client(scheduler: str | None, jobs: int) -> tuple[Any, Any]:
    distributed = optional("distributed", "dask")
    if scheduler:
        try:
            return distributed.Client(scheduler, timeout="20s"), None
        except (OSError, TimeoutError) as exc:
            raise BatchError(f"cannot reach the dask scheduler at {scheduler}: {exc}") from None
    cluster = distributed.LocalCluster(
        n_workers=jobs,
        threads_per_worker=1,
        processes=True,
        dashboard_address=None,
        silence_logs=logging.ERROR,
    )
    return distributed.Client(cluster.scheduler_address), cluster


def _target(output: Path) -> Path:
    if output.exists() and (
        not output.is_dir() or any(not p.name.startswith("part-") for p in output.iterdir())
    ):
        raise BatchError(
            f"{output}: exists and is not the output of a dask run; the dask "
            "engine writes a directory of parts: choose another -o"
        )
    partial = output.with_name(output.name + ".partial")
    if partial.exists():
        shutil.rmtree(partial)
    partial.mkdir(parents=True)
    return partial


def _classify(
    client: Any,
    parts: list[Part],
    total: int,
    partial: Path,
    fmt: str,
    model: str | None,
    top: int,
    progress: ProgressFn | None,
) -> Tally:
    """Classify and write every partition on the workers; the counts as parts finish."""
    dd = optional("dask.dataframe", "dask")
    dask = optional("dask", "dask")
    distributed = optional("distributed", "dask")
    tally = Tally()
    frame = dd.from_map(read, parts, meta=meta(), enforce_metadata=False)
    threads = max(1, sum(client.nthreads().values()))
    if frame.npartitions < 2 * threads < total:  # a few large Parquet row groups
        frame = frame.repartition(npartitions=2 * threads)
    tasks = [
        dask.delayed(_write_part)(piece, i, str(partial), fmt, model, top)
        for i, piece in enumerate(frame.to_delayed())
    ]
    for future in distributed.as_completed(client.compute(tasks)):
        try:
            tally.add(future.result())
        except OSError as exc:
            raise BatchError(f"a dask worker could not write its part: {exc}") from None
        if progress is not None:
            progress(tally.rows, tally.rows, total)
    return tally


def run_dask(
    source: str,
    output: Path,
    fmt: str,
    wanted: Wanted,
    *,
    given: str | None,
    model: str | None,
    top: int,
    jobs: int,
    scheduler: str | None,
    progress: ProgressFn | None = None,
) -> Summary:
    from jdpillars.modeldir import ModelError

    start = time.perf_counter()
    optional("dask.dataframe", "dask")
    files = expand(source)
    partial = _target(output)
    client, cluster = _client(scheduler, jobs)
    load = 0.0
    try:
        try:
            client.run(warm, model)
        except ModelError as exc:
            raise BatchError(str(exc)) from None
        load = time.perf_counter() - start
        workers = len(client.nthreads())
        parts, total = plan(files, given, wanted, client, sum(client.nthreads().values()))
        if parts:
            tally = _classify(client, parts, total, partial, fmt, model, top, progress)
        else:
            tally = Tally()
            _write_items([], partial / f"part-00000.{fmt}", fmt)
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    finally:
        closing = time.perf_counter()
        client.close()
        if cluster is not None:
            cluster.close()
        load += time.perf_counter() - closing
    if output.exists():
        shutil.rmtree(output)
    os.replace(partial, output)
    return Summary.of(
        tally,
        output=str(output),
        seconds=time.perf_counter() - start,
        setup_seconds=load,
        engine="dask",
        workers=workers,
    )
