"""The view of the need page as it lives in the URL (`?indicator=&year=&region=&measure=&rule=
&need_t=&int_t=&gap_n=&gap_mode=&gap_top=&gap_min=&lang=`): read and checked for form, and written
back with the defaults left out. The warehouse decides the rest (which indicators and years exist,
and so which indicator is the default: dashboard/default_indicator.py)."""
from __future__ import annotations

import math
import re

from dashboard import need
from dashboard.i18n import normalise_lang
from dashboard.urls import one

PATH = "/behoefte"
# The default of the default (offline) build; the page's default is the first indicator of the
# declared preference order the warehouse holds (view.default_id), passed to url_changes.
DEFAULT_INDICATOR = "arop_admin"
# Which municipalities the page covers: the Flemish Region's (the five provinces), the Brussels-
# Capital Region's 19, or both (the default: every municipality the monitor has).
REGIONS = ("both", "flanders", "brussels")
DEFAULT_REGION = "both"
GAP_BELOW = ("0", "0.5", "1", "2", "3", "5")
DEFAULT_GAP_BELOW = "1"
GAP_MODES = ("top", "value")
DEFAULT_GAP_MODE = "top"
DEFAULT_GAP_TOP = 20.0
CODE = re.compile(r"^[a-z0-9_]{1,64}$")
NUMBER = re.compile(r"^-?[0-9]{1,12}([.,][0-9]{1,8})?$")

# The controls that make up the view: (query key, component id).
CONTROLS = [("indicator", "need-indicator"), ("year", "need-year"), ("region", "need-region"),
            ("measure", "need-measure"),
            ("rule", "need-rule"), ("need_t", "need-t-need"), ("int_t", "need-t-int"),
            ("gap_n", "need-gap-below"), ("gap_mode", "need-gap-mode"), ("gap_top", "need-gap-top"),
            ("gap_min", "need-gap-min")]


def parse_number(value) -> float | None:
    """A number from the URL or an input: `12.5` or `12,5`; None when absent or not a plain number."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value) if math.isfinite(value) else None
    text = one(value)
    if not text or not NUMBER.match(text):
        return None
    return float(text.replace(",", "."))


def valid_gap_below(value) -> str:
    """The coverage limit of the shortlist (one of GAP_BELOW)."""
    value = one(value)
    return value if value in GAP_BELOW else DEFAULT_GAP_BELOW


def valid_region(value) -> str:
    """Flanders, Brussels or both (one of REGIONS)."""
    value = one(value)
    return value if value in REGIONS else DEFAULT_REGION


def valid_gap_mode(value) -> str:
    value = one(value)
    return value if value in GAP_MODES else DEFAULT_GAP_MODE


def valid_gap_top(value) -> float:
    """The share of municipalities with most need (a percentage in (0, 100])."""
    top = parse_number(value)
    return top if top is not None and 0 < top <= 100 else DEFAULT_GAP_TOP


def parse_state(indicator=None, year=None, measure=None, rule=None, need_t=None, int_t=None, gap_n=None,
                gap_mode=None, gap_top=None, gap_min=None, lang=None, region=None, **_ignored) -> dict:
    """The view asked for in the URL (or by the controls), checked for form."""
    code = one(indicator)
    year_text = one(year)
    return {
        "indicator": code if code and CODE.match(code) else None,
        "year": int(year_text) if year_text and year_text.isdigit() and len(year_text) == 4 else None,
        "region": valid_region(region),
        "measure": need.normalise_measure(one(measure)),
        "rule": need.normalise_rule(one(rule)),
        "need_t": parse_number(need_t),
        "int_t": parse_number(int_t),
        "gap_n": valid_gap_below(gap_n),
        "gap_mode": valid_gap_mode(gap_mode),
        "gap_top": valid_gap_top(gap_top),
        "gap_min": parse_number(gap_min),
        "lang": normalise_lang(lang),
    }


def number_query(value) -> str | None:
    value = parse_number(value)
    return None if value is None else f"{value:.10g}"


def url_changes(state: dict, latest_year: int | None, default_indicator: str | None = DEFAULT_INDICATOR) -> dict:
    """The query keys of a view (None = at its default, left out of the URL). `default_indicator`:
    the default of the warehouse in use (view.default_id)."""
    return {
        "indicator": state["indicator"] if state["indicator"] and state["indicator"] != default_indicator else None,
        "year": str(state["year"]) if state["year"] and state["year"] != latest_year else None,
        "region": state["region"] if state["region"] != DEFAULT_REGION else None,
        "measure": state["measure"] if state["measure"] != need.DEFAULT_MEASURE else None,
        "rule": state["rule"] if state["rule"] != need.DEFAULT_RULE else None,
        "need_t": number_query(state["need_t"]),
        "int_t": number_query(state["int_t"]),
        "gap_n": state["gap_n"] if state["gap_n"] != DEFAULT_GAP_BELOW else None,
        "gap_mode": state["gap_mode"] if state["gap_mode"] != DEFAULT_GAP_MODE else None,
        "gap_top": number_query(state["gap_top"]) if state["gap_top"] != DEFAULT_GAP_TOP else None,
        "gap_min": number_query(state["gap_min"]),
    }
