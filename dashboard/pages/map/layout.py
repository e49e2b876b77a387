"""The map page's components: the frame built from the URL state (controls, time slider, graph,
side panels, table), and the panels the callbacks fill from a view (legend, selection, networks,
table rows). Nothing here reads the warehouse; text from the data goes through Dash components
(React escapes it)."""
from __future__ import annotations

import numpy as np
from dash import dcc, html

from dashboard import formatting as fmt
from dashboard import mapping, places
from dashboard.i18n import t, t_or
from dashboard.pages.map import figures
from dashboard.pages.map import view as vm
from dashboard.pages.map.state import OVERLAY_ALL, OVERLAY_OFF
from dashboard.ui import vintages
from dashboard.ui.components import dropdown
from dashboard.ui.links import profile_href
from dashboard.ui.notes import value_note
from dashboard.urls import page_href

PLAY_MS = 1500
NUMERIC_COLUMNS = {"value", "year", "rank"}
SORT_ARROWS = {"none": "↕", "ascending": "▲", "descending": "▼"}


def _label(text: str, for_id: str, **kw) -> html.Label:
    return html.Label(text, htmlFor=for_id, className="map-label", **kw)


def build(state: dict) -> html.Div:
    """The page's frame. The warehouse is read by the setup callback, never here; it also sets the
    values of the dropdowns whose options it fills (one mounted with a value its empty options lack
    would reset it to None, racing the callback's answer)."""
    lang = state["lang"]
    scheme_options = [{"label": t(f"map.scheme.{s}", lang), "value": s} for s in mapping.SCHEMES]
    k_options = [{"label": str(n), "value": n} for n in range(mapping.K_MIN, mapping.K_MAX + 1)]
    controls = html.Div([
        html.Div([_label(t("map.indicator", lang), "map-indicator"),
                  dropdown(lang, id="map-indicator", options=[], value=None, clearable=False,
                           searchable=True, placeholder=t("map.indicator.placeholder", lang))],
                 className="map-control map-control-wide"),
        html.Div([_label(t("map.scheme", lang), "map-scheme"),
                  dropdown(lang, id="map-scheme", options=scheme_options, value=state["scheme"],
                           clearable=False, searchable=False)], className="map-control"),
        html.Div([_label(t("map.k", lang), "map-k"),
                  dropdown(lang, id="map-k", options=k_options, value=state["k"], clearable=False,
                           searchable=False)], className="map-control map-control-narrow"),
        html.Div([_label(t("map.overlay", lang), "map-overlay"),
                  dropdown(lang, id="map-overlay", options=[], value=None, clearable=False, searchable=False)],
                 className="map-control"),
        html.Div([_label(t("map.search", lang), "map-search"),
                  dropdown(lang, id="map-search", options=[], value=None, clearable=True,
                           searchable=True, placeholder=t("map.search.placeholder", lang))],
                 className="map-control"),
    ], className="map-controls", role="group", **{"aria-label": t("map.controls", lang)})
    time = html.Div([
        html.Button([html.Span("▶ " + t("map.play", lang), className="map-play-start"),
                     html.Span("⏸ " + t("map.pause", lang), className="map-play-stop")],
                    id="map-play", type="button", n_clicks=0, className="map-play", **{"aria-pressed": "false"}),
        html.Div([
            html.Span(t("map.year", lang), id="map-year-label", className="map-label"),
            dcc.Slider(id="map-year", min=0, max=1, step=1, marks={}, value=state["year"],
                       included=False, updatemode="mouseup", className="map-year-slider"),
        ], className="map-year", role="group", **{"aria-labelledby": "map-year-label"}),
        dcc.Interval(id="map-play-interval", interval=PLAY_MS, disabled=True, n_intervals=0),
        dcc.Store(id="map-playing", data=False),
    ], className="map-time")
    table_box = html.Div([
        html.Div([
            html.Button(t("map.table.show", lang), id="map-table-toggle", type="button", n_clicks=0,
                        className="map-table-toggle", **{"aria-expanded": "false", "aria-controls": "map-table-box"}),
            html.Div([html.Button(t("download.csv", lang), id="map-csv", type="button", className="button"),
                      html.Button(t("download.xlsx", lang), id="map-xlsx", type="button", className="button")],
                     className="control-buttons no-print", role="group", **{"aria-label": t("map.downloads", lang)}),
        ], className="map-table-tools"),
        dcc.Download(id="map-download"),
        html.Div(_table_frame(lang), id="map-table-box", hidden=True),
    ], className="card map-table-card")
    return html.Div([
        html.H1(t("map.title", lang)),
        html.P(t("map.intro", lang), className="lead"),
        vintages.placeholder("map"),
        dcc.Store(id="map-request", data=state),
        dcc.Store(id="map-table-sort", data={"key": "rank", "asc": True}),
        html.Div(id="map-notice"),
        controls,
        time,
        html.Div([
            html.Div(dcc.Graph(id="map-graph", config=figures.graph_config_for(lang), figure=figures.empty_figure(),
                               style={"height": f"{figures.MAP_HEIGHT}px"}, className="map-graph"),
                     className="map-figure", role="figure", **{"aria-label": t("map.figure_label", lang)}),
            html.Div([
                html.Div(id="map-legend", className="map-legend", **{"aria-live": "polite"}),
                html.Div(id="map-selection", className="map-selection"),
                html.Div(id="map-networks-note", className="map-networks-note"),
            ], className="map-side"),
        ], className="map-body"),
        table_box,
    ], id="map-page", className="page map-page")


