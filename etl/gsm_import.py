"""`python -m etl import-indicator FILE --gsm CODE`: a hand-downloaded Gemeente-Stadsmonitor extract,
imported with its metadata from the GSM catalogue (table `gsm_indicator` of the live warehouse) and
the declaration of its code (etl/sources/gsm_indicators.toml): no metadata file needed.

The extract is read by its headers (etl/sources/header_reader.py: title rows, Dutch or English
headers, one sheet per code), written as a tidy CSV and handed to the ordinary import, which checks
it cell by cell, harmonises it and keeps it for later builds.
"""
from __future__ import annotations

import re
import tempfile
from pathlib import Path

import duckdb

from etl.errors import EtlError, EtlErrors
from etl.geography_codes import nis
from etl.sources import gsm_catalogue
from etl.sources.header_reader import read_workbook
from etl.sources.official import AREA_CODES, gsm_indicator_id

EXTRACT_NAME = re.compile(r"^GSM_Extract_(?P<code>[A-Z0-9_]+?)(?: \(\d+\))?\.xlsx$", re.IGNORECASE)


def recognise(path: Path) -> str | None:
    """The GSM code of a file named like a Gemeente-Stadsmonitor extract (GSM_Extract_AR_03.xlsx,
    also as a browser saves a second copy: 'GSM_Extract_AR_03 (1).xlsx'), else None."""
    match = EXTRACT_NAME.match(path.name)
    return match["code"].upper() if match else None


def catalogue_meta(code: str, warehouse: Path) -> dict:
    """The import metadata of a GSM code: texts from the catalogue in the warehouse, direction, kind
    and scale from the declaration. A code the catalogue or the declarations lack is refused."""
    declared = gsm_catalogue.declarations().get(code)
    if declared is None:
        raise EtlError(f"GSM-code {code} is niet gedeclareerd in {gsm_catalogue.DECLARATIONS_FILE.name} "
                       f"(richting, soort en schaal met de reden); gedeclareerd: {sorted(gsm_catalogue.declarations())}")
    if not warehouse.exists():
        raise EtlError(f"geen warehouse op {warehouse}: bouw eerst met `python -m etl build`")
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        rows = con.execute("SELECT title, definition, ratio, unit, publisher, download_url FROM gsm_indicator "
                           "WHERE code = ?", [code]).fetchall()
        official = con.execute("SELECT source_id, retrieved_at FROM official_source WHERE gsm_code = ? AND status = 'loaded'",
                               [code]).fetchall()
    except duckdb.CatalogException as exc:
        raise EtlError("het warehouse heeft nog geen GSM-catalogus (tabel gsm_indicator): bouw opnieuw met "
                       "`python -m etl build`") from exc
    finally:
        con.close()
    if not rows:
        raise EtlError(f"GSM-code {code} staat niet in de catalogus van de Gemeente-Stadsmonitor")
    if official:  # the official release wins over an import of the same code (etl/sources/official.py)
        raise EtlError(f"de officiële uitgave van {code} ({official[0][0]}, opgehaald {official[0][1]}) is in het "
                       f"warehouse al geladen en gaat bij elke build voor op een import; er is niets te importeren")
    title, definition, ratio, unit, publisher, url = rows[0]
    percent = str(ratio or "").strip().lower() == "procent"
    english = gsm_catalogue.english()[code]  # the catalogue is Dutch only: our translation of its words
    return {
        "indicator_id": gsm_indicator_id(code), "name_nl": title, "unit": "%" if percent else (ratio or unit),
        "definition_nl": definition, "name_en": english["name_en"], "definition_en": english["definition_en"],
        **({"unit_en": english["unit_en"]} if english["unit_en"] and not percent else {}),
        "source": f"Gemeente-Stadsmonitor {code}; bron: {publisher}",
        "licence": "Vlaamse overheid, open data (bron vermelden)", "source_url": url,
        "direction": declared["direction"], "kind": declared["kind"], "scale": declared["scale"],
    }


def tidy_extract(path: Path, code: str, folder: Path) -> tuple[Path, str, list[int]]:
    """The extract's table as a CSV with the import's own headers, in `folder`, named after the file;
    with the sheet it came from and, per data row of the CSV, its row in that sheet as Excel
    numbers it (title rows and header counted), so a problem is reported where the user sees it."""
    table = read_workbook(path, code)
    frame = table.frame.rename(columns={"nis": "nis_code"})
    columns = [c for c in ("nis_code", "year", "value", "numerator", "denominator") if c in frame.columns]
    out = folder / (path.stem + ".csv")
    frame = frame[columns].dropna(subset=["nis_code"])
    # Country, region and province rows beside the municipalities are not imported (area values are
    # computed from the municipalities).
    frame = frame.assign(nis_code=nis(frame["nis_code"]))
    frame = frame[~frame["nis_code"].isin(AREA_CODES)]
    frame.to_csv(out, index=False)
    return out, table.sheet, [int(row) for row in frame.index]


def _in_workbook(exc: EtlError, tidy: Path, original: Path, sheet: str, sheet_rows: list[int]) -> EtlError:
    """A problem the import found in the tidy CSV, named in the user's workbook: its file, its sheet
    and its row (the CSV's row 2 is its first data row)."""
    def moved(error: EtlError) -> EtlError:
        if error.file != tidy.name:
            return error
        row = error.row
        if row is not None and 2 <= row < len(sheet_rows) + 2:
            row = sheet_rows[row - 2]
        return EtlError(error.reason, source=error.source, file=original.name, sheet=sheet, row=row,
                        column=error.column)
    if isinstance(exc, EtlErrors):
        return EtlErrors([moved(e) for e in exc.errors])
    return moved(exc)


def import_gsm_extract(path: Path, code: str | None, settings, user: str | None = None) -> dict:
    """Import a GSM extract (code given, or recognised from the file name) with catalogue metadata."""
    from etl.imports import import_indicator

    code = (code or recognise(path) or "").upper()
    if not code:
        raise EtlError("geen GSM-code: geef --gsm CODE of bewaar het bestand als GSM_Extract_<CODE>.xlsx",
                       file=path.name)
    meta = catalogue_meta(code, settings.warehouse_path)
    with tempfile.TemporaryDirectory(prefix="gsm-import-") as folder:
        tidy, sheet, sheet_rows = tidy_extract(path, code, Path(folder))
        try:
            # The CSV is ours: numbers written by Python, with a point as the decimal separator.
            return import_indicator(tidy, meta, settings, user=user, decimal=".", file_name=path.name)
        except EtlError as exc:
            raise _in_workbook(exc, tidy, path, sheet, sheet_rows) from exc

