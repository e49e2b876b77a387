"""`python -m etl import-indicator FILE`: an analyst's own indicator, validated cell by cell,
harmonised to the 2025 municipalities like the built-in sources, and kept for every later build.

The table is tidy: one row per municipality and year, columns for the NIS code, the year, the value
and optionally the numerator and denominator, found by their headers (etl/sources/header_reader.py:
Dutch or English, case and accents ignored, title rows above the header skipped). The metadata
(name, unit, definition, source, licence, direction) comes from options, a JSON/TOML file or a
sheet named `metadata` (key, value) in the workbook.

Accepted files are stored under ETL_IMPORTS_DIR/<indicator_id>/ with their verified result
(prepared.parquet, and prepared.json with its checksum and key: the file's sha256, its metadata, the
geography and the code version). `etl build` inserts that result when the key and checksum match,
and validates and harmonises the file again only when they do not.
"""
from __future__ import annotations

import csv
import getpass
import hashlib
import io
import json
import logging
import math
import os
import re
import shutil
import tomllib
import zipfile
from dataclasses import dataclass
from datetime import UTC, date, datetime
from functools import cache
from pathlib import Path

import numpy as np
import pandas as pd

from etl import harmonise, notation
from etl.errors import EtlError, EtlErrors
from etl.fetch import sha256_of
from etl.harmonise import Rule
from etl.sources import header_reader
from etl.sources.common import default_display, display_problems, parse_decimals
from etl.tables import DIRECTIONS, KINDS, SIZE_DIRECTION

MAX_FILE_BYTES = 50_000_000
REQUIRED_META = ("indicator_id", "name_nl", "unit", "definition_nl", "source", "licence", "direction")
# `unit` is the Dutch unit (unit_nl); the display keys unit_en, short_unit and decimals are optional
# and derived when absent (etl.sources.common.default_display).
META_KEYS = REQUIRED_META + ("name_en", "definition_en", "kind", "scale", "source_url", "value_min", "value_max",
                             "unit_en", "short_unit", "decimals")
NUMBER_META = ("scale", "value_min", "value_max", "decimals")
# Text from a file ends up in page titles, dropdowns, legends and hover labels: a name of 100,000
# characters stalls every page that shows it. The limits are generous for what each key is for.
META_MAX_LENGTH = {"indicator_id": 63, "name_nl": 200, "name_en": 200, "unit": 40, "unit_en": 40, "short_unit": 5,
                   "definition_nl": 2000, "definition_en": 2000, "source": 300, "licence": 200, "source_url": 500,
                   "direction": 40, "kind": 40}
MULTILINE_META = ("definition_nl", "definition_en")
CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f]")
CONTROL_CHARACTERS_BUT_LINES = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# Years of an imported indicator: the monitor's series start in the 1990s; a year after next is a slip.
YEAR_FIRST = 1990
# Problems worded per kind (an unknown code, a text in a number column, ...); the rest are counted.
MAX_PROBLEMS_PER_KIND = 20
MAX_HEADER_LENGTH = 100
logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class StoredImport:
    indicator_id: str
    data_path: Path
    meta: dict

    @property
    def source_id(self) -> str:
        return f"import-{self.indicator_id}"


# ---------------------------------------------------------------- reading

def read_table(path: Path, sheet: str | None = None) -> tuple[pd.DataFrame, str | None, dict]:
    """The data table, its sheet name (Excel) and any metadata sheet.

    Cells are text, except where a workbook stores a number: those stay numbers, so their decimals
    never pass through a notation that could misread them."""
    if not path.is_file():
        raise EtlError("bestand niet gevonden", file=str(path))
    size = path.stat().st_size
    if size == 0:
        raise EtlError("leeg bestand", file=path.name)
    if size > MAX_FILE_BYTES:
        raise EtlError(f"bestand groter dan {MAX_FILE_BYTES} bytes", file=path.name)
    with path.open("rb") as handle:
        head = handle.read(8)
    if head.startswith(b"PK\x03\x04"):
        return _read_xlsx(path, sheet)
    if path.suffix.lower() in (".xlsx", ".xlsm", ".xls"):
        raise EtlError("geen geldig xlsx-bestand (geen zip-archief); sla op als .xlsx of .csv", file=path.name)
    return _read_csv(path), None, {}


def _read_csv(path: Path) -> pd.DataFrame:
    raw = path.read_bytes()
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise EtlError("tekstcodering niet herkend (UTF-8 of Windows-1252 verwacht)", file=path.name)
    del raw
    if "\x00" in text[:4096]:
        raise EtlError("binair bestand; CSV of xlsx verwacht", file=path.name)
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=";,\t")
        delimiter = dialect.delimiter
    except csv.Error:
        delimiter = ";" if text.count(";") > text.count(",") else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    header, header_row = _header(((reader.line_num, row) for row in reader), path.name, None)
    width = len(header)
    # Kept column by column, each distinct text once: a 50 MB file of a few thousand codes and years
    # then holds a few thousand strings, not one object per cell.
    columns: list[list[str]] = [[] for _ in range(width)]
    distinct: list[dict[str, str]] = [{} for _ in range(width)]
    index = []
    for row in reader:
        if not any(c.strip() for c in row):
            continue
        if len(row) != width:
            raise EtlError(f"{len(row)} velden, verwacht {width} zoals de kopregel", file=path.name,
                           row=reader.line_num)
        for column, seen, cell in zip(columns, distinct, row):
            column.append(seen.setdefault(cell, cell))
        index.append(reader.line_num)  # the spreadsheet row number (a quoted line break counts too)
    del text, distinct
    names = _header_names(header, path.name, None, header_row)
    return pd.DataFrame(dict(zip(names, columns)), index=index, dtype=object)


def _header(numbered_rows, file: str, sheet: str | None) -> tuple[list, int]:
    """The header among the first of `numbered_rows` ((row number, cells), consumed up to the header)
    and its row number: the first row naming a NIS code, a year and a value (etl/sources/header_reader.py);
    title rows above it are skipped. A file without one is refused, naming the headers found and
    those expected."""
    above = []
    for number, row in numbered_rows:
        above.append(tuple(row))
        if header_reader.complete(header_reader.columns_by_role(row)):
            return list(row), number
        if len(above) >= header_reader.HEADER_SEARCH_ROWS:
            break
    if not above:
        raise EtlError("geen rijen" if sheet is None else "leeg werkblad", file=file, sheet=sheet)
    raise header_reader.not_recognised(above, file, sheet)


