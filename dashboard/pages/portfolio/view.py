"""The portfolio's view model: the page's data from one build, the filters, and the rows and texts
the tables and exports show (labels and names, never bare codes). No Dash components here."""
from __future__ import annotations

from dashboard import db
from dashboard import formatting as fmt
from dashboard.i18n import localised, t, t_or
from dashboard.queries import portfolio as qp
from dashboard.queries.status import latest_build
from dashboard.ui import sources
from dashboard.ui.links import project_href
from dashboard.ui.text import fold
from etl.exports import province_rows

FILTERS = ("programme", "province", "theme", "nis", "sector")
FILTER_LABEL = {"programme": "portfolio.f.programme", "province": "portfolio.f.province",
                "theme": "portfolio.f.theme", "nis": "portfolio.f.municipality", "sector": "portfolio.f.sector"}
ALL_PROVINCES = "all"
BRUSSELS = "04000"
NOT_PUBLISHED = "niet gepubliceerd"  # how the written-question views state a figure no source gives


# ----------------------------------------------------------------------------------- data

def _load(r) -> dict:
    projects = qp.projects(r)
    return {
        "programmes": qp.programmes(r), "facts": qp.programme_facts(r), "projects": projects,
        "vocab": qp.vocabularies(r), "wq28": qp.wq28_summary(r), "build": latest_build(r),
        "words": sources.words_of(r),
        "municipalities": project_municipalities(projects),
    }


def load() -> dict:
    """Everything the page shows, from one build (cached per build); raises WarehouseError."""
    with db.reader() as r:
        return qp.per_build(r, _load)


def fact_groups(facts: list[dict]) -> list[dict]:
    """Facts grouped per (programme, fact, area) in file order. A group `disagrees` when two or
    more source documents give different values for it (e.g. projects_selected 45 and 48)."""
    groups: dict[tuple, dict] = {}
    for f in facts:
        key = (f["programme_id"], f["fact"], f.get("nis_code") or "")
        g = groups.setdefault(key, {"programme_id": f["programme_id"], "fact": f["fact"],
                                    "nis_code": f.get("nis_code"), "area_label": f.get("area_label"),
                                    "area_label_en": f.get("area_label_en"), "rows": []})
        g["rows"].append(f)
    for g in groups.values():
        docs = {row["source_doc"] for row in g["rows"]}
        values = {row["value"] for row in g["rows"]}
        g["disagrees"] = len(docs) > 1 and len(values) > 1
    return list(groups.values())


def filter_projects(rows: list[dict], programme=None, province=None, theme=None, nis=None, sector=None) -> list[dict]:
    """The projects matching every filter given (None = no filter). A province-wide network counts
    for its province, not for each municipality in it."""
    out = []
    for p in rows:
        if programme and p["programme_id"] != programme:
            continue
        if province and province not in p["province_codes"]:
            continue
        if theme and theme not in p["theme_codes"]:
            continue
        if nis and nis not in p["municipality_codes"]:
            continue
        if sector and sector not in p["sector_codes"]:
            continue
        out.append(p)
    return out


def project_municipalities(rows: list[dict]) -> list[dict]:
    """The municipalities (2025) that have at least one project, for the filter."""
    seen: dict[str, dict] = {}
    for p in rows:
        for pl in p["places"]:
            if pl["scope"] != "province" and pl["nis_code"] not in seen:
                seen[pl["nis_code"]] = {"nis_code": pl["nis_code"], "name": pl["place_name"] or pl["nis_code"],
                                        "province_nis": pl["province_nis"]}
    return sorted(seen.values(), key=lambda m: fold(m["name"]))


# --------------------------------------------------------------------------------- labels

def label(row: dict, lang: str) -> str:
    """A theme's or sector's label in the page's language (its code when it has none)."""
    return localised(row, "label", lang) or row.get("code") or ""


def short_label(row: dict, lang: str) -> str:
    """A sector label without its parenthesised detail ("Lokaal bestuur (gemeente/stad, ...)" -> "Lokaal bestuur")."""
    text = label(row, lang)
    return text.split(" (")[0] if " (" in text and not text.endswith("(CLB)") else text


def area_name(row: dict, lang: str) -> str:
    return localised(row, "name", lang) or row.get("nis_code")


def programme_name(row: dict, lang: str) -> str:
    """The programme of a project row (`programme_name_nl/_en`)."""
    return localised(row, "programme_name", lang) or row.get("programme_id")


def source_name(doc: str | None, lang: str) -> str:
    return t_or(f"source.short.{doc}", lang, doc or "")


