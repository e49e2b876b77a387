"""The bad-workbook corpus: each defect is refused with a precise Dutch message (sheet and cell),
by the library call and by `python -m etl load-report` (exit 2, warehouse byte-identical, nothing
archived).

Every workbook here is SYNTHETIC: the template filled with invented figures
(tests/fixtures/make_voorbeeld_rapportage.py), then broken in one way.
"""
from __future__ import annotations

import hashlib
import io
import zipfile
from collections.abc import Mapping
from datetime import datetime
from pathlib import Path
from types import MappingProxyType

import pytest

from etl.cli import main
from etl.reports.contract import MAX_DATA_ROWS
from etl.reports.validate import validate_workbook
from tests.fixtures.make_voorbeeld_rapportage import synthetic_workbook

MAX_BYTES = 2_000_000


def as_bytes(wb) -> bytes:
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def setter(**cells):
    """A mutation that writes values: setter(Budget__D3='veel')."""
    def mutate(wb):
        for ref, value in cells.items():
            sheet, cell = ref.split("__")
            wb[sheet][cell] = value
        return wb
    return mutate


def delete_sheet(name):
    def mutate(wb):
        del wb[name]
        return wb
    return mutate


def rename_sheet(old, new):
    def mutate(wb):
        wb[old].title = new
        return wb
    return mutate


def clear_tables(wb):
    for name in ("Budget", "Bereik", "Resultaten"):
        for row in wb[name].iter_rows(min_row=2):
            for cell in row:
                cell.value = None
    return wb


