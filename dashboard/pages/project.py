"""Project page (`/project?id=lbn-001&lang=en`): one project of the registers with its places (list and
small map), partners (table and network graph) and the figures it reported in its monitoring
workbooks: budget per year, reach per period and measure, outcomes against baseline and target.

Where a project reported nothing, the page says "niet gerapporteerd" with the reporting status (no
workbook received yet, or the latest workbook's period and date); it never fills a gap. The layout
reads the warehouse (one build, cached per build in dashboard/queries/project.py) and renders the
whole page; an unknown id or a missing warehouse gives a friendly page, never a crash. Every chart
has a PNG button (plotly's toImage) and CSV and Excel downloads of its data (dashboard/ui/downloads.py).
"""
from __future__ import annotations

from datetime import datetime

import dash
import plotly.graph_objects as go
from dash import ALL, MATCH, Input, Output, State, callback, ctx, dcc, html, no_update

from dashboard import db
from dashboard.ui import downloads
from dashboard import formatting as fmt
from dashboard.queries import project as qpr
from dashboard.queries.project import project_href
from dashboard.ui.components import safe_href, scroll_box, section, warehouse_notice
from dashboard.geo import geo_url
from dashboard.i18n import normalise_lang, t, t_or
from dashboard.urls import lang_query, page_href, with_query

dash.register_page(
    __name__, path="/project", name="Project", title="Project – Kinderarmoedemonitor", order=52,
    description="Eén project: plaatsen, partners, netwerk, budget, bereik en resultaten zoals gerapporteerd.",
)

CHARTS = ("places", "partners", "budget", "reach", "outcomes")
BUDGET_SERIES = (("granted", "#0b4f8a"), ("paid", "#a34700"), ("spent", "#00795a"))
# Okabe-Ito colours first (colour-blind safe), then darker extras for the ten partner sectors.
SECTOR_COLOURS = ("#0072b2", "#e69f00", "#009e73", "#cc79a7", "#d55e00", "#56b4e9", "#8c6d00", "#1a1a1a",
                  "#7f7f7f", "#6a3d9a")
MEASURE_COLOURS = ("#0b4f8a", "#a34700", "#00795a", "#6a3d9a", "#4a4a4a", "#0072b2", "#d55e00", "#cc79a7", "#009e73")
MUNICIPALITY_FILL, PART_FILL, PROVINCE_FILL = "#0b4f8a", "#6fa8dc", "rgba(163, 71, 0, 0.35)"
GREY_FILL = "#e4e6ea"
MAP_HEIGHT = 360
MAX_PARTNER_LABELS = 12


def graph_config(name: str) -> dict:
    return {"displaylogo": False, "responsive": True, "modeBarButtons": [["toImage"]],
            "toImageButtonOptions": {"format": "png", "scale": 2, "filename": name}}


def layout(lang=None, **query):
    lang = normalise_lang(lang)
    raw = query.get("id")
    project_id = qpr.valid_project_id(raw)
    try:
        data = qpr.page_data(project_id)
    except db.WarehouseError as exc:
        return _page([warehouse_notice(exc, lang)], None, lang)
    if data is None:
        return _page(_unknown(raw, lang), None, lang)
    return _page(render(data, lang), project_id, lang)


def _page(children, project_id: str | None, lang: str) -> html.Div:
    stores = [dcc.Store(id="project-id", data=project_id), dcc.Store(id="project-lang", data=lang)]
    return html.Div(stores + list(children), id="project-page", className="page project")


def _unknown(raw, lang: str) -> list:
    shown = raw[-1] if isinstance(raw, (list, tuple)) and raw else raw
    body = t("project.unknown.body", lang, id=str(shown)[:60]) if shown else t("project.unknown.no_id", lang)
    return [html.H1(t("project.unknown.title", lang)),
            html.Div([html.P(body), html.P(dcc.Link(t("project.unknown.link", lang), href=page_href("/portfolio", lang),
                                                    id="project-to-portfolio"))],
                     className="notice", role="status", id="project-unknown")]


# ----------------------------------------------------------------------------- helpers

def _label(pair, lang: str, fallback: str) -> str:
    if not pair:
        return fallback
    nl, en = pair
    return (en if lang == "en" and en else nl) or fallback


