"""Need against interventions (/behoefte): the pure rules of dashboard/need.py on small hand-made
(SYNTHETIC) frames, then the page's model, exports and URL state on the real warehouse built from the
mirror (`built_warehouse`, read-only)."""
from __future__ import annotations

import csv
import io
import math

import pandas as pd
import pytest
from openpyxl import load_workbook

from dashboard import need, urls
from dashboard.pages.need import callbacks, exports, view
from dashboard.pages.need import state as need_state
from tests.dash_pages import loaded_page

# ----------------------------------------------------------------- synthetic examples

MUNIS = pd.DataFrame({
    "nis_code": ["11001", "11002", "12001", "21001"],
    "province_nis": ["10000", "10000", "10000", "04000"],
})


def placements(*rows) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["project_id", "nis_code", "scope"])


PLACED = placements(
    ("A", "11001", "municipality"),
    ("B", "11001", "part_of_municipality"),
    ("C", "11001", "several_municipalities"), ("C", "11002", "several_municipalities"),
    ("D", "10000", "province"),
)


def shares_of(split: need.Split, project: str) -> dict[str, float]:
    s = split.shares[split.shares["project_id"] == project]
    return dict(zip(s["nis_code"], s["share"]))


def test_nearest_year_prefers_the_closest_then_the_later():
    assert need.nearest_year([2009, 2015, 2020], 2022) == 2020
    assert need.nearest_year([2009, 2015, 2020], 2016) == 2015
    assert need.nearest_year([2015, 2019], 2017) == 2019  # a tie: the more recent count
    assert need.nearest_year([2015], None) == 2015
    assert need.nearest_year([], 2020) is None


def test_coverage_spreads_a_province_over_its_municipalities_and_drops_unknown_places():
    placed = pd.concat([PLACED, placements(("E", "99999", "municipality"),
                                           ("F", "11002", "municipality"), ("F", "11002", "part_of_municipality"))])
    covered = need.coverage(placed, MUNIS)
    by_project = covered.groupby("project_id")["nis_code"].apply(sorted).to_dict()
    assert by_project == {"A": ["11001"], "B": ["11001"], "C": ["11001", "11002"],
                          "D": ["11001", "11002", "12001"], "F": ["11002"]}
    assert need.unplaced(placed, covered) == ["E"]


def test_equal_split_gives_every_network_one_equivalent():
    covered = need.coverage(PLACED, MUNIS)
    split = need.split(covered, "equal")
    assert shares_of(split, "A") == {"11001": 1.0}
    assert shares_of(split, "C") == {"11001": 0.5, "11002": 0.5}
    assert shares_of(split, "D") == pytest.approx({"11001": 1 / 3, "11002": 1 / 3, "12001": 1 / 3})
    eq = need.equivalents(split.shares, MUNIS["nis_code"])
    assert eq.to_dict() == pytest.approx({"11001": 1 + 1 + 0.5 + 1 / 3, "11002": 0.5 + 1 / 3,
                                          "12001": 1 / 3, "21001": 0.0})
    assert eq.sum() == pytest.approx(4)


def test_weighted_split_follows_the_weights():
    covered = need.coverage(PLACED, MUNIS)
    weights = pd.Series({"11001": 100.0, "11002": 300.0, "12001": 600.0, "21001": 50.0})
    split = need.split(covered, "population", weights)
    assert shares_of(split, "C") == pytest.approx({"11001": 0.25, "11002": 0.75})
    assert shares_of(split, "D") == pytest.approx({"11001": 0.1, "11002": 0.3, "12001": 0.6})
    assert shares_of(split, "A") == {"11001": 1.0}
    assert split.no_weight == [] and split.fallback == []
    assert need.equivalents(split.shares, MUNIS["nis_code"]).sum() == pytest.approx(4)


