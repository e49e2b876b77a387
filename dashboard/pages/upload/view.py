"""What the upload callbacks show: who is logged in, the problems of a refused workbook (file, sheet,
cell, what is wrong, what was expected), what loading a valid one would add, and what was loaded.
Messages about cells are in Dutch, as the workbook is."""
from __future__ import annotations

from dash import dcc, html

from dashboard import auth, monitoring
from dashboard import formatting as fmt
from dashboard.i18n import t
from dashboard.pages.upload.layout import PATH
from dashboard.ui.components import plain_table
from dashboard.urls import page_href

MAX_PROBLEMS_SHOWN = 500


# ------------------------------------------------------------------------------- login

def user_bar(user: auth.User, lang: str) -> html.Div:
    return html.Div([
        html.P(t("login.logged_in_as", lang, name=user.label), id="login-user", className="login-user"),
        html.Form([
            dcc.Input(type="hidden", name="csrf_token", value=auth.csrf_token()),
            dcc.Input(type="hidden", name="next", value=page_href(PATH, lang)),
            html.Button(t("login.logout", lang), type="submit", id="login-logout", className="button button-secondary"),
        ], method="POST", action="/logout", className="login-logout"),
    ], className="login-bar")


def login_prompt(lang: str) -> html.Div:
    return html.Div([
        html.P(t("login.required", lang)),
        html.P(t("upload.who", lang)),
        html.A(t("login.link", lang), href=auth.login_href(page_href(PATH, lang), lang),
               id="login-link", className="button-link"),
    ], className="notice login-prompt", id="login-prompt")


def upload_off(state: str, lang: str) -> html.Div:
    """That upload is off: no users file configured (`disabled`) or it cannot be read. In words only:
    a visitor reads this page; the commands and settings that switch it on are the administrator's."""
    key = "upload.off.disabled" if state == "disabled" else "upload.off.unavailable"
    return html.Div([
        html.H2(t("upload.off", lang)),
        html.P(t(key, lang)),
        html.P(t("upload.who", lang)),
    ], className="notice notice-warning", role="alert", id="login-disabled")


def not_logged_in(lang: str) -> html.Div:
    return html.Div([
        html.P(t("upload.session_ended", lang)),
        html.A(t("login.link", lang), href=auth.login_href(page_href(PATH, lang), lang), className="button-link"),
    ], className="notice notice-warning", role="alert", id="upload-not-logged-in")


# ------------------------------------------------------------------------------ results

def message(key: str, lang: str, **values) -> html.Div:
    return html.Div(html.P(t(key, lang, **values)), className="notice notice-warning", role="alert",
                    id=f"upload-msg-{key.rsplit('.', 1)[-1]}")


def failed(description: str, lang: str) -> html.Div:
    return html.Div([html.P(t("upload.failed", lang)), html.P(html.Code(description))],
                    className="notice notice-warning", role="alert", id="upload-failed")


def problems_view(report, lang: str) -> html.Section:
    """Every problem of the workbook: file, sheet, cell, what is wrong, what was expected."""
    shown = report.problems[:MAX_PROBLEMS_SHOWN]
    rows = [{"file": p.file, "sheet": p.sheet or t("upload.whole_file", lang),
             "cell": p.cell or (t("upload.whole_sheet", lang) if p.sheet else t("upload.whole_file", lang)),
             "message": p.message, "expected": p.expected} for p in shown]
    columns = [{"key": key, "label": t(f"upload.col.{key}", lang), "kind": "text"}
               for key in ("file", "sheet", "cell", "message", "expected")]
    children = [
        html.H2(t("upload.invalid.title", lang, file=report.file_name)),
        html.P(t("upload.invalid", lang, n=fmt.integer(len(report.problems), lang)), className="upload-verdict"),
    ]
    if lang == "en":
        children.append(html.P(t("upload.messages_dutch", lang), className="section-intro"))
    if len(report.problems) > len(shown):
        children.append(html.P(t("upload.problems_cut", lang, shown=fmt.integer(len(shown), lang),
                                 n=fmt.integer(len(report.problems), lang)), className="section-intro"))
    children.append(plain_table("upload-problems", columns, rows, lang, t("upload.problems.caption", lang)))
    return html.Section(children, className="card upload-invalid", id="upload-invalid")


def _list(items) -> html.Ul | str:
    items = list(items)
    return html.Ul([html.Li(i) for i in items], className="upload-list") if items else fmt.MISSING


def summary_view(report, names: dict[str, str], lang: str) -> html.Section:
    """What loading would add: project, period, budget years, reach measures, outcome indicators."""
    project = report.project_id
    if names.get(project):
        project = f"{project} – {names[project]}"
    years = sorted({int(y) for y in report.budget["year"]})
    reach = []
    for period, frame in report.reach.groupby("period", sort=True):
        measures = [t(f"upload.measure.{m}", lang) for m in monitoring.MEASURES if m in set(frame["measure"])]
        reach.append(f"{period}: {', '.join(measures)}")
    outcomes = []
    for indicator, frame in report.outcome.groupby("indicator", sort=False):
        outcomes.append(f"{indicator} ({', '.join(sorted(frame['period']))})")
    rows = [
        ("project", project),
        ("period", report.period),
        ("report_date", fmt.date_text(report.report_date, lang) if report.report_date else fmt.MISSING),
        ("budget", ", ".join(str(y) for y in years) or fmt.MISSING),
        ("reach", _list(reach)),
        ("outcome", _list(outcomes)),
    ]
    table = html.Table([
        html.Caption(t("upload.summary.caption", lang)),
        html.Tbody([html.Tr([html.Th(t(f"upload.summary.{key}", lang), scope="row"), html.Td(value)])
                    for key, value in rows]),
    ], className="data-table upload-summary", id="upload-summary")
    counts = t("upload.summary.counts", lang, budget=fmt.integer(len(report.budget), lang),
               reach=fmt.integer(len(report.reach), lang), outcome=fmt.integer(len(report.outcome), lang))
    return html.Section([
        html.H2(t("upload.valid.title", lang, file=report.file_name)),
        html.P(t("upload.valid", lang), className="upload-verdict"),
        table,
        html.P(counts, className="section-intro"),
    ], className="card upload-valid", id="upload-valid")


def loaded_view(summary, lang: str) -> html.Div:
    lines = []
    for entry, rows in summary.loaded:
        lines.append(html.P(t("upload.loaded", lang, report=entry.report_id, project=entry.project_id,
                              period=entry.period, budget=fmt.integer(rows.get("project_budget", 0), lang),
                              reach=fmt.integer(rows.get("project_reach", 0), lang),
                              outcome=fmt.integer(rows.get("project_outcome", 0), lang))))
    for _file_name, report_id in summary.unchanged:
        lines.append(html.P(t("upload.unchanged", lang, report=report_id)))
    return html.Div(lines, className="notice upload-done", role="status", id="upload-done")
