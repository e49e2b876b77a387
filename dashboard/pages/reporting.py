"""Reporting tracker (`/rapportering?programme=lbn_2023&province=70000&status=missing&lang=en`): every
project against the years it is expected to report on, what each delivered workbook held, what is
missing, and the problems of refused attempts.

Expected years come from each project's runtime (etl.reports.periods: the registers give no dates
per project, so the programme's rule applies) up to today. A year is delivered by a workbook for the
year itself or by both halves. Deliveries come from the warehouse (`report` and the figure tables,
history included); refused attempts from the attempts log (etl/reports/attempts.py), which is not
in the warehouse. The default build has no reports: every project then shows "nog niets ontvangen".

The layout reads the filter options from the warehouse and gives the dropdowns their options and
values together (no Dash 4 reset race); the table follows the filters, which write the URL back.
"""
from __future__ import annotations

from datetime import date, datetime

import dash
from dash import Input, Output, State, callback, dcc, html, no_update

from dashboard import db
from dashboard.ui import downloads
from dashboard import formatting as fmt
from dashboard.queries import project as qpr
from dashboard.queries.project import project_href
from dashboard.ui.components import dropdown, empty, scroll_box, section, warehouse_notice
from dashboard.i18n import normalise_lang, t, t_or
from dashboard.queries.portfolio import valid_code, valid_nis
from dashboard.urls import with_query

dash.register_page(
    __name__, path="/rapportering", name="Rapportering", title="Rapportering – Kinderarmoedemonitor", order=55,
    nav_key="nav.reporting",
    description="Welke projecten hun monitoringrapport bezorgden, wat erin stond, wat ontbreekt en wat geweigerd werd.",
)

FILTERS = ("programme", "province", "status")
STATUSES = ("delivered", "partial", "refused", "missing", "not_due")


def layout(programme=None, province=None, status=None, lang=None, **_query):
    lang = normalise_lang(lang)
    head = [html.H1(t("reporting.title", lang)), html.P(t("reporting.intro", lang), className="lead")]
    # Always the whole frame, also without a warehouse: Dash checks every callback's ids against the
    # first layout it builds of each page, and a missing id is an error on every page.
    notice = None
    try:
        options = filter_options(qpr.tracker_data(), lang)
    except db.WarehouseError as exc:
        notice = warehouse_notice(exc, lang)
        options = {name: [] for name in FILTERS}
    chosen = {"programme": valid_code(programme), "province": valid_nis(province), "status": valid_code(status)}
    values = {name: chosen[name] if chosen[name] in {o["value"] for o in options[name]} else None for name in FILTERS}
    controls = html.Div([_dropdown(name, options[name], values[name], lang) for name in FILTERS] + [
        html.Div([
            html.Button(t("download.csv", lang), id="reporting-csv", type="button", className="button"),
            html.Button(t("download.xlsx", lang), id="reporting-xlsx", type="button", className="button"),
        ], className="control-buttons")], className="controls reporting-controls", role="group",
        **{"aria-label": t("reporting.filters", lang)})
    return html.Div(head + [
        html.Div(notice, id="reporting-notice"),
        dcc.Store(id="reporting-lang", data=lang),
        dcc.Download(id="reporting-download-csv"),
        dcc.Download(id="reporting-download-xlsx"),
        html.Section([
            html.H2(t("reporting.table", lang), id="reporting-table-heading"),
            html.P(t("reporting.rule", lang), className="section-intro"),
            controls,
            html.P(id="reporting-count", className="reporting-count", **{"aria-live": "polite"}),
            _legend(lang),
            dcc.Loading(html.Div(id="reporting-table-box"), delay_show=300),
        ], id="reporting-table-section", className="card", **{"aria-labelledby": "reporting-table-heading"}),
        dcc.Loading(html.Div(id="reporting-refused-box"), delay_show=300),
    ], id="reporting-page", className="page reporting")


def _dropdown(name: str, options: list[dict], value, lang: str) -> html.Div:
    return html.Div([
        html.Label(t(f"reporting.f.{name}", lang), htmlFor=f"reporting-{name}"),
        dropdown(lang, id=f"reporting-{name}", options=options, value=value, clearable=True, searchable=False,
                       placeholder=t("reporting.f.all", lang)),
    ], className="control")


def _legend(lang: str) -> html.Ul:
    return html.Ul([html.Li([_badge(s, lang), " ", t(f"reporting.status.{s}.help", lang)]) for s in STATUSES],
                   className="reporting-legend", id="reporting-legend")


