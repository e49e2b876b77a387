"""Action plan (`/actieplan`): the 201 actions of the Vlaams Actieplan Armoedebestrijding 2015-2019
by fundamental right and by minister, searchable and exportable, with the amounts the plan states.

Which amounts are summed is decided in one place, `queries.portfolio.counted_amounts` (one amount per
action, a lower bound; see its docstring), and the page states the rule in words.

The view lives in the URL: `?q=kinderopvang&right=04&minister=07&lang=en`. Charts (per right, per
minister) follow the filters; each has a table with the same figures and a CSV of them.
"""
from __future__ import annotations

import math
from datetime import datetime

import dash
from dash import MATCH, Input, Output, State, callback, dcc, html, no_update

from dashboard import db
from dashboard.ui import downloads
from dashboard import formatting as fmt
from dashboard.queries import portfolio as qp
from dashboard.ui.components import dropdown, empty, plain_table, section, sortable_table, warehouse_notice
from dashboard.i18n import normalise_lang, t
from dashboard.urls import with_query

dash.register_page(
    __name__, path="/actieplan", name="Actieplan", title="Actieplan 2015-2019 – Kinderarmoedemonitor", order=60,
    nav_key="nav.actions",
    description="De 201 acties van het Vlaams Actieplan Armoedebestrijding 2015-2019, per grondrecht en minister.",
)

GRAPH_CONFIG = {"displaylogo": False, "responsive": True, "modeBarButtons": [["toImage"]],
                "toImageButtonOptions": {"format": "png", "scale": 2}}
CHARTS = (("right", "right_code", "right_label", "actions.by_right", "actions.col.group_right"),
          ("minister", "minister_code", "minister_name", "actions.by_minister", "actions.col.group_minister"))
MAX_QUERY = 200


def layout(q=None, right=None, minister=None, lang=None, **_query):
    lang = normalise_lang(lang)
    text = (qp.one(q) or "")[:MAX_QUERY]
    initial = {"right": qp.valid_code(right), "minister": qp.valid_code(minister)}
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
        dcc.Download(id="actions-download-csv"),
        dcc.Download(id="actions-download-xlsx"),
        dcc.Download(id={"type": "actions-chart-download", "chart": "right"}),
        dcc.Download(id={"type": "actions-chart-download", "chart": "minister"}),
        html.Div(id="actions-summary", **{"aria-live": "polite"}),
        dcc.Loading(html.Div(id="actions-content"), delay_show=300),
    ], id="actions-page", className="page actions")


# ------------------------------------------------------------------------------ callbacks

@callback(Output("actions-right", "options"), Output("actions-right", "value"),
          Output("actions-minister", "options"), Output("actions-minister", "value"),
          Input("actions-lang", "data"), State("actions-initial", "data"))
def _options(_lang, initial):
    initial = initial or {}
    try:
        data = load()
    except db.WarehouseError:
        return [], None, [], None
    rights = _group_options(data["actions"], "right_code", "right_label")
    ministers = _group_options(data["actions"], "minister_code", "minister_name")
    right = initial.get("right") if initial.get("right") in {o["value"] for o in rights} else None
    minister = initial.get("minister") if initial.get("minister") in {o["value"] for o in ministers} else None
    return rights, right, ministers, minister


def _group_options(rows, key, label):
    seen = {}
    for a in rows:
        seen.setdefault(a[key], f"{a[key]} {a[label]}")
    return [{"label": seen[k], "value": k} for k in sorted(seen)]


@callback(Output("actions-content", "children"), Output("actions-summary", "children"),
          Input("actions-search", "value"), Input("actions-right", "value"), Input("actions-minister", "value"),
          Input("actions-lang", "data"))
def _fill(text, right, minister, lang):
    return render(text, right, minister, normalise_lang(lang))


@callback(Output("app-url", "search", allow_duplicate=True),
          Input("actions-search", "value"), Input("actions-right", "value"), Input("actions-minister", "value"),
          State("app-url", "search"), State("app-url", "pathname"), prevent_initial_call=True)
def _sync_url(text, right, minister, search, pathname):
    if pathname and not pathname.rstrip("/").endswith("/actieplan"):
        return no_update
    new = with_query("", search, q=(text or "").strip()[:MAX_QUERY] or None, right=right or None,
                     minister=minister or None)
    return new if new != (search or "") else no_update


