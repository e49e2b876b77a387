"""Accessibility: axe-core (WCAG 2.0/2.1, levels A and AA) on every page of the dashboard, as first opened
and in the states a user reaches (QUERIES, ACTIONS), in Dutch and English, on the real warehouse, in one
headless Chromium session.

axe-core is the npm package pinned in frontend/package.json (installed by scripts/setup.sh through
frontend/build.sh); the test reads its axe.min.js from frontend/node_modules and injects it into each
page, so nothing is fetched at run time. No rule is disabled: a violation is fixed at its source
(Dash 4's dropdown, slider and radio items through dashboard/assets/a11y.js).

A second session tabs through the pages with those controls: every stop draws a focus outline of at
least 2 px, and the map's year box applies a typed year on Enter.
"""
from __future__ import annotations

import json
from pathlib import Path

import dash
import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.keys import Keys

from tests.browser.helpers import WAIT, wait_for_callbacks, wait_until

pytestmark = [pytest.mark.browser,
              pytest.mark.filterwarnings("ignore:HTTPResponse.getheader:DeprecationWarning")]

REPO = Path(__file__).resolve().parent.parent.parent
AXE = REPO / "frontend" / "node_modules" / "axe-core" / "axe.min.js"
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

# A page that shows nothing without a query is opened with a real one (and some also without); beside
# the pages as first opened, the states a user reaches, each as the URL that opens it: the map of
# another indicator with every network outlined, the need page for Brussels at its gap finder, the data
# page at a section, the profile of a 2018 code (shown as its 2025 municipality), the portfolio of one
# province, two municipalities compared (the dropdown then lists both and counts them), a province's
# briefing.
QUERIES = {
    "/": ["", "?indicator=children_0_17&overlay=all"],
    "/behoefte": ["", "?region=brussels#need-gap-section"],
    "/data": ["#data-official"],
    "/gemeente": ["?nis=46029", "", "?nis=44011"],
    "/portfolio": ["", "?province=30000"],
    "/project": ["?id=lbn-001"],
    "/vergelijk": ["", "?nis=12041,46029"],
    "/briefing": ["?nis=46029", "?province=70000", ""],
}
# Pages outside Dash's registry that a user opens too (the login form is served by Flask).
OTHER_PAGES = ["/login?next=/upload"]


def page_urls() -> list[str]:
    """Every registered page's path (the app's registry, so a new page is checked without editing
    this test), with its queries."""
    urls = []
    for page in sorted(dash.page_registry.values(), key=lambda p: p["path"]):
        for query in QUERIES.get(page["path"], [""]):
            urls.append(page["path"] + query)
    return urls + OTHER_PAGES


def open_flags_per_year(duo) -> None:
    """The status page's flags per indicator and year (sent only when the section is opened)."""
    duo.driver.execute_script("document.getElementById('status-flags-per-year').click()")
    wait_until(duo, lambda: duo.driver.execute_script(
        "return !!document.getElementById('status-flags-year-table')"), "the flags per year did not open")


def open_chart_table(duo) -> None:
    """The comparison chart's table alternative (filled when first opened)."""
    duo.driver.execute_script("document.getElementById('compare-chart-table-toggle').click()")
    wait_until(duo, lambda: duo.driver.execute_script(
        "return !!document.getElementById('compare-chart-table')"), "the chart's table did not open")


def open_phone_menu(duo) -> None:
    """The navigation on a 390 px phone: the menu button, then its first group, opened."""
    duo.driver.set_window_size(390, 844)
    wait_until(duo, lambda: duo.driver.execute_script(
        "const b = document.getElementById('app-nav-toggle'); return b && b.offsetParent !== null"),
        "no menu button at 390 px")
    duo.driver.execute_script("document.getElementById('app-nav-toggle').click()")
    wait_until(duo, lambda: duo.driver.execute_script(
        "return document.getElementById('app-nav-toggle').getAttribute('aria-expanded') === 'true'"),
        "the phone menu did not open")
    duo.driver.execute_script("document.querySelector('#app-nav details > summary').click()")
    wait_until(duo, lambda: duo.driver.execute_script("return !!document.querySelector('#app-nav details[open]')"),
               "the menu's first group did not open")


# States only an action reaches, checked on the page just checked (no second load): (name, action).
ACTIONS = {
    "/status": [("flags per year opened", open_flags_per_year)],
    "/vergelijk?nis=12041,46029": [("chart table opened", open_chart_table)],
    "/overzicht": [("phone menu opened at 390 px", open_phone_menu)],
}


def with_lang(url: str, lang: str) -> str:
    """`url` with `lang=` in its query (before any #fragment)."""
    address, _, fragment = url.partition("#")
    address += f"{'&' if '?' in address else '?'}lang={lang}"
    return f"{address}#{fragment}" if fragment else address


def run_axe(duo) -> list[dict]:
    """axe's violations on the page shown, each reduced to what a developer needs to find it."""
    driver = duo.driver
    if not driver.execute_script("return typeof window.axe !== 'undefined'"):
        driver.execute_script(AXE.read_text(encoding="utf-8"))
    driver.set_script_timeout(60)
    violations = driver.execute_async_script(
        """
        const done = arguments[arguments.length - 1];
        axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}, resultTypes: ['violations']})
           .then(result => done(result.violations.map(v => ({
               id: v.id, impact: v.impact, help: v.help,
               targets: v.nodes.slice(0, 5).map(n => n.target.join(' ')),
               count: v.nodes.length}))))
           .catch(error => done([{id: 'axe-error', impact: 'critical', help: String(error),
                                  targets: [], count: 0}]));
        """, WCAG_21_AA)
    return violations


