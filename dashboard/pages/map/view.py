"""The map's view model: from the warehouse's rows (queries/map.py, cached per build) to what one
view shows — the indicator and year in force, the class of every municipality, its value, ranks,
flag and note, the networks per municipality, and the options of the controls.

`base` is `queries.map.base()`: what does not depend on the indicator (municipalities, layers,
programmes, networks, code names). Values of one year are kept per build (`_year_view`), class
breaks per indicator, scheme and number of classes (`_classes`), so a slider step costs a lookup.
"""
from __future__ import annotations

import contextlib

import numpy as np
import pandas as pd

from dashboard import db, default_indicator, mapping, places
from dashboard.i18n import localised, t, t_or
from dashboard.pages.map.state import OVERLAY_ALL, OVERLAY_OFF
from dashboard.queries import map as qm
from dashboard.ui.text import fold

FALLBACK_YEARS = 2  # a missing value may be replaced by one from at most 2 years earlier
TABLE_COLUMNS = ("name", "province", "value", "year", "rank", "flag")
TEXT_SORT_KEYS = {"name", "province", "flag_label"}


# ----------------------------------------------------------------------- the indicator

def default_id(base: dict) -> str | None:
    """The map's default indicator: the first of the declared preference order the warehouse holds
    (a child indicator when one is loaded, else DEFAULT_INDICATOR); None when it holds none of them."""
    return default_indicator.preferred(base["indicator_by_id"])


def indicator_row(base: dict, indicator_id: str | None) -> dict | None:
    """The indicator asked for; else the default (`default_id`); else the first with values."""
    usable = base["indicator_by_id"]
    if not usable:
        return None
    return usable.get(indicator_id) or usable[default_indicator.pick(usable)]


def years_of(ind: dict) -> list[int]:
    years = ind.get("years")
    return [int(y) for y in (list(years) if years is not None else [])]


def resolve_year(ind: dict, year) -> int | None:
    """The year shown for a year asked for: itself when the indicator has it, else the latest
    outside the series, else the nearest inside a gap (the later one on a tie)."""
    years = years_of(ind)
    if not years:
        return None
    try:
        year = int(year)
    except (TypeError, ValueError):
        return years[-1]
    if year in years:
        return year
    if year < years[0] or year > years[-1]:
        return years[-1]
    # inside a gap of the series (the slider steps by 1): the nearest year, the later on a tie
    return min(years, key=lambda y: (abs(y - year), -y))


def indicator_name(ind: dict, lang: str) -> str:
    return localised(ind, "name", lang) or ind["indicator_id"]


# ------------------------------------------------------------------------ the values

def _classes(indicator_id: str, scheme: str, k: int) -> mapping.Classes:
    """Breaks over all years of the indicator, so colours compare between years."""
    values = qm.indicator_values(indicator_id)
    return mapping.classify(values["value"].to_numpy(dtype=float), scheme, k)


def classes_for(indicator_id: str, scheme: str, k: int) -> mapping.Classes:
    return db.memo(_classes, indicator_id, scheme, k)  # once per build


def warm() -> None:
    """The default view's classes, before the first visitor (dashboard.warming): the first
    classification in a process imports mapclassify, which imports scipy and scikit-learn (about
    1.8 s of a worker's first map)."""
    ind = indicator_row(qm.base(), None)
    if ind is not None:
        classes_for(ind["indicator_id"], mapping.DEFAULT_SCHEME, mapping.DEFAULT_K)


