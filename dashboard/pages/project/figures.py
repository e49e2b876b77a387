"""The project page's charts: the small map of its places, the partner network, budget per year,
reach per period and outcome progress. Every text from the data (names, sectors, indicators, places)
goes through ui.text.esc, because plotly renders a subset of HTML in labels and hovers."""
from __future__ import annotations

import math

import dash
import plotly.graph_objects as go

from dashboard import formatting as fmt
from dashboard.geo import geo_url
from dashboard.i18n import t
from dashboard.pages.project import view
from dashboard.queries import project as qpr
from dashboard.ui import downloads, maps
from dashboard.ui.graphs import FONT, graph_config
from dashboard.ui.text import esc

BUDGET_SERIES = (("granted", "#0b4f8a"), ("paid", "#a34700"), ("spent", "#00795a"))
# Okabe-Ito colours first (colour-blind safe), then darker extras for the ten partner sectors.
SECTOR_COLOURS = ("#0072b2", "#e69f00", "#009e73", "#cc79a7", "#d55e00", "#56b4e9", "#8c6d00", "#1a1a1a",
                  "#7f7f7f", "#6a3d9a")
MEASURE_COLOURS = ("#0b4f8a", "#a34700", "#00795a", "#6a3d9a", "#4a4a4a", "#0072b2", "#d55e00", "#cc79a7", "#009e73")
MUNICIPALITY_FILL, PART_FILL, PROVINCE_FILL = "#0b4f8a", "#6fa8dc", "rgba(163, 71, 0, 0.35)"
GREY_FILL = "#e4e6ea"
MAP_WIDTH, MAP_HEIGHT = 560, 360
# The project's area fills a little under half the small map, so its neighbours stay in view; without
# a known area the map shows Flanders and Brussels a little further out than the main map (it is smaller).
MAP_FILL, MAP_ZOOM_MIN, MAP_ZOOM_MAX, OVERVIEW_ZOOM = 0.45, 6.5, 10.5, 6.6
CHART_HEIGHT, NETWORK_HEIGHT = 340, 520
MAX_PARTNER_LABELS = 12


def png_name(data: dict, what: str, lang: str) -> str:
    """The PNG file name of a chart, in the page's language: `project_lbn-001_reach` (`what`: a key
    of files.toml under `project.`)."""
    return downloads.file_name(downloads.name_word("project", lang), data["project"]["project_id"],
                               downloads.name_word(f"project.{what}", lang), ext="png")[:-4]


def chart_config(data: dict, what: str, lang: str, **options) -> dict:
    return graph_config(png_name(data, what, lang), only_png=True, **options)


def _figure_layout(lang: str, height: int, **extra) -> dict:
    return {"height": height, "margin": {"l": 10, "r": 20, "t": 10, "b": 40},
            "separators": ",." if lang == "nl" else ".,", "plot_bgcolor": "#fff", "paper_bgcolor": "#fff",
            "font": FONT, **extra}


def _short(text: str, n: int = 30) -> str:
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


# ------------------------------------------------------------------------------ small map

def map_view(codes: list[str], layers: dict) -> dict:
    """Centre and zoom at which these municipalities or provinces fill the small map."""
    present = tuple(layer_id for layer_id in (qpr.MUNICIPALITY_LAYER, qpr.PROVINCE_LAYER) if layer_id in layers)
    return (maps.fit_places(codes, present, MAP_WIDTH, MAP_HEIGHT, MAP_FILL, MAP_ZOOM_MIN, MAP_ZOOM_MAX)
            or {"center": maps.CENTER, "zoom": OVERVIEW_ZOOM})


def _place_trace(name: str, url: str, codes: list[str], texts: dict[str, str], colour: str, line: dict,
                 opacity: float | None = None) -> dict:
    marker = {"line": line, **({"opacity": opacity} if opacity is not None else {})}
    return {"type": "choroplethmap", "name": name, "geojson": url, "featureidkey": "properties.nis",
            "locations": codes, "z": [1] * len(codes), "showscale": False,
            "colorscale": [[0, colour], [1, colour]], "marker": marker,
            "text": [esc(texts[c]) for c in codes], "hovertemplate": "%{text}<extra></extra>"}


