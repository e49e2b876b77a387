"""The need page's callbacks, declared once on `page` and registered for every app by page.py.

Each section has its own callback, so a threshold moves only the scatter or only the shortlist;
what depends on the indicator, year and split rule alone (the rule box, the spread, the curve) is
cached per build. The controls are written back to the shell's `app-url` without a reload.
"""
from __future__ import annotations

import json
from functools import lru_cache

from dash import Input, Output, State, ctx, html, no_update

from dashboard import db, need
from dashboard import formatting as fmt
from dashboard.i18n import normalise_lang, t
from dashboard.pages.need import exports, figures, layout, view
from dashboard.pages.need.state import (
    CONTROLS,
    DEFAULT_GAP_MODE,
    DEFAULT_REGION,
    GAP_MODES,
    PATH,
    parse_state,
    url_changes,
    valid_region,
)
from dashboard.queries import need as qn
from dashboard.ui import downloads, printing
from dashboard.ui.callbacks import PageCallbacks
from dashboard.ui.components import warehouse_notice
from dashboard.ui.links import PROFILE_PATH
from dashboard.urls import with_query

page = PageCallbacks()
printing.register(page, "need")  # assets/print_page.js: the held charts and the map drawn first

VIEW = [Input("need-indicator", "value"), Input("need-year", "value"), Input("need-rule", "value")]


@page.callback(Output("need-notice", "children"), Output("need-indicator", "options"),
               Output("need-indicator", "value"), Output("need-years-of", "data"),
               Input("need-lang", "data"), State("need-initial", "data"))
def setup(lang, initial):
    """The indicators that can express need (options and value at once) and the years of each (for
    YEARS, in the browser), or why there are none."""
    lang = normalise_lang(lang)
    try:
        base = qn.base()
    except db.WarehouseError as exc:
        return warehouse_notice(exc, lang), [], None, None
    usable = view.need_indicators(base)
    if not usable:
        return html.P(t("need.no_indicators", lang), className="notice"), [], None, None
    options = [{"label": view.indicator_label(row, lang), "value": key} for key, row in usable.items()]
    ind, _year = view.resolve(base, (initial or {}).get("indicator"), None)
    return None, options, ind["indicator_id"], {key: view.years_of(row) for key, row in usable.items()}


# The chosen indicator's years, latest first; the year kept when the new indicator has it, else the
# one of the address, else the latest. In the browser: a round trip to the server before the view's
# own callbacks could start was about a fifth of an indicator change.
YEARS = """
function(indicator, yearsOf, current, initial) {
    var years = (yearsOf && indicator && yearsOf[indicator]) || [];
    if (!years.length) { return [[], null]; }
    var wanted = years.indexOf(current) >= 0 ? current : (initial || {}).year;
    var options = years.slice().reverse().map(function(y) { return {label: String(y), value: y}; });
    return [options, years.indexOf(wanted) >= 0 ? wanted : years[years.length - 1]];
}
"""

page.clientside_callback(YEARS, Output("need-year", "options"), Output("need-year", "value"),
                         Input("need-indicator", "value"), Input("need-years-of", "data"),
                         State("need-year", "value"), State("need-initial", "data"))


@lru_cache(maxsize=48)
def _rule_box(version: str, indicator_id: str, year: int, rule: str, lang: str) -> tuple[list, dict | None]:
    """The rule box for a view and its detail's rows (cached per build: they depend on nothing else)."""
    return layout.rule_box(view.model(indicator_id, year, rule), lang)


@lru_cache(maxsize=48)
def _sections(version: str, indicator_id: str, year: int, rule: str, lang: str, region: str) -> tuple:
    """The spread and the curve sections of a view (cached per build: they depend on nothing else)."""
    m = view.model(indicator_id, year, rule, region)
    return layout.spread_section(m, lang), layout.curve_section(m, lang)


def _per_view(section, indicator, year, rule, lang, nothing, *more):
    """A cached section of the view in force; `nothing` without a warehouse or a need indicator."""
    try:
        ind, year = view.resolve(qn.base(), indicator, year)
        if ind is None:
            return nothing
        return section(view.version(), ind["indicator_id"], year, need.normalise_rule(rule), normalise_lang(lang),
                       *more)
    except db.WarehouseError:
        return nothing


@page.callback(Output("need-rule-main", "children"), Output("need-rule-detail-data", "data"), *VIEW,
               Input("need-lang", "data"))
def rule(indicator, year, rule, lang):
    if not indicator or not year:
        return None, None
    return _per_view(_rule_box, indicator, year, rule, lang, (None, None))


