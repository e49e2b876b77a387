"""Statbel administrative disposable income per municipality, 2015-2022 (TF_SOC_ADI_MUNTY).

Codes are NIS 2019 in every year. The at-risk-of-poverty rate is a share of persons, so merged
municipalities get (rate x persons) summed over (persons); medians and quartiles are estimated.
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from etl.errors import EtlError
from etl.geography_codes import nis
from etl.sources.common import Indicator, check_coverage, long_rows, numbers, read_csv_detect, require_columns

FILES = ("statbel-adi-arop-munty",)
SOURCE = "statbel-adi-arop-munty"
FROM_VINTAGE = 2019
YEARS = range(2015, 2023)

INDICATORS = [
    Indicator("arop_admin", "Administratief armoederisico", "Administrative at-risk-of-poverty rate",
              "Aandeel personen met een equivalent administratief beschikbaar inkomen onder de "
              "administratieve armoededrempel (alle leeftijden; Statbel).",
              "Share of persons whose equivalised administrative disposable income is below the "
              "administrative poverty threshold (all ages; Statbel).",
              "higher_is_worse", SOURCE, "rate", 0, 60, scale=100.0,
              note_nl="Teller = percentage x aantal personen (afgeleid; het gepubliceerde percentage is op 0,1 afgerond). "
                      "Niet specifiek voor kinderen: de bron heeft geen uitsplitsing naar leeftijd."),
    Indicator("adi_median", "Mediaan equivalent beschikbaar inkomen", "Median equivalised disposable income",
              "Mediaan van het equivalent administratief beschikbaar inkomen per persoon (Statbel).",
              "Median equivalised administrative disposable income per person (Statbel).",
              "higher_is_better", SOURCE, "statistic", 5_000, 80_000),
    Indicator("adi_q1", "Eerste kwartiel equivalent beschikbaar inkomen", "First quartile of equivalised disposable income",
              "Eerste kwartiel (25 %) van het equivalent administratief beschikbaar inkomen (Statbel).",
              "First quartile (25%) of equivalised administrative disposable income (Statbel).",
              "higher_is_better", SOURCE, "statistic", 2_000, 60_000),
    Indicator("adi_q3", "Derde kwartiel equivalent beschikbaar inkomen", "Third quartile of equivalised disposable income",
              "Derde kwartiel (75 %) van het equivalent administratief beschikbaar inkomen (Statbel).",
              "Third quartile (75%) of equivalised administrative disposable income (Statbel).",
              "higher_is_better", SOURCE, "statistic", 5_000, 150_000),
    Indicator("adi_persons", "Personen in de inkomensstatistiek", "Persons in the income statistics",
              "Aantal personen waarvoor een administratief beschikbaar inkomen berekend is (noemer van het armoederisico).",
              "Number of persons with a computed administrative disposable income (denominator of the poverty rate).",
              "higher_is_worse", SOURCE, "count", 0, 2_000_000,
              note_nl="Telling als context; de richting bepaalt alleen dat grotere aantallen donkerder kleuren."),
]

COLUMNS = ["CD_YEAR", "CD_MUNTY_REFNIS", "MS_NBR_ELIGIBLE", "MS_Q1", "MS_MEDIAN", "MS_Q3", "MS_ADMIN_AROP"]


def parse(paths: dict[str, Path]) -> pd.DataFrame:
    path = paths[SOURCE]
    raw = read_csv_detect(path, SOURCE)
    require_columns(raw, COLUMNS, SOURCE, path.name)
    num = {c: numbers(raw, c, SOURCE, path.name) for c in COLUMNS if c.startswith("MS_")}
    year, _ = numbers(raw, "CD_YEAR", SOURCE, path.name)
    code = nis(raw["CD_MUNTY_REFNIS"])
    persons, persons_hidden = num["MS_NBR_ELIGIBLE"]
    rate, rate_hidden = num["MS_ADMIN_AROP"]
    frames = [
        long_rows("arop_admin", FROM_VINTAGE, code, year, rate, rate_hidden, SOURCE,
                  numerator=rate / 100 * persons, denominator=persons),
        long_rows("adi_persons", FROM_VINTAGE, code, year, persons, persons_hidden, SOURCE),
    ]
    for ind, col in (("adi_median", "MS_MEDIAN"), ("adi_q1", "MS_Q1"), ("adi_q3", "MS_Q3")):
        value, hidden = num[col]
        frames.append(long_rows(ind, FROM_VINTAGE, code, year, value, hidden, SOURCE, weight=persons))
    return pd.concat(frames, ignore_index=True)


def check(values: pd.DataFrame) -> None:
    # 581 municipalities minus Herstappe, absent from this file in every year.
    check_coverage(values, "arop_admin", YEARS, 570, 581, SOURCE)
    per_year = values.query("indicator_id == 'arop_admin'").groupby("year")["nis_code"].nunique()
    if (per_year < 570).any():
        raise EtlError(f"te weinig gemeenten in sommige jaren: {per_year[per_year < 570].to_dict()}", source=SOURCE)
