"""The need page's figures, as plain plotly figure dicts: the scatter of need against provision,
the shortlist map (and the patch that moves only its marks), the spread over the provinces and the
concentration curve. Every text that comes in here from the data is already escaped (`esc`), or is
escaped here."""
from __future__ import annotations

import textwrap

import numpy as np
from dash import Patch

from dashboard import formatting as fmt
from dashboard.ui.graphs import FONT
from dashboard.ui.maps import empty_map as empty_map_figure
from dashboard.ui.maps import map_layout
from dashboard.ui.text import esc

QUADRANT_COLOURS = {"hn_li": "#d55e00", "hn_hi": "#0072b2", "ln_hi": "#009e73", "ln_li": "#7a7a7a"}
QUADRANT_SYMBOLS = {"hn_li": "diamond", "hn_hi": "circle", "ln_hi": "square", "ln_li": "circle-open"}
SPREAD_COLOURS = {"equivalents_share": "#0072b2", "funding_share": "#009e73", "at_risk_share": "#d55e00"}
CURVE_COLOURS = {"networks": "#0072b2", "funding": "#009e73"}
SHORTLIST_COLOUR = "#d55e00"
OTHER_FILL = "#e4e7eb"
NETWORK_LINE = "#1a1a1a"
GRID = "#e5e8ec"
THRESHOLD_LINE = {"color": "#4a4a4a", "width": 1.5, "dash": "dash"}
MAP_HEIGHT = 520
# An axis title longer than this breaks into lines: plotly never wraps one, and on a phone (a plot
# some 250 px wide) a one-line title of ~50 characters ran off both edges.
TITLE_CHARS = 34
BAR_TEXT_SIZE = 12  # the spread's value labels: plotly shrank them to ~6 px on a phone's narrow bars
MAP_REVISION = "need-map"


def axis_title(text: str) -> str:
    """An axis title, escaped, in lines of at most TITLE_CHARS characters (broken between words)."""
    return "<br>".join(textwrap.wrap(esc(text), TITLE_CHARS, break_on_hyphens=False)) or esc(text)


def _separators(lang: str) -> str:
    return ",." if lang == "nl" else ".,"


def _frame(lang: str, **layout) -> dict:
    """What every chart of the page shares: white, the common font, the page's number notation."""
    return {"separators": _separators(lang), "paper_bgcolor": "#ffffff", "plot_bgcolor": "#ffffff", "font": FONT,
            **layout}


def empty_scatter() -> dict:
    return {"data": [], "layout": {"height": 500, "paper_bgcolor": "#ffffff", "plot_bgcolor": "#ffffff",
                                   "xaxis": {"visible": False}, "yaxis": {"visible": False}}}


def empty_map() -> dict:
    return empty_map_figure(MAP_REVISION)


# -------------------------------------------------------------------------- scatter

def scatter(traces: list[dict], x_title: str, y_title: str, need_threshold: float, level_threshold: float,
            reversed_x: bool, uirevision: str, lang: str) -> dict:
    """Need (x) against provision (y), one trace per quadrant (`quadrant`, `name`, `x`, `y`,
    `customdata` = [nis, escaped hover label]), with the two thresholds as dashed lines."""
    data = [{
        "type": "scatter", "mode": "markers", "name": esc(tr["name"]),
        "x": np.round(np.asarray(tr["x"], dtype=float), 6).tolist(),
        "y": np.round(np.asarray(tr["y"], dtype=float), 6).tolist(),
        "customdata": tr["customdata"], "hovertemplate": "%{customdata[1]}<extra></extra>",
        "marker": {"color": QUADRANT_COLOURS[tr["quadrant"]], "symbol": QUADRANT_SYMBOLS[tr["quadrant"]], "size": 9,
                   "opacity": 0.85, "line": {"color": "#ffffff" if tr["quadrant"] != "ln_li"
                                             else QUADRANT_COLOURS[tr["quadrant"]], "width": 1}},
    } for tr in traces]
    lines = [] if fmt.is_missing(need_threshold) or fmt.is_missing(level_threshold) else [
        {"type": "line", "xref": "x", "yref": "paper", "x0": need_threshold, "x1": need_threshold, "y0": 0, "y1": 1,
         "line": THRESHOLD_LINE},
        {"type": "line", "xref": "paper", "yref": "y", "x0": 0, "x1": 1, "y0": level_threshold,
         "y1": level_threshold, "line": THRESHOLD_LINE}]
    return {"data": data, "layout": _frame(
        lang, height=500, margin={"l": 70, "r": 20, "t": 30, "b": 60}, hovermode="closest", uirevision=uirevision,
        # the legend below the axis title, however many lines the title takes (the margin grows to fit)
        legend={"orientation": "h", "yref": "container", "y": 0, "yanchor": "bottom"},
        hoverlabel={"bgcolor": "#ffffff", "bordercolor": "#4a4a4a", "font": {"size": 13, "color": "#1a1a1a"},
                    "align": "left"},
        xaxis={"title": {"text": axis_title(x_title)}, "gridcolor": GRID, "zeroline": False, "automargin": True,
               "autorange": "reversed" if reversed_x else True},
        yaxis={"title": {"text": axis_title(y_title)}, "gridcolor": GRID, "rangemode": "tozero", "automargin": True},
        shapes=lines)}


# ----------------------------------------------------------------------- shortlist map

