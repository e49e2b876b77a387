"""Issue 14, "Both languages, everywhere": with `?lang=en` nothing Dutch remains outside proper names
and parts marked `lang="nl"` (quoted Dutch, WCAG 2.1 3.1.2), on every page and in every export.

Each page is walked as a browser would, without one (tests/english_walk.py): its layout, every
callback its components start, every download button; the text a reader sees is searched for
Dutch words.
"""
from __future__ import annotations

import csv
import functools
import json
import re
import tomllib
from pathlib import Path

import pytest

from tests.english_walk import file_text, visible_text, walk

REPO = Path(__file__).resolve().parent.parent
REGISTERS = REPO / "data" / "registers"

# Dutch words that have no place in the English interface (whole words, any case).
DUTCH_WORDS = (
    "gemeente", "gemeenten", "inwoners", "herberekend", "niet gepubliceerd", "niet gerapporteerd",
    "provincie", "provincies", "bron", "bronnen", "licentie", "gewest", "jaar", "kinderen", "aantal",
    "waarde", "toegekend", "ingediend", "projecten", "geen gegevens", "onbekend", "totaal",
    "laatst", "bijgewerkt", "per gemeente", "per provincie", "en meer", "of meer", "zie",
    # publishers as the registers word them in Dutch (review 9 #3: a stale warehouse showed them in English)
    "persbericht", "met steun van", "parlementaire", "regering", "antwoord op", "bevoegd voor", "webadres",
)
DUTCH = re.compile(r"(?<![\w-])(" + "|".join(re.escape(w) for w in DUTCH_WORDS) + r")(?![\w-])", re.IGNORECASE)

# Proper names that contain such a word: names of organisations, programmes, places and sources.
PROPER_NAMES = (
    "Vlaamse Gemeenschapscommissie", "Brussels Hoofdstedelijk Gewest", "Huizen van het Kind",
    "Kind en Gezin", "Agentschap Binnenlands Bestuur", "Gemeente- en Stadsmonitor",
    "Gemeente-en Stadsmonitor", "Provincie in Cijfers", "Provincies in Cijfers", "provincies.incijfers.be",
)

# Each page in its default view and with a place chosen (45017: Kruishoutem, merged into Kruisem in 2019).
PAGES = [
    ("/", {}), ("/gemeente", {"nis": "46029"}), ("/gemeente", {"nis": "45017"}),
    ("/vergelijk", {"nis": "46029,11002"}), ("/behoefte", {}), ("/portfolio", {"province": "30000"}),
    ("/project", {"id": "lbn-002"}), ("/rapportering", {}), ("/actieplan", {}), ("/briefing", {"nis": "46029"}),
    ("/briefing", {"province": "30000"}), ("/upload", {}), ("/overzicht", {}), ("/data", {}),
    ("/status", {}),
]


# Register fields that are names or text quoted as written in a Dutch source (the action plan's
# titles, administrations, budget and evaluation lines): they stay Dutch, marked lang="nl" on pages.
QUOTED_FIELDS = {
    "project.csv": ("name", "lead_org", "products"), "partner.csv": ("name",), "source.csv": ("title",),
    "policy_action.csv": ("right_label", "cabinet", "title", "administration", "budget_text", "evaluation_text"),
    "policy_action_budget.csv": ("text_fragment",),
}
ADDRESS = re.compile(r"(https?://|www\.|/)[^\s;|,]*|\S+\.(xlsx|csv|txt|shp|json|toml)\b")


@functools.cache
def quoted_texts() -> tuple[str, ...]:
    """Names and quoted texts of the registers, longest first (so a name inside another goes last)."""
    found = set(PROPER_NAMES)
    for file_name, fields in QUOTED_FIELDS.items():
        with (REGISTERS / file_name).open(encoding="utf-8") as f:
            for row in csv.DictReader(f):
                found.update(part.strip() for field in fields if row.get(field) for part in row[field].split(";"))
                if row.get("milestones"):
                    found.update(json.loads(row["milestones"]).values())
    return tuple(sorted(found, key=len, reverse=True))


