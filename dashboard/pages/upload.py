"""Upload (`/upload`): a project's monitoring workbook, checked cell by cell, loaded when valid.

Only for logged-in users (dashboard/auth.py). The page has two halves:
- public (`login-*` ids): who is logged in, or a login link, or why upload is off. Its callback
  reads no workbook, so anonymous visitors may run it.
- protected (`upload-*` ids): the upload control, the validation report and the load button.
  The server refuses these callbacks without a login before they run (auth's guard), and each
  one checks `auth.current_user()` again before it touches a byte.

Checking uses the same code as `python -m etl load-report`: `validate_workbook` on the uploaded
bytes with the runtimes of the live warehouse (read-only), then `load_reports` on a temporary
copy of the bytes (atomic, archived, warehouse swapped; every page reads the new file next).
Every check is written to the attempts log (etl/reports/attempts.py); `load_reports` logs the load.
Messages about cells are in Dutch, as the workbook is.
"""
from __future__ import annotations

import base64
import binascii
import hashlib
import logging
import re
import tempfile
from pathlib import Path

import dash
import duckdb
from dash import Input, Output, State, callback, dcc, html
from dash.exceptions import PreventUpdate

from dashboard import auth, db
from dashboard import formatting as fmt
from dashboard.ui.components import plain_table, warehouse_notice
from dashboard.i18n import normalise_lang, t
from dashboard.urls import page_href
from etl.reports.contract import AGE_BANDS, REACH_MEASURES

log = logging.getLogger(__name__)

dash.register_page(
    __name__, path="/upload", name="Rapportering opladen", title="Rapportering opladen – Kinderarmoedemonitor",
    order=70, nav_key="nav.upload",
    description="Een rapporteringswerkmap van een project controleren en laden (na aanmelding).",
)

PATH = "/upload"
MAX_PROBLEMS_SHOWN = 500
XLSX_TYPES = ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
REACH_KEYS = REACH_MEASURES + AGE_BANDS


def layout(lang=None, **_query):
    """The frame only: who is logged in arrives through `_login_state`, so the layout holds nothing
    of a session (Dash caches the first layout it builds for callback validation)."""
    lang = normalise_lang(lang)
    return html.Div([
        html.H1(t("upload.title", lang)),
        html.P(t("upload.intro", lang), className="lead"),
        dcc.Store(id="login-lang", data=lang),
        html.Div(id="login-status", className="login-status"),
        html.Div(_upload_panel(lang), id="login-gate", hidden=True),
    ], id="upload-page", className="page upload")


def _upload_panel(lang: str) -> list:
    from etl.config import load_settings

    max_bytes = load_settings().reports_max_bytes
    choose = html.Section([
        html.H2(t("upload.choose.title", lang), id="upload-choose-heading"),
        dcc.Upload(
            html.Div([t("upload.drop", lang), " ", html.Span(t("upload.choose", lang), className="upload-choose-link")]),
            id="upload-file", accept=XLSX_TYPES, max_size=max_bytes, multiple=False,
            className="upload-drop", className_active="upload-drop is-active",
        ),
        html.P(t("upload.limits", lang, size=fmt.file_size(max_bytes, lang)), className="section-intro upload-limits"),
        html.P(t("upload.template", lang), className="section-intro"),
        html.Pre(html.Code("python -m etl template rapport.xlsx --project lbn-001"), className="command"),
    ], id="upload-choose", className="card", **{"aria-labelledby": "upload-choose-heading"})
    return [
        choose,
        dcc.Store(id="upload-validated"),
        dcc.Loading(html.Div(id="upload-report", **{"aria-live": "polite"}), delay_show=300),
        html.Div([
            html.Button(t("upload.load", lang), id="upload-load", type="button", className="button", disabled=True),
            html.P(t("upload.load.help", lang), className="section-intro"),
        ], className="upload-actions"),
        dcc.Loading(html.Div(id="upload-result", **{"aria-live": "polite"}), delay_show=300),
    ]


# ------------------------------------------------------------------------------ public half

