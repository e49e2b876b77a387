"""The map's entry for Dash: its place in the registry and its layout from the URL query; the
callbacks are declared in callbacks.py and attached to the app being created here."""
from __future__ import annotations

import dash

from dashboard.pages.map import callbacks
from dashboard.pages.map import layout as page_layout
from dashboard.pages.map.state import parse_state

dash.register_page(
    __name__, path="/", name="Kaart", title="Kaart – Kinderarmoedemonitor", order=0,
    nav_key="nav.map",
    description="Kaart van de 304 gemeenten van Vlaanderen en Brussel: armoede-indicatoren per jaar, "
                "met de netwerken tegen kinderarmoede.",
)


def layout(indicator=None, year=None, scheme=None, k=None, overlay=None, nis=None, lang=None, **_query):
    """The page for the view in the URL; the warehouse is read by the callbacks, never here."""
    return page_layout.build(parse_state(indicator, year, scheme, k, overlay, nis, lang))


callbacks.page.register()
