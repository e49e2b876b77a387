"""Validate a project report workbook against its contract (etl/reports/contract.py).

`validate_workbook(path_or_bytes, projects=..., max_bytes=...)` is pure: it reads, checks and
parses, and never writes. The CLI (`python -m etl load-report`) and the dashboard's upload page
both call it. Every problem is collected (not just the first) with file, sheet, cell (A1) and
what was expected, in Dutch, so a project can fix its workbook in one round.

Order of the checks: the bytes (empty, too large, not a zip, zip bomb, macros, links to other
workbooks), then the workbook (sheets present, each matched once and visible; no hyperlinks), then
each sheet cell by cell, then rules across fields and rows (duplicates, spent or paid above granted,
a target year before the baseline year, a percentage-formatted cell whose unit is no percentage,
periods outside the runtime or after the reporting period).
"""
from __future__ import annotations

import hashlib
import io
import math
import re
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pandas as pd
from openpyxl.utils import get_column_letter

from etl.reports.contract import (
    AGE_BANDS,
    AMOUNT,
    BUDGET_SHEET,
    COUNT,
    DATE,
    EXPECTED_NL,
    INSTRUCTIONS_SHEET,
    LISTS_SHEET,
    MAX_ABS_NUMBER,
    MAX_AMOUNT_EURO,
    MAX_COUNT,
    MAX_DATA_ROWS,
    NUMBER,
    OUTCOME_INDICATOR_FIELDS,
    OUTCOME_PAIRS,
    OUTCOME_SHEET,
    PERCENT_UNITS,
    PERIOD,
    PROJECT,
    PROJECT_COLUMNS,
    PROJECT_SHEET,
    REACH_MEASURES,
    REACH_SHEET,
    REPORT_DATE_MIN,
    REQUIRED_SHEETS,
    TABLE_SHEETS,
    YEAR,
    YEAR_MAX,
    YEAR_MIN,
    Field,
    TableSheet,
)
from etl.reports.periods import Period, Runtime, parse_period

DEFAULT_MAX_BYTES = 2_000_000
# A zip bomb is small on disk and huge once unpacked: cap what openpyxl would have to inflate.
UNPACKED_PER_PACKED_BYTE = 10
MAX_ZIP_MEMBERS = 200
ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # old .xls, and password-protected xlsx
NUMBER_AS_TEXT = re.compile(r"^-?[\d.,\s]+$")
DATE_AS_TEXT = (re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$"), re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$"))
# Parts of an xlsx that carry code: VBA projects, Excel 4 macro sheets, and the content types
# Excel uses for macro-enabled workbooks (an .xlsm renamed .xlsx still declares one).
MACRO_PARTS = ("vbaproject.bin", "xl/macrosheets/", "xl/xlm", "xl/dialogsheets/")
MACRO_CONTENT_TYPES = (b"macroenabled", b"ms-excel.macrosheet", b"ms-excel.intlmacrosheet", b"vbaproject")
MAX_PROBLEMS_PER_KIND = 20  # a shifted table yields one problem per cell; the first ones say enough


@dataclass(frozen=True)
class Problem:
    file: str
    sheet: str | None
    cell: str | None
    message: str     # what is wrong, in Dutch, including what was found
    expected: str    # what the cell or file should hold

    def describe(self) -> str:
        where = [f"bestand {self.file}"]
        if self.sheet:
            where.append(f"blad {self.sheet}")
        if self.cell:
            where.append(f"cel {self.cell}")
        return f"{', '.join(where)}: {self.message}"

    def as_dict(self) -> dict:
        return {"file": self.file, "sheet": self.sheet, "cell": self.cell, "message": self.message,
                "expected": self.expected}


@dataclass
class ValidationReport:
    file_name: str
    size: int
    sha256: str | None = None
    problems: list[Problem] = field(default_factory=list)
    project_id: str | None = None
    period: str | None = None
    contact: str | None = None
    report_date: date | None = None
    budget: pd.DataFrame | None = None
    reach: pd.DataFrame | None = None
    outcome: pd.DataFrame | None = None

    @property
    def ok(self) -> bool:
        return not self.problems

    def describe(self) -> list[str]:
        return [p.describe() for p in self.problems]


class _Collector:
    """Problems of one file, with the file name filled in."""

    def __init__(self, report: ValidationReport):
        self.report = report

    def add(self, sheet: str | None, cell: str | None, message: str, expected: str) -> None:
        self.report.problems.append(Problem(self.report.file_name, sheet, cell, message, expected))