def filter_options(data: dict, lang: str) -> dict[str, list[dict]]:
    vocab = data["vocab"]
    programme_ids = {p["programme_id"] for p in data["projects"]}
    programmes = [{"label": localised(p, "name", lang), "value": p["programme_id"]}
                  for p in data["programmes"] if p["programme_id"] in programme_ids]
    return {
        "programme": programmes,
        "province": [{"label": area_name(p, lang), "value": p["nis_code"]} for p in vocab["provinces"]],
        "theme": sorted(({"label": label(th, lang), "value": th["code"]} for th in vocab["themes"]),
                        key=lambda o: fold(o["label"])),
        "nis": [{"label": m["name"], "value": m["nis_code"]} for m in data["municipalities"]],
        "sector": [{"label": short_label(s, lang), "value": s["code"]} for s in vocab["sectors"]],
    }


def province_options(data: dict, lang: str) -> list[dict]:
    """The choices of the written-question list: all provinces together, then each."""
    return [{"label": t("portfolio.wq28.all", lang), "value": ALL_PROVINCES}] + [
        {"label": area_name(p, lang), "value": p["nis_code"]} for p in data["vocab"]["provinces"]]


def filters_text(chosen: dict, data: dict, lang: str) -> str:
    """The filters in force, in words ("Provincie (2025) = Limburg; Thema = Onderwijs")."""
    options = filter_options(data, lang)
    parts = []
    for name in FILTERS:
        value = chosen.get(name)
        if value:
            shown = next((o["label"] for o in options[name] if o["value"] == value), value)
            parts.append(f"{t(FILTER_LABEL[name], lang)} = {shown}")
    return "; ".join(parts) if parts else t("portfolio.f.none", lang)


# ----------------------------------------------------------------------------- programmes

def fact_value(row: dict, lang: str) -> str:
    """A programme fact as text in its unit (`€ 3.000.000 (2023)`, `2 jaar`), the year added when
    the value does not already say it."""
    value, unit = row.get("value"), row.get("unit")
    text = value or fmt.MISSING
    try:
        if unit == "euro":
            text = fmt.euro(float(value), 0, lang)
        elif unit == "count":
            text = fmt.number(float(value), 0 if float(value).is_integer() else 1, lang)
        elif unit == "years":
            n = float(value)
            text = t("unit.years", lang, n=fmt.number(n, 0 if n.is_integer() else 1, lang))
        elif unit == "date":
            text = fmt.date_text(value, lang)
        elif unit == "text":
            text = localised(row, "value", lang) or fmt.MISSING  # our English words beside the source's
    except (TypeError, ValueError):
        text = value or fmt.MISSING
    year = row.get("year")
    if year and str(year) not in text:
        text = f"{text} ({year})"
    return text


def fact_label(group: dict, lang: str) -> str:
    """What a fact group is about: the fact, and the area when it is about one."""
    text = t_or(f"fact.{group['fact']}", lang, group["fact"])
    if group.get("nis_code"):
        text = f"{text} – {localised(group, 'area_label', lang) or group['nis_code']}"
    return text


def period_text(programme: dict, lang: str) -> str:
    start, end = programme.get("period_start"), programme.get("period_end")
    if not (start or end):
        return t("portfolio.period_unknown", lang)
    return f"{fmt.date_text(start, lang) if start else '…'} – {fmt.date_text(end, lang) if end else '…'}"


# ------------------------------------------------------------------------------- projects

def project_rows(rows: list[dict], data: dict, lang: str) -> list[dict]:
    """Projects as display/export rows: names and labels, never bare codes."""
    themes = {th["code"]: label(th, lang) for th in data["vocab"]["themes"]}
    sectors = {s["code"]: short_label(s, lang) for s in data["vocab"]["sectors"]}
    provinces = {p["nis_code"]: area_name(p, lang) for p in data["vocab"]["provinces"]}
    listed = {p["name_nl"]: p["nis_code"] for p in data["vocab"]["provinces"]}
    listed["Brussel"] = BRUSSELS  # the guide's heading for the Brussels-Capital Region
    out = []
    for p in rows:
        places = []
        for pl in p["places"]:
            if pl["scope"] == "province":
                places.append(t("portfolio.whole_province", lang, name=provinces.get(pl["nis_code"], pl["place_name"])))
            else:
                name = pl["place_name"] or pl["nis_code"]
                places.append(f"{name} ({pl['area_label']})" if pl.get("area_label") else name)
        province_names = [provinces.get(c, c) for c in p["province_codes"]]
        counts: dict[str, int] = {}
        for pa in p["partners"]:
            sector = sectors.get(pa["sector"], pa["sector"])
            counts[sector] = counts.get(sector, 0) + 1
        province_listed = p.get("province_listed") or ""
        listed_code = listed.get(province_listed)
        listed_note = (t("portfolio.listed_elsewhere", lang, province=province_listed)
                       if province_listed and listed_code not in p["province_codes"] else None)
        out.append({
            "project_id": p["project_id"], "name": p["name"], "href": project_href(p["project_id"], lang),
            "programme": programme_name(p, lang),
            "province": ", ".join(province_names), "province_listed": province_listed, "listed_note": listed_note,
            "places": "; ".join(places),
            "themes": ", ".join(themes.get(c, c) for c in p["theme_codes"]),
            "lead": p.get("lead_org") or "",
            "sectors": "; ".join(f"{s} ({n})" for s, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))),
            "partners": len(p["partners"]),
            "website": (p.get("website") or "").replace(";", "; "),
            # the document by its title and address, the place in it in words (our line numbers left out)
            "source": sources.document_text(p.get("source_doc"), p.get("source_ref"), data.get("words") or {}, lang),
        })
    return out