def settled(duo, url: str) -> None:
    """The page at `url` has rendered and its callbacks are done (axe then sees what a user sees)."""
    duo.driver.get(url)
    wait_until(duo, lambda: duo.driver.execute_script(
        "return document.readyState === 'complete' && !!document.querySelector('#_pages_content, main, form')"),
        f"{url} did not render")
    if not duo.driver.execute_script("return !!document.getElementById('react-entry-point')"):
        return  # a page served by Flask alone (the login form): nothing renders after the load
    wait_for_callbacks(duo, timeout=WAIT * 2)
    # a loading spinner still up means the content is not there yet
    wait_until(duo, lambda: not duo.driver.execute_script(
        "return !!document.querySelector('[data-dash-is-loading=\"true\"]')"), f"{url} still loading", WAIT * 2)


def test_every_page_has_no_wcag21_aa_violations_in_both_languages(start_app, real_warehouse):
    assert AXE.is_file(), f"axe-core missing: run scripts/setup.sh (or `cd frontend && npm ci`); looked for {AXE}"
    duo = start_app()
    urls = page_urls()
    assert {"/", "/gemeente?nis=46029", "/briefing?province=70000"} <= set(urls)
    found = {}
    for url in urls:
        for lang in ("nl", "en"):
            settled(duo, duo.server_url + with_lang(url, lang))
            violations = run_axe(duo)
            if violations:
                found[f"{url} ({lang})"] = violations
            for name, act in ACTIONS.get(url, []):
                try:
                    act(duo)
                    wait_for_callbacks(duo, timeout=WAIT * 2)
                    violations = run_axe(duo)
                finally:
                    duo.driver.set_window_size(1280, 900)
                if violations:
                    found[f"{url} ({lang}), {name}"] = violations
    assert not ACTIONS.keys() - set(urls), "a page with actions is not checked"
    assert not found, "axe-core WCAG 2.1 A/AA violations:\n" + json.dumps(found, indent=1, ensure_ascii=False)


def focus_ring(duo) -> dict:
    """The focused element and its outline as drawn (computed style)."""
    return duo.driver.execute_script(
        """
        const e = document.activeElement;
        if (!e || e === document.body) return null;
        const s = getComputedStyle(e);
        return {tag: e.tagName.toLowerCase(), id: e.id, cls: String(e.className).slice(0, 60),
                text: (e.innerText || e.value || e.getAttribute('aria-label') || '').slice(0, 40),
                style: s.outlineStyle, width: parseFloat(s.outlineWidth)};
        """)


def tab_stops(duo, limit: int = 150) -> list[dict]:
    """Every element Tab reaches from the top of the page (once round, at most `limit`), with its ring."""
    duo.driver.execute_script("document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0)")
    stops = []
    for _ in range(limit):
        ActionChains(duo.driver).send_keys(Keys.TAB).perform()
        ring = focus_ring(duo)
        if ring is None or ring in stops[:1]:
            break
        stops.append(ring)
    return stops


# The pages with Dash's dropdowns, slider and radio items (the controls whose own styles drop the outline).
FOCUS_PAGES = {"/": "#map-graph .js-plotly-plot", "/behoefte": "#need-rule", "/vergelijk": "#compare-mode"}


def test_every_control_shows_a_focus_outline_and_the_map_year_box_applies_on_enter(start_app, real_warehouse):
    duo = start_app()
    faint, kinds = {}, set()
    for path, ready in FOCUS_PAGES.items():
        settled(duo, f"{duo.server_url}{path}")
        duo.wait_for_element(ready, timeout=WAIT)
        stops = tab_stops(duo)
        kinds |= {(s["tag"], s["cls"].split(" ")[0]) for s in stops}
        thin = [s for s in stops if s["style"] == "none" or s["width"] < 2]
        if thin:
            faint[path] = thin
    assert ("button", "dash-dropdown") in kinds, f"the dropdowns are no tab stops: {sorted(kinds)}"
    assert ("span", "dash-slider-thumb") in kinds, f"the year slider is no tab stop: {sorted(kinds)}"
    assert ("input", "dash-options-list-option-checkbox") in kinds, f"the radio items are no tab stops: {sorted(kinds)}"
    assert not faint, f"controls without a visible focus outline (>= 2 px): {faint}"

    # the map's year box applies on Enter (it already did on leaving it), and keeps the focus
    settled(duo, f"{duo.server_url}/")
    duo.wait_for_element("#map-graph .js-plotly-plot", timeout=WAIT)
    thumb = duo.find_element("#map-year [role=slider]")
    first, now = int(thumb.get_attribute("aria-valuemin")), int(thumb.get_attribute("aria-valuenow"))
    assert first != now, "the map should open on its latest year"
    box = duo.find_element("#map-year input.dash-range-slider-input")
    assert box.get_attribute("aria-labelledby") == "map-year-label"
    box.click()
    box.send_keys(Keys.CONTROL, "a")
    box.send_keys(str(first), Keys.ENTER)
    wait_until(duo, lambda: duo.driver.execute_script(
        "return new URLSearchParams(window.location.search).get('year')") == str(first),
        "Enter in the year box did not apply the year")
    assert duo.driver.execute_script("return document.activeElement.matches('input.dash-range-slider-input')")