def gap_map(static: dict, z: list[int], hover: list[str], revision: str) -> dict:
    """All municipalities in light grey, the shortlist in orange, those with a network of their own
    outlined; geometry by URL only (fetched once, cached by the browser and plotly). What a view
    changes travels as `z` (1 on the shortlist) and `customdata` (each municipality's whole hover
    text, escaped) only, so a patch carries just those (`shortlist_patch`). `static`: codes, own,
    muni_url, prov_url.

    `revision` (view.map_key: the build and the language) is the layout's `datarevision`: while it
    stays the same, plotly takes a patch of `z` and `customdata` without redrawing (it would otherwise
    hand every outline to MapLibre again: most of a year or split rule change in headless Chromium
    without a GPU). The hover reads `customdata` from the new figure at once (plotly's calculated
    points, which keep the old `text`, are not read), and assets/map_repaint.js repaints
    the shortlist on the drawn map."""
    if static["muni_url"] is None:
        return empty_map()
    layers = []
    if static["prov_url"]:
        layers.append({"sourcetype": "geojson", "source": static["prov_url"], "type": "line", "color": "#3d3d3d",
                       "line": {"width": 1.4}, "name": "provinces"})
    values = {
        "type": "choroplethmap", "name": "shortlist", "geojson": static["muni_url"], "featureidkey": "properties.nis",
        "locations": static["codes"], "z": z, "zmin": 0, "zmax": 1,
        "colorscale": [[0, OTHER_FILL], [0.5, OTHER_FILL], [0.5, SHORTLIST_COLOUR], [1, SHORTLIST_COLOUR]],
        "showscale": False, "marker": {"line": {"color": "#ffffff", "width": 0.6}, "opacity": 1},
        "customdata": hover, "hovertemplate": "%{customdata}<extra></extra>",
    }
    networks = {
        "type": "choroplethmap", "name": "networks", "geojson": static["muni_url"], "featureidkey": "properties.nis",
        "locations": static["own"], "z": [1] * len(static["own"]),
        "colorscale": [[0, "rgba(0,0,0,0)"], [1, "rgba(0,0,0,0)"]],
        "showscale": False, "marker": {"line": {"color": NETWORK_LINE, "width": 2.5}}, "hoverinfo": "skip",
    }
    return {"data": [values, networks],
            "layout": {**map_layout(layers=layers, uirevision=MAP_REVISION), "datarevision": revision}}


def shortlist_patch(z: list[int], hover: list[str]) -> Patch:
    """Only the marks and hover texts of a drawn map (the geometry stays)."""
    patch = Patch()
    patch["data"][0]["z"] = z
    patch["data"][0]["customdata"] = hover
    return patch


# ---------------------------------------------------------------------------- spread

def spread_chart(bars: list[dict], x_title: str, lang: str) -> dict:
    """Grouped horizontal bars per province: shares of networks (and funding) against persons at risk.
    Horizontal so the names and the value labels keep their size on a phone (as columns the last
    name was cut and plotly shrank the labels to the columns' width). `bars`: key, label, names,
    values (percent), texts."""
    data = [{"type": "bar", "orientation": "h", "name": esc(b["label"]), "y": [esc(n) for n in b["names"]],
             "x": b["values"], "text": b["texts"], "textposition": "outside", "constraintext": "none",
             "cliponaxis": False, "textfont": {"size": BAR_TEXT_SIZE}, "marker": {"color": SPREAD_COLOURS[b["key"]]},
             "hovertemplate": "%{y}: %{text}<extra>" + esc(b["label"]) + "</extra>"} for b in bars]
    areas = len(bars[0]["names"]) if bars else 0
    return {"data": data, "layout": _frame(
        lang, barmode="group", height=140 + areas * (18 * len(bars) + 16), bargap=0.25,
        margin={"l": 20, "r": 56, "t": 20, "b": 50},
        legend={"orientation": "h", "yref": "container", "y": 0, "yanchor": "bottom"},
        # the first province on top, as in the table below
        yaxis={"autorange": "reversed", "automargin": True},
        xaxis={"title": {"text": axis_title(x_title)}, "gridcolor": GRID, "automargin": True,
               "ticksuffix": " %" if lang == "nl" else "%", "rangemode": "tozero"})}


# ----------------------------------------------------------------- concentration curve

def curve_chart(lines: list[dict], equality: str, x_title: str, y_title: str, x_short: str, y_short: str,
                lang: str) -> dict:
    """The concentration curves against the line of equality. `lines`: key, label, index, x, y,
    points ([name, x text, y text] per point)."""
    data = [{"type": "scatter", "mode": "lines", "name": esc(equality), "x": [0, 1], "y": [0, 1],
             "line": {"color": "#7a7a7a", "dash": "dash", "width": 1.5}, "hoverinfo": "skip"}]
    for line in lines:
        data.append({
            "type": "scatter", "mode": "lines", "name": esc(f"{line['label']} (C = {fmt.number(line['index'], 3, lang)})"),
            "x": line["x"], "y": line["y"], "line": {"color": CURVE_COLOURS[line["key"]], "width": 2.5, "shape": "linear"},
            "customdata": [[esc(n), x, y] for n, x, y in line["points"]],
            "hovertemplate": "<b>%{customdata[0]}</b><br>" + esc(x_short) + ": %{customdata[1]}<br>"
                             + esc(y_short) + ": %{customdata[2]}<extra></extra>",
        })
    return {"data": data, "layout": _frame(
        lang, height=460, margin={"l": 70, "r": 20, "t": 20, "b": 60},
        legend={"orientation": "h", "yref": "container", "y": 0, "yanchor": "bottom"}, hovermode="closest",
        xaxis={"title": {"text": axis_title(x_title)}, "range": [0, 1], "tickformat": ".0%", "gridcolor": GRID,
               "constrain": "domain", "automargin": True},
        yaxis={"title": {"text": axis_title(y_title)}, "range": [0, 1.02], "tickformat": ".0%", "gridcolor": GRID,
               "scaleanchor": "x", "scaleratio": 1, "automargin": True})}
