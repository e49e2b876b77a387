"""The profile's callbacks: the municipality chooser, the content, the address bar, print, the
charts (drawn one per task), the downloads and the chart tables (filled when opened)."""
from __future__ import annotations

from dash import MATCH, ClientsideFunction, Input, Output, State, ctx, no_update

from dashboard import db
from dashboard.i18n import normalise_lang, t
from dashboard.pages.profile import exports, layout, update
from dashboard.profile_data import indicator_rows, load, municipality_options
from dashboard.queries import profile as qp
from dashboard.ui import printing, vintages
from dashboard.ui.callbacks import PageCallbacks
from dashboard.ui.components import warehouse_notice
from dashboard.urls import valid_nis, with_query

page = PageCallbacks()

DOWNLOAD_FORMATS = {"profile-csv": "csv", "profile-xlsx": "xlsx"}


@page.callback(Output("profile-nis", "options"), Output("profile-nis", "value"),
               Input("profile-lang", "data"), State("profile-raw-nis", "data"))
def fill_options(lang, raw):
    """The 304 municipalities and the URL's choice, set together: the dropdown mounts without a value,
    because a Dash 4 dropdown that mounts with a value its still empty options lack resets it to None,
    sometimes after this answer has landed."""
    try:
        with db.reader() as r:
            muns = qp.per_build(r, qp.municipalities)
    except db.WarehouseError:
        return [], no_update
    code = vintages.current(valid_nis(raw))[0]  # an older code (2018, 2019): its 2025 municipality
    return municipality_options(muns, normalise_lang(lang)), code if code in set(muns["nis_code"]) else None


@page.callback(Output("profile-content", "children"), Output("profile-title", "children"),
               Output("profile-shown", "data"),
               Input("profile-nis", "value"), Input("profile-lang", "data"), State("profile-raw-nis", "data"),
               State("profile-shown", "data"))
def fill_content(nis, lang, raw, shown):
    """The content; after another choice, when the browser shows content of the same skeleton, only
    what differs (update.py): the page and its charts stay mounted."""
    content, title = render(nis or raw, normalise_lang(lang))
    skeleton = update.skeleton(content)
    if skeleton is not None and skeleton == shown:
        return update.changes(content), title, no_update
    return content, title, skeleton


def render(nis, lang: str):
    """(content, title) for a `nis` from the URL or the dropdown."""
    if nis in (None, "") or (isinstance(nis, (list, tuple)) and not nis):
        return layout.notice("profile.none.title", "profile.none.body", lang, "profile-none"), t("profile.title", lang)
    code = vintages.current(valid_nis(nis))[0]  # an older code is shown as its 2025 municipality, as on every page
    try:
        data = load(code) if code else {"status": "unknown", "nis": str(nis), "successor": None}
    except db.WarehouseError as exc:
        return warehouse_notice(exc, lang), t("profile.title", lang)
    if data["status"] == "unknown":
        return layout.unknown(data, nis, lang), t("profile.title", lang)
    return layout.content(data, indicator_rows(data, lang), lang), data["mun"]["name_nl"]


@page.callback(Output("app-url", "search", allow_duplicate=True),
               Input("profile-nis", "value"), State("app-url", "search"), prevent_initial_call=True)
def sync_url(nis, search):
    """The chosen municipality into the address bar (no reload), so the language switch follows."""
    if not nis:
        return no_update
    new = with_query("", search, nis=nis)
    return new if new != (search or "") else no_update


printing.register(page, "profile")


# The charts' graphs into their slots, one per task of the browser (assets/staged_charts.js, layout.charts):
# the graphs go in with dash_clientside.set_props; the output is never updated.
page.clientside_callback(ClientsideFunction("staged_charts", "draw"),
                         Output({"type": "profile-charts-drawn", "nis": MATCH}, "children"),
                         Input({"type": "profile-charts", "nis": MATCH}, "data"))


@page.callback(Output("profile-download", "data"), Input("profile-csv", "n_clicks"), Input("profile-xlsx", "n_clicks"),
               State("profile-nis", "value"), State("profile-lang", "data"), prevent_initial_call=True)
def download(_csv, _xlsx, nis, lang):
    fmt_name = DOWNLOAD_FORMATS.get(ctx.triggered_id)
    sent = exports.send(fmt_name, nis, normalise_lang(lang)) if fmt_name else None
    return no_update if sent is None else sent


@page.callback(Output({"type": "profile-chart-table-box", "indicator": MATCH}, "children"),
               Input({"type": "profile-chart-details", "indicator": MATCH}, "n_clicks"),
               State({"type": "profile-chart-table-box", "indicator": MATCH}, "children"),
               State("profile-nis", "value"), State("profile-lang", "data"), prevent_initial_call=True)
def fill_chart_table(_clicks, filled, nis, lang):
    if filled:  # a click inside the open table
        return no_update
    lang = normalise_lang(lang)
    code = valid_nis(nis)
    trigger = ctx.triggered_id
    try:
        data = load(code) if code else None
    except db.WarehouseError as exc:
        return warehouse_notice(exc, lang)
    if not data or data["status"] != "ok" or not isinstance(trigger, dict):
        return no_update
    row = next((r for r in indicator_rows(data, lang) if r["indicator_id"] == trigger["indicator"]), None)
    return layout.chart_table(data, row, lang) if row else no_update
