"""Map (home page, `/`): a choropleth of the 304 municipalities (2025) for one indicator and year.

State lives in the URL (`?indicator=&year=&scheme=&k=&overlay=&nis=&lang=`): `layout()` reads it,
and `_update` writes it back to the shell's `dcc.Location` (`app-url`, refresh=False), which
changes the address without re-rendering the page; the language switch in the header then
keeps the whole view.

Speed: the geometry is a static file (`/geo/municipalities_2025.geojson?v=<sha256>`, cached
for a year) that the figure references by URL, so it reaches the browser once. `_setup` sends
the figure once per page view; every later change (indicator, year, classes, overlay,
selection) sends a `dash.Patch()` with the class numbers, hover lines and colour scale only.

Escaping: text from the data reaches plotly's hover labels only through `_esc` (plotly reads
a few HTML tags in labels), and Dash components everywhere else (React escapes it).
"""
from __future__ import annotations

import html as html_lib
import json
import math
from functools import lru_cache
from pathlib import Path
from urllib.parse import parse_qsl, urlencode

import dash
import numpy as np
import pandas as pd
from dash import ALL, Input, Output, Patch, State, callback, clientside_callback, ctx, dcc, html, no_update

from dashboard import db, mapping
from dashboard.ui import downloads
from dashboard import formatting as fmt
from dashboard.queries import map as qm
from dashboard.ui.components import dropdown, warehouse_notice
from dashboard.geo import geo_url
from dashboard.i18n import normalise_lang, t, t_or
from dashboard.urls import page_href

dash.register_page(
    __name__, path="/", name="Kaart", title="Kaart – Kinderarmoedemonitor", order=0,
    nav_key="nav.map",
    description="Kaart van de 304 gemeenten van Vlaanderen en Brussel: armoede-indicatoren per jaar, "
                "met de netwerken tegen kinderarmoede.",
)

DEFAULT_INDICATOR = "arop_admin"
PROFILE_PATH = "/gemeente"
FALLBACK_YEARS = 2          # a missing value may be replaced by one from at most 2 years earlier
OVERLAY_OFF = "none"
OVERLAY_ALL = "all"
CENTER = {"lon": 4.22, "lat": 51.03}
ZOOM = 7.3
MAP_HEIGHT = 540
NETWORK_LINE = "#1a1a1a"
PROVINCE_NETWORK_LINE = "#1f5fbf"
SELECTED_LINE = "#00b3ff"
TRANSPARENT = [[0, "rgba(0,0,0,0)"], [1, "rgba(0,0,0,0)"]]
PLAY_MS = 1500

# Trace order in the figure (the patch addresses them by position).
T_VALUES, T_NETWORKS, T_PROVINCE_NETWORKS, T_SELECTED = 0, 1, 2, 3

GRAPH_CONFIG = {
    "displaylogo": False, "scrollZoom": True, "responsive": True,
    "modeBarButtonsToRemove": ["select2d", "lasso2d"],
    "toImageButtonOptions": {"format": "png", "filename": "kinderarmoedemonitor-kaart", "scale": 2},
}


# ----------------------------------------------------------------------------- state

def parse_state(indicator=None, year=None, scheme=None, k=None, overlay=None, nis=None, lang=None) -> dict:
    """The view asked for in the URL, checked for form only (the warehouse decides the rest)."""

    def one(v):
        if isinstance(v, (list, tuple)):
            v = v[-1] if v else None
        return None if v is None else str(v).strip()

    try:
        year_value = int(one(year)) if one(year) else None
    except ValueError:
        year_value = None
    nis_value = one(nis)
    return {
        "indicator": one(indicator) or None,
        "year": year_value,
        "scheme": mapping.normalise_scheme(one(scheme)),
        "k": mapping.normalise_k(one(k)),
        "overlay": one(overlay) or OVERLAY_OFF,
        "nis": nis_value if nis_value and nis_value.isdigit() and len(nis_value) == 5 else None,
        "lang": normalise_lang(one(lang)),
    }


def state_query(state: dict, latest_year: int | None = None) -> str:
    """The URL query of a view; defaults are left out except indicator and year."""
    pairs = [("indicator", state["indicator"])]
    if state.get("year") is not None:
        pairs.append(("year", str(state["year"])))
    if state.get("scheme") and state["scheme"] != mapping.DEFAULT_SCHEME:
        pairs.append(("scheme", state["scheme"]))
    if state.get("k") and int(state["k"]) != mapping.DEFAULT_K:
        pairs.append(("k", str(state["k"])))
    if state.get("overlay") and state["overlay"] != OVERLAY_OFF:
        pairs.append(("overlay", state["overlay"]))
    if state.get("nis"):
        pairs.append(("nis", state["nis"]))
    if state.get("lang") == "en":
        pairs.append(("lang", "en"))
    return "?" + urlencode(pairs)


def profile_href(nis: str, lang: str) -> str:
    return dash.get_relative_path(PROFILE_PATH) + "?" + urlencode({"nis": nis, "lang": lang})


# ---------------------------------------------------------------------------- layout

def _label(text: str, for_id: str, **kw) -> html.Label:
    return html.Label(text, htmlFor=for_id, className="map-label", **kw)


