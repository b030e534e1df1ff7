"""``jdpillars batch``: score every posting of a CSV, TSV, JSONL or Parquet file, streaming.

The stages, one module each: ``readers`` (and ``read_csv``, ``read_jsonl``, ``read_parquet``)
turn the input into ``Record`` values; ``worker`` classifies chunks of records into output rows
(in this process, in joblib workers, or on Dask workers); ``writers`` append the rows to a
partial file that ``resume`` can continue; ``engine`` and ``dask_engine`` drive the run; ``run``
is the front door. Nothing here prints: progress and messages go through callbacks.
"""

# Rows per chunk sent to a worker: small enough that no worker idles long at the end of a run,
# large enough that shipping a chunk costs next to nothing. (Here, so the CLI's --help can
# show it without importing the engine.)
CHUNK_ROWS = 128
