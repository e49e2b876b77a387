"""The briefing's view model: the place chosen (the dropdown's value and the URL), and the texts of
the sheet (values, changes, footnotes on sources, flags and the build). No Dash components here."""
from __future__ import annotations

import re

import pandas as pd

from dashboard import db
from dashboard import formatting as fmt
from dashboard import profile_data as pdata
from dashboard.i18n import localised, t, t_or
from dashboard.ranking import highest_is_most_need
from dashboard.ui import downloads, sources, vintages
from dashboard.ui.notes import value_note
from dashboard.ui.text import counted
from dashboard.urls import valid_nis

NIS_PREFIX, PROVINCE_PREFIX = "nis:", "province:"
TOP_NEED = 10
SCOPE_KEYS = {"municipality": "scope.municipality", "part_of_municipality": "scope.part",
              "several_municipalities": "scope.several"}


# ------------------------------------------------------------------------------- the place

def place_value(nis=None, province=None) -> str | None:
    """The dropdown value for the URL's choice (`nis` wins when both are given)."""
    code = valid_nis(nis)
    if code:
        return NIS_PREFIX + code
    code = valid_nis(province)
    return PROVINCE_PREFIX + code if code else None


def parse_place(value) -> tuple[str | None, str | None]:
    """("nis" | "province" | None, code)."""
    text = str(value or "")
    for kind, prefix in (("nis", NIS_PREFIX), ("province", PROVINCE_PREFIX)):
        if text.startswith(prefix) and valid_nis(text[len(prefix):]):
            return kind, text[len(prefix):]
    return None, None


def current_place(value) -> str | None:
    """The place of a URL as a dropdown value, an older municipality code (2018, 2019 ...) turned into
    the 2025 municipality it became (`nis:45017`, Kruishoutem -> `nis:45068`, Kruisem: the lookup of
    every page, ui.vintages.current); the sheet then names the municipalities it was formed from."""
    kind, code = parse_place(value)
    if kind != "nis":
        return value
    shown, _older = vintages.current(code)
    return NIS_PREFIX + shown


def province_label(row: dict, lang: str) -> str:
    """"Provincie Limburg" / "Province of Limburg"; Brussels by its own name."""
    name = localised(row, "name", lang)
    if row["nis_code"] == pdata.BRUSSELS:
        return name
    return t("briefing.province_label", lang, name=name)


def place_options(provinces: dict[str, dict], municipalities: pd.DataFrame, lang: str) -> list[dict]:
    """The provinces (Brussels last), then the municipalities of 2025."""
    options = [{"label": province_label(row, lang), "value": PROVINCE_PREFIX + code}
               for code, row in sorted(provinces.items(), key=lambda kv: (kv[0] == pdata.BRUSSELS, kv[1]["name_nl"]))]
    options += [{**o, "value": NIS_PREFIX + o["value"]} for o in pdata.municipality_options(municipalities, lang)]
    return options


# ---------------------------------------------------------------------------------- values

# The no-break space before a unit that is a word (`28.094 aangiften`, `-1,6 procentpunt`): the sheet's
# tables let such a unit wrap below its number, so their columns fit a 768 px screen; a symbol (`%`,
# `€`) stays with its number.
_SPACE_BEFORE_WORD = re.compile(r"\u00a0(?=[^\W\d_])")  # a letter follows


def wrappable(text: str) -> str:
    return _SPACE_BEFORE_WORD.sub(" ", text)


def value(rec: dict | None, ind: dict, lang: str) -> str:
    """A value of indicator `ind` (its row carries the display metadata) as text."""
    return wrappable(fmt.value_text(rec.get("value") if rec else None, ind, lang))


def change(first: dict | None, last: dict | None, ind: dict, lang: str) -> str:
    """`+1,2 procentpunt (2018–2022)`; an en dash without two different years."""
    if not first or not last or int(first["year"]) == int(last["year"]):
        return fmt.MISSING
    absolute, _relative = fmt.change_text(first["value"], last["value"], ind, lang)
    return wrappable(f"{absolute} ({int(first['year'])}–{int(last['year'])})")


def rank_text(row: dict, lang: str) -> str:
    """A municipality's rank among all (none for counts: a rank of sizes says nothing of need)."""
    return fmt.MISSING if row["rank"] is None or row["kind"] == "count" else fmt.integer(row["rank"], lang)


def scope_text(project, lang: str) -> str:
    """Where a network works in the municipality: `deel van de gemeente: Oudenaarde-Centrum`."""
    text = t(SCOPE_KEYS[project.scope], lang) if project.scope in SCOPE_KEYS else str(project.scope)
    if isinstance(project.area_label, str) and project.area_label:
        text += f": {project.area_label}"
    return text


def networks_count(local: int, wide: int, lang: str) -> str:
    """`1 network in the municipality, 2 province-wide networks.`"""
    return t("briefing.networks_count", lang, local=counted("briefing.networks_local", local, lang),
             wide=counted("briefing.networks_wide", wide, lang))