def test_a_municipality_without_a_weight_gets_no_share_and_is_named():
    covered = need.coverage(PLACED, MUNIS)
    weights = pd.Series({"11001": 100.0, "11002": 300.0})  # 12001 unknown
    split = need.split(covered, "at_risk", weights)
    assert shares_of(split, "D") == pytest.approx({"11001": 0.25, "11002": 0.75, "12001": 0.0})
    assert split.no_weight == ["12001"]
    assert need.equivalents(split.shares, MUNIS["nis_code"]).sum() == pytest.approx(4)


def test_no_weight_at_all_falls_back_to_equal_and_a_single_place_always_counts_one():
    covered = need.coverage(PLACED, MUNIS)
    split = need.split(covered, "population", pd.Series({"21001": 10.0}))
    assert split.fallback == ["C", "D"]
    assert shares_of(split, "C") == {"11001": 0.5, "11002": 0.5}
    assert shares_of(split, "A") == {"11001": 1.0}  # weight unknown, still 1 where it is
    assert need.equivalents(split.shares, MUNIS["nis_code"]).sum() == pytest.approx(4)


def test_funding_unknown_where_a_network_did_not_report_and_zero_where_none_reaches():
    split = need.split(need.coverage(PLACED, MUNIS), "equal")
    partial = need.funding(split.shares, pd.Series({"A": 1000.0, "B": 90.0, "C": 400.0}), MUNIS["nis_code"])
    assert math.isnan(partial["11001"]) and math.isnan(partial["12001"])  # D has not reported
    assert partial["21001"] == 0.0
    full = need.funding(split.shares, pd.Series({"A": 1000.0, "B": 90.0, "C": 400.0, "D": 300.0}),
                        MUNIS["nis_code"])
    assert full.to_dict() == pytest.approx({"11001": 1000 + 90 + 200 + 100, "11002": 200 + 100,
                                            "12001": 100, "21001": 0.0})
    assert full.sum() == pytest.approx(1790)


def test_intensity_and_the_overall_level_are_totals_not_averages_of_rates():
    amount = pd.Series({"a": 1.0, "b": 3.0, "c": 2.0, "d": 1.0})
    people = pd.Series({"a": 10_000.0, "b": 90_000.0, "c": 0.0})  # c: no inhabitants, d: unknown
    per_10k = need.intensity(amount, people, 10_000)
    assert per_10k["a"] == pytest.approx(1.0) and per_10k["b"] == pytest.approx(1 / 3)
    assert math.isnan(per_10k["c"]) and math.isnan(per_10k["d"])
    # (1 + 3) / 100,000 x 10,000 = 0.4, not the mean of 1 and 1/3
    assert need.overall_intensity(amount, people, 10_000) == pytest.approx(0.4)
    assert need.intensity(amount, None, 1.0).equals(amount)
    assert need.overall_intensity(amount, None, 1.0) == pytest.approx(7 / 4)


def test_quadrants_are_strict_and_reverse_when_higher_is_better():
    need_values = pd.Series({"a": 20.0, "b": 20.0, "c": 5.0, "d": 5.0, "e": 10.0, "f": None, "g": 30.0})
    level = pd.Series({"a": 0.0, "b": 2.0, "c": 2.0, "d": 0.0, "e": 1.0, "f": 1.0, "g": None})
    q = need.quadrants(need_values, level, 10.0, 1.0, "higher_is_worse")
    assert q.to_dict() == {"a": "hn_li", "b": "hn_hi", "c": "ln_hi", "d": "ln_li", "e": "ln_li",
                           "f": "no_data", "g": "no_data"}
    assert need.quadrant_counts(q) == {"hn_li": 1, "hn_hi": 1, "ln_hi": 1, "ln_li": 2, "no_data": 2}
    better = need.quadrants(need_values, level, 10.0, 1.0, "higher_is_better")
    assert better["c"] == "hn_hi" and better["a"] == "ln_li" and better["e"] == "ln_li"


