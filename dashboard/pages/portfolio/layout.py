"""The portfolio's layout: the frame (`build`, no data read: the setup callback fills the options and
the URL's choices) and the sections the callbacks fill from one build (programmes with their facts,
the projects table, the written-question tables)."""
from __future__ import annotations

from dash import dcc, html

from dashboard import formatting as fmt
from dashboard.i18n import localised, t
from dashboard.pages.portfolio import view
from dashboard.pages.portfolio.view import ALL_PROVINCES, FILTER_LABEL, FILTERS
from dashboard.ui import presenting, sources, vintages
from dashboard.ui.components import dropdown, empty, scroll_box, section, sortable_table

# Rows per page of the long tables: the browser renders only these (the exports have every row).
PAGE_ROWS = 10


def build(initial: dict, lang: str) -> html.Div:
    """The page for the URL's choices `initial` (filters and `wq28`, already validated). The boxes the
    callbacks fill are plain Divs dimmed while loading (`loading-box`), not dcc.Loading: inside one, every
    component the browser mounts costs more (issue 14, benchmarks/browser.py)."""
    toc = html.Nav(html.Ul([
        html.Li(html.A(t("portfolio.programmes", lang), href="#portfolio-programmes")),
        html.Li(html.A(t("portfolio.projects", lang), href="#portfolio-projects")),
        html.Li(html.A(t("portfolio.wq28", lang), href="#portfolio-wq28")),
    ]), className="toc", **{"aria-label": t("portfolio.toc", lang)})
    filters = html.Div([
        _filter(name, lang) for name in FILTERS
    ] + [html.Div([
        html.Button(t("portfolio.f.reset", lang), id="portfolio-reset", type="button", className="button button-secondary"),
        html.Button(t("download.csv", lang), id="portfolio-csv", type="button", className="button"),
        html.Button(t("download.xlsx", lang), id="portfolio-xlsx", type="button", className="button"),
    ], className="control-buttons")], className="controls portfolio-controls", role="group",
        **{"aria-label": t("portfolio.filters", lang)})
    projects = html.Section([
        html.H2(t("portfolio.projects", lang), id="portfolio-projects-heading"),
        presenting.method(html.P(t("portfolio.projects.intro", lang), className="section-intro"),
                          "portfolio-projects-method", lang),
        filters,
        html.P(id="portfolio-count", className="portfolio-count", **{"aria-live": "polite"}),
        html.Div(id="portfolio-projects-box", className="loading-box"),
    ], id="portfolio-projects", className="card", **{"aria-labelledby": "portfolio-projects-heading"})
    wq28 = html.Section([
        html.H2(t("portfolio.wq28", lang), id="portfolio-wq28-heading"),
        html.P(t("portfolio.wq28.intro", lang), className="section-intro"),
        html.Div(id="portfolio-wq28-summary", className="loading-box"),
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
        html.Div(id="portfolio-wq28-municipalities", className="loading-box"),
    ], id="portfolio-wq28", className="card", **{"aria-labelledby": "portfolio-wq28-heading"})
    return html.Div([
        html.H1(t("portfolio.title", lang)),
        html.P(t("portfolio.intro", lang), className="lead"),
        toc,
        vintages.placeholder("portfolio"),
        dcc.Store(id="portfolio-lang", data=lang),
        dcc.Store(id="portfolio-initial", data=initial),
        dcc.Download(id="portfolio-download"),
        dcc.Download(id="portfolio-download-wq28"),
        html.Div(id="portfolio-notice"),
        html.Div(id="portfolio-programmes-box", className="loading-box"),
        projects,
        presenting.main(wq28),  # what a presenter shows: the answer to written question 28
    ], id="portfolio-page", className="page portfolio")


def _filter(name: str, lang: str) -> html.Div:
    return html.Div([
        html.Label(t(FILTER_LABEL[name], lang), htmlFor=f"portfolio-{name}"),
        dropdown(lang, id=f"portfolio-{name}", options=[], value=None, clearable=True, searchable=True,
                 placeholder=t("portfolio.f.all", lang)),
    ], className="control")


# ----------------------------------------------------------------------------- programmes

def _disagree_badge(lang: str) -> html.Span:
    return html.Span(t("portfolio.disagree", lang), className="badge badge-disagree")


FACTS_FOLD = "portfolio-facts-fold"  # the pattern id type of the per-programme folds (callbacks.py opens them)