def dutch_words(text: str) -> list[str]:
    """The Dutch words of the list in `text`, leaving out names, quoted texts and addresses."""
    for name in quoted_texts():
        if name.lower() in text.lower():
            text = re.sub(re.escape(name), " ", text, flags=re.IGNORECASE)
    text = ADDRESS.sub(" ", text)
    return sorted({m.group(0).lower() for m in DUTCH.finditer(text)})


def test_the_word_check_finds_dutch_and_spares_names():
    assert dutch_words("12 inwoners, bron: Statbel") == ["bron", "inwoners"]
    assert dutch_words("Huizen van het Kind, Province of Antwerp, Sint-Gillis-Waas") == []
    assert dutch_words("(Vlaamse Regering); Vlaams Netwerk tegen Armoede vzw (met steun van het Departement Zorg)") == [
        "met steun van", "regering"]
    assert dutch_words("Vlaams minister van Armoedebestrijding Benjamin Dalle (persbericht)") == ["persbericht"]
    assert dutch_words("(antwoord op parlementaire vraag), webadres niet gepubliceerd") == [
        "antwoord op", "niet gepubliceerd", "parlementaire", "webadres"]


@pytest.mark.parametrize(("path", "query"), PAGES)
def test_english_page_and_its_downloads_have_no_dutch(app, real_warehouse, path, query):
    seen, files = walk(app, path, {**query, "lang": "en"})
    shown = "\n".join(visible_text(seen, []))
    assert not dutch_words(shown), [line for line in shown.splitlines() if dutch_words(line)][:20]
    for name in chart_file_names(seen, []):  # a chart's "download as PNG" file
        assert not file_name_words(name), name
    for name, content in files:
        assert not file_name_words(name), name
        text = file_text(name, content)
        assert not dutch_words(text), (name, [line for line in text.splitlines() if dutch_words(line)][:20])


def test_source_provenance_has_english_columns():
    from etl.tables import TABLES

    _ddl, schema = TABLES["source"]
    assert {"publisher_en", "licence_en"} <= set(schema.columns)


def test_every_publisher_has_its_english_words():
    """Each publisher of the catalog has its publisher and licence in English, and the English
    provenance phrase of an export uses them."""
    from dashboard.ui.downloads import source_text

    with (REPO / "etl" / "sources" / "catalog.toml").open("rb") as f:
        publishers = tomllib.load(f)["publishers"]
    for name, declared in publishers.items():
        assert declared.get("publisher_en") and declared.get("licence_en"), name
        assert not dutch_words(declared["publisher_en"] + " " + declared["licence_en"]), name
    row = {"dataset": "gsm", "url": "https://example.org/x.xlsx", **publishers["gsm"]}
    assert publishers["gsm"]["licence_en"] in source_text(row, "en")
    assert publishers["gsm"]["licence"] in source_text(row, "nl")


def test_wq28_workbook_in_english_has_words_and_numbers_not_codes(app, real_warehouse):
    """Issue 14, "Exports ready to send": the written-question workbook in the page's language, themes,
    scopes and sources in words, counts as numbers (the 45/48 disagreement in the note beside them)."""
    from dashboard.pages.portfolio import exports as portfolio_exports

    wb = portfolio_exports.wq28_answer(None, "en")
    assert wb.sheetnames == ["Per province", "Per municipality", "Sources"]
    cells = [str(v) for ws in wb.worksheets for row in ws.iter_rows(values_only=True) for v in row if v is not None]
    assert not any("seed:" in c for c in cells)
    per_province = {r[0]: r for r in wb["Per province"].iter_rows(min_row=4, values_only=True)}
    total = per_province["Flanders and Brussels"]
    assert total[1] == 151 and total[3] is None and "45" in total[6] and "48" in total[6]
    assert per_province["Limburg"][1:4] == (None, None, 6) and "not published" in per_province["Limburg"][6]
    assert "2026 guide" in wb["Per province"].cell(3, 4).value  # the awarded column says what it counts
    header = [c.value for c in wb["Per municipality"][3]]
    rows = list(wb["Per municipality"].iter_rows(min_row=4, values_only=True))
    themes, scopes = header.index("Themes"), header.index("Area covered")
    assert all(";" not in (r[themes] or "") or " " in r[themes] for r in rows)
    assert not any(r[themes] and "_" in r[themes] for r in rows)
    assert {r[scopes] for r in rows} <= {"municipality", "part of the municipality", "several municipalities",
                                         "whole province"}


