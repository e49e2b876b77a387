"""Issue 12, "nothing wrong gets in": inputs that used to be accepted as a plausible wrong number,
a sheet nobody sees or hostile text, each refused with a message (and the warehouse byte-identical)
or read as the file means it. Beside the report corpus (tests/test_reports_corpus.py), whose helpers
this module reuses.

Every indicator file and workbook here is SYNTHETIC: invented figures.
"""
from __future__ import annotations

import hashlib
import io
import json
import logging
import zipfile
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from etl.cli import main
from etl.errors import EtlErrors
from etl.imports import MAX_PROBLEMS_PER_KIND, validate_table
from etl.reports.validate import validate_workbook
from tests.fixtures.make_voorbeeld_rapportage import synthetic_workbook
from tests.test_reports_corpus import as_bytes, setter, zip_with

META = {"indicator_id": "test_weigering", "name_nl": "Testindicator (synthetisch)", "unit": "index",
        "definition_nl": "Synthetische testwaarden, geen echte cijfers.", "source": "testsuite",
        "licence": "CC0", "direction": "higher_is_worse", "kind": "statistic"}
NEXT_YEAR = date.today().year + 1


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# ================================================================ imports: files

def csv_file(text: str):
    def make(folder: Path) -> Path:
        path = folder / "indicator.csv"
        path.write_text(text, encoding="utf-8")
        return path
    return make


def xlsx_file(*sheets: tuple[str, list[list], str], link: tuple[str, str] | None = None):
    """sheets: (title, rows, state); link: (cell, target) given a hyperlink on the first sheet."""
    def make(folder: Path) -> Path:
        from openpyxl import Workbook

        wb = Workbook()
        wb.remove(wb.active)
        for title, rows, state in sheets:
            ws = wb.create_sheet(title)
            ws.sheet_state = state
            for row in rows:
                ws.append(row)
        if link:
            wb.worksheets[0][link[0]].hyperlink = link[1]
        path = folder / "indicator.xlsx"
        wb.save(path)
        return path
    return make


def with_external_link(make):
    def remake(folder: Path) -> Path:
        path = make(folder)
        source = zipfile.ZipFile(io.BytesIO(path.read_bytes()))
        members = {n: source.read(n) for n in source.namelist()}
        members["xl/externalLinks/externalLink1.xml"] = b"<externalLink/>"
        path.write_bytes(zip_with(members))
        return path
    return remake


def table(*rows: str) -> str:
    return "niscode;jaar;waarde\n" + "".join(f"{r}\n" for r in rows)


GOOD_ROWS = [["nis_code", "year", "value"], ["21004", 2022, 3.5]]

