"""Need and provision (`/behoefte`): does the provision (the networks against child poverty, and
their funding once projects report it) reach the municipalities with most need?

Four views on one choice of need indicator, year and split rule:
- a scatter of need against intensity (networks per 10,000 inhabitants or per 1,000 children,
  network equivalents, funding per inhabitant or per child) with movable thresholds and quadrant counts;
- a gap finder: municipalities ranked by need with (almost) no network, as a list, a map and an export;
- the spread over the provinces and Brussels: shares of networks and funding against the share of
  persons at risk of poverty (summed counts, never averaged rates);
- the concentration curve and index.

The computations live in `dashboard/need.py` (pure, tested), the reads in `dashboard/queries/need.py`
(cached per build). The whole view lives in the URL (`?indicator=&year=&measure=&rule=&need_t=&int_t=
&gap_n=&gap_mode=&gap_top=&gap_min=&lang=`), written back to the shell's `app-url` without a reload.
Text from the data reaches plotly labels only through `_esc`, everything else through Dash components.
"""
from __future__ import annotations

import html as html_lib
import math
import re
from datetime import datetime
from functools import lru_cache

import dash
import numpy as np
import pandas as pd
from dash import Input, Output, Patch, State, callback, clientside_callback, ctx, dcc, html, no_update

from dashboard import db, mapping, need
from dashboard.ui import downloads
from dashboard import formatting as fmt
from dashboard.queries import need as qn
from dashboard.ui.components import dropdown, scroll_box, warehouse_notice
from dashboard.geo import geo_url
from dashboard.queries.portfolio import one
from dashboard.i18n import normalise_lang, t
from dashboard.urls import page_href, with_query

dash.register_page(
    __name__, path="/behoefte", name="Nood en aanbod", title="Nood en aanbod – Kinderarmoedemonitor", order=45,
    nav_key="nav.need",
    description="Nood tegenover aanbod per gemeente: netwerken tegen kinderarmoede per inwoner en per kind, "
                "gemeenten met veel nood zonder netwerk, spreiding over de provincies en de concentratiecurve.",
)

PATH = "/behoefte"
PROFILE_PATH = "/gemeente"
DEFAULT_INDICATOR = "arop_admin"
GAP_BELOW = ("0", "0.5", "1", "2", "3", "5")
DEFAULT_GAP_BELOW = "1"
GAP_MODES = ("top", "value")
DEFAULT_GAP_MODE = "top"
DEFAULT_GAP_TOP = 20.0
MAX_LISTED = 8
CODE = re.compile(r"^[a-z0-9_]{1,64}$")
NUMBER = re.compile(r"^-?[0-9]{1,12}([.,][0-9]{1,8})?$")

QUADRANT_COLOURS = {"hn_li": "#d55e00", "hn_hi": "#0072b2", "ln_hi": "#009e73", "ln_li": "#7a7a7a"}
QUADRANT_SYMBOLS = {"hn_li": "diamond", "hn_hi": "circle", "ln_hi": "square", "ln_li": "circle-open"}
SHORTLIST_COLOUR = "#d55e00"
OTHER_FILL = "#e4e7eb"
NETWORK_LINE = "#1a1a1a"
CENTER = {"lon": 4.22, "lat": 51.03}
ZOOM = 7.5
MAP_HEIGHT = 520
FONT = {"family": "system-ui, Arial, sans-serif", "size": 13, "color": "#1a1a1a"}


def graph_config(filename: str) -> dict:
    return {"displaylogo": False, "responsive": True,
            "modeBarButtonsToRemove": ["select2d", "lasso2d", "autoScale2d"],
            "toImageButtonOptions": {"format": "png", "filename": f"kinderarmoedemonitor-{filename}", "scale": 2}}


# ------------------------------------------------------------------------------ state