def layout(indicator=None, year=None, scheme=None, k=None, overlay=None, nis=None, lang=None, **_query):
    """The page's frame. The warehouse is read by `_setup`, never here; `_setup` also sets the values
    of the dropdowns whose options it fills (one mounted with a value its empty options lack would
    reset it to None, racing `_setup`'s answer)."""
    state = parse_state(indicator, year, scheme, k, overlay, nis, lang)
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
                  dropdown(lang, id="map-overlay", options=[{"label": t("map.overlay.none", lang),
                                                           "value": OVERLAY_OFF}],
                                 value=state["overlay"], clearable=False, searchable=False)],
                 className="map-control"),
        html.Div([_label(t("map.search", lang), "map-search"),
                  dropdown(lang, id="map-search", options=[], value=None, clearable=True,
                                 searchable=True, placeholder=t("map.search.placeholder", lang))],
                 className="map-control"),
    ], className="map-controls", role="group", **{"aria-label": t("map.controls", lang)})
    time = html.Div([
        html.Button([html.Span("▶ " + t("map.play", lang), className="map-play-start"),
                     html.Span("⏸ " + t("map.pause", lang), className="map-play-stop")], id="map-play", type="button", n_clicks=0, className="map-play",
                    **{"aria-pressed": "false"}),
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
        dcc.Store(id="map-request", data=state),
        dcc.Store(id="map-table-sort", data={"key": "rank", "asc": True}),
        html.Div(id="map-notice"),
        controls,
        time,
        html.Div([
            html.Div(dcc.Graph(id="map-graph", config=GRAPH_CONFIG, figure=_empty_figure(),
                               style={"height": f"{MAP_HEIGHT}px"}, className="map-graph"),
                     className="map-figure", role="img", **{"aria-label": t("map.figure_label", lang)}),
            html.Div([
                html.Div(id="map-legend", className="map-legend", **{"aria-live": "polite"}),
                html.Div(id="map-selection", className="map-selection"),
                html.Div(id="map-networks-note", className="map-networks-note"),
            ], className="map-side"),
        ], className="map-body"),
        table_box,
    ], id="map-page", className="page map-page")


def _empty_figure() -> dict:
    return {"data": [], "layout": _figure_layout(None)}


def _figure_layout(bounds_view: dict | None, layers: list | None = None, uirevision: str = "map") -> dict:
    view = bounds_view or {"center": CENTER, "zoom": ZOOM}
    return {
        "map": {"style": "white-bg", "center": view["center"], "zoom": view["zoom"], "layers": layers or []},
        "margin": {"l": 0, "r": 0, "t": 0, "b": 0},
        "uirevision": uirevision,
        "hoverlabel": {"bgcolor": "#ffffff", "bordercolor": "#4a4a4a", "font": {"size": 14, "color": "#1a1a1a"},
                       "align": "left"},
        "showlegend": False,
        "dragmode": "pan",
        "paper_bgcolor": "#ffffff",
    }


TABLE_COLUMNS = ("name", "province", "value", "year", "rank", "flag")
NUMERIC_COLUMNS = {"value", "year", "rank"}


def _table_frame(lang: str) -> html.Div:
    head = html.Thead(html.Tr([
        html.Th(html.Button([html.Span(t(f"map.col.{c}", lang)),
                             html.Span("↕", className="sort-arrow", **{"aria-hidden": "true"},
                                       id={"type": "map-sort-arrow", "col": c})],
                            id={"type": "map-sort", "col": c}, type="button", className="sort-button",
                            title=t("sort.button", lang, label=t(f"map.col.{c}", lang))),
                id={"type": "map-sort-th", "col": c}, scope="col",
                className="num" if c in NUMERIC_COLUMNS else "", **{"aria-sort": "none"})
        for c in TABLE_COLUMNS]))
    table = html.Table([html.Caption(id="map-table-caption"), head, html.Tbody(id="map-table-body")],
                       id="map-table", className="data-table sortable")
    return html.Div(table, className="table-scroll", tabIndex="0", role="region",
                    **{"aria-label": t("map.table.title", lang)})


# ------------------------------------------------------------------------- the model

def _esc(text) -> str:
    """Data text for a plotly label: plotly reads <b>, <br>, <a> ..., so escape it."""
    return html_lib.escape(str(text), quote=False)


def indicator_row(base: dict, indicator_id: str | None) -> dict | None:
    """The indicator asked for; else the default; else the first with values."""
    usable = base["indicator_by_id"]
    if not usable:
        return None
    return usable.get(indicator_id) or usable.get(DEFAULT_INDICATOR) or next(iter(usable.values()))


def years_of(ind: dict) -> list[int]:
    years = ind.get("years")
    return [int(y) for y in (list(years) if years is not None else [])]


def resolve_year(ind: dict, year) -> int | None:
    years = years_of(ind)
    if not years:
        return None
    try:
        year = int(year)
    except (TypeError, ValueError):
        return years[-1]
    if year in years:
        return year
    if year < years[0] or year > years[-1]:
        return years[-1]
    # inside a gap of the series (the slider steps by 1): the nearest year, the later on a tie
    return min(years, key=lambda y: (abs(y - year), -y))


def indicator_name(ind: dict, lang: str) -> str:
    return (ind.get("name_en") if lang == "en" and ind.get("name_en") else ind.get("name_nl")) or ind["indicator_id"]


@lru_cache(maxsize=64)
def _classes(version: str, indicator_id: str, scheme: str, k: int) -> mapping.Classes:
    """Breaks over all years of the indicator, so colours compare between years."""
    values = qm.indicator_values(indicator_id)
    return mapping.classify(values["value"].to_numpy(dtype=float), scheme, k)


def classes_for(indicator_id: str, scheme: str, k: int) -> mapping.Classes:
    return _classes(db.data_version() or "", indicator_id, scheme, k)


