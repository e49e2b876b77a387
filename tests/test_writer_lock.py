"""Every command that swaps the live warehouse holds its writer lock (etl/writer_lock.py) from its
first read of the state it rebuilds to its swap, so none of them undoes another's change.

Each test looks from inside the command, at the moment it reads or writes, whether the lock is
held: a second, non-blocking flock on the lock file must be refused then. Workbooks and indicator
files are SYNTHETIC (invented figures)."""
from __future__ import annotations

import fcntl
import json

from etl.cli import main
from etl.reports.periods import runtimes_from_registers
from etl.writer_lock import lock_path, warehouse_writer
from tests.conftest import REPO
from tests.fixtures.make_voorbeeld_rapportage import synthetic_workbook


def lock_is_held(warehouse) -> bool:
    with open(lock_path(warehouse), "a") as other:  # another open file: flock sees another owner
        try:
            fcntl.flock(other, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
        fcntl.flock(other, fcntl.LOCK_UN)
        return False


def test_lock_is_free_outside_a_writer_and_released_after_one(tmp_path):
    warehouse = tmp_path / "w.duckdb"
    with warehouse_writer(warehouse):
        assert lock_is_held(warehouse)
    assert not lock_is_held(warehouse)


def test_build_holds_the_lock_while_it_replays_reports_and_swaps(etl_root, monkeypatch):
    from etl import build as build_module
    from etl import staged
    from etl.config import load_settings

    warehouse = etl_root / "warehouse.duckdb"
    seen = {}
    replay, swap = build_module._load_reports, staged.os.replace

    def watched_replay(con, settings, progress):
        seen["replay"] = lock_is_held(warehouse)
        return replay(con, settings, progress)

    def watched_replace(src, dst):
        if str(dst) == str(warehouse):
            seen["swap"] = lock_is_held(warehouse)
        return swap(src, dst)

    monkeypatch.setattr(build_module, "_load_reports", watched_replay)
    monkeypatch.setattr(staged.os, "replace", watched_replace)
    build_module.build(load_settings())
    assert seen == {"replay": True, "swap": True}
    assert not lock_is_held(warehouse)


def test_load_report_holds_the_lock_from_reading_to_swapping(etl_root, tmp_path, monkeypatch):
    from etl.reports import load

    warehouse = etl_root / "warehouse.duckdb"
    seen = {}
    current, commit = load._current_reports, load._commit

    def watched_current(live):
        seen["read"] = lock_is_held(warehouse)
        return current(live)

    def watched_commit(*args):
        seen["commit"] = lock_is_held(warehouse)
        return commit(*args)

    monkeypatch.setattr(load, "_current_reports", watched_current)
    monkeypatch.setattr(load, "_commit", watched_commit)
    path = tmp_path / "rapport.xlsx"
    synthetic_workbook(runtimes_from_registers(REPO / "data" / "registers")).save(path)
    assert main(["load-report", str(path)]) == 0
    assert seen == {"read": True, "commit": True}


def test_import_indicator_holds_the_lock(etl_root, tmp_path, monkeypatch):
    from etl import imports

    warehouse = etl_root / "warehouse.duckdb"
    seen = {}
    insert = imports._insert_imports

    def watched_insert(*args):
        seen["insert"] = lock_is_held(warehouse)
        return insert(*args)

    monkeypatch.setattr(imports, "_insert_imports", watched_insert)
    table = tmp_path / "indicator.csv"
    table.write_text("niscode;jaar;waarde\n11002;2022;20,0\n", encoding="utf-8")
    meta = tmp_path / "meta.json"
    meta.write_text(json.dumps({"indicator_id": "test_slot", "name_nl": "Test (synthetisch)", "unit": "%",
                                "definition_nl": "Synthetisch.", "source": "testsuite", "licence": "CC0",
                                "direction": "higher_is_worse"}), encoding="utf-8")
    assert main(["import-indicator", str(table), "--meta", str(meta)]) == 0
    assert seen == {"insert": True}


def test_same_workbook_twice_in_one_load_gets_two_report_ids(etl_root, tmp_path, read_only):
    """`load-report A B A`: A, corrected by B, then A again; each load is its own report."""
    runtimes = runtimes_from_registers(REPO / "data" / "registers")
    paths = {}
    for name, spent in (("a", 41000), ("b", 42000)):
        wb = synthetic_workbook(runtimes)
        wb["Budget"]["D3"] = spent
        paths[name] = tmp_path / f"{name}.xlsx"
        wb.save(paths[name])
    assert main(["load-report", str(paths["a"]), str(paths["b"]), str(paths["a"])]) == 0
    con = read_only(etl_root / "warehouse.duckdb")
    reports = con.execute("SELECT report_id, file_name, status FROM report ORDER BY report_id").fetchall()
    assert len({r[0] for r in reports}) == 3
    assert [r[2] for r in reports].count("current") == 1
    current = next(r for r in reports if r[2] == "current")
    assert current[1] == "a.xlsx" and current[0].endswith("-2")
    assert con.execute("SELECT spent FROM project_budget WHERE year = 2024").fetchone() == (41000,)