# ================================================================ the bytes

def _read_bytes(source, file_name: str | None, max_bytes: int) -> tuple[bytes | None, ValidationReport]:
    """The file's bytes, refusing missing, empty and too-large files before reading them."""
    if isinstance(source, (bytes, bytearray, memoryview)):
        data = bytes(source)
        report = ValidationReport(file_name or "upload.xlsx", len(data))
    else:
        path = Path(source)
        report = ValidationReport(file_name or path.name, 0)
        if not path.is_file():
            _Collector(report).add(None, None, "bestand niet gevonden", "een bestaand .xlsx-bestand")
            return None, report
        report.size = path.stat().st_size
        if report.size > max_bytes:  # refused before reading a byte of it
            _too_large(report, max_bytes)
            return None, report
        data = path.read_bytes()
    if len(data) > max_bytes:
        _too_large(report, max_bytes)
        return None, report
    if not data:
        _Collector(report).add(None, None, "leeg bestand (0 bytes)", "een ingevulde Excel-werkmap (.xlsx)")
        return None, report
    report.sha256 = hashlib.sha256(data).hexdigest()
    return data, report


def _thousands(n: int) -> str:
    """Belgian notation: 2.000.000."""
    return f"{n:,}".replace(",", ".")


def _too_large(report: ValidationReport, max_bytes: int) -> None:
    _Collector(report).add(None, None, f"bestand te groot: {_thousands(report.size)} bytes, hoogstens "
                           f"{_thousands(max_bytes)} toegelaten", f"een werkmap van hoogstens {_thousands(max_bytes)} bytes")


def _check_container(data: bytes, problems: _Collector, max_bytes: int) -> bool:
    """Is this an xlsx that is safe to open? Checks magic bytes and the zip directory only."""
    expected = "een Excel-werkmap (.xlsx)"
    if data.startswith(OLE_MAGIC):
        problems.add(None, None, "geen xlsx-bestand: oud Excel-formaat (.xls) of een werkmap met wachtwoord; "
                     "sla op als .xlsx zonder wachtwoord", expected)
        return False
    if not data.startswith(ZIP_MAGIC):
        found = "een PDF" if data.startswith(b"%PDF") else "tekst of een ander formaat"
        problems.add(None, None, f"geen xlsx-bestand (gevonden: {found}); gebruik het sjabloon en sla op als .xlsx",
                     expected)
        return False
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        problems.add(None, None, f"geen geldig xlsx-bestand: beschadigd zip-archief ({exc})", expected)
        return False
    names = {m.filename for m in members}
    if "[Content_Types].xml" not in names or "xl/workbook.xml" not in names:
        problems.add(None, None, "geen xlsx-bestand: een zip-archief zonder Excel-werkmap", expected)
        return False
    unpacked = sum(m.file_size for m in members)
    limit = max_bytes * UNPACKED_PER_PACKED_BYTE
    if len(members) > MAX_ZIP_MEMBERS or unpacked > limit:
        problems.add(None, None, f"werkmap te groot na uitpakken ({_thousands(unpacked)} bytes in {len(members)} "
                     f"delen, hoogstens {_thousands(limit)})", "een werkmap met enkele bladen en rijen")
        return False
    macros = _macro_part(archive, names)
    if macros:
        problems.add(None, None, f"de werkmap bevat macro's ({macros}); sla op als .xlsx zonder macro's", expected)
        return False
    # A value linked from another workbook is a cached copy nobody checked, refreshed from a path on
    # someone's disk when the file is opened.
    links = sorted(n for n in names if n.lower().startswith("xl/externallinks/"))
    if links:
        problems.add(None, None, f"de werkmap is gekoppeld aan een andere werkmap ({links[0]}); verbreek de "
                     "koppeling (Gegevens > Koppelingen bewerken > Koppeling verbreken)", expected)
        return False
    return True


def _macro_part(archive: zipfile.ZipFile, names: set[str]) -> str | None:
    """Where the workbook carries code, or None."""
    for name in sorted(names):
        if any(part in name.lower() for part in MACRO_PARTS):
            return name
    # The member sizes were bounded above, so reading the content types is safe.
    content_types = archive.read("[Content_Types].xml").lower()
    if any(marker in content_types for marker in MACRO_CONTENT_TYPES):
        return "een inhoudstype voor macro's in [Content_Types].xml"
    return None