def parse_number(value) -> float | None:
    """A number from the URL or an input: `12.5` or `12,5`; None when absent or not a plain number."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value) if math.isfinite(value) else None
    text = one(value)
    if not text or not NUMBER.match(text):
        return None
    return float(text.replace(",", "."))


def parse_state(indicator=None, year=None, measure=None, rule=None, need_t=None, int_t=None, gap_n=None,
                gap_mode=None, gap_top=None, gap_min=None, lang=None, **_ignored) -> dict:
    """The view asked for in the URL, checked for form (the warehouse decides the rest)."""
    code = one(indicator)
    year_text = one(year)
    top = parse_number(gap_top)
    return {
        "indicator": code if code and CODE.match(code) else None,
        "year": int(year_text) if year_text and year_text.isdigit() and len(year_text) == 4 else None,
        "measure": need.normalise_measure(one(measure)),
        "rule": need.normalise_rule(one(rule)),
        "need_t": parse_number(need_t),
        "int_t": parse_number(int_t),
        "gap_n": one(gap_n) if one(gap_n) in GAP_BELOW else DEFAULT_GAP_BELOW,
        "gap_mode": one(gap_mode) if one(gap_mode) in GAP_MODES else DEFAULT_GAP_MODE,
        "gap_top": top if top is not None and 0 < top <= 100 else DEFAULT_GAP_TOP,
        "gap_min": parse_number(gap_min),
        "lang": normalise_lang(lang),
    }


def number_query(value) -> str | None:
    value = parse_number(value)
    return None if value is None else f"{value:.10g}"


def url_changes(state: dict, latest_year: int | None) -> dict:
    """The query keys of a view (None = at its default, left out of the URL)."""
    return {
        "indicator": state["indicator"] if state["indicator"] and state["indicator"] != DEFAULT_INDICATOR else None,
        "year": str(state["year"]) if state["year"] and state["year"] != latest_year else None,
        "measure": state["measure"] if state["measure"] != need.DEFAULT_MEASURE else None,
        "rule": state["rule"] if state["rule"] != need.DEFAULT_RULE else None,
        "need_t": number_query(state["need_t"]),
        "int_t": number_query(state["int_t"]),
        "gap_n": state["gap_n"] if state["gap_n"] != DEFAULT_GAP_BELOW else None,
        "gap_mode": state["gap_mode"] if state["gap_mode"] != DEFAULT_GAP_MODE else None,
        "gap_top": number_query(state["gap_top"]) if state["gap_top"] != DEFAULT_GAP_TOP else None,
        "gap_min": number_query(state["gap_min"]),
    }


def below_words(value: str, lang: str) -> str:
    """`1` -> "1 netwerkequivalent", `2` -> "2 netwerkequivalenten" (the coverage limit in words)."""
    n = float(value)
    key = "need.unit.equivalent" if n <= 1 else "need.unit.equivalents"
    return f"{fmt.number(n, 0 if n.is_integer() else 1, lang)} {t(key, lang)}"


def profile_href(nis: str, lang: str) -> str:
    return with_query(page_href(PROFILE_PATH, lang), None, nis=nis, lang="en" if lang == "en" else None)


# ----------------------------------------------------------------------------- layout

def _control(label: str, for_id: str, control, extra: str = "") -> html.Div:
    return html.Div([html.Label(label, htmlFor=for_id), control], className=f"control {extra}".strip())


def _downloads(name: str, lang: str) -> html.Div:
    return html.Div([
        html.Button(t("download.csv", lang), id=f"need-{name}-csv", type="button", className="button button-light"),
        html.Button(t("download.xlsx", lang), id=f"need-{name}-xlsx", type="button", className="button button-light"),
        dcc.Download(id=f"need-{name}-download"),
    ], className="control-buttons need-downloads no-print", role="group",
        **{"aria-label": t("need.downloads", lang)})


def _card(section_id: str, title: str, intro: str, *children) -> html.Section:
    return html.Section([html.H2(title, id=f"{section_id}-heading"), html.P(intro, className="section-intro"),
                         *children], id=section_id, className="card need-card",
                        **{"aria-labelledby": f"{section_id}-heading"})


def layout(indicator=None, year=None, measure=None, rule=None, need_t=None, int_t=None, gap_n=None,
           gap_mode=None, gap_top=None, gap_min=None, lang=None, **_query):
    """The page's frame; `_setup` and `_years` fill the indicator and year (options and value at
    once: a Dash 4 dropdown mounted with a value its empty options lack would drop it)."""
    state = parse_state(indicator, year, measure, rule, need_t, int_t, gap_n, gap_mode, gap_top, gap_min, lang)
    lang = state["lang"]
    measure_options = [{"label": t(f"need.measure.{m}", lang), "value": m} for m in need.MEASURES]
    rule_options = [{"label": t(f"need.rule.{r}", lang), "value": r} for r in need.RULES]
    gap_options = [{"label": t("need.gap.below.0", lang) if v == "0" else t("need.gap.below.n", lang, n=below_words(v, lang)),
                    "value": v} for v in GAP_BELOW]
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
        html.Fieldset([html.Legend(t("need.rule", lang)),
                       dcc.RadioItems(id="need-rule", options=rule_options, value=state["rule"],
                                      className="radio-list", inputClassName="radio-input")],
                      className="control control-group"),
    ], className="controls need-controls no-print", role="group", **{"aria-label": t("need.controls", lang)})
    toc = html.Nav(html.Ul([
        html.Li(html.A(t("need.scatter", lang), href="#need-scatter-section")),
        html.Li(html.A(t("need.gap", lang), href="#need-gap-section")),
        html.Li(html.A(t("need.spread", lang), href="#need-spread-section")),
        html.Li(html.A(t("need.curve", lang), href="#need-curve-section")),
    ]), className="toc no-print", **{"aria-label": t("need.toc", lang)})
    scatter = _card(
        "need-scatter-section", t("need.scatter", lang), t("need.scatter.intro", lang),
        html.Div([
            _control(t("need.t_need", lang), "need-t-need",
                     dcc.Input(id="need-t-need", type="number", value=state["need_t"], debounce=True,
                               className="text-input", step="any")),
            _control(t("need.t_int", lang), "need-t-int",
                     dcc.Input(id="need-t-int", type="number", value=state["int_t"], debounce=True,
                               className="text-input", step="any", min=0)),
            html.Div(html.Button(t("need.t_reset", lang), id="need-t-reset", type="button",
                                 className="button button-secondary"), className="control-buttons"),
        ], className="controls need-thresholds no-print", role="group",
            **{"aria-label": t("need.thresholds", lang)}),
        html.P(id="need-threshold-text", className="need-threshold-text", **{"aria-live": "polite"}),
        html.Div(id="need-quadrants", className="need-quadrants"),
        html.Div(id="need-scatter-box"),
        html.Div(dcc.Graph(id="need-scatter", figure=_empty_scatter(), config=graph_config("nood-aanbod"),
                           className="need-scatter-graph"),
                 id="need-scatter-figure", className="need-figure", role="img",
                 **{"aria-label": t("need.scatter.label", lang)}),
        html.P(id="need-scatter-note", className="section-intro need-note"),
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
                     dcc.Input(id="need-gap-top", type="number", value=state["gap_top"], min=1, max=100, step="any",
                               debounce=True, className="text-input")),
            _control(t("need.gap.min", lang), "need-gap-min",
                     dcc.Input(id="need-gap-min", type="number", value=state["gap_min"], step="any", debounce=True,
                               className="text-input")),
        ], className="controls need-gap-controls no-print", role="group",
            **{"aria-label": t("need.gap.controls", lang)}),
        html.P(id="need-gap-summary", className="need-gap-summary", **{"aria-live": "polite"}),
        html.Div([
            html.Div(id="need-gap-list", className="need-gap-list"),
            html.Div([
                html.Div(dcc.Graph(id="need-gap-map", figure=_empty_map(), config=graph_config("shortlist-kaart"),
                                   style={"height": f"{MAP_HEIGHT}px"}),
                         className="need-map", role="img", **{"aria-label": t("need.gap.map_label", lang)}),
                html.Ul([
                    html.Li([html.Span(className="need-swatch need-swatch-list", **{"aria-hidden": "true"}),
                             t("need.gap.legend.list", lang)]),
                    html.Li([html.Span(className="need-swatch need-swatch-other", **{"aria-hidden": "true"}),
                             t("need.gap.legend.other", lang)]),
                    html.Li([html.Span(className="need-swatch need-swatch-network", **{"aria-hidden": "true"}),
                             t("need.gap.legend.network", lang)]),
                ], className="need-map-legend"),
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
        html.Div([
            html.H3(t("need.curve.formula_title", lang)),
            html.P(html.Code("C = 1 − Σᵢ (xᵢ − xᵢ₋₁) · (yᵢ + yᵢ₋₁),   x₀ = y₀ = 0", className="need-formula"),
                   id="need-curve-formula"),
            html.P(t("need.curve.formula", lang), className="section-intro"),
        ], className="need-method"),
        _downloads("curve", lang),
    )
    return html.Div([
        html.H1(t("need.title", lang)),
        html.P(t("need.lead", lang), className="lead"),
        toc,
        dcc.Store(id="need-lang", data=lang),
        dcc.Store(id="need-initial", data={"indicator": state["indicator"], "year": state["year"]}),
        html.Div(id="need-notice"),
        dcc.Store(id="need-gap-map-key"),
        controls,
        html.Div(id="need-rule-box", className="card need-rule-box", **{"aria-live": "polite"}),
        scatter,
        gap,
        spread,
        curve,
    ], id="need-page", className="page need-page")


def _empty_scatter() -> dict:
    return {"data": [], "layout": {"height": 500, "paper_bgcolor": "#ffffff", "plot_bgcolor": "#ffffff",
                                   "xaxis": {"visible": False}, "yaxis": {"visible": False}}}


def _empty_map() -> dict:
    return {"data": [], "layout": _map_layout([])}


def _map_layout(layers: list) -> dict:
    return {"map": {"style": "white-bg", "center": CENTER, "zoom": ZOOM, "layers": layers},
            "margin": {"l": 0, "r": 0, "t": 0, "b": 0}, "uirevision": "need-map", "showlegend": False,
            "dragmode": "pan", "paper_bgcolor": "#ffffff",
            "hoverlabel": {"bgcolor": "#ffffff", "bordercolor": "#4a4a4a", "font": {"size": 14, "color": "#1a1a1a"},
                           "align": "left"}}


# ------------------------------------------------------------------------------ model

def _esc(text) -> str:
    """Data text for a plotly label: plotly reads <b>, <br>, <a> ..., so escape it."""
    return html_lib.escape(str(text), quote=False)


def indicator_name(ind: dict, lang: str) -> str:
    return (ind.get("name_en") if lang == "en" and ind.get("name_en") else ind.get("name_nl")) or ind["indicator_id"]


def years_of(ind: dict) -> list[int]:
    years = ind.get("years")
    return sorted(int(y) for y in (list(years) if years is not None else []))


def need_indicators(base: dict) -> dict[str, dict]:
    """Indicators that can express need: rates and statistics (counts only describe size)."""
    return {k: v for k, v in base["indicator_by_id"].items() if v.get("kind") != "count"}


def resolve(base: dict, indicator, year) -> tuple[dict | None, int | None]:
    usable = need_indicators(base)
    ind = usable.get(indicator) or usable.get(DEFAULT_INDICATOR) or next(iter(usable.values()), None)
    if ind is None:
        return None, None
    years = years_of(ind)
    return ind, (int(year) if year in years else years[-1] if years else None)


def _year_values(indicator_id: str, target: int, column: str = "value") -> tuple[pd.Series, int | None]:
    """One indicator's `column` per municipality in the year nearest `target` that has it."""
    df = qn.values(indicator_id)
    have = df[df[column].notna()]
    year = need.nearest_year(have["year"].unique(), target)
    if year is None:
        return pd.Series(dtype=float), None
    part = have[have["year"] == year]
    return part.set_index("nis_code")[column].astype(float), year


@lru_cache(maxsize=48)
def _model(version: str, indicator_id: str, year: int, rule: str) -> dict:
    """Everything the page shows for one need indicator, year and split rule (cached per build)."""
    base = qn.base()
    ind = base["indicator_by_id"][indicator_id]
    munis = base["municipalities"]
    codes = munis["nis_code"].tolist()
    values = qn.values(indicator_id)
    cur = values[values["year"] == year].set_index("nis_code")
    population, pop_year = _year_values(qn.POPULATION_INDICATOR, year)
    children, child_year = _year_values(qn.CHILDREN_INDICATOR, year)
    at_risk, risk_year = _year_values(qn.AT_RISK_INDICATOR, year, "numerator")
    covered = need.coverage(base["placements"], munis)
    weights = {"population": population, "at_risk": at_risk}
    splits = {r: need.split(covered, r, weights.get(r)) for r in need.RULES}
    sp = splits[rule]
    budgets = base["budgets"]
    granted = budgets.set_index("project_id")["granted"] if len(budgets) else pd.Series(dtype=float)
    frame = munis.set_index("nis_code")[["name_nl", "province_nis", "province_name"]].copy()
    frame["need"] = cur["value"].reindex(frame.index).astype(float)
    frame["flag"] = cur["flag"].reindex(frame.index)
    frame["population"] = population.reindex(frame.index)
    frame["children"] = children.reindex(frame.index)
    frame["at_risk"] = at_risk.reindex(frame.index)
    frame["equivalents"] = need.equivalents(sp.shares, codes)
    frame["funding"] = need.funding(sp.shares, granted, codes)
    frame["need_rank"] = need.need_ranks(frame["need"], ind.get("direction"))
    names = base["placements"].drop_duplicates("project_id").set_index("project_id")["name"]
    listed: dict[str, list[tuple[str, float, str]]] = {}
    for row in sp.shares.sort_values(["nis_code", "share"], ascending=[True, False]).itertuples():
        listed.setdefault(row.nis_code, []).append((names.get(row.project_id, row.project_id), row.share, row.scope))
    placed = sorted(set(covered["project_id"]))
    return {
        "ind": ind, "year": year, "rule": rule, "frame": frame, "listed": listed,
        "years": {"population": pop_year, "children": child_year, "at_risk": risk_year},
        "covered": covered, "splits": splits, "split": sp, "names": names,
        "placed": len(placed), "unplaced": need.unplaced(base["placements"], covered),
        "reported": int(granted.reindex(placed).notna().sum()) if placed else 0,
        "budget_years": sorted({y.strip() for ys in budgets["years"].dropna() for y in str(ys).split(",")}),
    }


def model(indicator_id: str, year: int, rule: str) -> dict:
    qn.base()  # raises WarehouseError first, and fills the cache for this build
    return _model(qn.version() or "", indicator_id, int(year), need.normalise_rule(rule))


def funding_state(m: dict) -> str:
    """`none` (no network reported a granted budget), `partial` or `all`."""
    if m["reported"] == 0:
        return "none"
    return "all" if m["reported"] >= m["placed"] else "partial"


def level_of(m: dict, measure: str) -> pd.Series:
    """The intensity per municipality for a measure."""
    spec = need.MEASURES[measure]
    frame = m["frame"]
    amount = frame["equivalents"] if spec.amount == "networks" else frame["funding"]
    denominator = None if spec.denominator is None else frame[spec.denominator]
    return need.intensity(amount, denominator, spec.scale)