def year_frame(base: dict, ind: dict, year: int) -> pd.DataFrame:
    """One row per 2025 municipality (in base order): the value shown for `year`, its own year,
    flag and note; a `missing` value falls back to the latest value of up to FALLBACK_YEARS
    earlier (a suppressed one never does)."""
    munis = base["municipalities"][["nis_code", "name_nl", "province_nis", "province_name"]]
    allv = qm.indicator_values(ind["indicator_id"])
    cur = allv[allv["year"] == year].set_index("nis_code")
    out = munis.copy()
    out["value"] = out["nis_code"].map(cur["value"])
    out["flag"] = out["nis_code"].map(cur["flag"]).fillna("missing")
    out["note"] = out["nis_code"].map(cur["note"])
    out["year"] = np.where(out["value"].notna(), year, np.nan)
    out["fallback_from"] = np.nan
    need = out["value"].isna() & (out["flag"] == "missing")
    if need.any():
        earlier = allv[(allv["year"] < year) & (allv["year"] >= year - FALLBACK_YEARS) & allv["value"].notna()]
        if not earlier.empty:
            latest = earlier.sort_values("year").groupby("nis_code").tail(1).set_index("nis_code")
            idx = out.index[need & out["nis_code"].isin(latest.index)]
            codes = out.loc[idx, "nis_code"]
            out.loc[idx, "value"] = codes.map(latest["value"]).to_numpy()
            out.loc[idx, "flag"] = codes.map(latest["flag"]).to_numpy()
            out.loc[idx, "note"] = codes.map(latest["note"]).to_numpy()
            out.loc[idx, "year"] = codes.map(latest["year"]).to_numpy()
            out.loc[idx, "fallback_from"] = year
    # Rank 1 = the darkest end of the scale (highest, or lowest when higher is better).
    ascending = ind.get("direction") == "higher_is_better"
    out["rank"] = out["value"].rank(method="min", ascending=ascending)
    out["prov_rank"] = out.groupby("province_nis")["value"].rank(method="min", ascending=ascending)
    out["prov_n"] = out.groupby("province_nis")["value"].transform("count")
    return out


def _networks(base: dict, programme: str | None) -> dict:
    """Per municipality: all project names (any programme) and those of `programme`; the
    province-wide projects per province."""
    net = base["networks"]
    munis = set(base["municipalities"]["nis_code"])
    local = net[net["nis_code"].isin(munis)]
    province = net[~net["nis_code"].isin(munis)]
    if programme and programme not in (OVERLAY_OFF, OVERLAY_ALL):
        shown_local = local[local["programme_id"] == programme]
        shown_province = province[province["programme_id"] == programme]
    elif programme == OVERLAY_ALL:
        shown_local, shown_province = local, province
    else:
        shown_local, shown_province = local.iloc[0:0], province.iloc[0:0]
    return {
        "count": local.groupby("nis_code")["project_id"].nunique().to_dict(),
        "province_count": province.groupby("nis_code")["project_id"].nunique().to_dict(),
        "shown": shown_local.groupby("nis_code")["name"].agg(lambda s: sorted(set(s))).to_dict(),
        "shown_province": shown_province.groupby("nis_code")["name"].agg(lambda s: sorted(set(s))).to_dict(),
    }


def _static_text(base: dict, lang: str) -> list[str]:
    """Line 1 of every hover label: name and province (does not change with the view)."""
    m = base["municipalities"]
    return [f"<b>{_esc(n)}</b> · {_esc(p)}" for n, p in zip(m["name_nl"], m["province_name"])]


def _network_text(base: dict, programme: str | None, lang: str) -> list[str]:
    nets = _networks(base, programme)
    out = []
    for nis, prov in zip(base["municipalities"]["nis_code"], base["municipalities"]["province_nis"]):
        n = nets["count"].get(nis, 0)
        p = nets["province_count"].get(prov, 0)
        line = t("map.hover.networks", lang, n=fmt.integer(n, lang))
        if p:
            line += " " + t("map.hover.networks_province", lang, n=fmt.integer(p, lang))
        names = nets["shown"].get(nis, []) + nets["shown_province"].get(prov, [])
        if names:
            line += "".join(f"<br>  • {_esc(x)}" for x in names[:8])
            if len(names) > 8:
                line += "<br>  " + _esc(t("map.hover.more", lang, n=len(names) - 8))
        out.append(line)
    return out


def _flag_text(flag: str, note, names: dict, lang: str) -> str:
    label = t_or(f"flag.{flag}", lang, str(flag))
    note = qm.names_in_note(note, names) if isinstance(note, str) and note else None
    return _esc(f"{label}: {note}" if note else label)


def _customdata(frame: pd.DataFrame, ind: dict, base: dict, year: int, lang: str) -> list[list]:
    """Per municipality: [value and its year, rank, rank in the province, flag and note]
    (compact: the words around them are in the hover template, sent once per change)."""
    unit, kind = ind.get("unit"), ind.get("kind")
    names = base["code_names"]
    rows = []
    flag_cache: dict = {}
    for value, own_year, flag, note, rank, prov_rank, prov_n, prov, fallback in zip(
            frame["value"].tolist(), frame["year"].tolist(), frame["flag"].tolist(), frame["note"].tolist(),
            frame["rank"].tolist(), frame["prov_rank"].tolist(), frame["prov_n"].tolist(),
            frame["province_nis"].tolist(), frame["fallback_from"].tolist()):
        key = (flag, note if isinstance(note, str) else None)
        if key not in flag_cache:
            flag_cache[key] = "" if flag == "original" else " · " + _flag_text(flag, key[1], names, lang)
        if fmt.is_missing(value):
            rows.append([t("map.hover.no_data", lang, year=year) + flag_cache[key], fmt.MISSING, fmt.MISSING])
            continue
        text = mapping.value_text(value, unit, kind, lang)
        if not fmt.is_missing(fallback):
            line = t("map.hover.value_fallback", lang, value=text, year=int(own_year), asked=int(fallback))
        else:
            line = t("map.hover.value", lang, value=text, year=int(own_year))
        rows.append([line + flag_cache[key], int(rank), f"{int(prov_rank)}/{int(prov_n)}"])
    return rows


