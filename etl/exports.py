"""Excel answers to written questions, ready to attach: the per-province summary of written question
nr. 28 (2023) and the awarded networks per municipality. `wq28_workbook` reads a warehouse (the CLI);
`answer_workbook` makes the same workbook from rows, for the portfolio's export button.

Text cells are always written as text, so a value that starts with '=', '+', '-' or '@' can never
become a formula in the reader's spreadsheet program.
"""
from __future__ import annotations

import re
import tomllib
from datetime import datetime
from functools import cache
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

HEADER_FILL = PatternFill("solid", fgColor="1F4E79")
HEADER_FONT = Font(bold=True, color="FFFFFF")

# Column keys of the two sheets; their headers are in exports_texts.toml, per language.
PROVINCE_KEYS = ("province_name", "applications", "amount_requested", "projects_awarded", "projects_located_2025",
                 "amount_awarded", "note", "source")
MUNICIPALITY_KEYS = ("province_name", "nis_code", "municipality_name", "project_name", "scope", "area_label",
                     "themes", "lead_org", "website", "amount_awarded", "placement_notes")

# The workbook's own words, in the language of the page it is downloaded from (Dutch for the CLI).
TEXTS_FILE = Path(__file__).resolve().parent / "exports_texts.toml"


@cache
def texts() -> dict[str, dict]:
    """{lang: {key: text}} from exports_texts.toml (lists of lines for multi-line keys)."""
    with TEXTS_FILE.open("rb") as f:
        entries = tomllib.load(f)
    langs = {lang for entry in entries.values() for lang in entry}
    return {lang: {key: entry[lang] for key, entry in entries.items()} for lang in langs}
# "45 (seed:001) / 48 (seed:004)": a count per source, as the warehouse states a disagreement.
COUNT_BY_SOURCE = re.compile(r"(\d+)\s*\((seed:\d+)\)")


def _texts(lang: str | None) -> dict:
    return texts().get(lang or "nl", texts()["nl"])


def safe_cell(cell, value) -> None:
    """Write a value; text stays text (formula injection is neutralised)."""
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"


def _sheet(ws, title: str, rows: list[dict], columns: list[tuple[str, str]], intro: str) -> None:
    ws.title = title
    safe_cell(ws.cell(1, 1), intro)
    ws.cell(1, 1).font = Font(bold=True, size=12)
    for j, (_, label) in enumerate(columns, start=1):
        cell = ws.cell(3, j)
        safe_cell(cell, label)
        cell.fill, cell.font = HEADER_FILL, HEADER_FONT
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for i, row in enumerate(rows, start=4):
        for j, (key, _) in enumerate(columns, start=1):
            value = row.get(key)
            safe_cell(ws.cell(i, j), None if value is None or value != value else value)
            ws.cell(i, j).alignment = Alignment(wrap_text=True, vertical="top")
    for j, (key, label) in enumerate(columns, start=1):
        longest = max([len(label)] + [len(str(r.get(key) or "")) for r in rows])
        ws.column_dimensions[get_column_letter(j)].width = min(60, max(12, longest + 2))
    ws.freeze_panes = "A4"


def vocabulary(frame_of) -> dict:
    """Names and labels the workbook shows instead of codes: areas (`name_nl`, `name_en`), themes
    (`label_nl`, `label_en`) and source documents (`title`, `url`), by code. `frame_of(sql)` runs a
    fixed query and returns a DataFrame (a connection's `execute(sql).df`, the dashboard's reader)."""
    def by_code(sql: str, key: str) -> dict:
        frame = frame_of(sql)
        frame = frame.astype(object).where(frame.notna(), None)
        return {row[key]: row for row in frame.to_dict("records")}

    return {
        "areas": by_code("SELECT nis_code, name_nl, name_en FROM area", "nis_code"),
        "themes": by_code("SELECT code, label_nl, label_en FROM theme", "code"),
        "sources": by_code("SELECT source_id, title, url FROM register_source", "source_id"),
    }


def wq28_workbook(con, province_nis: str | None = None, lang: str = "nl") -> Workbook:
    """The answer workbook from an open warehouse connection; optionally one province's municipalities."""
    provinces = con.execute("SELECT * FROM wq28_province_summary ORDER BY sort_key, province_name").df()
    if province_nis:
        municipalities = con.execute("SELECT * FROM wq28_municipality_networks WHERE province_nis = ? "
                                     "ORDER BY municipality_name, project_name", [province_nis]).df()
    else:
        municipalities = con.execute("SELECT * FROM wq28_municipality_networks "
                                     "ORDER BY province_nis, municipality_name, project_name").df()
    build = con.execute("SELECT build_id, finished_at FROM build WHERE status = 'success' "
                        "ORDER BY finished_at DESC LIMIT 1").df()
    return answer_workbook(provinces.to_dict("records"), municipalities.to_dict("records"),
                           None if build.empty else build.iloc[0].to_dict(), lang,
                           vocabulary(lambda sql: con.execute(sql).df()))


def _present(value) -> bool:
    return value is not None and value == value and value != ""


def _area_name(nis, fallback, words: dict, lang: str):
    area = words.get("areas", {}).get(nis) or {}
    return area.get(f"name_{lang}") or area.get("name_nl") or fallback


def source_label(code: str, words: dict) -> str:
    """`seed:004` as the document's title and address (the code itself when the register lacks it)."""
    source = words.get("sources", {}).get(code.strip())
    if not source:
        return code
    return " – ".join(str(source[f]) for f in ("title", "url") if _present(source.get(f)))


def _sources_text(value, words: dict) -> str | None:
    """The `source` cell of the province summary ("seed:004 inhoudstafel ..., regels 606-672",
    "seed:001; seed:004") as the documents' titles and addresses."""
    if not _present(value):
        return None
    codes = list(dict.fromkeys(re.findall(r"seed:\d+", str(value))))
    return "; ".join(source_label(code, words) for code in codes) if codes else str(value)


