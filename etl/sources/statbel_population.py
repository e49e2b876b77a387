"""Statbel population by single year of age per municipality, 1 January 2009-2015 (TF_SOC_POP_STRUCT).

Each file is an R workspace (read with pyreadr) in NIS 2018 codes. Reading one takes seconds, so
the files are read in parallel and the small per-municipality result is cached by checksum.
"""
from __future__ import annotations

from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pandas as pd

from etl.cache import verified, write_verified
from etl.errors import EtlError
from etl.geography_codes import nis
from etl.sources.common import Indicator, check_coverage, long_rows

YEARS = range(2009, 2016)
FILES = tuple(f"statbel-pop-struct-{y}" for y in YEARS)
SOURCE = "statbel-pop-struct-2015"  # the indicator's reference file; each value names its own file
FROM_VINTAGE = 2018
CHILD_MAX_AGE = 17

INDICATORS = [
    Indicator("population_total", "Bevolking", "Population",
              "Aantal inwoners op 1 januari (Statbel; 2009-2015 uit de bevolkingsstructuur, 2020 uit de bevolking per gemeente).",
              "Number of inhabitants on 1 January (Statbel).",
              "higher_is_worse", SOURCE, "count", 0, 1_000_000,
              note_nl="Telling als context; de richting bepaalt alleen dat grotere aantallen donkerder kleuren."),
    Indicator("children_0_17", "Kinderen 0-17 jaar", "Children aged 0-17",
              "Aantal inwoners van 0 tot en met 17 jaar op 1 januari (Statbel).",
              "Number of inhabitants aged 0 to 17 on 1 January (Statbel).",
              "higher_is_worse", SOURCE, "count", 0, 300_000,
              note_nl="Telling als context; de richting bepaalt alleen dat grotere aantallen donkerder kleuren."),
    Indicator("child_share", "Aandeel kinderen 0-17 jaar", "Share of children aged 0-17",
              "Kinderen van 0 tot en met 17 jaar als aandeel van alle inwoners op 1 januari.",
              "Children aged 0-17 as a share of all inhabitants on 1 January.",
              "higher_is_more", SOURCE, "rate", 5, 45, scale=100.0,
              note_nl="Context: een hoger aandeel kinderen betekent meer kinderen die een interventie kan bereiken."),
]

NEEDED = ["CD_MUNTY_REFNIS", "CD_AGE", "MS_POPULATION", "CD_YEAR"]


def _read_one(path_and_id: tuple[Path, str]) -> pd.DataFrame:
    """Totals and children per municipality of one file (runs in a worker process)."""
    import pyreadr

    path, source_id = path_and_id
    objects = pyreadr.read_r(str(path))
    if len(objects) != 1:
        raise EtlError(f"verwacht één data.frame, gevonden {list(objects)}", source=source_id, file=path.name)
    frame = next(iter(objects.values()))
    missing = [c for c in NEEDED if c not in frame.columns]
    if missing:
        raise EtlError(f"kolommen {missing} ontbreken", source=source_id, file=path.name)
    frame = frame[NEEDED]
    if frame["MS_POPULATION"].isna().any() or (frame["MS_POPULATION"] < 0).any():
        raise EtlError("lege of negatieve bevolkingsaantallen", source=source_id, file=path.name, column="MS_POPULATION")
    frame = frame.assign(child=frame["CD_AGE"] <= CHILD_MAX_AGE)
    totals = frame.groupby(["CD_MUNTY_REFNIS", "CD_YEAR"]).agg(
        total=("MS_POPULATION", "sum"),
        children=("MS_POPULATION", lambda s: s[frame.loc[s.index, "child"]].sum()),
    ).reset_index()
    totals["source_id"] = source_id
    return totals


def parse(paths: dict[str, Path], cache_dir: Path | None = None, sha256: dict[str, str] | None = None) -> pd.DataFrame:
    """`sha256`: the verified checksum of each download, naming its parsed copy in `cache_dir`; a
    parsed copy is read only while it has the checksum recorded when it was written (etl.cache)."""
    todo, parts = [], []
    for source_id in FILES:
        cached = _cached(cache_dir, sha256, source_id)
        if cached is not None and verified(cached):
            parts.append(pd.read_csv(cached, dtype={"source_id": str}))
        else:
            todo.append((paths[source_id], source_id))
    if todo:
        with ProcessPoolExecutor(max_workers=2) as pool:
            for (_path, source_id), part in zip(todo, pool.map(_read_one, todo)):
                parts.append(part)
                cached = _cached(cache_dir, sha256, source_id)
                if cached is not None:
                    write_verified(cached, lambda target, part=part: part.to_csv(target, index=False))
    totals = pd.concat(parts, ignore_index=True)
    code = nis(totals["CD_MUNTY_REFNIS"])
    year = totals["CD_YEAR"].astype(int)
    no = pd.Series(False, index=totals.index)
    frames = []
    for source_id, idx in totals.groupby("source_id").groups.items():
        t = totals.loc[idx]
        c, y, n = code.loc[idx], year.loc[idx], no.loc[idx]
        frames += [
            long_rows("population_total", FROM_VINTAGE, c, y, t["total"], n, source_id),
            long_rows("children_0_17", FROM_VINTAGE, c, y, t["children"], n, source_id),
            long_rows("child_share", FROM_VINTAGE, c, y, t["children"] / t["total"] * 100, n, source_id,
                      numerator=t["children"], denominator=t["total"]),
        ]
    return pd.concat(frames, ignore_index=True)


def _cached(cache_dir: Path | None, sha256: dict[str, str] | None, source_id: str) -> Path | None:
    if cache_dir is None or sha256 is None:
        return None
    return cache_dir / "parsed" / f"pop-struct-v1-{sha256[source_id][:32]}.csv"


def check(values: pd.DataFrame) -> None:
    check_coverage(values, "population_total", YEARS, 589, 589, "statbel-pop-struct")  # NIS 2018: 589
