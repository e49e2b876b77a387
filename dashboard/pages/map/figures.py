"""The choropleth: the whole figure (sent once per page view) and the patch of a change.

Speed: the geometry is a static file (`/geo/municipalities_2025.geojson?v=<sha256>`, cached for a
year) that the figure references by URL, so it reaches the browser once. Every later change
(indicator, year, classes, overlay, selection) sends a `dash.Patch()` with the class numbers, hover
lines and colour scale only.

Escaping: text from the data reaches plotly's labels only through `ui.text.esc` (plotly reads a few
HTML tags in labels).
"""
from __future__ import annotations

from functools import lru_cache

import pandas as pd
from dash import Patch

from dashboard import db, places
from dashboard import formatting as fmt
from dashboard.geo import layer_url
from dashboard.i18n import t, t_or
from dashboard.pages.map import view as vm
from dashboard.queries import map as qm
from dashboard.ui.downloads import name_word
from dashboard.ui.graphs import graph_config
from dashboard.ui.maps import empty_map, fit_places, map_layout
from dashboard.ui.notes import value_note
from dashboard.ui.text import esc

MAP_HEIGHT = 540
MAP_WIDTH = 900          # about the width of the map on a laptop, for fitting a municipality
SELECTION_FILL = 0.3     # a selected municipality fills about a third: its neighbours stay in view
SELECTION_ZOOM = (7.5, 10.5)
NETWORK_LINE, NETWORK_WIDTH = "#1a1a1a", 3
PROVINCE_NETWORK_LINE, PROVINCE_NETWORK_WIDTH = "#1f5fbf", 5
SELECTED_LINE, SELECTED_WIDTH = "#00b3ff", 4
TRANSPARENT = [[0, "rgba(0,0,0,0)"], [1, "rgba(0,0,0,0)"]]
HOVER_NAMES = 8          # network names listed in a hover label; the rest are counted

# Trace order in the figure (the patch addresses them by position).
T_VALUES, T_NETWORKS, T_PROVINCE_NETWORKS, T_SELECTED = 0, 1, 2, 3

def graph_config_for(lang: str) -> dict:
    """The map's plotly config: its PNG file named in the page's language."""
    return graph_config(name_word("map", lang), scroll_zoom=True)


def empty_figure() -> dict:
    return empty_map()


# ------------------------------------------------------------------------ hover labels

def static_text(base: dict, lang: str) -> list[str]:
    """Line 1 of every hover label: name and province (does not change with the view)."""
    m = base["municipalities"]
    return [f"<b>{esc(n)}</b> · {esc(p)}" for n, p in zip(m["name_nl"], places.province_column(m, lang))]


def network_text(base: dict, programme: str | None, lang: str) -> list[str]:
    """The last lines of every hover label: how many networks, and the names of those shown."""
    nets = vm.networks(base, programme)
    out = []
    for nis, prov in zip(base["municipalities"]["nis_code"], base["municipalities"]["province_nis"]):
        n = nets["count"].get(nis, 0)
        p = nets["province_count"].get(prov, 0)
        line = t("map.hover.networks", lang, n=fmt.integer(n, lang))
        if p:
            line += " " + t("map.hover.networks_province", lang, n=fmt.integer(p, lang))
        names = nets["shown"].get(nis, []) + nets["shown_province"].get(prov, [])
        if names:
            line += "".join(f"<br>  • {esc(x)}" for x in names[:HOVER_NAMES])
            if len(names) > HOVER_NAMES:
                line += "<br>  " + esc(t("map.hover.more", lang, n=len(names) - HOVER_NAMES))
        out.append(line)
    return out


def flag_text(flag: str, note, names: dict, lang: str) -> str:
    """`Flag: note`, escaped for a label."""
    label = t_or(f"flag.{flag}", lang, str(flag))
    sentence = value_note(note, names, lang)
    return esc(f"{label}: {sentence}" if sentence else label)


