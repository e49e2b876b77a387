"""The need page's downloads: the data of each of the four sections as CSV or Excel, through
`dashboard.ui.downloads` (`send_table` in the callback). Every file opens with the same provenance
lines, in the CSV and in the Excel: what it shows, the need indicator and year, the split rule,
the filters in force, the years of the denominators, the sources with their licences, the build.
"""
from __future__ import annotations

import math
from urllib.parse import urljoin

import flask
import pandas as pd

from dashboard import db, need
from dashboard import formatting as fmt
from dashboard.i18n import t
from dashboard.pages.need import view
from dashboard.pages.need.state import DEFAULT_REGION
from dashboard.queries import need as qn
from dashboard.ui import downloads
from dashboard.ui.links import profile_href

Column = downloads.Column

def _today() -> str:
    return fmt.now().strftime("%Y-%m-%d")


def intro_lines(m: dict, title: str, lang: str, *extra: str) -> list[str]:
    """The provenance lines of an export (the first is its title)."""
    build = qn.base().get("build") or {}
    # each source once: the networks come from two register tables that cite the same registers
    sources = "; ".join(dict.fromkeys(downloads.source_text(rec, lang) for rec in view.sources_of(m)))
    return [title,
            t("need.export.need", lang, indicator=view.indicator_name(m["ind"], lang), year=m["year"],
              unit=fmt.unit_label(m["ind"], lang)),
            view.region_sentence(m, lang),
            view.rule_sentence(m, lang),
            *extra,
            t("need.years.intro", lang) + " " + view.years_sentence(m, lang),
            t("need.export.sources", lang, sources=sources or fmt.MISSING),
            t("need.export.source", lang, build=build.get("build_id") or fmt.MISSING, date=_today())]


def _funding_line(m: dict, lang: str) -> list[str]:
    """Why funding is missing from an export, when it is."""
    if view.funding_state(m) == "all":
        return []
    return [f"{t('need.funding.title', lang)}: {t('need.not_reported', lang)} – {view.funding_reason(m, lang)}"]


def _need_column(m: dict, lang: str) -> Column:
    # the indicator's own decimals, as on the page (a rate of 18.0270 % reads as 18.0 %)
    return Column("need", view.need_title(m["ind"], m["year"], lang), "number", fmt.display_meta(m["ind"], lang)[2])


def _province_labels(codes: pd.Series, lang: str) -> list[str]:
    """The province names of a column of province codes, each name looked up once."""
    names = {code: view.province_label(code, lang) for code in pd.unique(codes)}
    return [names.get(code, code) for code in codes]  # a missing code (NaN) stays as it is, as before


def _networks(m: dict, nis: str, lang: str) -> str:
    return "; ".join(view.network_lines(m, nis, lang, limit=99))


def scatter_sheet(state: dict, lang: str):
    v = view.scatter_view(state["indicator"], state["year"], state["measure"], state["rule"], state["need_t"],
                          state["int_t"], lang, state["region"])
    if v["status"] == "no_indicator":
        return None
    m, measure = v["m"], v["measure"]
    frame = m["frame"]
    reported = v["status"] == "ok"
    not_reported = t("need.not_reported", lang)
    if reported:  # the view's level and quadrant per municipality, on the model frame's index
        levels = v["level"].reindex(frame.index).tolist()
        quadrant_names = {q: t(f"need.q.{q}", lang) for q in set(v["quad"].tolist())}
        quadrants = [quadrant_names[q] for q in v["quad"].reindex(frame.index)]
    else:
        levels, quadrants = [None] * len(frame), [not_reported] * len(frame)
    # whole columns at once, province names looked up once per province (not per row)
    rows = [{"name": name, "nis": nis, "province": province, "need": value, "flag": view.flag_text(flag, lang),
             "equivalents": equivalents, "population": population, "children": children,
             "level": level, "level_text": None if reported else not_reported, "quadrant": quadrant,
             "networks": _networks(m, nis, lang)}
            for nis, name, province, value, flag, equivalents, population, children, level, quadrant
            in zip(frame.index, frame["name_nl"], _province_labels(frame["province_nis"], lang), frame["need"],
                   frame["flag"], frame["equivalents"], frame["population"], frame["children"], levels, quadrants)]
    rows.sort(key=lambda r: (r["province"], r["name"]))
    measure_label = t(f"need.measure.{measure}", lang)
    cols = [Column("name", t("need.col.municipality", lang)), Column("nis", t("need.col.nis", lang)),
            Column("province", t("need.col.province", lang)), _need_column(m, lang),
            Column("flag", t("need.col.flag", lang)),
            Column("equivalents", t("need.col.equivalents", lang), "number", view.EQUIVALENTS_DECIMALS),
            Column("population", t("need.col.population", lang, year=m["years"]["population"]), "int"),
            Column("children", t("need.col.children", lang, year=m["years"]["children"]), "int"),
            Column("level", measure_label, "number", view.level_decimals(measure)) if reported else Column("level_text", measure_label),
            Column("quadrant", t("need.col.quadrant", lang)), Column("networks", t("need.col.networks", lang))]
    intro = intro_lines(m, t("need.export.scatter", lang), lang, view.threshold_text(v, lang))
    return downloads.name_word("need.scatter", lang), m, downloads.Sheet(t("need.sheet.scatter", lang), cols, rows, intro)


