"""Parsers on the real mirror files: row counts and known values for named municipalities and years."""
from __future__ import annotations

import pytest

from etl.catalog import load_catalog
from etl.fetch import mirror_path


@pytest.fixture(scope="module")
def paths(mirror):
    catalog = load_catalog()
    return {sf.id: mirror_path(sf.url, mirror) for sf in catalog.values()}


@pytest.fixture(scope="module")
def geography(paths):
    from etl.sources import geography
    return geography.parse({i: paths[i] for i in geography.FILES})


def test_geography_counts_per_vintage(geography):
    m = geography.municipality
    assert m.groupby("vintage").size().to_dict() == {2018: 327, 2019: 319, 2025: 304}
    m25 = m[m.vintage == 2025]
    assert (m25.region_nis == "02000").sum() == 285
    assert (m25.region_nis == "04000").sum() == 19


def test_geography_names_provinces_and_french_names(geography):
    m = geography.municipality.set_index(["nis_code", "vintage"])
    assert m.loc[("46030", 2025), "name_nl"] == "Beveren-Kruibeke-Zwijndrecht"
    assert m.loc[("46030", 2025), "province_nis"] == "40000"
    # Zwijndrecht was in the province of Antwerp before its 2025 merger into an East Flemish municipality.
    assert m.loc[("11056", 2019), "province_nis"] == "10000"
    assert m.loc[("21004", 2025), "name_fr"] == "Bruxelles"
    assert m.loc[("21009", 2025), "name_nl"] == "Elsene"
    assert m.loc[("12030", 2018), "name_nl"] == "Puurs"
    assert m.loc[("12030", 2018), "province_name"] == "Antwerpen"


def test_crosswalks(geography):
    x = geography.crosswalk
    x19 = x[(x.from_vintage == 2019) & (x.to_vintage == 2025)].set_index("from_nis")["to_nis"]
    assert len(x19) == 319
    assert (x19.index != x19.values).sum() == 27
    assert x19["44045"] == "46029" and x19["46014"] == "46029"
    assert {x19["46003"], x19["46013"], x19["11056"]} == {"46030"}
    assert x19["11007"] == "11002"
    x18 = x[(x.from_vintage == 2018) & (x.to_vintage == 2025)].set_index("from_nis")["to_nis"]
    assert len(x18) == 327
    assert x18["12030"] == "12041"  # Puurs -> Puurs-Sint-Amands (2019 merger), unchanged in 2025
    assert x18["44001"] == "44084"  # Aalter (2018) -> Aalter (2019 merger with Knesselare)


def test_geometry_layers_are_valid_small_coverages(geography):
    import json

    import shapely

    from etl.sources.geography import build_layers

    layers = {layer["layer_id"]: layer for layer in build_layers(geography)}
    muni = layers["municipalities_2025"]
    assert muni["features"] == 304
    assert muni["bytes"] < 400_000
    collection = json.loads(muni["geojson"])
    geoms = [shapely.geometry.shape(f["geometry"]) for f in collection["features"]]
    assert shapely.coverage_is_valid(geoms)
    assert set(collection["features"][0]["properties"]) == {"nis"}
    x, y = shapely.get_coordinates(geoms).T
    assert x.min() > 2.5 and x.max() < 6.0 and y.min() > 50.6 and y.max() < 51.6  # lon/lat of Flanders
    assert {"municipalities_2019", "municipalities_2018", "provinces_2025", "regions_2025"} <= set(layers)


def test_adi_parser_rows_and_known_values(paths):
    from etl.sources import statbel_adi
    values = statbel_adi.parse({i: paths[i] for i in statbel_adi.FILES})
    arop = values[values.indicator_id == "arop_admin"].set_index(["nis_code", "year"])
    assert len(arop) == 4640
    assert arop.loc[("11001", 2015), "value"] == pytest.approx(5.9)
    assert arop.loc[("11001", 2015), "denominator"] == 14119
    assert arop.loc[("11001", 2015), "numerator"] == pytest.approx(5.9 / 100 * 14119)
    # Elsene: not disseminated 2015-2019 (too many missing incomes), present from 2020.
    assert arop.loc[("21009", 2017), "flag"] == "missing"
    assert arop.loc[("21009", 2022), "value"] == pytest.approx(18.4)
    median = values[values.indicator_id == "adi_median"].set_index(["nis_code", "year"])
    assert median.loc[("11001", 2015), "value"] == 25455


