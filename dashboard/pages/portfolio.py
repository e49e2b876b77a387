"""Portfolio (`/portfolio`): every programme with its facts as the sources state them (disagreeing
sources side by side, never one picked), every project in a filterable table with CSV and Excel
export, and the answer to written question nr. 28 per province and per municipality (Excel via
`etl.exports.wq28_workbook`).

The view lives in the URL: `?programme=lbn_2023&province=70000&theme=education&nis=71016
&sector=school&wq28=70000&lang=en`. The layout only builds the frame (it never reads the warehouse);
`_setup` fills the options and the URL's choices from one build, and the controls write the URL back
to the shell's `app-url` (no reload). Text from the data reaches the page only through Dash
components (escaped by React) and the exports only through `dashboard.ui.downloads` / `safe_cell`.
"""
from __future__ import annotations

import io
from datetime import datetime

import dash
from dash import Input, Output, State, callback, dcc, html, no_update

from dashboard import db
from dashboard.ui import downloads
from dashboard import formatting as fmt
from dashboard.queries import portfolio as qp
from dashboard.queries.project import project_href
from dashboard.ui.components import dropdown, empty, plain_table, section, sortable_table, warehouse_notice
from dashboard.i18n import normalise_lang, t, t_or
from dashboard.urls import with_query

dash.register_page(
    __name__, path="/portfolio", name="Portfolio", title="Portfolio – Kinderarmoedemonitor", order=50,
    nav_key="nav.portfolio",
    description="Programma's, projecten en het antwoord op schriftelijke vraag nr. 28, met export.",
)

FILTERS = ("programme", "province", "theme", "nis", "sector")
FILTER_LABEL = {"programme": "portfolio.f.programme", "province": "portfolio.f.province",
                "theme": "portfolio.f.theme", "nis": "portfolio.f.municipality", "sector": "portfolio.f.sector"}
ALL_PROVINCES = "all"


def layout(programme=None, province=None, theme=None, nis=None, sector=None, wq28=None, lang=None, **_query):
    lang = normalise_lang(lang)
    initial = {"programme": qp.valid_code(programme), "province": qp.valid_nis(province),
               "theme": qp.valid_code(theme), "nis": qp.valid_nis(nis), "sector": qp.valid_code(sector),
               "wq28": qp.valid_nis(wq28)}
    toc = html.Nav(html.Ul([
        html.Li(html.A(t("portfolio.programmes", lang), href="#portfolio-programmes")),
        html.Li(html.A(t("portfolio.projects", lang), href="#portfolio-projects")),
        html.Li(html.A(t("portfolio.wq28", lang), href="#portfolio-wq28")),
    ]), className="toc", **{"aria-label": t("portfolio.toc", lang)})
    filters = html.Div([
        _dropdown(name, lang) for name in FILTERS
    ] + [html.Div([
        html.Button(t("portfolio.f.reset", lang), id="portfolio-reset", type="button", className="button button-secondary"),
        html.Button(t("download.csv", lang), id="portfolio-csv", type="button", className="button"),
        html.Button(t("download.xlsx", lang), id="portfolio-xlsx", type="button", className="button"),
    ], className="control-buttons")], className="controls portfolio-controls", role="group",
        **{"aria-label": t("portfolio.filters", lang)})
    projects = html.Section([
        html.H2(t("portfolio.projects", lang), id="portfolio-projects-heading"),
        html.P(t("portfolio.projects.intro", lang), className="section-intro"),
        filters,
        html.P(id="portfolio-count", className="portfolio-count", **{"aria-live": "polite"}),
        dcc.Loading(html.Div(id="portfolio-projects-box"), delay_show=300),
    ], id="portfolio-projects", className="card", **{"aria-labelledby": "portfolio-projects-heading"})
    wq28 = html.Section([
        html.H2(t("portfolio.wq28", lang), id="portfolio-wq28-heading"),
        html.P(t("portfolio.wq28.intro", lang), className="section-intro"),
        dcc.Loading(html.Div(id="portfolio-wq28-summary"), delay_show=300),
        html.H3(t("portfolio.wq28.per_municipality", lang)),
        html.Div([
            html.Div([
                html.Label(t("portfolio.wq28.province", lang), htmlFor="portfolio-wq28-province"),
                dropdown(lang, id="portfolio-wq28-province", options=[], value=None, clearable=False,
                               searchable=False),
            ], className="control control-wide"),
            html.Div([
                html.Button(t("portfolio.wq28.export", lang), id="portfolio-wq28-xlsx", type="button", className="button"),
            ], className="control-buttons"),
        ], className="controls"),
        html.P(t("portfolio.wq28.export_help", lang), className="section-intro"),
        dcc.Loading(html.Div(id="portfolio-wq28-municipalities"), delay_show=300),
    ], id="portfolio-wq28", className="card", **{"aria-labelledby": "portfolio-wq28-heading"})
    return html.Div([
        html.H1(t("portfolio.title", lang)),
        html.P(t("portfolio.intro", lang), className="lead"),
        toc,
        dcc.Store(id="portfolio-lang", data=lang),
        dcc.Store(id="portfolio-initial", data=initial),
        dcc.Download(id="portfolio-download-csv"),
        dcc.Download(id="portfolio-download-xlsx"),
        dcc.Download(id="portfolio-download-wq28"),
        html.Div(id="portfolio-notice"),
        dcc.Loading(html.Div(id="portfolio-programmes-box"), delay_show=300),
        projects,
        wq28,
    ], id="portfolio-page", className="page portfolio")


