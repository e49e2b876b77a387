"""The project page's layout: one project's facts, reporting status, places (list and small map),
partners (table and network), budget, reach and outcomes, each with its PNG, CSV and Excel downloads.

Where the project reported nothing, a section says "niet gerapporteerd" with the reporting status;
it never fills a gap. An unknown id or a missing warehouse gives a friendly page, never a crash.
"""
from __future__ import annotations

import re

from dash import dcc, html

from dashboard import db
from dashboard import formatting as fmt
from dashboard.i18n import localised, t
from dashboard.pages.project import figures, view
from dashboard.queries import project as qpr
from dashboard.ui import presenting, sources
from dashboard.ui.components import safe_href, scroll_box, section, warehouse_notice
from dashboard.ui.links import project_href
from dashboard.urls import one, page_href

PROJECT_ID = re.compile(r"[A-Za-z0-9_\-]{1,40}")
PORTFOLIO_PATH, TRACKER_PATH = "/portfolio", "/rapportering"
PROJECT_LIST = "#portfolio-projects"  # the portfolio's list of all projects (its section id)


def valid_project_id(value) -> str | None:
    """A project id from the URL (`one` value), checked for form only (the warehouse decides whether
    it exists)."""
    text = one(value)
    return text if text is not None and PROJECT_ID.fullmatch(text) else None


def build(project_id: str | None, raw_id, lang: str) -> html.Div:
    """The page for a checked project id (`raw_id` is what the URL held, for the "not found" text)."""
    try:
        data = qpr.page_data(project_id)
    except db.WarehouseError as exc:
        return _page([warehouse_notice(exc, lang)], None, lang)
    if data is None:
        return _page(_unknown(raw_id, lang), None, lang)
    return _page(render(data, lang), project_id, lang)


def _page(children, project_id: str | None, lang: str) -> html.Div:
    stores = [dcc.Store(id="project-id", data=project_id), dcc.Store(id="project-lang", data=lang)]
    return html.Div(stores + list(children), id="project-page", className="page project")


def _unknown(raw_id, lang: str) -> list:
    shown = one(raw_id)
    body = t("project.unknown.body", lang, id=shown[:60]) if shown else t("project.unknown.no_id", lang)
    return [html.H1(t("project.unknown.title", lang)),
            html.Div([html.P(body), html.P(dcc.Link(t("project.unknown.link", lang),
                                                    href=page_href(PORTFOLIO_PATH, lang) + PROJECT_LIST,
                                                    id="project-to-portfolio"))],
                     className="notice", role="status", id="project-unknown")]


def render(data: dict, lang: str) -> list:
    p = data["project"]
    status = view.status(data)
    reported = [_budget(data, status, lang), _reach(data, status, lang), _outcomes(data, status, lang)]
    places = _places(data, lang)
    if not any(presenting.MAIN in (section.className or "") for section in reported):
        places = presenting.main(places)  # no reported figures: the map of its places is the main chart
    return [
        html.P(dcc.Link(t("project.back", lang), href=page_href(PORTFOLIO_PATH, lang)), className="eyebrow"),
        html.H1(p["name"], id="project-title"),
        _facts(data, lang),
        _status(status, lang),
        places,
        _partners(data, lang),
        *reported,
    ]


# ----------------------------------------------------------------------------- helpers

def website_links(value) -> list:
    """A register's website cell ("www.a.be; https://b.be") as links; only http(s) becomes a link."""
    out = []
    for i, site in enumerate(s.strip() for s in str(value or "").split(";") if s.strip()):
        href = safe_href(site if "://" in site else "https://" + site)
        out += ([", "] if i else []) + [html.A(site, href=href, rel="noopener noreferrer") if href else site]
    return out


def not_reported(status: dict, lang: str, element_id: str) -> html.P:
    """ "niet gerapporteerd" with why: no workbook yet, or the latest workbook (period, date, by whom)."""
    return html.P([html.Strong(t("project.not_reported", lang)), " – ", view.status_text(status, lang)],
                  className="empty project-not-reported", id=element_id)


def _export_buttons(chart: str, lang: str) -> html.Div:
    return html.Div([
        html.Button(t("download.csv", lang), id={"type": "project-export", "chart": chart, "format": "csv"},
                    type="button", className="button button-small"),
        html.Button(t("download.xlsx", lang), id={"type": "project-export", "chart": chart, "format": "xlsx"},
                    type="button", className="button button-small"),
        dcc.Download(id={"type": "project-download", "chart": chart}),
    ], className="control-buttons project-exports", role="group",
        **{"aria-label": t("project.exports", lang, what=t(f"project.{chart}", lang))})


