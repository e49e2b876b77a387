"""SYNTHETIC official releases of realistic size, in the publishers' layouts, for benchmarks/build.py.

Nothing here is real data: counts are random. Sizes follow the real files (see the mirror's
CATALOG.md): Statbel TF_SOC_POP_STRUCT has one row per municipality x sex x nationality x civil
status x age (0-100) with a non-zero count, about 460,000 rows a year for all of Belgium, 22
columns, UTF-8 with BOM, pipe-separated, in a zip; the fiscal-income zip has 49 columns, one row per
municipality and year since 2005; a Gemeente-Stadsmonitor extract has title rows above a Dutch
header and one row per municipality (and the Flemish region and provinces) per year.

Municipality codes are those of the year's vintage (2018 codes until 2018, 2019 codes until 2024,
2025 codes from 2025), taken from a built warehouse, plus SYNTHETIC Walloon codes that the readers
must leave out.
"""
from __future__ import annotations

import io
import zipfile
from pathlib import Path

import numpy as np
import pandas as pd

GSM_FOLDER = "gsminfo.blob.core.windows.net/$web/Rapporten_outputs/OutputPerlDO"
STATBEL_POP_FOLDER = ("statbel.fgov.be/sites/default/files/files/opendata/bevolking naar woonplaats, nationaliteit "
                      "burgelijke staat , leeftijd en geslacht")
STATBEL_FISCAL_FILE = "statbel.fgov.be/sites/default/files/files/opendata/arbeid/TF_PSNL_INC_TAX_MUNTY.zip"
POP_YEARS = range(2016, 2026)  # 10 years
FISCAL_YEARS = range(2005, 2024)
GSM_YEARS = range(2008, 2024)
WALLOON_MUNICIPALITIES = 262
KEPT_SHARE = 0.56  # share of the sex x nationality x civil status x age cells with people (real files: ~460k rows)


def vintage_of(year: int) -> int:
    return 2018 if year < 2019 else 2019 if year < 2025 else 2025


def municipalities(warehouse: Path) -> pd.DataFrame:
    """nis_code, vintage, region (Statbel region code: 2000 Flanders, 4000 Brussels, 3000 Wallonia)
    of every municipality of each vintage, with SYNTHETIC Walloon codes beside the real ones."""
    import duckdb

    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        real = con.execute("SELECT nis_code, vintage, CASE WHEN nis_code LIKE '21%' THEN 4000 ELSE 2000 END AS region "
                           "FROM municipality").df()
    finally:
        con.close()
    walloon = [f"{prefix}{i:03d}" for prefix in ("52", "57", "62", "81", "91") for i in range(1, 53)]
    frames = [real] + [pd.DataFrame({"nis_code": walloon[:WALLOON_MUNICIPALITIES], "vintage": v, "region": 3000})
                       for v in (2018, 2019, 2025)]
    return pd.concat(frames, ignore_index=True)


def population_text(codes: pd.DataFrame, year: int, rng: np.random.Generator) -> bytes:
    """One year's TF_SOC_POP_STRUCT text: every cell of municipality x sex x nationality x civil
    status x age that has people (children are all unmarried)."""
    cells = pd.MultiIndex.from_product([["F", "M"], ["BEL", "ETR"], [10, 20, 30, 40], range(101)],
                                       names=["CD_SEX", "CD_NATLTY", "CD_CIV_STS", "CD_AGE"]).to_frame(index=False)
    cells = cells[(cells["CD_AGE"] >= 18) | (cells["CD_CIV_STS"] == 10)]
    table = codes[["nis_code", "region"]].merge(cells, how="cross")
    table = table[rng.random(len(table)) < KEPT_SHARE].reset_index(drop=True)
    n = len(table)
    # Children are all in one civil status, so their cells hold more people: about a fifth are 0-17.
    population = rng.integers(1, 60, n) * np.where(table["CD_AGE"] < 18, 5, 1)
    region_name = table["region"].map({2000: "Vlaams Gewest", 3000: "Waals Gewest", 4000: "Brussels Hoofdstedelijk Gewest"})
    frame = pd.DataFrame({
        "CD_REFNIS": table["nis_code"], "TX_DESCR_NL": "SYNTHETIC gemeente " + table["nis_code"],
        "TX_DESCR_FR": "SYNTHETIC commune " + table["nis_code"],
        "CD_DSTR_REFNIS": table["nis_code"].str[:2] + "000", "TX_ADM_DSTR_DESCR_NL": "SYNTHETIC arrondissement",
        "TX_ADM_DSTR_DESCR_FR": "SYNTHETIC arrondissement",
        "CD_PROV_REFNIS": table["nis_code"].str[:1] + "0000", "TX_PROV_DESCR_NL": "SYNTHETIC provincie",
        "TX_PROV_DESCR_FR": "SYNTHETIC province", "CD_RGN_REFNIS": table["region"], "TX_RGN_DESCR_NL": region_name,
        "TX_RGN_DESCR_FR": region_name, "CD_SEX": table["CD_SEX"], "CD_NATLTY": table["CD_NATLTY"],
        "TX_NATLTY_FR": table["CD_NATLTY"].map({"BEL": "Belge", "ETR": "Etranger"}),
        "TX_NATLTY_NL": table["CD_NATLTY"].map({"BEL": "Belg", "ETR": "Vreemdeling"}),
        "CD_CIV_STS": table["CD_CIV_STS"], "TX_CIV_STS_FR": "SYNTHETIC", "TX_CIV_STS_NL": "SYNTHETIC",
        "CD_AGE": table["CD_AGE"], "MS_POPULATION": population, "CD_YEAR": year,
    })
    return ("\ufeff" + frame.to_csv(sep="|", index=False, lineterminator="\n")).encode("utf-8")


