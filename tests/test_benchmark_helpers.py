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


def test_a_download_counts_once_written_and_every_interaction_is_named_after_its_page(tmp_path):
    from benchmarks.browser import downloaded, interactions, pages

    (tmp_path / "wq28.xlsx.crdownload").write_bytes(b"half")
    (tmp_path / "empty.xlsx").write_bytes(b"")
    assert downloaded(tmp_path, ".xlsx") is None
    (tmp_path / "wq28.xlsx").write_bytes(b"done")
    assert downloaded(tmp_path, ".xlsx") == tmp_path / "wq28.xlsx"

    page_names = {name for name, _path in pages("nl")}
    for lang in ("nl", "en"):
        names = [item.name for item in interactions(lang)]
        assert len(names) == len(set(names))
        assert all(name.split(": ")[0] in page_names for name in names), names
        assert all(("lang=en" in item.path) == (lang == "en") for item in interactions(lang))
