"""Overview (`/overzicht`): when the figures were last updated and what they cover, with links to
"About the figures" and the map (the build's technical detail is on /status, for administrators).

The map is the home page (`/`, pages/map.py); this page moved here from `/`.
"""
from __future__ import annotations

import dash
from dash import Input, Output, callback, dcc, html

from dashboard import db
from dashboard import formatting as fmt
from dashboard.i18n import normalise_lang, t
from dashboard.queries import status as queries
from dashboard.ui.components import read_page, warehouse_notice
from dashboard.urls import page_href

dash.register_page(
    __name__, path="/overzicht", name="Overzicht", title="Overzicht – Kinderarmoedemonitor", order=80,
    nav_key="nav.home",
    description="Wanneer de cijfers van de Kinderarmoedemonitor laatst bijgewerkt zijn en wat ze omvatten.",
)


def layout(lang=None, **_query):
    """The page's frame; `_fill` reads the warehouse (a layout never does, see status.py)."""
    return read_page("home", normalise_lang(lang))


@callback(Output("home-content", "children"), Input("home-lang", "data"))
def _fill(lang):
    return render(normalise_lang(lang))


def render(lang: str):
    try:
        with db.reader() as r:
            facts = queries.key_facts(r)
    except db.WarehouseError as exc:
        return warehouse_notice(exc, lang)
    return _facts(facts, lang)


def _fact(label: str, value, fact_id: str) -> html.Div:
    return html.Div([html.Dt(label), html.Dd(value, id=fact_id)], className="fact")


def _facts(facts: dict, lang: str) -> html.Section:
    """What a reader asks first: when the figures were last updated and what they cover, with the
    way to what they mean. The build's code version, sources and row counts are for administrators
    and stay on /status."""
    build = facts.get("build")
    updated = (fmt.datetime_text(build.get("finished_at") or build.get("started_at"), lang) if build
               else t("home.no_build", lang))
    first, last = facts.get("first_year"), facts.get("last_year")
    years = (fmt.MISSING if fmt.is_missing(first)
             else str(int(first)) if first == last else f"{int(first)}–{int(last)}")
    items = [
        _fact(t("home.built_at", lang), updated, "home-built-at"),
        _fact(t("home.indicators", lang), fmt.integer(facts["built_in"] + facts["imported"], lang), "home-indicators"),
        _fact(t("home.municipalities", lang), fmt.integer(facts["municipalities"], lang), "home-municipalities"),
        _fact(t("home.years", lang), years, "home-years"),
    ]
    return html.Section([
        html.H2(t("home.facts", lang), id="home-facts-heading"),
        html.Dl(items, className="facts"),
        html.P([dcc.Link(t("home.to_data", lang) + " →", href=page_href("/data", lang),
                         id="home-to-data", className="button-link"), " ",
                dcc.Link(t("home.to_map", lang) + " →", href=page_href("/", lang), id="home-to-map")]),
        html.P(dcc.Link(t("home.to_status", lang) + " →", href=page_href("/status", lang), id="home-to-status"),
               className="fact-extra"),
    ], className="card", **{"aria-labelledby": "home-facts-heading"})