def _places(rows: list[dict], lang: str) -> str | list:
    """Where each fact stands, by the document's short name and the place in it ("de gids 2026, p. 97"):
    the full title, publisher and address are given once, under the table (`_table_sources`). A heading
    quoted from the document ('Waarom deze gids?') is marked Dutch on an English page."""
    cited = []
    for row in rows:
        place = sources.source_parts(row.get("source_doc"), row.get("source_ref"), {}, lang)["place"]
        cited.append(", ".join(x for x in (view.source_name(row.get("source_doc"), lang), place) if x))
    return sources.quotes_marked("\n".join(dict.fromkeys(cited)), lang)


def _table_sources(groups: list[dict], words: dict, lang: str) -> html.P:
    """The documents a facts table cites, each once, by title, publisher and address."""
    codes = list(dict.fromkeys(row.get("source_doc") for g in groups for row in g["rows"] if row.get("source_doc")))
    cells: list = [html.Strong(f"{t('portfolio.facts.sources', lang)}: ")]
    for i, code in enumerate(codes):
        cells += (["; "] if i else []) + [f"{view.source_name(code, lang)}: "] + sources.source_cell(code, None, words, lang)
    return html.P(cells, className="facts-sources")


def _fact_row(group: dict, lang: str, words: dict) -> html.Tr:
    """One fact, in few components (text joined, one source per line): every component on the page is
    revisited by Dash's renderer on each update, so a table of many small ones blocks the browser."""
    rows = group["rows"]
    if group["disagrees"]:
        pieces = [t("portfolio.according_to", lang, value=view.fact_value(row, lang),
                    source=view.source_name(row["source_doc"], lang)) for row in rows]
        value = html.Td([_disagree_badge(lang), " ", " · ".join(pieces)], className="fact-disagree")
    else:
        value = html.Td(" · ".join(view.fact_value(row, lang) for row in rows))
    refs = html.Td(_places(rows, lang), title=sources.source_tooltip([row.get("source_ref") for row in rows], lang),
                   className="fact-source fact-lines")
    notes = "\n".join(sources.note_text(localised(row, "note", lang), words, lang) for row in rows if row.get("note"))
    return html.Tr([html.Th(view.fact_label(group, lang), scope="row"), value, refs,
                    html.Td(notes or fmt.MISSING, className="fact-notes fact-lines")],
                   className="is-disagree" if group["disagrees"] else None)


def programmes(data: dict, lang: str) -> html.Section:
    """Every programme with its facts, disagreeing sources side by side. The facts of a programme are
    a fold (closed at first, opened on screens wider than 640 px by callbacks.py): on a phone the
    programmes' tables would push the projects and question 28 thousands of pixels down."""
    groups = view.fact_groups(data["facts"])
    words = data.get("words") or {}
    blocks = []
    for p in data["programmes"]:
        programme_id = p["programme_id"]
        name = localised(p, "name", lang)
        mine = [g for g in groups if g["programme_id"] == programme_id]
        head = html.Thead(html.Tr([html.Th(t(f"portfolio.col.{c}", lang), scope="col")
                                   for c in ("fact", "value", "source", "note")]))
        caption = t("portfolio.facts.caption", lang, name=name)
        table = html.Table([html.Caption(caption), head, html.Tbody([_fact_row(g, lang, words) for g in mine])],
                           className="data-table facts-table", id=f"portfolio-facts-{programme_id}")
        title = [name]
        if any(g["disagrees"] for g in mine):
            title += [" ", _disagree_badge(lang)]
        blocks.append(html.Div([
            html.H3(title, id=f"portfolio-programme-{programme_id}"),
            html.P(localised(p, "description", lang) or "", className="programme-description"),
            html.Dl([
                html.Div([html.Dt(t("portfolio.owner", lang)), html.Dd(localised(p, "owner", lang) or fmt.MISSING)]),
                html.Div([html.Dt(t("portfolio.period", lang)), html.Dd(view.period_text(p, lang))]),
            ], className="kv"),
            html.Details([
                html.Summary(t("portfolio.facts.show", lang, n=fmt.integer(len(mine), lang))),
                scroll_box(table, caption, lang),
                _table_sources(mine, words, lang),
            ], id={"type": FACTS_FOLD, "programme": programme_id}, className="details programme-facts", open=False),
        ], className="programme"))
    return section("portfolio-programmes", t("portfolio.programmes", lang), *blocks,
                   intro=t("portfolio.programmes.intro", lang))


