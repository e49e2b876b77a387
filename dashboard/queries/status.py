"""The reads behind the home and status pages: one function per question, each a DataFrame.

Every function takes a `db.Reader`, so one page reads all its parts from the same build.
"""
from __future__ import annotations

import pandas as pd

from dashboard.db import Reader
from dashboard.queries import CURRENT_VINTAGE, FLAGS


def sources(r: Reader) -> pd.DataFrame:
    return r.query("""
        SELECT source_id, dataset, publisher, licence, url, sha256, retrieved_at,
               rows_loaded, bytes, fetched_how, publisher_en, licence_en
        FROM source
        ORDER BY dataset, source_id""")


def builds(r: Reader, limit: int = 20) -> pd.DataFrame:
    return r.query("""
        SELECT build_id, started_at, finished_at, status, code_version
        FROM build
        ORDER BY started_at DESC
        LIMIT ?""", [limit])


def municipality_count(r: Reader, vintage: int = CURRENT_VINTAGE) -> int:
    return int(r.scalar("SELECT count(*) FROM municipality WHERE vintage = ?", [vintage]))


def coverage(r: Reader, vintage: int = CURRENT_VINTAGE) -> pd.DataFrame:
    """One row per indicator and year (indicators without values get one row, year NULL).

    with_value: distinct municipalities of `vintage` with a non-empty value;
    n_<flag>: rows of those municipalities per flag; other_codes: rows whose code is not a
    municipality of `vintage` (provinces, regions, old codes), which do not count.
    """
    flag_counts = ",\n".join(
        f"count(*) FILTER (WHERE v.is_current AND v.flag = ?) AS n_{flag}" for flag in FLAGS)
    # Only the column aliases come from the constant FLAGS; every value is a parameter.
    sql = f"""
        WITH current_municipality AS (
            SELECT DISTINCT nis_code FROM municipality
            WHERE vintage = ? AND regexp_full_match(nis_code, '[0-9]{{5}}')
        ),
        v AS (
            SELECT iv.indicator_id, iv.year, iv.nis_code, iv.value, iv.flag,
                   cm.nis_code IS NOT NULL AS is_current
            FROM indicator_value iv
            LEFT JOIN current_municipality cm USING (nis_code)
        )
        SELECT i.indicator_id, i.name_nl, i.name_en, i.unit, i.unit_nl, i.unit_en, i.direction, i.origin, v.year,
               count(DISTINCT v.nis_code) FILTER (WHERE v.is_current AND v.value IS NOT NULL)
                   AS with_value,
               {flag_counts},
               count(v.nis_code) FILTER (WHERE NOT v.is_current) AS other_codes
        FROM indicator i
        LEFT JOIN v USING (indicator_id)
        GROUP BY ALL
        ORDER BY i.name_nl, i.indicator_id, v.year"""
    return r.query(sql, [vintage, *FLAGS])


def geo_layers(r: Reader) -> pd.DataFrame:
    return r.query("""
        SELECT layer_id, level, vintage, file_name, features, bytes, sha256
        FROM geo_layer
        ORDER BY vintage DESC, level, file_name""")


def imports(r: Reader) -> pd.DataFrame:
    return r.query("""
        SELECT ii.indicator_id, i.name_nl, i.name_en, ii.file_name, ii.sha256,
               ii.imported_at, ii.imported_by, ii.rows_loaded
        FROM indicator_import ii
        LEFT JOIN indicator i USING (indicator_id)
        ORDER BY ii.imported_at DESC, ii.indicator_id""")


def latest_build(r: Reader) -> dict | None:
    """The build of this warehouse file (view `latest_build`: the newest successful one), or None."""
    df = r.query("SELECT build_id, started_at, finished_at, status, code_version FROM latest_build")
    return None if df.empty else df.iloc[0].to_dict()


def key_facts(r: Reader, vintage: int = CURRENT_VINTAGE) -> dict:
    """The numbers on the home page."""
    counts = r.query("""
        SELECT
            (SELECT count(*) FROM source) AS sources,
            (SELECT count(*) FROM indicator WHERE origin = 'built_in') AS built_in,
            (SELECT count(*) FROM indicator WHERE origin = 'imported') AS imported,
            (SELECT count(*) FROM municipality WHERE vintage = ?) AS municipalities,
            (SELECT count(*) FROM indicator_value WHERE value IS NOT NULL) AS values_,
            (SELECT min(year) FROM indicator_value WHERE value IS NOT NULL) AS first_year,
            (SELECT max(year) FROM indicator_value WHERE value IS NOT NULL) AS last_year
        """, [vintage]).iloc[0].to_dict()
    counts["build"] = latest_build(r)
    return counts


def official_sources(r: Reader) -> pd.DataFrame:
    """Per optional official source of the build: its status, rows, years, retrieval, reason and the
    command that loads it (empty for a warehouse built before these sources existed)."""
    if not r.has_table("official_source"):
        return pd.DataFrame(columns=["source_id", "dataset", "publisher", "gsm_code", "status", "reason",
                                     "headers_found", "rows_loaded", "first_year", "last_year", "retrieved_at",
                                     "url", "load_command"])
    return r.query("""
        SELECT source_id, dataset, publisher, gsm_code, status, reason, headers_found, rows_loaded,
               first_year, last_year, retrieved_at, url, load_command
        FROM official_source
        ORDER BY status = 'loaded' DESC, dataset, source_id""")


def child_indicators(r: Reader) -> pd.DataFrame:
    """The Gemeente-Stadsmonitor indicators the monitor declares (etl/sources/gsm_indicators.toml),
    with the catalogue's definition and publisher and the status of their official source."""
    if not (r.has_table("gsm_indicator") and r.has_table("official_source")):
        return pd.DataFrame(columns=["code", "title", "definition", "publisher", "latest_year", "status",
                                     "reason", "load_command", "rows_loaded", "first_year", "last_year", "retrieved_at", "url",
                                     "imported_file", "imported_at"])
    # An extract imported by hand (`import-indicator FILE --gsm CODE`) is loaded too: its file and date.
    imported = ("i.file_name AS imported_file, i.imported_at" if r.has_table("indicator_import")
                else "NULL AS imported_file, NULL AS imported_at")
    joined = ("LEFT JOIN indicator_import i ON i.indicator_id = 'gsm_' || lower(g.code)"
              if r.has_table("indicator_import") else "")
    return r.query(f"""
        SELECT g.code, g.title, g.definition, g.publisher, g.latest_year, o.status, o.reason, o.load_command,
               o.rows_loaded, o.first_year, o.last_year, o.retrieved_at, o.url, {imported}
        FROM gsm_indicator g
        LEFT JOIN official_source o ON o.gsm_code = g.code
        {joined}
        WHERE g.kind IS NOT NULL
        ORDER BY g.code""")  # fixed SQL fragments only
