"""Shown for any path no page claims (Dash picks it up by its module name); the server answers such a
path with HTTP 404 (dashboard/not_found.py)."""
from __future__ import annotations

import dash
from dash import dcc, html

from dashboard.i18n import normalise_lang, t
from dashboard.urls import page_href

dash.register_page(__name__, path="/404", name="Niet gevonden", title="Niet gevonden – Kinderarmoedemonitor")


def layout(lang=None, **_query):
    lang = normalise_lang(lang)
    return html.Div([
        html.H1(t("notfound.title", lang)),
        html.P(t("notfound.body", lang)),
        # "To the overview": the overview page, where the menu and the map are one click away.
        html.P(dcc.Link(t("notfound.home", lang), href=page_href("/overzicht", lang), id="notfound-home")),
    ], id="notfound-page", className="page")
