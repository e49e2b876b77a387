"""Briefing (`/briefing?nis=46029` or `/briefing?province=70000`, `&lang=en`): one printable page
per municipality or province for a policy evaluation or a parliamentary answer: the key figures with
their year, rank and benchmarks, the networks there, and footnotes with the data years, the sources
(publisher, licence, URL, retrieval date), the flags and the merger status.

The layout only builds the frame; `_fill` reads one build. "Print or save as PDF" uses the browser's
print dialogue with the print style sheet (A4, controls hidden).
"""
from __future__ import annotations

import dash
import pandas as pd
from dash import Input, Output, State, callback, clientside_callback, dcc, html, no_update

from dashboard import db
from dashboard import formatting as fmt
from dashboard import profile_data as pdata
from dashboard.queries import profile as qp
from dashboard.ui.components import dropdown, warehouse_notice
from dashboard.i18n import normalise_lang, t, t_or
from dashboard.urls import page_href, with_query

dash.register_page(
    __name__, path="/briefing", name="Briefing", title="Briefing – Kinderarmoedemonitor", order=65,
    nav_key="nav.briefing",
    description="Eén afdrukbare pagina per gemeente of provincie: kerncijfers, netwerken en voetnoten met "
                "bronnen, jaren en fusiestatus.",
)

NIS_PREFIX, PROVINCE_PREFIX = "nis:", "province:"
TOP_NEED = 10


def place_value(nis=None, province=None) -> str | None:
    """The dropdown value for the URL's choice (`nis` wins when both are given)."""
    code = qp.valid_nis(nis)
    if code:
        return NIS_PREFIX + code
    code = qp.valid_nis(province)
    return PROVINCE_PREFIX + code if code else None


def parse_place(value) -> tuple[str | None, str | None]:
    """("nis" | "province" | None, code)."""
    text = str(value or "")
    for kind, prefix in (("nis", NIS_PREFIX), ("province", PROVINCE_PREFIX)):
        if text.startswith(prefix) and qp.valid_nis(text[len(prefix):]):
            return kind, text[len(prefix):]
    return None, None


def layout(nis=None, province=None, lang=None, **_query):
    lang = normalise_lang(lang)
    return html.Div([
        html.Div([
            html.H1(t("briefing.title", lang), id="briefing-heading"),
            html.P(t("briefing.intro", lang), className="lead"),
            html.Div([
                html.Div([html.Label(t("briefing.choose", lang), htmlFor="briefing-place"),
                          dropdown(lang, id="briefing-place", options=[], value=None, clearable=False,
                                         searchable=True, placeholder=t("briefing.choose_placeholder", lang))],
                         className="control control-wide"),
                html.Div(html.Button(t("briefing.print", lang), id="briefing-print", type="button", className="button"),
                         className="control-buttons"),
            ], className="controls"),
        ], className="no-print"),
        dcc.Store(id="briefing-lang", data=lang),
        # The URL's choice: the dropdown mounts without a value (a Dash 4 dropdown resets a value its
        # still empty options lack), `_options` sets options and value together.
        dcc.Store(id="briefing-initial", data=place_value(nis, province)),
        html.Div(id="briefing-print-done", hidden=True),
        dcc.Loading(html.Article(id="briefing-content", className="briefing-sheet", **{"aria-live": "polite"}),
                    delay_show=300),
    ], id="briefing-page", className="page briefing")


# ------------------------------------------------------------------------------ callbacks

@callback(Output("briefing-place", "options"), Output("briefing-place", "value"),
          Input("briefing-lang", "data"), State("briefing-initial", "data"))
def _options(lang, initial):
    lang = normalise_lang(lang)
    try:
        with db.reader() as r:
            provinces = qp.per_build(r, pdata.province_codes)
            muns = qp.per_build(r, qp.municipalities)
    except db.WarehouseError:
        return [], None
    options = [{"label": province_label(row, lang), "value": PROVINCE_PREFIX + code}
               for code, row in sorted(provinces.items(), key=lambda kv: (kv[0] == pdata.BRUSSELS, kv[1]["name_nl"]))]
    options += [{"label": f"{m.name_nl} ({m.province_name if m.province_nis != pdata.BRUSSELS else 'Brussel'})",
                 "value": NIS_PREFIX + m.nis_code,
                 "search": " ".join(x for x in (m.name_nl, m.name_fr, m.nis_code) if isinstance(x, str))}
                for m in muns.itertuples()]
    valid = {o["value"] for o in options}
    return options, initial if initial in valid else None


