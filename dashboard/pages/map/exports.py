"""The map's download: the view on the map as a table (CSV or Excel through ui.downloads), one row
per municipality with its value, class, ranks, flag, note and networks; the provenance (the view,
the rank rule, the source with its licence, the build, the harmonisation) in the intro lines of
both formats."""
from __future__ import annotations

from dashboard import db, mapping, places
from dashboard import formatting as fmt
from dashboard.i18n import t, t_or
from dashboard.pages.map import view as vm
from dashboard.pages.map.state import parse_state
from dashboard.queries import map as qm
from dashboard.queries.status import latest_build
from dashboard.ui import downloads
from dashboard.ui.notes import harmonisation_rule, value_note


def _number(value, kind=float):
    return None if fmt.is_missing(value) else kind(value)


def export(indicator, year, scheme, k, overlay, lang: str):
    """(file name parts, sheets) of the view on the map; None without data. An unknown indicator
    exports what the map then shows: the default one."""
    try:
        base = qm.base()
    except db.WarehouseError:
        return None
    state = parse_state(indicator, year, scheme, k, overlay, None, lang)
    v = vm.view(base, state)
    ind = v.get("ind")
    if ind is None:
        return None
    frame, names = v["frame"], base["code_names"]
    labels = mapping.class_labels(v["classes"], ind, lang)
    nets = vm.networks(base, None)
    rows = []
    for r, cls in zip(frame.to_dict("records"), v["z"]):
        rows.append({
            "nis": r["nis_code"], "name": r["name_nl"], "province": places.area_name(r["province_nis"], lang),
            "value": _number(r["value"]), "year": _number(r["year"], int),
            "class": labels[cls - 1] if 0 < cls <= len(labels) else t("map.legend.no_data", lang),
            "rank": _number(r["rank"], int), "prov_rank": _number(r["prov_rank"], int),
            "flag": t_or(f"flag.{r['flag']}", lang, str(r["flag"])),
            "note": value_note(r["note"], names, lang),
            "networks": int(nets["count"].get(r["nis_code"], 0)),
        })
    name = vm.indicator_name(ind, lang)
    unit = fmt.unit_label(ind, lang)
    _short, _unit, decimals = fmt.display_meta(ind, lang)
    C = downloads.Column
    columns = [C("nis", t("map.export.nis", lang)), C("name", t("map.col.name", lang)),
               C("province", t("map.col.province", lang)),
               C("value", f"{name} ({unit})" if unit else name, "number", decimals),
               C("year", t("map.col.year", lang), "year"), C("class", t("map.export.class", lang)),
               C("rank", t("map.export.rank", lang), "int"), C("prov_rank", t("map.export.prov_rank", lang), "int"),
               C("flag", t("map.col.flag", lang)), C("note", t("map.export.note", lang)),
               C("networks", t("map.export.networks", lang), "int")]
    scheme_label = t(f"map.scheme.{v['classes'].scheme}", lang)
    intro = [t("map.export.intro", lang, indicator=name, year=v["year"], scheme=scheme_label, k=v["classes"].k),
             t("map.export.rank_rule", lang), *_provenance(ind, lang)]
    sheets = [downloads.Sheet(t("map.export.sheet", lang), columns, rows, intro)]
    return (downloads.name_word("map", lang), ind["indicator_id"], str(v["year"])), sheets


def _provenance(ind: dict, lang: str) -> list[str]:
    """Source (dataset, publisher, licence, URL) and build of the warehouse, and how the values were
    converted to the 2025 municipalities, as the warehouse records them."""
    try:
        with db.reader() as r:
            sources = qm.sources(r)
            build = latest_build(r)
    except db.WarehouseError:
        return []
    lines = []
    row = sources[sources["source_id"] == ind.get("source_id")]
    if not row.empty:
        source = downloads.source_text(row.iloc[0], lang)
        if source:
            lines.append(t("map.export.source", lang, source=source))
    if build:
        lines.append(t("map.export.build", lang, build=build["build_id"],
                       date=fmt.datetime_text(build.get("finished_at") or build.get("started_at"), lang)))
    harmonisation = harmonisation_rule(ind, lang)
    if harmonisation:
        lines.append(harmonisation)
    return lines
