"""Caches trusted only when verified, and disk problems said in one line (issue 13).

A parsed-file cache edited after it was written is rebuilt from the verified download; a full disk,
a read-only or misplaced cache folder and an unreadable .meta.json stop a command with one line
(path, cause, what to do), exit 1, no traceback, the warehouse byte-identical."""
from __future__ import annotations

import errno
import hashlib
import json
from pathlib import Path

import pytest

from etl.catalog import load_catalog
from etl.cli import main
from etl.fetch import mirror_path


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def one_line_failure(err: str) -> str:
    """The command's message: exactly one non-empty line, no traceback."""
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1 and "Traceback" not in err, err
    return lines[0]


def test_edited_population_cache_is_rebuilt_from_the_download(mirror, tmp_path, monkeypatch):
    from etl.sources import statbel_population

    source_id = statbel_population.FILES[-1]
    monkeypatch.setattr(statbel_population, "FILES", (source_id,))  # one year keeps the test short
    sf = load_catalog()[source_id]
    paths, sha256 = {source_id: mirror_path(sf.url, mirror)}, {source_id: sf.sha256}
    first = statbel_population.parse(paths, tmp_path, sha256)
    [cached] = (tmp_path / "parsed").glob("*.csv")
    assert (cached.parent / (cached.name + ".sha256")).is_file()  # checksum recorded when written

    lines = cached.read_text().splitlines()
    header = lines[0].split(",")
    row = lines[1].split(",")
    row[header.index("children")] = str(int(float(row[header.index("children")])) + 1)  # a subtle edit
    cached.write_text("\n".join([lines[0], ",".join(row), *lines[2:]]) + "\n")

    again = statbel_population.parse(paths, tmp_path, sha256)  # detected: rebuilt, not loaded
    keys = ["indicator_id", "nis_code", "year"]
    assert again.sort_values(keys, ignore_index=True)["value"].tolist() == \
        first.sort_values(keys, ignore_index=True)["value"].tolist()
    assert ",".join(row) not in cached.read_text()  # the cache holds the parsed values again
    from etl.cache import verified
    assert verified(cached)


@pytest.fixture
def fresh_cache(etl_root, tmp_path, monkeypatch) -> Path:
    """An empty download cache of this test (the session's shared one stays as it is)."""
    cache = tmp_path / "own-cache"
    monkeypatch.setenv("ETL_CACHE_DIR", str(cache))
    return cache


def build_fails_in_one_line(etl_root: Path, capsys) -> str:
    live = etl_root / "warehouse.duckdb"
    before = digest(live)
    geo_before = {p.name: digest(p) for p in (etl_root / "geo").iterdir()}
    assert main(["build", "--quiet"]) == 1
    line = one_line_failure(capsys.readouterr().err)
    assert "Build mislukt" in line and "ongewijzigd" in line
    assert digest(live) == before
    assert {p.name: digest(p) for p in (etl_root / "geo").iterdir()} == geo_before
    return " ".join(line.split())


def test_full_disk_while_caching_a_download(etl_root, fresh_cache, monkeypatch, capsys):
    from etl import fetch

    def disk_full(src, dst, settings):
        raise OSError(errno.ENOSPC, "No space left on device")  # as a write() raises it: without a file name

    monkeypatch.setattr(fetch, "_copy_local", disk_full)
    line = build_fails_in_one_line(etl_root, capsys)
    assert str(fresh_cache) in line and ".part" in line  # the file being written
    assert "No space left on device (ENOSPC)" in line and "maak schijfruimte vrij" in line
    assert not [p for p in fresh_cache.rglob("*") if p.is_file()]  # no half-written file left


def test_read_only_cache_folder(etl_root, fresh_cache, monkeypatch, capsys):
    from etl import fetch

    def read_only(src, dst, settings):
        raise OSError(errno.EROFS, "Read-only file system", str(dst))

    monkeypatch.setattr(fetch, "_copy_local", read_only)
    line = build_fails_in_one_line(etl_root, capsys)
    assert "Read-only file system (EROFS)" in line and "maak de map schrijfbaar" in line and "ETL_CACHE_DIR" in line