def _table_frame(lang: str) -> html.Div:
    head = html.Thead(html.Tr([
        html.Th(html.Button([html.Span(t(f"map.col.{c}", lang)),
                             html.Span(SORT_ARROWS["none"], className="sort-arrow", **{"aria-hidden": "true"},
                                       id={"type": "map-sort-arrow", "col": c})],
                            id={"type": "map-sort", "col": c}, type="button", className="sort-button",
                            title=t("sort.button", lang, label=t(f"map.col.{c}", lang))),
                id={"type": "map-sort-th", "col": c}, scope="col",
                className="num" if c in NUMERIC_COLUMNS else "", **{"aria-sort": "none"})
        for c in vm.TABLE_COLUMNS]))
    table = html.Table([html.Caption(id="map-table-caption"), head, html.Tbody(id="map-table-body")],
                       id="map-table", className="data-table sortable")
    # the rows, drawn into the body by the browser (callbacks.DRAW_TABLE); Dash never renders them
    return html.Div([table, dcc.Store(id="map-table-data")], className="table-scroll", tabIndex="0", role="region",
                    **{"aria-label": t("map.table.title", lang)})


# ------------------------------------------------------------------------ side panels

def _legend_item(label: str, swatch_class: str, count: str | None = None, colour: str | None = None,
                 **kw) -> html.Li:
    style = {"style": {"backgroundColor": colour}} if colour else {}
    swatch = html.Span(className=swatch_class, **style, **{"aria-hidden": "true"})
    parts = [swatch, html.Span(label, className="map-class-label")]
    if count is not None:
        parts.append(html.Span(count, className="map-class-count"))
    return html.Li(parts, className="map-class", **kw)


def legend(v: dict, state: dict) -> list:
    """The classes with their colours and counts, what the colours mean, and how they were made."""
    lang = state["lang"]
    ind, classes, frame = v["ind"], v["classes"], v["frame"]
    z = np.asarray(v["z"])

    def count(i: int) -> str:
        return t("map.legend.count", lang, n=fmt.integer(int((z == i).sum()), lang))

    labels = mapping.class_labels(classes, ind, lang)
    items = [_legend_item(label, "map-swatch", count(i), colour)
             for i, (colour, label) in enumerate(zip(mapping.colours(classes.k, ind["direction"]), labels), start=1)]
    items.append(_legend_item(t("map.legend.no_data", lang), "map-swatch map-swatch-nodata", count(0),
                              id="map-legend-nodata"))
    if state["overlay"] != OVERLAY_OFF:
        items.append(_legend_item(t("map.legend.network", lang), "map-swatch map-swatch-network"))
        items.append(_legend_item(t("map.legend.province_network", lang), "map-swatch map-swatch-province-network"))
    direction = ("map.legend.darker_count" if ind.get("kind") == "count" else
                 "map.legend.darker_size" if ind["direction"] == "higher_is_more" else
                 "map.legend.darker_better" if ind["direction"] == "higher_is_better" else "map.legend.darker_worse")
    years = vm.years_of(ind)
    span = f"{years[0]}–{years[-1]}" if len(years) > 1 else str(years[0])
    fallback = int(frame["fallback_from"].notna().sum())
    notes = [html.P(t(direction, lang), className="map-legend-note"),
             html.P(t("map.legend.breaks", lang, scheme=t(f"map.scheme.{classes.scheme}", lang).lower(), span=span),
                    className="map-legend-note")]
    if fallback:
        notes.append(html.P(t("map.legend.fallback", lang, n=fmt.integer(fallback, lang), max=vm.FALLBACK_YEARS),
                            className="map-legend-note"))
    if ind.get("kind") == "count":
        notes.insert(0, html.P(t("map.legend.context", lang), className="map-legend-note map-context"))
    unit = fmt.unit_label(ind, lang)
    return [
        html.H2([vm.indicator_name(ind, lang), html.Span(f" ({unit}), {v['year']}" if unit else f", {v['year']}")],
                id="map-legend-title", className="map-legend-title"),
        html.Ul(items, className="map-classes", **{"aria-label": t("map.legend.label", lang)}),
        *notes,
        html.P(dcc.Link(t("map.legend.about", lang), href=page_href("/data", lang) + f"#data-{ind['indicator_id']}"),
               className="map-legend-note"),
    ]