def gap_frame() -> pd.DataFrame:
    return pd.DataFrame({
        "nis_code": ["a", "b", "c", "d", "e", "f"], "name": ["Aa", "Bb", "Cc", "Dd", "Ee", "Ff"],
        "need": [30.0, 25.0, 25.0, 10.0, 5.0, None],
        "equivalents": [0.0, 0.02, 1.0, 0.0, 0.0, 0.0],
    })


def test_gap_list_top_share_with_ties_and_coverage_rule():
    # 5 with a value; top 40 % = 2, and c ties with b at rank 2, so a, b, c qualify on need
    got = need.gap_list(gap_frame(), below=1.0, mode="top", top_pct=40, min_value=None, direction="higher_is_worse")
    assert got["nis_code"].tolist() == ["a", "b"]  # c has a whole network
    assert got["need_rank"].tolist() == [1.0, 2.0]
    none_at_all = need.gap_list(gap_frame(), below=0.0, mode="top", top_pct=40, min_value=None,
                                direction="higher_is_worse")
    assert none_at_all["nis_code"].tolist() == ["a"]  # b holds a share of a wider network
    wider = need.gap_list(gap_frame(), below=2.0, mode="top", top_pct=100, min_value=None, direction="higher_is_worse")
    assert wider["nis_code"].tolist() == ["a", "b", "c", "d", "e"]  # never the one without a value


def test_gap_list_by_value_and_for_higher_is_better():
    got = need.gap_list(gap_frame(), below=1.0, mode="value", top_pct=None, min_value=10.0, direction="higher_is_worse")
    assert got["nis_code"].tolist() == ["a", "b", "d"]
    better = need.gap_list(gap_frame(), below=1.0, mode="value", top_pct=None, min_value=10.0,
                           direction="higher_is_better")
    assert better["nis_code"].tolist() == ["e", "d"]  # lowest value = most need first
    top = need.gap_list(gap_frame(), below=1.0, mode="top", top_pct=20, min_value=None, direction="higher_is_better")
    assert top["nis_code"].tolist() == ["e"]
    assert need.top_cutoff(303, 20) == 61 and need.top_cutoff(5, 40) == 2 and need.top_cutoff(10, 0) == 0


def test_province_shares_sum_counts_and_keep_unknown_funding_unknown():
    frame = pd.DataFrame({
        "nis_code": ["a", "b", "c", "d"], "province_nis": ["P1", "P1", "P2", "P3"],
        "equivalents": [2.0, 1.0, 1.0, 0.0], "funding": [100.0, 50.0, math.nan, 0.0],
        "at_risk": [300.0, 100.0, 400.0, math.nan],
    })
    provinces = pd.DataFrame({"nis_code": ["P1", "P2", "P3"], "name": ["Een", "Twee", "Drie"]})
    got = need.province_shares(frame, provinces).set_index("code")
    assert got.loc["P1", "equivalents_share"] == pytest.approx(0.75)
    assert got.loc["P1", "at_risk"] == 400 and got.loc["P1", "at_risk_share"] == pytest.approx(0.5)
    assert got.loc["P1", "ratio"] == pytest.approx(1.5)
    assert got.loc["P1", "funding"] == 150 and math.isnan(got.loc["P1", "funding_share"])  # total unknown
    assert math.isnan(got.loc["P2", "funding"])
    assert math.isnan(got.loc["P3", "at_risk"]) and got.loc["P3", "at_risk_missing"] == 1
    assert got.loc["total", "equivalents"] == 4 and got.loc["total", "at_risk"] == 800
    assert got.loc["total", "at_risk_missing"] == 1 and math.isnan(got.loc["total", "funding"])
    assert list(got.index) == ["P1", "P2", "P3", "total"]


