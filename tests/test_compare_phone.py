"""The comparison's trend chart on a phone (review W6 F1): a fixed year range (plotly's autorange widened
the x axis for the end labels until the lines were a 30 px sliver with 67 year ticks), few whole-year
ticks, smaller margins; the desktop layout unchanged."""
from __future__ import annotations

from pathlib import Path

from dashboard.i18n import t
from dashboard.pages.compare import callbacks, figures, view


def _data(years):
    ind = {"indicator_id": "x", "years": years, "kind": "rate", "short_unit": "%", "unit_nl": "%", "unit_en": "%",
           "decimals": 1}
    return {"ind": ind}


def _lines(years, n_members):
    def line(label, role, start):
        return {"code": label, "label": label, "role": role,
                "points": [(y, start + 0.1 * i, "original", None) for i, y in enumerate(years)]}

    return [line("Lokeren", "chosen", 9.0), line("peers", "group", 9.5)] + \
        [line(f"Gemeente {i}", "member", 7.0 + i * 0.4) for i in range(n_members)]


def test_phone_chart_has_a_fixed_year_range_and_few_ticks():
    years = list(range(2015, 2023))
    fig = figures.figure(_data(years), _lines(years, 10), "en", narrow=True)
    xaxis, layout = fig["layout"]["xaxis"], fig["layout"]
    assert xaxis["range"] == [2015 - figures.YEAR_PAD, 2022 + figures.YEAR_PAD] and xaxis["autorange"] is False
    assert isinstance(xaxis["dtick"], int) and (2022 - 2015) // xaxis["dtick"] + 1 <= figures.NARROW_MAX_TICKS
    # the peers stay named at their ends, in a margin that leaves a phone's plot most of its width
    assert len(layout["annotations"]) == 10 and layout["margin"]["r"] == figures.NARROW_LABEL_MARGIN
    assert layout["margin"]["l"] + layout["margin"]["r"] < 160
    long = list(range(2000, 2024))
    assert figures.figure(_data(long), _lines(long, 0), "en", narrow=True)["layout"]["xaxis"]["dtick"] == 6


def test_desktop_chart_is_unchanged():
    years = list(range(2015, 2023))
    layout = figures.figure(_data(years), _lines(years, 10), "nl")["layout"]
    assert "range" not in layout["xaxis"] and layout["xaxis"]["dtick"] == 1
    assert layout["height"] == 420 and layout["margin"]["r"] == figures.LABEL_MARGIN
    assert {a["font"]["size"] for a in layout["annotations"]} == {11}


def test_the_browser_says_whether_it_is_a_phone():
    assert f"window.innerWidth < {figures.NARROW_PX}" in callbacks.VIEWPORT_JS


# The ranking (review 8a #8, #13): what the browser draws on a phone, and the difference of unrounded values.

def test_the_ranking_rows_carry_the_phone_texts_and_the_desktop_hides_them():
    js = callbacks.RENDER_JS
    assert '"ranking-phone-only ranking-province"' in js and '"ranking-phone-only ranking-change-rel"' in js
    assert '"ranking-col-province"' in js and '"num ranking-col-change_rel"' in js
    css = (Path(callbacks.__file__).resolve().parents[2] / "assets" / "tables.css").read_text(encoding="utf-8")
    assert ".ranking-phone-only { display: none; }" in css


def test_the_difference_is_computed_before_rounding_and_the_caption_says_so(monkeypatch):
    monkeypatch.setattr(view, "profile_href", lambda nis, lang: f"/gemeente?nis={nis}")  # no Dash app here

    ind = {"indicator_id": "arop_admin", "kind": "rate", "short_unit": "%", "unit_nl": "%", "unit_en": "%",
           "decimals": 1, "label_nl": "Armoederisico", "label_en": "At-risk-of-poverty rate"}
    row = {"nis": "46029", "name": "Lokeren", "province": "East Flanders", "rank": 7, "start": 9.34, "end": 7.76,
           "change": 7.76 - 9.34, "change_rel": (7.76 - 9.34) / 9.34 * 100, "selected": True,
           "start_flag": "original", "start_note": None, "end_flag": "original", "end_note": None}
    item = view.client_rows({"ind": ind, "names": {}}, [row], "en")[0]
    # shown 9.3% and 7.8%, yet the difference is that of 9.34 and 7.76 (-1.58), not of the rounded values
    assert (item["start_t"], item["end_t"], item["change_t"]) == ("9.3%", "7.8%", "-1.6\N{NO-BREAK SPACE}ppt")
    for lang, words in (("nl", "Verschillen zijn berekend vóór het afronden."),
                        ("en", "Differences are computed before rounding.")):
        caption = t("compare.ranking.caption", lang, indicator="x", n=304, start=2015, end=2022)
        assert caption.count(words) == 1, caption


