"""Issue 11 in the dashboard: the default indicator from the declared preference order (child
indicators first, then `arop_admin`), and the need page's region limit (Flanders, Brussels or both)
with its concentration index per region, per-child denominators of the same year, the URL and the
exports. Every row here is SYNTHETIC (invented names ending in "(synthetisch)", example.org URLs).

Two fast set-ups, no build: a hand-made need base (the reads of dashboard/queries/need.py replaced,
so the C values can be computed by hand), and the shared synthetic DuckDB warehouse
(tests/synthetic_warehouse.py) with synthetic Gemeente-Stadsmonitor and at-risk indicators added.
"""
from __future__ import annotations

import tomllib
import uuid

import pandas as pd
import pytest

from dashboard import default_indicator, need, urls
from dashboard.pages.need import exports, view
from dashboard.pages.need import state as need_state
from dashboard.queries import need as qn
from etl.sources.official import gsm_indicator_id
from tests import synthetic_warehouse as sw
from tests.dash_pages import loaded_page

SYNTHETIC_SOURCE = "synthetic-regions-csv"


# ------------------------------------------------------------------ the preference order

def test_preference_picks_the_first_declared_indicator_present():
    order = default_indicator.preference()
    assert order[0] == "gsm_ar_03" and order[-1] == "arop_admin"  # kansarmoede-index first, baseline last
    assert default_indicator.pick(["adi_median", "arop_admin", "gsm_ar_05", "gsm_ar_03"]) == "gsm_ar_03"
    assert default_indicator.pick(["adi_median", "arop_admin"]) == "arop_admin"
    assert default_indicator.pick(["adi_median", "child_share"]) == "adi_median"  # none declared: the first
    assert default_indicator.pick([]) is None
    assert default_indicator.preferred(["adi_median", "child_share"]) is None  # no default to leave out of a URL
    # an explicit choice wins when present
    assert default_indicator.resolve("arop_admin", ["arop_admin", "gsm_ar_03"]) == "arop_admin"
    assert default_indicator.resolve("no_such", ["arop_admin", "gsm_ar_03"]) == "gsm_ar_03"
    rows = pd.DataFrame({"indicator_id": ["arop_admin", "adi_median", "gsm_ar_05", "gsm_ar_03", "child_share"]})
    assert default_indicator.preferred_first(rows)["indicator_id"].tolist() == [
        "gsm_ar_03", "gsm_ar_05", "arop_admin", "adi_median", "child_share"]
    assert default_indicator.measures_children("gsm_ar_03") and not default_indicator.measures_children("arop_admin")


def test_every_declared_child_indicator_is_an_official_source_with_a_reason():
    """The ids in the preference file are the ones the official loader gives (gsm_ + code)."""
    from pathlib import Path

    catalog = tomllib.loads((Path(__file__).resolve().parent.parent / "etl/sources/catalog.toml").read_text())
    official = {gsm_indicator_id(o["gsm_code"]) for o in catalog["official"] if o.get("gsm_code")}
    with default_indicator.PREFERENCE_FILE.open("rb") as f:
        declared = tomllib.load(f)["order"]
    for entry in declared:
        assert entry["reason"].strip(), entry
        assert entry["indicator_id"] in official | {"arop_admin"}, entry


# ------------------------------------------------- a hand-made need base (SYNTHETIC rows)
# Two Flemish municipalities (province 10000) and two of Brussels (04000); a network in F1, F2 and B1.

MUNIS = [("19901", "Fl-Een (synthetisch)", "10000"), ("19902", "Fl-Twee (synthetisch)", "10000"),
         ("29901", "Br-Een (synthetisch)", "04000"), ("29902", "Br-Twee (synthetisch)", "04000")]
# nis: (at-risk rate 2022, persons at risk 2022)
AT_RISK = {"19901": (20.0, 200.0), "19902": (10.0, 100.0), "29901": (30.0, 300.0), "29902": (25.0, 100.0)}
NETWORKS = [("n1", "19902"), ("n2", "29901"), ("n3", "19901")]


