"""The action plan's charts: the counted amount per right or per minister as horizontal bars (plain
figure dicts: plotly's validation through go.Figure cost more than the rest of the page)."""
from __future__ import annotations

from dashboard import formatting as fmt
from dashboard.i18n import t
from dashboard.ui.graphs import FONT
from dashboard.ui.text import esc

BAR_COLOUR = "#0b4f8a"
# The axis is linear even though one action (child benefit, 3.45 billion) dwarfs the rest: bar lengths
# must compare honestly (on a log axis 3.47 bn looked 2.5x as long as 6 M). Every bar carries its value
# as text, and the page names the dominating action under the chart (layout._outlier_note).


def height(groups: list[dict]) -> int:
    return max(260, 36 * len(groups) + 100)


def short_euro(value: float, lang: str) -> str:
    """Axis labels that fit: 100.000, 1 mln, 1 mld (nl) / 100,000, 1M, 1bn (en)."""
    for factor, key in ((1e9, "actions.axis.billion"), (1e6, "actions.axis.million")):
        if value >= factor:
            scaled = value / factor
            return t(key, lang, n=fmt.number(scaled, 0 if scaled == int(scaled) else 1, lang))
    return fmt.number(value, 0, lang)


def amount_bars(groups: list[dict], lang: str) -> dict:
    """Bars of the counted amount per group (`name`, `amount`, `with_amount`, `actions`)."""
    labels = [esc(g["name"]) for g in groups]  # plotly reads tags in tick labels too
    amounts = [g["amount"] for g in groups]
    hover = [f"{label}<br>{fmt.euro(g['amount'], 0, lang)}<br>"
             f"{t('actions.col.with_amount', lang)}: {g['with_amount']} / {g['actions']}"
             for label, g in zip(labels, groups)]
    positive = [a for a in amounts if a and a > 0]
    bar = {"type": "bar", "x": amounts, "y": labels,
           "orientation": "h", "marker": {"color": BAR_COLOUR}, "text": [fmt.euro(a, 0, lang) for a in amounts],
           "textposition": "auto", "cliponaxis": False, "insidetextfont": {"color": "#ffffff"},
           "outsidetextfont": {"color": "#1f2933"}, "hovertext": hover, "hoverinfo": "text"}
    top = max(positive) if positive else 1
    ticks = _ticks(top)
    xaxis = {"title": {"text": t("actions.chart_axis", lang)}, "gridcolor": "#e3e7eb", "type": "linear",
             "rangemode": "tozero", "tickangle": 0, "range": [0, top * 1.35],
             "tickvals": ticks, "ticktext": [short_euro(v, lang) for v in ticks]}
    return {"data": [bar], "layout": {
        "height": height(groups), "margin": {"l": 10, "r": 20, "t": 10, "b": 50}, "xaxis": xaxis,
        "yaxis": {"autorange": "reversed", "automargin": True},
        "separators": ",." if lang == "nl" else ".,", "plot_bgcolor": "#fff", "paper_bgcolor": "#fff",
        "font": FONT,
    }}


def _ticks(top: float) -> list[float]:
    """Three to six round ticks from 0 to just past `top` (1, 2 or 5 times a power of ten apart)."""
    power = 10 ** (len(str(int(top))) - 1) if top >= 1 else 1
    step = next(s * power for s in (0.2, 0.5, 1, 2) if top / (s * power) <= 5)
    return [step * k for k in range(int(top * 1.35 // step) + 1)]