# (id, file maker, metadata changes, extra options, expected message fragment)
IMPORT_CORPUS = [
    ("decimal_point_beside_comma", csv_file(table("21004;2022;12.5", "11001;2022;1,5")), {}, [],
     "rij 2, kolom waarde: mengt een decimale komma ('1,5') en een decimaal punt ('12.5')"),
    ("every_value_ambiguous", csv_file(table("21004;2022;1,234", "11001;2022;12,345")), {}, [],
     "rij 2, kolom waarde: '1,234' kan 1234 zijn (',' tussen de duizendtallen) of een getal met decimalen"),
    ("three_decimals_ambiguous", csv_file(table("21004;2022;12.345")), {}, [],
     "'12.345' kan 12345 zijn ('.' tussen de duizendtallen)"),
    ("not_in_the_settled_notation", csv_file(table("21004;2022;12,5")), {}, ["--decimal", "."],
     "rij 2, kolom waarde: getal verwacht in de notatie met decimaal punt (1,234.5), gevonden '12,5'"),
    ("excel_text_cells_contradict", xlsx_file(("gegevens", [["nis_code", "year", "value"], ["21004", 2022, "12.5"],
                                                            ["11001", 2022, "1,5"]], "visible")), {}, [],
     "blad gegevens, rij 2, kolom value: mengt een decimale komma"),
    ("infinity", csv_file(table("21004;2022;inf")), {}, [], "rij 2, kolom waarde: geen eindig getal: 'inf'"),
    ("minus_infinity", csv_file(table("21004;2022;-inf")), {}, [], "rij 2, kolom waarde: geen eindig getal: '-inf'"),
    ("overflow", csv_file(table("21004;2022;1e999")), {}, [], "rij 2, kolom waarde: geen eindig getal: '1e999' is te groot"),
    ("not_a_number", csv_file(table("21004;2022;1", "11001;2022;NaN")), {}, [],
     "rij 3, kolom waarde: geen eindig getal: 'NaN'"),
    ("year_before_1990", csv_file(table("21004;2022;1", "11001;1985;2")), {}, [],
     f"rij 3, kolom jaar: jaartal 1985 buiten het plausibele bereik 1990-{NEXT_YEAR}"),
    ("year_after_next", csv_file(table(f"21004;{NEXT_YEAR + 1};1")), {}, [],
     f"rij 2, kolom jaar: jaartal {NEXT_YEAR + 1} buiten het plausibele bereik"),
    ("list_as_name", csv_file(table("21004;2022;1")), {"name_nl": ["a", "b"]}, [],
     "metadata 'name_nl' moet tekst zijn, niet een lijst"),
    ("object_as_unit", csv_file(table("21004;2022;1")), {"unit": {"nl": "%"}}, [],
     "metadata 'unit' moet tekst zijn, niet een object"),
    ("boolean_as_bound", csv_file(table("21004;2022;1")), {"value_max": True}, [],
     "metadata 'value_max' moet een getal zijn, niet waar/onwaar"),
    ("huge_name", csv_file(table("21004;2022;1")), {"name_nl": "x" * 100_000}, [],
     "metadata 'name_nl' is te lang: 100.000 tekens, hoogstens 200"),
    ("long_unit", csv_file(table("21004;2022;1")), {"unit": "u" * 41}, [],
     "metadata 'unit' is te lang: 41 tekens, hoogstens 40"),
    ("line_break_in_name", csv_file(table("21004;2022;1")), {"name_nl": "twee\nregels"}, [],
     "metadata 'name_nl' bevat stuurtekens"),
    ("script_as_source_url", csv_file(table("21004;2022;1")), {"source_url": "javascript:alert(1)"}, [],
     "source_url moet een http(s)-adres zijn, niet 'javascript:alert(1)'"),
    ("same_column_twice", csv_file("niscode;jaar;waarde;waarde\n21004;2022;1;2\n"), {}, [],
     "rij 1: kolomkop 'waarde' staat er meer dan eens"),
    ("two_sheets_one_name", xlsx_file(("gegevens", GOOD_ROWS, "visible"), ("Gegevens ", GOOD_ROWS, "hidden")), {}, [],
     "de bladen 'gegevens', 'Gegevens ' hebben dezelfde naam"),
    ("hidden_metadata_sheet", xlsx_file(("gegevens", GOOD_ROWS, "visible"), ("metadata", [["unit", "%"]], "hidden")),
     {}, [], "blad metadata: blad is verborgen"),
    ("hidden_sheet_asked_for", xlsx_file(("gegevens", GOOD_ROWS, "visible"), ("oud", GOOD_ROWS, "hidden")), {},
     ["--sheet", "OUD"], "blad oud: blad is verborgen"),
    ("only_hidden_data", xlsx_file(("verborgen", GOOD_ROWS, "hidden"), ("metadata", [["unit", "%"]], "visible")),
     {}, [], "geen zichtbaar blad met gegevens"),
    ("cell_hyperlink", xlsx_file(("gegevens", GOOD_ROWS, "visible"), link=("A2", "file:///etc/passwd")), {}, [],
     "de werkmap bevat hyperlinks"),
    ("external_link", with_external_link(xlsx_file(("gegevens", GOOD_ROWS, "visible"))), {}, [],
     "de werkmap verwijst naar een andere werkmap (xl/externalLinks/externalLink1.xml)"),
    ("many_unknown_codes", csv_file(table(*(f"9{i:04d};2022;1" for i in range(MAX_PROBLEMS_PER_KIND + 7)))), {}, [],
     "en nog 7 rijen met hetzelfde probleem (onbekende NIS-code)"),
]


def test_import_corpus_is_distinct():
    assert len({c[0] for c in IMPORT_CORPUS}) == len(IMPORT_CORPUS)
    assert len({c[4] for c in IMPORT_CORPUS}) == len(IMPORT_CORPUS)


