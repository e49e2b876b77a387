"""The comparison's entry: its place in the app and its URL
(`/vergelijk?indicator=arop_admin&nis=46029,44021&group=peers|<province code>&start=2015&end=2022
&sort=change-desc&lang=en`)."""
from __future__ import annotations

import dash

from dashboard.i18n import normalise_lang
from dashboard.pages.compare import callbacks, view
from dashboard.pages.compare import layout as frame

dash.register_page(
    __name__, path="/vergelijk", name="Vergelijken", title="Vergelijken – Kinderarmoedemonitor", order=40,
    nav_key="nav.compare",
    description="Gemeenten naast elkaar: gekozen gemeenten, gelijkaardige gemeenten of een provincie, met een "
                "rangschikking van alle gemeenten.",
)


def layout(indicator=None, nis=None, group=None, start=None, end=None, sort=None, lang=None, **_query):
    mode, province = view.parse_group(group)
    initial = {"indicator": view.parse_indicator(indicator), "nis": view.parse_nis_list(nis), "province": province,
               "start": view.parse_year(start), "end": view.parse_year(end)}
    return frame.build(normalise_lang(lang), initial, mode, view.parse_sort(sort))


callbacks.page.register()
