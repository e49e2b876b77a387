"""Test support: a tiny SYNTHETIC warehouse for the dashboard's tests.

Every number, name and URL here is invented (names end in "(synthetisch)", URLs point to
example.org); none of it describes a real municipality. It uses the real DDL
(`etl.tables.create_all`) and is checked against the ETL's own column contracts, so a change
to the warehouse schema breaks these tests instead of slipping through.

Deliberate corner cases: a suppressed and a missing value, a value on an old 2019 code and
one on a province code (neither counts as a 2025 municipality), an imported indicator (without an
English unit), an indicator without any values, a publisher with HTML in its name (must show
literally), and structured harmonisation notes on the merged municipality and the missing value.
"""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

import duckdb
import pandas as pd


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


MUNICIPALITIES_2025 = [
    # nis_code, name_nl, province_nis, province_name, region, region_nis
    ("11901", "Aadorp (synthetisch)", "10000", "Antwerpen", "Vlaams Gewest", "02000"),
    ("11902", "Beekveld (synthetisch)", "10000", "Antwerpen", "Vlaams Gewest", "02000"),
    ("44901", "Cruyshoek (synthetisch)", "40000", "Oost-Vlaanderen", "Vlaams Gewest", "02000"),
    ("21901", "Dilbeke-Brussel (synthetisch)", "04000", "Brussels Hoofdstedelijk Gewest",
     "Brussels Hoofdstedelijk Gewest", "04000"),
]
OLD_CODE = "11903"  # a 2019 municipality merged into 11902 in 2025
SOURCE_ID = "synthetic-kinderarmoede-csv"


