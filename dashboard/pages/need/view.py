"""The need page's view model: from the warehouse reads (`dashboard/queries/need.py`) and the pure
rules (`dashboard/need.py`) to the figures, rows and sentences the layout and the exports show.

`model` holds everything for one need indicator, year and split rule, cached per build (the
`version` argument of the cached functions is the warehouse's data version, so a new build misses
the cache); a region limit (Flanders or Brussels) keeps the rows of that region's municipalities.
Texts reach plotly only through `esc`; the layout renders the rest as Dash components.
"""
from __future__ import annotations

import threading
from functools import lru_cache

import pandas as pd

from dashboard import default_indicator, need
from dashboard import formatting as fmt
from dashboard.geo import layer_url
from dashboard.i18n import localised, t, t_or
from dashboard.pages.need import figures
from dashboard.pages.need.state import (
    DEFAULT_GAP_MODE,
    DEFAULT_REGION,
    GAP_MODES,
    parse_number,
    valid_gap_below,
    valid_gap_top,
    valid_region,
)
from dashboard.queries import need as qn
from dashboard.ui.links import profile_href
from dashboard.ui.text import esc

MAX_LISTED = 8
# The concentration index, written out (a formula, the same in every language).
FORMULA = "C = 1 − Σᵢ (xᵢ − xᵢ₋₁) · (yᵢ + yᵢ₋₁),   x₀ = y₀ = 0"
FORMULA_PLAIN = "C = 1 − Σ (x_i − x_{i−1}) · (y_i + y_{i−1}), x_0 = y_0 = 0."


def version() -> str:
    return qn.version() or ""


# ------------------------------------------------------------------------ indicators

def indicator_name(ind: dict, lang: str) -> str:
    return localised(ind, "name", lang) or ind["indicator_id"]


def need_title(ind: dict, year, lang: str) -> str:
    """`Armoederisico (2022, %)`: the need indicator as a column or axis title."""
    unit = fmt.unit_label(ind, lang)
    return f"{indicator_name(ind, lang)} ({year}{', ' + unit if unit else ''})"


def indicator_label(ind: dict, lang: str) -> str:
    """An indicator as an option of the indicator dropdown."""
    unit = fmt.unit_label(ind, lang)
    return f"{indicator_name(ind, lang)} ({unit})" if unit else indicator_name(ind, lang)


def years_of(ind: dict) -> list[int]:
    years = ind.get("years")
    return sorted(int(y) for y in (list(years) if years is not None else []))


def need_indicators(base: dict) -> dict[str, dict]:
    """Indicators that can express need: rates and statistics (counts only describe size); the
    declared preferred ones first (the child indicators, when loaded: dashboard/default_indicator.toml)."""
    usable = [k for k, v in base["indicator_by_id"].items() if v.get("kind") != "count"]
    return {k: base["indicator_by_id"][k] for k in sorted(usable, key=default_indicator.rank)}


def default_id(base: dict) -> str | None:
    """The page's default need indicator, left out of the URL: the first of the preference order the
    warehouse holds (None when it holds none of them: then the first need indicator shows)."""
    return default_indicator.preferred(need_indicators(base))


def resolve(base: dict, indicator, year) -> tuple[dict | None, int | None]:
    """The indicator and year in force: the asked ones when they exist, else the default indicator
    (`default_id`) and the latest year."""
    usable = need_indicators(base)
    chosen = default_indicator.resolve(indicator, usable)
    ind = usable.get(chosen) if chosen else None
    if ind is None:
        return None, None
    years = years_of(ind)
    return ind, (int(year) if year in years else years[-1] if years else None)


def latest_year(indicator, year) -> int | None:
    """The latest year of the indicator in force (the year left out of the URL)."""
    ind, _ = resolve(qn.base(), indicator, year)
    years = years_of(ind) if ind else []
    return years[-1] if years else None


# ----------------------------------------------------------------------------- model

def _year_values(indicator_id: str, target: int, column: str = "value") -> tuple[pd.Series, int | None]:
    """One indicator's `column` per municipality in the year nearest `target` that has it."""
    df = qn.values(indicator_id)
    have = df[df[column].notna()]
    year = need.nearest_year(have["year"].unique(), target)
    if year is None:
        return pd.Series(dtype=float), None
    part = have[have["year"] == year]
    return part.set_index("nis_code")[column].astype(float), year


def _count_values(candidates, target: int) -> tuple[pd.Series, int | None, str | None]:
    """A head count (inhabitants, children) per municipality from the first of `candidates`
    ((indicator id, column)) whose nearest year is closest to `target`: the Statbel count (with the
    population by age, every year since 2016), or the Gemeente-Stadsmonitor share's counts. Returns
    the values, their year and the indicator they come from."""
    base = qn.base()
    best = (pd.Series(dtype=float), None, None)
    for indicator_id, column in candidates:
        if indicator_id not in base["indicator_by_id"]:
            continue
        values, year = _year_values(indicator_id, target, column)
        if year is not None and (best[1] is None or abs(year - target) < abs(best[1] - target)):
            best = (values, year, indicator_id)
    return best