def test_on_a_phone_ranking_names_break_only_at_spaces_and_hyphens():
    """The name cell is a grid row of its own (the full width beside the rank) and never breaks inside
    a word; the browser test (tests/browser/test_screens.py) checks every name at 390 px."""
    css = (Path(callbacks.__file__).resolve().parents[2] / "assets" / "tables.css").read_text(encoding="utf-8")
    phone = css[css.index("/* The comparison's ranking on a phone"):css.index("/* The need page's shortlist")]
    assert "#compare-ranking-table tbody th { overflow-wrap: normal; hyphens: manual;" in phone
    assert "#compare-ranking-table tr > .ranking-col-name, #compare-ranking-table tbody th { grid-column: 2 / -1; }" in phone
    assert "hyphens: auto" not in phone.replace("hyphens: auto would", "")  # no dictionary in Chromium on Linux


def test_on_a_phone_a_count_unit_may_wrap_and_values_never_break_inside_a_word(monkeypatch):
    """A count's unit in words is joined by a normal space (it wraps to its own line in a narrow cell);
    `€` and `%` stay joined to their number, and so does a percentage's difference. The values of both
    years share a line and the difference has the next one to itself; a value cell never breaks inside
    a word (the browser test in tests/browser/test_screens.py measures it at 390 and 360 px)."""
    monkeypatch.setattr(view, "profile_href", lambda nis, lang: f"/gemeente?nis={nis}")  # no Dash app here

    row = {"nis": "11002", "name": "Antwerpen", "province": "Antwerpen", "rank": 1, "start": 100496.0,
           "end": 115337.0, "change": 14841.0, "change_rel": 14.8, "selected": False,
           "start_flag": "original", "start_note": None, "end_flag": "original", "end_note": None}
    count = {"indicator_id": "children_0_17", "kind": "count", "short_unit": None, "unit_nl": "kinderen (0-17 jaar)",
             "unit_en": "children (aged 0-17)", "decimals": 0}
    item = view.client_rows({"ind": count, "names": {}}, [row], "nl")[0]
    assert (item["start_t"], item["change_t"]) == ("100.496 kinderen (0-17 jaar)", "+14.841 kinderen (0-17 jaar)")
    euro = {**count, "short_unit": "€", "unit_nl": "euro per jaar"}
    assert view.client_rows({"ind": euro, "names": {}}, [row], "nl")[0]["end_t"] == "€\N{NO-BREAK SPACE}115.337"
    css = (Path(callbacks.__file__).resolve().parents[2] / "assets" / "tables.css").read_text(encoding="utf-8")
    phone = css[css.index("/* The comparison's ranking on a phone"):css.index("/* The need page's shortlist")]
    assert "grid-template-columns: 3rem minmax(0, 1fr) minmax(0, 1fr); }" in phone
    assert "#compare-ranking-table tr > :nth-child(6) { grid-column: 2 / -1; }" in phone
    assert "#compare-ranking-table td.num { white-space: normal; overflow-wrap: normal; }" in phone


def test_on_a_phone_the_portfolio_facts_are_stacked_rows():
    """Each programme fact on a phone is a block of full-width lines (no 9rem name column splitting
    "investeringssubsidie"), breaking between words only."""
    css = (Path(callbacks.__file__).resolve().parents[2] / "assets" / "portfolio.css").read_text(encoding="utf-8")
    phone = css[css.index("/* The facts on a phone"):]
    assert "table.facts-table > tbody > tr {\n    display: block; }" in phone
    assert "overflow-wrap: normal; hyphens: manual; }" in phone and "hyphens: auto" not in phone.replace("hyphens: auto needs", "")
