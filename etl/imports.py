"""`python -m etl import-indicator FILE`: an analyst's own indicator, validated cell by cell,
harmonised to the 2025 municipalities like the built-in sources, and kept for every later build.

The table is tidy: one row per municipality and year, columns nis_code, year, value and optionally
numerator and denominator (Dutch headers niscode/jaar/waarde/teller/noemer are accepted). The
metadata (name, unit, definition, source, licence, direction) comes from options, a JSON/TOML file
or a sheet named `metadata` (key, value) in the workbook.

Accepted files are stored under ETL_IMPORTS_DIR/<indicator_id>/ and re-applied by `etl build`.
"""
from __future__ import annotations

import csv
import getpass
import hashlib
import io
import json
import math
import re
import shutil
import tomllib
import zipfile
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

import numpy as np
import pandas as pd

from etl import harmonise, notation
from etl.errors import EtlError, EtlErrors
from etl.harmonise import Rule
from etl.sources.common import default_display, display_problems, parse_decimals
from etl.tables import DIRECTIONS, KINDS

MAX_FILE_BYTES = 50_000_000
ALIASES = {
    "nis_code": ("nis_code", "nis", "niscode", "nis-code", "code", "refnis", "gemeente_nis"),
    "year": ("year", "jaar", "periode", "period"),
    "value": ("value", "waarde"),
    "numerator": ("numerator", "teller"),
    "denominator": ("denominator", "noemer"),
}
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
    header = next(reader, None)
    if header is None:
        raise EtlError("geen rijen", file=path.name)
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
    names = _header_names(header, path.name, None)
    return pd.DataFrame(dict(zip(names, columns)), index=index, dtype=object)


def _header_names(header: list, file: str, sheet: str | None) -> list[str]:
    """The column names of row 1; an empty one is named by its position, a name twice is refused
    (which of the two columns holds the values would be a guess)."""
    names = [str(h).strip() if h is not None and str(h).strip() else f"kolom {j}" for j, h in enumerate(header, 1)]
    twice = sorted({n for n in names if names.count(n) > 1})
    if twice:
        raise EtlError(f"kolomkop {_shown(twice[0])} staat er meer dan eens", file=file, sheet=sheet, row=1)
    too_long = [n for n in names if len(n) > MAX_HEADER_LENGTH]
    if too_long:
        raise EtlError(f"kolomkop {_shown(too_long[0])} is te lang ({len(too_long[0])} tekens, hoogstens "
                       f"{MAX_HEADER_LENGTH})", file=file, sheet=sheet, row=1)
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
        rows = ws.iter_rows(values_only=True)
        first = next(rows, None)
        if first is None:
            raise EtlError("leeg werkblad", file=path.name, sheet=name)
        header = _header_names(list(first), path.name, name)
        body, index = [], []
        for i, row in enumerate(rows, start=2):
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
        errors.append(EtlError(f"direction moet {' of '.join(DIRECTIONS)} zijn, niet {_shown(meta['direction'])}", file=file, sheet="metadata"))
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
                                  f"{implied.at[row]:.3f}", columns["value"])
    table.loc[usable & ~given, "value"] = implied[usable & ~given]


def _map_columns(frame: pd.DataFrame, file: str, sheet: str | None) -> dict[str, str]:
    lower = {str(c).strip().lower(): c for c in frame.columns}
    found = {}
    for name, aliases in ALIASES.items():
        for alias in aliases:
            if alias in lower:
                found[name] = lower[alias]
                break
    missing = [n for n in ("nis_code", "year", "value") if n not in found]
    if missing:
        raise EtlError(f"kolommen {missing} ontbreken; gevonden {list(frame.columns)}; verwacht nis_code, year, value "
                       f"(of niscode, jaar, waarde) en optioneel numerator/teller, denominator/noemer",
                       file=file, sheet=sheet, row=1)
    return found


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
                          columns["value"])


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
    """Insert one stored import into an open (new) warehouse."""
    try:
        values, meta = prepare(item.data_path, dict(item.meta["metadata"]), municipality, crosswalk,
                               item.meta.get("sheet"), item.meta.get("decimal"))
    except EtlError as exc:
        raise EtlError(f"eerder geïmporteerde indicator past niet meer: {exc.describe()}", source=item.source_id) from exc
    clash = con.execute("SELECT 1 FROM indicator WHERE indicator_id = ? AND origin = 'built_in'",
                        [meta["indicator_id"]]).fetchone()
    if clash:  # a later version of the ETL added a built-in indicator of the same name
        raise EtlError(f"eerder geïmporteerde indicator {meta['indicator_id']!r} heeft nu de naam van een ingebouwde "
                       f"indicator; importeer hem opnieuw onder een andere naam en verwijder de map {item.data_path.parent}",
                       source=item.source_id)
    _insert_import(con, values, meta, item.meta)
    return int((values["nis_code"].isin(municipality.loc[municipality["vintage"] == 2025, "nis_code"])).sum())