@lru_cache(maxsize=48)
def _model(version: str, indicator_id: str, year: int, rule: str) -> dict:
    """Everything the page shows for one need indicator, year and split rule (cached per build)."""
    base = qn.base()
    ind = base["indicator_by_id"][indicator_id]
    munis = base["municipalities"]
    codes = munis["nis_code"].tolist()
    values = qn.values(indicator_id)
    cur = values[values["year"] == year].set_index("nis_code")
    population, pop_year, pop_from = _count_values(qn.POPULATION_SOURCES, year)
    children, child_year, child_from = _count_values(qn.CHILDREN_SOURCES, year)
    at_risk, risk_year = _year_values(qn.AT_RISK_INDICATOR, year, "numerator")
    covered = need.coverage(base["placements"], munis)
    weights = {"population": population, "at_risk": at_risk}
    splits = {r: need.split(covered, r, weights.get(r)) for r in need.RULES}
    sp = splits[rule]
    budgets = base["budgets"]
    granted = budgets.set_index("project_id")["granted"] if len(budgets) else pd.Series(dtype=float)
    frame = munis.set_index("nis_code")[["name_nl", "province_nis", "province_name"]].copy()
    frame["need"] = cur["value"].reindex(frame.index).astype(float)
    frame["flag"] = cur["flag"].reindex(frame.index)
    frame["population"] = population.reindex(frame.index)
    frame["children"] = children.reindex(frame.index)
    frame["at_risk"] = at_risk.reindex(frame.index)
    frame["equivalents"] = need.equivalents(sp.shares, codes)
    frame["funding"] = need.funding(sp.shares, granted, codes)
    frame["need_rank"] = need.need_ranks(frame["need"], ind.get("direction"))
    names = base["placements"].drop_duplicates("project_id").set_index("project_id")["name"]
    listed: dict[str, list[tuple[str, float, str]]] = {}
    for row in sp.shares.sort_values(["nis_code", "share"], ascending=[True, False]).itertuples():
        listed.setdefault(row.nis_code, []).append((names.get(row.project_id, row.project_id), row.share, row.scope))
    placed = sorted(set(covered["project_id"]))
    return {
        "ind": ind, "year": year, "rule": rule, "region": DEFAULT_REGION, "frame": frame, "listed": listed,
        "years": {"population": pop_year, "children": child_year, "at_risk": risk_year},
        "counts_from": {"population": pop_from, "children": child_from},
        "covered": covered, "splits": splits, "split": sp, "names": names,
        "placed": len(placed), "unplaced": need.unplaced(base["placements"], covered),
        "reported": int(granted.reindex(placed).notna().sum()) if placed else 0,
    }


def in_region(frame: pd.DataFrame, region: str) -> pd.Series:
    """Whether each municipality of `frame` lies in the region (`both`: all of them). Brussels' 19
    carry the Brussels-Capital Region as their province."""
    region = valid_region(region)
    if region == "both":
        return pd.Series(True, index=frame.index)
    brussels = frame["province_nis"] == qn.BRUSSELS
    return brussels if region == "brussels" else ~brussels


@lru_cache(maxsize=48)
def _limited(version: str, indicator_id: str, year: int, rule: str, region: str) -> dict:
    """The model with only the municipalities of one region (their equivalents as in the whole
    model: a network's shares do not change with the part one looks at)."""
    whole = _model(version, indicator_id, year, rule)
    frame = whole["frame"]
    return {**whole, "region": region, "frame": frame[in_region(frame, region)]}


# One change of the view fires several callbacks at once (the rule box, the spread and curve, the
# scatter, the gap finder), served by threads of one worker: without this lock each of them misses
# the cache while the first is still computing the view's model and computes it again. A cache hit
# holds the lock for microseconds; a miss is CPU-bound anyway (the GIL), so waiting costs nothing.
_MODEL_LOCK = threading.Lock()


def model(indicator_id: str, year: int, rule: str, region: str = DEFAULT_REGION) -> dict:
    qn.base()  # raises WarehouseError first, and fills the cache for this build
    region = valid_region(region)
    key = (version(), indicator_id, int(year), need.normalise_rule(rule))
    with _MODEL_LOCK:
        return _model(*key) if region == DEFAULT_REGION else _limited(*key, region)


def view_model(indicator, year, rule, region=DEFAULT_REGION) -> dict | None:
    """The model of the view asked for (indicator and year resolved), None without a need indicator."""
    ind, year = resolve(qn.base(), indicator, year)
    return None if ind is None else model(ind["indicator_id"], year, rule, region)


