"""The reads behind the municipality profile (`/gemeente`) and the comparison page (`/vergelijk`).

Every function takes a `db.Reader` (one build for the whole page) and runs parameterised SQL only.
Values of many places come back in ONE query (`values_for_codes`, `indicator_values`, `all_values`),
never one query per municipality. What the pages make of the rows (texts, ranks, links) lives in
dashboard/profile_data.py and the page packages.
"""
from __future__ import annotations

import pandas as pd

from dashboard import db
from dashboard.db import Reader
from dashboard.queries import CURRENT_VINTAGE

REGISTER_TABLES = ("project", "project_location", "project_partner", "partner", "partner_sector",
                   "theme", "programme", "programme_fact")


per_build = db.per_build  # once per build, shared by every page (dashboard/db.py)


def municipalities(r: Reader) -> pd.DataFrame:
    """The 304 municipalities of 2025 with province and region, by name."""
    return r.query("""
        SELECT nis_code, name_nl, name_fr, province_nis, province_name, region, region_nis
        FROM municipality
        WHERE vintage = ?
        ORDER BY name_nl, nis_code""", [CURRENT_VINTAGE])


def areas(r: Reader) -> pd.DataFrame:
    return r.query("SELECT nis_code, level, name_nl, name_fr, name_en, region_nis FROM area ORDER BY nis_code")


def code_names(r: Reader) -> dict[str, str]:
    """Every municipality code of any vintage -> its Dutch name (newest vintage wins), plus areas.
    Used to turn codes in notes into names."""
    df = r.query("""
        SELECT nis_code, arg_max(name_nl, vintage) AS name_nl FROM municipality GROUP BY nis_code
        UNION ALL
        SELECT nis_code, name_nl FROM area""")
    return dict(zip(df["nis_code"], df["name_nl"]))


def indicators(r: Reader) -> pd.DataFrame:
    """Indicator rows (every column the warehouse has, so the display metadata `short_unit`,
    `unit_nl`, `unit_en`, `decimals` come along when present) with the years that have values for
    2025 municipalities."""
    return r.query("""
        WITH years AS (
            SELECT indicator_id, min(year) AS first_year, max(year) AS last_year,
                   list(DISTINCT year ORDER BY year) AS years
            FROM indicator_value
            WHERE value IS NOT NULL
              AND nis_code IN (SELECT nis_code FROM municipality WHERE vintage = ?)
            GROUP BY indicator_id
        )
        SELECT i.*, y.first_year, y.last_year, y.years
        FROM indicator i
        JOIN years y USING (indicator_id)
        ORDER BY CASE i.indicator_id
                     WHEN 'arop_admin' THEN 0 WHEN 'adi_median' THEN 1 WHEN 'adi_q1' THEN 2
                     WHEN 'adi_q3' THEN 3 WHEN 'child_share' THEN 4 WHEN 'children_0_17' THEN 5
                     WHEN 'population_total' THEN 6 WHEN 'tax_income_avg' THEN 7 ELSE 20 END,
                 i.name_nl""", [CURRENT_VINTAGE])


def values_for_codes(r: Reader, codes: list[str], indicator_ids: list[str] | None = None) -> pd.DataFrame:
    """All values of the given places (municipalities, provinces, regions), all years, in one query."""
    sql = """
        SELECT indicator_id, nis_code, year, value, numerator, denominator, flag, note
        FROM indicator_value
        WHERE nis_code IN (SELECT unnest(?::VARCHAR[]))"""
    params: list = [list(codes)]
    if indicator_ids is not None:
        sql += " AND indicator_id IN (SELECT unnest(?::VARCHAR[]))"
        params.append(list(indicator_ids))
    return r.query(sql + " ORDER BY indicator_id, nis_code, year", params)


def group_values(r: Reader, codes: list[str], indicator_ids: list[str] | None = None) -> pd.DataFrame:
    """Per indicator and year, the value of a group of municipalities (the peer group): for a rate
    the members' numerators summed over their denominators summed (x scale), never an average of
    rates; for a count or a statistic the median of the members' values. `n`: members with a value.
    One query for all indicators."""
    sql = """
        SELECT iv.indicator_id, iv.year,
               count(iv.value) AS n,
               CASE WHEN any_value(i.kind) = 'rate'
                         AND count(iv.numerator) FILTER (WHERE iv.value IS NOT NULL) = count(iv.value)
                         AND count(iv.denominator) FILTER (WHERE iv.value IS NOT NULL) = count(iv.value)
                         AND sum(iv.denominator) FILTER (WHERE iv.value IS NOT NULL) > 0
                    THEN sum(iv.numerator) FILTER (WHERE iv.value IS NOT NULL)
                         / sum(iv.denominator) FILTER (WHERE iv.value IS NOT NULL) * coalesce(any_value(i.scale), 1)
                    ELSE median(iv.value) END AS value
        FROM indicator_value iv JOIN indicator i USING (indicator_id)
        WHERE iv.nis_code IN (SELECT unnest(?::VARCHAR[]))"""
    params: list = [list(codes)]
    if indicator_ids is not None:
        sql += " AND iv.indicator_id IN (SELECT unnest(?::VARCHAR[]))"
        params.append(list(indicator_ids))
    return r.query(sql + " GROUP BY iv.indicator_id, iv.year ORDER BY iv.indicator_id, iv.year", params)