def gap_sheet(state: dict, lang: str):
    m = view.view_model(state["indicator"], state["year"], state["rule"], state["region"])
    if m is None:
        return None
    gap = view.gap_frame(m, state["gap_n"], state["gap_mode"], state["gap_top"], state["gap_min"])
    n = int(m["frame"]["need"].notna().sum())
    provinces = _province_labels(gap["province_nis"], lang)
    rows = [{"i": i, "name": r.name, "nis": r.nis_code, "province": province,
             "need": r.need, "need_rank": r.need_rank, "of": n, "equivalents": r.equivalents,
             "networks": _networks(m, r.nis_code, lang) or t("need.network.none", lang),
             "profile": _profile_url(r.nis_code, lang)}
            for i, (r, province) in enumerate(zip(gap.itertuples(), provinces), start=1)]
    cols = [Column("i", t("need.col.list_rank", lang), "int"), Column("name", t("need.col.municipality", lang)),
            Column("nis", t("need.col.nis", lang)), Column("province", t("need.col.province", lang)),
            _need_column(m, lang),
            Column("need_rank", t("need.col.need_rank_plain", lang), "int"),
            Column("of", t("need.col.of", lang), "int"),
            Column("equivalents", t("need.col.equivalents", lang), "number", view.EQUIVALENTS_DECIMALS),
            Column("networks", t("need.col.networks", lang)), Column("profile", t("need.col.profile", lang))]
    rule = view.gap_rule_text(m, state["gap_n"], state["gap_mode"], state["gap_top"], state["gap_min"], lang)
    intro = intro_lines(m, t("need.export.gap", lang, n=len(rows)), lang, rule)
    return downloads.name_word("need.gap", lang), m, downloads.Sheet(t("need.sheet.gap", lang), cols, rows, intro)


def _profile_url(nis: str, lang: str) -> str:
    """The municipality profile's address: absolute, on the host the request came to, so it still
    opens once the file is mailed (relative only outside a request, where no host is known)."""
    href = profile_href(nis, lang)
    return urljoin(flask.request.host_url, href) if flask.has_request_context() else href


def _percent(share) -> float | None:
    return None if fmt.is_missing(share) else share * 100


def spread_sheet(state: dict, lang: str):
    m = view.view_model(state["indicator"], state["year"], state["rule"], state["region"])
    if m is None:
        return None
    all_funding = view.funding_state(m) == "all"
    # a number column holds numbers only: where funding is not reported its cell stays empty and
    # the note beside it says so, the intro lines why (as the written-question workbook does)
    missing_funding = t("need.not_reported", lang)  # the reason is in the intro lines (_funding_line)
    rows = [{**r, "funding_note": missing_funding if fmt.is_missing(r["funding"]) else None,
             "funding_share_pct": _percent(r["funding_share"]),
             "equivalents_share_pct": _percent(r["equivalents_share"]),
             "at_risk_share_pct": _percent(r["at_risk_share"])}
            for r in view.spread_frame(m, lang).to_dict("records")]
    risk_year = m["years"]["at_risk"]
    cols = [Column("name", t("need.col.area", lang)), Column("municipalities", t("need.col.municipalities", lang), "int"),
            Column("equivalents", t("need.col.equivalents", lang), "number", view.AREA_EQUIVALENTS_DECIMALS),
            Column("equivalents_share_pct", t("need.col.equivalents_share_pct", lang), "number", view.SHARE_PCT_DECIMALS),
            Column("funding", t("need.col.funding", lang), "number", view.AREA_EURO_DECIMALS)]
    if all_funding:
        cols += [Column("funding_share_pct", t("need.col.funding_share_pct", lang), "number", view.SHARE_PCT_DECIMALS)]
    else:
        cols += [Column("funding_note", t("need.col.funding_note", lang))]
    cols += [Column("at_risk", t("need.col.at_risk", lang, year=risk_year), "int"),
             Column("at_risk_missing", t("need.col.at_risk_missing", lang), "int"),
             Column("at_risk_share_pct", t("need.col.at_risk_share_pct", lang, year=risk_year), "number",
                    view.SHARE_PCT_DECIMALS),
             Column("ratio", t("need.col.ratio", lang), "number", view.RATIO_DECIMALS)]
    extra = [t("need.spread.ratio_note", lang), t("need.spread.at_risk_note", lang, year=risk_year),
             *_funding_line(m, lang)]
    intro = intro_lines(m, t("need.export.spread", lang), lang, *extra)
    return downloads.name_word("need.spread", lang), m, downloads.Sheet(t("need.sheet.spread", lang), cols, rows, intro)