def overall_level(m: dict, measure: str) -> float:
    spec = need.MEASURES[measure]
    frame = m["frame"]
    amount = frame["equivalents"] if spec.amount == "networks" else frame["funding"]
    denominator = None if spec.denominator is None else frame[spec.denominator]
    return need.overall_intensity(amount, denominator, spec.scale)


@lru_cache(maxsize=8)
def _province_names(version: str, lang: str) -> dict[str, str]:
    return {r["nis_code"]: (r["name_en"] if lang == "en" and isinstance(r["name_en"], str) else r["name_nl"])
            for r in qn.base()["provinces"].to_dict("records")}


def province_label(code: str, lang: str) -> str:
    """A province's (or the Brussels-Capital Region's) name in the language."""
    return _province_names(qn.version() or "", lang).get(code, code)


# ---------------------------------------------------------------------- text helpers

def need_text(m: dict, value, lang: str) -> str:
    ind = m["ind"]
    return mapping.value_text(value, ind.get("unit"), ind.get("kind"), lang)


def need_number(m: dict, value, lang: str) -> str:
    """A need value as a bare number (for a placeholder: what one would type)."""
    ind = m["ind"]
    return fmt.number(value, mapping.decimals_for(ind.get("unit"), ind.get("kind")), lang)


def level_text(value, measure: str, lang: str) -> str:
    if fmt.is_missing(value):
        return fmt.MISSING
    if need.MEASURES[measure].amount == "funding":
        return fmt.euro(value, 2, lang)
    return fmt.number(value, 3, lang)


def eq_text(value, lang: str) -> str:
    return fmt.number(value, 3 if value and not float(value).is_integer() else 0, lang)


def rule_short(rule: str, lang: str) -> str:
    return t("need.rule.short", lang, rule=t(f"need.rule.{rule}", lang).lower())


def rule_sentence(m: dict, lang: str) -> str:
    """The split rule in force, in words, with the year of its weights."""
    rule = m["rule"]
    year = m["years"]["population"] if rule == "population" else m["years"]["at_risk"]
    text = t(f"need.rule.{rule}.text", lang, year=year if year else fmt.MISSING)
    total = float(m["frame"]["equivalents"].sum())
    return (f"{rule_short(rule, lang)}. {text} "
            + t("need.rule.total", lang, n=fmt.integer(m["placed"], lang), eq=fmt.number(total, 2, lang)))


def years_sentence(m: dict, lang: str) -> str:
    y = m["years"]
    need_year = m["year"]

    def part(key, year):
        if year is None:
            return t(f"need.years.{key}.none", lang)
        gap = abs(year - need_year)
        text = t(f"need.years.{key}", lang, year=year)
        return text + (" " + t("need.years.gap", lang, n=gap, need=need_year) if gap else "")

    return "; ".join([part("population", y["population"]), part("children", y["children"]),
                      part("at_risk", y["at_risk"])]) + "."


def funding_reason(m: dict, lang: str) -> str:
    """Why funding shows as not reported."""
    if funding_state(m) == "none":
        return t("need.funding.none", lang, total=fmt.integer(m["placed"], lang))
    return t("need.funding.partial", lang, n=fmt.integer(m["reported"], lang), total=fmt.integer(m["placed"], lang))


def network_lines(m: dict, nis: str, lang: str, limit: int = MAX_LISTED) -> list[str]:
    """The networks reaching a municipality: a whole network plainly, a share with its scope."""
    items = m["listed"].get(nis, [])
    out = []
    for name, share, scope in items[:limit]:
        if share >= 1 - 1e-9:
            out.append(str(name))
        else:
            out.append(t("need.network.share", lang, name=name, share=fmt.number(share, 3, lang),
                         scope=t(f"need.scope.{scope}", lang)))
    if len(items) > limit:
        out.append(t("need.network.more", lang, n=len(items) - limit))
    return out


# -------------------------------------------------------------------------- scatter

@lru_cache(maxsize=96)
def _hover(version: str, indicator_id: str, year: int, rule: str, measure: str, lang: str) -> dict[str, str]:
    """The hover label per municipality (cached: it does not depend on the thresholds)."""
    m = model(indicator_id, year, rule)
    frame = m["frame"]
    level = level_of(m, measure)
    need_label = _esc(f"{indicator_name(m['ind'], lang)} ({year})")
    measure_label = _esc(t(f"need.measure.{measure}", lang))
    eq_label = _esc(t("need.col.equivalents", lang))
    nets_label = _esc(t("need.col.networks", lang))
    none = _esc(t("need.network.none", lang))
    prov_names = {c: province_label(c, lang) for c in frame["province_nis"].unique()}
    out = {}
    for nis, name, prov, value, lvl, eq in zip(frame.index, frame["name_nl"], frame["province_nis"], frame["need"],
                                               level, frame["equivalents"]):
        nets = network_lines(m, nis, lang)
        lvl_text = level_text(lvl, measure, lang) if not fmt.is_missing(lvl) else t("need.not_reported", lang) \
            if need.MEASURES[measure].amount == "funding" else fmt.MISSING
        out[nis] = (f"<b>{_esc(name)}</b> · {_esc(prov_names.get(prov, prov))}<br>"
                    f"{need_label}: {_esc(need_text(m, value, lang))}<br>"
                    f"{measure_label}: {_esc(lvl_text)}<br>"
                    f"{eq_label}: {_esc(eq_text(eq, lang))}<br>"
                    f"{nets_label}: " + ("".join(f"<br>  • {_esc(x)}" for x in nets) if nets else none))
    return out


@lru_cache(maxsize=96)
def _measure_view(version: str, indicator_id: str, year: int, rule: str, measure: str) -> dict:
    """A measure's intensity per municipality and the default thresholds (cached: they do not
    depend on the thresholds chosen), with plain arrays for the callbacks."""
    m = model(indicator_id, year, rule)
    level = level_of(m, measure)
    frame = m["frame"]
    return {"level": level, "need_values": frame["need"].to_numpy(dtype=float), "level_values": level.to_numpy(dtype=float),
            "codes": frame.index.to_numpy(), "median": need.median_threshold(frame["need"]),
            "overall": overall_level(m, measure)}


def thresholds(mv: dict, need_t, int_t) -> dict:
    """The thresholds in force: the user's, or the defaults (median need; level of all together)."""
    need_value = parse_number(need_t)
    level_value = parse_number(int_t)
    return {"need": mv["median"] if need_value is None else need_value, "need_default": need_value is None,
            "need_median": mv["median"],
            "level": mv["overall"] if level_value is None else level_value, "level_default": level_value is None,
            "level_overall": mv["overall"]}


def scatter_view(indicator, year, measure, rule, need_t, int_t, lang) -> dict:
    """The scatter, its quadrant counts and the threshold text for one view (the benchmark's target)."""
    base = qn.base()
    ind, year = resolve(base, indicator, year)
    if ind is None:
        return {"status": "no_indicator"}
    measure = need.normalise_measure(measure)
    rule = need.normalise_rule(rule)
    m = model(ind["indicator_id"], year, rule)
    direction = ind.get("direction")
    version = qn.version() or ""
    mv = _measure_view(version, ind["indicator_id"], year, rule, measure)
    th = thresholds(mv, need_t, int_t)
    spec = need.MEASURES[measure]
    if spec.amount == "funding" and funding_state(m) == "none":
        return {"status": "not_reported", "m": m, "measure": measure, "th": th}
    x, y, codes = mv["need_values"], mv["level_values"], mv["codes"]
    quad = need.quadrant_codes(x, y, th["need"], th["level"], direction)
    counts = need.quadrant_counts(quad)
    hover = _hover(version, ind["indicator_id"], year, rule, measure, lang)
    traces = []
    for q in need.QUADRANTS:
        pick = quad == q
        traces.append({
            "type": "scatter", "mode": "markers", "name": f"{t(f'need.q.{q}', lang)} ({counts[q]})",
            "x": np.round(x[pick], 6).tolist(), "y": np.round(y[pick], 6).tolist(),
            "customdata": [[nis, hover[nis]] for nis in codes[pick]],
            "hovertemplate": "%{customdata[1]}<extra></extra>",
            "marker": {"color": QUADRANT_COLOURS[q], "symbol": QUADRANT_SYMBOLS[q], "size": 9, "opacity": 0.85,
                       "line": {"color": "#ffffff" if q != "ln_li" else QUADRANT_COLOURS[q], "width": 1}},
        })
    unit = ind.get("unit") or ""
    x_title = f"{indicator_name(ind, lang)} ({year}{', ' + unit if unit else ''})"
    if direction == "higher_is_better":
        x_title += " · " + t("need.axis.reversed", lang)
    lines = [] if math.isnan(th["need"]) or math.isnan(th["level"]) else [
        {"type": "line", "xref": "x", "yref": "paper", "x0": th["need"], "x1": th["need"], "y0": 0, "y1": 1,
         "line": {"color": "#4a4a4a", "width": 1.5, "dash": "dash"}},
        {"type": "line", "xref": "paper", "yref": "y", "x0": 0, "x1": 1, "y0": th["level"], "y1": th["level"],
         "line": {"color": "#4a4a4a", "width": 1.5, "dash": "dash"}}]
    figure = {"data": traces, "layout": {
        "height": 500, "margin": {"l": 70, "r": 20, "t": 30, "b": 60}, "hovermode": "closest",
        "separators": ",." if lang == "nl" else ".,", "paper_bgcolor": "#ffffff", "plot_bgcolor": "#ffffff",
        "font": FONT, "uirevision": f"{ind['indicator_id']}-{year}-{measure}",
        "legend": {"orientation": "h", "y": -0.18},
        "hoverlabel": {"bgcolor": "#ffffff", "bordercolor": "#4a4a4a", "font": {"size": 13, "color": "#1a1a1a"},
                       "align": "left"},
        "xaxis": {"title": {"text": _esc(x_title)}, "gridcolor": "#e5e8ec", "zeroline": False,
                  "autorange": "reversed" if direction == "higher_is_better" else True},
        "yaxis": {"title": {"text": _esc(t(f"need.measure.{measure}", lang))}, "gridcolor": "#e5e8ec",
                  "rangemode": "tozero"},
        "shapes": lines,
    }}
    return {"status": "ok", "m": m, "measure": measure, "th": th, "counts": counts, "figure": figure,
            "quad": pd.Series(quad, index=codes), "level": mv["level"]}


