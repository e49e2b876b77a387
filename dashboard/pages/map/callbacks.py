"""The map page's callbacks (declared once, registered for every app by page.py).

- `setup`: once per page view, the options, the checked state and the whole figure.
- `change_view` (body `update`): every change of a control sends a patch of the figure, the legend,
  the selection, the networks note and the URL (written to the shell's `dcc.Location` `app-url`,
  refresh=False, so the address changes without re-rendering the page and the language switch keeps
  the view).
- `show_table`: the table alternative, built only when shown (then kept in step with the view).
- `download`: the view as CSV or Excel (exports.py).
- client side: play through the years, and a click on a municipality opens its profile.
"""
from __future__ import annotations

import json
from urllib.parse import parse_qsl

from dash import ALL, Input, Output, State, ctx, html, no_update

from dashboard import db
from dashboard import formatting as fmt
from dashboard.i18n import normalise_lang, t
from dashboard.pages.map import exports, figures, layout
from dashboard.pages.map import view as vm
from dashboard.pages.map.state import OVERLAY_OFF, parse_state, state_query
from dashboard.queries import map as qm
from dashboard.ui import vintages
from dashboard.ui.callbacks import PageCallbacks
from dashboard.ui.components import warehouse_notice
from dashboard.ui.downloads import send_table
from dashboard.ui.links import PROFILE_PATH

page = PageCallbacks()

DOWNLOAD_FORMATS = {"map-csv": "csv", "map-xlsx": "xlsx"}
PRESENTING = ("present", "1")  # the shell's presentation mode: not the map's state, but kept in the URL


def _base_or_notice(lang: str):
    try:
        return qm.base(), None
    except db.WarehouseError as exc:
        return None, warehouse_notice(exc, lang)


@page.callback(
    Output("map-notice", "children"),
    Output("map-indicator", "options"), Output("map-indicator", "value"),
    Output("map-overlay", "options"), Output("map-overlay", "value"),
    Output("map-search", "options"), Output("map-search", "value"),
    Output("map-year", "min"), Output("map-year", "max"), Output("map-year", "marks"), Output("map-year", "value"),
    Output("map-graph", "figure"),
    Input("map-request", "data"),
)
def setup(request):
    """Once per page view: the options, the checked state and the whole figure."""
    state = parse_state(**(request or {}))
    lang = state["lang"]
    base, notice = _base_or_notice(lang)
    if base is None:
        return (notice, [], None, no_update, no_update, [], None, 0, 1, {}, None, figures.empty_figure())
    ind = vm.indicator_row(base, state["indicator"])
    if ind is None:
        return (html.P(t("map.no_indicators", lang), className="empty"), [], None, no_update, no_update,
                [], None, 0, 1, {}, None, figures.empty_figure())
    state["indicator"] = ind["indicator_id"]
    state["year"] = vm.resolve_year(ind, state["year"])
    overlay_options = vm.overlay_options(base, lang)
    if state["overlay"] not in {o["value"] for o in overlay_options}:
        state["overlay"] = OVERLAY_OFF
    state["nis"] = vintages.current(state["nis"])[0]  # an older code (2018, 2019): its 2025 municipality
    if state["nis"] not in set(base["municipalities"]["nis_code"]):
        state["nis"] = None
    v = vm.view(base, state)
    mn, mx, marks, year = vm.year_props(ind, state["year"])
    return (None, vm.indicator_options(base, lang), state["indicator"], overlay_options, state["overlay"],
            vm.search_options(base, lang), state["nis"], mn, mx, marks, year, figures.figure(base, state, v))


@page.callback(
    Output("map-graph", "figure", allow_duplicate=True),
    Output("map-legend", "children"),
    Output("map-selection", "children"),
    Output("map-networks-note", "children"),
    Output("map-year", "min", allow_duplicate=True), Output("map-year", "max", allow_duplicate=True),
    Output("map-year", "marks", allow_duplicate=True), Output("map-year", "value", allow_duplicate=True),
    Output("app-url", "search", allow_duplicate=True),
    Input("map-indicator", "value"), Input("map-year", "value"), Input("map-scheme", "value"),
    Input("map-k", "value"), Input("map-overlay", "value"), Input("map-search", "value"),
    State("map-request", "data"), State("app-url", "search"),
    prevent_initial_call=True,
)
def change_view(indicator, year, scheme, k, overlay, nis, request, search):
    """Every change of the view: a patch of the figure, the panels and the URL. Several controls set
    at once (the setup's answer) count as no single trigger: everything is sent."""
    one_trigger = ctx and len(ctx.triggered_prop_ids) == 1
    return update(indicator, year, scheme, k, overlay, nis, (request or {}).get("lang"), search,
                  ctx.triggered_id if one_trigger else None)


