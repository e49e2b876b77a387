"""The need page's layout: the frame built from the view in the URL (`build`), and the sections the
callbacks fill (quadrant counts, shortlist table, spread, curve, split-rule box) as Dash components
from the view model. No data is read for the frame; its indicator and year are filled by callbacks.
"""
from __future__ import annotations

from dash import dcc, html

from dashboard import formatting as fmt
from dashboard import need
from dashboard.i18n import t
from dashboard.pages.need import figures, view
from dashboard.pages.need.state import GAP_BELOW, REGIONS
from dashboard.ui import presenting, printing
from dashboard.ui.components import dropdown, scroll_box, sortable_table
from dashboard.ui.downloads import DEFAULT_DECIMALS, Sheet, name_word
from dashboard.ui.graphs import graph_config
from dashboard.ui.text import counted

SECTIONS = ("scatter", "gap", "spread", "curve")
# The rows a chart's table shows at a time: the scatter's 304 municipalities as 304 rows of components
# would be revisited by Dash's renderer on every update of the page (sortable_table turns the pages).
TABLE_ROWS = 20


def _control(label: str, for_id: str, control, extra: str = "") -> html.Div:
    return html.Div([html.Label(label, htmlFor=for_id), control], className=f"control {extra}".strip())


def _downloads(name: str, lang: str) -> dcc.Loading:
    # dimmed with a spinner while its file is made: under load the request can wait behind the page's own
    return dcc.Loading(html.Div([
        html.Button(t("download.csv", lang), id=f"need-{name}-csv", type="button", className="button button-light"),
        html.Button(t("download.xlsx", lang), id=f"need-{name}-xlsx", type="button", className="button button-light"),
        dcc.Download(id=f"need-{name}-download"),
    ], className="control-buttons need-downloads no-print", role="group",
        **{"aria-label": t("need.downloads", lang)}),
        target_components={f"need-{name}-download": "data"}, delay_show=300, show_initially=False,
        overlay_style={"visibility": "visible", "opacity": 0.5}, type="circle")


def _card(section_id: str, title: str, intro: str, *children) -> html.Section:
    return html.Section([html.H2(title, id=f"{section_id}-heading"), html.P(intro, className="section-intro"),
                         *children], id=section_id, className="card need-card",
                        **{"aria-labelledby": f"{section_id}-heading"})


def _number_input(input_id: str, value, **props) -> dcc.Input:
    return dcc.Input(id=input_id, type="number", value=value, debounce=True, className="text-input", step="any",
                     **props)


def _swatch(kind: str, text: str) -> html.Li:
    return html.Li([html.Span(className=f"need-swatch need-swatch-{kind}", **{"aria-hidden": "true"}), text])