def threshold_text(v: dict, lang: str) -> str:
    m, th, measure = v["m"], v["th"], v["measure"]
    n_need = int(m["frame"]["need"].notna().sum())
    need_part = t("need.t_need.text", lang, value=need_text(m, th["need"], lang),
                  how=t("need.t.median", lang, n=fmt.integer(n_need, lang)) if th["need_default"] else t("need.t.own", lang))
    if v["status"] == "not_reported":
        level_part = t("need.t_int.not_reported", lang)
    else:
        how = t("need.t.overall", lang) if th["level_default"] else t("need.t.own", lang)
        if th["level_default"] and need.MEASURES[measure].denominator is None:
            how = t("need.t.mean", lang)
        level_part = t("need.t_int.text", lang, value=level_text(th["level"], measure, lang),
                       unit=t(f"need.unit.{measure}", lang), how=how)
    direction = "need.t.strict_better" if m["ind"].get("direction") == "higher_is_better" else "need.t.strict"
    return f"{need_part} · {level_part}. {t(direction, lang)}"


def quadrant_boxes(v: dict, lang: str) -> html.Div:
    """The four quadrants laid out like the chart (more need to the right, more provision up)."""
    if v["status"] == "not_reported":
        return html.Div(html.P([html.Strong(t("need.not_reported", lang)), ": ", funding_reason(v["m"], lang)],
                               className="need-not-reported"), id="need-quadrant-counts")
    counts = v["counts"]

    def box(q):
        return html.Div([html.Span(fmt.integer(counts[q], lang), className="need-q-count", id=f"need-q-{q}"),
                         html.Span(t(f"need.q.{q}", lang), className="need-q-label")],
                        className=f"need-q need-q-{q}")

    return html.Div([
        html.Div([box("ln_hi"), box("hn_hi"), box("ln_li"), box("hn_li")], className="need-q-grid",
                 role="group", **{"aria-label": t("need.quadrants", lang)}),
        html.P(t("need.q.no_data_count", lang, n=fmt.integer(counts[need.NO_DATA], lang)), className="need-q-none"),
    ], id="need-quadrant-counts")


def scatter_note(v: dict, lang: str) -> str:
    m = v["m"]
    return f"{rule_sentence(m, lang)} {t('need.years.intro', lang)} {years_sentence(m, lang)}"


# ------------------------------------------------------------------------ gap finder

def gap_frame(m: dict, below: str, mode: str, top, minimum) -> pd.DataFrame:
    frame = m["frame"].reset_index().rename(columns={"name_nl": "name"})
    below_value = float(below) if below in GAP_BELOW else float(DEFAULT_GAP_BELOW)
    top_value = parse_number(top)
    top_value = top_value if top_value is not None and 0 < top_value <= 100 else DEFAULT_GAP_TOP
    return need.gap_list(frame, below_value, mode if mode in GAP_MODES else DEFAULT_GAP_MODE, top_value,
                         parse_number(minimum), m["ind"].get("direction"))


def gap_rule_text(m: dict, below: str, mode: str, top, minimum, lang: str) -> str:
    """The shortlist's rule, in words (also written into the exports)."""
    n = int(m["frame"]["need"].notna().sum())
    name = indicator_name(m["ind"], lang)
    if mode == "value":
        value = parse_number(minimum)
        if value is None:
            need_part = t("need.gap.rule.all", lang, n=fmt.integer(n, lang))
        else:
            key = "need.gap.rule.max" if m["ind"].get("direction") == "higher_is_better" else "need.gap.rule.min"
            need_part = t(key, lang, indicator=name, year=m["year"], value=need_text(m, value, lang))
    else:
        pct = parse_number(top)
        pct = pct if pct is not None and 0 < pct <= 100 else DEFAULT_GAP_TOP
        need_part = t("need.gap.rule.top", lang, pct=fmt.number(pct, 0 if pct.is_integer() else 1, lang),
                      k=fmt.integer(need.top_cutoff(n, pct), lang), n=fmt.integer(n, lang), indicator=name,
                      year=m["year"])
    b = float(below) if below in GAP_BELOW else float(DEFAULT_GAP_BELOW)
    cover = t("need.gap.rule.none", lang) if b <= 0 else t("need.gap.rule.below", lang, n=below_words(str(b), lang))
    return t("need.gap.rule", lang, need=need_part, cover=cover)


@lru_cache(maxsize=48)
def _gap_cells(version: str, indicator_id: str, year: int, rule: str, lang: str) -> dict[str, list]:
    """Per municipality the cells of its shortlist row after the number (cached per build: only
    which rows show depends on the thresholds)."""
    m = model(indicator_id, year, rule)
    frame = m["frame"]
    n = fmt.integer(int(frame["need"].notna().sum()), lang)
    names = _province_names(version, lang)
    none = t("need.network.none", lang)
    out = {}
    for nis, r in zip(frame.index, frame.itertuples()):
        if fmt.is_missing(r.need):
            continue
        nets = network_lines(m, nis, lang, limit=4)
        out[nis] = [
            html.Td(dcc.Link(r.name_nl, href=profile_href(nis, lang), className="need-gap-link")),
            html.Td(names.get(r.province_nis, r.province_nis)),
            html.Td(need_text(m, r.need, lang), className="num"),
            html.Td(t("need.rank_of", lang, rank=fmt.integer(r.need_rank, lang), n=n), className="num"),
            html.Td(eq_text(r.equivalents, lang), className="num"),
            html.Td("; ".join(nets) if nets else none),
        ]
    return out


def gap_table(m: dict, gap: pd.DataFrame, lang: str) -> html.Div:
    cells = _gap_cells(qn.version() or "", m["ind"]["indicator_id"], m["year"], m["rule"], lang)
    head = html.Thead(html.Tr([html.Th(t(k, lang), scope="col", className=c) for k, c in (
        ("need.col.list_rank", "num"), ("need.col.municipality", ""), ("need.col.province", ""),
        ("need.col.need", "num"), ("need.col.need_rank", "num"), ("need.col.equivalents", "num"),
        ("need.col.networks", ""))]))
    rows = [html.Tr([html.Td(fmt.integer(i, lang), className="num"), *cells[nis]])
            for i, nis in enumerate(gap["nis_code"], start=1)]
    caption = t("need.gap.caption", lang, n=fmt.integer(len(gap), lang))
    table = html.Table([html.Caption(caption), head, html.Tbody(rows)], id="need-gap-table",
                       className="data-table compact")
    return scroll_box(table, caption, lang)


def _layer_url(base: dict, layer_id: str) -> str | None:
    layer = base["layers"].get(layer_id)
    if not layer or not (db.geo_dir() / layer["file_name"]).is_file():
        return None
    return geo_url(layer["file_name"], layer["sha256"], dash.get_relative_path("/"))


@lru_cache(maxsize=48)
def _map_static(version: str, indicator_id: str, year: int, rule: str, lang: str) -> dict:
    """What the shortlist map shows whatever the thresholds: the municipalities, the first lines of
    their hover labels, those with a network of their own, the layer URLs (cached per build)."""
    base = qn.base()
    m = model(indicator_id, year, rule)
    frame = m["frame"]
    names = _province_names(version, lang)
    texts = []
    for name, prov, value, eq in zip(frame["name_nl"], frame["province_nis"], frame["need"], frame["equivalents"]):
        texts.append(f"<b>{_esc(name)}</b> · {_esc(names.get(prov, prov))}<br>"
                     f"{_esc(indicator_name(m['ind'], lang))} ({year}): {_esc(need_text(m, value, lang))}<br>"
                     f"{_esc(t('need.col.equivalents', lang))}: {_esc(eq_text(eq, lang))}<br>")
    own = sorted(set(m["covered"].loc[m["covered"]["scope"] != need.PROVINCE_SCOPE, "nis_code"]))
    return {"codes": frame.index.tolist(), "texts": texts, "own": own,
            "muni_url": _layer_url(base, "municipalities_2025"), "prov_url": _layer_url(base, "provinces_2025"),
            "off": _esc(t("need.gap.off_list", lang))}


def map_key(m: dict, lang: str) -> str:
    """What the map's static part depends on: a patch may only touch a figure drawn for the same key."""
    return f"{qn.version()}|{m['ind']['indicator_id']}|{m['year']}|{m['rule']}|{lang}"


def shortlist_marks(m: dict, gap: pd.DataFrame, lang: str) -> tuple[list[int], list[str]]:
    """Per municipality (in map order): 1 on the shortlist, else 0; and the hover line saying so."""
    st = _map_static(qn.version() or "", m["ind"]["indicator_id"], m["year"], m["rule"], lang)
    on_list = {nis: i for i, nis in enumerate(gap["nis_code"], start=1)}
    z = [1 if nis in on_list else 0 for nis in st["codes"]]
    lines = [_esc(t("need.gap.on_list", lang, i=on_list[nis])) if nis in on_list else st["off"] for nis in st["codes"]]
    return z, lines