def hovertemplate(ind: dict, n: int, lang: str) -> str:
    key = "map.hover.rank_count" if ind.get("kind") == "count" else (
        "map.hover.rank_better" if ind.get("direction") == "higher_is_better" else "map.hover.rank_worse")
    rank = t(key, lang, n=fmt.integer(n, lang), rank="%{customdata[1]}")
    prov = t("map.hover.in_province", lang, prov="%{customdata[2]}")
    return ("%{text}<br>%{customdata[0]}<br>" + _esc(rank) + "<br>" + _esc(prov)
            + "<br>%{hovertext}<extra></extra>")


@lru_cache(maxsize=256)
def _year_view(version: str, indicator_id: str, year: int, lang: str) -> dict:
    """What a year of an indicator shows, whatever the classes: cached per build."""
    base = qm.base()
    ind = base["indicator_by_id"][indicator_id]
    frame = year_frame(base, ind, year)
    n = int(frame["value"].notna().sum())
    return {"frame": frame, "n": n, "values": frame["value"].to_numpy(dtype=float),
            "customdata": _customdata(frame, ind, base, year, lang), "hovertemplate": hovertemplate(ind, n, lang)}


def view(base: dict, state: dict) -> dict:
    """Everything the map shows for a state, computed once for both the full figure and the patch."""
    lang = state["lang"]
    ind = indicator_row(base, state["indicator"])
    if ind is None:
        return {"ind": None}
    year = resolve_year(ind, state["year"])
    classes = classes_for(ind["indicator_id"], state["scheme"], state["k"])
    yv = _year_view(db.data_version() or "", ind["indicator_id"], year, lang)
    z = classes.index(yv["values"])
    return {
        "ind": ind, "year": year, "classes": classes, "frame": yv["frame"], "n": yv["n"],
        "z": z.tolist(),
        "colorscale": mapping.colorscale(classes.k, ind["direction"]),
        "customdata": yv["customdata"],
        "hovertemplate": yv["hovertemplate"],
    }


# ---------------------------------------------------------------------- zoom helpers

@lru_cache(maxsize=4)
def _bboxes(path: str, sha: str) -> dict[str, tuple[float, float, float, float]]:
    """(min lon, min lat, max lon, max lat) per feature of a layer file (cached per version)."""
    data = json.loads(Path(path).read_text())
    out = {}
    for f in data.get("features", []):
        code = (f.get("properties") or {}).get("nis") or f.get("id")
        xs, ys = [], []

        def walk(c):
            if c and isinstance(c[0], (int, float)):
                xs.append(c[0])
                ys.append(c[1])
            else:
                for part in c:
                    walk(part)

        walk((f.get("geometry") or {}).get("coordinates") or [])
        if xs:
            out[str(code)] = (min(xs), min(ys), max(xs), max(ys))
    return out


def zoom_to(base: dict, nis: str | None) -> dict | None:
    """Centre and zoom that fit one municipality in the map (about 900 x 600 px)."""
    layer = base["layers"].get(qm.MUNICIPALITY_LAYER)
    if not nis or not layer:
        return None
    path = db.geo_dir() / layer["file_name"]
    if not path.is_file():
        return None
    box = _bboxes(str(path), layer["sha256"]).get(nis)
    if box is None:
        return None
    x0, y0, x1, y1 = box

    def merc(lat):
        return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))

    width, height, fill = 900, MAP_HEIGHT, 0.3  # the municipality fills about a third: neighbours stay in view
    zx = math.log2(width * fill * 360 / (512 * max(x1 - x0, 1e-4)))
    zy = math.log2(height * fill * 2 * math.pi / (512 * max(merc(y1) - merc(y0), 1e-6)))
    return {"center": {"lon": (x0 + x1) / 2, "lat": (y0 + y1) / 2}, "zoom": round(max(7.5, min(10.5, zx, zy)), 2)}


# ---------------------------------------------------------------------------- figure

def _layer_url(base: dict, layer_id: str) -> str | None:
    layer = base["layers"].get(layer_id)
    if not layer or not (db.geo_dir() / layer["file_name"]).is_file():
        return None
    return geo_url(layer["file_name"], layer["sha256"], dash.get_relative_path("/"))


def overlay_parts(base: dict, overlay: str) -> dict:
    nets = _networks(base, overlay)
    return {"munis": sorted(nets["shown"]), "provinces": sorted(nets["shown_province"])}


def figure(base: dict, state: dict, v: dict) -> dict:
    """The whole figure (sent once per page view); geometry by URL only."""
    codes = base["municipalities"]["nis_code"].tolist()
    muni_url = _layer_url(base, qm.MUNICIPALITY_LAYER)
    if muni_url is None:
        return _empty_figure()
    prov_url = _layer_url(base, qm.PROVINCE_LAYER)
    region_url = _layer_url(base, qm.REGION_LAYER)
    layers = []
    if prov_url:
        layers.append({"sourcetype": "geojson", "source": prov_url, "type": "line", "color": "#3d3d3d",
                       "line": {"width": 1.4}, "name": "provinces"})
    if region_url:
        layers.append({"sourcetype": "geojson", "source": region_url, "type": "line", "color": "#1a1a1a",
                       "line": {"width": 2.2}, "name": "regions"})
    over = overlay_parts(base, state["overlay"])
    lang = state["lang"]
    k = v["classes"].k
    values = {
        "type": "choroplethmap", "name": "values", "geojson": muni_url, "featureidkey": "properties.nis",
        "locations": codes, "z": v["z"], "zmin": -0.5, "zmax": k + 0.5, "colorscale": v["colorscale"],
        "showscale": False, "marker": {"line": {"color": "#ffffff", "width": 0.5}, "opacity": 1},
        "text": _static_text(base, lang), "hovertext": _network_text(base, state["overlay"], lang),
        "customdata": v["customdata"], "hovertemplate": v["hovertemplate"],
    }
    networks = {
        "type": "choroplethmap", "name": "networks", "geojson": muni_url, "featureidkey": "properties.nis",
        "locations": over["munis"], "z": [1] * len(over["munis"]), "colorscale": TRANSPARENT, "showscale": False,
        "marker": {"line": {"color": NETWORK_LINE, "width": 3}}, "hoverinfo": "skip",
    }
    province_networks = {
        "type": "choroplethmap", "name": "province-networks", "geojson": prov_url or muni_url,
        "featureidkey": "properties.nis", "locations": over["provinces"] if prov_url else [],
        "z": [1] * (len(over["provinces"]) if prov_url else 0), "colorscale": TRANSPARENT, "showscale": False,
        "marker": {"line": {"color": PROVINCE_NETWORK_LINE, "width": 5}}, "hoverinfo": "skip",
    }
    selected = state["nis"] if state.get("nis") in set(codes) else None
    selection = {
        "type": "choroplethmap", "name": "selected", "geojson": muni_url, "featureidkey": "properties.nis",
        "locations": [selected] if selected else [], "z": [1] if selected else [], "colorscale": TRANSPARENT,
        "showscale": False, "marker": {"line": {"color": SELECTED_LINE, "width": 4}}, "hoverinfo": "skip",
    }
    zoom = zoom_to(base, selected)
    return {"data": [values, networks, province_networks, selection],
            "layout": _figure_layout(zoom, layers, uirevision=f"sel-{selected}" if selected else "map")}