def test_concentration_index_hand_computed_examples():
    # proportional to the persons at risk: the curve is the diagonal, C = 0
    assert need.concentration_index([0, 0.2, 0.5, 1], [0, 0.2, 0.5, 1]) == pytest.approx(0.0)
    # two equal halves, everything in the half with most need: 1 - (0.5 x 1 + 0.5 x 2) = -0.5
    assert need.concentration_index([0, 0.5, 1], [0, 1, 1]) == pytest.approx(-0.5)
    # everything in the half with least need: 1 - (0 + 0.5 x 1) = +0.5
    assert need.concentration_index([0, 0.5, 1], [0, 0, 1]) == pytest.approx(0.5)
    assert math.isnan(need.concentration_index([0], [0]))


def test_concentration_curve_orders_by_need_and_matches_the_trapezoid_sum():
    need_values = pd.Series({"low": 1.0, "mid": 2.0, "high": 3.0, "none": math.nan})
    at_risk = pd.Series({"low": 2.0, "mid": 1.0, "high": 1.0, "none": 5.0})
    interventions = pd.Series({"low": 1.0, "mid": 1.0, "high": 2.0, "none": 9.0})
    curve = need.concentration_curve(need_values, interventions, at_risk, "higher_is_worse")
    assert curve["nis_code"].tolist() == [None, "high", "mid", "low"]
    assert curve["x"].tolist() == pytest.approx([0, 0.25, 0.5, 1])
    assert curve["y"].tolist() == pytest.approx([0, 0.5, 0.75, 1])
    # 1 - (0.25 x 0.5 + 0.25 x 1.25 + 0.5 x 1.75) = 1 - 1.3125
    assert need.concentration_index(curve["x"], curve["y"]) == pytest.approx(-0.3125)
    # interventions exactly proportional to the persons at risk: 0, whatever the order
    equal = need.concentration_curve(need_values, at_risk * 7, at_risk, "higher_is_worse")
    assert need.concentration_index(equal["x"], equal["y"]) == pytest.approx(0.0)
    # higher is better: the lowest value has most need and comes first
    better = need.concentration_curve(need_values, interventions, at_risk, "higher_is_better")
    assert better["nis_code"].tolist()[1] == "low"
    assert need.concentration_curve(need_values, interventions * 0, at_risk, "higher_is_worse").empty


# ------------------------------------------------------------------ the real warehouse


def latest_arop() -> int:
    from dashboard.queries import need as qn

    return view.years_of(qn.base()["indicator_by_id"]["arop_admin"])[-1]


def test_real_equivalents_add_up_to_the_networks_for_every_rule(real_warehouse, read_only):
    loaded_page("/behoefte")
    con = read_only(real_warehouse)
    networks = con.execute("SELECT count(DISTINCT project_id) FROM project_location").fetchone()[0]
    assert networks == 48
    year = latest_arop()
    for rule in need.RULES:
        m = view.model("arop_admin", year, rule)
        assert len(m["frame"]) == 304
        assert m["placed"] == networks and m["unplaced"] == []
        assert m["frame"]["equivalents"].sum() == pytest.approx(networks)
        per_network = m["split"].shares.groupby("project_id")["share"].sum()
        assert per_network.to_numpy() == pytest.approx([1.0] * networks)
    # the province-wide network of Limburg: 1/38 per municipality under equal shares
    equal = view.model("arop_admin", year, "equal")
    limburg = equal["split"].shares.query("scope == 'province'")
    assert len(limburg) == 38 and limburg["share"].to_numpy() == pytest.approx([1 / 38] * 38)
    # by persons at risk: Herstappe has no figure and gets no share; the others follow their counts
    at_risk = view.model("arop_admin", year, "at_risk")
    assert at_risk["split"].no_weight == ["73028"]
    assert at_risk["frame"].at["73028", "equivalents"] == 0.0


def test_real_rule_changes_municipal_figures_but_not_totals(real_warehouse):
    loaded_page("/behoefte")
    year = latest_arop()
    equal = view.model("arop_admin", year, "equal")["frame"]["equivalents"]
    population = view.model("arop_admin", year, "population")["frame"]["equivalents"]
    assert not equal.equals(population)
    assert equal.sum() == pytest.approx(population.sum())
    assert equal["71016"] != pytest.approx(population["71016"])  # Genk, in the Limburg network


