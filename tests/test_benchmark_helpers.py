"""The benchmarks' own warehouse (benchmarks/warehouse_copy.py): a copy made live for the process and
gone afterwards, swapped as the ETL swaps; the user's warehouse is never touched. The file is a
stand-in (a few bytes): nothing here reads it as a warehouse."""
from __future__ import annotations

import os

from benchmarks.warehouse_copy import swap, warehouse_copy


def test_the_copy_is_live_meanwhile_swapped_atomically_and_gone_afterwards(tmp_path, monkeypatch):
    users = tmp_path / "warehouse.duckdb"
    users.write_bytes(b"the user's build")
    monkeypatch.setenv("WAREHOUSE_PATH", str(users))
    with warehouse_copy("bench-test-") as (copy, folder):
        assert os.environ["WAREHOUSE_PATH"] == str(copy) and copy.parent == folder
        assert copy.read_bytes() == b"the user's build"
        before = copy.stat().st_ino
        swap(copy)
        assert copy.stat().st_ino != before and copy.read_bytes() == b"the user's build"
        assert sorted(p.name for p in folder.iterdir()) == ["warehouse.duckdb"]
    assert os.environ["WAREHOUSE_PATH"] == str(users)
    assert not folder.exists() and users.read_bytes() == b"the user's build"
