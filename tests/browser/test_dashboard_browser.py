"""The dashboard in a real (headless) browser, against the synthetic warehouse."""
from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By

from tests.browser.helpers import wait_until

WAIT = 10
# selenium 4.2 (pinned by dash[testing]) calls a urllib3 method that warns on every request
pytestmark = [pytest.mark.browser,
              pytest.mark.filterwarnings("ignore:HTTPResponse.getheader:DeprecationWarning")]


def header_texts(table) -> list[str]:
    return [th.text.replace("↕", "").replace("▲", "").replace("▼", "").strip()
            for th in table.find_elements(By.CSS_SELECTOR, "thead th")]


def first_cells(table) -> list[str]:
    return [row.find_element(By.CSS_SELECTOR, "td").text.split("\n")[0]
            for row in table.find_elements(By.CSS_SELECTOR, "tbody tr")]


def test_status_page_shows_sources_coverage_and_sorts(start_app, synthetic_warehouse, screenshot):
    duo = start_app()
    duo.wait_for_page(url=f"{duo.server_url}/status")
    duo.wait_for_text_to_equal("h1", "Datastatus", timeout=WAIT)
    sources = duo.wait_for_element("#status-sources-table", timeout=WAIT)

    # source rows, with labels (not column codes) in the headers and Belgian numbers
    assert first_cells(sources) == ["synthetic-geo", "synthetic-kinderarmoede-csv"]
    headers = header_texts(sources)
    assert {"Uitgever", "Licentie", "URL", "SHA-256", "Opgehaald op", "Rijen geladen", "Hoe opgehaald"} <= set(headers)
    assert not {"publisher", "rows_loaded", "fetched_how", "sha256"} & set(headers)
    assert "1.234.567" in sources.text and "uit de lokale mirror" in sources.text
    # text from the data is escaped: the tags show literally and make no element
    assert "Synthetische uitgever <b>A</b> & co (testdata)" in sources.text
    assert sources.find_elements(By.CSS_SELECTOR, "tbody b") == []
    link = sources.find_element(By.CSS_SELECTOR, "a.url[href*='kansarmoede_per_gemeente_2023.csv']")
    assert link.get_attribute("href") == "https://example.org/synthetisch/data/2023/kansarmoede_per_gemeente_2023.csv"
    sha = sources.find_element(By.CSS_SELECTOR, "tbody tr:last-child .mono")
    assert len(sha.get_attribute("title")) == 64 and sha.text.endswith("…") and len(sha.text) == 13

    # coverage matrix: municipalities of 2025 with a value, per year
    coverage = duo.find_element("#status-coverage-table")
    assert header_texts(coverage) == ["Indicator\nEenheid · Richting", "2021", "2022", "2023"]
    row = next(r for r in coverage.find_elements(By.CSS_SELECTOR, "tbody tr")
               if r.find_element(By.CSS_SELECTOR, ".indicator-name").text == "Kansarmoede-index (synthetisch)")
    assert row.find_element(By.CSS_SELECTOR, "th .sub").text == "% van de kinderen · hoger is ongunstiger"  # the unit in the page language
    cells = row.find_elements(By.CSS_SELECTOR, "td")
    assert [td.text for td in cells] == ["–", "3", "4"]
    assert cells[1].get_attribute("title") == "3 van 4 gemeenten (75\u00a0%)"
    assert "cov-full" in cells[2].get_attribute("class") and "cov-none" in cells[0].get_attribute("class")
    flags = duo.find_element("#status-flags-table")
    assert {"Origineel", "Herberekend 2025", "Geschat", "Onderdrukt", "Ontbrekend"} <= set(header_texts(flags))
    kansarmoede = next(r for r in flags.find_elements(By.CSS_SELECTOR, "tbody tr") if "Kansarmoede" in r.text)
    # 2022 + 2023: 7 values; original 2+2, recomputed 1+1, estimated 1, suppressed 1; 2 rows outside
    assert [td.text for td in kansarmoede.find_elements(By.CSS_SELECTOR, "td")][1:] == \
        ["2022–2023", "7", "4", "2", "1", "1", "0", "2"]
    duo.find_element("#status-flags-per-year").click()
    per_year = duo.wait_for_element("#status-flags-year-table", timeout=WAIT)
    wait_until(duo, lambda: per_year.is_displayed() and "2022" in per_year.text, "per-year flags not shown")
    assert "Onderdrukt" in duo.find_element("#status-legend").text

    # sorting by a numeric column, both ways, announced through aria-sort
    button = duo.find_element('button[id*="rows_loaded"][id*="status-sources-table"]')
    th = button.find_element(By.XPATH, "..")
    button.click()
    wait_until(duo, lambda: th.get_attribute("aria-sort") == "ascending", "not sorted ascending")
    assert first_cells(duo.find_element("#status-sources-table")) == ["synthetic-geo", "synthetic-kinderarmoede-csv"]
    button.click()
    wait_until(duo, lambda: th.get_attribute("aria-sort") == "descending", "not sorted descending")
    wait_until(duo, lambda: first_cells(duo.find_element("#status-sources-table"))[0] == "synthetic-kinderarmoede-csv",
               "descending order not shown")

    path = screenshot("status_nl")
    assert path.stat().st_size > 10_000
    assert duo.get_logs() == []


