"""Need against interventions (`/behoefte`): the pure computations, no Dash and no database.

Everything here takes small pandas frames or series (indexed by 2025 NIS code where it says so) and
returns new ones, so each rule can be tested on a hand-made example.

Split rule (`split`). A network counts as ONE network equivalent in total:
- a network in one municipality (scope `municipality` or `part_of_municipality`) counts 1 there;
- a network over several municipalities (`several_municipalities`) or a whole province (`province`:
  every 2025 municipality of that province, Brussels' 19 for 04000) is spread over them by the rule:
  `equal` (1/n each), `population` (by inhabitants) or `at_risk` (by persons below the
  at-risk-of-poverty threshold). A municipality without a weight gets no share (listed in the
  notes); when no municipality of a network has one, that network falls back to equal shares.
So the equivalents of all municipalities always add up to the number of placed networks.

Funding is spread with the same shares. A municipality touched by a network that reported no
granted budget has an UNKNOWN funding (NaN, shown as "niet gerapporteerd"), never zero; a
municipality without any network has zero.

Concentration curve and index: municipalities ordered from most to least need; x = cumulative share of
persons at risk of poverty, y = cumulative share of the interventions. With the trapezoid rule,

    C = 1 - sum_i (x_i - x_{i-1}) * (y_i + y_{i-1}),   x_0 = y_0 = 0,

i.e. 1 - 2 x (area under the curve). C = 0 when interventions follow the persons at risk exactly,
C < 0 when they are concentrated in the municipalities with most need (curve above the diagonal),
C > 0 when they lean towards the municipalities with least need; -1 <= C <= 1.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

RULES = ("equal", "population", "at_risk")
DEFAULT_RULE = "equal"
PROVINCE_SCOPE = "province"

QUADRANTS = ("hn_li", "hn_hi", "ln_hi", "ln_li")  # high/low need x high/low intensity
NO_DATA = "no_data"


@dataclass(frozen=True)
class Measure:
    """An intensity: `amount` (network equivalents or funding) per `denominator` x `scale`."""

    key: str
    amount: str                 # "networks" | "funding"
    denominator: str | None     # "population" | "children" | None (the amount itself)
    scale: float


MEASURES = {
    "per_10k": Measure("per_10k", "networks", "population", 10_000.0),
    "per_1k_children": Measure("per_1k_children", "networks", "children", 1_000.0),
    "equivalents": Measure("equivalents", "networks", None, 1.0),
    "funding_per_inhabitant": Measure("funding_per_inhabitant", "funding", "population", 1.0),
    "funding_per_child": Measure("funding_per_child", "funding", "children", 1.0),
}
DEFAULT_MEASURE = "per_10k"


def normalise_rule(rule) -> str:
    return rule if rule in RULES else DEFAULT_RULE


def normalise_measure(measure) -> str:
    return measure if measure in MEASURES else DEFAULT_MEASURE


# ------------------------------------------------------------------------------ years

def nearest_year(years, target) -> int | None:
    """The year of `years` closest to `target`; on a tie the later one (the more recent count)."""
    years = sorted({int(y) for y in years})
    if not years:
        return None
    if target is None:
        return years[-1]
    return min(years, key=lambda y: (abs(y - int(target)), -y))


# ---------------------------------------------------------------------- the split rule

def coverage(placements: pd.DataFrame, municipalities: pd.DataFrame) -> pd.DataFrame:
    """Per network the 2025 municipalities it covers: columns project_id, nis_code, scope.

    `placements`: project_id, nis_code, scope (the rows of project_location). `municipalities`:
    nis_code, province_nis. A province-scope row covers every municipality of that province; a
    network listed twice in one municipality covers it once."""
    cols = ["project_id", "nis_code", "scope"]
    if placements.empty:
        return pd.DataFrame(columns=cols)
    known = set(municipalities["nis_code"])
    local = placements[placements["scope"] != PROVINCE_SCOPE]
    local = local[local["nis_code"].isin(known)][cols]
    wide = placements[placements["scope"] == PROVINCE_SCOPE][["project_id", "nis_code"]]
    spread = wide.merge(municipalities[["nis_code", "province_nis"]].rename(columns={"nis_code": "member"}),
                        left_on="nis_code", right_on="province_nis")
    spread = pd.DataFrame({"project_id": spread["project_id"], "nis_code": spread["member"],
                           "scope": PROVINCE_SCOPE})
    out = pd.concat([local, spread], ignore_index=True)
    # A municipality both named and inside a province-wide placement of the same network: once.
    out = out.sort_values(["project_id", "nis_code", "scope"]).drop_duplicates(["project_id", "nis_code"])
    return out.reset_index(drop=True)


def unplaced(placements: pd.DataFrame, covered: pd.DataFrame) -> list[str]:
    """Networks with no 2025 municipality at all (their equivalent cannot be placed)."""
    return sorted(set(placements["project_id"]) - set(covered["project_id"]))


@dataclass
class Split:
    shares: pd.DataFrame                               # project_id, nis_code, scope, share
    no_weight: list[str] = field(default_factory=list)  # municipalities left out for lack of a weight
    fallback: list[str] = field(default_factory=list)   # networks split equally for lack of any weight


def split(covered: pd.DataFrame, rule: str, weights: pd.Series | None = None) -> Split:
    """Each network's share per municipality under `rule` (shares of a network add up to 1).

    `weights`: per nis_code (inhabitants, or persons at risk) for the rules `population` and
    `at_risk`; ignored for `equal`."""
    rule = normalise_rule(rule)
    if covered.empty:
        return Split(pd.DataFrame(columns=["project_id", "nis_code", "scope", "share"]))
    df = covered[["project_id", "nis_code", "scope"]].copy()
    n = df.groupby("project_id")["nis_code"].transform("size")
    if rule == "equal" or weights is None:
        df["share"] = 1.0 / n
        return Split(df.reset_index(drop=True))
    w = pd.to_numeric(df["nis_code"].map(weights), errors="coerce")
    usable = w.notna() & np.isfinite(w) & (w > 0)
    w = w.where(usable, 0.0).astype(float)
    total = w.groupby(df["project_id"]).transform("sum")
    shares = np.where(total > 0, w / total.where(total > 0, 1.0), 1.0 / n)
    # A network in one municipality counts 1 there, whatever its weight.
    shares = np.where(n == 1, 1.0, shares)
    df["share"] = shares
    spread = n > 1
    no_weight = sorted(set(df.loc[spread & ~usable & (total > 0), "nis_code"]))
    fallback = sorted(set(df.loc[spread & (total <= 0), "project_id"]))
    return Split(df.reset_index(drop=True), no_weight, fallback)


def equivalents(shares: pd.DataFrame, nis_codes) -> pd.Series:
    """Network equivalents per municipality (0 where no network reaches)."""
    idx = pd.Index(list(nis_codes), name="nis_code")
    if shares.empty:
        return pd.Series(0.0, index=idx)
    return shares.groupby("nis_code")["share"].sum().reindex(idx, fill_value=0.0).astype(float)


def funding(shares: pd.DataFrame, granted: pd.Series, nis_codes) -> pd.Series:
    """Granted euro per municipality, spread by the same shares. NaN (not reported) where any
    network reaching the municipality has no granted amount; 0 where no network reaches."""
    idx = pd.Index(list(nis_codes), name="nis_code")
    if shares.empty:
        return pd.Series(0.0, index=idx)
    amount = pd.to_numeric(shares["project_id"].map(granted), errors="coerce")
    part = shares["share"] * amount
    unknown = part.isna().groupby(shares["nis_code"]).any()
    total = part.fillna(0.0).groupby(shares["nis_code"]).sum().astype(float)
    total[unknown.reindex(total.index, fill_value=False)] = math.nan
    return total.reindex(idx, fill_value=0.0)


def intensity(amount: pd.Series, denominator: pd.Series | None, scale: float) -> pd.Series:
    """amount / denominator x scale; NaN where the denominator is missing or not positive (or the
    amount is unknown). Without a denominator: the amount itself."""
    amount = amount.astype(float)
    if denominator is None:
        return amount * scale
    d = pd.to_numeric(denominator.reindex(amount.index), errors="coerce")
    return (amount / d.where(d > 0)) * scale


def overall_intensity(amount: pd.Series, denominator: pd.Series | None, scale: float) -> float:
    """The level of all municipalities together: sum of the amounts over the sum of the
    denominators (never an average of rates); without a denominator the mean amount. Only
    municipalities with both values count."""
    amount = amount.astype(float)
    if denominator is None:
        a = amount.dropna()
        return float(a.mean()) if len(a) else math.nan
    d = pd.to_numeric(denominator.reindex(amount.index), errors="coerce")
    ok = amount.notna() & d.notna() & (d > 0)
    if not ok.any():
        return math.nan
    return float(amount[ok].sum() / d[ok].sum() * scale)


# ---------------------------------------------------------------------------- need

def need_score(values: pd.Series, direction: str | None) -> pd.Series:
    """Higher = more need: the value itself, or minus it when higher values are better."""
    v = values.astype(float)
    return -v if direction == "higher_is_better" else v


def median_threshold(values: pd.Series) -> float:
    v = values.astype(float).dropna()
    return float(v.median()) if len(v) else math.nan


def quadrant_codes(need_values, level, need_threshold: float, level_threshold: float,
                   direction: str | None) -> np.ndarray:
    """Per position hn_li / hn_hi / ln_hi / ln_li (high or low need, high or low intensity:
    strictly above the threshold is high; strictly below for need when higher is better), or
    no_data when either value is missing. Plain arrays, for the callbacks."""
    v = np.asarray(need_values, dtype=float)
    lv = np.asarray(level, dtype=float)
    hn = (v < need_threshold) if direction == "higher_is_better" else (v > need_threshold)
    hi = lv > level_threshold
    out = np.select([hn & ~hi, hn & hi, ~hn & hi], ["hn_li", "hn_hi", "ln_hi"], "ln_li").astype(object)
    out[np.isnan(v) | np.isnan(lv)] = NO_DATA
    return out


def quadrants(need: pd.Series, level: pd.Series, need_threshold: float, level_threshold: float,
              direction: str | None) -> pd.Series:
    """`quadrant_codes` for series indexed by NIS code."""
    codes = quadrant_codes(need.to_numpy(dtype=float), level.reindex(need.index).to_numpy(dtype=float),
                           need_threshold, level_threshold, direction)
    return pd.Series(codes, index=need.index, dtype=object)


def quadrant_counts(q) -> dict[str, int]:
    values, counts = np.unique(np.asarray(q, dtype=object).astype(str), return_counts=True)
    found = dict(zip(values.tolist(), counts.tolist()))
    return {k: int(found.get(k, 0)) for k in (*QUADRANTS, NO_DATA)}


# ------------------------------------------------------------------------ gap finder

def need_ranks(values: pd.Series, direction: str | None) -> pd.Series:
    """1 = most need; ties share the best rank; NaN where the value is missing."""
    return need_score(values, direction).rank(ascending=False, method="min")


def gap_list(frame: pd.DataFrame, below: float, mode: str, top_pct: float | None, min_value: float | None,
             direction: str | None) -> pd.DataFrame:
    """The shortlist: municipalities with high need and (almost) no network, most need first.

    `frame`: nis_code, name, need, equivalents (one row per municipality).
    Coverage rule: equivalents < `below`; `below` = 0 means no network at all (not even a share).
    Need rule: mode `top` = the `top_pct` % of municipalities with a value that have most need
    (all tied with the last one included); mode `value` = need at least `min_value` (at most,
    when higher values are better)."""
    df = frame[frame["need"].notna()].copy()
    df["need_rank"] = need_ranks(df["need"], direction)
    n = len(df)
    if mode == "value":
        if min_value is None or (isinstance(min_value, float) and math.isnan(min_value)):
            needy = pd.Series(True, index=df.index)
        elif direction == "higher_is_better":
            needy = df["need"] <= min_value
        else:
            needy = df["need"] >= min_value
    else:
        needy = df["need_rank"] <= top_cutoff(n, 100.0 if top_pct is None else float(top_pct))
    eq = df["equivalents"].astype(float)
    uncovered = (eq == 0) if below <= 0 else (eq < below - 1e-12)
    out = df[needy & uncovered].copy()
    out = out.sort_values(["need_rank", "name"], kind="stable")
    return out.reset_index(drop=True)


def top_cutoff(n: int, pct: float) -> int:
    """How many municipalities `pct` % of `n` is (rounded up)."""
    return math.ceil(n * max(0.0, min(100.0, pct)) / 100.0 - 1e-9)


# -------------------------------------------------------------------- province shares

def province_shares(frame: pd.DataFrame, provinces: pd.DataFrame) -> pd.DataFrame:
    """Per province (and Brussels) and in total: network equivalents, funding and persons at risk,
    each with its share of the total, and the ratio share of networks / share of persons at risk.

    `frame`: nis_code, province_nis, equivalents, funding (NaN = not reported), at_risk (NaN =
    unknown). `provinces`: nis_code, name, in the order wanted. Persons at risk are summed counts
    (harmonised numerators), never averaged rates; `at_risk_missing` counts municipalities
    without one. A province's funding is NaN when any of its municipalities' is unknown."""
    total_eq = float(frame["equivalents"].sum())
    total_funding = _known_sum(frame["funding"])
    total_risk = float(frame["at_risk"].sum(min_count=1)) if len(frame) else math.nan
    rows = []

    def row(code, name, part):
        eq = float(part["equivalents"].sum())
        fund = _known_sum(part["funding"])
        risk = float(part["at_risk"].sum(min_count=1)) if len(part) else math.nan
        eq_share, risk_share = _share(eq, total_eq), _share(risk, total_risk)
        return {"code": code, "name": name, "municipalities": int(len(part)),
                "equivalents": eq, "equivalents_share": eq_share,
                "funding": fund, "funding_share": _share(fund, total_funding),
                "at_risk": risk, "at_risk_share": risk_share,
                "at_risk_missing": int(part["at_risk"].isna().sum()),
                "ratio": _share(eq_share, risk_share)}

    for p in provinces.to_dict("records"):
        rows.append(row(p["nis_code"], p["name"], frame[frame["province_nis"] == p["nis_code"]]))
    rows.append(row("total", None, frame))
    return pd.DataFrame(rows)


def _known_sum(values: pd.Series) -> float:
    """The sum, or NaN when any value is unknown (an unknown amount is not a zero)."""
    return float(values.sum()) if len(values) and values.notna().all() else math.nan


def _share(part: float, whole: float) -> float:
    if part is None or whole is None or math.isnan(part) or math.isnan(whole) or whole <= 0:
        return math.nan
    return part / whole


# ------------------------------------------------------------------ concentration curve

def concentration_curve(need: pd.Series, interventions: pd.Series, at_risk: pd.Series,
                        direction: str | None) -> pd.DataFrame:
    """The points of the concentration curve, starting at (0, 0): one row per municipality with a
    need value, a positive count of persons at risk and a known amount of interventions, ordered
    from most to least need (ties by NIS code, so the order is reproducible). Columns nis_code,
    at_risk, interventions, x (cumulative share of persons at risk), y (cumulative share of
    interventions). Empty when no interventions fall in these municipalities."""
    idx = need.index
    df = pd.DataFrame({"need": need.astype(float), "score": need_score(need, direction),
                       "interventions": interventions.reindex(idx).astype(float),
                       "at_risk": pd.to_numeric(at_risk.reindex(idx), errors="coerce")})
    df = df[df["need"].notna() & df["interventions"].notna() & df["at_risk"].notna() & (df["at_risk"] > 0)]
    cols = ["nis_code", "need", "at_risk", "interventions", "x", "y"]
    if df.empty or df["interventions"].sum() <= 0:
        return pd.DataFrame(columns=cols)
    df = df.rename_axis("nis_code").reset_index()
    df = df.sort_values(["score", "nis_code"], ascending=[False, True], kind="stable")
    df["x"] = df["at_risk"].cumsum() / df["at_risk"].sum()
    df["y"] = df["interventions"].cumsum() / df["interventions"].sum()
    start = pd.DataFrame([{"nis_code": None, "need": math.nan, "at_risk": 0.0, "interventions": 0.0,
                           "x": 0.0, "y": 0.0}])
    return pd.concat([start, df[cols]], ignore_index=True)


def concentration_index(x, y) -> float:
    """C = 1 - sum (x_i - x_{i-1})(y_i + y_{i-1}) over the points of the curve (from (0, 0) to
    (1, 1)); NaN for fewer than two points."""
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    if x.size < 2:
        return math.nan
    return float(1.0 - np.sum((x[1:] - x[:-1]) * (y[1:] + y[:-1])))