@callback(Output("actions-download-csv", "data"), Input("actions-csv", "n_clicks"),
          State("actions-search", "value"), State("actions-right", "value"), State("actions-minister", "value"),
          State("actions-lang", "data"), prevent_initial_call=True)
def _download_csv(_n, text, right, minister, lang):
    if not _n:
        return no_update
    sheets = export(text, right, minister, normalise_lang(lang))
    if sheets is None:
        return no_update
    return dcc.send_bytes(downloads.csv_bytes(sheets[0].columns, sheets[0].rows),
                          downloads.file_name("actieplan_2015_2019", _today(), ext="csv"), type=downloads.CSV_MIME)


@callback(Output("actions-download-xlsx", "data"), Input("actions-xlsx", "n_clicks"),
          State("actions-search", "value"), State("actions-right", "value"), State("actions-minister", "value"),
          State("actions-lang", "data"), prevent_initial_call=True)
def _download_xlsx(_n, text, right, minister, lang):
    if not _n:
        return no_update
    sheets = export(text, right, minister, normalise_lang(lang))
    if sheets is None:
        return no_update
    return dcc.send_bytes(downloads.workbook_bytes(sheets),
                          downloads.file_name("actieplan_2015_2019", _today(), ext="xlsx"), type=downloads.XLSX_MIME)


@callback(Output({"type": "actions-chart-download", "chart": MATCH}, "data"),
          Input({"type": "actions-chart-csv", "chart": MATCH}, "n_clicks"),
          Input({"type": "actions-chart-xlsx", "chart": MATCH}, "n_clicks"),
          State("actions-search", "value"), State("actions-right", "value"), State("actions-minister", "value"),
          State("actions-lang", "data"), prevent_initial_call=True)
def _download_chart(n_csv, n_xlsx, text, right, minister, lang):
    trigger = dash.ctx.triggered_id
    if not isinstance(trigger, dict) or not (n_csv or n_xlsx):
        return no_update
    chart, lang = trigger["chart"], normalise_lang(lang)
    made = chart_export(chart, text, right, minister, lang)
    if made is None:
        return no_update
    columns, rows = made
    if trigger["type"] == "actions-chart-xlsx":
        sheet = downloads.Sheet(t(next(k for k in CHARTS if k[0] == chart)[3], lang), columns, rows,
                                [filters_text(text, right, minister, load(), lang)])
        return dcc.send_bytes(downloads.workbook_bytes([sheet]),
                              downloads.file_name("actieplan", f"per_{chart}", _today(), ext="xlsx"))
    return dcc.send_bytes(downloads.csv_bytes(columns, rows),
                          downloads.file_name("actieplan", f"per_{chart}", _today(), ext="csv"), type=downloads.CSV_MIME)


# ----------------------------------------------------------------------------------- data

def _load(r) -> dict:
    actions = qp.actions(r)
    budgets = qp.action_budgets(r)
    return {"actions": actions, "budgets": budgets, "counted": qp.counted_amounts(budgets)}


def load() -> dict:
    with db.reader() as r:
        return qp.per_build(r, _load)


def _today() -> str:
    return datetime.now().strftime("%Y-%m-%d")


def filters_text(text, right, minister, data, lang) -> str:
    parts = []
    if text and text.strip():
        parts.append(f"{t('actions.search', lang)}: “{text.strip()}”")
    for value, key, label, name in ((right, "right_code", "right_label", "actions.right"),
                                    (minister, "minister_code", "minister_name", "actions.minister")):
        if value:
            found = next((a[label] for a in data["actions"] if a[key] == value), value)
            parts.append(f"{t(name, lang)} = {found}")
    return "; ".join(parts) if parts else t("portfolio.f.none", lang)


def _amount_words(b: dict, lang: str) -> str:
    reason = qp.amount_excluded(b)
    if qp._is_true(b.get("per_unit")):
        kind = t("actions.q.per_unit", lang)
    elif b.get("qualifier") == "year":
        kind = t("actions.q.year", lang, year=b.get("year"))
    else:
        kind = t(f"actions.q.{b.get('qualifier')}", lang) if b.get("qualifier") in ("per_year", "total", "increase") \
            else str(b.get("qualifier"))
    text = f"{fmt.euro(b.get('amount_eur'), 2 if (b.get('amount_eur') or 0) % 1 else 0, lang)} {kind}"
    if reason:
        text += f" ({t('actions.q.excluded', lang)})"
    return text


