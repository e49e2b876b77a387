"""Municipality profile (`/gemeente?nis=46029&lang=nl|en`): every indicator's trend against the
province, the region and the peer group; the latest value with its ranks and the change since the
first year; flags on every value; merger status; the networks active there; print, CSV and Excel.

The layout only builds the frame (it never reads the warehouse); `_fill` reads everything from one
build (about ten parameterised queries, no query per municipality). Choosing another municipality
writes `?nis=` into the address bar (the shell's `app-url`, so the language switch follows) without
reloading the page.
"""
from __future__ import annotations

import html as html_lib

import dash
import pandas as pd
from dash import MATCH, Input, Output, State, callback, clientside_callback, ctx, dcc, html, no_update

from dashboard import db, peers
from dashboard.ui import downloads
from dashboard import formatting as fmt
from dashboard.queries import profile as qp
from dashboard.queries.project import project_href
from dashboard.ui.components import dropdown, safe_href, scroll_box, section, warehouse_notice
from dashboard.i18n import normalise_lang, t, t_or
from dashboard.profile_data import area_label, indicator_rows, load
from dashboard.queries import FLAGS
from dashboard.urls import page_href, with_query

dash.register_page(
    __name__, path="/gemeente", name="Gemeenteprofiel", title="Gemeenteprofiel – Kinderarmoedemonitor",
    order=30, nav_key="nav.profile",
    description="Profiel van een gemeente: indicatoren, rangen, vergelijking met provincie, gewest en "
                "gelijkaardige gemeenten, en de netwerken tegen kinderarmoede.",
)

COLOURS = {"own": "#0b4f8a", "province": "#a34700", "region": "#4a4a4a", "peers": "#00795a"}
DASHES = {"own": "solid", "province": "dash", "region": "dot", "peers": "dashdot"}
SERIES = ("own", "province", "region", "peers")


def layout(nis=None, lang=None, **_query):
    lang = normalise_lang(lang)
    raw = nis if isinstance(nis, str) else (nis[-1] if isinstance(nis, (list, tuple)) and nis else None)
    return html.Div([
        html.P(t("profile.eyebrow", lang), className="eyebrow no-print-hide"),
        html.H1(t("profile.title", lang), id="profile-title"),
        html.P(t("profile.intro", lang), className="lead"),
        html.Div([
            html.Div([
                html.Label(t("profile.choose", lang), htmlFor="profile-nis", id="profile-nis-label"),
                dropdown(lang, id="profile-nis", options=[], value=None, clearable=False, searchable=True,
                               placeholder=t("profile.choose_placeholder", lang),
                               className="profile-dropdown"),
            ], className="control control-wide"),
            html.Div([
                html.Button(t("profile.print", lang), id="profile-print", type="button", className="button"),
                html.Button(t("download.csv", lang), id="profile-csv", type="button", className="button"),
                html.Button(t("download.xlsx", lang), id="profile-xlsx", type="button", className="button"),
            ], className="control-buttons", role="group", **{"aria-label": t("profile.actions", lang)}),
        ], className="controls no-print"),
        dcc.Store(id="profile-lang", data=lang),
        dcc.Store(id="profile-raw-nis", data=raw),
        dcc.Download(id="profile-download-csv"),
        dcc.Download(id="profile-download-xlsx"),
        html.Div(id="profile-print-done", hidden=True),
        dcc.Loading(html.Div(id="profile-content", **{"aria-live": "polite"}), delay_show=300),
    ], id="profile-page", className="page profile")


# ------------------------------------------------------------------------------ callbacks

@callback(Output("profile-nis", "options"), Output("profile-nis", "value"),
          Input("profile-lang", "data"), State("profile-raw-nis", "data"))
def _options(lang, raw):
    """The 304 municipalities and the URL's choice, set together: the dropdown mounts without a value,
    because a Dash 4 dropdown that mounts with a value its still empty options lack resets it to None,
    sometimes after this answer has landed."""
    try:
        with db.reader() as r:
            muns = qp.per_build(r, qp.municipalities)
    except db.WarehouseError:
        return [], no_update
    code = qp.valid_nis(raw)
    return municipality_options(muns), code if code in set(muns["nis_code"]) else None


