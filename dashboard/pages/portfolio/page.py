"""Portfolio (`/portfolio`): registration, and the URL turned into the page.

The view lives in the URL: `?programme=lbn_2023&province=70000&theme=education&nis=71016
&sector=school&wq28=70000&lang=en`; the controls write it back to the shell's `app-url` (no reload).
"""
from __future__ import annotations

import dash

from dashboard.i18n import normalise_lang
from dashboard.pages.portfolio import callbacks
from dashboard.pages.portfolio import layout as page_layout
from dashboard.urls import valid_code, valid_nis

dash.register_page(
    __name__, path="/portfolio", name="Portfolio", title="Portfolio – Kinderarmoedemonitor", order=50,
    nav_key="nav.portfolio",
    description="Programma's, projecten en het antwoord op schriftelijke vraag nr. 28, met export.",
)


def layout(programme=None, province=None, theme=None, nis=None, sector=None, wq28=None, lang=None, present=None,
           **_query):
    initial = {"programme": valid_code(programme), "province": valid_nis(province), "theme": valid_code(theme),
               "nis": valid_nis(nis), "sector": valid_code(sector),
               # `?province=30000` alone answers written question 28 for that province too (a link a
               # presenter is given), as well as filtering the projects; `wq28=` chooses it apart.
               "wq28": valid_nis(wq28) or valid_nis(province),
               "present": present == "1"}  # presentation mode: the written-question notes folded
    return page_layout.build(initial, normalise_lang(lang))


callbacks.page.register()
