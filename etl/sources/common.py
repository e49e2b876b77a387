"""Helpers shared by the indicator sources: reading tables and turning cells into numbers."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from etl.errors import EtlError
from etl.harmonise import Rule

SUPPRESSED = "*"  # Statbel hides small or confidential figures with an asterisk


@dataclass(frozen=True)
class Indicator:
    indicator_id: str
    name_nl: str
    name_en: str
    unit: str
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
        return {"indicator_id": self.indicator_id, "name_nl": self.name_nl, "name_en": self.name_en,
                "unit": self.unit, "definition_nl": self.definition_nl, "definition_en": self.definition_en,
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