def _header_names(header: list, file: str, sheet: str | None, row: int) -> list[str]:
    """The column names of the header row; an empty one is named by its position, a name twice is
    refused (which of the two columns holds the values would be a guess)."""
    names = [str(h).strip() if h is not None and str(h).strip() else f"kolom {j}" for j, h in enumerate(header, 1)]
    twice = sorted({n for n in names if names.count(n) > 1})
    if twice:
        raise EtlError(f"kolomkop {_shown(twice[0])} staat er meer dan eens", file=file, sheet=sheet, row=row)
    too_long = [n for n in names if len(n) > MAX_HEADER_LENGTH]
    if too_long:
        raise EtlError(f"kolomkop {_shown(too_long[0])} is te lang ({len(too_long[0])} tekens, hoogstens "
                       f"{MAX_HEADER_LENGTH})", file=file, sheet=sheet, row=row)
    return names


def _sheet_key(name: str) -> str:
    """Sheet names as people read them: `Budget` and ` budget ` are one name."""
    return str(name).strip().casefold()


def _read_xlsx(path: Path, sheet: str | None) -> tuple[pd.DataFrame, str, dict]:
    from openpyxl import load_workbook

    _refuse_links(path)
    try:
        wb = load_workbook(path, read_only=True, data_only=False)
    except Exception as exc:
        raise EtlError(f"kan werkmap niet openen: {exc}", file=path.name) from exc
    try:
        name, meta_name = _choose_sheets(wb, sheet, path.name)
        meta = _meta_sheet(wb[meta_name]) if meta_name else {}
        ws = wb[name]
        ws.reset_dimensions()  # a stated dimension of A1:XFD1048576 would pad every row to 16,384 cells
        rows = enumerate(ws.iter_rows(values_only=True), start=1)
        first, number = _header(rows, path.name, name)
        header = _header_names(first, path.name, name, number)
        body, index = [], []
        for i, row in rows:
            if all(c is None or str(c).strip() == "" for c in row):
                continue
            cells = []
            for j, c in enumerate(row[:len(header)]):
                if isinstance(c, str) and c.startswith("="):
                    raise EtlError(f"formule {_shown(c)} waar een waarde verwacht wordt; plak als waarden",
                                   file=path.name, sheet=name, row=i, column=header[j])
                cells.append(_workbook_cell(c))
            body.append(cells + [""] * (len(header) - len(cells)))
            index.append(i)
    finally:
        wb.close()
    frame = pd.DataFrame(body, columns=header, index=index, dtype=object)
    return frame, name, meta


def _workbook_cell(value):
    """A workbook cell as the table keeps it: numbers as numbers, everything else as text."""
    if value is None:
        return ""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return value
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    return str(value)


def _choose_sheets(wb, sheet: str | None, file: str) -> tuple[str, str | None]:
    """The data sheet and the metadata sheet (or None), each matched once by name without case and
    outer spaces. Two sheets of one name are refused (which would be read is a guess), and a hidden
    sheet is never read: its figures are not the ones the person who sends the file sees."""
    by_key: dict[str, list] = {}
    for ws in wb.worksheets:
        by_key.setdefault(_sheet_key(ws.title), []).append(ws)
    for same in by_key.values():
        if len(same) > 1:
            names = ", ".join(repr(ws.title) for ws in same)
            raise EtlError(f"de bladen {names} hebben dezelfde naam (hoofdletters en spaties tellen niet mee); "
                           "hernoem of verwijder er een", file=file, sheet=same[0].title.strip())
    visible = [ws.title for ws in wb.worksheets if ws.sheet_state == "visible"]

    def found(name: str, *, required: bool):
        match = by_key.get(_sheet_key(name))
        if match is None:
            if required:
                raise EtlError(f"blad {_shown(name)} niet gevonden; bladen: {visible}", file=file)
            return None
        if match[0].sheet_state != "visible":
            raise EtlError("blad is verborgen: verborgen bladen worden niet gelezen; maak het zichtbaar of "
                           "verwijder het", file=file, sheet=match[0].title)
        return match[0].title

    meta_name = found("metadata", required=False)
    if sheet:
        return found(sheet, required=True), meta_name
    data_sheets = [name for name in visible if name != meta_name]
    if not data_sheets:
        raise EtlError(f"geen zichtbaar blad met gegevens; bladen: {wb.sheetnames}", file=file)
    return data_sheets[0], meta_name


def _refuse_links(path: Path) -> None:
    """A workbook linking to other files or holding hyperlinks is refused: a number from a linked
    workbook is a cached copy nobody checked, and a link is what a hostile file would carry."""
    try:
        with zipfile.ZipFile(path) as archive:
            names = archive.namelist()
            links = [n for n in names if n.lower().startswith("xl/externallinks/")]
            if links:
                raise EtlError(f"de werkmap verwijst naar een andere werkmap ({links[0]}); verbreek de koppeling "
                               "(Gegevens > Koppelingen bewerken > Koppeling verbreken)", file=path.name)
            for name in names:
                if name.lower().startswith("xl/worksheets/_rels/") and b"/hyperlink" in archive.read(name):
                    raise EtlError(f"de werkmap bevat hyperlinks ({name}); verwijder ze", file=path.name)
    except zipfile.BadZipFile as exc:
        raise EtlError(f"kan werkmap niet openen: {exc}", file=path.name) from exc


def _meta_sheet(ws) -> dict:
    meta = {}
    for row in ws.iter_rows(values_only=True):
        if row and row[0] is not None and len(row) > 1 and row[1] is not None:
            meta[str(row[0]).strip()] = str(row[1]).strip()
    meta.pop("key", None)
    return meta


def read_meta_file(path: Path) -> dict:
    try:
        text = path.read_text(encoding="utf-8")
        meta = tomllib.loads(text) if path.suffix.lower() == ".toml" else json.loads(text)
    except (OSError, ValueError) as exc:
        raise EtlError(f"metadata niet leesbaar: {exc}", file=path.name) from exc
    if not isinstance(meta, dict):
        raise EtlError(f"metadata: een object met sleutels verwacht, gevonden {_type_nl(meta)}", file=path.name)
    return meta


