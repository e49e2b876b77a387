"""The reporting tracker's layout: the filters (options and values given together, so Dash 4 has no
reset race), the legend, and the places the table and the refused attempts fill in (callbacks.py);
also the table and the refused attempts themselves, as the callback renders them.

The frame is always whole, also without a warehouse: Dash checks every callback's ids against the
first layout it builds of each page, and a missing id is an error on every page.
"""
from __future__ import annotations

from dash import dcc, html

from dashboard import db
from dashboard import formatting as fmt
from dashboard.i18n import t, t_or
from dashboard.pages.reporting import view
from dashboard.queries import project as qpr
from dashboard.ui import presenting
from dashboard.ui.components import dropdown, empty, scroll_box, section, warehouse_notice
from dashboard.ui.links import page_href, project_href


def build(chosen: dict, lang: str) -> html.Div:
    """The page for the filters of the URL (checked for form; kept only when they are options)."""
    head = [html.H1(t("reporting.title", lang)), html.P(t("reporting.intro", lang), className="lead")]
    notice = None
    try:
        options = view.filter_options(qpr.tracker_data(), lang)
    except db.WarehouseError as exc:
        notice = warehouse_notice(exc, lang)
        options = {name: [] for name in view.FILTERS}
    values = {name: chosen.get(name) if chosen.get(name) in {o["value"] for o in options[name]} else None
              for name in view.FILTERS}
    controls = html.Div([_dropdown(name, options[name], values[name], lang) for name in view.FILTERS] + [
        html.Div([
            html.Button(t("download.csv", lang), id="reporting-csv", type="button", className="button"),
            html.Button(t("download.xlsx", lang), id="reporting-xlsx", type="button", className="button"),
        ], className="control-buttons")], className="controls reporting-controls", role="group",
        **{"aria-label": t("reporting.filters", lang)})
    return html.Div(head + [
        html.Div(notice, id="reporting-notice"),
        dcc.Store(id="reporting-lang", data=lang),
        dcc.Download(id="reporting-download"),
        presenting.main(html.Section([
            html.H2(t("reporting.table", lang), id="reporting-table-heading"),
            presenting.method(html.P([t("reporting.rule", lang), " ", dcc.Link(
                t("reporting.about_link", lang), href=page_href("/data", lang))], className="section-intro"),
                "reporting-rule-text", lang),
            controls,
            html.P(id="reporting-count", className="reporting-count", **{"aria-live": "polite"}),
            _legend(lang),
            dcc.Loading(html.Div(id="reporting-table-box"), delay_show=300),
        ], id="reporting-table-section", className="card", **{"aria-labelledby": "reporting-table-heading"})),
        dcc.Loading(html.Div(id="reporting-refused-box"), delay_show=300),
    ], id="reporting-page", className="page reporting")


def _dropdown(name: str, options: list[dict], value, lang: str) -> html.Div:
    return html.Div([
        html.Label(t(f"reporting.f.{name}", lang), htmlFor=f"reporting-{name}"),
        dropdown(lang, id=f"reporting-{name}", options=options, value=value, clearable=True, searchable=False,
                 placeholder=t("reporting.f.all", lang)),
    ], className="control")


def _legend(lang: str) -> html.Ul:
    return html.Ul([html.Li([_badge(s, lang), " ", t(f"reporting.status.{s}.help", lang)]) for s in view.STATUSES],
                   className="reporting-legend", id="reporting-legend")


def _badge(status: str, lang: str) -> html.Span:
    return html.Span(t(f"reporting.status.{status}", lang), className=f"badge reporting-badge reporting-{status}")


# ------------------------------------------------------------------------------- the table

def _cell(row: dict | None, lang: str):
    if row is None:
        return html.Span(fmt.MISSING, title=t("reporting.outside", lang), className="reporting-outside")
    parts = [_badge(row["status"], lang)]
    for report in row["reports"]:
        parts.append(html.Span(view.delivery_text(report, lang), className="sub"))
        parts.append(html.Span(view.completeness_text(report, lang), className="sub reporting-filled"))
    if row["status"] == "partial":
        parts.append(html.Span(t("reporting.missing_halves", lang, periods=", ".join(view.missing_halves(row))),
                               className="sub"))
    for attempt in row["refused"]:
        parts.append(html.A(t("reporting.refused_link", lang, period=attempt.get("period") or "?",
                              n=view.problem_count(attempt)),
                            href="#reporting-refused", className="sub"))
    return parts