def map_figure(data: dict, lang: str) -> dict | None:
    """A small choropleth: every 2025 municipality in grey, the project's municipalities filled,
    a province-wide scope as a transparent orange province with a thick outline. Geometry by URL.
    None when the build has no municipality layer."""
    layers = data["layers"]
    muni = layers.get(qpr.MUNICIPALITY_LAYER)
    if maps.layer_path(muni) is None:
        return None
    prefix = dash.get_relative_path("/")
    muni_url = geo_url(muni["file_name"], muni["sha256"], prefix)
    places = data["places"]
    whole = [pl["nis_code"] for pl in places if pl["scope"] in ("municipality", "several_municipalities")]
    part = [pl["nis_code"] for pl in places if pl["scope"] == "part_of_municipality" and pl["nis_code"] not in whole]
    provinces = [pl["nis_code"] for pl in places if pl["scope"] == "province"]
    texts = {pl["nis_code"]: view.place_text(pl, lang) for pl in places}
    white = {"color": "#ffffff", "width": 1}
    traces = [_place_trace(name, muni_url, codes, texts, colour, white, 0.9)
              for codes, colour, name in ((whole, MUNICIPALITY_FILL, "municipality"), (part, PART_FILL, "part"))
              if codes]
    prov = layers.get(qpr.PROVINCE_LAYER)
    if provinces and maps.layer_path(prov) is not None:
        traces.append(_place_trace("province", geo_url(prov["file_name"], prov["sha256"], prefix), provinces, texts,
                                   PROVINCE_FILL, {"color": "#a34700", "width": 4}))
    background = [{"sourcetype": "geojson", "source": muni_url, "type": "fill", "color": GREY_FILL, "below": "traces"},
                  {"sourcetype": "geojson", "source": muni_url, "type": "line", "color": "#ffffff",
                   "line": {"width": 0.6}}]
    layout = maps.map_layout(map_view(whole + part + provinces, layers), background, uirevision="project-map")
    return {"data": traces, "layout": {**layout, "height": MAP_HEIGHT}}


# -------------------------------------------------------------------------------- network

def network_positions(project_id: str, partners: list[dict]) -> dict:
    """Positions for the network graph: this project in the centre, its partners on a circle around
    it, and the other projects that share a partner on an outer circle (each next to the partners it
    shares, so edges stay short and do not cross the centre)."""
    n = len(partners)
    partner_nodes = []
    for i, row in enumerate(partners):
        angle = 2 * math.pi * i / max(n, 1) + math.pi / 2
        partner_nodes.append({**row, "x": math.cos(angle), "y": math.sin(angle), "angle": angle})
    # An outer project sits at the mean direction of the partners it shares with this one.
    directions: dict[str, list[float]] = {}
    names: dict[str, str] = {}
    for node in partner_nodes:
        for other in node["others"]:
            directions.setdefault(other["project_id"], []).append(node["angle"])
            names[other["project_id"]] = other["name"]
    outer = []
    for other_id, angles in directions.items():
        x = sum(math.cos(a) for a in angles)
        y = sum(math.sin(a) for a in angles)
        outer.append({"project_id": other_id, "name": names[other_id], "angle": math.atan2(y, x),
                      "shared": len(angles)})
    outer.sort(key=lambda o: o["angle"])
    # Spread outer projects that would overlap: at least a minimum angle apart, in order.
    gap = min(2 * math.pi / max(len(outer), 1), 0.35)
    for i in range(1, len(outer)):
        outer[i]["angle"] = max(outer[i]["angle"], outer[i - 1]["angle"] + gap)
    for o in outer:
        o["x"], o["y"] = 1.9 * math.cos(o["angle"]), 1.9 * math.sin(o["angle"])
    position = {o["project_id"]: (o["x"], o["y"]) for o in outer}
    edges_inner = [((0.0, 0.0), (p["x"], p["y"])) for p in partner_nodes]
    edges_outer = [((p["x"], p["y"]), position[o["project_id"]]) for p in partner_nodes for o in p["others"]]
    return {"centre": {"project_id": project_id, "x": 0.0, "y": 0.0}, "partners": partner_nodes, "outer": outer,
            "edges_inner": edges_inner, "edges_outer": edges_outer}


