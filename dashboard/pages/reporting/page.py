"""The reporting tracker's entry: registration with Dash and the layout for the URL's query."""
from __future__ import annotations

import dash

from dashboard.i18n import normalise_lang
from dashboard.pages.reporting import callbacks
from dashboard.pages.reporting.layout import build
from dashboard.urls import valid_code, valid_nis

dash.register_page(
    __name__, path="/rapportering", name="Rapportering", title="Rapportering – Kinderarmoedemonitor", order=55,
    nav_key="nav.reporting",
    description="Welke projecten hun monitoringrapport bezorgden, wat erin stond, wat ontbreekt en wat geweigerd werd.",
)


def layout(programme=None, province=None, status=None, lang=None, **_query):
    chosen = {"programme": valid_code(programme), "province": valid_nis(province), "status": valid_code(status)}
    return build(chosen, normalise_lang(lang))


callbacks.page.register()