def tracker_table(rows: list[dict], data: dict, lang: str) -> html.Div:
    """One row per project, one column per expected year."""
    years = sorted({r["year"] for r in rows})
    by_project: dict[str, dict[int, dict]] = {}
    order = []
    for r in rows:
        if r["project_id"] not in by_project:
            order.append(r)
        by_project.setdefault(r["project_id"], {})[r["year"]] = r
    head = html.Thead(html.Tr([html.Th(t("reporting.col.project", lang), scope="col"),
                               html.Th(t("reporting.col.province", lang), scope="col"),
                               html.Th(t("reporting.col.received", lang), scope="col")]
                              + [html.Th(str(y), scope="col") for y in years]))
    body = []
    for first in order:
        cells = by_project[first["project_id"]]
        n_reports = sum(len(c["reports"]) for c in cells.values())
        received = (t("reporting.received_n", lang, n=n_reports) if first["project_received"]
                    else t("reporting.nothing", lang))
        # data-label: on a phone each row is a card (tables.css) and every cell names its column.
        body.append(html.Tr([
            html.Th([dcc.Link(first["name"], href=project_href(first["project_id"], lang)),
                     html.Span(view.programme_text(first, lang), className="sub")], scope="row"),
            html.Td(view.province_text(first["province_codes"], data, lang),
                    **{"data-label": t("reporting.col.province", lang)}),
            html.Td(received, className="reporting-received" if first["project_received"] else "reporting-nothing",
                    **{"data-label": t("reporting.col.received", lang)}),
        ] + [html.Td(_cell(cells.get(y), lang), className=f"reporting-cell reporting-cell-{cells[y]['status']}"
                     if y in cells else "reporting-cell reporting-cell-outside", **{"data-label": str(y)})
             for y in years], id=f"reporting-row-{first['project_id']}"))
    caption = t("reporting.caption", lang)
    table = html.Table([html.Caption(caption), head, html.Tbody(body)], id="reporting-table",
                       className="data-table reporting-table")
    return scroll_box(table, caption, lang)


def table_or_empty(rows: list[dict], data: dict, lang: str, chosen: dict | None = None):
    return tracker_table(rows, data, lang) if rows else no_match(chosen or {}, data, lang)


def no_match(chosen: dict, data: dict, lang: str) -> html.Div:
    """No project for the filters: which filters are in force, how to widen them, and a link to the
    tracker without filters (a plain link: the page is then built afresh from the URL)."""
    return html.Div([
        empty(t("reporting.no_match", lang)),
        html.P([t("reporting.no_match.help", lang, filters=view.filters_text(chosen, data, lang)), " ",
                html.A(t("reporting.no_match.clear", lang), href=page_href("/rapportering", lang),
                       id="reporting-clear-filters"), "."]),
    ], id="reporting-no-match", className="reporting-no-match")


# ------------------------------------------------------------------------ refused attempts

def _attempt_project(attempt: dict, names: dict[str, str], lang: str):
    project_id = attempt.get("project_id")
    if project_id and project_id in names:
        return dcc.Link(names[project_id], href=project_href(project_id, lang))
    return project_id or t("reporting.unknown_project", lang)


def _attempt(attempt: dict, names: dict[str, str], lang: str) -> html.Article:
    when = fmt.datetime_text(attempt.get("at"), lang) if attempt.get("at") else fmt.MISSING
    summary = t("reporting.refused.summary", lang, file=attempt.get("file_name") or "?", when=when,
                by=attempt.get("user") or fmt.MISSING,
                channel=t_or(f"reporting.channel.{attempt.get('channel')}", lang, str(attempt.get("channel"))),
                n=view.problem_count(attempt))
    head = html.Thead(html.Tr([html.Th(t(f"reporting.col.{c}", lang), scope="col")
                               for c in ("sheet", "cell", "message", "expected")]))
    body = html.Tbody([html.Tr([html.Td(p.get("sheet") or fmt.MISSING), html.Td(p.get("cell") or fmt.MISSING),
                                html.Td(p.get("message") or ""), html.Td(p.get("expected") or "")])
                       for p in attempt.get("problems", [])])
    caption = t("reporting.refused.caption", lang, file=attempt.get("file_name") or "?")
    more = ([html.P(t("reporting.refused.more", lang, n=attempt["problems_omitted"]), className="sub")]
            if attempt.get("problems_omitted") else [])
    resolved = [html.Span(t("reporting.resolved", lang), className="badge reporting-badge reporting-delivered")] \
        if attempt.get("resolved") else []
    return html.Article([
        html.H3([_attempt_project(attempt, names, lang), f" – {attempt.get('period') or '?'} ", *resolved]),
        html.P(summary),
        scroll_box(html.Table([html.Caption(caption), head, body], className="data-table reporting-problems"),
                   caption, lang),
        *more,
    ], className="reporting-attempt")


def refused_section(refusals: list[dict], data: dict, lang: str) -> html.Section:
    title = t("reporting.refused", lang)
    if not refusals:
        return section("reporting-refused", title, empty(t("reporting.refused.none", lang)),
                       intro=t("reporting.refused.intro", lang))
    names = view.project_names(data)
    return section("reporting-refused", title, *[_attempt(a, names, lang) for a in refusals],
                   intro=t("reporting.refused.intro", lang))
