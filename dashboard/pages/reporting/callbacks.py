"""The reporting tracker's callbacks: the table, the count and the refused attempts follow the
filters, the filters write the URL back, and one download callback sends CSV or Excel."""
from __future__ import annotations

from dash import Input, Output, State, ctx, no_update

from dashboard import db
from dashboard.i18n import normalise_lang
from dashboard.pages.reporting import exports, layout, view
from dashboard.ui.callbacks import PageCallbacks
from dashboard.ui.components import warehouse_notice
from dashboard.urls import with_query

page = PageCallbacks()
FILTER_INPUTS = [Input(f"reporting-{name}", "value") for name in view.FILTERS]
FILTER_STATES = [State(f"reporting-{name}", "value") for name in view.FILTERS]
FORMAT_OF_BUTTON = {"reporting-csv": "csv", "reporting-xlsx": "xlsx"}


@page.callback(Output("reporting-table-box", "children"), Output("reporting-count", "children"),
               Output("reporting-refused-box", "children"), *FILTER_INPUTS, Input("reporting-lang", "data"))
def fill(programme, province, status, lang):
    lang = normalise_lang(lang)
    try:
        data, rows, refusals = view.tracker(programme, province, status)
    except db.WarehouseError as exc:
        return warehouse_notice(exc, lang), None, None
    chosen = {"programme": programme, "province": province, "status": status}
    return (layout.table_or_empty(rows, data, lang, chosen), view.count_text(data, rows, lang),
            layout.refused_section(refusals, data, lang))


@page.callback(Output("app-url", "search", allow_duplicate=True), *FILTER_INPUTS,
               State("app-url", "search"), State("app-url", "pathname"), prevent_initial_call=True)
def sync_url(programme, province, status, search, pathname):
    if pathname and not pathname.rstrip("/").endswith("/rapportering"):
        return no_update
    new = with_query("", search, programme=programme, province=province, status=status)
    return new if new != (search or "") else no_update


@page.callback(Output("reporting-download", "data"),
               Input("reporting-csv", "n_clicks"), Input("reporting-xlsx", "n_clicks"), *FILTER_STATES,
               State("reporting-lang", "data"), prevent_initial_call=True)
def download(_csv_clicks, _xlsx_clicks, programme, province, status, lang):
    fmt_name = FORMAT_OF_BUTTON.get(ctx.triggered_id)
    if fmt_name is None or not ctx.triggered[0].get("value"):
        return no_update
    lang = normalise_lang(lang)
    sheets = exports.export_sheets(programme, province, status, lang)
    if sheets is None:
        return no_update
    return exports.send(fmt_name, sheets, lang)
