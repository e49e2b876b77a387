"""Read-only access to the DuckDB warehouse, safe while the ETL swaps in a new file.

Pattern (see STACK.md): every thread has its own in-memory DuckDB connection, created on
first use (never at import, never before a server forks its workers). Each read ATTACHes the
live file READ_ONLY as `w`, makes it the default catalog (so SQL says `FROM indicator`), runs,
and DETACHes. The ETL replaces the file atomically (`os.replace`), so the next read sees the
new build and no reader ever holds a lock that would stop a build.

    query("SELECT * FROM source WHERE source_id = ?", [source_id])   # one statement
    with reader() as r:                                               # several statements,
        a = r.query(...); b = r.query(...)                            # all from one build

SQL is always parameterised: values travel as `params`, never formatted into the text.
"""
from __future__ import annotations

import contextlib
import os
import threading
from collections import OrderedDict
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import duckdb
import pandas as pd

ALIAS = "w"
BUILD_COMMAND = "python -m etl build"


class WarehouseError(Exception):
    """The warehouse cannot be read; `path` is the file that was tried."""

    def __init__(self, message: str, path: Path):
        super().__init__(message)
        self.path = path


class WarehouseMissing(WarehouseError):
    """No warehouse file yet: it has not been built."""


class WarehouseUnavailable(WarehouseError):
    """The file exists but cannot be read (locked, damaged, or an older schema)."""


def warehouse_path() -> Path:
    """The live warehouse file, from WAREHOUSE_PATH (read on every call, so tests can set it)."""
    from etl.config import load_settings  # light: reads the environment only

    return load_settings().warehouse_path


def geo_dir() -> Path:
    from etl.config import load_settings

    return load_settings().geo_dir


def display_path(path: Path) -> str:
    """The path as shown to users: relative to the repository when inside it, else the name only
    (a public page should not reveal the server's folder layout)."""
    from etl.config import REPO_ROOT

    try:
        return Path(path).resolve().relative_to(REPO_ROOT).as_posix()
    except ValueError:
        return Path(path).name


def data_version(path: Path | None = None) -> str | None:
    """A token that changes whenever a new warehouse file is swapped in (inode, mtime, size);
    None when there is no file. Use it to key caches and HTTP ETags."""
    path = path or warehouse_path()
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return None
    return f"{st.st_ino:x}-{st.st_mtime_ns:x}-{st.st_size:x}"


def is_built() -> bool:
    return warehouse_path().is_file()


_local = threading.local()


def _connection() -> duckdb.DuckDBPyConnection:
    con = getattr(_local, "con", None)
    if con is None or getattr(_local, "pid", None) != os.getpid():  # new thread, or a forked child
        con = duckdb.connect(":memory:", config={"threads": 1})
        _local.con, _local.pid, _local.depth = con, os.getpid(), 0
    return con


def _drop_connection() -> None:
    con = getattr(_local, "con", None)
    _local.con, _local.depth = None, 0
    if con is not None:
        with contextlib.suppress(duckdb.Error):  # a broken connection is dropped all the same
            con.close()


class Reader:
    """Runs statements against one attached warehouse file; get one from `reader()`."""

    def __init__(self, con: duckdb.DuckDBPyConnection, path: Path):
        self._con, self.path = con, path

    def query(self, sql: str, params: Sequence | dict | None = None) -> pd.DataFrame:
        try:
            return self._con.execute(sql, params if params is not None else []).df()
        except (duckdb.CatalogException, duckdb.BinderException) as exc:  # a table or column it lacks
            raise WarehouseUnavailable(f"schema van het warehouse klopt niet: {exc}", self.path) from exc

    def scalar(self, sql: str, params: Sequence | dict | None = None):
        df = self.query(sql, params)
        return None if df.empty else df.iat[0, 0]

    def has_table(self, name: str) -> bool:
        """Whether the warehouse has this table (older builds lack the register and report tables)."""
        return bool(self.scalar(
            "SELECT count(*) FROM information_schema.tables WHERE table_catalog = ? AND table_name = ?",
            [ALIAS, name]))


# ------------------------------------------------------------------ results cached per build

_build_cache: OrderedDict = OrderedDict()
_build_lock = threading.Lock()
BUILD_CACHE_SIZE = 128  # entries (least recently used go first); a build swap makes old keys unreachable


def _cached(key: tuple, compute):
    with _build_lock:
        if key in _build_cache:
            _build_cache.move_to_end(key)
            return _build_cache[key]
    found = compute()
    with _build_lock:
        _build_cache[key] = found
        while len(_build_cache) > BUILD_CACHE_SIZE:
            _build_cache.popitem(last=False)
    return found


def per_build(r: Reader, fn, *args):
    """`fn(r, *args)`, computed once per warehouse build (keyed by file and data version) and shared
    by every request: metadata, names, ranks and registers do not change until the ETL swaps in a
    new file. The result is shared: callers must not modify it."""
    key = (str(r.path), data_version(r.path), fn.__module__, fn.__qualname__, args)
    return _cached(key, lambda: fn(r, *args))


def per_build_live(fn, *args):
    """Like per_build for the live warehouse, but opening a reader only when the result is not
    cached yet. Raises WarehouseMissing without a warehouse."""
    path = warehouse_path()
    version = data_version(path)
    if version is None:
        raise WarehouseMissing(f"warehouse niet gevonden: {path}", path)

    def compute():
        with reader(path) as r:
            return fn(r, *args)

    return _cached((str(path), version, fn.__module__, fn.__qualname__, args), compute)


@contextmanager
def reader(path: Path | None = None) -> Iterator[Reader]:
    """Attach the warehouse read-only for the duration of the block; all reads inside it see
    the same file, even if the ETL swaps in a new one meanwhile. Nested use re-uses the outer
    attachment."""
    path = Path(path or warehouse_path())
    con = _connection()
    if _local.depth:
        _local.depth += 1
        try:
            yield Reader(con, _local.path)
        finally:
            _local.depth -= 1
        return
    if not path.is_file():
        raise WarehouseMissing(f"warehouse niet gevonden: {path}", path)
    try:
        con.execute(f"ATTACH ? AS {ALIAS} (READ_ONLY)", [str(path)])
    except duckdb.Error as exc:
        if not path.is_file():  # swapped away between the check and the attach
            raise WarehouseMissing(f"warehouse niet gevonden: {path}", path) from exc
        _drop_connection()
        raise WarehouseUnavailable(f"kan het warehouse niet openen: {exc}", path) from exc
    _local.depth, _local.path = 1, path
    try:
        con.execute(f"USE {ALIAS}")
        yield Reader(con, path)
    finally:
        _local.depth = 0
        try:
            con.execute("USE memory")
            con.execute(f"DETACH {ALIAS}")
        except duckdb.Error:
            _drop_connection()  # never leave a thread with a half-attached connection


def query(sql: str, params: Sequence | dict | None = None) -> pd.DataFrame:
    """Run one parameterised statement against the live warehouse; returns a DataFrame.

    Raises WarehouseMissing when the file is not built yet, WarehouseUnavailable when it
    cannot be read.
    """
    with reader() as r:
        return r.query(sql, params)


def records(df: pd.DataFrame) -> list[dict]:
    """DataFrame rows as JSON-safe dicts (NaN/NA -> None, numpy scalars -> Python), for stores and tables."""
    out = []
    for row in df.astype(object).where(df.notna(), None).to_dict("records"):
        out.append({k: (v.item() if hasattr(v, "item") else v) for k, v in row.items()})
    return out
