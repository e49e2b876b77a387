"""The data of one municipality's profile (and of a province, for the briefing), from one build:
shared by the profile, briefing and comparison pages (pages never import each other: Dash loads
each page file as its own module). The SQL is in dashboard/queries/profile.py; this module groups
its rows into what the pages read, and states where an export's figures come from.
"""
from __future__ import annotations

import pandas as pd

from dashboard import db, default_indicator, peers, places
from dashboard import formatting as fmt
from dashboard.i18n import localised, t, t_or
from dashboard.queries import FLAGS
from dashboard.queries import profile as qp
from dashboard.queries.status import latest_build
from dashboard.ui import downloads
from dashboard.ui.notes import value_note

EMPTY_PREDECESSORS = pd.DataFrame(columns=["from_vintage", "to_vintage", "from_nis", "name_nl"])


def load(nis: str, with_peers: bool = True) -> dict:
    """Everything the profile shows, from one build. Raises db.WarehouseError. `with_peers=False`
    leaves out the peer group (the briefing does not show it).

    Once per build and municipality (`db.memo`: its peer group's values and its interventions
    included); the values of every place, names, metadata, ranks and the peer model once per build
    (`qp.per_build`). The result is shared: read only."""
    return db.memo(_load, nis, with_peers)


def warm() -> None:
    """The per-build pieces every profile and briefing reads, before the first visitor
    (dashboard.warming): one municipality's profile reads them all (grouping the build's values by
    place alone takes about 0.4 s)."""
    with db.reader() as r:
        names = qp.per_build(r, _mun_names)
    if names:
        load(next(iter(names)))


def _load(nis: str, with_peers: bool) -> dict:
    with db.reader() as r:
        muns = qp.per_build(r, qp.municipalities)
        mun_names = qp.per_build(r, _mun_names)
        if nis not in mun_names:
            return {"status": "unknown", "nis": nis, "successor": _successor(r, nis, muns)}
        mun = qp.per_build(r, _mun_rows)[nis]
        inds = qp.per_build(r, indicators_in_order)
        names = qp.per_build(r, qp.code_names)
        area_names = qp.per_build(r, _area_names)
        model = peers.model(r) if with_peers else None
        peer_codes = model.peers(nis) if with_peers else []
        codes = list(dict.fromkeys([nis, mun["province_nis"], mun["region_nis"]]))
        by_place = qp.per_build(r, _series_by_place)
        group = qp.group_values(r, peer_codes) if peer_codes else None
        ranks = qp.per_build(r, _rank_lookup)
        preds = qp.per_build(r, qp.all_predecessors).get(nis, EMPTY_PREDECESSORS)
        inter = qp.interventions(r, nis, mun["province_nis"]) if qp.per_build(r, qp.has_registers) else None
        sources = qp.per_build(r, qp.sources)
        build = qp.per_build(r, latest_build)
    series = {key: recs for code in codes for key, recs in by_place.get(code, {}).items()}
    groups: dict[str, list[dict]] = {}
    if group is not None:
        for rec in group.to_dict("records"):
            groups.setdefault(rec["indicator_id"], []).append(rec)
    return {"status": "ok", "nis": nis, "mun": mun, "indicators": inds, "names": names, "mun_names": mun_names,
            "area_names": area_names, "model": model, "peers": peer_codes, "series": series, "groups": groups,
            "ranks": ranks, "predecessors": preds, "interventions": inter, "n_municipalities": len(muns),
            "sources": sources, "build": build}


def indicators_in_order(r) -> pd.DataFrame:
    """The indicator rows in the order of the key figures: the declared preference order first (a
    child indicator when one is loaded; dashboard/default_indicator.toml), then the others."""
    return default_indicator.preferred_first(qp.per_build(r, qp.indicators))


def _series_by_place(r) -> dict[str, dict[tuple[str, str], list[dict]]]:
    """place -> (indicator, place) -> its values by year: every value of the build, grouped once
    (about 40,000 rows), so a profile looks its series up instead of querying them. Shared: read only."""
    out: dict[str, dict[tuple[str, str], list[dict]]] = {}
    for rec in qp.all_values(r).to_dict("records"):
        out.setdefault(rec["nis_code"], {}).setdefault((rec["indicator_id"], rec["nis_code"]), []).append(rec)
    return out


def _rank_lookup(r) -> dict[tuple[str, str], dict]:
    """(indicator_id, nis_code) -> rank row (queries.profile.ranks), per build."""
    return {(row["indicator_id"], row["nis_code"]): row for row in qp.ranks(r).to_dict("records")}


def _mun_names(r) -> dict[str, str]:
    muns = qp.per_build(r, qp.municipalities)
    return dict(zip(muns["nis_code"], muns["name_nl"]))


