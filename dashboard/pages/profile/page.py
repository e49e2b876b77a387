"""The municipality profile's entry: its place in the app and its URL (`/gemeente?nis=46029&lang=en`)."""
from __future__ import annotations

import dash

from dashboard.i18n import normalise_lang
from dashboard.pages.profile import callbacks
from dashboard.pages.profile import layout as frame
from dashboard.urls import one

dash.register_page(
    __name__, path="/gemeente", name="Gemeenteprofiel", title="Gemeenteprofiel – Kinderarmoedemonitor",
    order=30, nav_key="nav.profile",
    description="Profiel van een gemeente: indicatoren, rangen, vergelijking met provincie, gewest en "
                "gelijkaardige gemeenten, en de netwerken tegen kinderarmoede.",
)


def layout(nis=None, lang=None, **_query):
    return frame.build(normalise_lang(lang), one(nis))


callbacks.page.register()
