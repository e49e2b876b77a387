"""The profile's layout: the frame (built from the URL, never reading the warehouse) and the
sections the callback fills it with from one municipality's loaded data."""
from __future__ import annotations

from dash import dcc, html

from dashboard import formatting as fmt
from dashboard.i18n import t
from dashboard.pages.profile import view
from dashboard.pages.profile.figures import figure
from dashboard.profile_data import area_label, flag_title, flag_words, peers_method, rank_rule
from dashboard.queries import FLAGS
from dashboard.ui import presenting, printing, vintages
from dashboard.ui.components import dropdown, scroll_box, section
from dashboard.ui.downloads import name_word
from dashboard.ui.graphs import graph_config
from dashboard.ui.links import COMPARE_PATH, profile_href, project_href
from dashboard.ui.notes import value_note
from dashboard.urls import page_href, with_query


def build(lang: str, raw_nis: str | None) -> html.Div:
    """The page around the content: the municipality chooser (filled by a callback with the URL's
    choice), print and download buttons."""
    return html.Div([
        html.P(t("profile.eyebrow", lang), className="eyebrow no-print-hide"),
        html.H1(t("profile.title", lang), id="profile-title"),
        html.P(t("profile.intro", lang), className="lead"),
        html.Div([
            html.Div([
                html.Label(t("profile.choose", lang), htmlFor="profile-nis", id="profile-nis-label"),
                dropdown(lang, id="profile-nis", options=[], value=None, clearable=False, searchable=True,
                         placeholder=t("profile.choose_placeholder", lang), className="profile-dropdown"),
            ], className="control control-wide"),
            html.Div([
                printing.button("profile", t("profile.print", lang)),
                html.Button(t("download.csv", lang), id="profile-csv", type="button", className="button"),
                html.Button(t("download.xlsx", lang), id="profile-xlsx", type="button", className="button"),
            ], className="control-buttons", role="group", **{"aria-label": t("profile.actions", lang)}),
        ], className="controls no-print"),
        vintages.placeholder("profile"),
        dcc.Store(id="profile-lang", data=lang),
        dcc.Store(id="profile-raw-nis", data=raw_nis),
        dcc.Store(id="profile-shown", data=None),  # the skeleton of the content shown (update.skeleton)
        dcc.Download(id="profile-download"),
        printing.done("profile"),
        # only the content's callback shows the spinner, not the charts drawn into it one by one
        dcc.Loading(html.Div(id="profile-content", **{"aria-live": "polite"}), delay_show=300,
                    target_components={"profile-content": "children"}),
    ], id="profile-page", className="page profile")


# The parts of a known municipality's content that differ from one municipality to the next (by id; the
# pattern ids by type): another choice patches only these into the content shown (update.py).
CHANGING = frozenset({"profile-identity", "profile-summary", "profile-chart-legend", "profile-interventions"})
CHANGING_TYPES = frozenset({"profile-charts", "profile-charts-drawn", "profile-chart-table-box"})


def content(data: dict, rows: list[dict], lang: str) -> list:
    """The sections of a known municipality (`rows` from profile_data.indicator_rows), and the charts'
    store (see charts)."""
    return [identity(data, lang), summary(data, rows, lang), trends(data, rows, lang), interventions(data, lang),
            flags_legend(lang), *charts(data, rows, lang)]


def notice(title_key: str, body_key: str, lang: str, element_id: str) -> html.Div:
    return html.Div([html.H2(t(title_key, lang)), html.P(t(body_key, lang))], className="notice", id=element_id,
                    role="status")


def unknown(data: dict, nis, lang: str) -> html.Div:
    """A code that is no 2025 municipality; with a link to the one it became, when it merged."""
    body = [html.H2(t("profile.unknown.title", lang)), html.P(t("profile.unknown.body", lang, nis=str(nis)[:40]))]
    succ = data.get("successor")
    if succ:
        body.append(html.P([t("profile.unknown.successor", lang, old=succ["old_name"] or data["nis"], new=succ["to_name"]),
                            " ", dcc.Link(t("profile.open", lang, name=succ["to_name"]),
                                          href=profile_href(succ["to_nis"], lang))]))
    return html.Div(body, className="notice notice-warning", role="alert", id="profile-unknown")


# ------------------------------------------------------------------------------ identity