def test_fiscal_parser_rows_suppression_and_known_values(paths):
    from etl.sources import statbel_fiscal
    values = statbel_fiscal.parse({i: paths[i] for i in statbel_fiscal.FILES})
    total = values[values.indicator_id == "tax_income_total"].set_index(["nis_code", "year"])
    assert len(total) == 9296
    assert total.loc[("11001", 2005), "value"] == pytest.approx(260615502.8)
    decl = values[values.indicator_id == "tax_declarations"].set_index(["nis_code", "year"])
    assert decl.loc[("11001", 2005), "value"] == 8065 + 381
    assert (decl.flag == "suppressed").sum() == 8  # the '*' cells of MS_NBR_ZERO_INC
    avg = values[values.indicator_id == "tax_income_avg"].set_index(["nis_code", "year"])
    assert avg.loc[("11001", 2005), "value"] == pytest.approx(260615502.8 / 8446)


def test_population_parser_children_totals(paths, tmp_path):
    from etl.sources import statbel_population
    values = statbel_population.parse({i: paths[i] for i in statbel_population.FILES})
    children = values[values.indicator_id == "children_0_17"]
    assert children.groupby("year")["nis_code"].nunique().eq(589).all()
    flemish = children[children.nis_code.str[0].isin(list("1347")) | children.nis_code.str[:2].isin(["23", "24"])]
    by_year = flemish.groupby("year")["value"].sum()
    assert by_year[2009] == 1_222_370 and by_year[2015] == 1_252_370
    total = values[(values.indicator_id == "population_total") & (values.year == 2015)]["value"].sum()
    assert total == 11_209_044


def test_population_2020(paths):
    from etl.sources import population_2020
    values = population_2020.parse({i: paths[i] for i in population_2020.FILES})
    population_2020.check(values)
    by_code = values.set_index("nis_code")["value"]
    assert by_code["01000"] == 11_492_641  # Belgium, 1 January 2020
    assert by_code["02000"] == 6_629_143  # Flemish Region



def test_display_metadata_declares_exactly_the_built_in_indicators(tmp_path, monkeypatch):
    """etl/sources/indicators.toml gives every built-in indicator its units and decimals, as data."""
    from etl.build import INDICATOR_SOURCES
    from etl.errors import EtlError
    from etl.sources import common

    indicators = [i for module in INDICATOR_SOURCES for i in module.INDICATORS]
    rows = {r["indicator_id"]: r for r in common.indicator_rows(indicators)}
    assert rows["arop_admin"]["short_unit"] == "%" and rows["arop_admin"]["decimals"] == 1
    assert (rows["population_total"]["unit_nl"], rows["population_total"]["unit_en"]) == ("inwoners", "residents")
    assert rows["tax_income_avg"]["short_unit"] == "€" and rows["tax_income_avg"]["decimals"] == 0
    undeclared = common.Indicator("new_count", "Nieuw", "New", "Definitie.", "Definition.", "higher_is_worse",
                                  "src", "count", 0, 1)
    with pytest.raises(EtlError, match=r"zonder weergave \['new_count'\]"):
        common.indicator_rows(indicators + [undeclared])
    with pytest.raises(EtlError, match=r"onbekend \['arop_admin'\]"):
        common.indicator_rows([i for i in indicators if i.indicator_id != "arop_admin"])

    bad = tmp_path / "indicators.toml"
    bad.write_text('[arop_admin]\nunit = "%"\nunit_nl = "%"\nunit_en = "%"\nshort_unit = "$"\ndecimals = 7\n',
                   encoding="utf-8")
    monkeypatch.setattr(common, "DISPLAY_FILE", bad)
    common.display_metadata.cache_clear()
    try:
        with pytest.raises(EtlError) as info:
            common.display_metadata()
        assert "short_unit moet % of € zijn" in str(info.value) and "decimals moet een geheel getal" in str(info.value)
    finally:
        common.display_metadata.cache_clear()
