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
import json
import re
import shutil
import tomllib
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import pandas as pd

from etl import harmonise
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
BELGIAN_NUMBER = re.compile(r"^-?\d{1,3}(\.\d{3})+(,\d+)?$")


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
    """The data table as text cells, its sheet name (Excel) and any metadata sheet."""
    if not path.is_file():
        raise EtlError("bestand niet gevonden", file=str(path))
    size = path.stat().st_size
    if size == 0:
        raise EtlError("leeg bestand", file=path.name)
    if size > MAX_FILE_BYTES:
        raise EtlError(f"bestand groter dan {MAX_FILE_BYTES} bytes", file=path.name)
    head = path.read_bytes()[:8]
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
    if "\x00" in text[:4096]:
        raise EtlError("binair bestand; CSV of xlsx verwacht", file=path.name)
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=";,\t")
        delimiter = dialect.delimiter
    except csv.Error:
        delimiter = ";" if text.count(";") > text.count(",") else ","
    rows = list(csv.reader(text.splitlines(), delimiter=delimiter))
    if not rows:
        raise EtlError("geen rijen", file=path.name)
    header, body = rows[0], rows[1:]
    width = len(header)
    for i, row in enumerate(body, start=2):
        if len(row) != width and any(c.strip() for c in row):
            raise EtlError(f"{len(row)} velden, verwacht {width} zoals de kopregel", file=path.name, row=i)
    body = [r + [""] * (width - len(r)) for r in body if any(c.strip() for c in r)]
    frame = pd.DataFrame(body, columns=[h.strip() for h in header], dtype=str)
    frame.index = range(2, 2 + len(frame))  # spreadsheet row numbers
    return frame


def _read_xlsx(path: Path, sheet: str | None) -> tuple[pd.DataFrame, str, dict]:
    from openpyxl import load_workbook

    try:
        wb = load_workbook(path, read_only=True, data_only=False)
    except Exception as exc:
        raise EtlError(f"kan werkmap niet openen: {exc}", file=path.name) from exc
    try:
        names = wb.sheetnames
        meta = _meta_sheet(wb["metadata"]) if "metadata" in names else {}
        data_sheets = [n for n in names if n != "metadata"]
        name = sheet or (data_sheets[0] if data_sheets else None)
        if name is None or name not in names:
            raise EtlError(f"blad {sheet!r} niet gevonden; bladen: {names}", file=path.name)
        rows = list(wb[name].iter_rows(values_only=True))
    finally:
        wb.close()
    if not rows:
        raise EtlError("leeg werkblad", file=path.name, sheet=name)
    header = ["" if h is None else str(h).strip() for h in rows[0]]
    body, index = [], []
    for i, row in enumerate(rows[1:], start=2):
        if all(c is None or str(c).strip() == "" for c in row):
            continue
        cells = []
        for j, c in enumerate(row[:len(header)]):
            if isinstance(c, str) and c.startswith("="):
                raise EtlError(f"formule {c!r} waar een waarde verwacht wordt; plak als waarden",
                               file=path.name, sheet=name, row=i, column=header[j] or str(j + 1))
            cells.append("" if c is None else (repr(c) if isinstance(c, float) else str(c)))
        body.append(cells + [""] * (len(header) - len(cells)))
        index.append(i)
    frame = pd.DataFrame(body, columns=header, index=index, dtype=str)
    return frame, name, meta


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
        return tomllib.loads(text) if path.suffix.lower() == ".toml" else json.loads(text)
    except (OSError, ValueError) as exc:
        raise EtlError(f"metadata niet leesbaar: {exc}", file=path.name) from exc


# ---------------------------------------------------------------- validation

def parse_number(text: str) -> float | None:
    """A number written the Belgian way (1.234,5 or 12,5) or the international way (1234.5)."""
    s = text.strip().replace("\u00a0", "").replace(" ", "").replace("%", "")
    if s == "":
        return None
    if BELGIAN_NUMBER.match(s):
        s = s.replace(".", "").replace(",", ".")
    elif "," in s and "." not in s:
        s = s.replace(",", ".")
    return float(s)  # raises ValueError on anything else