def test_every_bad_import_refused_by_cli_and_warehouse_unchanged(etl_root, tmp_path, capsys):
    """One warehouse for the whole corpus: after each refusal it is byte-identical, nothing stored."""
    live = etl_root / "warehouse.duckdb"
    before = digest(live)
    for case_id, make, changes, options, expected in IMPORT_CORPUS:
        folder = tmp_path / case_id
        folder.mkdir()
        meta = folder / "meta.json"
        meta.write_text(json.dumps({**META, **changes}), encoding="utf-8")
        assert main(["import-indicator", str(make(folder)), "--meta", str(meta), *options]) == 2, case_id
        err = " ".join(capsys.readouterr().err.split())
        assert "Import geweigerd" in err and "niets gewijzigd" in err, (case_id, err)
        assert expected in err, (case_id, err)
        assert len(err) < 20_000, case_id  # problems are capped, quoted values shortened
        assert digest(live) == before, case_id
        assert not (etl_root / "imports").exists() or not any((etl_root / "imports").iterdir()), case_id


# ================================================================ imports: values read as meant

MUNICIPALITY = pd.DataFrame({"vintage": [2018, 2019, 2025, 2018, 2019, 2025],
                             "nis_code": ["21004", "21004", "21004", "11001", "11001", "11001"]})


def read_values(rows: list[list], decimal: str | None = None) -> list[float]:
    frame = pd.DataFrame(rows[1:], columns=rows[0], index=range(2, len(rows) + 1), dtype=object)
    long = validate_table(frame, dict(META), "f.csv", None, MUNICIPALITY, pd.DataFrame(), decimal)
    return long["value"].tolist()


@pytest.mark.parametrize("cells, decimal, expected", [
    (["0.567", "12.5"], None, [0.567, 12.5]),          # was 567: a decimal point before three digits
    (["12.345", "12.5"], None, [12.345, 12.5]),        # was 12345: the column writes a decimal point
    (["1,234", "1,5"], None, [1.234, 1.5]),            # the column writes a decimal comma
    (["1.234,5", "12"], None, [1234.5, 12.0]),         # Belgian thousands and decimals
    (["1,234.5", "12"], None, [1234.5, 12.0]),         # international thousands and decimals
    (["1,234", "12,345"], ",", [1.234, 12.345]),       # ambiguous, settled by --decimal ,
    (["1,234", "12,345"], ".", [1234.0, 12345.0]),     # ambiguous, settled by --decimal .
    (["0,567", "1 234,5"], None, [0.567, 1234.5]),     # a space between thousands
    ([0.567, 12.345], None, [0.567, 12.345]),          # numbers a workbook stores stay those numbers
])
def test_numbers_read_in_the_notation_of_their_column(cells, decimal, expected):
    rows = [["niscode", "jaar", "waarde"], ["21004", "2022", cells[0]], ["11001", "2022", cells[1]]]
    assert read_values(rows, decimal) == pytest.approx(expected)


def test_problems_are_capped_per_kind_with_a_count_of_the_rest():
    rows = [["niscode", "jaar", "waarde"]] + [[f"9{i:04d}", "1800", "veel"] for i in range(5000)]
    with pytest.raises(EtlErrors) as refused:
        read_values(rows)
    messages = [e.describe() for e in refused.value.errors]
    assert len(messages) == 3 * (MAX_PROBLEMS_PER_KIND + 1)  # codes, years, numbers: 20 each and a count
    assert "bestand f.csv: en nog 4.980 rijen met hetzelfde probleem (geen getal)" in messages


def test_settled_notation_is_kept_for_later_builds(etl_root, tmp_path):
    path = tmp_path / "komma.csv"
    path.write_text(table("21004;2022;1,234", "11001;2022;12,345"), encoding="utf-8")
    meta = tmp_path / "meta.json"
    meta.write_text(json.dumps(META), encoding="utf-8")
    assert main(["import-indicator", str(path), "--meta", str(meta), "--decimal", ","]) == 0
    record = json.loads((etl_root / "imports" / "test_weigering" / "import.json").read_text(encoding="utf-8"))
    assert record["decimal"] == ","

    # What `etl build` does with each stored import, into a copy of the warehouse.
    import shutil

    import duckdb

    from etl.imports import apply, stored_imports
    copy = tmp_path / "kopie.duckdb"
    shutil.copyfile(etl_root / "warehouse.duckdb", copy)
    con = duckdb.connect(str(copy))
    try:
        municipality = con.sql("SELECT * FROM municipality").df()
        crosswalk = con.sql("SELECT * FROM municipality_crosswalk").df()
        (item,) = stored_imports(etl_root / "imports")
        apply(con, item, municipality, crosswalk)
        values = dict(con.execute("SELECT nis_code, value FROM indicator_value WHERE indicator_id = 'test_weigering' "
                                  "AND nis_code IN ('21004', '11001')").fetchall())
    finally:
        con.close()
    assert values == pytest.approx({"21004": 1.234, "11001": 12.345})