def customdata(frame: pd.DataFrame, ind: dict, names: dict, year: int, n: int, lang: str) -> list[list]:
    """Per municipality: [value and its year with flag and note, rank, rank in the province, number
    ranked] (compact: the words around them are in the hover template, the same for every year of
    an indicator, so that a new year changes only data arrays: see `revision`)."""
    ranked = fmt.integer(n, lang)
    rows = []
    for value, own_year, flag, note, rank, prov_rank, prov_n, fallback in zip(
            frame["value"].tolist(), frame["year"].tolist(), frame["flag"].tolist(), frame["note"].tolist(),
            frame["rank"].tolist(), frame["prov_rank"].tolist(), frame["prov_n"].tolist(),
            frame["fallback_from"].tolist()):
        flag_part = "" if flag == "original" else " · " + flag_text(flag, note, names, lang)
        if fmt.is_missing(value):
            rows.append([t("map.hover.no_data", lang, year=year) + flag_part, fmt.MISSING, fmt.MISSING, ranked])
            continue
        text = fmt.value_text(value, ind, lang)
        if not fmt.is_missing(fallback):
            line = t("map.hover.value_fallback", lang, value=text, year=int(own_year), asked=int(fallback))
        else:
            line = t("map.hover.value", lang, value=text, year=int(own_year))
        # The value's unit comes from the data (an imported indicator's own words): escaped like the flag.
        rows.append([esc(line) + flag_part, int(rank), f"{int(prov_rank)}/{int(prov_n)}", ranked])
    return rows


def hovertemplate(ind: dict, lang: str) -> str:
    key = "map.hover.rank_count" if ind.get("kind") == "count" or ind.get("direction") == "higher_is_more" else (
        "map.hover.rank_better" if ind.get("direction") == "higher_is_better" else "map.hover.rank_worse")
    rank = t(key, lang, n="%{customdata[3]}", rank="%{customdata[1]}")
    prov = t("map.hover.in_province", lang, prov="%{customdata[2]}")
    return ("%{text}<br>%{customdata[0]}<br>" + esc(rank) + "<br>" + esc(prov)
            + "<br>%{hovertext}<extra></extra>")


@lru_cache(maxsize=256)
def _hover(version: str, indicator_id: str, year: int, lang: str) -> dict:
    """The hover lines of a year of an indicator in a language: cached per build."""
    base = qm.base()
    ind = base["indicator_by_id"][indicator_id]
    v = vm.year_view(indicator_id, year)
    return {"customdata": customdata(v["frame"], ind, base["code_names"], year, v["n"], lang),
            "hovertemplate": hovertemplate(ind, lang)}


def hover(v: dict, lang: str) -> dict:
    return _hover(db.data_version() or "", v["ind"]["indicator_id"], v["year"], lang)


def clear_caches() -> None:
    """Forget the per-build hover lines and views (the benchmark measures cold calls)."""
    _hover.cache_clear()
    vm.clear_caches()


# -------------------------------------------------------------------------- the view

def zoom_to(base: dict, nis: str | None) -> dict | None:
    """Centre and zoom that fit one municipality in the map, None when it cannot be found."""
    if not nis or qm.MUNICIPALITY_LAYER not in base["layers"]:
        return None
    return fit_places([nis], (qm.MUNICIPALITY_LAYER,), MAP_WIDTH, MAP_HEIGHT, SELECTION_FILL, *SELECTION_ZOOM)


def selected(base: dict, state: dict) -> str | None:
    """The selected municipality when it is one of the map's."""
    return state["nis"] if state.get("nis") in set(base["municipalities"]["nis_code"]) else None


def revision(state: dict) -> str:
    """The layout's `datarevision`: what, besides the values, the drawn traces show (the build, the
    language, the outlined networks, the selection). While it stays the same (another year, or an
    indicator with the same colour scale), plotly keeps its drawing and assets/map_repaint.js paints
    the new values; plotly still redraws whatever else changed in the figure (a new colour scale)."""
    return f"{db.data_version() or ''}|{state['lang']}|{state['overlay']}|{state.get('nis') or ''}"


def province_codes(base: dict) -> list[str]:
    return sorted(base["municipalities"]["province_nis"].dropna().unique().tolist())


def widths(codes: list[str], outlined, width: float) -> list[float]:
    """A line width per location: `width` for the outlined ones, 0 (no line) for the others."""
    shown = set(outlined)
    return [width if code in shown else 0 for code in codes]


def outlines(name: str, url: str, codes: list[str], colour: str, line_widths: list[float]) -> dict:
    """A trace of outlines only (transparent fill, no hover). The networks' traces hold every
    location of their layer and show some by their line width: another overlay is a change of
    widths, which the map repaints without handing the polygons to MapLibre again, and lines that
    are all 0 wide are not drawn (frontend/src/plotly-dashboard.js). The selection holds only the
    selected municipality: one polygon to hand over is cheaper than 304 lines in every frame."""
    return {"type": "choroplethmap", "name": name, "geojson": url, "featureidkey": "properties.nis",
            "locations": codes, "z": [1] * len(codes), "colorscale": TRANSPARENT, "showscale": False,
            "marker": {"line": {"color": colour, "width": line_widths}}, "hoverinfo": "skip"}


