"""The reads and pure logic behind the portfolio (`/portfolio`) and the action plan (`/actieplan`).

Every read takes a `db.Reader` (one build for the whole page) and runs parameterised SQL only; the
registers are small (48 projects, 201 actions), so filtering and searching happen in Python on the
rows of one build, never by formatting values into SQL.

Budget rule of the action plan (`counted_amounts`): the amounts in `policy_action_budget` overlap
(a total and its parts, Flemish and total subsidy, past spending for information), so they are never
summed blindly. Per action ONE amount counts, the larger of
  (a) the largest single amount the action states, and
  (b) the sum over the plan years 2015-2019 of the largest amount stated for each single year
      (qualifier `year`; different years cannot overlap),
leaving out unit prices (`per_unit`), amounts for a year outside 2015-2019 and the amounts of
action 08_03_03 (past spending given for information, see data/registers/README.md). A yearly
amount (`per_year`) counts once, not multiplied by five: several texts say it applies to some years
only (e.g. 06_09_03 "in 2015; vanaf 2016 via gemeentefonds"). Each counted amount is therefore at
most what the action itself states for the plan period: sums per right or minister are a LOWER
BOUND of the amounts written in the plan, not a budget.
"""
from __future__ import annotations

import re
import unicodedata

import pandas as pd

from dashboard import db
from dashboard.db import Reader

CURRENT_VINTAGE = 2025
PLAN_YEARS = range(2015, 2020)
INFORMATIONAL_ACTIONS = ("08_03_03",)  # amounts given as information on past spending (registers README)
PROVINCE_ORDER = ("10000", "20001", "30000", "40000", "70000", "04000")
NIS_PATTERN = re.compile(r"^[0-9]{5}$")
CODE_PATTERN = re.compile(r"^[a-z0-9_\-]{1,40}$")

per_build = db.per_build  # once per build, shared by every page (dashboard/db.py)


# --------------------------------------------------------------------------- query values

def one(value) -> str | None:
    """A single query value (a list: the last one), stripped; None when empty."""
    if isinstance(value, (list, tuple)):
        value = value[-1] if value else None
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def valid_code(value) -> str | None:
    text = one(value)
    return text if text and CODE_PATTERN.match(text) else None


def valid_nis(value) -> str | None:
    text = one(value)
    return text if text and NIS_PATTERN.match(text) else None


def fold(text) -> str:
    """Lower case without accents, for searching."""
    if text is None or (isinstance(text, float) and text != text):
        return ""
    text = unicodedata.normalize("NFKD", str(text)).casefold()
    return "".join(ch for ch in text if not unicodedata.combining(ch))


def records(df: pd.DataFrame) -> list[dict]:
    """DataFrame rows as JSON-safe dicts (NaN/NA -> None, numpy scalars -> Python)."""
    out = []
    for row in df.astype(object).where(df.notna(), None).to_dict("records"):
        out.append({k: (v.item() if hasattr(v, "item") else v) for k, v in row.items()})
    return out


# ------------------------------------------------------------------------------- portfolio

def programmes(r: Reader) -> list[dict]:
    return records(r.query(
        "SELECT programme_id, name_nl, name_en, owner, period_start, period_end, description_nl, "
        "source_doc, source_ref FROM programme ORDER BY programme_id = 'vapa_2015_2019', programme_id"))


def programme_facts(r: Reader) -> list[dict]:
    return records(r.query(
        "SELECT f.programme_id, f.fact, f.value, f.unit, f.year, f.nis_code, f.area_label, f.note, "
        "f.source_doc, f.source_ref, s.title AS source_title, s.publisher AS source_publisher, "
        "s.date AS source_date, a.name_en AS area_name_en "
        "FROM programme_fact f LEFT JOIN register_source s ON s.source_id = f.source_doc "
        "LEFT JOIN area a ON a.nis_code = f.nis_code"))


def sources(r: Reader) -> list[dict]:
    return records(r.query("SELECT source_id, title, publisher, date, url FROM register_source ORDER BY source_id"))


def fact_groups(facts: list[dict]) -> list[dict]:
    """Facts grouped per (programme, fact, area) in file order. A group `disagrees` when two or
    more source documents give different values for it (e.g. projects_selected 45 and 48)."""
    groups: dict[tuple, dict] = {}
    for f in facts:
        key = (f["programme_id"], f["fact"], f.get("nis_code") or "")
        g = groups.setdefault(key, {"programme_id": f["programme_id"], "fact": f["fact"],
                                    "nis_code": f.get("nis_code"), "area_label": f.get("area_label"),
                                    "area_name_en": f.get("area_name_en"), "rows": []})
        g["rows"].append(f)
    for g in groups.values():
        docs = {row["source_doc"] for row in g["rows"]}
        values = {row["value"] for row in g["rows"]}
        g["disagrees"] = len(docs) > 1 and len(values) > 1
    return list(groups.values())


def vocabularies(r: Reader) -> dict:
    themes = records(r.query("SELECT code, label_nl, label_en FROM theme ORDER BY label_nl"))
    sectors = records(r.query("SELECT code, label_nl, label_en FROM partner_sector"))
    provinces = records(r.query(
        "SELECT nis_code, name_nl, name_en FROM area WHERE level = 'province' OR nis_code = '04000'"))
    provinces.sort(key=lambda p: PROVINCE_ORDER.index(p["nis_code"]) if p["nis_code"] in PROVINCE_ORDER else 99)
    return {"themes": themes, "sectors": sectors, "provinces": provinces}


