"""The warehouse contract checks (etl/checks.py) catch each kind of broken warehouse.

Each case copies the real build, breaks it in one way with SQL, and asserts that `run_checks`
refuses it with the check's own description. The build itself calls run_checks before every swap
(tests/test_build_faults.py shows the live file then stays as it was)."""
from __future__ import annotations

import shutil

import duckdb
import pytest

from etl.checks import run_checks
from etl.errors import EtlError

ONE_VALUE = "indicator_id = 'arop_admin' AND nis_code = '11002' AND year = 2022"

BREAKS = {
    "duplicate key": (f"INSERT INTO indicator_value SELECT * FROM indicator_value WHERE {ONE_VALUE}",
                      "tabel indicator_value: kolom indicator_id: multiple_fields_uniqueness"),
    "unknown code": (f"UPDATE indicator_value SET nis_code = '99999' WHERE {ONE_VALUE}",
                     "indicator_value.nis_code is een gemeente van 2025 of een provincie/gewest: overtreden door [('99999',)]"),
    "implausible value": (f"UPDATE indicator_value SET value = 95 WHERE {ONE_VALUE}",
                          "waarden binnen het plausibele bereik van hun indicator"),
    "municipality lost": ("DELETE FROM municipality WHERE vintage = 2025 AND nis_code = '11002'",
                          "municipality: 303 gemeenten in NIS 2025, verwacht 304"),
    "flag outside vocabulary": (f"UPDATE indicator_value SET flag = 'guessed' WHERE {ONE_VALUE}",
                                "tabel indicator_value: kolom flag: isin("),
    "value behind a missing flag": (f"UPDATE indicator_value SET flag = 'missing' WHERE {ONE_VALUE}",
                                    "value is empty if and only if flag is suppressed or missing"),
    "undeclared indicator": (f"UPDATE indicator_value SET indicator_id = 'onbekend' WHERE {ONE_VALUE}",
                             "indicator_value.indicator_id is gedeclareerd in indicator"),
    "crosswalk split": ("INSERT INTO municipality_crosswalk VALUES (2019, '11007', 2025, '11001')",
                        "elke gemeente van 2018 en 2019 heeft precies één opvolger in 2025"),
    "note outside vocabulary": (
        "UPDATE indicator_value SET note = {'method': 'guessed', 'parts': ['11002'], 'missing': NULL, 'detail': NULL} "
        f"WHERE {ONE_VALUE}", "tabel indicator_value: kolom note: note: a known method"),
    "note with a name for a code": (
        "UPDATE indicator_value SET note = {'method': 'sum', 'parts': ['Antwerpen'], 'missing': NULL, 'detail': NULL} "
        f"WHERE {ONE_VALUE}", "tabel indicator_value: kolom note: note: a known method, NIS codes"),
    "decimals out of range": ("UPDATE indicator SET decimals = 9 WHERE indicator_id = 'arop_admin'",
                              "tabel indicator: kolom decimals: in_range(0, 6)"),
    "short unit outside vocabulary": ("UPDATE indicator SET short_unit = '$' WHERE indicator_id = 'arop_admin'",
                                      "tabel indicator: kolom short_unit: isin("),
    "bounding box lost": ("DELETE FROM geo_bbox WHERE layer_id = 'municipalities_2025' AND code = '11002'",
                          "geo_bbox heeft één kader per vorm van elke laag in geo_layer: overtreden door "
                          "[('municipalities_2025', 304, 303)]"),
    "view dropped": ("DROP VIEW latest_build", "view latest_build:"),
}


@pytest.fixture
def broken_copy(built_warehouse, tmp_path):
    def make(sql: str):
        path = tmp_path / "broken.duckdb"
        shutil.copyfile(built_warehouse, path)
        con = duckdb.connect(str(path))
        con.execute(sql)
        return con
    return make


def test_the_real_build_passes_the_checks(built_warehouse, tmp_path):
    path = tmp_path / "copy.duckdb"
    shutil.copyfile(built_warehouse, path)
    con = duckdb.connect(str(path))
    try:
        run_checks(con)
    finally:
        con.close()


@pytest.mark.parametrize("case", sorted(BREAKS))
def test_each_break_is_refused_with_its_check(broken_copy, case):
    sql, expected = BREAKS[case]
    con = broken_copy(sql)
    try:
        with pytest.raises(EtlError) as info:
            run_checks(con)
    finally:
        con.close()
    message = info.value.describe()
    assert message.startswith("bron warehouse: contractcontrole mislukt")
    assert expected in message, message
