"""Presenting: presentation mode (?present=1) in a real headless Chromium, on the synthetic warehouse."""
from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from tests.browser.helpers import WAIT, click, wait_until
from tests.browser.test_screens import overflow, set_viewport, settled

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


# Every page with a chart, in presentation mode on a projector (real warehouse): the main chart first
# and large, the method text behind a "Method" link (dashboard/ui/presenting.py). The briefing has
# no chart but footnotes: they fold the same way.
PRESENTED = ["/vergelijk?nis=46029&group=peers", "/portfolio", "/actieplan", "/project?id=lbn-001", "/rapportering",
             "/gemeente?nis=46029", "/behoefte"]
FOLDED_ONLY = ["/briefing?nis=46029"]
MAIN_FIRST = """
const main = document.querySelector('.present-main');
if (!main) return null;
const box = main.getBoundingClientRect();
const shown = e => e.getClientRects().length > 0;
const above = [...document.querySelectorAll('#main .card, #main section, #main figure')]
    .filter(e => shown(e) && !main.contains(e) && !e.contains(main) && e.getBoundingClientRect().top < box.top - 1)
    .map(e => e.id || e.className);
return {width: box.width, viewport: window.innerWidth, above: above};
"""


def _present(duo, path: str) -> None:
    settled(duo, duo.server_url + path + ("&" if "?" in path else "?") + "present=1")
    wait_until(duo, lambda: presenting(duo), f"{path}: not in presentation mode")


def fold_state(duo, text_id: str) -> list:
    """[the link's text, link shown, method text shown] of the folded text `text_id`."""
    return duo.driver.execute_script("""
        const text = document.getElementById(arguments[0]);
        const link = text && text.parentElement.querySelector(':scope > .method-fold-link');
        const shown = e => !!e && e.getClientRects().length > 0;
        return [link ? link.textContent : null, shown(link), shown(text)];""", text_id)


def test_presentation_shows_the_main_chart_first_and_the_method_one_link_away(start_app, real_warehouse):
    duo = start_app()
    set_viewport(duo, 1920, 1080)
    for path in PRESENTED + FOLDED_ONLY:
        _present(duo, path)
        scroll_width, inner_width = overflow(duo)
        assert scroll_width <= inner_width, f"{path}: {scroll_width} px wide on a {inner_width} px screen"
        if path not in FOLDED_ONLY:
            main = wait_until(duo, lambda: duo.driver.execute_script(MAIN_FIRST), f"{path}: no main chart")
            assert not main["above"], f"{path}: above the main chart: {main['above']}"
            assert main["width"] >= 0.6 * main["viewport"], f"{path}: main chart {main['width']} px wide"
        text_id = wait_until(duo, lambda: duo.driver.execute_script(
            "const t = document.querySelector('.method-fold-text'); return t && t.id"), f"{path}: no method text folded")
        assert fold_state(duo, text_id) == ["Methode", True, False], path
        click(duo, duo.find_element(f".method-fold-link[aria-controls='{text_id}']"))
        wait_until(duo, lambda text_id=text_id: fold_state(duo, text_id)[1:] == [False, True],
                   f"{path}: the link did not show the method: {fold_state(duo, text_id)}")
    # on a desk the method text is simply there, without the link
    settled(duo, duo.server_url + "/vergelijk?nis=46029&group=peers")
    wait_until(duo, lambda: fold_state(duo, "compare-method-text")[1:] == [False, True], "no method text on a desk")
    assert duo.get_logs() == []