def ranks(r: Reader) -> pd.DataFrame:
    """Every 2025 municipality's rank for every indicator in that indicator's last year with values:
    among all 304 (`rank_all` of `n_all`) and within its province or Brussels (`rank_province` of
    `n_province`). Rank 1 = most need: the highest value when higher is worse, the lowest when higher
    is better; for counts the largest. Ties share the best rank. One query (cache with per_build)."""
    return r.query("""
        WITH last AS (
            SELECT indicator_id, max(year) AS year FROM indicator_year
            WHERE municipalities_with_value > 0
            GROUP BY indicator_id
        ),
        v AS (
            SELECT mv.indicator_id, mv.nis_code, mv.province_nis, mv.year,
                   CASE WHEN i.kind = 'count' OR i.direction <> 'higher_is_better' THEN -mv.value ELSE mv.value END AS need
            FROM municipal_value mv
            JOIN last USING (indicator_id, year)
            JOIN indicator i USING (indicator_id)
            WHERE mv.value IS NOT NULL
        )
        SELECT indicator_id, nis_code, year,
               rank() OVER (PARTITION BY indicator_id ORDER BY need) AS rank_all,
               count(*) OVER (PARTITION BY indicator_id) AS n_all,
               rank() OVER (PARTITION BY indicator_id, province_nis ORDER BY need) AS rank_province,
               count(*) OVER (PARTITION BY indicator_id, province_nis) AS n_province
        FROM v""")


def indicator_values(r: Reader, indicator_id: str) -> pd.DataFrame:
    """One indicator, every place and year (municipalities, provinces, regions): one query."""
    return r.query("""
        SELECT nis_code, year, value, numerator, denominator, flag, note
        FROM indicator_value
        WHERE indicator_id = ?
        ORDER BY nis_code, year""", [indicator_id])


# ----------------------------------------------------------------------------- registers

def has_registers(r: Reader) -> bool:
    found = r.query("SELECT table_name FROM duckdb_tables() WHERE database_name = current_database() "
                    "AND table_name IN (SELECT unnest(?::VARCHAR[]))", [list(REGISTER_TABLES)])
    return set(found["table_name"]) >= set(REGISTER_TABLES)


def interventions(r: Reader, nis: str, province_nis: str | None) -> dict[str, pd.DataFrame]:
    """Networks placed in the municipality, plus province-wide ones of its province (for Brussels
    municipalities the province code is 04000, so Brussels-wide networks come with it), with their
    partners and sector labels (one query); theme labels and per-province programme facts (local
    teams) come from per-build caches."""
    rows = r.query("""
        WITH here AS (
            SELECT p.project_id, p.name, p.programme_id, pr.name_nl AS programme_nl, pr.name_en AS programme_en,
                   p.themes, p.website, p.lead_org, pl.scope, pl.area_label, pl.nis_code AS location_nis,
                   pl.notes AS placement_notes
            FROM project_location pl
            JOIN project p USING (project_id)
            LEFT JOIN programme pr USING (programme_id)
            WHERE pl.nis_code = ? OR (pl.scope = 'province' AND pl.nis_code = ?)
        )
        SELECT h.*, pa.name AS partner_name, pa.sector, ps.label_nl AS sector_nl, ps.label_en AS sector_en,
               pp.role
        FROM here h
        LEFT JOIN project_partner pp ON pp.project_id = h.project_id
        LEFT JOIN partner pa ON pa.partner_id = pp.partner_id
        LEFT JOIN partner_sector ps ON ps.code = pa.sector
        ORDER BY h.scope = 'province', h.name, h.project_id, ps.label_nl, pa.name""", [nis, province_nis or ""])
    project_cols = ["project_id", "name", "programme_id", "programme_nl", "programme_en", "themes", "website",
                    "lead_org", "scope", "area_label", "location_nis", "placement_notes"]
    projects = rows[project_cols].drop_duplicates().reset_index(drop=True)
    partners = rows[rows["partner_name"].notna()][["project_id", "partner_name", "sector", "sector_nl", "sector_en", "role"]]
    partners = partners.drop_duplicates().rename(columns={"partner_name": "name"}).reset_index(drop=True)
    facts = per_build(r, _province_facts)
    return {"projects": projects, "partners": partners, "themes": per_build(r, _themes),
            "facts": facts[facts["nis_code"] == (province_nis or "")]}