def municipality_options(muns: pd.DataFrame) -> list[dict]:
    out = []
    for row in muns.itertuples():
        label = f"{row.name_nl} ({row.province_name})" if row.province_nis != "04000" else f"{row.name_nl} (Brussel)"
        search = " ".join(str(x) for x in (row.name_nl, row.name_fr, row.nis_code) if isinstance(x, str))
        out.append({"label": label, "value": row.nis_code, "search": search})
    return out


@callback(Output("profile-content", "children"), Output("profile-title", "children"),
          Input("profile-nis", "value"), Input("profile-lang", "data"), State("profile-raw-nis", "data"))
def _fill(nis, lang, raw):
    lang = normalise_lang(lang)
    return render(nis or raw, lang)


@callback(Output("app-url", "search", allow_duplicate=True),
          Input("profile-nis", "value"), State("app-url", "search"), prevent_initial_call=True)
def _sync_url(nis, search):
    if not nis:
        return no_update
    new = with_query("", search, nis=nis)
    return new if new != (search or "") else no_update


clientside_callback(
    """function(n) { if (n) { window.print(); } return window.dash_clientside.no_update; }""",
    Output("profile-print-done", "children"), Input("profile-print", "n_clicks"), prevent_initial_call=True,
)


@callback(Output("profile-download-csv", "data"), Input("profile-csv", "n_clicks"),
          State("profile-nis", "value"), State("profile-lang", "data"), prevent_initial_call=True)
def _download_csv(_n, nis, lang):
    made = export(nis, normalise_lang(lang))
    if made is None:
        return no_update
    name, sheets = made
    return dcc.send_bytes(downloads.csv_bytes(sheets[1].columns, sheets[1].rows),
                          downloads.file_name("profiel", name, ext="csv"), type=downloads.CSV_MIME)


@callback(Output("profile-download-xlsx", "data"), Input("profile-xlsx", "n_clicks"),
          State("profile-nis", "value"), State("profile-lang", "data"), prevent_initial_call=True)
def _download_xlsx(_n, nis, lang):
    made = export(nis, normalise_lang(lang))
    if made is None:
        return no_update
    name, sheets = made
    return dcc.send_bytes(downloads.workbook_bytes(sheets), downloads.file_name("profiel", name, ext="xlsx"),
                          type=downloads.XLSX_MIME)


# ------------------------------------------------------------------------------- data

# ----------------------------------------------------------------------------- render

def render(nis, lang: str):
    """(content, title) for a `nis` from the URL or the dropdown."""
    code = qp.valid_nis(nis)
    if nis in (None, "") or (isinstance(nis, (list, tuple)) and not nis):
        return _notice("profile.none.title", "profile.none.body", lang, "profile-none"), t("profile.title", lang)
    try:
        data = load(code) if code else {"status": "unknown", "nis": str(nis), "successor": None}
    except db.WarehouseError as exc:
        return warehouse_notice(exc, lang), t("profile.title", lang)
    if data["status"] == "unknown":
        body = [html.H2(t("profile.unknown.title", lang)),
                html.P(t("profile.unknown.body", lang, nis=str(nis)[:40]))]
        succ = data.get("successor")
        if succ:
            body.append(html.P([t("profile.unknown.successor", lang, old=succ["old_name"] or data["nis"],
                                  new=succ["to_name"]), " ",
                                dcc.Link(t("profile.open", lang, name=succ["to_name"]),
                                         href=with_query(page_href("/gemeente", lang), None, nis=succ["to_nis"],
                                                         lang="en" if lang == "en" else None))]))
        return html.Div(body, className="notice notice-warning", role="alert", id="profile-unknown"), \
            t("profile.title", lang)
    rows = indicator_rows(data, lang)
    mun = data["mun"]
    return [
        _identity(data, lang),
        _summary(data, rows, lang),
        _trends(data, rows, lang),
        _interventions(data, lang),
        _legend(lang),
    ], mun["name_nl"]


def _notice(title_key, body_key, lang, element_id):
    return html.Div([html.H2(t(title_key, lang)), html.P(t(body_key, lang))], className="notice", id=element_id,
                    role="status")


def flag_badge(flag, note, names, lang, show_original=False):
    if not isinstance(flag, str) or (flag == "original" and not show_original):
        return None
    label = t_or(f"flag.{flag}", lang, flag)
    explained = qp.note_with_names(note, names) or t_or(f"flag.{flag}.help", lang, "")
    return html.Span(label, className=f"flag flag-{flag}", title=explained)