def test_real_province_shares_match_the_harmonised_province_counts(real_warehouse, read_only):
    loaded_page("/behoefte")
    year = latest_arop()
    m = view.model("arop_admin", year, "equal")
    shares = view.spread_frame(m, "nl").set_index("code")
    assert list(shares.index) == ["10000", "20001", "30000", "40000", "70000", "04000", "total"]
    assert shares.loc["04000", "name"] == "Brussels Hoofdstedelijk Gewest"
    assert shares.loc["04000", "municipalities"] == 19 and shares.loc["total", "municipalities"] == 304
    assert shares.loc["total", "equivalents"] == pytest.approx(48)
    assert shares.loc[shares.index != "total", "equivalents_share"].sum() == pytest.approx(1)
    assert shares.loc[shares.index != "total", "at_risk_share"].sum() == pytest.approx(1)
    con = read_only(real_warehouse)
    published = dict(con.execute(
        "SELECT nis_code, numerator FROM indicator_value WHERE indicator_id = 'arop_admin' AND year = ? "
        "AND nis_code IN ('10000', '20001', '30000', '40000', '70000', '04000')", [year]).fetchall())
    for code, numerator in published.items():
        assert shares.loc[code, "at_risk"] == pytest.approx(numerator, rel=1e-9), code
    assert shares.loc["70000", "at_risk_missing"] == 1  # Herstappe
    assert shares["funding"].isna().all()  # no reported budgets in the default build


def test_real_funding_is_not_reported_instead_of_zero(real_warehouse):
    loaded_page("/behoefte")
    year = latest_arop()
    v = view.scatter_view("arop_admin", year, "funding_per_inhabitant", "equal", None, None, "nl")
    assert v["status"] == "not_reported"
    out = callbacks.render_scatter("arop_admin", year, "funding_per_child", "equal", None, None, "nl")
    text = str(out[1]) + str(out[2])
    # issue 14: the reason is given in words, without the table name (developer words stay on the status page)
    assert "niet gerapporteerd" in text and "toegekend budget gerapporteerd" in text and "project_budget" not in text
    assert out[4] is True  # the empty figure stays hidden
    ok = callbacks.render_scatter("arop_admin", year, "per_10k", "equal", None, None, "nl")
    assert ok[4] is False and len(ok[3]["data"]) == 4
    assert sum(len(tr["x"]) for tr in ok[3]["data"]) == 303  # Herstappe has no value


def test_real_scatter_thresholds_move_the_quadrants(real_warehouse):
    loaded_page("/behoefte")
    year = latest_arop()
    default = view.scatter_view("arop_admin", year, "per_10k", "equal", None, None, "nl")
    assert default["th"]["need_default"] and default["th"]["level_default"]
    assert default["th"]["level"] == pytest.approx(default["m"]["frame"]["equivalents"].sum()
                                                    / default["m"]["frame"]["population"].sum() * 10_000)
    higher = view.scatter_view("arop_admin", year, "per_10k", "equal", 15, None, "nl")
    assert higher["counts"]["hn_li"] + higher["counts"]["hn_hi"] < default["counts"]["hn_li"] + default["counts"]["hn_hi"]
    assert sum(default["counts"].values()) == 304
    hover = default["figure"]["data"][0]["customdata"][0][1]
    assert "<br>" in hover and "Netwerken" in hover


