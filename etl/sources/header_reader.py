"""Find an indicator table in a publisher's workbook, or an analyst's file, by its headers, never by
column position: the one header-alias table of the ETL (official sources and `import-indicator`).

Headers are matched case- and accent-insensitively against the Dutch and English variants in
ALIASES; title rows above the header are skipped; a workbook holds one sheet per indicator code or
one sheet in all. A layout this reader does not recognise is refused with a message naming the
file, the sheet, the headers found and those expected, and nothing is read from it.
"""
from __future__ import annotations

import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from etl.errors import EtlError

# Role -> the header texts that mean it (compared after normalise()).
ALIASES: dict[str, tuple[str, ...]] = {
    "nis": ("nis", "niscode", "nis-code", "nis code", "nis_code", "refnis", "cd_refnis", "cd_munty_refnis", "code",
            "geoitem", "gemeente_nis"),
    "year": ("jaar", "year", "cd_year", "periode", "period"),
    "value": ("waarde", "value", "procent", "percentage", "%", "index"),
    "numerator": ("teller", "numerator"),
    "denominator": ("noemer", "denominator"),
}
HEADER_SEARCH_ROWS = 30  # title rows a publisher puts above the header


class LayoutNotRecognised(EtlError):
    """The file is not a table this reader knows; `headers_found` lists what it did find."""

    def __init__(self, reason: str, *, file: str, sheet: str | None, headers_found: list[str], source: str | None = None,
                 expected: dict[str, tuple[str, ...]] | None = None):
        """`expected`: the headers per role the reader wanted (default: those of a GSM extract)."""
        self.headers_found = headers_found
        expected = "; ".join(f"{role}: {', '.join(names)}" for role, names in (expected or ALIASES).items())
        super().__init__(f"{reason}; kolomkoppen gevonden: {headers_found or 'geen'}; verwacht (per rol): {expected}",
                         source=source, file=file, sheet=sheet)


def normalise(header) -> str:
    """Lower case, accents off, spaces collapsed: 'Jaar ', 'JAAR' and 'Jáar' are all 'jaar'."""
    text = unicodedata.normalize("NFKD", str(header)).encode("ascii", "ignore").decode("ascii")
    return " ".join(text.lower().split())


ROLE_OF = {normalise(name): role for role, names in ALIASES.items() for name in names}


@dataclass(frozen=True)
class Table:
    frame: pd.DataFrame  # columns: the roles found (nis, year, value, numerator, denominator), as text
    sheet: str
    header_row: int  # 1-based row of the header in the sheet, as a reader sees it


def columns_by_role(cells) -> dict[str, list[int]]:
    """Role -> the positions of every cell naming it (a role named twice is for the caller to refuse)."""
    found: dict[str, list[int]] = {}
    for i, cell in enumerate(cells):
        role = ROLE_OF.get(normalise(cell)) if cell is not None else None
        if role:
            found.setdefault(role, []).append(i)
    return found


def _roles(cells) -> dict[str, int]:
    return {role: columns[0] for role, columns in columns_by_role(cells).items()}


def complete(roles) -> bool:
    """The roles of a header name a NIS code, a year and a value (or a numerator and a denominator)."""
    return {"nis", "year"} <= set(roles) and ("value" in roles or {"numerator", "denominator"} <= set(roles))


def missing_roles(roles) -> list[str]:
    """What a header lacks to be complete (a value, or a numerator and a denominator, counted as `value`)."""
    lacking = [role for role in ("nis", "year") if role not in roles]
    if "value" not in roles and not {"numerator", "denominator"} <= set(roles):
        lacking.append("value")
    return lacking


def header_index(rows) -> int | None:
    """The 0-based index of the header among the first HEADER_SEARCH_ROWS rows: the first complete one."""
    for index, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        if complete(_roles(row)):
            return index
    return None


def not_recognised(rows, file: str, sheet: str | None, source: str | None = None) -> LayoutNotRecognised:
    """The refusal of rows without a complete header, naming what the likeliest header row lacks."""
    headers = headers_of(rows[:HEADER_SEARCH_ROWS])
    lacking = missing_roles(_roles(headers))
    return LayoutNotRecognised(f"geen kop met NIS-code, jaar en waarde (of teller en noemer) gevonden; "
                               f"ontbrekende kolommen: {lacking}", file=file, sheet=sheet, headers_found=headers,
                               source=source)


def headers_of(rows: list[tuple]) -> list[str]:
    """What the likeliest header row holds: the first of the rows with the most text cells."""
    best: list[str] = []
    for row in rows:
        texts = [str(c).strip() for c in row if isinstance(c, str) and c.strip()]
        if len(texts) > len(best):
            best = texts
    return best


def find_table(rows: list[tuple], file: str, sheet: str, source: str | None = None) -> Table:
    """The table of one sheet's rows: the first row (within HEADER_SEARCH_ROWS) whose cells name a
    NIS code, a year and a value (or a numerator and a denominator) is the header."""
    index = header_index(rows)
    if index is None:
        raise not_recognised(rows, file, sheet, source)
    roles = _roles(rows[index])
    body = rows[index + 1:]
    frame = pd.DataFrame({role: [r[col] if col < len(r) else None for r in body] for role, col in roles.items()})
    frame = frame.map(lambda c: None if c is None or (isinstance(c, str) and not c.strip()) else str(c).strip())
    frame.index = range(index + 2, index + 2 + len(frame))  # the rows as the sheet numbers them
    return Table(frame.dropna(how="all"), sheet, index + 1)


def read_workbook(path: Path, code: str | None = None, source: str | None = None) -> Table:
    """The indicator table of an .xlsx: the sheet named after `code` if there is one, else the only
    sheet, else the only sheet with a recognised header."""
    if not zipfile.is_zipfile(path):
        head = path.read_bytes()[:200].lstrip().lower()
        what = "een HTML-pagina" if head.startswith((b"<!doctype html", b"<html")) or b"<html" in head else "geen xlsx-werkboek"
        raise LayoutNotRecognised(f"het bestand is {what}", file=path.name, sheet=None, headers_found=[], source=source)
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds on a damaged or foreign zip
        raise LayoutNotRecognised(f"geen leesbaar xlsx-werkboek ({type(exc).__name__}: {exc})", file=path.name,
                                  sheet=None, headers_found=[], source=source) from exc
    try:
        sheets = {name: list(workbook[name].iter_rows(values_only=True)) for name in workbook.sheetnames}
    finally:
        workbook.close()
    if code is not None:
        named = [name for name in sheets if normalise(name) == normalise(code)]
        if named:
            return find_table(sheets[named[0]], path.name, named[0], source)
    if len(sheets) == 1:
        name = next(iter(sheets))
        return find_table(sheets[name], path.name, name, source)
    recognised = [name for name, rows in sheets.items() if complete(_first_roles(rows))]
    if len(recognised) == 1:
        return find_table(sheets[recognised[0]], path.name, recognised[0], source)
    reason = (f"{len(recognised)} bladen met een herkende kop ({recognised}), geen blad genaamd {code}"
              if recognised else f"geen blad met een herkende kop (bladen: {list(sheets)})")
    headers = [h for rows in sheets.values() for h in headers_of(rows[:HEADER_SEARCH_ROWS])]
    raise LayoutNotRecognised(reason, file=path.name, sheet=None, headers_found=headers, source=source)


def _first_roles(rows: list[tuple]) -> dict[str, int]:
    for row in rows[:HEADER_SEARCH_ROWS]:
        roles = _roles(row)
        if complete(roles):
            return roles
    return {}
