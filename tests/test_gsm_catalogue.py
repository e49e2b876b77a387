"""The Gemeente-Stadsmonitor indicator catalogue (gsm.csv) as table `gsm_indicator`, with the
direction, kind and scale declared per code in etl/sources/gsm_indicators.toml."""
from __future__ import annotations

import duckdb
import pytest

from etl.checks import _for_check
from etl.errors import EtlError
from etl.sources import gsm_catalogue
from etl.tables import TABLES

# The column order of the published gsm.csv (first column: an unnamed index).
HEADER = ";".join(["", "Basisthema", "Type", "Definitie", "Eenheid", "Ratio", "Teller", "Noemer", "Bron",
                   "Laatste jaar beschikbaar", "Aanlevering volgende update", "Title", "Download URL",
                   "Vraagstelling survey"])
URL = "https://gsminfo.blob.core.windows.net/$web/Rapporten_outputs/OutputPerlDO/GSM_Extract_{}.xlsx"


def synthetic_catalogue(tmp_path, codes, url=URL, year="2022"):
    """A SYNTHETIC catalogue in the layout of gsm.csv (';', quoted texts with newlines)."""
    lines = [HEADER]
    for i, code in enumerate(codes):
        lines.append(";".join([str(i), "Armoede", "Geregistreerde statistiek",
                               f'"SYNTHETIC definition of {code};\nsecond line"', "persoon", "procent",
                               "Teller", "Noemer", "Statbel", year, "juli 2024", f"SYNTHETIC {code}",
                               url.format(code), ""]))
    path = tmp_path / "gsm_SYNTHETIC.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return {gsm_catalogue.SOURCE: path}


def filler(n):
    """n SYNTHETIC codes of other themes, so a catalogue has a plausible size."""
    return [f"{theme}_{k:02d}" for theme in ("WO", "MO", "CU", "KL") for k in range(1, 100)][:n]


def declared_codes():
    return sorted(gsm_catalogue.declarations())


def test_declarations_cover_the_child_indicators_with_a_reason():
    declared = gsm_catalogue.declarations()
    assert {"AR_03", "AR_04", "AR_05", "AR_08", "AR_13", "AR_16", "DE_03", "DE_04"} <= set(declared)
    assert all(d["reason"] and d["kind"] in ("rate", "count", "statistic") for d in declared.values())
    assert declared["AR_05"]["scale"] == 1.0 and declared["AR_03"]["scale"] == 100.0


def test_synthetic_catalogue_loads_under_the_contract(tmp_path):
    codes = declared_codes() + filler(299)
    catalogue = gsm_catalogue.parse(synthetic_catalogue(tmp_path, codes))
    gsm_catalogue.check(catalogue)
    con = duckdb.connect()
    con.execute(TABLES["gsm_indicator"][0])
    assert gsm_catalogue.load(con, catalogue) == len(codes)
    TABLES["gsm_indicator"][1].validate(_for_check(con.sql("SELECT * FROM gsm_indicator").df()), lazy=True)
    row = con.execute("SELECT definition, kind, scale, latest_year FROM gsm_indicator WHERE code = ?", ["AR_03"]).fetchone()
    assert row == ("SYNTHETIC definition of AR_03;\nsecond line", "rate", 100.0, 2022)
    assert con.execute("SELECT kind FROM gsm_indicator WHERE code = 'WO_01'").fetchone() == (None,)


def test_a_declared_code_the_catalogue_does_not_know_is_refused(tmp_path):
    codes = [c for c in declared_codes() if c != "AR_08"] + filler(299)
    catalogue = gsm_catalogue.parse(synthetic_catalogue(tmp_path, codes))
    with pytest.raises(EtlError, match="AR_08"):
        gsm_catalogue.check(catalogue)


def test_a_row_without_an_extract_url_is_refused_with_its_row(tmp_path):
    paths = synthetic_catalogue(tmp_path, ["AR_03", "AR_05"], url="https://example.org/{}.html")
    with pytest.raises(EtlError, match="rij 2.*Download URL|Download URL") as caught:
        gsm_catalogue.parse(paths)
    assert caught.value.row == 2


def test_a_short_or_duplicated_catalogue_is_refused(tmp_path):
    with pytest.raises(EtlError, match="indicatoren in de catalogus"):
        gsm_catalogue.check(gsm_catalogue.parse(synthetic_catalogue(tmp_path, declared_codes())))
    codes = declared_codes() + filler(299) + ["WO_01"]
    with pytest.raises(EtlError, match="meer dan eens"):
        gsm_catalogue.check(gsm_catalogue.parse(synthetic_catalogue(tmp_path, codes)))


def test_the_real_catalogue_has_422_indicators_and_the_child_rows(mirror):
    from etl.catalog import load_catalog
    from etl.fetch import mirror_path

    sf = load_catalog()[gsm_catalogue.SOURCE]
    catalogue = gsm_catalogue.parse({sf.id: mirror_path(sf.url, mirror)})
    gsm_catalogue.check(catalogue)
    assert len(catalogue) == 422
    assert (catalogue["type"] == "Burgerbevraging").sum() == 141
    kansarmoede = catalogue.set_index("code").loc["AR_03"]
    assert kansarmoede["title"] == "Kansarmoede-index Kind en Gezin"
    assert kansarmoede["publisher"] == "Kind & Gezin" and kansarmoede["latest_year"] == 2022


def test_the_build_loads_the_catalogue(built_warehouse, read_only):
    con = read_only(built_warehouse)
    assert con.execute("SELECT count(*) FROM gsm_indicator").fetchone() == (422,)
    assert con.execute("SELECT rows_loaded FROM source WHERE source_id = 'gsm-indicator-catalog-2023'").fetchone() == (422,)
    assert con.execute("SELECT count(*) FROM gsm_indicator WHERE kind IS NOT NULL").fetchone()[0] == len(gsm_catalogue.declarations())


def test_every_declared_code_has_its_english_words():
    """Issue 14: the catalogue is Dutch only; each code we use carries its title and definition in
    English (our translation), none of them the Dutch title, and the share of children reads as a size."""
    from tests.test_english_everywhere import dutch_words

    english = gsm_catalogue.english()
    assert set(english) == set(gsm_catalogue.declarations())
    for code, words in english.items():
        assert words["name_en"] and words["definition_en"], code
        assert not dutch_words(words["name_en"] + " " + words["definition_en"]), code
    assert english["DE_04"]["name_en"] == "Children" and english["AR_05"]["unit_en"] == "per pupil"
    assert english["AR_03"]["unit_en"] is None
    assert {code for code, d in gsm_catalogue.declarations().items() if d["direction"] == "higher_is_more"} == {
        "DE_03", "DE_04"}


def test_a_declaration_without_english_words_is_refused(tmp_path, monkeypatch):
    declared = tmp_path / "gsm_indicators_SYNTHETIC.toml"
    declared.write_text('[AR_03]\ndirection = "higher_is_worse"\nkind = "rate"\nscale = 100.0\n'
                        'reason = "SYNTHETIC"\n', encoding="utf-8")
    monkeypatch.setattr(gsm_catalogue, "DECLARATIONS_FILE", declared)
    gsm_catalogue.declarations.cache_clear()
    try:
        with pytest.raises(EtlError, match="name_en"):
            gsm_catalogue.declarations()
    finally:
        gsm_catalogue.declarations.cache_clear()