def _themes(r: Reader) -> pd.DataFrame:
    return r.query("SELECT code, label_nl, label_en FROM theme")


def _province_facts(r: Reader) -> pd.DataFrame:
    return r.query("""
        SELECT f.nis_code, f.programme_id, pr.name_nl AS programme_nl, pr.name_en AS programme_en, f.fact,
               f.value, f.unit, f.year, f.area_label, f.note
        FROM programme_fact f
        LEFT JOIN programme pr USING (programme_id)
        WHERE f.fact IN ('teams_by_province') AND f.nis_code IS NOT NULL
        ORDER BY f.programme_id""")


def all_predecessors(r: Reader) -> dict[str, pd.DataFrame]:
    """`predecessors` for every 2025 municipality that changed, in one query (cache per build)."""
    df = r.query("""
        WITH c AS (
            SELECT c.from_vintage, c.from_nis, c.to_vintage, c.to_nis, c.to_nis AS key FROM municipality_crosswalk c
            WHERE c.from_vintage = 2019 AND c.to_vintage = ?
            UNION ALL
            SELECT c.from_vintage, c.from_nis, c.to_vintage, c.to_nis, c.to_nis AS key FROM municipality_crosswalk c
            WHERE c.from_vintage = 2018 AND c.to_vintage = 2019
        ), changed AS (
            SELECT key, from_vintage FROM c GROUP BY key, from_vintage
            HAVING count(*) > 1 OR bool_or(from_nis <> to_nis)
        )
        SELECT c.key, c.from_vintage, c.to_vintage, c.from_nis, m.name_nl
        FROM c JOIN changed USING (key, from_vintage)
        LEFT JOIN municipality m ON m.nis_code = c.from_nis AND m.vintage = c.from_vintage
        ORDER BY c.key, c.from_vintage DESC, m.name_nl""", [CURRENT_VINTAGE])
    return {key: g.drop(columns="key").reset_index(drop=True) for key, g in df.groupby("key", sort=False)}


# ------------------------------------------------------------------------- whole build

def all_values(r: Reader) -> pd.DataFrame:
    """Every value of the build (about 40,000 rows), for grouping once per build."""
    return r.query("""
        SELECT indicator_id, nis_code, year, value, numerator, denominator, flag, note
        FROM indicator_value
        ORDER BY indicator_id, nis_code, year""")


def successor(r: Reader, nis: str) -> pd.DataFrame:
    """The 2025 municipality an older code became (newest vintage first; at most one row):
    from_vintage, to_nis and the old name."""
    return r.query("""
        SELECT c.from_vintage, c.to_nis, m.name_nl AS old_name
        FROM municipality_crosswalk c
        LEFT JOIN municipality m ON m.nis_code = c.from_nis AND m.vintage = c.from_vintage
        WHERE c.from_nis = ? AND c.to_vintage = ?
        ORDER BY c.from_vintage DESC LIMIT 1""", [nis, CURRENT_VINTAGE])


def sources(r: Reader) -> pd.DataFrame:
    """The sources of the build: dataset, publisher, licence, URL and when it was retrieved."""
    return r.query("SELECT source_id, dataset, publisher, licence, url, retrieved_at, publisher_en, licence_en "
                   "FROM source ORDER BY source_id")


def networks_in(r: Reader, codes: list[str], province: str) -> pd.DataFrame:
    """Networks placed in any of `codes` or province-wide in `province`: one row per project.
    Only when the build has the registers (`has_registers`)."""
    return r.query("""
        SELECT p.project_id, p.name, p.themes, min(pl.scope) AS scope,
               list(DISTINCT pl.nis_code ORDER BY pl.nis_code) AS places
        FROM project_location pl JOIN project p USING (project_id)
        WHERE pl.nis_code IN (SELECT unnest(?::VARCHAR[])) OR (pl.scope = 'province' AND pl.nis_code = ?)
        GROUP BY p.project_id, p.name, p.themes
        ORDER BY p.name""", [list(codes), province])


def wq28_row(r: Reader, province: str) -> dict | None:
    """The province's row of the answer to written question 28, or None. Only with the registers."""
    df = r.query("SELECT * FROM wq28_province_summary WHERE province_nis = ?", [province])
    return None if df.empty else df.iloc[0].to_dict()