# ---------------------------------------------------------------- validation

def parse_number(text: str, decimal: str | None = None) -> float | None:
    """One number as text, in the notation given, or the one notation it fits (etl.notation).
    Raises ValueError on text that is no finite number or fits both notations with different values."""
    s = notation.normalise(text)
    if s == "":
        return None
    r = notation.reading(s)
    if decimal is None and r.ambiguous:
        raise ValueError(f"{text!r}: decimale komma of punt? geef de notatie")
    value = r.value(decimal or r.decides)
    if not notation.finite(value):
        raise ValueError(f"geen eindig getal: {text!r}")
    return value


def _shown(value, limit: int = 40) -> str:
    """A value from a file as a message quotes it: short, whatever the file holds."""
    text = str(value)
    return repr(text if len(text) <= limit else text[:limit] + "...")


def _type_nl(value) -> str:
    if isinstance(value, list):
        return "een lijst"
    if isinstance(value, dict):
        return "een object"
    if isinstance(value, bool):
        return "waar/onwaar"
    if isinstance(value, (int, float)):
        return "een getal"
    return type(value).__name__


def validate_meta(meta: dict, file: str) -> dict:
    errors = []
    unknown = set(meta) - set(META_KEYS)
    if unknown:
        shown = ", ".join(_shown(k) for k in sorted(map(str, unknown))[:10])
        errors.append(EtlError(f"onbekende metadata-sleutels {shown}; toegelaten: {list(META_KEYS)}", file=file, sheet="metadata"))
    for key in META_KEYS:
        value = meta.get(key)
        if value is None:
            continue
        if key in NUMBER_META:
            if isinstance(value, bool) or not isinstance(value, (str, int, float)):
                errors.append(EtlError(f"metadata '{key}' moet een getal zijn, niet {_type_nl(value)}", file=file, sheet="metadata"))
        elif not isinstance(value, str):
            errors.append(EtlError(f"metadata '{key}' moet tekst zijn, niet {_type_nl(value)}", file=file, sheet="metadata"))
        elif len(value) > META_MAX_LENGTH[key]:
            length = f"{len(value):,}".replace(",", ".")
            errors.append(EtlError(f"metadata '{key}' is te lang: {length} tekens, hoogstens {META_MAX_LENGTH[key]}",
                                   file=file, sheet="metadata"))
        elif CONTROL_CHARACTERS.search(value) if key not in MULTILINE_META else CONTROL_CHARACTERS_BUT_LINES.search(value):
            errors.append(EtlError(f"metadata '{key}' bevat stuurtekens (zoals een regeleinde); één regel tekst verwacht",
                                   file=file, sheet="metadata"))
    if errors:  # the checks below assume text and numbers of a sane length
        raise EtlErrors(errors)
    for key in REQUIRED_META:
        if not str(meta.get(key) or "").strip():
            errors.append(EtlError(f"metadata '{key}' ontbreekt", file=file, sheet="metadata"))
    if meta.get("indicator_id") and not re.match(r"^[a-z][a-z0-9_]{1,62}$", str(meta["indicator_id"])):
        errors.append(EtlError("indicator_id: kleine letters, cijfers en _ (begint met een letter)", file=file, sheet="metadata"))
    if meta.get("direction") and meta["direction"] not in DIRECTIONS:
        verdicts = " of ".join(d for d in DIRECTIONS if d != SIZE_DIRECTION)
        errors.append(EtlError(f"direction moet {verdicts} zijn (of {SIZE_DIRECTION} voor een omvang, zoals een aandeel "
                               f"kinderen), niet {_shown(meta['direction'])}", file=file, sheet="metadata"))
    if meta.get("kind") and meta["kind"] not in KINDS:
        errors.append(EtlError(f"kind moet een van {KINDS} zijn, niet {_shown(meta['kind'])}", file=file, sheet="metadata"))
    if meta.get("source_url") and not re.match(r"^https?://[^\s<>\"']+$", meta["source_url"].strip()):
        errors.append(EtlError(f"source_url moet een http(s)-adres zijn, niet {_shown(meta['source_url'])}", file=file, sheet="metadata"))
    for key in ("scale", "value_min", "value_max"):
        if meta.get(key) not in (None, ""):
            try:
                number = float(meta[key])
            except (TypeError, ValueError):
                errors.append(EtlError(f"{key} moet een getal zijn", file=file, sheet="metadata"))
                continue
            if not math.isfinite(number):
                errors.append(EtlError(f"{key} moet een eindig getal zijn, niet {_shown(meta[key])}", file=file, sheet="metadata"))
    errors += [EtlError(problem, file=file, sheet="metadata") for problem in display_problems(meta)]
    if errors:
        raise EtlErrors(errors)
    return meta


class _Problems:
    """The problems of one table, listed up to MAX_PROBLEMS_PER_KIND per kind and counted beyond:
    a file of a million unknown codes needs its first few named, not a million lines."""

    def __init__(self, file: str, sheet: str | None):
        self.file, self.sheet = file, sheet
        self.listed: list[EtlError] = []
        self.counts: dict[str, int] = {}
        self.labels: dict[str, str] = {}

    def __bool__(self) -> bool:
        return bool(self.counts)

    def add(self, kind: str, reason: str, row: int | None = None, column: str | None = None) -> None:
        self.counts[kind] = self.counts.get(kind, 0) + 1
        if self.counts[kind] <= MAX_PROBLEMS_PER_KIND:
            self.listed.append(EtlError(reason, file=self.file, sheet=self.sheet, row=row, column=column))

    def add_each(self, kind: str, label: str, bad: pd.Series, reason, column: str | None = None) -> None:
        """One problem per entry of `bad` (index: the file's row; value: passed to `reason`), only the
        first MAX_PROBLEMS_PER_KIND worded; `label` names the kind in the count of the rest."""
        if bad.empty:
            return
        self.labels[kind] = label
        listed = self.counts.get(kind, 0)
        for row, value in bad.head(max(0, MAX_PROBLEMS_PER_KIND - listed)).items():
            self.add(kind, reason(value), int(row), column)
        self.counts[kind] = listed + len(bad)

    def raise_if_any(self) -> None:
        if not self:
            return
        errors = list(self.listed)
        for kind, count in self.counts.items():
            if count > MAX_PROBLEMS_PER_KIND:
                rest = f"{count - MAX_PROBLEMS_PER_KIND:,}".replace(",", ".")
                errors.append(EtlError(f"en nog {rest} rijen met hetzelfde probleem ({self.labels.get(kind, kind)})",
                                       file=self.file, sheet=self.sheet))
        raise EtlErrors(errors)


