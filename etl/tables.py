"""The warehouse tables: their DDL and, beside each, the column contract that guards it.

The contracts run on every build (etl.checks) and fail it. Documented in docs/warehouse.md;
later issues and outside checks rely on these names.
"""
from __future__ import annotations

import pandera.pandas as pa

FLAGS = ("original", "recomputed_2025", "estimated", "suppressed", "missing")
DIRECTIONS = ("higher_is_worse", "higher_is_better")
KINDS = ("rate", "count", "statistic")
VINTAGES = (2018, 2019, 2025)
REGIONS = {"02000": "Vlaams Gewest", "04000": "Brussels Hoofdstedelijk Gewest"}
# Municipalities of Flanders + Brussels per code vintage (see CATALOG of the mirror).
MUNICIPALITIES_PER_VINTAGE = {2018: 308 + 19, 2019: 300 + 19, 2025: 285 + 19}
NIS = r"^\d{5}$"


def _str(nullable: bool = False, **kw) -> pa.Column:
    return pa.Column(str, nullable=nullable, **kw)


TABLES: dict[str, tuple[str, pa.DataFrameSchema]] = {}


def table(name: str, ddl: str, schema: pa.DataFrameSchema) -> None:
    TABLES[name] = (ddl, schema)


table("municipality", """
    CREATE TABLE municipality (
        nis_code VARCHAR NOT NULL, vintage INTEGER NOT NULL,
        name_nl VARCHAR NOT NULL, name_fr VARCHAR,
        province_nis VARCHAR NOT NULL, province_name VARCHAR NOT NULL,
        region VARCHAR NOT NULL, region_nis VARCHAR NOT NULL)""",
    pa.DataFrameSchema({
        "nis_code": _str(checks=pa.Check.str_matches(NIS)),
        "vintage": pa.Column(int, pa.Check.isin(VINTAGES)),
        "name_nl": _str(checks=pa.Check.str_length(min_value=2)),
        "name_fr": _str(nullable=True),
        "province_nis": _str(checks=pa.Check.isin(["10000", "20001", "30000", "40000", "70000", "04000"])),
        "province_name": _str(),
        "region": _str(checks=pa.Check.isin(list(REGIONS.values()))),
        "region_nis": _str(checks=pa.Check.isin(list(REGIONS))),
    }, unique=["nis_code", "vintage"], strict=True))

table("area", """
    CREATE TABLE area (
        nis_code VARCHAR NOT NULL, level VARCHAR NOT NULL,
        name_nl VARCHAR NOT NULL, name_fr VARCHAR, name_en VARCHAR, region_nis VARCHAR NOT NULL)""",
    pa.DataFrameSchema({
        "nis_code": _str(checks=pa.Check.str_matches(NIS), unique=True),
        "level": _str(checks=pa.Check.isin(["region", "province"])),
        "name_nl": _str(), "name_fr": _str(nullable=True), "name_en": _str(nullable=True),
        "region_nis": _str(checks=pa.Check.isin(list(REGIONS))),
    }, strict=True))

table("municipality_crosswalk", """
    CREATE TABLE municipality_crosswalk (
        from_vintage INTEGER NOT NULL, from_nis VARCHAR NOT NULL,
        to_vintage INTEGER NOT NULL, to_nis VARCHAR NOT NULL)""",
    pa.DataFrameSchema({
        "from_vintage": pa.Column(int, pa.Check.isin(VINTAGES)),
        "from_nis": _str(checks=pa.Check.str_matches(NIS)),
        "to_vintage": pa.Column(int, pa.Check.isin(VINTAGES)),
        "to_nis": _str(checks=pa.Check.str_matches(NIS)),
    }, unique=["from_vintage", "from_nis", "to_vintage"], strict=True))

table("indicator", """
    CREATE TABLE indicator (
        indicator_id VARCHAR NOT NULL, name_nl VARCHAR NOT NULL, name_en VARCHAR NOT NULL,
        unit VARCHAR NOT NULL, definition_nl VARCHAR NOT NULL, definition_en VARCHAR,
        direction VARCHAR NOT NULL, source_id VARCHAR NOT NULL,
        kind VARCHAR NOT NULL, scale DOUBLE, harmonisation_nl VARCHAR NOT NULL,
        note_nl VARCHAR, value_min DOUBLE, value_max DOUBLE, origin VARCHAR NOT NULL)""",
    pa.DataFrameSchema({
        "indicator_id": _str(checks=pa.Check.str_matches(r"^[a-z][a-z0-9_]{1,62}$"), unique=True),
        "name_nl": _str(), "name_en": _str(), "unit": _str(), "definition_nl": _str(),
        "definition_en": _str(nullable=True),
        "direction": _str(checks=pa.Check.isin(DIRECTIONS)),
        "source_id": _str(), "kind": _str(checks=pa.Check.isin(KINDS)),
        "scale": pa.Column(float, nullable=True), "harmonisation_nl": _str(),
        "note_nl": _str(nullable=True),
        "value_min": pa.Column(float, nullable=True), "value_max": pa.Column(float, nullable=True),
        "origin": _str(checks=pa.Check.isin(["built_in", "imported"])),
    }, strict=True))