def _mun_rows(r) -> dict[str, dict]:
    return {row["nis_code"]: row for row in qp.per_build(r, qp.municipalities).to_dict("records")}


def _area_names(r) -> dict[str, tuple[str, str]]:
    """code -> (English name, Dutch name); the English one is the Dutch one where there is none."""
    return {row["nis_code"]: (localised(row, "name", "en"), row["name_nl"])
            for row in qp.per_build(r, qp.areas).to_dict("records")}


def _successor(r, nis: str, muns: pd.DataFrame) -> dict | None:
    """The 2025 municipality an older code became, for the profile's "unknown municipality"."""
    df = qp.successor(r, nis)
    if df.empty:
        return None
    to = df.iat[0, 1]
    new = muns[muns["nis_code"] == to]
    return {"old_name": df.iat[0, 2], "to_nis": to, "to_name": new["name_nl"].iloc[0] if not new.empty else to}


def area_label(data: dict, code: str, lang: str) -> str:
    en, nl = data["area_names"].get(code, (code, code))
    return en if lang == "en" else nl


def indicator_rows(data: dict, lang: str) -> list[dict]:
    """Per indicator: metadata, the series (lists of {year, value, flag, note}), the latest value,
    ranks and change."""
    nis, mun = data["nis"], data["mun"]
    province, region = mun["province_nis"], mun["region_nis"]
    out = []
    for ind in data["indicators"].to_dict("records"):
        iid, kind = ind["indicator_id"], ind["kind"]
        own = data["series"].get((iid, nis), [])
        series = {"own": own}
        if kind != "count":  # province and region totals of a count are not comparable with one municipality
            if province != region:
                series["province"] = data["series"].get((iid, province), [])
            series["region"] = data["series"].get((iid, region), [])
        series["peers"] = data["groups"].get(iid, [])
        year = int(ind["last_year"])
        latest = next((rec for rec in own if rec["year"] == year),
                      {"value": None, "flag": "missing", "note": None, "year": year})
        rank = data["ranks"].get((iid, nis)) or {}
        with_value = [rec for rec in own if not fmt.is_missing(rec["value"])]
        bench = {key: next((rec for rec in series.get(key) or [] if rec["year"] == year), None)
                 for key in ("province", "region", "peers")}
        out.append({**ind, "name": indicator_name(ind, lang), "series": series, "year": year, "latest": latest,
                    "rank": rank.get("rank_all"), "n_rank": rank.get("n_all"),
                    "prank": rank.get("rank_province"), "n_prank": rank.get("n_province"),
                    "first": with_value[0] if with_value else None, "end": with_value[-1] if with_value else None,
                    "bench": bench})
    return out


# ------------------------------------------------------------------------------ provinces

BRUSSELS = "04000"


def province_codes(r) -> dict[str, dict]:
    """The five Flemish provinces and the Brussels region (its 19 municipalities carry 04000 as province)."""
    areas = qp.per_build(r, qp.areas)
    rows = areas[(areas["level"] == "province") | (areas["nis_code"] == BRUSSELS)]
    return {row["nis_code"]: row for row in rows.to_dict("records")}


def _networks_in(r, codes: list[str], province: str) -> pd.DataFrame:
    """Networks placed in any of `codes` or province-wide in `province` (none without registers)."""
    if not qp.per_build(r, qp.has_registers):
        return pd.DataFrame(columns=["project_id", "name", "themes", "scope", "places"])
    return qp.networks_in(r, codes, province)


def _wq28_row(r, province: str) -> dict | None:
    return qp.wq28_row(r, province) if qp.per_build(r, qp.has_registers) else None


def need_indicator(r) -> dict | None:
    """The indicator a province's municipalities are ranked by in the briefing: the default indicator
    (dashboard/default_indicator.py: a child indicator, the kansarmoede-index first, when loaded;
    offline the at-risk-of-poverty rate) among those that can express need, as on the need page
    (counts only describe size). None when the warehouse holds none."""
    inds = qp.per_build(r, indicators_in_order)
    usable = inds[inds["kind"] != "count"]
    chosen = default_indicator.pick(usable["indicator_id"])
    return None if chosen is None else usable[usable["indicator_id"] == chosen].iloc[0].to_dict()


def load_province(code: str) -> dict:
    """A province (or Brussels) for the briefing: its own values and its region's, the need of its
    municipalities (latest value of `need_indicator`) with their networks, the networks, the written
    question 28 row, mergers among its municipalities, sources and the build. Raises db.WarehouseError.
    Computed once per build and province (there are six), like the profile's names and ranks."""
    with db.reader() as r:
        provinces = qp.per_build(r, province_codes)
        if code not in provinces:
            return {"status": "unknown", "code": code}
        return qp.per_build(r, _province_bundle, code)


