"""Workbook number formats follow each indicator's declared decimals (warehouse `indicator.decimals`),
as on screen and in the map's workbook: a 1-decimal rate is `#,##0.0`, euro `#,##0` (review W6 F8)."""
from __future__ import annotations

import csv
import io
import re
from decimal import Decimal

from openpyxl import load_workbook

from dashboard import formatting as fmt
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


# ------------------------------------------------------- the need page's exports as its screen (task E1)

def _shown_text(component) -> str:
    """The text a Dash component shows: its children's texts, joined."""
    if component is None:
        return ""
    if isinstance(component, (str, int, float)):
        return str(component)
    if isinstance(component, (list, tuple)):
        return "".join(_shown_text(c) for c in component)
    return _shown_text(getattr(component, "children", None))


def _by_id(component, wanted: str):
    """The component with id `wanted` in a tree of Dash components (None when absent)."""
    if isinstance(component, (list, tuple)):
        return next((found for c in component if (found := _by_id(c, wanted)) is not None), None)
    if getattr(component, "id", None) == wanted:
        return component
    children = getattr(component, "children", None)
    return None if children is None or isinstance(children, (str, int, float)) else _by_id(children, wanted)


def _as_excel_shows(cell) -> str:
    """A number cell as its Excel number format shows it, in English notation ("13.00", "180,487")."""
    return f"{cell.value:,.{_decimals_shown(cell.number_format)}f}"


def _read_back(sheets) -> list[dict]:
    """The first sheet of a workbook read back with openpyxl: {column key: cell} per row."""
    first = sheets[0]
    ws = load_workbook(io.BytesIO(downloads.workbook_bytes(sheets))).worksheets[0]
    labels = [c.label for c in first.columns]
    header = next(row[0].row for row in ws.iter_rows() if [c.value for c in row[:len(labels)]] == labels)
    return [dict(zip([c.key for c in first.columns], row)) for row in ws.iter_rows(min_row=header + 1)]


def test_need_exports_show_the_screens_decimals(app, real_warehouse):
    """Review 9 #1: each need export's number columns have the decimals the page shows (spread
    "13.00 | 27.1% | 1.17", shortlist and scatter equivalents "0.500", per 10,000 inhabitants with
    three decimals, the curve's cumulative shares "41.6%" and C = 0.149), in the stored value and the
    Excel format; the spread's funding column holds numbers only (empty, the note beside it)."""
    from dashboard.pages.need import exports as need_exports
    from dashboard.pages.need import layout as need_layout
    from dashboard.pages.need import state as need_state
    from dashboard.pages.need import view as need_view

    state = need_state.parse_state(indicator="arop_admin", gap_n="0", gap_top="100")
    m = need_view.view_model(state["indicator"], state["year"], state["rule"], state["region"])
    # spread: the cells of the screen's table, row by row
    spread, _ = need_exports.export_table("spread", state, "en")
    table = _by_id(need_layout.spread_section(m, "en"), "need-spread-table")
    screen = [[_shown_text(cell) for cell in tr.children] for tr in table.children[-1].children]
    cells = _read_back(spread)
    assert len(cells) == len(screen) == 7
    for row, shown in zip(cells, screen):
        assert row["name"].value == shown[0]
        assert _as_excel_shows(row["equivalents"]) == shown[2]  # 13.00
        assert _as_excel_shows(row["equivalents_share_pct"]) + "%" == shown[3]  # 27.1%
        assert _as_excel_shows(row["at_risk_share_pct"]) + "%" == shown[-2]
        assert _as_excel_shows(row["ratio"]) == shown[-1]  # 1.17
        assert row["funding"].value is None or isinstance(row["funding"].value, (int, float)), row["funding"].value
        if row["funding"].value is None:  # not reported: the note beside the empty cell says so
            assert row["funding_note"].value == shown[4] == "not reported"
    text = downloads.csv_bytes(spread[0].columns, spread[0].rows, "en").decode("utf-8-sig")
    funding = [c.key for c in spread[0].columns].index("funding")
    assert all(r[funding] == "" for r in list(csv.reader(io.StringIO(text)))[1:])
    # shortlist: the network equivalents as the screen's rows show them ("0.500", "0.000")
    gap, _ = need_exports.export_table("gap", state, "en")
    for row, raw in zip(_read_back(gap), gap[0].rows):
        assert _as_excel_shows(row["equivalents"]) == need_view.eq_text(raw["equivalents"], "en")
    # scatter: equivalents and the level (networks per 10,000 inhabitants) as its hover texts
    scatter, _ = need_exports.export_table("scatter", state, "en")
    for row, raw in zip(_read_back(scatter), scatter[0].rows):
        assert _as_excel_shows(row["equivalents"]) == need_view.eq_text(raw["equivalents"], "en")
        assert _as_excel_shows(row["level"]) == need_view.level_text(raw["level"], state["measure"], "en")
    # curve: the cumulative shares as the curve's points, C as the page states it
    curve, _ = need_exports.export_table("curve", state, "en")
    line = need_view.curve_lines(m, "en")[0]
    for row, (_name, x, y) in zip(_read_back(curve), line["points"][1:], strict=True):
        assert (_as_excel_shows(row["x"]) + "%", _as_excel_shows(row["y"]) + "%") == (x, y)
    index = "C = " + fmt.number(line["index"], 3, "en")
    assert any(index in text for text in curve[0].intro), curve[0].intro