def identity(data: dict, lang: str) -> html.Section:
    mun, nis = data["mun"], data["nis"]
    facts = [html.Div([html.Dt(t("profile.nis", lang)), html.Dd(nis)], className="fact"),
             html.Div([html.Dt(t("profile.province", lang)),
                       html.Dd(t("profile.no_province", lang) if view.is_brussels(mun)
                               else area_label(data, mun["province_nis"], lang))], className="fact"),
             html.Div([html.Dt(t("profile.region", lang)), html.Dd(area_label(data, mun["region_nis"], lang))],
                      className="fact")]
    if isinstance(mun.get("name_fr"), str) and mun["name_fr"] and mun["name_fr"] != mun["name_nl"]:
        facts.append(html.Div([html.Dt(t("profile.name_fr", lang)), html.Dd(mun["name_fr"], lang="fr")],
                              className="fact"))
    children = [html.Dl(facts, className="facts")]
    for vintage, key, names in view.mergers(data, lang):
        children.append(html.P([html.Strong(t(f"{key}.title", lang) + " "), t(f"{key}.body", lang, names=names)],
                               className="merger", id=f"profile-merger-{vintage}"))
    peer_links = []
    for i, code in enumerate(data["peers"]):
        peer_links += ([", "] if i else []) + [dcc.Link(data["mun_names"].get(code, code), href=profile_href(code, lang))]
    compare_href = with_query(page_href(COMPARE_PATH, lang), None, nis=nis, group="peers")
    children.append(html.Div([
        html.H3(t("profile.peers", lang), id="profile-peers-heading"),
        html.P(peer_links or t("profile.peers_none", lang), id="profile-peers"),
        presenting.method(html.P(peers_method(data["model"], data["indicators"].to_dict("records"), lang),
                                 className="section-intro method", id="profile-peers-method"),
                          "profile-peers-method-text", lang),
        html.P(dcc.Link(t("profile.compare_peers", lang), href=compare_href), className="no-print"),
    ]))
    return section("profile-identity", t("profile.identity", lang), *children)


# ------------------------------------------------------------------------------- summary

def flag_badge(rec: dict, names: dict[str, str], lang: str) -> html.Span | None:
    """The flag of a value as a badge (none for an original value), its note on hover."""
    flag = rec.get("flag")
    if not isinstance(flag, str) or flag == "original":
        return None
    return html.Span(flag_words(flag, lang), className=f"flag flag-{flag}",
                     title=flag_title(flag, rec.get("note"), names, lang))


def value_cell(rec: dict | None, ind: dict, names: dict[str, str], lang: str, notes: list[str]):
    """Value and flag badge; the badge gets the number of its note in `notes` (the table's
    footnotes, listed under it, so the explanation is printed too). The value is plain text: every
    component costs Dash's renderer work on each update, and the table has some sixty values."""
    if rec is None:
        return fmt.MISSING
    text = fmt.value_text(rec.get("value"), ind, lang, with_unit=False)
    badge = flag_badge(rec, names, lang)
    if badge is None:
        return text
    note = value_note(rec.get("note"), names, lang)
    if note:
        if note not in notes:
            notes.append(note)
        badge.children = [badge.children, html.Sup(str(notes.index(note) + 1), className="footnote-ref")]
    return [text, badge]


def summary(data: dict, rows: list[dict], lang: str) -> html.Section:
    names, mun = data["names"], data["mun"]
    brussels = view.is_brussels(mun)
    bench_keys = ["region", "peers"] if brussels else ["province", "region", "peers"]
    head = [t("profile.col.indicator", lang), t("col.year", lang), t("profile.col.value", lang),
            t("profile.col.rank", lang, n=data["n_municipalities"]),
            t("profile.col.rank_brussels" if brussels else "profile.col.rank_province", lang),
            t("profile.col.change", lang)] + [t(f"profile.col.{key}", lang) for key in bench_keys]
    body, notes = [], []
    for row in rows:
        cells = [html.Th([row["name"], html.Span(view.indicator_sub(row, lang, rank_rule(row, lang)), className="sub")],
                         scope="row"),
                 html.Td(str(row["year"]), className="num"),
                 html.Td(value_cell(row["latest"], row, names, lang, notes), className="num"),
                 html.Td(view.rank_text(row["rank"], row["n_rank"], lang), className="num"),
                 html.Td(view.rank_text(row["prank"], row["n_prank"], lang), className="num"),
                 html.Td(_change(row, lang), className="num")]
        for key in bench_keys:
            b = row["bench"].get(key)
            if b is not None and (key == "peers" or b.get("flag") == "recomputed_2025"):
                b = {"value": b["value"], "flag": None}  # a benchmark is a sum: its flag says nothing here
            cells.append(html.Td(value_cell(b, row, names, lang, notes), className="num"))
        body.append(html.Tr(cells))
    caption = t("profile.summary.caption", lang, name=mun["name_nl"])
    table = html.Table([html.Caption(caption),
                        html.Thead(html.Tr([html.Th(h, scope="col", className="num" if i else "")
                                            for i, h in enumerate(head)])),
                        html.Tbody(body)], id="profile-summary-table", className="data-table profile-summary")
    footnotes = html.Ol([html.Li(n) for n in notes], className="footnotes", id="profile-summary-notes",
                        **{"aria-label": t("profile.notes", lang)})
    if notes:  # how values were made: behind the "Method" link in presentation mode, as on every page
        footnotes = presenting.method(footnotes, "profile-summary-notes-method", lang)
    return section("profile-summary", t("profile.summary", lang), scroll_box(table, caption, lang), footnotes,
                   intro=t("profile.summary.intro", lang))