def _dropdown(name: str, lang: str) -> html.Div:
    return html.Div([
        html.Label(t(FILTER_LABEL[name], lang), htmlFor=f"portfolio-{name}"),
        dropdown(lang, id=f"portfolio-{name}", options=[], value=None, clearable=True, searchable=True,
                       placeholder=t("portfolio.f.all", lang)),
    ], className="control")


# ------------------------------------------------------------------------------ callbacks

@callback(
    Output("portfolio-programmes-box", "children"), Output("portfolio-notice", "children"),
    *[Output(f"portfolio-{name}", "options") for name in FILTERS],
    *[Output(f"portfolio-{name}", "value") for name in FILTERS],
    Output("portfolio-wq28-summary", "children"),
    Output("portfolio-wq28-province", "options"), Output("portfolio-wq28-province", "value"),
    Input("portfolio-lang", "data"), State("portfolio-initial", "data"),
)
def _setup(lang, initial):
    lang = normalise_lang(lang)
    initial = initial or {}
    n = len(FILTERS)
    try:
        data = load()
    except db.WarehouseError as exc:
        notice = warehouse_notice(exc, lang)
        return (None, notice, *([[]] * n), *([None] * n), None, [], None)
    options = filter_options(data, lang)
    values = [initial.get(name) if initial.get(name) in {o["value"] for o in options[name]} else None
              for name in FILTERS]
    province_options = [{"label": t("portfolio.wq28.all", lang), "value": ALL_PROVINCES}] + [
        {"label": _area_name(p, lang), "value": p["nis_code"]} for p in data["vocab"]["provinces"]]
    wq28_value = initial.get("wq28") if initial.get("wq28") in {o["value"] for o in province_options} else ALL_PROVINCES
    return (_programmes(data, lang), None, *[options[name] for name in FILTERS], *values,
            _wq28_summary(data["wq28"], data, lang), province_options, wq28_value)


@callback(
    Output("portfolio-projects-box", "children"), Output("portfolio-count", "children"),
    *[Input(f"portfolio-{name}", "value") for name in FILTERS],
    Input("portfolio-lang", "data"),
)
def _projects(programme, province, theme, nis, sector, lang):
    lang = normalise_lang(lang)
    try:
        data = load()
    except db.WarehouseError:
        return None, None
    chosen = dict(zip(FILTERS, (programme, province, theme, nis, sector)))
    rows = qp.filter_projects(data["projects"], **chosen)
    count = t("portfolio.count", lang, n=fmt.integer(len(rows), lang), total=fmt.integer(len(data["projects"]), lang))
    if not rows:
        return empty(t("portfolio.no_match", lang)), count
    return projects_table(rows, data, chosen, lang), count


