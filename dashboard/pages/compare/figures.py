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
# Member lines (one grey line each) are named at their right ends when there are few of them (the 10
# peers of a municipality); a province's 20 to 70 municipalities stay unnamed (hover names them).
MAX_NAMED_MEMBERS = 12
LABEL_GAP = 0.05  # the least distance between two end labels, as a share of the value axis
LABEL_MARGIN = 130  # px on the right for the end labels
# A phone (viewport narrower than this, callbacks.VIEWPORT_JS): smaller margins and labels, fewer
# year ticks, so the plot keeps most of the ~340 px instead of a sliver.
NARROW_PX = 640
NARROW_LABEL_MARGIN = 100
NARROW_MAX_TICKS = 5
YEAR_PAD = 0.3  # the x axis runs this far (in years) past the first and last year


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


def figure(data: dict, lines: list[dict], lang: str, narrow: bool = False) -> dict:
    """The trend chart; `narrow` for a phone's width."""
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
    labels = end_labels(lines, font_size=10 if narrow else 11)
    layout = {
        "height": 420, "margin": {"l": 70, "r": LABEL_MARGIN if labels else 20, "t": 20, "b": 40},
        "hovermode": "closest", "annotations": labels,
        "separators": ",." if lang == "nl" else ".,", "paper_bgcolor": "#ffffff", "plot_bgcolor": "#ffffff",
        "font": FONT, "legend": {"orientation": "h", "y": -0.15},
        # tick labels may pass the chart's edge (the margins keep them inside): plotly's default
        # ("hide past div") checks every label against every other on each draw
        "xaxis": {"tickformat": "d", "gridcolor": "#e5e8ec", "dtick": 1 if len(ind["years"]) <= 12 else None,
                  "ticklabeloverflow": "allow"},
        "yaxis": {"gridcolor": "#e5e8ec", "title": {"text": esc(fmt.unit_label(ind, lang))}, "ticklabeloverflow": "allow",
                  "rangemode": "tozero" if ind["kind"] == "count" else "normal"},
    }
    if narrow:
        _fit_narrow(layout, [int(y) for y in ind["years"]], bool(labels))
    return {"data": traces, "layout": layout}


def _fit_narrow(layout: dict, years: list[int], labelled: bool) -> None:
    """The layout for a phone. A fixed year range: with autorange, plotly widens the x axis until
    each end label fits inside the plot, which on a narrow plot means decades of empty axis (and a
    tick per year of them) with the lines in a sliver at the left."""
    layout["height"] = 380
    layout["margin"] = {"l": 48, "r": NARROW_LABEL_MARGIN if labelled else 12, "t": 12, "b": 30}
    layout["font"] = {**FONT, "size": 12}
    layout["legend"] = {"orientation": "h", "x": 0, "xanchor": "left", "y": -0.12, "yanchor": "top"}
    xaxis = layout["xaxis"]
    if years:
        xaxis["range"] = [min(years) - YEAR_PAD, max(years) + YEAR_PAD]
        xaxis["autorange"] = False
        span = max(years) - min(years)
        xaxis["dtick"] = max(1, -(-span // (NARROW_MAX_TICKS - 1)))  # whole years, at most NARROW_MAX_TICKS
    layout["yaxis"]["automargin"] = True


def end_labels(lines: list[dict], font_size: int = 11) -> list[dict]:
    """The names of the member lines at their last value, moved apart so no two overlap; none when
    there are more than MAX_NAMED_MEMBERS."""
    members = [s for s in lines if s["role"] == "member"]
    if not members or len(members) > MAX_NAMED_MEMBERS:
        return []
    values = [p[1] for s in lines for p in s["points"] if p[1] is not None]
    if not values:
        return []
    gap = (max(values) - min(values) or 1) * LABEL_GAP
    ends = []
    for s in members:
        last = next((p for p in reversed(s["points"]) if p[1] is not None), None)
        if last is not None:
            ends.append([last[1], last[0], s["label"]])
    ends.sort(key=lambda end: end[0])
    for below, above in zip(ends, ends[1:]):
        above[0] = max(above[0], below[0] + gap)
    return [{"x": x, "y": y, "xref": "x", "yref": "y", "text": esc(label), "showarrow": False, "xanchor": "left",
             "xshift": 6, "font": {"size": font_size, "color": REGION_COLOUR}} for y, x, label in ends]