def province_label(row: dict, lang: str) -> str:
    name = row["name_en"] if lang == "en" and isinstance(row.get("name_en"), str) else row["name_nl"]
    if row["nis_code"] == pdata.BRUSSELS:
        return name
    return t("briefing.province_label", lang, name=name)


@callback(Output("briefing-content", "children"), Output("briefing-heading", "children"),
          Input("briefing-place", "value"), State("briefing-lang", "data"))
def _fill(value, lang):
    return render(value, normalise_lang(lang))


@callback(Output("app-url", "search", allow_duplicate=True),
          Input("briefing-place", "value"), State("app-url", "search"), State("app-url", "pathname"),
          prevent_initial_call=True)
def _sync_url(value, search, pathname):
    if not str(pathname or "").rstrip("/").endswith("/briefing"):
        return no_update
    kind, code = parse_place(value)
    if kind is None:
        return no_update
    new = with_query("", search, nis=code if kind == "nis" else None, province=code if kind == "province" else None)
    return new if new != (search or "") else no_update


clientside_callback(
    """function(n) { if (n) { window.print(); } return ""; }""",
    Output("briefing-print-done", "children"), Input("briefing-print", "n_clicks"), prevent_initial_call=True,
)


# ------------------------------------------------------------------------------ footnotes

class Footnotes:
    """Numbered footnotes, each text once; `ref(text)` gives the marker to put in the text."""

    def __init__(self):
        self.texts: list = []

    def number(self, text) -> int:
        key = str(text)
        for i, existing in enumerate(self.texts, start=1):
            if str(existing) == key:
                return i
        self.texts.append(text)
        return len(self.texts)

    def ref(self, text) -> html.Sup:
        n = self.number(text)
        return html.Sup(html.A(str(n), href=f"#briefing-note-{n}"), className="footnote-ref")

    def render(self, lang: str) -> html.Footer:
        return html.Footer([
            html.H3(t("briefing.notes", lang)),
            html.Ol([html.Li(text, id=f"briefing-note-{i}") for i, text in enumerate(self.texts, start=1)],
                    className="footnotes"),
        ], className="briefing-notes")


def source_notes(sources: pd.DataFrame, lang: str) -> dict[str, str]:
    """source_id -> its footnote."""
    return {rec["source_id"]: source_note(rec, lang) for rec in sources.to_dict("records")}


def source_note(rec: dict, lang: str) -> str:
    parts = [str(rec[c]) for c in ("dataset", "publisher") if isinstance(rec[c], str) and rec[c]]
    if isinstance(rec["licence"], str) and rec["licence"]:
        parts.append(t("briefing.licence", lang, licence=rec["licence"]))
    if isinstance(rec["url"], str) and rec["url"]:
        parts.append(rec["url"])
    if not fmt.is_missing(rec["retrieved_at"]):
        parts.append(t("briefing.retrieved", lang, date=fmt.date_text(rec["retrieved_at"], lang)))
    return t("briefing.source", lang, text=", ".join(parts))


def flag_note(flag, note, names: dict, lang: str) -> str | None:
    if not isinstance(flag, str) or flag == "original":
        return None
    text = t_or(f"flag.{flag}.help", lang, t_or(f"flag.{flag}", lang, flag))
    detail = qp.note_with_names(note, names) if isinstance(note, str) and note else ""
    return f"{t_or(f'flag.{flag}', lang, flag)}: {text}" + (f" ({detail})" if detail else "")


def build_line(build: dict | None, lang: str) -> str:
    if not build:
        return t("briefing.build_unknown", lang)
    return t("briefing.build", lang, build=build["build_id"], date=fmt.datetime_text(build["finished_at"], lang))


# ------------------------------------------------------------------------------ render