def projects(r: Reader) -> list[dict]:
    """One row per project with its places (2025), provinces, theme codes and partner sectors."""
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


def filter_projects(rows: list[dict], programme=None, province=None, theme=None, nis=None, sector=None) -> list[dict]:
    """The projects matching every filter given (None = no filter). A province-wide network counts
    for its province, not for each municipality in it."""
    out = []
    for p in rows:
        if programme and p["programme_id"] != programme:
            continue
        if province and province not in p["province_codes"]:
            continue
        if theme and theme not in p["theme_codes"]:
            continue
        if nis and nis not in p["municipality_codes"]:
            continue
        if sector and sector not in p["sector_codes"]:
            continue
        out.append(p)
    return out


def project_municipalities(rows: list[dict]) -> list[dict]:
    """The municipalities (2025) that have at least one project, for the filter."""
    seen: dict[str, dict] = {}
    for p in rows:
        for pl in p["places"]:
            if pl["scope"] != "province" and pl["nis_code"] not in seen:
                seen[pl["nis_code"]] = {"nis_code": pl["nis_code"], "name": pl["place_name"] or pl["nis_code"],
                                        "province_nis": pl["province_nis"]}
    return sorted(seen.values(), key=lambda m: fold(m["name"]))


def wq28_summary(r: Reader) -> list[dict]:
    return records(r.query("SELECT * FROM wq28_province_summary ORDER BY sort_key, province_name"))


def wq28_municipalities(r: Reader, province_nis: str | None) -> list[dict]:
    if province_nis:
        return records(r.query("SELECT * FROM wq28_municipality_networks WHERE province_nis = ? "
                               "ORDER BY municipality_name, project_name", [province_nis]))
    return records(r.query("SELECT * FROM wq28_municipality_networks ORDER BY province_nis, municipality_name, project_name"))


def latest_build(r: Reader) -> dict | None:
    rows = records(r.query("SELECT build_id, finished_at FROM build WHERE status = 'success' "
                           "ORDER BY finished_at DESC LIMIT 1"))
    return rows[0] if rows else None


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


def _is_true(value) -> bool:
    return str(value).strip().lower() in ("true", "1", "yes", "t")


def amount_excluded(row: dict) -> str | None:
    """Why an amount does not count (a reason code), or None when it may count."""
    if row["action_id"] in INFORMATIONAL_ACTIONS:
        return "informational"
    if _is_true(row.get("per_unit")):
        return "per_unit"
    if row.get("qualifier") == "increase":  # a change of some budget, not an amount of the action
        return "increase"
    if row.get("amount_eur") is None:
        return "no_amount"
    if row.get("qualifier") == "year" and (row.get("year") is None or int(row["year"]) not in PLAN_YEARS):
        return "outside_plan"
    return None


def counted_amounts(budgets: list[dict]) -> dict[str, dict]:
    """Per action with at least one amount: the counted amount and how it was chosen (rule above).

    Returns {action_id: {"amount": float | None, "basis": "largest" | "years" | "none",
    "n_amounts": int, "n_excluded": int}}; amount None when every amount it states is left out."""
    by_action: dict[str, list[dict]] = {}
    for b in budgets:
        by_action.setdefault(b["action_id"], []).append(b)
    out = {}
    for action_id, rows in by_action.items():
        usable = [b for b in rows if amount_excluded(b) is None]
        largest = max((float(b["amount_eur"]) for b in usable), default=None)
        per_year: dict[int, float] = {}
        for b in usable:
            if b["qualifier"] == "year":
                y = int(b["year"])
                per_year[y] = max(per_year.get(y, 0.0), float(b["amount_eur"]))
        years_sum = sum(per_year.values()) if len(per_year) > 1 else None
        if largest is None:
            amount, basis = None, "none"
        elif years_sum is not None and years_sum > largest:
            amount, basis = years_sum, "years"
        else:
            amount, basis = largest, "largest"
        out[action_id] = {"amount": amount, "basis": basis, "n_amounts": len(rows),
                          "n_excluded": len(rows) - len(usable)}
    return out


def search_actions(rows: list[dict], text=None, right=None, minister=None) -> list[dict]:
    """Actions whose title, administration, budget text or number contain every word of `text`
    (case and accents ignored), within the right and minister given."""
    words = fold(text).split() if text else []
    out = []
    for a in rows:
        if right and a["right_code"] != right:
            continue
        if minister and a["minister_code"] != minister:
            continue
        if words:
            hay = " ".join(fold(a.get(k)) for k in ("action_id", "title", "administration", "budget_text"))
            if not all(w in hay for w in words):
                continue
        out.append(a)
    return out


def summarise(rows: list[dict], counted: dict[str, dict], key: str, label: str) -> list[dict]:
    """Per right (key right_code) or minister (minister_code): actions, with/without a counted
    amount, and the counted sum (a lower bound, see the module docstring)."""
    groups: dict[str, dict] = {}
    for a in rows:
        g = groups.setdefault(a[key], {"code": a[key], "label": a[label], "actions": 0, "with_amount": 0,
                                       "without_amount": 0, "amount": 0.0})
        g["actions"] += 1
        c = counted.get(a["action_id"])
        if c and c["amount"] is not None:
            g["with_amount"] += 1
            g["amount"] += c["amount"]
        else:
            g["without_amount"] += 1
    return [groups[k] for k in sorted(groups)]