def _badge(status: str, lang: str) -> html.Span:
    return html.Span(t(f"reporting.status.{status}", lang), className=f"badge reporting-badge reporting-{status}")


def filter_options(data: dict, lang: str) -> dict[str, list[dict]]:
    return {
        "programme": [{"label": (p["name_en"] if lang == "en" and p.get("name_en") else p["name_nl"]),
                       "value": p["programme_id"]} for p in data["programmes"]],
        "province": [{"label": (p["name_en"] if lang == "en" and p.get("name_en") else p["name_nl"]),
                      "value": p["nis_code"]} for p in data["provinces"]],
        "status": [{"label": t(f"reporting.f.status.{s}", lang), "value": s} for s in qpr.STATUS_FILTERS],
    }


# ------------------------------------------------------------------------------ callbacks

@callback(Output("reporting-table-box", "children"), Output("reporting-count", "children"),
          Output("reporting-refused-box", "children"),
          *[Input(f"reporting-{name}", "value") for name in FILTERS], Input("reporting-lang", "data"))
def _fill(programme, province, status, lang):
    lang = normalise_lang(lang)
    try:
        made = build(programme, province, status, lang)
    except db.WarehouseError as exc:
        return warehouse_notice(exc, lang), None, None
    data, rows, refusals = made
    projects = {r["project_id"] for r in rows}
    received = {r["project_id"] for r in rows if r["project_received"]}
    count = t("reporting.count", lang, n=fmt.integer(len(projects), lang),
              total=fmt.integer(len(data["projects"]), lang), received=fmt.integer(len(received), lang))
    table = tracker_table(rows, data, lang) if rows else empty(t("reporting.no_match", lang))
    return table, count, refused_section(refusals, data, lang)


@callback(Output("app-url", "search", allow_duplicate=True),
          *[Input(f"reporting-{name}", "value") for name in FILTERS],
          State("app-url", "search"), State("app-url", "pathname"), prevent_initial_call=True)
def _sync_url(programme, province, status, search, pathname):
    if pathname and not pathname.rstrip("/").endswith("/rapportering"):
        return no_update
    new = with_query("", search, programme=programme, province=province, status=status)
    return new if new != (search or "") else no_update


@callback(Output("reporting-download-csv", "data"), Input("reporting-csv", "n_clicks"),
          *[State(f"reporting-{name}", "value") for name in FILTERS], State("reporting-lang", "data"),
          prevent_initial_call=True)
def _download_csv(n, programme, province, status, lang):
    if not n:
        return no_update
    sheets = export_sheets(programme, province, status, normalise_lang(lang))
    if sheets is None:
        return no_update
    return dcc.send_bytes(downloads.csv_bytes(sheets[0].columns, sheets[0].rows),
                          downloads.file_name("rapportering", _today(), ext="csv"), type=downloads.CSV_MIME)


@callback(Output("reporting-download-xlsx", "data"), Input("reporting-xlsx", "n_clicks"),
          *[State(f"reporting-{name}", "value") for name in FILTERS], State("reporting-lang", "data"),
          prevent_initial_call=True)
def _download_xlsx(n, programme, province, status, lang):
    if not n:
        return no_update
    sheets = export_sheets(programme, province, status, normalise_lang(lang))
    if sheets is None:
        return no_update
    return dcc.send_bytes(downloads.workbook_bytes(sheets), downloads.file_name("rapportering", _today(), ext="xlsx"),
                          type=downloads.XLSX_MIME)


# ----------------------------------------------------------------------------------- data

def _today() -> str:
    return datetime.now().strftime("%Y-%m-%d")


def build(programme, province, status, lang: str, today: date | None = None):
    """(warehouse data, filtered rows, refused attempts of the filtered projects); raises WarehouseError."""
    data = qpr.tracker_data()
    attempts = qpr.read_attempts_now()
    rows = qpr.tracker_rows(data, attempts, today or date.today())
    rows = qpr.filter_tracker(rows, programme=programme, province=province, status=status)
    shown = {r["project_id"] for r in rows}
    filtered = bool(programme or province or status)
    refusals = [a for a in qpr.latest_refusals(attempts)
                if a.get("project_id") in shown or (not a.get("project_id") and not filtered)]
    return data, rows, refusals


def _province_text(codes: list[str], data: dict, lang: str) -> str:
    names = {p["nis_code"]: (p["name_en"] if lang == "en" and p.get("name_en") else p["name_nl"])
             for p in data["provinces"]}
    return ", ".join(names.get(c, c) for c in codes) or fmt.MISSING


