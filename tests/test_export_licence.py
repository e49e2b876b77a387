"""Every export states the licence of what it shows in its provenance lines, in the CSV as in the
Excel file (issue 14, "source, licence, build, filters in force, split rule"); review 9 #6 found the
action plan's files (the found actions and each chart's figures, nl and en) without one."""
from __future__ import annotations

import csv
import io

import pytest
from openpyxl import load_workbook

from dashboard.ui import downloads

LICENCE = {"nl": "Licentie: Feiten uit openbare documenten", "en": "Licence: Facts from public documents"}


def _csv_provenance(content: bytes, lang: str) -> list[str]:
    """The lines of a CSV before its table (the first empty line)."""
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=downloads.CSV_NOTATION[lang][0]))
    return [row[0] for row in rows[:rows.index([])]]


def _xlsx_provenance(content: bytes) -> list[list[str]]:
    """Per sheet, the lines of column A above its header row (the first empty row ends them)."""
    out = []
    for ws in load_workbook(io.BytesIO(content)).worksheets:
        lines = []
        for (value,) in ws.iter_rows(max_col=1, values_only=True):
            if value is None:
                break
            lines.append(str(value))
        out.append(lines)
    return out


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_action_plan_exports_carry_the_licence_line(app, real_warehouse, lang):
    from dashboard.pages.actions import exports, view

    made = [exports.export(None, None, None, lang)] + [[exports.chart_export(chart, None, None, None, lang)]
                                                       for chart in view.CHART]
    for sheets in made:
        csv_content, _name, _mime = downloads.table_file("csv", sheets, "x", lang=lang)
        lines = _csv_provenance(csv_content, lang)
        assert any(line.startswith(LICENCE[lang]) for line in lines), lines
        xlsx_content, _name, _mime = downloads.table_file("xlsx", sheets, "x", lang=lang)
        for sheet_lines in _xlsx_provenance(xlsx_content):
            assert any(line.startswith(LICENCE[lang]) for line in sheet_lines), sheet_lines


def test_a_register_without_a_source_row_says_its_licence_is_not_recorded(app, real_warehouse):
    assert downloads.register_licence("register-nothing", "en") == "Licence: not recorded in this build."