def _open_workbook(data: bytes, problems: _Collector):
    from openpyxl import load_workbook

    try:
        # data_only=False: a formula arrives as its text ('=SUM(...)'), so it can be refused.
        return load_workbook(io.BytesIO(data), read_only=False, data_only=False)
    except Exception as exc:  # openpyxl raises many types for broken parts
        problems.add(None, None, f"werkmap kan niet geopend worden ({type(exc).__name__}: {exc})",
                     "een Excel-werkmap (.xlsx) gemaakt met het sjabloon")
        return None


# ================================================================ sheets and cells

def _sheet_key(name: str) -> str:
    return name.strip().casefold()


def _sheets(wb, problems: _Collector) -> dict[str, object]:
    """The required sheets, by contract name, each matched once (without case and outer spaces).

    Two sheets of one name (`Budget` and `budget `) are refused: which one is read would be a guess.
    A hidden required sheet is refused, never read: its figures are not the ones the person who
    signs the report sees. The template's own lists sheet is hidden and holds no figures."""
    by_key: dict[str, list] = {}
    for ws in wb.worksheets:
        by_key.setdefault(_sheet_key(ws.title), []).append(ws)
    known = {_sheet_key(n) for n in REQUIRED_SHEETS + (INSTRUCTIONS_SHEET, LISTS_SHEET)}
    expected = "de bladen " + ", ".join(REQUIRED_SHEETS) + " van het sjabloon"
    found = {}
    for same in by_key.values():
        if len(same) > 1:
            names = ", ".join(repr(ws.title) for ws in same)
            problems.add(same[0].title.strip(), None, f"{len(same)} bladen met deze naam ({names}; hoofdletters en "
                         "spaties tellen niet mee): hernoem of verwijder de overbodige", expected)
    for name in REQUIRED_SHEETS:
        same = by_key.get(_sheet_key(name))
        if same is None:
            problems.add(name, None, f"blad ontbreekt; de werkmap heeft: {', '.join(wb.sheetnames)}", expected)
        elif len(same) == 1 and same[0].sheet_state != "visible":
            problems.add(same[0].title, None, "blad is verborgen: verborgen bladen worden niet gelezen; maak het "
                         "zichtbaar (Blad zichtbaar maken)", expected)
        elif len(same) == 1:
            found[name] = same[0]
    for ws in wb.worksheets:
        if _sheet_key(ws.title) not in known:
            problems.add(ws.title, None, "onbekend blad: gegevens hier worden niet gelezen; verplaats ze naar het juiste blad "
                         "of verwijder het blad", expected)
    return found


def _check_hyperlinks(wb, problems: _Collector) -> None:
    """Hyperlinks in any cell are refused: a report holds figures, and a link (`file://`,
    `javascript:`, a look-alike web address) is what a hostile workbook would carry."""
    for ws in wb.worksheets:
        linked = sorted((c for c in ws._cells.values() if c.hyperlink is not None), key=lambda c: (c.row, c.column))
        for cell in linked[:MAX_PROBLEMS_PER_KIND]:
            target = cell.hyperlink.target or cell.hyperlink.location or ""
            problems.add(ws.title, cell.coordinate, f"hyperlink naar {_shown(target)}: hyperlinks zijn niet toegelaten; "
                         "verwijder de koppeling (Hyperlink verwijderen)", "een waarde zonder hyperlink")
        if len(linked) > MAX_PROBLEMS_PER_KIND:
            problems.add(ws.title, None, f"en nog {len(linked) - MAX_PROBLEMS_PER_KIND} andere cellen met een hyperlink",
                         "een waarde zonder hyperlink")


def _shown(value) -> str:
    if isinstance(value, datetime):
        return f"datum {value:%d-%m-%Y}"
    text = str(value)
    return repr(text if len(text) <= 40 else text[:40] + "...")


def _is_empty(value) -> bool:
    return value is None or (isinstance(value, str) and value.strip() == "")


def _is_formula(cell) -> bool:
    return cell.data_type == "f" or (isinstance(cell.value, str) and cell.value.startswith("="))