def render(value, lang: str):
    kind, code = parse_place(value)
    if kind is None:
        return html.P(t("briefing.none", lang), className="empty", id="briefing-none"), t("briefing.title", lang)
    try:
        if kind == "nis":
            data = pdata.load(code, with_peers=False)
            if data["status"] != "ok":
                return _unknown(code, lang), t("briefing.title", lang)
            with db.reader() as r:
                context = pdata.briefing_context(r)
            return municipality_sheet(data, context, lang), t("briefing.title_of", lang, name=data["mun"]["name_nl"])
        data = pdata.load_province(code)
        if data["status"] != "ok":
            return _unknown(code, lang), t("briefing.title", lang)
        name = province_label(data["province"], lang)
        return province_sheet(data, lang), t("briefing.title_of", lang, name=name)
    except db.WarehouseError as exc:
        return warehouse_notice(exc, lang), t("briefing.title", lang)


def _unknown(code: str, lang: str):
    return html.Div([html.H2(t("briefing.unknown.title", lang)), html.P(t("briefing.unknown.body", lang, code=code))],
                    className="notice notice-warning", role="alert", id="briefing-unknown")


def _value(rec, ind: dict, lang: str) -> str:
    return qp.value_text(rec.get("value") if rec else None, ind["unit"], ind["kind"], lang)


def municipality_sheet(data: dict, context: dict, lang: str):
    notes = Footnotes()
    mun, names = data["mun"], data["names"]
    rows = pdata.indicator_rows(data, lang)
    sources = source_notes(context["sources"], lang)
    province = pdata.area_label(data, mun["province_nis"], lang)
    region = pdata.area_label(data, mun["region_nis"], lang)
    is_brussels = mun["province_nis"] == mun["region_nis"]
    identity = [html.H2(mun["name_nl"], id="briefing-name"),
                html.P(" · ".join([region if is_brussels else f"{province} · {region}", f"NIS {mun['nis_code']}"]),
                       className="briefing-sub")]
    merger = _merger_paragraph(data["predecessors"], notes, lang)
    head = [html.Th(t("briefing.col.indicator", lang), scope="col"),
            html.Th(t("briefing.col.value", lang), scope="col", className="num"),
            html.Th([t("briefing.col.rank", lang, n=data["n_municipalities"]), notes.ref(t("briefing.rank_rule", lang))],
                    scope="col", className="num")]
    if not is_brussels:
        head.append(html.Th(t("briefing.col.province", lang), scope="col", className="num"))
    head += [html.Th(region, scope="col", className="num"),
             html.Th(t("briefing.col.change", lang), scope="col", className="num")]
    body = []
    for row in rows:
        latest = row["latest"]
        cells = [html.Th([row["name"], notes.ref(_indicator_note(row, sources, lang))], scope="row")]
        flag_text = flag_note(latest.get("flag"), latest.get("note"), names, lang)
        value = [_value(latest, row, lang), f" ({row['year']})"]
        if flag_text:
            value.append(notes.ref(flag_text))
        cells.append(html.Td(value, className="num"))
        rank = "–" if row["rank"] is None or row["kind"] == "count" else \
            f"{fmt.integer(row['rank'], lang)}"
        cells.append(html.Td(rank, className="num"))
        if not is_brussels:
            cells.append(html.Td(_value(row["bench"].get("province"), row, lang), className="num"))
        cells.append(html.Td(_value(row["bench"].get("region"), row, lang), className="num"))
        first, end = row["first"], row["end"]
        if first and end and first["year"] != end["year"]:
            absolute, _relative = qp.change_text(first["value"], end["value"], row["unit"], row["kind"], lang)
            change = f"{absolute} ({first['year']}–{end['year']})"
        else:
            change = "–"
        cells.append(html.Td(change, className="num"))
        body.append(html.Tr(cells))
    figures = html.Section([
        html.H3(t("briefing.figures", lang)),
        html.Table([html.Thead(html.Tr(head)), html.Tbody(body)], className="data-table briefing-table",
                   id="briefing-figures"),
    ])
    networks = _municipality_networks(data, lang)
    notes.number(build_line(context["build"], lang))
    return [html.Header(identity + ([merger] if merger else []), className="briefing-head"), figures, networks,
            notes.render(lang)]


def _indicator_note(row: dict, notes: dict[str, str], lang: str) -> str:
    """The source of an indicator (one footnote per source, shared by its indicators)."""
    return notes.get(row.get("source_id")) or t("briefing.source_unknown", lang)