def _value_cell(row: dict, unit, kind, names, lang, notes: list | None = None):
    """Value and flag badge; with `notes` (a list collecting the table's footnotes) the badge gets
    the number of its note, listed under the table, so the explanation is printed too."""
    if row is None:
        return fmt.MISSING
    parts = [html.Span(qp.value_text(row.get("value"), unit, kind, lang), className="value")]
    badge = flag_badge(row.get("flag"), row.get("note"), names, lang)
    if badge is not None:
        note = qp.note_with_names(row.get("note"), names)
        if notes is not None and note:
            if note not in notes:
                notes.append(note)
            number = notes.index(note) + 1
            badge.children = [badge.children, html.Sup(str(number), className="footnote-ref")]
        parts.append(badge)
    return parts


def peers_sentence(data: dict, lang: str) -> str:
    variables = []
    names = {row["indicator_id"]: qp.indicator_name(row, lang) for row in data["indicators"].to_dict("records")}
    for v in data["model"].variables:
        name = names.get(v["indicator_id"], v["indicator_id"])
        if v["transform"] == "log10":
            name = t("peers.log", lang, name=name)
        variables.append(f"{name} ({v['year']})")
    return t("peers.method", lang, k=peers.K, variables="; ".join(variables))


def _identity(data: dict, lang: str):
    mun, nis = data["mun"], data["nis"]
    province = area_label(data, mun["province_nis"], lang)
    region = area_label(data, mun["region_nis"], lang)
    facts = [html.Div([html.Dt(t("profile.nis", lang)), html.Dd(nis)], className="fact"),
             html.Div([html.Dt(t("profile.province", lang)),
                       html.Dd(province if mun["province_nis"] != mun["region_nis"] else t("profile.no_province", lang))],
                      className="fact"),
             html.Div([html.Dt(t("profile.region", lang)), html.Dd(region)], className="fact")]
    if isinstance(mun.get("name_fr"), str) and mun["name_fr"] and mun["name_fr"] != mun["name_nl"]:
        facts.append(html.Div([html.Dt(t("profile.name_fr", lang)), html.Dd(mun["name_fr"], lang="fr")],
                              className="fact"))
    children = [html.Dl(facts, className="facts")]
    preds = data["predecessors"]
    for vintage, group in preds.groupby("from_vintage", sort=False):
        names = ", ".join(f"{r.name_nl} ({r.from_nis})" for r in group.itertuples())
        key = "profile.merger_2025" if int(group["to_vintage"].iloc[0]) == 2025 else "profile.merger_2019"
        children.append(html.P([html.Strong(t(f"{key}.title", lang) + " "),
                                t(f"{key}.body", lang, names=names)], className="merger", id=f"profile-merger-{vintage}"))
    peer_links = [dcc.Link(data["mun_names"].get(c, c), href=with_query(page_href("/gemeente", lang), None, nis=c,
                                                                         lang="en" if lang == "en" else None))
                  for c in data["peers"]]
    joined = []
    for i, link in enumerate(peer_links):
        joined += ([", "] if i else []) + [link]
    compare_href = with_query(page_href("/vergelijk", lang), None, nis=nis, group="peers",
                              lang="en" if lang == "en" else None)
    children.append(html.Div([
        html.H3(t("profile.peers", lang), id="profile-peers-heading"),
        html.P(joined or t("profile.peers_none", lang), id="profile-peers"),
        html.P(peers_sentence(data, lang), className="section-intro method", id="profile-peers-method"),
        html.P(dcc.Link(t("profile.compare_peers", lang), href=compare_href), className="no-print"),
    ]))
    return section("profile-identity", t("profile.identity", lang), *children)