def _programme_text(row: dict, lang: str) -> str:
    return (row.get("programme_en") if lang == "en" and row.get("programme_en") else row.get("programme_nl")) \
        or row.get("programme_id") or ""


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
    empty_sheets = [s for s in ("Budget", "Bereik", "Resultaten") if s not in report["sheets_filled"]]
    if empty_sheets:
        parts.append(t("reporting.filled.empty", lang, sheets=", ".join(empty_sheets)))
    return " · ".join(parts)


def _missing_halves(row: dict) -> list[str]:
    got = {r["period"] for r in row["reports"]}
    return [h for h in (f"{row['year']}-H1", f"{row['year']}-H2") if h not in got]


def _cell(row: dict | None, lang: str):
    if row is None:
        return html.Span(fmt.MISSING, title=t("reporting.outside", lang), className="reporting-outside")
    parts = [_badge(row["status"], lang)]
    for report in row["reports"]:
        parts.append(html.Span(delivery_text(report, lang), className="sub"))
        parts.append(html.Span(completeness_text(report, lang), className="sub reporting-filled"))
    if row["status"] == "partial":
        parts.append(html.Span(t("reporting.missing_halves", lang, periods=", ".join(_missing_halves(row))),
                               className="sub"))
    for attempt in row["refused"]:
        parts.append(html.A(t("reporting.refused_link", lang, period=attempt.get("period") or "?",
                              n=attempt.get("problem_count", len(attempt.get("problems", [])))),
                            href="#reporting-refused", className="sub"))
    return parts


def tracker_table(rows: list[dict], data: dict, lang: str) -> html.Div:
    years = sorted({r["year"] for r in rows})
    by_project: dict[str, dict[int, dict]] = {}
    order = []
    for r in rows:
        if r["project_id"] not in by_project:
            order.append(r)
        by_project.setdefault(r["project_id"], {})[r["year"]] = r
    head = html.Thead(html.Tr([html.Th(t("reporting.col.project", lang), scope="col"),
                               html.Th(t("reporting.col.province", lang), scope="col"),
                               html.Th(t("reporting.col.received", lang), scope="col")]
                              + [html.Th(str(y), scope="col") for y in years]))
    body = []
    for first in order:
        cells = by_project[first["project_id"]]
        n_reports = sum(len(c["reports"]) for c in cells.values())
        received = (t("reporting.received_n", lang, n=n_reports) if first["project_received"]
                    else t("reporting.nothing", lang))
        body.append(html.Tr([
            html.Th([dcc.Link(first["name"], href=project_href(first["project_id"], lang)),
                     html.Span(_programme_text(first, lang), className="sub")], scope="row"),
            html.Td(_province_text(first["province_codes"], data, lang)),
            html.Td(received, className="reporting-received" if first["project_received"] else "reporting-nothing"),
        ] + [html.Td(_cell(cells.get(y), lang), className=f"reporting-cell reporting-cell-{cells[y]['status']}"
                     if y in cells else "reporting-cell") for y in years], id=f"reporting-row-{first['project_id']}"))
    caption = t("reporting.caption", lang)
    table = html.Table([html.Caption(caption), head, html.Tbody(body)], id="reporting-table",
                       className="data-table reporting-table")
    return scroll_box(table, caption, lang)


def _attempt_project(attempt: dict, names: dict[str, str], lang: str):
    project_id = attempt.get("project_id")
    if project_id and project_id in names:
        return dcc.Link(names[project_id], href=project_href(project_id, lang))
    return project_id or t("reporting.unknown_project", lang)


