"""CSV and Excel files for the profile and comparison pages (sent through dcc.Download).

Both take the same description of a table: columns `[(key, label, kind, decimals)]` with kind
`text`, `number`, `int` or `year`, and rows as dicts of raw values. Labels and names go in, never
codes alone. Every number is written as it is shown: rounded (half away from zero, as
dashboard.formatting) to its column's decimals, so a cell's stored value, a copy of it and the CSV
never carry more digits than the reader sees (`-20.5607476636` is stored as `-20.6`). A `year`
(or any identifier-like whole number) is a number without a thousands separator: 2023, never 2.023.

- CSV: in the page's notation (CSV_NOTATION), no thousands separator, so a spreadsheet set to that
  language reads it back as numbers: Dutch (Belgian) `;` separator and decimal comma, English `,`
  and decimal point. UTF-8 with a byte-order mark (Excel then reads the accents right).
  A text cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading `'`,
  so a spreadsheet never runs it as a formula.
- Excel: real numbers (with a number format), text always stored as text (`etl.exports.safe_cell`,
  so formulas are neutralised there too), a title row, a header row, frozen panes, and optional
  extra sheets with notes.
"""
from __future__ import annotations

import csv
import functools
import io
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, localcontext
from urllib.parse import urlsplit

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from dashboard import db
from dashboard.i18n import localised, t
from dashboard.queries import profile as profile_queries
from dashboard.queries import project as project_queries
from etl.exports import HEADER_FILL, HEADER_FONT, safe_cell

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
CSV_MIME = "text/csv"
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass
class Column:
    key: str
    label: str
    kind: str = "text"  # text | number | int | year (a year or other identifier-like whole number)
    decimals: int | None = None  # a number column's decimals (None: DEFAULT_DECIMALS)
    # A column that holds several indicators: each row's own decimals, from this key of the row.
    decimals_key: str | None = None

    def decimals_of(self, row: dict) -> int | None:
        own = row.get(self.decimals_key) if self.decimals_key else None
        return int(own) if own is not None and not _missing(own) else self.decimals


@dataclass
class Sheet:
    title: str
    columns: list[Column]
    rows: list[dict]
    intro: list[str] = field(default_factory=list)


def _missing(value) -> bool:
    if value is None:
        return True
    try:
        return value != value  # NaN, pandas.NA raises
    except (TypeError, ValueError):
        return True


def neutralise(text: str) -> str:
    """Text for a CSV cell: never a formula."""
    return "'" + text if text.startswith(FORMULA_START) else text


# Per language: (field separator, decimal mark) of a CSV file.
CSV_NOTATION = {"nl": (";", ","), "en": (",", ".")}


def _notation(lang: str | None) -> tuple[str, str]:
    return CSV_NOTATION.get(lang or "nl", CSV_NOTATION["nl"])


# The decimals of a `number` column that declares none (its Excel format shows two).
DEFAULT_DECIMALS = 2
# Kinds whose cells hold whole numbers: `int` (a count, with a thousands separator in Excel) and
# `year` (a year or another identifier-like number: never a separator).
WHOLE_KINDS = ("int", "year")


def rounded(value, decimals: int) -> Decimal | None:
    """`value` rounded to `decimals` digits, half away from zero (as dashboard.formatting.number
    rounds for the screen); None when missing or not finite."""
    if _missing(value):
        return None
    exact = Decimal(str(value))  # not a number at all: raises, never an empty cell in silence
    if not exact.is_finite():
        return None
    with localcontext(prec=80):  # a large amount keeps all its digits
        return exact.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def belgian_number(value, decimals: int | None = None, decimal_mark: str = ",") -> str:
    """`1234.5` -> `1234,5` (or `1234.5` with decimal_mark "."); with `decimals`, rounded half away
    from zero. No thousands separator."""
    if _missing(value) or (isinstance(value, float) and math.isinf(value)):
        return ""
    if decimals is not None:
        d = rounded(value, decimals)
        if d is None:
            return ""
        text = f"{d:f}"
    else:
        text = repr(float(value)) if isinstance(value, float) else str(value)
        if "e" in text or "E" in text:
            text = f"{Decimal(text):f}"
        text = re.sub(r"\.0$", "", text)
    if text in ("-0", "-0.0") or re.fullmatch(r"-0\.0+", text):
        text = text[1:]
    return text.replace(".", decimal_mark)


def without_float_noise(value) -> float:
    """A computed number without binary rounding noise (`-8.799999999999997` -> `-8.8`): 12
    significant digits, far more than any indicator has."""
    return float(f"{float(value):.12g}")


