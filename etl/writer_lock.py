"""One writer at a time for a warehouse and the state it replays.

Three commands replace the live warehouse: `etl build`, `etl import-indicator` and `etl load-report`
(also from the dashboard's upload page). Each reads the live file or the folders a build replays
(`ETL_IMPORTS_DIR`, the report ledger in `REPORTS_DIR`), writes a copy and swaps it in. Two of them
side by side would each swap in a copy without the other's change: a report loaded while a build
runs would vanish from the warehouse until the next build. So each holds this lock from its first
read of that state to its swap; readers never take it (they open the file read-only).

The lock is an flock on `<warehouse>.lock` beside the live file: released by the kernel when the
process ends, however it ends. flock is per open file, so a process must not take it twice.
"""
from __future__ import annotations

import fcntl
from contextlib import contextmanager
from pathlib import Path


def lock_path(warehouse: Path) -> Path:
    warehouse = Path(warehouse)
    return warehouse.with_name(warehouse.name + ".lock")


@contextmanager
def warehouse_writer(warehouse: Path):
    """Hold the writer lock of this warehouse; waits while another writer holds it."""
    path = lock_path(warehouse)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
