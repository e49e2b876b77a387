"""The warehouse tables: their DDL and, beside each, the column contract that guards it.

The contracts run on every build (etl.checks) and fail it. Documented in docs/warehouse.md;
later issues and outside checks rely on these names.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import pandera.pandas as pa

from etl.reports.contract import AGE_BANDS, REACH_MEASURES

FLAGS = ("original", "recomputed_2025", "estimated", "suppressed", "missing")
# SIZE_DIRECTION: a size (a share of children), neither favourable nor unfavourable; higher is darker.
SIZE_DIRECTION = "higher_is_more"
DIRECTIONS = ("higher_is_worse", "higher_is_better", SIZE_DIRECTION)
KINDS = ("rate", "count", "statistic")
VINTAGES = (2018, 2019, 2025)
REGIONS = {"02000": "Vlaams Gewest", "04000": "Brussels Hoofdstedelijk Gewest"}
# Municipalities of Flanders + Brussels per code vintage (see CATALOG of the mirror).
MUNICIPALITIES_PER_VINTAGE = {2018: 308 + 19, 2019: 300 + 19, 2025: 285 + 19}
NIS = r"^\d{5}$"
# Display metadata of an indicator (like OWID's `short_unit` and `numDecimalPlaces`).
SHORT_UNITS = ("%", "€")
MAX_DECIMALS = 6
# A value's harmonisation note, as fields (etl.harmonise writes it, dashboard/ui/notes.py words it):
# `method` how the value was made or why it is absent, `parts` the predecessor codes combined (NULL for
# an unchanged municipality, and for a province or region: its parts are its 2025 municipalities),
# `missing` the codes without a (usable) value, `detail` the estimate's method or the reason an area
# value was not computed. NULL for a value as published. Documented in docs/warehouse.md.
NOTE_TYPE = "STRUCT(method VARCHAR, parts VARCHAR[], missing VARCHAR[], detail VARCHAR)"
NOTE_METHODS = ("sum", "ratio_of_sums", "estimate", "suppressed", "missing_in_source", "not_combinable",
                "not_computed")
NOTE_DETAILS = ("weighted_mean", "incomplete_sum", "low_coverage", "no_counts")


def _str(nullable: bool = False, **kw) -> pa.Column:
    return pa.Column(str, nullable=nullable, **kw)


def is_note(note) -> bool:
    """Is `note` a harmonisation note as NOTE_TYPE describes it (a dict, as DuckDB hands a STRUCT)?"""
    if not isinstance(note, dict) or set(note) != {"method", "parts", "missing", "detail"}:
        return False
    codes = [*(note["parts"] if note["parts"] is not None else []),
             *(note["missing"] if note["missing"] is not None else [])]
    return (note["method"] in NOTE_METHODS and note["detail"] in (None, *NOTE_DETAILS)
            and all(isinstance(c, str) and re.fullmatch(NIS, c) for c in codes))


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
        unit VARCHAR NOT NULL, unit_nl VARCHAR NOT NULL, unit_en VARCHAR, short_unit VARCHAR,
        decimals INTEGER NOT NULL, definition_nl VARCHAR NOT NULL, definition_en VARCHAR,
        direction VARCHAR NOT NULL, source_id VARCHAR NOT NULL,
        kind VARCHAR NOT NULL, scale DOUBLE, harmonisation_nl VARCHAR NOT NULL,
        note_nl VARCHAR, value_min DOUBLE, value_max DOUBLE, origin VARCHAR NOT NULL)""",
    pa.DataFrameSchema({
        "indicator_id": _str(checks=pa.Check.str_matches(r"^[a-z][a-z0-9_]{1,62}$"), unique=True),
        "name_nl": _str(), "name_en": _str(), "unit": _str(),
        "unit_nl": _str(checks=pa.Check.str_length(min_value=1)), "unit_en": _str(nullable=True),
        "short_unit": _str(nullable=True, checks=pa.Check.isin(SHORT_UNITS)),
        "decimals": pa.Column(int, pa.Check.in_range(0, MAX_DECIMALS)),
        "definition_nl": _str(),
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
        source_id VARCHAR NOT NULL, note """ + NOTE_TYPE + ")",
    pa.DataFrameSchema({
        "indicator_id": _str(), "nis_code": _str(checks=pa.Check.str_matches(NIS)),
        "year": pa.Column(int, pa.Check.in_range(1990, 2100)),
        "value": pa.Column(float, nullable=True),
        "numerator": pa.Column(float, nullable=True, checks=pa.Check.ge(0)),
        "denominator": pa.Column(float, nullable=True, checks=pa.Check.ge(0)),
        "flag": _str(checks=pa.Check.isin(FLAGS)),
        "source_id": _str(),
        "note": pa.Column(object, nullable=True, checks=pa.Check(
            is_note, element_wise=True, error="note: a known method, NIS codes in parts and missing, a known detail")),
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
        rows_loaded BIGINT NOT NULL, dataset VARCHAR NOT NULL, bytes BIGINT, fetched_how VARCHAR,
        publisher_en VARCHAR, licence_en VARCHAR)""",
    pa.DataFrameSchema({
        "source_id": _str(unique=True), "url": _str(), "publisher": _str(), "licence": _str(),
        "sha256": _str(checks=pa.Check.str_matches(r"^[0-9a-f]{64}$")), "retrieved_at": _str(),
        "rows_loaded": pa.Column(int, pa.Check.ge(0)), "dataset": _str(),
        "bytes": pa.Column(int, nullable=True), "fetched_how": _str(nullable=True),
        # The publisher and licence in English (catalog.toml's publisher_en, licence_en); NULL where
        # nobody wrote them (an analyst's import), and then pages show the Dutch ones.
        "publisher_en": _str(nullable=True, required=False), "licence_en": _str(nullable=True, required=False),
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

# Bounding box of every feature of every GeoJSON layer (of the simplified geometry the layer holds),
# so the dashboard zooms to a municipality or province without reading the geometry.
table("geo_bbox", """
    CREATE TABLE geo_bbox (
        layer_id VARCHAR NOT NULL, code VARCHAR NOT NULL, min_lon DOUBLE NOT NULL, min_lat DOUBLE NOT NULL,
        max_lon DOUBLE NOT NULL, max_lat DOUBLE NOT NULL)""",
    pa.DataFrameSchema({
        "layer_id": _str(), "code": _str(checks=pa.Check.str_matches(NIS)),
        # Flanders and Brussels lie within 2.5-6.0 degrees east, 50.6-51.6 north.
        "min_lon": pa.Column(float, pa.Check.in_range(2.0, 7.0)), "max_lon": pa.Column(float, pa.Check.in_range(2.0, 7.0)),
        "min_lat": pa.Column(float, pa.Check.in_range(49.0, 52.0)), "max_lat": pa.Column(float, pa.Check.in_range(49.0, 52.0)),
    }, unique=["layer_id", "code"], strict=True, checks=[
        pa.Check(lambda d: (d["min_lon"] <= d["max_lon"]) & (d["min_lat"] <= d["max_lat"]),
                 error="min_lon <= max_lon and min_lat <= max_lat"),
    ]))

table("indicator_import", """
    CREATE TABLE indicator_import (
        indicator_id VARCHAR NOT NULL, file_name VARCHAR NOT NULL, sha256 VARCHAR NOT NULL,
        imported_at VARCHAR NOT NULL, imported_by VARCHAR NOT NULL, rows_loaded BIGINT NOT NULL)""",
    pa.DataFrameSchema({
        "indicator_id": _str(unique=True), "file_name": _str(), "sha256": _str(),
        "imported_at": _str(), "imported_by": _str(), "rows_loaded": pa.Column(int, pa.Check.ge(0)),
    }, strict=True))


# The Gemeente-Stadsmonitor catalogue (etl/sources/gsm_catalogue.py): one row per GSM indicator with
# the catalogue's own metadata, and our direction, kind and scale with the reason for the codes
# declared in etl/sources/gsm_indicators.toml (NULL for the others).
GSM_CODE = r"^[A-Z]{2}(_S)?_\d{2}(_\d)?$"

table("gsm_indicator", """
    CREATE TABLE gsm_indicator (
        code VARCHAR NOT NULL, theme VARCHAR NOT NULL, type VARCHAR NOT NULL, title VARCHAR NOT NULL,
        definition VARCHAR NOT NULL, unit VARCHAR, ratio VARCHAR, numerator VARCHAR, denominator VARCHAR,
        publisher VARCHAR, latest_year INTEGER, next_update VARCHAR, download_url VARCHAR NOT NULL,
        survey_question VARCHAR, source_id VARCHAR NOT NULL,
        direction VARCHAR, kind VARCHAR, scale DOUBLE, declaration_reason VARCHAR)""",
    pa.DataFrameSchema({
        "code": _str(checks=pa.Check.str_matches(GSM_CODE), unique=True),
        "theme": _str(), "type": _str(), "title": _str(), "definition": _str(),
        "unit": _str(nullable=True), "ratio": _str(nullable=True), "numerator": _str(nullable=True),
        "denominator": _str(nullable=True), "publisher": _str(nullable=True),
        "latest_year": pa.Column("Int64", pa.Check.in_range(1990, 2100), nullable=True, coerce=True),
        "next_update": _str(nullable=True),
        "download_url": _str(checks=pa.Check.str_matches(r"^https://\S+/GSM_Extract_[A-Z0-9_]+\.xlsx$")),
        "survey_question": _str(nullable=True), "source_id": _str(),
        "direction": _str(nullable=True, checks=pa.Check.isin(DIRECTIONS)),
        "kind": _str(nullable=True, checks=pa.Check.isin(KINDS)),
        "scale": pa.Column(float, nullable=True, checks=pa.Check.gt(0)),
        "declaration_reason": _str(nullable=True),
    }, strict=True, checks=[
        # A declared code has all four of direction, kind, scale and reason; an undeclared one none.
        pa.Check(lambda d: d[["direction", "kind", "scale", "declaration_reason"]].isna().nunique(axis=1) == 1,
                 error="direction, kind, scale and declaration_reason are all set or all empty"),
    ]))


# Optional official sources (etl/sources/official.py, [[official]] in catalog.toml): one row per
# source per build, loaded or why not, and the command that loads it.
OFFICIAL_STATUSES = ("loaded", "not reachable", "format not recognised", "failed check")

table("official_source", """
    CREATE TABLE official_source (
        source_id VARCHAR NOT NULL, dataset VARCHAR NOT NULL, url VARCHAR NOT NULL, publisher VARCHAR NOT NULL,
        licence VARCHAR NOT NULL, format VARCHAR NOT NULL, gsm_code VARCHAR, status VARCHAR NOT NULL,
        reason VARCHAR, headers_found VARCHAR, rows_loaded BIGINT NOT NULL, first_year INTEGER,
        last_year INTEGER, retrieved_at VARCHAR, sha256 VARCHAR, load_command VARCHAR NOT NULL)""",
    pa.DataFrameSchema({
        "source_id": _str(unique=True), "dataset": _str(), "url": _str(), "publisher": _str(), "licence": _str(),
        "format": _str(), "gsm_code": _str(nullable=True, checks=pa.Check.str_matches(GSM_CODE)),
        "status": _str(checks=pa.Check.isin(OFFICIAL_STATUSES)), "reason": _str(nullable=True),
        "headers_found": _str(nullable=True), "rows_loaded": pa.Column(int, pa.Check.ge(0)),
        "first_year": pa.Column("Int64", pa.Check.in_range(1990, 2100), nullable=True, coerce=True),
        "last_year": pa.Column("Int64", pa.Check.in_range(1990, 2100), nullable=True, coerce=True),
        "retrieved_at": _str(nullable=True), "sha256": _str(nullable=True, checks=pa.Check.str_matches(r"^[0-9a-f]{64}$")),
        "load_command": _str(),
    }, strict=True, checks=[
        # Loaded exactly when it has rows; a source that is not loaded says why.
        pa.Check(lambda d: (d["status"] == "loaded") == (d["rows_loaded"] > 0), error="loaded if and only if rows_loaded > 0"),
        pa.Check(lambda d: (d["status"] == "loaded") | d["reason"].notna(), error="a source not loaded has a reason"),
    ]))


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

# ---- policy registers (data/registers/*.csv, curated by hand; every column in data/registers/README.md)
# One declaration per file: its table, key and typed columns, used to check the files
# (etl/registers/contracts.py: text formats, references between files, messages with file, line and
# column), to load them (etl/sources/registers.py) and, below, to guard the loaded tables like every
# other table. Dates are as precise as the sources (2015, 2022-09 or 2023-10-08), which no DATE can
# hold: such a column keeps the text and gets `<column>_from` and `<column>_to`, the first and the last
# day it can mean (period_end 2019: 2019-01-01 and 2019-12-31).
SCOPES = ("municipality", "part_of_municipality", "several_municipalities", "province")
UNITS = ("euro", "count", "date", "years", "text")
QUALIFIERS = ("per_year", "total", "year", "increase")
SECTORS = ("school", "clb", "huis_van_het_kind", "local_government", "caw_welfare",
           "poverty_association", "youth_leisure", "higher_education_research", "health", "other")
ROLES = ("lead", "core", "partner", "budget_holder")
PROVINCES_LISTED = ("Antwerpen", "Brussel", "Limburg", "Oost-Vlaanderen", "Vlaams-Brabant",
                    "West-Vlaanderen")
PARTIAL_ISO_DATE = r"^\d{4}(-\d{2}(-\d{2})?)?$"
SOURCE_DOC = r"^[a-z]+:[\w.-]+$"
PARTIAL_DATE = "PARTIAL_DATE"  # a column type of the declarations: VARCHAR plus the DATEs _from and _to


@dataclass(frozen=True)
class RegisterFile:
    file: str  # data/registers/<file>.csv
    table: str
    key: tuple[str, ...]  # unique together (empty: no key)
    types: dict[str, str]  # the file's columns in order -> SQL type or PARTIAL_DATE

    def date_bounds(self, column: str) -> tuple[str, str]:
        return f"{column}_from", f"{column}_to"


REGISTERS: dict[str, RegisterFile] = {}  # by file name, in load order


def _register(file: str, table_name: str, key: list[str], columns: dict[str, tuple[str, pa.Column]]) -> None:
    """Declare a register file and its table (DDL and contract)."""
    register = RegisterFile(file, table_name, tuple(key), {name: sql for name, (sql, _) in columns.items()})
    ddl, schema, dates = [], {}, []
    for name, (sql, column) in columns.items():
        not_null = "" if column.nullable else " NOT NULL"
        schema[name] = column
        if sql == PARTIAL_DATE:
            ddl.append(f'"{name}" VARCHAR{not_null}')
            dates.append(register.date_bounds(name))
            for bound in register.date_bounds(name):
                ddl.append(f'"{bound}" DATE{not_null}')
                schema[bound] = pa.Column("datetime64[us]", nullable=column.nullable)
        else:
            ddl.append(f'"{name}" {sql}{not_null}')
    checks = [pa.Check(lambda d, first=first, last=last: ~(d[first] > d[last]), error=f"{first} <= {last}")
              for first, last in dates]
    table(table_name, f'CREATE TABLE "{table_name}" ({", ".join(ddl)})',
          pa.DataFrameSchema(schema, unique=list(key) or None, strict=True, checks=checks))
    REGISTERS[file] = register


def _text(nullable: bool = False, **kw) -> tuple[str, pa.Column]:
    return "VARCHAR", _str(nullable=nullable, **kw)


def _partial_date() -> tuple[str, pa.Column]:
    return PARTIAL_DATE, _str(nullable=True, checks=pa.Check.str_matches(PARTIAL_ISO_DATE))


_SOURCE_COLUMNS = {"source_doc": _text(checks=pa.Check.str_matches(SOURCE_DOC)), "source_ref": _text()}

_register("source", "register_source", ["source_id"], {
    "source_id": _text(checks=pa.Check.str_matches(SOURCE_DOC)), "title": _text(), "publisher": _text(),
    "publisher_en": _text(), "date": _partial_date(), "url": _text(nullable=True), "seed_file": _text(nullable=True),
    "notes": _text(nullable=True)})
_register("programme", "programme", ["programme_id"], {
    "programme_id": _text(), "name_nl": _text(), "name_en": _text(), "owner": _text(), "owner_en": _text(),
    "period_start": _partial_date(), "period_end": _partial_date(), "description_nl": _text(),
    "description_en": _text(), **_SOURCE_COLUMNS})
_register("programme_fact", "programme_fact", ["programme_id", "fact", "year", "nis_code", "source_doc"], {
    # value: a number, an ISO date or text, as `unit` says; only its unit tells, so it stays text.
    # value_en and note_en: our English words for a text value and the note (empty where there is none).
    "programme_id": _text(), "fact": _text(), "value": _text(), "value_en": _text(nullable=True),
    "unit": _text(checks=pa.Check.isin(UNITS)),
    "year": ("INTEGER", _year(nullable=True)), "nis_code": _text(nullable=True, checks=pa.Check.str_matches(NIS)),
    "area_label": _text(nullable=True), "note": _text(nullable=True), "note_en": _text(nullable=True),
    **_SOURCE_COLUMNS})
_register("theme", "theme", ["code"], {
    "code": _text(), "label_nl": _text(), "label_en": _text(), "label_in_guide": _text(), **_SOURCE_COLUMNS})
_register("partner_sector", "partner_sector", ["code"], {
    "code": _text(checks=pa.Check.isin(SECTORS)), "label_nl": _text(), "label_en": _text()})
_register("project", "project", ["project_id"], {
    "project_id": _text(), "programme_id": _text(), "name": _text(), "place_listed": _text(),
    "province_listed": _text(checks=pa.Check.isin(PROVINCES_LISTED)), "themes": _text(),
    "website": _text(nullable=True), "products": _text(nullable=True), "lead_org": _text(nullable=True),
    # notes_en: our English words for the same remarks (empty where there are none).
    "notes": _text(nullable=True), "notes_en": _text(nullable=True), **_SOURCE_COLUMNS})
_register("project_location", "project_location", ["project_id", "nis_code"], {
    "project_id": _text(), "nis_code": _text(checks=pa.Check.str_matches(NIS)),
    "scope": _text(checks=pa.Check.isin(SCOPES)), "area_label": _text(nullable=True),
    "notes": _text(nullable=True), "notes_en": _text(nullable=True), **_SOURCE_COLUMNS})
_register("partner", "partner", ["partner_id"], {
    "partner_id": _text(), "name": _text(unique=True), "sector": _text(checks=pa.Check.isin(SECTORS)),
    "notes": _text(nullable=True)})
_register("project_partner", "project_partner", ["project_id", "partner_id"], {
    "project_id": _text(), "partner_id": _text(), "role": _text(nullable=True, checks=pa.Check.isin(ROLES)),
    "name_as_listed": _text(nullable=True), **_SOURCE_COLUMNS})
_register("policy_action", "policy_action", ["action_id"], {
    "action_id": _text(), "right_code": _text(), "right_label": _text(), "minister_code": _text(),
    "minister_name": _text(), "minister_name_legend": _text(), "cabinet": _text(nullable=True),
    "title": _text(), "administration": _text(nullable=True), "budget_text": _text(nullable=True),
    "evaluation_text": _text(nullable=True), "milestones": _text(), **_SOURCE_COLUMNS})
_register("policy_action_budget", "policy_action_budget", [], {
    # No key: one row per amount stated in an action's budget text; nothing else tells two rows apart.
    "action_id": _text(), "amount_eur": ("DOUBLE", pa.Column(float, pa.Check.ge(0))),
    "qualifier": _text(checks=pa.Check.isin(QUALIFIERS)), "year": ("INTEGER", _year(nullable=True)),
    "per_unit": ("BOOLEAN", pa.Column(bool)), "text_fragment": _text(), **_SOURCE_COLUMNS})

REGISTER_TABLES = frozenset(r.table for r in REGISTERS.values())


# ---- views: the joins every page repeats (docs/warehouse.md). Their SQL is ours, with no user input.
VIEWS: dict[str, str] = {
    # Values of the 2025 municipalities with their names, province and region.
    "municipal_value": """
        CREATE VIEW municipal_value AS
        SELECT v.indicator_id, v.nis_code, v.year, v.value, v.numerator, v.denominator, v.flag, v.source_id,
               v.note, m.name_nl, m.name_fr, m.province_nis, m.province_name, m.region, m.region_nis
        FROM indicator_value v
        JOIN municipality m ON m.nis_code = v.nis_code AND m.vintage = 2025""",
    # Per indicator and year: the 2025 municipalities with a row, with a value, and per flag.
    "indicator_year": """
        CREATE VIEW indicator_year AS
        SELECT indicator_id, year, count(*) AS municipalities,
               count(value) AS municipalities_with_value,
               """ + ", ".join(f"count(*) FILTER (WHERE flag = '{flag}') AS n_{flag}" for flag in FLAGS) + """
        FROM municipal_value
        GROUP BY indicator_id, year""",
    # The latest successful build (none while the first build is still being checked).
    "latest_build": """
        CREATE VIEW latest_build AS
        SELECT * FROM build WHERE status = 'success'
        ORDER BY finished_at DESC, build_id DESC LIMIT 1""",
}


def create_all(con) -> None:
    """The tables every build starts with, and the views over them. The register tables are created
    when the registers are loaded (etl/sources/registers.py), so a warehouse without registers (an
    older build, the dashboard's synthetic test warehouse) has none rather than empty ones."""
    for name, (ddl, _) in TABLES.items():
        if name not in REGISTER_TABLES:
            con.execute(ddl)
    for ddl in VIEWS.values():
        con.execute(ddl)
