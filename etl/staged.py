"""One staged write of the warehouse: a new file beside the live one, checked, then swapped in.

`etl build` starts from an empty file, `etl import-indicator` and `etl load-report` from a copy of
the live one. Either way the new file is `<live name>.<pid>.<purpose>.tmp` in the live file's folder
(os.replace needs the same file system), the caller fills it through `StagedWrite.connection`, and on
leaving the `with` block without an exception:

1. the caller's checks run on the new file (any exception fails the write);
2. the file is CHECKPOINTed and closed, so it is complete without its `.wal`;
3. the files and folders the caller staged (`StagedWrite.stage`: GeoJSON layers, a stored import,
   archived report workbooks, the report ledger) replace their targets, in the order staged;
4. the new warehouse replaces the live one with os.replace: the moment the write takes effect.

The staged files go first because later builds replay them (an import, the ledger): a crash between
3 and 4 leaves state the next build applies, never a warehouse whose inputs the next build lacks.
Until 4 has happened, any failure or interruption (an exception in the body or a check, Ctrl-C,
SIGTERM turned into KeyboardInterrupt by the CLI) puts every staged target back as it was and leaves
the live warehouse byte-identical. On every exit the new file, its `.wal`, unused staged parts and
the kept previous versions are removed.

Leftovers of a killed run (SIGKILL, a power cut: no `finally` ran) are removed by the next one:
the warehouse's `<live name>.*.tmp` and their `.wal` when the write starts, and a staged part's
`.<target name>.*.tmp` when a part is staged beside the same target. Each removal is logged as a
warning on the `etl.staged` logger, which the CLI prints. Only the holder of the writer lock writes
these names, so every such file at that moment is one no running process will finish. A kept
previous version (`*.previous`) is not removed: after a kill between steps 3 and 4 it can be the
only copy of a folder.

The caller holds the writer lock (etl/writer_lock.py) around its reads and this write; this module
does not take it, because the lock must also cover what the caller reads before writing.
"""
from __future__ import annotations

import logging
import os
import re
import shutil
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import duckdb

Check = Callable[[duckdb.DuckDBPyConnection], object]
log = logging.getLogger(__name__)


@dataclass
class _StagedPart:
    part: Path  # what the caller writes
    target: Path  # what it replaces
    previous: Path  # the target's current version, kept until the warehouse is swapped in
    touched: bool = False  # _put_in_place has started on it
    renaming: bool = False  # _put_in_place has come to the rename of part onto target


class StagedWrite:
    """The open new warehouse and the parts staged to replace their targets with it."""

    def __init__(self, path: Path, connection: duckdb.DuckDBPyConnection, purpose: str):
        self.path = path
        self.connection = connection
        self._purpose = purpose
        self._parts: list[_StagedPart] = []

    def stage(self, target: Path) -> Path:
        """A hidden name beside `target` for its new version (write a file or make a folder there).

        It replaces `target` just before the warehouse is swapped in and is removed if the write does
        not complete. Staged before it is written, so a half-written part is removed too.
        """
        target = Path(target)
        target.parent.mkdir(parents=True, exist_ok=True)
        remove_leftovers(target.parent, rf"\.{re.escape(target.name)}\.\d+\.\w+\.tmp")
        stem = f".{target.name}.{os.getpid()}.{self._purpose}"
        staged = _StagedPart(target.with_name(stem + ".tmp"), target, target.with_name(stem + ".previous"))
        _remove(staged.part)  # left by an earlier process of the same pid
        _remove(staged.previous)
        self._parts.append(staged)
        return staged.part


@contextmanager
def staged_warehouse(live: Path, purpose: str, *, copy_live: bool,
                     checks: Sequence[Check] = ()) -> Iterator[StagedWrite]:
    """Write a new version of the warehouse at `live` (see the module docstring).

    purpose: a short word in the temporary names (`build`, `import`, `report`).
    copy_live: start from a copy of the live file (True) or from an empty one (False).
    checks: called in order with the connection after the body; the first exception fails the write.
    """
    live = Path(live)
    new = live.with_name(f"{live.name}.{os.getpid()}.{purpose}.tmp")
    staged: StagedWrite | None = None
    swapping = swapped = False
    live.parent.mkdir(parents=True, exist_ok=True)
    try:
        # Includes `new` and its log, left by an earlier process of the same pid: a stale log
        # would be replayed into the new file.
        remove_leftovers(live.parent, rf"{re.escape(live.name)}\.\d+\.\w+\.tmp(\.wal)?")
        if copy_live:
            shutil.copyfile(live, new)
        connection = duckdb.connect(str(new))
        staged = StagedWrite(new, connection, purpose)
        try:
            yield staged
            for check in checks:
                check(connection)
            connection.execute("CHECKPOINT")
        finally:
            connection.close()
        for part in staged._parts:
            _put_in_place(part)
        swapping = True
        os.replace(new, live)
        swapped = True
    except BaseException as exc:
        if swapping and not new.exists():  # interrupted right after the swap: the write took effect
            swapped = True
        else:
            for problem in _put_back(staged._parts if staged is not None else []):
                exc.add_note(problem)
        raise
    finally:
        _remove(new)
        _remove(_wal(new))
        for part in staged._parts if staged is not None else ():
            _remove(part.part)
            if swapped:
                _remove(part.previous)


def _put_in_place(staged: _StagedPart) -> None:
    staged.touched = True
    target = staged.target
    if target.is_dir() and not target.is_symlink():
        # A folder cannot be replaced by a rename while it exists: move it aside first.
        os.replace(target, staged.previous)
    elif target.exists():
        # A file stays in place (readers keep finding it); a second link keeps its bytes for undoing.
        try:
            os.link(target, staged.previous)
        except OSError:  # a file system without hard links
            shutil.copy2(target, staged.previous)
    staged.renaming = True
    os.replace(staged.part, target)


def _put_back(parts: list[_StagedPart]) -> list[str]:
    """Undo _put_in_place, last first, from what is on disk (an interruption can fall between any
    two steps); returns what could not be restored. Runs while an exception propagates: it must not
    replace that exception, and one target that cannot be restored must not stop the others."""
    problems = []
    for staged in reversed(parts):
        if not staged.touched:
            continue
        previous, target = staged.previous, staged.target
        try:
            if previous.is_file() and target.is_file() and os.path.samefile(previous, target):
                previous.unlink()  # the second link of a file that was never replaced
            elif previous.exists():
                if target.is_dir() and not target.is_symlink():
                    shutil.rmtree(target)  # the new folder; the old one is at `previous`
                os.replace(previous, target)
            elif staged.renaming and not staged.part.exists():
                _remove(target)  # new where there was nothing before
        except OSError as exc:
            problems.append(f"{target} niet hersteld ({exc}); de vorige versie staat in {previous}")
    return problems


def remove_leftovers(folder: Path, name_pattern: str) -> list[Path]:
    """Remove what a killed run left in `folder` (names matching the regular expression whole),
    saying so; returns what was removed. The names are exact (pid and purpose), so the parts of
    another target whose name merely starts the same are never touched."""
    removed = []
    for path in sorted(Path(folder).iterdir()):
        if not re.fullmatch(name_pattern, path.name):
            continue
        size = path.stat().st_size if path.is_file() else None
        _remove(path)
        removed.append(path)
        log.warning("overblijfsel van een onderbroken schrijfbeurt verwijderd: %s%s", path,
                    f" ({size:,} bytes)".replace(",", ".") if size is not None else "")
    return removed


def _wal(path: Path) -> Path:
    return path.with_name(path.name + ".wal")


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)
