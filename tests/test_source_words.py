"""Issue 14, "Exports ready to send" (review findings F4, F11, F16, F28): sources in words, never `seed:00x`.

A source is its document's title (publisher, date), a link when the register knows the address, and
the place in it in words; our line numbers in the stored source texts only in a tooltip or an export
column of their own. Unit tests on a small vocabulary; the pages and exports on the built warehouse.
"""
from __future__ import annotations

import io

import pytest
from dash import html

from dashboard.ui import sources
from etl.exports import cite_in_text, line_words, place_words, source_label
from tests.english_walk import NOT_TEXT_PROPS, file_text, walk

# Two documents as the register `source.csv` gives them: one with an address, one without.
WORDS = {"sources": {
    "seed:000": {"title": "Schriftelijke vraag nr. 28", "publisher": "Vlaams Parlement", "date": "2023-11-09",
                 "url": "https://docs.vlaamsparlement.be/pfile?id=2011852"},
    "seed:004": {"title": "Word bondgenoot", "publisher": "Vlaams Netwerk tegen Armoede vzw", "date": "2026", "url": None},
}}


def every_text(node, out: list[str]) -> list[str]:
    """Every string of a layout or callback answer a reader may see, also inside parts marked Dutch
    (unlike english_walk.visible_text) and in tooltips (`title`)."""
    if isinstance(node, str):
        out.append(node)
    elif isinstance(node, (list, tuple)):
        for child in node:
            every_text(child, out)
    elif hasattr(node, "to_plotly_json"):
        every_text(node.to_plotly_json(), out)
    elif isinstance(node, dict):
        props = node["props"] if "props" in node and "type" in node else node
        for name, value in props.items():
            if name not in NOT_TEXT_PROPS:
                every_text(value, out)
    return out


def _plain(component) -> str:
    return "".join(every_text(component, []))


def _links(node) -> list[dict]:
    if isinstance(node, list):
        return [a for child in node for a in _links(child)]
    if isinstance(node, html.A):
        return [{"href": node.href, "text": node.children}]
    return _links(getattr(node, "children", None)) if isinstance(node, html.Span) else []


@pytest.mark.parametrize(("ref", "nl", "en", "lines"), [
    ("antwoord 4 (regels 67-90) en subsidie (regels 97-100)", "antwoord 4 en subsidie", "answer 4 and grant",
     "lines 67-90; lines 97-100"),
    ("'Waarom deze gids?', regel 71", "'Waarom deze gids?'", "'Waarom deze gids?'", "line 71"),
    ("Overzicht lokale bondgenotennetwerken, p. 50; regels 674-683", "Overzicht lokale bondgenotennetwerken, p. 50",
     "overview of the local alliance networks, p. 50", "lines 674-683"),
    ("regels 4, 6 en 12", "", "", "lines 4, 6 and 12"),
])
def test_place_in_words_and_our_line_numbers_apart(ref, nl, en, lines):
    assert place_words(ref, "nl") == nl and place_words(ref, "en") == en
    assert line_words(ref, "en") == lines


def test_a_source_with_an_address_is_a_link_and_one_without_shows_title_and_publisher():
    linked = sources.source_cell("seed:000", "antwoord 4, regel 67", WORDS, "en")
    assert _links(linked) == [{"href": WORDS["sources"]["seed:000"]["url"], "text": "Schriftelijke vraag nr. 28"}]
    assert linked[0].lang == "nl" and _plain(linked).endswith(", answer 4")
    plain = sources.source_cell("seed:004", "p. 97; regel 1430", WORDS, "nl")
    assert _links(plain) == [] and "regel" not in _plain(plain)
    # no address in the register: said in words (task E1), never an empty place or an invented address
    assert _plain(plain) == "Word bondgenoot (Vlaams Netwerk tegen Armoede vzw, 2026), p. 97 – webadres niet gepubliceerd"
    english = sources.source_cell("seed:004", "p. 97; regel 1430", WORDS, "en")
    assert english[0].lang == "nl" and _plain(english) == (
        "Word bondgenoot (Vlaams Netwerk tegen Armoede vzw, 2026), p. 97 – web address not published")
    assert sources.source_tooltip(["p. 97; regel 1430"], "nl").endswith("regel 1430")
    assert sources.document_text("seed:000", "vraag, regels 28-29", WORDS, "nl") == (
        "Schriftelijke vraag nr. 28 (Vlaams Parlement, 09-11-2023), vraag – https://docs.vlaamsparlement.be/pfile?id=2011852")


