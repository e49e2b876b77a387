"""The action plan's layout: the frame with the search and filters (`build`, no data read) and the
content the callback fills: the counting rule in words, a chart per right and per minister (each with
its table and downloads), and the list of actions."""
from __future__ import annotations

from dash import dcc, html

from dashboard import formatting as fmt
from dashboard.i18n import t
from dashboard.pages.actions import figures, view
from dashboard.pages.actions.view import CHARTS, MAX_QUERY
from dashboard.ui import downloads, presenting
from dashboard.ui.components import dropdown, plain_table, section, sortable_table
from dashboard.ui.graphs import graph_config
from dashboard.urls import page_href

PATH = "/actieplan"
LONGEST_TITLE = 140  # characters of an action's title quoted in the note on the largest amount
# Rows per page of the list of actions: the browser renders only these (201 rows at once block it for
# seconds); the exports have every row.
PAGE_ROWS = 20
# From this share of the total shown, the largest action is named under each chart: on the linear axis
# it makes the other bars short, and the reader should know why.
OUTLIER_SHARE = 0.5


def build(text: str, initial: dict, lang: str) -> html.Div:
    """The page for the URL's search `text` and choices `initial` (right, minister; validated)."""
    controls = html.Div([
        html.Div([
            html.Label(t("actions.search", lang), htmlFor="actions-search"),
            dcc.Input(id="actions-search", type="search", value=text, debounce=0.4, maxLength=MAX_QUERY,
                      placeholder=t("actions.search_placeholder", lang), className="text-input", autoComplete="off"),
        ], className="control control-wide"),
        html.Div([
            html.Label(t("actions.right", lang), htmlFor="actions-right"),
            dropdown(lang, id="actions-right", options=[], value=None, clearable=True, placeholder=t("actions.all", lang)),
        ], className="control"),
        html.Div([
            html.Label(t("actions.minister", lang), htmlFor="actions-minister"),
            dropdown(lang, id="actions-minister", options=[], value=None, clearable=True,
                     placeholder=t("actions.all", lang)),
        ], className="control"),
        html.Div([
            html.Button(t("download.csv", lang), id="actions-csv", type="button", className="button"),
            html.Button(t("download.xlsx", lang), id="actions-xlsx", type="button", className="button"),
        ], className="control-buttons"),
    ], className="controls", role="search", **{"aria-label": t("actions.filters", lang)})
    return html.Div([
        html.H1(t("actions.title", lang)),
        html.P(t("actions.intro", lang), className="lead"),
        controls,
        dcc.Store(id="actions-lang", data=lang),
        dcc.Store(id="actions-initial", data=initial),
        dcc.Download(id="actions-download"),
        *[dcc.Download(id={"type": "actions-chart-download", "chart": chart[0]}) for chart in CHARTS],
        html.Div(id="actions-summary", **{"aria-live": "polite"}),
        dcc.Loading(html.Div(id="actions-content"), delay_show=300),
    ], id="actions-page", className="page actions")


def summary(numbers: dict, lang: str, filters: str = "") -> html.Div:
    """How many actions are found, with and without a counted amount, and their counted sum; when none
    is found, that nothing matches the `filters` (in words) and how to widen them, never a sum of €0."""
    if not numbers["n"]:
        return no_match(numbers, filters, lang)
    return html.Div([
        html.P(t("actions.count", lang, n=fmt.integer(numbers["n"], lang), total=fmt.integer(numbers["total"], lang),
                 with_amount=fmt.integer(numbers["with_amount"], lang),
                 without=fmt.integer(numbers["n"] - numbers["with_amount"], lang)),
               id="actions-count", className="portfolio-count"),
        html.P(t("actions.total", lang, amount=fmt.euro(numbers["amount"], 0, lang)), id="actions-total",
               className="actions-total"),
    ])


def no_match(numbers: dict, filters: str, lang: str) -> html.Div:
    """Nothing found: said first (in the live region), the search and filters in force, and a link to
    the page without them (a plain link: the page is then built afresh from the URL)."""
    total = fmt.integer(numbers["total"], lang)
    return html.Div([
        html.P(t("actions.no_match", lang, total=total), id="actions-count", className="portfolio-count"),
        html.P([t("actions.no_match.help", lang, filters=filters), " ",
                html.A(t("actions.no_match.clear", lang, total=total), href=page_href(PATH, lang), id="actions-clear"),
                "."]),
    ], id="actions-no-match", className="notice")