def _summary(data: dict, rows: list[dict], lang: str):
    names = data["names"]
    mun = data["mun"]
    brussels = mun["province_nis"] == mun["region_nis"]
    head = [t("profile.col.indicator", lang), t("col.year", lang), t("profile.col.value", lang),
            t("profile.col.rank", lang, n=data["n_municipalities"]),
            t("profile.col.rank_brussels" if brussels else "profile.col.rank_province", lang),
            t("profile.col.change", lang)]
    if not brussels:
        head.append(t("profile.col.province", lang))
    head += [t("profile.col.region", lang), t("profile.col.peers", lang)]
    body, notes = [], []
    for row in rows:
        unit, kind = row["unit"], row["kind"]
        sub = f"{row['unit']} · " + (t("profile.rank_count", lang) if kind == "count"
                                       else t(f"profile.rank_{row['direction']}", lang))
        cells = [html.Th([html.Span(row["name"]), html.Span(sub, className="sub")], scope="row"),
                 html.Td(str(row["year"]), className="num"),
                 html.Td(_value_cell(row["latest"], unit, kind, names, lang, notes), className="num")]
        cells.append(html.Td(_rank_text(row["rank"], row["n_rank"], lang), className="num"))
        cells.append(html.Td(_rank_text(row["prank"], row["n_prank"], lang), className="num"))
        first, end = row["first"], row["end"]
        if first and end and first["year"] != end["year"]:
            absolute, relative = qp.change_text(first["value"], end["value"], unit, kind, lang)
            change = [html.Span(absolute), html.Span(t("profile.change_since", lang, start=int(first["year"]),
                                                       end=int(end["year"]), rel=relative), className="sub")]
        else:
            change = fmt.MISSING
        cells.append(html.Td(change, className="num"))
        keys = ["region", "peers"] if brussels else ["province", "region", "peers"]
        for key in keys:
            b = row["bench"].get(key)
            if b is not None and (key == "peers" or b.get("flag") == "recomputed_2025"):
                b = {"value": b["value"], "flag": None}
            cells.append(html.Td(_value_cell(b, unit, kind, names, lang, notes) if b else fmt.MISSING, className="num"))
        body.append(html.Tr(cells))
    caption = t("profile.summary.caption", lang, name=mun["name_nl"])
    table = html.Table([html.Caption(caption),
                        html.Thead(html.Tr([html.Th(h, scope="col", className="num" if i else "")
                                            for i, h in enumerate(head)])),
                        html.Tbody(body)], id="profile-summary-table", className="data-table profile-summary")
    footnotes = html.Ol([html.Li(n) for n in notes], className="footnotes", id="profile-summary-notes",
                        **{"aria-label": t("profile.notes", lang)})
    return section("profile-summary", t("profile.summary", lang), scroll_box(table, caption, lang), footnotes,
                   intro=t("profile.summary.intro", lang))


def _rank_text(rank, n, lang):
    if rank is None:
        return fmt.MISSING
    return t("profile.rank_of", lang, rank=fmt.integer(rank, lang), n=fmt.integer(n, lang))


def series_label(data: dict, key: str, lang: str) -> str:
    mun = data["mun"]
    if key == "own":
        return mun["name_nl"]
    if key == "province":
        return area_label(data, mun["province_nis"], lang)
    if key == "region":
        return area_label(data, mun["region_nis"], lang)
    return t("profile.peer_group", lang, k=len(data["peers"]))


def _esc(text) -> str:
    """Plotly renders a small HTML subset in hover texts: escape text that comes from the data."""
    return html_lib.escape(str(text or ""), quote=False)


def figure(data: dict, row: dict, lang: str) -> dict:
    """A plain figure dict (no plotly validation: fast)."""
    traces = []
    for key in SERIES:
        s = row["series"].get(key)
        if not s:
            continue
        years = [int(rec["year"]) for rec in s]
        vals = [None if fmt.is_missing(rec["value"]) else float(rec["value"]) for rec in s]
        texts = [qp.value_text(v, row["unit"], row["kind"], lang) for v in vals]
        if key == "peers":
            extra = [t("profile.peer_n", lang, n=int(rec["n"])) for rec in s]
            symbols = ["circle"] * len(years)
        else:
            extra = [_flag_words(rec.get("flag"), rec.get("note"), data["names"], lang) for rec in s]
            symbols = [FLAG_SYMBOLS.get(rec.get("flag"), "x") for rec in s]
        traces.append({
            "type": "scatter", "mode": "lines+markers", "x": years, "y": vals, "name": _esc(series_label(data, key, lang)),
            "line": {"color": COLOURS[key], "dash": DASHES[key], "width": 3 if key == "own" else 2},
            "marker": {"symbol": symbols, "size": 7 if key == "own" else 5, "color": COLOURS[key]},
            "customdata": [[_esc(a), _esc(b)] for a, b in zip(texts, extra)],
            "hovertemplate": "%{customdata[0]} %{customdata[1]}<extra>" + _esc(series_label(data, key, lang)) + "</extra>",
            "connectgaps": False,
        })
    return {"data": traces, "layout": {
        "height": 230, "margin": {"l": 60, "r": 10, "t": 10, "b": 30}, "showlegend": False,
        "separators": ",." if lang == "nl" else ".,", "hovermode": "x unified",
        "paper_bgcolor": "#ffffff", "plot_bgcolor": "#ffffff",
        "font": {"family": "system-ui, Arial, sans-serif", "size": 12, "color": "#1a1a1a"},
        "xaxis": {"tickformat": "d", "gridcolor": "#e5e8ec", "fixedrange": True},
        "yaxis": {"gridcolor": "#e5e8ec", "fixedrange": True, "rangemode": "tozero" if row["kind"] == "count" else "normal",
                  "ticksuffix": "\u00a0%" if row["unit"] == "%" and lang == "nl" else "%" if row["unit"] == "%" else "",
                  "tickprefix": "€\u00a0" if row["unit"] == "euro" else ""},
    }}


