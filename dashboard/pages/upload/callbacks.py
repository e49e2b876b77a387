"""The upload page's callbacks. Public: `login_state` (reads no workbook). Protected (`upload-*` ids,
refused by auth's guard without a login): `check` and `load`, which check the login again themselves
before they touch a byte."""
from __future__ import annotations

import hashlib
import logging

from dash import Input, Output, State
from dash.exceptions import PreventUpdate

from dashboard import auth, db
from dashboard.i18n import normalise_lang
from dashboard.pages.upload import view, workbook
from dashboard.ui.callbacks import PageCallbacks
from dashboard.ui.components import warehouse_notice

log = logging.getLogger(__name__)
page = PageCallbacks()


@page.callback(Output("login-status", "children"), Output("login-gate", "hidden"), Input("login-lang", "data"))
def login_state(lang):
    lang = normalise_lang(lang)
    state, user = auth.upload_state()
    if state == "user":
        return view.user_bar(user, lang), False
    if state == "anonymous":
        return view.login_prompt(lang), True
    return view.upload_off(state, lang), True


@page.callback(
    Output("upload-report", "children"), Output("upload-load", "disabled"), Output("upload-validated", "data"),
    Output("upload-result", "children"),
    Input("upload-file", "contents"), State("upload-file", "filename"), State("login-lang", "data"),
    prevent_initial_call=True,
)
def check(contents, filename, lang):
    lang = normalise_lang(lang)
    user = auth.current_user()
    if user is None:  # the guard refused this already; never read data for nobody
        return view.not_logged_in(lang), True, None, None
    if not contents:
        raise PreventUpdate
    from etl.config import load_settings

    settings = load_settings()
    file_name = workbook.safe_file_name(filename)
    data = workbook.decode_upload(contents, settings.reports_max_bytes)
    if data is None:
        return view.message("upload.unreadable", lang), True, None, None
    try:
        report, names = workbook.check_workbook(data, file_name, settings)
    except db.WarehouseError as exc:
        return warehouse_notice(exc, lang), True, None, None
    workbook.record(settings, report, user)
    if not report.ok:
        return view.problems_view(report, lang), True, None, None
    return view.summary_view(report, names, lang), False, {"sha256": report.sha256, "file_name": file_name}, None


@page.callback(
    Output("upload-result", "children", allow_duplicate=True), Output("upload-load", "disabled", allow_duplicate=True),
    Input("upload-load", "n_clicks"), State("upload-file", "contents"), State("upload-file", "filename"),
    State("upload-validated", "data"), State("login-lang", "data"),
    prevent_initial_call=True,
)
def load(n_clicks, contents, filename, validated, lang):
    lang = normalise_lang(lang)
    user = auth.current_user()
    if user is None:
        return view.not_logged_in(lang), True
    if not n_clicks or not contents or not isinstance(validated, dict):
        raise PreventUpdate
    from etl.config import load_settings
    from etl.errors import EtlError
    from etl.reports.load import ReportsRejected

    settings = load_settings()
    data = workbook.decode_upload(contents, settings.reports_max_bytes)
    if data is None or hashlib.sha256(data).hexdigest() != validated.get("sha256"):
        return view.message("upload.changed", lang), True  # load exactly what was checked, or nothing
    file_name = workbook.safe_file_name(filename)
    try:
        summary = workbook.load(data, file_name, settings, user)
    except ReportsRejected as exc:
        return [view.message("upload.rejected", lang)] + [view.problems_view(r, lang) for r in exc.reports], True
    except EtlError as exc:
        log.error("laden mislukt voor %s: %s", file_name, exc)
        return view.failed(exc.describe(), lang), True
    return view.loaded_view(summary, lang), True
