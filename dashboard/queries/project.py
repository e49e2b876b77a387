"""The reads and pure logic behind the project page (`/project?id=`) and the reporting tracker
(`/rapportering`).

Every read takes a `db.Reader` (one build for the whole page) and runs parameterised SQL only; the
page functions are cached per build with `queries.portfolio.per_build` (a new warehouse file, e.g.
after `python -m etl load-report`, gives a new key). The attempts log (REPORTS_DIR/attempts.jsonl)
is not part of the warehouse and is read fresh on every call (it is small and appended between builds).

Progress of an outcome, as the warehouse contract defines it (docs/warehouse.md):
    progress = (actual - baseline) / (target - baseline)
undefined when target equals baseline (no distance to travel), or when actual, baseline or target
is missing; the reason is returned so the page can say why instead of showing a number.
"""
from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

from dashboard import db
from dashboard.db import Reader
from dashboard.queries.portfolio import CURRENT_VINTAGE, PROVINCE_ORDER, fold, per_build, records
from etl.reports.contract import AGE_BANDS, REACH_MEASURES
from etl.reports.periods import Runtime, derive_runtimes, parse_period

PROJECT_ID = re.compile(r"^[A-Za-z0-9_\-]{1,40}$")
MEASURES = REACH_MEASURES + AGE_BANDS
MUNICIPALITY_LAYER = "municipalities_2025"
PROVINCE_LAYER = "provinces_2025"
BRUSSELS = "04000"
LIST_SEPARATOR = "\x1f"  # ASCII unit separator


def project_href(project_id: str, lang: str) -> str:
    """The app path of a project page in the given language (prefix-aware), for links from any page.
    Lives here, not in pages/project.py: Dash imports pages under its own module names, so a page
    imported by another page would register twice."""
    import dash

    from dashboard.urls import lang_query, with_query

    return with_query(dash.get_relative_path("/project"), None, id=project_id, lang=lang_query(lang))


def valid_project_id(value) -> str | None:
    """A project id from the URL, checked for form only (the warehouse decides whether it exists)."""
    if isinstance(value, (list, tuple)):
        value = value[-1] if value else None
    text = str(value).strip() if value is not None else ""
    return text if PROJECT_ID.match(text) else None


# =================================================================== pure logic: outcomes

@dataclass(frozen=True)
class Progress:
    value: float | None  # a fraction: 0.5 is 50 %; may be below 0 or above 1
    reason: str          # ok | no_actual | no_baseline | no_target | target_equals_baseline