def funding_state(m: dict) -> str:
    """`none` (no network reported a granted budget), `partial` or `all`."""
    if m["reported"] == 0:
        return "none"
    return "all" if m["reported"] >= m["placed"] else "partial"


def _amount_and_denominator(m: dict, measure: str) -> tuple[pd.Series, pd.Series | None, float]:
    spec = need.MEASURES[measure]
    frame = m["frame"]
    amount = frame["equivalents"] if spec.amount == "networks" else frame["funding"]
    return amount, None if spec.denominator is None else frame[spec.denominator], spec.scale


def level_of(m: dict, measure: str) -> pd.Series:
    """The intensity per municipality for a measure."""
    return need.intensity(*_amount_and_denominator(m, measure))


def overall_level(m: dict, measure: str) -> float:
    """The intensity of all municipalities together (totals, never an average of rates)."""
    return need.overall_intensity(*_amount_and_denominator(m, measure))


@lru_cache(maxsize=8)
def _province_names(version: str, lang: str) -> dict[str, str]:
    return {r["nis_code"]: localised(r, "name", lang) for r in qn.base()["provinces"].to_dict("records")}


def province_label(code: str, lang: str) -> str:
    """A province's (or the Brussels-Capital Region's) name in the language."""
    return _province_names(version(), lang).get(code, code)


# ---------------------------------------------------------------------- text helpers

def need_text(m: dict, value, lang: str) -> str:
    return fmt.value_text(value, m["ind"], lang)


def need_number(m: dict, value, lang: str) -> str:
    """A need value as a bare number (for a placeholder: what one would type)."""
    _short, _unit, decimals = fmt.display_meta(m["ind"], lang)
    return fmt.number(value, decimals, lang)


# The decimals the page shows each figure with, read by this module, layout.py and exports.py (an
# export column stores and formats its numbers with the same, so a cell reads as the screen: issue 14,
# "decimals as on screen"). The need value takes its indicator's own decimals (fmt.display_meta);
# these are the figures without metadata of their own.
EQUIVALENTS_DECIMALS = 3       # a municipality's network equivalents: "0.500"
AREA_EQUIVALENTS_DECIMALS = 2  # a province's summed equivalents in the spread table: "13.00"
SHARE_PCT_DECIMALS = 1         # a share in percent: "27.1%"
RATIO_DECIMALS = 2             # the spread's ratio of shares: "1.17"
AREA_EURO_DECIMALS = 0         # a province's funding in the spread table, whole euros
INDEX_DECIMALS = 3             # the concentration index C: "0.149"
FUNDING_LEVEL_DECIMALS = 2     # a funding measure's level: euro and cents


def level_decimals(measure: str) -> int:
    """The decimals of a scatter level, from its measure: euros with cents for a funding measure,
    else the network equivalents'."""
    return FUNDING_LEVEL_DECIMALS if need.MEASURES[measure].amount == "funding" else EQUIVALENTS_DECIMALS


def level_text(value, measure: str, lang: str) -> str:
    if fmt.is_missing(value):
        return fmt.MISSING
    if need.MEASURES[measure].amount == "funding":
        return fmt.euro(value, level_decimals(measure), lang)
    return fmt.number(value, level_decimals(measure), lang)


def eq_text(value, lang: str) -> str:
    """Network equivalents with the decimals of the measure `equivalents` (as the scatter shows them),
    the same in every row: "0,000" beside "0,500", not "0"."""
    return level_text(value, "equivalents", lang)


def pct_text(share, lang: str) -> str:
    return fmt.percent(share, SHARE_PCT_DECIMALS, lang, fraction=True)


def below_words(value: str, lang: str) -> str:
    """`1` -> "1 netwerkequivalent", `2` -> "2 netwerkequivalenten" (the coverage limit in words)."""
    n = float(value)
    key = "need.unit.equivalent" if n <= 1 else "need.unit.equivalents"
    return f"{fmt.number(n, 0 if n.is_integer() else 1, lang)} {t(key, lang)}"


def rule_short(rule: str, lang: str) -> str:
    return t("need.rule.short", lang, rule=t(f"need.rule.{rule}", lang).lower())


def rule_sentence(m: dict, lang: str) -> str:
    """The split rule in force, in words, with the year of its weights."""
    rule = m["rule"]
    year = m["years"]["population"] if rule == "population" else m["years"]["at_risk"]
    text = t(f"need.rule.{rule}.text", lang, year=year if year else fmt.MISSING)
    total = float(m["split"].shares["share"].sum())  # all networks, whatever the region in force
    return (f"{rule_short(rule, lang)}. {text} "
            + t("need.rule.total", lang, n=fmt.integer(m["placed"], lang), eq=fmt.number(total, 2, lang)))