@callback(
    Output("app-url", "search", allow_duplicate=True),
    *[Input(f"portfolio-{name}", "value") for name in FILTERS],
    Input("portfolio-wq28-province", "value"),
    State("app-url", "search"), State("app-url", "pathname"),
    prevent_initial_call=True,
)
def _sync_url(programme, province, theme, nis, sector, wq28, search, pathname):
    if pathname and not pathname.rstrip("/").endswith("/portfolio"):
        return no_update
    changes = dict(zip(FILTERS, (programme, province, theme, nis, sector)))
    changes["wq28"] = wq28 if wq28 and wq28 != ALL_PROVINCES else None
    new = with_query("", search, **changes)
    return new if new != (search or "") else no_update


@callback(
    *[Output(f"portfolio-{name}", "value", allow_duplicate=True) for name in FILTERS],
    Input("portfolio-reset", "n_clicks"), prevent_initial_call=True,
)
def _reset(_n):
    return (None,) * len(FILTERS)


@callback(Output("portfolio-wq28-municipalities", "children"),
          Input("portfolio-wq28-province", "value"), Input("portfolio-lang", "data"))
def _wq28_municipalities(province, lang):
    lang = normalise_lang(lang)
    if not province:
        return None
    try:
        data = load()
        with db.reader() as r:
            rows = qp.wq28_municipalities(r, None if province == ALL_PROVINCES else province)
    except db.WarehouseError:
        return None
    return wq28_municipality_table(rows, province, data, lang)


@callback(Output("portfolio-download-csv", "data"), Input("portfolio-csv", "n_clicks"),
          *[State(f"portfolio-{name}", "value") for name in FILTERS], State("portfolio-lang", "data"),
          prevent_initial_call=True)
def _download_csv(_n, programme, province, theme, nis, sector, lang):
    if not _n:
        return no_update
    made = export_projects(dict(zip(FILTERS, (programme, province, theme, nis, sector))), normalise_lang(lang))
    if made is None:
        return no_update
    intro, sheet = made
    return dcc.send_bytes(downloads.csv_with_intro(intro[1:], sheet), downloads.file_name("projecten", _today(), ext="csv"),
                          type=downloads.CSV_MIME)


@callback(Output("portfolio-download-xlsx", "data"), Input("portfolio-xlsx", "n_clicks"),
          *[State(f"portfolio-{name}", "value") for name in FILTERS], State("portfolio-lang", "data"),
          prevent_initial_call=True)
def _download_xlsx(_n, programme, province, theme, nis, sector, lang):
    if not _n:
        return no_update
    made = export_projects(dict(zip(FILTERS, (programme, province, theme, nis, sector))), normalise_lang(lang))
    if made is None:
        return no_update
    _intro, sheet = made
    return dcc.send_bytes(downloads.workbook_bytes([sheet]), downloads.file_name("projecten", _today(), ext="xlsx"),
                          type=downloads.XLSX_MIME)


@callback(Output("portfolio-download-wq28", "data"), Input("portfolio-wq28-xlsx", "n_clicks"),
          State("portfolio-wq28-province", "value"), prevent_initial_call=True)
def _download_wq28(_n, province):
    if not _n:
        return no_update
    content = wq28_bytes(None if not province or province == ALL_PROVINCES else province)
    if content is None:
        return no_update
    name = downloads.file_name("schriftelijke_vraag_28", province if province and province != ALL_PROVINCES else "",
                               _today(), ext="xlsx")
    return dcc.send_bytes(content, name, type=downloads.XLSX_MIME)


# ----------------------------------------------------------------------------------- data

def _load(r) -> dict:
    projects = qp.projects(r)
    return {
        "programmes": qp.programmes(r), "facts": qp.programme_facts(r), "projects": projects,
        "vocab": qp.vocabularies(r), "wq28": qp.wq28_summary(r), "build": qp.latest_build(r),
        "municipalities": qp.project_municipalities(projects),
    }


def load() -> dict:
    """Everything the page shows, from one build (cached per build); raises WarehouseError."""
    with db.reader() as r:
        return qp.per_build(r, _load)


def _today() -> str:
    return datetime.now().strftime("%Y-%m-%d")


def _label(row: dict, lang: str) -> str:
    return (row.get("label_en") if lang == "en" and row.get("label_en") else row.get("label_nl")) or row.get("code") or ""


def short_label(row: dict, lang: str) -> str:
    """A sector label without its parenthesised detail ("Lokaal bestuur (gemeente/stad, ...)" -> "Lokaal bestuur")."""
    text = _label(row, lang)
    return text.split(" (")[0] if " (" in text and not text.endswith("(CLB)") else text