def validate_meta(meta: dict, file: str) -> dict:
    errors = []
    unknown = set(meta) - set(META_KEYS)
    if unknown:
        errors.append(EtlError(f"onbekende metadata-sleutels {sorted(unknown)}; toegelaten: {list(META_KEYS)}", file=file, sheet="metadata"))
    for key in REQUIRED_META:
        if not str(meta.get(key) or "").strip():
            errors.append(EtlError(f"metadata '{key}' ontbreekt", file=file, sheet="metadata"))
    if meta.get("indicator_id") and not re.match(r"^[a-z][a-z0-9_]{1,62}$", str(meta["indicator_id"])):
        errors.append(EtlError("indicator_id: kleine letters, cijfers en _ (begint met een letter)", file=file, sheet="metadata"))
    if meta.get("direction") and meta["direction"] not in DIRECTIONS:
        errors.append(EtlError(f"direction moet {' of '.join(DIRECTIONS)} zijn, niet {meta['direction']!r}", file=file, sheet="metadata"))
    if meta.get("kind") and meta["kind"] not in KINDS:
        errors.append(EtlError(f"kind moet een van {KINDS} zijn, niet {meta['kind']!r}", file=file, sheet="metadata"))
    for key in ("scale", "value_min", "value_max"):
        if meta.get(key) not in (None, ""):
            try:
                float(meta[key])
            except (TypeError, ValueError):
                errors.append(EtlError(f"{key} moet een getal zijn", file=file, sheet="metadata"))
    errors += [EtlError(problem, file=file, sheet="metadata") for problem in display_problems(meta)]
    if errors:
        raise EtlErrors(errors)
    return meta


def validate_table(frame: pd.DataFrame, meta: dict, file: str, sheet: str | None,
                   municipality: pd.DataFrame, crosswalk: pd.DataFrame) -> pd.DataFrame:
    """The long frame harmonise.to_2025 expects, or every problem found, cell by cell."""
    errors: list[EtlError] = []
    columns = _map_columns(frame, file, sheet)
    kind = meta.get("kind") or ("rate" if {"numerator", "denominator"} <= set(columns) else "statistic")
    meta["kind"] = kind
    scale = float(meta.get("scale") or (100.0 if str(meta.get("unit")).strip() == "%" else 1.0))
    meta["scale"] = scale
    if kind == "rate" and not {"numerator", "denominator"} <= set(columns):
        errors.append(EtlError("een indicator van soort 'rate' heeft kolommen teller en noemer nodig", file=file, sheet=sheet))

    codes = {v: set(municipality.loc[municipality["vintage"] == v, "nis_code"]) for v in (2018, 2019, 2025)}
    records = []
    for row_no, row in frame.iterrows():
        rec = {"row": row_no}

        def cell(name, row=row):  # bound now: called only within this iteration
            return str(row[columns[name]]).strip() if name in columns else ""

        code = cell("nis_code").zfill(5) if cell("nis_code").isdigit() else cell("nis_code")
        if not re.fullmatch(r"\d{5}", code):
            errors.append(EtlError(f"NIS-code van 5 cijfers verwacht, gevonden {cell('nis_code')!r}",
                                   file=file, sheet=sheet, row=row_no, column=columns["nis_code"]))
        elif not any(code in c for c in codes.values()):
            errors.append(EtlError(f"onbekende NIS-code {code}: geen Vlaamse of Brusselse gemeente van 2018, 2019 of 2025",
                                   file=file, sheet=sheet, row=row_no, column=columns["nis_code"]))
        rec["nis_code"] = code
        year = cell("year")
        if not re.fullmatch(r"(19|20)\d\d", year.replace(".0", "")):
            errors.append(EtlError(f"jaartal verwacht (bv. 2022), gevonden {year!r}", file=file, sheet=sheet,
                                   row=row_no, column=columns["year"]))
            rec["year"] = None
        else:
            rec["year"] = int(year.replace(".0", ""))
        for name in ("value", "numerator", "denominator"):
            text = cell(name)
            rec[f"{name}_suppressed"] = text == "*"
            if text in ("", "*"):
                rec[name] = np.nan
                continue
            try:
                rec[name] = parse_number(text)
            except ValueError:
                errors.append(EtlError(f"getal verwacht, gevonden {text!r}", file=file, sheet=sheet,
                                       row=row_no, column=columns[name]))
                rec[name] = np.nan
                continue
            if name != "value" and rec[name] < 0:
                errors.append(EtlError(f"{name} mag niet negatief zijn ({text})", file=file, sheet=sheet,
                                       row=row_no, column=columns[name]))
        if kind == "rate" and {"numerator", "denominator"} <= set(columns) and not rec["value_suppressed"]:
            # Merged municipalities and areas are combined from counts: a rate without them
            # could only be averaged, which we never do.
            for name in ("numerator", "denominator"):
                if np.isnan(rec[name]) and not rec[f"{name}_suppressed"] and not np.isnan(rec["value"]):
                    label = "teller" if name == "numerator" else "noemer"
                    errors.append(EtlError(f"{label} ontbreekt: een indicator van soort 'rate' heeft bij elke waarde "
                                           "een teller en een noemer nodig (of * als de bron ze verbergt)",
                                           file=file, sheet=sheet, row=row_no, column=columns[name]))
        if kind == "rate" and not np.isnan(rec.get("numerator", np.nan)) and not np.isnan(rec.get("denominator", np.nan)):
            if rec["denominator"] == 0:
                errors.append(EtlError("noemer is 0", file=file, sheet=sheet, row=row_no, column=columns["denominator"]))
            else:
                implied = rec["numerator"] / rec["denominator"] * scale
                if np.isnan(rec["value"]):
                    rec["value"] = implied
                elif abs(implied - rec["value"]) > max(0.01 * abs(rec["value"]), 0.05):
                    errors.append(EtlError(
                        f"waarde {rec['value']} past niet bij teller/noemer x {scale:g} = {implied:.3f}",
                        file=file, sheet=sheet, row=row_no, column=columns["value"]))
        records.append(rec)
    if not records:
        errors.append(EtlError("geen gegevensrijen", file=file, sheet=sheet))
    table = pd.DataFrame(records)
    if not errors:
        dup = table.duplicated(["nis_code", "year"], keep=False)
        for _, r in table[dup].iterrows():
            errors.append(EtlError(f"dubbele rij voor {r['nis_code']} in {r['year']}", file=file, sheet=sheet, row=int(r["row"])))
    if not errors:
        table["from_vintage"] = _vintages(table, codes, file, sheet, columns["nis_code"], errors)
    if not errors:
        _check_bounds(table, meta, file, sheet, columns, errors)
    if errors:
        raise EtlErrors(errors)
    suppressed = table["value_suppressed"] | table.get("numerator_suppressed", False) | table.get("denominator_suppressed", False)
    flag = np.where(suppressed, "suppressed", np.where(table["value"].isna(), "missing", "original"))
    return pd.DataFrame({
        "indicator_id": meta["indicator_id"], "from_vintage": table["from_vintage"], "nis_code": table["nis_code"],
        "year": table["year"].astype(int), "value": table["value"], "numerator": table.get("numerator", np.nan),
        "denominator": table.get("denominator", np.nan),
        "weight": table.get("denominator", np.nan), "flag": flag, "source_id": f"import-{meta['indicator_id']}",
    })


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