@pytest.mark.parametrize(("lang", "words"), [("nl", "webadres niet gepubliceerd"), ("en", "web address not published")])
def test_a_source_without_an_address_says_so_in_export_cells(lang, words):
    """Review 9 #2: the guide (no address in the register) is cited with words where an address would
    be, in every export cell made from a register source; a source with an address keeps it."""
    assert sources.document_text("seed:004", "p. 97", WORDS, lang).endswith(f", p. 97 – {words}")
    assert source_label("seed:004", WORDS, lang=lang).endswith(f"2026) – {words}")
    assert source_label("seed:000", WORDS, lang=lang).endswith("– https://docs.vlaamsparlement.be/pfile?id=2011852")
    assert source_label("seed:999", WORDS, lang=lang) == "seed:999"  # an unknown code: nothing to say of its address


def test_notes_name_the_documents_they_cite():
    names = {"seed:001": "het persbericht", "seed:004": "de gids 2026"}
    assert cite_in_text("Het persbericht (seed:001) spreekt van 45.", names) == "Het persbericht spreekt van 45."
    assert cite_in_text("Ook in seed:004 (regel 83).", names) == "Ook in de gids 2026."
    assert cite_in_text("Wijkt af van seed:001 (zomer 2023).", names) == "Wijkt af van het persbericht (zomer 2023)."


# lbn-016 (Cultureghem): its notes and its place's note cite the press release by code in the register.
PROJECT = "lbn-016"
PAGES = [("/portfolio", {}), ("/project", {"id": PROJECT}), ("/actieplan", {})]


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize(("path", "query"), PAGES)
def test_no_page_text_or_export_cell_says_seed(app, real_warehouse, path, query, lang):
    seen, files = walk(app, path, {**query, "lang": lang})
    shown = "\n".join(every_text(seen, []))
    assert "seed:" not in shown, [line for line in shown.splitlines() if "seed:" in line][:5]
    assert files or path == "/project"  # the project page's downloads are per chart (checked below)
    for name, content in files:
        text = file_text(name, content)
        assert "seed:" not in text, (name, [line for line in text.splitlines() if "seed:" in line][:5])
    if path == "/portfolio":  # the written question's document is cited by its title, with its address as a link
        assert any("docs.vlaamsparlement.be" in str(answer) for answer in seen) or "Schriftelijke vraag" in shown


def test_project_exports_and_the_answer_workbook_use_words(app, real_warehouse):
    from openpyxl import load_workbook

    from dashboard.pages.portfolio import exports as portfolio_exports
    from dashboard.pages.project import exports as project_exports
    from dashboard.queries import project as qpr

    data = qpr.page_data(PROJECT)
    for chart in ("places", "partners"):
        sheet = project_exports.export_sheet(data, chart, "nl")
        assert not any("seed:" in str(v) for row in sheet.rows for v in row.values())
    for lang in ("nl", "en"):
        buffer = io.BytesIO()
        portfolio_exports.wq28_answer(None, lang).save(buffer)
        wb = load_workbook(io.BytesIO(buffer.getvalue()))
        cells = [str(v) for ws in wb.worksheets for row in ws.iter_rows(values_only=True) for v in row if v]
        assert not any("seed:" in c for c in cells)
        documents = [str(row[0]) for row in wb.worksheets[2].iter_rows(values_only=True) if row[0]]
        documents = documents[documents.index({"nl": "Brondocumenten:", "en": "Source documents:"}[lang]) + 1:-1]
        assert len(documents) == 3 and not any("regel" in c or "line" in c for c in documents), documents
        no_address = {"nl": "– webadres niet gepubliceerd", "en": "– web address not published"}[lang]
        assert all(" – https://" in c or c.endswith(no_address) for c in documents), documents
        assert any(c.startswith("Word bondgenoot") and c.endswith(no_address) for c in documents), documents
        sources_column = [str(row[-1]) for row in wb.worksheets[0].iter_rows(min_row=4, values_only=True)]
        assert all(c.startswith(("Word bondgenoot", "Samenwerken")) for c in sources_column) and not any("regel" in c for c in sources_column)
        # the question with its address; the lokale teams answer and the action plan are not used by the answer
        assert any("https://docs.vlaamsparlement.be/" in c for c in documents)
        assert not any("Lokale teams" in c or "2015-2019" in c for c in documents)