# Draws the rule's detail rows as plain DOM into the table body (Dash renders it empty and never
# touches it again) with the shared row drawer, assets/row_tables.js; the folded detail shows only
# when it has rows (its `hidden` sent only when it changes: each output sent is a store update).
DRAW_RULE_DETAIL = """
function(data, hidden) {
    var rows = (data && data.rows) || [];
    window.dash_clientside.row_tables.draw("need-rule-detail-body", rows, data ? {cls: data.cls} : {});
    return (rows.length === 0) === hidden ? window.dash_clientside.no_update : rows.length === 0;
}
"""

page.clientside_callback(DRAW_RULE_DETAIL, Output("need-rule-detail-box", "hidden"),
                         Input("need-rule-detail-data", "data"), State("need-rule-detail-box", "hidden"))


@page.callback(Output("need-spread-box", "children"), Output("need-curve-box", "children"), *VIEW,
               Input("need-lang", "data"), Input("need-region", "value"))
def spread_and_curve(indicator, year, rule, lang, region):
    if not indicator or not year:
        return no_update, no_update
    return _per_view(_sections, indicator, year, rule, lang, (None, None), valid_region(region))


# --------------------------------------------------------------------------- scatter

@page.callback(Output("need-threshold-text", "children"), Output("need-quadrants", "children"),
               Output("need-scatter-box", "children"), Output("need-scatter", "figure"),
               Output("need-scatter-figure", "hidden"), Output("need-scatter-note", "children"),
               Output("need-t-need", "placeholder"), Output("need-t-int", "placeholder"),
               Input("need-indicator", "value"), Input("need-year", "value"), Input("need-measure", "value"),
               Input("need-rule", "value"), Input("need-t-need", "value"), Input("need-t-int", "value"),
               Input("need-lang", "data"), Input("need-region", "value"))
def scatter(indicator, year, measure, rule, need_t, int_t, lang, region):
    return render_scatter(indicator, year, measure, rule, need_t, int_t, normalise_lang(lang), region)


def render_scatter(indicator, year, measure, rule, need_t, int_t, lang, region=DEFAULT_REGION):
    """The body of `scatter` (the timing in the report calls it directly): threshold text, quadrant
    counts, a notice (funding not reported), the figure, whether the figure is hidden, the note and
    the two threshold placeholders."""
    if not indicator or not year:
        return (no_update,) * 8
    nothing = None, None, None, figures.empty_scatter(), True, None, "", ""
    try:
        v = view.scatter_view(indicator, year, measure, rule, need_t, int_t, lang, region)
    except db.WarehouseError:
        return nothing
    if v["status"] == "no_indicator":
        return nothing
    m, th = v["m"], v["th"]
    placeholder_need = t("need.t.placeholder", lang, value=view.need_number(m, th["need_median"], lang))
    if v["status"] == "not_reported":
        return (view.threshold_text(v, lang), layout.quadrant_boxes(v, lang), layout.scatter_not_reported(m, lang),
                figures.empty_scatter(), True, view.scatter_note(m, lang), placeholder_need,
                t("need.not_reported", lang))
    placeholder_level = t("need.t.placeholder", lang, value=fmt.number(th["level_overall"], 3, lang))
    return (view.threshold_text(v, lang), layout.quadrant_boxes(v, lang), None, v["figure"], False,
            view.scatter_note(m, lang), placeholder_need, placeholder_level)


@page.callback(Output("need-t-need", "value"), Output("need-t-int", "value"),
               Input("need-t-reset", "n_clicks"), prevent_initial_call=True)
def reset_thresholds(_n):
    return None, None


# ------------------------------------------------------------------------ gap finder

# A threshold of the shortlist changes neither which input is in force nor the need limit's placeholder.
SHORTLIST_LIMITS = ("need-gap-below", "need-gap-top", "need-gap-min")


@page.callback(Output("need-gap-summary", "children"), Output("need-gap-data", "data"),
               Output("need-gap-map", "figure"), Output("need-gap-map-key", "data"),
               Output("need-gap-top", "disabled"), Output("need-gap-min", "disabled"),
               Output("need-gap-min", "placeholder"),
               *VIEW, Input("need-gap-below", "value"), Input("need-gap-mode", "value"),
               Input("need-gap-top", "value"), Input("need-gap-min", "value"), Input("need-lang", "data"),
               Input("need-region", "value"), State("need-gap-map-key", "data"))
def gap(indicator, year, rule, below, mode, top, minimum, lang, region, drawn_key):
    return render_gap(indicator, year, rule, below, mode, top, minimum, normalise_lang(lang), drawn_key, region,
                      ctx.triggered_id)