def gap_map(m: dict, gap: pd.DataFrame, lang: str) -> dict:
    """All municipalities in light grey, the shortlist in orange, those with a network of their own
    outlined; geometry by URL only (fetched once, cached by the browser and plotly). The shortlist
    travels as `z` and `customdata` only, so a threshold change can patch just those."""
    st = _map_static(qn.version() or "", m["ind"]["indicator_id"], m["year"], m["rule"], lang)
    if st["muni_url"] is None:
        return _empty_map()
    z, lines = shortlist_marks(m, gap, lang)
    layers = []
    if st["prov_url"]:
        layers.append({"sourcetype": "geojson", "source": st["prov_url"], "type": "line", "color": "#3d3d3d",
                       "line": {"width": 1.4}, "name": "provinces"})
    values = {
        "type": "choroplethmap", "name": "shortlist", "geojson": st["muni_url"], "featureidkey": "properties.nis",
        "locations": st["codes"], "z": z, "zmin": 0, "zmax": 1,
        "colorscale": [[0, OTHER_FILL], [0.5, OTHER_FILL], [0.5, SHORTLIST_COLOUR], [1, SHORTLIST_COLOUR]],
        "showscale": False, "marker": {"line": {"color": "#ffffff", "width": 0.6}, "opacity": 1},
        "text": st["texts"], "customdata": lines, "hovertemplate": "%{text}%{customdata}<extra></extra>",
    }
    networks = {
        "type": "choroplethmap", "name": "networks", "geojson": st["muni_url"], "featureidkey": "properties.nis",
        "locations": st["own"], "z": [1] * len(st["own"]), "colorscale": [[0, "rgba(0,0,0,0)"], [1, "rgba(0,0,0,0)"]],
        "showscale": False, "marker": {"line": {"color": NETWORK_LINE, "width": 2.5}}, "hoverinfo": "skip",
    }
    return {"data": [values, networks], "layout": _map_layout(layers)}


def map_update(m: dict, gap: pd.DataFrame, lang: str, drawn_key: str | None):
    """(figure or patch, key): the whole figure when the map shows another view, else a patch of
    the shortlist marks only."""
    key = map_key(m, lang)
    if drawn_key != key:
        return gap_map(m, gap, lang), key
    z, lines = shortlist_marks(m, gap, lang)
    patch = Patch()
    patch["data"][0]["z"] = z
    patch["data"][0]["customdata"] = lines
    return patch, key


# ------------------------------------------------------------------- province shares

def spread_frame(m: dict, lang: str) -> pd.DataFrame:
    base = qn.base()
    prov = base["provinces"].copy()
    prov["name"] = [province_label(c, lang) for c in prov["nis_code"]]
    frame = m["frame"].reset_index()[["nis_code", "province_nis", "equivalents", "funding", "at_risk"]]
    out = need.province_shares(frame, prov[["nis_code", "name"]])
    out.loc[out["code"] == "total", "name"] = t("need.total", lang)
    return out


def _pct(value, lang: str) -> str:
    return fmt.percent(value, 1, lang, fraction=True)


def spread_view(m: dict, lang: str) -> list:
    df = spread_frame(m, lang)
    fund = funding_state(m)
    provinces = df[df["code"] != "total"]
    names = provinces["name"].tolist()
    bars = [("equivalents_share", "need.spread.networks_share", "#0072b2"),
            ("at_risk_share", "need.spread.at_risk_share", "#d55e00")]
    if fund == "all":
        bars.insert(1, ("funding_share", "need.spread.funding_share", "#009e73"))
    traces = [{"type": "bar", "name": _esc(t(label, lang)), "x": [_esc(n) for n in names],
               "y": [None if fmt.is_missing(v) else round(v * 100, 4) for v in provinces[key]],
               "text": [_pct(v, lang) for v in provinces[key]], "textposition": "outside",
               "marker": {"color": colour}, "hovertemplate": "%{x}: %{text}<extra>" + _esc(t(label, lang)) + "</extra>"}
              for key, label, colour in bars]
    figure = {"data": traces, "layout": {
        "barmode": "group", "height": 420, "margin": {"l": 60, "r": 20, "t": 30, "b": 80}, "font": FONT,
        "separators": ",." if lang == "nl" else ".,", "paper_bgcolor": "#ffffff", "plot_bgcolor": "#ffffff",
        "legend": {"orientation": "h", "y": -0.2},
        "yaxis": {"title": {"text": _esc(t("need.spread.axis", lang))}, "gridcolor": "#e5e8ec", "ticksuffix": " %" if lang == "nl" else "%",
                  "rangemode": "tozero"},
    }}
    risk_year = m["years"]["at_risk"]
    columns = [("need.col.area", ""), ("need.col.municipalities", "num"), ("need.col.equivalents", "num"),
               ("need.col.equivalents_share", "num"), ("need.col.funding", "num")]
    if fund == "all":
        columns.append(("need.col.funding_share", "num"))
    columns += [("need.col.at_risk", "num"), ("need.col.at_risk_share", "num"), ("need.col.ratio_short", "num")]
    head = html.Thead(html.Tr([html.Th(t(k, lang, year=risk_year), scope="col", className=c) for k, c in columns]))
    rows = []
    not_reported = t("need.not_reported", lang)
    for r in df.to_dict("records"):
        is_total = r["code"] == "total"
        cells = [html.Th(r["name"], scope="row"),
                 html.Td(fmt.integer(r["municipalities"], lang), className="num"),
                 html.Td(fmt.number(r["equivalents"], 2, lang), className="num"),
                 html.Td(_pct(r["equivalents_share"], lang), className="num")]
        if fmt.is_missing(r["funding"]):
            cells.append(html.Td(not_reported, className="num need-unknown", title=funding_reason(m, lang)))
        else:
            cells.append(html.Td(fmt.euro(r["funding"], 0, lang), className="num"))
        if fund == "all":
            cells.append(html.Td(_pct(r["funding_share"], lang), className="num"))
        risk = [fmt.integer(r["at_risk"], lang)]
        if r["at_risk_missing"]:
            risk.append(html.Span(t("need.spread.missing", lang, n=r["at_risk_missing"]), className="sub"))
        cells += [html.Td(risk, className="num"), html.Td(_pct(r["at_risk_share"], lang), className="num"),
                  html.Td(fmt.number(r["ratio"], 2, lang), className="num")]
        rows.append(html.Tr(cells, className="need-total" if is_total else None))
    caption = t("need.spread.caption", lang, rule=rule_short(m["rule"], lang).lower(), year=risk_year)
    table = html.Table([html.Caption(caption), head, html.Tbody(rows)], id="need-spread-table",
                       className="data-table compact")
    notes = [html.P(t("need.spread.ratio_note", lang), className="section-intro"),
             html.P(t("need.spread.at_risk_note", lang, year=risk_year), className="section-intro")]
    if fund != "all":
        notes.append(html.P([html.Strong(t("need.funding.title", lang) + ": "), t("need.not_reported", lang), " – ",
                             funding_reason(m, lang)], className="need-not-reported", id="need-spread-funding"))
    notes.append(html.P(rule_sentence(m, lang), className="section-intro need-rule-line"))
    return [dcc.Graph(id="need-spread-chart", figure=figure, config=graph_config("spreiding")),
            scroll_box(table, caption, lang), *notes]


# ---------------------------------------------------------------- concentration curve

def curve_frames(m: dict) -> dict[str, pd.DataFrame]:
    frame = m["frame"]
    direction = m["ind"].get("direction")
    out = {"networks": need.concentration_curve(frame["need"], frame["equivalents"], frame["at_risk"], direction)}
    if funding_state(m) == "all":
        out["funding"] = need.concentration_curve(frame["need"], frame["funding"], frame["at_risk"], direction)
    return out