def short_sector(pair, lang: str, code: str) -> str:
    """"Lokaal bestuur (gemeente/stad, ...)" -> "Lokaal bestuur"; the CLB keeps its abbreviation."""
    text = _label(pair, lang, code or t("project.sector.unknown", lang))
    return text.split(" (")[0] if " (" in text and not text.endswith("(CLB)") else text


def website_links(value) -> list:
    """A register's website cell ("www.a.be; https://b.be") as links; only http(s) becomes a link."""
    out = []
    for i, site in enumerate(s.strip() for s in str(value or "").split(";") if s.strip()):
        href = safe_href(site if "://" in site else "https://" + site)
        out += ([", "] if i else []) + [html.A(site, href=href, rel="noopener noreferrer") if href else site]
    return out


def _area_name(place: dict, lang: str) -> str:
    name = place.get("area_en") if lang == "en" and place.get("area_en") else place.get("area_nl")
    return name or place["nis_code"]


def place_text(place: dict, lang: str) -> str:
    """"Geel", "Brussel (Laken): deel van de gemeente", "hele provincie Limburg"."""
    scope = place["scope"]
    if scope == "province":
        key = "project.scope.brussels" if place["nis_code"] == qpr.BRUSSELS else "project.scope.province"
        return t(key, lang, area=_area_name(place, lang))
    name = place.get("municipality") or place["nis_code"]
    scope_text = t_or(f"project.scope.{scope}", lang, scope)
    sub = f" ({place['area_label']})" if place.get("area_label") else ""
    return f"{name}{sub}: {scope_text}"


def amount_text(value, unit, lang: str) -> str:
    if fmt.is_missing(value):
        return fmt.MISSING
    unit = (unit or "").strip().lower()
    if unit == "%":
        return fmt.percent(value, 1, lang)
    if unit in ("euro", "eur", "€"):
        return euro_text(value, lang)
    return fmt.number(value, 0 if float(value).is_integer() else 1, lang)


def progress_text(row: dict, lang: str) -> str:
    if row["progress"] is None:
        return t(f"project.progress.{row['progress_reason']}", lang)
    return fmt.percent(row["progress"], 0, lang, fraction=True)


def not_reported(status: dict, lang: str, element_id: str) -> html.P:
    """ "niet gerapporteerd" with why: no workbook yet, or the latest workbook (period, date, by whom)."""
    if status["received"]:
        why = t("project.status.last", lang, period=status["period"], date=fmt.date_text(status["loaded_at"], lang),
                by=status["loaded_by"] or fmt.MISSING)
    else:
        why = t("project.status.none", lang)
    return html.P([html.Strong(t("project.not_reported", lang)), " – ", why], className="empty project-not-reported",
                  id=element_id)


def _export_buttons(chart: str, lang: str) -> html.Div:
    return html.Div([
        html.Button(t("download.csv", lang), id={"type": "project-export", "chart": chart, "format": "csv"},
                    type="button", className="button button-small"),
        html.Button(t("download.xlsx", lang), id={"type": "project-export", "chart": chart, "format": "xlsx"},
                    type="button", className="button button-small"),
        dcc.Download(id={"type": "project-download", "chart": chart}),
    ], className="control-buttons project-exports", role="group",
        **{"aria-label": t("project.exports", lang, what=t(f"project.{chart}", lang))})


def _figure_layout(lang: str, height: int, **extra) -> dict:
    return {"height": height, "margin": {"l": 10, "r": 20, "t": 10, "b": 40},
            "separators": ",." if lang == "nl" else ".,", "plot_bgcolor": "#fff", "paper_bgcolor": "#fff",
            "font": {"family": "system-ui, sans-serif", "size": 13}, **extra}


def _table(table_id: str, caption: str, headers: list[tuple[str, bool]], rows: list[list], lang: str) -> html.Div:
    """A table whose cells may hold components (links, lists); headers as (label, numeric)."""
    head = html.Thead(html.Tr([html.Th(label, scope="col", className="num" if num else None) for label, num in headers]))
    body = html.Tbody([html.Tr([html.Td(c, className="num" if headers[j][1] else None) for j, c in enumerate(row)])
                       for row in rows])
    return scroll_box(html.Table([html.Caption(caption), head, body], id=table_id, className="data-table"),
                      caption, lang)