@callback(Output("login-status", "children"), Output("login-gate", "hidden"), Input("login-lang", "data"))
def _login_state(lang):
    lang = normalise_lang(lang)
    state, user = auth.upload_state()
    if state == "user":
        return _user_bar(user, lang), False
    if state == "anonymous":
        return html.Div([
            html.P(t("login.required", lang)),
            html.A(t("login.link", lang), href=auth.login_href(page_href(PATH, lang), lang),
                   id="login-link", className="button-link"),
        ], className="notice login-prompt", id="login-prompt"), True
    key = "login.disabled" if state == "disabled" else "login.unavailable"
    return html.Div([
        html.H2(t("upload.off", lang)),
        html.P(t(key, lang)),
        html.Pre(html.Code(t("login.enable.command", lang)), className="command"),
    ], className="notice notice-warning", role="alert", id="login-disabled"), True


def _user_bar(user: auth.User, lang: str) -> html.Div:
    return html.Div([
        html.P(t("login.logged_in_as", lang, name=user.label), id="login-user", className="login-user"),
        html.Form([
            dcc.Input(type="hidden", name="csrf_token", value=auth.csrf_token()),
            dcc.Input(type="hidden", name="next", value=page_href(PATH, lang)),
            html.Button(t("login.logout", lang), type="submit", id="login-logout", className="button button-secondary"),
        ], method="POST", action="/logout", className="login-logout"),
    ], className="login-bar")


# --------------------------------------------------------------------------- protected half

def _not_logged_in(lang: str) -> html.Div:
    return html.Div([
        html.P(t("upload.session_ended", lang)),
        html.A(t("login.link", lang), href=auth.login_href(page_href(PATH, lang), lang), className="button-link"),
    ], className="notice notice-warning", role="alert", id="upload-not-logged-in")


@callback(
    Output("upload-report", "children"), Output("upload-load", "disabled"), Output("upload-validated", "data"),
    Output("upload-result", "children"),
    Input("upload-file", "contents"), State("upload-file", "filename"), State("login-lang", "data"),
    prevent_initial_call=True,
)
def _check(contents, filename, lang):
    lang = normalise_lang(lang)
    user = auth.current_user()
    if user is None:  # the guard refused this already; never read data for nobody
        return _not_logged_in(lang), True, None, None
    if not contents:
        raise PreventUpdate
    from etl.config import load_settings

    settings = load_settings()
    file_name = safe_file_name(filename)
    data = decode_upload(contents, settings.reports_max_bytes)
    if data is None:
        return _message("upload.unreadable", lang), True, None, None
    try:
        report, names = check_workbook(data, file_name, settings)
    except db.WarehouseError as exc:
        return warehouse_notice(exc, lang), True, None, None
    _record(settings, report, user)
    if not report.ok:
        return problems_view(report, lang), True, None, None
    return summary_view(report, names, lang), False, {"sha256": report.sha256, "file_name": file_name}, None


@callback(
    Output("upload-result", "children", allow_duplicate=True), Output("upload-load", "disabled", allow_duplicate=True),
    Input("upload-load", "n_clicks"), State("upload-file", "contents"), State("upload-file", "filename"),
    State("upload-validated", "data"), State("login-lang", "data"),
    prevent_initial_call=True,
)
def _load(n_clicks, contents, filename, validated, lang):
    lang = normalise_lang(lang)
    user = auth.current_user()
    if user is None:
        return _not_logged_in(lang), True
    if not n_clicks or not contents or not isinstance(validated, dict):
        raise PreventUpdate
    from etl.config import load_settings

    settings = load_settings()
    data = decode_upload(contents, settings.reports_max_bytes)
    if data is None or hashlib.sha256(data).hexdigest() != validated.get("sha256"):
        return _message("upload.changed", lang), True  # load exactly what was checked, or nothing
    return load_workbook(data, safe_file_name(filename), settings, user, lang), True


# ------------------------------------------------------------------------------ the work

