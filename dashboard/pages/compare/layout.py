"""The comparison's layout: the controls and the ranking's frame from the URL's state (never reading
the warehouse), and the chart section and ranking header the callbacks fill in."""
from __future__ import annotations

from dash import dcc, html

from dashboard import formatting as fmt
from dashboard.i18n import t
from dashboard.pages.compare import view
from dashboard.pages.compare.figures import figure
from dashboard.profile_data import flag_words, indicator_name
from dashboard.ui import presenting, vintages
from dashboard.ui.components import ARROWS, dropdown, scroll_box, section
from dashboard.ui.downloads import name_word
from dashboard.ui.graphs import graph_config
from dashboard.ui.notes import value_note


def build(lang: str, initial: dict, mode: str, sort: dict) -> html.Div:
    """The page. `initial` is the URL's choice (indicator, nis, province, start, end): the dropdowns
    start empty (no value), because a Dash 4 dropdown that mounts with a value its still empty
    options lack sets it to None, and when that lands after the options callback's answer the choice
    is lost. The callbacks set options and value at once."""
    return html.Div([
        html.H1(t("compare.title", lang)),
        html.P(t("compare.intro", lang), className="lead"),
        vintages.placeholder("compare"),
        html.Div(id="compare-url-codes", role="status"),
        _controls(lang, mode),
        dcc.Store(id="compare-lang", data=lang),
        dcc.Store(id="compare-initial", data=initial),
        dcc.Store(id="compare-sort", data=sort),
        dcc.Store(id="compare-ranking-data"),
        # whether the viewport is a phone's (set in the browser, callbacks.VIEWPORT_JS): the chart's layout
        dcc.Store(id="compare-narrow"),
        dcc.Download(id="compare-download"),
        html.Div(id="compare-message", role="status"),
        presenting.main(dcc.Loading(html.Div(id="compare-chart"), delay_show=300)),
        _ranking_frame(lang),
    ], id="compare-page", className="page compare")


def _controls(lang: str, mode: str) -> html.Div:
    return html.Div([
        html.Div([html.Label(t("compare.indicator", lang), htmlFor="compare-indicator"),
                  dropdown(lang, id="compare-indicator", options=[], value=None, clearable=False)],
                 className="control control-wide"),
        html.Div([html.Label(t("compare.municipalities", lang, n=view.MAX_CHOSEN), htmlFor="compare-nis"),
                  dropdown(lang, id="compare-nis", options=[], value=[], multi=True,
                           placeholder=t("compare.municipalities_placeholder", lang))],
                 className="control control-wide"),
        html.Fieldset([
            html.Legend(t("compare.group", lang)),
            dcc.RadioItems(id="compare-mode", value=mode, options=[
                {"label": t("compare.mode.own", lang), "value": "own"},
                {"label": t("compare.mode.peers", lang), "value": "peers"},
                {"label": t("compare.mode.province", lang), "value": "province"}],
                className="radio-list", inputClassName="radio-input"),
            # only for "every municipality of a province" (a clientside callback follows the choice)
            html.Div([
                html.Label(t("compare.province", lang), htmlFor="compare-province", className="sub-label"),
                dropdown(lang, id="compare-province", options=[], value=None, clearable=False,
                         placeholder=t("compare.province_placeholder", lang)),
            ], id="compare-province-box", hidden=mode != "province"),
        ], className="control control-group"),
        html.Div([
            html.Div([html.Label(t("compare.start", lang), htmlFor="compare-start"),
                      dropdown(lang, id="compare-start", options=[], value=None, clearable=False)],
                     className="control control-year"),
            html.Div([html.Label(t("compare.end", lang), htmlFor="compare-end"),
                      dropdown(lang, id="compare-end", options=[], value=None, clearable=False)],
                     className="control control-year"),
        ], className="control-years"),
    ], className="controls compare-controls no-print")


def _ranking_frame(lang: str) -> html.Section:
    """The ranking's table: caption and header from the server, the body drawn in the browser."""
    return html.Section([
        html.H2(t("compare.ranking", lang), id="compare-ranking-heading"),
        html.Div([
            dcc.Checklist(id="compare-only", options=[{"label": t("compare.only_selection", lang), "value": "only"}],
                          value=[], className="checklist", inputClassName="check-input"),
            html.Div([html.Button(t("download.csv", lang), id="compare-csv", type="button", className="button"),
                      html.Button(t("download.xlsx", lang), id="compare-xlsx", type="button", className="button")],
                     className="control-buttons", role="group", **{"aria-label": t("compare.downloads", lang)}),
        ], className="ranking-tools no-print"),
        html.Div(html.Table([html.Caption(id="compare-ranking-caption"), html.Thead(id="compare-ranking-head"),
                             html.Tbody(id="compare-ranking-body")],
                            id="compare-ranking-table", className="data-table sortable ranking"),
                 id="compare-ranking", className="table-scroll", tabIndex="0", role="region",
                 **{"aria-labelledby": "compare-ranking-heading"}),
        html.Div([
            html.Button(t("compare.prev", lang), id="compare-prev", type="button", className="button button-light"),
            html.Span(id="compare-page-info", **{"aria-live": "polite"}),
            html.Button(t("compare.next", lang), id="compare-next", type="button", className="button button-light"),
        ], className="pager no-print"),
        dcc.Store(id="compare-page", data=0),
    ], id="compare-ranking-section", className="card", **{"aria-labelledby": "compare-ranking-heading"})


