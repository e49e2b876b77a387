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

from etl import clock
from etl.clock import moment_text

HEADER_FILL = PatternFill("solid", fgColor="1F4E79")
HEADER_FONT = Font(bold=True, color="FFFFFF")

# Column keys of the two sheets; their headers are in exports_texts.toml, per language.
PROVINCE_KEYS = ("province_name", "applications", "amount_requested", "projects_awarded", "projects_located_2025",
                 "amount_awarded", "note", "source")
MUNICIPALITY_KEYS = ("province_name", "nis_code", "municipality_name", "project_name", "scope", "area_label",
                     "themes", "lead_org", "website", "amount_awarded", "amount_note", "placement_notes")

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
    (`label_nl`, `label_en`) and source documents (`title`, `publisher`, `publisher_en`, `url`), by code. `frame_of(sql)` runs a
    fixed query and returns a DataFrame (a connection's `execute(sql).df`, the dashboard's reader)."""
    def by_code(sql: str, key: str) -> dict:
        frame = frame_of(sql)
        frame = frame.astype(object).where(frame.notna(), None)
        return {row[key]: row for row in frame.to_dict("records")}

    return {
        "areas": by_code("SELECT nis_code, name_nl, name_en FROM area", "nis_code"),
        "themes": by_code("SELECT code, label_nl, label_en FROM theme", "code"),
        # every column: `publisher_en` is absent from a warehouse built before it was added
        "sources": by_code("SELECT * FROM register_source", "source_id"),
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


# A source document's code in the registers (`source_doc`, and cited in notes: "persbericht (seed:001)").
SOURCE_CODE = re.compile(r"seed:\d+")
# Our own line numbers in the seed text files ("regel 67", "regels 4, 6 en 12"): they trace a fact to
# the stored text, but mean nothing to a reader, so they go to a column or tooltip of their own.
_LINES = r"\bregels?\s+\d+(?:\s*[-–]\s*\d+)?(?:\s*(?:,|\ben\b)\s*\d+(?:\s*[-–]\s*\d+)?)*"
LINE_REF = re.compile(rf"\s*\(\s*{_LINES}\s*\)|[,;]?\s*{_LINES}")
# A heading quoted from the document ('Waarom deze gids?'): kept as the document words it.
QUOTED = re.compile(r"(?<!\w)'[^']+'(?!\w)")


def _translated(text: str, lang: str) -> str:
    """Place words in the page's language (exports_texts.toml `place_words`), quoted headings left as they are."""
    table = _texts(lang).get("place_words") or {}
    if not table:
        return text
    pattern = re.compile(r"(?<!\w)(" + "|".join(re.escape(w) for w in sorted(table, key=len, reverse=True))
                         + r")(?!\w)", re.IGNORECASE)
    lower = {w.lower(): v for w, v in table.items()}
    pieces, last = [], 0
    for quoted in QUOTED.finditer(text):
        pieces += [pattern.sub(lambda m: lower[m.group(0).lower()], text[last:quoted.start()]), quoted.group(0)]
        last = quoted.end()
    return "".join(pieces + [pattern.sub(lambda m: lower[m.group(0).lower()], text[last:])])


def place_words(ref, lang: str = "nl") -> str:
    """Where in the document, in words for a reader ("antwoord 4", "p. 50"): `source_ref` without our
    line numbers; empty when the reference is only line numbers."""
    if not _present(ref):
        return ""
    text = LINE_REF.sub("", str(ref))
    text = re.sub(r"\s*([,;])(\s*[,;])+", r"\1", text)
    text = re.sub(r"\s+", " ", text).strip(" ,;")
    return _translated(text, lang)


def line_words(ref, lang: str = "nl") -> str:
    """Our line numbers in the stored source text ("regels 67-68"), for traceability only."""
    if not _present(ref):
        return ""
    return _translated("; ".join(m.group(0) for m in re.finditer(_LINES, str(ref))), lang)


def date_words(value, lang: str = "nl") -> str:
    """A register date ("2023-11-09", "2026") in the language's notation; a year stays a year."""
    if not _present(value):
        return ""
    try:
        return datetime.strptime(str(value), "%Y-%m-%d").strftime("%d-%m-%Y" if lang == "nl" else "%Y-%m-%d")
    except ValueError:
        return str(value)


def source_parts(code, ref, words: dict, lang: str = "nl") -> dict:
    """A source as a reader needs it: the document's `title`, `publisher`, `date` and `url` (None when
    the register has none: never invented; `no_url` then says so in words, for a known document),
    the `place` in it in words and our `lines` (traceability). `code` is the register's `source_doc`;
    `ref` its `source_ref`."""
    code = str(code or "").strip()
    source = words.get("sources", {}).get(code) or {}
    value = lambda key: str(source[key]) if _present(source.get(key)) else None  # noqa: E731
    # the publisher in the language of the export (the title stays as the document words it)
    publisher = (value("publisher_en") if lang != "nl" else None) or value("publisher")
    url = value("url")
    return {"code": code, "title": value("title"), "publisher": publisher,
            "date": date_words(source.get("date"), lang) or None, "url": url,
            "no_url": _texts(lang)["sources.no_url"] if source and not url else None,
            "place": place_words(ref, lang), "lines": line_words(ref, lang)}


def document_words(parts: dict) -> str:
    """"Title (publisher, date)"; the code itself when the register lacks the document."""
    if not parts["title"]:
        return parts["code"]
    detail = ", ".join(x for x in (parts["publisher"], parts["date"]) if x)
    return f"{parts['title']} ({detail})" if detail else parts["title"]