FLAG_SYMBOLS = {"original": "circle", "recomputed_2025": "circle-open", "estimated": "circle-open"}


def _flag_words(flag, note, names, lang) -> str:
    if not isinstance(flag, str) or flag == "original":
        return ""
    note = qp.note_with_names(note, names)
    return t_or(f"flag.{flag}", lang, flag) + (f": {note}" if note else "")


GRAPH_CONFIG = {"displaylogo": False, "responsive": True, "modeBarButtons": [["toImage"]],
                "toImageButtonOptions": {"format": "png", "scale": 2}}


def chart_table(data: dict, row: dict, lang: str):
    """The table alternative of one indicator's chart: every year of every series."""
    keys = [k for k in SERIES if row["series"].get(k)]
    by_year: dict[int, dict] = {}
    for key in keys:
        for rec in row["series"][key]:
            by_year.setdefault(int(rec["year"]), {})[key] = rec
    head = html.Thead(html.Tr([html.Th(t("col.year", lang), scope="col")]
                              + [html.Th(series_label(data, k, lang), scope="col", className="num") for k in keys]))
    body = []
    for year in sorted(by_year):
        cells = [html.Th(str(year), scope="row")]
        for key in keys:
            rec = by_year[year].get(key)
            if rec is None:
                cells.append(html.Td(fmt.MISSING, className="num"))
                continue
            text = qp.value_text(rec.get("value"), row["unit"], row["kind"], lang)
            flag = rec.get("flag") if key != "peers" else None
            if isinstance(flag, str) and flag != "original":
                cells.append(html.Td(f"{text} · {t_or(f'flag.{flag}', lang, flag)}", className="num flagged",
                                     title=qp.note_with_names(rec.get("note"), data["names"])))
            else:
                cells.append(html.Td(text, className="num"))
        body.append(html.Tr(cells))
    caption = t("profile.chart_table", lang, name=row["name"])
    return scroll_box(html.Table([html.Caption(caption), head, html.Tbody(body)], className="data-table compact",
                                 id=f"profile-chart-table-{row['indicator_id']}"), caption, lang)


def _chart_table(row: dict, lang: str, index: int):
    """The table alternative, filled when first opened (`_fill_chart_table`): built for all
    indicators up front it was half of the profile's server time and size."""
    key = {"indicator": row["indicator_id"]}
    return html.Details([
        html.Summary(t("profile.show_table", lang), id=f"profile-chart-table-toggle-{index}"),
        html.Div(id={"type": "profile-chart-table-box", **key}),
    ], id={"type": "profile-chart-details", **key}, className="details chart-table")


@callback(Output({"type": "profile-chart-table-box", "indicator": MATCH}, "children"),
          Input({"type": "profile-chart-details", "indicator": MATCH}, "n_clicks"),
          State({"type": "profile-chart-table-box", "indicator": MATCH}, "children"),
          State("profile-nis", "value"), State("profile-lang", "data"), prevent_initial_call=True)
def _fill_chart_table(_clicks, filled, nis, lang):
    if filled:  # a click inside the open table
        return no_update
    lang = normalise_lang(lang)
    code = qp.valid_nis(nis)
    trigger = ctx.triggered_id
    try:
        data = load(code) if code else None
    except db.WarehouseError as exc:
        return warehouse_notice(exc, lang)
    if not data or data["status"] != "ok" or not isinstance(trigger, dict):
        return no_update
    row = next((r for r in indicator_rows(data, lang) if r["indicator_id"] == trigger["indicator"]), None)
    return chart_table(data, row, lang) if row else no_update