def _short_source(code: str, words: dict) -> str:
    source = words.get("sources", {}).get(code) or {}
    return str(source.get("title") or code)


def _count(row: dict, key: str, text: dict):
    """A count as a number, or the words for "not published" when no source gives it."""
    value = row.get(key)
    return int(value) if _present(value) else text["not_published"]


def _amount(row: dict, key: str, text: dict):
    value = row.get(f"{key}_eur")
    return float(value) if _present(value) else text["not_published"]


def province_rows(provinces: list[dict], words: dict, lang: str) -> list[dict]:
    """The per-province rows in the workbook's language: counts as numbers, "not published" in words,
    and a disagreement between sources in the note beside the count, never inside it."""
    text = _texts(lang)
    out = []
    for row in provinces:
        count_by_source = COUNT_BY_SOURCE.findall(str(row.get("projects_awarded_text") or ""))
        is_total = not str(row.get("province_nis") or "").isdigit()
        note = (text["note.total"].format(counts=" / ".join(f"{n} ({_short_source(code, words)})"
                                                              for n, code in count_by_source))
                if is_total else text["note.province"].format(located=row.get("projects_located_2025")))
        budget = re.search(r"(\d{1,3}(?:\.\d{3})+)\s*euro", str(row.get("amount_awarded_text") or ""))
        if budget:
            note += " " + text["note.budget"].format(amount=budget.group(1) if lang == "nl"
                                                     else budget.group(1).replace(".", ","))

        out.append({
            "province_name": row.get("province_name") if is_total and lang == "nl" else
            (_area_name(row.get("province_nis"), row.get("province_name"), words, lang) if not is_total
             else {"en": "Flanders and Brussels"}.get(lang, row.get("province_name"))),
            "applications": _count(row, "applications_submitted", text),
            "amount_requested": _amount(row, "amount_requested", text),
            # where the sources disagree on the count, the cell stays empty and the note gives both
            "projects_awarded": None if count_by_source else _count(row, "projects_awarded", text),
            "projects_located_2025": _count(row, "projects_located_2025", text),
            "amount_awarded": _amount(row, "amount_awarded", text), "note": note,
            "source": _sources_text(row.get("source"), words), "is_total": is_total,
            "awarded_by_source": [(int(n), _short_source(code, words)) for n, code in count_by_source],
        })
    return out


def municipality_rows(municipalities: list[dict], words: dict, lang: str) -> list[dict]:
    """The networks per municipality with province names, scopes and themes in words."""
    text = _texts(lang)
    themes = words.get("themes", {})
    out = []
    for row in municipalities:
        codes = [c for c in str(row.get("themes") or "").split(";") if c.strip()]
        place = row.get("municipality_name")
        if row.get("scope") == "province" and lang != "nl":
            place = f"{text['scope.province']} {_area_name(row.get('nis_code'), '', words, lang)}".strip()
        out.append({
            **row,
            "municipality_name": place,
            "province_name": _area_name(row.get("province_nis"), row.get("province_name"), words, lang),
            "scope": text.get(f"scope.{row.get('scope')}", row.get("scope")),
            "themes": "; ".join(str((themes.get(c) or {}).get(f"label_{lang}") or (themes.get(c) or {}).get("label_nl")
                                    or c) for c in codes) or None,
            "amount_awarded": text["not_published"] if not _present(row.get("amount_awarded_eur"))
            else float(row["amount_awarded_eur"]),
            "placement_notes": (row.get("placement_notes_en") if lang != "nl" and _present(row.get("placement_notes_en"))
                                else row.get("placement_notes")),
        })
    return out


def answer_workbook(provinces: list[dict], municipalities: list[dict], build: dict | None, lang: str = "nl",
                    words: dict | None = None) -> Workbook:
    """The answer workbook (sheets per province, per municipality, sources) from the rows of
    `wq28_province_summary` and `wq28_municipality_networks` and the build they come from
    ({build_id, finished_at}), in `lang` ("nl" or "en"); `words` (see `vocabulary`) turns codes
    into names. The dashboard passes the rows it read itself."""
    lang = lang if lang in texts() else "nl"
    words = words or {}
    text = _texts(lang)
    columns_of = lambda keys: [(key, text[f"col.{key}"]) for key in keys]  # noqa: E731
    wb = Workbook()
    _sheet(wb.active, text["sheet.province"], province_rows(provinces, words, lang), columns_of(PROVINCE_KEYS),
           text["intro.province"])
    _sheet(wb.create_sheet(), text["sheet.municipality"], municipality_rows(municipalities, words, lang),
           columns_of(MUNICIPALITY_KEYS), text["intro.municipality"])
    notes = wb.create_sheet(text["sheet.sources"])
    documents = [source_label(code, words) for code in sorted(words.get("sources", {}))]
    lines = [
        text["sources.title"], *text["sources.lines"],
        *([text["sources.documents"], *documents] if documents else []),
        text["sources.build"].format(build_id=build["build_id"] if build else text["unknown"],
                                     finished_at=build["finished_at"] if build else "",
                                     now=datetime.now().strftime("%d-%m-%Y %H:%M")),
    ]
    for i, line in enumerate(lines, start=1):
        safe_cell(notes.cell(i, 1), line)
    notes.cell(1, 1).font = Font(bold=True, size=12)
    notes.column_dimensions["A"].width = 120
    return wb


def export_wq28(warehouse: Path, out: Path, province_nis: str | None = None, lang: str = "nl") -> Path:
    import duckdb

    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        wb = wq28_workbook(con, province_nis, lang)
    finally:
        con.close()
    wb.save(out)
    return out
