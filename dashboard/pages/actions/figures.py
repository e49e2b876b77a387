"""The action plan's charts: the counted amount per right or per minister as horizontal bars (plain
figure dicts: plotly's validation through go.Figure cost more than the rest of the page)."""
from __future__ import annotations

import math

from dashboard import formatting as fmt
from dashboard.i18n import t
from dashboard.ui.graphs import FONT
from dashboard.ui.text import esc

BAR_COLOUR = "#0b4f8a"
# One action (child benefit, 3.45 billion) dwarfs the rest: beyond this ratio of the largest to the
# smallest bar the axis is logarithmic, so every bar stays readable (each carries its value as text).
LOG_RATIO = 100


def height(groups: list[dict]) -> int:
    return max(260, 36 * len(groups) + 100)


def short_euro(value: float, lang: str) -> str:
    """Axis labels that fit: 100.000, 1 mln, 1 mld (nl) / 100,000, 1M, 1bn (en)."""
    for factor, key in ((1e9, "actions.axis.billion"), (1e6, "actions.axis.million")):
        if value >= factor:
            return t(key, lang, n=fmt.number(value / factor, 0, lang))
    return fmt.number(value, 0, lang)


def amount_bars(groups: list[dict], lang: str) -> dict:
    """Bars of the counted amount per group (`name`, `amount`, `with_amount`, `actions`)."""
    labels = [esc(g["name"]) for g in groups]  # plotly reads tags in tick labels too
    amounts = [g["amount"] for g in groups]
    hover = [f"{label}<br>{fmt.euro(g['amount'], 0, lang)}<br>"
             f"{t('actions.col.with_amount', lang)}: {g['with_amount']} / {g['actions']}"
             for label, g in zip(labels, groups)]
    positive = [a for a in amounts if a and a > 0]
    log = bool(positive) and max(positive) / min(positive) > LOG_RATIO
    bar = {"type": "bar", "x": [a if a and a > 0 else None for a in amounts] if log else amounts, "y": labels,
           "orientation": "h", "marker": {"color": BAR_COLOUR}, "text": [fmt.euro(a, 0, lang) for a in amounts],
           "textposition": "auto", "cliponaxis": False, "insidetextfont": {"color": "#ffffff"},
           "outsidetextfont": {"color": "#1f2933"}, "hovertext": hover, "hoverinfo": "text"}
    xaxis = {"title": {"text": t("actions.chart_axis_log" if log else "actions.chart_axis", lang)},
             "gridcolor": "#e3e7eb"}
    if log:
        low, high = math.floor(math.log10(min(positive))), math.ceil(math.log10(max(positive)))
        ticks = [10 ** k for k in range(low, high + 1, 1 if high - low <= 4 else 2)]
        xaxis.update(type="log", range=[low - 0.1, math.log10(max(positive)) + 1.4], tickangle=0,
                     tickvals=ticks, ticktext=[short_euro(v, lang) for v in ticks])
    else:
        xaxis.update(tickformat=",.0f", rangemode="tozero", tickangle=0,
                     range=[0, (max(positive) if positive else 1) * 1.35])
    return {"data": [bar], "layout": {
        "height": height(groups), "margin": {"l": 10, "r": 20, "t": 10, "b": 50}, "xaxis": xaxis,
        "yaxis": {"autorange": "reversed", "automargin": True},
        "separators": ",." if lang == "nl" else ".,", "plot_bgcolor": "#fff", "paper_bgcolor": "#fff",
        "font": FONT,
    }}
