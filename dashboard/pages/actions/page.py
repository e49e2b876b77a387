"""Action plan (`/actieplan`): registration, and the URL turned into the page.

The view lives in the URL: `?q=kinderopvang&right=04&minister=07&lang=en`; the controls write it back
to the shell's `app-url` (no reload).
"""
from __future__ import annotations

import dash

from dashboard.i18n import normalise_lang
from dashboard.pages.actions import callbacks
from dashboard.pages.actions import layout as page_layout
from dashboard.pages.actions.view import search_text
from dashboard.urls import one, valid_code

dash.register_page(
    __name__, path="/actieplan", name="Actieplan", title="Actieplan 2015-2019 – Kinderarmoedemonitor", order=60,
    nav_key="nav.actions",
    description="De 201 acties van het Vlaams Actieplan Armoedebestrijding 2015-2019, per grondrecht en minister.",
)


def layout(q=None, right=None, minister=None, lang=None, **_query):
    initial = {"right": valid_code(right), "minister": valid_code(minister)}
    return page_layout.build(search_text(one(q)), initial, normalise_lang(lang))


callbacks.page.register()