def _table(table_id: str, caption: str, headers: list[tuple[str, bool]], rows: list[list], lang: str) -> html.Div:
    """A table whose cells may hold components (a list of links); headers as (label, numeric).
    (ui.components.plain_table renders raw values by kind; these cells are made here.)"""
    head = html.Thead(html.Tr([html.Th(label, scope="col", className="num" if num else None) for label, num in headers]))
    body = html.Tbody([html.Tr([html.Td(c, className="num" if headers[j][1] else None) for j, c in enumerate(row)])
                       for row in rows])
    return scroll_box(html.Table([html.Caption(caption), head, body], id=table_id, className="data-table"),
                      caption, lang)


def _chart(graph_id: str, figure, config: dict, height: int) -> dcc.Graph:
    return dcc.Graph(id=graph_id, figure=figure, config=config, className="chart", style={"height": f"{height}px"})


# ------------------------------------------------------------------------------- about

def _facts(data: dict, lang: str) -> html.Section:
    p = data["project"]
    words = sources.build_words()
    products = [s.strip() for s in (p.get("products") or "").split(";") if s.strip()]
    rows = [
        ("project.programme", localised(p, "programme", lang) or p["programme_id"]),
        ("project.province", view.province_text(data["places"], lang)),
        ("project.themes", view.theme_text(p, data["themes"], lang)),
        ("project.website", website_links(p.get("website")) or fmt.MISSING),
        ("project.lead", p.get("lead_org") or t("project.lead_unknown", lang)),
        ("project.products", html.Ul([html.Li(x, lang="nl") for x in products], className="project-products") if products
         else fmt.MISSING),
        ("project.source", html.Span(sources.source_cell(p.get("source_doc"), p.get("source_ref"), words, lang),
                                     title=sources.source_tooltip([p.get("source_ref")], lang))),
    ]
    facts = html.Dl([html.Div([html.Dt(t(key, lang)), html.Dd(value)]) for key, value in rows], className="kv",
                    id="project-facts")
    # The register's notes in the page's language (notes_en); where only the Dutch exists, it is
    # marked as Dutch in another language (WCAG 3.1.2).
    note = localised(p, "notes", lang)
    dutch = lang != "nl" and note == p.get("notes")
    note = sources.note_text(note, words, lang)
    notes = [html.P(note, className="project-notes", lang="nl" if dutch else None)] if note else []
    return section("project-about", t("project.about", lang), facts, *notes)


def _status(status: dict, lang: str) -> html.Section:
    return section("project-reporting", t("project.reporting", lang),
                   html.P(view.reporting_text(status, lang), id="project-reporting-status"),
                   html.P(dcc.Link(t("project.to_tracker", lang), href=page_href(TRACKER_PATH, lang))))


# ------------------------------------------------------------------------------ places

def _places(data: dict, lang: str) -> html.Section:
    items = []
    for place in data["places"]:
        notes = ([html.Span(sources.note_text(localised(place, "notes", lang), sources.build_words(), lang),
                            className="sub")] if place.get("notes") else [])
        items.append(html.Li([html.Span(view.place_text(place, lang), className="project-place"), *notes],
                             className=f"project-place-{place['scope']}"))
    listing = html.Ul(items, id="project-places", className="project-places")
    return section("project-where", t("project.places", lang), html.Div([
        html.Div(listing, className="project-places-list"),
        html.Div([_map(data, lang), _map_legend(data, lang)], className="project-map-box"),
    ], className="project-where-grid"), _export_buttons("places", lang))


def _map(data: dict, lang: str):
    figure = figures.map_figure(data, lang)
    if figure is None:
        return html.P(t("project.map.none", lang), className="empty", id="project-map-none")
    return dcc.Graph(id="project-map", figure=figure, className="project-map",
                     config=figures.chart_config(data, "map", lang, scroll_zoom=True),
                     style={"height": f"{figures.MAP_HEIGHT}px"})


def _map_legend(data: dict, lang: str) -> html.Ul:
    scopes = {pl["scope"] for pl in data["places"]}
    items = []
    for keys, colour, key in (({"municipality", "several_municipalities"}, figures.MUNICIPALITY_FILL,
                               "project.map.municipality"),
                              ({"part_of_municipality"}, figures.PART_FILL, "project.map.part"),
                              ({"province"}, figures.PROVINCE_FILL, "project.map.province")):
        if scopes & keys:
            items.append(html.Li([html.Span(className="project-swatch", style={"backgroundColor": colour},
                                            **{"aria-hidden": "true"}), t(key, lang)]))
    return html.Ul(items, className="chart-legend project-map-legend")


# ---------------------------------------------------------------------------- partners