def _indicator(indicator_id, name, kind, years, **extra):
    return {"indicator_id": indicator_id, "name_nl": f"{name} (synthetisch)", "name_en": f"{name} (synthetic)",
            "unit": "%" if kind == "rate" else "aantal", "unit_nl": None, "unit_en": None,
            "short_unit": "%" if kind == "rate" else None, "decimals": 1 if kind == "rate" else 0,
            "direction": "higher_is_worse", "kind": kind, "scale": 100.0 if kind == "rate" else None,
            "source_id": SYNTHETIC_SOURCE, "years": years, **extra}


def _values() -> dict[str, pd.DataFrame]:
    cols = ["nis_code", "year", "value", "numerator", "denominator", "flag"]
    rows = {
        "arop_admin": [(nis, 2022, rate, risk, risk / rate * 100, "original") for nis, (rate, risk) in AT_RISK.items()],
        "population_total": [(nis, 2020, 1000.0, None, None, "original") for nis, *_ in MUNIS],
        "children_0_17": [(nis, 2015, 150.0, None, None, "original") for nis, *_ in MUNIS],
        # DE_04 (share of children 0-17): numerator = children, denominator = residents, the need's year
        "gsm_de_04": [(nis, 2022, 20.0 + i, 200.0 + 10 * i, 1000.0, "original")
                      for i, (nis, *_rest) in enumerate(MUNIS)],
    }
    return {k: pd.DataFrame(v, columns=cols) for k, v in rows.items()}


@pytest.fixture
def hand_made_base(monkeypatch):
    """The need page's reads replaced by the hand-made SYNTHETIC rows (a fresh version: own caches)."""
    inds = [_indicator("arop_admin", "Armoederisico", "rate", [2022]),
            _indicator("population_total", "Inwoners", "count", [2020]),
            _indicator("children_0_17", "Kinderen 0-17", "count", [2015]),
            _indicator("gsm_de_04", "Aandeel kinderen 0-17", "rate", [2022])]
    base = {
        "municipalities": pd.DataFrame([(c, n, None, p, "Synthetische provincie") for c, n, p in MUNIS],
                                       columns=["nis_code", "name_nl", "name_fr", "province_nis", "province_name"]),
        "provinces": pd.DataFrame([("10000", "Provincie (synthetisch)", "Province (synthetic)"),
                                   ("04000", "Brussel (synthetisch)", "Brussels (synthetic)")],
                                  columns=["nis_code", "name_nl", "name_en"]),
        "indicators": pd.DataFrame(inds),
        "indicator_by_id": {row["indicator_id"]: row for row in inds},
        "placements": pd.DataFrame([(pid, "prog", f"Netwerk {pid} (synthetisch)", nis, "municipality", None)
                                    for pid, nis in NETWORKS],
                                   columns=["project_id", "programme_id", "name", "nis_code", "scope", "area_label"]),
        "budgets": pd.DataFrame(columns=["project_id", "granted"]),
        "layers": {},
        "sources": pd.DataFrame([(SYNTHETIC_SOURCE, "synthetic", "Synthetische uitgever", "CC0 (testdata)",
                                  "https://example.org/synthetisch.csv", None, None, None)],
                                columns=["source_id", "dataset", "publisher", "licence", "url", "retrieved_at",
                                         "publisher_en", "licence_en"]),
        "build": {"build_id": "synthetic-regions-build"},
    }
    values = _values()
    version = f"synthetic-regions-{uuid.uuid4()}"
    monkeypatch.setattr(qn, "base", lambda: base)
    monkeypatch.setattr(qn, "values", lambda indicator_id: values[indicator_id])
    monkeypatch.setattr(qn, "version", lambda: version)
    return base