def build(state: dict) -> html.Div:
    """The page's frame for a parsed view (`state.parse_state`). The indicator and year dropdowns
    start empty: a callback fills options and value at once (a Dash 4 dropdown mounted with a value
    its empty options lack would drop it)."""
    lang = state["lang"]
    measure_options = [{"label": t(f"need.measure.{m}", lang), "value": m} for m in need.MEASURES]
    rule_options = [{"label": t(f"need.rule.{r}", lang), "value": r} for r in need.RULES]
    region_options = [{"label": view.region_name(r, lang), "value": r} for r in REGIONS]
    gap_options = [{"label": t("need.gap.below.0", lang) if v == "0"
                    else t("need.gap.below.n", lang, n=view.below_words(v, lang)), "value": v} for v in GAP_BELOW]
    controls = html.Div([
        _control(t("need.indicator", lang), "need-indicator",
                 dropdown(lang, id="need-indicator", options=[], value=None, clearable=False, searchable=True),
                 "control-wide"),
        _control(t("need.year", lang), "need-year",
                 dropdown(lang, id="need-year", options=[], value=None, clearable=False, searchable=False),
                 "control-year"),
        _control(t("need.measure", lang), "need-measure",
                 dropdown(lang, id="need-measure", options=measure_options, value=state["measure"], clearable=False,
                          searchable=False), "control-wide"),
        html.Fieldset([html.Legend(t("need.region", lang)),
                       dcc.RadioItems(id="need-region", options=region_options, value=state["region"],
                                      className="radio-list", inputClassName="radio-input")],
                      className="control control-group"),
        html.Fieldset([html.Legend(t("need.rule", lang)),
                       dcc.RadioItems(id="need-rule", options=rule_options, value=state["rule"],
                                      className="radio-list", inputClassName="radio-input")],
                      className="control control-group"),
    ], className="controls need-controls no-print", role="group", **{"aria-label": t("need.controls", lang)})
    toc = html.Nav(html.Ul([html.Li(html.A(t(f"need.{s}", lang), href=f"#need-{s}-section")) for s in SECTIONS]),
                   className="toc no-print", **{"aria-label": t("need.toc", lang)})
    scatter = _card(
        "need-scatter-section", t("need.scatter", lang), t("need.scatter.intro", lang),
        html.Div([
            _control(t("need.t_need", lang), "need-t-need", _number_input("need-t-need", state["need_t"])),
            _control(t("need.t_int", lang), "need-t-int", _number_input("need-t-int", state["int_t"], min=0)),
            html.Div(html.Button(t("need.t_reset", lang), id="need-t-reset", type="button",
                                 className="button button-secondary"), className="control-buttons"),
        ], className="controls need-thresholds no-print", role="group",
            **{"aria-label": t("need.thresholds", lang)}),
        # the thresholds in words and the rule/years note explain the chart: behind "Method" when presenting
        presenting.method(html.P(id="need-threshold-text", className="need-threshold-text", **{"aria-live": "polite"}),
                          "need-threshold-method", lang),
        html.Div(id="need-quadrants", className="need-quadrants"),
        html.Div(id="need-scatter-box"),
        html.Div(dcc.Graph(id="need-scatter", figure=figures.empty_scatter(), config=graph_config(name_word("need.scatter", lang)),
                           className="need-scatter-graph"),
                 id="need-scatter-figure", className="need-figure", role="figure",
                 **{"aria-label": t("need.scatter.label", lang)}),
        table_details("scatter", lang),
        presenting.method(html.P(id="need-scatter-note", className="section-intro need-note"),
                          "need-scatter-method", lang),
        _downloads("scatter", lang),
    )
    gap = _card(
        "need-gap-section", t("need.gap", lang), t("need.gap.intro", lang),
        html.Div([
            _control(t("need.gap.below", lang), "need-gap-below",
                     dropdown(lang, id="need-gap-below", options=gap_options, value=state["gap_n"], clearable=False,
                              searchable=False), "control-wide"),
            html.Fieldset([html.Legend(t("need.gap.mode", lang)),
                           dcc.RadioItems(id="need-gap-mode", value=state["gap_mode"], options=[
                               {"label": t("need.gap.mode.top", lang), "value": "top"},
                               {"label": t("need.gap.mode.value", lang), "value": "value"}],
                               className="radio-list", inputClassName="radio-input")],
                          className="control control-group"),
            _control(t("need.gap.top", lang), "need-gap-top",
                     _number_input("need-gap-top", state["gap_top"], min=1, max=100)),
            _control(t("need.gap.min", lang), "need-gap-min", _number_input("need-gap-min", state["gap_min"])),
        ], className="controls need-gap-controls no-print", role="group",
            **{"aria-label": t("need.gap.controls", lang)}),
        html.P(id="need-gap-summary", className="need-gap-summary", **{"aria-live": "polite"}),
        html.Div([
            gap_list_frame(lang),
            html.Div([
                html.Div(dcc.Graph(id="need-gap-map", figure=figures.empty_map(),
                                   config=graph_config(name_word("need.gap_map", lang)),
                                   style={"height": f"{figures.MAP_HEIGHT}px"}),
                         className="need-map", role="figure", **{"aria-label": t("need.gap.map_label", lang),
                                                                 # printed in its place while it is not drawn
                                                                 "data-print-note": t("need.gap.map_print_note", lang)}),
                html.Ul([_swatch("list", t("need.gap.legend.list", lang)),
                         _swatch("other", t("need.gap.legend.other", lang)),
                         _swatch("network", t("need.gap.legend.network", lang))], className="need-map-legend"),
            ], className="need-map-box"),
        ], className="need-gap-body"),
        _downloads("gap", lang),
    )
    spread = _card(
        "need-spread-section", t("need.spread", lang), t("need.spread.intro", lang),
        dcc.Loading(html.Div(id="need-spread-box"), delay_show=400),
        _downloads("spread", lang),
    )
    curve = _card(
        "need-curve-section", t("need.curve", lang), t("need.curve.intro", lang),
        dcc.Loading(html.Div(id="need-curve-box"), delay_show=400),
        table_details("curve", lang),
        presenting.method(html.Div([
            html.H3(t("need.curve.formula_title", lang)),
            html.P(html.Code(view.FORMULA, className="need-formula"), id="need-curve-formula"),
            html.P(t("need.curve.formula", lang), className="section-intro"),
        ], className="need-method"), "need-curve-method", lang),
        _downloads("curve", lang),
    )
    return html.Div([
        html.H1(t("need.title", lang)),
        html.P(t("need.lead", lang), className="lead"),
        toc,
        dcc.Store(id="need-lang", data=lang),
        dcc.Store(id="need-initial", data={"indicator": state["indicator"], "year": state["year"]}),
        dcc.Store(id="need-years-of"),
        html.Div(id="need-notice"),
        dcc.Store(id="need-gap-map-key"),
        html.Div([printing.button("need", t("need.print", lang)), printing.done("need")],
                 className="control-buttons need-page-actions no-print"),
        controls,
        presenting.method(html.Div([html.Div(id="need-rule-main", **{"aria-live": "polite"}), rule_detail_frame(lang)],
                                   id="need-rule-box", className="card need-rule-box"),
                          "need-rule-method", lang),
        presenting.main(scatter),
        gap,
        spread,
        curve,
    ], id="need-page", className="page need-page")


