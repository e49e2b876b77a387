"""The one staged write of the warehouse (etl/staged.py): a failure anywhere before the swap, or an
interruption, leaves the live warehouse and every staged target byte-identical and no temporary file
behind; a successful write puts the staged files and then the warehouse in place."""
from __future__ import annotations

import hashlib
from pathlib import Path

import duckdb
import pytest

from etl import staged as staged_module
from etl.staged import staged_warehouse


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def snapshot(root: Path) -> dict[str, str]:
    """Every file under root by relative path and content: leftovers and changes both show."""
    return {str(p.relative_to(root)): digest(p) for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture
def root(tmp_path) -> Path:
    """A live warehouse with one row, a GeoJSON file, a stored folder and a ledger."""
    live = tmp_path / "warehouse.duckdb"
    con = duckdb.connect(str(live))
    con.execute("CREATE TABLE t (n INTEGER)")
    con.execute("INSERT INTO t VALUES (1)")
    con.close()
    (tmp_path / "geo").mkdir()
    (tmp_path / "geo" / "layer.geojson").write_text('{"old": true}', encoding="utf-8")
    (tmp_path / "imports" / "kans").mkdir(parents=True)
    (tmp_path / "imports" / "kans" / "data.csv").write_text("old\n", encoding="utf-8")
    (tmp_path / "reports").mkdir()
    (tmp_path / "reports" / "ledger.jsonl").write_text('{"n": 1}\n', encoding="utf-8")
    return tmp_path


def rows(live: Path) -> list[int]:
    con = duckdb.connect(str(live), read_only=True)
    try:
        return [r[0] for r in con.execute("SELECT n FROM t ORDER BY n").fetchall()]
    finally:
        con.close()


def stage_everything(staged, root: Path) -> None:
    """A new row, a new layer, a new version of a stored folder, a new folder and a longer ledger."""
    staged.connection.execute("INSERT INTO t VALUES (2)")
    staged.stage(root / "geo" / "layer.geojson").write_text('{"new": true}', encoding="utf-8")
    folder = staged.stage(root / "imports" / "kans")
    folder.mkdir()
    (folder / "data.csv").write_text("new\n", encoding="utf-8")
    added = staged.stage(root / "imports" / "other")
    added.mkdir()
    (added / "data.csv").write_text("other\n", encoding="utf-8")
    staged.stage(root / "reports" / "ledger.jsonl").write_text('{"n": 1}\n{"n": 2}\n', encoding="utf-8")


def test_success_puts_everything_in_place_and_leaves_nothing_behind(root):
    live = root / "warehouse.duckdb"
    checked = []
    with staged_warehouse(live, "test", copy_live=True, checks=[lambda con: checked.append(rows_in(con))]) as staged:
        assert staged.path.name.endswith(".test.tmp") and staged.path.parent == root
        stage_everything(staged, root)
    assert checked == [[1, 2]]
    assert rows(live) == [1, 2]
    assert (root / "geo" / "layer.geojson").read_text(encoding="utf-8") == '{"new": true}'
    assert (root / "imports" / "kans" / "data.csv").read_text(encoding="utf-8") == "new\n"
    assert (root / "imports" / "other" / "data.csv").read_text(encoding="utf-8") == "other\n"
    assert (root / "reports" / "ledger.jsonl").read_text(encoding="utf-8").count("\n") == 2
    assert sorted(snapshot(root)) == ["geo/layer.geojson", "imports/kans/data.csv", "imports/other/data.csv",
                                      "reports/ledger.jsonl", "warehouse.duckdb"]


def rows_in(con) -> list[int]:
    return [r[0] for r in con.execute("SELECT n FROM t ORDER BY n").fetchall()]


def test_new_file_from_scratch(tmp_path):
    live = tmp_path / "sub" / "warehouse.duckdb"
    with staged_warehouse(live, "build", copy_live=False) as staged:
        staged.connection.execute("CREATE TABLE t AS SELECT 7 AS n")
    assert rows(live) == [7]
    assert sorted(p.name for p in live.parent.iterdir()) == ["warehouse.duckdb"]


class Boom(Exception):
    pass


def fail_in_body(root):
    with staged_warehouse(root / "warehouse.duckdb", "test", copy_live=True) as staged:
        stage_everything(staged, root)
        raise Boom("in the body")


def fail_in_checks(root):
    def refuse(con):
        raise Boom("a contract check")

    with staged_warehouse(root / "warehouse.duckdb", "test", copy_live=True, checks=[refuse]) as staged:
        stage_everything(staged, root)


def interrupt_in_body(root):
    with staged_warehouse(root / "warehouse.duckdb", "test", copy_live=True) as staged:
        stage_everything(staged, root)
        raise KeyboardInterrupt


@pytest.mark.parametrize("write, error", [
    (fail_in_body, Boom), (fail_in_checks, Boom), (interrupt_in_body, KeyboardInterrupt),
])
def test_failure_before_the_renames_changes_nothing(root, write, error):
    before = snapshot(root)
    with pytest.raises(error):
        write(root)
    assert snapshot(root) == before
    assert rows(root / "warehouse.duckdb") == [1]


def test_half_written_part_is_removed(root):
    """A full disk while a staged file is written: the part was staged before it was written."""
    before = snapshot(root)
    with (pytest.raises(OSError, match="No space"),
          staged_warehouse(root / "warehouse.duckdb", "test", copy_live=True) as staged):
        part = staged.stage(root / "geo" / "layer.geojson")
        part.write_text('{"half', encoding="utf-8")
        raise OSError(28, "No space left on device")
    assert snapshot(root) == before


@pytest.mark.parametrize("failing_target", ["layer.geojson", "kans", "other", "ledger.jsonl", "warehouse.duckdb"])
@pytest.mark.parametrize("error", [OSError(28, "No space left on device"), KeyboardInterrupt()])
def test_failure_during_the_renames_restores_what_was_moved(root, monkeypatch, failing_target, error):
    """Each rename in turn fails (a full disk, or Ctrl-C right then): every target done before it is
    put back, the live warehouse is untouched and no temporary or kept previous version is left."""
    before = snapshot(root)
    replace = staged_module.os.replace

    def failing_replace(src, dst):
        if Path(dst).name == failing_target and ".previous" not in Path(src).name:
            raise error
        return replace(src, dst)

    monkeypatch.setattr(staged_module.os, "replace", failing_replace)
    with pytest.raises(type(error)), staged_warehouse(root / "warehouse.duckdb", "test", copy_live=True) as staged:
        stage_everything(staged, root)
    monkeypatch.undo()
    assert snapshot(root) == before
    assert rows(root / "warehouse.duckdb") == [1]


def test_new_file_and_its_wal_are_removed_on_failure(root):
    """The body may leave a .wal beside the new file (nothing checkpointed yet): both go."""
    live = root / "warehouse.duckdb"
    with pytest.raises(Boom), staged_warehouse(live, "test", copy_live=True) as staged:
        staged.connection.execute("CREATE TABLE big AS SELECT range AS n FROM range(100000)")
        raise Boom
    assert sorted(p.name for p in root.iterdir()) == ["geo", "imports", "reports", "warehouse.duckdb"]


def test_stale_files_of_the_same_pid_are_not_used(root):
    """A crashed earlier process with the same pid left its new file and log: they are not replayed."""
    live = root / "warehouse.duckdb"
    with staged_warehouse(live, "test", copy_live=True) as staged:
        stale = staged.path
    stale.write_bytes(b"not a database")
    stale.with_name(stale.name + ".wal").write_bytes(b"not a log")
    with staged_warehouse(live, "test", copy_live=True) as staged:
        staged.connection.execute("INSERT INTO t VALUES (3)")
    assert rows(live) == [1, 3]
    assert sorted(p.name for p in root.iterdir()) == ["geo", "imports", "reports", "warehouse.duckdb"]


def test_reader_of_the_old_file_keeps_reading_it(root):
    live = root / "warehouse.duckdb"
    reader = duckdb.connect(str(live), read_only=True)
    try:
        with staged_warehouse(live, "test", copy_live=True) as staged:
            staged.connection.execute("INSERT INTO t VALUES (2)")
        assert rows_in(reader) == [1]
    finally:
        reader.close()
    assert rows(live) == [1, 2]
