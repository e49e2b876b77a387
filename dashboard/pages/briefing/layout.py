"""The briefing's layout: the frame (`build`: the place chooser and the print button, no data read)
and the printable sheet of a municipality or a province, with numbered footnotes."""
from __future__ import annotations

import pandas as pd
from dash import dcc, html

from dashboard import formatting as fmt
from dashboard import profile_data as pdata
from dashboard.i18n import t
from dashboard.pages.briefing import view
from dashboard.ui import presenting, printing, vintages
from dashboard.ui.components import dropdown, scroll_box
from dashboard.ui.links import briefing_href
from dashboard.ui.text import counted


def build(initial: str | None, lang: str) -> html.Div:
    """The page; `initial` is the URL's place as a dropdown value (view.place_value)."""
    return html.Div([
        html.Div([
            html.H1(t("briefing.title", lang), id="briefing-heading"),
            html.P(t("briefing.intro", lang), className="lead"),
            html.Div([
                html.Div([html.Label(t("briefing.choose", lang), htmlFor="briefing-place"),
                          dropdown(lang, id="briefing-place", options=[], value=None, clearable=False,
                                   searchable=True, placeholder=t("briefing.choose_placeholder", lang))],
                         className="control control-wide"),
                html.Div(printing.button("briefing", t("briefing.print", lang)),
                         className="control-buttons"),
            ], className="controls"),
        ], className="no-print"),
        vintages.placeholder("briefing"),
        dcc.Store(id="briefing-lang", data=lang),
        # The URL's choice: the dropdown mounts without a value (a Dash 4 dropdown resets a value its
        # still empty options lack); the options callback sets options and value together.
        dcc.Store(id="briefing-initial", data=initial),
        printing.done("briefing"),
        dcc.Loading(html.Article(id="briefing-content", className="briefing-sheet", **{"aria-live": "polite"}),
                    delay_show=300),
    ], id="briefing-page", className="page briefing")


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

    def render(self, lang: str) -> html.Div:
        return presenting.method(html.Footer([
            html.H3(t("briefing.notes", lang)),
            html.Ol([html.Li(text, id=f"briefing-note-{i}") for i, text in enumerate(self.texts, start=1)],
                    className="footnotes"),
        ], className="briefing-notes"), "briefing-notes", lang)


# ------------------------------------------------------------------------------ the sheet

def none_chosen(lang: str) -> html.P:
    return html.P(t("briefing.none", lang), className="empty", id="briefing-none")


def unknown(code: str, lang: str) -> html.Div:
    return html.Div([html.H2(t("briefing.unknown.title", lang)), html.P(t("briefing.unknown.body", lang, code=code))],
                    className="notice notice-warning", role="alert", id="briefing-unknown")


def _figures(head: list, body: list, lang: str) -> html.Section:
    return html.Section([
        html.H3(t("briefing.figures", lang)),
        scroll_box(html.Table([html.Thead(html.Tr(head)), html.Tbody(body)], className="data-table briefing-table",
                              id="briefing-figures"), t("briefing.figures", lang), lang),
    ])


def municipality_sheet(data: dict, context: dict, lang: str) -> list:
    """A municipality: identity and merger, key figures with rank and benchmarks, networks, notes."""
    notes = Footnotes()
    mun, names = data["mun"], data["names"]
    sources = view.source_notes(context["sources"], lang)
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
    for row in pdata.indicator_rows(data, lang):
        latest = row["latest"]
        name = html.Th([row["name"], notes.ref(view.indicator_note(row, sources, lang))], scope="row")
        value = [view.value(latest, row, lang), f" ({row['year']})"]
        flag_text = view.flag_note(latest.get("flag"), latest.get("note"), names, lang)
        if flag_text:  # numbered after the indicator's source, as it reads
            value.append(notes.ref(flag_text))
        cells = [name, html.Td(value, className="num"), html.Td(view.rank_text(row, lang), className="num")]
        if not is_brussels:
            cells.append(html.Td(view.value(row["bench"].get("province"), row, lang), className="num"))
        cells.append(html.Td(view.value(row["bench"].get("region"), row, lang), className="num"))
        cells.append(html.Td(view.change(row["first"], row["end"], row, lang), className="num"))
        body.append(html.Tr(cells))
    networks = _municipality_networks(data, lang)
    notes.number(view.build_line(context["build"], lang))
    return [html.Header(identity + ([merger] if merger else []), className="briefing-head"),
            _figures(head, body, lang), networks, notes.render(lang)]


def _merger_paragraph(preds: pd.DataFrame, notes: Footnotes, lang: str):
    recent = preds[preds["to_vintage"] == 2025] if "to_vintage" in preds else preds.iloc[0:0]
    if recent.empty:
        return None
    olds = ", ".join(str(n) for n in recent["name_nl"].dropna())
    return html.P([t("briefing.merged", lang, names=olds), notes.ref(t("briefing.merged_note", lang))],
                  className="briefing-merger", id="briefing-merger")