def test_concentration_index_per_region_hand_computed(hand_made_base):
    m = view.model("arop_admin", 2022, "equal")
    by_region = {r["region"]: r for r in view.region_indices(m)}
    # Flanders: F1 (20 %, 200 at risk, 1 network), F2 (10 %, 100, 1): x = 2/3, 1; y = 1/2, 1
    # C = 1 - (2/3 x 1/2 + 1/3 x 3/2) = 1/6
    assert by_region["flanders"]["networks"] == pytest.approx(1 / 6)
    # Brussels: B1 (30 %, 300, 1), B2 (25 %, 100, 0): x = 3/4, 1; y = 1, 1; C = 1 - (3/4 + 1/4 x 2) = -1/4
    assert by_region["brussels"]["networks"] == pytest.approx(-1 / 4)
    # both: B1, B2, F1, F2: x = 3/7, 4/7, 6/7, 1; y = 1/3, 1/3, 2/3, 1; C = 1 - 16/21 = 5/21
    assert by_region["both"]["networks"] == pytest.approx(5 / 21)
    assert [r["municipalities"] for r in by_region.values()] == [2, 2, 4]
    # the region limit changes the curve (and so C) the page shows, not the equivalents
    flanders = view.model("arop_admin", 2022, "equal", "flanders")
    assert flanders["frame"].index.tolist() == ["19901", "19902"]
    curve = view.curve_frames(flanders)["networks"]
    assert need.concentration_index(curve["x"], curve["y"]) == pytest.approx(1 / 6)
    assert flanders["frame"]["equivalents"].tolist() == [1.0, 1.0]
    assert view.spread_frame(flanders, "nl")["code"].tolist() == ["10000", "total"]
    # the total row is the region's, in words (it said "Vlaanderen en Brussel" whatever the region)
    assert view.spread_frame(flanders, "nl")["name"].tolist()[-1] == "Vlaanderen (zonder Brussel)"
    assert view.spread_frame(m, "en")["name"].tolist()[-1] == "Flanders and Brussels"
    brussels = view.spread_frame(view.model("arop_admin", 2022, "equal", "brussels"), "en")
    assert brussels["name"].tolist()[-1] == "Brussels (19 municipalities)" and len(brussels) == 2
    # the note states what the call targets against what the indicator covers, with both figures
    note = view.region_note(m, "nl")
    assert "Nederlandstalig onderwijs" in note and "alle leeftijden" in note and "0,17" in note and "0,24" in note
    assert "all ages" in view.region_note(m, "en") and "Without Brussels" in view.region_note(m, "en")


def test_per_child_denominators_use_the_child_population_of_the_same_year(hand_made_base):
    m = view.model("arop_admin", 2022, "equal")
    # DE_04's counts of 2022 beat the Statbel counts of 2015 (children) and 2020 (inhabitants)
    assert m["years"]["children"] == 2022 and m["counts_from"]["children"] == "gsm_de_04"
    assert m["years"]["population"] == 2022 and m["counts_from"]["population"] == "gsm_de_04"
    assert m["frame"].loc["19901", "children"] == 200.0 and m["frame"].loc["29902", "children"] == 230.0
    per_child = view.level_of(m, "per_1k_children")
    assert per_child["19901"] == pytest.approx(1 / 200 * 1000)
    sentence = view.years_sentence(m, "nl")
    assert "kinderen 0-17 jaar op 1 januari 2022 volgens de Gemeente-Stadsmonitor" in sentence
    assert "children aged 0-17 on 1 January 2022 from the Gemeente-Stadsmonitor" in view.years_sentence(m, "en")


def test_region_in_the_url_and_in_the_exports(hand_made_base):
    loaded_page("/behoefte")  # an app: the exports' profile links are relative to its prefix
    state = need_state.parse_state(region="brussels", indicator="arop_admin", year="2022")
    assert state["region"] == "brussels"
    assert need_state.parse_state(region="<script>")["region"] == "both"
    query = urls.with_query("", "?lang=en&region=flanders", **need_state.url_changes(state, 2022, "arop_admin"))
    assert query == "?lang=en&region=brussels"
    back = urls.with_query("", query, **need_state.url_changes({**state, "region": "both"}, 2022, "arop_admin"))
    assert back == "?lang=en"  # the default region is left out of the URL
    sheets, name_parts = exports.export_table("curve", state, "nl")
    intro = sheets[0].intro
    assert "Gemeenten: Brussel (19 gemeenten) (2 gemeenten)." in intro
    assert "Concentratie-index (netwerkequivalenten): C = -0,250" in intro
    assert any(line.startswith("Concentratie-index van de netwerken, Vlaanderen (zonder Brussel): 0,167")
               for line in intro)
    assert "brussels" in name_parts
    both = exports.export_table("scatter", {**state, "region": "both"}, "en")
    assert "Municipalities: Flanders and Brussels (4 municipalities)." in both[0][0].intro
    assert len(both[0][0].rows) == 4 and "both" not in both[1]
    gap = exports.export_table("gap", {**state, "region": "flanders", "gap_n": "2", "gap_top": 100.0}, "en")
    assert {r["nis"] for r in gap[0][0].rows} == {"19901", "19902"}


