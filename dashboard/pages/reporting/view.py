"""The reporting tracker's view model: the tracker's rows for the filters in force (from the warehouse
and the attempts log) and the texts of its cells."""
from __future__ import annotations

import os
from datetime import date

from dashboard import formatting as fmt
from dashboard import monitoring
from dashboard.i18n import localised, t
from dashboard.queries import project as qpr

FILTERS = ("programme", "province", "status")
STATUSES = ("delivered", "partial", "refused", "missing", "start_unknown", "not_due")


def read_attempts_now() -> list[dict]:
    """The attempts log of the configured REPORTS_DIR, read fresh on every call: it is not part of the
    warehouse and is appended between builds (never raises: a missing or damaged log is empty)."""
    from etl.config import load_settings
    from etl.reports.attempts import read_attempts

    try:
        return read_attempts(load_settings().reports_dir)
    except (OSError, ValueError):
        return []


def freshness() -> str:
    """What the tracker reads besides the warehouse, as a short text that changes whenever it does:
    today's date (deadlines: what is late) and the attempts log's inode, modification time and size
    (an upload or a CLI load appends to it). The cached answers of the tracker are kept under it
    (dashboard.warming.SIGNED_CALLBACKS), so a new attempt or a new day is never served stale."""
    from etl.config import load_settings
    from etl.reports.attempts import attempts_path

    try:
        found = os.stat(attempts_path(load_settings().reports_dir))
        log = f"{found.st_ino:x}-{found.st_mtime_ns:x}-{found.st_size:x}"
    except OSError:  # no log yet (or unreadable: read_attempts_now then reads none)
        log = "-"
    return f"{date.today().isoformat()}:{log}"


def tracker(programme, province, status, today: date | None = None):
    """(warehouse data, filtered rows, refused attempts of the filtered projects); raises WarehouseError.
    Attempts whose project is unknown are shown only without filters."""
    data = qpr.tracker_data()
    attempts = read_attempts_now()
    rows = monitoring.tracker_rows(data, attempts, today or date.today())
    rows = monitoring.filter_tracker(rows, programme=programme, province=province, status=status)
    shown = {r["project_id"] for r in rows}
    filtered = bool(programme or province or status)
    refusals = [a for a in monitoring.latest_refusals(attempts)
                if a.get("project_id") in shown or (not a.get("project_id") and not filtered)]
    return data, rows, refusals


def filter_options(data: dict, lang: str) -> dict[str, list[dict]]:
    return {
        "programme": [{"label": localised(p, "name", lang), "value": p["programme_id"]} for p in data["programmes"]],
        "province": [{"label": localised(p, "name", lang), "value": p["nis_code"]} for p in data["provinces"]],
        "status": [{"label": t(f"reporting.f.status.{s}", lang), "value": s} for s in monitoring.STATUS_FILTERS],
    }


def filters_text(chosen: dict, data: dict, lang: str) -> str:
    """The filters in force as "Programma = ...; Provincie = ...", or that there are none."""
    options = filter_options(data, lang)
    return "; ".join(f"{t(f'reporting.f.{k}', lang)} = {next((o['label'] for o in options[k] if o['value'] == v), v)}"
                     for k, v in chosen.items() if v) or t("reporting.f.none", lang)


def count_text(data: dict, rows: list[dict], lang: str) -> str:
    projects = {r["project_id"] for r in rows}
    received = {r["project_id"] for r in rows if r["project_received"]}
    return t("reporting.count", lang, n=fmt.integer(len(projects), lang),
             total=fmt.integer(len(data["projects"]), lang), received=fmt.integer(len(received), lang))


def province_text(codes: list[str], data: dict, lang: str) -> str:
    names = {p["nis_code"]: localised(p, "name", lang) for p in data["provinces"]}
    return ", ".join(names.get(c, c) for c in codes) or fmt.MISSING


def programme_text(row: dict, lang: str) -> str:
    return localised(row, "programme", lang) or row.get("programme_id") or ""


def project_names(data: dict) -> dict[str, str]:
    return {p["project_id"]: p["name"] for p in data["projects"]}


def delivery_text(report: dict, lang: str) -> str:
    """ "2024: workbook of 15-01-2025, loaded 22-11-2026 by tester" """
    workbook = (t("reporting.workbook_date", lang, date=fmt.date_text(report["report_date"], lang))
                if report.get("report_date") else t("reporting.workbook_date_unknown", lang))
    return t("reporting.delivered", lang, period=report["period"], workbook=workbook,
             loaded=fmt.date_text(report["loaded_at"], lang), by=report.get("loaded_by") or fmt.MISSING)


def completeness_text(report: dict, lang: str) -> str:
    parts = []
    if report["budget_years"]:
        parts.append(t("reporting.filled.budget", lang, years=", ".join(report["budget_years"])))
    if report["reach_measures"]:
        parts.append(t("reporting.filled.reach", lang, n=len(report["reach_measures"]),
                       periods=", ".join(report["reach_periods"])))
    if report["outcome_indicators"]:
        parts.append(t("reporting.filled.outcomes", lang, n=len(report["outcome_indicators"])))
    empty_sheets = [name for name, _key in monitoring.FIGURE_SHEETS if name not in report["sheets_filled"]]
    if empty_sheets:
        parts.append(t("reporting.filled.empty", lang, sheets=", ".join(empty_sheets)))
    return " · ".join(parts)


def missing_halves(row: dict) -> list[str]:
    got = {r["period"] for r in row["reports"]}
    return [h for h in (f"{row['year']}-H1", f"{row['year']}-H2") if h not in got]


def problem_count(attempt: dict) -> int:
    return attempt.get("problem_count", len(attempt.get("problems", [])))