def year_frame(base: dict, ind: dict, year: int) -> pd.DataFrame:
    """One row per 2025 municipality (in base order): the value shown for `year`, its own year,
    flag and note; a `missing` value falls back to the latest value of up to FALLBACK_YEARS
    earlier (a suppressed one never does). Rank 1 is the darkest end of the scale."""
    munis = base["municipalities"][["nis_code", "name_nl", "province_nis", "province_name"]]
    allv = qm.indicator_values(ind["indicator_id"])
    cur = allv[allv["year"] == year].set_index("nis_code")
    out = munis.copy()
    out["value"] = out["nis_code"].map(cur["value"])
    out["flag"] = out["nis_code"].map(cur["flag"]).fillna("missing")
    out["note"] = out["nis_code"].map(cur["note"])
    out["year"] = np.where(out["value"].notna(), year, np.nan)
    out["fallback_from"] = np.nan
    need = out["value"].isna() & (out["flag"] == "missing")
    if need.any():
        earlier = allv[(allv["year"] < year) & (allv["year"] >= year - FALLBACK_YEARS) & allv["value"].notna()]
        if not earlier.empty:
            latest = earlier.sort_values("year").groupby("nis_code").tail(1).set_index("nis_code")
            idx = out.index[need & out["nis_code"].isin(latest.index)]
            codes = out.loc[idx, "nis_code"]
            for column in ("value", "flag", "note", "year"):
                out.loc[idx, column] = codes.map(latest[column]).to_numpy()
            out.loc[idx, "fallback_from"] = year
    # highest first, or lowest first when higher is better
    ascending = ind.get("direction") == "higher_is_better"
    out["rank"] = out["value"].rank(method="min", ascending=ascending)
    out["prov_rank"] = out.groupby("province_nis")["value"].rank(method="min", ascending=ascending)
    out["prov_n"] = out.groupby("province_nis")["value"].transform("count")
    return out


def _year_view(indicator_id: str, year: int) -> dict:
    """What a year of an indicator shows, whatever the classes and the language: cached per build."""
    base = qm.base()
    frame = year_frame(base, base["indicator_by_id"][indicator_id], year)
    return {"frame": frame, "n": int(frame["value"].notna().sum()), "values": frame["value"].to_numpy(dtype=float)}


def year_view(indicator_id: str, year: int) -> dict:
    """{frame, n, values} of a year of an indicator (see year_frame), once per build."""
    return db.memo(_year_view, indicator_id, year)


def view(base: dict, state: dict) -> dict:
    """Everything the map shows for a state, computed once for both the whole figure and a patch:
    the indicator row, the year, the classes, the year's frame, the number of values, the class
    number per municipality (`z`) and the colour scale. `{"ind": None}` without indicators."""
    ind = indicator_row(base, state["indicator"])
    if ind is None:
        return {"ind": None}
    year = resolve_year(ind, state["year"])
    classes = classes_for(ind["indicator_id"], state["scheme"], state["k"])
    yv = year_view(ind["indicator_id"], year)
    return {
        "ind": ind, "year": year, "classes": classes, "frame": yv["frame"], "n": yv["n"],
        "z": classes.index(yv["values"]).tolist(),
        "colorscale": mapping.colorscale(classes.k, ind["direction"]),
    }


def clear_caches() -> None:
    """Forget the per-build views (the benchmark measures cold calls)."""
    with contextlib.suppress(db.WarehouseError):
        build = db.current_build()
        build.forget(_year_view)
        build.forget(_classes)


# ---------------------------------------------------------------------- the networks

def networks(base: dict, programme: str | None) -> dict:
    """Per municipality: the number of projects (any programme) and the names of those of
    `programme` (OVERLAY_ALL: every programme; OVERLAY_OFF: none); the same for the province-wide
    projects per province. Once per build and programme when `base` is the build's (`qm.base()`).
    Shared: read only."""
    if base is qm.base():
        return db.memo(_networks, programme)
    return _network_texts(base, programme)


def _networks(programme: str | None) -> dict:
    return _network_texts(qm.base(), programme)