# ================================================================ report workbooks

def number_format(ref: str, fmt: str, value=None):
    def mutate(wb):
        sheet, cell = ref.split("__")
        if value is not None:
            wb[sheet][cell] = value
        wb[sheet][cell].number_format = fmt
        return wb
    return mutate


def hidden_duplicate(name: str, copy_name: str):
    def mutate(wb):
        wb.copy_worksheet(wb[name]).title = copy_name
        wb[copy_name].sheet_state = "hidden"
        return wb
    return mutate


def hide_sheet(name: str):
    def mutate(wb):
        wb[name].sheet_state = "hidden"
        return wb
    return mutate


def hyperlink(ref: str, target: str):
    def mutate(wb):
        sheet, cell = ref.split("__")
        wb[sheet][cell].hyperlink = target
        return wb
    return mutate


def external_link(wb) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(as_bytes(wb)))
    members = {n: source.read(n) for n in source.namelist()}
    members["xl/externalLinks/externalLink1.xml"] = b"<externalLink/>"
    return zip_with(members)


REPORT_CORPUS = [
    ("percent_formatted_amount", number_format("Budget__B2", "0%", 0.5),
     "blad Budget, cel B2: cel opgemaakt als percentage (50 %) waar een bedrag in euro"),
    ("percent_formatted_count", number_format("Bereik__B2", "0.0%", 0.12),
     "blad Bereik, cel B2: cel opgemaakt als percentage (12 %)"),
    ("percent_formatted_actual_of_a_count", number_format("Resultaten__H2", "0%", 0.45),
     "blad Resultaten, cel H2: Gerealiseerd is opgemaakt als percentage, maar de eenheid is 'aantal'"),
    ("paid_far_above_granted", setter(Budget__C3=600000),
     "blad Budget, cel C3: uitbetaald (600.000,00 euro) is hoger dan toegekend (60.000,00 euro)"),
    ("target_year_before_baseline", setter(Resultaten__F4=2022),
     "blad Resultaten, cel F4: streefjaar 2022 ligt voor het basisjaar 2023"),
    ("two_sheets_one_name", hidden_duplicate("Budget", "budget "),
     "blad Budget: 2 bladen met deze naam ('Budget', 'budget '"),
    ("hidden_required_sheet", hide_sheet("Bereik"), "blad Bereik: blad is verborgen"),
    ("file_hyperlink", hyperlink("Resultaten__A2", "file:///etc/passwd"),
     "blad Resultaten, cel A2: hyperlink naar 'file:///etc/passwd'"),
    ("script_hyperlink", hyperlink("Project__B4", "javascript:alert(1)"),
     "blad Project, cel B4: hyperlink naar 'javascript:alert(1)'"),
    ("external_link", external_link, "de werkmap is gekoppeld aan een andere werkmap (xl/externalLinks/externalLink1.xml)"),
    ("long_unit", setter(Resultaten__B4="eenheid" * 6), "blad Resultaten, cel B4: tekst te lang (42 tekens, hoogstens 40)"),
    ("huge_outcome_name", setter(Resultaten__A4="x" * 32_767),  # the most an Excel cell holds
     "blad Resultaten, cel A4: tekst te lang (32767 tekens, hoogstens 200)"),
]


def report_bytes(runtimes, mutate) -> bytes:
    result = mutate(synthetic_workbook(runtimes))
    return result if isinstance(result, bytes) else as_bytes(result)


def test_report_corpus_is_distinct():
    assert len({c[0] for c in REPORT_CORPUS}) == len(REPORT_CORPUS)
    assert len({c[2] for c in REPORT_CORPUS}) == len(REPORT_CORPUS)


@pytest.mark.parametrize("case_id, mutate, expected", REPORT_CORPUS, ids=[c[0] for c in REPORT_CORPUS])
def test_bad_report_refused_by_library_call(runtimes, case_id, mutate, expected):
    report = validate_workbook(report_bytes(runtimes, mutate), projects=runtimes, file_name=f"{case_id}.xlsx")
    assert not report.ok
    messages = report.describe()
    assert any(expected in m for m in messages), messages
    assert report.budget is None


def test_every_bad_report_refused_by_cli_and_warehouse_unchanged(etl_root, runtimes, tmp_path, capsys):
    warehouse = etl_root / "warehouse.duckdb"
    before = digest(warehouse)
    for case_id, mutate, expected in REPORT_CORPUS:
        path = tmp_path / f"{case_id}.xlsx"
        path.write_bytes(report_bytes(runtimes, mutate))
        assert main(["load-report", str(path), "--by", "tester"]) == 2, case_id
        err = capsys.readouterr().err
        assert "Geweigerd" in err and expected in err, (case_id, err)
        assert digest(warehouse) == before, case_id
        assert not (etl_root / "reports" / "ledger.jsonl").exists(), case_id