def _province_bundle(r, code: str) -> dict:
    provinces = qp.per_build(r, province_codes)
    muns = qp.per_build(r, qp.municipalities)
    members = muns[muns["province_nis"] == code]
    region = members["region_nis"].iloc[0] if not members.empty else code
    preds = qp.per_build(r, qp.all_predecessors)
    need_ind = qp.per_build(r, need_indicator)
    return {"status": "ok", "code": code, "province": provinces[code], "region": region, "members": members,
            "indicators": qp.per_build(r, indicators_in_order),
            "values": qp.values_for_codes(r, list(dict.fromkeys([code, region]))),
            "need_indicator": need_ind,
            "need": qp.indicator_values(r, need_ind["indicator_id"]) if need_ind else None,
            "networks": _networks_in(r, members["nis_code"].tolist(), code),
            "wq28": _wq28_row(r, code),
            "merged": {nis: preds[nis] for nis in members["nis_code"] if nis in preds},
            "sources": qp.per_build(r, qp.sources), "build": qp.per_build(r, latest_build),
            "area_names": qp.per_build(r, _area_names), "names": qp.per_build(r, qp.code_names)}


def briefing_context(r) -> dict:
    """Sources and the latest build, for the footnotes of a municipality's briefing."""
    return {"sources": qp.per_build(r, qp.sources), "build": qp.per_build(r, latest_build)}


# ------------------------------------------------------------------------------ shared text

def indicator_name(ind, lang: str) -> str:
    """An indicator's name in the page's language (its id when it has none)."""
    return localised(ind, "name", lang) or ind["indicator_id"]


def provenance_lines(sources: pd.DataFrame, source_ids, build: dict | None, lang: str) -> list[str]:
    """Where an export's figures come from: a line per source of `source_ids` (dataset, publisher,
    licence, URL, as the warehouse records them) and the build they were read from."""
    wanted = {s for s in source_ids if isinstance(s, str)}
    lines = []
    for rec in sources.to_dict("records"):
        if rec["source_id"] in wanted:
            lines.append(t("profile.export.source", lang, source=downloads.source_text(rec, lang) or rec["source_id"]))
    if build:
        lines.append(t("profile.export.build", lang, build=build["build_id"],
                       date=fmt.datetime_text(build["finished_at"], lang)))
    return lines


def flag_words(flag, lang: str) -> str:
    """A value's flag in words ("" without one)."""
    return t_or(f"flag.{flag}", lang, str(flag)) if isinstance(flag, str) else ""


def flag_title(flag, note, names: dict[str, str], lang: str) -> str:
    """What a flag badge explains on hover: the value's own note, else what the flag means."""
    return value_note(note, names, lang) or t_or(f"flag.{flag}.help", lang, "")


def flag_notes(lang: str) -> list[str]:
    """`flag: what it means`, for every flag: the notes sheet of an export."""
    return [f"{t(f'flag.{f}', lang)}: {t(f'flag.{f}.help', lang)}" for f in FLAGS]


def peers_method(model: peers.PeerModel, indicators, lang: str) -> str:
    """How the peer group is chosen, naming the model's variables and years; `indicators` are the
    indicator rows (for the names)."""
    names = {row["indicator_id"]: indicator_name(row, lang) for row in indicators}
    variables = []
    for v in model.variables:
        name = names.get(v["indicator_id"], v["indicator_id"])
        if v["transform"] == "log10":
            name = t("peers.log", lang, name=name)
        variables.append(f"{name} ({v['year']})")
    return t("peers.method", lang, k=peers.K, variables="; ".join(variables))


def municipality_options(muns: pd.DataFrame, lang: str | None = "nl") -> list[dict]:
    """Dropdown options of the 2025 municipalities: `Lokeren (Oost-Vlaanderen)` / `Lokeren (East
    Flanders)` (province names as on every page: dashboard.places), found by Dutch or French name and
    by NIS code."""
    provinces = places.province_column(muns, lang)
    return [{"label": f"{m['name_nl']} ({province})", "value": m["nis_code"],
             "search": " ".join(x for x in (m["name_nl"], m["name_fr"], m["nis_code"]) if isinstance(x, str))}
            for m, province in zip(muns.to_dict("records"), provinces)]


def rank_rule(ind, lang: str) -> str:
    """What rank 1 means for an indicator (most need; the largest for a count)."""
    return t("profile.rank_count", lang) if ind["kind"] == "count" else t(f"profile.rank_{ind['direction']}", lang)
