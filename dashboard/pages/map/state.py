"""The map's view as it lives in the URL (`?indicator=&year=&scheme=&k=&overlay=&nis=&lang=`): read
and checked for form only (the warehouse decides which indicators, years and programmes exist), and
written back with the defaults left out, so a view can be shared or put in a presentation."""
from __future__ import annotations

import re
from urllib.parse import urlencode

from dashboard import mapping
from dashboard.i18n import normalise_lang
from dashboard.urls import one

# The default of the default (offline) build; the map shows the first indicator of the preference
# order the warehouse holds (dashboard/default_indicator.toml, view.default_id).
DEFAULT_INDICATOR = "arop_admin"
OVERLAY_OFF = "none"
OVERLAY_ALL = "all"
NIS = re.compile(r"[0-9]{5}")


def parse_state(indicator=None, year=None, scheme=None, k=None, overlay=None, nis=None, lang=None) -> dict:
    """The view asked for in the URL (query values may be lists: the last one counts)."""
    year_text = one(year)
    try:
        year_value = int(year_text) if year_text else None
    except ValueError:
        year_value = None
    nis_value = one(nis)
    return {
        "indicator": one(indicator),
        "year": year_value,
        "scheme": mapping.normalise_scheme(one(scheme)),
        "k": mapping.normalise_k(one(k)),
        "overlay": one(overlay) or OVERLAY_OFF,
        "nis": nis_value if nis_value and NIS.fullmatch(nis_value) else None,
        "lang": normalise_lang(one(lang)),
    }


def state_query(state: dict) -> str:
    """The URL query of a view; defaults are left out except indicator and year."""
    pairs = [("indicator", state["indicator"])]
    if state.get("year") is not None:
        pairs.append(("year", str(state["year"])))
    if state.get("scheme") and state["scheme"] != mapping.DEFAULT_SCHEME:
        pairs.append(("scheme", state["scheme"]))
    if state.get("k") and int(state["k"]) != mapping.DEFAULT_K:
        pairs.append(("k", str(state["k"])))
    if state.get("overlay") and state["overlay"] != OVERLAY_OFF:
        pairs.append(("overlay", state["overlay"]))
    if state.get("nis"):
        pairs.append(("nis", state["nis"]))
    if state.get("lang") == "en":
        pairs.append(("lang", "en"))
    return "?" + urlencode(pairs)