def _insert_import(con, values: pd.DataFrame, meta: dict, record: dict) -> None:
    iid = meta["indicator_id"]
    for table, column in (("indicator_value", "indicator_id"), ("indicator", "indicator_id"),
                          ("indicator_import", "indicator_id"), ("source", "source_id")):
        key = iid if column == "indicator_id" else f"import-{iid}"
        con.execute(f'DELETE FROM "{table}" WHERE {column} = ?', [key])  # fixed names, parameterised value
    con.register("imp_indicator", pd.DataFrame([indicator_row(meta)]))
    con.execute("INSERT INTO indicator SELECT * FROM imp_indicator")
    con.register("imp_values", values[harmonise.OUTPUT_COLUMNS])
    con.execute("INSERT INTO indicator_value SELECT * FROM imp_values")
    con.execute("INSERT INTO indicator_import VALUES (?, ?, ?, ?, ?, ?)",
                [iid, record["file_name"], record["sha256"], record["imported_at"], record["imported_by"], len(values)])
    url = meta.get("source_url") or f"lokaal bestand: {record['file_name']}"
    con.execute("INSERT INTO source VALUES (?, ?, ?, ?, ?, ?, ?, 'imports', ?, 'import')",
                [f"import-{iid}", url, meta["source"], meta["licence"], record["sha256"], record["imported_at"],
                 len(values), record["bytes"]])
    con.unregister("imp_indicator")
    con.unregister("imp_values")


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
                     decimal: str | None = None) -> dict:
    """Validate, load into a copy of the live warehouse, check, swap in, then keep the file.
    decimal: `,` or `.` settles the notation of numbers written as text (kept for later builds)."""
    from etl.writer_lock import warehouse_writer

    if decimal not in (None, notation.COMMA, notation.POINT):
        raise EtlError(f"--decimal moet , of . zijn, niet {_shown(decimal)}")
    with warehouse_writer(settings.warehouse_path):  # no build or load swaps the file meanwhile
        return _import_indicator(path, meta, settings, sheet, user, decimal)


def _import_indicator(path: Path, meta: dict, settings, sheet: str | None, user: str | None,
                      decimal: str | None) -> dict:
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
    values, meta = prepare(path, meta, municipality, crosswalk, sheet, decimal)
    if meta["indicator_id"] in builtin:
        raise EtlError(f"indicator_id {meta['indicator_id']!r} is een ingebouwde indicator; kies een andere naam",
                       file=path.name, sheet="metadata")
    data = path.read_bytes()
    record = {"file_name": path.name, "stored_as": "data" + path.suffix.lower(), "sha256": hashlib.sha256(data).hexdigest(),
              "bytes": len(data), "imported_at": datetime.now(UTC).isoformat(timespec="seconds"),
              "imported_by": user or _user(), "sheet": sheet, "decimal": decimal, "metadata": {k: meta[k] for k in META_KEYS if meta.get(k) not in (None, "")}}

    # The stored file is staged, so it lands just before the warehouse: a crash in between leaves a
    # stored import the next build applies, never a warehouse value whose file the next build would
    # lack. A failed swap puts the previous stored import back.
    with staged_warehouse(live, "import", copy_live=True, checks=[run_checks]) as staged:
        _insert_import(staged.connection, values, meta, record)
        folder = staged.stage(settings.imports_dir / meta["indicator_id"])
        folder.mkdir()
        shutil.copyfile(path, folder / record["stored_as"])
        (folder / "import.json").write_text(json.dumps(record, ensure_ascii=False, indent=2), encoding="utf-8")
    muni = values["nis_code"].str.len().eq(5) & values["nis_code"].isin(municipality.loc[municipality["vintage"] == 2025, "nis_code"])
    return {"indicator_id": meta["indicator_id"], "rows": int(muni.sum()),
            "flags": values.loc[muni, "flag"].value_counts().to_dict(), "years": sorted(values["year"].unique().tolist())}


def _user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "onbekend"