# ------------------------------------------------------------------------------ render

def render(data: dict, lang: str) -> list:
    p = data["project"]
    status = qpr.reporting_status(data["reports"])
    return [
        html.P(dcc.Link(t("project.back", lang), href=page_href("/portfolio", lang)), className="eyebrow"),
        html.H1(p["name"], id="project-title"),
        _facts(data, lang),
        _status(status, p["project_id"], data["reports"], lang),
        _places(data, lang),
        _partners(data, lang),
        _budget(data, status, lang),
        _reach(data, status, lang),
        _outcomes(data, status, lang),
    ]


def _facts(data: dict, lang: str) -> html.Section:
    p = data["project"]
    programme = (p.get("programme_en") if lang == "en" and p.get("programme_en") else p.get("programme_nl")) \
        or p["programme_id"]
    provinces = []
    for place in data["places"]:
        name = place.get("province_en") if lang == "en" and place.get("province_en") else place.get("province_nl")
        if name and name not in provinces:
            provinces.append(name)
    codes = [c for c in (p.get("themes") or "").split(";") if c]
    theme_text = ", ".join(_label(data["themes"].get(c), lang, c) for c in codes) or fmt.MISSING
    products = [s.strip() for s in (p.get("products") or "").split(";") if s.strip()]
    rows = [
        ("project.programme", programme),
        ("project.province", ", ".join(provinces) or fmt.MISSING),
        ("project.themes", theme_text),
        ("project.website", website_links(p.get("website")) or fmt.MISSING),
        ("project.lead", p.get("lead_org") or t("project.lead_unknown", lang)),
        ("project.products", html.Ul([html.Li(x) for x in products], className="project-products") if products
         else fmt.MISSING),
        ("project.source", f"{p.get('source_doc') or ''}: {p.get('source_ref') or ''}"),
    ]
    facts = html.Dl([html.Div([html.Dt(t(key, lang)), html.Dd(value)]) for key, value in rows], className="kv",
                    id="project-facts")
    notes = [html.P(p["notes"], className="project-notes")] if p.get("notes") else []
    return section("project-about", t("project.about", lang), facts, *notes)


def _status(status: dict, project_id: str, report_rows: list[dict], lang: str) -> html.Section:
    tracker = with_query(dash.get_relative_path("/rapportering"), None, lang=lang_query(lang))
    if status["received"]:
        text = t("project.status.received", lang, n=status["count"], periods=", ".join(status["periods"]),
                 period=status["period"], date=fmt.date_text(status["loaded_at"], lang),
                 by=status["loaded_by"] or fmt.MISSING)
    else:
        text = t("project.status.none_long", lang)
    return section("project-reporting", t("project.reporting", lang),
                   html.P(text, id="project-reporting-status"),
                   html.P(dcc.Link(t("project.to_tracker", lang), href=tracker)))


# ------------------------------------------------------------------------------ places

def _places(data: dict, lang: str) -> html.Section:
    items = []
    for place in data["places"]:
        notes = [html.Span(place["notes"], className="sub")] if place.get("notes") else []
        items.append(html.Li([html.Span(place_text(place, lang), className="project-place"), *notes],
                             className=f"project-place-{place['scope']}"))
    listing = html.Ul(items, id="project-places", className="project-places")
    return section("project-where", t("project.places", lang), html.Div([
        html.Div(listing, className="project-places-list"),
        html.Div([_map(data, lang), _map_legend(data, lang)], className="project-map-box"),
    ], className="project-where-grid"), _export_buttons("places", lang))


