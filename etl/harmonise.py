"""Harmonise source values to the 2025 municipalities, and aggregate to provinces and regions.

The rule, stated once: values of municipalities that merged are recomputed from counts. A count
is summed; a rate is the sum of numerators over the sum of denominators (never an average of
rates); a statistic that cannot be combined exactly (a median, a quartile) is estimated as the
mean of the predecessors' values weighted by their population, and flagged `estimated`.
Provinces and regions are computed the same way from the harmonised municipalities.

Every value that is not `original` says how it was made, as fields rather than a sentence (see
etl.tables.NOTE_TYPE): the method, the predecessor codes combined, the codes missing from it and
the estimate's method or why an area value was not computed. The dashboard words them
(dashboard/ui/notes.py) in the reader's language.
"""
from __future__ import annotations

import json
from dataclasses import dataclass

import numpy as np
import pandas as pd

# Long input frame produced by every indicator source, in the source's own code vintage.
SOURCE_COLUMNS = ["indicator_id", "from_vintage", "nis_code", "year", "value", "numerator",
                  "denominator", "weight", "flag", "source_id"]
OUTPUT_COLUMNS = ["indicator_id", "nis_code", "year", "value", "numerator", "denominator",
                  "flag", "source_id", "note"]


@dataclass(frozen=True)
class Rule:
    kind: str  # "count", "rate" or "statistic"
    scale: float = 1.0  # value = numerator / denominator * scale for rates


def note_text(method: str, parts=None, missing=None, detail: str | None = None) -> str:
    """A value's note as JSON text of etl.tables.NOTE_TYPE: that is how the frames carry it, and
    DuckDB casts the text to the STRUCT column when the frame is inserted. (A column of dicts would
    be typed from a sample of its rows, and fail on a list its sample only saw empty.)"""
    return json.dumps({"method": method, "parts": None if parts is None else list(parts),
                       "missing": None if missing is None else list(missing), "detail": detail},
                      ensure_ascii=False, separators=(",", ":"))


def note_fields(note) -> dict | None:
    """The fields of a note as the frames of this module carry it (JSON text), None without one."""
    return json.loads(note) if isinstance(note, str) else None


def empty_source_frame() -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype="object") for c in SOURCE_COLUMNS})


def to_2025(values: pd.DataFrame, rules: dict[str, Rule], crosswalk: pd.DataFrame,
            municipalities_2025: pd.Series) -> pd.DataFrame:
    """Map `values` (SOURCE_COLUMNS) onto every 2025 municipality, for every indicator-year present.

    `crosswalk` has from_vintage, from_nis, to_nis for every municipality of every older vintage.
    Rows whose code is not a Flemish or Brussels municipality of their vintage are dropped (the
    sources cover all of Belgium); callers that must refuse unknown codes check before.
    """
    identity = pd.DataFrame({"from_vintage": 2025, "from_nis": municipalities_2025.values,
                             "to_nis": municipalities_2025.values})
    xw = pd.concat([crosswalk[["from_vintage", "from_nis", "to_nis"]], identity], ignore_index=True)
    expected = xw.groupby(["from_vintage", "to_nis"]).size().rename("n_expected").reset_index()
    members = (xw.groupby(["from_vintage", "to_nis"])["from_nis"]
               .agg(lambda s: sorted(s)).rename("members").reset_index())

    v = values.merge(xw, left_on=["from_vintage", "nis_code"], right_on=["from_vintage", "from_nis"], how="inner")
    for col in ("value", "numerator", "denominator", "weight"):
        v[col] = pd.to_numeric(v[col], errors="coerce").astype("float64")
    v["has_value"] = v["flag"].eq("original") & v["value"].notna()
    v["combinable"] = v["has_value"] & _has_parts(v, rules, weight="weight")
    v["is_suppressed"] = v["flag"].eq("suppressed")
    # A part's counts enter the sums only when the part has all of them: a rate with a numerator
    # but no denominator would otherwise skew the merged municipality's rate.
    for col in ("numerator", "denominator", "weight"):  # `weighted` below follows `weight`
        v[col] = v[col].where(v["combinable"])
    v["weighted"] = v["value"] * v["weight"]
    keys = ["indicator_id", "from_vintage", "to_nis", "year"]
    by = v.groupby(keys, sort=False)
    grouped = by[["value", "numerator", "denominator", "weight", "weighted"]].sum(min_count=1)
    grouped["n_present"] = by["has_value"].sum()
    grouped["n_combinable"] = by["combinable"].sum()
    grouped["any_suppressed"] = by["is_suppressed"].any()
    grouped["source_id"] = by["source_id"].first()
    grouped["first_value"] = by["value"].first()
    # The predecessor codes a note names: hidden by the source, with a value, without counts.
    for column, rows in (("hidden", v["is_suppressed"]), ("with_value", v["has_value"]),
                         ("uncombinable", v["has_value"] & ~v["combinable"])):
        codes = v[rows].groupby(keys, sort=False)["nis_code"].agg(lambda s: sorted(s))
        grouped[column] = codes.reindex(grouped.index)
    grouped = grouped.reset_index()
    grouped = grouped.merge(expected, on=["from_vintage", "to_nis"]).merge(members, on=["from_vintage", "to_nis"])
    out = _combine(grouped, rules)
    out = out.rename(columns={"to_nis": "nis_code"})
    return _complete_grid(out[OUTPUT_COLUMNS], municipalities_2025)