# ------------------------------------------------------------------- chart tables

def table_details(kind: str, lang: str) -> html.Details:
    """The table alternative of the scatter or the curve, filled when first opened and refilled while
    the view changes (callbacks.fill_table); `need-<kind>-table-shown` holds the view it shows."""
    return html.Details([
        html.Summary(t("need.show_table", lang), id=f"need-{kind}-table-toggle"),
        html.Div(id=f"need-{kind}-table-box"),
        dcc.Store(id=f"need-{kind}-table-shown"),
    ], id=f"need-{kind}-details", className="details chart-table")


def _table_value(column, row: dict, lang: str):
    """A cell of an export row as the page writes it: a number with its column's decimals in the
    page's notation; whole numbers and text are left to the kit's cell."""
    value = row.get(column.key)
    if column.kind != "number":
        return value
    decimals = column.decimals_of(row)
    return fmt.number(value, DEFAULT_DECIMALS if decimals is None else decimals, lang)


def export_table(table_id: str, sheet: Sheet, caption: str, lang: str):
    """An export's sheet as a paged table: its columns and rows, numbers as on the page, the
    municipality's name first (the column that stays in view on a phone). The numbers are written
    out, and the kit sorts only raw values: the table keeps the export's order, unsortable."""
    if not sheet.rows:
        return html.P(t("need.table.empty", lang), className="empty", id=f"{table_id}-empty")
    ordered = sorted(sheet.columns, key=lambda c: c.key != "name")
    columns = [{"key": c.key, "label": c.label, "kind": "int" if c.kind == "int" else "text", "sortable": False,
                **({"align": "right"} if c.kind == "number" else {})} for c in ordered]
    rows = [{c.key: _table_value(c, r, lang) for c in ordered} for r in sheet.rows]
    return sortable_table(table_id, columns, rows, lang, caption, page_size=TABLE_ROWS)


# ------------------------------------------------------------------------- scatter

def not_reported_line(m: dict, lang: str, **props) -> html.P:
    """"Financiering: niet gerapporteerd – why" under a section that would show funding."""
    return html.P([html.Strong(t("need.funding.title", lang) + ": "), t("need.not_reported", lang), " – ",
                   view.funding_reason(m, lang)], className="need-not-reported", **props)


def quadrant_boxes(v: dict, lang: str) -> html.Div:
    """The four quadrants laid out like the chart (more need to the right, more provision up)."""
    if v["status"] == "not_reported":
        return html.Div(html.P([html.Strong(t("need.not_reported", lang)), ": ", view.funding_reason(v["m"], lang)],
                               className="need-not-reported"), id="need-quadrant-counts")
    counts = v["counts"]

    def box(q):
        return html.Div([html.Span(fmt.integer(counts[q], lang), className="need-q-count", id=f"need-q-{q}"),
                         html.Span(t(f"need.q.{q}", lang), className="need-q-label")],
                        className=f"need-q need-q-{q}")

    return html.Div([
        html.Div([box("ln_hi"), box("hn_hi"), box("ln_li"), box("hn_li")], className="need-q-grid",
                 role="group", **{"aria-label": t("need.quadrants", lang)}),
        html.P(counted("need.q.no_data_count", counts[need.NO_DATA], lang), className="need-q-none"),
    ], id="need-quadrant-counts")