def map_figure(data: dict, lang: str) -> dict | None:
    """A small choropleth: every 2025 municipality in grey, the project's municipalities filled,
    a province-wide scope as a transparent orange province with a thick outline. Geometry by URL."""
    layers = data["layers"]
    muni = layers.get(qpr.MUNICIPALITY_LAYER)
    if qpr.layer_file(muni) is None:
        return None
    prefix = dash.get_relative_path("/")
    muni_url = geo_url(muni["file_name"], muni["sha256"], prefix)
    places = data["places"]
    whole = [pl["nis_code"] for pl in places if pl["scope"] in ("municipality", "several_municipalities")]
    part = [pl["nis_code"] for pl in places if pl["scope"] == "part_of_municipality" and pl["nis_code"] not in whole]
    provinces = [pl["nis_code"] for pl in places if pl["scope"] == "province"]
    names = {pl["nis_code"]: place_text(pl, lang) for pl in places}
    traces = []
    for codes, colour, name in ((whole, MUNICIPALITY_FILL, "municipality"), (part, PART_FILL, "part")):
        if codes:
            traces.append({"type": "choroplethmap", "name": name, "geojson": muni_url, "featureidkey": "properties.nis",
                           "locations": codes, "z": [1] * len(codes), "showscale": False,
                           "colorscale": [[0, colour], [1, colour]],
                           "marker": {"line": {"color": "#ffffff", "width": 1}, "opacity": 0.9},
                           "text": [names[c] for c in codes], "hovertemplate": "%{text}<extra></extra>"})
    prov = layers.get(qpr.PROVINCE_LAYER)
    if provinces and qpr.layer_file(prov) is not None:
        traces.append({"type": "choroplethmap", "name": "province",
                       "geojson": geo_url(prov["file_name"], prov["sha256"], prefix), "featureidkey": "properties.nis",
                       "locations": provinces, "z": [1] * len(provinces), "showscale": False,
                       "colorscale": [[0, PROVINCE_FILL], [1, PROVINCE_FILL]],
                       "marker": {"line": {"color": "#a34700", "width": 4}},
                       "text": [names[c] for c in provinces], "hovertemplate": "%{text}<extra></extra>"})
    view = qpr.view_for(whole + part + provinces, layers) or {"center": {"lon": 4.22, "lat": 51.03}, "zoom": 6.6}
    map_layers = [{"sourcetype": "geojson", "source": muni_url, "type": "fill", "color": GREY_FILL, "below": "traces"},
                  {"sourcetype": "geojson", "source": muni_url, "type": "line", "color": "#ffffff",
                   "line": {"width": 0.6}}]
    return {"data": traces, "layout": {
        "map": {"style": "white-bg", "center": view["center"], "zoom": view["zoom"], "layers": map_layers},
        "margin": {"l": 0, "r": 0, "t": 0, "b": 0}, "height": MAP_HEIGHT, "showlegend": False, "dragmode": "pan",
        "paper_bgcolor": "#ffffff", "uirevision": "project-map"}}


def _map(data: dict, lang: str):
    figure = map_figure(data, lang)
    if figure is None:
        return html.P(t("project.map.none", lang), className="empty", id="project-map-none")
    return dcc.Graph(id="project-map", figure=figure, className="project-map",
                     config={**graph_config(_png_name(data, "kaart")), "scrollZoom": True},
                     style={"height": f"{MAP_HEIGHT}px"})


def _map_legend(data: dict, lang: str) -> html.Ul:
    scopes = {pl["scope"] for pl in data["places"]}
    items = []
    for keys, colour, key in (({"municipality", "several_municipalities"}, MUNICIPALITY_FILL, "project.map.municipality"),
                              ({"part_of_municipality"}, PART_FILL, "project.map.part"),
                              ({"province"}, PROVINCE_FILL, "project.map.province")):
        if scopes & keys:
            items.append(html.Li([html.Span(className="project-swatch", style={"backgroundColor": colour},
                                            **{"aria-hidden": "true"}), t(key, lang)]))
    return html.Ul(items, className="chart-legend project-map-legend")


def _png_name(data: dict, what: str) -> str:
    return downloads.file_name("project", data["project"]["project_id"], what, ext="png")[:-4]


# ---------------------------------------------------------------------------- partners

def partner_rows(data: dict, lang: str) -> list[dict]:
    rows = []
    for pa in data["partners"]:
        rows.append({"name": pa["name"], "sector": short_sector(data["sectors"].get(pa["sector"]), lang, pa["sector"]),
                     "sector_code": pa["sector"], "role": t_or(f"project.role.{pa['role']}", lang, pa["role"] or ""),
                     "shared": len(pa["others"]), "others": pa["others"],
                     "other_names": "; ".join(o["name"] for o in pa["others"])})
    return rows