def source_label(code, words: dict, ref=None, lang: str = "nl") -> str:
    """A source in words for an export cell: "title (publisher, date), place – URL" (the URL only when
    the register knows it, else "web address not published" in words, never an empty place or an
    invented address; our line numbers never: see `line_words`)."""
    parts = source_parts(code, ref, words, lang)
    text = ", ".join(x for x in (document_words(parts), parts["place"]) if x)
    address = parts["url"] or parts["no_url"]
    return f"{text} – {address}" if address else text


def cite_in_text(text, names: dict[str, str]):
    """A note that cites documents by code ("Het persbericht (seed:001) spreekt van 45", "Ook in seed:004
    (regel 83).") with the documents named by `names` {code: name} instead, and without our line numbers.
    A parenthesised code right after words that already name the document is dropped."""
    if not _present(text) or "seed:" not in str(text):
        return text

    def cited(match: re.Match) -> str:
        code = SOURCE_CODE.search(match.group(0)).group(0)
        name = names.get(code, code)
        if match.group(0).lstrip().startswith("("):
            before = match.string[max(0, match.start() - 30):match.start()].lower()
            significant = [w for w in re.findall(r"\w{4,}", name.lower()) if not w.isdigit()]
            if any(w in before for w in significant):
                return ""
            return f" ({name})"
        return name

    text = re.sub(rf"\s*\(\s*seed:\d+(?:\s*,\s*{_LINES})?\s*\)|seed:\d+(?:\s*\(\s*{_LINES}\s*\))?",
                  cited, str(text))
    return re.sub(r"\s+([.,;])", r"\1", text)


def _sources_text(value, words: dict, lang: str = "nl") -> str | None:
    """The `source` cell of the province summary ("seed:004 inhoudstafel ..., regels 606-672",
    "seed:001; seed:004") as the documents' titles, places and addresses."""
    if not _present(value):
        return None
    cited = cited_sources(value)
    if not cited:
        return str(value)
    return "; ".join(dict.fromkeys(source_label(code, words, ref, lang) for code, ref in cited))


def cited_sources(value) -> list[tuple[str, str]]:
    """The (code, place) pairs of a cell that cites documents by code ("seed:004 inhoudstafel, regels 606-672",
    "seed:001; seed:004")."""
    text = str(value or "")
    found = list(SOURCE_CODE.finditer(text))
    return [(m.group(0), text[m.end():after.start() if after else None].strip(" ;,"))
            for m, after in zip(found, found[1:] + [None])]


def _quoted_titles(words: dict) -> dict[str, str]:
    """{code: 'title'}: how a note in the workbook names a document it cites."""
    return {code: f"'{source['title']}'" for code, source in words.get("sources", {}).items()
            if _present(source.get("title"))}


# The written question itself (source.csv): the document the workbook answers, listed with those it cites.
QUESTION_DOC = "seed:000"


def _documents_used(provinces: list[dict], municipalities: list[dict], words: dict) -> list[str]:
    """The source documents the answer rests on: the question, and those its rows and notes cite."""
    cited = {QUESTION_DOC}
    for row in [*provinces, *municipalities]:
        for key in ("source", "projects_awarded_text", "placement_notes", "placement_notes_en"):
            cited.update(SOURCE_CODE.findall(str(row.get(key) or "")))
    return sorted(code for code in cited if code in words.get("sources", {}))


def _short_source(code: str, words: dict) -> str:
    source = words.get("sources", {}).get(code) or {}
    return str(source.get("title") or code)


def _count(row: dict, key: str):
    """A count as a number; None (an empty cell) when no source gives it: a number column holds
    numbers only, and the row's note says why the cell is empty (issue 14)."""
    value = row.get(key)
    return int(value) if _present(value) else None


def _amount(row: dict, key: str):
    value = row.get(f"{key}_eur")
    return float(value) if _present(value) else None


def province_rows(provinces: list[dict], words: dict, lang: str) -> list[dict]:
    """The per-province rows in the workbook's language: counts and amounts as numbers or None (no
    source gives them: the note says so), and a disagreement between sources in the note beside the
    count, never inside it."""
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
            "applications": _count(row, "applications_submitted"),
            "amount_requested": _amount(row, "amount_requested"),
            # where the sources disagree on the count, the cell stays empty and the note gives both
            "projects_awarded": None if count_by_source else _count(row, "projects_awarded"),
            "projects_located_2025": _count(row, "projects_located_2025"),
            "amount_awarded": _amount(row, "amount_awarded"), "note": note,
            "source": _sources_text(row.get("source"), words, lang), "is_total": is_total,
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
            # an empty cell when no source gives the amount, the reason in the column beside it
            "amount_awarded": _amount(row, "amount_awarded"),
            "amount_note": None if _present(row.get("amount_awarded_eur")) else text["note.amount_unpublished"],
            "placement_notes": cite_in_text(row.get("placement_notes_en") if lang != "nl"
                                            and _present(row.get("placement_notes_en")) else row.get("placement_notes"),
                                            _quoted_titles(words)),
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
    documents = [source_label(code, words, lang=lang) for code in _documents_used(provinces, municipalities, words)]
    lines = [
        text["sources.title"], *text["sources.lines"],
        *([text["sources.documents"], *documents] if documents else []),
        text["sources.build"].format(build_id=build["build_id"] if build else text["unknown"],
                                     finished_at=moment_text(build["finished_at"], lang) if build else "",
                                     now=moment_text(clock.now(), lang)),
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
