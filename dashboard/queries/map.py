"""The reads behind the map and data pages, and small caches keyed by the warehouse's data
version (a new build invalidates them; see db.data_version). SQL is parameterised only.

The map needs, per request, one indicator's values of one year; reading them from DuckDB on
every slider step would cost more than the whole callback budget, so an indicator's values for
all years are read once per build and kept in memory (a few thousand rows).
"""
from __future__ import annotations

import pandas as pd

from dashboard import db
from dashboard.db import Reader
from dashboard.queries import CURRENT_VINTAGE

MUNICIPALITY_LAYER = "municipalities_2025"
PROVINCE_LAYER = "provinces_2025"
REGION_LAYER = "regions_2025"


# ------------------------------------------------------------------------------- queries

def indicators(r: Reader) -> pd.DataFrame:
    """Every indicator (all its columns, so the display metadata too) with its years and number of
    values for the 2025 municipalities."""
    return r.query("""
        WITH years AS (
            SELECT indicator_id, list(year ORDER BY year) AS years,
                   sum(municipalities_with_value)::BIGINT AS n_values
            FROM indicator_year
            GROUP BY indicator_id
        )
        SELECT i.*, y.years, coalesce(y.n_values, 0) AS n_values
        FROM indicator i LEFT JOIN years y USING (indicator_id)
        ORDER BY (i.kind = 'count'), i.name_nl""")


def municipalities(r: Reader) -> pd.DataFrame:
    return r.query("""
        SELECT nis_code, name_nl, name_fr, province_nis, province_name, region
        FROM municipality WHERE vintage = ?
        ORDER BY name_nl""", [CURRENT_VINTAGE])


def code_names(r: Reader) -> dict[str, str]:
    """Name per NIS code of any vintage (newest name wins), for codes quoted in notes."""
    df = r.query("""
        SELECT nis_code, arg_max(name_nl, vintage) AS name FROM municipality GROUP BY nis_code
        UNION ALL SELECT nis_code, name_nl FROM area""")
    return dict(zip(df["nis_code"], df["name"]))


def values(r: Reader, indicator_id: str) -> pd.DataFrame:
    """All years of one indicator for the 2025 municipalities."""
    return r.query("""
        SELECT nis_code, year, value, flag, note
        FROM municipal_value
        WHERE indicator_id = ?
        ORDER BY year, nis_code""", [indicator_id])


def geo_layers(r: Reader) -> dict[str, dict]:
    df = r.query("SELECT layer_id, file_name, sha256, features, bytes FROM geo_layer")
    return {row["layer_id"]: row for row in df.to_dict("records")}


def programmes(r: Reader) -> pd.DataFrame:
    """Programmes with at least one located project (empty when the registers are absent)."""
    if not (r.has_table("programme") and r.has_table("project_location")):
        return pd.DataFrame(columns=["programme_id", "name_nl", "name_en", "projects"])
    return r.query("""
        SELECT p.programme_id, p.name_nl, p.name_en, count(DISTINCT pr.project_id) AS projects
        FROM programme p
        JOIN project pr USING (programme_id)
        JOIN project_location l USING (project_id)
        GROUP BY ALL
        ORDER BY p.name_nl""")


def network_places(r: Reader) -> pd.DataFrame:
    """One row per project and place (2025 municipality or a province code), with its scope."""
    cols = ["project_id", "programme_id", "name", "nis_code", "scope", "area_label"]
    if not (r.has_table("project") and r.has_table("project_location")):
        return pd.DataFrame(columns=cols)
    return r.query("""
        SELECT pr.project_id, pr.programme_id, pr.name, l.nis_code, l.scope, l.area_label
        FROM project_location l JOIN project pr USING (project_id)
        ORDER BY pr.name, l.nis_code""")


def sources(r: Reader) -> pd.DataFrame:
    return r.query("""
        SELECT source_id, dataset, publisher, licence, url, retrieved_at, publisher_en, licence_en
        FROM source ORDER BY source_id""")


# -------------------------------------------------------------------------------- caches
# Once per build of the live warehouse (dashboard/db.py); a cache hit opens no reader.

def base() -> dict:
    """What does not depend on the indicator: municipalities, layers, networks, names."""
    return db.per_build_live(_base)


def _base(r: Reader) -> dict:
    ind = indicators(r)
    usable = ind[ind["n_values"] > 0]
    return {
        "indicators": ind,
        "indicator_by_id": {row["indicator_id"]: row for row in usable.to_dict("records")},
        "municipalities": municipalities(r),
        "layers": geo_layers(r),
        "programmes": programmes(r),
        "networks": network_places(r),
        "code_names": code_names(r),
    }


def indicator_values(indicator_id: str) -> pd.DataFrame:
    return db.per_build_live(values, indicator_id)

