"""Peer groups ("statistical neighbours", as in Fingertips): for every 2025 municipality the K most
similar municipalities, computed from the data.

Method (stated on both pages):
- variables: log10 of the population (`population_total`), the administrative at-risk-of-poverty
  rate (`arop_admin`), the median equivalised disposable income (`adi_median`) and the share of
  children 0-17 (`child_share`), each in its latest year with values for at least 90% of the 304
  municipalities;
- each variable standardised (z-score over the 304); a missing value counts as the average (z = 0);
- Euclidean distance over the four z-scores, equal weights; the K = 10 nearest are the peers
  (Flemish and Brussels municipalities alike).

The same group is used on the profile (as the benchmark line) and on the comparison page.
The model is computed in one query and a few milliseconds, and cached per warehouse build.

The peer-group value of an indicator in a year (`queries.profile.group_values`, one query): for a
rate, the peers' numerators summed over their denominators summed (never an average of rates, like
the province and region values); for a count or a statistic (median, quartile), the median of the
peers' values.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from dashboard import db
from dashboard.db import Reader

K = 10
MIN_COVERAGE = 0.9
VARIABLES = (("population_total", "log10"), ("arop_admin", None), ("adi_median", None), ("child_share", None))


@dataclass
class PeerModel:
    codes: list[str]
    neighbours: dict[str, list[str]]
    distances: dict[str, list[float]]
    variables: list[dict] = field(default_factory=list)  # indicator_id, year, transform, missing

    def peers(self, nis: str) -> list[str]:
        return list(self.neighbours.get(nis, []))


def model(r: Reader) -> PeerModel:
    """The peer model of the build `r` reads, cached with that build (db.per_build)."""
    return db.per_build(r, build_model)


def build_model(r: Reader, k: int = K) -> PeerModel:
    ids = [v for v, _ in VARIABLES]
    df = r.query("""
        WITH m AS (SELECT nis_code FROM municipality WHERE vintage = 2025)
        SELECT iv.indicator_id, iv.nis_code, iv.year, iv.value
        FROM indicator_value iv JOIN m USING (nis_code)
        WHERE iv.indicator_id IN (SELECT unnest(?::VARCHAR[]))""", [ids])
    codes = sorted(r.query("SELECT nis_code FROM municipality WHERE vintage = 2025")["nis_code"])
    n = len(codes)
    columns, variables = [], []
    for indicator_id, transform in VARIABLES:
        part = df[(df["indicator_id"] == indicator_id) & df["value"].notna()]
        if part.empty or not n:
            continue
        counts = part.groupby("year")["nis_code"].nunique()
        good = counts[counts >= MIN_COVERAGE * n]
        year = int(good.index.max() if not good.empty else counts.idxmax())
        series = part[part["year"] == year].set_index("nis_code")["value"].astype(float).reindex(codes)
        if transform == "log10":
            series = np.log10(series.where(series > 0))
        values = series.to_numpy(dtype=float)
        mean, std = np.nanmean(values), np.nanstd(values)
        z = (values - mean) / std if std > 0 else np.zeros_like(values)
        missing = int(np.isnan(z).sum())
        columns.append(np.nan_to_num(z, nan=0.0))
        variables.append({"indicator_id": indicator_id, "year": year, "transform": transform,
                          "missing": missing})
    neighbours: dict[str, list[str]] = {}
    distances: dict[str, list[float]] = {}
    if columns:
        x = np.column_stack(columns)
        d = np.sqrt(((x[:, None, :] - x[None, :, :]) ** 2).sum(axis=2))
        np.fill_diagonal(d, np.inf)
        order = np.argsort(d, axis=1, kind="stable")[:, :k]
        for i, code in enumerate(codes):
            neighbours[code] = [codes[j] for j in order[i]]
            distances[code] = [float(d[i, j]) for j in order[i]]
    return PeerModel(codes=codes, neighbours=neighbours, distances=distances, variables=variables)
