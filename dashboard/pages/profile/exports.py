"""The profile as CSV (every series: area, indicator, year, value, flag) and Excel (summary, series,
networks, notes), both headed by the municipality, its mergers and peers, the sources and the build."""
from __future__ import annotations

from dashboard import db
from dashboard import formatting as fmt
from dashboard.i18n import localised, t
from dashboard.pages.profile import view
from dashboard.profile_data import (
    area_label,
    flag_notes,
    flag_words,
    indicator_rows,
    load,
    peers_method,
    provenance_lines,
    rank_rule,
)
from dashboard.ui import downloads
from dashboard.ui.downloads import Column as C
from dashboard.ui.notes import value_note
from dashboard.urls import valid_nis


def send(fmt_name: str, nis, lang: str) -> dict | None:
    """The dcc.Download data of the profile of `nis` as `csv` or `xlsx`; None when there is none."""
    made = export(nis, lang)
    if made is None:
        return None
    name, sheets = made
    series_first = [sheets[1], sheets[0], *sheets[2:]]  # the CSV is the series sheet
    return downloads.send_table(fmt_name, sheets if fmt_name == "xlsx" else series_first,
                                downloads.name_word("profile", lang), name, lang=lang)


def export(nis, lang: str):
    """(municipality name, [summary sheet, series sheet, networks sheet, notes sheet]) or None."""
    code = valid_nis(nis)
    if not code:
        return None
    try:
        data = load(code)
    except db.WarehouseError:
        return None
    if data["status"] != "ok":
        return None
    rows = indicator_rows(data, lang)
    title = t("profile.export_title", lang, name=data["mun"]["name_nl"])
    intro = [title, *_identity_lines(data, lang),
             *provenance_lines(data["sources"], [r.get("source_id") for r in rows], data["build"], lang)]
    notes = [peers_method(data["model"], data["indicators"].to_dict("records"), lang), *flag_notes(lang),
             t("profile.sources", lang)]
    sheets = [
        downloads.Sheet(t("profile.sheet.summary", lang), _summary_columns(lang), _summary_rows(data, rows, lang), intro),
        downloads.Sheet(t("profile.sheet.series", lang), _series_columns(lang), _series_rows(data, rows, lang), intro),
        downloads.Sheet(t("profile.sheet.networks", lang), _network_columns(lang), _network_rows(data, lang), [title]),
        downloads.Sheet(t("profile.sheet.notes", lang), [C("text", t("profile.col.note", lang))],
                        [{"text": text} for text in notes], [title]),
    ]
    return data["mun"]["name_nl"], sheets


def _identity_lines(data: dict, lang: str) -> list[str]:
    mun = data["mun"]
    lines = [f"{t('profile.nis', lang)}: {data['nis']} · {t('profile.region', lang)}: "
             f"{area_label(data, mun['region_nis'], lang)}"]
    merger = "; ".join(t(f"{key}.body", lang, names=names) for _vintage, key, names in view.mergers(data, lang))
    if merger:
        lines.append(merger)
    lines.append(t("profile.export_peers", lang, peers=", ".join(data["mun_names"].get(c, c) for c in data["peers"])))
    return lines


def _summary_columns(lang: str) -> list[C]:
    # a row per indicator: every value column shows that indicator's declared decimals (the row's
    # "decimals"); the relative change is in % of the first value, with 1 decimal as on screen
    def value(key, label):
        return C(key, label, "number", None, decimals_key="decimals")

    return [C("indicator", t("profile.col.indicator", lang)), C("unit", t("col.unit", lang)),
            C("year", t("col.year", lang), "year"), value("value", t("profile.col.value", lang)),
            C("flag", t("profile.col.flag", lang)), C("note", t("profile.col.note", lang)),
            C("rank", t("profile.col.rank_plain", lang), "int"), C("n_rank", t("profile.col.ranked", lang), "int"),
            C("prank", t("profile.col.rank_province_plain", lang), "int"),
            C("n_prank", t("profile.col.ranked_province", lang), "int"),
            C("rank_meaning", t("profile.col.rank_meaning", lang)),
            C("first_year", t("profile.col.first_year", lang), "year"),
            value("first_value", t("profile.col.first_value", lang)),
            value("change", t("profile.col.change_abs", lang)),
            C("change_rel", t("profile.col.change_rel", lang), "number", 1),
            value("province", t("profile.col.province", lang)),
            value("region", t("profile.col.region", lang)),
            value("peers", t("profile.col.peers", lang))]


