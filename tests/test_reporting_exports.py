"""The reporting tracker without a warehouse (view.tracker replaced by a small invented tracker): in
the downloads the year reads as a year in Excel, refused attempts carry Brussels time and an empty
refused sheet says so; no project for the filters says what to change and links to all projects."""
from __future__ import annotations

import base64
import io

import pytest
from openpyxl import load_workbook

from dashboard.pages.reporting import exports, view

DATA = {"provenance": {"build_id": "test-build", "licence_nl": "CC BY 4.0", "licence_en": "CC BY 4.0"},
        "programmes": [{"programme_id": "lbn", "name_nl": "Netwerken", "name_en": "Networks"}],
        "provinces": [{"nis_code": "40000", "name_nl": "Oost-Vlaanderen", "name_en": "East Flanders"}],
        "projects": [{"project_id": "p-1", "name": "Project Een (invented)"}]}


def _row(year: int, status: str, refused=()) -> dict:
    return {"name": "Project Een (invented)", "project_id": "p-1", "programme_id": "lbn", "programme_nl": "Netwerken",
            "programme_en": "Networks", "province_codes": ["40000"], "year": year, "status": status, "reports": [],
            "refused": list(refused), "project_received": False}


ATTEMPT = {"project_id": "p-1", "period": "2024", "file_name": "p-1 2024.xlsx", "at": "2026-07-01T10:15:00+00:00",
           "user": "tester", "channel": "cli", "problem_count": 1,
           "problems": [{"sheet": "Budget", "cell": "B2", "message": "geen getal", "expected": "een bedrag"}]}


def _sheets(monkeypatch, lang: str, refusals: list[dict]):
    rows = [_row(2023, "start_unknown"), _row(2024, "refused" if refusals else "missing", refusals)]
    monkeypatch.setattr(view, "tracker", lambda *_filters: (DATA, rows, refusals))
    return exports.export_sheets(None, None, None, lang)


def _workbook(sheets):
    content = exports.send("xlsx", sheets)["content"]
    return load_workbook(io.BytesIO(base64.b64decode(content)))


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_year_column_shows_2023_not_a_thousands_separator(monkeypatch, lang):
    wb = _workbook(_sheets(monkeypatch, lang, []))
    ws = wb.worksheets[0]
    header_row = next(r for r in ws.iter_rows() if r[0].value in ("Project",))
    year_col = next(c.column for c in header_row if c.value in ("Jaar", "Year"))
    years = [ws.cell(row, year_col) for row in range(header_row[0].row + 1, ws.max_row + 1)]
    assert [c.value for c in years] == [2023, 2024]  # numbers (the "year" kind, task D1), format "0"
    assert all("#" not in c.number_format and "," not in c.number_format for c in years)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_refused_times_are_in_brussels_time_and_an_empty_sheet_says_none(monkeypatch, lang):
    refused = _workbook(_sheets(monkeypatch, lang, [ATTEMPT])).worksheets[1]
    texts = [c.value for row in refused.iter_rows() for c in row if c.value is not None]
    assert not any("UTC" in str(v) for v in texts)
    assert ("01-07-2026 12:15" if lang == "nl" else "2026-07-01 12:15") in texts  # 10:15 UTC in summer
    empty = _workbook(_sheets(monkeypatch, lang, [])).worksheets[1]
    lines = [c.value for c in empty["A"] if c.value]
    none_line = {"nl": "Geen geweigerde rapporten voor deze filters.", "en": "No refused workbooks for these filters."}
    assert none_line[lang] in lines


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_no_projects_for_the_filters_says_what_to_change_and_links_to_all(no_warehouse, app, monkeypatch, lang):
    from dashboard.pages.reporting.callbacks import fill
    from tests.dash_pages import as_text, find

    monkeypatch.setattr(view, "tracker", lambda *_filters: (DATA, [], []))
    table = fill("lbn", None, "delivered", lang)[0]
    text = as_text(table)
    assert ("Netwerken" if lang == "nl" else "Networks") in text
    assert ("Geen projecten" if lang == "nl" else "No projects") in text
    link = find(table, "reporting-clear-filters")
    assert link.href == ("/rapportering" if lang == "nl" else "/rapportering?lang=en")