def _partners(data: dict, lang: str) -> html.Section:
    rows = view.partner_rows(data, lang)
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
        presenting.method(html.P(t("project.network.intro", lang, n=len(rows), shared=shared), className="section-intro"),
                          "project-network-method", lang),
        _chart("project-network", figures.network_figure(data, rows, lang), figures.chart_config(data, "network", lang),
               figures.NETWORK_HEIGHT),
    ], className="chart-card project-network")
    return section("project-partners-section", title, table, graph, _export_buttons("partners", lang),
                   intro=t("project.partners.intro", lang))


# ------------------------------------------------------------------- reported figures

def _not_reported_section(chart: str, status: dict, lang: str) -> html.Section:
    return section(f"project-{chart}-section", t(f"project.{chart}", lang),
                   not_reported(status, lang, f"project-{chart}-none"))


def _chart_section(chart: str, data: dict, figure, headers: list[tuple[str, bool]], body: list[list],
                   lang: str) -> html.Section:
    """A chart of reported figures with its table and downloads (ids `project-<chart>`, `-table`)."""
    title = t(f"project.{chart}", lang)
    return presenting.main(section(f"project-{chart}-section", title,
                                   _intro(chart, lang),
                                   _chart(f"project-{chart}", figure, figures.chart_config(data, chart, lang),
                                          figures.CHART_HEIGHT),
                                   _table(f"project-{chart}-table", title, headers, body, lang),
                                   _export_buttons(chart, lang)))


def _intro(chart: str, lang: str) -> html.Div:
    """How a chart's figures were reported: in presentation mode one "Method" link away."""
    return presenting.method(html.P(t(f"project.{chart}.intro", lang), className="section-intro"),
                             f"project-{chart}-method", lang)


def _budget(data: dict, status: dict, lang: str) -> html.Section:
    rows = data["budget"]
    if not rows:
        return _not_reported_section("budget", status, lang)
    headers = [(t("project.col.year", lang), False)] + [(t(f"project.budget.{k}", lang), True) for k in view.BUDGET_FIELDS]
    body = [[str(r["year"])] + [view.reported_euro(r[k], lang) for k in view.BUDGET_FIELDS] for r in rows]
    return _chart_section("budget", data, figures.budget_figure(rows, lang), headers, body, lang)


def _reach(data: dict, status: dict, lang: str) -> html.Section:
    rows = view.reach_rows(data)
    if not rows:
        return _not_reported_section("reach", status, lang)
    periods = view.reach_periods(rows)
    headers = [(t("project.col.measure", lang), False)] + [(p, True) for p in periods]
    body = []
    for measure in view.reach_measures(rows):
        mine = view.reach_by_period(rows, measure)
        body.append([t(f"project.measure.{measure}", lang)] + [fmt.integer(mine[p], lang) if p in mine
                                                                else t("project.not_reported", lang) for p in periods])
    return _chart_section("reach", data, figures.reach_figure(rows, lang), headers, body, lang)


# ---------------------------------------------------------------------------- outcomes

def _outcomes(data: dict, status: dict, lang: str) -> html.Section:
    title = t("project.outcomes", lang)
    rows = view.outcome_rows(data)
    if not rows:
        return _not_reported_section("outcomes", status, lang)
    headers = [(t("project.col.indicator", lang), False), (t("project.col.unit", lang), False),
               (t("project.col.baseline", lang), True), (t("project.col.target", lang), True),
               (t("project.col.period", lang), False), (t("project.col.actual", lang), True),
               (t("project.col.progress", lang), True)]
    body = []
    for r in rows:
        baseline = view.amount_text(r["baseline"], r["unit"], lang) + (f" ({r['baseline_year']})" if r["baseline_year"] else "")
        target = view.amount_text(r["target"], r["unit"], lang) + (f" ({r['target_year']})" if r["target_year"] else "")
        body.append([r["indicator"], r["unit"] or fmt.MISSING, baseline, target, r["period"],
                     view.amount_text(r["actual"], r["unit"], lang),
                     html.Span(view.progress_text(r, lang), className="project-progress" if r["progress"] is not None
                               else "project-progress project-progress-undefined")])
    children = [_table("project-outcomes-table", title, headers, body, lang)]
    charted = [r for r in rows if r["progress"] is not None]
    if charted:
        children.insert(0, _chart("project-outcomes", figures.outcomes_figure(charted, lang),
                                  figures.chart_config(data, "outcomes", lang), figures.outcomes_height(charted)))
    if any(r["progress_reason"] == "target_equals_baseline" for r in rows):
        children.append(html.P(t("project.progress.equal_note", lang), className="section-intro",
                               id="project-progress-undefined"))
    children.append(_export_buttons("outcomes", lang))
    outcomes = section("project-outcomes-section", title, _intro("outcomes", lang), *children)
    return presenting.main(outcomes) if charted else outcomes
