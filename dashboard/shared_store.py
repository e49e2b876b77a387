"""State that every worker of the dashboard must see alike: failed logins (the login throttle) and
sessions ended by a logout. It lives in a `limits` storage (the package Flask-Limiter is built on),
chosen by the setting DASHBOARD_THROTTLE_STORAGE:

- `redis://host:6379/0` (or any other `limits` storage URI): shared by several machines;
- unset: `sqlite:///<folder of the users file>/dashboard-state.sqlite`, shared by all workers of one
  machine (`limits` has no storage of its own that processes on one machine share);
- `memory://` or `sqlite://` (in memory): one process only (tests, `--debug`; the default
  without a users file, when nobody can log in).

`SQLiteStorage` registers the `sqlite://` scheme with `limits`: the fixed window (incr/get) and the
moving window (acquire_entry/get_moving_window) that the throttle uses. Connections are opened on
first use, per process and thread, so nothing is opened before gunicorn forks its workers.
"""
from __future__ import annotations

import contextlib
import os
import sqlite3
import threading
import time
from pathlib import Path
from urllib.parse import unquote, urlsplit

from limits.storage import MovingWindowSupport, Storage, storage_from_string

STORAGE_SETTING = "DASHBOARD_THROTTLE_STORAGE"
STATE_FILE_NAME = "dashboard-state.sqlite"
BUSY_TIMEOUT_SECONDS = 5.0

SCHEMA = """
CREATE TABLE IF NOT EXISTS counter (key TEXT PRIMARY KEY, value INTEGER NOT NULL, expires REAL NOT NULL);
CREATE INDEX IF NOT EXISTS counter_expires ON counter (expires);
CREATE TABLE IF NOT EXISTS entry (key TEXT NOT NULL, at REAL NOT NULL, expires REAL NOT NULL);
CREATE INDEX IF NOT EXISTS entry_key_at ON entry (key, at);
CREATE INDEX IF NOT EXISTS entry_expires ON entry (expires);
"""


