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

Builds and their caches: a worker serves one build at a time (`current_build()`), holding its file
open so that it stays readable after the ETL's rename; results computed from a build are cached with
it (`per_build`, `per_build_live`, `memo`) and dropped with it. By default a swap is seen by the next
read. With a preparer installed (`dashboard.warming.enable()`, as gunicorn's workers do) a new build
is first prepared in the background (its caches filled) while the previous one keeps serving, then
switched to; so at most two builds' caches exist: the one serving and the one being prepared. A
request reads one build throughout (`pinned`).
"""
from __future__ import annotations

import atexit
import contextlib
import os
import sys
import threading
import weakref
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


def _version_of(st: os.stat_result) -> str:
    return f"{st.st_ino:x}-{st.st_mtime_ns:x}-{st.st_size:x}"


def data_version(path: Path | None = None) -> str | None:
    """A token that changes whenever a new warehouse file is swapped in (inode, mtime, size);
    None when there is no file. Use it to key caches and HTTP ETags. Without a path: the version
    of the build this worker serves (`current_build()`), which lags the file while a new build is
    being prepared."""
    if path is None:
        try:
            return current_build().version
        except WarehouseMissing:
            return None
    try:
        return _version_of(os.stat(path))
    except FileNotFoundError:
        return None


def is_built() -> bool:
    return warehouse_path().is_file()


_local = threading.local()
_closing_at_exit = False


def _connection() -> duckdb.DuckDBPyConnection:
    con = getattr(_local, "con", None)
    if con is None or getattr(_local, "pid", None) != os.getpid():  # new thread, or a forked child
        con = duckdb.connect(":memory:", config={"threads": 1})
        _local.con, _local.pid, _local.depth = con, os.getpid(), 0
        _close_at_exit()
    return con


def _close_at_exit() -> None:
    """Close the main thread's connection before the interpreter finalises: DuckDB aborts the process
    ("terminate called ...", exit 134) when a connection is still open then. Other threads' connections
    go with their thread."""
    global _closing_at_exit
    if not _closing_at_exit and threading.current_thread() is threading.main_thread():
        _closing_at_exit = True
        atexit.register(_drop_connection)


def _drop_connection() -> None:
    con = getattr(_local, "con", None)
    _local.con, _local.depth = None, 0
    if con is not None:
        with contextlib.suppress(duckdb.Error):  # a broken connection is dropped all the same
            con.close()


class Reader:
    """Runs statements against one attached warehouse file; get one from `reader()`."""

    def __init__(self, con: duckdb.DuckDBPyConnection, path: Path, build: Build | None = None):
        self._con, self.path, self.build = con, path, build  # build: None for a file other than the live one

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


# ------------------------------------------------------------------ the build a worker serves

BUILD_CACHE_SIZE = 256  # results per build (least recently used go first)
FD_DIR = Path("/proc/self/fd")  # where an open file can be opened again by its descriptor (Linux)


class Build:
    """One warehouse build as this worker serves it, with the results cached from it.

    The file is held open by descriptor: the ETL replaces the live file by an atomic rename, and
    the replaced file (inode) stays readable while it is open, so a request, or the whole worker
    while the next build is prepared, keeps reading the build it started on. The descriptor is
    closed when the last reference to the Build goes (a retired build still used by a request in
    flight stays readable until that request ends)."""

    def __init__(self, path: Path):
        try:
            fd = os.open(path, os.O_RDONLY)
        except FileNotFoundError:
            raise WarehouseMissing(f"warehouse niet gevonden: {path}", path) from None
        weakref.finalize(self, os.close, fd)
        self.path = path
        self.version = _version_of(os.fstat(fd))  # of the file opened, even if swapped meanwhile
        self.open_path = str(FD_DIR / str(fd)) if FD_DIR.is_dir() else str(path)
        self._results: OrderedDict = OrderedDict()  # key -> (value, how to compute it from another build)
        self._lock = threading.Lock()

    def cached(self, key: tuple, compute, recompute=None):
        """compute() once for this build; `recompute(build)` (optional) computes the same entry
        for another build, so a new build can be prepared with what was asked of this one."""
        with self._lock:
            if key in self._results:
                self._results.move_to_end(key)
                return self._results[key][0]
        found = compute()
        with self._lock:
            self._results[key] = (found, recompute)
            while len(self._results) > BUILD_CACHE_SIZE:
                self._results.popitem(last=False)
        return found

    def recipes(self) -> list:
        """How to compute this build's cached entries again, least recently used first."""
        with self._lock:
            return [how for _, how in self._results.values() if how is not None]

    def forget(self, fn) -> None:
        """Drop the results of `fn` (benchmarks measure cold calls)."""
        with self._lock:
            for key in [k for k in self._results if k[:2] == (fn.__module__, fn.__qualname__)]:
                del self._results[key]

    def size(self) -> int:
        """How many results are cached for this build."""
        return len(self._results)


class _Builds:
    """This worker's builds: the one serving and (at most) one being prepared."""

    def __init__(self):
        self.lock = threading.Lock()
        self.serving: Build | None = None
        self.preparing: Build | None = None
        self.pid = os.getpid()


_builds = _Builds()
_prepare = None  # callable(build): prepares a new build, then promote(build); see dashboard.warming


def set_preparer(prepare) -> None:
    """Install (or remove, with None) what prepares a new build before it serves (dashboard.warming)."""
    global _prepare
    _prepare = prepare


def preparer():
    """What prepares a new build (None: a swap is seen by the next read)."""
    return _prepare


def cached_builds() -> list[Build]:
    """The builds this worker holds results for: the serving one and the one being prepared."""
    with _builds.lock:
        return [b for b in (_builds.serving, _builds.preparing) if b is not None]


def current_build() -> Build:
    """The build this thread reads: the one pinned for this request, else the one this worker
    serves. A new file on disk is switched to at once, or, with a preparer installed, prepared
    in the background while the serving build goes on serving (`promote` switches)."""
    global _builds
    pinned_build = getattr(_local, "build", None)
    if pinned_build is not None:
        return pinned_build
    path = warehouse_path()
    try:
        version = _version_of(os.stat(path))
    except FileNotFoundError:
        with _builds.lock:
            _builds.serving = _builds.preparing = None
        raise WarehouseMissing(f"warehouse niet gevonden: {path}", path) from None
    start = switched = None
    with _builds.lock:
        if _builds.pid != os.getpid():  # a forked child: the parent's builds are not ours
            _builds = _Builds()
        serving = _builds.serving
        if serving is not None and serving.path == path and serving.version == version:
            return serving
        if serving is None or serving.path != path or _prepare is None:
            switched = Build(path)
            _builds.serving, _builds.preparing = switched, None
        elif _builds.preparing is None:
            candidate = Build(path)
            if candidate.version != serving.version:
                _builds.preparing = start = candidate
    if switched is not None:
        if serving is not None:
            clear_version_caches()
        return switched
    if start is not None:
        _prepare(start)
    return serving


def promote(build: Build) -> bool:
    """Serve `build` from now on if it is the one being prepared (the previous build and its
    caches go when its last request ends). False when it is no longer the one being prepared."""
    with _builds.lock:
        if _builds.preparing is not build:
            return False
        _builds.serving, _builds.preparing = build, None
    clear_version_caches()
    return True


VERSION_CACHE_MODULES = ("dashboard.", "pages.")  # our modules (Dash loads the pages as pages.<name>)


def clear_version_caches() -> None:
    """Empty the `functools.lru_cache`s keyed by the build (a function whose first parameter is
    `version`, called with `data_version()`): after a switch their entries of the previous build
    are never asked for again, and would otherwise stay until pushed out (memory across builds)."""
    for name, module in list(sys.modules.items()):
        if module is None or not name.startswith(VERSION_CACHE_MODULES):
            continue
        for value in list(vars(module).values()):
            wrapped = getattr(value, "__wrapped__", None)
            code = getattr(wrapped, "__code__", None)
            if (code is not None and hasattr(value, "cache_clear") and code.co_argcount
                    and code.co_varnames[0] == "version"):
                value.cache_clear()


@contextmanager
def pinned(build: Build | None = None) -> Iterator[Build | None]:
    """Read `build` (default: the current one) in this thread until the block ends: one request
    sees one build even when a swap happens in the middle of it. Pins nothing (None) when there
    is no warehouse."""
    outer = getattr(_local, "build", None)
    if build is None and outer is None:
        try:
            build = current_build()
        except WarehouseMissing:
            build = None
    _local.build = build if build is not None else outer
    try:
        yield _local.build
    finally:
        _local.build = outer


def pinned_build() -> Build | None:
    """The build pinned for this thread (a request, or a preparation), if any."""
    return getattr(_local, "build", None)


def pin(build: Build | None) -> None:
    """Pin (or, with None, unpin) this thread's build; for request hooks that cannot use `pinned`."""
    _local.build = build


# ------------------------------------------------------------------ results cached per build

def per_build(r: Reader, fn, *args):
    """`fn(r, *args)`, computed once per warehouse build and shared by every request: metadata,
    names, ranks and registers do not change until the ETL swaps in a new file. Cached with the
    build `r` reads, and dropped with it. The result is shared: callers must not modify it."""
    if r.build is None:  # a file other than the live warehouse: nothing to cache it with
        return fn(r, *args)
    return r.build.cached(_key(fn, args), lambda: fn(r, *args), _with_reader(fn, args))


def per_build_live(fn, *args):
    """Like per_build for the current build, opening a reader only when the result is not
    cached yet. Raises WarehouseMissing without a warehouse."""
    build = current_build()

    def compute():
        with pinned(build), reader() as r:
            return fn(r, *args)

    return build.cached(_key(fn, args), compute, _with_reader(fn, args))


def memo(fn, *args):
    """`fn(*args)` once per current build, for a page's piece that depends only on the build and
    its (hashable) inputs; fn reads the warehouse itself. The result is shared: callers must not
    modify it."""
    build = current_build()

    def compute():
        with pinned(build):
            return fn(*args)

    return build.cached(_key(fn, args), compute, _in_build(fn, args))


def _key(fn, args: tuple) -> tuple:
    return (fn.__module__, fn.__qualname__, args)


def _with_reader(fn, args):
    def recompute(build: Build):
        with pinned(build), reader() as r:
            return per_build(r, fn, *args)
    return recompute


def _in_build(fn, args):
    def recompute(build: Build):
        with pinned(build):
            return memo(fn, *args)
    return recompute


@contextmanager
def reader(path: Path | None = None) -> Iterator[Reader]:
    """Attach the warehouse read-only for the duration of the block; all reads inside it see
    the same build, even if the ETL swaps in a new file meanwhile. Without a path (or with the
    live path): the build this thread reads (`current_build()`). Nested use re-uses the outer
    attachment."""
    con = _connection()
    if _local.depth:
        _local.depth += 1
        try:
            yield Reader(con, _local.path, _local.attached)
        finally:
            _local.depth -= 1
        return
    live = warehouse_path()
    path = Path(path or live)
    build = current_build() if path == live else None
    if build is None and not path.is_file():
        raise WarehouseMissing(f"warehouse niet gevonden: {path}", path)
    try:
        con.execute(f"ATTACH ? AS {ALIAS} (READ_ONLY)", [build.open_path if build is not None else str(path)])
    except duckdb.Error as exc:
        if not path.is_file():  # swapped away between the check and the attach
            raise WarehouseMissing(f"warehouse niet gevonden: {path}", path) from exc
        _drop_connection()
        raise WarehouseUnavailable(f"kan het warehouse niet openen: {exc}", path) from exc
    _local.depth, _local.path, _local.attached = 1, path, build
    try:
        con.execute(f"USE {ALIAS}")
        yield Reader(con, path, build)
    finally:
        _local.depth, _local.attached = 0, None
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