# ----------------------------------------------------------------------------------- wq28

def unknown_in_language(text, lang: str):
    """A written-question figure no source gives reads "niet gepubliceerd (...)" in the warehouse's
    views; on the page it reads as the words for "not published" in the page's language."""
    if isinstance(text, str) and text.startswith(NOT_PUBLISHED):
        return t("portfolio.wq28.not_published", lang)
    return text


def is_unpublished(text) -> bool:
    return isinstance(text, str) and text in {NOT_PUBLISHED, t("portfolio.wq28.not_published", "en")}


def wq28_summary_rows(rows: list[dict], lang: str, words: dict | None = None) -> list[dict]:
    """The per-province answer as display rows, built from the structured fields as the workbook is
    (`etl.exports.province_rows`): province names, counts, "not published" and the notes in the page's
    language, sources by title. `is_total`: the row for Flanders and Brussels; where the sources
    disagree on its count, `awarded` shows both ("45 / 48") and the note says which source gives which."""
    if words is None:
        words = load()["words"]  # cached per build: the same build the rows come from
    out = []
    for raw, r in zip(rows, province_rows(rows, words, lang)):
        awarded = r["projects_awarded"]
        if r["awarded_by_source"]:
            awarded = " / ".join(str(n) for n, _source in r["awarded_by_source"])
        out.append({**raw, "province_label": r["province_name"], "applications": _count_text(r["applications"], lang),
                    "requested": _amount_text(r["amount_requested"], lang), "awarded": _count_text(awarded, lang),
                    "amount": _amount_text(r["amount_awarded"], lang), "note": r["note"], "source": r["source"],
                    "source_cited": raw.get("source"),  # the documents by code, for the screen's links
                    "is_total": r["is_total"]})
    return out


def _count_text(value, lang: str):
    """A count on screen; the words for "not published" where the workbook leaves the cell empty."""
    if value is None:
        return t("portfolio.wq28.not_published", lang)
    return fmt.integer(value, lang) if isinstance(value, int) else value


def _amount_text(value, lang: str):
    if value is None:
        return t("portfolio.wq28.not_published", lang)
    return fmt.euro(value, lang=lang) if isinstance(value, float) else value


def wq28_municipality_rows(rows: list[dict], data: dict, lang: str) -> list[dict]:
    themes = {th["code"]: label(th, lang) for th in data["vocab"]["themes"]}
    provinces = {p["nis_code"]: area_name(p, lang) for p in data["vocab"]["provinces"]}
    return [{**r, "scope_label": t_or(f"portfolio.scope.{r['scope']}", lang, r["scope"]),
             # a province-wide network's place: "hele provincie Limburg" in the view, in words of the page's language
             "municipality_name": (f"{t('portfolio.scope.province', lang)} {provinces.get(r['nis_code'], '')}".strip()
                                   if r.get("scope") == "province" else r.get("municipality_name")),
             "placement_notes": sources.note_text(localised(r, "placement_notes", lang), data.get("words") or {}, lang),
             "theme_labels": ", ".join(themes.get(c, c) for c in (r.get("themes") or "").split(";") if c),
             "province_label": provinces.get(r["province_nis"], r.get("province_name")),
             "amount_label": unknown_in_language(r.get("amount_awarded_text"), lang)} for r in rows]


def wq28_area(province: str, data: dict, lang: str) -> str:
    """The area of the per-municipality list: all of it, or the chosen province."""
    if province == ALL_PROVINCES:
        return t("portfolio.wq28.all", lang)
    provinces = {p["nis_code"]: area_name(p, lang) for p in data["vocab"]["provinces"]}
    return provinces.get(province, province)