def _number(value):
    """A real number from a cell, or None. Booleans are not numbers (TRUE in a number cell is a slip)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return None if math.isnan(value) or math.isinf(value) else value


def _wrong_type_message(value, kind: str) -> str:
    what = {AMOUNT: "getal", COUNT: "geheel getal", YEAR: "jaartal", NUMBER: "getal"}[kind]
    if isinstance(value, str) and NUMBER_AS_TEXT.match(value.strip()):
        return f"{what} verwacht, gevonden tekst {_shown(value)} (als tekst opgeslagen: typ het getal opnieuw " \
               f"of zet de cel om naar een getal)"
    return f"{what} verwacht, gevonden {_shown(value)}"


def _percent_format(number_format: str | None) -> bool:
    """Does this number format show a value times 100 with a % sign? A quoted or escaped % is a
    plain character and does not scale."""
    return "%" in re.sub(r'"[^"]*"|\\.', "", number_format or "")


def _parse_cell(value, kind: str, f: Field, ref: str, sheet: str, problems: _Collector, context: dict,
                percent: bool = False):
    """The cell's value as the contract wants it, or None after recording why not.

    percent: the cell is formatted as a percentage, so Excel keeps what the user typed as 10 % as
    0.1. A number is then read as the percentage typed (10); an amount, count or year refused."""
    expected = EXPECTED_NL[kind]
    if kind in (AMOUNT, COUNT, YEAR, NUMBER):
        number = _number(value)
        if number is None:
            problems.add(sheet, ref, _wrong_type_message(value, kind), expected)
            return None
        if percent and kind != NUMBER:
            shown = f"{Decimal(str(number)) * 100:f}".rstrip("0").rstrip(".")
            problems.add(sheet, ref, f"cel opgemaakt als percentage ({shown} %) waar {EXPECTED_NL[kind]} verwacht "
                         "wordt; zet de celopmaak op Getal en typ het getal opnieuw", expected)
            return None
        if percent:  # the decimal text of the stored value, so 0.1 becomes 10, not 10.000000000000002
            number = float(Decimal(str(number)) * 100)
        if kind in (AMOUNT, COUNT) and number < 0:
            noun = "bedrag" if kind == AMOUNT else "aantal"
            problems.add(sheet, ref, f"negatief {noun} ({number:g}) niet toegelaten", expected)
            return None
        if kind in (COUNT, YEAR) and not float(number).is_integer():
            problems.add(sheet, ref, f"geheel getal verwacht, gevonden {number:g}", expected)
            return None
        if kind == YEAR and not YEAR_MIN <= number <= YEAR_MAX:
            problems.add(sheet, ref, f"jaartal tussen {YEAR_MIN} en {YEAR_MAX} verwacht, gevonden {number:g}", expected)
            return None
        limit = {AMOUNT: MAX_AMOUNT_EURO, COUNT: MAX_COUNT, NUMBER: MAX_ABS_NUMBER}.get(kind)
        if limit is not None and abs(number) > limit:
            shown = _thousands(int(number)) if abs(number) < 1e15 else f"{number:.3g}"
            problems.add(sheet, ref, f"onwaarschijnlijk groot getal ({shown}); hoogstens {_thousands(limit)} "
                         "toegelaten: controleer op een tikfout", expected)
            return None
        return int(number) if kind in (COUNT, YEAR) else float(number)
    if kind == PERIOD:
        period = parse_period(value)
        if period is None:
            problems.add(sheet, ref, f"periode verwacht, gevonden {_shown(value)}", expected)
        return period
    if kind == DATE:
        return _parse_date(value, sheet, ref, problems)
    text = value.strip() if isinstance(value, str) else None
    if text is None:
        problems.add(sheet, ref, f"tekst verwacht, gevonden {_shown(value)}", expected)
        return None
    if len(text) > f.max_length:
        problems.add(sheet, ref, f"tekst te lang ({len(text)} tekens, hoogstens {f.max_length})", expected)
        return None
    if kind == PROJECT and text not in context["projects"]:
        problems.add(sheet, ref, f"onbekend project {_shown(text)}: geen project-id van de registers",
                     expected)
        return None
    return text


def _parse_date(value, sheet: str, ref: str, problems: _Collector) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        text = value.strip()
        for pattern in DATE_AS_TEXT:
            match = pattern.match(text)
            if match:
                parts = [int(p) for p in match.groups()]
                year, month, day = parts if pattern is DATE_AS_TEXT[0] else parts[::-1]
                try:
                    return date(year, month, day)
                except ValueError:
                    break
    problems.add(sheet, ref, f"datum verwacht, gevonden {_shown(value)}", EXPECTED_NL[DATE])
    return None


def _read_value(ws, row: int, column: int, sheet: str, problems: _Collector):
    """The raw value of a cell, or a marker after refusing a formula (which has no value to trust)."""
    cell = ws.cell(row, column)
    if _is_formula(cell):
        formula = cell.value if isinstance(cell.value, str) else getattr(cell.value, "text", "formule")
        problems.add(sheet, cell.coordinate, f"formule {_shown(formula)} waar een waarde verwacht wordt; "
                     "plak de uitkomst als waarde (Plakken speciaal > Waarden)", "een ingetypte waarde, geen formule")
        return _FORMULA
    return cell.value


_FORMULA = object()


# ================================================================ the Project sheet

def _project(ws, problems: _Collector, context: dict) -> dict:
    sheet = PROJECT_SHEET.name
    _check_layout(ws, _filled_cells(ws), len(PROJECT_COLUMNS), PROJECT_SHEET.first_row, problems)
    values = {}
    for f in PROJECT_SHEET.fields:
        row = PROJECT_SHEET.row_of(f.key)
        label = ws.cell(row, 1).value
        if not isinstance(label, str) or label.strip().lower() != f.header.lower():
            problems.add(sheet, f"A{row}", f"label {f.header!r} verwacht, gevonden {_shown(label)}",
                         "de indeling van het sjabloon (labels in kolom A, waarden in kolom B)")
            continue
        value = _read_value(ws, row, 2, sheet, problems)
        if value is _FORMULA:
            continue
        if _is_empty(value):
            problems.add(sheet, f"B{row}", f"verplichte cel is leeg: {f.header}", EXPECTED_NL[f.kind])
            continue
        values[f.key] = _parse_cell(value, f.kind, f, f"B{row}", sheet, problems, context,
                                    _percent_format(ws.cell(row, 2).number_format))
    project_id, period = values.get("project_id"), values.get("period")
    if project_id and period:
        runtime: Runtime = context["projects"][project_id]
        if not runtime.covers(period):
            problems.add(sheet, f"B{PROJECT_SHEET.row_of('period')}",
                         f"periode {period.label} valt buiten de looptijd van {project_id} ({runtime.describe()})",
                         "een periode binnen de looptijd van het project")
    report_date = values.get("report_date")
    if report_date and report_date > context["today"]:
        problems.add(sheet, f"B{PROJECT_SHEET.row_of('report_date')}",
                     f"datum {report_date:%d-%m-%Y} ligt in de toekomst", "de datum van vandaag of vroeger")
    elif report_date and report_date < REPORT_DATE_MIN:
        problems.add(sheet, f"B{PROJECT_SHEET.row_of('report_date')}",
                     f"datum {report_date:%d-%m-%Y} ligt voor {REPORT_DATE_MIN:%d-%m-%Y}, de start van de projecten",
                     f"een datum vanaf {REPORT_DATE_MIN:%d-%m-%Y} tot vandaag")
    return values


# ================================================================ the table sheets

def _headers_ok(ws, sheet: TableSheet, problems: _Collector) -> bool:
    ok = True
    for j, f in enumerate(sheet.fields, start=1):
        cell = ws.cell(1, j)
        found = cell.value.strip() if isinstance(cell.value, str) else cell.value
        if found != f.header:
            problems.add(sheet.name, cell.coordinate, f"kolomkop {f.header!r} verwacht, gevonden {_shown(found)}",
                         "de kolommen van het sjabloon, in dezelfde volgorde")
            ok = False
    return ok


def _filled_cells(ws) -> list:
    """The cells that hold a value (or a formula), in row order.

    Walks the cells the file actually contains: `ws.max_row` and `ws.cell()` would create every
    cell up to a lone value in row 1,048,576, minutes and gigabytes for a 20 KB file. openpyxl
    keeps a worksheet's cells in `_cells`; there is no public way to list only the stored ones.
    """
    return sorted((c for c in ws._cells.values() if not _is_empty(c.value)), key=lambda c: (c.row, c.column))


def _check_layout(ws, cells: list, width: int, first_data_row: int, problems: _Collector) -> None:
    """Merged cells, values beside the contract's columns, data hidden from the person who signs.
    `cells`: the sheet's filled cells (_filled_cells)."""
    sheet = ws.title
    for merged in ws.merged_cells.ranges:
        problems.add(sheet, merged.coord, f"samengevoegde cellen {merged.coord}: een samenvoeging verbergt de "
                     "waarden van alle cellen behalve de eerste; maak ze ongedaan (Samenvoegen opheffen)",
                     "één waarde per cel, geen samengevoegde cellen")
    hidden_rows = {row for row, dim in ws.row_dimensions.items() if dim.hidden}
    hidden_columns = {j for dim in ws.column_dimensions.values() if dim.hidden and dim.min
                      for j in range(dim.min, (dim.max or dim.min) + 1)}
    outside, hidden = [], {}
    for cell in cells:
        if cell.column > width:
            outside.append(cell.coordinate)
        elif cell.row >= first_data_row and cell.row in hidden_rows:
            hidden.setdefault(("rij", cell.row), cell.coordinate)
        elif cell.row >= first_data_row and cell.column in hidden_columns:
            hidden.setdefault(("kolom", get_column_letter(cell.column)), cell.coordinate)
    for ref in outside[:MAX_PROBLEMS_PER_KIND]:
        problems.add(sheet, ref, f"waarde buiten de kolommen van het sjabloon (na kolom {get_column_letter(width)}): "
                     "ze wordt niet gelezen; zet ze in de juiste kolom of verwijder ze",
                     f"gegevens alleen in de kolommen A tot {get_column_letter(width)}")
    if len(outside) > MAX_PROBLEMS_PER_KIND:
        problems.add(sheet, None, f"en nog {len(outside) - MAX_PROBLEMS_PER_KIND} andere cellen met een waarde "
                     f"buiten de kolommen van het sjabloon", f"gegevens alleen in de kolommen A tot {get_column_letter(width)}")
    for (what, which), ref in list(hidden.items())[:MAX_PROBLEMS_PER_KIND]:
        problems.add(sheet, ref, f"{what} {which} is verborgen maar bevat gegevens; maak de {what} zichtbaar, zodat "
                     "wie het rapport nakijkt alle cijfers ziet", "alle ingevulde rijen en kolommen zichtbaar")