# ------------------------------------------------------------------- side panels

def legend(v: dict, state: dict) -> list:
    lang = state["lang"]
    ind, classes, frame = v["ind"], v["classes"], v["frame"]
    cols = mapping.colours(classes.k, ind["direction"])
    labels = mapping.class_labels(classes, ind.get("unit"), ind.get("kind"), lang)
    z = np.asarray(v["z"])
    items = []
    for i, (colour, label) in enumerate(zip(cols, labels), start=1):
        count = int((z == i).sum())
        items.append(html.Li([html.Span(className="map-swatch", style={"backgroundColor": colour},
                                        **{"aria-hidden": "true"}),
                              html.Span(label, className="map-class-label"),
                              html.Span(t("map.legend.count", lang, n=fmt.integer(count, lang)),
                                        className="map-class-count")],
                             className="map-class"))
    items.append(html.Li([html.Span(className="map-swatch map-swatch-nodata", **{"aria-hidden": "true"}),
                          html.Span(t("map.legend.no_data", lang), className="map-class-label"),
                          html.Span(t("map.legend.count", lang, n=fmt.integer(int((z == 0).sum()), lang)),
                                    className="map-class-count")],
                         className="map-class", id="map-legend-nodata"))
    if state["overlay"] != OVERLAY_OFF:
        items.append(html.Li([html.Span(className="map-swatch map-swatch-network", **{"aria-hidden": "true"}),
                              html.Span(t("map.legend.network", lang), className="map-class-label")],
                             className="map-class"))
        items.append(html.Li([html.Span(className="map-swatch map-swatch-province-network", **{"aria-hidden": "true"}),
                              html.Span(t("map.legend.province_network", lang), className="map-class-label")],
                             className="map-class"))
    direction = ("map.legend.darker_count" if ind.get("kind") == "count" else
                 "map.legend.darker_better" if ind["direction"] == "higher_is_better" else "map.legend.darker_worse")
    years = years_of(ind)
    span = f"{years[0]}–{years[-1]}" if len(years) > 1 else str(years[0])
    fallback = int(frame["fallback_from"].notna().sum())
    notes = [html.P(t(direction, lang), className="map-legend-note"),
             html.P(t("map.legend.breaks", lang, scheme=t(f"map.scheme.{classes.scheme}", lang).lower(), span=span),
                    className="map-legend-note")]
    if fallback:
        notes.append(html.P(t("map.legend.fallback", lang, n=fmt.integer(fallback, lang), max=FALLBACK_YEARS),
                            className="map-legend-note"))
    if ind.get("kind") == "count":
        notes.insert(0, html.P(t("map.legend.context", lang), className="map-legend-note map-context"))
    unit = ind.get("unit") or ""
    return [
        html.H2([indicator_name(ind, lang), html.Span(f" ({unit}), {v['year']}" if unit else f", {v['year']}")],
                id="map-legend-title", className="map-legend-title"),
        html.Ul(items, className="map-classes", **{"aria-label": t("map.legend.label", lang)}),
        *notes,
        html.P(dcc.Link(t("map.legend.about", lang), href=page_href("/data", lang) + f"#data-{ind['indicator_id']}"),
               className="map-legend-note"),
    ]


def selection_panel(base: dict, v: dict, state: dict) -> list:
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
        value = mapping.value_text(r["value"], ind.get("unit"), ind.get("kind"), lang) + f" ({int(r['year'])})"
        rank = t("map.selection.rank", lang, rank=int(r["rank"]), n=fmt.integer(v["n"], lang),
                 prov_rank=int(r["prov_rank"]), prov_n=int(r["prov_n"]))
    note = qm.names_in_note(r["note"], base["code_names"]) if isinstance(r["note"], str) else None
    flag = t_or(f"flag.{r['flag']}", lang, str(r["flag"]))
    nets = _networks(base, OVERLAY_ALL)
    names = nets["shown"].get(nis, [])
    province_names = nets["shown_province"].get(r["province_nis"], [])
    items = [html.Dt(indicator_name(ind, lang)), html.Dd(value, id="map-selection-value")]
    if rank:
        items += [html.Dt(t("map.col.rank", lang)), html.Dd(rank)]
    items += [html.Dt(t("map.col.flag", lang)), html.Dd(f"{flag}: {note}" if note else flag)]
    items += [html.Dt(t("map.selection.networks", lang)),
              html.Dd(html.Ul([html.Li(x) for x in names] + [html.Li(t("map.selection.province_wide", lang, name=x))
                                                              for x in province_names])
                      if names or province_names else t("map.selection.none", lang))]
    return [html.Section([
        html.H2([r["name_nl"], html.Span(f" · {r['province_name']}", className="sub-inline")],
                id="map-selection-heading"),
        html.Dl(items, className="map-selection-facts"),
        html.P(dcc.Link(t("map.selection.profile", lang, name=r["name_nl"]) + " →",
                        href=profile_href(nis, lang), id="map-selection-profile", className="button-link")),
    ], className="card", **{"aria-labelledby": "map-selection-heading"})]


