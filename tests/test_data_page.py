"""Issue 14 (review 8b #1, #10, #11, #18): the reader's pages say in words what an administrator's
page says in commands. /data: which official sources this build loaded and which not, grouped per
publisher, each group with one sentence and the publisher's page (commands, ids and folders stay on
/status); the overview: when the figures were last updated, not the build's code version; an unknown
address: HTTP 404 with the not-found page, whose link goes where it says. SYNTHETIC warehouse."""
from __future__ import annotations

import duckdb
import pytest

from tests.dash_pages import as_text, find, page, text_of

OFFICIAL_ROWS = """INSERT INTO official_source VALUES
    ('gsm-extract-ar-03', 'gsm_extract', 'https://example.org/GSM_Extract_AR_03.xlsx', 'SYNTHETIC publisher',
     'SYNTHETIC licence', 'xlsx', 'AR_03', 'loaded', NULL, NULL, 608, 2021, 2022, '2026-12-03T01:00:00+00:00',
     NULL, 'python -m etl build'),
    ('gsm-extract-ar-05', 'gsm_extract', 'https://example.org/GSM_Extract_AR_05.xlsx', 'SYNTHETIC publisher',
     'SYNTHETIC licence', 'xlsx', 'AR_05', 'not reachable',
     'niet in SOURCE_MIRROR (/SYNTHETIC/server/folder); de build leest dan niet van het internet',
     NULL, 0, NULL, NULL, NULL, NULL, 'python -m etl build'),
    ('gsm-extract-ar-08', 'gsm_extract', 'https://example.org/GSM_Extract_AR_08.xlsx', 'SYNTHETIC publisher',
     'SYNTHETIC licence', 'xlsx', 'AR_08', 'not reachable',
     'niet in SOURCE_MIRROR (/SYNTHETIC/server/folder); de build leest dan niet van het internet',
     NULL, 0, NULL, NULL, NULL, NULL, 'python -m etl build'),
    ('statbel-pop-struct-2016', 'statbel_pop_struct', 'https://example.org/TF_SOC_POP_STRUCT_2016.zip',
     'SYNTHETIC Statbel', 'SYNTHETIC licence', 'zip', NULL, 'not reachable', 'HTTP 503', NULL, 0, NULL, NULL, NULL,
     NULL, 'python -m etl build')"""


@pytest.fixture
def official_warehouse(synthetic_warehouse):
    con = duckdb.connect(str(synthetic_warehouse))
    try:
        con.execute(OFFICIAL_ROWS)
    finally:
        con.close()
    return synthetic_warehouse


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_data_page_says_in_words_which_official_sources_are_loaded(official_warehouse, app, lang):
    section = find(page("/data").render(lang), "data-official")
    text = text_of(section)
    for word in ("SOURCE_MIRROR", "python -m", "import-indicator", "gsm-extract", "gsm_extract", "statbel_pop_struct",
                 "SYNTHETIC/server", "GSM_Extract_AR_05.xlsx"):
        assert word not in text, word
    not_loaded = "Niet geladen in deze build" if lang == "nl" else "Not loaded in this build"
    offline = "zonder internetverbinding" if lang == "nl" else "without an internet connection"
    unreachable = "niet bereikbaar" if lang == "nl" else "could not be reached"
    # one group per publisher's dataset and reason, each saying it once: 2 GSM extracts offline, Statbel unreachable
    assert text.count(not_loaded) == 2 and offline in text and unreachable in text
    assert ("1 van de 4" if lang == "nl" else "1 of the 4") in text
    groups = as_text(section)
    assert groups.count('"official-group"') == 3 and groups.count('"official-items"') == 3
    assert "https://gemeente-stadsmonitor.vlaanderen.be/" in groups  # the publisher's page, not the file's storage
    assert "/status" in groups and "#status-official" in groups  # the way to the commands, for administrators
    # the status page keeps the commands and the server's folder
    status = as_text(page("/status").render(lang))
    assert "python -m etl import-indicator GSM_Extract_AR_05.xlsx --gsm AR_05" in status
    assert "/SYNTHETIC/server/folder" in status


def test_status_details_break_long_urls():
    from pathlib import Path

    css = (Path(__file__).resolve().parent.parent / "dashboard" / "assets" / "style.css").read_text()
    assert "#status-official-table td:last-child { min-width: 16rem; overflow-wrap: anywhere; }" in css


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_overview_says_when_the_figures_were_updated_not_the_build(synthetic_warehouse, app, lang):
    out = page("/overzicht").render(lang)
    text = text_of(out)
    assert ("Laatst bijgewerkt" if lang == "nl" else "Last updated") in text
    for admin in ("Codeversie", "Code version", "Bronbestanden", "Source files", "Waarden", "Values", "build",
                  "datawarehouse", "data warehouse"):
        assert admin not in text, admin
    assert find(out, "home-code-version") is None and find(out, "home-values") is None
    link = find(out, "home-to-data")
    assert link.href == ("/data" if lang == "nl" else "/data?lang=en")
    assert link.children.startswith("Over de cijfers" if lang == "nl" else "About the figures")
    intro = text_of(page("/overzicht").layout(lang=lang))
    assert "build" not in intro and "warehouse" not in intro


def test_unknown_address_answers_404_with_the_not_found_page(synthetic_warehouse, app):
    client = app.server.test_client()
    missing = client.get("/bestaatniet")
    assert missing.status_code == 404
    assert b"_dash-renderer" in missing.data or b"dash_renderer" in missing.data  # the app, which draws the page
    assert client.get("/bestaat/ook/niet?lang=en").status_code == 404
    assert client.head("/bestaatniet").status_code == 404
    for path in ("/", "/data", "/data/", "/overzicht?lang=en", "/gemeente?nis=46029", "/status"):
        assert client.get(path).status_code == 200, path
    # Dash's own routes, assets and other Flask routes keep their own answers
    assert client.get("/_dash-layout").status_code == 200
    assert client.get("/_dash-dependencies").status_code == 200
    assert client.get("/assets/style.css").status_code == 200
    assert client.get("/assets/nav_menu.js").status_code == 200
    assert client.get("/login").status_code != 404


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_not_found_link_goes_where_it_says(app, synthetic_warehouse, lang):
    link = find(page("/404").layout(lang=lang), "notfound-home")
    assert link.children == ("Naar het overzicht" if lang == "nl" else "Go to the overview")
    assert link.href == ("/overzicht" if lang == "nl" else "/overzicht?lang=en")