def curve_view(m: dict, lang: str) -> list:
    curves = curve_frames(m)
    frame = m["frame"]
    traces = [{"type": "scatter", "mode": "lines", "name": _esc(t("need.curve.equality", lang)), "x": [0, 1],
               "y": [0, 1], "line": {"color": "#7a7a7a", "dash": "dash", "width": 1.5}, "hoverinfo": "skip"}]
    facts = []
    colours = {"networks": "#0072b2", "funding": "#009e73"}
    for key, df in curves.items():
        if df.empty:
            continue
        index = need.concentration_index(df["x"], df["y"])
        names = [""] + [frame.at[c, "name_nl"] for c in df["nis_code"].iloc[1:]]
        label = t(f"need.curve.{key}", lang)
        traces.append({
            "type": "scatter", "mode": "lines", "name": _esc(f"{label} (C = {fmt.number(index, 3, lang)})"),
            "x": df["x"].round(6).tolist(), "y": df["y"].round(6).tolist(),
            "line": {"color": colours[key], "width": 2.5, "shape": "linear"},
            "customdata": [[_esc(n), _pct(x, lang), _pct(y, lang)] for n, x, y in zip(names, df["x"], df["y"])],
            "hovertemplate": "<b>%{customdata[0]}</b><br>" + _esc(t("need.curve.x_short", lang)) + ": %{customdata[1]}<br>"
                             + _esc(t("need.curve.y_short", lang)) + ": %{customdata[2]}<extra></extra>",
        })
        facts.append(html.Div([html.Dt(t("need.curve.index_of", lang, what=label.lower())),
                               html.Dd(fmt.number(index, 3, lang), id=f"need-curve-index-{key}"),
                               html.Dd(_index_words(index, lang), className="need-index-words")]))
    if len(traces) == 1:
        return [html.P(t("need.curve.empty", lang), className="empty", id="need-curve-empty")]
    figure = {"data": traces, "layout": {
        "height": 460, "margin": {"l": 70, "r": 20, "t": 20, "b": 60}, "font": FONT,
        "separators": ",." if lang == "nl" else ".,", "paper_bgcolor": "#ffffff", "plot_bgcolor": "#ffffff",
        "legend": {"orientation": "h", "y": -0.18}, "hovermode": "closest",
        "xaxis": {"title": {"text": _esc(t("need.curve.x", lang, year=m["years"]["at_risk"]))}, "range": [0, 1],
                  "tickformat": ".0%", "gridcolor": "#e5e8ec", "constrain": "domain"},
        "yaxis": {"title": {"text": _esc(t("need.curve.y", lang))}, "range": [0, 1.02], "tickformat": ".0%",
                  "gridcolor": "#e5e8ec", "scaleanchor": "x", "scaleratio": 1},
    }}
    used = len(curves["networks"]) - 1 if not curves["networks"].empty else 0
    inside = float(curves["networks"]["interventions"].sum()) if used else 0.0
    notes = [html.P(t("need.curve.order", lang, indicator=indicator_name(m["ind"], lang), year=m["year"],
                      n=fmt.integer(used, lang), total=fmt.integer(len(frame), lang),
                      eq=fmt.number(inside, 2, lang), all=fmt.number(float(frame["equivalents"].sum()), 2, lang)),
                    className="section-intro"),
             html.P(rule_sentence(m, lang), className="section-intro need-rule-line")]
    if funding_state(m) != "all":
        notes.append(html.P([html.Strong(t("need.funding.title", lang) + ": "), t("need.not_reported", lang), " – ",
                             funding_reason(m, lang)], className="need-not-reported"))
    return [html.Dl(facts, className="need-index", id="need-curve-index"),
            dcc.Graph(id="need-curve-chart", figure=figure, config=graph_config("concentratiecurve")), *notes]


def _index_words(index: float, lang: str) -> str:
    if fmt.is_missing(index):
        return fmt.MISSING
    if abs(index) < 0.05:
        return t("need.curve.words.even", lang)
    return t("need.curve.words.need" if index < 0 else "need.curve.words.less", lang)


# ---------------------------------------------------------------------- rule box

def rule_box(m: dict, lang: str) -> list:
    """The split rule in force, the years of the denominators, and the rule's effect on the networks
    that cover more than one municipality (their shares under each rule side by side)."""
    children = [html.H2(t("need.rule.title", lang), id="need-rule-heading"),
                html.P(rule_sentence(m, lang), id="need-rule-text", className="need-rule-text"),
                html.P([t("need.years.intro", lang), " ", years_sentence(m, lang)], id="need-years",
                       className="section-intro")]
    if m["placed"] == 0:
        children.append(html.P(t("need.no_networks", lang), className="notice", id="need-no-networks"))
        return children
    if m["unplaced"]:
        children.append(html.P(t("need.unplaced", lang, ids=", ".join(m["unplaced"])), className="notice"))
    frame = m["frame"]
    covered = m["covered"]
    sizes = covered.groupby("project_id")["nis_code"].nunique()
    spread_ids = sizes[sizes > 1].index.tolist()
    single = int((sizes == 1).sum())
    children.append(html.P(t("need.rule.single", lang, n=fmt.integer(single, lang),
                             spread=fmt.integer(len(spread_ids), lang)), className="section-intro"))
    if not spread_ids:
        return children
    head = html.Thead(html.Tr([html.Th(t("need.col.network", lang), scope="col"),
                               html.Th(t("need.col.area", lang), scope="col")]
                              + [html.Th(t(f"need.rule.{r}", lang) + (" ✓" if r == m["rule"] else ""), scope="col",
                                         className="num need-rule-current" if r == m["rule"] else "num")
                                 for r in need.RULES]))
    rows = []
    detail_rows = []
    for pid in spread_ids:
        members = covered[covered["project_id"] == pid]
        scope = members["scope"].iloc[0]
        area = t(f"need.scope.{scope}", lang) + f" ({fmt.integer(len(members), lang)} " + t("need.municipalities", lang) + ")"
        cells = [html.Th(str(m["names"].get(pid, pid)), scope="row"), html.Td(area)]
        shares_by_rule = {}
        for r in need.RULES:
            s = m["splits"][r].shares
            s = s[s["project_id"] == pid].set_index("nis_code")["share"]
            shares_by_rule[r] = s
            cells.append(html.Td(_share_range(s, frame, lang), className="num need-rule-current" if r == m["rule"] else "num"))
        rows.append(html.Tr(cells))
        for nis in sorted(members["nis_code"], key=lambda c: frame.at[c, "name_nl"]):
            detail_rows.append(html.Tr([html.Td(str(m["names"].get(pid, pid))), html.Td(frame.at[nis, "name_nl"])]
                                       + [html.Td(fmt.number(shares_by_rule[r].get(nis, 0.0), 3, lang),
                                                  className="num need-rule-current" if r == m["rule"] else "num")
                                          for r in need.RULES]))
    caption = t("need.rule.effect", lang)
    children.append(scroll_box(html.Table([html.Caption(caption), head, html.Tbody(rows)], id="need-rule-table",
                                          className="data-table compact"), caption, lang))
    notes = []
    sp = m["split"]
    if sp.no_weight:
        notes.append(t("need.rule.no_weight", lang, names=", ".join(frame.at[c, "name_nl"] for c in sp.no_weight)))
    if sp.fallback:
        notes.append(t("need.rule.fallback", lang, names=", ".join(str(m["names"].get(p, p)) for p in sp.fallback)))
    children += [html.P(n, className="section-intro need-rule-note") for n in notes]
    detail_head = html.Thead(html.Tr([html.Th(t("need.col.network", lang), scope="col"),
                                      html.Th(t("need.col.municipality", lang), scope="col")]
                                     + [html.Th(t(f"need.rule.{r}", lang), scope="col", className="num") for r in need.RULES]))
    detail_caption = t("need.rule.detail", lang)
    children.append(html.Details([
        html.Summary(detail_caption, id="need-rule-detail-toggle"),
        scroll_box(html.Table([html.Caption(detail_caption), detail_head, html.Tbody(detail_rows)],
                              id="need-rule-detail", className="data-table compact"), detail_caption, lang),
    ], className="details"))
    return children


def _share_range(shares: pd.Series, frame: pd.DataFrame, lang: str) -> str:
    if shares.empty:
        return fmt.MISSING
    lo, hi = shares.idxmin(), shares.idxmax()
    if abs(shares[hi] - shares[lo]) < 1e-9:
        return t("need.rule.each", lang, share=fmt.number(shares[lo], 3, lang))
    return t("need.rule.range", lang, lo=fmt.number(shares[lo], 3, lang), lo_name=frame.at[lo, "name_nl"],
             hi=fmt.number(shares[hi], 3, lang), hi_name=frame.at[hi, "name_nl"])


# ------------------------------------------------------------------------- callbacks

def _base_or_notice(lang: str):
    try:
        return qn.base(), None
    except db.WarehouseError as exc:
        return None, warehouse_notice(exc, lang)


@callback(Output("need-notice", "children"), Output("need-indicator", "options"), Output("need-indicator", "value"),
          Input("need-lang", "data"), State("need-initial", "data"))
def _setup(lang, initial):
    lang = normalise_lang(lang)
    base, notice = _base_or_notice(lang)
    if base is None:
        return notice, [], None
    usable = need_indicators(base)
    if not usable:
        return html.P(t("need.no_indicators", lang), className="notice"), [], None
    options = [{"label": f"{indicator_name(row, lang)} ({row['unit']})" if row.get("unit") else indicator_name(row, lang),
                "value": key} for key, row in usable.items()]
    ind, _year = resolve(base, (initial or {}).get("indicator"), None)
    return None, options, ind["indicator_id"]


@callback(Output("need-year", "options"), Output("need-year", "value"),
          Input("need-indicator", "value"), State("need-year", "value"), State("need-initial", "data"))
def _years(indicator, current, initial):
    if not indicator:
        return [], None
    try:
        base = qn.base()
    except db.WarehouseError:
        return [], None
    ind, _ = resolve(base, indicator, None)
    years = years_of(ind) if ind else []
    if not years:
        return [], None
    wanted = current if current in years else (initial or {}).get("year")
    return [{"label": str(y), "value": y} for y in reversed(years)], wanted if wanted in years else years[-1]


@callback(Output("need-rule-box", "children"),
          Input("need-indicator", "value"), Input("need-year", "value"), Input("need-rule", "value"),
          Input("need-lang", "data"))
def _rule(indicator, year, rule, lang):
    lang = normalise_lang(lang)
    if not indicator or not year:
        return None
    try:
        base = qn.base()
        ind, year = resolve(base, indicator, year)
        if ind is None:
            return None
        return _rule_box(qn.version() or "", ind["indicator_id"], year, need.normalise_rule(rule), lang)
    except db.WarehouseError:
        return None


@lru_cache(maxsize=48)
def _rule_box(version: str, indicator_id: str, year: int, rule: str, lang: str) -> list:
    """The rule box for a view (cached per build: it depends on nothing else)."""
    return rule_box(model(indicator_id, year, rule), lang)


@callback(Output("need-threshold-text", "children"), Output("need-quadrants", "children"),
          Output("need-scatter-box", "children"), Output("need-scatter", "figure"), Output("need-scatter-figure", "hidden"),
          Output("need-scatter-note", "children"),
          Output("need-t-need", "placeholder"), Output("need-t-int", "placeholder"),
          Input("need-indicator", "value"), Input("need-year", "value"), Input("need-measure", "value"),
          Input("need-rule", "value"), Input("need-t-need", "value"), Input("need-t-int", "value"),
          Input("need-lang", "data"))
