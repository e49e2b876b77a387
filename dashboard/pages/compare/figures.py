"""The comparison's trend chart: a plain figure dict of the lines of compare.view.series_list."""
from __future__ import annotations

from dashboard import formatting as fmt
from dashboard.profile_data import flag_words
from dashboard.ui.graphs import FONT
from dashboard.ui.text import esc

PALETTE = ["#0b4f8a", "#a34700", "#00795a", "#8b2f8b", "#6b5b00", "#b0223a"]
MEMBER_COLOUR = "#8a96a3"
PEERS_COLOUR = "#00795a"
AREA_COLOUR = "#1a1a1a"
REGION_COLOUR = "#4a4a4a"
# Drawing order (later on top), width and dash per role of a line.
ORDER = {"member": 0, "region": 1, "group": 2, "chosen": 3}
WIDTH = {"member": 1, "region": 2, "group": 3, "chosen": 3}
DASH = {"member": "solid", "region": "dot", "group": "dash", "chosen": "solid"}


def colours(lines: list[dict]) -> list[str]:
    """A colour per line: the chosen ones from the palette in turn, the others by role."""
    out, chosen = [], 0
    for s in lines:
        if s["role"] == "chosen":
            out.append(PALETTE[chosen % len(PALETTE)])
            chosen += 1
        elif s["role"] == "group":
            out.append(PEERS_COLOUR if s["code"] == "peers" else AREA_COLOUR)
        else:
            out.append(MEMBER_COLOUR if s["role"] == "member" else REGION_COLOUR)
    return out


def figure(data: dict, lines: list[dict], lang: str) -> dict:
    ind = data["ind"]
    traces = []
    coloured = sorted(zip(lines, colours(lines)), key=lambda pair: ORDER[pair[0]["role"]])
    for s, colour in coloured:
        texts = []
        for _y, v, f, _n in s["points"]:
            extra = " · " + flag_words(f, lang) if isinstance(f, str) and f != "original" else ""
            texts.append(esc(fmt.value_text(v, ind, lang) + extra))
        role = s["role"]
        traces.append({
            "type": "scatter", "mode": "lines" if role == "member" else "lines+markers",
            "x": [p[0] for p in s["points"]], "y": [p[1] for p in s["points"]], "name": esc(s["label"]),
            "line": {"color": colour, "width": WIDTH[role], "dash": DASH[role]},
            "marker": {"size": 6, "symbol": ["circle" if p[2] in (None, "original") else "circle-open" for p in s["points"]]},
            "customdata": texts, "hovertemplate": "%{customdata}<extra>" + esc(s["label"]) + "</extra>",
            "showlegend": role != "member",
            "opacity": 0.8 if role == "member" else 1,
        })
    return {"data": traces, "layout": {
        "height": 420, "margin": {"l": 70, "r": 20, "t": 20, "b": 40}, "hovermode": "closest",
        "separators": ",." if lang == "nl" else ".,", "paper_bgcolor": "#ffffff", "plot_bgcolor": "#ffffff",
        "font": FONT, "legend": {"orientation": "h", "y": -0.15},
        "xaxis": {"tickformat": "d", "gridcolor": "#e5e8ec", "dtick": 1 if len(ind["years"]) <= 12 else None},
        "yaxis": {"gridcolor": "#e5e8ec", "title": {"text": esc(fmt.unit_label(ind, lang))},
                  "rangemode": "tozero" if ind["kind"] == "count" else "normal"},
    }}