def test_language_switch_changes_text_and_url(start_app, synthetic_warehouse, screenshot):
    duo = start_app()
    duo.wait_for_page(url=f"{duo.server_url}/status")
    duo.wait_for_text_to_equal("h1", "Datastatus", timeout=WAIT)
    duo.wait_for_element("#status-sources-table", timeout=WAIT)
    assert duo.driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == "nl"

    duo.find_element("#app-lang-en").click()
    duo.wait_for_text_to_equal("h1", "Data status", timeout=WAIT)
    assert duo.driver.current_url.endswith("/status?lang=en")
    wait_until(duo, lambda: "Sources" in duo.find_element("#status-sources").text, "sources not in English")
    sources = duo.find_element("#status-sources-table")
    assert {"Publisher", "Licence", "Rows loaded"} <= set(header_texts(sources))
    assert "1,234,567" in sources.text and "1.234.567" not in sources.text
    assert "Deprivation index (synthetic)" in duo.find_element("#status-coverage-table").text
    assert duo.driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == "en"
    nav = duo.find_element("#app-nav")
    assert nav.get_attribute("aria-label") == "Main navigation"
    assert all("lang=en" in a.get_attribute("href") for a in nav.find_elements(By.TAG_NAME, "a"))
    assert "Child-poverty policy" in duo.find_element("#app-tagline").text
    screenshot("status_en")

    # the URL is the state: reloading it gives the same English view
    duo.driver.refresh()
    duo.wait_for_text_to_equal("h1", "Data status", timeout=WAIT)

    # navigation keeps the language; the home page shows the key facts
    duo.driver.find_element(By.XPATH, "//nav[@id='app-nav']//summary[normalize-space()='About']").click()  # its menu
    duo.driver.find_element(By.LINK_TEXT, "Overview").click()
    duo.wait_for_text_to_equal("h1", "Overview", timeout=WAIT)
    assert duo.driver.current_url.endswith("/overzicht?lang=en")
    duo.wait_for_text_to_equal("#home-built-at", "2026-11-22 10:31", timeout=WAIT)
    assert duo.find_element("#home-municipalities").text == "4"
    screenshot("home_en")

    # and back to Dutch: the parameter goes away
    duo.find_element("#app-lang-nl").click()
    duo.wait_for_text_to_equal("h1", "Overzicht", timeout=WAIT)
    assert "lang=" not in duo.driver.current_url
    duo.wait_for_text_to_equal("#home-built-at", "22-11-2026 10:31", timeout=WAIT)
    assert duo.get_logs() == []


def test_every_page_says_the_warehouse_is_not_built(start_app, no_warehouse, screenshot):
    duo = start_app()
    for path, title in (("/", "Kaart van de gemeenten"), ("/overzicht", "Overzicht"), ("/data", "Over de cijfers"),
                        ("/status", "Datastatus")):
        duo.wait_for_page(url=f"{duo.server_url}{path}")
        duo.wait_for_text_to_equal("h1", title, timeout=WAIT)
        notice = duo.wait_for_element("#warehouse-missing", timeout=WAIT)
        assert "Het datawarehouse is nog niet gebouwd" in notice.text
        assert "python -m etl build" in notice.text
        assert "not-built.duckdb" in notice.text
    screenshot("status_missing_warehouse")
    duo.wait_for_page(url=f"{duo.server_url}/status?lang=en")
    duo.wait_for_contains_text("#warehouse-missing", "The data warehouse has not been built yet", timeout=WAIT)
    assert duo.get_logs() == []
    # the log check above can fail: a console error does reach it
    duo.driver.execute_script("console.error('deliberate test error')")
    assert any("deliberate test error" in entry["message"] for entry in duo.get_logs())
