"""The profile's trend chart per indicator: a plain figure dict (no plotly validation: fast; a
profile draws about a dozen). The axes allow tick labels past the chart's edge (`ticklabeloverflow`;
the margins keep them inside): plotly's default checks every label against every other on each draw,
a fifth of the profile's drawing time. No height: the graph is `responsive` and fills the box the
page's CSS gives it (taller in presentation mode, where assets/staged_charts.js also enlarges the
type)."""
from __future__ import annotations

from dashboard import formatting as fmt
from dashboard.i18n import t
from dashboard.pages.profile.view import SERIES, series_label
from dashboard.profile_data import flag_words
from dashboard.ui.graphs import FONT
from dashboard.ui.notes import value_note
from dashboard.ui.text import esc

COLOURS = {"own": "#0b4f8a", "province": "#a34700", "region": "#4a4a4a", "peers": "#00795a"}
DASHES = {"own": "solid", "province": "dash", "region": "dot", "peers": "dashdot"}
# Marker per flag (the legend under the charts names them); any other flag: a cross.
FLAG_SYMBOLS = {"original": "circle", "recomputed_2025": "circle-open", "estimated": "circle-open"}


def figure(data: dict, row: dict, lang: str) -> dict:
    """The lines of one indicator (`row` from profile_data.indicator_rows)."""
    traces = []
    for key in SERIES:
        s = row["series"].get(key)
        if not s:
            continue
        years = [int(rec["year"]) for rec in s]
        vals = [None if fmt.is_missing(rec["value"]) else float(rec["value"]) for rec in s]
        texts = [fmt.value_text(v, row, lang) for v in vals]
        if key == "peers":
            extra = [t("profile.peer_n", lang, n=int(rec["n"])) for rec in s]
            symbols = ["circle"] * len(years)
        else:
            extra = [hover_flag(rec.get("flag"), rec.get("note"), data["names"], lang) for rec in s]
            symbols = [FLAG_SYMBOLS.get(rec.get("flag"), "x") for rec in s]
        label = esc(series_label(data, key, lang))
        traces.append({
            "type": "scatter", "mode": "lines+markers", "x": years, "y": vals, "name": label,
            "line": {"color": COLOURS[key], "dash": DASHES[key], "width": 3 if key == "own" else 2},
            "marker": {"symbol": symbols, "size": 7 if key == "own" else 5, "color": COLOURS[key]},
            "customdata": [[esc(a), esc(b)] for a, b in zip(texts, extra)],
            "hovertemplate": "%{customdata[0]} %{customdata[1]}<extra>" + label + "</extra>",
            "connectgaps": False,
        })
    short, _unit, _decimals = fmt.display_meta(row, lang)
    return {"data": traces, "layout": {
        "margin": {"l": 60, "r": 10, "t": 10, "b": 30}, "showlegend": False,
        "separators": ",." if lang == "nl" else ".,", "hovermode": "x unified",
        "paper_bgcolor": "#ffffff", "plot_bgcolor": "#ffffff", "font": {**FONT, "size": 12},
        "xaxis": {"tickformat": "d", "gridcolor": "#e5e8ec", "fixedrange": True, "ticklabeloverflow": "allow"},
        "yaxis": {"gridcolor": "#e5e8ec", "fixedrange": True, "rangemode": "tozero" if row["kind"] == "count" else "normal",
                  "ticklabeloverflow": "allow",
                  "ticksuffix": ("\u00a0%" if lang == "nl" else "%") if short == "%" else "",
                  "tickprefix": "€\u00a0" if short == "€" else ""},
    }}


def hover_flag(flag, note, names: dict[str, str], lang: str) -> str:
    """A flagged value's flag and note for the hover ("" for an original value)."""
    if not isinstance(flag, str) or flag == "original":
        return ""
    note = value_note(note, names, lang)
    return flag_words(flag, lang) + (f": {note}" if note else "")