def _missing(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def progress(actual, baseline, target) -> Progress:
    """(actual - baseline) / (target - baseline), or why it cannot be computed (never divides by zero)."""
    if _missing(actual):
        return Progress(None, "no_actual")
    if _missing(baseline):
        return Progress(None, "no_baseline")
    if _missing(target):
        return Progress(None, "no_target")
    if float(target) == float(baseline):
        return Progress(None, "target_equals_baseline")
    return Progress((float(actual) - float(baseline)) / (float(target) - float(baseline)), "ok")


def period_key(label: str) -> tuple:
    """Chronological order of period labels: 2024-H1, 2024 (whole year), 2024-H2 by start, then end."""
    period = parse_period(label)
    if period is None:
        return (date.max, date.max, str(label))
    return (period.start, period.end, label)


# ============================================================================ project page

def project(r: Reader, project_id: str) -> dict | None:
    rows = records(r.query(
        "SELECT p.project_id, p.programme_id, p.name, p.place_listed, p.province_listed, p.themes, p.website, "
        "p.products, p.lead_org, p.notes, p.source_doc, p.source_ref, g.name_nl AS programme_nl, "
        "g.name_en AS programme_en FROM project p LEFT JOIN programme g USING (programme_id) "
        "WHERE p.project_id = ?", [project_id]))
    return rows[0] if rows else None


def themes(r: Reader) -> dict[str, tuple[str, str]]:
    return {row["code"]: (row["label_nl"], row["label_en"])
            for row in records(r.query("SELECT code, label_nl, label_en FROM theme"))}


def sectors(r: Reader) -> dict[str, tuple[str, str]]:
    return {row["code"]: (row["label_nl"], row["label_en"])
            for row in records(r.query("SELECT code, label_nl, label_en FROM partner_sector ORDER BY code"))}


def places(r: Reader, project_id: str) -> list[dict]:
    """The project's places: 2025 municipalities (with province) or a whole province / Brussels."""
    return records(r.query(
        "SELECT l.nis_code, l.scope, l.area_label, l.notes, m.name_nl AS municipality, "
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
    rows = records(r.query(
        "SELECT period, measure, value, report_id FROM project_reach WHERE project_id = ?", [project_id]))
    order = {m: i for i, m in enumerate(MEASURES)}
    return sorted(rows, key=lambda x: (order.get(x["measure"], 99), period_key(x["period"])))


def outcomes(r: Reader, project_id: str) -> list[dict]:
    rows = records(r.query(
        "SELECT indicator, unit, baseline, baseline_year, target, target_year, period, actual, report_id "
        "FROM project_outcome WHERE project_id = ?", [project_id]))
    rows.sort(key=lambda x: (fold(x["indicator"]), period_key(x["period"])))
    for row in rows:
        p = progress(row["actual"], row["baseline"], row["target"])
        row["progress"], row["progress_reason"] = p.value, p.reason
    return rows


def reports(r: Reader, project_id: str) -> list[dict]:
    """Every loaded workbook of the project, latest load first."""
    return records(r.query(
        "SELECT report_id, sha256, file_name, loaded_by, loaded_at, status, period FROM report "
        "WHERE project_id = ? ORDER BY loaded_at DESC, report_id DESC", [project_id]))


def geo_layers(r: Reader) -> dict[str, dict]:
    return {row["layer_id"]: row for row in records(r.query(
        "SELECT layer_id, file_name, sha256 FROM geo_layer WHERE layer_id IN (?, ?)",
        [MUNICIPALITY_LAYER, PROVINCE_LAYER]))}


def _page(r: Reader, project_id: str) -> dict | None:
    found = project(r, project_id)
    if found is None:
        return None
    return {
        "project": found, "places": places(r, project_id), "partners": partners(r, project_id),
        "budget": budget(r, project_id), "reach": reach(r, project_id), "outcomes": outcomes(r, project_id),
        "reports": reports(r, project_id), "themes": themes(r), "sectors": sectors(r), "layers": geo_layers(r),
    }


def page_data(project_id: str | None) -> dict | None:
    """Everything the project page shows, from one build (cached per build); None for an unknown
    project. Raises db.WarehouseError without a readable warehouse."""
    if not project_id:
        return None
    with db.reader() as r:
        return per_build(r, _page, project_id)


def reporting_status(report_rows: list[dict]) -> dict:
    """What the project has delivered: nothing yet, or the latest current workbook (period, date, who)."""
    current = [x for x in report_rows if x.get("status") == "current"]
    if not current:
        return {"received": False, "count": 0}
    latest = max(current, key=lambda x: (x["loaded_at"] or "", x["report_id"]))
    return {"received": True, "count": len(current), "period": latest["period"], "loaded_at": latest["loaded_at"],
            "loaded_by": latest["loaded_by"], "file_name": latest["file_name"],
            "periods": sorted({x["period"] for x in current}, key=period_key)}


# ------------------------------------------------------------------------- network layout

def network(project_id: str, partner_rows: list[dict]) -> dict:
    """Positions for the network graph: this project in the centre, its partners on a circle around
    it, and the other projects that share a partner on an outer circle (each next to the partners it
    shares, so edges stay short and do not cross the centre)."""
    n = len(partner_rows)
    partner_nodes = []
    for i, row in enumerate(partner_rows):
        angle = 2 * math.pi * i / max(n, 1) + math.pi / 2
        partner_nodes.append({**row, "x": math.cos(angle), "y": math.sin(angle), "angle": angle})
    # An outer project sits at the mean direction of the partners it shares with this one.
    directions: dict[str, list[float]] = {}
    names: dict[str, str] = {}
    for node in partner_nodes:
        for other in node["others"]:
            directions.setdefault(other["project_id"], []).append(node["angle"])
            names[other["project_id"]] = other["name"]
    outer = []
    for other_id, angles in directions.items():
        x = sum(math.cos(a) for a in angles)
        y = sum(math.sin(a) for a in angles)
        outer.append({"project_id": other_id, "name": names[other_id], "angle": math.atan2(y, x),
                      "shared": len(angles)})
    outer.sort(key=lambda o: o["angle"])
    # Spread outer projects that would overlap: at least a minimum angle apart, in order.
    gap = min(2 * math.pi / max(len(outer), 1), 0.35)
    for i in range(1, len(outer)):
        outer[i]["angle"] = max(outer[i]["angle"], outer[i - 1]["angle"] + gap)
    for o in outer:
        o["x"], o["y"] = 1.9 * math.cos(o["angle"]), 1.9 * math.sin(o["angle"])
    position = {o["project_id"]: (o["x"], o["y"]) for o in outer}
    edges_inner = [((0.0, 0.0), (p["x"], p["y"])) for p in partner_nodes]
    edges_outer = [((p["x"], p["y"]), position[o["project_id"]]) for p in partner_nodes for o in p["others"]]
    return {"centre": {"project_id": project_id, "x": 0.0, "y": 0.0}, "partners": partner_nodes, "outer": outer,
            "edges_inner": edges_inner, "edges_outer": edges_outer}


# ------------------------------------------------------------------------------ small map

def _walk(coords, xs: list, ys: list) -> None:
    if coords and isinstance(coords[0], (int, float)):
        xs.append(coords[0])
        ys.append(coords[1])
    else:
        for part in coords or []:
            _walk(part, xs, ys)


@lru_cache(maxsize=4)
def _bboxes(path: str, sha: str) -> dict[str, tuple[float, float, float, float]]:
    """(min lon, min lat, max lon, max lat) per feature of a layer file, once per layer version."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    out = {}
    for feature in data.get("features", []):
        code = (feature.get("properties") or {}).get("nis") or feature.get("id")
        xs: list[float] = []
        ys: list[float] = []
        _walk((feature.get("geometry") or {}).get("coordinates"), xs, ys)
        if xs:
            out[str(code)] = (min(xs), min(ys), max(xs), max(ys))
    return out


def layer_file(layer: dict | None) -> Path | None:
    if not layer:
        return None
    path = db.geo_dir() / layer["file_name"]
    return path if path.is_file() else None


def view_for(codes: list[str], layers: dict, width: int = 560, height: int = 360) -> dict | None:
    """Centre and zoom that fit these municipalities or provinces in a small map; None when unknown."""
    boxes = []
    for layer_id in (MUNICIPALITY_LAYER, PROVINCE_LAYER):
        path = layer_file(layers.get(layer_id))
        if path is None:
            continue
        known = _bboxes(str(path), layers[layer_id]["sha256"])
        boxes += [known[c] for c in codes if c in known]
    if not boxes:
        return None
    x0, y0 = min(b[0] for b in boxes), min(b[1] for b in boxes)
    x1, y1 = max(b[2] for b in boxes), max(b[3] for b in boxes)

    def merc(lat):
        return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))

    fill = 0.45  # the project's area fills a little under half the map: its neighbours stay in view
    zx = math.log2(width * fill * 360 / (512 * max(x1 - x0, 1e-4)))
    zy = math.log2(height * fill * 2 * math.pi / (512 * max(merc(y1) - merc(y0), 1e-6)))
    return {"center": {"lon": (x0 + x1) / 2, "lat": (y0 + y1) / 2}, "zoom": round(max(6.5, min(10.5, zx, zy)), 2)}


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
            "runtimes": runtimes(r), "reports": current_reports(r)}


def tracker_data() -> dict:
    """The warehouse part of the tracker, from one build (cached per build); raises db.WarehouseError."""
    with db.reader() as r:
        return per_build(r, _tracker)


def completeness(report: dict) -> dict:
    """Which parts of a workbook were filled: budget years, reach measures (and periods), outcome indicators."""
    measures = [m for m in MEASURES if m in report.get("reach_measures", [])]
    return {"budget_years": list(report.get("budget_years", [])), "reach_measures": measures,
            "reach_periods": sorted(report.get("reach_periods", []), key=period_key),
            "outcome_indicators": list(report.get("outcome_indicators", [])),
            "sheets_filled": [name for name, key in (("Budget", "budget_years"), ("Bereik", "reach_measures"),
                                                     ("Resultaten", "outcome_indicators")) if report.get(key)]}


def expected_years(runtime: Runtime, today: date) -> list[int]:
    """The calendar years a project is expected to report on: those its runtime covers, once the
    project has started in them (the runtime may start mid-year)."""
    return [y for y in range(runtime.start.year, runtime.end.year + 1)
            if runtime.covers_year(y) and max(date(y, 1, 1), runtime.start) <= today]


def _attempt_time(attempt: dict) -> str:
    return str(attempt.get("at") or "")


def latest_refusals(attempts: list[dict]) -> list[dict]:
    """Per project and period the latest refused attempt, marked `resolved` when a later attempt for
    the same project and period passed. Attempts whose Project sheet was unreadable (no project or
    period) are keyed by file name, so each stays visible."""
    latest_refused: dict[tuple, dict] = {}
    latest_passed: dict[tuple, str] = {}
    for attempt in attempts:
        project_id, period = attempt.get("project_id"), attempt.get("period")
        key = (project_id, period) if project_id and period else ("", str(attempt.get("file_name") or ""))
        when = _attempt_time(attempt)
        if attempt.get("ok"):
            latest_passed[key] = max(latest_passed.get(key, ""), when)
        elif key not in latest_refused or when >= _attempt_time(latest_refused[key]):
            latest_refused[key] = attempt
    out = []
    for key, attempt in latest_refused.items():
        out.append({**attempt, "resolved": latest_passed.get(key, "") > _attempt_time(attempt)})
    out.sort(key=lambda a: _attempt_time(a), reverse=True)
    return out


def _year_of(label) -> int | None:
    period = parse_period(label) if label else None
    return period.year if period else None


def tracker_rows(data: dict, attempts: list[dict], today: date) -> list[dict]:
    """One row per project and expected year: what was delivered (period, when, by whom, what it
    held), what is missing, and unresolved refused attempts. `status` per row:
    delivered (the year, or both halves) | partial (a half that has ended is missing) |
    refused (nothing delivered, a refused attempt) | missing (nothing, the year has ended) |
    not_due (nothing yet, the year is still running)."""
    by_project: dict[str, list[dict]] = {}
    for report in data["reports"]:
        by_project.setdefault(report["project_id"], []).append(report)
    report_dates = {a.get("sha256"): a.get("report_date") for a in attempts if a.get("ok") and a.get("sha256")}
    refusals: dict[tuple[str, int], list[dict]] = {}
    for attempt in latest_refusals(attempts):
        year = _year_of(attempt.get("period"))
        if attempt.get("project_id") and year and not attempt["resolved"]:
            refusals.setdefault((attempt["project_id"], year), []).append(attempt)
    rows = []
    for p in data["projects"]:
        runtime = data["runtimes"].get(p["project_id"])
        if runtime is None:
            continue
        delivered = by_project.get(p["project_id"], [])
        for year in expected_years(runtime, today):
            mine = sorted((x for x in delivered if _year_of(x["period"]) == year), key=lambda x: period_key(x["period"]))
            refused = refusals.get((p["project_id"], year), [])
            rows.append({
                "project_id": p["project_id"], "name": p["name"], "programme_id": p["programme_id"],
                "programme_nl": p["programme_nl"], "programme_en": p["programme_en"],
                "province_codes": p["province_codes"], "year": year,
                "status": _year_status(year, {x["period"] for x in mine}, bool(refused), today),
                "reports": [{**x, "report_date": report_dates.get(x["sha256"]), **completeness(x)} for x in mine],
                "refused": refused, "project_received": bool(delivered),
            })
    return rows


def _year_status(year: int, periods: set[str], refused: bool, today: date) -> str:
    whole, halves = str(year), {f"{year}-H1", f"{year}-H2"}
    if whole in periods or halves <= periods:
        return "delivered"
    if periods:
        due_missing = [h for h in halves - periods if parse_period(h).end < today]
        return "partial" if due_missing else "delivered"
    if refused:
        return "refused"
    return "missing" if date(year, 12, 31) < today else "not_due"


STATUS_FILTERS = ("nothing", "delivered", "missing", "refused")


def filter_tracker(rows: list[dict], programme=None, province=None, status=None) -> list[dict]:
    """Rows of the projects that match every filter given. Status works per project: `nothing`
    (no workbook received yet), `delivered` (at least one year delivered), `missing` (a year missing
    or partly missing), `refused` (an unresolved refused attempt)."""
    by_project: dict[str, list[dict]] = {}
    for row in rows:
        by_project.setdefault(row["project_id"], []).append(row)
    keep = set()
    for project_id, mine in by_project.items():
        first = mine[0]
        if programme and first["programme_id"] != programme:
            continue
        if province and province not in first["province_codes"]:
            continue
        statuses = {row["status"] for row in mine}
        if status == "nothing" and first["project_received"]:
            continue
        if status == "delivered" and not statuses & {"delivered", "partial"}:
            continue
        if status == "missing" and not statuses & {"missing", "partial"}:
            continue
        if status == "refused" and not any(row["refused"] for row in mine):
            continue
        keep.add(project_id)
    return [row for row in rows if row["project_id"] in keep]


def read_attempts_now() -> list[dict]:
    """The attempts log of the configured REPORTS_DIR (never raises: a missing or damaged log is empty)."""
    from etl.config import load_settings
    from etl.reports.attempts import read_attempts

    try:
        return read_attempts(load_settings().reports_dir)
    except (OSError, ValueError):
        return []
