"""The comparison's view model: the view's state in the URL, everything one view reads (from one
build), the ranking of all 304 and the chart's lines. Plain Python, no Dash components."""
from __future__ import annotations

import re

from dashboard import db, peers, places
from dashboard import formatting as fmt
from dashboard.i18n import localised, t
from dashboard.profile_data import (
    flag_title,
    flag_words,
    indicator_name,
    peers_method,
    rank_rule,
)
from dashboard.queries import profile as qp
from dashboard.queries.status import latest_build
from dashboard.ranking import need_ranks
from dashboard.ui.components import sort_key
from dashboard.ui.links import profile_href
from dashboard.urls import one, valid_nis, with_query

MAX_CHOSEN = 6
SORT_COLUMNS = ("rank", "name", "province", "start", "end", "change", "change_rel")
NUMERIC = {"rank", "start", "end", "change", "change_rel"}
DEFAULT_SORT = {"key": "rank", "asc": True}
PAGE_SIZE = 50
# The no-break space between a number and a unit in words ("34.927 kinderen (0-17 jaar)"): on a phone
# the ranking's narrow value cells let such a unit wrap to a line of its own (assets/tables.css) instead
# of splitting it inside ("kinde|ren"); `%` and `€` stay joined to their number.
WORD_UNIT_SPACE = re.compile("\u00a0(?=[^\\W\\d_])")


# ------------------------------------------------------------------------------ the URL

def parse_nis_list(value) -> list[str]:
    """`46029,44021`: at most MAX_CHOSEN valid codes, each once, in the given order."""
    codes = [valid_nis(p) for p in str(one(value) or "").split(",")]
    return list(dict.fromkeys(c for c in codes if c))[:MAX_CHOSEN]


def parse_group(value) -> tuple[str, str | None]:
    """('own', None), ('peers', None) or ('province', code)."""
    text = one(value)
    if text == "peers":
        return "peers", None
    code = valid_nis(text)
    return ("province", code) if code else ("own", None)


def parse_year(value) -> int | None:
    try:
        return int(one(value))
    except (TypeError, ValueError):
        return None


def parse_sort(value) -> dict:
    key, _, direction = str(one(value) or "").partition("-")
    if key not in SORT_COLUMNS:
        return dict(DEFAULT_SORT)
    return {"key": key, "asc": direction != "desc"}


def parse_indicator(value) -> str | None:
    """The indicator the URL names (None: the default, `default_indicator.pick`, once the warehouse is read)."""
    return str(one(value))[:64] if one(value) else None


def search_for(indicator, nis, mode, province, start, end, sort, search) -> str:
    """The address bar's query for a view (other parameters, as `lang`, kept)."""
    group = "peers" if mode == "peers" else (province if mode == "province" and province else None)
    sort_text = None
    if sort and (sort.get("key"), sort.get("asc")) != (DEFAULT_SORT["key"], DEFAULT_SORT["asc"]):
        sort_text = f"{sort['key']}-{'asc' if sort.get('asc') else 'desc'}"
    return with_query("", search, indicator=indicator or None, nis=",".join(nis or []) or None, group=group,
                      start=str(start) if start else None, end=str(end) if end else None, sort=sort_text)


def chosen_codes(nis) -> list[str]:
    """The dropdown's codes as the view uses them: valid ones, at most MAX_CHOSEN."""
    return [c for c in (nis or []) if valid_nis(c)][:MAX_CHOSEN]


# ----------------------------------------------------------------------------- the data

def indicator_rows(r) -> dict[str, dict]:
    """indicator_id -> indicator row (with its years), once per build."""
    return {row["indicator_id"]: row for row in qp.per_build(r, qp.indicators).to_dict("records")}


def values_by_code(r, indicator: str) -> dict[str, dict[int, dict]]:
    """code -> year -> value record of one indicator, once per build (shared: do not modify)."""
    by_code: dict[str, dict[int, dict]] = {}
    for rec in qp.indicator_values(r, indicator).to_dict("records"):
        by_code.setdefault(rec["nis_code"], {})[int(rec["year"])] = rec
    return by_code


def peer_group_values(r, codes: tuple[str, ...], indicator: str):
    """The peer group's values of one indicator, once per build and group (shared: do not modify)."""
    return qp.group_values(r, list(codes), [indicator])


def year_span(years: list[int], start, end) -> tuple[int, int]:
    """(start, end) within the indicator's years: the first and last year where not given, in order."""
    start = start if start in years else years[0]
    end = end if end in years else years[-1]
    return (end, start) if start > end else (start, end)