def _merger_paragraph(preds: pd.DataFrame, notes: Footnotes, lang: str):
    recent = preds[preds["to_vintage"] == 2025] if "to_vintage" in preds else preds.iloc[0:0]
    if recent.empty:
        return None
    olds = ", ".join(str(n) for n in recent["name_nl"].dropna())
    return html.P([t("briefing.merged", lang, names=olds), notes.ref(t("briefing.merged_note", lang))],
                  className="briefing-merger", id="briefing-merger")


def _municipality_networks(data: dict, lang: str):
    inter = data.get("interventions")
    title = html.H3(t("briefing.networks", lang))
    if inter is None:
        return html.Section([title, html.P(t("briefing.no_registers", lang))])
    projects = inter["projects"]
    local = projects[projects["scope"] != "province"].drop_duplicates("project_id")
    wide = projects[projects["scope"] == "province"].drop_duplicates("project_id")
    lines = [html.P(t("briefing.networks_count", lang, local=len(local), wide=len(wide)), id="briefing-networks-count")]
    items = [html.Li([html.Strong(p.name), f" — {_scope_text(p, data, lang)}"]) for p in local.itertuples()]
    items += [html.Li([html.Strong(p.name), " — ", t("briefing.province_wide", lang)]) for p in wide.itertuples()]
    if items:
        lines.append(html.Ul(items, className="briefing-list"))
    return html.Section([title, *lines])


SCOPE_KEYS = {"municipality": "scope.municipality", "part_of_municipality": "scope.part",
              "several_municipalities": "scope.several"}


def _scope_text(p, data: dict, lang: str) -> str:
    text = t(SCOPE_KEYS[p.scope], lang) if p.scope in SCOPE_KEYS else str(p.scope)
    if isinstance(p.area_label, str) and p.area_label:
        text += f": {p.area_label}"
    return text


def province_sheet(data: dict, lang: str):
    notes = Footnotes()
    prov, members, names = data["province"], data["members"], data["names"]
    code, region = data["code"], data["region"]
    region_name = data["area_names"].get(region, (region, region))[0 if lang == "en" else 1]
    n_merged = len(data["merged"])
    identity = [html.H2(province_label(prov, lang), id="briefing-name"),
                html.P(t("briefing.province_sub", lang, n=len(members), region=region_name), className="briefing-sub")]
    if n_merged:
        merged_names = ", ".join(sorted(names.get(c, c) for c in data["merged"]))
        identity.append(html.P([t("briefing.province_merged", lang, n=n_merged, names=merged_names),
                                notes.ref(t("briefing.merged_note", lang))], className="briefing-merger",
                               id="briefing-merger"))
    # key figures: the province's own values (sums of counts; rates from summed numerators) and its region's
    sources = source_notes(data["sources"], lang)
    series: dict[tuple[str, str], list[dict]] = {}  # (indicator, code) -> values by year
    for rec in data["values"].to_dict("records"):
        if not fmt.is_missing(rec["value"]):
            series.setdefault((rec["indicator_id"], rec["nis_code"]), []).append(rec)
    head = [html.Th(t("briefing.col.indicator", lang), scope="col"),
            html.Th([t("briefing.col.value", lang), notes.ref(t("briefing.aggregate_rule", lang))],
                    scope="col", className="num")]
    if region != code:
        head.append(html.Th(region_name, scope="col", className="num"))
    head.append(html.Th(t("briefing.col.change", lang), scope="col", className="num"))
    body = []
    for ind in data["indicators"].to_dict("records"):
        own = sorted(series.get((ind["indicator_id"], code), []), key=lambda rec: rec["year"])
        if not own:
            continue
        last, first = own[-1], own[0]
        name = qp.indicator_name(ind, lang)
        cells = [html.Th([name, notes.ref(_indicator_note(ind, sources, lang))], scope="row"),
                 html.Td([_value(last, ind, lang), f" ({int(last['year'])})"], className="num")]
        if region != code:
            reg = next((rec for rec in series.get((ind["indicator_id"], region), []) if rec["year"] == last["year"]), None)
            cells.append(html.Td(_value(reg, ind, lang), className="num"))
        if int(first["year"]) != int(last["year"]):
            absolute, _ = qp.change_text(first["value"], last["value"], ind["unit"], ind["kind"], lang)
            cells.append(html.Td(f"{absolute} ({int(first['year'])}–{int(last['year'])})", className="num"))
        else:
            cells.append(html.Td("–", className="num"))
        body.append(html.Tr(cells))
    figures = html.Section([html.H3(t("briefing.figures", lang)),
                            html.Table([html.Thead(html.Tr(head)), html.Tbody(body)],
                                       className="data-table briefing-table", id="briefing-figures")])
    sections = [html.Header(identity, className="briefing-head"), figures, _wq28(data, notes, lang),
                _need_and_networks(data, notes, lang)]
    notes.number(build_line(data["build"], lang))
    return sections + [notes.render(lang)]