def _outward(x: float, y: float) -> str:
    """Label position pointing away from the centre, so labels do not cover the edges."""
    if abs(x) > 0.3:
        return "middle right" if x > 0 else "middle left"
    return "top center" if y > 0 else "bottom center"


def _edges(fig: go.Figure, pairs, colour: str, dash_style: str) -> None:
    xs, ys = [], []
    for (x0, y0), (x1, y1) in pairs:
        xs += [x0, x1, None]
        ys += [y0, y1, None]
    fig.add_trace(go.Scatter(x=xs, y=ys, mode="lines", line={"color": colour, "width": 1, "dash": dash_style},
                             hoverinfo="skip", showlegend=False))


def network_figure(data: dict, rows: list[dict], lang: str) -> go.Figure:
    """This project in the centre, its partners around it coloured by sector, and on the outside the
    other projects that share a partner (names as labels, partners named on hover: readable at 30+).
    `rows` are view.partner_rows of the same partners."""
    net = network_positions(data["project"]["project_id"], data["partners"])
    fig = go.Figure()
    _edges(fig, net["edges_inner"], "#b8bec8", "solid")
    _edges(fig, net["edges_outer"], "#8a94a3", "dot")
    codes = list(data["sectors"])
    labelled = len(rows) <= MAX_PARTNER_LABELS  # beyond that, names on hover and in the table only
    by_sector: dict[str, list[tuple[dict, dict]]] = {}
    for node, row in zip(net["partners"], rows):
        by_sector.setdefault(node["sector"] or "", []).append((node, row))
    for code in sorted(by_sector, key=lambda c: codes.index(c) if c in codes else 99):
        members = by_sector[code]
        colour = SECTOR_COLOURS[codes.index(code) % len(SECTOR_COLOURS)] if code in codes else "#4a4a4a"
        hover = [f"{esc(row['name'])}<br>{esc(row['sector'])}"
                 + (f"<br>{t('project.network.also', lang, n=row['shared'])}" if row["shared"] else "")
                 for _node, row in members]
        fig.add_trace(go.Scatter(
            x=[n["x"] for n, _ in members], y=[n["y"] for n, _ in members],
            mode="markers+text" if labelled else "markers", text=[esc(_short(r["name"], 24)) for _, r in members],
            textposition=[_outward(n["x"], n["y"]) for n, _ in members], textfont={"size": 11, "color": "#4a4a4a"},
            name=esc(members[0][1]["sector"]), hovertext=hover, hoverinfo="text",
            marker={"size": [16 if r["shared"] else 11 for _, r in members], "color": colour,
                    "line": {"color": "#ffffff", "width": 1.5}}))
    outer = net["outer"]
    if outer:
        fig.add_trace(go.Scatter(
            x=[o["x"] for o in outer], y=[o["y"] for o in outer], mode="markers+text",
            name=t("project.network.other", lang), text=[esc(_short(o["name"])) for o in outer],
            textposition=["middle right" if o["x"] >= 0 else "middle left" for o in outer],
            hovertext=[f"{esc(o['name'])}<br>{t('project.network.shares', lang, n=o['shared'])}" for o in outer],
            hoverinfo="text", textfont={"size": 12, "color": "#1a1a1a"},
            marker={"symbol": "square", "size": 13, "color": "#ffffff", "line": {"color": "#123a5c", "width": 2}}))
    name = data["project"]["name"]
    fig.add_trace(go.Scatter(x=[0], y=[0], mode="markers+text", name=t("project.network.this", lang),
                             text=[esc(_short(name, 40))], textposition="bottom center", hovertext=[esc(name)],
                             hoverinfo="text", textfont={"size": 13, "color": "#123a5c"},
                             marker={"symbol": "star", "size": 26, "color": "#123a5c"}))
    axis = {"visible": False, "range": [-3.4, 3.4], "fixedrange": True}
    fig.update_layout(**_figure_layout(lang, NETWORK_HEIGHT, xaxis=axis, yaxis={**axis, "range": [-2.4, 2.4]},
                                       legend={"orientation": "h", "y": -0.02, "x": 0, "yanchor": "top"},
                                       hovermode="closest"))
    return fig