def _partners(data: dict, lang: str) -> html.Section:
    rows = partner_rows(data, lang)
    title = t("project.partners", lang)
    if not rows:
        return section("project-partners-section", title,
                       html.P(t("project.partners.none", lang), className="empty", id="project-partners-none"))
    table_rows = []
    for r in rows:
        links = []
        for i, o in enumerate(r["others"]):
            links += ([", "] if i else []) + [dcc.Link(o["name"], href=project_href(o["project_id"], lang))]
        table_rows.append([r["name"], r["sector"], r["role"], fmt.integer(r["shared"], lang), links or fmt.MISSING])
    headers = [(t("project.col.partner", lang), False), (t("project.col.sector", lang), False),
               (t("project.col.role", lang), False), (t("project.col.shared", lang), True),
               (t("project.col.other_projects", lang), False)]
    table = _table("project-partners", t("project.partners.caption", lang, n=len(rows)), headers, table_rows, lang)
    shared = sum(1 for r in rows if r["shared"])
    graph = html.Figure([
        html.Figcaption(html.H3(t("project.network", lang))),
        html.P(t("project.network.intro", lang, n=len(rows), shared=shared), className="section-intro"),
        dcc.Graph(id="project-network", figure=network_figure(data, rows, lang),
                  config=graph_config(_png_name(data, "netwerk")), className="chart", style={"height": "520px"}),
    ], className="chart-card project-network")
    return section("project-partners-section", title, table, graph, _export_buttons("partners", lang),
                   intro=t("project.partners.intro", lang))


def _outward(x: float, y: float) -> str:
    """Label position pointing away from the centre, so labels do not cover the edges."""
    if abs(x) > 0.3:
        return "middle right" if x > 0 else "middle left"
    return "top center" if y > 0 else "bottom center"


def _short(text: str, n: int = 30) -> str:
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


def network_figure(data: dict, rows: list[dict], lang: str) -> go.Figure:
    """This project in the centre, its partners around it coloured by sector, and on the outside the
    other projects that share a partner (names as labels, partners named on hover: readable at 30+)."""
    net = qpr.network(data["project"]["project_id"], data["partners"])
    fig = go.Figure()

    def edges(pairs, colour, dash_style, width):
        xs, ys = [], []
        for (x0, y0), (x1, y1) in pairs:
            xs += [x0, x1, None]
            ys += [y0, y1, None]
        fig.add_trace(go.Scatter(x=xs, y=ys, mode="lines", line={"color": colour, "width": width, "dash": dash_style},
                                 hoverinfo="skip", showlegend=False))

    edges(net["edges_inner"], "#b8bec8", "solid", 1)
    edges(net["edges_outer"], "#8a94a3", "dot", 1)
    codes = list(data["sectors"])
    labelled = len(rows) <= MAX_PARTNER_LABELS  # beyond that, names on hover and in the table only
    by_sector: dict[str, list[tuple[dict, dict]]] = {}
    for node, row in zip(net["partners"], rows):
        by_sector.setdefault(node["sector"] or "", []).append((node, row))
    for code in sorted(by_sector, key=lambda c: codes.index(c) if c in codes else 99):
        members = by_sector[code]
        colour = SECTOR_COLOURS[codes.index(code) % len(SECTOR_COLOURS)] if code in codes else "#4a4a4a"
        hover = [f"{row['name']}<br>{row['sector']}" + (f"<br>{t('project.network.also', lang, n=row['shared'])}"
                                                          if row["shared"] else "") for _node, row in members]
        fig.add_trace(go.Scatter(
            x=[n["x"] for n, _ in members], y=[n["y"] for n, _ in members],
            mode="markers+text" if labelled else "markers", text=[_short(r["name"], 24) for _, r in members],
            textposition=[_outward(n["x"], n["y"]) for n, _ in members], textfont={"size": 11, "color": "#4a4a4a"},
            name=members[0][1]["sector"], hovertext=hover, hoverinfo="text",
            marker={"size": [16 if r["shared"] else 11 for _, r in members], "color": colour,
                    "line": {"color": "#ffffff", "width": 1.5}}))
    outer = net["outer"]
    if outer:
        fig.add_trace(go.Scatter(
            x=[o["x"] for o in outer], y=[o["y"] for o in outer], mode="markers+text",
            name=t("project.network.other", lang), text=[_short(o["name"]) for o in outer],
            textposition=["middle right" if o["x"] >= 0 else "middle left" for o in outer],
            hovertext=[f"{o['name']}<br>{t('project.network.shares', lang, n=o['shared'])}" for o in outer],
            hoverinfo="text", textfont={"size": 12, "color": "#1a1a1a"},
            marker={"symbol": "square", "size": 13, "color": "#ffffff", "line": {"color": "#123a5c", "width": 2}}))
    name = data["project"]["name"]
    fig.add_trace(go.Scatter(x=[0], y=[0], mode="markers+text", name=t("project.network.this", lang),
                             text=[_short(name, 40)], textposition="bottom center", hovertext=[name], hoverinfo="text",
                             textfont={"size": 13, "color": "#123a5c"},
                             marker={"symbol": "star", "size": 26, "color": "#123a5c"}))
    axis = {"visible": False, "range": [-3.4, 3.4], "fixedrange": True}
    fig.update_layout(**_figure_layout(lang, 520, xaxis=axis, yaxis={**axis, "range": [-2.4, 2.4]},
                                       legend={"orientation": "h", "y": -0.02, "x": 0, "yanchor": "top"},
                                       hovermode="closest"))
    return fig


