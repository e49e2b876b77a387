"""The reporting tracker (/rapportering) on a phone and a laptop, on the real warehouse: at 390 px each
project is a card whose year statuses (the answer) are in view without scrolling sideways, with no
axe-core violation; at 1440 px it is still the table, one column per year."""
from __future__ import annotations

import pytest

from tests.browser.conftest import SCREENSHOTS
from tests.browser.test_accessibility import AXE, run_axe, settled
from tests.browser.test_screens import set_viewport

pytestmark = [pytest.mark.browser,
              pytest.mark.filterwarnings("ignore:HTTPResponse.getheader:DeprecationWarning")]

# Per shown year cell of the first rows: its display and its left and right edges (CSS px).
YEAR_CELLS = """
return [...document.querySelectorAll('#reporting-table tbody tr')].slice(0, 5).flatMap(row =>
    [...row.querySelectorAll('td.reporting-cell')].filter(c => getComputedStyle(c).display !== 'none').map(c => {
        const r = c.getBoundingClientRect();
        return {label: c.dataset.label, left: r.left, right: r.right, row: getComputedStyle(row).display,
                text: c.innerText};
    }));
"""


def test_the_tracker_shows_the_year_statuses_on_a_phone_and_stays_a_table_on_a_laptop(start_app, real_warehouse):
    assert AXE.is_file(), f"axe-core missing: looked for {AXE}"
    duo = start_app()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    try:
        for lang in ("en", "nl"):
            set_viewport(duo, 390)
            settled(duo, duo.server_url + f"/rapportering?lang={lang}")
            duo.wait_for_element("#reporting-table")
            assert duo.driver.execute_script("return document.documentElement.scrollWidth") <= 390
            cells = duo.driver.execute_script(YEAR_CELLS)
            assert cells and all(c["row"] == "block" for c in cells)
            assert all(c["left"] >= 0 and c["right"] <= 390 for c in cells), cells
            assert all(c["label"] and c["label"].isdigit() and c["text"].strip() for c in cells), cells
            assert run_axe(duo) == []
            duo.driver.save_screenshot(str(SCREENSHOTS / f"reporting-{lang}-390.png"))
        set_viewport(duo, 1440)
        settled(duo, duo.server_url + "/rapportering?lang=en")
        duo.wait_for_element("#reporting-table")
        assert duo.driver.execute_script(
            "return getComputedStyle(document.getElementById('reporting-table')).display") == "table"
        cells = duo.driver.execute_script(YEAR_CELLS)
        assert cells and all(c["row"] == "table-row" for c in cells)
    finally:
        duo.driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