def _change(row: dict, lang: str):
    first, end = row["first"], row["end"]
    if not (first and end and first["year"] != end["year"]):
        return fmt.MISSING
    absolute, relative = fmt.change_text(first["value"], end["value"], row, lang, with_unit=False)
    return [html.Span(absolute), html.Span(t("profile.change_since", lang, start=int(first["year"]),
                                             end=int(end["year"]), rel=relative), className="sub")]


# -------------------------------------------------------------------------------- trends

# The charts' height on a desk; presentation mode makes them taller (assets/style.css): the graphs are
# `responsive`, their figures without a height, so plotly fills whatever box the page's CSS gives them.
CHART_HEIGHT = "240px"


def trends(data: dict, rows: list[dict], lang: str) -> html.Section:
    cards = []
    for i, row in enumerate(rows):
        heading_id = f"profile-chart-{row['indicator_id']}-heading"
        sub = view.indicator_sub(row, lang, t("profile.count_note", lang) if row["kind"] == "count" else "")
        cards.append(html.Figure([
            html.Figcaption([html.H3(row["name"], id=heading_id), html.Span(sub, className="sub")]),
            chart_slot(row),
            chart_details(row, i, lang),
        ], className="chart-card", **{"aria-labelledby": heading_id}))
    legend = html.Ul([html.Li([html.Span(className=f"swatch-line line-{key}", **{"aria-hidden": "true"}),
                               view.series_label(data, key, lang)]) for key in view.series_keys(data)],
                     className="chart-legend", id="profile-chart-legend", **{"aria-label": t("profile.legend", lang)})
    return presenting.main(section("profile-trends", t("profile.trends", lang), legend,
                                   html.P(t("profile.markers", lang), className="section-intro"),
                                   html.Div(cards, className="chart-grid"),
                                   intro=t("profile.trends.intro", lang)))


def chart_slot(row: dict) -> html.Div:
    """Where an indicator's chart goes: assets/staged_charts.js mounts its dcc.Graph there (see charts),
    and gives the mounted graph the figure of the next municipality chosen."""
    return html.Div(id=f"profile-chart-slot-{row['indicator_id']}", className="chart-slot",
                    style={"height": CHART_HEIGHT})


def charts(data: dict, rows: list[dict], lang: str) -> list:
    """Per indicator its slot and the props of its dcc.Graph in a store, for assets/staged_charts.js to
    mount the graphs one per task of the browser (the clientside callback in callbacks.py), and the
    element that callback answers to (after the sections, so another municipality's patch replaces them
    there: update.py). Returned as graphs, the eleven charts were drawn in one task of some 265 ms of
    the browser's main thread. Pattern ids: Dash's renderer refuses a plain id that a
    callback names but the page's first layout lacks."""
    key = {"nis": data["nis"]}
    return [dcc.Store(id={"type": "profile-charts", **key}, data=[{
        "slot": f"profile-chart-slot-{row['indicator_id']}",
        "graph": {"id": f"profile-graph-{row['indicator_id']}", "figure": figure(data, row, lang),
                  "config": graph_config(f"{name_word('profile', lang)}-{data['nis']}-{row['indicator_id']}", only_png=True),
                  "className": "chart", "style": {"height": CHART_HEIGHT}, "responsive": True},
    } for row in rows]), html.Div(id={"type": "profile-charts-drawn", **key}, hidden=True)]