def _area_name(row: dict, lang: str) -> str:
    return (row.get("name_en") if lang == "en" and row.get("name_en") else row.get("name_nl")) or row.get("nis_code")


def _programme_name(row: dict, lang: str) -> str:
    return (row.get("programme_name_en") if lang == "en" and row.get("programme_name_en")
            else row.get("programme_name_nl")) or row.get("programme_id")


def filter_options(data: dict, lang: str) -> dict[str, list[dict]]:
    vocab = data["vocab"]
    programme_ids = {p["programme_id"] for p in data["projects"]}
    programmes = [{"label": (p["name_en"] if lang == "en" and p.get("name_en") else p["name_nl"]),
                   "value": p["programme_id"]} for p in data["programmes"] if p["programme_id"] in programme_ids]
    return {
        "programme": programmes,
        "province": [{"label": _area_name(p, lang), "value": p["nis_code"]} for p in vocab["provinces"]],
        "theme": sorted(({"label": _label(th, lang), "value": th["code"]} for th in vocab["themes"]),
                        key=lambda o: qp.fold(o["label"])),
        "nis": [{"label": m["name"], "value": m["nis_code"]} for m in data["municipalities"]],
        "sector": [{"label": short_label(s, lang), "value": s["code"]} for s in vocab["sectors"]],
    }


def filters_text(chosen: dict, data: dict, lang: str) -> str:
    """The filters in force, in words ("Provincie (2025) = Limburg; Thema = Onderwijs")."""
    options = filter_options(data, lang)
    parts = []
    for name in FILTERS:
        value = chosen.get(name)
        if value:
            label = next((o["label"] for o in options[name] if o["value"] == value), value)
            parts.append(f"{t(FILTER_LABEL[name], lang)} = {label}")
    return "; ".join(parts) if parts else t("portfolio.f.none", lang)


# ----------------------------------------------------------------------------- programmes

def _source_name(doc: str | None, lang: str) -> str:
    return t_or(f"source.short.{doc}", lang, doc or "")


def fact_value(row: dict, lang: str) -> str:
    value, unit = row.get("value"), row.get("unit")
    text = value or fmt.MISSING
    try:
        if unit == "euro":
            text = fmt.euro(float(value), 0, lang)
        elif unit == "count":
            text = fmt.number(float(value), 0 if float(value).is_integer() else 1, lang)
        elif unit == "years":
            n = float(value)
            text = t("unit.years", lang, n=fmt.number(n, 0 if n.is_integer() else 1, lang))
        elif unit == "date":
            text = fmt.date_text(value, lang)
    except (TypeError, ValueError):
        text = value or fmt.MISSING
    year = row.get("year")
    if year and str(year) not in text:
        text = f"{text} ({year})"
    return text


def _source_ref(row: dict, lang: str) -> html.Span:
    title = " – ".join(x for x in (row.get("source_title"), row.get("source_publisher")) if x)
    return html.Span(f"{row.get('source_doc')}, {row.get('source_ref')}", className="source-ref", title=title or None)


def _fact_row(group: dict, lang: str) -> html.Tr:
    label = t_or(f"fact.{group['fact']}", lang, group["fact"])
    if group.get("nis_code"):
        area = group.get("area_name_en") if lang == "en" and group.get("area_name_en") else group.get("area_label")
        label = f"{label} – {area or group['nis_code']}"
    rows = group["rows"]
    if group["disagrees"]:
        pieces = []
        for i, row in enumerate(rows):
            if i:
                pieces.append(" · ")
            pieces.append(html.Span([
                t("portfolio.according_to", lang, value=fact_value(row, lang), source=_source_name(row["source_doc"], lang)),
                " (", _source_ref(row, lang), ")"]))
        value = html.Td([html.Span(t("portfolio.disagree", lang), className="badge badge-disagree"), " ", *pieces],
                        className="fact-disagree")
    else:
        parts = []
        for i, row in enumerate(rows):
            if i:
                parts.append(" · ")
            parts.append(fact_value(row, lang))
        value = html.Td(parts)
    refs = []
    for i, row in enumerate(rows):
        if i:
            refs.append(html.Br())
        refs.append(_source_ref(row, lang))
    notes = [html.P(row["note"], className="fact-note") for row in rows if row.get("note")]
    return html.Tr([html.Th(label, scope="row"), value, html.Td(refs, className="fact-source"),
                    html.Td(notes or fmt.MISSING, className="fact-notes")],
                   className="is-disagree" if group["disagrees"] else None)