def networks_note(base: dict, state: dict) -> list:
    if state["overlay"] == OVERLAY_OFF:
        return []
    lang = state["lang"]
    nets = _networks(base, state["overlay"])
    prov_names = dict(zip(base["municipalities"]["province_nis"], base["municipalities"]["province_name"]))
    n_munis = len(nets["shown"])
    n_projects = len({x for names in nets["shown"].values() for x in names})
    children = [html.P(t("map.networks.summary", lang, munis=fmt.integer(n_munis, lang),
                         projects=fmt.integer(n_projects, lang)))]
    for prov, names in sorted(nets["shown_province"].items()):
        for name in names:
            children.append(html.P(t("map.networks.province_wide", lang, name=name,
                                     province=prov_names.get(prov, prov)), className="map-province-network"))
    return [html.Div(children, className="card map-networks-card")]


# ------------------------------------------------------------------------ callbacks

def _base_or_notice(lang: str):
    try:
        return qm.base(), None
    except db.WarehouseError as exc:
        return None, warehouse_notice(exc, lang)


def _indicator_options(base: dict, lang: str) -> list[dict]:
    df = base["indicators"]
    out = []
    for row in df[df["n_values"] > 0].to_dict("records"):
        label = indicator_name(row, lang)
        if row["kind"] == "count":
            label = t("map.indicator.context", lang, name=label)
        out.append({"label": label, "value": row["indicator_id"]})
    return out


def _year_props(ind: dict, year: int):
    years = years_of(ind)
    marks = {int(y): {"label": str(y)} for y in years}
    return min(years), max(years), marks, year


@callback(
    Output("map-notice", "children"),
    Output("map-indicator", "options"), Output("map-indicator", "value"),
    Output("map-overlay", "options"), Output("map-overlay", "value"),
    Output("map-search", "options"), Output("map-search", "value"),
    Output("map-year", "min"), Output("map-year", "max"), Output("map-year", "marks"), Output("map-year", "value"),
    Output("map-graph", "figure"),
    Input("map-request", "data"),
)
def _setup(request):
    """Once per page view: the options, the checked state and the whole figure."""
    state = parse_state(**(request or {}))
    lang = state["lang"]
    base, notice = _base_or_notice(lang)
    if base is None:
        return (notice, [], None, no_update, no_update, [], None, 0, 1, {}, None, _empty_figure())
    ind = indicator_row(base, state["indicator"])
    if ind is None:
        return (html.P(t("map.no_indicators", lang), className="empty"), [], None, no_update, no_update,
                [], None, 0, 1, {}, None, _empty_figure())
    state["indicator"] = ind["indicator_id"]
    state["year"] = resolve_year(ind, state["year"])
    progs = base["programmes"]
    overlay_options = [{"label": t("map.overlay.none", lang), "value": OVERLAY_OFF}]
    overlay_options += [{"label": (r["name_en"] if lang == "en" and r["name_en"] else r["name_nl"]),
                         "value": r["programme_id"]} for r in progs.to_dict("records")]
    if len(progs) > 1:
        overlay_options.append({"label": t("map.overlay.all", lang), "value": OVERLAY_ALL})
    if state["overlay"] not in {o["value"] for o in overlay_options}:
        state["overlay"] = OVERLAY_OFF
    munis = base["municipalities"]
    search_options = [{"label": f"{n} ({p})" if not fr or fr == n else f"{n} / {fr} ({p})",
                       "value": c, "search": f"{n} {fr or ''} {c}"}
                      for c, n, fr, p in zip(munis["nis_code"], munis["name_nl"], munis["name_fr"], munis["province_name"])]
    if state["nis"] not in set(munis["nis_code"]):
        state["nis"] = None
    v = view(base, state)
    mn, mx, marks, year = _year_props(ind, state["year"])
    return (None, _indicator_options(base, lang), state["indicator"], overlay_options, state["overlay"],
            search_options, state["nis"], mn, mx, marks, year, figure(base, state, v))