def test_percent_formatted_percentage_is_read_as_typed(runtimes):
    """10 % typed in a percentage cell is kept by Excel as 0.1: read as 10, never as 0.1 %."""
    mutate = number_format("Resultaten__H4", "0.0%", 0.255)
    report = validate_workbook(report_bytes(runtimes, mutate), projects=runtimes, file_name="procent.xlsx")
    assert report.ok, report.describe()
    actual = report.outcome.set_index("period").loc["2024", "actual"]
    assert actual == 25.5


# ================================================================ leftovers of a killed run

def test_leftovers_of_a_killed_run_are_removed_by_the_next_and_said(tmp_path, caplog):
    import duckdb

    from etl.staged import staged_warehouse

    live = tmp_path / "warehouse.duckdb"
    duckdb.connect(str(live)).close()
    leftovers = [tmp_path / "warehouse.duckdb.99999.build.tmp", tmp_path / "warehouse.duckdb.99999.build.tmp.wal",
                 tmp_path / "imports" / ".ind.99998.import.tmp"]
    others = [tmp_path / "imports" / ".ind.extra.99998.import.tmp", tmp_path / "imports" / ".ind.99998.import.previous",
              tmp_path / "notes.tmp"]
    for path in leftovers + others:
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(b"half")
    with caplog.at_level(logging.WARNING, logger="etl.staged"), \
            staged_warehouse(live, "import", copy_live=True) as staged:
        staged.stage(tmp_path / "imports" / "ind").write_text("nieuw")
    assert not any(p.exists() for p in leftovers)
    assert all(p.exists() for p in others)  # another target's part, a kept previous version, not ours
    said = caplog.text
    assert all(str(p) in said for p in leftovers) and "overblijfsel" in said


def test_cli_says_it_removed_a_leftover(etl_root, tmp_path, capsys):
    leftover = etl_root / "warehouse.duckdb.99999.import.tmp"
    leftover.write_bytes(b"\x00" * 10)
    path = tmp_path / "goed.csv"
    path.write_text(table("21004;2022;1"), encoding="utf-8")
    meta = tmp_path / "meta.json"
    meta.write_text(json.dumps(META), encoding="utf-8")
    assert main(["import-indicator", str(path), "--meta", str(meta)]) == 0
    assert not leftover.exists()
    err = " ".join(capsys.readouterr().err.split())
    assert "overblijfsel van een onderbroken schrijfbeurt verwijderd" in err and "99999.import.tmp" in err


# ================================================================ hostile text on the pages

HOSTILE_LINK = '<a href="javascript:alert(1)">klik (SYNTHETISCH)</a>'
HOSTILE_SPAN = '<span style="font-size:400px">groot (SYNTHETISCH)</span>'


def _figures(component):
    """Every figure inside a layout, depth first."""
    figure = getattr(component, "figure", None)
    if figure is not None:
        yield figure
    children = component if isinstance(component, (list, tuple)) else getattr(component, "children", None)
    if isinstance(children, (list, tuple)):
        for child in children:
            yield from _figures(child)
    elif children is not None and hasattr(children, "to_plotly_json"):
        yield from _figures(children)


def test_hostile_outcome_names_stay_text_on_the_project_page(app, etl_root, runtimes, tmp_path):
    """An outcome named like a link or a styled span is loaded (it is text within the limits) and
    shown as text: in every chart of the project page it arrives escaped, never as markup."""
    from etl.config import load_settings
    from etl.reports.load import load_reports
    from tests.dash_pages import as_text, page

    wb = synthetic_workbook(runtimes)
    wb["Resultaten"]["A2"] = wb["Resultaten"]["A3"] = HOSTILE_LINK
    wb["Resultaten"]["A4"] = HOSTILE_SPAN
    path = tmp_path / "vijandig.xlsx"
    wb.save(path)
    load_reports([path], load_settings(), user="tester", channel="cli")

    layout = page("/project").layout(id="lbn-001", lang="nl")
    figures = list(_figures(layout))
    assert figures
    shown = as_text(figures)
    assert "&lt;a href=" in shown and "&lt;span style=" in shown  # the names are there, as text
    assert "<a href" not in shown and "<span style" not in shown