def _combine(g: pd.DataFrame, rules: dict[str, Rule]) -> pd.DataFrame:
    kind = g["indicator_id"].map(lambda i: rules[i].kind)
    scale = g["indicator_id"].map(lambda i: rules[i].scale).astype(float)
    merged = g["n_expected"] > 1
    complete = g["n_present"] == g["n_expected"]

    value = np.where(kind == "rate", g["numerator"] / g["denominator"] * scale, g["value"])
    value = np.where(kind == "statistic", g["weighted"] / g["weight"], value)
    value = np.where(merged, value, g["first_value"])  # one predecessor: the source's own figure
    flag = np.select(
        [g["any_suppressed"], ~complete, ~merged, kind == "statistic"],
        ["suppressed", "missing", "original", "estimated"], default="recomputed_2025")
    # Parts that cannot be combined (a rate without counts, a statistic without weights) leave
    # the merged municipality empty rather than guessed, even when only one part lacks them.
    uncombinable = merged & complete & (g["n_combinable"] < g["n_expected"]) & ~np.isin(flag, ["suppressed", "missing"])
    flag = np.where(uncombinable, "missing", flag)
    value = np.where(np.isin(flag, ["suppressed", "missing"]), np.nan, value)
    note = [_municipal_note(*row) for row in zip(
        flag, uncombinable, kind, merged, g["members"], g["hidden"], g["with_value"], g["uncombinable"])]
    out = g.assign(value=value, flag=flag, note=note)
    # Statistics keep the population they describe as denominator; counts keep no parts.
    out.loc[kind == "statistic", "numerator"] = np.nan
    out.loc[kind == "statistic", "denominator"] = out.loc[kind == "statistic", "weight"]
    out.loc[kind == "count", ["numerator", "denominator"]] = np.nan
    out.loc[out["flag"].isin(["suppressed", "missing"]), ["numerator", "denominator"]] = np.nan
    return out


def _municipal_note(flag, uncombinable, kind, merged, members, hidden, with_value, without_counts) -> str | None:
    """The note of one 2025 municipality's value (None for a value as published)."""
    parts = members if merged else None
    if flag == "suppressed":
        return note_text("suppressed", parts, _codes(hidden))
    if flag == "missing" and uncombinable:
        return note_text("not_combinable", parts, _codes(without_counts))
    if flag == "missing":
        return note_text("missing_in_source", parts, sorted(set(members) - set(_codes(with_value))))
    if flag == "estimated":
        return note_text("estimate", parts, detail="weighted_mean")
    if flag == "recomputed_2025":
        return note_text("sum" if kind == "count" else "ratio_of_sums", parts)
    return None


def _codes(codes) -> list[str]:
    """A group's list of codes, or none (a group without such codes has NaN)."""
    return list(codes) if isinstance(codes, list) else []


def _has_parts(v: pd.DataFrame, rules: dict[str, Rule], weight: str) -> pd.Series:
    """Does each row carry what combining needs: a rate its numerator and denominator, a
    statistic its weight (the persons it describes), a count only its value?"""
    kind = v["indicator_id"].map(lambda i: rules[i].kind)
    return np.select([kind == "rate", kind == "statistic"],
                     [v["numerator"].notna() & v["denominator"].notna(), v[weight].notna()], default=True).astype(bool)


def _complete_grid(out: pd.DataFrame, municipalities_2025: pd.Series) -> pd.DataFrame:
    """Every indicator-year gets a row for every 2025 municipality; absent ones say `missing`."""
    pairs = out[["indicator_id", "year", "source_id"]].drop_duplicates(["indicator_id", "year"])
    grid = pairs.merge(pd.DataFrame({"nis_code": municipalities_2025.values}), how="cross")
    full = grid.merge(out.drop(columns="source_id"), on=["indicator_id", "year", "nis_code"], how="left")
    absent = full["flag"].isna()
    full.loc[absent, "flag"] = "missing"
    full.loc[absent, "note"] = [note_text("missing_in_source", missing=[code]) for code in full.loc[absent, "nis_code"]]
    return full[OUTPUT_COLUMNS]