def scatter_not_reported(m: dict, lang: str) -> html.Div:
    """In place of the scatter when the measure is funding and no network reported it."""
    return html.Div([html.H3(t("need.not_reported", lang).capitalize()), html.P(view.funding_reason(m, lang))],
                    className="notice need-not-reported", id="need-scatter-not-reported")


# ---------------------------------------------------------------------- gap finder

GAP_COLUMNS = (("i", "need.col.list_rank", "num"), ("name", "need.col.municipality", ""),
               ("province", "need.col.province", ""), ("need", "need.col.need", "num"),
               ("rank", "need.col.need_rank", "num"), ("equivalents", "need.col.equivalents", "num"),
               ("networks", "need.col.networks", ""))


GAP_UNDER = {"name": [k for k, _l, _c in GAP_COLUMNS].index("province"),
             "need": [k for k, _l, _c in GAP_COLUMNS].index("rank")}


def gap_summary(m: dict, count: int, rule_text: str, lang: str) -> list:
    count_key = "need.gap.count_one" if count == 1 else "need.gap.count"
    return [html.Strong(t(count_key, lang, n=fmt.integer(count, lang)), id="need-gap-count"), " ",
            rule_text, " ", view.rule_short(m["rule"], lang) + "."]


def gap_list_frame(lang: str) -> html.Div:
    """The shortlist's frame: the table with its header (the body is drawn in the browser from
    `need-gap-data`, see callbacks.DRAW_GAP_ROWS) and the message shown when the list is empty."""
    head = html.Thead(html.Tr([html.Th(t(label, lang), scope="col", className=f"{c} need-col-{k}".strip())
                               for k, label, c in GAP_COLUMNS]))
    table = html.Table([html.Caption(id="need-gap-caption"), head, html.Tbody(id="need-gap-body")],
                       id="need-gap-table", className="data-table compact")
    return html.Div([
        html.P(t("need.gap.empty", lang), className="empty", id="need-gap-empty", hidden=True),
        html.Div(table, id="need-gap-scroll", className="table-scroll", tabIndex="0", role="region", hidden=True),
        dcc.Store(id="need-gap-data"),
    ], id="need-gap-list", className="need-gap-list")


def gap_data(rows: list[dict], lang: str) -> dict:
    """The shortlist (rows from view.gap_rows) as the browser draws it: per row the cells in the
    order of GAP_COLUMNS, the name as [name, profile link]; which columns are numbers; the caption
    and the label of its scroll box. As Dash components the rows were some 400 components that
    Dash's renderer revisits on every store update of the page (most of an interaction's work)."""
    caption = t("need.gap.caption", lang, n=fmt.integer(len(rows), lang))
    return {"rows": [[[r["name"], r["href"]] if key == "name" else r[key] for key, _label, _c in GAP_COLUMNS]
                     for r in rows],
            "num": [c == "num" for _k, _label, c in GAP_COLUMNS],
            "keys": [k for k, _label, _c in GAP_COLUMNS],
            # on a phone the province shows under the name and the rank under the need value (their
            # own columns give way, assets/style.css): per column the index of the cell it also shows
            "under": [GAP_UNDER.get(k) for k, _label, _c in GAP_COLUMNS],
            "caption": caption, "label": t("table.scroll", lang, caption=caption)}


# ------------------------------------------------------------------ province shares

def _pct_cell(share, lang: str) -> html.Td:
    return html.Td(view.pct_text(share, lang), className="num")