def tables() -> dict[str, pd.DataFrame]:
    """The synthetic rows, per warehouse table."""
    mun = pd.DataFrame(
        [(c, 2025, n, None, p, pn, r, rn) for c, n, p, pn, r, rn in MUNICIPALITIES_2025]
        + [(c, 2019, n, None, p, pn, r, rn) for c, n, p, pn, r, rn in MUNICIPALITIES_2025]
        + [(OLD_CODE, 2019, "Oudekerke (synthetisch)", None, "10000", "Antwerpen", "Vlaams Gewest", "02000")],
        columns=["nis_code", "vintage", "name_nl", "name_fr", "province_nis", "province_name",
                 "region", "region_nis"])
    area = pd.DataFrame([
        ("02000", "region", "Vlaams Gewest", "Région flamande", "Flemish Region", "02000"),
        ("10000", "province", "Antwerpen", "Anvers", "Antwerp", "02000"),
    ], columns=["nis_code", "level", "name_nl", "name_fr", "name_en", "region_nis"])
    crosswalk = pd.DataFrame(
        [(2019, c, 2025, c) for c, *_ in MUNICIPALITIES_2025] + [(2019, OLD_CODE, 2025, "11902")],
        columns=["from_vintage", "from_nis", "to_vintage", "to_nis"])
    indicator = pd.DataFrame([
        ("kansarmoede_index", "Kansarmoede-index (synthetisch)", "Deprivation index (synthetic)", "%",
         "Synthetische testindicator.", "Synthetic test indicator.", "higher_is_worse", SOURCE_ID,
         "rate", 100.0, "Fusies opgeteld via tellers en noemers.", None, 0.0, 100.0, "built_in"),
        ("mediaan_inkomen", "Mediaan inkomen (synthetisch)", "Median income (synthetic)", "EUR",
         "Synthetische testindicator.", None, "higher_is_better", SOURCE_ID,
         "statistic", None, "Niet herberekend.", None, None, None, "built_in"),
        ("zonder_waarden", "Indicator zonder waarden (synthetisch)", "Indicator without values (synthetic)",
         "aantal", "Synthetische testindicator.", None, "higher_is_worse", SOURCE_ID,
         "count", None, "n.v.t.", None, None, None, "built_in"),
        ("import_test", "Geïmporteerde testindicator (synthetisch)", "Imported test indicator (synthetic)",
         "aantal", "Synthetische import.", None, "higher_is_better", "import-import_test",
         "count", None, "n.v.t.", None, None, None, "imported"),
    ], columns=["indicator_id", "name_nl", "name_en", "unit", "definition_nl", "definition_en", "direction",
                "source_id", "kind", "scale", "harmonisation_nl", "note_nl", "value_min", "value_max", "origin"])
    # Display metadata (etl/sources/indicators.toml for real ones): unit_nl, unit_en, short_unit, decimals.
    display = pd.DataFrame([
        ("kansarmoede_index", "% van de kinderen", "% of children", "%", 1),
        ("mediaan_inkomen", "euro per jaar", "euro per year", "€", 0),
        ("zonder_waarden", "aantal", "number", None, 0),
        ("import_test", "aantal", None, None, 0),  # imported without an English unit
    ], columns=["indicator_id", "unit_nl", "unit_en", "short_unit", "decimals"])
    indicator = indicator.merge(display, on="indicator_id", validate="one_to_one")
    v = []

    def val(ind, nis, year, value, flag, num=None, den=None, src=SOURCE_ID, note=None):
        v.append((ind, nis, year, value, num, den, flag, src, note))

    def note(method, parts=None, missing=None, detail=None):  # etl.tables.NOTE_TYPE as DuckDB hands it
        return {"method": method, "parts": parts, "missing": missing, "detail": detail}

    merged = note("ratio_of_sums", parts=["11902", OLD_CODE])
    # 2022: 3 of 4 municipalities with a value, one suppressed; an old code and a province row.
    val("kansarmoede_index", "11901", 2022, 12.3, "original", 123, 1000)
    val("kansarmoede_index", "11902", 2022, 8.1, "recomputed_2025", 81, 1000, note=merged)
    val("kansarmoede_index", "44901", 2022, None, "suppressed", note=note("suppressed", missing=["44901"]))
    val("kansarmoede_index", "21901", 2022, 20.4, "original", 204, 1000)
    val("kansarmoede_index", OLD_CODE, 2022, 5.0, "original", 5, 100)
    val("kansarmoede_index", "10000", 2022, 11.0, "original", 1100, 10000)
    # 2023: all 4.
    for nis, x, flag in (("11901", 13.0, "original"), ("11902", 8.4, "recomputed_2025"),
                         ("44901", 4.2, "estimated"), ("21901", 21.5, "original")):
        val("kansarmoede_index", nis, 2023, x, flag, note=merged if nis == "11902" else None)
    # 2021: 3 of 4, one missing.
    for nis, x, flag in (("11901", 31250.0, "original"), ("11902", 29800.5, "original"),
                         ("44901", None, "missing"), ("21901", 24100.0, "original")):
        val("mediaan_inkomen", nis, 2021, x, flag,
            note=note("missing_in_source", missing=["44901"]) if flag == "missing" else None)
    for nis, x in (("11901", 7.0), ("21901", 12.0)):
        val("import_test", nis, 2023, x, "original", src="import-import_test")
    values = pd.DataFrame(v, columns=["indicator_id", "nis_code", "year", "value", "numerator", "denominator",
                                      "flag", "source_id", "note"])
    source = pd.DataFrame([
        (SOURCE_ID, "https://example.org/synthetisch/data/2023/kansarmoede_per_gemeente_2023.csv",
         "Synthetische uitgever <b>A</b> & co (testdata)", "CC0 1.0 (testdata)", _sha("synthetic-1"),
         "2026-11-22T09:30:00+00:00", 1234567, "synthetic", 2345678, "mirror"),
        ("synthetic-geo", "https://example.org/synthetisch/gemeenten_2025.geojson",
         "Zuiver verzonnen kaartbron (testdata)", "CC BY 4.0 (testdata)", _sha("synthetic-2"),
         "2026-11-21T08:01:00+00:00", 4, "geography", 5120, "cached"),
    ], columns=["source_id", "url", "publisher", "licence", "sha256", "retrieved_at", "rows_loaded", "dataset",
                "bytes", "fetched_how"])
    build = pd.DataFrame([
        ("synthetic-build-1", "2026-11-21T08:00:00+00:00", "2026-11-21T08:03:05+00:00", "success", "0.0.0-test1"),
        ("synthetic-build-2", "2026-11-22T09:30:00+00:00", "2026-11-22T09:31:12+00:00", "success", "0.0.0-test2"),
    ], columns=["build_id", "started_at", "finished_at", "status", "code_version"])
    geojson = geojson_text()
    geo_layer = pd.DataFrame([
        ("municipalities_2025", "municipality", 2025, "municipalities_2025.geojson", len(MUNICIPALITIES_2025),
         len(geojson.encode()), _sha(geojson), 0.0005, "synthetic-geo", geojson),
    ], columns=["layer_id", "level", "vintage", "file_name", "features", "bytes", "sha256",
                "simplify_tolerance_deg", "source_id", "geojson"])
    # One bounding box per square (geojson_text), as the build computes them from each layer.
    geo_bbox = pd.DataFrame([("municipalities_2025", code, round(4.0 + i * 0.1, 5), 51.0, round(4.1 + i * 0.1, 5), 51.1)
                             for i, (code, *_rest) in enumerate(MUNICIPALITIES_2025)],
                            columns=["layer_id", "code", "min_lon", "min_lat", "max_lon", "max_lat"])
    imports = pd.DataFrame([
        ("import_test", "import_test.xlsx", _sha("synthetic-import"), "2026-11-20T14:00:00+00:00",
         "synthetische analist", 2),
    ], columns=["indicator_id", "file_name", "sha256", "imported_at", "imported_by", "rows_loaded"])
    return {"municipality": mun, "area": area, "municipality_crosswalk": crosswalk, "indicator": indicator,
            "indicator_value": values, "source": source, "build": build, "geo_layer": geo_layer,
            "geo_bbox": geo_bbox, "indicator_import": imports}


