"""The data of one municipality's profile, from one build: shared by the profile page and the
briefing page (pages never import each other: Dash loads each page file as its own module)."""
from __future__ import annotations

import pandas as pd

from dashboard import db, peers
from dashboard.queries import profile as qp

EMPTY_PREDECESSORS = pd.DataFrame(columns=["from_vintage", "to_vintage", "from_nis", "name_nl"])


def load(nis: str, with_peers: bool = True) -> dict:
    """Everything the profile shows, from one build. Raises db.WarehouseError. `with_peers=False`
    leaves out the peer group (the briefing does not show it).

    Per request: the peer-group values and the interventions (one query each); the values of every
    place, names, metadata, ranks and the peer model are computed once per build (`qp.per_build`)."""
    with db.reader() as r:
        muns = qp.per_build(r, qp.municipalities)
        mun_names = qp.per_build(r, _mun_names)
        if nis not in mun_names:
            return {"status": "unknown", "nis": nis, "successor": _successor(r, nis, muns)}
        mun = qp.per_build(r, _mun_rows)[nis]
        inds = qp.per_build(r, qp.indicators)
        names = qp.per_build(r, qp.code_names)
        area_names = qp.per_build(r, _area_names)
        model = peers.model(r) if with_peers else None
        peer_codes = model.peers(nis) if with_peers else []
        codes = list(dict.fromkeys([nis, mun["province_nis"], mun["region_nis"]]))
        by_place = qp.per_build(r, _series_by_place)
        group = qp.group_values(r, peer_codes) if peer_codes else None
        ranks = qp.per_build(r, qp.rank_lookup)
        preds = qp.per_build(r, qp.all_predecessors).get(nis, EMPTY_PREDECESSORS)
        inter = qp.interventions(r, nis, mun["province_nis"]) if qp.per_build(r, qp.has_registers) else None
    series = {key: recs for code in codes for key, recs in by_place.get(code, {}).items()}
    groups: dict[str, list[dict]] = {}
    if group is not None:
        for rec in group.to_dict("records"):
            groups.setdefault(rec["indicator_id"], []).append(rec)
    return {"status": "ok", "nis": nis, "mun": mun, "indicators": inds, "names": names, "mun_names": mun_names,
            "area_names": area_names, "model": model, "peers": peer_codes, "series": series, "groups": groups,
            "ranks": ranks, "predecessors": preds, "interventions": inter, "n_municipalities": len(muns)}


def _series_by_place(r) -> dict[str, dict[tuple[str, str], list[dict]]]:
    """place -> (indicator, place) -> its values by year: every value of the build, grouped once
    (about 40,000 rows), so a profile looks its series up instead of querying them. Shared: read only."""
    values = r.query("""SELECT indicator_id, nis_code, year, value, numerator, denominator, flag, note
                        FROM indicator_value ORDER BY indicator_id, nis_code, year""")
    out: dict[str, dict[tuple[str, str], list[dict]]] = {}
    for rec in values.to_dict("records"):
        out.setdefault(rec["nis_code"], {}).setdefault((rec["indicator_id"], rec["nis_code"]), []).append(rec)
    return out


def _mun_names(r) -> dict[str, str]:
    muns = qp.per_build(r, qp.municipalities)
    return dict(zip(muns["nis_code"], muns["name_nl"]))


def _mun_rows(r) -> dict[str, dict]:
    return {row["nis_code"]: row for row in qp.per_build(r, qp.municipalities).to_dict("records")}


def _area_names(r) -> dict[str, tuple[str, str]]:
    return {row.nis_code: (row.name_en if isinstance(row.name_en, str) else row.name_nl, row.name_nl)
            for row in qp.per_build(r, qp.areas).itertuples()}


def _successor(r, nis: str, muns: pd.DataFrame) -> dict | None:
    df = r.query("""SELECT c.from_vintage, c.to_nis, m.name_nl AS old_name FROM municipality_crosswalk c
                    LEFT JOIN municipality m ON m.nis_code = c.from_nis AND m.vintage = c.from_vintage
                    WHERE c.from_nis = ? AND c.to_vintage = 2025 ORDER BY c.from_vintage DESC LIMIT 1""", [nis])
    if df.empty:
        return None
    to = df.iat[0, 1]
    new = muns[muns["nis_code"] == to]
    return {"old_name": df.iat[0, 2], "to_nis": to, "to_name": new["name_nl"].iloc[0] if not new.empty else to}