def test_real_gap_export_states_the_rule_and_uses_labels(real_warehouse):
    loaded_page("/behoefte")
    year = latest_arop()
    state = need_state.parse_state(indicator="arop_admin", year=str(year), gap_n="0", gap_top="10")
    content, name, _mime = exports.export_file("gap", "csv", state, "nl")
    assert name.startswith("shortlist_nood_zonder_netwerk_arop_admin") and name.endswith(".csv")
    lines = list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))
    header_at = lines.index([]) + 1
    intro, header, body = lines[:header_at - 1], lines[header_at], lines[header_at + 1:]
    gap = view.gap_frame(view.model("arop_admin", year, "equal"), "0", "top", 10, None)
    assert len(body) == len(gap) > 0
    text = " ".join(r[0] for r in intro)
    assert "Verdeelregel: gelijke delen" in text and "geen enkel netwerk" in text and "de 10 %" in text
    assert header[:4] == ["Nr.", "Gemeente", "NIS-code (2025)", "Provincie"]
    provinces = {r[3] for r in body}
    assert provinces <= {"Antwerpen", "Vlaams-Brabant", "West-Vlaanderen", "Oost-Vlaanderen", "Limburg",
                         "Brussels Hoofdstedelijk Gewest"}
    assert all(r[-1].startswith("/gemeente?nis=") for r in body)
    content, name, _mime = exports.export_file("gap", "xlsx", state, "en")
    wb = load_workbook(io.BytesIO(content))
    assert wb.sheetnames == ["Shortlist", "Notes"]
    assert "Split rule: equal shares" in " ".join(str(c.value) for c in wb["Shortlist"]["A"][:8])


def test_real_curve_and_other_exports(real_warehouse):
    loaded_page("/behoefte")
    year = latest_arop()
    m = view.model("arop_admin", year, "equal")
    curve = view.curve_frames(m)["networks"]
    assert curve["x"].iloc[-1] == pytest.approx(1) and curve["y"].iloc[-1] == pytest.approx(1)
    index = need.concentration_index(curve["x"], curve["y"])
    assert -1 <= index <= 1
    state = need_state.parse_state(indicator="arop_admin", year=str(year))
    for kind in ("scatter", "spread", "curve"):
        content, name, _ = exports.export_file(kind, "csv", state, "nl")
        lines = list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))
        body = lines[lines.index([]) + 2:]
        assert len(body) == {"scatter": 304, "spread": 7, "curve": len(curve) - 1}[kind]
        assert any("Verdeelregel" in line[0] for line in lines[:6] if line)
    spread = exports.export_file("spread", "csv", state, "nl")[0].decode("utf-8-sig")
    assert "niet gerapporteerd" in spread and "Brussels Hoofdstedelijk Gewest" in spread


def test_real_exports_name_each_source_once_and_look_provinces_up_once(real_warehouse, monkeypatch):
    """The two register tables behind the networks cite the same registers: listed once. The rows are
    built column-wise: a province name is looked up once per province, not once per municipality (the
    per-row look-up made the scatter export 3x slower)."""
    loaded_page("/behoefte")
    state = need_state.parse_state(indicator="arop_admin", year=str(latest_arop()))
    lookups = []
    province_label = view.province_label
    monkeypatch.setattr(view, "province_label", lambda code, lang: lookups.append(code) or province_label(code, lang))
    for lang in ("nl", "en"):
        for kind in exports.SHEETS:
            exports.export_table(kind, state, lang)  # as the page does: the view's cached texts are built
            lookups.clear()
            sheets, _name = exports.export_table(kind, state, lang)
            assert len(lookups) <= 7, (kind, len(lookups))  # five provinces, Brussels, no province
            sources_line = next(line for line in sheets[0].intro if line.startswith(("Bronnen", "Sources")))
            assert sources_line.count("Kinderarmoedemonitor") == 1 and "Statbel" in sources_line, sources_line


def test_state_round_trips_through_the_url():
    from urllib.parse import parse_qsl

    state = need_state.parse_state(indicator="adi_median", year="2019", region="flanders",
                                    measure="per_1k_children", rule="at_risk",
                                    need_t="21500,5", int_t="0.2", gap_n="0", gap_mode="value", gap_top="30",
                                    gap_min="20000", lang="en")
    query = dict(parse_qsl(urls.with_query("", None, **need_state.url_changes(state, 2022)).lstrip("?")))
    assert query == {"indicator": "adi_median", "year": "2019", "region": "flanders",
                     "measure": "per_1k_children", "rule": "at_risk",
                     "need_t": "21500.5", "int_t": "0.2", "gap_n": "0", "gap_mode": "value", "gap_top": "30",
                     "gap_min": "20000"}
    assert need_state.parse_state(**query) == {**state, "lang": "nl"}
    defaults = need_state.parse_state(indicator="arop_admin", year="2022", rule="nonsense", measure="<x>",
                                       need_t="1e9;DROP", gap_top="500")
    assert need_state.url_changes(defaults, 2022) == {k: None for k in query}