def safe_file_name(name) -> str:
    """The upload's own name, reduced to a plain file name (it names the file in the ledger)."""
    base = re.split(r"[\\/]", str(name or ""))[-1]
    base = re.sub(r"[^\w.() -]", "_", base).strip(" .")[:120]
    return base or "upload.xlsx"


def decode_upload(contents: str, max_bytes: int) -> bytes | None:
    """The bytes of a dcc.Upload data URL; None when it is not one. Far too large: refused
    undecoded (the browser already stops files over the limit; this is for crafted requests)."""
    if not isinstance(contents, str) or "," not in contents:
        return None
    header, payload = contents.split(",", 1)
    if not header.startswith("data:") or ";base64" not in header:
        return None
    if len(payload) > (max_bytes + 1024) * 4 // 3 + 4:
        return None
    try:
        return base64.b64decode(payload, validate=True)
    except (binascii.Error, ValueError):
        return None


def read_projects(settings) -> tuple[dict, dict[str, str]]:
    """Runtimes (for the validator) and names of the projects, from the live warehouse, read-only."""
    from etl.reports.periods import runtimes_from_warehouse

    path = settings.warehouse_path
    if not path.is_file():
        raise db.WarehouseMissing(f"warehouse niet gevonden: {path}", path)
    try:
        con = duckdb.connect(str(path), read_only=True)
        try:
            runtimes = runtimes_from_warehouse(con)
            names = {str(pid): name for pid, name in con.execute("SELECT project_id, name FROM project").fetchall()}
        finally:
            con.close()
    except duckdb.Error as exc:
        raise db.WarehouseUnavailable(f"kan het warehouse niet openen: {exc}", path) from exc
    return runtimes, names


def check_workbook(data: bytes, file_name: str, settings):
    """The validation report of the uploaded bytes (writes nothing) and the project names."""
    from etl.reports.validate import validate_workbook

    runtimes, names = read_projects(settings)
    report = validate_workbook(data, projects=runtimes, max_bytes=settings.reports_max_bytes, file_name=file_name)
    return report, names


def _record(settings, report, user: auth.User) -> None:
    """One line in the attempts log per checked upload. A log that cannot be written is logged,
    not shown: the check itself is still right."""
    from etl.reports.attempts import record_attempt

    try:
        record_attempt(settings.reports_dir, file_name=report.file_name, sha256=report.sha256, user=user.name,
                       channel="upload", report=report, loaded=False)
    except OSError:
        log.exception("poging niet in het logboek geschreven: %s", report.file_name)


def load_workbook(data: bytes, file_name: str, settings, user: auth.User, lang: str):
    """Load the checked bytes through etl.reports.load (which validates again, under its lock)."""
    from etl.errors import EtlError
    from etl.reports.load import ReportsRejected, load_reports

    name = file_name if file_name.lower().endswith(".xlsx") else f"{file_name}.xlsx"
    try:
        with tempfile.TemporaryDirectory(prefix="kinderarmoede-upload-") as folder:
            path = Path(folder) / name
            path.write_bytes(data)
            summary = load_reports([path], settings, user=user.name, channel="upload")
    except ReportsRejected as exc:
        return [_message("upload.rejected", lang)] + [problems_view(r, lang) for r in exc.reports]
    except EtlError as exc:
        log.error("laden mislukt voor %s: %s", file_name, exc)
        return html.Div([html.P(t("upload.failed", lang)), html.P(html.Code(exc.describe()))],
                        className="notice notice-warning", role="alert", id="upload-failed")
    log.info("geladen via upload door %s: %s", user.name, file_name)
    return loaded_view(summary, lang)


# ------------------------------------------------------------------------------ views

def _message(key: str, lang: str, **values) -> html.Div:
    return html.Div(html.P(t(key, lang, **values)), className="notice notice-warning", role="alert",
                    id=f"upload-msg-{key.rsplit('.', 1)[-1]}")


def problems_view(report, lang: str) -> html.Div:
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
        measures = [t(f"upload.measure.{m}", lang) for m in REACH_KEYS if m in set(frame["measure"])]
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