def update(indicator, year, scheme, k, overlay, nis, lang, search, trigger=None):
    """The body of `change_view` (the benchmark calls it directly)."""
    lang = normalise_lang(lang)
    if not indicator:
        return (no_update,) * 9
    base, _notice = _base_or_notice(lang)
    if base is None:
        return (no_update,) * 9
    state = parse_state(indicator, year, scheme, k, overlay, nis, lang)
    ind = vm.indicator_row(base, state["indicator"])
    if ind is None:
        return (no_update,) * 9
    state["indicator"] = ind["indicator_id"]
    resolved = vm.resolve_year(ind, state["year"])
    year_changed = resolved != state["year"]
    state["year"] = resolved
    v = vm.view(base, state)
    slider = (no_update,) * 4
    if trigger in ("map-indicator", None) or year_changed:
        slider = vm.year_props(ind, state["year"])
    # Panels that cannot have changed are left as they are (every output sent is a store update that
    # revisits every component of the page): the selection stays empty while no municipality is
    # searched, the networks note changes with the overlay only.
    selection = (no_update if not state["nis"] and trigger not in ("map-search", None)
                 else layout.selection_panel(base, v, state))
    note = layout.networks_note(base, state) if trigger in ("map-overlay", None) else no_update
    return (figures.patch(base, state, v, trigger), layout.legend(v, state), selection, note, *slider,
            _new_search(state, ind, search, vm.default_id(base)))


def _new_search(state: dict, ind: dict, search: str | None, default: str | None):
    """The URL query of the view, or no_update when the address says it already (or is still the
    bare `/` of the default view)."""
    current = dict(parse_qsl((search or "").lstrip("?")))
    query = state_query(state)
    if current.get(PRESENTING[0]) == PRESENTING[1]:
        query += "&" + "=".join(PRESENTING)
    at_default = (not current and state["indicator"] == default and state["year"] == vm.years_of(ind)[-1]
                  and state_query({**state, "year": None}) == f"?indicator={default}")
    return no_update if at_default or current == dict(parse_qsl(query.lstrip("?"))) else query


@page.callback(
    Output("map-table-box", "hidden"), Output("map-table-toggle", "aria-expanded"),
    Output("map-table-toggle", "children"),
    Output("map-table-data", "data"),
    Output({"type": "map-sort-th", "col": ALL}, "aria-sort"),
    Output({"type": "map-sort-arrow", "col": ALL}, "children"),
    Output("map-table-sort", "data"),
    Input("map-table-toggle", "n_clicks"), Input("map-indicator", "value"), Input("map-year", "value"),
    Input({"type": "map-sort", "col": ALL}, "n_clicks"),
    State("map-table-sort", "data"), State("map-request", "data"),
    prevent_initial_call=True,
)
def show_table(toggles, indicator, year, _sorts, sort, request):
    """The table alternative: shown or hidden by the toggle, sorted by a header button."""
    lang = normalise_lang((request or {}).get("lang"))
    shown = bool(toggles) and toggles % 2 == 1
    button = t("map.table.hide" if shown else "map.table.show", lang)
    n = len(vm.TABLE_COLUMNS)
    if not shown and ctx.triggered_id != "map-table-toggle":  # a new view while the table is hidden: nothing to do
        return (no_update,) * 4 + ([no_update] * n, [no_update] * n, no_update)
    if not shown:
        return True, "false", button, no_update, [no_update] * n, [no_update] * n, no_update
    sort = sort or {"key": "rank", "asc": True}
    trigger = ctx.triggered_id
    if isinstance(trigger, dict) and trigger.get("type") == "map-sort":
        key = trigger["col"]
        sort = {"key": key, "asc": not sort["asc"] if sort.get("key") == key else True}
    aria, arrows = layout.sort_state(sort)
    return False, "true", button, table_data(indicator, year, sort, lang), aria, arrows, sort


def table_data(indicator, year, sort: dict, lang: str) -> dict:
    """The table's rows (layout.table_data) and caption for a view, as DRAW_TABLE draws them."""
    base, _notice = _base_or_notice(lang)
    if base is None:
        return {"rows": [], "caption": ""}
    ind, year, rows = vm.table_view(base, indicator, year, sort, lang)
    if ind is None:
        return {"rows": [], "caption": ""}
    caption = t("map.table.caption", lang, indicator=vm.indicator_name(ind, lang), year=year,
                n=fmt.integer(sum(not fmt.is_missing(r["value"]) for r in rows), lang))
    return {"rows": layout.table_data(ind, rows, base["code_names"], lang), "caption": caption}