def _records(ws, sheet: TableSheet, problems: _Collector, context: dict) -> list[dict]:
    """One dict per filled row: parsed values by field key, plus '_row' (the Excel row number)."""
    records = []
    width = len(sheet.fields)
    cells = _filled_cells(ws)
    _check_layout(ws, cells, width, 2, problems)
    rows = sorted({c.row for c in cells if c.row >= 2 and c.column <= width})
    for row in rows:
        raw = [_read_value(ws, row, j, sheet.name, problems) for j in range(1, width + 1)]
        if len(records) >= MAX_DATA_ROWS:
            problems.add(sheet.name, f"A{row}", f"te veel rijen: hoogstens {MAX_DATA_ROWS} per blad",
                         "een rapport met enkele rijen per blad")
            break
        record = {"_row": row, "_failed": False}
        for j, (f, value) in enumerate(zip(sheet.fields, raw), start=1):
            ref = f"{get_column_letter(j)}{row}"
            if value is _FORMULA:
                record["_failed"] = True
            elif _is_empty(value):
                record[f.key] = None
                if f.required:
                    problems.add(sheet.name, ref, f"verplichte cel is leeg: {f.header}", EXPECTED_NL[f.kind])
                    record["_failed"] = True
            else:
                percent = _percent_format(ws.cell(row, j).number_format)
                record[f.key] = _parse_cell(value, f.kind, f, ref, sheet.name, problems, context, percent)
                record["_failed"] |= record[f.key] is None
                if percent and record[f.key] is not None:
                    record.setdefault("_percent", []).append(f.key)
        records.append(record)
    return records