def selection_panel(base: dict, v: dict, state: dict) -> list:
    """The selected municipality: its value, ranks, flag, networks and a link to its profile."""
    nis, lang = state.get("nis"), state["lang"]
    if not nis:
        return []
    frame = v["frame"]
    row = frame[frame["nis_code"] == nis]
    if row.empty:
        return []
    r = row.iloc[0]
    ind = v["ind"]
    if fmt.is_missing(r["value"]):
        value = t("map.legend.no_data", lang)
        rank = None
    else:
        value = fmt.value_text(r["value"], ind, lang) + f" ({int(r['year'])})"
        rank = t("map.selection.rank", lang, rank=int(r["rank"]), n=fmt.integer(v["n"], lang),
                 prov_rank=int(r["prov_rank"]), prov_n=int(r["prov_n"]))
    note = value_note(r["note"], base["code_names"], lang)
    flag = t_or(f"flag.{r['flag']}", lang, str(r["flag"]))
    nets = vm.networks(base, OVERLAY_ALL)
    names = nets["shown"].get(nis, [])
    province_names = nets["shown_province"].get(r["province_nis"], [])
    items = [html.Dt(vm.indicator_name(ind, lang)), html.Dd(value, id="map-selection-value")]
    if rank:
        items += [html.Dt(t("map.col.rank", lang)), html.Dd(rank)]
    items += [html.Dt(t("map.col.flag", lang)), html.Dd(f"{flag}: {note}" if note else flag)]
    items += [html.Dt(t("map.selection.networks", lang)),
              html.Dd(html.Ul([html.Li(x) for x in names] + [html.Li(t("map.selection.province_wide", lang, name=x))
                                                              for x in province_names])
                      if names or province_names else t("map.selection.none", lang))]
    return [html.Section([
        html.H2([r["name_nl"], html.Span(f" · {places.area_name(r['province_nis'], lang)}", className="sub-inline")],
                id="map-selection-heading"),
        html.Dl(items, className="map-selection-facts"),
        html.P(dcc.Link(t("map.selection.profile", lang, name=r["name_nl"]) + " →",
                        href=profile_href(nis, lang), id="map-selection-profile", className="button-link")),
    ], className="card", **{"aria-labelledby": "map-selection-heading"})]


def networks_note(base: dict, state: dict) -> list:
    """How many municipalities and projects the overlay outlines, and its province-wide projects."""
    if state["overlay"] == OVERLAY_OFF:
        return []
    lang = state["lang"]
    nets = vm.networks(base, state["overlay"])
    prov_names = places.area_names(lang)
    n_munis = len(nets["shown"])
    n_projects = len({x for names in nets["shown"].values() for x in names})
    children = [html.P(t("map.networks.summary", lang, munis=fmt.integer(n_munis, lang),
                         projects=fmt.integer(n_projects, lang)))]
    for prov, names in sorted(nets["shown_province"].items()):
        for name in names:
            children.append(html.P(t("map.networks.province_wide", lang, name=name,
                                     province=prov_names.get(prov, prov)), className="map-province-network"))
    return [html.Div(children, className="card map-networks-card")]


# ------------------------------------------------------------------------------ table

# The table's column classes, for the browser's row drawer (DRAW_TABLE in callbacks.py): the headers'.
TABLE_CELL_CLASSES = ["num" if c in NUMERIC_COLUMNS else "" for c in vm.TABLE_COLUMNS]


def table_data(ind: dict, rows: list[dict], names: dict, lang: str) -> list[list]:
    """The body of the table alternative as the browser draws it (assets/row_tables.js): per
    municipality (rows from view.table_view) its cells, the name as [name, profile link] and the flag
    with its note as a title. As Dash components the 304 rows were some 2,000 components, mounted
    again for every sort and year."""
    out = []
    for r in rows:
        note = value_note(r["note"], names, lang)
        flag = {"t": "", "after": [{"t": r["flag_label"], "title": note}]} if note else r["flag_label"]
        out.append([
            [r["name"], profile_href(r["nis_code"], lang)],
            r["province"],
            fmt.value_text(r["value"], ind, lang),
            fmt.MISSING if fmt.is_missing(r["year"]) else str(int(r["year"])),
            fmt.MISSING if fmt.is_missing(r["rank"]) else fmt.integer(r["rank"], lang),
            flag,
        ])
    return out


def sort_state(sort: dict) -> tuple[list[str], list[str]]:
    """aria-sort and arrow of every column header for a sort ({key, asc})."""
    aria = ["none" if c != sort["key"] else ("ascending" if sort["asc"] else "descending") for c in vm.TABLE_COLUMNS]
    return aria, [SORT_ARROWS[a] for a in aria]
