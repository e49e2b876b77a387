"""Helpers shared by the indicator sources: reading tables and turning cells into numbers."""
from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np
import pandas as pd

from etl.errors import EtlError
from etl.harmonise import Rule
from etl.tables import MAX_DECIMALS, SHORT_UNITS

SUPPRESSED = "*"  # Statbel hides small or confidential figures with an asterisk

# Display metadata of the built-in indicators, declared as data beside the source modules.
DISPLAY_FILE = Path(__file__).with_name("indicators.toml")
DISPLAY_KEYS = ("unit", "unit_nl", "unit_en", "short_unit", "decimals")
EURO_UNITS = ("euro", "eur", "€")


def default_display(unit: str, kind: str) -> tuple[str | None, int]:
    """(short_unit, decimals) for an indicator whose metadata gives none: `%` -> `%` and 1 decimal,
    euro -> `€` and 0, a count 0, anything else 1."""
    unit = str(unit).strip()
    short = "%" if unit == "%" else "€" if unit.lower() in EURO_UNITS else None
    return short, 1 if short == "%" else 0 if short == "€" or kind == "count" else 1


def parse_decimals(value) -> int | None:
    """Decimals as given in metadata (a whole number, also as text such as "1"), or None when it is
    not a whole number from 0 to MAX_DECIMALS."""
    if isinstance(value, bool):
        return None
    try:
        number = float(str(value).strip())
    except ValueError:
        return None
    return int(number) if number.is_integer() and 0 <= number <= MAX_DECIMALS else None


def display_problems(entry: dict) -> list[str]:
    """What is wrong with the `short_unit` and `decimals` of one indicator's metadata (absent is fine)."""
    problems = []
    short = entry.get("short_unit")
    if short not in (None, "") and short not in SHORT_UNITS:
        problems.append(f"short_unit moet {' of '.join(SHORT_UNITS)} zijn (of leeg), niet {short!r}")
    if entry.get("decimals") not in (None, "") and parse_decimals(entry["decimals"]) is None:
        problems.append(f"decimals moet een geheel getal van 0 tot {MAX_DECIMALS} zijn, niet {entry['decimals']!r}")
    return problems


def read_declarations(path: Path, what: str) -> dict:
    """One of our own declaration files (TOML), or an EtlError that names it and why."""
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise EtlError(f"{what} niet leesbaar: {exc}", source=path.name) from exc


@cache
def display_metadata() -> dict[str, dict]:
    """{indicator_id: {unit, unit_nl, unit_en, short_unit, decimals}} from DISPLAY_FILE, checked;
    read on first use."""
    source = DISPLAY_FILE.name
    declared = read_declarations(DISPLAY_FILE, "weergavemetadata")
    problems = []
    for indicator_id, entry in declared.items():
        unknown = set(entry) - set(DISPLAY_KEYS)
        absent = [k for k in ("unit", "unit_nl", "unit_en", "decimals") if not str(entry.get(k, "")).strip()]
        if unknown:
            problems.append(f"{indicator_id}: onbekende sleutels {sorted(unknown)}")
        if absent:
            problems.append(f"{indicator_id}: {absent} ontbreken")
        problems += [f"{indicator_id}: {p}" for p in display_problems(entry)]
    if problems:
        raise EtlError("; ".join(problems), source=source)
    return {indicator_id: {"unit": entry["unit"], "unit_nl": entry["unit_nl"], "unit_en": entry["unit_en"],
                           "short_unit": entry.get("short_unit") or None, "decimals": int(entry["decimals"])}
            for indicator_id, entry in declared.items()}


def indicator_rows(indicators: list[Indicator]) -> list[dict]:
    """Rows of table `indicator` for the built-in indicators, each with its display metadata;
    DISPLAY_FILE must declare exactly these indicators."""
    declared = display_metadata()
    ids = [i.indicator_id for i in indicators]
    if set(ids) != set(declared):
        raise EtlError(f"{DISPLAY_FILE.name} past niet bij de ingebouwde indicatoren: zonder weergave "
                       f"{sorted(set(ids) - set(declared))}, onbekend {sorted(set(declared) - set(ids))}",
                       source=DISPLAY_FILE.name)
    return [i.as_row() for i in indicators]


