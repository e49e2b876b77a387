"""The map and data pages without a browser: class breaks, colours, URL state, the update
callback's patch (small, no geometry), escaping, and the synthetic warehouse."""

import dash
import numpy as np
import pytest

from dashboard import formatting as fmt
from dashboard import mapping
from dashboard.pages.map import callbacks, exports, figures, state
from dashboard.queries import map as qm
from tests.dash_pages import as_text, page


@pytest.mark.parametrize("scheme", mapping.SCHEMES)
def test_classify_gives_k_classes_and_indexes(scheme):
    values = np.array([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, np.nan], dtype=float)
    c = mapping.classify(values, scheme, 5)
    assert c.k == 5 and c.bins[-1] == 10 and c.lower == 1
    idx = c.index(values)
    assert idx[-1] == 0 and idx[0] == 1 and idx[-2] == 5 and set(idx[:-1]) == {1, 2, 3, 4, 5}


def _within_class_spread(x, cuts) -> float:
    return sum(float(((part - part.mean()) ** 2).sum()) for part in np.split(x, cuts))


def test_natural_breaks_are_the_least_spread_partition_synthetic():
    """Fisher-Jenks is exact: no other split of the sorted values into k runs has a smaller sum of
    squared deviations from the class means (checked against every split of a synthetic sample)."""
    import itertools

    x = np.sort(np.random.default_rng(7).gamma(2.0, 3.0, 18))
    for k in (3, 4):
        c = mapping.classify(x, "natural_breaks", k)
        cuts = [int(np.searchsorted(x, b, side="right")) for b in c.bins[:-1]]
        best = min(_within_class_spread(x, list(cut)) for cut in itertools.combinations(range(1, x.size), k - 1))
        assert c.k == k and c.bins[-1] == x[-1]
        assert _within_class_spread(x, cuts) == pytest.approx(best, rel=1e-12)


def test_classify_few_distinct_values_and_empty():
    assert mapping.classify([1, 1, 2], "quantiles", 5).k == 2
    assert mapping.classify([np.nan], "quantiles", 5).k == 0


def test_colours_darkest_is_least_favourable():
    worse = mapping.colours(5, "higher_is_worse")
    better = mapping.colours(5, "higher_is_better")
    assert worse == better[::-1] and worse[-1] == "#bd0026"
    scale = mapping.colorscale(5, "higher_is_worse")
    assert scale[0][1] == mapping.NO_DATA_COLOUR and scale[-1] == [1.0, "#bd0026"]


def test_labels_in_belgian_notation():
    c = mapping.Classes(3.2, (5.3, 42.8), "quantiles")
    rate = {"unit": "%", "kind": "rate"}
    assert mapping.class_labels(c, rate, "nl") == ["3,2 – 5,3\u00a0%", "5,3 – 42,8\u00a0%"]
    assert mapping.class_labels(c, rate, "en") == ["3.2 – 5.3%", "5.3 – 42.8%"]
    assert fmt.value_text(21345.4, {"unit": "euro", "kind": "statistic"}, "nl") == "€\u00a021.345"
    assert fmt.value_text(12345, {"unit": "inwoners", "kind": "count"}, "nl") == "12.345\u00a0inwoners"
    assert mapping.normalise_k("99") == 7 and mapping.normalise_k("x") == 5
    assert mapping.normalise_scheme("<script>") == "quantiles"


def test_state_round_trip(app, synthetic_warehouse):
    m = state
    state_ = m.parse_state(indicator="kansarmoede_index", year="2022", scheme="natural_breaks", k="4",
                          overlay="lbn_2023", nis="11901", lang=["nl", "en"])
    assert state_ == {"indicator": "kansarmoede_index", "year": 2022, "scheme": "natural_breaks", "k": 4,
                     "overlay": "lbn_2023", "nis": "11901", "lang": "en"}
    assert m.state_query(state_) == ("?indicator=kansarmoede_index&year=2022&scheme=natural_breaks&k=4"
                                    "&overlay=lbn_2023&nis=11901&lang=en")
    assert m.parse_state(nis="1; DROP", year="x")["nis"] is None


def test_layout_reads_no_data(app, synthetic_warehouse, monkeypatch):
    def refuse(*_a, **_k):
        raise AssertionError("layout() read the warehouse")

    monkeypatch.setattr("dashboard.db.reader", refuse)
    text = as_text(page("/").layout(indicator="kansarmoede_index", year="2023", lang="en"))
    assert "Map of the municipalities" in text and '"indicator": "kansarmoede_index"' in text


def test_setup_and_update_on_the_synthetic_warehouse(app, synthetic_warehouse):
    m = callbacks
    out = m.setup(state.parse_state(indicator="kansarmoede_index", year="2022"))
    notice, _opts, indicator, *_rest, year, fig = out
    assert notice is None and indicator == "kansarmoede_index" and year == 2022
    values = fig["data"][0]
    # geometry by URL only, never embedded
    assert values["geojson"].startswith("/geo/municipalities_2025.geojson?v=")
    assert len(values["locations"]) == 4 and values["z"][2] == 0  # 44901 is suppressed in 2022
    assert "Onderdrukt" in values["customdata"][2][0]
    res = m.update("kansarmoede_index", 2023, "quantiles", 5, "none", None, "nl", "", "map-year")
    patch = res[0].to_plotly_json()["operations"]
    assert {tuple(op["location"]) for op in patch} >= {("data", 0, "z"), ("data", 0, "customdata")}
    assert "geojson" not in as_text(patch)
    assert res[-1] == "?indicator=kansarmoede_index&year=2023"
    # a year change leaves the empty selection and the networks note (no overlay) as they are
    assert res[2] is dash.no_update and res[3] is dash.no_update
    legend = as_text(res[1])
    assert "geen gegevens" in legend and "Kansarmoede-index (synthetisch)" in legend