# ------------------------------------------------------------------- budget, reach, outcomes

def budget_figure(rows: list[dict], lang: str) -> go.Figure:
    """Granted, paid and spent per budget year, as reported (a year not reported says so on hover)."""
    years = [str(r["year"]) for r in rows]
    fig = go.Figure()
    for key, colour in BUDGET_SERIES:
        values = [r[key] for r in rows]
        fig.add_trace(go.Bar(x=years, y=values, name=t(f"project.budget.{key}", lang), marker_color=colour,
                             customdata=[view.reported_euro(v, lang) for v in values],
                             hovertemplate="%{x}: %{customdata}<extra>%{fullData.name}</extra>"))
    fig.update_layout(**_figure_layout(lang, CHART_HEIGHT, barmode="group", xaxis={"type": "category"},
                                       yaxis={"tickprefix": "€ ", "tickformat": ",.0f", "rangemode": "tozero"},
                                       legend={"orientation": "h", "y": 1.08, "x": 0}))
    return fig


def reach_figure(rows: list[dict], lang: str) -> go.Figure:
    """One line per reach measure over the reported periods."""
    periods = view.reach_periods(rows)
    fig = go.Figure()
    for i, measure in enumerate(view.reach_measures(rows)):
        mine = view.reach_by_period(rows, measure)
        xs = [p for p in periods if p in mine]
        fig.add_trace(go.Scatter(x=esc_periods(xs), y=[mine[p] for p in xs], mode="lines+markers",
                                 name=t(f"project.measure.{measure}", lang),
                                 line={"color": MEASURE_COLOURS[i % len(MEASURE_COLOURS)], "width": 2.5},
                                 customdata=[fmt.integer(mine[p], lang) for p in xs],
                                 hovertemplate="%{x}: %{customdata}<extra>%{fullData.name}</extra>"))
    fig.update_layout(**_figure_layout(lang, CHART_HEIGHT, xaxis={"type": "category", "categoryorder": "array",
                                                                  "categoryarray": esc_periods(periods)},
                                       yaxis={"tickformat": ",.0f", "rangemode": "tozero"},
                                       legend={"orientation": "h", "y": -0.15, "x": 0}))
    return fig


def esc_periods(periods: list[str]) -> list[str]:
    """Period labels as axis categories (checked by the workbook contract, escaped all the same)."""
    return [esc(p) for p in periods]


def outcomes_height(charted: list[dict]) -> int:
    return 120 + 34 * len(charted)


def outcomes_figure(charted: list[dict], lang: str) -> go.Figure:
    """Progress per outcome indicator and period (rows whose progress is defined), 100 % dashed."""
    labels = [f"{esc(_short(r['indicator'], 45))} – {esc(r['period'])}" for r in charted]
    fig = go.Figure(go.Bar(
        x=[r["progress"] * 100 for r in charted], y=labels, orientation="h", marker_color="#0b4f8a",
        customdata=[view.progress_text(r, lang) for r in charted],
        hovertext=[esc(r["indicator"]) for r in charted],
        hovertemplate="%{hovertext} (%{y})<br>%{customdata}<extra></extra>"))
    fig.update_layout(**_figure_layout(lang, outcomes_height(charted),
                                       xaxis={"ticksuffix": " %" if lang == "nl" else "%", "zeroline": True,
                                              "rangemode": "tozero"},
                                       yaxis={"autorange": "reversed", "automargin": True},
                                       shapes=[{"type": "line", "x0": 100, "x1": 100, "y0": 0, "y1": 1,
                                                "yref": "paper", "line": {"color": "#a34700", "dash": "dash"}}]))
    return fig