# ------------------------------------------------------------------------------ budget

BUDGET_FIELDS = ("granted", "paid", "spent", "cofinancing", "investment")


def euro_text(value, lang: str) -> str:
    """Whole euros as reported; cents only where the project reported them (4.000,50 stays 4.000,50)."""
    return fmt.euro(value, 0 if float(value).is_integer() else 2, lang)


def _budget(data: dict, status: dict, lang: str) -> html.Section:
    title = t("project.budget", lang)
    rows = data["budget"]
    if not rows:
        return section("project-budget-section", title, not_reported(status, lang, "project-budget-none"))
    years = [str(r["year"]) for r in rows]
    fig = go.Figure()
    for key, colour in BUDGET_SERIES:
        values = [r[key] for r in rows]
        fig.add_trace(go.Bar(x=years, y=values, name=t(f"project.budget.{key}", lang), marker_color=colour,
                             customdata=[euro_text(v, lang) if v is not None else t("project.not_reported", lang)
                                         for v in values],
                             hovertemplate="%{x}: %{customdata}<extra>%{fullData.name}</extra>"))
    fig.update_layout(**_figure_layout(lang, 340, barmode="group", xaxis={"type": "category"},
                                       yaxis={"tickprefix": "€ ", "tickformat": ",.0f", "rangemode": "tozero"},
                                       legend={"orientation": "h", "y": 1.08, "x": 0}))
    headers = [(t("project.col.year", lang), False)] + [(t(f"project.budget.{k}", lang), True) for k in BUDGET_FIELDS]
    body = [[str(r["year"])] + [euro_text(r[k], lang) if r[k] is not None else t("project.not_reported", lang)
                                for k in BUDGET_FIELDS] for r in rows]
    return section("project-budget-section", title,
                   dcc.Graph(id="project-budget", figure=fig, config=graph_config(_png_name(data, "budget")),
                             className="chart", style={"height": "340px"}),
                   _table("project-budget-table", title, headers, body, lang),
                   _export_buttons("budget", lang), intro=t("project.budget.intro", lang))


# ------------------------------------------------------------------------------- reach