def test_real_gap_map_is_patched_when_only_the_shortlist_changes(real_warehouse):
    import dash

    loaded_page("/behoefte")
    year = latest_arop()
    first = callbacks.render_gap("arop_admin", year, "equal", "1", "top", 20, None, "nl")
    figure, key = first[2], first[3]
    trace = figure["data"][0]
    listed = [nis for nis, z in zip(trace["locations"], trace["z"]) if z == 1]
    assert len(trace["locations"]) == 304 and trace["geojson"].startswith("/geo/municipalities_2025.geojson?v=")
    gap = view.gap_frame(view.model("arop_admin", year, "equal"), "1", "top", 20, None)
    assert listed and sorted(listed) == sorted(gap["nis_code"])
    first_listed = trace["customdata"][trace["locations"].index(gap["nis_code"].iloc[0])]
    assert first_listed.startswith(f"<b>{gap['name'].iloc[0]}</b>") and first_listed.endswith("Op de shortlist (nr. 1)")
    shorter = callbacks.render_gap("arop_admin", year, "equal", "1", "top", 10, None, "nl", key)
    assert isinstance(shorter[2], dash.Patch) and shorter[3] == key
    # the list travels as data the browser draws: one row per municipality listed, the name with its profile link
    rows = first[1]["rows"]
    assert len(rows) == len(gap) and rows[0][1] == [gap["name"].iloc[0], f"/gemeente?nis={gap['nis_code'].iloc[0]}"]
    assert first[1]["caption"] == f"Shortlist: {len(gap)} gemeenten, meeste nood eerst"
    assert first[1]["label"] == "Tabel: " + first[1]["caption"] and first[1]["num"][0] and not first[1]["num"][1]
    # only a threshold moved: which input is in force and the placeholder are left as they are
    moved = callbacks.render_gap("arop_admin", year, "equal", "1", "top", 10, None, "nl", key, trigger="need-gap-top")
    assert moved[4:] == (dash.no_update,) * 3 and moved[1] == shorter[1] and shorter[4:6] == (False, True)
    # another split rule draws on the same outlines: a patch of the marks and of the hover texts, whose
    # network-equivalents follow the rule
    other_rule = callbacks.render_gap("arop_admin", year, "population", "1", "top", 10, None, "nl", key)
    assert isinstance(other_rule[2], dash.Patch) and other_rule[3] == key
    texts = {op["location"][-1]: op["params"]["value"] for op in other_rule[2].to_plotly_json()["operations"]}
    assert len(texts["customdata"]) == 304 and texts["customdata"] != trace["customdata"]
    # another language is another map
    english = callbacks.render_gap("arop_admin", year, "population", "1", "top", 10, None, "en", key)
    assert isinstance(english[2], dict) and english[3] != key


