"""`python -m etl import-indicator`: an analyst's own indicator, validated cell by cell.

All indicator files in this module are SYNTHETIC test fixtures with invented numbers."""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from etl.cli import main

META = {"indicator_id": "test_kansarmoede", "name_nl": "Testindicator (synthetisch)", "unit": "%",
        "definition_nl": "Synthetische testwaarden, geen echte cijfers.", "source": "testsuite",
        "licence": "CC0", "direction": "higher_is_worse"}


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def write_meta(tmp_path: Path, **changes) -> Path:
    meta = {**META, **changes}
    path = tmp_path / "meta.json"
    path.write_text(json.dumps(meta), encoding="utf-8")
    return path


def write_csv(tmp_path: Path, text: str, name: str = "indicator.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


GOOD_CSV = """niscode;jaar;waarde;teller;noemer
44045;2022;10,0;100;1000
46014;2022;30,0;30;100
11002;2022;20,0;20;100
11007;2022;10,0;10;100
21004;2022;25,5;51;200
46029;2025;12,5;125;1000
"""


def run_import(path: Path, meta: Path, *extra: str) -> int:
    return main(["import-indicator", str(path), "--meta", str(meta), *extra])


def test_good_import_harmonises_and_survives_build(etl_root, tmp_path, read_only, capsys):
    assert run_import(write_csv(tmp_path, GOOD_CSV), write_meta(tmp_path), "--by", "tester") == 0
    con = read_only(etl_root / "warehouse.duckdb")
    rows = {r[0]: r[1:] for r in con.execute(
        "SELECT nis_code || '-' || year, value, numerator, denominator, flag FROM indicator_value "
        "WHERE indicator_id = 'test_kansarmoede' AND nis_code IN ('46029', '11002', '21004')").fetchall()}
    # 2019 codes 44045 + 46014 -> 2025 Lokeren, recombined from counts: 130 / 1100, not (10 + 30) / 2.
    value, numerator, denominator, flag = rows["46029-2022"]
    assert (numerator, denominator, flag) == (130, 1100, "recomputed_2025")
    assert value == pytest.approx(130 / 1100 * 100)
    assert rows["11002-2022"][0] == pytest.approx(30 / 200 * 100)  # Antwerpen + Borsbeek
    assert rows["21004-2022"][3] == "original"
    assert rows["46029-2025"][3] == "original"
    meta = con.execute("SELECT origin, direction FROM indicator WHERE indicator_id = 'test_kansarmoede'").fetchone()
    assert meta == ("imported", "higher_is_worse")
    imported_by = con.execute("SELECT imported_by FROM indicator_import").fetchone()[0]
    assert imported_by == "tester"
    con.close()

    from etl.build import build
    from etl.config import load_settings
    record = etl_root / "imports" / "test_kansarmoede" / "prepared.json"
    prepared_at_import = json.loads(record.read_text(encoding="utf-8"))
    build(load_settings())
    con = read_only(etl_root / "warehouse.duckdb")
    n = con.execute("SELECT count(*) FROM indicator_value WHERE indicator_id = 'test_kansarmoede' "
                    "AND value IS NOT NULL").fetchone()[0]
    assert n == 4  # the 2025 municipalities of the file: 46029 (twice: 2022, 2025), 11002, 21004
    # Two Flemish municipalities (46029, 11002) say nothing about the region: left empty, saying why.
    flag, note = con.execute("SELECT flag, note FROM indicator_value WHERE indicator_id = 'test_kansarmoede' "
                             "AND nis_code = '02000' AND year = 2022").fetchone()
    assert flag == "missing" and note["method"] == "not_computed" and note["detail"] == "low_coverage"
    assert len(note["missing"]) == 283 and note["missing"][0] == "11001"  # 285 Flemish municipalities, 2 with a value
    assert con.execute("SELECT count(*) FROM source WHERE source_id = 'import-test_kansarmoede'").fetchone()[0] == 1
    # The build took the result verified at import time instead of validating the file again.
    assert json.loads(record.read_text(encoding="utf-8")) == prepared_at_import


def test_good_excel_with_metadata_sheet(etl_root, tmp_path, read_only):
    from openpyxl import Workbook
    wb = Workbook()
    ws = wb.active
    ws.title = "gegevens"
    ws.append(["nis_code", "year", "value"])
    ws.append(["21004", 2021, 3.5])
    ws.append(["11001", 2021, 1.25])
    meta = wb.create_sheet("metadata")
    for key, value in {**META, "indicator_id": "test_xlsx", "unit": "index", "kind": "statistic"}.items():
        meta.append([key, value])
    path = tmp_path / "indicator.xlsx"
    wb.save(path)
    assert main(["import-indicator", str(path)]) == 0
    con = read_only(etl_root / "warehouse.duckdb")
    assert con.execute("SELECT value FROM indicator_value WHERE indicator_id = 'test_xlsx' AND nis_code = '11001'"
                       ).fetchone()[0] == 1.25


def _xlsx(tmp_path, rows, name="bad.xlsx"):
    from openpyxl import Workbook
    wb = Workbook()
    ws = wb.active
    ws.title = "gegevens"
    for row in rows:
        ws.append(row)
    path = tmp_path / name
    wb.save(path)
    return path


BAD_CASES = {
    "unknown code": ("niscode;jaar;waarde\n99998;2022;1\n", "rij 2, kolom niscode: onbekende NIS-code 99998"),
    "walloon code": ("niscode;jaar;waarde\n62063;2022;1\n", "onbekende NIS-code 62063"),
    "text in number": ("niscode;jaar;waarde\n21004;2022;veel\n", "rij 2, kolom waarde: getal verwacht, gevonden 'veel'"),
    "bad year": ("niscode;jaar;waarde\n21004;twintig;1\n", "rij 2, kolom jaar: jaartal verwacht"),
    "missing column": ("niscode;waarde\n21004;1\n", "ontbrekende kolommen: ['year']; kolomkoppen gevonden: "
                       "['niscode', 'waarde']; verwacht (per rol): nis:"),
    "two value columns": ("niscode;jaar;waarde;%\n21004;2022;1;2\n", "de kolommen 'waarde' en '%' betekenen allebei value"),
    "duplicate": ("niscode;jaar;waarde\n21004;2022;1\n21004;2022;2\n", "dubbele rij voor 21004 in 2022"),
    "mixed vintages": ("niscode;jaar;waarde\n46030;2022;1\n46003;2022;2\n",
                       "rij 3, kolom niscode: jaar 2022 mengt codes van verschillende indelingen"),
    "negative count": ("niscode;jaar;waarde;teller;noemer\n21004;2022;1;-1;100\n", "kolom teller: numerator mag niet negatief"),
    "inconsistent rate": ("niscode;jaar;waarde;teller;noemer\n21004;2022;50;1;100\n", "past niet bij teller/noemer"),
    "rate without counts": ("niscode;jaar;waarde;teller;noemer\n44045;2022;10,0;100;1000\n46014;2022;30,0;;\n",
                            "rij 3, kolom teller: teller ontbreekt: een indicator van soort 'rate'"),
    "rate without denominator": ("niscode;jaar;waarde;teller;noemer\n44045;2022;10,0;100;\n",
                                 "rij 2, kolom noemer: noemer ontbreekt"),
    "ragged row": ("niscode;jaar;waarde\n21004;2022;1;5\n", "rij 2: 4 velden, verwacht 3"),
    "empty file": ("", "leeg bestand"),
}


@pytest.mark.parametrize("case", sorted(BAD_CASES))
def test_bad_csv_is_refused_with_cell_level_message(case, etl_root, tmp_path, capsys):
    text, expected = BAD_CASES[case]
    live = etl_root / "warehouse.duckdb"
    before = digest(live)
    assert run_import(write_csv(tmp_path, text), write_meta(tmp_path)) == 2
    err = capsys.readouterr().err
    assert expected in " ".join(err.split()), err
    assert "niets gewijzigd" in err
    assert digest(live) == before
    assert not (etl_root / "imports").exists() or not any((etl_root / "imports").iterdir())


def test_bad_metadata_lists_every_problem(etl_root, tmp_path, capsys):
    path = write_csv(tmp_path, "niscode;jaar;waarde\n21004;2022;1\n")
    assert run_import(path, write_meta(tmp_path, direction="lower", licence="")) == 2
    err = capsys.readouterr().err
    assert "direction moet higher_is_worse of higher_is_better zijn" in err
    assert "metadata 'licence' ontbreekt" in err


def test_builtin_indicator_cannot_be_overwritten(etl_root, tmp_path, capsys):
    path = write_csv(tmp_path, "niscode;jaar;waarde\n21004;2022;1\n")
    assert run_import(path, write_meta(tmp_path, indicator_id="arop_admin")) == 2
    assert "ingebouwde indicator" in capsys.readouterr().err


def test_excel_formula_and_fake_xlsx_are_refused(etl_root, tmp_path, capsys):
    before = digest(etl_root / "warehouse.duckdb")
    formula = _xlsx(tmp_path, [["nis_code", "year", "value"], ["21004", 2022, "=1+1"]])
    assert run_import(formula, write_meta(tmp_path)) == 2
    err = capsys.readouterr().err
    assert "blad gegevens, rij 2, kolom value: formule" in " ".join(err.split())
    fake = tmp_path / "fake.xlsx"
    fake.write_text("<html>not a workbook</html>")
    assert run_import(fake, write_meta(tmp_path)) == 2
    assert "geen geldig xlsx-bestand" in capsys.readouterr().err
    assert digest(etl_root / "warehouse.duckdb") == before


def test_import_without_warehouse_says_build_first(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("WAREHOUSE_PATH", str(tmp_path / "none.duckdb"))
    assert run_import(write_csv(tmp_path, GOOD_CSV), write_meta(tmp_path)) == 2
    assert "python -m etl build" in capsys.readouterr().err


def test_failed_swap_keeps_the_previous_import_and_warehouse(etl_root, tmp_path, monkeypatch, capsys):
    """Re-importing an indicator whose warehouse swap fails: the stored import is the old one again."""
    from etl import staged

    assert run_import(write_csv(tmp_path, GOOD_CSV), write_meta(tmp_path)) == 0
    live = etl_root / "warehouse.duckdb"
    stored = etl_root / "imports" / "test_kansarmoede"
    before, stored_before = digest(live), digest(stored / "data.csv")
    replace = staged.os.replace

    def failing_swap(src, dst):
        if Path(dst) == live:
            raise OSError(28, "No space left on device")
        return replace(src, dst)

    monkeypatch.setattr(staged.os, "replace", failing_swap)
    changed = GOOD_CSV.replace("21004;2022;25,5;51;200", "21004;2022;30,0;60;200")
    assert run_import(write_csv(tmp_path, changed, "nieuw.csv"), write_meta(tmp_path)) == 1
    assert digest(live) == before
    assert digest(stored / "data.csv") == stored_before
    assert sorted(p.name for p in (etl_root / "imports").iterdir()) == ["test_kansarmoede"]


def test_build_refuses_a_stored_import_named_like_a_builtin(etl_root, tmp_path):
    """An import made before a built-in indicator of the same name existed must not replace it silently."""
    from etl.build import build
    from etl.config import load_settings
    from etl.errors import EtlError

    assert run_import(write_csv(tmp_path, GOOD_CSV), write_meta(tmp_path)) == 0
    record_path = etl_root / "imports" / "test_kansarmoede" / "import.json"
    record = json.loads(record_path.read_text(encoding="utf-8"))
    record["metadata"]["indicator_id"] = "child_share"  # as if child_share had been added to the ETL later
    record_path.write_text(json.dumps(record), encoding="utf-8")
    before = digest(etl_root / "warehouse.duckdb")
    with pytest.raises(EtlError, match="'child_share' heeft nu de naam van een ingebouwde indicator"):
        build(load_settings())
    assert digest(etl_root / "warehouse.duckdb") == before


def test_display_metadata_is_derived_or_taken_from_the_metadata(etl_root, tmp_path, read_only):
    """unit is the Dutch unit; short_unit and decimals follow from it (or the kind) unless given."""
    assert run_import(write_csv(tmp_path, GOOD_CSV), write_meta(tmp_path)) == 0
    path = write_csv(tmp_path, "niscode;jaar;waarde\n21004;2022;1234,5\n11001;2022;2000\n", "euro.csv")
    assert main(["import-indicator", str(path), "--meta", str(write_meta(tmp_path, indicator_id="test_euro")),
                 "--unit", "euro", "--unit-en", "euro per child", "--decimals", "2", "--kind", "statistic"]) == 0
    con = read_only(etl_root / "warehouse.duckdb")
    rows = {r[0]: r[1:] for r in con.execute(
        "SELECT indicator_id, unit, unit_nl, unit_en, short_unit, decimals FROM indicator "
        "WHERE indicator_id IN ('test_kansarmoede', 'test_euro')").fetchall()}
    assert rows["test_kansarmoede"] == ("%", "%", None, "%", 1)  # `%`: short unit % and 1 decimal
    assert rows["test_euro"] == ("euro", "euro", "euro per child", "€", 2)  # euro -> €; decimals as given


@pytest.mark.parametrize("changes, expected", [
    ({"decimals": 9}, "decimals moet een geheel getal van 0 tot 6 zijn, niet 9"),
    ({"decimals": "1,5"}, "decimals moet een geheel getal van 0 tot 6 zijn, niet '1,5'"),
    ({"short_unit": "$"}, "short_unit moet % of € zijn (of leeg), niet '$'"),
])
def test_bad_display_metadata_is_refused(changes, expected, etl_root, tmp_path, capsys):
    before = digest(etl_root / "warehouse.duckdb")
    path = write_csv(tmp_path, "niscode;jaar;waarde\n21004;2022;1\n")
    assert run_import(path, write_meta(tmp_path, **changes)) == 2
    assert expected in capsys.readouterr().err
    assert digest(etl_root / "warehouse.duckdb") == before


# ---------------------------------------------------------------- headers (etl/sources/header_reader.py)

@pytest.mark.parametrize("header, columns", [
    ("niscode;jaar;waarde", ("niscode", "jaar", "waarde")),
    ("nis_code;year;value", ("nis_code", "year", "value")),
    ("CD_REFNIS;Periode;Procent", ("CD_REFNIS", "Periode", "Procent")),
    ("NIS-code;Jáar;%", ("NIS-code", "Jáar", "%")),
    ("Refnis;YEAR;Index", ("Refnis", "YEAR", "Index")),
    ("cd_munty_refnis;cd_year;Percentage", ("cd_munty_refnis", "cd_year", "Percentage")),
    ("Geoitem;Period;Waarde ", ("Geoitem", "Period", "Waarde")),
])
def test_headers_are_found_by_meaning(header, columns, tmp_path):
    """One alias table for every reader: case, accents and Dutch or English variants do not matter."""
    from etl.imports import _map_columns, read_table

    frame, _, _ = read_table(write_csv(tmp_path, f"{header}\n21004;2022;1\n"))
    found = _map_columns(frame, "indicator.csv", None)
    assert (found["nis_code"], found["year"], found["value"]) == columns


def test_title_rows_above_the_header_are_skipped(tmp_path):
    """A table as publishers save it: a title and a blank line above the header; rows keep their numbers."""
    from etl.imports import _map_columns, read_table

    text = "Kansarmoede-index (synthetisch)\n\ngemeente;NIS-code;Jaar;Teller;Noemer\nGent;44021;2022;5;50\n"
    frame, _, _ = read_table(write_csv(tmp_path, text))
    assert _map_columns(frame, "x", None) == {"nis_code": "NIS-code", "year": "Jaar", "numerator": "Teller",
                                              "denominator": "Noemer"}
    assert frame.index.tolist() == [4] and frame.at[4, "NIS-code"] == "44021"
    workbook = _xlsx(tmp_path, [["Titel van de tabel"], [], ["Code", "Periode", "Procent"], ["21004", 2022, 1.5]])
    frame, sheet, _ = read_table(workbook)
    assert sheet == "gegevens" and frame.index.tolist() == [4] and frame.at[4, "Procent"] == 1.5


def test_unknown_layout_is_refused_naming_file_sheet_headers_and_expected(tmp_path):
    from etl.imports import read_table
    from etl.sources.header_reader import LayoutNotRecognised

    workbook = _xlsx(tmp_path, [["Titel"], ["gemeente", "periode", "getal"], ["Gent", 2022, 1]], "vreemd.xlsx")
    with pytest.raises(LayoutNotRecognised) as info:
        read_table(workbook)
    message = info.value.describe()
    assert message.startswith("bestand vreemd.xlsx, blad gegevens: geen kop met NIS-code, jaar en waarde")
    assert "ontbrekende kolommen: ['nis', 'value']" in message
    assert "kolomkoppen gevonden: ['gemeente', 'periode', 'getal']" in message
    assert "verwacht (per rol): nis: nis, niscode" in message and "value: waarde, value, procent" in message


def test_values_of_a_rate_are_computed_from_its_counts(etl_root, tmp_path, read_only):
    """Without a value column a rate's values come from its numerator and denominator."""
    path = write_csv(tmp_path, "NIS-code;Jaar;Teller;Noemer\n21004;2022;51;200\n11001;2022;1;4\n")
    assert run_import(path, write_meta(tmp_path, indicator_id="test_counts")) == 0
    con = read_only(etl_root / "warehouse.duckdb")
    value = con.execute("SELECT value FROM indicator_value WHERE indicator_id = 'test_counts' AND nis_code = '11001'"
                        ).fetchone()[0]
    assert value == pytest.approx(25.0)


# ---------------------------------------------------------------- the verified result of an import

def test_a_changed_prepared_result_is_not_trusted(etl_root, tmp_path, read_only):
    """The result kept beside an import is used only while its checksum and key hold: an edited one is
    prepared again from the stored file, with the same values."""
    import duckdb

    from etl import imports

    assert run_import(write_csv(tmp_path, GOOD_CSV), write_meta(tmp_path)) == 0
    con = read_only(etl_root / "warehouse.duckdb")
    municipality = con.sql("SELECT * FROM municipality").df()
    crosswalk = con.sql("SELECT * FROM municipality_crosswalk").df()
    [item] = imports.stored_imports(etl_root / "imports")
    values, _ = imports.prepared(item, municipality, crosswalk)
    assert values.parquet is not None  # verified: taken as written at import time
    expected = con.execute("SELECT * FROM read_parquet(?) ORDER BY nis_code, year", [str(values.parquet)]).df()

    folder = item.data_path.parent
    parquet = folder / "prepared.parquet"
    edited = duckdb.connect()
    doubled = edited.execute("SELECT * REPLACE (value * 2 AS value) FROM read_parquet(?)", [str(parquet)]).df()
    edited.from_df(doubled).write_parquet(str(parquet))  # an edit after it was written
    edited.close()
    again, _ = imports.prepared(item, municipality, crosswalk)
    assert again.parquet is None and again.frame is not None  # not trusted: prepared again
    rebuilt = again.frame.sort_values(["nis_code", "year"], ignore_index=True)
    assert rebuilt["value"].tolist() == pytest.approx(expected["value"].tolist(), nan_ok=True)
    assert imports.prepared(item, municipality, crosswalk)[0].parquet is not None  # and kept, verified, again

    record = json.loads((folder / "import.json").read_text(encoding="utf-8"))
    record["metadata"]["scale"] = 1000.0  # other metadata: another key, so prepared again
    (folder / "import.json").write_text(json.dumps(record), encoding="utf-8")
    [item] = imports.stored_imports(etl_root / "imports")
    with pytest.raises(Exception, match="past niet bij teller/noemer x 1000"):
        imports.prepared(item, municipality, crosswalk)
