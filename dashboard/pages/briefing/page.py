"""Briefing (`/briefing?nis=46029` or `/briefing?province=70000`, `&lang=en`): registration, and the
URL turned into the page."""
from __future__ import annotations

import dash

from dashboard.i18n import normalise_lang
from dashboard.pages.briefing import callbacks
from dashboard.pages.briefing import layout as page_layout
from dashboard.pages.briefing.view import place_value

dash.register_page(
    __name__, path="/briefing", name="Briefing", title="Briefing – Kinderarmoedemonitor", order=65,
    nav_key="nav.briefing",
    description="Eén afdrukbare pagina per gemeente of provincie: kerncijfers, netwerken en voetnoten met "
                "bronnen, jaren en fusiestatus.",
)


def layout(nis=None, province=None, lang=None, **_query):
    return page_layout.build(place_value(nis, province), normalise_lang(lang))


callbacks.page.register()
