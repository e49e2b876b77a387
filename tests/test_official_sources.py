"""Optional official sources (Gemeente-Stadsmonitor extracts, ...): the header-based reader and the
build's status per source. Every workbook here is SYNTHETIC, built by the test in the official layout
(title rows above a Dutch header); nothing is read from the internet."""
from __future__ import annotations

import dataclasses
import hashlib
import os
import shutil
import zipfile

import pytest
from openpyxl import Workbook

from etl.errors import EtlError
from etl.sources import official
from etl.sources.header_reader import LayoutNotRecognised, normalise, read_workbook

GSM_HOST_PATH = "gsminfo.blob.core.windows.net/$web/Rapporten_outputs/OutputPerlDO"
STATBEL_POP_PATH = ("statbel.fgov.be/sites/default/files/files/opendata/bevolking naar woonplaats, nationaliteit "
                    "burgelijke staat , leeftijd en geslacht")


def synthetic_pop_zip(path, codes, year, member=None):
    """A SYNTHETIC Statbel TF_SOC_POP_STRUCT zip: one pipe-separated text file, one row per code,
    sex and age (two ages here), plus a Walloon row the reader must leave out."""
    import zipfile

    lines = ["CD_REFNIS|TX_DESCR_NL|CD_RGN_REFNIS|CD_SEX|CD_AGE|MS_POPULATION"]
    for i, code in enumerate(codes):
        for sex in ("F", "M"):
            lines.append(f"{code}|SYNTHETIC|{4000 if code.startswith('21') else 2000}|{sex}|5|{100 + i % 11}")
            lines.append(f"{code}|SYNTHETIC|{4000 if code.startswith('21') else 2000}|{sex}|40|{400 + i % 17}")
    lines.append("62063|SYNTHETIC Liège|3000|F|5|999")
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(member or f"TF_SOC_POP_STRUCT_{year}.txt", "\n".join(lines) + "\n")
    return path