def aggregate(values: pd.DataFrame, rules: dict[str, Rule], municipality_2025: pd.DataFrame) -> pd.DataFrame:
    """Province and region values from the harmonised municipal values, combined from counts."""
    frames = []
    groups = {"province_nis": municipality_2025.set_index("nis_code")["province_nis"],
              "region_nis": municipality_2025.set_index("nis_code")["region_nis"]}
    for mapping in groups.values():
        v = values.assign(area=values["nis_code"].map(mapping))
        frames.append(_aggregate_level(v, rules, mapping.value_counts()))
    out = pd.concat(frames, ignore_index=True)
    # Brussels is both a region and, for comparisons, the province level: keep one row.
    return out.drop_duplicates(["indicator_id", "nis_code", "year"])[OUTPUT_COLUMNS]


# An area value from fewer than 90 % of its municipalities says more about the ones that
# reported than about the area: it is left empty (flag missing), the note names those without.
MIN_AREA_COVERAGE = 0.9


def _aggregate_level(v: pd.DataFrame, rules: dict[str, Rule], sizes: pd.Series) -> pd.DataFrame:
    v = v.copy()
    v["weight"] = v["denominator"]
    # A municipality joins the area's sums only with everything combining needs (see _has_parts).
    v["has_value"] = v["value"].notna() & _has_parts(v, rules, weight="weight")
    v["weighted"] = v["value"] * v["weight"]
    for col in ("value", "numerator", "denominator", "weighted"):
        v[col] = v[col].where(v["has_value"])
    v["absent"] = ~v["has_value"]
    by = v.groupby(["indicator_id", "area", "year"], sort=False)
    g = by[["value", "numerator", "denominator", "weighted"]].sum(min_count=1)
    g["n_present"] = by["has_value"].sum()
    g["absent"] = by["absent"].sum()
    g["source_id"] = by["source_id"].first()
    absent_codes = v[v["absent"]].groupby(["indicator_id", "area", "year"], sort=False)["nis_code"].agg(lambda s: sorted(s))
    g["absent_codes"] = absent_codes.reindex(g.index)
    g = g.reset_index()
    g["n_expected"] = g["area"].map(sizes)
    kind = g["indicator_id"].map(lambda i: rules[i].kind)
    scale = g["indicator_id"].map(lambda i: rules[i].scale).astype(float)
    complete = g["n_present"] == g["n_expected"]
    covered = g["n_present"] >= MIN_AREA_COVERAGE * g["n_expected"]
    value = np.select([kind == "rate", kind == "statistic"],
                      [g["numerator"] / g["denominator"] * scale, g["weighted"] / g["denominator"]],
                      default=g["value"])
    # A sum over an incomplete set undercounts: leave it empty. A rate over nearly all
    # municipalities is still informative, but is an estimate for the whole area.
    flag = np.select([(kind == "count") & ~complete, ~covered, (kind == "rate") & complete, kind == "count"],
                     ["missing", "missing", "recomputed_2025", "recomputed_2025"], default="estimated")
    # Without counts or weights (an imported statistic, say) there is nothing to combine.
    flag = np.where(pd.isna(value), "missing", flag)
    value = np.where(flag == "missing", np.nan, value)
    note = [_area_note(*row) for row in zip(flag, kind, covered, g["absent_codes"])]
    out = g.assign(value=value, flag=flag, note=note, nis_code=g["area"])
    out.loc[kind == "count", ["numerator", "denominator"]] = np.nan
    out.loc[kind == "statistic", "numerator"] = np.nan
    out.loc[out["flag"] == "missing", ["numerator", "denominator"]] = np.nan
    return out


def _area_note(flag, kind, covered, absent_codes) -> str:
    """The note of one province or region value: computed from its 2025 municipalities (the parts,
    so none are listed), without those named in `missing`, or not computed and why."""
    missing = _codes(absent_codes)
    if flag == "missing":
        reason = "incomplete_sum" if kind == "count" else "low_coverage" if not covered else "no_counts"
        return note_text("not_computed", missing=missing, detail=reason)
    if kind == "statistic":
        return note_text("estimate", missing=missing, detail="weighted_mean")
    return note_text("sum" if kind == "count" else "ratio_of_sums", missing=missing)
