"""Harmonisation to the 2025 municipalities: counts are summed, rates recombined from counts."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from etl.harmonise import Rule, aggregate, note_fields, to_2025

# Synthetic fixture: two 2019 municipalities A=10001, B=10002 merge into 2025 municipality 10009;
# 10003 is unchanged. The numbers are invented to make averaging and recombining differ.
CROSSWALK = pd.DataFrame({"from_vintage": 2019, "from_nis": ["10001", "10002", "10003"],
                          "to_vintage": 2025, "to_nis": ["10009", "10009", "10003"]})
MUNI_2025 = pd.Series(["10009", "10003"])
MUNI_TABLE = pd.DataFrame({"nis_code": ["10009", "10003"], "province_nis": "10000", "region_nis": "02000"})
RULES = {"rate": Rule("rate", 100.0), "count": Rule("count"), "median": Rule("statistic")}


def rows(indicator, data):
    return pd.DataFrame([{"indicator_id": indicator, "from_vintage": 2019, "nis_code": code, "year": 2020,
                          "value": v, "numerator": n, "denominator": d, "weight": w, "flag": f, "source_id": "test"}
                         for code, v, n, d, w, f in data])


def test_rate_of_merged_municipality_is_recombined_from_counts_not_averaged():
    values = rows("rate", [("10001", 10.0, 100.0, 1000.0, 1000.0, "original"),
                           ("10002", 30.0, 30.0, 100.0, 100.0, "original"),
                           ("10003", 5.0, 5.0, 100.0, 100.0, "original")])
    out = to_2025(values, RULES, CROSSWALK, MUNI_2025).set_index("nis_code")
    merged = out.loc["10009"]
    assert merged["value"] == pytest.approx(130 / 1100 * 100)  # 11.8 %, not the average 20 %
    assert merged["value"] != pytest.approx(20.0)
    assert (merged["numerator"], merged["denominator"]) == (130.0, 1100.0)
    assert merged["flag"] == "recomputed_2025"
    assert note_fields(merged["note"]) == {"method": "ratio_of_sums", "parts": ["10001", "10002"], "missing": None,
                                           "detail": None}
    assert out.loc["10003", "flag"] == "original" and out.loc["10003", "value"] == 5.0
    assert pd.isna(out.loc["10003", "note"])  # as published: nothing to explain


def test_counts_are_summed_and_statistics_estimated_with_weights():
    counts = rows("count", [("10001", 7.0, None, None, None, "original"), ("10002", 5.0, None, None, None, "original"),
                            ("10003", 1.0, None, None, None, "original")])
    medians = rows("median", [("10001", 20000.0, None, None, 300.0, "original"),
                              ("10002", 30000.0, None, None, 100.0, "original"),
                              ("10003", 25000.0, None, None, 50.0, "original")])
    out = to_2025(pd.concat([counts, medians]), RULES, CROSSWALK, MUNI_2025).set_index(["indicator_id", "nis_code"])
    assert out.loc[("count", "10009"), "value"] == 12 and out.loc[("count", "10009"), "flag"] == "recomputed_2025"
    assert out.loc[("median", "10009"), "value"] == pytest.approx(22500)  # (20000*300 + 30000*100) / 400
    assert out.loc[("median", "10009"), "flag"] == "estimated"
    assert out.loc[("median", "10003"), "flag"] == "original"
    assert note_fields(out.loc[("count", "10009"), "note"]) == {
        "method": "sum", "parts": ["10001", "10002"], "missing": None, "detail": None}
    assert note_fields(out.loc[("median", "10009"), "note"]) == {
        "method": "estimate", "parts": ["10001", "10002"], "missing": None, "detail": "weighted_mean"}


def test_a_missing_or_suppressed_part_leaves_the_merged_value_empty():
    values = rows("count", [("10001", 7.0, None, None, None, "original"), ("10003", 1.0, None, None, None, "original")])
    hidden = rows("rate", [("10001", None, None, None, None, "suppressed"), ("10002", 3.0, 3.0, 100.0, 100.0, "original"),
                           ("10003", 1.0, 1.0, 100.0, 100.0, "original")])
    out = to_2025(pd.concat([values, hidden]), RULES, CROSSWALK, MUNI_2025).set_index(["indicator_id", "nis_code"])
    assert out.loc[("count", "10009"), "flag"] == "missing" and np.isnan(out.loc[("count", "10009"), "value"])
    assert out.loc[("rate", "10009"), "flag"] == "suppressed" and np.isnan(out.loc[("rate", "10009"), "value"])
    assert note_fields(out.loc[("count", "10009"), "note"]) == {
        "method": "missing_in_source", "parts": ["10001", "10002"], "missing": ["10002"], "detail": None}
    assert note_fields(out.loc[("rate", "10009"), "note"]) == {
        "method": "suppressed", "parts": ["10001", "10002"], "missing": ["10001"], "detail": None}


def test_absent_municipalities_are_listed_as_missing():
    values = rows("count", [("10003", 1.0, None, None, None, "original")])
    out = to_2025(values, RULES, CROSSWALK, MUNI_2025)
    assert len(out) == 2
    assert out.set_index("nis_code").loc["10009", "flag"] == "missing"
    assert note_fields(out.set_index("nis_code").loc["10009", "note"]) == {
        "method": "missing_in_source", "parts": None, "missing": ["10009"], "detail": None}


def test_aggregates_combine_counts():
    values = rows("rate", [("10001", 10.0, 100.0, 1000.0, 1000.0, "original"),
                           ("10002", 30.0, 30.0, 100.0, 100.0, "original"),
                           ("10003", 50.0, 50.0, 100.0, 100.0, "original")])
    municipal = to_2025(values, RULES, CROSSWALK, MUNI_2025)
    areas = aggregate(municipal, RULES, MUNI_TABLE).set_index("nis_code")
    assert areas.loc["10000", "value"] == pytest.approx(180 / 1200 * 100)
    assert areas.loc["02000", "flag"] == "recomputed_2025"
    # An area's parts are its 2025 municipalities: not listed.
    assert note_fields(areas.loc["10000", "note"]) == {"method": "ratio_of_sums", "parts": None, "missing": [],
                                                       "detail": None}


def test_a_part_with_a_rate_but_no_counts_leaves_the_merged_value_empty():
    """Summing only the counts that exist would give 10001's 10 % as Lokeren's rate."""
    values = rows("rate", [("10001", 10.0, 100.0, 1000.0, 1000.0, "original"),
                           ("10002", 30.0, None, None, None, "original"),
                           ("10003", 5.0, 5.0, 100.0, 100.0, "original")])
    merged = to_2025(values, RULES, CROSSWALK, MUNI_2025).set_index("nis_code").loc["10009"]
    assert merged["flag"] == "missing" and np.isnan(merged["value"])
    assert note_fields(merged["note"]) == {"method": "not_combinable", "parts": ["10001", "10002"],
                                           "missing": ["10002"], "detail": None}


def test_a_municipality_without_counts_stays_out_of_area_sums():
    values = rows("rate", [("10001", 10.0, 100.0, 1000.0, 1000.0, "original"),
                           ("10002", 30.0, 30.0, 100.0, 100.0, "original"),
                           ("10003", 50.0, None, None, None, "original")])  # a rate, but no counts
    areas = aggregate(to_2025(values, RULES, CROSSWALK, MUNI_2025), RULES, MUNI_TABLE).set_index("nis_code")
    # 1 of 2 municipalities combinable: below the coverage threshold, so no area value at all.
    assert areas.loc["10000", "flag"] == "missing" and np.isnan(areas.loc["10000", "value"])
    assert note_fields(areas.loc["10000", "note"]) == {"method": "not_computed", "parts": None, "missing": ["10003"],
                                                       "detail": "low_coverage"}


def test_area_rate_without_a_few_municipalities_is_estimated_and_names_them():
    from etl.harmonise import MIN_AREA_COVERAGE

    codes = [f"2{i:04d}" for i in range(1, 21)]  # 20 unchanged municipalities, one without a value
    crosswalk = pd.DataFrame({"from_vintage": 2019, "from_nis": codes, "to_vintage": 2025, "to_nis": codes})
    table = pd.DataFrame({"nis_code": codes, "province_nis": "20001", "region_nis": "02000"})
    data = [(c, 10.0, 10.0, 100.0, 100.0, "original") for c in codes[:-1]] + [(codes[-1], None, None, None, None, "missing")]
    municipal = to_2025(rows("rate", data), RULES, crosswalk, pd.Series(codes))
    area = aggregate(municipal, RULES, table).set_index("nis_code").loc["20001"]
    assert MIN_AREA_COVERAGE <= 19 / 20
    assert area["flag"] == "estimated" and area["value"] == pytest.approx(10.0)
    assert note_fields(area["note"]) == {"method": "ratio_of_sums", "parts": None, "missing": ["20020"], "detail": None}
    # Two thirds of them missing: no value for the area.
    sparse = [(c, 10.0, 10.0, 100.0, 100.0, "original") for c in codes[:6]]
    sparse_area = aggregate(to_2025(rows("rate", sparse), RULES, crosswalk, pd.Series(codes)), RULES, table)
    assert sparse_area.set_index("nis_code").loc["20001", "flag"] == "missing"


def test_real_merged_municipalities_recomputed_from_counts(built_warehouse, read_only, mirror):
    """46029 Lokeren = 46014 + 44045; 46030 = 46003 + 46013 + 11056 (from Antwerp province)."""
    from etl.catalog import load_catalog
    from etl.fetch import mirror_path

    sf = load_catalog()["statbel-adi-arop-munty"]
    raw = pd.read_csv(mirror_path(sf.url, mirror), encoding="cp1252", dtype={"CD_MUNTY_REFNIS": str})
    con = read_only(built_warehouse)
    for target, parts in (("46029", ["46014", "44045"]), ("46030", ["46003", "46013", "11056"])):
        got = con.execute("SELECT value, numerator, denominator, flag FROM indicator_value "
                          "WHERE indicator_id = 'arop_admin' AND nis_code = ? AND year = 2022", [target]).fetchone()
        assert got[3] == "recomputed_2025"
        # Rates and persons of the parts, straight from the source file.
        part = raw[(raw.CD_YEAR == 2022) & raw.CD_MUNTY_REFNIS.isin(parts)]
        assert len(part) == len(parts)
        expected = (part.MS_ADMIN_AROP * part.MS_NBR_ELIGIBLE).sum() / part.MS_NBR_ELIGIBLE.sum()
        assert got[0] == pytest.approx(expected, rel=1e-9)
        assert got[2] == part.MS_NBR_ELIGIBLE.sum()
        assert abs(got[0] - part.MS_ADMIN_AROP.mean()) > 0.01  # averaging rates would give another number


def test_region_values_combine_counts(built_warehouse, read_only):
    con = read_only(built_warehouse)
    flemish_children_2009 = con.execute("SELECT value FROM indicator_value WHERE indicator_id = 'children_0_17' "
                                        "AND nis_code = '02000' AND year = 2009").fetchone()[0]
    assert flemish_children_2009 == 1_222_370
    brussels = con.execute("SELECT value, numerator, denominator FROM indicator_value WHERE indicator_id = 'child_share' "
                           "AND nis_code = '04000' AND year = 2015").fetchone()
    assert brussels[1] == 267_922 and brussels[0] == pytest.approx(brussels[1] / brussels[2] * 100)


def test_merged_municipality_note_fields_are_stored(built_warehouse, read_only):
    """46029 Lokeren = 44045 Moerbeke + 46014 Lokeren (2019 codes): the note says so as fields."""
    con = read_only(built_warehouse)
    notes = dict(con.execute("""SELECT indicator_id, note FROM indicator_value
                                WHERE nis_code = '46029' AND year = 2022""").fetchall())
    assert notes["arop_admin"] == {"method": "ratio_of_sums", "parts": ["44045", "46014"], "missing": None,
                                   "detail": None}
    assert notes["adi_persons"]["method"] == "sum"
    assert notes["adi_median"] == {"method": "estimate", "parts": ["44045", "46014"], "missing": None,
                                   "detail": "weighted_mean"}
    herstappe = con.execute("SELECT flag, note FROM indicator_value WHERE indicator_id = 'arop_admin' "
                            "AND nis_code = '73028' AND year = 2022").fetchone()
    assert herstappe == ("missing", {"method": "missing_in_source", "parts": None, "missing": ["73028"],
                                     "detail": None})
