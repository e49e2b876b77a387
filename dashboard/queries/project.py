"""The reads behind the project page (`/project?id=`), the reporting tracker (`/rapportering`) and the
upload page (`/upload`): SQL only, parameterised.

Every read takes a `db.Reader` (one build for the whole page); the page functions are cached per
build with `db.per_build_live` (a new warehouse file, e.g. after `python -m etl load-report`, gives a new
key). Rows come back as the warehouse holds them: ordering by period, progress of outcomes and the
tracker's statuses are computed in dashboard/monitoring.py.
"""
from __future__ import annotations

from dashboard import db
from dashboard.db import Reader, records
from dashboard.queries import CURRENT_VINTAGE
from dashboard.queries.portfolio import PROVINCE_ORDER
from dashboard.queries.status import latest_build
from etl.reports.periods import Runtime, derive_runtimes

MUNICIPALITY_LAYER = "municipalities_2025"
PROVINCE_LAYER = "provinces_2025"
BRUSSELS = "04000"
REGISTER_SOURCE = "register-project"  # the `source` row of data/registers/project.csv (its licence)
LIST_SEPARATOR = "\x1f"  # ASCII unit separator


# ============================================================================ project page

def project(r: Reader, project_id: str) -> dict | None:
    rows = records(r.query(
        "SELECT p.project_id, p.programme_id, p.name, p.place_listed, p.province_listed, p.themes, p.website, "
        "p.products, p.lead_org, p.notes, p.notes_en, p.source_doc, p.source_ref, g.name_nl AS programme_nl, "
        "g.name_en AS programme_en FROM project p LEFT JOIN programme g USING (programme_id) "
        "WHERE p.project_id = ?", [project_id]))
    return rows[0] if rows else None


def themes(r: Reader) -> dict[str, dict]:
    """{code: {code, label_nl, label_en}} of the theme vocabulary."""
    return {row["code"]: row for row in records(r.query("SELECT code, label_nl, label_en FROM theme"))}


def sectors(r: Reader) -> dict[str, dict]:
    """{code: {code, label_nl, label_en}} of the partner sectors, in code order."""
    return {row["code"]: row
            for row in records(r.query("SELECT code, label_nl, label_en FROM partner_sector ORDER BY code"))}


def places(r: Reader, project_id: str) -> list[dict]:
    """The project's places: 2025 municipalities (with province) or a whole province / Brussels."""
    return records(r.query(
        "SELECT l.nis_code, l.scope, l.area_label, l.notes, l.notes_en, m.name_nl AS municipality, "
        "coalesce(m.province_nis, l.nis_code) AS province_nis, a.name_nl AS area_nl, a.name_en AS area_en, "
        "pa.name_nl AS province_nl, pa.name_en AS province_en "
        "FROM project_location l "
        "LEFT JOIN municipality m ON m.nis_code = l.nis_code AND m.vintage = ? "
        "LEFT JOIN area a ON a.nis_code = l.nis_code "
        "LEFT JOIN area pa ON pa.nis_code = coalesce(m.province_nis, l.nis_code) "
        "WHERE l.project_id = ? ORDER BY l.scope = 'province', m.name_nl, l.area_label",
        [CURRENT_VINTAGE, project_id]))


def partners(r: Reader, project_id: str) -> list[dict]:
    """The project's partners, each with the other projects that list the same organisation."""
    own = records(r.query(
        "SELECT pp.partner_id, pa.name, pa.sector, pp.role, pp.name_as_listed FROM project_partner pp "
        "JOIN partner pa USING (partner_id) WHERE pp.project_id = ? "
        "ORDER BY pp.role <> 'lead', pa.name", [project_id]))
    shared = records(r.query(
        "SELECT o.partner_id, o.project_id, p.name FROM project_partner o JOIN project p USING (project_id) "
        "WHERE o.project_id <> ? AND o.partner_id IN (SELECT partner_id FROM project_partner WHERE project_id = ?) "
        "ORDER BY p.name", [project_id, project_id]))
    others: dict[str, list[dict]] = {}
    for row in shared:
        others.setdefault(row["partner_id"], []).append({"project_id": row["project_id"], "name": row["name"]})
    for row in own:
        row["others"] = others.get(row["partner_id"], [])
    return own