def _cell_text(value) -> str:
    """A cell as text: a whole number stored by a workbook without its `.0`."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _is_stored_number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _numbers(cells: pd.Series, column: str, label: str, decimal: str | None, problems: _Problems,
             negative_allowed: bool) -> tuple[pd.Series, pd.Series, pd.Series]:
    """(numbers, suppressed, refused) of one value column, read column-wise (etl.notation)."""
    values = pd.Series(np.nan, index=cells.index, dtype=float)
    stored = cells.map(_is_stored_number).astype(bool)
    values[stored] = cells[stored].astype(float)
    texts = cells[~stored].map(lambda v: notation.normalise(str(v)))
    suppressed = pd.Series(False, index=cells.index)
    suppressed[texts.index] = texts == "*"
    to_read = texts[(texts != "") & (texts != "*")]
    refused = pd.Series(False, index=cells.index)
    decided = notation.decide(to_read, decimal)
    if decided.problem:
        row = to_read.index[to_read == decided.example][0]
        problems.add(f"notation-{column}", decided.problem, int(row), column)
        refused[to_read.index] = True
        return values, suppressed, refused
    values[to_read.index] = to_read.map({t: decided.value(t) for t in decided.readings}).astype(float)
    unreadable = values.isna() & refused.index.isin(to_read.index)
    notation_hint = f" in de notatie met {notation.NOTATION_NL[decimal]}" if decimal else ""
    problems.add_each(f"number-{column}", "geen getal", cells[unreadable],
                      lambda v: (f"geen eindig getal: {_shown(v)}" if notation.is_non_finite_word(notation.normalise(str(v)))
                                 else f"getal verwacht{notation_hint}, gevonden {_shown(str(v).strip())}"), column)
    infinite = values.notna() & ~np.isfinite(values)
    problems.add_each(f"infinite-{column}", "geen eindig getal", cells[infinite],
                      lambda v: f"geen eindig getal: {_shown(str(v).strip())} is te groot", column)
    refused |= unreadable | infinite
    values[infinite] = np.nan
    if not negative_allowed:
        negative = values < 0
        problems.add_each(f"negative-{column}", f"{label} negatief", cells[negative],
                          lambda v: f"{label} mag niet negatief zijn ({str(v).strip()})", column)
        refused |= negative
    return values, suppressed, refused


def _codes(cells: pd.Series, column: str, codes: dict[int, set[str]], problems: _Problems) -> pd.Series:
    text = cells.map(_cell_text)
    code = text.where(~text.str.isdigit(), text.str.zfill(5))
    well_formed = code.str.fullmatch(r"\d{5}")
    problems.add_each("code-format", "geen NIS-code van 5 cijfers", text[~well_formed],
                      lambda t: f"NIS-code van 5 cijfers verwacht, gevonden {_shown(t)}", column)
    known = code.isin(set().union(*codes.values()))
    problems.add_each("code-unknown", "onbekende NIS-code", code[well_formed & ~known],
                      lambda c: f"onbekende NIS-code {c}: geen Vlaamse of Brusselse gemeente van 2018, 2019 of 2025",
                      column)
    return code


def _years(cells: pd.Series, column: str, problems: _Problems) -> pd.Series:
    """Whole years within the plausible range (YEAR_FIRST to next year), by the file's row."""
    text = cells.map(_cell_text)
    well_formed = text.str.fullmatch(r"\d{4}(\.0)?")
    problems.add_each("year-format", "geen jaartal", text[~well_formed],
                      lambda t: f"jaartal verwacht (bv. 2022), gevonden {_shown(t)}", column)
    years = pd.to_numeric(text.where(well_formed).str.removesuffix(".0"), errors="coerce")
    last = date.today().year + 1
    outside = well_formed & ((years < YEAR_FIRST) | (years > last))
    problems.add_each("year-range", "jaartal buiten het bereik", years[outside],
                      lambda y: f"jaartal {int(y)} buiten het plausibele bereik {YEAR_FIRST}-{last}", column)
    return years.where(well_formed & ~outside)


def validate_table(frame: pd.DataFrame, meta: dict, file: str, sheet: str | None,
                   municipality: pd.DataFrame, crosswalk: pd.DataFrame, decimal: str | None = None) -> pd.DataFrame:
    """The long frame harmonise.to_2025 expects, or the problems found, by cell.

    Column-wise, so the work grows with the file's rows and distinct values, and each kind of problem
    is listed up to MAX_PROBLEMS_PER_KIND times with a count of the rest.
    decimal: `,` or `.` when the user settled the notation of the numbers (etl.notation)."""
    problems = _Problems(file, sheet)
    columns = _map_columns(frame, file, sheet)
    kind = meta.get("kind") or ("rate" if {"numerator", "denominator"} <= set(columns) else "statistic")
    meta["kind"] = kind
    scale = float(meta.get("scale") or (100.0 if str(meta.get("unit")).strip() == "%" else 1.0))
    meta["scale"] = scale
    if kind == "rate" and not {"numerator", "denominator"} <= set(columns):
        problems.add("rate-columns", "een indicator van soort 'rate' heeft kolommen teller en noemer nodig")
    if "value" not in columns and kind != "rate":  # without values only a rate is computed, from its counts
        problems.add("value-column", f"zonder kolom waarde moet de indicator van soort 'rate' zijn, niet {kind!r}")
    if frame.empty:
        problems.add("no-rows", "geen gegevensrijen")
        problems.raise_if_any()

    codes = {v: set(municipality.loc[municipality["vintage"] == v, "nis_code"]) for v in (2018, 2019, 2025)}
    table = pd.DataFrame({"row": frame.index}, index=frame.index)
    table["nis_code"] = _codes(frame[columns["nis_code"]], columns["nis_code"], codes, problems)
    table["year"] = _years(frame[columns["year"]], columns["year"], problems)
    refused = {}
    for name in ("value", "numerator", "denominator"):
        if name in columns:
            table[name], table[f"{name}_suppressed"], refused[name] = _numbers(
                frame[columns[name]], columns[name], name, decimal, problems, negative_allowed=name == "value")
        else:
            table[name], table[f"{name}_suppressed"], refused[name] = np.nan, False, pd.Series(False, index=frame.index)
    if kind == "rate" and {"numerator", "denominator"} <= set(columns):
        _check_rates(table, refused, columns, scale, problems)
    if not problems:
        dup = table.duplicated(["nis_code", "year"], keep=False)
        which = table.loc[dup, "nis_code"] + " in " + table.loc[dup, "year"].astype(int).astype(str)
        problems.add_each("duplicate", "dubbele rij", which, lambda w: f"dubbele rij voor {w}")
    if not problems:
        table["from_vintage"] = _vintages(table, codes, columns["nis_code"], problems)
    if not problems:
        _check_bounds(table, meta, columns, problems)
    problems.raise_if_any()
    suppressed = table["value_suppressed"] | table["numerator_suppressed"] | table["denominator_suppressed"]
    flag = np.where(suppressed, "suppressed", np.where(table["value"].isna(), "missing", "original"))
    return pd.DataFrame({
        "indicator_id": meta["indicator_id"], "from_vintage": table["from_vintage"], "nis_code": table["nis_code"],
        "year": table["year"].astype(int), "value": table["value"], "numerator": table["numerator"],
        "denominator": table["denominator"],
        "weight": table["denominator"], "flag": flag, "source_id": f"import-{meta['indicator_id']}",
    }).reset_index(drop=True)


