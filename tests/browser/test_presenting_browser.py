"""Presenting: presentation mode (?present=1) in a real headless Chromium, on the synthetic warehouse."""
from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from tests.browser.helpers import WAIT, click, wait_until

pytestmark = [pytest.mark.browser,
              pytest.mark.filterwarnings("ignore:HTTPResponse.getheader:DeprecationWarning")]


def presenting(duo) -> bool:
    return "presenting" in (duo.driver.find_element(By.TAG_NAME, "body").get_attribute("class") or "")


def test_presentation_mode_hides_controls_keeps_the_view_and_escape_leaves(start_app, synthetic_warehouse, screenshot):
    duo = start_app()
    duo.wait_for_page(url=f"{duo.server_url}/status?lang=en")
    enter = duo.wait_for_element("#app-present-enter", timeout=WAIT)
    assert enter.text == "Presentation mode"
    assert not presenting(duo) and duo.find_element(".app-header").is_displayed()
    click(duo, enter)
    wait_until(duo, lambda: presenting(duo), "presentation mode not switched on")
    query = duo.driver.execute_script("return window.location.search")
    assert "present=1" in query and "lang=en" in query  # the view (language) is kept
    assert not duo.find_element(".app-header").is_displayed()
    assert duo.find_element("h1").is_displayed()
    exit_link = duo.find_element("#app-present-exit")
    assert exit_link.text == "Leave presentation"
    screenshot("present_status_en")

    # a shared presentation URL opens in presentation mode, controls hidden
    duo.wait_for_page(url=f"{duo.server_url}/?present=1&indicator=kansarmoede_index")
    duo.wait_for_element("#map-graph .js-plotly-plot", timeout=WAIT)
    wait_until(duo, lambda: presenting(duo), "presentation URL did not open in presentation mode")
    assert not duo.find_element(".map-controls").is_displayed()
    duo.find_element("body").send_keys(Keys.ESCAPE)
    wait_until(duo, lambda: not presenting(duo), "Escape did not leave presentation mode")
    query = duo.driver.execute_script("return window.location.search")
    assert "present" not in query and "indicator=kansarmoede_index" in query
    assert duo.find_element(".map-controls").is_displayed()
    assert duo.get_logs() == []


def test_briefing_of_a_municipality_and_a_province(start_app, real_warehouse, screenshot):
    duo = start_app()
    duo.wait_for_page(url=f"{duo.server_url}/briefing?nis=46029")
    wait_until(duo, lambda: duo.find_element("#briefing-heading").text == "Briefing: Lokeren", "not Lokeren")
    duo.wait_for_element("#briefing-figures", timeout=WAIT)
    assert "Moerbeke" in duo.find_element("#briefing-merger").text
    notes = duo.driver.find_elements(By.CSS_SELECTOR, ".briefing-notes li")
    assert len(notes) >= 4 and any("licentie" in n.text for n in notes)
    # a footnote marker links to its note
    ref = duo.find_element("#briefing-merger sup a")
    assert ref.get_attribute("href").endswith("#briefing-note-1")
    assert duo.find_element("#briefing-print").is_displayed()
    screenshot("briefing_lokeren_nl")
    # a province, in English, from a shared URL
    duo.wait_for_page(url=f"{duo.server_url}/briefing?province=70000&lang=en")
    wait_until(duo, lambda: duo.find_element("#briefing-heading").text == "Briefing: Province of Limburg",
               "not Limburg")
    wait_until(duo, lambda: len(duo.driver.find_elements(By.CSS_SELECTOR, "#briefing-need tbody tr")) == 10,
               "need table not shown")
    # clicking a municipality in the need table opens its briefing
    link = duo.find_element("#briefing-need tbody tr a")
    name = link.text
    click(duo, link)
    wait_until(duo, lambda: duo.find_element("#briefing-heading").text == f"Briefing: {name}",
               f"not opened: {name!r}")
    assert "nis=" in duo.driver.execute_script("return window.location.search")
    screenshot("briefing_limburg_en")
    assert duo.get_logs() == []