def render_gap(indicator, year, rule, below, mode, top, minimum, lang, drawn_key=None, region=DEFAULT_REGION,
               trigger=None):
    """The body of `gap`: summary, the list's data (drawn by DRAW_GAP_ROWS), map (a patch when only
    the shortlist changed) and its key, which input is in force, and the placeholder of the need
    limit (these two left as they are when only a threshold of the shortlist moved: every output
    sent is a store update that revisits every component of the page)."""
    mode = mode if mode in GAP_MODES else DEFAULT_GAP_MODE
    disabled = (mode != "top", mode != "value")
    if not indicator or not year:
        return (no_update,) * 4 + disabled + (no_update,)
    try:
        m = view.view_model(indicator, year, rule, region)
    except db.WarehouseError:
        m = None
    if m is None:
        return (None, None, figures.empty_map(), None) + disabled + ("",)
    shortlist = view.gap_frame(m, below, mode, top, minimum)
    summary = layout.gap_summary(m, len(shortlist), view.gap_rule_text(m, below, mode, top, minimum, lang), lang)
    listing = layout.gap_data(view.gap_rows(m, shortlist, lang), lang)
    figure = view.map_update(m, shortlist, lang, drawn_key)
    if trigger in SHORTLIST_LIMITS:
        return (summary, listing, *figure) + (no_update,) * 3
    placeholder = t("need.t.placeholder", lang,
                    value=view.need_number(m, need.median_threshold(m["frame"]["need"]), lang))
    return (summary, listing, *figure) + disabled + (placeholder,)


# Draws the shortlist's rows as plain DOM into the table body, which Dash renders empty and never
# touches again, with the shared row drawer (assets/row_tables.js: text as textContent, a link only to
# a path of this site, followed in the page like a dcc.Link): every row would otherwise be some ten
# components that Dash's renderer revisits on every store update of the page. The caption, the box's
# label and which of list and "none" shows are left alone when they stay the same (each output sent is
# a store update). It also has the map's fill follow its new marks: the map keeps its `datarevision`
# for every view (view.map_key), and assets/map_repaint.js paints the shortlist from MapLibre feature
# states, one frame, where a redraw by plotly re-tiled the outlines over three (about 0.9 s of a year
# change without a GPU). Here rather than in a callback of its own: each callback is a round of store
# updates.
DRAW_GAP_ROWS = """
function(data, caption, label, listHidden, emptyHidden) {
    var nu = window.dash_clientside.no_update;
    window.dash_clientside.map_repaint.watch("need-gap-map");
    var rows = (data && data.rows) || [];
    window.dash_clientside.row_tables.draw("need-gap-body", rows, data ? {
        cls: data.keys.map(function(k, i) { return (data.num[i] ? "num " : "") + "need-col-" + k; }),
        under: data.under, under_cls: "need-phone-only", link_cls: "need-gap-link"} : {});
    var now = data ? [data.caption, data.label, rows.length === 0, rows.length > 0] : ["", "", true, true];
    return now.map(function(value, i) { return value === [caption, label, listHidden, emptyHidden][i] ? nu : value; });
}
"""

page.clientside_callback(
    DRAW_GAP_ROWS,
    Output("need-gap-caption", "children"), Output("need-gap-scroll", "aria-label"),
    Output("need-gap-scroll", "hidden"), Output("need-gap-empty", "hidden"),
    Input("need-gap-data", "data"),
    State("need-gap-caption", "children"), State("need-gap-scroll", "aria-label"),
    State("need-gap-scroll", "hidden"), State("need-gap-empty", "hidden"),
)


# ----------------------------------------------------------------------------- URL

@page.callback(Output("app-url", "search", allow_duplicate=True),
               *[Input(cid, "value") for _key, cid in CONTROLS],
               State("app-url", "search"), State("app-url", "pathname"), prevent_initial_call=True)
def sync_url(*args):
    *values, search, pathname = args
    if not str(pathname or "").rstrip("/").endswith(PATH) or not values[0] or not values[1]:
        return no_update
    return search_for(dict(zip([key for key, _cid in CONTROLS], values)), search)


def search_for(controls: dict, search: str | None):
    """The new URL query for the controls (no_update when it would not change)."""
    state = parse_state(**controls)
    try:
        latest = view.latest_year(state["indicator"], state["year"])
        default = view.default_id(qn.base())
    except db.WarehouseError:
        return no_update
    new = with_query("", search, **url_changes(state, latest, default))
    return new if new != (search or "") else no_update


# ---------------------------------------------------------------------- chart tables

# The controls each chart follows (query keys of CONTROLS): a table is redrawn only when one of its own moves.
TABLE_CONTROLS = {"scatter": ("indicator", "year", "region", "measure", "rule", "need_t", "int_t"),
                  "curve": ("indicator", "year", "region", "rule")}
TABLE_CAPTIONS = {"scatter": "need.table.scatter_caption", "curve": "need.table.curve_caption"}