def _reach(data: dict, status: dict, lang: str) -> html.Section:
    title = t("project.reach", lang)
    rows = data["reach"]
    if not rows:
        return section("project-reach-section", title, not_reported(status, lang, "project-reach-none"))
    periods = sorted({r["period"] for r in rows}, key=qpr.period_key)
    measures = [m for m in qpr.MEASURES if any(r["measure"] == m for r in rows)]
    fig = go.Figure()
    for i, measure in enumerate(measures):
        mine = {r["period"]: r["value"] for r in rows if r["measure"] == measure}
        xs = [p for p in periods if p in mine]
        fig.add_trace(go.Scatter(x=xs, y=[mine[p] for p in xs], mode="lines+markers",
                                 name=t(f"project.measure.{measure}", lang),
                                 line={"color": MEASURE_COLOURS[i % len(MEASURE_COLOURS)], "width": 2.5},
                                 customdata=[fmt.integer(mine[p], lang) for p in xs],
                                 hovertemplate="%{x}: %{customdata}<extra>%{fullData.name}</extra>"))
    fig.update_layout(**_figure_layout(lang, 340, xaxis={"type": "category", "categoryorder": "array",
                                                         "categoryarray": periods},
                                       yaxis={"tickformat": ",.0f", "rangemode": "tozero"},
                                       legend={"orientation": "h", "y": -0.15, "x": 0}))
    headers = [(t("project.col.measure", lang), False)] + [(p, True) for p in periods]
    body = []
    for measure in measures:
        mine = {r["period"]: r["value"] for r in rows if r["measure"] == measure}
        body.append([t(f"project.measure.{measure}", lang)] + [fmt.integer(mine[p], lang) if p in mine
                                                                else t("project.not_reported", lang) for p in periods])
    return section("project-reach-section", title,
                   dcc.Graph(id="project-reach", figure=fig, config=graph_config(_png_name(data, "bereik")),
                             className="chart", style={"height": "340px"}),
                   _table("project-reach-table", title, headers, body, lang),
                   _export_buttons("reach", lang), intro=t("project.reach.intro", lang))


# ---------------------------------------------------------------------------- outcomes

def _outcomes(data: dict, status: dict, lang: str) -> html.Section:
    title = t("project.outcomes", lang)
    rows = data["outcomes"]
    if not rows:
        return section("project-outcomes-section", title, not_reported(status, lang, "project-outcomes-none"))
    headers = [(t("project.col.indicator", lang), False), (t("project.col.unit", lang), False),
               (t("project.col.baseline", lang), True), (t("project.col.target", lang), True),
               (t("project.col.period", lang), False), (t("project.col.actual", lang), True),
               (t("project.col.progress", lang), True)]
    body = []
    for r in rows:
        baseline = amount_text(r["baseline"], r["unit"], lang) + (f" ({r['baseline_year']})" if r["baseline_year"] else "")
        target = amount_text(r["target"], r["unit"], lang) + (f" ({r['target_year']})" if r["target_year"] else "")
        body.append([r["indicator"], r["unit"] or fmt.MISSING, baseline, target, r["period"],
                     amount_text(r["actual"], r["unit"], lang),
                     html.Span(progress_text(r, lang), className="project-progress" if r["progress"] is not None
                               else "project-progress project-progress-undefined")])
    children = [_table("project-outcomes-table", title, headers, body, lang)]
    charted = [r for r in rows if r["progress"] is not None]
    if charted:
        labels = [f"{_short(r['indicator'], 45)} – {r['period']}" for r in charted]
        fig = go.Figure(go.Bar(
            x=[r["progress"] * 100 for r in charted], y=labels, orientation="h", marker_color="#0b4f8a",
            customdata=[progress_text(r, lang) for r in charted],
            hovertext=[r["indicator"] for r in charted],
            hovertemplate="%{hovertext} (%{y})<br>%{customdata}<extra></extra>"))
        height = 120 + 34 * len(charted)
        fig.update_layout(**_figure_layout(lang, height, xaxis={"ticksuffix": " %" if lang == "nl" else "%",
                                                                "zeroline": True, "rangemode": "tozero"},
                                           yaxis={"autorange": "reversed", "automargin": True},
                                           shapes=[{"type": "line", "x0": 100, "x1": 100, "y0": 0, "y1": 1,
                                                    "yref": "paper", "line": {"color": "#a34700", "dash": "dash"}}]))
        children.insert(0, dcc.Graph(id="project-outcomes", figure=fig, config=graph_config(_png_name(data, "resultaten")),
                                     className="chart", style={"height": f"{height}px"}))
    undefined = [r for r in rows if r["progress_reason"] == "target_equals_baseline"]
    if undefined:
        children.append(html.P(t("project.progress.equal_note", lang), className="section-intro",
                               id="project-progress-undefined"))
    children.append(_export_buttons("outcomes", lang))
    return section("project-outcomes-section", title, *children, intro=t("project.outcomes.intro", lang))