def _vintages(table: pd.DataFrame, codes: dict[int, set[str]], file: str, sheet, code_column: str,
              errors) -> pd.Series:
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
                errors.append(EtlError(
                    f"jaar {year} mengt codes van verschillende indelingen ({sorted(present & a)[:3]} en "
                    f"{sorted(present & b)[:3]}); gebruik per jaar één indeling", file=file, sheet=sheet, row=row,
                    column=code_column))
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
                errors.append(EtlError(f"code {outside[0]} bestaat niet in de indeling NIS {chosen} die de andere "
                                       f"codes van {year} gebruiken", file=file, sheet=sheet, row=row,
                                       column=code_column))
            vintage.loc[rows.index] = chosen
    return vintage


def _check_bounds(table, meta, file, sheet, columns, errors) -> None:
    lo, hi = meta.get("value_min"), meta.get("value_max")
    for bound, test in ((lo, lambda v, b: v < b), (hi, lambda v, b: v > b)):
        if bound in (None, ""):
            continue
        bad = table[test(table["value"], float(bound))]
        for _, r in bad.head(20).iterrows():
            errors.append(EtlError(f"waarde {r['value']} buiten het bereik [{lo}, {hi}]", file=file, sheet=sheet,
                                   row=int(r["row"]), column=columns["value"]))


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
            sheet: str | None = None) -> tuple[pd.DataFrame, dict]:
    """Validate a file and its metadata; return harmonised municipal + area values and the metadata."""
    frame, sheet_name, sheet_meta = read_table(path, sheet)
    meta = validate_meta({**sheet_meta, **{k: v for k, v in meta.items() if v not in (None, "")}}, path.name)
    long = validate_table(frame, meta, path.name, sheet_name, municipality, crosswalk)
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
                               item.meta.get("sheet"))
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


def import_indicator(path: Path, meta: dict, settings, sheet: str | None = None, user: str | None = None) -> dict:
    """Validate, load into a copy of the live warehouse, check, swap in, then keep the file."""
    from etl.writer_lock import warehouse_writer

    with warehouse_writer(settings.warehouse_path):  # no build or load swaps the file meanwhile
        return _import_indicator(path, meta, settings, sheet, user)


def _import_indicator(path: Path, meta: dict, settings, sheet: str | None, user: str | None) -> dict:
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
    values, meta = prepare(path, meta, municipality, crosswalk, sheet)
    if meta["indicator_id"] in builtin:
        raise EtlError(f"indicator_id {meta['indicator_id']!r} is een ingebouwde indicator; kies een andere naam",
                       file=path.name, sheet="metadata")
    data = path.read_bytes()
    record = {"file_name": path.name, "stored_as": "data" + path.suffix.lower(), "sha256": hashlib.sha256(data).hexdigest(),
              "bytes": len(data), "imported_at": datetime.now(UTC).isoformat(timespec="seconds"),
              "imported_by": user or _user(), "sheet": sheet, "metadata": {k: meta[k] for k in META_KEYS if meta.get(k) not in (None, "")}}

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