def _legend_items(data: dict, lang: str):
    items = []
    for key in SERIES:
        if key == "province" and data["mun"]["province_nis"] == data["mun"]["region_nis"]:
            continue
        items.append(html.Li([html.Span(className=f"swatch-line line-{key}", **{"aria-hidden": "true"}),
                              series_label(data, key, lang)]))
    return html.Ul(items, className="chart-legend", **{"aria-label": t("profile.legend", lang)})


def _trends(data: dict, rows: list[dict], lang: str):
    cards = []
    for i, row in enumerate(rows):
        heading_id = f"profile-chart-{row['indicator_id']}-heading"
        sub = row["unit"] + (" · " + t("profile.count_note", lang) if row["kind"] == "count" else "")
        cards.append(html.Figure([
            html.Figcaption([html.H3(row["name"], id=heading_id), html.Span(sub, className="sub")]),
            dcc.Graph(id=f"profile-graph-{row['indicator_id']}", figure=figure(data, row, lang), config=GRAPH_CONFIG,
                      className="chart", style={"height": "240px"}),
            _chart_table(row, lang, i),
        ], className="chart-card", **{"aria-labelledby": heading_id}))
    return section("profile-trends", t("profile.trends", lang), _legend_items(data, lang),
                   html.P(t("profile.markers", lang), className="section-intro"),
                   html.Div(cards, className="chart-grid"), intro=t("profile.trends.intro", lang))


SCOPE_KEYS = {"municipality": "scope.municipality", "part_of_municipality": "scope.part",
              "several_municipalities": "scope.several", "province": "scope.province"}


def website_href(site) -> str | None:
    if not isinstance(site, str) or not site.strip():
        return None
    site = site.strip()
    if "://" not in site:
        site = "https://" + site
    return safe_href(site)


def _interventions(data: dict, lang: str):
    inter = data["interventions"]
    title = t("profile.interventions", lang)
    if inter is None:
        return section("profile-interventions", title, html.P(t("profile.no_registers", lang), className="empty"))
    projects, partners, themes, facts = inter["projects"], inter["partners"], inter["themes"], inter["facts"]
    theme_label = {r.code: (r.label_en if lang == "en" and isinstance(r.label_en, str) else r.label_nl)
                   for r in themes.itertuples()}
    mun = data["mun"]
    items = []
    for project_id, group in projects.groupby("project_id", sort=False):
        p = group.iloc[0].to_dict()
        scope_texts = []
        for rec in group.to_dict("records"):
            scope = rec["scope"]
            if scope == "province":
                text = t("scope.brussels" if rec["location_nis"] == "04000" else "scope.province", lang,
                         area=area_label(data, rec["location_nis"], lang))
            else:
                text = t_or(SCOPE_KEYS.get(scope, ""), lang, str(scope))
            if isinstance(rec["area_label"], str) and rec["area_label"]:
                text += f": {rec['area_label']}"
            scope_texts.append(text)
        codes = [c.strip() for c in str(p["themes"] or "").split(";") if c.strip()]
        theme_text = ", ".join(theme_label.get(c, c) for c in codes) or fmt.MISSING
        programme = p["programme_en"] if lang == "en" and isinstance(p["programme_en"], str) else p["programme_nl"]
        rows = [html.Div([html.Dt(t("profile.programme", lang)), html.Dd(programme or fmt.MISSING)]),
                html.Div([html.Dt(t("profile.where", lang)), html.Dd("; ".join(dict.fromkeys(scope_texts)))]),
                html.Div([html.Dt(t("profile.themes", lang)), html.Dd(theme_text)])]
        if isinstance(p["lead_org"], str) and p["lead_org"]:
            rows.append(html.Div([html.Dt(t("profile.lead", lang)), html.Dd(p["lead_org"])]))
        sites = [(w.strip(), website_href(w)) for w in str(p["website"] or "").split(";") if w.strip()]
        if sites:
            links = []
            for i, (text, href) in enumerate(sites):
                links += ([", "] if i else []) + [html.A(text, href=href, rel="noopener noreferrer") if href else text]
            rows.append(html.Div([html.Dt(t("profile.website", lang)), html.Dd(links)]))
        mine = partners[partners["project_id"] == project_id]
        by_sector = []
        for sector, sgroup in mine.groupby("sector_nl", sort=True, dropna=False):
            label = sgroup["sector_en"].iloc[0] if lang == "en" and isinstance(sgroup["sector_en"].iloc[0], str) else sector
            names = [n + (f" ({t('profile.role_lead', lang)})" if role == "lead" else "")
                     for n, role in zip(sgroup["name"], sgroup["role"])]
            by_sector.append(html.Li([html.Span(f"{label if isinstance(label, str) else fmt.MISSING} ({len(names)}): ",
                                                className="sector"), ", ".join(names)]))
        partner_block = (html.Div([html.H4(t("profile.partners", lang, n=len(mine))), html.Ul(by_sector, className="sectors")])
                         if by_sector else html.P(t("profile.partners_none", lang), className="empty"))
        heading = html.H3(dcc.Link(p["name"], href=project_href(project_id, lang)))
        items.append(html.Article([heading, html.Dl(rows, className="kv"), partner_block],
                                  className="network", id=f"profile-network-{project_id}"))
    fact_lines = []
    for f in facts.to_dict("records"):
        programme = f["programme_en"] if lang == "en" and isinstance(f["programme_en"], str) else f["programme_nl"]
        fact_lines.append(html.Li(t("profile.fact.teams_by_province", lang, programme=programme, n=f["value"],
                                    area=area_label(data, mun["province_nis"], lang))))
    children = []
    if items:
        children.append(html.P(t("profile.networks_n", lang, n=len(items)), className="section-intro"))
        children.append(html.Div(items, className="networks"))
    else:
        children.append(html.P(t("profile.networks_none", lang), className="empty", id="profile-networks-none"))
    if fact_lines:
        children.append(html.H3(t("profile.other_interventions", lang)))
        children.append(html.Ul(fact_lines, id="profile-facts"))
    return section("profile-interventions", title, *children)