def test_misplaced_cache_folder(etl_root, tmp_path, monkeypatch, capsys):
    not_a_folder = tmp_path / "cache-is-a-file"
    not_a_folder.write_text("not a folder")
    monkeypatch.setenv("ETL_CACHE_DIR", str(not_a_folder))
    line = build_fails_in_one_line(etl_root, capsys)
    assert str(not_a_folder) in line and "ETL_CACHE_DIR moet een map zijn" in line
    assert not_a_folder.read_text() == "not a folder"


def test_unreadable_meta_json(etl_root, fresh_cache, capsys):
    from etl.config import load_settings
    from etl.fetch import fetch

    first = next(iter(load_catalog().values()))  # the build fetches in catalog order
    fetched = fetch(first, load_settings())
    meta = fetched.path.with_name(fetched.path.name + ".meta.json")
    meta.unlink()
    meta.mkdir()  # unreadable as a file, whoever runs the test (root reads files of any mode)
    line = build_fails_in_one_line(etl_root, capsys)
    assert f"{meta}: niet leesbaar" in line and "verwijder het" in line


def test_damaged_meta_json_is_rewritten(etl_root, fresh_cache):
    """A .meta.json that reads but holds no record is derived data: the file is fetched again."""
    from etl.config import load_settings
    from etl.fetch import fetch

    source = next(iter(load_catalog().values()))
    fetched = fetch(source, load_settings())
    meta = fetched.path.with_name(fetched.path.name + ".meta.json")
    meta.write_text("{not json")
    again = fetch(source, load_settings())
    assert again.how == "mirror" and json.loads(meta.read_text())["retrieved_at"] == again.retrieved_at


def test_full_disk_while_storing_an_import(etl_root, tmp_path, monkeypatch, capsys):
    from etl import imports

    def disk_full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(imports, "write_prepared", disk_full)
    live = etl_root / "warehouse.duckdb"
    before = digest(live)
    data = tmp_path / "indicator.csv"
    data.write_text("niscode;jaar;waarde\n21004;2022;1\n", encoding="utf-8")  # SYNTHETIC
    meta = tmp_path / "meta.json"
    meta.write_text(json.dumps({"indicator_id": "test_disk", "name_nl": "Test (synthetisch)", "unit": "%",
                                "definition_nl": "Synthetisch.", "source": "testsuite", "licence": "CC0",
                                "direction": "higher_is_worse"}), encoding="utf-8")
    assert main(["import-indicator", str(data), "--meta", str(meta)]) == 1
    line = " ".join(one_line_failure(capsys.readouterr().err).split())
    assert "No space left on device (ENOSPC)" in line and "maak schijfruimte vrij" in line and "ongewijzigd" in line
    assert digest(live) == before
    assert not (etl_root / "imports").exists() or not any((etl_root / "imports").iterdir())


@pytest.fixture
def online_cache(etl_root, shared_cache, tmp_path, monkeypatch) -> Path:
    """A build that downloads the official sources: no SOURCE_MIRROR, the pinned files verified from
    the session's cache (linked into a cache of this test, whose `official` folder is its own)."""
    cache = tmp_path / "online-cache"
    cache.mkdir()
    for entry in shared_cache.iterdir():
        if entry.name != "official":
            (cache / entry.name).symlink_to(entry)
    monkeypatch.setenv("ETL_CACHE_DIR", str(cache))
    monkeypatch.delenv("SOURCE_MIRROR")
    return cache


@pytest.mark.parametrize("fault, words", [
    (OSError(errno.ENOSPC, "No space left on device"), "No space left on device (ENOSPC); maak schijfruimte vrij"),
    (OSError(errno.EROFS, "Read-only file system"), "Read-only file system (EROFS); maak de map schrijfbaar"),
])
def test_disk_fault_while_fetching_an_official_source(etl_root, online_cache, monkeypatch, capsys, fault, words):
    """Not the source's fault (no `not reachable` status): the build stops in one line, before any
    file is read, the warehouse and geo files unchanged, no half-written download left."""
    from etl.sources import official

    def fails_while_writing(source, part, settings, session):
        part.write_bytes(b"SYNTHETIC: the first bytes of a release")
        raise fault  # as write() raises it: without a file name

    monkeypatch.setattr(official, "_download", fails_while_writing)
    line = build_fails_in_one_line(etl_root, capsys)
    assert str(online_cache / "official") in line and ".part" in line and words in line
    assert "ETL_CACHE_DIR" in line
    assert not [p for p in (online_cache / "official").rglob("*") if p.is_file()]