def area_label(data: dict, code: str, lang: str) -> str:
    en, nl = data["area_names"].get(code, (code, code))
    return en if lang == "en" else nl


def _missing(value) -> bool:
    return value is None or value != value


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
        with_value = [rec for rec in own if not _missing(rec["value"])]
        bench = {key: next((rec for rec in series.get(key) or [] if rec["year"] == year), None)
                 for key in ("province", "region", "peers")}
        out.append({**ind, "name": qp.indicator_name(ind, lang), "series": series, "year": year, "latest": latest,
                    "rank": rank.get("rank_all"), "n_rank": rank.get("n_all"),
                    "prank": rank.get("rank_province"), "n_prank": rank.get("n_province"),
                    "first": with_value[0] if with_value else None, "end": with_value[-1] if with_value else None,
                    "bench": bench})
    return out


# ------------------------------------------------------------------------------ provinces

BRUSSELS = "04000"
NEED_INDICATOR = "arop_admin"


def province_codes(r) -> dict[str, dict]:
    """The five Flemish provinces and the Brussels region (its 19 municipalities carry 04000 as province)."""
    areas = qp.per_build(r, qp.areas)
    rows = areas[(areas["level"] == "province") | (areas["nis_code"] == BRUSSELS)]
    return {row["nis_code"]: row for row in rows.to_dict("records")}


def _briefing_sources(r) -> pd.DataFrame:
    return r.query("SELECT source_id, dataset, publisher, licence, url, retrieved_at FROM source ORDER BY source_id")


def _briefing_build(r) -> dict | None:
    df = r.query("SELECT build_id, finished_at FROM build WHERE status = 'success' ORDER BY finished_at DESC LIMIT 1")
    return None if df.empty else df.iloc[0].to_dict()


def _networks_in(r, codes: list[str], province: str) -> pd.DataFrame:
    """Networks placed in any of `codes` or province-wide in `province`: one row per project."""
    if not qp.per_build(r, qp.has_registers):
        return pd.DataFrame(columns=["project_id", "name", "themes", "scope", "places"])
    return r.query("""
        SELECT p.project_id, p.name, p.themes, min(pl.scope) AS scope,
               list(DISTINCT pl.nis_code ORDER BY pl.nis_code) AS places
        FROM project_location pl JOIN project p USING (project_id)
        WHERE pl.nis_code IN (SELECT unnest(?::VARCHAR[])) OR (pl.scope = 'province' AND pl.nis_code = ?)
        GROUP BY p.project_id, p.name, p.themes
        ORDER BY p.name""", [list(codes), province])


def _wq28_row(r, province: str) -> dict | None:
    if not qp.per_build(r, qp.has_registers):
        return None
    df = r.query("SELECT * FROM wq28_province_summary WHERE province_nis = ?", [province])
    return None if df.empty else df.iloc[0].to_dict()


def load_province(code: str) -> dict:
    """A province (or Brussels) for the briefing: its own values and its region's, the need of its
    municipalities (latest at-risk-of-poverty rate) with their networks, the networks, the written
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
    return {"status": "ok", "code": code, "province": provinces[code], "region": region, "members": members,
            "indicators": qp.per_build(r, qp.indicators),
            "values": qp.values_for_codes(r, list(dict.fromkeys([code, region]))),
            "need": qp.indicator_values(r, NEED_INDICATOR),
            "networks": _networks_in(r, members["nis_code"].tolist(), code),
            "wq28": _wq28_row(r, code),
            "merged": {nis: preds[nis] for nis in members["nis_code"] if nis in preds},
            "sources": qp.per_build(r, _briefing_sources), "build": qp.per_build(r, _briefing_build),
            "area_names": qp.per_build(r, _area_names), "names": qp.per_build(r, qp.code_names)}


def briefing_context(r) -> dict:
    """Sources and the latest build, for the footnotes of a municipality's briefing."""
    return {"sources": qp.per_build(r, _briefing_sources), "build": qp.per_build(r, _briefing_build)}