def budget(r: Reader, project_id: str) -> list[dict]:
    return records(r.query(
        "SELECT year, granted, paid, spent, cofinancing, investment, report_id FROM project_budget "
        "WHERE project_id = ? ORDER BY year", [project_id]))


def reach(r: Reader, project_id: str) -> list[dict]:
    return records(r.query(
        "SELECT period, measure, value, report_id FROM project_reach WHERE project_id = ?", [project_id]))


def outcomes(r: Reader, project_id: str) -> list[dict]:
    return records(r.query(
        "SELECT indicator, unit, baseline, baseline_year, target, target_year, period, actual, report_id "
        "FROM project_outcome WHERE project_id = ?", [project_id]))


def reports(r: Reader, project_id: str) -> list[dict]:
    """Every loaded workbook of the project, latest load first."""
    return records(r.query(
        "SELECT report_id, sha256, file_name, loaded_by, loaded_at, status, period FROM report "
        "WHERE project_id = ? ORDER BY loaded_at DESC, report_id DESC", [project_id]))


def geo_layers(r: Reader) -> dict[str, dict]:
    return {row["layer_id"]: row for row in records(r.query(
        "SELECT layer_id, file_name, sha256 FROM geo_layer WHERE layer_id IN (?, ?)",
        [MUNICIPALITY_LAYER, PROVINCE_LAYER]))}


def provenance(r: Reader) -> dict:
    """What every export names as its source: the latest successful build and the registers' licence
    (in Dutch and English: `licence`, `licence_en`)."""
    build = latest_build(r) or {}
    licence = r.query("SELECT licence, licence_en FROM source WHERE source_id = ?", [REGISTER_SOURCE])
    first = (records(licence) or [{}])[0]
    return {"build_id": build.get("build_id"), "licence": first.get("licence"), "licence_en": first.get("licence_en")}


def _page(r: Reader, project_id: str) -> dict | None:
    found = project(r, project_id)
    if found is None:
        return None
    return {
        "project": found, "places": places(r, project_id), "partners": partners(r, project_id),
        "budget": budget(r, project_id), "reach": reach(r, project_id), "outcomes": outcomes(r, project_id),
        "reports": reports(r, project_id), "themes": themes(r), "sectors": sectors(r), "layers": geo_layers(r),
        "provenance": provenance(r),
    }


def page_data(project_id: str | None) -> dict | None:
    """Everything the project page shows, from one build (cached per build); None for an unknown
    project. Raises db.WarehouseError without a readable warehouse."""
    if not project_id:
        return None
    return db.per_build_live(_page, project_id)  # attaches the warehouse only when not cached yet


# ========================================================================= reporting tracker

def tracker_projects(r: Reader) -> list[dict]:
    """Every project with its programme and its provinces (2025; Brussels counts as one)."""
    base = records(r.query(
        "SELECT p.project_id, p.name, p.programme_id, g.name_nl AS programme_nl, g.name_en AS programme_en "
        "FROM project p LEFT JOIN programme g USING (programme_id) ORDER BY p.project_id"))
    located = records(r.query(
        "SELECT DISTINCT l.project_id, coalesce(m.province_nis, l.nis_code) AS province_nis "
        "FROM project_location l LEFT JOIN municipality m ON m.nis_code = l.nis_code AND m.vintage = ?",
        [CURRENT_VINTAGE]))
    provinces: dict[str, set] = {}
    for row in located:
        provinces.setdefault(row["project_id"], set()).add(row["province_nis"])
    order = {code: i for i, code in enumerate(PROVINCE_ORDER)}
    for p in base:
        p["province_codes"] = sorted(provinces.get(p["project_id"], set()), key=lambda c: (order.get(c, 99), c))
    return base


