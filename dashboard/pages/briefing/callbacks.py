"""The briefing's callbacks: the places to choose from, the sheet of the chosen place, the URL kept in
step, and the print button (the browser's print dialogue with the print style sheet)."""
from __future__ import annotations

from dash import Input, Output, State, no_update

from dashboard import db
from dashboard import profile_data as pdata
from dashboard.i18n import normalise_lang, t
from dashboard.pages.briefing import layout, view
from dashboard.queries import profile as qp
from dashboard.ui import printing
from dashboard.ui.callbacks import PageCallbacks
from dashboard.ui.components import warehouse_notice
from dashboard.urls import with_query

page = PageCallbacks()


@page.callback(Output("briefing-place", "options"), Output("briefing-place", "value"),
               Input("briefing-lang", "data"), State("briefing-initial", "data"))
def options(lang, initial):
    """Options and the URL's choice together (a Dash 4 dropdown drops a value its options lack)."""
    lang = normalise_lang(lang)
    try:
        with db.reader() as r:
            provinces = qp.per_build(r, pdata.province_codes)
            municipalities = qp.per_build(r, qp.municipalities)
    except db.WarehouseError:
        return [], None
    initial = view.current_place(initial)  # an older code: its 2025 municipality
    choices = view.place_options(provinces, municipalities, lang)
    return choices, initial if initial in {o["value"] for o in choices} else None


@page.callback(Output("briefing-content", "children"), Output("briefing-heading", "children"),
               Input("briefing-place", "value"), State("briefing-lang", "data"))
def fill(value, lang):
    return render(value, normalise_lang(lang))


def render(value, lang: str):
    """(sheet, page heading) of the place `value` (a dropdown value)."""
    kind, code = view.parse_place(value)
    if kind is None:
        return layout.none_chosen(lang), t("briefing.title", lang)
    try:
        if kind == "nis":
            data = pdata.load(code, with_peers=False)
            if data["status"] != "ok":
                return layout.unknown(code, lang), t("briefing.title", lang)
            with db.reader() as r:
                context = pdata.briefing_context(r)
            return (layout.municipality_sheet(data, context, lang),
                    t("briefing.title_of", lang, name=data["mun"]["name_nl"]))
        data = pdata.load_province(code)
        if data["status"] != "ok":
            return layout.unknown(code, lang), t("briefing.title", lang)
        return layout.province_sheet(data, lang), t("briefing.title_of", lang, name=view.province_label(data["province"], lang))
    except db.WarehouseError as exc:
        return warehouse_notice(exc, lang), t("briefing.title", lang)


@page.callback(Output("app-url", "search", allow_duplicate=True),
               Input("briefing-place", "value"), State("app-url", "search"), State("app-url", "pathname"),
               prevent_initial_call=True)
def sync_url(value, search, pathname):
    if not str(pathname or "").rstrip("/").endswith("/briefing"):
        return no_update
    kind, code = view.parse_place(value)
    if kind is None:
        return no_update
    new = with_query("", search, nis=code if kind == "nis" else None, province=code if kind == "province" else None)
    return new if new != (search or "") else no_update


printing.register(page, "briefing")
