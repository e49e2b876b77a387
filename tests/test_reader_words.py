"""Issue 14: no developer words on the reader's pages and in their exports, and sources a reader can
use (the publisher first, a copy as "retrieved from a copy at ..."). One rendering per page and
language on the shared real warehouse, so the test stays cheap."""
from __future__ import annotations

import re

import flask
import pytest

from dashboard.pages.briefing import callbacks as briefing_cb
from dashboard.pages.need import exports as need_exports
from dashboard.pages.need import state as need_state
from dashboard.pages.portfolio import callbacks as portfolio_cb
from dashboard.pages.portfolio import exports as portfolio_exports
from dashboard.pages.profile import callbacks as profile_cb
from dashboard.pages.reporting import callbacks as reporting_cb
from dashboard.pages.reporting import exports as reporting_exports
from dashboard.ui.downloads import source_text
from tests.dash_pages import loaded_page, page, text_of

# Table and module names, file paths, commands and the catalog's internal dataset ids.
DEVELOPER_WORDS = re.compile(
    r"docs/|\betl\.|SOURCE_MIRROR|python -m|import-indicator|data/registers|opdrachtregel|command line|\bseed:"
    r"|\b(?:statbel_adi|statbel_fiscal|statbel_fiscal_zip|statbel_population|statbel_pop_struct|source_id"
    r"|gsm_extract|gsm-extract-\w+|statbel-pop-struct-\d+)\b")
URL = re.compile(r"https?://\S+")


def developer_words(text: str) -> list[str]:
    return sorted({m.group(0) for m in DEVELOPER_WORDS.finditer(URL.sub("", text))})


@pytest.fixture(scope="module")
def pages():
    loaded_page("/briefing")
    return {path: page(path) for path in ("/briefing", "/gemeente", "/data", "/portfolio", "/rapportering", "/overzicht")}


def _page_text(pages, lang: str) -> dict[str, str]:
    return {
        "briefing": text_of(briefing_cb.render("nis:46029", lang)[0]) + " "
        + text_of(briefing_cb.render("province:70000", lang)[0]),
        "profile": text_of(pages["/gemeente"].layout(nis="46029", lang=lang)) + " "
        + text_of(profile_cb.render("46029", lang)),
        # /data's content, its official sources included (review 8b #1: commands and ids were there)
        "data": text_of(pages["/data"].layout(lang=lang)) + " " + text_of(pages["/data"].render(lang)),
        "overview": text_of(pages["/overzicht"].layout(lang=lang)) + " " + text_of(pages["/overzicht"].render(lang)),
        "portfolio": text_of(pages["/portfolio"].layout(lang=lang)) + " "
        + text_of(portfolio_cb.projects(None, None, None, None, None, lang)),
        "reporting": text_of(pages["/rapportering"].layout(lang=lang)) + " "
        + text_of(reporting_cb.fill(None, None, None, lang)),
    }


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_reader_pages_have_no_developer_words(pages, real_warehouse, lang):
    texts = _page_text(pages, lang)
    found = {name: developer_words(text) for name, text in texts.items()}
    assert not any(found.values()), found
    copy = "overgenomen uit een kopie op https://" if lang == "nl" else "retrieved from a copy at https://"
    assert copy in texts["briefing"] and "https://statbel.fgov.be/" in texts["briefing"]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_csv_intros_have_no_developer_words_and_name_a_licence(pages, real_warehouse, lang):
    from dashboard.pages.profile import exports as profile_exports

    intros = {
        "profile": profile_exports.export("46029", lang)[1][0].intro,
        "portfolio": portfolio_exports.export_projects({}, lang).intro,
        "reporting": reporting_exports.export_sheets(None, None, None, lang)[0].intro,
    }
    found = {name: developer_words(" ".join(lines)) for name, lines in intros.items()}
    assert not any(found.values()), found
    licence = "licentie" if lang == "nl" else "licence"
    assert all(licence in " ".join(lines).lower() for lines in intros.values()), intros


def test_need_shortlist_links_the_profile_absolutely(pages, real_warehouse):
    """Once mailed, a relative `/gemeente?nis=...` opens nothing: the address carries the host the
    request came to."""
    from dashboard.app import create_app

    state = need_state.parse_state(indicator="arop_admin", gap_n="0", gap_top="10")
    with create_app().server.test_request_context("/behoefte", base_url="https://monitor.example.be/"):
        assert flask.request.host_url == "https://monitor.example.be/"
        sheets, _name = need_exports.export_table("gap", state, "nl")
    rows = sheets[0].rows
    assert rows and all(r["profile"].startswith("https://monitor.example.be/gemeente?nis=") for r in rows)
    assert not developer_words(" ".join(sheets[0].intro))


def test_source_text_cites_the_publisher_before_the_copy():
    row = {"source_id": "statbel-adi-arop-munty", "dataset": "statbel_adi",
           "publisher": "Statbel, DataLab (TF_SOC_ADI_MUNTY), kopie in ebranch13/fair-fare",
           "licence": "Statbel open data (bron vermelden); de kopie-repository vermeldt geen licentie",
           "url": "https://raw.githubusercontent.com/ebranch13/fair-fare/x/data/TF_SOC_ADI_MUNTY.csv"}
    text = source_text(row, "nl")
    assert text.startswith("Statbel, Administratief beschikbaar inkomen")
    assert "https://statbel.fgov.be/" in text and "ebranch13" not in text.split("overgenomen uit een kopie op")[0]
    assert text.endswith("overgenomen uit een kopie op " + row["url"])
    assert "statbel_adi" not in text and "retrieved from a copy at" in source_text(row, "en")
    local = {"dataset": "registers", "licence": "eigen formulering", "url": "data/registers/source.csv"}
    assert "data/registers" not in source_text(local, "nl")