def years_sentence(m: dict, lang: str) -> str:
    y = m["years"]
    need_year = m["year"]

    def part(key, year):
        if year is None:
            return t(f"need.years.{key}.none", lang)
        gap = abs(year - need_year)
        text = t(f"need.years.{key}", lang, year=year)
        plural = "one" if gap == 1 else "other"
        text += " " + t(f"need.years.gap.{plural}", lang, n=gap, need=need_year) if gap else ""
        origin = m.get("counts_from", {}).get(key)
        if origin:  # which count the denominator is: Statbel's, or the Gemeente-Stadsmonitor's
            text += " " + t("need.years.from.gsm" if origin == qn.GSM_CHILDREN_SHARE else "need.years.from.statbel",
                            lang)
        return text

    return "; ".join([part("population", y["population"]), part("children", y["children"]),
                      part("at_risk", y["at_risk"])]) + "."


def funding_reason(m: dict, lang: str) -> str:
    """Why funding shows as not reported."""
    if funding_state(m) == "none":
        return t("need.funding.none", lang, total=fmt.integer(m["placed"], lang))
    return t("need.funding.partial", lang, n=fmt.integer(m["reported"], lang), total=fmt.integer(m["placed"], lang))


def network_lines(m: dict, nis: str, lang: str, limit: int = MAX_LISTED) -> list[str]:
    """The networks reaching a municipality: a whole network plainly, a share with its scope."""
    items = m["listed"].get(nis, [])
    out = []
    for name, share, scope in items[:limit]:
        if share >= 1 - 1e-9:
            out.append(str(name))
        else:
            out.append(t("need.network.share", lang, name=name, share=fmt.number(share, 3, lang),
                         scope=t(f"need.scope.{scope}", lang)))
    if len(items) > limit:
        out.append(t("need.network.more", lang, n=len(items) - limit))
    return out


def flag_text(flag, lang: str) -> str:
    return t_or(f"flag.{flag}", lang, str(flag)) if isinstance(flag, str) else ""


# -------------------------------------------------------------------------- scatter

@lru_cache(maxsize=96)
def _hover(version: str, indicator_id: str, year: int, rule: str, measure: str, lang: str) -> dict[str, str]:
    """The hover label per municipality (cached: it does not depend on the thresholds)."""
    m = model(indicator_id, year, rule)
    frame = m["frame"]
    level = level_of(m, measure)
    need_label = esc(f"{indicator_name(m['ind'], lang)} ({year})")
    measure_label = esc(t(f"need.measure.{measure}", lang))
    eq_label = esc(t("need.col.equivalents", lang))
    nets_label = esc(t("need.col.networks", lang))
    none = esc(t("need.network.none", lang))
    funding = need.MEASURES[measure].amount == "funding"
    provinces = _province_names(version, lang)  # once: province_label reads the build's version per call
    out = {}
    for nis, name, prov, value, lvl, eq in zip(frame.index, frame["name_nl"], frame["province_nis"], frame["need"],
                                               level, frame["equivalents"]):
        nets = network_lines(m, nis, lang)
        if not fmt.is_missing(lvl):
            lvl_text = level_text(lvl, measure, lang)
        else:
            lvl_text = t("need.not_reported", lang) if funding else fmt.MISSING
        out[nis] = (f"<b>{esc(name)}</b> · {esc(provinces.get(prov, prov))}<br>"
                    f"{need_label}: {esc(need_text(m, value, lang))}<br>"
                    f"{measure_label}: {esc(lvl_text)}<br>"
                    f"{eq_label}: {esc(eq_text(eq, lang))}<br>"
                    f"{nets_label}: " + ("".join(f"<br>  • {esc(x)}" for x in nets) if nets else none))
    return out


@lru_cache(maxsize=96)
def _measure_view(version: str, indicator_id: str, year: int, rule: str, measure: str, region: str) -> dict:
    """A measure's intensity per municipality of the region and the default thresholds (cached: they
    do not depend on the thresholds chosen), with plain arrays for the callbacks."""
    m = model(indicator_id, year, rule, region)
    level = level_of(m, measure)
    frame = m["frame"]
    return {"level": level, "need_values": frame["need"].to_numpy(dtype=float),
            "level_values": level.to_numpy(dtype=float), "codes": frame.index.to_numpy(),
            "median": need.median_threshold(frame["need"]), "overall": overall_level(m, measure)}


def thresholds(mv: dict, need_t, int_t) -> dict:
    """The thresholds in force: the user's, or the defaults (median need; level of all together)."""
    need_value = parse_number(need_t)
    level_value = parse_number(int_t)
    return {"need": mv["median"] if need_value is None else need_value, "need_default": need_value is None,
            "need_median": mv["median"],
            "level": mv["overall"] if level_value is None else level_value, "level_default": level_value is None,
            "level_overall": mv["overall"]}