@callback(
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
def _update(indicator, year, scheme, k, overlay, nis, request, search):
    """Every change of the view: a patch of the figure, the legend and the URL."""
    return update(indicator, year, scheme, k, overlay, nis, (request or {}).get("lang"), search,
                  ctx.triggered_id if ctx else None)


def update(indicator, year, scheme, k, overlay, nis, lang, search, trigger=None):
    """The body of `_update` (the benchmark calls it directly)."""
    lang = normalise_lang(lang)
    if not indicator:
        return (no_update,) * 9
    base, _notice = _base_or_notice(lang)
    if base is None:
        return (no_update,) * 9
    state = parse_state(indicator, year, scheme, k, overlay, nis, lang)
    ind = indicator_row(base, state["indicator"])
    if ind is None:
        return (no_update,) * 9
    state["indicator"] = ind["indicator_id"]
    resolved = resolve_year(ind, state["year"])
    year_changed = resolved != state["year"]
    state["year"] = resolved
    v = view(base, state)
    patch = Patch()
    values = patch["data"][T_VALUES]
    values["z"] = v["z"]
    values["zmax"] = v["classes"].k + 0.5
    values["colorscale"] = v["colorscale"]
    values["customdata"] = v["customdata"]
    values["hovertemplate"] = v["hovertemplate"]
    if trigger in ("map-overlay", None):
        values["hovertext"] = _network_text(base, state["overlay"], lang)
        over = overlay_parts(base, state["overlay"])
        patch["data"][T_NETWORKS]["locations"] = over["munis"]
        patch["data"][T_NETWORKS]["z"] = [1] * len(over["munis"])
        if _layer_url(base, qm.PROVINCE_LAYER):
            patch["data"][T_PROVINCE_NETWORKS]["locations"] = over["provinces"]
            patch["data"][T_PROVINCE_NETWORKS]["z"] = [1] * len(over["provinces"])
    if trigger in ("map-search", None):
        sel = state["nis"] if state["nis"] in set(base["municipalities"]["nis_code"]) else None
        patch["data"][T_SELECTED]["locations"] = [sel] if sel else []
        patch["data"][T_SELECTED]["z"] = [1] if sel else []
        zoom = zoom_to(base, sel)
        if zoom:
            patch["layout"]["map"]["center"] = zoom["center"]
            patch["layout"]["map"]["zoom"] = zoom["zoom"]
            patch["layout"]["uirevision"] = f"sel-{sel}"
    slider = (no_update,) * 4
    if trigger in ("map-indicator", None) or year_changed:
        slider = _year_props(ind, state["year"])
    current = dict(parse_qsl((search or "").lstrip("?")))
    query = state_query(state)
    if current.get("present") == "1":  # the shell's presentation mode: not the map's state, but kept
        query += "&present=1"
    at_default = (not current and state["indicator"] == DEFAULT_INDICATOR and state["year"] == years_of(ind)[-1]
                  and state_query({**state, "year": None}) == f"?indicator={DEFAULT_INDICATOR}")
    url = no_update if at_default or current == dict(parse_qsl(query.lstrip("?"))) else query
    return (patch, legend(v, state), selection_panel(base, v, state), networks_note(base, state), *slider, url)


# The table alternative: built only when shown (and then kept in step with the view).
@callback(
    Output("map-table-box", "hidden"), Output("map-table-toggle", "aria-expanded"),
    Output("map-table-toggle", "children"),
    Output("map-table-body", "children"), Output("map-table-caption", "children"),
    Output({"type": "map-sort-th", "col": ALL}, "aria-sort"),
    Output({"type": "map-sort-arrow", "col": ALL}, "children"),
    Output("map-table-sort", "data"),
    Input("map-table-toggle", "n_clicks"), Input("map-indicator", "value"), Input("map-year", "value"),
    Input({"type": "map-sort", "col": ALL}, "n_clicks"),
    State("map-table-sort", "data"), State("map-request", "data"),
    prevent_initial_call=True,
)
def _table(toggles, indicator, year, _sorts, sort, request):
    lang = normalise_lang((request or {}).get("lang"))
    shown = bool(toggles) and toggles % 2 == 1
    button = t("map.table.hide" if shown else "map.table.show", lang)
    n = len(TABLE_COLUMNS)
    if not shown:
        return True, "false", button, no_update, no_update, [no_update] * n, [no_update] * n, no_update
    sort = sort or {"key": "rank", "asc": True}
    trigger = ctx.triggered_id
    if isinstance(trigger, dict) and trigger.get("type") == "map-sort":
        key = trigger["col"]
        sort = {"key": key, "asc": not sort["asc"] if sort.get("key") == key else True}
    body, caption = table_rows(indicator, year, sort, lang)
    aria = ["none" if c != sort["key"] else ("ascending" if sort["asc"] else "descending") for c in TABLE_COLUMNS]
    arrows = [{"none": "↕", "ascending": "▲", "descending": "▼"}[a] for a in aria]
    return False, "true", button, body, caption, aria, arrows, sort


def table_rows(indicator, year, sort: dict, lang: str):
    base, notice = _base_or_notice(lang)
    if base is None:
        return [], ""
    ind = indicator_row(base, indicator)
    if ind is None:
        return [], ""
    year = resolve_year(ind, year)
    frame = year_frame(base, ind, year)
    names = base["code_names"]
    frame = frame.assign(
        name=frame["name_nl"], province=frame["province_name"],
        flag_label=[t_or(f"flag.{f}", lang, str(f)) for f in frame["flag"]])
    key = {"name": "name", "province": "province", "value": "value", "year": "year", "rank": "rank",
           "flag": "flag_label"}[sort["key"] if sort["key"] in TABLE_COLUMNS else "rank"]
    if key in ("name", "province", "flag_label"):
        from dashboard.ui.components import sort_key

        frame = frame.assign(_k=[sort_key("text", x) for x in frame[key]])
        frame = frame.sort_values(["_k", "name"], ascending=[sort["asc"], True], na_position="last")
    else:
        frame = frame.sort_values([key, "name"], ascending=[sort["asc"], True], na_position="last")
    unit, kind = ind.get("unit"), ind.get("kind")
    rows = []
    for r in frame.to_dict("records"):
        note = qm.names_in_note(r["note"], names) if isinstance(r["note"], str) else None
        flag = html.Span(r["flag_label"], title=note) if note else r["flag_label"]
        rank = fmt.MISSING if fmt.is_missing(r["rank"]) else fmt.integer(r["rank"], lang)
        rows.append(html.Tr([
            html.Td(dcc.Link(r["name"], href=profile_href(r["nis_code"], lang))),
            html.Td(r["province"]),
            html.Td(mapping.value_text(r["value"], unit, kind, lang), className="num"),
            html.Td(fmt.MISSING if fmt.is_missing(r["year"]) else str(int(r["year"])), className="num"),
            html.Td(rank, className="num"),
            html.Td(flag),
        ]))
    caption = t("map.table.caption", lang, indicator=indicator_name(ind, lang), year=year,
                n=fmt.integer(int(frame["value"].notna().sum()), lang))
    return rows, caption


# ------------------------------------------------------------------------ downloads

def export(indicator, year, scheme, k, overlay, lang: str):
    """(file name parts, sheets) of the view on the map: every municipality with its value, class, ranks,
    flag and networks; the classes and the notes on a second sheet. None without data."""
    base, _notice = _base_or_notice(lang)
    if base is None:
        return None
    state = parse_state(indicator, year, scheme, k, overlay, None, lang)
    v = view(base, state)
    ind = v.get("ind")
    if ind is None:
        return None
    frame, names = v["frame"], base["code_names"]
    labels = mapping.class_labels(v["classes"], ind.get("unit"), ind.get("kind"), lang)
    z = v["z"]
    nets = _networks(base, None)
    rows = []
    for i, r in enumerate(frame.to_dict("records")):
        cls = int(z[i]) if i < len(z) else 0
        rows.append({
            "nis": r["nis_code"], "name": r["name_nl"], "province": r["province_name"],
            "value": None if fmt.is_missing(r["value"]) else float(r["value"]),
            "year": None if fmt.is_missing(r["year"]) else int(r["year"]),
            "class": labels[cls - 1] if 0 < cls <= len(labels) else t("map.legend.no_data", lang),
            "rank": None if fmt.is_missing(r["rank"]) else int(r["rank"]),
            "prov_rank": None if fmt.is_missing(r["prov_rank"]) else int(r["prov_rank"]),
            "flag": t_or(f"flag.{r['flag']}", lang, str(r["flag"])),
            "note": qm.names_in_note(r["note"], names) if isinstance(r["note"], str) else "",
            "networks": int(nets["count"].get(r["nis_code"], 0)),
        })
    name = indicator_name(ind, lang)
    C = downloads.Column
    decimals = mapping.decimals_for(ind.get("unit"), ind.get("kind"))
    columns = [C("nis", t("map.export.nis", lang)), C("name", t("map.col.name", lang)),
               C("province", t("map.col.province", lang)),
               C("value", f"{name} ({ind.get('unit') or ''})".replace(" ()", ""), "number", decimals),
               C("year", t("map.col.year", lang), "int"), C("class", t("map.export.class", lang)),
               C("rank", t("map.export.rank", lang), "int"), C("prov_rank", t("map.export.prov_rank", lang), "int"),
               C("flag", t("map.col.flag", lang)), C("note", t("map.export.note", lang)),
               C("networks", t("map.export.networks", lang), "int")]
    scheme_label = t(f"map.scheme.{v['classes'].scheme}", lang)
    intro = [t("map.export.intro", lang, indicator=name, year=v["year"], scheme=scheme_label, k=v["classes"].k),
             t("map.export.rank_rule", lang)]
    source = _source_line(ind.get("source_id"))
    if source:
        intro.append(t("map.export.source", lang, source=source))
    if isinstance(ind.get("harmonisation_nl"), str) and ind["harmonisation_nl"]:
        intro.append(ind["harmonisation_nl"])
    sheets = [downloads.Sheet(t("map.export.sheet", lang), columns, rows, intro)]
    return ("kaart", ind["indicator_id"], str(v["year"])), sheets


def _source_line(source_id) -> str:
    """`dataset, publisher, licence, URL` of an indicator's source, as the warehouse records it."""
    try:
        with db.reader() as r:
            src = qm.sources(r)
    except db.WarehouseError:
        return ""
    row = src[src["source_id"] == source_id]
    if row.empty:
        return ""
    rec = row.iloc[0]
    return ", ".join(str(rec[c]) for c in ("dataset", "publisher", "licence", "url") if isinstance(rec[c], str) and rec[c])


@callback(Output("map-download", "data"), Input("map-csv", "n_clicks"), Input("map-xlsx", "n_clicks"),
          State("map-indicator", "value"), State("map-year", "value"), State("map-scheme", "value"),
          State("map-k", "value"), State("map-overlay", "value"), State("map-request", "data"),
          prevent_initial_call=True)
def _download(n_csv, n_xlsx, indicator, year, scheme, k, overlay, request):
    out = export(indicator, year, scheme, k, overlay, normalise_lang((request or {}).get("lang")))
    if out is None or not (n_csv or n_xlsx):
        return no_update
    parts, sheets = out
    if ctx.triggered_id == "map-xlsx":
        return dcc.send_bytes(downloads.workbook_bytes(sheets), downloads.file_name(*parts, ext="xlsx"))
    return dcc.send_bytes(downloads.csv_with_intro(sheets[0].intro, sheets[0]), downloads.file_name(*parts, ext="csv"),
                          type=downloads.CSV_MIME)


# Play: the button starts and stops; every tick steps the year slider along its marks and
# stops at the last year (which sends the usual update for each year).
clientside_callback(
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

clientside_callback(
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

# A click on a municipality opens its profile (a client-side navigation, like dcc.Link).
clientside_callback(
    """function(click, search) {
        if (!click || !click.points || !click.points.length) { return window.dash_clientside.no_update; }
        const p = click.points[0];
        const nis = p.location;
        if (!nis || !/^[0-9]{5}$/.test(String(nis))) { return window.dash_clientside.no_update; }
        const lang = new URLSearchParams(search || "").get("lang") === "en" ? "en" : "nl";
        const href = "%s?nis=" + encodeURIComponent(nis) + "&lang=" + lang;
        window.history.pushState({}, "", href);
        window.dispatchEvent(new CustomEvent("_dashprivate_pushstate"));
        window.scrollTo(0, 0);
        return window.dash_clientside.no_update;
    }""" % PROFILE_PATH,
    Output("map-notice", "title"),
    Input("map-graph", "clickData"), State("app-url", "search"),
    prevent_initial_call=True,
)
