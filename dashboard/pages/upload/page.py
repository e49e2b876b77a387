"""The upload page's entry: registration with Dash and the layout."""
from __future__ import annotations

import dash

from dashboard.i18n import normalise_lang
from dashboard.pages.upload import callbacks
from dashboard.pages.upload.layout import build

dash.register_page(
    __name__, path="/upload", name="Rapportering opladen", title="Rapportering opladen – Kinderarmoedemonitor",
    order=70, nav_key="nav.upload",
    description="Een rapporteringswerkmap van een project controleren en laden (na aanmelding).",
)


def layout(lang=None, **_query):
    return build(normalise_lang(lang))


callbacks.page.register()
