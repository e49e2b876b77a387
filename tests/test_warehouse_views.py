"""The views, bounding boxes and display metadata of the real build agree with the base tables."""
from __future__ import annotations

import json

import pytest

from etl.tables import FLAGS, VIEWS


@pytest.fixture
def con(built_warehouse, read_only):
    return read_only(built_warehouse)


def test_every_view_exists(con):
    views = {r[0] for r in con.execute("SELECT view_name FROM duckdb_views() WHERE NOT internal").fetchall()}
    assert set(VIEWS) <= views


def test_municipal_value_is_indicator_value_of_the_2025_municipalities_with_names(con):
    expected = con.execute("""
        SELECT v.*, m.name_nl, m.name_fr, m.province_nis, m.province_name, m.region, m.region_nis
        FROM indicator_value v JOIN municipality m ON m.vintage = 2025 AND m.nis_code = v.nis_code
        ORDER BY ALL""").fetchall()
    got = con.execute("SELECT * FROM municipal_value ORDER BY ALL").fetchall()
    assert got == expected
    assert len(got) == con.execute("SELECT count(*) FROM indicator_value WHERE length(nis_code) = 5 "
                                   "AND nis_code NOT IN (SELECT nis_code FROM area)").fetchone()[0]
    lokeren = con.execute("SELECT name_nl, province_name, region_nis FROM municipal_value "
                          "WHERE nis_code = '46029' LIMIT 1").fetchone()
    assert lokeren == ("Lokeren", "Oost-Vlaanderen", "02000")


def test_indicator_year_counts_agree_with_the_values(con):
    rows = con.execute("SELECT * FROM indicator_year ORDER BY indicator_id, year").fetchall()
    pairs = con.execute("SELECT count(DISTINCT (indicator_id, year)) FROM indicator_value").fetchone()[0]
    assert len(rows) == pairs
    for indicator_id, year, n, with_value, *per_flag in rows:
        assert n == 304  # every indicator-year has a row per 2025 municipality (contract)
        assert sum(per_flag) == n
        expected = con.execute("""
            SELECT count(value), """ + ", ".join(f"count(*) FILTER (WHERE flag = '{f}')" for f in FLAGS) + """
            FROM indicator_value v JOIN municipality m ON m.vintage = 2025 AND m.nis_code = v.nis_code
            WHERE indicator_id = ? AND year = ?""", [indicator_id, year]).fetchone()
        assert (with_value, *per_flag) == expected
    with_value = {r[1]: r[3] for r in rows if r[0] == "arop_admin"}
    assert with_value[2022] == 303  # Herstappe is absent from the source
    assert with_value[2017] == 302  # and Elsene has a value only from 2020


def test_latest_build_is_the_last_successful_build(con):
    latest = con.execute("SELECT * FROM latest_build").fetchall()
    expected = con.execute("SELECT * FROM build WHERE status = 'success' ORDER BY finished_at DESC LIMIT 1").fetchall()
    assert latest == expected and len(latest) == 1


def test_bounding_boxes_are_those_of_the_layer_geometry(con):
    import shapely

    layers = dict(con.execute("SELECT layer_id, geojson FROM geo_layer").fetchall())
    for layer_id in ("municipalities_2025", "provinces_2025"):
        boxes = {r[0]: r[1:] for r in con.execute(
            "SELECT code, min_lon, min_lat, max_lon, max_lat FROM geo_bbox WHERE layer_id = ?", [layer_id]).fetchall()}
        features = json.loads(layers[layer_id])["features"]
        assert set(boxes) == {f["id"] for f in features}
        for feature in features:
            assert boxes[feature["id"]] == pytest.approx(shapely.geometry.shape(feature["geometry"]).bounds)
    per_layer = dict(con.execute("SELECT layer_id, count(*) FROM geo_bbox GROUP BY ALL").fetchall())
    assert per_layer == dict(con.execute("SELECT layer_id, features FROM geo_layer").fetchall())


def test_bboxes_query(real_warehouse):
    from dashboard import db
    from dashboard.queries.geo import bboxes

    with db.reader() as r:
        municipal = bboxes(r, ["municipalities_2025"])
        assert len(municipal) == 304
        min_lon, min_lat, max_lon, max_lat = municipal["46029"]  # Lokeren (2025), in East Flanders
        assert 3.8 < min_lon < max_lon < 4.2 and 51.0 < min_lat < max_lat < 51.3
        both = bboxes(r, ["regions_2025", "provinces_2025"], codes=["04000", "70000"])
        assert set(both) == {"04000", "70000"}
        # Brussels is region and province: the first layer listed gives the box (here the same shape).
        assert both["04000"] == bboxes(r, ["regions_2025"], ["04000"])["04000"]
        assert bboxes(r, ["municipalities_2025"], codes=[]) == {}


def test_built_in_indicators_carry_display_metadata(con):
    rows = {r[0]: r[1:] for r in con.execute(
        "SELECT indicator_id, unit_nl, unit_en, short_unit, decimals FROM indicator WHERE origin = 'built_in'").fetchall()}
    assert rows["arop_admin"] == ("% van de personen", "% of persons", "%", 1)
    assert rows["population_total"] == ("inwoners", "residents", None, 0)
    assert rows["adi_median"][2:] == ("€", 0) and rows["tax_income_avg"][2:] == ("€", 0)
    assert all(unit_nl and unit_en for unit_nl, unit_en, _, _ in rows.values())



def test_views_and_bounding_boxes_are_documented():
    from pathlib import Path

    docs = (Path(__file__).resolve().parent.parent / "docs" / "warehouse.md").read_text(encoding="utf-8")
    for name in [*VIEWS, "geo_bbox"]:
        assert f"`{name}(" in docs, name