def chart_details(row: dict, index: int, lang: str) -> html.Details:
    """The table alternative of a chart, filled when first opened (callbacks.fill_chart_table):
    built for all indicators up front it was half of the profile's server time and size."""
    key = {"indicator": row["indicator_id"]}
    return html.Details([
        html.Summary(t("profile.show_table", lang), id=f"profile-chart-table-toggle-{index}"),
        html.Div(id={"type": "profile-chart-table-box", **key}),
    ], id={"type": "profile-chart-details", **key}, className="details chart-table")


def chart_table(data: dict, row: dict, lang: str) -> html.Div:
    """Every year of every series of one indicator's chart."""
    keys = [k for k in view.SERIES if row["series"].get(k)]
    by_year: dict[int, dict] = {}
    for key in keys:
        for rec in row["series"][key]:
            by_year.setdefault(int(rec["year"]), {})[key] = rec
    head = html.Thead(html.Tr([html.Th(t("col.year", lang), scope="col")]
                              + [html.Th(view.series_label(data, k, lang), scope="col", className="num") for k in keys]))
    body = []
    for year in sorted(by_year):
        cells = [html.Th(str(year), scope="row")]
        for key in keys:
            rec = by_year[year].get(key)
            if rec is None:
                cells.append(html.Td(fmt.MISSING, className="num"))
                continue
            text = fmt.value_text(rec.get("value"), row, lang, with_unit=False)
            flag = rec.get("flag") if key != "peers" else None
            if isinstance(flag, str) and flag != "original":
                cells.append(html.Td(f"{text} · {flag_words(flag, lang)}", className="num flagged",
                                     title=value_note(rec.get("note"), data["names"], lang)))
            else:
                cells.append(html.Td(text, className="num"))
        body.append(html.Tr(cells))
    caption = t("profile.chart_table", lang, name=row["name"])
    return scroll_box(html.Table([html.Caption(caption), head, html.Tbody(body)], className="data-table compact",
                                 id=f"profile-chart-table-{row['indicator_id']}"), caption, lang)


# ------------------------------------------------------------------------- interventions

def interventions(data: dict, lang: str) -> html.Section:
    title = t("profile.interventions", lang)
    if data["interventions"] is None:
        return section("profile-interventions", title, html.P(t("profile.no_registers", lang), className="empty"))
    items = [_network(n, lang) for n in view.networks(data, lang)]
    children = []
    if items:
        children.append(html.P(t("profile.networks_n", lang, n=len(items)), className="section-intro"))
        children.append(html.Div(items, className="networks"))
    else:
        children.append(html.P(t("profile.networks_none", lang), className="empty", id="profile-networks-none"))
    facts = view.province_facts(data, lang)
    if facts:
        children.append(html.H3(t("profile.other_interventions", lang)))
        children.append(html.Ul([html.Li(f) for f in facts], id="profile-facts"))
    return section("profile-interventions", title, *children)


def _network(n: dict, lang: str) -> html.Article:
    rows = [html.Div([html.Dt(t("profile.programme", lang)), html.Dd(n["programme"])]),
            html.Div([html.Dt(t("profile.where", lang)), html.Dd(n["places"])]),
            html.Div([html.Dt(t("profile.themes", lang)), html.Dd(n["themes"])])]
    if n["lead"]:
        rows.append(html.Div([html.Dt(t("profile.lead", lang)), html.Dd(n["lead"])]))
    if n["websites"]:
        links = []
        for i, (text, href) in enumerate(n["websites"]):
            links += ([", "] if i else []) + [html.A(text, href=href, rel="noopener noreferrer") if href else text]
        rows.append(html.Div([html.Dt(t("profile.website", lang)), html.Dd(links)]))
    if n["sectors"]:
        partners = html.Div([
            html.H4(t("profile.partners", lang, n=n["n_partners"])),
            html.Ul([html.Li([html.Span(f"{label} ({len(names)}): ", className="sector"), ", ".join(names)])
                     for label, names in n["sectors"]], className="sectors")])
    else:
        partners = html.P(t("profile.partners_none", lang), className="empty")
    return html.Article([html.H3(dcc.Link(n["name"], href=project_href(n["project_id"], lang))),
                         html.Dl(rows, className="kv"), partners],
                        className="network", id=f"profile-network-{n['project_id']}")


def flags_legend(lang: str) -> html.Section:
    return section("profile-flags", t("status.legend", lang), html.Dl(
        [item for f in FLAGS for item in (html.Dt(html.Span(t(f"flag.{f}", lang), className=f"flag flag-{f}")),
                                          html.Dd(t(f"flag.{f}.help", lang)))], className="legend"),
        html.P(t("profile.sources", lang), className="section-intro"))
