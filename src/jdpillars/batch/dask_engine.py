"""The Dask engine (the ``[dask]`` extra): for collections beyond one machine.

The input is one file, a directory or a glob of CSV, TSV, JSONL or Parquet files. It becomes a
``dask.dataframe`` built with ``from_map``: one partition per CSV/JSONL file (read by the same
readers as the local engine, so hostile rows come out the same) and one per Parquet row group,
then split so that every worker has work. Each partition is classified on a worker, which
loads the model once (``client.run(warm)``), and written there as ``part-NNNNN.parquet`` or
``.csv`` into ``OUTPUT.partial/``, renamed to ``OUTPUT/`` at the end. Row numbers run across
the files in name order, so ``row`` means the same as with the local engine.
"""

from __future__ import annotations

import glob
import logging
import math
import os
import shutil
import time
from pathlib import Path
from typing import Any

from jdpillars.batch.columns import Wanted
from jdpillars.batch.errors import BatchError, optional
from jdpillars.batch.frames import meta, records_frame, records_of
from jdpillars.batch.readers import EXTENSIONS, input_format, open_input, open_reader
from jdpillars.batch.summary import ChunkResult, ProgressFn, Summary, Tally
from jdpillars.batch.worker import classify_chunk, warm

PART_ROWS = 2_000
Spec = tuple[str, str, Wanted, int | None, int]  # path, format, columns, row group, first row


def expand(source: str) -> list[str]:
    """The input files of ``source``: the file itself, a directory's files with a known
    extension, or a glob's matches, in name order."""
    if os.path.isdir(source):
        found = [
            str(p)
            for p in sorted(Path(source).rglob("*"))
            if p.is_file() and p.suffix.lower() in EXTENSIONS
        ]
    elif glob.has_magic(source):
        found = sorted(p for p in glob.glob(source, recursive=True) if os.path.isfile(p))
    else:
        found = [source] if os.path.isfile(source) else []
    if not found:
        raise BatchError(f"{source}: no input files")
    return found


def _kind(path: str, given: str | None) -> str:
    with open_input(path) as stream:
        return input_format(path, given, stream.readline())


def _count(path: str, kind: str, wanted: Wanted) -> int:
    """Rows of a CSV/JSONL file; also fails early (on the client) on a bad header."""
    with open_input(path) as stream:
        return sum(1 for _ in open_reader(path, wanted, fmt=kind, stream=stream))


def _read(spec: Spec) -> Any:
    """One partition: the records of a file (or of one Parquet row group), numbered from
    ``first_row``."""
    path, kind, wanted, group, first_row = spec
    if kind == "parquet":
        from jdpillars.batch.read_parquet import ParquetReader, parquet_records

        table = ParquetReader(path, wanted)
        return records_frame(
            list(
                parquet_records(
                    table.file, table.columns, row_groups=[group or 0], first_row=first_row
                )
            )
        )
    from dataclasses import replace

    with open_input(path) as stream:
        reader = open_reader(path, wanted, fmt=kind, stream=stream)
        return records_frame([replace(r, row=r.row + first_row - 1) for r in reader])


def _specs(
    files: list[str], given: str | None, wanted: Wanted, client: Any
) -> tuple[list[Spec], int]:
    """The partitions to read, and the rows they hold; CSV/JSONL files are counted on the
    workers (a first, cheap pass: parsing costs little next to classifying)."""
    kinds = [_kind(f, given) for f in files]
    counts: dict[int, list[tuple[int | None, int]]] = {}
    pending = {}
    for i, (path, kind) in enumerate(zip(files, kinds, strict=True)):
        if kind == "parquet":
            from jdpillars.batch.read_parquet import ParquetReader

            meta_ = ParquetReader(path, wanted).file.metadata
            counts[i] = [(g, meta_.row_group(g).num_rows) for g in range(meta_.num_row_groups)]
        else:
            with open_input(path) as stream:  # the header, checked here before any work
                open_reader(path, wanted, fmt=kind, stream=stream)
            pending[i] = client.submit(_count, path, kind, wanted, pure=False)
    for i, future in pending.items():
        counts[i] = [(None, future.result())]
    specs: list[Spec] = []
    row = 1
    for i, (path, kind) in enumerate(zip(files, kinds, strict=True)):
        for group, n in counts[i]:
            if n:
                specs.append((path, kind, wanted, group, row))
            row += n
    return specs, row - 1


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
    specs: list[Spec],
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
    frame = dd.from_map(_read, specs, meta=meta(), enforce_metadata=False)
    workers = max(1, sum(client.nthreads().values()))
    parts = min(total, max(frame.npartitions, 2 * workers, math.ceil(total / PART_ROWS)))
    if parts > frame.npartitions:
        frame = frame.repartition(npartitions=parts)
    tasks = [
        dask.delayed(_write_part)(part, i, str(partial), fmt, model, top)
        for i, part in enumerate(frame.to_delayed())
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
    try:
        try:
            client.run(warm, model)
        except ModelError as exc:
            raise BatchError(str(exc)) from None
        load = time.perf_counter() - start
        workers = len(client.nthreads())
        specs, total = _specs(files, given, wanted, client)
        if specs:
            tally = _classify(client, specs, total, partial, fmt, model, top, progress)
        else:
            tally = Tally()
            _write_items([], partial / f"part-00000.{fmt}", fmt)
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    if output.exists():
        shutil.rmtree(output)
    os.replace(partial, output)
    return Summary.of(
        tally,
        output=str(output),
        seconds=time.perf_counter() - start,
        load_seconds=load,
        engine="dask",
        workers=workers,
    )
