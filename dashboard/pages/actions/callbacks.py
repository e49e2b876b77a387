"""The action plan's callbacks: the filter options from one build, the content for the search, the URL
kept in step, and the downloads (one callback per table, the format from the button pressed)."""
from __future__ import annotations

from dash import MATCH, Input, Output, State, ctx, no_update

from dashboard import db
from dashboard.i18n import normalise_lang
from dashboard.pages.actions import exports, layout, view
from dashboard.ui.callbacks import PageCallbacks
from dashboard.ui.components import warehouse_notice
from dashboard.urls import with_query

page = PageCallbacks()

FORMAT_OF_BUTTON = {"actions-csv": "csv", "actions-xlsx": "xlsx",
                    "actions-chart-csv": "csv", "actions-chart-xlsx": "xlsx"}


@page.callback(Output("actions-right", "options"), Output("actions-right", "value"),
               Output("actions-minister", "options"), Output("actions-minister", "value"),
               Input("actions-lang", "data"), State("actions-initial", "data"))
def options(lang, initial):
    """Options and the URL's choices together (a Dash 4 dropdown drops a value its options lack)."""
    initial = initial or {}
    try:
        data = view.load()
    except db.WarehouseError:
        return [], None, [], None
    rights = view.group_options(data["actions"], "right_code", "right_label", lang)
    ministers = view.group_options(data["actions"], "minister_code", "minister_name", lang)
    right = initial.get("right") if initial.get("right") in {o["value"] for o in rights} else None
    minister = initial.get("minister") if initial.get("minister") in {o["value"] for o in ministers} else None
    return rights, right, ministers, minister


@page.callback(Output("actions-content", "children"), Output("actions-summary", "children"),
               Input("actions-search", "value"), Input("actions-right", "value"), Input("actions-minister", "value"),
               Input("actions-lang", "data"))
def fill(text, right, minister, lang):
    return render(text, right, minister, normalise_lang(lang))


def render(text, right, minister, lang: str):
    """(content, summary) for the search box, right and minister."""
    try:
        data = view.load()
    except db.WarehouseError as exc:
        return warehouse_notice(exc, lang), None
    text = view.search_text(text)
    rows = view.found(data, text, right, minister)
    return (layout.content(rows, data, text, right, minister, lang),
            layout.summary(view.summary_numbers(rows, data), lang, view.filters_text(text, right, minister, data, lang)))


@page.callback(Output("app-url", "search", allow_duplicate=True),
               Input("actions-search", "value"), Input("actions-right", "value"), Input("actions-minister", "value"),
               State("app-url", "search"), State("app-url", "pathname"), prevent_initial_call=True)
def sync_url(text, right, minister, search, pathname):
    if pathname and not pathname.rstrip("/").endswith("/actieplan"):
        return no_update
    new = with_query("", search, q=view.search_text((text or "").strip()) or None, right=right or None,
                     minister=minister or None)
    return new if new != (search or "") else no_update


@page.callback(Output("actions-download", "data"),
               Input("actions-csv", "n_clicks"), Input("actions-xlsx", "n_clicks"),
               State("actions-search", "value"), State("actions-right", "value"), State("actions-minister", "value"),
               State("actions-lang", "data"), prevent_initial_call=True)
def download_actions(n_csv, n_xlsx, text, right, minister, lang):
    file_format = FORMAT_OF_BUTTON.get(ctx.triggered_id)
    if file_format is None or not (n_csv or n_xlsx):
        return no_update
    sent = exports.send_actions(file_format, text, right, minister, normalise_lang(lang))
    return no_update if sent is None else sent


@page.callback(Output({"type": "actions-chart-download", "chart": MATCH}, "data"),
               Input({"type": "actions-chart-csv", "chart": MATCH}, "n_clicks"),
               Input({"type": "actions-chart-xlsx", "chart": MATCH}, "n_clicks"),
               State("actions-search", "value"), State("actions-right", "value"), State("actions-minister", "value"),
               State("actions-lang", "data"), prevent_initial_call=True)
def download_chart(n_csv, n_xlsx, text, right, minister, lang):
    trigger = ctx.triggered_id
    if not isinstance(trigger, dict) or not (n_csv or n_xlsx):
        return no_update
    sent = exports.send_chart(FORMAT_OF_BUTTON[trigger["type"]], trigger["chart"], text, right, minister,
                              normalise_lang(lang))
    return no_update if sent is None else sent