def _scatter(indicator, year, measure, rule, need_t, int_t, lang):
    return render_scatter(indicator, year, measure, rule, need_t, int_t, normalise_lang(lang))


def render_scatter(indicator, year, measure, rule, need_t, int_t, lang):
    """The body of `_scatter` (the timing in the report calls it directly): threshold text, quadrant
    counts, a notice (funding not reported), the figure, whether the figure is hidden, the note and
    the two threshold placeholders."""
    if not indicator or not year:
        return (no_update,) * 8
    try:
        v = scatter_view(indicator, year, measure, rule, need_t, int_t, lang)
    except db.WarehouseError:
        return None, None, None, _empty_scatter(), True, None, "", ""
    if v["status"] == "no_indicator":
        return None, None, None, _empty_scatter(), True, None, "", ""
    m, th = v["m"], v["th"]
    placeholder_need = t("need.t.placeholder", lang, value=need_number(m, th["need_median"], lang))
    if v["status"] == "not_reported":
        box = html.Div([html.H3(t("need.not_reported", lang).capitalize()), html.P(funding_reason(m, lang))],
                       className="notice need-not-reported", id="need-scatter-not-reported")
        return (threshold_text(v, lang), quadrant_boxes(v, lang), box, _empty_scatter(), True, scatter_note(v, lang),
                placeholder_need, t("need.not_reported", lang))
    placeholder_level = t("need.t.placeholder", lang, value=fmt.number(th["level_overall"], 3, lang))
    return (threshold_text(v, lang), quadrant_boxes(v, lang), None, v["figure"], False, scatter_note(v, lang),
            placeholder_need, placeholder_level)


@callback(Output("need-t-need", "value"), Output("need-t-int", "value"),
          Input("need-t-reset", "n_clicks"), prevent_initial_call=True)
def _reset_thresholds(_n):
    return None, None


@callback(Output("need-gap-summary", "children"), Output("need-gap-list", "children"), Output("need-gap-map", "figure"),
          Output("need-gap-map-key", "data"),
          Output("need-gap-top", "disabled"), Output("need-gap-min", "disabled"), Output("need-gap-min", "placeholder"),
          Input("need-indicator", "value"), Input("need-year", "value"), Input("need-rule", "value"),
          Input("need-gap-below", "value"), Input("need-gap-mode", "value"), Input("need-gap-top", "value"),
          Input("need-gap-min", "value"), Input("need-lang", "data"), State("need-gap-map-key", "data"))
def _gap(indicator, year, rule, below, mode, top, minimum, lang, drawn_key):
    return render_gap(indicator, year, rule, below, mode, top, minimum, normalise_lang(lang), drawn_key)


def render_gap(indicator, year, rule, below, mode, top, minimum, lang, drawn_key=None):
    """The body of `_gap`: summary, list, map (a patch when only the shortlist changed) and its key,
    which input is in force, and the placeholder of the need limit."""
    mode = mode if mode in GAP_MODES else DEFAULT_GAP_MODE
    disabled = (mode != "top", mode != "value")
    if not indicator or not year:
        return (no_update,) * 4 + disabled + (no_update,)
    try:
        base = qn.base()
        ind, year = resolve(base, indicator, year)
        if ind is None:
            return (None, None, _empty_map(), None) + disabled + ("",)
        m = model(ind["indicator_id"], year, rule)
    except db.WarehouseError:
        return (None, None, _empty_map(), None) + disabled + ("",)
    gap = gap_frame(m, below, mode, top, minimum)
    count_key = "need.gap.count_one" if len(gap) == 1 else "need.gap.count"
    summary = [html.Strong(t(count_key, lang, n=fmt.integer(len(gap), lang)), id="need-gap-count"), " ",
               gap_rule_text(m, below, mode, top, minimum, lang), " ", rule_short(m["rule"], lang) + "."]
    listing = gap_table(m, gap, lang) if len(gap) else html.P(t("need.gap.empty", lang), className="empty",
                                                               id="need-gap-empty")
    placeholder = t("need.t.placeholder", lang, value=need_number(m, need.median_threshold(m["frame"]["need"]), lang))
    return (summary, listing, *map_update(m, gap, lang, drawn_key)) + disabled + (placeholder,)


@callback(Output("need-spread-box", "children"), Output("need-curve-box", "children"),
          Input("need-indicator", "value"), Input("need-year", "value"), Input("need-rule", "value"),
          Input("need-lang", "data"))
def _spread_and_curve(indicator, year, rule, lang):
    lang = normalise_lang(lang)
    if not indicator or not year:
        return no_update, no_update
    try:
        base = qn.base()
        ind, year = resolve(base, indicator, year)
        if ind is None:
            return None, None
        return _sections(qn.version() or "", ind["indicator_id"], year, need.normalise_rule(rule), lang)
    except db.WarehouseError:
        return None, None


@lru_cache(maxsize=48)
def _sections(version: str, indicator_id: str, year: int, rule: str, lang: str) -> tuple:
    """The spread and the curve sections of a view (cached per build: they depend on nothing else)."""
    m = model(indicator_id, year, rule)
    return spread_view(m, lang), curve_view(m, lang)


CONTROL_INPUTS = [("indicator", "need-indicator"), ("year", "need-year"), ("measure", "need-measure"),
                  ("rule", "need-rule"), ("need_t", "need-t-need"), ("int_t", "need-t-int"),
                  ("gap_n", "need-gap-below"), ("gap_mode", "need-gap-mode"), ("gap_top", "need-gap-top"),
                  ("gap_min", "need-gap-min")]


@callback(Output("app-url", "search", allow_duplicate=True),
          *[Input(cid, "value") for _k, cid in CONTROL_INPUTS],
          State("app-url", "search"), State("app-url", "pathname"), prevent_initial_call=True)
def _sync_url(*args):
    *values, search, pathname = args
    if not str(pathname or "").rstrip("/").endswith(PATH) or not values[0] or not values[1]:
        return no_update
    return search_for(dict(zip([k for k, _c in CONTROL_INPUTS], values)), search)


def search_for(controls: dict, search: str | None):
    """The new URL query for the controls (no_update when it would not change)."""
    state = parse_state(**controls)
    try:
        base = qn.base()
        ind, _ = resolve(base, state["indicator"], state["year"])
        latest = years_of(ind)[-1] if ind else None
    except db.WarehouseError:
        return no_update
    new = with_query("", search, **url_changes(state, latest))
    return new if new != (search or "") else no_update


# ------------------------------------------------------------------------- exports

def _today() -> str:
    return datetime.now().strftime("%Y-%m-%d")


def _intro(m: dict, title: str, lang: str, *extra: str) -> list[str]:
    build = qn.base().get("build") or {}
    ind = m["ind"]
    return [title,
            t("need.export.need", lang, indicator=indicator_name(ind, lang), year=m["year"], unit=ind.get("unit") or ""),
            rule_sentence(m, lang),
            *extra,
            t("need.years.intro", lang) + " " + years_sentence(m, lang),
            t("need.export.source", lang, build=build.get("build_id") or fmt.MISSING, date=_today())]


def export_scatter(state: dict, lang: str):
    v = scatter_view(state["indicator"], state["year"], state["measure"], state["rule"], state["need_t"],
                     state["int_t"], lang)
    if v["status"] == "no_indicator":
        return None
    m, measure = v["m"], v["measure"]
    frame = m["frame"]
    reported = v["status"] == "ok"
    level = v["level"] if reported else pd.Series(math.nan, index=frame.index)
    quad = v["quad"] if reported else pd.Series(None, index=frame.index)
    rows = []
    for nis, r in frame.iterrows():
        rows.append({
            "name": r["name_nl"], "nis": nis, "province": province_label(r["province_nis"], lang),
            "need": r["need"], "flag": t(f"flag.{r['flag']}", lang) if isinstance(r["flag"], str) else "",
            "equivalents": r["equivalents"], "population": r["population"], "children": r["children"],
            "level": level.get(nis) if reported else None,
            "level_text": None if reported else t("need.not_reported", lang),
            "quadrant": t(f"need.q.{quad.get(nis)}", lang) if reported else t("need.not_reported", lang),
            "networks": "; ".join(network_lines(m, nis, lang, limit=99)),
        })
    rows.sort(key=lambda r: (r["province"], r["name"]))
    C = downloads.Column
    unit = m["ind"].get("unit") or ""
    cols = [C("name", t("need.col.municipality", lang)), C("nis", t("need.col.nis", lang)),
            C("province", t("need.col.province", lang)),
            C("need", f"{indicator_name(m['ind'], lang)} ({m['year']}{', ' + unit if unit else ''})", "number", 4),
            C("flag", t("need.col.flag", lang)),
            C("equivalents", t("need.col.equivalents", lang), "number", 4),
            C("population", t("need.col.population", lang, year=m["years"]["population"]), "int"),
            C("children", t("need.col.children", lang, year=m["years"]["children"]), "int")]
    cols.append(C("level", t(f"need.measure.{measure}", lang), "number", 4) if reported
                else C("level_text", t(f"need.measure.{measure}", lang)))
    cols += [C("quadrant", t("need.col.quadrant", lang)), C("networks", t("need.col.networks", lang))]
    intro = _intro(m, t("need.export.scatter", lang), lang, threshold_text(v, lang))
    return "nood_aanbod", intro, downloads.Sheet(t("need.sheet.scatter", lang), cols, rows, intro)