def scatter_view(indicator, year, measure, rule, need_t, int_t, lang, region=DEFAULT_REGION) -> dict:
    """The scatter, its quadrant counts and the thresholds of one view. `status`: `ok`,
    `not_reported` (a funding measure while no network reported funding) or `no_indicator`."""
    ind, year = resolve(qn.base(), indicator, year)
    if ind is None:
        return {"status": "no_indicator"}
    measure = need.normalise_measure(measure)
    rule = need.normalise_rule(rule)
    region = valid_region(region)
    m = model(ind["indicator_id"], year, rule, region)
    direction = ind.get("direction")
    mv = _measure_view(version(), ind["indicator_id"], year, rule, measure, region)
    th = thresholds(mv, need_t, int_t)
    if need.MEASURES[measure].amount == "funding" and funding_state(m) == "none":
        return {"status": "not_reported", "m": m, "measure": measure, "th": th}
    quad = need.quadrant_codes(mv["need_values"], mv["level_values"], th["need"], th["level"], direction)
    counts = need.quadrant_counts(quad)
    hover = _hover(version(), ind["indicator_id"], year, rule, measure, lang)
    traces = [{"quadrant": q, "name": f"{t(f'need.q.{q}', lang)} ({counts[q]})",
               "x": mv["need_values"][quad == q], "y": mv["level_values"][quad == q],
               "customdata": [[nis, hover[nis]] for nis in mv["codes"][quad == q]]} for q in need.QUADRANTS]
    x_title = need_title(ind, year, lang)
    if direction == "higher_is_better":
        x_title += " · " + t("need.axis.reversed", lang)
    figure = figures.scatter(traces, x_title, t(f"need.measure.{measure}", lang), th["need"], th["level"],
                             reversed_x=direction == "higher_is_better",
                             uirevision=f"{ind['indicator_id']}-{year}-{measure}-{region}", lang=lang)
    return {"status": "ok", "m": m, "measure": measure, "th": th, "counts": counts, "figure": figure,
            "quad": pd.Series(quad, index=mv["codes"]), "level": mv["level"]}


def threshold_text(v: dict, lang: str) -> str:
    m, th, measure = v["m"], v["th"], v["measure"]
    n_need = int(m["frame"]["need"].notna().sum())
    need_part = t("need.t_need.text", lang, value=need_text(m, th["need"], lang),
                  how=t("need.t.median", lang, n=fmt.integer(n_need, lang)) if th["need_default"]
                  else t("need.t.own", lang))
    if v["status"] == "not_reported":
        level_part = t("need.t_int.not_reported", lang)
    else:
        how = t("need.t.overall", lang) if th["level_default"] else t("need.t.own", lang)
        if th["level_default"] and need.MEASURES[measure].denominator is None:
            how = t("need.t.mean", lang)
        level_part = t("need.t_int.text", lang, value=level_text(th["level"], measure, lang),
                       unit=t(f"need.unit.{measure}", lang), how=how)
    direction = "need.t.strict_better" if m["ind"].get("direction") == "higher_is_better" else "need.t.strict"
    return f"{need_part} · {level_part}. {t(direction, lang)}"


def scatter_note(m: dict, lang: str) -> str:
    return f"{rule_sentence(m, lang)} {t('need.years.intro', lang)} {years_sentence(m, lang)}"


# ------------------------------------------------------------------------ gap finder

def gap_frame(m: dict, below, mode, top, minimum) -> pd.DataFrame:
    """The shortlist of a view: municipalities with high need and (almost) no network."""
    frame = m["frame"].reset_index().rename(columns={"name_nl": "name"})
    return need.gap_list(frame, float(valid_gap_below(below)), mode if mode in GAP_MODES else DEFAULT_GAP_MODE,
                         valid_gap_top(top), parse_number(minimum), m["ind"].get("direction"))


def gap_rule_text(m: dict, below, mode, top, minimum, lang: str) -> str:
    """The shortlist's rule, in words (also written into the exports)."""
    n = int(m["frame"]["need"].notna().sum())
    name = indicator_name(m["ind"], lang)
    if mode == "value":
        value = parse_number(minimum)
        if value is None:
            need_part = t("need.gap.rule.all", lang, n=fmt.integer(n, lang))
        else:
            key = "need.gap.rule.max" if m["ind"].get("direction") == "higher_is_better" else "need.gap.rule.min"
            need_part = t(key, lang, indicator=name, year=m["year"], value=need_text(m, value, lang))
    else:
        pct = valid_gap_top(top)
        need_part = t("need.gap.rule.top", lang, pct=fmt.number(pct, 0 if pct.is_integer() else 1, lang),
                      k=fmt.integer(need.top_cutoff(n, pct), lang), n=fmt.integer(n, lang), indicator=name,
                      year=m["year"])
    b = float(valid_gap_below(below))
    cover = t("need.gap.rule.none", lang) if b <= 0 else t("need.gap.rule.below", lang, n=below_words(str(b), lang))
    return t("need.gap.rule", lang, need=need_part, cover=cover)