def _wq28(data: dict, notes: Footnotes, lang: str):
    row = data["wq28"]
    title = html.H3(t("briefing.wq28", lang))
    if row is None:
        return html.Section([title, html.P(t("briefing.no_registers", lang))])

    def shown(number_key, text_key):
        value = row.get(number_key)
        if fmt.is_missing(value):  # the view says why in Dutch; the reason is the same in English
            return str(row.get(text_key) or "") if lang == "nl" and row.get(text_key) else t("briefing.not_published", lang)
        return fmt.integer(value, lang) if "amount" not in number_key else fmt.euro(value, 0, lang)

    items = [
        (t("briefing.wq28.applications", lang), shown("applications_submitted", "applications_text")),
        (t("briefing.wq28.awarded", lang), shown("projects_awarded", "projects_awarded_text")),
        (t("briefing.wq28.located", lang), fmt.integer(row.get("projects_located_2025"), lang)
         if not fmt.is_missing(row.get("projects_located_2025")) else "–"),
        (t("briefing.wq28.amount", lang), shown("amount_awarded_eur", "amount_awarded_text")),
    ]
    source = row.get("source")
    ref = [notes.ref(t("briefing.source", lang, text=str(source)))] if isinstance(source, str) and source else []
    return html.Section([title, html.Dl([x for label, value in items for x in (html.Dt(label), html.Dd(value))],
                                        className="kv briefing-kv", id="briefing-wq28"), *ref])


def _need_and_networks(data: dict, notes: Footnotes, lang: str):
    members, need, networks = data["members"], data["need"], data["networks"]
    title = html.H3(t("briefing.need", lang, n=TOP_NEED))
    codes = set(members["nis_code"])
    mine = need[need["nis_code"].isin(codes) & need["value"].notna()]
    if mine.empty:
        return html.Section([title, html.P(t("briefing.need_none", lang))])
    year = int(mine["year"].max())
    latest = mine[mine["year"] == year].sort_values(["value", "nis_code"], ascending=[False, True]).head(TOP_NEED)
    local_count: dict[str, int] = {}
    for rec in networks.to_dict("records"):
        if rec["scope"] == "province":
            continue
        for place in rec["places"]:
            local_count[place] = local_count.get(place, 0) + 1
    names = dict(zip(members["nis_code"], members["name_nl"]))
    rows = [html.Tr([html.Td(dcc.Link(names[c], href=with_query(page_href("/briefing", lang), None, nis=c,
                                                               lang="en" if lang == "en" else None))),
                     html.Td(fmt.percent(v, 1, lang), className="num"),
                     html.Td(fmt.integer(local_count.get(c, 0), lang), className="num")])
            for c, v in zip(latest["nis_code"], latest["value"])]
    wide = networks[networks["scope"] == "province"]
    table = html.Table([
        html.Thead(html.Tr([html.Th(t("briefing.col.municipality", lang), scope="col"),
                            html.Th([t("briefing.col.arop", lang, year=year),
                                     notes.ref(t("briefing.need_rule", lang))], scope="col", className="num"),
                            html.Th(t("briefing.col.networks", lang), scope="col", className="num")])),
        html.Tbody(rows)], className="data-table briefing-table", id="briefing-need")
    total = html.P(t("briefing.province_networks", lang, n=len(networks), wide=len(wide)), id="briefing-networks-count")
    return html.Section([title, table, total])