def chart_table(kind: str, state: dict, lang: str):
    """The table alternative of a chart: the rows of its export (exports.SHEETS, the same figures and
    decimals as the file), in the page's notation; None without a warehouse or a need indicator."""
    try:
        made = exports.SHEETS[kind](state, lang)
    except db.WarehouseError as exc:
        return warehouse_notice(exc, lang)
    if made is None:
        return None
    _stem, m, sheet = made
    caption = t(TABLE_CAPTIONS[kind], lang, indicator=view.indicator_name(m["ind"], lang), year=m["year"],
                measure=t(f"need.measure.{state['measure']}", lang).lower(),
                region=view.region_name(m["region"], lang))
    return layout.export_table(f"need-{kind}-table", sheet, caption, lang)


def table_update(kind: str, opened: bool, controls: dict, shown: str | None, lang: str):
    """(table, the view it shows) for a chart's details: filled when first opened (`opened`: the
    trigger was a click on the details), refilled when one of its controls moves once it is filled;
    (no_update, no_update) for a click inside the open table (its pager), one that closes it, or a
    control that moves while it was never opened."""
    if (opened and shown) or (not opened and not shown) or not controls["indicator"] or not controls["year"]:
        return no_update, no_update
    state = parse_state(**controls)
    shown_now = json.dumps({k: state[k] for k in TABLE_CONTROLS[kind]})
    if shown_now == shown:
        return no_update, no_update
    return chart_table(kind, state, normalise_lang(lang)), shown_now


def _declare_table(kind: str) -> None:
    keys = TABLE_CONTROLS[kind]
    cids = dict(CONTROLS)

    def fill_table(_clicks, *values):
        *controls, shown, lang = values
        return table_update(kind, ctx.triggered_id == f"need-{kind}-details", dict(zip(keys, controls)), shown, lang)

    fill_table.__name__ = f"fill_{kind}_table"
    page.callback(Output(f"need-{kind}-table-box", "children"), Output(f"need-{kind}-table-shown", "data"),
                  Input(f"need-{kind}-details", "n_clicks"), *[Input(cids[k], "value") for k in keys],
                  State(f"need-{kind}-table-shown", "data"), State("need-lang", "data"),
                  prevent_initial_call=True)(fill_table)


for _kind in TABLE_CONTROLS:
    _declare_table(_kind)


# ------------------------------------------------------------------------- downloads

def _declare_download(kind: str) -> None:
    """One download per section; its CSV and Excel buttons are the format."""

    def download(_csv, _xlsx, *values):
        *controls, lang = values
        if not (_csv or _xlsx) or not controls[0] or not controls[1]:
            return no_update
        state = parse_state(**dict(zip([key for key, _cid in CONTROLS], controls)))
        lang = normalise_lang(lang)
        made = exports.export_table(kind, state, lang)
        if made is None:
            return no_update
        sheets, name_parts = made
        fmt_name = "xlsx" if ctx.triggered_id == f"need-{kind}-xlsx" else "csv"
        return downloads.send_table(fmt_name, sheets, *name_parts, lang=lang)

    download.__name__ = f"download_{kind}"
    page.callback(Output(f"need-{kind}-download", "data"),
                  Input(f"need-{kind}-csv", "n_clicks"), Input(f"need-{kind}-xlsx", "n_clicks"),
                  *[State(cid, "value") for _key, cid in CONTROLS], State("need-lang", "data"),
                  prevent_initial_call=True)(download)


for _kind in exports.SHEETS:
    _declare_download(_kind)


# A click on a municipality (map or scatter) opens its profile, like a dcc.Link.
OPEN_PROFILE = """function(mapClick, scatterClick, search) {
    const nu = window.dash_clientside.no_update;
    const trig = (window.dash_clientside.callback_context.triggered[0] || {}).prop_id || "";
    const click = trig.startsWith("need-gap-map") ? mapClick : scatterClick;
    if (!click || !click.points || !click.points.length) { return nu; }
    const p = click.points[0];
    const nis = p.location || (p.customdata && p.customdata[0]);
    if (!nis || !/^[0-9]{5}$/.test(String(nis))) { return nu; }
    const lang = new URLSearchParams(search || "").get("lang") === "en" ? "en" : "nl";
    const href = PROFILE_PATH + "?nis=" + encodeURIComponent(nis) + (lang === "en" ? "&lang=en" : "");
    window.history.pushState({}, "", href);
    window.dispatchEvent(new CustomEvent("_dashprivate_pushstate"));
    window.scrollTo(0, 0);
    return nu;
}""".replace("PROFILE_PATH", json.dumps(PROFILE_PATH))

page.clientside_callback(
    OPEN_PROFILE,
    Output("need-notice", "title"),
    Input("need-gap-map", "clickData"), Input("need-scatter", "clickData"), State("app-url", "search"),
    prevent_initial_call=True,
)