def shown_number(column: Column, value, decimals: int | None = None) -> int | float | None:
    """A number cell's value as the reader sees it: a number column's value rounded to its decimals
    (`decimals` of the row, else the column's, else DEFAULT_DECIMALS), an int or year column's to a
    whole number; None when missing. Rounded half away from zero from the value without binary noise
    (0.5125 * 100 is 51.2499... in binary and shows as 51.3)."""
    if _missing(value):
        return None
    if column.kind in WHOLE_KINDS:
        whole = rounded(value, 0)
        return None if whole is None else int(whole)
    if math.isinf(float(value)):
        return None
    decimals = column.decimals if decimals is None else decimals
    places = DEFAULT_DECIMALS if decimals is None else decimals
    d = rounded(without_float_noise(value), places)
    if d is None:
        return None
    d = abs(d) if d == 0 else d  # no "-0.0"
    return int(d) if places <= 0 else float(d)


def _csv_cell(column: Column, value, decimals: int | None = None, decimal_mark: str = ",") -> str:
    if _missing(value):
        return ""
    if column.kind in WHOLE_KINDS:
        return belgian_number(shown_number(column, value), None, decimal_mark)
    if column.kind == "number":
        if decimals is None:  # no declared decimals: the rounded value, without padding zeros
            return belgian_number(shown_number(column, value), None, decimal_mark)
        return belgian_number(without_float_noise(value), decimals, decimal_mark)
    return neutralise(str(value))