def export_gap(state: dict, lang: str):
    base = qn.base()
    ind, year = resolve(base, state["indicator"], state["year"])
    if ind is None:
        return None
    m = model(ind["indicator_id"], year, state["rule"])
    gap = gap_frame(m, state["gap_n"], state["gap_mode"], state["gap_top"], state["gap_min"])
    n = int(m["frame"]["need"].notna().sum())
    rows = [{"i": i, "name": r.name, "nis": r.nis_code, "province": province_label(r.province_nis, lang),
             "need": r.need, "need_rank": r.need_rank, "of": n, "equivalents": r.equivalents,
             "networks": "; ".join(network_lines(m, r.nis_code, lang, limit=99)) or t("need.network.none", lang),
             "profile": profile_href(r.nis_code, lang)}
            for i, r in enumerate(gap.itertuples(), start=1)]
    C = downloads.Column
    unit = ind.get("unit") or ""
    cols = [C("i", t("need.col.list_rank", lang), "int"), C("name", t("need.col.municipality", lang)),
            C("nis", t("need.col.nis", lang)), C("province", t("need.col.province", lang)),
            C("need", f"{indicator_name(ind, lang)} ({year}{', ' + unit if unit else ''})", "number", 4),
            C("need_rank", t("need.col.need_rank_plain", lang), "int"), C("of", t("need.col.of", lang), "int"),
            C("equivalents", t("need.col.equivalents", lang), "number", 4),
            C("networks", t("need.col.networks", lang)), C("profile", t("need.col.profile", lang))]
    rule = gap_rule_text(m, state["gap_n"], state["gap_mode"], state["gap_top"], state["gap_min"], lang)
    intro = _intro(m, t("need.export.gap", lang, n=len(rows)), lang, rule)
    return "shortlist_nood_zonder_netwerk", intro, downloads.Sheet(t("need.sheet.gap", lang), cols, rows, intro)


def export_spread(state: dict, lang: str):
    base = qn.base()
    ind, year = resolve(base, state["indicator"], state["year"])
    if ind is None:
        return None
    m = model(ind["indicator_id"], year, state["rule"])
    df = spread_frame(m, lang)
    not_reported = t("need.not_reported", lang)
    rows = []
    for r in df.to_dict("records"):
        rows.append({**r, "funding_text": not_reported if fmt.is_missing(r["funding"]) else None,
                     "funding_share_pct": None if fmt.is_missing(r["funding_share"]) else r["funding_share"] * 100,
                     "equivalents_share_pct": r["equivalents_share"] * 100 if not fmt.is_missing(r["equivalents_share"]) else None,
                     "at_risk_share_pct": r["at_risk_share"] * 100 if not fmt.is_missing(r["at_risk_share"]) else None})
    C = downloads.Column
    ry = m["years"]["at_risk"]
    cols = [C("name", t("need.col.area", lang)), C("municipalities", t("need.col.municipalities", lang), "int"),
            C("equivalents", t("need.col.equivalents", lang), "number", 4),
            C("equivalents_share_pct", t("need.col.equivalents_share_pct", lang), "number", 2)]
    if funding_state(m) == "all":
        cols += [C("funding", t("need.col.funding", lang), "number", 2),
                 C("funding_share_pct", t("need.col.funding_share_pct", lang), "number", 2)]
    else:
        cols += [C("funding_text", t("need.col.funding", lang))]
    cols += [C("at_risk", t("need.col.at_risk", lang, year=ry), "number", 0),
             C("at_risk_missing", t("need.col.at_risk_missing", lang), "int"),
             C("at_risk_share_pct", t("need.col.at_risk_share_pct", lang, year=ry), "number", 2),
             C("ratio", t("need.col.ratio", lang), "number", 3)]
    extra = [t("need.spread.ratio_note", lang), t("need.spread.at_risk_note", lang, year=ry)]
    if funding_state(m) != "all":
        extra.append(f"{t('need.funding.title', lang)}: {not_reported} – {funding_reason(m, lang)}")
    intro = _intro(m, t("need.export.spread", lang), lang, *extra)
    return "spreiding_provincies", intro, downloads.Sheet(t("need.sheet.spread", lang), cols, rows, intro)


def export_curve(state: dict, lang: str):
    base = qn.base()
    ind, year = resolve(base, state["indicator"], state["year"])
    if ind is None:
        return None
    m = model(ind["indicator_id"], year, state["rule"])
    curves = curve_frames(m)
    df = curves["networks"]
    frame = m["frame"]
    rows = []
    for i, r in enumerate(df.iloc[1:].itertuples(), start=1) if not df.empty else []:
        rows.append({"i": i, "name": frame.at[r.nis_code, "name_nl"], "nis": r.nis_code,
                     "province": province_label(frame.at[r.nis_code, "province_nis"], lang),
                     "need": r.need, "at_risk": r.at_risk, "equivalents": r.interventions,
                     "x": r.x * 100, "y": r.y * 100})
    index = need.concentration_index(df["x"], df["y"]) if not df.empty else math.nan
    C = downloads.Column
    unit = ind.get("unit") or ""
    cols = [C("i", t("need.col.order", lang), "int"), C("name", t("need.col.municipality", lang)),
            C("nis", t("need.col.nis", lang)), C("province", t("need.col.province", lang)),
            C("need", f"{indicator_name(ind, lang)} ({year}{', ' + unit if unit else ''})", "number", 4),
            C("at_risk", t("need.col.at_risk", lang, year=m["years"]["at_risk"]), "number", 0),
            C("equivalents", t("need.col.equivalents", lang), "number", 4),
            C("x", t("need.col.cum_x", lang), "number", 4), C("y", t("need.col.cum_y", lang), "number", 4)]
    extra = [t("need.export.index", lang, value=fmt.number(index, 4, lang)),
             "C = 1 − Σ (x_i − x_{i−1}) · (y_i + y_{i−1}), x_0 = y_0 = 0. " + t("need.curve.formula", lang)]
    if funding_state(m) != "all":
        extra.append(f"{t('need.funding.title', lang)}: {t('need.not_reported', lang)} – {funding_reason(m, lang)}")
    intro = _intro(m, t("need.export.curve", lang), lang, *extra)
    return "concentratiecurve", intro, downloads.Sheet(t("need.sheet.curve", lang), cols, rows, intro)


EXPORTS = {"scatter": export_scatter, "gap": export_gap, "spread": export_spread, "curve": export_curve}




def export_file(kind: str, fmt_name: str, state: dict, lang: str):
    """(bytes, file name, mime type) of one chart's data, or None without a warehouse."""
    try:
        made = EXPORTS[kind](state, lang)
    except db.WarehouseError:
        return None
    if made is None:
        return None
    stem, intro, sheet = made
    m_year = state.get("year")
    name_parts = (stem, state.get("indicator") or "", str(m_year or ""), state["rule"], _today())
    if fmt_name == "csv":
        return downloads.csv_with_intro(intro, sheet), downloads.file_name(*name_parts, ext="csv"), downloads.CSV_MIME
    notes = downloads.Sheet(t("need.sheet.notes", lang), [downloads.Column("text", t("need.col.note", lang))],
                            [{"text": line} for line in intro[1:]], intro[:1])
    return downloads.workbook_bytes([sheet, notes]), downloads.file_name(*name_parts, ext="xlsx"), downloads.XLSX_MIME


def _register_download(kind: str) -> None:
    @callback(Output(f"need-{kind}-download", "data"),
              Input(f"need-{kind}-csv", "n_clicks"), Input(f"need-{kind}-xlsx", "n_clicks"),
              *[State(cid, "value") for _k, cid in CONTROL_INPUTS], State("need-lang", "data"),
              prevent_initial_call=True)
    def _download(_csv, _xlsx, *values):
        *controls, lang = values
        trigger = ctx.triggered_id or ""
        if not (_csv or _xlsx) or not controls[0] or not controls[1]:
            return no_update
        state = parse_state(**dict(zip([k for k, _c in CONTROL_INPUTS], controls)))
        state["year"] = controls[1]
        made = export_file(kind, "xlsx" if str(trigger).endswith("xlsx") else "csv", state, normalise_lang(lang))
        if made is None:
            return no_update
        content, name, mime = made
        return dcc.send_bytes(content, name, type=mime)

    _download.__name__ = f"_download_{kind}"


for _kind in EXPORTS:
    _register_download(_kind)


# A click on a municipality (map or scatter) opens its profile, like a dcc.Link.
clientside_callback(
    """function(mapClick, scatterClick, search) {
        const nu = window.dash_clientside.no_update;
        const trig = (window.dash_clientside.callback_context.triggered[0] || {}).prop_id || "";
        const click = trig.startsWith("need-gap-map") ? mapClick : scatterClick;
        if (!click || !click.points || !click.points.length) { return nu; }
        const p = click.points[0];
        const nis = p.location || (p.customdata && p.customdata[0]);
        if (!nis || !/^[0-9]{5}$/.test(String(nis))) { return nu; }
        const lang = new URLSearchParams(search || "").get("lang") === "en" ? "en" : "nl";
        const href = "%s?nis=" + encodeURIComponent(nis) + (lang === "en" ? "&lang=en" : "");
        window.history.pushState({}, "", href);
        window.dispatchEvent(new CustomEvent("_dashprivate_pushstate"));
        window.scrollTo(0, 0);
        return nu;
    }""" % PROFILE_PATH,
    Output("need-notice", "title"),
    Input("need-gap-map", "clickData"), Input("need-scatter", "clickData"), State("app-url", "search"),
    prevent_initial_call=True,
)