def wq28_items(row: dict, lang: str) -> list[tuple[str, str]]:
    """(label, value) of a province's answer to written question 28; a figure no source gives is
    said so (the warehouse's Dutch reason in Dutch, the same reason in English words)."""
    def shown(number_key, text_key):
        number = row.get(number_key)
        if fmt.is_missing(number):
            return str(row.get(text_key) or "") if lang == "nl" and row.get(text_key) else t("briefing.not_published", lang)
        return fmt.integer(number, lang) if "amount" not in number_key else fmt.euro(number, 0, lang)

    located = row.get("projects_located_2025")
    return [
        (t("briefing.wq28.applications", lang), shown("applications_submitted", "applications_text")),
        (t("briefing.wq28.awarded", lang), shown("projects_awarded", "projects_awarded_text")),
        (t("briefing.wq28.located", lang), fmt.MISSING if fmt.is_missing(located) else fmt.integer(located, lang)),
        (t("briefing.wq28.amount", lang), shown("amount_awarded_eur", "amount_awarded_text")),
    ]


def need_rows(data: dict) -> tuple[int, list[tuple[str, str, float, int]]] | None:
    """The TOP_NEED municipalities of a province with the most need on the briefing's need indicator
    (`data["need_indicator"]`, profile_data.need_indicator) in its latest year with values, rank 1
    first (the highest value unless higher is better: dashboard/ranking.py):
    (year, [(nis, name, value, local networks)]); None when none has a value."""
    ind, need, members, networks = data["need_indicator"], data["need"], data["members"], data["networks"]
    if ind is None or need is None:
        return None
    mine = need[need["nis_code"].isin(set(members["nis_code"])) & need["value"].notna()]
    if mine.empty:
        return None
    year = int(mine["year"].max())
    most_need_first = highest_is_most_need(ind["kind"], ind["direction"])
    latest = mine[mine["year"] == year].sort_values(["value", "nis_code"], ascending=[not most_need_first, True]
                                                    ).head(TOP_NEED)
    local_count: dict[str, int] = {}
    for rec in networks.to_dict("records"):
        if rec["scope"] == "province":
            continue
        for place in rec["places"]:
            local_count[place] = local_count.get(place, 0) + 1
    names = dict(zip(members["nis_code"], members["name_nl"]))
    return year, [(code, names[code], rate, local_count.get(code, 0))
                  for code, rate in zip(latest["nis_code"], latest["value"])]


# ------------------------------------------------------------------------------- footnotes

def source_notes(sources: pd.DataFrame, lang: str) -> dict[str, str]:
    """source_id -> its footnote."""
    return {rec["source_id"]: source_note(rec, lang) for rec in sources.to_dict("records")}


def source_note(rec: dict, lang: str) -> str:
    """A source as a footnote: the publisher's citation (dashboard.ui.downloads.source_text, the one
    formatter of sources) and when the file was retrieved."""
    text = downloads.source_text(rec, lang)
    if not fmt.is_missing(rec["retrieved_at"]):
        text += ", " + t("briefing.retrieved", lang, date=fmt.date_text(rec["retrieved_at"], lang))
    return t("briefing.source", lang, text=text)


def wq28_source(source, lang: str) -> tuple[str, str | None] | None:
    """The source of a province's answer to written question 28 in words (the document's title,
    publisher, date, the place in it and its address), never the register's code ("seed:004 ..."),
    and the document's title as it words it (Dutch: the page marks it so in another language)."""
    if not isinstance(source, str) or not source.strip():
        return None
    code, _, ref = source.strip().partition(" ")
    try:
        words = sources.build_words()
    except db.WarehouseError:
        words = {}
    title = sources.source_parts(code, ref or None, words, lang)["title"]
    return t("briefing.source", lang, text=sources.document_text(code, ref or None, words, lang)), title


def indicator_note(row: dict, notes: dict[str, str], lang: str) -> str:
    """The source of an indicator (one footnote per source, shared by its indicators)."""
    return notes.get(row.get("source_id")) or t("briefing.source_unknown", lang)


def flag_note(flag, note, names: dict, lang: str) -> str | None:
    """The footnote of a value that is not as the source published it: the flag, what it means and
    the value's own note."""
    if not isinstance(flag, str) or flag == "original":
        return None
    words = pdata.flag_words(flag, lang)
    text = t_or(f"flag.{flag}.help", lang, words)
    detail = value_note(note, names, lang)
    return f"{words}: {text}" + (f" ({detail})" if detail else "")


def build_line(build: dict | None, lang: str) -> str:
    if not build:
        return t("briefing.build_unknown", lang)
    return t("briefing.build", lang, build=build["build_id"], date=fmt.datetime_text(build["finished_at"], lang))
