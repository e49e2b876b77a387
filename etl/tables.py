"""The warehouse tables: their DDL and, beside each, the column contract that guards it.

The contracts run on every build (etl.checks) and fail it. Documented in docs/warehouse.md;
later issues and outside checks rely on these names.
"""
from __future__ import annotations

import pandera.pandas as pa

from etl.reports.contract import AGE_BANDS, REACH_MEASURES

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


# ---- project reports (python -m etl load-report; contract of the workbook: etl/reports/contract.py)
# The figure tables hold the current figures; replaced ones move to `<table>_history` with the report
# that replaced them. Every build creates them (empty until a report is loaded; nothing is made up).
REPORT_STATUSES = ("current", "superseded")
REPORT_PERIOD = r"^\d{4}(-H[12])?$"
SHA256 = r"^[0-9a-f]{64}$"


def _report_figures(name: str, columns_ddl: str, columns: dict[str, pa.Column], key: list[str],
                    checks: list | None = None) -> None:
    """A figure table and its history table, which adds who replaced each row."""
    table(name, f"CREATE TABLE {name} ({columns_ddl}, report_id VARCHAR NOT NULL)",
          pa.DataFrameSchema({**columns, "report_id": _str()}, unique=key, strict=True, checks=checks or []))
    table(f"{name}_history",
          f"CREATE TABLE {name}_history ({columns_ddl}, report_id VARCHAR NOT NULL, superseded_by VARCHAR NOT NULL)",
          pa.DataFrameSchema({**columns, "report_id": _str(), "superseded_by": _str()}, strict=True,
                             checks=checks or []))


def _amount(nullable: bool = True) -> pa.Column:
    return pa.Column(float, nullable=nullable, checks=pa.Check.ge(0))


def _year(nullable: bool = False) -> pa.Column:
    # Nullable years arrive as pandas' Int64 (etl.checks keeps NULLs), hence the coercion.
    return pa.Column("Int64" if nullable else int, pa.Check.in_range(1990, 2100), nullable=nullable, coerce=nullable)


table("report", """
    CREATE TABLE report (
        report_id VARCHAR NOT NULL, sha256 VARCHAR NOT NULL, file_name VARCHAR NOT NULL,
        loaded_by VARCHAR NOT NULL, loaded_at VARCHAR NOT NULL, status VARCHAR NOT NULL,
        project_id VARCHAR NOT NULL, period VARCHAR NOT NULL, superseded_by VARCHAR)""",
    pa.DataFrameSchema({
        "report_id": _str(unique=True), "sha256": _str(checks=pa.Check.str_matches(SHA256)),
        "file_name": _str(), "loaded_by": _str(), "loaded_at": _str(),
        "status": _str(checks=pa.Check.isin(REPORT_STATUSES)), "project_id": _str(),
        "period": _str(checks=pa.Check.str_matches(REPORT_PERIOD)), "superseded_by": _str(nullable=True),
    }, strict=True))

_report_figures("project_budget", """
        project_id VARCHAR NOT NULL, year INTEGER NOT NULL, granted DOUBLE NOT NULL, paid DOUBLE,
        spent DOUBLE, cofinancing DOUBLE, investment DOUBLE""",
    {"project_id": _str(), "year": _year(), "granted": _amount(nullable=False), "paid": _amount(),
     "spent": _amount(), "cofinancing": _amount(), "investment": _amount()},
    key=["project_id", "year"],
    checks=[pa.Check(lambda d: ~(d["spent"] > d["granted"]), error="spent is not above granted")])

_report_figures("project_reach", """
        project_id VARCHAR NOT NULL, period VARCHAR NOT NULL, measure VARCHAR NOT NULL, value BIGINT NOT NULL""",
    {"project_id": _str(), "period": _str(checks=pa.Check.str_matches(REPORT_PERIOD)),
     "measure": _str(checks=pa.Check.isin(list(REACH_MEASURES + AGE_BANDS))),
     "value": pa.Column(int, pa.Check.ge(0))},
    key=["project_id", "period", "measure"])

_report_figures("project_outcome", """
        project_id VARCHAR NOT NULL, indicator VARCHAR NOT NULL, unit VARCHAR NOT NULL, baseline DOUBLE,
        baseline_year INTEGER, target DOUBLE, target_year INTEGER, period VARCHAR NOT NULL, actual DOUBLE NOT NULL""",
    {"project_id": _str(), "indicator": _str(), "unit": _str(), "baseline": pa.Column(float, nullable=True),
     "baseline_year": _year(nullable=True), "target": pa.Column(float, nullable=True),
     "target_year": _year(nullable=True), "period": _str(checks=pa.Check.str_matches(REPORT_PERIOD)),
     "actual": pa.Column(float)},
    key=["project_id", "indicator", "period"])

def create_all(con) -> None:
    for ddl, _ in TABLES.values():
        con.execute(ddl)