def zip_with(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def with_macros(wb) -> bytes:
    data = as_bytes(wb)
    source = zipfile.ZipFile(io.BytesIO(data))
    members = {n: source.read(n) for n in source.namelist()}
    members["xl/vbaProject.bin"] = b"\x00" * 64
    return zip_with(members)


def macro_enabled_content_type(wb) -> bytes:
    """An .xlsm renamed .xlsx: no VBA part, but the workbook declares itself macro-enabled."""
    data = as_bytes(wb)
    source = zipfile.ZipFile(io.BytesIO(data))
    members = {n: source.read(n) for n in source.namelist()}
    members["[Content_Types].xml"] = members["[Content_Types].xml"].replace(
        b"spreadsheetml.sheet.main+xml", b"ms-excel.sheet.macroEnabled.main+xml")
    return zip_with(members)


def merge(sheet, cells):
    def mutate(wb):
        wb[sheet].merge_cells(cells)
        return wb
    return mutate


def hide_row(sheet, row):
    def mutate(wb):
        wb[sheet].row_dimensions[row].hidden = True
        return wb
    return mutate


def hide_column(sheet, letter):
    def mutate(wb):
        wb[sheet].column_dimensions[letter].hidden = True
        return wb
    return mutate


def many_budget_rows(wb):
    """One row more than the loader takes (the template's validated rows, then one below)."""
    for row in range(2, MAX_DATA_ROWS + 3):
        wb["Budget"].cell(row, 1).value = 2024
        wb["Budget"].cell(row, 2).value = 1000
    return wb


def upper_case_duplicate_outcome(wb):
    """The same indicator and period as row 2, typed in capitals: one figure twice."""
    ws = wb["Resultaten"]
    ws["A3"] = ws["A2"].value.upper()
    ws["G3"] = ws["G2"].value
    return wb


# (id, mutation of the good synthetic workbook -> Workbook or raw bytes, expected message fragment)
CORPUS = [
    ("unknown_project", setter(Project__B2="lbn-999"), "blad Project, cel B2: onbekend project 'lbn-999'"),
    ("period_before_runtime", setter(Project__B3="2022"),
     "blad Project, cel B3: periode 2022 valt buiten de looptijd van lbn-001"),
    ("half_year_before_start", setter(Project__B3="2023-H1"), "cel B3: periode 2023-H1 valt buiten de looptijd"),
    ("budget_year_after_runtime", setter(Budget__A3=2028), "blad Budget, cel A3: 2028 valt buiten de looptijd"),
    ("text_in_number_cell", setter(Budget__D3="veel"), "blad Budget, cel D3: getal verwacht, gevonden 'veel'"),
    ("number_stored_as_text", setter(Bereik__B2="120"),
     "blad Bereik, cel B2: geheel getal verwacht, gevonden tekst '120' (als tekst opgeslagen"),
    ("boolean_in_number_cell", setter(Bereik__C2=True), "blad Bereik, cel C2: geheel getal verwacht, gevonden 'True'"),
    ("negative_amount", setter(Budget__C2=-5), "blad Budget, cel C2: negatief bedrag (-5) niet toegelaten"),
    ("negative_count", setter(Bereik__F3=-1), "blad Bereik, cel F3: negatief aantal (-1) niet toegelaten"),
    ("fractional_count", setter(Bereik__D2=4.5), "blad Bereik, cel D2: geheel getal verwacht, gevonden 4.5"),
    ("spent_above_granted", setter(Budget__D3=70000),
     "blad Budget, cel D3: uitgegeven (70.000,00 euro) is hoger dan toegekend (60.000,00 euro)"),
    ("required_project_cell_empty", setter(Project__B4=None), "blad Project, cel B4: verplichte cel is leeg: Contactpersoon"),
    ("required_table_cell_empty", setter(Budget__B2=None), "blad Budget, cel B2: verplichte cel is leeg: Toegekend (euro)"),
    ("actual_missing", setter(Resultaten__H4=None), "blad Resultaten, cel H4: verplichte cel is leeg: Gerealiseerd"),
    ("duplicate_reach_period", setter(Bereik__A3="2024-H1"), "blad Bereik, cel A3: dubbele rij: 2024-H1 staat al op rij 2"),
    ("duplicate_budget_year", setter(Budget__A3=2023), "blad Budget, cel A3: dubbele rij: 2023 staat al op rij 2"),
    ("duplicate_outcome", setter(Resultaten__G3="2024-H1"), "blad Resultaten, cel G3: dubbele rij"),
    ("missing_sheet", delete_sheet("Bereik"), "blad Bereik: blad ontbreekt"),
    ("renamed_sheet", rename_sheet("Budget", "Budget 2024"), "blad Budget 2024: onbekend blad"),
    ("wrong_header", setter(Budget__D1="Besteed"),
     "blad Budget, cel D1: kolomkop 'Uitgegeven (euro)' verwacht, gevonden 'Besteed'"),
    ("moved_project_label", setter(Project__A3="Periode"), "blad Project, cel A3: label 'Rapportageperiode' verwacht"),
    ("formula_in_amount", setter(Budget__B2="=50000+10000"),
     "blad Budget, cel B2: formule '=50000+10000' waar een waarde verwacht wordt"),
    ("formula_in_text", setter(Resultaten__A2='=HYPERLINK("http://x","y")'), "blad Resultaten, cel A2: formule"),
    ("bad_period_text", setter(Bereik__A2="voorjaar 2024"), "blad Bereik, cel A2: periode verwacht, gevonden 'voorjaar 2024'"),
    ("period_after_reporting_period", setter(Bereik__A3="2025-H1"),
     "blad Bereik, cel A3: 2025-H1 ligt na de rapportageperiode 2024"),
    ("baseline_without_year", setter(Resultaten__D4=None), "blad Resultaten, cel D4: Basisjaar ontbreekt"),
    ("unit_differs_for_indicator", setter(Resultaten__B3="%"), "blad Resultaten, cel B3: Eenheid '%' verschilt van rij 2"),
    ("age_bands_above_children", setter(Bereik__G2=100), "blad Bereik, cel G2: de leeftijdsgroepen tellen op tot 210"),
    ("date_in_future", setter(Project__B5=datetime(2099, 1, 1)), "blad Project, cel B5: datum 01-01-2099 ligt in de toekomst"),
    ("date_as_words", setter(Project__B5="gisteren"), "blad Project, cel B5: datum verwacht, gevonden 'gisteren'"),
    ("no_figures_at_all", clear_tables, "geen cijfers: de bladen Budget, Bereik en Resultaten zijn leeg"),
    ("empty_file", lambda wb: b"", "leeg bestand (0 bytes)"),
    ("csv_not_xlsx", lambda wb: b"jaar;toegekend\n2024;60000\n", "geen xlsx-bestand (gevonden: tekst"),
    ("pdf_not_xlsx", lambda wb: b"%PDF-1.7\n...", "geen xlsx-bestand (gevonden: een PDF)"),
    ("old_xls", lambda wb: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "oud Excel-formaat (.xls)"),
    ("zip_without_workbook", lambda wb: zip_with({"readme.txt": b"hallo"}), "een zip-archief zonder Excel-werkmap"),
    ("truncated_xlsx", lambda wb: as_bytes(wb)[:5000], "geen geldig xlsx-bestand: beschadigd zip-archief"),
    ("zip_bomb", lambda wb: zip_with({"[Content_Types].xml": b"<x/>", "xl/workbook.xml": b"<x/>",
                                      "xl/worksheets/sheet1.xml": b" " * (30 * MAX_BYTES)}),
     "werkmap te groot na uitpakken"),
    ("macros", with_macros, "de werkmap bevat macro's (xl/vbaProject.bin)"),
    ("macro_content_type", macro_enabled_content_type, "de werkmap bevat macro's (een inhoudstype voor macro's"),
    ("merged_cells", merge("Budget", "B2:C2"), "blad Budget, cel B2:C2: samengevoegde cellen B2:C2"),
    ("value_beside_columns", setter(Budget__G2=5), "blad Budget, cel G2: waarde buiten de kolommen van het sjabloon"),
    ("hidden_row_with_data", hide_row("Budget", 3), "blad Budget, cel A3: rij 3 is verborgen maar bevat gegevens"),
    ("hidden_column_with_data", hide_column("Bereik", "C"), "blad Bereik, cel C2: kolom C is verborgen"),
    ("lone_value_in_last_row", setter(Budget__A1048576=2024),
     "blad Budget, cel B1048576: verplichte cel is leeg: Toegekend (euro)"),
    ("too_many_rows", many_budget_rows, f"blad Budget, cel A{MAX_DATA_ROWS + 2}: te veel rijen: hoogstens {MAX_DATA_ROWS}"),
    ("duplicate_outcome_other_case", upper_case_duplicate_outcome,
     "blad Resultaten, cel G3: dubbele rij: KINDEREN MET EEN VASTE VRIJETIJDSACTIVITEIT"),
    ("implausible_amount", setter(Budget__B2=1e300), "blad Budget, cel B2: onwaarschijnlijk groot getal (1e+300)"),
    ("implausible_count", setter(Bereik__C2=2_500_000),
     "blad Bereik, cel C2: onwaarschijnlijk groot getal (2.500.000); hoogstens 1.000.000"),
    ("baseline_year_too_early", setter(Resultaten__D2=1995),
     "blad Resultaten, cel D2: jaartal tussen 2000 en 2100 verwacht, gevonden 1995"),
    ("report_date_before_programme", setter(Project__B5=datetime(2019, 5, 1)),
     "blad Project, cel B5: datum 01-05-2019 ligt voor 01-01-2023"),
    ("too_large", lambda wb: b"PK\x03\x04" + b"\x00" * (MAX_BYTES + 1), "bestand te groot: 2.000.005 bytes"),
]


def corpus_bytes(runtimes, mutate) -> bytes:
    result = mutate(synthetic_workbook(runtimes))
    return result if isinstance(result, bytes) else as_bytes(result)


@pytest.fixture(scope="session")
def corpus(runtimes) -> Mapping[str, bytes]:
    """Each bad workbook made once per session, for the library and the CLI tests alike (read-only)."""
    return MappingProxyType({case_id: corpus_bytes(runtimes, mutate) for case_id, mutate, _ in CORPUS})


def test_corpus_is_large_and_distinct():
    assert len(CORPUS) >= 20
    assert len({c[0] for c in CORPUS}) == len(CORPUS)
    assert len({c[2] for c in CORPUS}) == len(CORPUS)


def test_good_synthetic_workbook_is_valid(runtimes):
    report = validate_workbook(as_bytes(synthetic_workbook(runtimes)), projects=runtimes, file_name="goed.xlsx")
    assert report.ok, report.describe()
    assert (report.project_id, report.period) == ("lbn-001", "2024")
    assert len(report.budget) == 2 and len(report.outcome) == 3
    assert set(report.reach["measure"]) >= {"children_reached", "volunteers", "children_6_11"}


@pytest.mark.parametrize("case_id, mutate, expected", CORPUS, ids=[c[0] for c in CORPUS])
def test_bad_workbook_refused_by_library_call(runtimes, corpus, case_id, mutate, expected):
    report = validate_workbook(corpus[case_id], projects=runtimes, max_bytes=MAX_BYTES,
                               file_name=f"{case_id}.xlsx")
    assert not report.ok
    messages = report.describe()
    assert any(expected in m for m in messages), messages
    assert all(m.startswith(f"bestand {case_id}.xlsx") for m in messages)
    assert all(p.expected for p in report.problems)  # every problem says what was expected
    assert report.budget is None  # nothing parsed for loading


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_every_bad_workbook_refused_by_cli_and_warehouse_unchanged(etl_root, corpus, tmp_path, capsys):
    """One warehouse for the whole corpus: after each refusal it is byte-identical, nothing archived."""
    warehouse = etl_root / "warehouse.duckdb"
    before = digest(warehouse)
    for case_id, _, expected in CORPUS:
        path = tmp_path / f"{case_id}.xlsx"
        path.write_bytes(corpus[case_id])
        assert main(["load-report", str(path), "--by", "tester"]) == 2, case_id
        err = capsys.readouterr().err
        assert "Geweigerd" in err and "niets geladen" in err, case_id
        assert expected in err, (case_id, err)
        assert digest(warehouse) == before, case_id
        assert not (etl_root / "reports" / "ledger.jsonl").exists(), case_id
        assert not list((etl_root / "reports").glob("files/*")), case_id
    assert not list(etl_root.glob("*.tmp"))


def test_all_problems_reported_in_one_go(runtimes):
    wb = synthetic_workbook(runtimes)
    setter(Project__B2="lbn-999", Budget__D3="veel", Bereik__C2=-3, Resultaten__B2="=1+1")(wb)
    messages = validate_workbook(as_bytes(wb), projects=runtimes, file_name="vier.xlsx").describe()
    for fragment in ("blad Project, cel B2", "blad Budget, cel D3", "blad Bereik, cel C2", "blad Resultaten, cel B2"):
        assert any(fragment in m for m in messages), (fragment, messages)


def test_batch_with_one_bad_file_loads_nothing(etl_root, runtimes, corpus, tmp_path):
    good, bad = tmp_path / "goed.xlsx", tmp_path / "fout.xlsx"
    good.write_bytes(as_bytes(synthetic_workbook(runtimes)))
    bad.write_bytes(corpus["text_in_number_cell"])
    before = digest(etl_root / "warehouse.duckdb")
    assert main(["load-report", str(good), str(bad)]) == 2
    assert digest(etl_root / "warehouse.duckdb") == before