def load(indicator: str, nis: list[str], mode: str, province: str | None, start, end) -> dict:
    """Everything for one view, from one build; raises db.WarehouseError."""
    with db.reader() as r:
        all_inds = qp.per_build(r, indicator_rows)
        ind = all_inds.get(indicator)
        if ind is None:
            return {"status": "unknown_indicator"}
        muns = qp.per_build(r, qp.municipalities)
        area = qp.per_build(r, qp.areas)
        by_code = qp.per_build(r, values_by_code, indicator)
        model = peers.model(r) if mode == "peers" else None
        names = qp.per_build(r, qp.code_names)
        sources = qp.per_build(r, qp.sources)
        build = qp.per_build(r, latest_build)
        group = None
        if mode == "peers" and nis and nis[0] in model.neighbours:
            group = qp.per_build(r, peer_group_values, tuple(model.peers(nis[0])), indicator)
    start, end = year_span([int(y) for y in ind["years"]], start, end)
    nis = [c for c in nis if c in set(muns["nis_code"])]
    members, reference, aggregate = list(nis), None, None
    if mode == "peers" and nis:
        reference = nis[0]
        peer_codes = model.peers(reference)
        members = [reference, *peer_codes]
        aggregate = ("peers", peer_codes)
    elif mode == "province" and province:
        members = list(muns.loc[muns["province_nis"] == province, "nis_code"])
        aggregate = ("area", province)
    return {"status": "ok", "ind": ind, "muns": muns, "area": area, "by_code": by_code, "model": model,
            "names": names, "group": group, "all_inds": all_inds, "start": start, "end": end, "chosen": nis,
            "members": members, "reference": reference, "aggregate": aggregate, "mode": mode, "province": province,
            "sources": sources, "build": build}


def area_name(data: dict, code: str, lang: str) -> str:
    found = data["area"][data["area"]["nis_code"] == code]
    return localised(found.iloc[0], "name", lang) if not found.empty else code


def method_sentence(data: dict, lang: str) -> str | None:
    """How the group is chosen (peers or a province); None for the user's own choice."""
    if data["mode"] == "peers" and data["model"] is not None:
        return peers_method(data["model"], data["all_inds"].values(), lang)
    if data["mode"] == "province" and data["province"]:
        return t("compare.method.province", lang, area=area_name(data, data["province"], lang))
    return None


def definition(ind: dict, lang: str) -> str:
    return localised(ind, "definition", lang) or ""


# ---------------------------------------------------------------------------- the ranking

def ranking_rows(data: dict, lang: str) -> list[dict]:
    """Every municipality: start and end value with flags and notes, absolute and relative change,
    rank by need in the end year (dashboard/ranking.py), and whether it is in the selection. All
    but the selection once per build, indicator and years (`db.memo`)."""
    members = set(data["members"])
    rows = db.memo(_ranking, data["ind"]["indicator_id"], data["start"], data["end"])
    provinces = places.area_names(lang)
    return [{**row, "selected": row["nis"] in members, "province": provinces.get(row["province_nis"], row["province"])}
            for row in rows]


def _ranking(indicator: str, first_year: int, last_year: int) -> list[dict]:
    with db.reader() as r:
        ind = qp.per_build(r, indicator_rows)[indicator]
        by_code = qp.per_build(r, values_by_code, indicator)
        muns = qp.per_build(r, qp.municipalities)
    rows = []
    for mun in muns.to_dict("records"):
        code = mun["nis_code"]
        start = by_code.get(code, {}).get(first_year) or {}
        end = by_code.get(code, {}).get(last_year) or {}
        sv, ev = _number(start.get("value")), _number(end.get("value"))
        change = ev - sv if sv is not None and ev is not None else None
        rows.append({
            "nis": code, "name": mun["name_nl"], "province": mun["province_name"], "province_nis": mun["province_nis"],
            "start": sv, "start_flag": start.get("flag"), "start_note": start.get("note"),
            "end": ev, "end_flag": end.get("flag"), "end_note": end.get("note"),
            "change": change, "change_rel": (change / sv * 100) if change is not None and sv else None,
        })
    ranks = need_ranks({r["nis"]: r["end"] for r in rows}, ind["kind"], ind["direction"])
    for r in rows:
        r["rank"] = ranks.get(r["nis"])
    return rows


def _number(value) -> float | None:
    return None if fmt.is_missing(value) else float(value)


def sort_rows(rows: list[dict], sort: dict) -> list[dict]:
    """The ranking in the order of a header (as the browser sorts it); missing values last."""
    key, asc = sort.get("key", "rank"), sort.get("asc", True)
    present = [r for r in rows if r.get(key) is not None]
    absent = [r for r in rows if r.get(key) is None]
    if key in NUMERIC:
        ordered = sorted(present, key=lambda r: (r[key], r["name"]), reverse=not asc)
    else:
        ordered = sorted(present, key=lambda r: (sort_key("text", r[key]), sort_key("text", r["name"])), reverse=not asc)
    return ordered + absent


def is_percent(ind: dict) -> bool:
    return fmt.display_meta(ind)[0] == "%"


