"""The comparison's callbacks: options and years, the view into the address bar, the chart and the
ranking (sorted and paged in the browser), and the downloads."""
from __future__ import annotations

import json

from dash import ALL, MATCH, Input, Output, State, ctx, no_update

from dashboard import db, default_indicator
from dashboard import formatting as fmt
from dashboard.i18n import localised, normalise_lang
from dashboard.pages.compare import exports, figures, layout, view
from dashboard.profile_data import indicator_name, municipality_options
from dashboard.queries import profile as qp
from dashboard.ui import vintages
from dashboard.ui.callbacks import PageCallbacks
from dashboard.ui.components import warehouse_notice

page = PageCallbacks()

DOWNLOAD_FORMATS = {"compare-csv": "csv", "compare-xlsx": "xlsx"}
CONTROLS = ("compare-indicator", "compare-nis", "compare-mode", "compare-province", "compare-start", "compare-end")


# ------------------------------------------------------------------------------ options

@page.callback(Output("compare-indicator", "options"), Output("compare-nis", "options"),
               Output("compare-province", "options"), Output("compare-indicator", "value"),
               Output("compare-nis", "value"), Output("compare-province", "value"),
               Output("compare-url-codes", "children"),
               Input("compare-lang", "data"), State("compare-initial", "data"))
def fill_options(lang, initial):
    lang = normalise_lang(lang)
    initial = initial or {}
    try:
        with db.reader() as r:
            inds = qp.per_build(r, qp.indicators)
            muns = qp.per_build(r, qp.municipalities)
            area = qp.per_build(r, qp.areas)
    except db.WarehouseError:
        return [], [], [], None, [], None, None
    ind_options = [{"label": _indicator_label(row, lang), "value": row["indicator_id"]} for row in inds.to_dict("records")]
    provinces = area[(area["level"] == "province") | (area["nis_code"] == "04000")]
    prov_options = [{"label": localised(a, "name", lang), "value": a["nis_code"]} for a in provinces.to_dict("records")]
    ids = set(inds["indicator_id"])
    indicator = initial.get("indicator")
    if indicator not in ids:
        indicator = default_indicator.pick(inds["indicator_id"])  # the declared preference order
    codes = set(muns["nis_code"])
    # older codes (2018, 2019) as the 2025 municipalities they became
    shown = vintages.current_list(initial.get("nis") or [])[0]
    nis = [c for c in shown if c in codes][:view.MAX_CHOSEN]
    province = initial.get("province") if initial.get("province") in set(provinces["nis_code"]) else None
    return (ind_options, municipality_options(muns, lang), prov_options, indicator, nis, province,
            layout.unknown_codes([c for c in shown if c not in codes], lang))


def _indicator_label(row: dict, lang: str) -> str:
    unit = fmt.unit_label(row, lang)
    return f"{indicator_name(row, lang)} ({unit})" if unit else indicator_name(row, lang)


@page.callback(Output("compare-start", "options"), Output("compare-end", "options"),
               Output("compare-start", "value"), Output("compare-end", "value"),
               Input("compare-indicator", "value"), State("compare-start", "value"), State("compare-end", "value"),
               State("compare-initial", "data"))
def fill_years(indicator, start, end, initial):
    """The indicator's years; the chosen years stay when it has them, else the URL's, else its span."""
    initial = initial or {}
    try:
        with db.reader() as r:
            ind = qp.per_build(r, view.indicator_rows).get(indicator)
    except db.WarehouseError:
        return [], [], None, None
    if ind is None:
        return [], [], None, None
    years = [int(y) for y in ind["years"]]
    options = [{"label": str(y), "value": y} for y in years]
    start = start if start in years else initial.get("start")
    end = end if end in years else initial.get("end")
    start, end = view.year_span(years, start, end)
    return options, options, start, end


@page.callback(Output("compare-nis", "value", allow_duplicate=True), Input("compare-nis", "value"),
               prevent_initial_call=True)
def limit_chosen(value):
    if isinstance(value, list) and len(value) > view.MAX_CHOSEN:
        return value[:view.MAX_CHOSEN]
    return no_update


# ------------------------------------------------------------------------------- state in the URL

@page.callback(Output("app-url", "search", allow_duplicate=True),
               *[Input(c, "value") for c in CONTROLS], Input("compare-sort", "data"),
               State("app-url", "search"), State("app-url", "pathname"), prevent_initial_call=True)
def sync_url(indicator, nis, mode, province, start, end, sort, search, pathname):
    if not str(pathname or "").rstrip("/").endswith("/vergelijk"):
        return no_update
    new = view.search_for(indicator, nis, mode, province, start, end, sort, search)
    return new if new != (search or "") else no_update