def content(rows: list[dict], data: dict, text, right, minister, lang: str) -> list:
    """The rule, the charts and the list for the found actions `rows`; nothing when none is found (the
    summary then says so and how to widen the search)."""
    if not rows:
        return []
    numbers = view.summary_numbers(rows, data)
    total = fmt.integer(numbers["total"], lang)
    rule = section("actions-rule", t("actions.rule", lang),
                   html.Ul([html.Li(t("actions.rule.1", lang)), html.Li(t("actions.rule.2", lang)),
                            html.Li(t("actions.rule.3", lang)),
                            html.Li(t("actions.rule.4", lang, none=fmt.integer(numbers["all_none"], lang), total=total)),
                            html.Li(t("actions.minister_rule", lang, n=fmt.integer(numbers["legend_differs"], lang),
                                      total=total), id="actions-minister-rule")],
                           className="rule-list"),
                   _largest_note(rows, data, numbers["amount"], lang))
    charts = html.Div([_chart(chart, rows, data, lang) for chart in CHARTS], className="chart-grid actions-charts")
    columns = [
        {"key": "action_id", "kind": "code", "label": t("actions.col.id", lang)},
        # the plan's own words (title, administration, budget text) are quotes: Dutch in every language
        {"key": "title", "kind": "text", "label": t("actions.col.title", lang), "sub_key": "administration",
         "quote_lang": "nl"},
        {"key": "right_label", "kind": "text", "label": t("actions.col.right", lang)},
        {"key": "minister_name", "kind": "text", "label": t("actions.col.minister", lang)},
        {"key": "budget_text", "kind": "text", "label": t("actions.col.budget_text", lang), "sortable": False,
         "quote_lang": "nl"},
        {"key": "amount", "kind": "int", "label": t("actions.col.amount", lang), "sub_key": "basis"},
    ]
    caption = t("actions.list.caption", lang, filters=view.filters_text(text, right, minister, data, lang))
    table = sortable_table("actions-table", columns, view.action_rows(rows, data, lang), lang, caption,
                           page_size=PAGE_ROWS)
    return [presenting.method(rule, "actions-rule-text", lang), presenting.main(charts),
            section("actions-list", t("actions.list", lang), table)]


def _largest_note(rows: list[dict], data: dict, total_amount: float, lang: str):
    found = view.largest(rows, data)
    if found is None or not total_amount:
        return None
    best, amount = found
    title = best["title"] if len(best["title"]) <= LONGEST_TITLE else best["title"][:LONGEST_TITLE - 1] + "…"
    return html.P([t("actions.largest", lang, action=best["action_id"], amount=fmt.euro(amount, 0, lang),
                     share=fmt.percent(amount / total_amount * 100, 0, lang)), " ",
                   html.Q(title, lang="nl")],  # the plan's title, quoted as written
                  id="actions-largest", className="method")


def _outlier_note(chart: tuple, rows: list[dict], data: dict, lang: str):
    """Under a chart: the one action that dominates the total shown, and in which bar it sits; None
    when no action reaches OUTLIER_SHARE."""
    found = view.largest(rows, data)
    total = view.summary_numbers(rows, data)["amount"]
    if found is None or not total or found[1] / total < OUTLIER_SHARE:
        return None
    best, amount = found
    name, key, label, _title, _group = chart
    group = f"{best[key]} {view.group_label(key, best, label, lang)}"
    return html.P(t("actions.outlier", lang, action=best["action_id"], amount=fmt.euro(amount, 0, lang),
                    share=fmt.percent(amount / total * 100, 0, lang), group=group),
                  id=f"actions-chart-{name}-outlier", className="chart-note")


def _chart(chart: tuple, rows: list[dict], data: dict, lang: str) -> html.Figure:
    name, _key, _label, title_key, group_key = chart
    groups = view.chart_groups(name, rows, data, lang)
    table_columns = [
        {"key": "name", "kind": "text", "label": t(group_key, lang)},
        {"key": "actions", "kind": "int", "label": t("actions.col.actions", lang)},
        {"key": "with_amount", "kind": "int", "label": t("actions.col.with_amount", lang)},
        {"key": "without_amount", "kind": "int", "label": t("actions.col.without_amount", lang)},
        {"key": "amount", "kind": "int", "label": t("actions.col.amount", lang)},
    ]
    title = t(title_key, lang)
    return html.Figure([
        html.Figcaption(html.H3(title, id=f"actions-chart-{name}-title")),
        dcc.Graph(id=f"actions-graph-{name}", figure=figures.amount_bars(groups, lang),
                  config=graph_config(downloads.file_name(downloads.name_word("action_plan", lang),
                                                          downloads.name_word(f"action_plan.{name}", lang), ext="png")[:-4],
                                       only_png=True), className="chart",
                  style={"height": f"{figures.height(groups)}px"}),
        _outlier_note(chart, rows, data, lang),
        html.Details([
            html.Summary(t("actions.show_table", lang), id=f"actions-chart-{name}-toggle"),
            plain_table(f"actions-chart-table-{name}", table_columns, groups, lang, title),
        ], className="chart-table details", id=f"actions-chart-{name}-details"),
        html.Div([
            html.Button(t("actions.chart_csv", lang), id={"type": "actions-chart-csv", "chart": name}, type="button",
                        className="button button-small"),
            html.Button(t("actions.chart_xlsx", lang), id={"type": "actions-chart-xlsx", "chart": name}, type="button",
                        className="button button-small"),
        ], className="control-buttons no-print"),
    ], className="chart-card", id=f"actions-chart-{name}")
