"""The reads behind need against interventions (`/behoefte`).

SQL only, parameterised. Everything is cached per warehouse build (`db.per_build_live`: keyed by
the file and its data version, like the other pages' `db.per_build`), and a cache hit opens no
connection at all, so the page's callbacks stay within a few milliseconds; a new build (a new
data version) simply misses the cache.
"""
from __future__ import annotations

import pandas as pd

from dashboard import db
from dashboard.db import Reader
from dashboard.queries import CURRENT_VINTAGE
from dashboard.queries import map as qm
from dashboard.queries.status import latest_build

PROVINCE_ORDER = ["10000", "20001", "30000", "40000", "70000", "04000"]
BRUSSELS = "04000"
AT_RISK_INDICATOR = "arop_admin"          # numerator = persons below the at-risk-of-poverty threshold
POPULATION_INDICATOR = "population_total"
CHILDREN_INDICATOR = "children_0_17"
# Where the per-inhabitant and per-child denominators may come from, as (indicator, column): the
# Statbel counts first (the pinned 2009-2015 files, and every year since 2016 once the population
# by age is loaded), then the counts behind the Gemeente-Stadsmonitor share of children 0-17
# (DE_04: numerator = children 0-17, denominator = all residents). The page takes the one whose
# year is nearest the year of the need, and says which (view._count_values).
GSM_CHILDREN_SHARE = "gsm_de_04"
POPULATION_SOURCES = ((POPULATION_INDICATOR, "value"), (GSM_CHILDREN_SHARE, "denominator"))
CHILDREN_SOURCES = ((CHILDREN_INDICATOR, "value"), (GSM_CHILDREN_SHARE, "numerator"))
# Where the placed networks come from (the registers of data/registers/), named in every export.
NETWORK_SOURCES = ("register-project", "register-project_location")

per_build = db.per_build_live  # a cache hit opens no reader (dashboard/db.py)


def version() -> str | None:
    """The data version of the live warehouse (None when there is none): a key for derived caches."""
    return db.data_version()


# --------------------------------------------------------------------------- queries

def municipalities(r: Reader) -> pd.DataFrame:
    return r.query("""
        SELECT nis_code, name_nl, name_fr, province_nis, province_name
        FROM municipality WHERE vintage = ? ORDER BY nis_code""", [CURRENT_VINTAGE])


def provinces(r: Reader) -> pd.DataFrame:
    """The five provinces and the Brussels-Capital Region (the province level "and Brussels"),
    west to east as the dashboard lists them, Brussels last."""
    return r.query("""
        SELECT nis_code, name_nl, name_en FROM area
        WHERE level = 'province' OR nis_code = ?
        ORDER BY coalesce(list_position(?, nis_code), 99), nis_code""", [BRUSSELS, PROVINCE_ORDER])


def indicators(r: Reader) -> pd.DataFrame:
    """Every indicator (all its columns, the display metadata included when the warehouse has it)
    with its years that have values for the 2025 municipalities."""
    return r.query("""
        WITH years AS (
            SELECT indicator_id, list(year ORDER BY year) AS years
            FROM indicator_year
            WHERE municipalities_with_value > 0
            GROUP BY indicator_id
        )
        SELECT i.*, y.years
        FROM indicator i JOIN years y USING (indicator_id)
        ORDER BY i.name_nl""")


def indicator_values(r: Reader, indicator_id: str) -> pd.DataFrame:
    """All years of one indicator for the 2025 municipalities, with numerator and denominator."""
    return r.query("""
        SELECT nis_code, year, value, numerator, denominator, flag
        FROM municipal_value
        WHERE indicator_id = ?
        ORDER BY year, nis_code""", [indicator_id])


def budgets(r: Reader) -> pd.DataFrame:
    """Per network the granted euro it reported, all budget years together.
    Empty in the default build (no project has reported)."""
    if not r.has_table("project_budget"):
        return pd.DataFrame(columns=["project_id", "granted"])
    return r.query("""
        SELECT project_id, sum(granted) AS granted
        FROM project_budget WHERE granted IS NOT NULL
        GROUP BY project_id ORDER BY project_id""")


def geo_layers(r: Reader) -> dict[str, dict]:
    if not r.has_table("geo_layer"):
        return {}
    df = r.query("SELECT layer_id, file_name, sha256 FROM geo_layer")
    return {row["layer_id"]: row for row in df.to_dict("records")}


def load_base(r: Reader) -> dict:
    """What does not depend on the view, from one build."""
    inds = indicators(r)
    return {
        "municipalities": municipalities(r),
        "provinces": provinces(r),
        "indicators": inds,
        "indicator_by_id": {row["indicator_id"]: row for row in inds.to_dict("records")},
        "placements": qm.network_places(r),  # the map's networks query
        "budgets": budgets(r),
        "layers": geo_layers(r),
        "sources": qm.sources(r),  # the map's sources query: provenance of the exports
        "build": latest_build(r),
    }


# ------------------------------------------------------------------- cached entry points

def base() -> dict:
    return per_build(load_base)


def values(indicator_id: str) -> pd.DataFrame:
    return per_build(indicator_values, indicator_id)
