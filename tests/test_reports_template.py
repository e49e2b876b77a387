"""`python -m etl template`: the Dutch report workbook with its data validation, and the runtime rule."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook

from etl.cli import main
from etl.reports.contract import MAX_AMOUNT_EURO, MAX_COUNT, MAX_DATA_ROWS, PROJECT_SHEET, TABLE_SHEETS
from etl.reports.periods import FALLBACK_RUNTIME, Period, derive_runtimes, parse_period
from etl.reports.validate import validate_workbook

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "tests" / "fixtures" / "voorbeeld_rapportage_SYNTHETISCH.xlsx"


def test_runtime_rule_from_the_registers(runtimes):
    assert len(runtimes) == 48
    runtime = runtimes["lbn-001"]
    # First start 2023-12-01 (programme.period_start); last start year 2024 + at most 3 years.
    assert (runtime.start, runtime.end, runtime.known) == (date(2023, 12, 1), date(2027, 12, 31), True)
    assert runtime.covers(Period(2023)) and runtime.covers(Period(2023, 2)) and runtime.covers(Period(2027, 2))
    assert not runtime.covers(Period(2023, 1)) and not runtime.covers(Period(2028))


def test_runtime_unknown_falls_back_to_2023_2027():
    project = pd.DataFrame({"project_id": ["x-001"], "programme_id": ["zonder_feiten"]})
    programme = pd.DataFrame({"programme_id": ["zonder_feiten"], "period_start": [None]})
    facts = pd.DataFrame(columns=["programme_id", "fact", "value", "year"])
    runtime = derive_runtimes(project, programme, facts)["x-001"]
    assert runtime == FALLBACK_RUNTIME
    assert "looptijd onbekend: 2023-2027 aanvaard" in runtime.describe()


@pytest.mark.parametrize("text, label", [(2024, "2024"), ("2024", "2024"), ("2024-h1", "2024-H1"),
                                         (" 2024 - H2 ", "2024-H2"), (2024.0, "2024")])
def test_periods_parse(text, label):
    assert parse_period(text).label == label


@pytest.mark.parametrize("text", ["2024-H3", "H1 2024", "voorjaar", 2024.5, True, None, "24"])
def test_not_periods(text):
    assert parse_period(text) is None


def test_template_cli_prefills_project(tmp_path, capsys):
    out = tmp_path / "sjabloon.xlsx"
    assert main(["template", str(out), "--project", "lbn-007"]) == 0
    wb = load_workbook(out)
    assert wb.sheetnames == ["Instructies", "Project", "Budget", "Bereik", "Resultaten", "Lijsten"]
    assert wb["Lijsten"].sheet_state == "hidden"
    assert "Rapportage" in wb["Instructies"]["A1"].value
    assert wb["Project"]["B2"].value == "lbn-007"
    for sheet in TABLE_SHEETS:
        ws = wb[sheet.name]
        assert [c.value for c in ws[1]][:len(sheet.fields)] == [f.header for f in sheet.fields]
        assert ws.protection.sheet and ws["A1"].protection.locked and not ws["A2"].protection.locked
    assert [wb["Project"].cell(PROJECT_SHEET.row_of(f.key), 1).value for f in PROJECT_SHEET.fields] == \
        ["Project-id", "Rapportageperiode", "Contactpersoon", "Datum"]


def test_template_data_validation(tmp_path):
    out = tmp_path / "sjabloon.xlsx"
    assert main(["template", str(out)]) == 0
    wb = load_workbook(out)
    rules = {ws.title: {str(dv.sqref): dv for dv in ws.data_validations.dataValidation} for ws in wb}
    assert rules["Project"]["B2"].type == "list" and rules["Project"]["B2"].formula1 == "Lijsten!$A$2:$A$49"
    assert rules["Project"]["B3"].type == "list" and rules["Project"]["B5"].type == "date"
    assert [c.value for c in wb["Lijsten"]["A"]][1:4] == ["lbn-001", "lbn-002", "lbn-003"]
    periods = [c.value for c in wb["Lijsten"]["B"]][1:]
    assert periods[:3] == ["2023", "2023-H2", "2024"] and "2023-H1" not in periods  # runtime starts 2023-12-01
    budget = rules["Budget"]
    last = MAX_DATA_ROWS + 1  # the template covers exactly the rows the loader accepts
    assert (budget[f"A2:A{last}"].type, budget[f"A2:A{last}"].formula1, budget[f"A2:A{last}"].formula2) == \
        ("whole", "2023", "2027")
    assert (budget[f"D2:D{last}"].type, budget[f"D2:D{last}"].operator, budget[f"D2:D{last}"].formula1,
            budget[f"D2:D{last}"].formula2) == ("decimal", "between", "0", str(MAX_AMOUNT_EURO))
    assert rules["Bereik"][f"B2:B{last}"].type == "whole" and rules["Bereik"][f"A2:A{last}"].type == "list"
    assert rules["Bereik"][f"B2:B{last}"].formula2 == str(MAX_COUNT)
    assert rules["Resultaten"][f"H2:H{last}"].type == "decimal"
    assert rules["Resultaten"][f"D2:D{last}"].formula1 == "2000"  # baseline year: the loader's YEAR_MIN
    assert rules["Project"]["B5"].formula2 == "TODAY()"
    budget_sheet = wb["Budget"]
    assert not budget_sheet.cell(last, 1).protection.locked and budget_sheet.cell(last + 1, 1).protection.locked
    assert all(dv.showErrorMessage and dv.prompt for rule in rules.values() for dv in rule.values())


def test_template_refuses_unknown_project(tmp_path, capsys):
    assert main(["template", str(tmp_path / "x.xlsx"), "--project", "lbn-999"]) == 1
    assert "onbekend project 'lbn-999'" in capsys.readouterr().err


def test_empty_template_lists_what_to_fill_in(tmp_path, runtimes):
    out = tmp_path / "leeg.xlsx"
    main(["template", str(out)])
    messages = validate_workbook(out, projects=runtimes).describe()
    assert "bestand leeg.xlsx, blad Project, cel B2: verplichte cel is leeg: Project-id" in messages
    assert any("geen cijfers" in m for m in messages)


def test_synthetic_example_is_valid(runtimes):
    assert "SYNTHETISCH" in EXAMPLE.name
    report = validate_workbook(EXAMPLE, projects=runtimes)
    assert report.ok, report.describe()
    assert "SYNTHETISCH" in report.contact