def action_rows(rows: list[dict], data: dict, lang: str) -> list[dict]:
    by_action: dict[str, list[dict]] = {}
    for b in data["budgets"]:
        by_action.setdefault(b["action_id"], []).append(b)
    out = []
    for a in rows:
        c = data["counted"].get(a["action_id"])
        amounts = by_action.get(a["action_id"], [])
        basis = t(f"actions.basis.{c['basis']}", lang) if c else t("actions.basis.no_amount", lang)
        out.append({**a, "amount": c["amount"] if c else None, "basis": basis,
                    "amounts": "; ".join(_amount_words(b, lang) for b in amounts),
                    "source": f"{a.get('source_doc')}: {a.get('source_ref')}"})
    return out


def render(text, right, minister, lang: str):
    try:
        data = load()
    except db.WarehouseError as exc:
        return warehouse_notice(exc, lang), None
    text = (text or "")[:MAX_QUERY]
    rows = qp.search_actions(data["actions"], text, right, minister)
    counted = data["counted"]
    with_amount = sum(1 for a in rows if counted.get(a["action_id"], {}).get("amount") is not None)
    total_amount = sum(counted[a["action_id"]]["amount"] for a in rows
                       if counted.get(a["action_id"], {}).get("amount") is not None)
    summary = html.Div([
        html.P(t("actions.count", lang, n=fmt.integer(len(rows), lang), total=fmt.integer(len(data["actions"]), lang),
                 with_amount=fmt.integer(with_amount, lang), without=fmt.integer(len(rows) - with_amount, lang)),
               id="actions-count", className="portfolio-count"),
        html.P(t("actions.total", lang, amount=fmt.euro(total_amount, 0, lang)), id="actions-total",
               className="actions-total"),
    ])
    all_none = sum(1 for a in data["actions"] if counted.get(a["action_id"], {}).get("amount") is None)
    legend_differs = sum(1 for a in data["actions"] if a["minister_name"] != a["minister_name_legend"])
    rule = section("actions-rule", t("actions.rule", lang),
                   html.Ul([html.Li(t("actions.rule.1", lang)), html.Li(t("actions.rule.2", lang)),
                            html.Li(t("actions.rule.3", lang)),
                            html.Li(t("actions.rule.4", lang, none=fmt.integer(all_none, lang),
                                      total=fmt.integer(len(data["actions"]), lang))),
                            html.Li(t("actions.minister_rule", lang, n=fmt.integer(legend_differs, lang),
                                      total=fmt.integer(len(data["actions"]), lang)), id="actions-minister-rule")],
                           className="rule-list"),
                   _largest_note(rows, counted, total_amount, lang))
    if not rows:
        return [rule, empty(t("actions.no_match", lang))], summary
    charts = html.Div([_chart(kind, rows, counted, lang) for kind in CHARTS], className="chart-grid actions-charts")
    display = action_rows(rows, data, lang)
    columns = [
        {"key": "action_id", "kind": "code", "label": t("actions.col.id", lang)},
        {"key": "title", "kind": "text", "label": t("actions.col.title", lang), "sub_key": "administration"},
        {"key": "right_label", "kind": "text", "label": t("actions.col.right", lang)},
        {"key": "minister_name", "kind": "text", "label": t("actions.col.minister", lang)},
        {"key": "budget_text", "kind": "text", "label": t("actions.col.budget_text", lang), "sortable": False},
        {"key": "amount", "kind": "int", "label": t("actions.col.amount", lang), "sub_key": "basis"},
    ]
    caption = t("actions.list.caption", lang, filters=filters_text(text, right, minister, data, lang))
    table = sortable_table("actions-table", columns, display, lang, caption)
    return [rule, charts, section("actions-list", t("actions.list", lang), table)], summary