table("indicator_value", """
    CREATE TABLE indicator_value (
        indicator_id VARCHAR NOT NULL, nis_code VARCHAR NOT NULL, year INTEGER NOT NULL,
        value DOUBLE, numerator DOUBLE, denominator DOUBLE, flag VARCHAR NOT NULL,
        source_id VARCHAR NOT NULL, note VARCHAR)""",
    pa.DataFrameSchema({
        "indicator_id": _str(), "nis_code": _str(checks=pa.Check.str_matches(NIS)),
        "year": pa.Column(int, pa.Check.in_range(1990, 2100)),
        "value": pa.Column(float, nullable=True),
        "numerator": pa.Column(float, nullable=True, checks=pa.Check.ge(0)),
        "denominator": pa.Column(float, nullable=True, checks=pa.Check.ge(0)),
        "flag": _str(checks=pa.Check.isin(FLAGS)),
        "source_id": _str(), "note": _str(nullable=True),
    }, unique=["indicator_id", "nis_code", "year"], strict=True,
        checks=[
            # A value is absent exactly when the flag says why.
            pa.Check(lambda d: d["value"].isna() == d["flag"].isin(["suppressed", "missing"]),
                     error="value is empty if and only if flag is suppressed or missing"),
        ]))

table("source", """
    CREATE TABLE source (
        source_id VARCHAR NOT NULL, url VARCHAR NOT NULL, publisher VARCHAR NOT NULL,
        licence VARCHAR NOT NULL, sha256 VARCHAR NOT NULL, retrieved_at VARCHAR NOT NULL,
        rows_loaded BIGINT NOT NULL, dataset VARCHAR NOT NULL, bytes BIGINT, fetched_how VARCHAR)""",
    pa.DataFrameSchema({
        "source_id": _str(unique=True), "url": _str(), "publisher": _str(), "licence": _str(),
        "sha256": _str(checks=pa.Check.str_matches(r"^[0-9a-f]{64}$")), "retrieved_at": _str(),
        "rows_loaded": pa.Column(int, pa.Check.ge(0)), "dataset": _str(),
        "bytes": pa.Column(int, nullable=True), "fetched_how": _str(nullable=True),
    }, strict=True))

table("build", """
    CREATE TABLE build (
        build_id VARCHAR NOT NULL, started_at VARCHAR NOT NULL, finished_at VARCHAR,
        status VARCHAR NOT NULL, code_version VARCHAR NOT NULL)""",
    pa.DataFrameSchema({
        "build_id": _str(unique=True), "started_at": _str(), "finished_at": _str(nullable=True),
        "status": _str(checks=pa.Check.isin(["success", "checking"])), "code_version": _str(),
    }, strict=True))

table("geo_layer", """
    CREATE TABLE geo_layer (
        layer_id VARCHAR NOT NULL, level VARCHAR NOT NULL, vintage INTEGER NOT NULL,
        file_name VARCHAR NOT NULL, features INTEGER NOT NULL, bytes BIGINT NOT NULL,
        sha256 VARCHAR NOT NULL, simplify_tolerance_deg DOUBLE, source_id VARCHAR NOT NULL,
        geojson VARCHAR NOT NULL)""",
    pa.DataFrameSchema({
        "layer_id": _str(unique=True), "level": _str(checks=pa.Check.isin(["municipality", "province", "region"])),
        "vintage": pa.Column(int, pa.Check.isin(VINTAGES)), "file_name": _str(),
        "features": pa.Column(int, pa.Check.gt(0)), "bytes": pa.Column(int, pa.Check.gt(0)),
        "sha256": _str(), "simplify_tolerance_deg": pa.Column(float, nullable=True),
        "source_id": _str(), "geojson": _str(),
    }, strict=True))

table("indicator_import", """
    CREATE TABLE indicator_import (
        indicator_id VARCHAR NOT NULL, file_name VARCHAR NOT NULL, sha256 VARCHAR NOT NULL,
        imported_at VARCHAR NOT NULL, imported_by VARCHAR NOT NULL, rows_loaded BIGINT NOT NULL)""",
    pa.DataFrameSchema({
        "indicator_id": _str(unique=True), "file_name": _str(), "sha256": _str(),
        "imported_at": _str(), "imported_by": _str(), "rows_loaded": pa.Column(int, pa.Check.ge(0)),
    }, strict=True))


def create_all(con) -> None:
    for ddl, _ in TABLES.values():
        con.execute(ddl)
