"""Population per municipality on 1 January 2020 (Statbel, as republished in bmesuere/belgium-topojson).

NIS 2019 codes; the file also holds country, region, province and arrondissement rows, which
the harmonisation drops because they are not municipalities.
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from etl.errors import EtlError
from etl.geography_codes import nis
from etl.sources.common import long_rows, numbers, read_csv_detect, require_columns

FILES = ("bmesuere-pop-2020",)
SOURCE = "bmesuere-pop-2020"
FROM_VINTAGE = 2019
YEAR = 2020
INDICATORS: list = []  # adds the year 2020 to population_total (statbel_population)


def parse(paths: dict[str, Path]) -> pd.DataFrame:
    path = paths[SOURCE]
    raw = read_csv_detect(path, SOURCE)
    require_columns(raw, ["NIS code", "Totaal"], SOURCE, path.name)
    total, hidden = numbers(raw, "Totaal", SOURCE, path.name)
    year = pd.Series(YEAR, index=raw.index)
    return long_rows("population_total", FROM_VINTAGE, nis(raw["NIS code"]), year, total, hidden, SOURCE)


def check(values: pd.DataFrame) -> None:
    # The file carries its own totals: the municipalities must add up to the Belgium row.
    belgium = values.loc[values["nis_code"] == "01000", "value"]
    municipal = values.loc[~values["nis_code"].str.endswith("000") & ~values["nis_code"].isin(["20001", "20002"]), "value"]
    if belgium.empty or int(municipal.sum()) != int(belgium.iloc[0]):
        raise EtlError(f"gemeenten tellen op tot {int(municipal.sum())}, België-rij zegt "
                       f"{None if belgium.empty else int(belgium.iloc[0])}", source=SOURCE)
