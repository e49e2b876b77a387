"""Statbel fiscal income per municipality, income statistics 2005-2020 (TF_PSNL_INC_TAX_MUNTY).

Codes are NIS 2019 in every year (back-cast by Statbel). This edition has no median column:
the median per declaration is declared unavailable rather than guessed (see note_nl).
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from etl.errors import EtlError
from etl.geography_codes import nis
from etl.sources.common import Indicator, check_coverage, long_rows, numbers, require_columns

FILES = ("statbel-fiscal-income-munty",)
SOURCE = "statbel-fiscal-income-munty"
FROM_VINTAGE = 2019
YEARS = range(2005, 2021)

INDICATORS = [
    Indicator("tax_declarations", "Aantal belastingaangiften", "Number of tax declarations",
              "Aantal aangiften personenbelasting: met een netto belastbaar inkomen verschillend van nul plus "
              "met een inkomen nul (Statbel).",
              "Number of personal income tax declarations, non-zero plus zero income (Statbel).",
              "higher_is_worse", SOURCE, "count", 0, 1_000_000,
              note_nl="Telling als context; de richting bepaalt alleen dat grotere aantallen donkerder kleuren."),
    Indicator("tax_income_total", "Totaal netto belastbaar inkomen", "Total net taxable income",
              "Som van het netto belastbaar inkomen van alle aangiften (Statbel).",
              "Sum of net taxable income over all declarations (Statbel).",
              "higher_is_better", SOURCE, "count", 0, 1e11),
    Indicator("tax_income_avg", "Gemiddeld netto belastbaar inkomen per aangifte", "Average net taxable income per declaration",
              "Totaal netto belastbaar inkomen gedeeld door het aantal aangiften.",
              "Total net taxable income divided by the number of declarations.",
              "higher_is_better", SOURCE, "rate", 5_000, 150_000, scale=1.0,
              note_nl="Berekend uit de totalen van de bron (de bron geeft geen gemiddelde); exact ook voor fusiegemeenten. "
                      "De mediaan per aangifte staat niet in deze editie van het bestand en is daarom niet opgenomen."),
]

COLUMNS = ["CD_YEAR", "CD_MUNTY_REFNIS", "MS_NBR_NON_ZERO_INC", "MS_NBR_ZERO_INC", "MS_TOT_NET_TAXABLE_INC"]


def parse(paths: dict[str, Path]) -> pd.DataFrame:
    path = paths[SOURCE]
    try:
        raw = pd.read_excel(path, engine="calamine", dtype=str)
    except Exception as exc:
        raise EtlError(f"kan werkblad niet lezen: {exc}", source=SOURCE, file=path.name) from exc
    return values_from(raw, SOURCE, path.name, "1")


def values_from(raw: pd.DataFrame, source: str, file: str, sheet: str | None) -> pd.DataFrame:
    """The long rows of one edition's table (the pinned xlsx, or the text file of Statbel's zip)."""
    require_columns(raw, COLUMNS, source, file, sheet)
    year, _ = numbers(raw, "CD_YEAR", source, file, sheet)
    code = nis(raw["CD_MUNTY_REFNIS"])
    nonzero, nonzero_hidden = numbers(raw, "MS_NBR_NON_ZERO_INC", source, file, sheet)
    zero, zero_hidden = numbers(raw, "MS_NBR_ZERO_INC", source, file, sheet)
    total, total_hidden = numbers(raw, "MS_TOT_NET_TAXABLE_INC", source, file, sheet)
    declarations = nonzero + zero
    declarations_hidden = nonzero_hidden | zero_hidden
    average = total / declarations
    return pd.concat([
        long_rows("tax_declarations", FROM_VINTAGE, code, year, declarations, declarations_hidden, source),
        long_rows("tax_income_total", FROM_VINTAGE, code, year, total, total_hidden, source),
        long_rows("tax_income_avg", FROM_VINTAGE, code, year, average, declarations_hidden | total_hidden, source,
                  numerator=total, denominator=declarations),
    ], ignore_index=True)


def check(values: pd.DataFrame) -> None:
    check_coverage(values, "tax_income_total", YEARS, 581, 581, SOURCE)
    per_year = values.query("indicator_id == 'tax_income_total'").groupby("year")["nis_code"].nunique()
    if (per_year != 581).any():
        raise EtlError(f"verwacht 581 gemeenten per jaar: {per_year[per_year != 581].to_dict()}", source=SOURCE)