def test_exports_carry_no_float_noise():
    from dashboard.ui import downloads

    cols = [downloads.Column("change", "Change", "number")]
    assert downloads.csv_bytes(cols, [{"change": 33.5 - 42.3}]).decode("utf-8-sig").splitlines()[1] == "-8,8"


def test_briefing_accepts_a_code_of_an_older_vintage(app, real_warehouse):
    """Issue 14, "Edges": 45017 (Kruishoutem, merged into Kruisem in 2019) shows Kruisem's sheet, which
    names Kruishoutem among the municipalities its figures come from."""
    seen, _files = walk(app, "/briefing", {"nis": "45017", "lang": "en"})
    shown = "\n".join(visible_text(seen, []))
    assert "Briefing: Kruisem" in shown and "Kruishoutem (45017)" in shown


def test_project_notes_have_english_words():
    """Issue 14: the registers carry English columns written from the sources' facts; every project
    note has its English (`notes_en`), and that has none of the Dutch words."""
    with (REGISTERS / "project.csv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert all(bool(r["notes"]) == bool(r["notes_en"]) for r in rows)
    assert sum(bool(r["notes_en"]) for r in rows) == 46
    assert not [r["project_id"] for r in rows if dutch_words(r["notes_en"])]


def test_project_page_shows_the_english_note(app, real_warehouse):
    seen, _files = walk(app, "/project", {"id": "lbn-014", "lang": "en"})
    shown = "\n".join(visible_text(seen, []))
    assert "Not to be confused with Welzijnsschakel De Springplank" in shown


@pytest.mark.parametrize("province", [None, "70000"])
def test_cli_wq28_workbook_in_english_has_no_dutch(real_warehouse, tmp_path, province):
    """Issue 14: `python -m etl export-wq28 OUT --lang en` writes the workbook in English (Dutch by default)."""
    from etl.cli import main

    out = tmp_path / "wq28-en.xlsx"
    assert main(["export-wq28", str(out), "--lang", "en", *(["--province", province] if province else [])]) == 0
    text = file_text(out.name, out.read_bytes())
    assert text.startswith("Per province") and "Sources" in text
    assert not dutch_words(text), [line for line in text.splitlines() if dutch_words(line)][:20]
    dutch = tmp_path / "wq28-nl.xlsx"
    assert main(["export-wq28", str(dutch)]) == 0
    assert file_text(dutch.name, dutch.read_bytes()).startswith("Per provincie")


def test_built_sources_carry_their_english_provenance(built_warehouse, read_only):
    """Every source row a build writes (catalog files, official releases, registers) has its
    publisher and licence in English; only an analyst's import may lack them."""
    con = read_only(built_warehouse)
    lacking = con.execute("SELECT source_id FROM source WHERE dataset <> 'imports' "
                          "AND (publisher_en IS NULL OR licence_en IS NULL)").fetchall()
    assert not lacking


def test_csv_files_are_in_the_notation_of_the_page_language():
    """Dutch (Belgian) CSV: `;` and a decimal comma; English: `,` and a decimal point, so a spreadsheet
    set to the reader's language reads the numbers as numbers (issue 14: exports in the page's language)."""
    from dashboard.ui import downloads

    cols = [downloads.Column("name", "Name"), downloads.Column("rate", "Rate", "number", 1)]
    sheet = downloads.Sheet("t", cols, [{"name": "Lokeren", "rate": 8.25}], intro=["Source: a, b"])
    dutch = downloads.table_file("csv", [sheet], "x")[0].decode("utf-8-sig").splitlines()
    english = downloads.table_file("csv", [sheet], "x", lang="en")[0].decode("utf-8-sig").splitlines()
    assert dutch[-1] == "Lokeren;8,3" and english[-1] == "Lokeren,8.3"
    assert english[0] == '"Source: a, b"'


def file_name_words(name: str) -> list[str]:
    """The Dutch words in an export's file name: the walk's list, and the Dutch words of the file-name
    catalogue (files.toml) that its English never uses."""
    from dashboard.i18n import translations

    words = {key: entry for key, entry in translations().items() if key.startswith("files.")}
    english = {w for entry in words.values() for w in entry["en"].split("_")}
    dutch = {w for entry in words.values() for w in entry["nl"].split("_")} - english
    parts = re.split(r"[_.\-]+", name.lower())
    return sorted(w for w in parts if w in dutch or DUTCH.fullmatch(w))


def chart_file_names(node, out: list[str]) -> list[str]:
    """The PNG file names of every chart's config (plotly's toImageButtonOptions) in a walk's answers."""
    if isinstance(node, list):
        for child in node:
            chart_file_names(child, out)
    elif isinstance(node, dict):
        if isinstance(node.get("toImageButtonOptions"), dict):
            out.append(str(node["toImageButtonOptions"].get("filename")))
        for value in node.values():
            chart_file_names(value, out)
    return out


def test_the_file_name_check_finds_dutch_words():
    assert file_name_words("kaart_arop_admin_2022.csv") == ["kaart"]
    assert file_name_words("profiel_lokeren.csv") == ["profiel"]
    assert file_name_words("projecten_2026-12-03.xlsx") == ["projecten"]
    assert file_name_words("map_arop_admin_2022.csv") == []


def test_every_export_is_named_in_english(app, real_warehouse):
    """Issue 14: each export of each page, built in English, has a file name without Dutch words (a
    walk cannot click the buttons of pattern-matching ids, so every export is built here)."""
    from dashboard.pages.actions import exports as actions
    from dashboard.pages.compare import exports as compare
    from dashboard.pages.map import exports as map_exports
    from dashboard.pages.need import exports as need
    from dashboard.pages.need.state import parse_state as need_state
    from dashboard.pages.need.view import years_of
    from dashboard.pages.portfolio import exports as portfolio
    from dashboard.pages.profile import exports as profile
    from dashboard.pages.project import exports as project
    from dashboard.pages.reporting import exports as reporting
    from dashboard.queries import need as need_queries
    from dashboard.queries import project as project_queries
    from dashboard.ui import downloads

    names = [profile.send("csv", "46029", "en")["filename"],
             compare.send("csv", "arop_admin", ["46029", "11002"], "own", None, 2015, 2022, None, "en")["filename"],
             downloads.file_name(*map_exports.export(None, None, None, None, None, "en")[0], ext="csv"),
             portfolio.send_projects("csv", {}, "en")["filename"], portfolio.send_wq28("30000", "en")["filename"],
             reporting.send("csv", reporting.export_sheets(None, None, None, "en"), "en")["filename"],
             actions.send_actions("csv", None, None, None, "en")["filename"]]
    names += [actions.send_chart("csv", chart, None, None, None, "en")["filename"] for chart in ("right", "minister")]
    data = project_queries.page_data("lbn-002")
    names += [project.send(data, chart, "csv", "en")["filename"] for chart in project.CHARTS]
    year = years_of(need_queries.base()["indicator_by_id"]["arop_admin"])[-1]
    for rule, region in (("equal", "both"), ("population", "flanders"), ("at_risk", "brussels")):
        state = need_state(indicator="arop_admin", year=str(year), rule=rule, region=region)
        names += [need.export_file(kind, "csv", state, "en")[1] for kind in need.SHEETS]
    assert len(names) == 9 + len(project.CHARTS) + 3 * len(need.SHEETS)
    assert not {name: file_name_words(name) for name in names if file_name_words(name)}
    assert names[0] == "profile_lokeren.csv" and names[2].startswith("map_") and names[3].startswith("projects_")


def test_action_plan_export_names_its_source_in_words(app, real_warehouse):
    """Issue 14, no developer words in exports: the action plan's provenance line names the document
    and the monitor's register of the action plan in words, not a folder of the repository."""
    import base64

    from dashboard.pages.actions import exports as actions

    for lang, register in (("en", "register of the action plan"), ("nl", "register van het actieplan")):
        sent = actions.send_actions("csv", None, None, None, lang)
        text = base64.b64decode(sent["content"]).decode("utf-8-sig")
        assert "data/registers" not in text and register in text
        assert "Volledig overzicht van alle acties ter bestrijding van armoede per grondrecht" in text