def _csv_writer(buffer, lang: str | None):
    return csv.writer(buffer, delimiter=_notation(lang)[0], quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")


def csv_bytes(columns: Sequence[Column], rows: Sequence[dict], lang: str | None = "nl") -> bytes:
    buffer = io.StringIO()
    writer = _csv_writer(buffer, lang)
    mark = _notation(lang)[1]
    writer.writerow([neutralise(c.label) for c in columns])
    for row in rows:
        writer.writerow([_csv_cell(c, row.get(c.key), c.decimals_of(row), mark) for c in columns])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def csv_with_intro(lines: Sequence[str], sheet: Sheet, lang: str | None = "nl") -> bytes:
    """A CSV whose first lines state the view (filters, rule, years, source), then an empty line and
    the table (as csv_bytes)."""
    buffer = io.StringIO()
    writer = _csv_writer(buffer, lang)
    for line in lines:
        writer.writerow([neutralise(line)])
    writer.writerow([])
    table = csv_bytes(sheet.columns, sheet.rows, lang).decode("utf-8").lstrip("\ufeff")
    return ("\ufeff" + buffer.getvalue() + table).encode("utf-8")


def _excel_value(column: Column, value, decimals: int | None = None):
    if _missing(value):
        return None
    if column.kind in WHOLE_KINDS or column.kind == "number":
        return shown_number(column, value, decimals)
    return str(value)


def _number_format(column: Column, decimals: int | None = None) -> str | None:
    if column.kind == "year":
        return "0"
    if column.kind == "int":
        return "#,##0"
    if column.kind == "number":
        decimals = DEFAULT_DECIMALS if decimals is None else decimals
        return "#,##0" + ("." + "0" * decimals if decimals > 0 else "")
    return None


def workbook_bytes(sheets: Sequence[Sheet]) -> bytes:
    wb = Workbook()
    wb.remove(wb.active)
    for sheet in sheets:
        ws = wb.create_sheet(_sheet_title(sheet.title))
        row_no = 1
        for i, line in enumerate(sheet.intro):
            safe_cell(ws.cell(row_no, 1), line)
            if i == 0:
                ws.cell(row_no, 1).font = Font(bold=True, size=12)
            row_no += 1
        if sheet.intro:
            row_no += 1
        header = row_no
        for j, column in enumerate(sheet.columns, start=1):
            cell = ws.cell(header, j)
            safe_cell(cell, column.label)
            cell.fill, cell.font = HEADER_FILL, HEADER_FONT
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        for i, row in enumerate(sheet.rows, start=header + 1):
            for j, column in enumerate(sheet.columns, start=1):
                cell = ws.cell(i, j)
                decimals = column.decimals_of(row)
                safe_cell(cell, _excel_value(column, row.get(column.key), decimals))
                fmt = _number_format(column, decimals)
                if fmt:
                    cell.number_format = fmt
        for j, column in enumerate(sheet.columns, start=1):
            longest = max([len(column.label)] + [len(str(r.get(column.key) or "")) for r in sheet.rows[:500]])
            ws.column_dimensions[get_column_letter(j)].width = min(60, max(10, longest + 2))
        if sheet.columns:
            ws.freeze_panes = ws.cell(header + 1, 1).coordinate
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _sheet_title(title: str) -> str:
    """Excel sheet names: at most 31 characters, none of []:*?/\\."""
    return re.sub(r"[\[\]:*?/\\]", " ", title)[:31] or "Blad"


def file_name(*parts: str, ext: str) -> str:
    """A safe file name from words: `profiel_lokeren_2025-11-22.csv`."""
    import unicodedata

    text = "_".join(p for p in parts if p)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    text = re.sub(r"[^A-Za-z0-9._-]+", "_", text).strip("_").lower()
    return f"{text or 'export'}.{ext}"


def name_word(key: str, lang: str | None) -> str:
    """A word of an export's file name in the page's language (catalogue `files.toml`): `map` in
    English where Dutch has `kaart`."""
    return t(f"files.{key}", lang)


# ------------------------------------------------------------------------------ the factory

FORMATS = {"csv": CSV_MIME, "xlsx": XLSX_MIME}


def table_file(fmt: str, sheets: Sequence[Sheet], *name_parts: str, lang: str | None = "nl") -> tuple[bytes, str, str]:
    """(content, file name, MIME type) of a view's table. CSV: the first sheet, its intro lines
    (source, licence, build, filters in force, split rule) first, in the notation of `lang`; Excel:
    every sheet, each with its intro. Every page's downloads go through here, so every file carries
    its provenance."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown download format {fmt!r}")
    if fmt == "csv":
        first = sheets[0]
        content = (csv_with_intro(first.intro, first, lang) if first.intro
                   else csv_bytes(first.columns, first.rows, lang))
    else:
        content = workbook_bytes(sheets)
    return content, file_name(*name_parts, ext=fmt), FORMATS[fmt]


def send_table(fmt: str, sheets: Sequence[Sheet], *name_parts: str, lang: str | None = "nl") -> dict:
    """The `data` of a dcc.Download for a view's table (see table_file)."""
    from dash import dcc

    content, name, mime = table_file(fmt, sheets, *name_parts, lang=lang)
    return dcc.send_bytes(content, name, type=mime)


def send_workbook(workbook, *name_parts: str) -> dict:
    """The `data` of a dcc.Download for an openpyxl Workbook made elsewhere (the written-question
    workbook of etl/exports.py)."""
    from dash import dcc

    buffer = io.BytesIO()
    workbook.save(buffer)
    return dcc.send_bytes(buffer.getvalue(), file_name(*name_parts, ext="xlsx"), type=XLSX_MIME)


def _text(value) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


@functools.lru_cache(maxsize=1)
def _citations() -> dict:
    """The catalog's citations (dataset -> etl.catalog.Citation), read once when first needed."""
    from etl.catalog import load_citations

    return load_citations()


def _host(url: str) -> str:
    return urlsplit(url).netloc.lower()


def source_text(record, lang: str | None = None) -> str:
    """A row of the warehouse's `source` table as one provenance phrase a reader can use, the
    publisher first. For a dataset the catalog gives a citation (etl/sources/catalog.toml
    `[datasets]`): `publisher, dataset title, publisher's page, licence, URL`, the URL as "retrieved
    from a copy at ..." when the file came from elsewhere than the publisher's page. Otherwise
    `publisher, licence, URL` as the row has them (publisher and licence in `lang` where the row has
    them in English: `publisher_en`, `licence_en`). The dataset's internal id is never shown."""
    url = _text(record.get("url"))
    url = url if url and url.startswith(("https://", "http://")) else None  # never a file path
    licence = _text(localised(record, "licence", lang))
    citation = _citations().get(record.get("dataset"))
    if citation is None:
        parts = [_text(localised(record, "publisher", lang))]
        page = None
    else:
        page = citation.page
        title = citation.title_en if lang == "en" and citation.title_en else citation.title
        parts = [citation.publisher, title, page]
    parts.append(t("sources.licence", lang, licence=licence) if licence else None)
    if url and page and _host(url) != _host(page):
        parts.append(t("sources.from_copy", lang, url=url))
    elif url != page:
        parts.append(url)
    return ", ".join(part for part in parts if part)


def register_licence(source_id: str, lang: str | None) -> str:
    """The licence of one register file (its row `source_id` in the warehouse's `source` table,
    `register-<file>`) as a provenance line of its own, in `lang`: for exports whose source line names
    a document rather than the registers (the action plan). Raises db.WarehouseError without a warehouse."""
    row = _source_row(source_id)
    licence = _text(localised(row, "licence", lang)) if row else None
    return t("sources.licence_line", lang, licence=licence or t("sources.licence_unknown", lang))


def registers_source(lang: str | None) -> str:
    """The monitor's registers of programmes, projects and networks as a source (title, licence,
    address), as source_text words it: the source line of the portfolio's and the project page's
    exports. Reads the warehouse's `source` table (raises db.WarehouseError without one)."""
    row = _source_row(project_queries.REGISTER_SOURCE)
    return source_text(row, lang) if row else t("portfolio.export_source_unknown", lang)


def _source_row(source_id: str) -> dict | None:
    """The warehouse's `source` row `source_id` (None when the build has none); raises
    db.WarehouseError without a warehouse."""
    with db.reader() as r:
        rows = profile_queries.sources(r)
    found = rows[rows["source_id"] == source_id].to_dict("records")
    return found[0] if found else None
