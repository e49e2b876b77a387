"""dashboard.db (read-only, swap-safe access) and dashboard.queries, against a synthetic warehouse."""
import os
import threading

import duckdb
import pandas as pd
import pytest

from dashboard import db
from dashboard.queries import status as queries
from tests.synthetic_warehouse import build_synthetic_warehouse


def _swap_in(path, build_id: str) -> None:
    """Build a new warehouse next to `path` with one extra build row, and os.replace it onto
    `path`, as the ETL does."""
    tmp = path.with_name(path.name + ".tmp")
    build_synthetic_warehouse(tmp, validate=False)
    con = duckdb.connect(str(tmp))
    con.execute("INSERT INTO build VALUES (?, '2026-12-01T00:00:00+00:00', NULL, 'success', 'x')", [build_id])
    con.execute("CHECKPOINT")
    con.close()
    os.replace(tmp, path)


def test_query_returns_a_dataframe(synthetic_warehouse):
    df = db.query("SELECT source_id FROM source ORDER BY source_id")
    assert isinstance(df, pd.DataFrame)
    assert df["source_id"].tolist() == ["synthetic-geo", "synthetic-kinderarmoede-csv"]


def test_parameters_are_values_not_sql(synthetic_warehouse):
    evil = "x' OR '1'='1"
    assert db.query("SELECT count(*) AS n FROM source WHERE source_id = ?", [evil]).at[0, "n"] == 0
    assert db.query("SELECT count(*) AS n FROM source WHERE source_id = $id", {"id": "synthetic-geo"}).at[0, "n"] == 1


def test_missing_warehouse(tmp_path, monkeypatch):
    monkeypatch.setenv("WAREHOUSE_PATH", str(tmp_path / "nope.duckdb"))
    assert not db.is_built()
    assert db.data_version() is None
    with pytest.raises(db.WarehouseMissing) as info:
        db.query("SELECT 1")
    assert info.value.path == tmp_path / "nope.duckdb"
    assert not (tmp_path / "nope.duckdb").exists(), "a reader must never create the warehouse"


def test_unreadable_warehouse(tmp_path, monkeypatch):
    bad = tmp_path / "bad.duckdb"
    bad.write_bytes(b"<html>bot check</html>" * 100)
    monkeypatch.setenv("WAREHOUSE_PATH", str(bad))
    with pytest.raises(db.WarehouseUnavailable):
        db.query("SELECT 1")


def test_missing_table_is_reported_as_unavailable(synthetic_warehouse):
    with pytest.raises(db.WarehouseUnavailable, match="schema"):
        db.query("SELECT * FROM table_that_is_not_there")


def test_reader_holds_no_lock_after_use(synthetic_warehouse):
    db.query("SELECT count(*) FROM source")
    con = duckdb.connect(str(synthetic_warehouse))  # read-write: fails with "Could not set lock" if still attached
    con.execute("CREATE TABLE writable AS SELECT 1 AS x")
    con.close()
    # the connection of this thread is back on its own in-memory catalog
    assert db._connection().execute("SELECT current_database()").fetchone()[0] == "memory"


def test_swapped_file_is_seen_by_the_next_read_and_not_inside_a_reader(synthetic_warehouse):
    before = db.data_version()
    with db.reader() as r:
        assert r.scalar("SELECT count(*) FROM build") == 2
        _swap_in(synthetic_warehouse, "swapped-1")
        # same block: still the file that was attached (one consistent build per page)
        assert r.scalar("SELECT count(*) FROM build") == 2
    assert db.query("SELECT count(*) AS n FROM build").at[0, "n"] == 3
    assert db.data_version() != before


def test_nested_readers_share_the_attachment(synthetic_warehouse):
    with db.reader() as outer:
        with db.reader() as inner:
            assert inner.scalar("SELECT count(*) FROM source") == 2
        assert outer.scalar("SELECT count(*) FROM source") == 2  # outer still attached
    assert db.query("SELECT count(*) AS n FROM source").at[0, "n"] == 2


def test_threads_read_while_the_file_is_swapped(synthetic_warehouse):
    errors, counts = [], []

    def work():
        try:
            for _ in range(15):
                counts.append(int(db.query("SELECT count(*) AS n FROM source").at[0, "n"]))
        except Exception as exc:  # noqa: BLE001 - collect, assert below
            errors.append(exc)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for th in threads:
        th.start()
    for i in range(3):
        _swap_in(synthetic_warehouse, f"concurrent-{i}")
    for th in threads:
        th.join()
    assert errors == []
    assert counts and set(counts) == {2}


def test_display_path_hides_folders_outside_the_repository(tmp_path):
    from etl.config import REPO_ROOT

    assert db.display_path(tmp_path / "x" / "warehouse.duckdb") == "warehouse.duckdb"
    assert db.display_path(REPO_ROOT / "data" / "warehouse.duckdb") == "data/warehouse.duckdb"


# ------------------------------------------------------------------------- queries

def test_coverage_counts_only_2025_municipalities(synthetic_warehouse):
    with db.reader() as r:
        cov = queries.coverage(r)
        total = queries.municipality_count(r)
    assert total == 4
    row = cov[(cov.indicator_id == "kansarmoede_index") & (cov.year == 2022)].iloc[0]
    # 11901, 11902, 21901 have values; 44901 suppressed; the old code 11903 and the province
    # 10000 have values too but are not 2025 municipalities.
    assert row.with_value == 3
    assert (row.n_original, row.n_recomputed_2025, row.n_estimated, row.n_suppressed, row.n_missing) == (2, 1, 0, 1, 0)
    assert row.other_codes == 2
    row = cov[(cov.indicator_id == "mediaan_inkomen")].iloc[0]
    assert (row.year, row.with_value, row.n_missing) == (2021, 3, 1)
    empty = cov[cov.indicator_id == "zonder_waarden"]
    assert len(empty) == 1 and pd.isna(empty.iloc[0].year) and empty.iloc[0].with_value == 0


def test_key_facts(synthetic_warehouse):
    with db.reader() as r:
        facts = queries.key_facts(r)
    assert facts["build"]["build_id"] == "synthetic-build-2"
    assert (facts["sources"], facts["built_in"], facts["imported"], facts["municipalities"]) == (2, 3, 1, 4)
    assert (facts["first_year"], facts["last_year"], facts["values_"]) == (2021, 2023, 14)


def test_other_queries(synthetic_warehouse):
    with db.reader() as r:
        assert queries.builds(r)["build_id"].tolist() == ["synthetic-build-2", "synthetic-build-1"]
        assert queries.builds(r, limit=1).shape[0] == 1
        assert queries.geo_layers(r)["file_name"].tolist() == ["municipalities_2025.geojson"]
        imp = queries.imports(r)
        assert imp[["indicator_id", "name_en"]].values.tolist() == [["import_test", "Imported test indicator (synthetic)"]]
        assert len(queries.sources(r)) == 2
