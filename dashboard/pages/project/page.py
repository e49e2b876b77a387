"""The project page's entry: registration with Dash and the layout for the URL's query."""
from __future__ import annotations

import dash

from dashboard.i18n import normalise_lang
from dashboard.pages.project import callbacks
from dashboard.pages.project.layout import build, valid_project_id

dash.register_page(
    __name__, path="/project", name="Project", title="Project – Kinderarmoedemonitor", order=52,
    description="Eén project: plaatsen, partners, netwerk, budget, bereik en resultaten zoals gerapporteerd.",
)


def layout(lang=None, id=None, **_query):  # noqa: A002 - `id` is the URL's query key
    return build(valid_project_id(id), id, normalise_lang(lang))


callbacks.page.register()