# ----------------------------------------- the synthetic DuckDB warehouse, with child indicators

def _with_indicators(child: bool):
    """sw.tables() with a SYNTHETIC at-risk rate and, when `child`, a synthetic kansarmoede-index
    under the id the official loader gives it (gsm_ar_03)."""
    original = sw.tables

    def tables():
        data = original()
        ind = data["indicator"]
        extra = [("arop_admin", "Armoederisico (synthetisch)", "At-risk rate (synthetic)")]
        if child:
            extra.append((gsm_indicator_id("AR_03"), "Kansarmoede-index GSM (synthetisch)",
                          "Deprivation index GSM (synthetic)"))
        template = ind[ind["indicator_id"] == "kansarmoede_index"].iloc[0]
        rows = [{**template.to_dict(), "indicator_id": i, "name_nl": nl, "name_en": en} for i, nl, en in extra]
        data["indicator"] = pd.concat([ind, pd.DataFrame(rows)], ignore_index=True)
        values = data["indicator_value"]
        new = [{"indicator_id": i, "nis_code": nis, "year": 2023, "value": 10.0 + k, "numerator": float("nan"),
                "denominator": float("nan"), "flag": "original", "source_id": sw.SOURCE_ID, "note": None}
               for i, *_ in extra for k, (nis, *_rest) in enumerate(sw.MUNICIPALITIES_2025)]
        data["indicator_value"] = pd.concat([values, pd.DataFrame(new)], ignore_index=True)
        return data

    return tables


def _warehouse(tmp_path, monkeypatch, child: bool):
    monkeypatch.setattr(sw, "tables", _with_indicators(child))
    path = sw.build_synthetic_warehouse(tmp_path / "warehouse.duckdb", tmp_path / "geo")
    monkeypatch.setenv("WAREHOUSE_PATH", str(path))
    monkeypatch.setenv("GEO_DIR", str(tmp_path / "geo"))
    return path


def _defaults() -> dict:
    from dashboard import profile_data
    from dashboard.pages.compare import callbacks as compare
    from dashboard.pages.map import view as map_view
    from dashboard.queries import map as qm

    return {"need": view.default_id(qn.base()), "map": map_view.default_id(qm.base()),
            "compare": compare.fill_options("nl", {})[3],
            "profile": profile_data.load(sw.MUNICIPALITIES_2025[0][0], with_peers=False)["indicators"]
            ["indicator_id"].iloc[0]}


@pytest.mark.parametrize("child, expected", [(True, "gsm_ar_03"), (False, "arop_admin")])
def test_pages_default_to_the_kansarmoede_index_when_present(tmp_path, monkeypatch, child, expected):
    _warehouse(tmp_path, monkeypatch, child)
    assert _defaults() == {"need": expected, "map": expected, "compare": expected, "profile": expected}
    # the URL of the default stays short; an explicit indicator wins and stays in the URL
    base = qn.base()
    state = need_state.parse_state(indicator=expected, year="2023")
    assert need_state.url_changes(state, 2023, view.default_id(base))["indicator"] is None
    if child:
        ind, _year = view.resolve(base, "arop_admin", None)
        assert ind["indicator_id"] == "arop_admin"
        explicit = need_state.parse_state(indicator="arop_admin")
        assert need_state.url_changes(explicit, 2023, view.default_id(base))["indicator"] == "arop_admin"
        assert list(view.need_indicators(base))[:2] == ["gsm_ar_03", "arop_admin"]  # child indicators first
