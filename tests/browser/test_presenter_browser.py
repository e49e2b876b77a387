"""Issue 14 for a presenter, in headless Chromium on the real warehouse (one server for all checks):
question 28 on a phone shows the province and the networks awarded first, in short rows; the action
plan in English names the rights in English, draws linear bars and names the dominating action."""
from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By

from tests.browser.helpers import wait_until
from tests.browser.test_screens import set_viewport, settled

pytestmark = [pytest.mark.browser,
              pytest.mark.filterwarnings("ignore:HTTPResponse.getheader:DeprecationWarning")]

# The first two columns and the height of the first data row of the answer table, in px.
WQ28_FIRST_SCREEN = """
const table = document.getElementById('portfolio-wq28-table');
if (!table || !table.querySelector('tbody tr')) return null;
const heads = [...table.querySelectorAll('thead th')];
const row = table.querySelector('tbody tr');
return {heads: heads.slice(0, 2).map(h => h.textContent.trim()), awarded_right: heads[1].getBoundingClientRect().right,
        row_height: row.getBoundingClientRect().height, viewport: window.innerWidth,
        first_awarded: row.querySelectorAll('td')[0].textContent.trim()};
"""


# The programme folds (closed / open) and where question 28 starts, in px from the top of the page.
FOLDS = """
const folds = [...document.querySelectorAll('#portfolio-programmes details.programme-facts')];
const wq28 = document.getElementById('portfolio-wq28');
if (!folds.length || !wq28) return null;
return {n: folds.length, open: folds.filter(f => f.open).length,
        wq28_top: wq28.getBoundingClientRect().top + window.scrollY, height: document.documentElement.scrollHeight};
"""


def test_question_28_on_a_phone_and_the_action_plan_in_english(start_app, real_warehouse):
    duo = start_app()
    set_viewport(duo, 390, 844)
    settled(duo, duo.server_url + "/portfolio#portfolio-wq28")
    shown = wait_until(duo, lambda: duo.driver.execute_script(WQ28_FIRST_SCREEN), "no answer table")
    assert shown["heads"][0] == "Provincie" and shown["heads"][1].startswith("Toegekende projecten"), shown
    assert shown["awarded_right"] <= shown["viewport"], f"awarded column off screen: {shown}"
    assert shown["first_awarded"].isdigit(), shown
    assert shown["row_height"] < 100, f"rows too tall on a phone: {shown}"
    notes = duo.find_element("#portfolio-wq28-notes")
    assert notes.get_attribute("open") is not None and "Toelichting" in notes.text
    # review 8b #12: on a phone the programme facts are folded, so the projects and question 28 are near
    folds = wait_until(duo, lambda: duo.driver.execute_script(FOLDS), "no programme folds")
    assert folds["n"] >= 4 and folds["open"] == 0, folds
    assert folds["wq28_top"] < 6000, f"question 28 far down on a phone: {folds}"
    # review 8b #3: the workbook of a province is one click from its row, the button naming it
    button = duo.find_element("#portfolio-wq28-table tbody tr:nth-child(2) th .wq28-row-export")
    assert button.get_attribute("textContent").startswith("Excel ")
    assert duo.driver.execute_script("return arguments[0].getBoundingClientRect().right", button) <= 390

    set_viewport(duo, 1440, 900)
    settled(duo, duo.server_url + "/portfolio")
    wait_until(duo, lambda: (duo.driver.execute_script(FOLDS) or {}).get("open"), "facts not opened on a laptop")

    # review 8b #8: presentation mode on a projector, the answer table in large type, its notes folded
    set_viewport(duo, 1920, 1080)
    settled(duo, duo.server_url + "/portfolio?province=30000&present=1")
    wait_until(duo, lambda: duo.driver.execute_script(WQ28_FIRST_SCREEN), "no answer table when presenting")
    size = duo.driver.execute_script(
        "return parseFloat(getComputedStyle(document.querySelector('#portfolio-wq28-table tbody td')).fontSize)")
    assert size >= 20, f"question-28 table text {size} px on a projector"
    assert duo.find_element("#portfolio-wq28-notes").get_attribute("open") is None

    set_viewport(duo, 1440, 900)
    settled(duo, duo.server_url + "/actieplan?lang=en")
    wait_until(duo, lambda: duo.driver.find_elements(By.CSS_SELECTOR, "#actions-graph-right .ytick text"),
               "no chart per right")
    ticks = [e.text for e in duo.driver.find_elements(By.CSS_SELECTOR, "#actions-graph-right .ytick text")]
    assert "03 Income" in ticks and not any("Inkomen" in tick for tick in ticks), ticks
    assert "linear" in duo.find_element("#actions-chart-right-outlier").text
    quoted = duo.find_element("#actions-largest q")
    assert quoted.get_attribute("lang") == "nl"
    assert duo.find_element("#actions-table tbody td:nth-child(2)").get_attribute("lang") == "nl"
    assert duo.get_logs() == []
