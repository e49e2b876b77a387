"""The need page on a phone and a projector (review 8a #8, #10, #12, #14): charts whose titles and
labels fit 390 px, the shortlist's values beside the name on a phone, the method texts one link away
in presentation mode, counts in the singular or plural. No warehouse: figures and frames only."""
from __future__ import annotations

from pathlib import Path

from dashboard.pages.need import figures, layout, view
from dashboard.pages.need import state as need_state
from dashboard.ui import presenting

LONG_TITLE = "Cumulative share of persons at risk of poverty (2022), from most to least need"


def _walk(component):
    yield component
    children = getattr(component, "children", None)
    for child in children if isinstance(children, list) else [children]:
        if child is not None and not isinstance(child, str | int | float):
            yield from _walk(child)


def _folded_ids(component) -> set[str]:
    """The ids inside the method folds of a component tree."""
    out = set()
    for c in _walk(component):
        if presenting.METHOD + "-text" in (getattr(c, "className", None) or ""):
            out |= {getattr(inner, "id", None) for inner in _walk(c)}
    return out - {None}


def test_long_axis_titles_break_between_words_and_are_escaped():
    lines = figures.axis_title(LONG_TITLE).split("<br>")
    assert len(lines) > 1 and all(len(line) <= figures.TITLE_CHARS for line in lines)
    assert " ".join(lines) == LONG_TITLE
    assert figures.axis_title("Armoede <b>(%)</b>") == "Armoede &lt;b&gt;(%)&lt;/b&gt;"
    assert "at-risk-of-poverty" in figures.axis_title("Administrative at-risk-of-poverty rate (2022, %)")


def test_scatter_and_curve_titles_fit_with_automargin():
    sc = figures.scatter([], "Administrative at-risk-of-poverty rate (2022, %)", "Networks per 10,000 residents",
                         12.0, 0.3, False, "u", "en")["layout"]
    assert "<br>" in sc["xaxis"]["title"]["text"] and sc["xaxis"]["automargin"] and sc["yaxis"]["automargin"]
    assert sc["legend"]["yref"] == "container"  # below the title however many lines it takes
    cv = figures.curve_chart([], "Equality", LONG_TITLE, "Cumulative share of provision", "x", "y", "en")["layout"]
    assert "<br>" in cv["xaxis"]["title"]["text"] and cv["xaxis"]["automargin"]


def test_spread_bars_are_horizontal_with_readable_labels():
    names = ["Antwerpen", "Limburg", "Oost-Vlaanderen", "Vlaams-Brabant", "West-Vlaanderen", "Brussel"]
    bars = [{"key": key, "label": key, "names": names, "values": [10.0] * 6, "texts": ["10,0 %"] * 6}
            for key in ("equivalents_share", "at_risk_share")]
    fig = figures.spread_chart(bars, "Aandeel van het totaal (%)", "nl")
    for trace in fig["data"]:
        assert trace["orientation"] == "h" and trace["y"] == names
        assert trace["textfont"]["size"] >= 12 and trace["constraintext"] == "none"
    layout_ = fig["layout"]
    assert layout_["yaxis"]["automargin"] and layout_["yaxis"]["autorange"] == "reversed"
    assert layout_["height"] >= 6 * 2 * 18  # bars of some 18 px each, whatever the width
    assert figures.spread_chart([], "x", "en")["data"] == []


def test_shortlist_rows_carry_the_phone_texts_and_the_css_hides_their_columns():
    row = {"i": "1", "name": "Lokeren", "href": "/gemeente?nis=46029", "province": "Oost-Vlaanderen",
           "need": "12,3 %", "rank": "5 van 300", "equivalents": "0,000", "networks": "geen"}
    data = layout.gap_data([row], "nl")
    keys = data["keys"]
    assert data["under"][keys.index("name")] == keys.index("province")
    assert data["under"][keys.index("need")] == keys.index("rank")
    assert data["rows"][0][keys.index("name")] == ["Lokeren", "/gemeente?nis=46029"]
    css = (Path(layout.__file__).resolve().parents[2] / "assets" / "tables.css").read_text(encoding="utf-8")
    assert ".need-phone-only { display: none; }" in css
    assert "#need-gap-table .need-col-province, #need-gap-table .need-col-rank { display: none; }" in css


def test_network_equivalents_have_the_same_decimals_in_every_row():
    """Issue 14 review: the shortlist showed "0" beside "0,500"; every row now has the decimals of the
    measure `equivalents` (three, as the scatter shows it)."""
    assert [view.eq_text(v, "nl") for v in (0.0, 0.5, 2.0, 1 / 3)] == ["0,000", "0,500", "2,000", "0,333"]
    assert view.eq_text(0.0, "en") == view.level_text(0.0, "equivalents", "en") == "0.000"


def test_presentation_folds_the_thresholds_and_the_rule_notes():
    frame = layout.build(need_state.parse_state(lang="en"))
    folded = _folded_ids(frame)
    assert {"need-threshold-text", "need-scatter-note", "need-rule-box"} <= folded
    assert "need-scatter" not in folded  # the chart itself stays in view


def test_counts_say_one_municipality_or_several():
    one = layout.quadrant_boxes({"status": "ok", "counts": {"ln_hi": 1, "hn_hi": 2, "ln_li": 3, "hn_li": 4,
                                                            "no_data": 1}}, "en")
    text = " ".join(str(c.children) for c in _walk(one) if isinstance(getattr(c, "children", None), str))
    assert "1 municipality." in text and "(ies)" not in text