# ------------------------------------------------------------------------------- the view

@page.callback(Output("compare-chart", "children"), Output("compare-ranking-caption", "children"),
               Output("compare-ranking-head", "children"), Output("compare-message", "children"),
               Output("compare-ranking-data", "data"),
               *[Input(c, "value") for c in CONTROLS], Input("compare-only", "value"), Input("compare-lang", "data"),
               Input("compare-narrow", "data"), State("compare-sort", "data"))
def fill_view(indicator, nis, mode, province, start, end, only, lang, narrow, sort):
    return render(indicator, nis, mode, province, start, end, only, normalise_lang(lang), sort or {}, narrow is True)


def render(indicator, nis, mode, province, start, end, only, lang, sort, narrow=False):
    """(chart section, ranking caption, ranking header, message, ranking data) of a view; `narrow`:
    the chart laid out for a phone."""
    nis = view.chosen_codes(nis)
    try:
        data = view.load(indicator, nis, mode or "own", province, start, end)
    except db.WarehouseError as exc:
        return warehouse_notice(exc, lang), None, None, None, None
    if data["status"] != "ok":
        return layout.unknown_indicator(indicator, lang), None, None, None, None
    lines = view.series_list(data, lang)
    rows = view.ranking_rows(data, lang)
    if only and "only" in only and data["members"]:
        rows = [r for r in rows if r["selected"]]
    return (layout.chart_section(data, lines, lang, narrow), view.ranking_caption(data, rows, lang),
            layout.ranking_head(data, sort or view.DEFAULT_SORT, lang), layout.message(mode, nis, province, lang),
            view.ranking_data(data, rows, lang))


@page.callback(Output({"type": "compare-chart-table-box", "chart": MATCH}, "children"),
               Input({"type": "compare-chart-details", "chart": MATCH}, "n_clicks"),
               State({"type": "compare-chart-table-box", "chart": MATCH}, "children"),
               *[State(c, "value") for c in CONTROLS], State("compare-lang", "data"), prevent_initial_call=True)
def fill_chart_table(_clicks, filled, indicator, nis, mode, province, start, end, lang):
    """The chart's table, when its section is first opened (the view's data is cached per build)."""
    if filled:  # a click inside the open table
        return no_update
    lang = normalise_lang(lang)
    try:
        data = view.load(indicator, view.chosen_codes(nis), mode or "own", province, start, end)
    except db.WarehouseError as exc:
        return warehouse_notice(exc, lang)
    if data["status"] != "ok":
        return no_update
    return layout.chart_table(data, view.series_list(data, lang), lang)


@page.callback(Output("compare-sort", "data"),
               Input({"type": "compare-sort-button", "col": ALL}, "n_clicks"),
               State("compare-sort", "data"), prevent_initial_call=True)
def change_sort(clicks, sort):
    """A header click: the new sort (same column again flips it). Numbers start with the most need
    or the largest value first; text starts A-Z."""
    trigger = ctx.triggered_id
    if not isinstance(trigger, dict) or not any(clicks or []):
        return no_update
    key = trigger["col"]
    sort = sort or {}
    asc = not sort.get("asc", True) if sort.get("key") == key else key not in ("end", "start", "change", "change_rel")
    return {"key": key, "asc": asc}


# Sorts and draws the ranking in the browser: the server sends the rows once per view; a click on a
# header only changes `compare-sort`. The rows of the page in view are drawn as plain DOM into the
# table body (which Dash renders empty and never touches again) by the shared row drawer
# (assets/row_tables.js: text as textContent, links only to a path of this site, followed in the
# page): as Dash components, the 50 rows were some 450 components that Dash's renderer revisits on
# every store update, most of the page's work.
# Per column the cell's class; the municipality's name is the row's header.
RANKING_CELLS = {"head": 1, "cls": ["num ranking-rank", "", "ranking-col-province", "num", "num", "num",
                                    "num ranking-col-change_rel"]}
