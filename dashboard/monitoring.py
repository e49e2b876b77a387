"""Project monitoring (`/project`, `/rapportering`): the pure computations, no Dash and no database.

Everything here takes rows as the queries return them (dicts; dashboard/queries/project.py) and
returns new ones, so each rule can be tested on a hand-made example.

Progress of an outcome, as the warehouse contract defines it (docs/warehouse.md):
    progress = (actual - baseline) / (target - baseline)
undefined when target equals baseline (no distance to travel), or when actual, baseline or target
is missing; the reason is returned so a page can say why instead of showing a number.

The reporting tracker: a project is expected to report on every calendar year its runtime covers
(etl.reports.periods: the registers give no dates per project, so the programme's rule applies), once
that year has started. A year is delivered by a workbook for the year itself or by both halves.
Refused attempts come from the attempts log (etl/reports/attempts.py); a refusal is resolved when a
later attempt for the same project and period passed.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date

from dashboard.ui.text import fold
from etl.reports.contract import AGE_BANDS, REACH_MEASURES
from etl.reports.periods import Runtime, parse_period

MEASURES = REACH_MEASURES + AGE_BANDS
# Per project in the tracker: nothing received yet, a year delivered, a year (partly) missing, an
# unresolved refused attempt.
STATUS_FILTERS = ("nothing", "delivered", "missing", "refused")
# The workbook's sheets with figures, by the completeness key that says what each held.
FIGURE_SHEETS = (("Budget", "budget_years"), ("Bereik", "reach_measures"), ("Resultaten", "outcome_indicators"))


# ================================================================================ outcomes

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


def outcomes_with_progress(rows: list[dict]) -> list[dict]:
    """Outcome rows by indicator (alphabetical) and period, each with `progress` and `progress_reason`."""
    out = []
    for row in sorted(rows, key=lambda x: (fold(x["indicator"]), period_key(x["period"]))):
        p = progress(row["actual"], row["baseline"], row["target"])
        out.append({**row, "progress": p.value, "progress_reason": p.reason})
    return out


def reach_in_order(rows: list[dict]) -> list[dict]:
    """Reach rows by measure (the contract's order) and period."""
    order = {m: i for i, m in enumerate(MEASURES)}
    return sorted(rows, key=lambda x: (order.get(x["measure"], 99), period_key(x["period"])))


# ======================================================================== what was delivered

def reporting_status(report_rows: list[dict]) -> dict:
    """What a project has delivered: nothing yet, or the latest current workbook (period, date, who)."""
    current = [x for x in report_rows if x.get("status") == "current"]
    if not current:
        return {"received": False, "count": 0}
    latest = max(current, key=lambda x: (x["loaded_at"] or "", x["report_id"]))
    return {"received": True, "count": len(current), "period": latest["period"], "loaded_at": latest["loaded_at"],
            "loaded_by": latest["loaded_by"], "file_name": latest["file_name"],
            "periods": sorted({x["period"] for x in current}, key=period_key)}


def completeness(report: dict) -> dict:
    """Which parts of a workbook were filled: budget years, reach measures (and periods), outcome indicators."""
    measures = [m for m in MEASURES if m in report.get("reach_measures", [])]
    return {"budget_years": list(report.get("budget_years", [])), "reach_measures": measures,
            "reach_periods": sorted(report.get("reach_periods", []), key=period_key),
            "outcome_indicators": list(report.get("outcome_indicators", [])),
            "sheets_filled": [name for name, key in FIGURE_SHEETS if report.get(key)]}


def expected_years(runtime: Runtime, today: date) -> list[int]:
    """The calendar years a project is expected to report on: those its runtime covers, once the
    project has started in them (the runtime may start mid-year)."""
    return [y for y in range(runtime.start.year, runtime.end.year + 1)
            if runtime.covers_year(y) and max(date(y, 1, 1), runtime.start) <= today]


# ============================================================================ the tracker

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
    held), what is missing, and unresolved refused attempts. `data` holds `projects`, `runtimes`
    and `reports` (current reports with what they held). `status` per row:
    delivered (the year, or both halves) | partial (a half that has ended is missing) |
    refused (nothing delivered, a refused attempt) | missing (nothing, the year has ended) |
    not_due (nothing yet, the year is still running) | start_unknown (nothing, and the year may lie
    before the project's own start: its programme started projects in waves, see Runtime)."""
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
                "status": _year_status(year, {x["period"] for x in mine}, bool(refused), today,
                                       runtime.may_precede_start(year)),
                "reports": [{**x, "report_date": report_dates.get(x["sha256"]), **completeness(x)} for x in mine],
                "refused": refused, "project_received": bool(delivered),
            })
    return rows


def _year_status(year: int, periods: set[str], refused: bool, today: date, may_precede_start: bool = False) -> str:
    whole, halves = str(year), {f"{year}-H1", f"{year}-H2"}
    if whole in periods or halves <= periods:
        return "delivered"
    if periods:
        due_missing = [h for h in halves - periods if parse_period(h).end < today]
        return "partial" if due_missing else "delivered"
    if refused:
        return "refused"
    if may_precede_start:  # nothing received for a year that may lie before the project's own start
        return "start_unknown"
    return "missing" if date(year, 12, 31) < today else "not_due"


def filter_tracker(rows: list[dict], programme=None, province=None, status=None) -> list[dict]:
    """Rows of the projects that match every filter given. Status works per project (STATUS_FILTERS):
    `nothing` (no workbook received yet), `delivered` (at least one year delivered), `missing` (a year
    missing or partly missing), `refused` (an unresolved refused attempt)."""
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