def _check_rates(table: pd.DataFrame, refused: dict[str, pd.Series], columns: dict[str, str], scale: float,
                 problems: _Problems) -> None:
    """A rate's value must come with its counts and agree with them; a missing value is computed.

    Merged municipalities and areas are combined from counts: a rate without them could only be
    averaged, which we never do."""
    for name, label in (("numerator", "teller"), ("denominator", "noemer")):
        lacking = (~table["value_suppressed"] & table["value"].notna() & table[name].isna()
                   & ~table[f"{name}_suppressed"] & ~refused[name])
        problems.add_each(f"lacking-{name}", f"{label} ontbreekt", table.loc[lacking, "row"],
                          lambda _, label=label: f"{label} ontbreekt: een indicator van soort 'rate' heeft bij elke "
                          "waarde een teller en een noemer nodig (of * als de bron ze verbergt)", columns[name])
    both = table["numerator"].notna() & table["denominator"].notna()
    zero = both & (table["denominator"] == 0)
    problems.add_each("zero-denominator", "noemer is 0", table.loc[zero, "row"], lambda _: "noemer is 0",
                      columns["denominator"])
    usable = both & ~zero
    implied = (table["numerator"] / table["denominator"].where(usable)) * scale
    given = table["value"].notna()
    tolerance = np.maximum(0.01 * table["value"].abs(), 0.05)
    mismatch = usable & given & ((implied - table["value"]).abs() > tolerance)
    problems.add_each("rate-mismatch", "waarde past niet bij teller/noemer", table.loc[mismatch, "row"],
                      lambda row: f"waarde {table.at[row, 'value']} past niet bij teller/noemer x {scale:g} = "
                                  f"{implied.at[row]:.3f}", columns.get("value"))
    table.loc[usable & ~given, "value"] = implied[usable & ~given]


# header_reader's roles as the columns of the tidy table are named here.
COLUMN_OF_ROLE = {"nis": "nis_code", "year": "year", "value": "value", "numerator": "numerator",
                  "denominator": "denominator"}


def _map_columns(frame: pd.DataFrame, file: str, sheet: str | None) -> dict[str, str]:
    """Column of the table -> the file's header, found by etl/sources/header_reader.py (its one alias
    table). Two headers of one meaning are refused: which holds the figures would be a guess."""
    headers = [str(c) for c in frame.columns]
    roles = header_reader.columns_by_role(headers)
    if not header_reader.complete(roles):
        raise header_reader.not_recognised([headers], file, sheet)
    for role, positions in roles.items():
        if len(positions) > 1:
            named = " en ".join(_shown(headers[i]) for i in positions)
            raise EtlError(f"de kolommen {named} betekenen allebei {COLUMN_OF_ROLE[role]}; hernoem of verwijder er "
                           f"een", file=file, sheet=sheet)
    return {COLUMN_OF_ROLE[role]: frame.columns[positions[0]] for role, positions in roles.items()}


def _vintages(table: pd.DataFrame, codes: dict[int, set[str]], code_column: str, problems: _Problems) -> pd.Series:
    """The code vintage of each year's rows. A file may use each year's own codes, but within a
    year one vintage only: a 2019 and a 2025 code of the same place would count it twice."""
    new_2025 = codes[2025] - codes[2019]
    retired_by_2025 = (codes[2019] | codes[2018]) - codes[2025]
    only_2018 = codes[2018] - codes[2019]
    new_2019 = codes[2019] - codes[2018]
    vintage = pd.Series(0, index=table.index)
    for year, rows in table.groupby("year"):
        present = set(rows["nis_code"])
        for a, b in ((new_2025, retired_by_2025), (only_2018, new_2019)):
            if present & a and present & b:
                later = min(present & b)  # named by the row of one code of the other vintage
                row = int(rows.loc[rows["nis_code"] == later, "row"].iloc[0])
                problems.add("vintage-mix",
                             f"jaar {year} mengt codes van verschillende indelingen ({sorted(present & a)[:3]} en "
                             f"{sorted(present & b)[:3]}); gebruik per jaar één indeling", row, code_column)
                break
        else:
            if present & new_2025:
                chosen = 2025
            elif present & only_2018:
                chosen = 2018
            elif present & (new_2019 | retired_by_2025):
                chosen = 2019
            else:  # only codes every vintage shares: the vintage in force that year
                chosen = 2025 if year >= 2025 else 2019 if year >= 2019 else 2018
            outside = sorted(present - codes[chosen])
            if outside:
                row = int(rows.loc[rows["nis_code"] == outside[0], "row"].iloc[0])
                problems.add("vintage-outside", f"code {outside[0]} bestaat niet in de indeling NIS {chosen} die de "
                             f"andere codes van {year} gebruiken", row, code_column)
            vintage.loc[rows.index] = chosen
    return vintage