RENDER_JS = """
function(data, sort, page) {
    var nu = window.dash_clientside.no_update;
    if (!data || !data.rows) { return [nu, nu, nu, nu, nu]; }
    sort = sort || {key: "rank", asc: true};
    var key = sort.key, asc = sort.asc !== false, numeric = data.numeric.indexOf(key) >= 0;
    var present = [], absent = [];
    data.rows.forEach(function(r) { (r[key] === null || r[key] === undefined ? absent : present).push(r); });
    var coll = new Intl.Collator(data.lang === "en" ? "en" : "nl", {sensitivity: "base"});
    present.sort(function(a, b) {
        var c = numeric ? a[key] - b[key] : coll.compare(String(a[key]), String(b[key]));
        if (!asc) { c = -c; }
        return c || coll.compare(a.name, b.name);
    });
    function value(r, k) {
        return {t: r[k + "_t"], after: [r[k + "_f"] ? {t: r[k + "_f"], cls: "flag flag-small", title: r[k + "_fn"]} : null]};
    }
    function row(r) {
        // on a phone the province and relative difference columns give way (assets/tables.css):
        // both are then shown in these cells, which the desktop layout leaves hidden
        var name = {t: r.name, href: r.href, after: [r.sel ? {t: " " + data.selected, cls: "visually-hidden"} : null,
                                                     {t: r.province, cls: "ranking-phone-only ranking-province"}]};
        var rel = r.change_rel !== null && r.change_rel !== undefined;
        var change = {t: r.change_t, after: [rel ? {t: "(" + r.change_rel_t + ")", cls: "ranking-phone-only ranking-change-rel"} : null]};
        return {cls: r.sel ? "is-selected" : "",
                cells: [r.rank_t, name, r.province, value(r, "start"), value(r, "end"), change, r.change_rel_t]};
    }
    var all = present.concat(absent), size = data.page_size, pages = Math.max(1, Math.ceil(all.length / size));
    page = Math.min(Math.max(page || 0, 0), pages - 1);
    var from = page * size, to = Math.min(all.length, from + size);
    window.dash_clientside.row_tables.draw("compare-ranking-body", all.slice(from, to).map(row), RANKING_CELLS);
    var aria = data.keys.map(function(k) { return k === key ? (asc ? "ascending" : "descending") : "none"; });
    var arrows = aria.map(function(a) { return a === "ascending" ? "\u25b2" : a === "descending" ? "\u25bc" : "\u2195"; });
    var info = data.rows_text.replace("{from}", all.length ? from + 1 : 0).replace("{to}", to).replace("{n}", all.length);
    return [aria, arrows, info, page <= 0, page >= pages - 1];
}
""".replace("RANKING_CELLS", json.dumps(RANKING_CELLS))

# Paging: a new sort or new data starts at the first page.
PAGE_JS = """
function(prev, next, sort, data, page) {
    var trig = (window.dash_clientside.callback_context.triggered || []).map(function(t) { return t.prop_id; });
    if (trig.indexOf("compare-prev.n_clicks") >= 0) { return Math.max(0, (page || 0) - 1); }
    if (trig.indexOf("compare-next.n_clicks") >= 0) { return (page || 0) + 1; }
    return 0;
}
"""


# Whether the chart is drawn for a phone (figures.NARROW_PX), once when the page opens: an input of
# the view, so its first answer waits for it and the chart is drawn once, in the right layout.
VIEWPORT_JS = f"function(_lang) {{ return window.innerWidth < {figures.NARROW_PX}; }}"

page.clientside_callback(VIEWPORT_JS, Output("compare-narrow", "data"), Input("compare-lang", "data"))
page.clientside_callback("function(mode) { return mode !== 'province'; }",
                         Output("compare-province-box", "hidden"), Input("compare-mode", "value"))

page.clientside_callback(
    RENDER_JS,
    Output({"type": "compare-sort-th", "col": ALL}, "aria-sort"),
    Output({"type": "compare-sort-arrow", "col": ALL}, "children"),
    Output("compare-page-info", "children"), Output("compare-prev", "disabled"), Output("compare-next", "disabled"),
    Input("compare-ranking-data", "data"), Input("compare-sort", "data"), Input("compare-page", "data"),
)

page.clientside_callback(
    PAGE_JS, Output("compare-page", "data"),
    Input("compare-prev", "n_clicks"), Input("compare-next", "n_clicks"), Input("compare-sort", "data"),
    Input("compare-ranking-data", "data"), State("compare-page", "data"), prevent_initial_call=True,
)


# ------------------------------------------------------------------------------- downloads

@page.callback(Output("compare-download", "data"), Input("compare-csv", "n_clicks"), Input("compare-xlsx", "n_clicks"),
               *[State(c, "value") for c in CONTROLS], State("compare-sort", "data"), State("compare-lang", "data"),
               prevent_initial_call=True)
def download(_csv, _xlsx, indicator, nis, mode, province, start, end, sort, lang):
    fmt_name = DOWNLOAD_FORMATS.get(ctx.triggered_id)
    sent = (exports.send(fmt_name, indicator, nis, mode, province, start, end, sort, normalise_lang(lang))
            if fmt_name else None)
    return no_update if sent is None else sent