def spread_section(m: dict, lang: str) -> list:
    """The chart and table of the shares per province and Brussels, with their notes."""
    df = view.spread_frame(m, lang)
    all_funding = view.funding_state(m) == "all"
    figure = figures.spread_chart(view.spread_bars(m, df, lang), t("need.spread.axis", lang), lang)
    risk_year = m["years"]["at_risk"]
    columns = [("need.col.area", ""), ("need.col.municipalities", "num"), ("need.col.equivalents", "num"),
               ("need.col.equivalents_share", "num"), ("need.col.funding", "num")]
    if all_funding:
        columns.append(("need.col.funding_share", "num"))
    columns += [("need.col.at_risk", "num"), ("need.col.at_risk_share", "num"), ("need.col.ratio_short", "num")]
    head = html.Thead(html.Tr([html.Th(t(k, lang, year=risk_year), scope="col", className=c) for k, c in columns]))
    rows = []
    for r in df.to_dict("records"):
        cells = [html.Th(r["name"], scope="row"),
                 html.Td(fmt.integer(r["municipalities"], lang), className="num"),
                 html.Td(fmt.number(r["equivalents"], view.AREA_EQUIVALENTS_DECIMALS, lang), className="num"),
                 _pct_cell(r["equivalents_share"], lang)]
        if fmt.is_missing(r["funding"]):
            cells.append(html.Td(t("need.not_reported", lang), className="num need-unknown",
                                 title=view.funding_reason(m, lang)))
        else:
            cells.append(html.Td(fmt.euro(r["funding"], view.AREA_EURO_DECIMALS, lang), className="num"))
        if all_funding:
            cells.append(_pct_cell(r["funding_share"], lang))
        risk = [fmt.integer(r["at_risk"], lang)]
        if r["at_risk_missing"]:
            risk.append(html.Span(counted("need.spread.missing", int(r["at_risk_missing"]), lang), className="sub"))
        cells += [html.Td(risk, className="num"), _pct_cell(r["at_risk_share"], lang),
                  html.Td(fmt.number(r["ratio"], view.RATIO_DECIMALS, lang), className="num")]
        rows.append(html.Tr(cells, className="need-total" if r["code"] == "total" else None))
    caption = t("need.spread.caption", lang, rule=view.rule_short(m["rule"], lang).lower(), year=risk_year)
    table = html.Table([html.Caption(caption), head, html.Tbody(rows)], id="need-spread-table",
                       className="data-table compact")
    notes = [html.P(t("need.spread.ratio_note", lang), className="section-intro"),
             html.P(t("need.spread.at_risk_note", lang, year=risk_year), className="section-intro")]
    if not all_funding:
        notes.append(not_reported_line(m, lang, id="need-spread-funding"))
    notes.append(presenting.method(html.P(view.rule_sentence(m, lang), className="section-intro need-rule-line"),
                                   "need-spread-rule", lang))
    return [dcc.Graph(id="need-spread-chart", figure=figure, config=graph_config(name_word("need.spread", lang))),
            scroll_box(table, caption, lang), *notes]


# -------------------------------------------------------------- concentration curve

def curve_section(m: dict, lang: str) -> list:
    """The concentration index (in figures and words), the curve and its notes."""
    lines = view.curve_lines(m, lang)
    if not lines:
        return [html.P(t("need.curve.empty", lang), className="empty", id="need-curve-empty")]
    facts = [html.Div([html.Dt(t("need.curve.index_of", lang, what=line["label"].lower())),
                       html.Dd(fmt.number(line["index"], view.INDEX_DECIMALS, lang), id=f"need-curve-index-{line['key']}"),
                       html.Dd(view.index_words(line["index"], lang), className="need-index-words")])
             for line in lines]
    figure = figures.curve_chart(lines, t("need.curve.equality", lang),
                                 t("need.curve.x", lang, year=m["years"]["at_risk"]), t("need.curve.y", lang),
                                 t("need.curve.x_short", lang), t("need.curve.y_short", lang), lang)
    notes = [html.P(view.curve_order_text(m, lang), className="section-intro"),
             presenting.method(html.P(view.rule_sentence(m, lang), className="section-intro need-rule-line"),
                               "need-curve-rule", lang)]
    if view.funding_state(m) != "all":
        notes.append(not_reported_line(m, lang))
    return [html.P(view.region_sentence(m, lang), className="section-intro", id="need-curve-region"),
            html.Dl(facts, className="need-index", id="need-curve-index"),
            dcc.Graph(id="need-curve-chart", figure=figure, config=graph_config(name_word("need.curve", lang))), *notes,
            region_table(m, lang)]


def region_table(m: dict, lang: str) -> html.Div:
    """The concentration index for Flanders, Brussels and both together (whatever the region in
    force), with the note on what the call targets and what the need indicator covers: the
    difference between the regions is shown, not hidden."""
    rows = view.region_indices(m)
    kinds = [k for k in ("networks", "funding") if k in rows[0]]
    head = html.Thead(html.Tr([html.Th(t("need.col.area", lang), scope="col"),
                               html.Th(t("need.col.municipalities", lang), scope="col", className="num"),
                               *[html.Th(t("need.curve.index_of", lang, what=t(f"need.curve.{k}", lang).lower()),
                                         scope="col", className="num") for k in kinds]]))
    body = [html.Tr([html.Th(view.region_name(r["region"], lang), scope="row"),
                     html.Td(fmt.integer(r["municipalities"], lang), className="num"),
                     *[html.Td(fmt.number(r[k], view.INDEX_DECIMALS, lang), className="num", id=f"need-region-index-{r['region']}-{k}")
                       for k in kinds]],
                    className="need-region-current" if r["region"] == m["region"] else None) for r in rows]
    caption = t("need.region.caption", lang, rule=view.rule_short(m["rule"], lang).lower())
    table = html.Table([html.Caption(caption), head, html.Tbody(body)], id="need-region-table",
                       className="data-table compact")
    return html.Div([html.H3(t("need.region.title", lang)), scroll_box(table, caption, lang),
                     html.P(view.region_note(m, lang), className="section-intro", id="need-region-note")],
                    className="need-regions")