def test_hover_text_from_data_is_escaped(app, synthetic_warehouse, monkeypatch):
    base = qm.base()
    munis = base["municipalities"].copy()
    munis.loc[0, "name_nl"] = "<b>Aadorp</b> & <img src=x>"
    text = figures.static_text({**base, "municipalities": munis}, "nl")[0]
    assert "<img" not in text and "&lt;img src=x&gt;" in text and "&amp;" in text


def test_no_warehouse_shows_the_notice(app, tmp_path, monkeypatch):
    monkeypatch.setenv("WAREHOUSE_PATH", str(tmp_path / "none.duckdb"))
    m = callbacks
    out = m.setup(state.parse_state())
    assert "python -m etl build" in as_text(out[0])
    assert m.update("arop_admin", 2022, "quantiles", 5, "none", None, "nl", "") == (dash.no_update,) * 9


def test_data_page(app, synthetic_warehouse):
    text = as_text(page("/data").render("en"))
    for part in ("Deprivation index (synthetic)", "CC0 1.0 (testdata)", "kansarmoede_per_gemeente_2023.csv",
                 "Recomputed 2025", "/status", "2022–2023", "indicator=kansarmoede_index"):
        assert part in text, part
    assert "Synthetische uitgever <b>A</b> & co (testdata)" in text  # a string, escaped by React


def test_export_of_the_map_view_has_every_municipality_with_class_rank_and_source(app, real_warehouse):
    import io

    import openpyxl

    from dashboard.ui import downloads

    mod = exports
    parts, sheets = mod.export("arop_admin", 2019, "quantiles", 5, None, "nl")
    sheet = sheets[0]
    assert parts == ("kaart", "arop_admin", "2019")
    assert len(sheet.rows) == 304 and len({r["nis"] for r in sheet.rows}) == 304
    antwerpen = next(r for r in sheet.rows if r["nis"] == "11002")
    assert antwerpen["name"] == "Antwerpen" and antwerpen["year"] == 2019 and antwerpen["networks"] >= 1
    ranks = sorted(r["rank"] for r in sheet.rows if r["rank"] is not None)
    assert ranks[0] == 1 and len(ranks) == sum(r["value"] is not None for r in sheet.rows)
    worst = next(r for r in sheet.rows if r["rank"] == 1)
    assert worst["value"] == max(r["value"] for r in sheet.rows if r["value"] is not None)
    assert "–" in worst["class"] and worst["flag"]
    assert any("Statbel" in line for line in sheet.intro), sheet.intro
    # Excel: the values are numbers, one header row and 304 data rows after the intro
    wb = openpyxl.load_workbook(io.BytesIO(downloads.workbook_bytes(sheets)))
    ws = wb.worksheets[0]
    values = [row for row in ws.iter_rows(values_only=True) if row and row[0] and str(row[0]).isdigit()]
    assert len(values) == 304
    # an unknown indicator exports what the map then shows: the default indicator
    assert mod.export("no-such-indicator", 2019, "quantiles", 5, None, "nl")[0][1] == state.DEFAULT_INDICATOR


def test_english_map_says_residents_in_english_notation(app, real_warehouse):
    """The unit comes from the indicator's display metadata in the warehouse, in the page's
    language and notation: "12,345 residents", never "12,345 inwoners"."""
    import re

    rows = callbacks.table_data("population_total", 2015, {"key": "value", "asc": False}, "en")["rows"]
    text = as_text(rows)
    assert re.search(r"\d{1,3}(,\d{3})+\\u00a0residents|\d{1,3}(,\d{3})+\u00a0residents", text)
    assert "inwoners" not in text
    rows_nl = callbacks.table_data("population_total", 2015, {"key": "value", "asc": False}, "nl")["rows"]
    assert re.search(r"\d{1,3}(\.\d{3})+(\\u00a0|\u00a0)inwoners", as_text(rows_nl))


def test_search_names_a_municipality_without_a_french_name_without_nan(synthetic_warehouse):
    """Municipalities formed in 2025 have no French name (NULL in the warehouse, NaN in pandas)."""
    import pandas as pd

    from dashboard.pages.map import view

    munis = pd.DataFrame({"nis_code": ["46029", "21004"], "name_nl": ["Lokeren", "Brussel"],
                          "name_fr": [np.nan, "Bruxelles"], "province_nis": ["40000", "04000"],
                          "province_name": ["Oost-Vlaanderen", "Brussel"]})
    options = view.search_options({"municipalities": munis})
    assert [o["label"] for o in options] == ["Lokeren (Oost-Vlaanderen)", "Brussel / Bruxelles (Brussel)"]
    assert "nan" not in options[0]["search"]


def test_a_size_reads_darker_is_higher_with_the_colours_of_before(app, synthetic_warehouse):
    """Issue 14: a share of children (direction higher_is_more) is not unfavourable: the legend says
    "darker is higher" and the hover's rank has no "least favourable"; the colour order stays."""
    from dashboard.pages.map import layout
    from dashboard.pages.map import view as vm

    chosen = state.parse_state(indicator="kansarmoede_index", year="2022", lang="en")
    shown = vm.view(qm.base(), chosen)
    size = {**shown, "ind": {**shown["ind"], "direction": "higher_is_more"}}
    legend = as_text(layout.legend(size, chosen))
    assert "Darker is higher" in legend and "favourable" not in legend
    assert "least favourable" not in figures.hovertemplate(size["ind"], "en")
    assert "less favourable" in as_text(layout.legend(shown, chosen))
    assert mapping.colours(5, "higher_is_more") == mapping.colours(5, "higher_is_worse")