def _ref(sheet: TableSheet, key: str, row: int) -> str:
    return f"{get_column_letter([f.key for f in sheet.fields].index(key) + 1)}{row}"


def _key_part(value):
    """A record key as people read it: 'Kinderen  bereikt' and 'kinderen bereikt' are one indicator."""
    if isinstance(value, Period):
        return value.label
    if isinstance(value, str):
        return " ".join(value.split()).casefold()
    return value


def _check_duplicates(sheet: TableSheet, records: list[dict], problems: _Collector) -> None:
    seen: dict[tuple, int] = {}
    for r in records:
        if any(r.get(k) is None for k in sheet.key):
            continue
        key = tuple(_key_part(r[k]) for k in sheet.key)
        if key in seen:
            shown = ", ".join(r[k].label if isinstance(r[k], Period) else str(r[k]) for k in sheet.key)
            problems.add(sheet.name, _ref(sheet, sheet.key[-1], r["_row"]),
                         f"dubbele rij: {shown} staat al op rij {seen[key]}",
                         "één rij per " + " en ".join(f.header.lower() for f in sheet.fields if f.key in sheet.key))
            r["_failed"] = True
        else:
            seen[key] = r["_row"]


def _check_period(sheet: TableSheet, key: str, row: int, period: Period, problems: _Collector, context: dict) -> None:
    """A figure's period must lie in the project's runtime and not after the reporting period."""
    runtime: Runtime | None = context.get("runtime")
    reporting: Period | None = context.get("reporting_period")
    ref = _ref(sheet, key, row)
    if runtime is not None and not runtime.covers(period):
        problems.add(sheet.name, ref, f"{period.label} valt buiten de looptijd van {context['project_id']} "
                     f"({runtime.describe()})", "een jaar of periode binnen de looptijd van het project")
    elif reporting is not None and period.start > reporting.end:
        problems.add(sheet.name, ref, f"{period.label} ligt na de rapportageperiode {reporting.label}",
                     "cijfers tot en met de rapportageperiode")