def message(mode, nis: list[str], province, lang: str):
    """What the view still needs (a municipality for peers, a province), or None."""
    if mode == "peers" and not nis:
        key = "compare.peers_need_one"
    elif mode == "province" and not province:
        key = "compare.province_need"
    else:  # nothing chosen in the default mode: the chart's place shows the steps (`guidance`)
        return None
    return html.P(t(key, lang), className="notice")


def unknown_codes(codes: list[str], lang: str) -> html.P | None:
    """Says which codes of the URL name no municipality (left out of the comparison), or None."""
    if not codes:
        return None
    return html.P(t("compare.unknown_codes", lang, codes=", ".join(codes)), className="notice")


def unknown_indicator(indicator, lang: str) -> html.Div:
    return html.Div(t("compare.unknown_indicator", lang, indicator=str(indicator)[:64]), className="notice",
                    id="compare-unknown")


def chart_section(data: dict, lines: list[dict], lang: str, narrow: bool = False) -> html.Section:
    if not lines:  # nothing chosen yet: say what to do instead of drawing empty axes
        return guidance(lang)
    ind = data["ind"]
    method = view.method_sentence(data, lang)
    return section(
        "compare-trend", t("compare.trend", lang, indicator=indicator_name(ind, lang)),
        presenting.method(html.P(method, id="compare-method", className="section-intro method"),
                          "compare-method-text", lang) if method else None,
        html.P(t("compare.count_note", lang), className="section-intro") if ind["kind"] == "count" else None,
        dcc.Graph(id="compare-graph", figure=figure(data, lines, lang, narrow),
                  config=graph_config(f"{name_word('comparison', lang)}-{ind['indicator_id']}", only_png=True)),
        chart_details(lang),
        html.P(view.definition(ind, lang), className="section-intro"))


def guidance(lang: str) -> html.Section:
    """The chart's place while no municipality, peer group or province is chosen: the steps."""
    return section("compare-guide", t("compare.guide.title", lang),
                   html.Ol([html.Li(t(f"compare.guide.step{i}", lang)) for i in (1, 2, 3)], className="guide-steps"))


# The chart table's place, filled when first opened (callbacks.fill_chart_table): a province's 20 to
# 70 lines made it some 700 components, built and revisited by Dash's renderer while folded away.
CHART_TABLE_KEY = {"chart": "trend"}


def chart_details(lang: str) -> html.Details:
    return html.Details([html.Summary(t("profile.show_table", lang), id="compare-chart-table-toggle"),
                         html.Div(id={"type": "compare-chart-table-box", **CHART_TABLE_KEY})],
                        id={"type": "compare-chart-details", **CHART_TABLE_KEY}, className="details chart-table")


def chart_table(data: dict, lines: list[dict], lang: str) -> html.Div:
    """The chart as a table: a row per line, a column per year."""
    ind = data["ind"]
    years = [int(y) for y in ind["years"]]
    head = html.Thead(html.Tr([html.Th(t("compare.col.series", lang), scope="col")]
                              + [html.Th(str(y), scope="col", className="num") for y in years]))
    body = []
    for s in lines:
        cells = [html.Th(s["label"], scope="row")]
        for _y, v, f, n in s["points"]:
            text = fmt.value_text(v, ind, lang)
            if isinstance(f, str) and f != "original":
                cells.append(html.Td(f"{text} · {flag_words(f, lang)}", className="num flagged",
                                     title=value_note(n, data["names"], lang)))
            else:
                cells.append(html.Td(text, className="num"))
        body.append(html.Tr(cells))
    caption = t("compare.chart_table", lang, indicator=indicator_name(ind, lang))
    return scroll_box(html.Table([html.Caption(caption), head, html.Tbody(body)],
                                 id="compare-chart-table", className="data-table compact"), caption, lang)


def _aria(key: str, sort: dict) -> str:
    if sort.get("key") != key:
        return "none"
    return "ascending" if sort.get("asc") else "descending"


def ranking_head(data: dict, sort: dict, lang: str) -> html.Tr:
    """The ranking's header row: real <button>s to sort, aria-sort on the <th>; the body is drawn in
    the browser from `compare-ranking-data` (callbacks.RENDER_JS)."""
    head = []
    for key, label in view.columns(data, lang):
        state = _aria(key, sort)
        button = html.Button([html.Span(label), html.Span(ARROWS[state], className="sort-arrow", **{"aria-hidden": "true"},
                                                          id={"type": "compare-sort-arrow", "col": key})],
                             id={"type": "compare-sort-button", "col": key}, type="button", className="sort-button",
                             title=t("sort.button", lang, label=label))
        # ranking-col-<key>: the columns a phone leaves out (assets/tables.css) are found by name
        head.append(html.Th(button, scope="col", className=f"{'num ' if key in view.NUMERIC else ''}ranking-col-{key}",
                            id={"type": "compare-sort-th", "col": key}, **{"aria-sort": state}))
    return html.Tr(head)