def _largest_note(rows, counted, total_amount, lang):
    best = max((a for a in rows if counted.get(a["action_id"], {}).get("amount") is not None),
               key=lambda a: counted[a["action_id"]]["amount"], default=None)
    if best is None or not total_amount:
        return None
    amount = counted[best["action_id"]]["amount"]
    title = best["title"] if len(best["title"]) <= 140 else best["title"][:139] + "…"
    return html.P(t("actions.largest", lang, action=best["action_id"], amount=fmt.euro(amount, 0, lang),
                    share=fmt.percent(amount / total_amount * 100, 0, lang), title=title),
                  id="actions-largest", className="method")


def _chart(kind, rows, counted, lang):
    name, key, label, title_key, group_key = kind
    groups = qp.summarise(rows, counted, key, label)
    labels = [f"{g['code']} {g['label']}" for g in groups]
    amounts = [g["amount"] for g in groups]
    hover = [f"{lab}<br>{fmt.euro(g['amount'], 0, lang)}<br>"
             f"{t('actions.col.with_amount', lang)}: {g['with_amount']} / {g['actions']}"
             for lab, g in zip((_esc(x) for x in labels), groups)]
    texts = [fmt.euro(a, 0, lang) for a in amounts]
    positive = [a for a in amounts if a and a > 0]
    # One action (child benefit, 3.45 billion) dwarfs the rest: a log axis keeps every bar readable,
    # and every bar carries its value as text.
    log = bool(positive) and max(positive) / min(positive) > 100
    height = max(260, 36 * len(groups) + 100)
    # A plain figure dict: plotly's validation (go.Figure) cost more than the rest of the page.
    bar = {"type": "bar", "x": [a if a and a > 0 else None for a in amounts] if log else amounts, "y": labels,
           "orientation": "h", "marker": {"color": "#0b4f8a"}, "text": texts, "textposition": "auto",
           "cliponaxis": False, "insidetextfont": {"color": "#ffffff"}, "outsidetextfont": {"color": "#1f2933"},
           "hovertext": hover, "hoverinfo": "text"}
    axis_title = t("actions.chart_axis_log" if log else "actions.chart_axis", lang)
    xaxis = {"title": {"text": axis_title}, "gridcolor": "#e3e7eb"}
    if log:
        low, high = math.floor(math.log10(min(positive))), math.ceil(math.log10(max(positive)))
        ticks = [10 ** k for k in range(low, high + 1, 1 if high - low <= 4 else 2)]
        xaxis.update(type="log", range=[low - 0.1, math.log10(max(positive)) + 1.4], tickangle=0,
                     tickvals=ticks, ticktext=[_short_euro(v, lang) for v in ticks])
    else:
        xaxis.update(tickformat=",.0f", rangemode="tozero", tickangle=0,
                     range=[0, (max(positive) if positive else 1) * 1.35])
    fig = {"data": [bar], "layout": {
        "height": height, "margin": {"l": 10, "r": 20, "t": 10, "b": 50}, "xaxis": xaxis,
        "yaxis": {"autorange": "reversed", "automargin": True},
        "separators": ",." if lang == "nl" else ".,", "plot_bgcolor": "#fff", "paper_bgcolor": "#fff",
        "font": {"family": "system-ui, sans-serif", "size": 13},
    }}
    table_columns = [
        {"key": "name", "kind": "text", "label": t(group_key, lang)},
        {"key": "actions", "kind": "int", "label": t("actions.col.actions", lang)},
        {"key": "with_amount", "kind": "int", "label": t("actions.col.with_amount", lang)},
        {"key": "without_amount", "kind": "int", "label": t("actions.col.without_amount", lang)},
        {"key": "amount", "kind": "int", "label": t("actions.col.amount", lang)},
    ]
    table_rows = [{**g, "name": lab} for g, lab in zip(groups, labels)]
    title = t(title_key, lang)
    return html.Figure([
        html.Figcaption(html.H3(title, id=f"actions-chart-{name}-title")),
        dcc.Graph(id=f"actions-graph-{name}", figure=fig, config=GRAPH_CONFIG, className="chart",
                  style={"height": f"{height}px"}),
        html.Details([
            html.Summary(t("actions.show_table", lang), id=f"actions-chart-{name}-toggle"),
            plain_table(f"actions-chart-table-{name}", table_columns, table_rows, lang, title),
        ], className="chart-table details", id=f"actions-chart-{name}-details"),
        html.Div([
            html.Button(t("actions.chart_csv", lang), id={"type": "actions-chart-csv", "chart": name}, type="button",
                        className="button button-small"),
            html.Button(t("actions.chart_xlsx", lang), id={"type": "actions-chart-xlsx", "chart": name}, type="button",
                        className="button button-small"),
        ], className="control-buttons no-print"),
    ], className="chart-card", id=f"actions-chart-{name}")