def _euro(amount: float) -> str:
    """Belgian notation: 70.000,50 euro."""
    return f"{amount:,.2f}".replace(",", " ").replace(".", ",").replace(" ", ".") + " euro"


def _check_budget(records: list[dict], problems: _Collector, context: dict) -> None:
    sheet = BUDGET_SHEET
    for r in records:
        if r.get("year") is not None:
            _check_period(sheet, "year", r["_row"], Period(r["year"]), problems, context)
        granted = r.get("granted")
        for key, word in (("paid", "uitbetaald"), ("spent", "uitgegeven")):
            amount = r.get(key)
            if granted is not None and amount is not None and amount > granted:
                problems.add(sheet.name, _ref(sheet, key, r["_row"]),
                             f"{word} ({_euro(amount)}) is hoger dan toegekend ({_euro(granted)})",
                             f"{word} <= toegekend")


def _check_reach(records: list[dict], problems: _Collector, context: dict) -> None:
    sheet = REACH_SHEET
    for r in records:
        if r.get("period") is not None:
            _check_period(sheet, "period", r["_row"], r["period"], problems, context)
        figures = [r.get(m) for m in REACH_MEASURES + AGE_BANDS]
        if not r["_failed"] and all(v is None for v in figures):
            problems.add(sheet.name, _ref(sheet, "children_reached", r["_row"]),
                         "rij zonder cijfers: vul minstens één aantal in of maak de rij leeg",
                         "minstens één aantal per periode")
        bands = [r.get(b) for b in AGE_BANDS if r.get(b) is not None]
        if bands and r.get("children_reached") is not None and sum(bands) > r["children_reached"]:
            problems.add(sheet.name, _ref(sheet, AGE_BANDS[0], r["_row"]),
                         f"de leeftijdsgroepen tellen op tot {sum(bands)}, meer dan de {r['children_reached']} "
                         "bereikte kinderen", "som van de leeftijdsgroepen <= kinderen bereikt")


def _check_outcomes(records: list[dict], problems: _Collector, context: dict) -> None:
    sheet = OUTCOME_SHEET
    first_of: dict[str, dict] = {}
    for r in records:
        if r.get("period") is not None:
            _check_period(sheet, "period", r["_row"], r["period"], problems, context)
        for value_key, year_key in OUTCOME_PAIRS:
            if (r.get(value_key) is None) != (r.get(year_key) is None) and not r["_failed"]:
                missing = year_key if r.get(year_key) is None else value_key
                label = next(f.header for f in sheet.fields if f.key == missing)
                problems.add(sheet.name, _ref(sheet, missing, r["_row"]), f"{label} ontbreekt: een waarde en "
                             "haar jaar horen samen", "beide ingevuld of beide leeg")
        baseline_year, target_year = r.get("baseline_year"), r.get("target_year")
        if baseline_year is not None and target_year is not None and target_year < baseline_year:
            problems.add(sheet.name, _ref(sheet, "target_year", r["_row"]),
                         f"streefjaar {target_year} ligt voor het basisjaar {baseline_year}", "streefjaar >= basisjaar")
        unit = r.get("unit")
        for key in r.get("_percent", ()):
            if unit is not None and unit.strip().casefold() not in PERCENT_UNITS:
                label = next(f.header for f in sheet.fields if f.key == key)
                problems.add(sheet.name, _ref(sheet, key, r["_row"]),
                             f"{label} is opgemaakt als percentage, maar de eenheid is {_shown(unit)}; zet de celopmaak "
                             "op Getal of de eenheid op %", "een percentage alleen bij eenheid %")
        name = r.get("indicator")
        if name is None or r["_failed"]:
            continue
        first = first_of.setdefault(_key_part(name), r)
        for key in OUTCOME_INDICATOR_FIELDS:
            if first is not r and first.get(key) != r.get(key):
                label = next(f.header for f in sheet.fields if f.key == key)
                problems.add(sheet.name, _ref(sheet, key, r["_row"]),
                             f"{label} {_shown(r.get(key))} verschilt van rij {first['_row']} "
                             f"({_shown(first.get(key))}) voor dezelfde indicator {name!r}",
                             "per indicator overal dezelfde eenheid, basis- en streefwaarde")