# ----------------------------------------------------------------------------- exports

def export_sheet(data: dict, chart: str, lang: str) -> downloads.Sheet:
    """The data behind one chart as a downloads.Sheet (labels, raw numbers)."""
    C = downloads.Column
    p = data["project"]
    intro = [t("project.export.title", lang, what=t(f"project.{chart}", lang), name=p["name"]),
             t("project.export.when", lang, date=fmt.datetime_text(datetime.now().isoformat(timespec="minutes"), lang))]
    if chart == "places":
        rows = [{"place": place_text(pl, lang), "nis": pl["nis_code"], "scope": pl["scope"],
                 "sub_area": pl.get("area_label"), "notes": pl.get("notes")} for pl in data["places"]]
        columns = [C("place", t("project.col.place", lang)), C("nis", t("project.col.nis", lang)),
                   C("scope", t("project.col.scope", lang)), C("sub_area", t("project.col.sub_area", lang)),
                   C("notes", t("project.col.notes", lang))]
    elif chart == "partners":
        rows = partner_rows(data, lang)
        columns = [C("name", t("project.col.partner", lang)), C("sector", t("project.col.sector", lang)),
                   C("role", t("project.col.role", lang)), C("shared", t("project.col.shared", lang), "int"),
                   C("other_names", t("project.col.other_projects", lang))]
    elif chart == "budget":
        rows = data["budget"]
        columns = [C("year", t("project.col.year", lang), "int")] + [
            C(k, t(f"project.budget.{k}", lang), "number", 2) for k in BUDGET_FIELDS]
    elif chart == "reach":
        rows = [{**r, "measure_label": t(f"project.measure.{r['measure']}", lang)} for r in data["reach"]]
        columns = [C("period", t("project.col.period", lang)), C("measure_label", t("project.col.measure", lang)),
                   C("value", t("project.col.value", lang), "int")]
    else:
        # rounded to 6 decimals: 0.5125 * 100 is 51.24999... in binary, and 51,25 must round to 51,3
        rows = [{**r, "progress_pct": round(r["progress"] * 100, 6) if r["progress"] is not None else None,
                 "progress_note": None if r["progress"] is not None else progress_text(r, lang)} for r in data["outcomes"]]
        columns = [C("indicator", t("project.col.indicator", lang)), C("unit", t("project.col.unit", lang)),
                   C("baseline", t("project.col.baseline", lang), "number"),
                   C("baseline_year", t("project.col.baseline_year", lang), "int"),
                   C("target", t("project.col.target", lang), "number"),
                   C("target_year", t("project.col.target_year", lang), "int"),
                   C("period", t("project.col.period", lang)), C("actual", t("project.col.actual", lang), "number"),
                   C("progress_pct", t("project.col.progress_pct", lang), "number", 1),
                   C("progress_note", t("project.col.progress_note", lang))]
    return downloads.Sheet(t(f"project.{chart}", lang), columns, rows, intro=intro)


@callback(Output({"type": "project-download", "chart": MATCH}, "data"),
          Input({"type": "project-export", "chart": MATCH, "format": ALL}, "n_clicks"),
          State("project-id", "data"), State("project-lang", "data"), prevent_initial_call=True)
def _download(clicks, project_id, lang):
    trigger = ctx.triggered_id
    if not isinstance(trigger, dict) or not any(clicks or []) or trigger.get("chart") not in CHARTS:
        return no_update
    lang = normalise_lang(lang)
    try:
        data = qpr.page_data(qpr.valid_project_id(project_id))
    except db.WarehouseError:
        return no_update
    if data is None:
        return no_update
    sheet = export_sheet(data, trigger["chart"], lang)
    stem = ("project", data["project"]["project_id"], trigger["chart"])
    if trigger.get("format") == "xlsx":
        return dcc.send_bytes(downloads.workbook_bytes([sheet]), downloads.file_name(*stem, ext="xlsx"),
                              type=downloads.XLSX_MIME)
    return dcc.send_bytes(downloads.csv_bytes(sheet.columns, sheet.rows), downloads.file_name(*stem, ext="csv"),
                          type=downloads.CSV_MIME)
