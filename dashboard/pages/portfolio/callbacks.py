"""The portfolio's callbacks: fill the page from one build, filter the projects, keep the URL in step
with the controls, and the downloads (one callback per table, the format from the button pressed)."""
from __future__ import annotations

from dash import ALL, Input, Output, State, ctx, no_update

from dashboard import db
from dashboard import formatting as fmt
from dashboard.i18n import normalise_lang, t
from dashboard.pages.portfolio import exports, layout, view
from dashboard.pages.portfolio.view import ALL_PROVINCES, FILTERS
from dashboard.queries import portfolio as qp
from dashboard.ui import vintages
from dashboard.ui.callbacks import PageCallbacks
from dashboard.ui.components import empty, warehouse_notice
from dashboard.urls import with_query

page = PageCallbacks()

FORMAT_OF_BUTTON = {"portfolio-csv": "csv", "portfolio-xlsx": "xlsx"}


# The page is filled by three callbacks, not one: the browser applies each answer in one task, and a
# task that mounts the programmes, the filters and the written-question table at once blocks it for seconds.

@page.callback(
    Output("portfolio-notice", "children"),
    *[Output(f"portfolio-{name}", "options") for name in FILTERS],
    *[Output(f"portfolio-{name}", "value") for name in FILTERS],
    Input("portfolio-lang", "data"), State("portfolio-initial", "data"),
)
def setup(lang, initial):
    """Options and the URL's choices together (a Dash 4 dropdown drops a value its options lack)."""
    lang = normalise_lang(lang)
    initial = initial or {}
    initial = {**initial, "nis": vintages.current(initial.get("nis"))[0]}  # an older code: its 2025 municipality
    n = len(FILTERS)
    try:
        data = view.load()
    except db.WarehouseError as exc:
        return (warehouse_notice(exc, lang), *([[]] * n), *([None] * n))
    options = view.filter_options(data, lang)
    values = [initial.get(name) if initial.get(name) in {o["value"] for o in options[name]} else None
              for name in FILTERS]
    return (None, *[options[name] for name in FILTERS], *values)


@page.callback(Output("portfolio-programmes-box", "children"), Input("portfolio-lang", "data"))
def programmes(lang):
    lang = normalise_lang(lang)
    try:
        data = view.load()
    except db.WarehouseError:
        return None  # the notice is setup's
    return layout.programmes(data, lang)


# The programme facts open where the screen is wider than 640 px (in the browser: no round trip); on a
# phone they stay folded so the projects and question 28 come within reach.
page.clientside_callback(
    """function (_children, folds) {
        const wide = !window.matchMedia("(max-width: 640px)").matches;
        return (folds || []).map(() => wide);
    }""",
    Output({"type": layout.FACTS_FOLD, "programme": ALL}, "open"),
    Input("portfolio-programmes-box", "children"), State({"type": layout.FACTS_FOLD, "programme": ALL}, "id"),
)


@page.callback(
    Output("portfolio-wq28-summary", "children"),
    Output("portfolio-wq28-province", "options"), Output("portfolio-wq28-province", "value"),
    Input("portfolio-lang", "data"), State("portfolio-initial", "data"),
)
def wq28_setup(lang, initial):
    """The per-province answer, and the province list with the URL's choice."""
    lang = normalise_lang(lang)
    initial = initial or {}
    try:
        data = view.load()
    except db.WarehouseError:
        return None, [], None
    provinces = view.province_options(data, lang)
    wq28 = initial.get("wq28") if initial.get("wq28") in {o["value"] for o in provinces} else ALL_PROVINCES
    # in presentation mode the notes per province stay folded: the table is what the room sees
    return layout.wq28_summary(data["wq28"], lang, notes_open=not initial.get("present")), provinces, wq28