# Draws the table's rows as plain DOM into its body (Dash renders it empty and never touches it
# again) with the shared row drawer, assets/row_tables.js: links followed in the page, text as text;
# the caption is sent only when it changes (each output sent is a store update).
DRAW_TABLE = """
function(data, caption) {
    if (!data) { return window.dash_clientside.no_update; }
    window.dash_clientside.row_tables.draw("map-table-body", data.rows, {cls: CLASSES});
    return data.caption === caption ? window.dash_clientside.no_update : data.caption;
}
""".replace("CLASSES", json.dumps(layout.TABLE_CELL_CLASSES))

page.clientside_callback(DRAW_TABLE, Output("map-table-caption", "children"),
                         Input("map-table-data", "data"), State("map-table-caption", "children"))


@page.callback(Output("map-download", "data"), Input("map-csv", "n_clicks"), Input("map-xlsx", "n_clicks"),
               State("map-indicator", "value"), State("map-year", "value"), State("map-scheme", "value"),
               State("map-k", "value"), State("map-overlay", "value"), State("map-request", "data"),
               prevent_initial_call=True)
def download(n_csv, n_xlsx, indicator, year, scheme, k, overlay, request):
    """The view as CSV or Excel, by the button pressed."""
    file_format = DOWNLOAD_FORMATS.get(ctx.triggered_id)
    if file_format is None or not (n_csv or n_xlsx):
        return no_update
    lang = normalise_lang((request or {}).get("lang"))
    out = exports.export(indicator, year, scheme, k, overlay, lang)
    if out is None:
        return no_update
    parts, sheets = out
    return send_table(file_format, sheets, *parts, lang=lang)


# Play: the button starts and stops; every tick steps the year slider along its marks and
# stops at the last year (which sends the usual update for each year).
page.clientside_callback(
    """function(clicks, playing, marks, value) {
        const nu = window.dash_clientside.no_update;
        const years = Object.keys(marks || {}).map(Number).sort((a, b) => a - b);
        const start = !playing;
        let next = nu;
        if (start && years.length && value === years[years.length - 1]) { next = years[0]; }
        return [!start, start ? "true" : "false", start, next];
    }""",
    Output("map-play-interval", "disabled"), Output("map-play", "aria-pressed"),
    Output("map-playing", "data"), Output("map-year", "value", allow_duplicate=True),
    Input("map-play", "n_clicks"),
    State("map-playing", "data"), State("map-year", "marks"), State("map-year", "value"),
    prevent_initial_call=True,
)

page.clientside_callback(
    """function(n, playing, marks, value) {
        const nu = window.dash_clientside.no_update;
        const years = Object.keys(marks || {}).map(Number).sort((a, b) => a - b);
        const i = years.indexOf(value);
        if (!playing || i < 0 || i >= years.length - 1) { return [true, "false", false, nu]; }
        const last = i + 1 === years.length - 1;
        return [last, last ? "false" : "true", !last, years[i + 1]];
    }""",
    Output("map-play-interval", "disabled", allow_duplicate=True),
    Output("map-play", "aria-pressed", allow_duplicate=True),
    Output("map-playing", "data", allow_duplicate=True), Output("map-year", "value", allow_duplicate=True),
    Input("map-play-interval", "n_intervals"),
    State("map-playing", "data"), State("map-year", "marks"), State("map-year", "value"),
    prevent_initial_call=True,
)

# The map's fill follows a new year from feature states, without plotly redrawing the map
# (assets/map_repaint.js; the figure keeps its `datarevision`, figures.revision).
page.clientside_callback(
    """function(_figure) {
        window.dash_clientside.map_repaint.watch("map-graph");
        return window.dash_clientside.no_update;
    }""",
    Output("map-notice", "title", allow_duplicate=True),
    Input("map-graph", "figure"),
    prevent_initial_call=True,
)

# A click on a municipality opens its profile (a client-side navigation, like dcc.Link), with the
# same address as ui.links.profile_href: `?nis=` in Dutch, `?nis=&lang=en` in English.
page.clientside_callback(
    """function(click, search) {
        if (!click || !click.points || !click.points.length) { return window.dash_clientside.no_update; }
        const p = click.points[0];
        const nis = p.location;
        if (!nis || !/^[0-9]{5}$/.test(String(nis))) { return window.dash_clientside.no_update; }
        const lang = new URLSearchParams(search || "").get("lang") === "en" ? "&lang=en" : "";
        const href = PROFILE_PATH + "?nis=" + encodeURIComponent(nis) + lang;
        window.history.pushState({}, "", href);
        window.dispatchEvent(new CustomEvent("_dashprivate_pushstate"));
        window.scrollTo(0, 0);
        return window.dash_clientside.no_update;
    }""".replace("PROFILE_PATH", json.dumps(PROFILE_PATH)),
    Output("map-notice", "title"),
    Input("map-graph", "clickData"), State("app-url", "search"),
    prevent_initial_call=True,
)