def _programmes(data: dict, lang: str) -> html.Section:
    groups = qp.fact_groups(data["facts"])
    blocks = []
    for p in data["programmes"]:
        name = p["name_en"] if lang == "en" and p.get("name_en") else p["name_nl"]
        mine = [g for g in groups if g["programme_id"] == p["programme_id"]]
        start, end = p.get("period_start"), p.get("period_end")
        period = (f"{fmt.date_text(start, lang) if start else '…'} – {fmt.date_text(end, lang) if end else '…'}"
                  if start or end else t("portfolio.period_unknown", lang))
        head = html.Thead(html.Tr([html.Th(t(f"portfolio.col.{c}", lang), scope="col")
                                   for c in ("fact", "value", "source", "note")]))
        caption = t("portfolio.facts.caption", lang, name=name)
        table = html.Table([html.Caption(caption), head, html.Tbody([_fact_row(g, lang) for g in mine])],
                           className="data-table facts-table", id=f"portfolio-facts-{p['programme_id']}")
        n_disagree = sum(1 for g in mine if g["disagrees"])
        title = [name]
        if n_disagree:
            title += [" ", html.Span(t("portfolio.disagree", lang), className="badge badge-disagree")]
        blocks.append(html.Div([
            html.H3(title, id=f"portfolio-programme-{p['programme_id']}"),
            html.P(p.get("description_nl") or "", className="programme-description"),
            html.Dl([
                html.Div([html.Dt(t("portfolio.owner", lang)), html.Dd(p.get("owner") or fmt.MISSING)]),
                html.Div([html.Dt(t("portfolio.period", lang)), html.Dd(period)]),
            ], className="kv"),
            html.Div(table, className="table-scroll", tabIndex="0", role="region",
                     **{"aria-label": t("table.scroll", lang, caption=caption)}),
        ], className="programme"))
    return section("portfolio-programmes", t("portfolio.programmes", lang), *blocks,
                   intro=t("portfolio.programmes.intro", lang))


# ------------------------------------------------------------------------------- projects

def project_rows(rows: list[dict], data: dict, lang: str) -> list[dict]:
    """Projects as display/export rows: names and labels, never bare codes."""
    themes = {th["code"]: _label(th, lang) for th in data["vocab"]["themes"]}
    sectors = {s["code"]: short_label(s, lang) for s in data["vocab"]["sectors"]}
    provinces = {p["nis_code"]: _area_name(p, lang) for p in data["vocab"]["provinces"]}
    listed = {p["name_nl"]: p["nis_code"] for p in data["vocab"]["provinces"]}
    listed["Brussel"] = "04000"  # the guide's heading for the Brussels-Capital Region
    out = []
    for p in rows:
        places = []
        for pl in p["places"]:
            if pl["scope"] == "province":
                places.append(t("portfolio.whole_province", lang, name=provinces.get(pl["nis_code"], pl["place_name"])))
            else:
                name = pl["place_name"] or pl["nis_code"]
                places.append(f"{name} ({pl['area_label']})" if pl.get("area_label") else name)
        province_names = [provinces.get(c, c) for c in p["province_codes"]]
        counts: dict[str, int] = {}
        for pa in p["partners"]:
            label = sectors.get(pa["sector"], pa["sector"])
            counts[label] = counts.get(label, 0) + 1
        province_listed = p.get("province_listed") or ""
        listed_code = listed.get(province_listed)
        listed_note = (t("portfolio.listed_elsewhere", lang, province=province_listed)
                       if province_listed and listed_code not in p["province_codes"] else None)
        out.append({
            "project_id": p["project_id"], "name": p["name"], "href": project_href(p["project_id"], lang),
            "programme": _programme_name(p, lang),
            "province": ", ".join(province_names), "province_listed": province_listed, "listed_note": listed_note,
            "places": "; ".join(places),
            "themes": ", ".join(themes.get(c, c) for c in p["theme_codes"]),
            "lead": p.get("lead_org") or "",
            "sectors": "; ".join(f"{label} ({n})" for label, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))),
            "partners": len(p["partners"]),
            "website": (p.get("website") or "").replace(";", "; "),
            "source": f"{p.get('source_doc')}: {p.get('source_ref')}",
        })
    return out