def synthetic_extract(path, rows, header=("NIS-code", "Gemeente", "JAAR", "Teller", "Noemer", "Wáarde"),
                      sheets=("AR_03",), title_rows=2):
    """A SYNTHETIC GSM extract: title rows, then a Dutch header, then one row per municipality-year."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for name in sheets:
        sheet = workbook.create_sheet(name)
        for i in range(title_rows):
            sheet.append([f"SYNTHETIC Gemeente-Stadsmonitor extract, titelrij {i + 1}"])
        sheet.append(list(header))
        for row in rows:
            sheet.append(list(row))
    path.parent.mkdir(parents=True, exist_ok=True)
    workbook.save(path)
    return path


def test_headers_match_case_and_accent_insensitively():
    assert normalise(" Jáar ") == "jaar" and normalise("NIS-Code") == "nis-code" and normalise("CD_REFNIS") == "cd_refnis"


def test_reader_skips_title_rows_and_finds_columns_by_header(tmp_path):
    path = synthetic_extract(tmp_path / "x_SYNTHETIC.xlsx", [("11001", "Aartselaar", 2022, 30, 300, 10.5)])
    table = read_workbook(path, "AR_03")
    assert table.sheet == "AR_03" and table.header_row == 3
    assert table.frame.to_dict("records") == [
        {"nis": "11001", "year": "2022", "numerator": "30", "denominator": "300", "value": "10.5"}]


def test_reader_takes_the_sheet_named_after_the_code(tmp_path):
    path = synthetic_extract(tmp_path / "x_SYNTHETIC.xlsx", [("11001", "A", 2022, 1, 10, 10.0)],
                             sheets=("AR_04", "AR_03"))
    assert read_workbook(path, "AR_03").sheet == "AR_03"
    with pytest.raises(LayoutNotRecognised, match="2 bladen"):
        read_workbook(path, "AR_05")


def test_an_unknown_layout_is_refused_naming_file_sheet_and_headers(tmp_path):
    path = synthetic_extract(tmp_path / "odd_SYNTHETIC.xlsx", [("11001", 2022, 5)], header=("Gemeente", "Periode X", "Aantal"))
    with pytest.raises(LayoutNotRecognised) as caught:
        read_workbook(path, "AR_03")
    message = str(caught.value)
    assert "odd_SYNTHETIC.xlsx" in message and "blad AR_03" in message
    assert caught.value.headers_found == ["Gemeente", "Periode X", "Aantal"]
    assert "teller, numerator" in message  # the expected headers are named


def test_an_html_page_instead_of_a_workbook_is_refused(tmp_path):
    path = tmp_path / "GSM_Extract_AR_03.xlsx"
    path.write_text("<!DOCTYPE html><html><body>Request Rejected</body></html>")
    with pytest.raises(LayoutNotRecognised, match="HTML-pagina"):
        read_workbook(path, "AR_03")


# ---- with the real geography and catalogue (build tier)

@pytest.fixture(scope="module")
def geo_and_catalogue(mirror):
    from etl.catalog import load_catalog
    from etl.fetch import mirror_path
    from etl.sources import geography, gsm_catalogue

    catalog = load_catalog()
    geo = geography.parse({i: mirror_path(catalog[i].url, mirror) for i in geography.FILES})
    sf = catalog[gsm_catalogue.SOURCE]
    return geo, gsm_catalogue.parse({sf.id: mirror_path(sf.url, mirror)})


def offline_settings(tmp_path, mirror_dir):
    from etl.config import load_settings
    return dataclasses.replace(load_settings(), source_mirror=mirror_dir, cache_dir=tmp_path / "cache")


def source(code="AR_03"):
    return next(s for s in official.load_official() if s.gsm_code == code)


def municipal_rows(geo, vintage=2019, years=(2021, 2022)):
    """SYNTHETIC counts for every Flemish and Brussels municipality of `vintage`."""
    codes = sorted(geo.municipality.loc[geo.municipality["vintage"] == vintage, "nis_code"])
    return [(code, "SYNTHETIC", year, 10 + i % 7, 100 + i % 13, None)
            for year in years for i, code in enumerate(codes)]


def test_a_reachable_extract_loads_with_catalogue_metadata_and_merges_from_counts(tmp_path, geo_and_catalogue):
    from etl import harmonise

    geo, catalogue = geo_and_catalogue
    rows = municipal_rows(geo)
    synthetic_extract(tmp_path / "mirror" / GSM_HOST_PATH / "GSM_Extract_AR_03.xlsx", rows)
    outcome = official.process(source(), offline_settings(tmp_path, tmp_path / "mirror"), geo, catalogue)
    assert outcome.status == official.LOADED, outcome.reason
    indicator = outcome.indicators[0]
    assert indicator["indicator_id"] == "gsm_ar_03" and indicator["name_nl"] == "Kansarmoede-index Kind en Gezin"
    assert indicator["definition_nl"].startswith("Aantal kinderen geboren in een kansarm gezin")
    assert (indicator["kind"], indicator["scale"], indicator["unit"]) == ("rate", 100.0, "%")
    assert set(outcome.values["from_vintage"]) == {2019}
    municipal = harmonise.to_2025(outcome.values, {"gsm_ar_03": harmonise.Rule("rate", 100.0)},
                                  geo.crosswalk.query("to_vintage == 2025"),
                                  geo.municipality.query("vintage == 2025")["nis_code"])
    counts = {code: (num, den) for code, _, year, num, den, _ in rows if year == 2022}
    parts = ["11056", "46003", "46013"]  # Beveren-Kruibeke-Zwijndrecht
    merged = municipal.query("nis_code == '46030' and year == 2022").iloc[0]
    expected = sum(counts[p][0] for p in parts) / sum(counts[p][1] for p in parts) * 100
    assert merged["flag"] == "recomputed_2025" and merged["value"] == pytest.approx(expected)


@pytest.mark.parametrize("case", ["html", "unknown_codes", "layout", "absent", "repeated"])
def test_a_source_that_cannot_be_used_gets_a_status_and_a_reason(tmp_path, geo_and_catalogue, case):
    geo, catalogue = geo_and_catalogue
    target = tmp_path / "mirror" / GSM_HOST_PATH / "GSM_Extract_AR_03.xlsx"
    target.parent.mkdir(parents=True)
    if case == "html":
        target.write_text("<!DOCTYPE html><html>SYNTHETIC bot check</html>")
    elif case == "unknown_codes":
        synthetic_extract(target, [("11001", "A", 2022, 1, 10, None), ("99123", "SYNTHETIC", 2022, 1, 10, None)])
    elif case == "layout":
        synthetic_extract(target, [("11001", 2022, 5)], header=("Gemeente", "Periode X", "Aantal"))
    elif case == "repeated":
        synthetic_extract(target, [("11001", "A", 2022, 1, 10, None), ("11001", "A", 2022, 2, 10, None)])
    outcome = official.process(source(), offline_settings(tmp_path, tmp_path / "mirror"), geo, catalogue)
    expected = {"html": official.NOT_RECOGNISED, "unknown_codes": official.FAILED_CHECK,
                "layout": official.NOT_RECOGNISED, "absent": official.NOT_REACHABLE,
                "repeated": official.FAILED_CHECK}[case]
    assert outcome.status == expected and outcome.reason and outcome.values is None
    if case == "unknown_codes":
        assert "99123" in outcome.reason
    if case == "layout":
        assert outcome.headers_found == ["Gemeente", "Periode X", "Aantal"]


def test_a_statbel_population_zip_gives_children_and_totals_per_municipality(tmp_path, geo_and_catalogue):
    geo, catalogue = geo_and_catalogue
    codes = sorted(geo.municipality.loc[geo.municipality["vintage"] == 2019, "nis_code"])
    synthetic_pop_zip(tmp_path / "mirror" / STATBEL_POP_PATH / "TF_SOC_POP_STRUCT_2022.zip", codes, 2022)
    pop_2022 = next(s for s in official.load_official(newest_year=2026) if s.id == "statbel-pop-struct-2022")
    outcome = official.process(pop_2022, offline_settings(tmp_path, tmp_path / "mirror"), geo, catalogue)
    assert outcome.status == official.LOADED, outcome.reason
    values = outcome.values.set_index(["indicator_id", "nis_code"])
    assert "62063" not in set(outcome.values["nis_code"])
    assert values.loc[("children_0_17", codes[0]), "value"] == 200 and values.loc[("population_total", codes[0]), "value"] == 1000
    assert set(outcome.values["from_vintage"]) == {2019} and set(outcome.values["year"]) == {2022}


FISCAL_PATH = "statbel.fgov.be/sites/default/files/files/opendata/arbeid/TF_PSNL_INC_TAX_MUNTY.zip"


def synthetic_fiscal_zip(path, codes, years=(2021, 2022, 2023)):
    """A SYNTHETIC Statbel fiscal-income zip (headers in lower case, as some editions write them)."""
    import zipfile

    lines = ["cd_year|cd_munty_refnis|cd_rgn_refnis|ms_nbr_non_zero_inc|ms_nbr_zero_inc|ms_tot_net_taxable_inc"]
    for year in years:
        for i, code in enumerate(codes):
            region = 4000 if code.startswith("21") else 2000
            lines.append(f"{year}|{code}|{region}|{1000 + i}|{100 + i % 7}|{(1000 + i) * 20000}")
        lines.append(f"{year}|62063|3000|5000|100|100000000")
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("TF_PSNL_INC_TAX_MUNTY.txt", "\n".join(lines) + "\n")
    return path


def test_a_statbel_fiscal_zip_gives_the_newest_years(tmp_path, geo_and_catalogue):
    geo, catalogue = geo_and_catalogue
    codes = sorted(geo.municipality.loc[geo.municipality["vintage"] == 2019, "nis_code"])
    synthetic_fiscal_zip(tmp_path / "mirror" / FISCAL_PATH, codes)
    fiscal = next(s for s in official.load_official() if s.id == "statbel-fiscal-income-zip")
    outcome = official.process(fiscal, offline_settings(tmp_path, tmp_path / "mirror"), geo, catalogue)
    assert outcome.status == official.LOADED, outcome.reason
    assert set(outcome.values["year"]) == {2021, 2022, 2023} and "62063" not in set(outcome.values["nis_code"])
    first = outcome.values.query("indicator_id == 'tax_declarations' and year == 2023").set_index("nis_code")
    assert first.loc[codes[0], "value"] == 1100


def test_a_zip_without_the_expected_member_is_refused(tmp_path, geo_and_catalogue):
    geo, catalogue = geo_and_catalogue
    synthetic_pop_zip(tmp_path / "mirror" / STATBEL_POP_PATH / "TF_SOC_POP_STRUCT_2022.zip", ["11001"], 2022,
                      member="README_SYNTHETIC.pdf")
    pop_2022 = next(s for s in official.load_official(newest_year=2026) if s.id == "statbel-pop-struct-2022")
    outcome = official.process(pop_2022, offline_settings(tmp_path, tmp_path / "mirror"), geo, catalogue)
    assert outcome.status == official.NOT_RECOGNISED and "README_SYNTHETIC.pdf" in outcome.reason
    # Only a README beside where the data should be: named with the zip and the member expected,
    # never read as the data with the headers of another reader.
    synthetic_pop_zip(tmp_path / "mirror" / STATBEL_POP_PATH / "TF_SOC_POP_STRUCT_2022.zip", ["11001"], 2022,
                      member="README.txt")
    outcome = official.process(pop_2022, offline_settings(tmp_path, tmp_path / "mirror"), geo, catalogue)
    assert outcome.status == official.NOT_RECOGNISED and outcome.headers_found == ["README.txt"]
    assert "bestand TF_SOC_POP_STRUCT_2022.zip" in outcome.reason and "TF_SOC_POP_STRUCT_2022.txt" in outcome.reason
    assert "teller" not in outcome.reason
    # The right member with the wrong columns: the population columns are the ones expected.
    synthetic_pop_zip(tmp_path / "mirror" / STATBEL_POP_PATH / "TF_SOC_POP_STRUCT_2022.zip", ["11001"], 2022)
    with zipfile.ZipFile(tmp_path / "mirror" / STATBEL_POP_PATH / "TF_SOC_POP_STRUCT_2022.zip", "w") as archive:
        archive.writestr("TF_SOC_POP_STRUCT_2022.txt", "GEMEENTE|JAAR|SYNTHETIC\n11001|2022|5\n")
    outcome = official.process(pop_2022, offline_settings(tmp_path, tmp_path / "mirror"), geo, catalogue)
    assert outcome.status == official.NOT_RECOGNISED and "TF_SOC_POP_STRUCT_2022.zip > TF_SOC_POP_STRUCT_2022.txt" in outcome.reason
    assert "ms_population" in outcome.reason and "teller" not in outcome.reason


def test_the_default_offline_build_marks_every_official_source_not_reachable(built_warehouse, read_only):
    con = read_only(built_warehouse)
    statuses = con.execute("SELECT status, count(*) FROM official_source GROUP BY status").fetchall()
    assert statuses == [("not reachable", len(official.load_official()))]
    command = con.execute("SELECT load_command FROM official_source WHERE source_id = 'gsm-extract-ar-03'").fetchone()[0]
    assert command.startswith("python -m etl build") and "GSM_Extract_AR_03.xlsx" in command


def test_a_build_with_served_extracts_loads_them_and_records_the_refused(tmp_path, monkeypatch, mirror, shared_cache,
                                                                      read_only, geo_and_catalogue, built_warehouse,
                                                                      capsys):
    from etl.build import build
    from etl.cli import main, superseded_line
    from etl.config import load_settings
    from tests.conftest import etl_env

    geo, _ = geo_and_catalogue
    served = tmp_path / "mirror"
    served.mkdir()
    os.symlink(mirror / "raw.githubusercontent.com", served / "raw.githubusercontent.com")
    synthetic_extract(served / GSM_HOST_PATH / "GSM_Extract_AR_03.xlsx", municipal_rows(geo))
    (served / GSM_HOST_PATH / "GSM_Extract_AR_05.xlsx").write_text("<html>SYNTHETIC error page</html>")
    codes_2019 = sorted(geo.municipality.loc[geo.municipality["vintage"] == 2019, "nis_code"])
    synthetic_pop_zip(served / STATBEL_POP_PATH / "TF_SOC_POP_STRUCT_2022.zip", codes_2019, 2022)
    synthetic_fiscal_zip(served / FISCAL_PATH, codes_2019, years=(2020, 2021))  # 2020 is pinned already
    # AR_03 pinned by a snapshot of exactly this file: the build loads that release.
    ar_03 = (served / GSM_HOST_PATH / "GSM_Extract_AR_03.xlsx").read_bytes()
    pinned = official.Snapshot(hashlib.sha256(ar_03).hexdigest(), len(ar_03), "2026-01-02", "2026-01-02T03:04:05+00:00",
                               ("denominator", "numerator", "value"))
    sources = [dataclasses.replace(s, snapshot=pinned) if s.id == "gsm-extract-ar-03" else s
               for s in official.load_official()]
    warehouse = etl_env(monkeypatch, tmp_path, served, shared_cache)
    # An analist imported a hand-downloaded AR_03 extract earlier: the official release loaded by
    # this build wins, the import is skipped with a line saying so, and the build goes on.
    shutil.copyfile(built_warehouse, warehouse)
    downloaded = synthetic_extract(tmp_path / "downloads" / "GSM_Extract_AR_03.xlsx", municipal_rows(geo, years=(2020,)))
    assert main(["import-indicator", str(downloaded)]) == 0
    result = build(load_settings(), official_sources=sources)
    assert [s["indicator_id"] for s in result.superseded_imports] == ["gsm_ar_03"]
    line = superseded_line(result.superseded_imports[0])
    assert "GSM_Extract_AR_03.xlsx" in line and "gsm-extract-ar-03 is geladen en gaat voor" in line
    assert (tmp_path / "imports" / "gsm_ar_03" / "import.json").is_file()  # kept for a build without the release
    con = read_only(warehouse)
    assert con.execute("SELECT count(*) FROM indicator_import").fetchone() == (0,)
    assert con.execute("SELECT DISTINCT source_id FROM indicator_value WHERE indicator_id = 'gsm_ar_03'").fetchall() == [
        ("gsm-extract-ar-03",)]
    status = dict(con.execute("SELECT source_id, status FROM official_source").fetchall())
    assert status["gsm-extract-ar-03"] == "loaded" and status["gsm-extract-ar-05"] == "format not recognised"
    assert con.execute("SELECT count(*) FROM indicator WHERE indicator_id = 'gsm_ar_05'").fetchone() == (0,)  # nothing of it
    assert con.execute("SELECT retrieved_at, sha256 FROM official_source WHERE source_id = 'gsm-extract-ar-03'"
                       ).fetchone() == (pinned.retrieved_at, pinned.sha256)
    assert status["gsm-extract-ar-08"] == "not reachable"
    assert con.execute("SELECT name_nl FROM indicator WHERE indicator_id = 'gsm_ar_03'").fetchone() == (
        "Kansarmoede-index Kind en Gezin",)
    assert con.execute("SELECT flag FROM indicator_value WHERE indicator_id = 'gsm_ar_03' AND nis_code = '46030' "
                       "AND year = 2022").fetchone() == ("recomputed_2025",)
    assert con.execute("SELECT rows_loaded > 0 FROM source WHERE source_id = 'gsm-extract-ar-03'").fetchone() == (True,)
    assert status["statbel-pop-struct-2022"] == "loaded"
    merged = con.execute("SELECT value, flag FROM indicator_value WHERE indicator_id = 'children_0_17' "
                         "AND nis_code = '46030' AND year = 2022").fetchone()
    assert merged[1] == "recomputed_2025" and merged[0] > 0
    fiscal_years = con.execute("SELECT DISTINCT year, source_id FROM indicator_value WHERE indicator_id = 'tax_declarations' "
                               "AND year >= 2020 ORDER BY year").fetchall()
    assert fiscal_years == [(2020, "statbel-fiscal-income-munty"), (2021, "statbel-fiscal-income-zip")]
    con.close()
    # Importing the extract again while the official release is loaded: refused, saying why.
    capsys.readouterr()
    assert main(["import-indicator", str(downloaded)]) == 2
    assert "officiële uitgave van AR_03 (gsm-extract-ar-03" in capsys.readouterr().err
    shutil.rmtree(served / "gsminfo.blob.core.windows.net")


# ---- status and data pages (SYNTHETIC warehouse with one loaded and one missing official source)

def _with_official_rows(path):
    import duckdb

    con = duckdb.connect(str(path))
    try:
        con.execute("""INSERT INTO official_source VALUES
            ('gsm-extract-ar-03', 'gsm_extract', 'https://example.org/GSM_Extract_AR_03.xlsx', 'SYNTHETIC publisher',
             'SYNTHETIC licence', 'xlsx', 'AR_03', 'loaded', NULL, NULL, 608, 2021, 2022, '2026-12-03T01:00:00+00:00',
             NULL, 'python -m etl build'),
            ('gsm-extract-ar-05', 'gsm_extract', 'https://example.org/GSM_Extract_AR_05.xlsx', 'SYNTHETIC publisher',
             'SYNTHETIC licence', 'xlsx', 'AR_05', 'not reachable', 'SYNTHETIC reason <b>not bold</b>', NULL, 0,
             NULL, NULL, NULL, NULL, 'python -m etl build  # SYNTHETIC command')""")
        con.execute("""INSERT INTO gsm_indicator VALUES
            ('AR_05', 'Armoede', 'Geregistreerde statistiek', 'SYNTHETIC OKI', 'SYNTHETIC definition', 'kenmerk',
             'per leerling', 'Teller', 'Noemer', 'SYNTHETIC Onderwijs', 2022, NULL,
             'https://example.org/GSM_Extract_AR_05.xlsx', NULL, 'gsm-indicator-catalog-2023',
             'higher_is_worse', 'rate', 1.0, 'SYNTHETIC reason')""")
    finally:
        con.close()


def test_status_and_data_pages_list_each_official_source(app, synthetic_warehouse):
    from tests.dash_pages import as_text, page

    _with_official_rows(synthetic_warehouse)
    status_nl, status_en = as_text(page("/status").render("nl")), as_text(page("/status").render("en"))
    assert "Officiële bronnen" in status_nl and "1 van 2 officiële bronnen" in status_nl
    assert "niet bereikbaar" in status_nl and "$SOURCE_MIRROR/example.org/GSM_Extract_AR_05.xlsx" in status_nl
    assert "Official sources" in status_en and "not reachable" in status_en
    assert "SYNTHETIC reason <b>not bold</b>" in status_nl  # shown as text, never as markup
    data_nl, data_en = as_text(page("/data").render("nl")), as_text(page("/data").render("en"))
    # The way to load it is worded in the page's language from the source's URL (issue 11: the stored
    # command is Dutch), with the import of a hand-downloaded extract beside the build: on /status, for
    # administrators; /data says in words that it is not loaded (issue 14).
    for text in ("Kinderarmoede-indicatoren", "AR_05 · SYNTHETIC OKI", "SYNTHETIC definition", "SYNTHETIC Onderwijs",
                 "Niet geladen in deze build"):
        assert text in data_nl, text
    for text in ("Laden met", "$SOURCE_MIRROR/example.org/GSM_Extract_AR_05.xlsx",
                 "python -m etl import-indicator GSM_Extract_AR_05.xlsx --gsm AR_05"):
        assert text in status_nl and text not in data_nl, text
    assert "Child-poverty indicators" in data_en and "Not loaded in this build" in data_en
    assert "Load with" in status_en and "Load with" not in data_en


def test_pages_word_reasons_in_their_language_and_show_an_imported_extract(app, synthetic_warehouse, tmp_path):
    """A source missing from the mirror: its reason in English on the English pages, the server's
    folder only on the status page; an extract imported by hand shows as loaded by import."""
    import duckdb

    from dashboard.ui.official import reason_text
    from tests.dash_pages import as_text, page

    _with_official_rows(synthetic_warehouse)
    # The reason exactly as the ETL writes it for a file absent from SOURCE_MIRROR.
    mirror_dir = tmp_path / "SYNTHETIC-server-folder"
    reason = official.obtain(source("AR_08"), offline_settings(tmp_path, mirror_dir))
    assert reason_text(reason, "en").startswith("not in SOURCE_MIRROR")
    con = duckdb.connect(str(synthetic_warehouse))
    try:
        con.execute("""INSERT INTO official_source VALUES
            ('gsm-extract-ar-08', 'gsm_extract', 'https://example.org/GSM_Extract_AR_08.xlsx', 'SYNTHETIC publisher',
             'SYNTHETIC licence', 'xlsx', 'AR_08', 'not reachable', ?, NULL, 0, NULL, NULL, NULL, NULL, 'python -m etl build'),
            ('gsm-extract-ar-04', 'gsm_extract', 'https://example.org/GSM_Extract_AR_04.xlsx', 'SYNTHETIC publisher',
             'SYNTHETIC licence', 'xlsx', 'AR_04', 'not reachable', ?, NULL, 0, NULL, NULL, NULL, NULL, 'python -m etl build')
            """, [reason, reason])
        for code, title in (("AR_08", "SYNTHETIC werkintensiteit"), ("AR_04", "SYNTHETIC imported")):
            con.execute("""INSERT INTO gsm_indicator VALUES
                (?, 'Armoede', 'Geregistreerde statistiek', ?, 'SYNTHETIC definition', 'kenmerk', 'procent', 'Teller',
                 'Noemer', 'SYNTHETIC Kind en Gezin', 2022, NULL, 'https://example.org/x.xlsx', NULL,
                 'gsm-indicator-catalog-2023', 'higher_is_worse', 'rate', 100.0, 'SYNTHETIC reason')""", [code, title])
        con.execute("INSERT INTO indicator_import VALUES ('gsm_ar_04', 'GSM_Extract_AR_04.xlsx', ?, "
                    "'2026-12-01T10:00:00+00:00', 'SYNTHETIC analist', 600)", ["0" * 64])
    finally:
        con.close()
    data_nl, data_en = as_text(page("/data").render("nl")), as_text(page("/data").render("en"))
    status_en = as_text(page("/status").render("en"))
    assert "SYNTHETIC-server-folder" not in data_nl + data_en  # the public page shows no server folder
    assert "made without an internet connection" in data_en and "SOURCE_MIRROR" not in data_en
    assert "SOURCE_MIRROR (" + str(mirror_dir) + ")" in status_en and "not in SOURCE_MIRROR" in status_en
    for dutch in ("de build leest dan niet", "met internet", "bewaar "):
        assert dutch not in data_en and dutch not in status_en, dutch
    assert "python -m etl build with internet or, offline, save https://example.org/GSM_Extract_AR_08.xlsx" in status_en
    assert "geladen door import (GSM_Extract_AR_04.xlsx, 01-12-2026)" in data_nl
    assert "loaded by import (GSM_Extract_AR_04.xlsx, 2026-12-01)" in data_en


# ---- python -m etl import-indicator FILE [--gsm CODE]

@pytest.mark.parametrize("file_name, options", [
    ("GSM_Extract_AR_03.xlsx", []),  # recognised from the file name, no metadata given
    ("kansarmoede-download.xlsx", ["--gsm", "AR_03"]),  # any name, the code given
])
def test_import_of_a_gsm_extract_takes_the_catalogue_metadata(etl_root, geo_and_catalogue, read_only, tmp_path,
                                                              file_name, options):
    from etl.cli import main

    geo, _ = geo_and_catalogue
    path = synthetic_extract(tmp_path / "downloads" / file_name,
                             [*municipal_rows(geo), ("02000", "Vlaams Gewest", 2022, 5, 50, None)])
    assert main(["import-indicator", str(path), *options]) == 0
    con = read_only(etl_root / "warehouse.duckdb")
    assert con.execute("SELECT name_nl, direction, kind, scale FROM indicator WHERE indicator_id = 'gsm_ar_03'").fetchone() == (
        "Kansarmoede-index Kind en Gezin", "higher_is_worse", "rate", 100.0)
    # issue 14: the catalogue is Dutch only; the English words come from gsm_indicators.toml
    assert con.execute("SELECT name_en, definition_en LIKE 'Number of children born into a deprived family%' "
                       "FROM indicator WHERE indicator_id = 'gsm_ar_03'").fetchone() == ("Deprivation index of Kind en Gezin", True)
    assert con.execute("SELECT flag FROM indicator_value WHERE indicator_id = 'gsm_ar_03' AND nis_code = '46030' "
                       "AND year = 2022").fetchone() == ("recomputed_2025",)
    # The user's file as they named it (not the tidy CSV the import reads it through).
    assert con.execute("SELECT file_name FROM indicator_import WHERE indicator_id = 'gsm_ar_03'").fetchone() == (file_name,)


@pytest.mark.parametrize("case", ["undeclared", "html", "unknown_codes"])
def test_a_refused_gsm_import_leaves_the_warehouse_byte_identical(etl_root, tmp_path, case, capsys):
    from etl.cli import main

    path = tmp_path / "GSM_Extract_AR_03.xlsx"
    if case == "html":
        path.write_text("<!DOCTYPE html><html>SYNTHETIC</html>")
    else:
        synthetic_extract(path, [("11001", "A", 2022, 1, 10, None), ("99123", "SYNTHETIC", 2022, 1, 10, None)])
    before = (etl_root / "warehouse.duckdb").read_bytes()
    args = ["import-indicator", str(path)] + (["--gsm", "WO_01"] if case == "undeclared" else [])
    assert main(args) == 2
    assert (etl_root / "warehouse.duckdb").read_bytes() == before
    if case == "unknown_codes":  # named in the user's workbook: 2 title rows and the header above it
        assert "bestand GSM_Extract_AR_03.xlsx, blad AR_03, rij 5, kolom nis_code" in capsys.readouterr().err


# ---- python -m etl snapshot SOURCE_ID

def test_snapshot_writes_the_entry_and_refuses_a_release_whose_columns_changed(etl_root, geo_and_catalogue, tmp_path):
    import hashlib
    import tomllib

    from etl.catalog import CATALOG_PATH, load_catalog
    from etl.config import load_settings
    from etl.snapshot import snapshot

    geo, _ = geo_and_catalogue
    catalog = tmp_path / "catalog.toml"
    shutil.copyfile(CATALOG_PATH, catalog)
    served = synthetic_extract(tmp_path / "mirror" / GSM_HOST_PATH / "GSM_Extract_AR_03.xlsx", municipal_rows(geo))
    settings = dataclasses.replace(load_settings(), source_mirror=tmp_path / "mirror")
    result = snapshot("gsm-extract-ar-03", None, settings, catalog)
    assert result["changes"]["new_years"] == [2021, 2022] and result["changes"]["moved_count"] == 0
    entry = tomllib.loads(catalog.read_text())["snapshot"][0]
    assert entry["sha256"] == hashlib.sha256(served.read_bytes()).hexdigest() == result["entry"]["sha256"]
    assert entry["url"].endswith("GSM_Extract_AR_03.xlsx") and entry["years"] == [2021, 2022]
    assert entry["columns"] == ["denominator", "numerator", "value"] and entry["bytes"] == served.stat().st_size
    assert load_catalog(catalog) == load_catalog(CATALOG_PATH)  # the pinned files are untouched
    # The next release gives only a value column: refused, the catalog unchanged.
    synthetic_extract(served, [(c, n, y, None, None, 12.5) for c, n, y, *_ in municipal_rows(geo)])
    before = catalog.read_bytes()
    with pytest.raises(EtlError, match="kolommen"):
        snapshot("gsm-extract-ar-03", None, settings, catalog)
    assert catalog.read_bytes() == before
    # A release with the same columns but values no rate can have (more children than births): refused.
    synthetic_extract(served, [(c, n, y, 150, 100, None) for c, n, y, *_ in municipal_rows(geo)])
    with pytest.raises(EtlError, match="buiten het plausibele bereik"):
        snapshot("gsm-extract-ar-03", None, settings, catalog)
    assert catalog.read_bytes() == before
    # A yearly source without --year: its newest year; not there, the message names the other years.
    with pytest.raises(EtlError, match=r"statbel-pop-struct-\d{4}.*not reachable.*een ander jaar met --year Y \(bekend: 2016-"):
        snapshot("statbel-pop-struct", None, settings, catalog)
    assert catalog.read_bytes() == before