# ================================================================ frames for the warehouse

def _frames(report: ValidationReport, records: dict[str, list[dict]]) -> None:
    pid = report.project_id
    budget_cols = [f.key for f in BUDGET_SHEET.fields]
    report.budget = pd.DataFrame([{"project_id": pid, **{k: r.get(k) for k in budget_cols}}
                                  for r in records[BUDGET_SHEET.name]],
                                 columns=["project_id"] + budget_cols)
    reach_rows = [{"project_id": pid, "period": r["period"].label, "measure": m, "value": r[m]}
                  for r in records[REACH_SHEET.name] for m in REACH_MEASURES + AGE_BANDS if r.get(m) is not None]
    report.reach = pd.DataFrame(reach_rows, columns=["project_id", "period", "measure", "value"])
    outcome_cols = [f.key for f in OUTCOME_SHEET.fields]
    report.outcome = pd.DataFrame([{"project_id": pid, **{k: (r[k].label if isinstance(r.get(k), Period) else r.get(k))
                                                          for k in outcome_cols}}
                                   for r in records[OUTCOME_SHEET.name]], columns=["project_id"] + outcome_cols)


CHECKS = {BUDGET_SHEET.name: _check_budget, REACH_SHEET.name: _check_reach, OUTCOME_SHEET.name: _check_outcomes}


def validate_workbook(source, *, projects: dict[str, Runtime], max_bytes: int = DEFAULT_MAX_BYTES,
                      file_name: str | None = None, today: date | None = None) -> ValidationReport:
    """Check a report workbook (a path, or the bytes of an upload) and parse it.

    projects: project_id -> Runtime (etl.reports.periods.runtimes_from_warehouse or _from_registers).
    Returns a ValidationReport: `problems` (empty when valid) and, when valid, the frames `budget`,
    `reach` (long: one row per measure) and `outcome`, ready for the warehouse. Writes nothing.
    """
    data, report = _read_bytes(source, file_name, max_bytes)
    if data is None:
        return report
    problems = _Collector(report)
    if not _check_container(data, problems, max_bytes):
        return report
    wb = _open_workbook(data, problems)
    if wb is None:
        return report
    try:
        sheets = _sheets(wb, problems)  # a missing sheet is reported; the others are still checked
        _check_hyperlinks(wb, problems)
        context = {"projects": projects, "today": today or date.today()}
        header = _project(sheets[PROJECT_SHEET.name], problems, context) if PROJECT_SHEET.name in sheets else {}
        report.project_id, report.contact, report.report_date = (header.get(k) for k in ("project_id", "contact",
                                                                                          "report_date"))
        report.period = header["period"].label if header.get("period") else None
        if report.project_id:
            context.update(project_id=report.project_id, runtime=projects[report.project_id],
                           reporting_period=header.get("period"))
        records = {}
        for sheet in TABLE_SHEETS:
            ws = sheets.get(sheet.name)
            if ws is None or not _headers_ok(ws, sheet, problems):
                continue
            records[sheet.name] = _records(ws, sheet, problems, context)
            _check_duplicates(sheet, records[sheet.name], problems)
            CHECKS[sheet.name](records[sheet.name], problems, context)
        if len(records) == len(TABLE_SHEETS) and not any(records.values()):
            problems.add(None, None, "geen cijfers: de bladen Budget, Bereik en Resultaten zijn leeg",
                         "minstens één ingevulde rij")
    finally:
        wb.close()
    if report.ok:
        _frames(report, records)
    return report