def _short_euro(value: float, lang: str) -> str:
    """Axis labels that fit: 100.000, 1 mln, 1 mld (nl) / 100,000, 1M, 1bn (en)."""
    for factor, nl, en in ((1e9, "mld", "bn"), (1e6, "mln", "M")):
        if value >= factor:
            n = fmt.number(value / factor, 0, lang)
            return f"{n} {nl}" if lang == "nl" else f"{n}{en}"
    return fmt.number(value, 0, lang)


def _esc(text: str) -> str:
    """Plotly reads a few HTML tags in hover text: escape data before it goes there."""
    import html as html_lib

    return html_lib.escape(str(text), quote=False)


# -------------------------------------------------------------------------------- exports

def export(text, right, minister, lang: str):
    """[actions sheet, amounts sheet] for the current search; None without a warehouse."""
    try:
        data = load()
    except db.WarehouseError:
        return None
    rows = qp.search_actions(data["actions"], (text or "")[:MAX_QUERY], right, minister)
    display = action_rows(rows, data, lang)
    intro = [t("actions.export_title", lang),
             f"{t('portfolio.export_filters', lang, filters=filters_text(text, right, minister, data, lang))} "
             f"({len(rows)})",
             t("actions.export_rule", lang),
             t("actions.export_source", lang, date=fmt.datetime_text(datetime.now().isoformat(timespec="minutes"), lang))]
    C = downloads.Column
    columns = [C("action_id", t("actions.col.id", lang)), C("right_label", t("actions.col.right", lang)),
               C("minister_name", t("actions.col.minister", lang)),
               C("minister_name_legend", t("actions.col.minister_legend", lang)),
               C("cabinet", t("actions.col.cabinet", lang)), C("title", t("actions.col.title_plain", lang)),
               C("administration", t("actions.col.administration", lang)),
               C("budget_text", t("actions.col.budget_text", lang)), C("amounts", t("actions.col.amounts", lang)),
               C("amount", t("actions.col.amount", lang), "number", 2), C("basis", t("actions.col.basis", lang)),
               C("evaluation_text", t("actions.col.evaluation", lang)), C("source", t("actions.col.source", lang))]
    ids = {a["action_id"] for a in rows}
    amount_rows = []
    for b in data["budgets"]:
        if b["action_id"] in ids:
            amount_rows.append({**b, "what": _amount_words(b, lang),
                                "counts": t("actions.no" if qp.amount_excluded(b) else "actions.yes", lang)})
    amount_columns = [C("action_id", t("actions.col.id", lang)),
                      C("amount_eur", t("actions.col.amount_stated", lang), "number", 2),
                      C("what", t("actions.col.qualifier", lang)), C("counts", t("actions.col.counts", lang)),
                      C("text_fragment", t("actions.col.fragment", lang))]
    return [downloads.Sheet(t("actions.sheet.actions", lang), columns, display, intro=intro),
            downloads.Sheet(t("actions.sheet.amounts", lang), amount_columns, amount_rows, intro=intro[:3])]


def chart_export(chart, text, right, minister, lang: str):
    """(columns, rows) of the figures behind one chart."""
    kind = next((k for k in CHARTS if k[0] == chart), None)
    if kind is None:
        return None
    try:
        data = load()
    except db.WarehouseError:
        return None
    rows = qp.search_actions(data["actions"], (text or "")[:MAX_QUERY], right, minister)
    groups = qp.summarise(rows, data["counted"], kind[1], kind[2])
    C = downloads.Column
    columns = [C("code", "Code"), C("label", t(kind[4], lang)), C("actions", t("actions.col.actions", lang), "int"),
               C("with_amount", t("actions.col.with_amount", lang), "int"),
               C("without_amount", t("actions.col.without_amount", lang), "int"),
               C("amount", t("actions.col.amount", lang), "number", 2)]
    return columns, groups