def _summary_rows(data: dict, rows: list[dict], lang: str) -> list[dict]:
    out = []
    for row in rows:
        latest, first, end = row["latest"], row["first"], row["end"]
        change = (end["value"] - first["value"]) if first and end and first["year"] != end["year"] else None
        out.append({
            "indicator": row["name"], "unit": fmt.unit_label(row, lang), "year": row["year"],
            "decimals": fmt.display_meta(row, lang)[2],
            "value": latest.get("value"), "flag": flag_words(latest.get("flag"), lang),
            "note": value_note(latest.get("note"), data["names"], lang),
            "rank": row["rank"], "n_rank": row["n_rank"], "prank": row["prank"], "n_prank": row["n_prank"],
            "rank_meaning": rank_rule(row, lang),
            "first_year": first["year"] if first else None, "first_value": first["value"] if first else None,
            "change": change,
            "change_rel": (change / first["value"] * 100) if change is not None and first["value"] else None,
            **{key: (row["bench"].get(key) or {}).get("value") for key in ("province", "region", "peers")},
        })
    return out


def _series_columns(lang: str) -> list[C]:
    return [C("area", t("profile.col.area", lang)), C("indicator", t("profile.col.indicator", lang)),
            C("unit", t("col.unit", lang)), C("year", t("col.year", lang), "year"),
            C("value", t("profile.col.value", lang), "number", None, decimals_key="decimals"),
            C("flag", t("profile.col.flag", lang)), C("note", t("profile.col.note", lang))]


def _series_rows(data: dict, rows: list[dict], lang: str) -> list[dict]:
    out = []
    for row in rows:
        decimals = fmt.display_meta(row, lang)[2]  # one column holds every indicator: each with its own decimals
        for key in view.SERIES:
            for rec in row["series"].get(key) or []:
                peers = key == "peers"
                out.append({
                    "area": view.series_label(data, key, lang), "indicator": row["name"],
                    "unit": fmt.unit_label(row, lang), "year": int(rec["year"]),
                    # the full value (Excel keeps it, showing the indicator's decimals); the CSV rounds
                    "value": rec["value"], "decimals": decimals,
                    "flag": t("profile.peer_n", lang, n=int(rec["n"])) if peers else flag_words(rec.get("flag"), lang),
                    "note": "" if peers else value_note(rec.get("note"), data["names"], lang),
                })
    return out


def _network_columns(lang: str) -> list[C]:
    return [C("name", t("profile.col.network", lang)), C("programme", t("profile.programme", lang)),
            C("scope", t("profile.where", lang)), C("area_label", t("profile.col.area_label", lang)),
            C("themes", t("profile.themes", lang)), C("lead", t("profile.lead", lang)),
            C("website", t("profile.website", lang)), C("partners", t("profile.col.partners", lang))]


def _network_rows(data: dict, lang: str) -> list[dict]:
    """One row per place of a network (a network in two places: two rows)."""
    inter = data["interventions"]
    if inter is None:
        return []
    labels = view.theme_labels(inter, lang)
    partners = inter["partners"]
    out = []
    for rec in inter["projects"].to_dict("records"):
        mine = partners[partners["project_id"] == rec["project_id"]].to_dict("records")
        out.append({
            "name": rec["name"], "programme": localised(rec, "programme", lang),
            "scope": view.scope_text(data, rec, lang), "area_label": rec["area_label"],
            "themes": view.themes_text(rec["themes"], labels), "lead": rec["lead_org"], "website": rec["website"],
            "partners": "; ".join(f"{p['name']} ({localised(p, 'sector', lang) or fmt.MISSING})" for p in mine),
        })
    return out