def province_names(r: Reader) -> list[dict]:
    rows = records(r.query("SELECT nis_code, name_nl, name_en FROM area WHERE level = 'province' OR nis_code = ?",
                           [BRUSSELS]))
    order = {code: i for i, code in enumerate(PROVINCE_ORDER)}
    return sorted(rows, key=lambda x: order.get(x["nis_code"], 99))


def programmes(r: Reader) -> list[dict]:
    return records(r.query("SELECT programme_id, name_nl, name_en FROM programme "
                           "WHERE programme_id IN (SELECT programme_id FROM project) ORDER BY name_nl"))


def runtimes(r: Reader) -> dict[str, Runtime]:
    """The runtime rule of etl.reports.periods, applied to this build's registers."""
    return derive_runtimes(r.query("SELECT project_id, programme_id FROM project"),
                           r.query("SELECT programme_id, period_start FROM programme"),
                           r.query("SELECT programme_id, fact, value, year FROM programme_fact"))


def current_reports(r: Reader) -> list[dict]:
    """Current reports with what their workbook contained: budget years, reach measures and periods,
    outcome indicators. A current report's figures may since have moved to history (replaced by a
    report of a later period), so history rows of the same report count as well."""
    rows = records(r.query("""
        WITH figures AS (
            SELECT report_id, 'budget' AS kind, CAST(year AS VARCHAR) AS item FROM project_budget
            UNION ALL SELECT report_id, 'budget', CAST(year AS VARCHAR) FROM project_budget_history
            UNION ALL SELECT report_id, 'reach', measure FROM project_reach
            UNION ALL SELECT report_id, 'reach', measure FROM project_reach_history
            UNION ALL SELECT report_id, 'reach_period', period FROM project_reach
            UNION ALL SELECT report_id, 'reach_period', period FROM project_reach_history
            UNION ALL SELECT report_id, 'outcome', indicator FROM project_outcome
            UNION ALL SELECT report_id, 'outcome', indicator FROM project_outcome_history
        )
        SELECT r.report_id, r.project_id, r.period, r.loaded_at, r.loaded_by, r.file_name, r.sha256,
               string_agg(DISTINCT f.item, ? ORDER BY f.item) FILTER (WHERE f.kind = 'budget') AS budget_years,
               string_agg(DISTINCT f.item, ? ORDER BY f.item) FILTER (WHERE f.kind = 'reach') AS reach_measures,
               string_agg(DISTINCT f.item, ? ORDER BY f.item) FILTER (WHERE f.kind = 'reach_period') AS reach_periods,
               string_agg(DISTINCT f.item, ? ORDER BY f.item) FILTER (WHERE f.kind = 'outcome') AS outcome_indicators
        FROM report r LEFT JOIN figures f USING (report_id)
        WHERE r.status = 'current'
        GROUP BY ALL
        ORDER BY r.project_id, r.period""", [LIST_SEPARATOR] * 4))
    for row in rows:  # joined with a control character no workbook cell can hold, split again here
        for key in ("budget_years", "reach_measures", "reach_periods", "outcome_indicators"):
            row[key] = row[key].split(LIST_SEPARATOR) if row.get(key) else []
    return rows


def _tracker(r: Reader) -> dict:
    return {"projects": tracker_projects(r), "provinces": province_names(r), "programmes": programmes(r),
            "runtimes": runtimes(r), "reports": current_reports(r), "provenance": provenance(r)}


def tracker_data() -> dict:
    """The warehouse part of the tracker, from one build (cached per build); raises db.WarehouseError."""
    return db.per_build_live(_tracker)  # attaches the warehouse only when not cached yet


# ================================================================================== upload

def project_names(r: Reader) -> dict[str, str]:
    """{project id: name} of every project in the registers."""
    return {str(row["project_id"]): row["name"] for row in records(r.query("SELECT project_id, name FROM project"))}