def projects_table(rows: list[dict], data: dict, chosen: dict, lang: str):
    display = project_rows(rows, data, lang)
    columns = [
        {"key": "name", "kind": "text", "label": t("portfolio.col.name", lang), "sub_key": "programme", "href_key": "href"},
        {"key": "province", "kind": "text", "label": t("portfolio.col.province", lang), "sub_key": "listed_note"},
        {"key": "places", "kind": "text", "label": t("portfolio.col.places", lang)},
        {"key": "themes", "kind": "text", "label": t("portfolio.col.themes", lang)},
        {"key": "lead", "kind": "text", "label": t("portfolio.col.lead", lang)},
        {"key": "sectors", "kind": "text", "label": t("portfolio.col.sectors", lang), "sortable": False},
        {"key": "partners", "kind": "int", "label": t("portfolio.col.partners", lang)},
        {"key": "website", "kind": "text", "label": t("portfolio.col.website", lang), "sortable": False},
    ]
    caption = t("portfolio.projects.caption", lang, filters=filters_text(chosen, data, lang))
    return sortable_table("portfolio-projects-table", columns, display, lang, caption)


EXPORT_COLUMNS = (
    ("name", "portfolio.col.name", "text"), ("programme", "portfolio.col.programme", "text"),
    ("province", "portfolio.col.province", "text"), ("province_listed", "portfolio.col.province_listed", "text"),
    ("places", "portfolio.col.places", "text"), ("themes", "portfolio.col.themes", "text"),
    ("lead", "portfolio.col.lead", "text"), ("partners", "portfolio.col.partners", "int"),
    ("sectors", "portfolio.col.sectors", "text"), ("website", "portfolio.col.website", "text"),
    ("source", "portfolio.col.source_ref", "text"),
)


def export_projects(chosen: dict, lang: str):
    """(intro lines, downloads.Sheet) of the filtered projects; None without a warehouse."""
    try:
        data = load()
    except db.WarehouseError:
        return None
    chosen = {k: v for k, v in chosen.items() if v}
    rows = project_rows(qp.filter_projects(data["projects"], **chosen), data, lang)
    build = data.get("build") or {}
    intro = [
        t("portfolio.export_title", lang),
        t("portfolio.export_filters", lang, filters=filters_text(chosen, data, lang)),
        t("portfolio.export_rows", lang, n=len(rows)),
        t("portfolio.export_source", lang, build=build.get("build_id") or "?",
          date=fmt.datetime_text(datetime.now().isoformat(timespec="minutes"), lang)),
    ]
    columns = [downloads.Column(key, t(label, lang), kind) for key, label, kind in EXPORT_COLUMNS]
    return intro, downloads.Sheet(t("portfolio.sheet.projects", lang), columns, rows, intro=intro)




# ----------------------------------------------------------------------------------- wq28

def _dutch_unknown(text, lang: str):
    if lang == "en" and isinstance(text, str) and text.startswith("niet gepubliceerd"):
        return "not published (" + text + ")"
    return text