def curve_sheet(state: dict, lang: str):
    m = view.view_model(state["indicator"], state["year"], state["rule"], state["region"])
    if m is None:
        return None
    df = view.curve_frames(m)["networks"]
    frame = m["frame"]
    rows = []
    if not df.empty:
        points = df.iloc[1:]  # the first point is the curve's origin (0, 0)
        names = frame["name_nl"].reindex(points["nis_code"]).tolist()
        provinces = _province_labels(frame["province_nis"].reindex(points["nis_code"]), lang)
        rows = [{"i": i, "name": name, "nis": r.nis_code, "province": province, "need": r.need,
                 "at_risk": r.at_risk, "equivalents": r.interventions, "x": r.x * 100, "y": r.y * 100}
                for i, (r, name, province) in enumerate(zip(points.itertuples(), names, provinces), start=1)]
    index = need.concentration_index(df["x"], df["y"]) if not df.empty else math.nan
    cols = [Column("i", t("need.col.order", lang), "int"), Column("name", t("need.col.municipality", lang)),
            Column("nis", t("need.col.nis", lang)), Column("province", t("need.col.province", lang)),
            _need_column(m, lang),
            Column("at_risk", t("need.col.at_risk", lang, year=m["years"]["at_risk"]), "int"),
            Column("equivalents", t("need.col.equivalents", lang), "number", view.EQUIVALENTS_DECIMALS),
            Column("x", t("need.col.cum_x", lang), "number", view.SHARE_PCT_DECIMALS),
            Column("y", t("need.col.cum_y", lang), "number", view.SHARE_PCT_DECIMALS)]
    per_region = [t("need.export.region_index", lang, region=view.region_name(r["region"], lang),
                    value=fmt.number(r["networks"], view.INDEX_DECIMALS, lang)) for r in view.region_indices(m)]
    extra = [t("need.export.index", lang, value=fmt.number(index, view.INDEX_DECIMALS, lang)), *per_region, view.region_note(m, lang),
             f"{view.FORMULA_PLAIN} {t('need.curve.formula', lang)}", *_funding_line(m, lang)]
    intro = intro_lines(m, t("need.export.curve", lang), lang, *extra)
    return downloads.name_word("need.curve", lang), m, downloads.Sheet(t("need.sheet.curve", lang), cols, rows, intro)


SHEETS = {"scatter": scatter_sheet, "gap": gap_sheet, "spread": spread_sheet, "curve": curve_sheet}


def export_table(kind: str, state: dict, lang: str) -> tuple[list[downloads.Sheet], tuple[str, ...]] | None:
    """The sheets of one section's export (its table, then the notes) and the words of its file
    name; None without a warehouse or a need indicator."""
    try:
        made = SHEETS[kind](state, lang)
    except db.WarehouseError:
        return None
    if made is None:
        return None
    stem, m, sheet = made
    notes = downloads.Sheet(t("need.sheet.notes", lang), [Column("text", t("need.col.note", lang))],
                            [{"text": line} for line in sheet.intro[1:]], sheet.intro[:1])
    region = () if m["region"] == DEFAULT_REGION else (m["region"],)
    return [sheet, notes], (stem, m["ind"]["indicator_id"], str(m["year"]), *region, m["rule"], _today())


def export_file(kind: str, fmt_name: str, state: dict, lang: str) -> tuple[bytes, str, str] | None:
    """(content, file name, MIME type) of one section's export, as `send_table` sends it."""
    made = export_table(kind, state, lang)
    return None if made is None else downloads.table_file(fmt_name, made[0], *made[1], lang=lang)