def columns(data: dict, lang: str) -> list[tuple[str, str]]:
    """(key, header) of the ranking table."""
    ind = data["ind"]
    return [("rank", t("compare.col.rank", lang, year=data["end"], note=rank_rule(ind, lang))),
            ("name", t("compare.col.name", lang)), ("province", t("compare.col.province", lang)),
            ("start", t("compare.col.value", lang, year=data["start"])),
            ("end", t("compare.col.value", lang, year=data["end"])),
            ("change", t("compare.col.change_pp" if is_percent(ind) else "compare.col.change", lang)),
            ("change_rel", t("compare.col.change_rel", lang))]


def client_rows(data: dict, rows: list[dict], lang: str) -> list[dict]:
    """The ranking as compact JSON for the browser, which sorts and draws it (callbacks.RENDER_JS):
    raw numbers to sort on, texts already in Belgian or English notation, flags in words."""
    ind, names = data["ind"], data["names"]
    # a percentage's difference ("-8,8 procentpunt") has the row's width on a phone and stays joined
    unit_space = (lambda text: text) if is_percent(ind) else (lambda text: WORD_UNIT_SPACE.sub(" ", text))
    out = []
    for r in rows:
        absolute, relative = fmt.change_text(r["start"], r["end"], ind, lang)
        item = {k: r[k] for k in ("nis", "name", "province", "rank", "start", "end", "change", "change_rel")}
        item.update({
            "href": profile_href(r["nis"], lang),
            "rank_t": fmt.integer(r["rank"], lang) if r["rank"] is not None else fmt.MISSING,
            "start_t": unit_space(fmt.value_text(r["start"], ind, lang)),
            "end_t": unit_space(fmt.value_text(r["end"], ind, lang)),
            "change_t": unit_space(absolute), "change_rel_t": relative, "sel": bool(r["selected"]),
        })
        for key in ("start", "end"):
            flag = r[f"{key}_flag"]
            if isinstance(flag, str) and flag != "original":
                item[f"{key}_f"] = flag_words(flag, lang)
                item[f"{key}_fn"] = flag_title(flag, r[f"{key}_note"], names, lang)
        out.append(item)
    return out


def ranking_data(data: dict, rows: list[dict], lang: str) -> dict:
    """What `compare-ranking-data` holds: the rows and the texts the browser needs to draw them."""
    return {"rows": client_rows(data, rows, lang), "keys": [k for k, _ in columns(data, lang)],
            "numeric": sorted(NUMERIC), "lang": lang, "selected": t("compare.selected", lang),
            "page_size": PAGE_SIZE, "rows_text": t("compare.rows", lang)}


def ranking_caption(data: dict, rows: list[dict], lang: str) -> str:
    return t("compare.ranking.caption", lang, indicator=indicator_name(data["ind"], lang),
             start=data["start"], end=data["end"], n=len(rows))


# ------------------------------------------------------------------------------ the chart

def series_list(data: dict, lang: str) -> list[dict]:
    """The lines of the chart: chosen or member municipalities, the group's value, regions. Each
    {code, label, role, points: [(year, value, flag, note)]}; the colour is the figure's business."""
    ind, muns = data["ind"], data["muns"]
    names = dict(zip(muns["nis_code"], muns["name_nl"]))
    years = [int(y) for y in ind["years"]]
    by_code = data["by_code"]
    out = []

    def line(code, label, role):
        g = by_code.get(code, {})
        pts = []
        for y in years:
            rec = g.get(y)
            if rec is not None:
                pts.append((y, _number(rec["value"]), rec["flag"], rec["note"]))
            else:
                pts.append((y, None, "missing", None))
        out.append({"code": code, "label": label, "role": role, "points": pts})

    many = len(data["members"]) > MAX_CHOSEN
    highlighted = [data["reference"]] if data["reference"] else [c for c in data["chosen"] if c in data["members"]]
    if many:
        for code in data["members"]:
            if code not in highlighted:
                line(code, names.get(code, code), "member")
    for code in highlighted if many else data["members"]:
        line(code, names.get(code, code), "chosen")
    agg = data["aggregate"]
    if agg and agg[0] == "peers":
        got = {int(rec["year"]): rec["value"] for rec in (data["group"].to_dict("records")
                                                           if data["group"] is not None else [])}
        out.append({"code": "peers", "label": t("profile.peer_group", lang, k=len(agg[1])), "role": "group",
                    "points": [(y, got.get(y), None, None) for y in years]})
    elif agg and agg[0] == "area" and ind["kind"] != "count":
        line(agg[1], area_name(data, agg[1], lang), "group")
    if ind["kind"] != "count":
        regions = sorted(set(muns.loc[muns["nis_code"].isin(data["members"]), "region_nis"]))
        for code in regions:
            if not (agg and agg[0] == "area" and agg[1] == code):
                line(code, area_name(data, code, lang), "region")
    return out