def figure(base: dict, state: dict, v: dict) -> dict:
    """The whole figure (sent once per page view); geometry by URL only."""
    codes = base["municipalities"]["nis_code"].tolist()
    muni_url = layer_url(base["layers"].get(qm.MUNICIPALITY_LAYER))
    if muni_url is None:
        return empty_figure()
    prov_url = layer_url(base["layers"].get(qm.PROVINCE_LAYER))
    region_url = layer_url(base["layers"].get(qm.REGION_LAYER))
    layers = []
    if prov_url:
        layers.append({"sourcetype": "geojson", "source": prov_url, "type": "line", "color": "#3d3d3d",
                       "line": {"width": 1.4}, "name": "provinces"})
    if region_url:
        layers.append({"sourcetype": "geojson", "source": region_url, "type": "line", "color": "#1a1a1a",
                       "line": {"width": 2.2}, "name": "regions"})
    over = vm.overlay_parts(base, state["overlay"])
    lang = state["lang"]
    lines = hover(v, lang)
    values = {
        "type": "choroplethmap", "name": "values", "geojson": muni_url, "featureidkey": "properties.nis",
        "locations": codes, "z": v["z"], "zmin": -0.5, "zmax": v["classes"].k + 0.5, "colorscale": v["colorscale"],
        "showscale": False, "marker": {"line": {"color": "#ffffff", "width": 0.5}, "opacity": 1},
        "text": static_text(base, lang), "hovertext": network_text(base, state["overlay"], lang),
        "customdata": lines["customdata"], "hovertemplate": lines["hovertemplate"],
    }
    provinces = province_codes(base) if prov_url else []
    nis = selected(base, state)
    networks = outlines("networks", muni_url, codes, NETWORK_LINE, widths(codes, over["munis"], NETWORK_WIDTH))
    province_networks = outlines("province-networks", prov_url or muni_url, provinces, PROVINCE_NETWORK_LINE,
                                 widths(provinces, over["provinces"], PROVINCE_NETWORK_WIDTH))
    selection = outlines("selected", muni_url, [nis] if nis else [], SELECTED_LINE, [SELECTED_WIDTH] if nis else [])
    return {"data": [values, networks, province_networks, selection],
            "layout": {**map_layout(zoom_to(base, nis), layers, uirevision=f"sel-{nis}" if nis else "map"),
                       "datarevision": revision({**state, "nis": nis})}}


def patch(base: dict, state: dict, v: dict, trigger) -> Patch:
    """The change of the figure for a new state: classes, colours and hover lines always; the
    outlined networks when the overlay changed, the selection (and the zoom to it) when the search
    did (`trigger` None: both)."""
    lang = state["lang"]
    lines = hover(v, lang)
    out = Patch()
    values = out["data"][T_VALUES]
    values["z"] = v["z"]
    values["zmax"] = v["classes"].k + 0.5
    values["colorscale"] = v["colorscale"]
    values["customdata"] = lines["customdata"]
    values["hovertemplate"] = lines["hovertemplate"]
    if trigger in ("map-overlay", None):
        values["hovertext"] = network_text(base, state["overlay"], lang)
        over = vm.overlay_parts(base, state["overlay"])
        codes = base["municipalities"]["nis_code"].tolist()
        out["data"][T_NETWORKS]["marker"]["line"]["width"] = widths(codes, over["munis"], NETWORK_WIDTH)
        if layer_url(base["layers"].get(qm.PROVINCE_LAYER)):
            out["data"][T_PROVINCE_NETWORKS]["marker"]["line"]["width"] = widths(
                province_codes(base), over["provinces"], PROVINCE_NETWORK_WIDTH)
    nis = selected(base, state)
    if trigger in ("map-overlay", "map-search", None):
        out["layout"]["datarevision"] = revision({**state, "nis": nis})
    if trigger in ("map-search", None):
        out["data"][T_SELECTED]["locations"] = [nis] if nis else []
        out["data"][T_SELECTED]["z"] = [1] if nis else []
        out["data"][T_SELECTED]["marker"]["line"]["width"] = [SELECTED_WIDTH] if nis else []
        zoom = zoom_to(base, nis)
        if zoom:
            out["layout"]["map"]["center"] = zoom["center"]
            out["layout"]["map"]["zoom"] = zoom["zoom"]
            out["layout"]["uirevision"] = f"sel-{nis}"
    return out
