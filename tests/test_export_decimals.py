"""Workbook number formats follow each indicator's declared decimals (warehouse `indicator.decimals`),
as on screen and in the map's workbook: a 1-decimal rate is `#,##0.0`, euro `#,##0` (review W6 F8)."""
from __future__ import annotations

import csv
import io
import re
from decimal import Decimal

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


# ------------------------------------------------------------------ stored as shown (task D1)

def _decimals_shown(number_format: str) -> int:
    return len(number_format.split(".", 1)[1]) if "." in number_format else 0


def _digits_after_the_point(value) -> int:
    return max(0, -Decimal(repr(value)).normalize().as_tuple().exponent)


def _assert_stored_as_shown(sheets, lang: str = "nl") -> int:
    """Every number cell of the workbook holds no more decimals than its format shows, every year
    column is a whole number formatted `0`; the CSV (first sheet) has no more decimals than the
    column shows either and years without a separator. Returns the number of number cells read."""
    wb = load_workbook(io.BytesIO(downloads.workbook_bytes(sheets)))
    seen = 0
    for sheet, ws in zip(sheets, wb.worksheets):
        assert all(c.kind == "year" for c in sheet.columns if c.key.endswith("year")), sheet.title
        labels = [c.label for c in sheet.columns]
        header = next(row[0].row for row in ws.iter_rows() if [c.value for c in row[:len(labels)]] == labels)
        for row in ws.iter_rows(min_row=header + 1):
            for column, cell in zip(sheet.columns, row):
                if column.kind == "year" and cell.value is not None:
                    assert isinstance(cell.value, int) and cell.number_format == "0", (column.label, cell.value)
                if isinstance(cell.value, (int, float)) and not isinstance(cell.value, bool):
                    seen += 1
                    shown = _decimals_shown(cell.number_format)
                    assert _digits_after_the_point(cell.value) <= shown, (sheet.title, column.label, cell.value,
                                                                          cell.number_format)
    first = sheets[0]
    mark = downloads.CSV_NOTATION[lang][1]
    text = downloads.csv_bytes(first.columns, first.rows, lang).decode("utf-8-sig")
    body = list(csv.reader(io.StringIO(text), delimiter=downloads.CSV_NOTATION[lang][0]))[1:]
    for values, row in zip(body, first.rows):
        for column, value in zip(first.columns, values):
            if column.kind in ("int", "year") and value:
                assert re.fullmatch(r"-?\d+", value), (column.label, value)
            elif column.kind == "number" and value:
                decimals = column.decimals_of(row)
                places = downloads.DEFAULT_DECIMALS if decimals is None else decimals
                assert len(value.partition(mark)[2]) <= places, (column.label, value)
    return seen


def test_numbers_are_stored_as_shown_half_away_from_zero():
    """Synthetic sheet: each number stored rounded to the decimals its column shows (declared, per
    row, or the default two), half away from zero as dashboard.formatting; ints whole; a year a
    number formatted `0` (2023, never 2.023); the CSV the same."""
    columns = [downloads.Column("name", "Naam"), downloads.Column("pct", "Verschil (%)", "number", 1),
               downloads.Column("eq", "Equivalenten", "number", 4),
               downloads.Column("v", "Waarde", "number", None, decimals_key="decimals"),
               downloads.Column("free", "Zonder decimalen", "number"), downloads.Column("n", "Aantal", "int"),
               downloads.Column("year", "Jaar", "year")]
    rows = [{"name": "a", "pct": -20.5607476636, "eq": 0.0263157894737, "v": 9.34389264627, "decimals": 1,
             "free": 12.345, "n": 2.5, "year": 2023},
            {"name": "b", "pct": -8.799999999999997, "eq": 1.07696276832, "v": 6.48565308997, "decimals": 0,
             "free": 0.5125 * 100, "n": -2.5, "year": 2022.0},
            {"name": "c", "pct": -0.04, "eq": None, "v": float("nan"), "decimals": None, "free": float("inf"),
             "n": 1234567, "year": None}]
    sheet = downloads.Sheet("Blad", columns, rows, ["Titel"])
    ws = load_workbook(io.BytesIO(downloads.workbook_bytes([sheet])))["Blad"]
    got = [[c.value for c in row] for row in ws.iter_rows(min_row=4)]
    assert got == [["a", -20.6, 0.0263, 9.3, 12.35, 3, 2023],
                   ["b", -8.8, 1.077, 6, 51.25, -3, 2022],
                   ["c", 0, None, None, None, 1234567, None]]
    formats = [c.number_format for c in ws[4]]
    assert formats[1:] == ["#,##0.0", "#,##0.0000", "#,##0.0", "#,##0.00", "#,##0", "0"]
    assert ws["D5"].number_format == "#,##0" and isinstance(ws["G4"].value, int)
    nl = list(csv.reader(io.StringIO(downloads.csv_bytes(columns, rows, "nl").decode("utf-8-sig")), delimiter=";"))
    assert nl[1:] == [["a", "-20,6", "0,0263", "9,3", "12,35", "3", "2023"],
                      ["b", "-8,8", "1,0770", "6", "51,25", "-3", "2022"],
                      ["c", "0,0", "", "", "", "1234567", ""]]
    en = list(csv.reader(io.StringIO(downloads.csv_bytes(columns, rows, "en").decode("utf-8-sig"))))
    assert en[1][1:4] == ["-20.6", "0.0263", "9.3"] and en[2][6] == "2022"
    assert _assert_stored_as_shown([sheet]) == 14


def test_real_exports_store_numbers_as_shown(app, real_warehouse):
    """One real export per page (compare, map, need gap list and curve, profile): no cell holds more
    decimals than it shows, years are `0`-formatted numbers (review 8a #3, 8b #14)."""
    from dashboard.pages.map import exports as map_exports
    from dashboard.pages.need import exports as need_exports
    from dashboard.pages.need import state as need_state

    _name, compare = compare_exports.export("arop_admin", ["46029", "44021"], "own", None, 2015, 2022, None, "en")
    _parts, mapped = map_exports.export("arop_admin", 2019, "quantiles", 5, None, "nl")
    state = need_state.parse_state(indicator="arop_admin", gap_n="0", gap_top="100")
    gap, _ = need_exports.export_table("gap", state, "nl")
    curve, _ = need_exports.export_table("curve", state, "en")
    _name, profile = profile_exports.export("46029", "nl")
    for sheets, lang in ((compare, "en"), (mapped, "nl"), (gap, "nl"), (curve, "en"), (profile, "nl")):
        assert _assert_stored_as_shown(sheets, lang) > 0, sheets[0].title
    # the figures of the review, now as shown: compare's relative change has one decimal
    relative = [r["change_rel"] for r in compare[0].rows if r.get("change_rel") is not None]
    ws = load_workbook(io.BytesIO(downloads.workbook_bytes(compare))).worksheets[0]
    stored = [c.value for row in ws.iter_rows() for c in row if c.number_format == "#,##0.0"
              and isinstance(c.value, float)]
    assert relative and stored and all(_digits_after_the_point(v) <= 1 for v in stored)