@lru_cache(maxsize=48)
def _gap_cells(version: str, indicator_id: str, year: int, rule: str, lang: str) -> dict[str, dict]:
    """Per municipality with a need value the texts of its shortlist row (cached per build: only
    which rows show depends on the thresholds)."""
    m = model(indicator_id, year, rule)
    frame = m["frame"]
    n = fmt.integer(int(frame["need"].notna().sum()), lang)
    none = t("need.network.none", lang)
    provinces = _province_names(version, lang)
    out = {}
    for nis, r in zip(frame.index, frame.itertuples()):
        if fmt.is_missing(r.need):
            continue
        nets = network_lines(m, nis, lang, limit=4)
        out[nis] = {"name": r.name_nl, "href": profile_href(nis, lang), "province": provinces.get(r.province_nis, r.province_nis),
                    "need": need_text(m, r.need, lang),
                    "rank": t("need.rank_of", lang, rank=fmt.integer(r.need_rank, lang), n=n),
                    "equivalents": eq_text(r.equivalents, lang), "networks": "; ".join(nets) if nets else none}
    return out


def gap_rows(m: dict, gap: pd.DataFrame, lang: str) -> list[dict]:
    """The shortlist's rows as texts, numbered from 1."""
    cells = _gap_cells(version(), m["ind"]["indicator_id"], m["year"], m["rule"], lang)
    return [{"i": fmt.integer(i, lang), **cells[nis]} for i, nis in enumerate(gap["nis_code"], start=1)]


@lru_cache(maxsize=48)
def _map_static(version: str, indicator_id: str, year: int, rule: str, lang: str) -> dict:
    """What the shortlist map shows whatever the thresholds: the municipalities, the first lines of
    their hover labels, those with a network of their own, the layer URLs (cached per build)."""
    base = qn.base()
    m = model(indicator_id, year, rule)
    frame = m["frame"]
    title = esc(indicator_name(m["ind"], lang))
    eq_label = esc(t("need.col.equivalents", lang))
    provinces = _province_names(version, lang)
    texts = [f"<b>{esc(name)}</b> · {esc(provinces.get(prov, prov))}<br>"
             f"{title} ({year}): {esc(need_text(m, value, lang))}<br>"
             f"{eq_label}: {esc(eq_text(eq, lang))}<br>"
             for name, prov, value, eq in zip(frame["name_nl"], frame["province_nis"], frame["need"],
                                              frame["equivalents"])]
    own = sorted(set(m["covered"].loc[m["covered"]["scope"] != need.PROVINCE_SCOPE, "nis_code"]))
    return {"codes": frame.index.tolist(), "texts": texts, "own": own,
            "muni_url": layer_url(base["layers"].get("municipalities_2025")),
            "prov_url": layer_url(base["layers"].get("provinces_2025")),
            "off": esc(t("need.gap.off_list", lang))}


def map_static(m: dict, lang: str) -> dict:
    return _map_static(version(), m["ind"]["indicator_id"], m["year"], m["rule"], lang)


def map_key(m: dict, lang: str) -> str:
    """What the drawn map's outlines depend on: the build (its geometry, the municipalities with a
    network of their own) and the language. Another indicator, year, split rule or shortlist changes
    only the marks and the hover texts, which a patch of a map drawn for the same key carries."""
    return f"{qn.version()}|{lang}"


def shortlist_marks(m: dict, gap: pd.DataFrame, lang: str) -> tuple[list[int], list[str]]:
    """Per municipality (in map order): 1 on the shortlist, else 0; and its whole hover text (the
    view's lines, then whether it is listed)."""
    st = map_static(m, lang)
    on_list = {nis: i for i, nis in enumerate(gap["nis_code"], start=1)}
    z = [1 if nis in on_list else 0 for nis in st["codes"]]
    hover = [text + (esc(t("need.gap.on_list", lang, i=on_list[nis])) if nis in on_list else st["off"])
             for nis, text in zip(st["codes"], st["texts"])]
    return z, hover


def map_update(m: dict, gap: pd.DataFrame, lang: str, drawn_key: str | None):
    """(figure or patch, key): the whole figure when the map was drawn for another key (`map_key`),
    else a patch of the marks and hover texts only."""
    key = map_key(m, lang)
    z, hover = shortlist_marks(m, gap, lang)
    if drawn_key != key:
        return figures.gap_map(map_static(m, lang), z, hover, key), key
    return figures.shortlist_patch(z, hover), key


# ------------------------------------------------------------------- province shares