def _wq28_summary(rows: list[dict], data: dict, lang: str):
    display = []
    for r in rows:
        awarded = r.get("projects_awarded_text")
        display.append({**r, "province_label": r["province_name"],
                        "applications": _dutch_unknown(r.get("applications_text"), lang),
                        "requested": _dutch_unknown(r.get("amount_requested_text"), lang),
                        "awarded": awarded, "amount": _dutch_unknown(r.get("amount_awarded_text"), lang),
                        "is_total": r["province_nis"] == "totaal"})
    head = html.Thead(html.Tr([html.Th(t(f"portfolio.wq28.col.{c}", lang), scope="col",
                                       className="num" if c in ("awarded", "located") else None)
                               for c in ("province", "applications", "requested", "awarded", "located", "amount", "note",
                                         "source")]))
    body = []
    for r in display:
        awarded = r["awarded"]
        if isinstance(awarded, str) and " / " in awarded:
            awarded = [html.Span(t("portfolio.disagree", lang), className="badge badge-disagree"), html.Br(), awarded]
        cells = [
            html.Th(r["province_label"], scope="row"),
            html.Td(r["applications"] or fmt.MISSING, className="unknown" if "gepubliceerd" in str(r["applications"]) else None),
            html.Td(r["requested"] or fmt.MISSING, className="unknown" if "gepubliceerd" in str(r["requested"]) else None),
            html.Td(awarded or fmt.MISSING, className="num"),
            html.Td(fmt.integer(r.get("projects_located_2025"), lang), className="num"),
            html.Td(r["amount"] or fmt.MISSING, className="unknown" if "gepubliceerd" in str(r["amount"]) else None),
            html.Td(r.get("note") or fmt.MISSING, className="wq28-note"),
            html.Td(r.get("source") or fmt.MISSING, className="fact-source"),
        ]
        body.append(html.Tr(cells, className="is-total" if r["is_total"] else None))
    caption = t("portfolio.wq28.caption", lang)
    table = html.Table([html.Caption(caption), head, html.Tbody(body)], id="portfolio-wq28-table",
                       className="data-table wq28-table")
    return html.Div(table, className="table-scroll", tabIndex="0", role="region",
                    **{"aria-label": t("table.scroll", lang, caption=caption)})


def wq28_municipality_table(rows: list[dict], province: str, data: dict, lang: str):
    themes = {th["code"]: _label(th, lang) for th in data["vocab"]["themes"]}
    provinces = {p["nis_code"]: _area_name(p, lang) for p in data["vocab"]["provinces"]}
    display = [{**r, "scope_label": t_or(f"portfolio.scope.{r['scope']}", lang, r["scope"]),
                "theme_labels": ", ".join(themes.get(c, c) for c in (r.get("themes") or "").split(";") if c),
                "province_label": provinces.get(r["province_nis"], r.get("province_name")),
                "amount_label": _dutch_unknown(r.get("amount_awarded_text"), lang)} for r in rows]
    columns = [
        {"key": "municipality_name", "kind": "text", "label": t("portfolio.wq28.col.municipality", lang),
         "sub_key": "province_label" if province == ALL_PROVINCES else None},
        {"key": "nis_code", "kind": "code", "label": t("portfolio.wq28.col.nis", lang)},
        {"key": "project_name", "kind": "text", "label": t("portfolio.col.name", lang)},
        {"key": "scope_label", "kind": "text", "label": t("portfolio.wq28.col.scope", lang), "sub_key": "area_label"},
        {"key": "theme_labels", "kind": "text", "label": t("portfolio.col.themes", lang)},
        {"key": "lead_org", "kind": "text", "label": t("portfolio.col.lead", lang)},
        {"key": "amount_label", "kind": "text", "label": t("portfolio.wq28.col.amount", lang)},
        {"key": "placement_notes", "kind": "text", "label": t("portfolio.wq28.col.placement", lang)},
    ]
    area = t("portfolio.wq28.all", lang) if province == ALL_PROVINCES else provinces.get(province, province)
    caption = t("portfolio.wq28.mun_caption", lang, area=area, n=fmt.integer(len(rows), lang))
    if not rows:
        return empty(caption)
    return plain_table("portfolio-wq28-mun-table", columns, display, lang, caption)


class _ReaderConnection:
    """What `etl.exports.wq28_workbook` needs of a connection (`execute(...).df()` / `.fetchone()`),
    on top of the dashboard's read-only reader."""

    def __init__(self, reader):
        self._reader = reader

    def execute(self, sql: str, params=None):
        return _Result(self._reader.query(sql, params))


class _Result:
    def __init__(self, df):
        self._df = df

    def df(self):
        return self._df

    def fetchone(self):
        return None if self._df.empty else tuple(self._df.iloc[0])


def wq28_bytes(province_nis: str | None) -> bytes | None:
    """The formatted answer workbook (sheets Per provincie, Per gemeente, Bronnen)."""
    from etl.exports import wq28_workbook

    try:
        with db.reader() as r:
            wb = wq28_workbook(_ReaderConnection(r), province_nis)
    except db.WarehouseError:
        return None
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