# ---------------------------------------------------------------------- split rule

def _share_cells(shares: list[str], rule: str, header: bool = False) -> list:
    cell = html.Th if header else html.Td
    return [cell(text, className="num need-rule-current" if r == rule else "num", **({"scope": "col"} if header else {}))
            for r, text in zip(need.RULES, shares)]


def rule_box(m: dict, lang: str) -> tuple[list, dict | None]:
    """The split rule in force, the years of the denominators, and the rule's effect on the networks
    that cover more than one municipality (their shares under each rule side by side); and the rows
    of the detail per municipality (rule_detail_data), None when there are none."""
    children = [html.H2(t("need.rule.title", lang), id="need-rule-heading"),
                html.P(view.rule_sentence(m, lang), id="need-rule-text", className="need-rule-text"),
                html.P([t("need.years.intro", lang), " ", view.years_sentence(m, lang)], id="need-years",
                       className="section-intro")]
    if m["placed"] == 0:
        children.append(html.P(t("need.no_networks", lang), className="notice", id="need-no-networks"))
        return children, None
    if m["unplaced"]:
        children.append(html.P(t("need.unplaced", lang, ids=", ".join(m["unplaced"])), className="notice"))
    effect = view.rule_effect(m, lang)
    children.append(html.P(t("need.rule.single", lang, single=counted("need.rule.single_count", effect["single"], lang),
                             spread=counted("need.rule.spread_count", effect["spread"], lang)),
                           className="section-intro"))
    if not effect["rows"]:
        return children, None
    rule = m["rule"]
    rule_names = [t(f"need.rule.{r}", lang) + (" ✓" if r == rule else "") for r in need.RULES]
    head = html.Thead(html.Tr([html.Th(t("need.col.network", lang), scope="col"),
                               html.Th(t("need.col.area", lang), scope="col"),
                               *_share_cells(rule_names, rule, header=True)]))
    rows = [html.Tr([html.Th(r["network"], scope="row"), html.Td(r["area"]), *_share_cells(r["shares"], rule)])
            for r in effect["rows"]]
    caption = t("need.rule.effect", lang)
    children.append(scroll_box(html.Table([html.Caption(caption), head, html.Tbody(rows)], id="need-rule-table",
                                          className="data-table compact"), caption, lang))
    children += [html.P(note, className="section-intro need-rule-note") for note in effect["notes"]]
    return children, rule_detail_data(effect["detail"], rule)


def rule_detail_data(detail: list[dict], rule: str) -> dict:
    """The detail per network and municipality as the browser draws it (callbacks.DRAW_RULE_DETAIL):
    per row its cells, per column its class (the rule in force highlighted). As Dash components its
    ~40 rows were some 200 components, a third of the page, that Dash's renderer revisits on every
    store update of the page."""
    return {"rows": [[d["network"], d["municipality"], *d["shares"]] for d in detail],
            "cls": ["", "", *["num need-rule-current" if r == rule else "num" for r in need.RULES]]}


def rule_detail_frame(lang: str) -> html.Details:
    """The rule's effect per network and municipality, folded: the table with its header; the body is
    drawn in the browser from `need-rule-detail-data` (hidden while there are no rows)."""
    caption = t("need.rule.detail", lang)
    head = html.Thead(html.Tr([html.Th(t("need.col.network", lang), scope="col"),
                               html.Th(t("need.col.municipality", lang), scope="col")]
                              + [html.Th(t(f"need.rule.{r}", lang), scope="col", className="num") for r in need.RULES]))
    return html.Details([
        html.Summary(caption, id="need-rule-detail-toggle"),
        scroll_box(html.Table([html.Caption(caption), head, html.Tbody(id="need-rule-detail-body")],
                              id="need-rule-detail", className="data-table compact"), caption, lang),
        dcc.Store(id="need-rule-detail-data"),
    ], id="need-rule-detail-box", className="details", hidden=True)