# ------------------------------------------------------------------------------- projects

def projects_table(rows: list[dict], data: dict, chosen: dict, lang: str):
    display = view.project_rows(rows, data, lang)
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
    caption = t("portfolio.projects.caption", lang, filters=view.filters_text(chosen, data, lang))
    return sortable_table("portfolio-projects-table", columns, display, lang, caption, page_size=PAGE_ROWS)


# ----------------------------------------------------------------------------------- wq28

def _unknown_cell(text) -> html.Td:
    return html.Td(text or fmt.MISSING, className="unknown" if view.is_unpublished(text) else None)


ROW_EXPORT = "portfolio-wq28-row-xlsx"  # the pattern id type of the per-province workbook buttons


def _row_export(province_code: str, label: str, lang: str) -> html.Button:
    """The workbook for one province in one click from the table (issue 14: at most 3 clicks from the
    home page). It sits under the province's name, in the column that stays on screen on a phone; its
    text names the province too (hidden to the eye), so a screen reader's list of buttons tells them apart."""
    return html.Button(["Excel", html.Span(f" {label}", className="visually-hidden")], type="button",
                       id={"type": ROW_EXPORT, "province": province_code}, className="wq28-row-export",
                       title=t("portfolio.wq28.row_export_title", lang, province=label))


def wq28_summary(rows: list[dict], lang: str, notes_open: bool = True):
    """The answer to written question 28 per province, with the total: the counts first (on a phone the
    province and the networks awarded are what shows without scrolling), the figures no source
    publishes after them; under each province's name its workbook; the long note and source of each row go below the
    table, so rows stay one line high (folded in presentation mode: `notes_open` False)."""
    columns = ("province", "awarded", "located", "applications", "requested", "amount")
    head = html.Thead(html.Tr([html.Th(t(f"portfolio.wq28.col.{c}", lang), scope="col",
                                       className="num" if c in ("awarded", "located") else None)
                               for c in columns]))
    body, notes = [], []
    words = sources.build_words()
    for r in view.wq28_summary_rows(rows, lang):
        awarded = r["awarded"]
        if isinstance(awarded, str) and " / " in awarded:  # the sources give two numbers
            awarded = [_disagree_badge(lang), html.Br(), awarded]
        cells = [
            html.Th([r["province_label"], html.Br(),
                     _row_export(r["province_nis"] if not r["is_total"] else ALL_PROVINCES, r["province_label"], lang)],
                    scope="row"),
            html.Td(awarded or fmt.MISSING, className="num"),
            html.Td(fmt.integer(r.get("projects_located_2025"), lang), className="num"),
            _unknown_cell(r["applications"]),
            _unknown_cell(r["requested"]),
            _unknown_cell(r["amount"]),
        ]
        body.append(html.Tr(cells, className="is-total" if r["is_total"] else None))
        cited = sources.cited_cell(r.get("source_cited"), words, lang) or r.get("source")
        notes.append(html.Li([
            html.Strong(r["province_label"]), ": ", r.get("note") or fmt.MISSING,
            *([html.Br(), html.Span(f"{t('portfolio.wq28.col.source', lang)}: ", className="wq28-source-label"),
               html.Span(cited, className="fact-source fact-lines")] if cited else []),
        ]))
    caption = t("portfolio.wq28.caption", lang)
    table = html.Table([html.Caption(caption), head, html.Tbody(body)], id="portfolio-wq28-table",
                       className="data-table wq28-table")
    return html.Div([
        scroll_box(table, caption, lang),
        html.Details([html.Summary(t("portfolio.wq28.notes", lang), id="portfolio-wq28-notes-toggle"),
                      html.Ul(notes, className="wq28-notes")],
                     id="portfolio-wq28-notes", className="details wq28-notes-box", open=notes_open),
    ])


def wq28_municipality_table(rows: list[dict], province: str, data: dict, lang: str):
    """The awarded networks per municipality of one province (or of all)."""
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
    caption = t("portfolio.wq28.mun_caption", lang, area=view.wq28_area(province, data, lang),
                n=fmt.integer(len(rows), lang))
    if not rows:
        return empty(caption)
    return sortable_table("portfolio-wq28-mun-table", columns, view.wq28_municipality_rows(rows, data, lang), lang,
                          caption, page_size=PAGE_ROWS)