def spread_frame(m: dict, lang: str) -> pd.DataFrame:
    prov = qn.base()["provinces"]
    region = m.get("region", DEFAULT_REGION)
    if region != DEFAULT_REGION:  # only the provinces (or Brussels) of the region in force
        prov = prov[(prov["nis_code"] == qn.BRUSSELS) == (region == "brussels")]
    prov = prov.copy()
    prov["name"] = [province_label(c, lang) for c in prov["nis_code"]]
    frame = m["frame"].reset_index()[["nis_code", "province_nis", "equivalents", "funding", "at_risk"]]
    out = need.province_shares(frame, prov[["nis_code", "name"]])
    out.loc[out["code"] == "total", "name"] = region_name(region, lang)  # the total of the region in force
    return out


def spread_bars(m: dict, spread: pd.DataFrame, lang: str) -> list[dict]:
    """The bars of the spread chart: per series its label, colour key and values per province."""
    provinces = spread[spread["code"] != "total"]
    keys = ["equivalents_share", "at_risk_share"]
    if funding_state(m) == "all":
        keys.insert(1, "funding_share")
    labels = {"equivalents_share": "need.spread.networks_share", "funding_share": "need.spread.funding_share",
              "at_risk_share": "need.spread.at_risk_share"}
    return [{"key": key, "label": t(labels[key], lang), "names": provinces["name"].tolist(),
             "values": [None if fmt.is_missing(v) else round(v * 100, 4) for v in provinces[key]],
             "texts": [pct_text(v, lang) for v in provinces[key]]} for key in keys]


# ---------------------------------------------------------------- concentration curve

def curve_frames(m: dict) -> dict[str, pd.DataFrame]:
    """The view's concentration curves (networks; funding once every network reported it), shared:
    callers must not modify them."""
    return _curve_frames(version(), m["ind"]["indicator_id"], m["year"], m["rule"], m.get("region", DEFAULT_REGION))


@lru_cache(maxsize=48)
def _curve_frames(version: str, indicator_id: str, year: int, rule: str, region: str) -> dict[str, pd.DataFrame]:
    """The curves of a view (cached per build: the curve section and its export both ask for them)."""
    m = model(indicator_id, year, rule, region)
    frame = m["frame"]
    direction = m["ind"].get("direction")
    out = {"networks": need.concentration_curve(frame["need"], frame["equivalents"], frame["at_risk"], direction)}
    if funding_state(m) == "all":
        out["funding"] = need.concentration_curve(frame["need"], frame["funding"], frame["at_risk"], direction)
    return out


def curve_lines(m: dict, lang: str) -> list[dict]:
    """Per curve with points (networks; funding once every network reported it): its key, label,
    index and points with the municipality's name."""
    frame = m["frame"]
    out = []
    for key, df in curve_frames(m).items():
        if df.empty:
            continue
        names = [""] + [frame.at[c, "name_nl"] for c in df["nis_code"].iloc[1:]]
        out.append({"key": key, "label": t(f"need.curve.{key}", lang),
                    "index": need.concentration_index(df["x"], df["y"]),
                    "x": df["x"].round(6).tolist(), "y": df["y"].round(6).tolist(),
                    "points": [[n, pct_text(x, lang), pct_text(y, lang)] for n, x, y in zip(names, df["x"], df["y"])]})
    return out


def region_indices(m: dict) -> list[dict]:
    """The concentration index of the networks (and of the funding, once every network reported it)
    for Flanders, Brussels and both together, whatever the region in force: per region its key, the
    municipalities on its curve and the indices (NaN without a curve). Shared: do not modify."""
    return _region_indices(version(), m["ind"]["indicator_id"], m["year"], m["rule"])


@lru_cache(maxsize=48)
def _region_indices(version: str, indicator_id: str, year: int, rule: str) -> list[dict]:
    """The indices per region (cached per build: the table, its note and the export ask for them,
    and they do not depend on the region in force)."""
    whole = model(indicator_id, year, rule)
    direction = whole["ind"].get("direction")
    frame = whole["frame"]
    kinds = ["networks"] + (["funding"] if funding_state(whole) == "all" else [])
    out = []
    for region in ("flanders", "brussels", "both"):
        part = frame[in_region(frame, region)]
        row = {"region": region, "municipalities": 0}
        for kind in kinds:
            curve = need.concentration_curve(part["need"], part["equivalents" if kind == "networks" else "funding"],
                                             part["at_risk"], direction)
            row[kind] = need.concentration_index(curve["x"], curve["y"]) if not curve.empty else float("nan")
            if kind == "networks":
                row["municipalities"] = max(len(curve) - 1, 0)
        out.append(row)
    return out


def region_name(region: str, lang: str) -> str:
    return t(f"need.region.{valid_region(region)}", lang)


def region_sentence(m: dict, lang: str) -> str:
    """The municipalities the view covers, in words (also written into the exports)."""
    region = m.get("region", DEFAULT_REGION)
    return t("need.region.line", lang, region=region_name(region, lang), n=fmt.integer(len(m["frame"]), lang))