@page.callback(
    Output("portfolio-projects-box", "children"), Output("portfolio-count", "children"),
    *[Input(f"portfolio-{name}", "value") for name in FILTERS],
    Input("portfolio-lang", "data"),
)
def projects(programme, province, theme, nis, sector, lang):
    lang = normalise_lang(lang)
    try:
        data = view.load()
    except db.WarehouseError:
        return None, None
    chosen = dict(zip(FILTERS, (programme, province, theme, nis, sector)))
    rows = view.filter_projects(data["projects"], **chosen)
    count = t("portfolio.count", lang, n=fmt.integer(len(rows), lang), total=fmt.integer(len(data["projects"]), lang))
    if not rows:
        return empty(t("portfolio.no_match", lang)), count
    return layout.projects_table(rows, data, chosen, lang), count


@page.callback(
    Output("app-url", "search", allow_duplicate=True),
    *[Input(f"portfolio-{name}", "value") for name in FILTERS],
    Input("portfolio-wq28-province", "value"),
    State("app-url", "search"), State("app-url", "pathname"),
    prevent_initial_call=True,
)
def sync_url(programme, province, theme, nis, sector, wq28, search, pathname):
    if pathname and not pathname.rstrip("/").endswith("/portfolio"):
        return no_update
    changes = dict(zip(FILTERS, (programme, province, theme, nis, sector)))
    changes["wq28"] = wq28 if wq28 and wq28 != ALL_PROVINCES else None
    new = with_query("", search, **changes)
    return new if new != (search or "") else no_update


@page.callback(
    *[Output(f"portfolio-{name}", "value", allow_duplicate=True) for name in FILTERS],
    Input("portfolio-reset", "n_clicks"), prevent_initial_call=True,
)
def reset(_n):
    return (None,) * len(FILTERS)


@page.callback(Output("portfolio-wq28-municipalities", "children"),
               Input("portfolio-wq28-province", "value"), Input("portfolio-lang", "data"))
def wq28_municipalities(province, lang):
    lang = normalise_lang(lang)
    if not province:
        return None
    try:
        data = view.load()
        with db.reader() as r:
            rows = qp.wq28_municipalities(r, None if province == ALL_PROVINCES else province)
    except db.WarehouseError:
        return None
    return layout.wq28_municipality_table(rows, province, data, lang)


@page.callback(Output("portfolio-download", "data"),
               Input("portfolio-csv", "n_clicks"), Input("portfolio-xlsx", "n_clicks"),
               *[State(f"portfolio-{name}", "value") for name in FILTERS], State("portfolio-lang", "data"),
               prevent_initial_call=True)
def download_projects(n_csv, n_xlsx, programme, province, theme, nis, sector, lang):
    file_format = FORMAT_OF_BUTTON.get(ctx.triggered_id)
    if file_format is None or not (n_csv or n_xlsx):
        return no_update
    sent = exports.send_projects(file_format, dict(zip(FILTERS, (programme, province, theme, nis, sector))),
                                 normalise_lang(lang))
    return no_update if sent is None else sent


@page.callback(Output("portfolio-download-wq28", "data"), Input("portfolio-wq28-xlsx", "n_clicks"),
               State("portfolio-wq28-province", "value"), State("portfolio-lang", "data"), prevent_initial_call=True)
def download_wq28(n_clicks, province, lang):
    if not n_clicks:
        return no_update
    sent = exports.send_wq28(province, normalise_lang(lang))
    return no_update if sent is None else sent


@page.callback(Output("portfolio-download-wq28", "data", allow_duplicate=True),
               Input({"type": layout.ROW_EXPORT, "province": ALL}, "n_clicks"), State("portfolio-lang", "data"),
               prevent_initial_call=True)
def download_wq28_row(_n_clicks, lang):
    """The workbook of the province whose row was clicked (a button's first render is no click)."""
    if not isinstance(ctx.triggered_id, dict) or not (ctx.triggered and ctx.triggered[0].get("value")):
        return no_update
    sent = exports.send_wq28(ctx.triggered_id["province"], normalise_lang(lang))
    return no_update if sent is None else sent