def _municipality_networks(data: dict, lang: str) -> html.Section:
    inter = data.get("interventions")
    title = html.H3(t("briefing.networks", lang))
    if inter is None:
        return html.Section([title, html.P(t("briefing.no_registers", lang))])
    projects = inter["projects"]
    local = projects[projects["scope"] != "province"].drop_duplicates("project_id")
    wide = projects[projects["scope"] == "province"].drop_duplicates("project_id")
    lines = [html.P(view.networks_count(len(local), len(wide), lang), id="briefing-networks-count")]
    items = [html.Li([html.Strong(p.name), f" — {view.scope_text(p, lang)}"]) for p in local.itertuples()]
    items += [html.Li([html.Strong(p.name), " — ", t("briefing.province_wide", lang)]) for p in wide.itertuples()]
    if items:
        lines.append(html.Ul(items, className="briefing-list"))
    return html.Section([title, *lines])


def province_sheet(data: dict, lang: str) -> list:
    """A province (or Brussels): its own values (sums of counts, rates from summed numerators) next
    to its region's, the written-question answer, the municipalities with most need, notes."""
    notes = Footnotes()
    prov, members, names = data["province"], data["members"], data["names"]
    code, region = data["code"], data["region"]
    region_name = pdata.area_label(data, region, lang)
    identity = [html.H2(view.province_label(prov, lang), id="briefing-name"),
                html.P(t("briefing.province_sub", lang, n=len(members), region=region_name), className="briefing-sub")]
    if data["merged"]:
        merged_names = ", ".join(sorted(names.get(c, c) for c in data["merged"]))
        identity.append(html.P([t("briefing.province_merged", lang, n=len(data["merged"]), names=merged_names),
                                notes.ref(t("briefing.merged_note", lang))], className="briefing-merger",
                               id="briefing-merger"))
    sources = view.source_notes(data["sources"], lang)
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
        first, last = own[0], own[-1]
        cells = [html.Th([pdata.indicator_name(ind, lang), notes.ref(view.indicator_note(ind, sources, lang))],
                         scope="row"),
                 html.Td([view.value(last, ind, lang), f" ({int(last['year'])})"], className="num")]
        if region != code:
            reg = next((rec for rec in series.get((ind["indicator_id"], region), []) if rec["year"] == last["year"]), None)
            cells.append(html.Td(view.value(reg, ind, lang), className="num"))
        cells.append(html.Td(view.change(first, last, ind, lang), className="num"))
        body.append(html.Tr(cells))
    sections = [html.Header(identity, className="briefing-head"), _figures(head, body, lang), _wq28(data, notes, lang),
                _need_and_networks(data, sources, notes, lang)]
    notes.number(view.build_line(data["build"], lang))
    return sections + [notes.render(lang)]


def _wq28(data: dict, notes: Footnotes, lang: str) -> html.Section:
    row = data["wq28"]
    title = html.H3(t("briefing.wq28", lang))
    if row is None:
        return html.Section([title, html.P(t("briefing.no_registers", lang))])
    source = view.wq28_source(row.get("source"), lang)
    ref = [notes.ref(_dutch_title_marked(*source, lang))] if source else []
    items = [x for label, shown in view.wq28_items(row, lang) for x in (html.Dt(label), html.Dd(shown))]
    return html.Section([title, html.Dl(items, className="kv briefing-kv", id="briefing-wq28"), *ref])


def _dutch_title_marked(text: str, title: str | None, lang: str):
    """`text` with the Dutch `title` of the document it cites marked lang="nl" on a page in another
    language (WCAG 2.1, 3.1.2 Language of Parts); the plain text on a Dutch page."""
    if lang == "nl" or not title or title not in text:
        return text
    before, _, after = text.partition(title)
    return [before, html.Span(title, lang="nl", className="source-document"), after]


def _need_and_networks(data: dict, sources: dict[str, str], notes: Footnotes, lang: str) -> html.Section:
    """The municipalities with most need on the briefing's need indicator (the monitor's default
    indicator: a child indicator when loaded), named with its year in the title and the note."""
    ind = data["need_indicator"]
    need = view.need_rows(data)
    if need is None:
        title = t("briefing.need_untitled", lang)
        body = (t("briefing.need_none", lang, indicator=pdata.indicator_name(ind, lang)) if ind is not None
                else t("briefing.need_no_indicator", lang))
        return html.Section([html.H3(title), html.P(body)])
    year, rows = need
    name = pdata.indicator_name(ind, lang)
    title = t("briefing.need", lang, n=view.TOP_NEED, indicator=name, year=year)
    rule = t("briefing.need_rule", lang, indicator=name, year=year, rank_rule=pdata.rank_rule(ind, lang))
    body = [html.Tr([html.Td(dcc.Link(mun_name, href=briefing_href(lang, nis=code))),
                     html.Td(view.value({"value": value}, ind, lang), className="num"),
                     html.Td(fmt.integer(networks, lang), className="num")])
            for code, mun_name, value, networks in rows]
    table = html.Table([
        html.Thead(html.Tr([html.Th(t("briefing.col.municipality", lang), scope="col"),
                            html.Th([t("briefing.col.need_value", lang, indicator=name, year=year),
                                     notes.ref(rule), notes.ref(view.indicator_note(ind, sources, lang))],
                                    scope="col", className="num"),
                            html.Th(t("briefing.col.networks", lang), scope="col", className="num")])),
        html.Tbody(body)], className="data-table briefing-table", id="briefing-need")
    networks = data["networks"]
    wide = networks[networks["scope"] == "province"]
    total = html.P(t("briefing.province_networks", lang, networks=counted("briefing.networks_n", len(networks), lang),
                       wide=len(wide)), id="briefing-networks-count")
    return html.Section([html.H3(title, id="briefing-need-title"), scroll_box(table, title, lang), total])