def _legend(lang: str):
    return section("profile-flags", t("status.legend", lang), html.Dl(
        [item for f in FLAGS for item in (html.Dt(html.Span(t(f"flag.{f}", lang), className=f"flag flag-{f}")),
                                          html.Dd(t(f"flag.{f}.help", lang)))], className="legend"),
        html.P(t("profile.sources", lang), className="section-intro"))


# ----------------------------------------------------------------------------- export

def export(nis, lang: str):
    """(municipality name, [summary sheet, series sheet, networks sheet, notes sheet]) or None."""
    code = qp.valid_nis(nis)
    if not code:
        return None
    try:
        data = load(code)
    except db.WarehouseError:
        return None
    if data["status"] != "ok":
        return None
    rows = indicator_rows(data, lang)
    mun, names = data["mun"], data["names"]
    C = downloads.Column

    def flag_words(flag):
        return t_or(f"flag.{flag}", lang, str(flag)) if isinstance(flag, str) else ""

    summary_rows, series_rows = [], []
    for row in rows:
        latest, first, end = row["latest"], row["first"], row["end"]
        change = (end["value"] - first["value"]) if first and end and first["year"] != end["year"] else None
        summary_rows.append({
            "indicator": row["name"], "unit": row["unit"], "year": row["year"], "value": latest.get("value"),
            "flag": flag_words(latest.get("flag")), "note": qp.note_with_names(latest.get("note"), names),
            "rank": row["rank"], "n_rank": row["n_rank"], "prank": row["prank"], "n_prank": row["n_prank"],
            "rank_meaning": t("profile.rank_count", lang) if row["kind"] == "count" else t(f"profile.rank_{row['direction']}", lang),
            "first_year": first["year"] if first else None, "first_value": first["value"] if first else None,
            "change": change,
            "change_rel": (change / first["value"] * 100) if change is not None and first["value"] else None,
            "province": (row["bench"].get("province") or {}).get("value"),
            "region": (row["bench"].get("region") or {}).get("value"),
            "peers": (row["bench"].get("peers") or {}).get("value"),
        })
        for key in SERIES:
            for rec in row["series"].get(key) or []:
                series_rows.append({
                    "area": series_label(data, key, lang), "indicator": row["name"], "unit": row["unit"],
                    "year": int(rec["year"]), "value": rec["value"],
                    "flag": flag_words(rec.get("flag")) if key != "peers" else t("profile.peer_n", lang, n=int(rec["n"])),
                    "note": qp.note_with_names(rec.get("note"), names) if key != "peers" else "",
                })
    summary_cols = [C("indicator", t("profile.col.indicator", lang)), C("unit", t("col.unit", lang)),
                    C("year", t("col.year", lang), "int"), C("value", t("profile.col.value", lang), "number", 2),
                    C("flag", t("profile.col.flag", lang)), C("note", t("profile.col.note", lang)),
                    C("rank", t("profile.col.rank_plain", lang), "int"), C("n_rank", t("profile.col.ranked", lang), "int"),
                    C("prank", t("profile.col.rank_province_plain", lang), "int"),
                    C("n_prank", t("profile.col.ranked_province", lang), "int"),
                    C("rank_meaning", t("profile.col.rank_meaning", lang)),
                    C("first_year", t("profile.col.first_year", lang), "int"),
                    C("first_value", t("profile.col.first_value", lang), "number", 2),
                    C("change", t("profile.col.change_abs", lang), "number", 2),
                    C("change_rel", t("profile.col.change_rel", lang), "number", 1),
                    C("province", t("profile.col.province", lang), "number", 2),
                    C("region", t("profile.col.region", lang), "number", 2),
                    C("peers", t("profile.col.peers", lang), "number", 2)]
    series_cols = [C("area", t("profile.col.area", lang)), C("indicator", t("profile.col.indicator", lang)),
                   C("unit", t("col.unit", lang)), C("year", t("col.year", lang), "int"),
                   C("value", t("profile.col.value", lang), "number", None),
                   C("flag", t("profile.col.flag", lang)), C("note", t("profile.col.note", lang))]
    network_rows = []
    inter = data["interventions"]
    if inter is not None:
        theme_label = {r.code: (r.label_en if lang == "en" else r.label_nl) for r in inter["themes"].itertuples()}
        for rec in inter["projects"].to_dict("records"):
            mine = inter["partners"][inter["partners"]["project_id"] == rec["project_id"]]
            network_rows.append({
                "name": rec["name"], "programme": rec["programme_en"] if lang == "en" else rec["programme_nl"],
                "scope": t("scope.province", lang, area=area_label(data, rec["location_nis"], lang))
                if rec["scope"] == "province" else t_or(SCOPE_KEYS.get(rec["scope"], ""), lang, str(rec["scope"])),
                "area_label": rec["area_label"],
                "themes": ", ".join(theme_label.get(c.strip(), c.strip()) for c in str(rec["themes"] or "").split(";") if c.strip()),
                "lead": rec["lead_org"], "website": rec["website"],
                "partners": "; ".join(f"{n} ({s if lang != 'en' else se})" for n, s, se in
                                      zip(mine["name"], mine["sector_nl"], mine["sector_en"])),
            })
    network_cols = [C("name", t("profile.col.network", lang)), C("programme", t("profile.programme", lang)),
                    C("scope", t("profile.where", lang)), C("area_label", t("profile.col.area_label", lang)),
                    C("themes", t("profile.themes", lang)), C("lead", t("profile.lead", lang)),
                    C("website", t("profile.website", lang)), C("partners", t("profile.col.partners", lang))]
    title = t("profile.export_title", lang, name=mun["name_nl"])
    merger = "; ".join(t("profile.merger_2025.body" if int(g["to_vintage"].iloc[0]) == 2025 else "profile.merger_2019.body",
                         lang, names=", ".join(f"{r.name_nl} ({r.from_nis})" for r in g.itertuples()))
                       for _, g in data["predecessors"].groupby("from_vintage", sort=False))
    intro = [title, f"{t('profile.nis', lang)}: {data['nis']} · {t('profile.region', lang)}: "
                    f"{area_label(data, mun['region_nis'], lang)}"]
    if merger:
        intro.append(merger)
    intro.append(t("profile.export_peers", lang, peers=", ".join(data["mun_names"].get(c, c) for c in data["peers"])))
    notes = [{"text": peers_sentence(data, lang)}] + [
        {"text": f"{t(f'flag.{f}', lang)}: {t(f'flag.{f}.help', lang)}"} for f in FLAGS] + [
        {"text": t("profile.sources", lang)}]
    sheets = [
        downloads.Sheet(t("profile.sheet.summary", lang), summary_cols, summary_rows, intro),
        downloads.Sheet(t("profile.sheet.series", lang), series_cols, series_rows, [title]),
        downloads.Sheet(t("profile.sheet.networks", lang), network_cols, network_rows, [title]),
        downloads.Sheet(t("profile.sheet.notes", lang), [C("text", t("profile.col.note", lang))], notes, [title]),
    ]
    return mun["name_nl"], sheets