def test_real_gap_map_patch_keeps_its_data_revision(real_warehouse):
    """A top % (or year, or rule) change sends only the shortlist's marks and hover texts, and the map's
    `datarevision` (the build and language) stays, so plotly does not hand the outlines to MapLibre
    again (assets/map_repaint.js repaints); another language brings a new revision, which
    plotly redraws whole."""
    loaded_page("/behoefte")
    year = latest_arop()
    first = callbacks.render_gap("arop_admin", year, "equal", "1", "top", 20, None, "nl")
    figure, key = first[2], first[3]
    assert figure["layout"]["datarevision"] == key
    shorter = callbacks.render_gap("arop_admin", year, "equal", "1", "top", 10, None, "nl", key,
                                   trigger="need-gap-top")
    operations = shorter[2].to_plotly_json()["operations"]
    assert sorted(tuple(op["location"]) for op in operations) == [("data", 0, "customdata"), ("data", 0, "z")]
    assert all(op["operation"] == "Assign" for op in operations)
    other_year = callbacks.render_gap("arop_admin", year - 1, "population", "1", "top", 10, None, "nl", key)
    assert sorted(tuple(op["location"]) for op in other_year[2].to_plotly_json()["operations"]) == [
        ("data", 0, "customdata"), ("data", 0, "z")]
    english = callbacks.render_gap("arop_admin", year, "population", "1", "top", 10, None, "en", key)
    assert english[2]["layout"]["datarevision"] == english[3] != key
    # the browser repaints the shortlist from the figure's own colour scale: z 1 takes its last colour
    scale = figure["data"][0]["colorscale"]
    assert scale[-1][1] == "#d55e00" and scale[0][1] == "#e4e7eb" and set(figure["data"][0]["z"]) == {0, 1}


def test_real_callbacks_of_one_view_change_compute_its_model_once(real_warehouse, monkeypatch):
    """A change of year (or rule, or indicator) fires the rule box, the spread and curve, the scatter
    and the gap finder at once, served by threads of one worker: the view's model is computed once
    (the others wait for it), not once per callback; and the hover and row texts look the province
    names up once per text set, not once per municipality (each look-up reads the build's version)."""
    import threading
    import time

    from dashboard import db

    loaded_page("/behoefte")
    year = latest_arop()
    db.clear_version_caches()  # every piece of every view cold, as after a new build
    computed = []
    coverage = need.coverage

    def slow_coverage(*args):  # the model's first step, slowed so that the callbacks overlap for sure
        computed.append(1)
        time.sleep(0.05)
        return coverage(*args)

    monkeypatch.setattr(need, "coverage", slow_coverage)
    calls = [lambda: callbacks.rule("arop_admin", year, "population", "nl"),
             lambda: callbacks.spread_and_curve("arop_admin", year, "population", "nl", "both"),
             lambda: callbacks.render_scatter("arop_admin", year, "per_10k", "population", None, None, "nl"),
             lambda: callbacks.render_gap("arop_admin", year, "population", "1", "top", 20, None, "nl")]
    start = threading.Barrier(len(calls))
    failures = []

    def run(call):
        start.wait(timeout=10)
        try:
            call()
        except Exception as exc:  # reported below: an exception in a thread does not fail the test
            failures.append(exc)

    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not failures and len(computed) == 1, (failures, len(computed))
    versions = []
    data_version = db.data_version
    monkeypatch.setattr(db, "data_version", lambda: versions.append(1) or data_version())
    callbacks.render_gap("arop_admin", year, "population", "1", "top", 20, None, "en")  # new texts: English
    assert len(versions) < 50, len(versions)  # 304 municipalities: once each would be over 600



def test_real_rule_detail_travels_as_rows_the_browser_draws(real_warehouse):
    """The rule's detail per network and municipality is data for the browser's row drawer (about 40
    rows: as components a third of the page), its shares those of the effect table, the rule in force
    highlighted; without networks there is no detail."""
    loaded_page("/behoefte")
    year = latest_arop()
    box, detail = callbacks.rule("arop_admin", year, "population", "nl")
    m = view.model("arop_admin", year, "population")
    effect = view.rule_effect(m, "nl")
    assert detail["rows"] == [[d["network"], d["municipality"], *d["shares"]] for d in effect["detail"]]
    assert len(detail["rows"]) > 10 and all(len(r) == 5 for r in detail["rows"])
    assert detail["cls"] == ["", "", "num", "num need-rule-current", "num"]
    assert "need-rule-detail" not in str(box)
    assert callbacks.rule(None, year, "population", "nl") == (None, None)
