"""The one expected error of a batch run, and the lazy import of an optional extra."""

from __future__ import annotations

import importlib
from types import ModuleType


class BatchError(Exception):
    """A batch that cannot run (bad options, unreadable input, a missing extra); the message
    is the one line the user sees."""


class Interrupted(Exception):
    """The run was stopped (Ctrl-C); ``rows`` complete rows are in ``partial``."""

    def __init__(self, rows: int, partial: str) -> None:
        super().__init__(f"interrupted after {rows} rows")
        self.rows = rows
        self.partial = partial


EXTRAS = {"parquet": "Parquet files need pyarrow", "dask": "the dask engine needs dask"}


def optional(module: str, extra: str) -> ModuleType:
    """Import ``module`` from the ``extra`` of jdpillars, or say how to install it."""
    try:
        return importlib.import_module(module)
    except ImportError:
        raise BatchError(
            f"{EXTRAS[extra]} ({module} is not installed): pip install 'jdpillars[{extra}]'"
        ) from None