def region_note(m: dict, lang: str) -> str:
    """What the call targets (Dutch-language education: Flanders and the Dutch-language schools in
    Brussels) against what the need indicator covers (children, or all ages), with the networks'
    index without and with Brussels in figures."""
    by_region = {r["region"]: r for r in region_indices(m)}
    covers = t("need.region.covers.children" if default_indicator.measures_children(m["ind"]["indicator_id"])
               else "need.region.covers.all_ages", lang)
    return t("need.region.note", lang, indicator=indicator_name(m["ind"], lang), covers=covers,
             flanders=fmt.number(by_region["flanders"]["networks"], 2, lang),
             both=fmt.number(by_region["both"]["networks"], 2, lang))


def index_words(index: float, lang: str) -> str:
    if fmt.is_missing(index):
        return fmt.MISSING
    if abs(index) < 0.05:
        return t("need.curve.words.even", lang)
    return t("need.curve.words.need" if index < 0 else "need.curve.words.less", lang)


def curve_order_text(m: dict, lang: str) -> str:
    """Which municipalities the curve orders, and how many network equivalents fall inside it."""
    frame = m["frame"]
    networks = curve_frames(m)["networks"]
    used = len(networks) - 1 if not networks.empty else 0
    inside = float(networks["interventions"].sum()) if used else 0.0
    return t("need.curve.order", lang, indicator=indicator_name(m["ind"], lang), year=m["year"],
             n=fmt.integer(used, lang), total=fmt.integer(len(frame), lang),
             eq=fmt.number(inside, 2, lang), all=fmt.number(float(frame["equivalents"].sum()), 2, lang))


# ---------------------------------------------------------------------- split rule

def share_range(shares: pd.Series, frame: pd.DataFrame, lang: str) -> str:
    """A network's shares under one rule: "1/n each", or the lowest and the highest with their places."""
    if shares.empty:
        return fmt.MISSING
    lo, hi = shares.idxmin(), shares.idxmax()
    if abs(shares[hi] - shares[lo]) < 1e-9:
        return t("need.rule.each", lang, share=fmt.number(shares[lo], 3, lang))
    return t("need.rule.range", lang, lo=fmt.number(shares[lo], 3, lang), lo_name=frame.at[lo, "name_nl"],
             hi=fmt.number(shares[hi], 3, lang), hi_name=frame.at[hi, "name_nl"])


def rule_effect(m: dict, lang: str) -> dict:
    """The rule's effect on the networks that cover more than one municipality: per network its
    area and its shares under each rule (`rows`), per network and municipality the share under each
    rule (`detail`), the count of single-place networks and the notes (no weight, fallback)."""
    frame = m["frame"]
    covered = m["covered"]
    sizes = covered.groupby("project_id")["nis_code"].nunique()
    spread_ids = sizes[sizes > 1].index.tolist()
    rows, detail = [], []
    for pid in spread_ids:
        members = covered[covered["project_id"] == pid]
        name = str(m["names"].get(pid, pid))
        area = (t(f"need.scope.{members['scope'].iloc[0]}", lang)
                + f" ({fmt.integer(len(members), lang)} " + t("need.municipalities", lang) + ")")
        shares = {}
        for r in need.RULES:
            s = m["splits"][r].shares
            shares[r] = s[s["project_id"] == pid].set_index("nis_code")["share"]
        rows.append({"network": name, "area": area, "shares": [share_range(shares[r], frame, lang) for r in need.RULES]})
        for nis in sorted(members["nis_code"], key=lambda c: frame.at[c, "name_nl"]):
            detail.append({"network": name, "municipality": frame.at[nis, "name_nl"],
                           "shares": [fmt.number(shares[r].get(nis, 0.0), 3, lang) for r in need.RULES]})
    notes = []
    sp = m["split"]
    if sp.no_weight:
        notes.append(t("need.rule.no_weight", lang, names=", ".join(frame.at[c, "name_nl"] for c in sp.no_weight)))
    if sp.fallback:
        notes.append(t("need.rule.fallback", lang, names=", ".join(str(m["names"].get(p, p)) for p in sp.fallback)))
    return {"single": int((sizes == 1).sum()), "spread": len(spread_ids), "rows": rows, "detail": detail,
            "notes": notes}


# ----------------------------------------------------------------------- provenance

def sources_of(m: dict) -> list[dict]:
    """The source rows behind a view: the need indicator, the denominators and the networks."""
    base = qn.base()
    ids = [m["ind"].get("source_id")]
    counts_from = m.get("counts_from", {})
    for indicator_id in (counts_from.get("population"), counts_from.get("children"), qn.AT_RISK_INDICATOR):
        ind = base["indicator_by_id"].get(indicator_id)
        if ind:
            ids.append(ind.get("source_id"))
    ids += list(qn.NETWORK_SOURCES)
    sources = base["sources"].set_index("source_id")
    wanted = list(dict.fromkeys(i for i in ids if i in sources.index))
    return [sources.loc[i].to_dict() for i in wanted]