def write_population(mirror: Path, codes: pd.DataFrame, rng: np.random.Generator) -> int:
    folder = mirror / STATBEL_POP_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    size = 0
    for year in POP_YEARS:
        text = population_text(codes[codes["vintage"] == vintage_of(year)], year, rng)
        path = folder / f"TF_SOC_POP_STRUCT_{year}.zip"
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr(f"TF_SOC_POP_STRUCT_{year}.txt", text)
        size += path.stat().st_size
    return size


def write_fiscal(mirror: Path, codes: pd.DataFrame, rng: np.random.Generator) -> int:
    """Statbel's fiscal-income zip: 2019 codes back-cast to every year (as the pinned edition), 49 columns."""
    muni = codes[codes["vintage"] == 2019]
    table = muni.merge(pd.DataFrame({"CD_YEAR": FISCAL_YEARS}), how="cross")
    n = len(table)
    nonzero = rng.integers(1_000, 60_000, n)
    frame = pd.DataFrame({"CD_YEAR": table["CD_YEAR"], "CD_MUNTY_REFNIS": table["nis_code"],
                          "TX_MUNTY_DESCR_NL": "SYNTHETIC", "TX_MUNTY_DESCR_FR": "SYNTHETIC",
                          "TX_MUNTY_DESCR_DE": "SYNTHETIC", "TX_MUNTY_DESCR_EN": "SYNTHETIC",
                          "CD_RGN_REFNIS": table["region"], "MS_NBR_NON_ZERO_INC": nonzero,
                          "MS_NBR_ZERO_INC": rng.integers(10, 3_000, n),
                          "MS_TOT_NET_TAXABLE_INC": nonzero * rng.integers(15_000, 30_000, n)})
    for i in range(49 - len(frame.columns)):  # the other income components and taxes
        frame[f"MS_SYNTHETIC_{i:02d}"] = rng.integers(0, 10**9, n)
    path = mirror / STATBEL_FISCAL_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("TF_PSNL_INC_TAX_MUNTY.txt", frame.to_csv(sep="|", index=False, lineterminator="\n"))
    return path.stat().st_size


def write_gsm_extracts(mirror: Path, codes: pd.DataFrame, gsm_codes: list[str], rng: np.random.Generator) -> int:
    """One extract per code: two title rows, a Dutch header, one row per municipality of the year's
    vintage and the Flemish region and provinces, per year; teller, noemer and the percentage."""
    from openpyxl import Workbook

    folder = mirror / GSM_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    in_scope = codes[codes["region"] != 3000]
    areas = ["02000", "10000", "20001", "30000", "40000", "70000"]
    size = 0
    for code in gsm_codes:
        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet(code)
        sheet.append([f"SYNTHETIC Gemeente-Stadsmonitor extract {code}"])
        sheet.append(["SYNTHETIC: willekeurige getallen, alleen voor de benchmark"])
        sheet.append(["Indicator", "Gemeente", "NIS-code", "Jaar", "Teller", "Noemer", "Waarde"])
        for year in GSM_YEARS:
            year_codes = [*areas, *in_scope.loc[in_scope["vintage"] == vintage_of(year), "nis_code"]]
            denominator = rng.integers(200, 5_000, len(year_codes))
            numerator = (denominator * rng.uniform(0.02, 0.4, len(year_codes))).astype(int)
            for nis_code, num, den in zip(year_codes, numerator, denominator):
                sheet.append([code, "SYNTHETIC", nis_code, year, int(num), int(den), round(num / den * 100, 2)])
        path = folder / f"GSM_Extract_{code}.xlsx"
        buffer = io.BytesIO()
        workbook.save(buffer)
        path.write_bytes(buffer.getvalue())
        size += path.stat().st_size
    return size


def write_all(mirror: Path, warehouse: Path, gsm_codes: list[str], seed: int = 11) -> dict[str, int]:
    """Every official file the catalog declares (population 2016-2025: the newest year stays
    absent), into `mirror`; returns bytes written per kind."""
    rng = np.random.default_rng(seed)
    codes = municipalities(warehouse)
    return {"population": write_population(mirror, codes, rng), "fiscal": write_fiscal(mirror, codes, rng),
            "gsm": write_gsm_extracts(mirror, codes, gsm_codes, rng)}


def main() -> None:
    """`python -m benchmarks.synthetic_official MIRROR WAREHOUSE`: write the files, print bytes per kind
    as JSON. Run as its own process, so the memory it takes is not counted against a build."""
    import json
    import sys

    from etl.sources import gsm_catalogue

    mirror, warehouse = (Path(a) for a in sys.argv[1:3])
    print(json.dumps(write_all(mirror, warehouse, sorted(gsm_catalogue.declarations()))))


if __name__ == "__main__":
    main()