@dataclass(frozen=True)
class Indicator:
    indicator_id: str
    name_nl: str
    name_en: str
    definition_nl: str
    definition_en: str
    direction: str
    source_id: str
    kind: str
    value_min: float
    value_max: float
    scale: float | None = None
    note_nl: str | None = None

    @property
    def rule(self) -> Rule:
        return Rule(self.kind, self.scale or 1.0)

    def harmonisation_nl(self) -> str:
        return {
            "count": "Fusiegemeenten: som van de voorgangers (herberekend_2025).",
            "rate": "Fusiegemeenten: som van de tellers gedeeld door som van de noemers (nooit een gemiddelde van percentages).",
            "statistic": "Fusiegemeenten: niet exact te combineren; geschat als naar inwoners gewogen gemiddelde van de voorgangers (geschat).",
        }[self.kind]

    def as_row(self, origin: str = "built_in") -> dict:
        """The indicator's row of table `indicator`; units and decimals come from DISPLAY_FILE."""
        display = display_metadata()[self.indicator_id]
        return {"indicator_id": self.indicator_id, "name_nl": self.name_nl, "name_en": self.name_en,
                **display, "definition_nl": self.definition_nl, "definition_en": self.definition_en,
                "direction": self.direction, "source_id": self.source_id, "kind": self.kind,
                "scale": self.scale, "harmonisation_nl": self.harmonisation_nl(), "note_nl": self.note_nl,
                "value_min": self.value_min, "value_max": self.value_max, "origin": origin}


def read_csv_detect(path: Path, source: str, **kw) -> pd.DataFrame:
    """Read a CSV whose encoding differs per publisher edition: UTF-8 (with or without BOM), else Windows-1252."""
    raw = path.read_bytes()
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            raw.decode(encoding)
        except UnicodeDecodeError:
            continue
        try:
            return pd.read_csv(path, encoding=encoding, dtype=str, keep_default_na=False, **kw)
        except Exception as exc:
            raise EtlError(f"kan CSV niet lezen: {exc}", source=source, file=path.name) from exc
    raise EtlError("tekstcodering niet herkend (geen UTF-8 of Windows-1252)", source=source, file=path.name)


def require_columns(frame: pd.DataFrame, columns: list[str], source: str, file: str, sheet: str | None = None) -> None:
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise EtlError(f"kolommen {missing} ontbreken; gevonden: {list(frame.columns)[:40]}",
                       source=source, file=file, sheet=sheet)


def numbers(frame: pd.DataFrame, column: str, source: str, file: str, sheet: str | None = None,
            first_data_row: int = 2) -> tuple[pd.Series, pd.Series]:
    """Cells of `column` as floats, plus a mask of suppressed cells. Any other text is an error
    naming the row as the user sees it in the file (header on row 1)."""
    text = frame[column].astype("string").str.strip()
    suppressed = text.eq(SUPPRESSED).fillna(False)
    empty = text.isna() | text.eq("")
    parsed = pd.to_numeric(text.where(~suppressed & ~empty), errors="coerce")
    bad = parsed.isna() & ~suppressed & ~empty
    if bad.any():
        pos = int(np.flatnonzero(bad.to_numpy())[0])
        raise EtlError(f"getal verwacht, gevonden {text.iloc[pos]!r} ({int(bad.sum())} zulke cellen)",
                       source=source, file=file, sheet=sheet, row=pos + first_data_row, column=column)
    return parsed.astype("float64"), suppressed.astype(bool)


def long_rows(indicator_id: str, from_vintage: int, nis: pd.Series, year: pd.Series, value: pd.Series,
              suppressed: pd.Series, source_id: str, numerator=None, denominator=None, weight=None) -> pd.DataFrame:
    """The long frame harmonise.to_2025 expects, with the source's own flag per cell."""
    n = len(nis)
    flag = np.where(suppressed, "suppressed", np.where(pd.isna(value), "missing", "original"))
    return pd.DataFrame({
        "indicator_id": indicator_id, "from_vintage": from_vintage, "nis_code": nis.to_numpy(),
        "year": year.astype(int).to_numpy(), "value": np.asarray(value, dtype="float64"),
        "numerator": np.full(n, np.nan) if numerator is None else np.asarray(numerator, dtype="float64"),
        "denominator": np.full(n, np.nan) if denominator is None else np.asarray(denominator, dtype="float64"),
        "weight": np.full(n, np.nan) if weight is None else np.asarray(weight, dtype="float64"),
        "flag": flag, "source_id": source_id,
    })


def check_coverage(values: pd.DataFrame, indicator_id: str, years: range, min_codes: int, max_codes: int,
                   source: str) -> None:
    """The source covers exactly the expected years, each with a plausible number of municipalities
    (a short file or a changed layout shows up here before it reaches the warehouse)."""
    found = set(values["year"].unique())
    if found != set(years):
        raise EtlError(f"jaren {sorted(found)}, verwacht {years.start}-{years.stop - 1}", source=source)
    per_year = values[values["indicator_id"] == indicator_id].groupby("year")["nis_code"].nunique()
    wrong = per_year[(per_year < min_codes) | (per_year > max_codes)]
    if not wrong.empty:
        expected = min_codes if min_codes == max_codes else f"{min_codes}-{max_codes}"
        raise EtlError(f"verwacht {expected} gemeenten per jaar, gevonden {wrong.to_dict()}", source=source)