def _network_texts(base: dict, programme: str | None) -> dict:
    net = base["networks"]
    munis = set(base["municipalities"]["nis_code"])
    local = net[net["nis_code"].isin(munis)]
    province = net[~net["nis_code"].isin(munis)]
    if programme and programme not in (OVERLAY_OFF, OVERLAY_ALL):
        shown_local = local[local["programme_id"] == programme]
        shown_province = province[province["programme_id"] == programme]
    elif programme == OVERLAY_ALL:
        shown_local, shown_province = local, province
    else:
        shown_local, shown_province = local.iloc[0:0], province.iloc[0:0]
    return {
        "count": local.groupby("nis_code")["project_id"].nunique().to_dict(),
        "province_count": province.groupby("nis_code")["project_id"].nunique().to_dict(),
        "shown": shown_local.groupby("nis_code")["name"].agg(lambda s: sorted(set(s))).to_dict(),
        "shown_province": shown_province.groupby("nis_code")["name"].agg(lambda s: sorted(set(s))).to_dict(),
    }


def overlay_parts(base: dict, overlay: str) -> dict:
    """The municipalities and provinces outlined for an overlay."""
    nets = networks(base, overlay)
    return {"munis": sorted(nets["shown"]), "provinces": sorted(nets["shown_province"])}


# ------------------------------------------------------------------------ the controls

def indicator_options(base: dict, lang: str) -> list[dict]:
    df = base["indicators"]
    out = []
    for row in df[df["n_values"] > 0].to_dict("records"):
        label = indicator_name(row, lang)
        if row["kind"] == "count":
            label = t("map.indicator.context", lang, name=label)
        out.append({"label": label, "value": row["indicator_id"]})
    return out


def overlay_options(base: dict, lang: str) -> list[dict]:
    """No networks, each programme with located projects, and all of them when there are several."""
    programmes = base["programmes"]
    options = [{"label": t("map.overlay.none", lang), "value": OVERLAY_OFF}]
    options += [{"label": localised(r, "name", lang), "value": r["programme_id"]}
                for r in programmes.to_dict("records")]
    if len(programmes) > 1:
        options.append({"label": t("map.overlay.all", lang), "value": OVERLAY_ALL})
    return options


def search_options(base: dict, lang: str = "nl") -> list[dict]:
    """Every municipality by its Dutch (and French) name and code, with its province in `lang`."""
    munis = base["municipalities"]
    # A municipality formed in 2025 has no French name yet (NULL, read as NaN: truthy, so test for text).
    french = [fr if isinstance(fr, str) and fr.strip() else None for fr in munis["name_fr"]]
    return [{"label": f"{n} ({p})" if not fr or fr == n else f"{n} / {fr} ({p})",
             "value": c, "search": f"{n} {fr or ''} {c}"}
            for c, n, fr, p in zip(munis["nis_code"], munis["name_nl"], french, places.province_column(munis, lang))]


def year_props(ind: dict, year: int) -> tuple:
    """(min, max, marks, value) of the year slider: a mark per year the indicator has."""
    years = years_of(ind)
    marks = {int(y): {"label": str(y)} for y in years}
    return min(years), max(years), marks, year


# --------------------------------------------------------------------------- the table

def table_view(base: dict, indicator, year, sort: dict, lang: str) -> tuple[dict | None, int | None, list[dict]]:
    """(indicator row, year, rows) of the table under the map, sorted by `sort` ({key, asc}); text
    columns sort without regard to case or accents, missing values last."""
    ind = indicator_row(base, indicator)
    if ind is None:
        return None, None, []
    year = resolve_year(ind, year)
    frame = year_frame(base, ind, year)
    frame = frame.assign(name=frame["name_nl"], province=places.province_column(frame, lang),
                         flag_label=[t_or(f"flag.{f}", lang, str(f)) for f in frame["flag"]])
    key = {"flag": "flag_label"}.get(sort["key"], sort["key"]) if sort["key"] in TABLE_COLUMNS else "rank"
    if key in TEXT_SORT_KEYS:
        frame = frame.assign(_key=[fold(x) for x in frame[key]])
        key = "_key"
    frame = frame.sort_values([key, "name"], ascending=[sort["asc"], True], na_position="last")
    return ind, year, frame.to_dict("records")
