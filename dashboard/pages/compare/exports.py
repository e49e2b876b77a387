"""The comparison as CSV (the ranking of all 304 in the view's order) and Excel (ranking, the chart's
series, notes), both headed by the indicator, the years, the selection, the sources and the build."""
from __future__ import annotations

from dashboard import db
from dashboard import formatting as fmt
from dashboard.i18n import t
from dashboard.pages.compare import view
from dashboard.profile_data import flag_notes, flag_words, indicator_name, provenance_lines, rank_rule
from dashboard.ui import downloads
from dashboard.ui.downloads import Column as C
from dashboard.ui.notes import value_note

# A relative change (in % of the start value) with 1 decimal, as the profile's workbook shows it.
RELATIVE_DECIMALS = 1


def send(fmt_name: str, indicator, nis, mode, province, start, end, sort, lang: str) -> dict | None:
    """The dcc.Download data of a view as `csv` or `xlsx`; None when there is none."""
    made = export(indicator, nis, mode, province, start, end, sort, lang)
    if made is None:
        return None
    name, sheets = made
    return downloads.send_table(fmt_name, sheets, downloads.name_word("comparison", lang), name, lang=lang)


def export(indicator, nis, mode, province, start, end, sort, lang: str):
    """(indicator name, [ranking sheet, series sheet, notes sheet]) or None."""
    try:
        data = view.load(indicator, view.chosen_codes(nis), mode or "own", province, start, end)
    except db.WarehouseError:
        return None
    if data["status"] != "ok":
        return None
    ind, names = data["ind"], data["names"]
    name = indicator_name(ind, lang)
    title = t("compare.export_title", lang, indicator=name, start=data["start"], end=data["end"])
    method = view.method_sentence(data, lang)
    intro = [title, f"{t('col.unit', lang)}: {fmt.unit_label(ind, lang)} · {rank_rule(ind, lang)}"]
    if data["chosen"]:
        intro.append(t("compare.export_chosen", lang, names=", ".join(names.get(c, c) for c in data["chosen"])))
    if method:
        intro.append(method)
    intro += provenance_lines(data["sources"], [ind.get("source_id")], data["build"], lang)

    rows = view.sort_rows(view.ranking_rows(data, lang), sort or view.DEFAULT_SORT)
    ranking = [{**r, "start_flag": flag_words(r["start_flag"], lang), "end_flag": flag_words(r["end_flag"], lang),
                "start_note": value_note(r["start_note"], names, lang), "end_note": value_note(r["end_note"], names, lang),
                "selected": t("compare.yes", lang) if r["selected"] else ""} for r in rows]
    series = [{"series": s["label"], "year": y, "value": v, "flag": flag_words(f, lang) if s["role"] != "group" else "",
               "note": value_note(n, names, lang)} for s in view.series_list(data, lang) for (y, v, f, n) in s["points"]]
    notes = [f"{name}: {view.definition(ind, lang)}", *([method] if method else []), *flag_notes(lang),
             t("profile.sources", lang)]
    sheets = [downloads.Sheet(t("compare.sheet.ranking", lang), _ranking_columns(data, lang), ranking, intro),
              downloads.Sheet(t("compare.sheet.series", lang), _series_columns(ind, lang), series, intro[:1]),
              downloads.Sheet(t("profile.sheet.notes", lang), [C("text", t("profile.col.note", lang))],
                              [{"text": text} for text in notes], intro[:1])]
    return name, sheets


def _ranking_columns(data: dict, lang: str) -> list[C]:
    percent = view.is_percent(data["ind"])
    decimals = fmt.display_meta(data["ind"], lang)[2]  # the indicator's declared decimals, as on screen
    start, end = data["start"], data["end"]
    return [C("rank", t("compare.col.rank_plain", lang, year=end), "int"),
            C("name", t("compare.col.name", lang)), C("nis", t("compare.col.nis", lang)),
            C("province", t("compare.col.province", lang)),
            C("start", t("compare.col.value", lang, year=start), "number", decimals),
            C("start_flag", t("compare.col.flag", lang, year=start)),
            C("end", t("compare.col.value", lang, year=end), "number", decimals),
            C("end_flag", t("compare.col.flag", lang, year=end)),
            C("change", t("compare.col.change_pp" if percent else "compare.col.change", lang), "number", decimals),
            C("change_rel", t("compare.col.change_rel", lang), "number", RELATIVE_DECIMALS),
            C("selected", t("compare.col.selected", lang)),
            C("end_note", t("compare.col.note", lang, year=end))]


def _series_columns(ind: dict, lang: str) -> list[C]:
    decimals = fmt.display_meta(ind, lang)[2]
    return [C("series", t("compare.col.series", lang)), C("year", t("col.year", lang), "year"),
            C("value", t("profile.col.value", lang), "number", decimals), C("flag", t("profile.col.flag", lang)),
            C("note", t("profile.col.note", lang))]