class SQLiteStorage(Storage, MovingWindowSupport):
    """A `limits` storage in one SQLite file (WAL, busy timeout), or in memory for `sqlite://`."""

    STORAGE_SCHEME = ["sqlite"]

    def __init__(self, uri: str | None = None, wrap_exceptions: bool = False, clock=time.time, **options):
        path = unquote(urlsplit(uri or "sqlite://").path)
        self.path = path or ":memory:"
        self.clock = clock
        self._local = threading.local()
        self._memory: sqlite3.Connection | None = None
        self._memory_lock = threading.Lock()
        super().__init__(uri, wrap_exceptions=wrap_exceptions, **options)

    @property
    def base_exceptions(self) -> tuple[type[Exception], ...]:
        return (sqlite3.Error, OSError)  # OSError: the file's folder cannot be made or reached

    # ------------------------------------------------------------------ connections

    def _connect(self) -> sqlite3.Connection:
        if self.path == ":memory:":
            # One connection for every thread: a second in-memory connection would be another database.
            if self._memory is None:
                self._memory = sqlite3.connect(":memory:", check_same_thread=False, isolation_level=None)
                self._memory.executescript(SCHEMA)
            return self._memory
        con = getattr(self._local, "con", None)
        if con is None or getattr(self._local, "pid", None) != os.getpid():  # never a connection from before a fork
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
            con = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_SECONDS, isolation_level=None)
            con.execute("PRAGMA journal_mode=WAL")
            con.executescript(SCHEMA)
            with contextlib.suppress(OSError):  # not ours to change mode: leave it
                os.chmod(self.path, 0o600)  # who tried which user name, from where
            self._local.con, self._local.pid = con, os.getpid()
        return con

    def _transaction(self, work):
        """Run work(con, now) in one write transaction (BEGIN IMMEDIATE: one writer at a time)."""
        con = self._connect()
        lock = self._memory_lock if self.path == ":memory:" else _NO_LOCK
        with lock:
            con.execute("BEGIN IMMEDIATE")
            try:
                result = work(con, self.clock())
            except BaseException:
                con.execute("ROLLBACK")
                raise
            con.execute("COMMIT")
            return result

    # ------------------------------------------------------------------ fixed window

    def incr(self, key: str, expiry: int, amount: int = 1) -> int:
        def work(con, now):
            con.execute("DELETE FROM counter WHERE expires <= ?", (now,))
            con.execute(
                "INSERT INTO counter (key, value, expires) VALUES (?, ?, ?) "
                "ON CONFLICT (key) DO UPDATE SET value = value + excluded.value",
                (key, amount, now + expiry))
            return con.execute("SELECT value FROM counter WHERE key = ?", (key,)).fetchone()[0]
        return self._transaction(work)

    def get(self, key: str) -> int:
        row = self._read("SELECT value FROM counter WHERE key = ? AND expires > ?", (key, self.clock()))
        return row[0] if row else 0

    def get_expiry(self, key: str) -> float:
        now = self.clock()
        row = self._read("SELECT expires FROM counter WHERE key = ? AND expires > ?", (key, now))
        return row[0] if row else now

    def clear(self, key: str) -> None:
        def work(con, _now):
            con.execute("DELETE FROM counter WHERE key = ?", (key,))
            con.execute("DELETE FROM entry WHERE key = ?", (key,))
        self._transaction(work)

    def reset(self) -> int | None:
        def work(con, _now):
            count = con.execute("SELECT (SELECT count(*) FROM counter) + (SELECT count(*) FROM entry)").fetchone()[0]
            con.execute("DELETE FROM counter")
            con.execute("DELETE FROM entry")
            return count
        return self._transaction(work)

    def check(self) -> bool:
        try:
            return self._read("SELECT 1", ()) == (1,)
        except sqlite3.Error:
            return False

    # ------------------------------------------------------------------ moving window

    def acquire_entry(self, key: str, limit: int, expiry: int, amount: int = 1) -> bool:
        if amount > limit:
            return False

        def work(con, now):
            con.execute("DELETE FROM entry WHERE expires <= ?", (now,))
            (count,) = con.execute("SELECT count(*) FROM entry WHERE key = ? AND at > ?", (key, now - expiry)).fetchone()
            if count + amount > limit:
                return False
            con.executemany("INSERT INTO entry (key, at, expires) VALUES (?, ?, ?)",
                            [(key, now, now + expiry)] * amount)
            return True
        return self._transaction(work)

    def get_moving_window(self, key: str, limit: int, expiry: int) -> tuple[float, int]:
        now = self.clock()
        row = self._read(
            "SELECT min(at), count(*) FROM (SELECT at FROM entry WHERE key = ? AND at > ? ORDER BY at DESC LIMIT ?)",
            (key, now - expiry, limit))
        return (row[0], row[1]) if row and row[1] else (now, 0)

    def _read(self, sql: str, params: tuple):
        con = self._connect()
        lock = self._memory_lock if self.path == ":memory:" else _NO_LOCK
        with lock:
            return con.execute(sql, params).fetchone()


class _NoLock:
    def __enter__(self):
        return self

    def __exit__(self, *_exc):
        return False


_NO_LOCK = _NoLock()


def storage_uri(users_file: Path | None) -> str:
    """The configured storage URI; unset: the SQLite file beside the users file (memory without one)."""
    from etl.config import get

    configured = get(STORAGE_SETTING).strip()
    if configured:
        return configured
    if users_file is None:
        return "sqlite://"  # no users file: no logins to throttle or end; in memory, no thread
    return "sqlite:///" + str(users_file.parent.resolve() / STATE_FILE_NAME).lstrip("/")


def open_storage(uri: str) -> Storage:
    """The `limits` storage for a URI; storage errors are raised as limits.errors.StorageError."""
    return storage_from_string(uri, wrap_exceptions=True)
