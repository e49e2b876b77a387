"""A benchmark's own warehouse: a copy of the built one in a temporary folder, made live for this
process and the servers it starts, so that a benchmark's swaps never touch the user's warehouse.

    with warehouse_copy("bench-callbacks-") as (path, folder):   # WAREHOUSE_PATH -> path meanwhile
        ...
        swap(path)                                                 # a new build, as the ETL delivers it
"""
from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

WAREHOUSE_NAME = "warehouse.duckdb"


@contextmanager
def warehouse_copy(prefix: str) -> Iterator[tuple[Path, Path]]:
    """Copy the warehouse of WAREHOUSE_PATH into a new temporary folder and point WAREHOUSE_PATH (of
    this process, so of the servers it starts too) at the copy until the block ends; yields (the
    copy, its folder: for the benchmark's other files). Afterwards WAREHOUSE_PATH is what it was and
    the folder is gone. The caller checks first that a warehouse is built (`db.is_built()`)."""
    from dashboard import db

    source = db.warehouse_path()
    before = os.environ.get("WAREHOUSE_PATH")
    with tempfile.TemporaryDirectory(prefix=prefix) as tmp:
        copy = Path(tmp) / WAREHOUSE_NAME
        shutil.copyfile(source, copy)
        os.environ["WAREHOUSE_PATH"] = str(copy)
        try:
            yield copy, Path(tmp)
        finally:
            if before is None:
                os.environ.pop("WAREHOUSE_PATH", None)
            else:
                os.environ["WAREHOUSE_PATH"] = before


def swap(path: Path) -> None:
    """A new build as the ETL delivers it: a new file beside the live one, then an atomic rename."""
    fresh = path.with_name(path.name + ".bench-swap")
    shutil.copyfile(path, fresh)
    os.replace(fresh, path)