def geojson_text() -> str:
    """Four invented squares, one per synthetic municipality."""
    features = []
    for i, (code, *_rest) in enumerate(MUNICIPALITIES_2025):
        x, y = 4.0 + i * 0.1, 51.0
        ring = [[x, y], [x, y + 0.1], [x + 0.1, y + 0.1], [x + 0.1, y], [x, y]]
        features.append({"type": "Feature", "properties": {"nis_code": code},
                         "geometry": {"type": "Polygon", "coordinates": [ring]}})
    return json.dumps({"type": "FeatureCollection", "features": features}, separators=(",", ":"))


def build_synthetic_warehouse(path: Path, geo_dir: Path | None = None, validate: bool = True) -> Path:
    """Write the synthetic warehouse to `path` (and its GeoJSON layer to `geo_dir`, if given)."""
    from etl.tables import TABLES, create_all

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    data = tables()
    if validate:
        for name, df in data.items():
            TABLES[name][1].validate(df)
    con = duckdb.connect(str(path))
    try:
        create_all(con)
        insert_rows(con, data)
        con.execute("CHECKPOINT")
    finally:
        con.close()
    if geo_dir is not None:
        Path(geo_dir).mkdir(parents=True, exist_ok=True)
        (Path(geo_dir) / "municipalities_2025.geojson").write_text(data["geo_layer"].at[0, "geojson"])
    return path


def insert_rows(con: duckdb.DuckDBPyConnection, data: dict[str, pd.DataFrame]) -> None:
    """Append each frame to the table of its name, columns matched by name."""
    for name, df in data.items():
        con.register("rows_df", df)
        con.execute(f"INSERT INTO {name} BY NAME SELECT * FROM rows_df")  # name: our own constant
        con.unregister("rows_df")