def _check_bounds(table, meta, columns, problems: _Problems) -> None:
    lo, hi = meta.get("value_min"), meta.get("value_max")
    for bound, test in ((lo, lambda v, b: v < b), (hi, lambda v, b: v > b)):
        if bound in (None, ""):
            continue
        bad = table.loc[test(table["value"], float(bound)), "value"]
        problems.add_each("bounds", "waarde buiten het bereik", bad, lambda v: f"waarde {v} buiten het bereik [{lo}, {hi}]",
                          columns.get("value"))


# ---------------------------------------------------------------- applying

def indicator_row(meta: dict) -> dict:
    kind = meta["kind"]
    rule = {"count": "Fusiegemeenten: som van de voorgangers.",
            "rate": "Fusiegemeenten: som van de tellers gedeeld door som van de noemers.",
            "statistic": "Fusiegemeenten: naar noemer gewogen gemiddelde (geschat); zonder noemer leeg."}[kind]
    short_unit, decimals = default_display(meta["unit"], kind)
    if meta.get("short_unit") not in (None, ""):
        short_unit = meta["short_unit"]
    if meta.get("decimals") not in (None, ""):
        decimals = parse_decimals(meta["decimals"])
    # Keys in the column order of table `indicator`.
    return {"indicator_id": meta["indicator_id"], "name_nl": meta["name_nl"], "name_en": meta.get("name_en") or meta["name_nl"],
            "unit": meta["unit"], "unit_nl": meta["unit"], "unit_en": meta.get("unit_en") or None,
            "short_unit": short_unit, "decimals": decimals,
            "definition_nl": meta["definition_nl"], "definition_en": meta.get("definition_en"),
            "direction": meta["direction"], "source_id": f"import-{meta['indicator_id']}", "kind": kind,
            "scale": float(meta["scale"]), "harmonisation_nl": rule,
            "note_nl": f"Geïmporteerd door een analist; bron: {meta['source']}",
            "value_min": float(meta["value_min"]) if meta.get("value_min") not in (None, "") else None,
            "value_max": float(meta["value_max"]) if meta.get("value_max") not in (None, "") else None,
            "origin": "imported"}


def prepare(path: Path, meta: dict, municipality: pd.DataFrame, crosswalk: pd.DataFrame,
            sheet: str | None = None, decimal: str | None = None) -> tuple[pd.DataFrame, dict]:
    """Validate a file and its metadata; return harmonised municipal + area values and the metadata.
    decimal: `,` or `.` when the user settled the notation of numbers written as text."""
    frame, sheet_name, sheet_meta = read_table(path, sheet)
    meta = validate_meta({**sheet_meta, **{k: v for k, v in meta.items() if v not in (None, "")}}, path.name)
    long = validate_table(frame, meta, path.name, sheet_name, municipality, crosswalk, decimal)
    rule = {meta["indicator_id"]: Rule(meta["kind"], float(meta["scale"]))}
    muni_2025 = municipality.query("vintage == 2025")
    xw = crosswalk.query("to_vintage == 2025")
    municipal = harmonise.to_2025(long, rule, xw, muni_2025["nis_code"])
    areas = harmonise.aggregate(municipal, rule, muni_2025)
    return pd.concat([municipal, areas], ignore_index=True), meta


def apply(con, item: StoredImport, municipality: pd.DataFrame, crosswalk: pd.DataFrame) -> int:
    """Insert one stored import into an open (new) warehouse; see apply_all."""
    return apply_all(con, [item], municipality, crosswalk)[item.source_id]


def apply_all(con, items: list[StoredImport], municipality: pd.DataFrame, crosswalk: pd.DataFrame) -> dict[str, int]:
    """Insert the stored imports into an open (new) warehouse, each table in one statement; returns
    the 2025 municipal rows per import source.

    Their values come from the verified results kept beside them (see `prepared`): a build
    validates and harmonises a file once, not on every build."""
    geography = _geography_digest(municipality, crosswalk)
    by_indicator: dict[str, tuple[StoredImport, PreparedValues, dict]] = {}
    for item in items:
        try:
            values, meta = prepared(item, municipality, crosswalk, geography)
        except EtlError as exc:
            raise EtlError(f"eerder geïmporteerde indicator past niet meer: {exc.describe()}", source=item.source_id) from exc
        by_indicator[meta["indicator_id"]] = (item, values, meta)  # two folders of one indicator: the last one
    present = dict(con.execute("SELECT indicator_id, origin FROM indicator WHERE indicator_id IN (SELECT unnest(?))",
                               [list(by_indicator)]).fetchall())
    for indicator_id, (item, _, _) in by_indicator.items():
        if present.get(indicator_id) == "built_in":  # a later version of the ETL added a built-in one of that name
            raise EtlError(f"eerder geïmporteerde indicator {indicator_id!r} heeft nu de naam van een ingebouwde "
                           f"indicator; importeer hem opnieuw onder een andere naam en verwijder de map "
                           f"{item.data_path.parent}", source=item.source_id)
    # A new warehouse holds none of them yet: then nothing needs deleting first.
    _insert_imports(con, [(values, meta, item.meta) for item, values, meta in by_indicator.values()],
                    replace=bool(present))
    return {item.source_id: values.municipal_rows for item, values, _ in by_indicator.values()}


# ---------------------------------------------------------------- the verified result of an import

PREPARED_VALUES = "prepared.parquet"
PREPARED_RECORD = "prepared.json"
# The code whose outcome a prepared result is: a change to any of these files prepares again.
HARMONISATION_CODE = ("imports.py", "harmonise.py", "notation.py", "tables.py", "geography_codes.py",
                      "sources/common.py", "sources/header_reader.py")
VALUE_TYPES = {"indicator_id": "VARCHAR", "nis_code": "VARCHAR", "year": "INTEGER", "value": "DOUBLE",
               "numerator": "DOUBLE", "denominator": "DOUBLE", "flag": "VARCHAR", "source_id": "VARCHAR",
               "note": "VARCHAR"}


@dataclass(frozen=True)
class PreparedValues:
    """An import's harmonised values: a frame just prepared, or the verified parquet file beside the import."""
    rows: int
    municipal_rows: int
    frame: pd.DataFrame | None = None
    parquet: Path | None = None


@cache
def harmonisation_version() -> str:
    """sha256 of the code that validates and harmonises an import (HARMONISATION_CODE)."""
    digest = hashlib.sha256()
    for name in HARMONISATION_CODE:
        digest.update(name.encode() + b"\0" + (Path(__file__).parent / name).read_bytes())
    return digest.hexdigest()