def refused_section(refusals: list[dict], data: dict, lang: str) -> html.Section:
    title = t("reporting.refused", lang)
    if not refusals:
        return section("reporting-refused", title, empty(t("reporting.refused.none", lang)),
                       intro=t("reporting.refused.intro", lang))
    names = {p["project_id"]: p["name"] for p in data["projects"]}
    blocks = []
    for attempt in refusals:
        when = fmt.datetime_text(attempt.get("at"), lang) if attempt.get("at") else fmt.MISSING
        summary = t("reporting.refused.summary", lang, file=attempt.get("file_name") or "?", when=when,
                    by=attempt.get("user") or fmt.MISSING,
                    channel=t_or(f"reporting.channel.{attempt.get('channel')}", lang, str(attempt.get("channel"))),
                    n=attempt.get("problem_count", len(attempt.get("problems", []))))
        head = html.Thead(html.Tr([html.Th(t(f"reporting.col.{c}", lang), scope="col")
                                   for c in ("sheet", "cell", "message", "expected")]))
        body = html.Tbody([html.Tr([html.Td(p.get("sheet") or fmt.MISSING), html.Td(p.get("cell") or fmt.MISSING),
                                    html.Td(p.get("message") or ""), html.Td(p.get("expected") or "")])
                           for p in attempt.get("problems", [])])
        caption = t("reporting.refused.caption", lang, file=attempt.get("file_name") or "?")
        more = ([html.P(t("reporting.refused.more", lang, n=attempt["problems_omitted"]), className="sub")]
                if attempt.get("problems_omitted") else [])
        resolved = [html.Span(t("reporting.resolved", lang), className="badge reporting-badge reporting-delivered")] \
            if attempt.get("resolved") else []
        blocks.append(html.Article([
            html.H3([_attempt_project(attempt, names, lang), f" – {attempt.get('period') or '?'} ", *resolved]),
            html.P(summary),
            scroll_box(html.Table([html.Caption(caption), head, body], className="data-table reporting-problems"),
                       caption, lang),
            *more,
        ], className="reporting-attempt"))
    return section("reporting-refused", title, *blocks, intro=t("reporting.refused.intro", lang))


# ------------------------------------------------------------------------------- exports

def export_rows(rows: list[dict], data: dict, lang: str) -> list[dict]:
    out = []
    for r in rows:
        reports = r["reports"]
        out.append({
            "project": r["name"], "project_id": r["project_id"], "programme": _programme_text(r, lang),
            "province": _province_text(r["province_codes"], data, lang), "year": r["year"],
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
    names = {p["project_id"]: p["name"] for p in data["projects"]}
    out = []
    for a in refusals:
        for p in a.get("problems", []):
            out.append({"project": names.get(a.get("project_id"), a.get("project_id") or t("reporting.unknown_project", lang)),
                        "period": a.get("period"), "file": a.get("file_name"), "at": a.get("at"), "user": a.get("user"),
                        "channel": a.get("channel"), "resolved": t("reporting.yes", lang) if a.get("resolved") else "",
                        "sheet": p.get("sheet"), "cell": p.get("cell"), "message": p.get("message"),
                        "expected": p.get("expected")})
    return out


def export_sheets(programme, province, status, lang: str) -> list[downloads.Sheet] | None:
    """[tracker sheet, refused-problems sheet] for the filters given; None without a warehouse."""
    try:
        data, rows, refusals = build(programme, province, status, lang)
    except db.WarehouseError:
        return None
    C = downloads.Column
    chosen = {"programme": programme, "province": province, "status": status}
    options = filter_options(data, lang)
    filters = "; ".join(f"{t(f'reporting.f.{k}', lang)} = {next((o['label'] for o in options[k] if o['value'] == v), v)}"
                        for k, v in chosen.items() if v) or t("reporting.f.none", lang)
    intro = [t("reporting.export.title", lang), t("reporting.export.filters", lang, filters=filters),
             t("reporting.export.when", lang, date=fmt.datetime_text(datetime.now().isoformat(timespec="minutes"), lang))]
    columns = [C("project", t("reporting.col.project", lang)), C("project_id", t("reporting.col.project_id", lang)),
               C("programme", t("reporting.f.programme", lang)), C("province", t("reporting.col.province", lang)),
               C("year", t("reporting.col.year", lang), "int"), C("status", t("reporting.col.status", lang)),
               C("periods", t("reporting.col.periods", lang)), C("workbook_dates", t("reporting.col.workbook_dates", lang)),
               C("loaded_at", t("reporting.col.loaded_at", lang)), C("loaded_by", t("reporting.col.loaded_by", lang)),
               C("files", t("reporting.col.files", lang)), C("budget_years", t("reporting.col.budget_years", lang)),
               C("reach_measures", t("reporting.col.reach_measures", lang)),
               C("outcome_indicators", t("reporting.col.outcome_indicators", lang)),
               C("refused_problems", t("reporting.col.refused_problems", lang), "int")]
    problem_columns = [C(k, t(f"reporting.col.{k}", lang)) for k in
                       ("project", "period", "file", "at", "user", "channel", "resolved", "sheet", "cell", "message",
                        "expected")]
    return [downloads.Sheet(t("reporting.sheet.tracker", lang), columns, export_rows(rows, data, lang), intro=intro),
            downloads.Sheet(t("reporting.sheet.refused", lang), problem_columns, problem_rows(refusals, data, lang),
                            intro=intro[:1])]
