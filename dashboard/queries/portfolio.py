"""The reads behind the portfolio (`/portfolio`), the briefing's written-question answer and the action
plan (`/actieplan`): SQL only, parameterised.

Every read takes a `db.Reader` (one build for the whole page). The registers are small (48 projects,
201 actions), so the pages filter and search the rows of one build in Python (pages/portfolio/view.py,
dashboard/action_plan.py), never by formatting values into SQL.
"""
from __future__ import annotations

from dashboard import db
from dashboard.db import Reader, records
from dashboard.queries import CURRENT_VINTAGE

PROVINCE_ORDER = ("10000", "20001", "30000", "40000", "70000", "04000")

per_build = db.per_build  # once per build, shared by every page (dashboard/db.py)


# ------------------------------------------------------------------------------- portfolio

def programmes(r: Reader) -> list[dict]:
    return records(r.query(
        "SELECT programme_id, name_nl, name_en, owner, owner_en, period_start, period_end, description_nl, description_en, "
        "source_doc, source_ref FROM programme ORDER BY programme_id = 'vapa_2015_2019', programme_id"))


def programme_facts(r: Reader) -> list[dict]:
    """The facts of every programme as each source states them (`area_label_en`: the English name of
    the area a fact is about, next to the source's own `area_label`)."""
    return records(r.query(
        "SELECT f.programme_id, f.fact, f.value, f.value_en, f.unit, f.year, f.nis_code, f.area_label, f.note, f.note_en, "
        "f.source_doc, f.source_ref, s.title AS source_title, s.publisher AS source_publisher, "
        "s.date AS source_date, a.name_en AS area_label_en "
        "FROM programme_fact f LEFT JOIN register_source s ON s.source_id = f.source_doc "
        "LEFT JOIN area a ON a.nis_code = f.nis_code"))


def vocabularies(r: Reader) -> dict:
    """Themes, partner sectors and the provinces (with Brussels last, in the order of the guide)."""
    themes = records(r.query("SELECT code, label_nl, label_en FROM theme ORDER BY label_nl"))
    sectors = records(r.query("SELECT code, label_nl, label_en FROM partner_sector"))
    provinces = records(r.query(
        "SELECT nis_code, name_nl, name_en FROM area WHERE level = 'province' OR nis_code = '04000' "
        "ORDER BY coalesce(list_position(?, nis_code), 99), nis_code", [list(PROVINCE_ORDER)]))
    return {"themes": themes, "sectors": sectors, "provinces": provinces}


def projects(r: Reader) -> list[dict]:
    """One row per project with its places (2025), partners, and the codes it is filtered by:
    `theme_codes`, `province_codes`, `municipality_codes` (places that are not a whole province)
    and `sector_codes`."""
    base = records(r.query(
        "SELECT p.project_id, p.programme_id, p.name, p.place_listed, p.province_listed, p.themes, "
        "p.website, p.lead_org, p.source_doc, p.source_ref, g.name_nl AS programme_name_nl, "
        "g.name_en AS programme_name_en FROM project p LEFT JOIN programme g USING (programme_id) "
        "ORDER BY p.project_id"))
    places = records(r.query(
        "SELECT l.project_id, l.nis_code, l.scope, l.area_label, "
        "coalesce(m.name_nl, a.name_nl) AS place_name, a.name_en AS area_name_en, "
        "coalesce(m.province_nis, l.nis_code) AS province_nis "
        "FROM project_location l "
        "LEFT JOIN municipality m ON m.nis_code = l.nis_code AND m.vintage = ? "
        "LEFT JOIN area a ON a.nis_code = l.nis_code "
        "ORDER BY l.project_id, place_name", [CURRENT_VINTAGE]))
    partners = records(r.query(
        "SELECT pp.project_id, pp.role, pa.name, pa.sector FROM project_partner pp "
        "JOIN partner pa USING (partner_id) ORDER BY pp.project_id, pa.name"))
    by_project = {p["project_id"]: {**p, "places": [], "partners": []} for p in base}
    for pl in places:
        if pl["project_id"] in by_project:
            by_project[pl["project_id"]]["places"].append(pl)
    for pa in partners:
        if pa["project_id"] in by_project:
            by_project[pa["project_id"]]["partners"].append(pa)
    out = []
    for p in by_project.values():
        p["theme_codes"] = [c for c in (p.get("themes") or "").split(";") if c]
        p["province_codes"] = sorted({pl["province_nis"] for pl in p["places"] if pl["province_nis"]})
        p["municipality_codes"] = sorted({pl["nis_code"] for pl in p["places"] if pl["scope"] != "province"})
        p["sector_codes"] = sorted({pa["sector"] for pa in p["partners"] if pa["sector"]})
        out.append(p)
    return out


def wq28_summary(r: Reader) -> list[dict]:
    return records(r.query("SELECT * FROM wq28_province_summary ORDER BY sort_key, province_name"))


def wq28_municipalities(r: Reader, province_nis: str | None) -> list[dict]:
    if province_nis:
        return records(r.query("SELECT * FROM wq28_municipality_networks WHERE province_nis = ? "
                               "ORDER BY municipality_name, project_name", [province_nis]))
    return records(r.query("SELECT * FROM wq28_municipality_networks ORDER BY province_nis, municipality_name, project_name"))


# ----------------------------------------------------------------------------- action plan

def actions(r: Reader) -> list[dict]:
    return records(r.query(
        "SELECT action_id, right_code, right_label, minister_code, minister_name, minister_name_legend, cabinet, "
        "title, administration, "
        "budget_text, evaluation_text, source_doc, source_ref FROM policy_action ORDER BY action_id"))


def action_budgets(r: Reader) -> list[dict]:
    return records(r.query(
        "SELECT action_id, amount_eur, qualifier, year, per_unit, text_fragment FROM policy_action_budget "
        "ORDER BY action_id"))
