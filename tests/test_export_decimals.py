"""Workbook number formats follow each indicator's declared decimals (warehouse `indicator.decimals`),
as on screen and in the map's workbook: a 1-decimal rate is `#,##0.0`, euro `#,##0` (review W6 F8)."""
from __future__ import annotations

import io

from openpyxl import load_workbook

from dashboard.pages.compare import exports as compare_exports
from dashboard.pages.profile import exports as profile_exports
from dashboard.ui import downloads

# tests/synthetic_warehouse.py: kansarmoede_index is a % with 1 decimal, mediaan_inkomen € with 0
RATE, EURO = "#,##0.0", "#,##0"


def _formats(sheets, title: str) -> dict[str, set[str]]:
    """{column header: the number formats of its filled cells} of one sheet, read back with openpyxl."""
    ws = load_workbook(io.BytesIO(downloads.workbook_bytes(sheets)))[title]
    header = next(row for row in ws.iter_rows() if row[0].value and row[1].value)  # first row with 2+ cells
    out: dict[str, set[str]] = {}
    for row in ws.iter_rows(min_row=header[0].row + 1):
        for head, cell in zip(header, row):
            if isinstance(cell.value, (int, float)):
                out.setdefault(head.value, set()).add(cell.number_format)
    return out


def test_compare_workbook_uses_the_indicator_decimals(app, synthetic_warehouse):
    for indicator, expected in (("kansarmoede_index", RATE), ("mediaan_inkomen", EURO)):
        made = compare_exports.export(indicator, ["11901", "11902"], "own", None, 2021, 2023, None, "nl")
        assert made is not None, indicator
        _name, sheets = made
        ranking = _formats(sheets, sheets[0].title)
        values = {head: f for head, f in ranking.items() if head.startswith(("Waarde", "Verschil"))
                  and "%" not in head}
        assert values and all(f == {expected} for f in values.values()), (indicator, ranking)
        relative = [f for head, f in ranking.items() if "%" in head and head.startswith("Verschil")]
        assert all(f == {"#,##0.0"} for f in relative), ranking
        assert _formats(sheets, sheets[1].title)["Waarde"] == {expected}


def test_profile_summary_uses_each_indicator_decimals(app, synthetic_warehouse):
    _name, sheets = profile_exports.export("11901", "nl")
    summary = sheets[0]
    ws = load_workbook(io.BytesIO(downloads.workbook_bytes(sheets)))[summary.title]
    keys = [c.key for c in summary.columns]
    value_columns = [keys.index(k) for k in ("value", "first_value", "change", "province", "region", "peers")]
    header = next(row[0].row for row in ws.iter_rows() if row[0].value == summary.columns[0].label)
    seen = {}
    for row in ws.iter_rows(min_row=header + 1):
        name = row[0].value
        for i in value_columns:
            if isinstance(row[i].value, (int, float)):
                seen.setdefault(name, set()).add(row[i].number_format)
    rate = next(n for n in seen if n.startswith("Kansarmoede"))
    income = next(n for n in seen if n.startswith("Mediaan"))
    assert seen[rate] == {RATE} and seen[income] == {EURO}, seen
