"""Overview (`/overzicht`): the key facts of the latest build, with a link to the data status.

The map is the home page (`/`, pages/map.py); this page moved here from `/`.
"""
from __future__ import annotations

import dash
from dash import Input, Output, callback, dcc, html

from dashboard import db
from dashboard import formatting as fmt
from dashboard.i18n import normalise_lang, t, t_or
from dashboard.queries import status as queries
from dashboard.ui.components import read_page, warehouse_notice
from dashboard.urls import page_href

dash.register_page(
    __name__, path="/overzicht", name="Overzicht", title="Overzicht – Kinderarmoedemonitor", order=80,
    nav_key="nav.home",
    description="Kerncijfers van de laatste build van het datawarehouse van de Kinderarmoedemonitor.",
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


def _fact(label: str, value, fact_id: str, extra=None) -> html.Div:
    dd = [value] if extra is None else [value, html.Span(extra, className="fact-extra")]
    return html.Div([html.Dt(label), html.Dd(dd, id=fact_id)], className="fact")


def _facts(facts: dict, lang: str) -> html.Section:
    build = facts.get("build")
    if build:
        built = _fact(t("home.built_at", lang),
                      fmt.datetime_text(build.get("finished_at") or build.get("started_at"), lang),
                      "home-built-at")
        status = _fact(t("home.build_status", lang),
                       t_or(f"build.{build['status']}", lang, str(build["status"])), "home-build-status")
        version = _fact(t("home.code_version", lang), html.Code(str(build["code_version"])), "home-code-version")
    else:
        built = _fact(t("home.built_at", lang), t("home.no_build", lang), "home-built-at")
        status = version = None
    first, last = facts.get("first_year"), facts.get("last_year")
    years = (fmt.MISSING if fmt.is_missing(first)
             else str(int(first)) if first == last else f"{int(first)}–{int(last)}")
    items = [
        built, status, version,
        _fact(t("home.sources", lang), fmt.integer(facts["sources"], lang), "home-sources"),
        _fact(t("home.indicators", lang), fmt.integer(facts["built_in"] + facts["imported"], lang),
              "home-indicators",
              t("home.indicators_split", lang, built_in=fmt.integer(facts["built_in"], lang),
                imported=fmt.integer(facts["imported"], lang))),
        _fact(t("home.municipalities", lang), fmt.integer(facts["municipalities"], lang), "home-municipalities"),
        _fact(t("home.years", lang), years, "home-years"),
        _fact(t("home.values", lang), fmt.integer(facts["values_"], lang), "home-values"),
    ]
    return html.Section([
        html.H2(t("home.facts", lang), id="home-facts-heading"),
        html.Dl([i for i in items if i is not None], className="facts"),
        html.P(dcc.Link(t("home.to_status", lang) + " →", href=page_href("/status", lang),
                        id="home-to-status", className="button-link")),
    ], className="card", **{"aria-labelledby": "home-facts-heading"})
