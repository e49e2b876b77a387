"""The reporting tracker's downloads: the tracker (one row per project and expected year) and the
problems of the refused attempts, for the filters in force, through ui.downloads.send_table. Both
carry the provenance lines (source and licence, build, filters, the expected-years rule, when); the
CSV holds the tracker, the Excel file both sheets."""
from __future__ import annotations

from dashboard import db
from dashboard import formatting as fmt
from dashboard.i18n import localised, t, t_or
from dashboard.pages.reporting import view
from dashboard.ui import downloads

FILE_NAME = "reporting"  # the word of the file name in files.toml


def export_rows(rows: list[dict], data: dict, lang: str) -> list[dict]:
    out = []
    for r in rows:
        reports = r["reports"]
        out.append({
            "project": r["name"], "project_id": r["project_id"], "programme": view.programme_text(r, lang),
            "province": view.province_text(r["province_codes"], data, lang), "year": r["year"],
            "status": t(f"reporting.status.{r['status']}", lang),
            "periods": ", ".join(x["period"] for x in reports),
            "workbook_dates": ", ".join(fmt.date_text(x["report_date"], lang) for x in reports if x.get("report_date")),
            "loaded_at": ", ".join(fmt.datetime_text(x["loaded_at"], lang) for x in reports),
            "loaded_by": ", ".join(x.get("loaded_by") or "" for x in reports),
            "files": ", ".join(x.get("file_name") or "" for x in reports),
            "budget_years": "; ".join(", ".join(x["budget_years"]) for x in reports if x["budget_years"]),
            "reach_measures": "; ".join(", ".join(t(f"project.measure.{m}", lang) for m in x["reach_measures"])
                                        for x in reports if x["reach_measures"]),
            "outcome_indicators": "; ".join("; ".join(x["outcome_indicators"]) for x in reports
                                            if x["outcome_indicators"]),
            "refused_problems": sum(a.get("problem_count", 0) for a in r["refused"]) if r["refused"] else None,
        })
    return out


def problem_rows(refusals: list[dict], data: dict, lang: str) -> list[dict]:
    names = view.project_names(data)
    out = []
    for a in refusals:
        for p in a.get("problems", []):
            out.append({"project": names.get(a.get("project_id"), a.get("project_id") or t("reporting.unknown_project", lang)),
                        "period": a.get("period"), "file": a.get("file_name"),
                        "at": fmt.datetime_text(a["at"], lang) if a.get("at") else None, "user": a.get("user"),
                        "channel": t_or(f"reporting.channel.{a.get('channel')}", lang, str(a.get("channel") or "")), "resolved": t("reporting.yes", lang) if a.get("resolved") else "",
                        "sheet": p.get("sheet"), "cell": p.get("cell"), "message": p.get("message"),
                        "expected": p.get("expected")})
    return out


def intro(chosen: dict, data: dict, lang: str) -> list[str]:
    provenance = data.get("provenance") or {}
    return [t("reporting.export.title", lang),
            t("reporting.export.source", lang, licence=localised(provenance, "licence", lang) or fmt.MISSING,
              build=provenance.get("build_id") or fmt.MISSING),
            t("reporting.export.filters", lang, filters=view.filters_text(chosen, data, lang)),
            t("reporting.rule", lang),
            t("reporting.export.when", lang, date=fmt.datetime_text(fmt.now().isoformat(timespec="minutes"), lang))]


TRACKER_COLUMNS = (
    ("project", "reporting.col.project", "text"), ("project_id", "reporting.col.project_id", "text"),
    ("programme", "reporting.f.programme", "text"), ("province", "reporting.col.province", "text"),
    # a year: a number without a thousands separator (Excel shows 2023, never "2.023")
    ("year", "reporting.col.year", "year"), ("status", "reporting.col.status", "text"),
    ("periods", "reporting.col.periods", "text"), ("workbook_dates", "reporting.col.workbook_dates", "text"),
    ("loaded_at", "reporting.col.loaded_at", "text"), ("loaded_by", "reporting.col.loaded_by", "text"),
    ("files", "reporting.col.files", "text"), ("budget_years", "reporting.col.budget_years", "text"),
    ("reach_measures", "reporting.col.reach_measures", "text"),
    ("outcome_indicators", "reporting.col.outcome_indicators", "text"),
    ("refused_problems", "reporting.col.refused_problems", "int"),
)
PROBLEM_COLUMNS = ("project", "period", "file", "at", "user", "channel", "resolved", "sheet", "cell", "message",
                   "expected")


def export_sheets(programme, province, status, lang: str) -> list[downloads.Sheet] | None:
    """[tracker sheet, refused-problems sheet] for the filters given; None without a warehouse."""
    try:
        data, rows, refusals = view.tracker(programme, province, status)
    except db.WarehouseError:
        return None
    C = downloads.Column
    lines = intro({"programme": programme, "province": province, "status": status}, data, lang)
    columns = [C(key, t(label, lang), kind) for key, label, kind in TRACKER_COLUMNS]
    problem_columns = [C(k, t(f"reporting.col.{k}", lang)) for k in PROBLEM_COLUMNS]
    problems = problem_rows(refusals, data, lang)
    # An empty table alone reads as a failed export: say that there was nothing to list.
    refused_intro = lines if problems else lines + [t("reporting.export.no_refused", lang)]
    return [downloads.Sheet(t("reporting.sheet.tracker", lang), columns, export_rows(rows, data, lang), intro=lines),
            downloads.Sheet(t("reporting.sheet.refused", lang), problem_columns, problems, intro=refused_intro)]


def send(fmt_name: str, sheets: list[downloads.Sheet], lang: str = "nl") -> dict:
    """The dcc.Download data: `rapportering_2026-11-22.csv` (the tracker) or `.xlsx` (both sheets)."""
    return downloads.send_table(fmt_name, sheets, downloads.name_word(FILE_NAME, lang), fmt.now().strftime("%Y-%m-%d"),
                                lang=lang)