# The columns of the geography that checking and harmonising an import read.
GEOGRAPHY_COLUMNS = {"municipality": ("nis_code", "vintage", "province_nis", "region_nis"),
                     "crosswalk": ("from_vintage", "from_nis", "to_vintage", "to_nis")}


def _geography_digest(municipality: pd.DataFrame, crosswalk: pd.DataFrame) -> str:
    """The municipalities and crosswalk an import was checked and harmonised against, as text in a
    fixed order: the same geography read from the warehouse or parsed by a build has one digest."""
    digest = hashlib.sha256()
    for name, frame in (("municipality", municipality), ("crosswalk", crosswalk)):
        columns = list(GEOGRAPHY_COLUMNS[name])
        text = frame[columns].astype(str).sort_values(columns, ignore_index=True)
        digest.update(name.encode() + pd.util.hash_pandas_object(text, index=False).to_numpy().tobytes())
    return digest.hexdigest()


def prepared_key(data_sha256: str, record: dict, municipality: pd.DataFrame, crosswalk: pd.DataFrame,
                 geography: str | None = None) -> str:
    """What a prepared result depends on: the file's bytes, its metadata and reading options, the
    geography and the code version. A result is reused only under the same key."""
    payload = {"data": data_sha256, "metadata": record["metadata"], "sheet": record.get("sheet"),
               "decimal": record.get("decimal"), "geography": geography or _geography_digest(municipality, crosswalk),
               "code": harmonisation_version()}
    return hashlib.sha256(json.dumps(payload, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def prepared(item: StoredImport, municipality: pd.DataFrame, crosswalk: pd.DataFrame,
             geography: str | None = None) -> tuple[PreparedValues, dict]:
    """The harmonised values and checked metadata of a stored import: the verified result beside it
    when its key and checksum match, else the file validated and harmonised again (and that result
    kept for the next build). `geography`: the digest of the two frames, when already computed."""
    key = prepared_key(sha256_of(item.data_path), item.meta, municipality, crosswalk, geography)
    found = read_prepared(item.data_path.parent, key)
    if found is not None:
        return found
    frame, meta = prepare(item.data_path, dict(item.meta["metadata"]), municipality, crosswalk,
                          item.meta.get("sheet"), item.meta.get("decimal"))
    values = _prepared_frame(frame, municipality)
    try:
        write_prepared(item.data_path.parent, key, values, meta)
    except OSError as exc:  # a read-only imports folder costs only the time to prepare it again next build
        logger.warning("resultaat van import %s niet bewaard in %s (%s); de volgende build controleert het opnieuw",
                       item.indicator_id, item.data_path.parent, exc)
    return values, meta


def _prepared_frame(frame: pd.DataFrame, municipality: pd.DataFrame) -> PreparedValues:
    muni_2025 = municipality.loc[municipality["vintage"] == 2025, "nis_code"]
    return PreparedValues(len(frame), int(frame["nis_code"].isin(muni_2025).sum()), frame=frame)


def read_prepared(folder: Path, key: str) -> tuple[PreparedValues, dict] | None:
    """The prepared result in `folder` if it was made under `key` and its file still has the
    checksum recorded when it was written; None otherwise (then it is prepared again)."""
    try:
        record = json.loads((folder / PREPARED_RECORD).read_text(encoding="utf-8"))
        if record.get("key") != key or sha256_of(folder / PREPARED_VALUES) != record.get("sha256"):
            return None
        return PreparedValues(int(record["rows"]), int(record["municipal_rows"]),
                              parquet=folder / PREPARED_VALUES), dict(record["metadata"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def write_prepared(folder: Path, key: str, values: PreparedValues, meta: dict) -> None:
    """Keep a prepared result beside its import: the values as parquet, then a record of its key and
    checksum (written last, each by rename, so a half-written result is never taken for one)."""
    import duckdb

    parquet, record = folder / PREPARED_VALUES, folder / PREPARED_RECORD
    part = parquet.with_name(parquet.name + ".part")
    try:
        with duckdb.connect() as con:
            con.register("prepared_values", values.frame[harmonise.OUTPUT_COLUMNS])
            columns = ", ".join(f'"{c}"::{VALUE_TYPES[c]} AS "{c}"' for c in harmonise.OUTPUT_COLUMNS)  # fixed names
            con.sql(f"SELECT {columns} FROM prepared_values").write_parquet(str(part))
        os.replace(part, parquet)
        body = {"key": key, "sha256": sha256_of(parquet), "rows": values.rows, "municipal_rows": values.municipal_rows,
                "metadata": meta, "written_at": datetime.now(UTC).isoformat(timespec="seconds")}
        part = record.with_name(record.name + ".part")
        part.write_text(json.dumps(body, ensure_ascii=False, indent=2), encoding="utf-8")
        os.replace(part, record)
    finally:
        part.unlink(missing_ok=True)


def _insert_imports(con, imports: list[tuple[PreparedValues, dict, dict]], replace: bool = True) -> None:
    """The rows of imports (values, checked metadata, stored record) in every table, one statement
    per table; `replace`: remove a previous version of each first."""
    if not imports:
        return
    ids = [meta["indicator_id"] for _, meta, _ in imports]
    if replace:
        for table, column, keys in (("indicator_value", "indicator_id", ids), ("indicator", "indicator_id", ids),
                                    ("indicator_import", "indicator_id", ids),
                                    ("source", "source_id", [f"import-{i}" for i in ids])):
            con.execute(f'DELETE FROM "{table}" WHERE {column} IN (SELECT unnest(?))', [keys])  # fixed names
    columns = ", ".join(f'"{c}"' for c in harmonise.OUTPUT_COLUMNS)  # fixed names
    parquets = [str(values.parquet) for values, _, _ in imports if values.parquet is not None]
    if parquets:
        con.execute(f"INSERT INTO indicator_value ({columns}) SELECT {columns} FROM read_parquet(?)", [parquets])
    frames = [values.frame[harmonise.OUTPUT_COLUMNS] for values, _, _ in imports if values.frame is not None]
    if frames:
        con.register("imp_values", pd.concat(frames, ignore_index=True))
        con.execute(f"INSERT INTO indicator_value ({columns}) SELECT {columns} FROM imp_values")
        con.unregister("imp_values")
    con.register("imp_indicator", pd.DataFrame([indicator_row(meta) for _, meta, _ in imports]))
    con.execute("INSERT INTO indicator SELECT * FROM imp_indicator")
    con.unregister("imp_indicator")
    con.executemany("INSERT INTO indicator_import VALUES (?, ?, ?, ?, ?, ?)",
                    [[meta["indicator_id"], record["file_name"], record["sha256"], record["imported_at"],
                      record["imported_by"], values.rows] for values, meta, record in imports])
    con.executemany("INSERT INTO source (source_id, url, publisher, licence, sha256, retrieved_at, rows_loaded, dataset, "
                    "bytes, fetched_how) VALUES (?, ?, ?, ?, ?, ?, ?, 'imports', ?, 'import')",
                    [[f"import-{meta['indicator_id']}", meta.get("source_url") or f"lokaal bestand: {record['file_name']}",
                      meta["source"], meta["licence"], record["sha256"], record["imported_at"], values.rows,
                      record["bytes"]] for values, meta, record in imports])


def superseded_by_official(items: list[StoredImport], official: dict[str, str]) -> tuple[list[StoredImport], list[dict]]:
    """The stored imports a build applies, and those it skips because the official release of the
    same indicator was loaded in this build (`official`: indicator id -> official source id).

    Rule: the official release wins. An import of a Gemeente-Stadsmonitor extract (`--gsm CODE`)
    is a hand-downloaded copy of that same release, with the same catalogue metadata; the release
    the build reaches (or the one pinned by a snapshot) is reproducible and at least as new. The
    import stays stored and counts again in a build where the official release is not loaded."""
    kept, skipped = [], []
    for item in items:
        indicator_id = str(item.meta.get("metadata", {}).get("indicator_id") or item.indicator_id)
        if indicator_id in official:
            skipped.append({"indicator_id": indicator_id, "file_name": item.meta.get("file_name"),
                            "imported_at": item.meta.get("imported_at"), "official_source": official[indicator_id],
                            "folder": str(item.data_path.parent)})
        else:
            kept.append(item)
    return kept, skipped


def stored_imports(imports_dir: Path) -> list[StoredImport]:
    if not imports_dir.is_dir():
        return []
    out = []
    for folder in sorted(p for p in imports_dir.iterdir() if p.is_dir() and not p.name.startswith(".")):
        meta_path = folder / "import.json"
        if not meta_path.exists():
            continue
        record = json.loads(meta_path.read_text(encoding="utf-8"))
        out.append(StoredImport(folder.name, folder / record["stored_as"], record))
    return out


def import_indicator(path: Path, meta: dict, settings, sheet: str | None = None, user: str | None = None,
                     decimal: str | None = None, file_name: str | None = None) -> dict:
    """Validate, load into a copy of the live warehouse, check, swap in, then keep the file.
    decimal: `,` or `.` settles the notation of numbers written as text (kept for later builds).
    file_name: the name the user's file had, when `path` is a tidy copy made from it (a GSM extract)."""
    from etl.writer_lock import warehouse_writer

    if decimal not in (None, notation.COMMA, notation.POINT):
        raise EtlError(f"--decimal moet , of . zijn, niet {_shown(decimal)}")
    with warehouse_writer(settings.warehouse_path):  # no build or load swaps the file meanwhile
        return _import_indicator(path, meta, settings, sheet, user, decimal, file_name)


def _import_indicator(path: Path, meta: dict, settings, sheet: str | None, user: str | None,
                      decimal: str | None, file_name: str | None = None) -> dict:
    import duckdb

    from etl.checks import run_checks
    from etl.staged import staged_warehouse

    live = settings.warehouse_path
    if not live.exists():
        raise EtlError(f"geen warehouse op {live}: bouw eerst met `python -m etl build`")
    reader = duckdb.connect(str(live), read_only=True)
    try:
        municipality = reader.sql("SELECT * FROM municipality").df()
        crosswalk = reader.sql("SELECT * FROM municipality_crosswalk").df()
        builtin = {r[0] for r in reader.sql("SELECT indicator_id FROM indicator WHERE origin = 'built_in'").fetchall()}
    finally:
        reader.close()
    frame, meta = prepare(path, meta, municipality, crosswalk, sheet, decimal)
    if meta["indicator_id"] in builtin:
        raise EtlError(f"indicator_id {meta['indicator_id']!r} is een ingebouwde indicator; kies een andere naam",
                       file=path.name, sheet="metadata")
    values = _prepared_frame(frame, municipality)
    data = path.read_bytes()
    record = {"file_name": file_name or path.name, "stored_as": "data" + path.suffix.lower(), "sha256": hashlib.sha256(data).hexdigest(),
              "bytes": len(data), "imported_at": datetime.now(UTC).isoformat(timespec="seconds"),
              "imported_by": user or _user(), "sheet": sheet, "decimal": decimal, "metadata": {k: meta[k] for k in META_KEYS if meta.get(k) not in (None, "")}}
    record_text = json.dumps(record, ensure_ascii=False, indent=2)
    # Keyed as a build reads the record back, so the build reuses this result instead of preparing again.
    key = prepared_key(record["sha256"], json.loads(record_text), municipality, crosswalk)

    # The stored file is staged, so it lands just before the warehouse: a crash in between leaves a
    # stored import the next build applies, never a warehouse value whose file the next build would
    # lack. A failed swap puts the previous stored import back.
    with staged_warehouse(live, "import", copy_live=True, checks=[run_checks]) as staged:
        _insert_imports(staged.connection, [(values, meta, record)])
        folder = staged.stage(settings.imports_dir / meta["indicator_id"])
        folder.mkdir()
        shutil.copyfile(path, folder / record["stored_as"])
        (folder / "import.json").write_text(record_text, encoding="utf-8")
        write_prepared(folder, key, values, meta)
    muni = frame["nis_code"].str.len().eq(5) & frame["nis_code"].isin(municipality.loc[municipality["vintage"] == 2025, "nis_code"])
    return {"indicator_id": meta["indicator_id"], "rows": int(muni.sum()),
            "flags": frame.loc[muni, "flag"].value_counts().to_dict(), "years": sorted(frame["year"].unique().tolist())}


def _user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "onbekend"
