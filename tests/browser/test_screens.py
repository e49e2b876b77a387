"""Every screen: every registered page at a phone width (390 px), a tablet width (768 px) and a laptop
width (1440 px), on the real warehouse, must not scroll sideways (the document is no wider than the
viewport); wide content scrolls inside its own box. A full-page screenshot of each is saved to
tests/screenshots/screens/ (gitignored) to look at, once the page has settled and its maps are drawn.

The viewport is set with Chromium's device-metrics override, so `window.innerWidth` is exactly the
width asked for, whatever the window's chrome.
"""
from __future__ import annotations

import base64
import re

import dash
import pytest

from tests.browser.conftest import SCREENSHOTS
from tests.browser.helpers import WAIT, text_of, wait_for_callbacks, wait_until

pytestmark = [pytest.mark.browser,
              pytest.mark.filterwarnings("ignore:HTTPResponse.getheader:DeprecationWarning")]

WIDTHS = (390, 768, 1440)
HEIGHT = 900
# A page that shows nothing without a query is opened with a real one (and some also without).
QUERIES = {
    "/gemeente": ["?nis=46029", ""],
    "/project": ["?id=lbn-001"],
    "/briefing": ["?nis=46029", "?province=70000"],
    "/vergelijk": ["?nis=46029", ""],
}
# Presentation mode on a projector: checked at its own width.
PRESENTING = ["/?present=1", "/gemeente?nis=46029&present=1", "/briefing?nis=46029&present=1"]

# The elements that stick out past the right edge, outermost first: what to fix when the test fails.
OVERFLOWING = """
const limit = window.innerWidth;
const out = [];
for (const el of document.body.querySelectorAll('*')) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.right <= limit + 1) continue;
    let clipped = false;
    for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
        const s = getComputedStyle(p);
        if (s.overflowX !== 'visible' && p.getBoundingClientRect().right <= limit + 1) { clipped = true; break; }
    }
    if (clipped) continue;
    if (out.some(o => o.el.contains(el))) continue;
    out.push({el: el, right: Math.round(r.right)});
    if (out.length >= 6) break;
}
return out.map(o => o.el.tagName.toLowerCase() + (o.el.id ? '#' + o.el.id : '') +
    (o.el.className && typeof o.el.className === 'string' ? '.' + o.el.className.trim().split(/\\s+/).join('.') : '') +
    ' right=' + o.right);
"""


def page_urls() -> list[str]:
    """Every registered page's path (the registry, so a new page is checked without editing this
    test), with its queries."""
    urls = []
    for page in sorted(dash.page_registry.values(), key=lambda p: p["path"]):
        for query in QUERIES.get(page["path"], [""]):
            urls.append(page["path"] + query)
    return urls


def set_viewport(duo, width: int, height: int = HEIGHT) -> None:
    """`width` x `height` CSS pixels, scrollbars overlaid as on a phone (so the layout gets all of `width`)."""
    duo.driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
        "width": width, "height": height, "deviceScaleFactor": 1, "mobile": False})
    duo.driver.execute_cdp_cmd("Emulation.setScrollbarsHidden", {"hidden": True})


def settled(duo, url: str) -> None:
    duo.driver.get(url)
    wait_until(duo, lambda: duo.driver.execute_script(
        "return document.readyState === 'complete' && !!document.querySelector('#_pages_content, main')"),
        f"{url} did not render")
    wait_for_callbacks(duo, timeout=WAIT * 2)
    wait_until(duo, lambda: not duo.driver.execute_script(
        "return !!document.querySelector('[data-dash-is-loading=\"true\"]')"), f"{url} still loading", WAIT * 2)


# Every map of the page (a figure with a MapLibre trace) has drawn its current view: MapLibre fires
# `idle` after the last frame of a change (style, sources, the fit of assets/map_fit.js) is painted;
# a new frame (`render`) makes it busy again.
MAPS_DRAWN = """
const figures = [...document.querySelectorAll('.js-plotly-plot')]
    .filter(gd => (gd.data || []).some(trace => /map$/.test(trace.type || '')));
return figures.every(gd => {
    const sub = gd._fullLayout && gd._fullLayout.map && gd._fullLayout.map._subplot;
    const map = sub && sub.map;
    if (!map) return false;
    if (!map.__drawnWatch) {
        map.__drawnWatch = true;
        map.__drawn = false;
        map.on('render', () => { map.__drawn = false; });
        map.on('idle', () => { map.__drawn = true; });
        map.triggerRepaint();
    }
    return map.__drawn && map.loaded() && !map.isMoving();
});
"""


def maps_drawn(duo, url: str) -> None:
    """Wait (bounded) until every map on the page is drawn, so its screenshot shows it."""
    wait_until(duo, lambda: duo.driver.execute_script(MAPS_DRAWN), f"{url}: a map was not drawn", WAIT)


def overflow(duo) -> tuple[int, int]:
    return tuple(duo.driver.execute_script(
        "return [document.documentElement.scrollWidth,"
        " Math.min(window.innerWidth, document.documentElement.clientWidth)]"))


def save_full_page(duo, name: str) -> None:
    folder = SCREENSHOTS / "screens"
    folder.mkdir(parents=True, exist_ok=True)
    shot = duo.driver.execute_cdp_cmd("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True})
    (folder / f"{name}.png").write_bytes(base64.b64decode(shot["data"]))


def shot_name(url: str, width: int) -> str:
    return f"{width}-" + (re.sub(r"[^a-z0-9]+", "-", url.lower()).strip("-") or "map")


# The year slider's tick labels that show, and whether any two touch.
SLIDER_MARKS = """
const marks = [...document.querySelectorAll('#map-year .dash-slider-mark, .map-year .dash-slider-mark')]
    .filter(m => getComputedStyle(m).visibility !== 'hidden' && m.getClientRects().length > 0)
    .map(m => m.getBoundingClientRect());
let touching = 0;
for (let i = 1; i < marks.length; i++) { if (marks[i].left < marks[i - 1].right + 2) touching += 1; }
return [marks.length, touching];
"""


def year_ticks(duo) -> tuple[int, int] | None:
    shown, touching = duo.driver.execute_script(SLIDER_MARKS)
    return (shown, touching) if shown else None


def check_pages(duo, urls: list[str], widths, slider_marks: dict | None = None) -> list[str]:
    """The pages wider than the viewport at each width; `slider_marks` gets the map's year ticks per width."""
    problems = []
    for width in widths:
        set_viewport(duo, width)
        for path in urls:
            settled(duo, duo.server_url + path)
            maps_drawn(duo, path)
            if slider_marks is not None and path == "/":
                slider_marks[width] = wait_until(duo, lambda: year_ticks(duo), f"no year ticks at {width} px")
            scroll_width, inner_width = overflow(duo)
            save_full_page(duo, shot_name(path, width))
            if scroll_width > inner_width:
                culprits = duo.driver.execute_script(OVERFLOWING)
                problems.append(f"{path} at {width} px: document {scroll_width} px wide; {culprits}")
    return problems


def test_no_page_scrolls_sideways_on_a_phone_a_tablet_or_a_laptop(start_app, real_warehouse):
    duo = start_app()
    urls = page_urls()
    assert {"/", "/gemeente?nis=46029", "/briefing?nis=46029", "/vergelijk?nis=46029"} <= set(urls)
    marks: dict[int, list[int]] = {}
    problems = check_pages(duo, urls, WIDTHS, marks)
    assert not problems, "pages wider than the viewport:\n" + "\n".join(problems)
    # the year slider on a phone shows fewer ticks than on a laptop, and none of them touch
    (phone, phone_touching), (laptop, _) = marks[390], marks[1440]
    assert 2 <= phone < laptop and phone_touching == 0, marks


def test_presentation_mode_fits_a_1920_screen(start_app, real_warehouse):
    duo = start_app()
    problems = check_pages(duo, PRESENTING, (1920,))
    assert not problems, "presentation wider than the screen:\n" + "\n".join(problems)

    # the main chart first, the method text one link away
    settled(duo, duo.server_url + "/gemeente?nis=46029&present=1")
    duo.wait_for_element("#profile-trends .js-plotly-plot", timeout=WAIT)
    top = "return document.querySelector(arguments[0]).getBoundingClientRect().top"
    assert duo.driver.execute_script(top, "#profile-trends") < duo.driver.execute_script(top, "#profile-identity")
    assert not visible(duo, "#profile-peers-method")
    method = duo.find_element("#app-present-method")
    assert method.is_displayed() and method.get_attribute("href").endswith("/data")
    settled(duo, duo.server_url + "/gemeente?nis=46029")
    assert visible(duo, "#profile-peers-method") and not visible(duo, "#app-present-method")


def visible(duo, selector: str) -> bool:
    return bool(duo.driver.execute_script(
        "const e = document.querySelector(arguments[0]); return !!e && e.getClientRects().length > 0", selector))


def open_written_question(duo, clicks: list[str]) -> None:
    """Click the given elements (XPath) in turn, each once it shows."""
    from selenium.webdriver.common.by import By

    for xpath in clicks:
        element = wait_until(duo, lambda xpath=xpath: next(
            (e for e in duo.driver.find_elements(By.XPATH, xpath) if e.is_displayed()), None), f"{xpath} not shown")
        element.click()
    wait_until(duo, lambda: "/portfolio" in duo.driver.current_url, "not on the portfolio page")
    wait_until(duo, lambda: duo.driver.execute_script(
        "const e = document.getElementById('portfolio-wq28');"
        "if (!e) return false; const r = e.getBoundingClientRect(); return r.top < window.innerHeight && r.bottom > 0"),
        "the written-question answer is not in view")


WQ28_LINK = "//nav[@id='app-nav']//a[normalize-space()='Schriftelijke vraag 28']"
INTERVENTIONS = "//nav[@id='app-nav']//summary[normalize-space()='Interventies']"


def test_navigation_is_one_line_of_menus_on_a_laptop_and_a_menu_button_on_a_phone(start_app, real_warehouse):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    duo = start_app()
    # a laptop: three menus on one line beside the title; the written-question answer in two clicks
    set_viewport(duo, 1440)
    settled(duo, duo.server_url + "/")
    assert not visible(duo, "#app-nav-toggle")
    tops = duo.driver.execute_script(
        "return [...document.querySelectorAll('#app-nav summary')].map(s => Math.round(s.getBoundingClientRect().top))")
    assert len(tops) == 3 and len(set(tops)) == 1, tops
    links = duo.driver.execute_script("return document.querySelectorAll('#app-nav a.nav-link').length")
    assert links == len([p for p in dash.page_registry.values() if p.get("nav_key")]) + 1  # + the written question
    open_written_question(duo, [INTERVENTIONS, WQ28_LINK])

    # the keyboard: Enter opens a menu, Escape closes it and leaves the focus on it
    settled(duo, duo.server_url + "/")
    summary = duo.driver.find_element(By.XPATH, INTERVENTIONS)
    duo.driver.execute_script("arguments[0].focus()", summary)
    summary.send_keys(Keys.ENTER)
    wait_until(duo, lambda: summary.find_element(By.XPATH, "..").get_attribute("open") is not None, "Enter did not open")
    summary.send_keys(Keys.ESCAPE)
    wait_until(duo, lambda: summary.find_element(By.XPATH, "..").get_attribute("open") is None, "Escape did not close")
    assert duo.driver.switch_to.active_element == summary

    # a phone: one Menu button (aria-expanded)
    set_viewport(duo, 390)
    settled(duo, duo.server_url + "/")
    toggle = duo.find_element("#app-nav-toggle")
    assert toggle.is_displayed() and toggle.get_attribute("aria-expanded") == "false"
    assert not visible(duo, "#app-nav-groups")
    # Escape closes the phone menu and gives the focus back to its button
    toggle.click()
    wait_until(duo, lambda: toggle.get_attribute("aria-expanded") == "true", "the menu did not open")
    duo.driver.switch_to.active_element.send_keys(Keys.ESCAPE)
    wait_until(duo, lambda: toggle.get_attribute("aria-expanded") == "false", "Escape did not close the menu")
    assert duo.driver.switch_to.active_element == toggle and not visible(duo, "#app-nav-groups")
    # every group is open in the phone menu: the answer in two taps, a province's workbook in three
    toggle.click()
    wait_until(duo, lambda: duo.driver.execute_script(
        "return [...document.querySelectorAll('#app-nav details')].every(d => d.open)"), "the phone menu's groups are closed")
    toggle.click()
    wait_until(duo, lambda: toggle.get_attribute("aria-expanded") == "false", "the button did not close the menu")
    open_written_question(duo, ["//button[@id='app-nav-toggle']", WQ28_LINK])
    # a new page closes the menu again
    wait_until(duo, lambda: duo.find_element("#app-nav-toggle").get_attribute("aria-expanded") == "false",
               "the menu stays open on the new page")
    assert duo.get_logs() == []


def test_comparison_without_a_choice_shows_guidance_not_empty_axes(start_app, real_warehouse):
    duo = start_app()
    settled(duo, duo.server_url + "/vergelijk")
    guide = duo.wait_for_element("#compare-guide", timeout=WAIT)
    assert "Kies tot 6 gemeenten" in guide.text
    assert not duo.driver.find_elements("css selector", "#compare-graph")
    settled(duo, duo.server_url + "/vergelijk?nis=46029")
    duo.wait_for_element("#compare-trend .js-plotly-plot", timeout=WAIT)
    assert not duo.driver.find_elements("css selector", "#compare-guide")
    # the peers' lines are named at their ends
    settled(duo, duo.server_url + "/vergelijk?nis=46029&group=peers")
    names = wait_until(duo, lambda: duo.driver.execute_script(
        "return [...document.querySelectorAll('#compare-graph .annotation-text')].map(e => e.textContent)"),
        "no names at the peer lines' ends")
    assert len(names) == 10 and "Lokeren" not in names, names


# Links made before the mergers: (URL with a 2018 or 2019 code, the 2025 municipality shown).
OLDER_CODES = [("/?nis=44011", "44083"), ("/vergelijk?nis=12030,46014&lang=en", "12041"),
               ("/briefing?nis=44011", "44083"), ("/portfolio?nis=44045", "46029")]


def test_pages_show_the_2025_municipality_of_an_older_code_and_say_so(start_app, real_warehouse):
    from urllib.parse import unquote

    duo = start_app()
    for path, new in OLDER_CODES:
        settled(duo, duo.server_url + path)
        note = wait_until(duo, lambda: text_of(duo, ".vintage-note"), f"{path}: no note")
        old = re.search(r"nis=([0-9]{5})", path).group(1)
        assert old in note and f"({new})" in note and ("2025" in note), note
        # the page shows the 2025 municipality (its choice, written back into the address bar)
        wait_until(duo, lambda new=new: new in unquote(duo.driver.execute_script("return location.search")),
                   f"{path}: {new} not chosen")
    assert duo.get_logs() == []


# Flanders and Brussels (west, south, east, north), as in dashboard/assets/map_fit.js.
FLANDERS_AND_BRUSSELS = (2.54, 50.68, 5.92, 51.51)
MAP_BOUNDS = """
const gd = document.querySelector('#map-graph .js-plotly-plot');
const sub = gd && gd._fullLayout && gd._fullLayout.map && gd._fullLayout.map._subplot;
if (!sub || !sub.map) return null;
const b = sub.map.getBounds();
return [b.getWest(), b.getSouth(), b.getEast(), b.getNorth(), gd._fullLayout.map.zoom];
"""


@pytest.mark.parametrize("width", WIDTHS)
def test_the_map_opens_on_all_of_flanders_and_brussels(start_app, real_warehouse, width):
    duo = start_app()
    set_viewport(duo, width)
    settled(duo, duo.server_url + "/")
    west, south, east, north = FLANDERS_AND_BRUSSELS

    def fitted():
        bounds = duo.driver.execute_script(MAP_BOUNDS)
        if not bounds:
            return None
        w, s, e, n, _zoom = bounds
        return bounds if w <= west and e >= east and s <= south and n >= north else None

    bounds = wait_until(duo, fitted, f"the map at {width} px does not show all of Flanders and Brussels: "
                                     f"{duo.driver.execute_script(MAP_BOUNDS)}")
    # and it is not a far-away view either: Flanders spans at least 3/4 of the map's width
    w, _s, e, _n, _zoom = bounds
    assert (east - west) / (e - w) >= 0.75, bounds


# A4 portrait less the 1.2 cm margins of the print style, in CSS pixels (96 per inch).
A4_PRINT_WIDTH = round((21.0 - 2 * 1.2) / 2.54 * 96)


# The briefing's key tables: every column in view on a tablet and a desktop (no scrollbar hiding the change).
TABLE_CUT = """return [...document.querySelectorAll('.briefing-sheet .table-scroll')]
    .filter(b => b.scrollWidth > b.clientWidth + 1)
    .map(b => b.firstElementChild.id + ' ' + b.scrollWidth + '>' + b.clientWidth)"""
# A page object of a PDF ("/Type /Page", not the "/Type /Pages" tree).
PDF_PAGE = re.compile(rb"/Type\s*/Page\b")


def test_the_briefing_fits_a_desktop_and_prints_on_one_a4_page(start_app, real_warehouse):
    duo = start_app()
    for name, query in [("46029", "nis=46029"), ("46029-en", "nis=46029&lang=en"), ("30000-en", "province=30000&lang=en")]:
        set_viewport(duo, 1440)
        settled(duo, duo.server_url + "/briefing?" + query)
        duo.wait_for_element("#briefing-figures", timeout=WAIT)
        assert duo.driver.execute_script(TABLE_CUT) == [], query
        set_viewport(duo, 768)  # the same sheet laid out again: no reload needed
        assert duo.driver.execute_script(TABLE_CUT) == [], (query, 768)
        set_viewport(duo, A4_PRINT_WIDTH)
        duo.driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
        try:
            scroll_width, inner_width = overflow(duo)
            assert scroll_width <= inner_width, (scroll_width, inner_width, duo.driver.execute_script(OVERFLOWING))
            # nothing of the sheet is cut off at the right edge of the paper
            right = duo.driver.execute_script(
                "return Math.max(...[...document.querySelectorAll('.briefing-sheet *')]"
                ".map(e => e.getBoundingClientRect().right))")
            assert right <= inner_width + 1, right
            pdf = duo.driver.execute_cdp_cmd("Page.printToPDF", {"paperWidth": 8.27, "paperHeight": 11.69,
                                                                 "preferCSSPageSize": True, "printBackground": True})
            data = base64.b64decode(pdf["data"])
            folder = SCREENSHOTS / "screens"
            folder.mkdir(parents=True, exist_ok=True)
            (folder / f"briefing-{name}-a4.pdf").write_bytes(data)
            # the page promises one page per municipality or province
            assert len(PDF_PAGE.findall(data)) == 1, (query, len(PDF_PAGE.findall(data)))
        finally:
            duo.driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})


# Words of the comparison ranking's name cells (name and province) laid out over more than one line:
# each run of letters between spaces and hyphens is a Range; its client rects on two line tops mean
# the browser broke the word inside (issue 14 follow-up: "Sint-Pieters-Leeu|w" at 390 px).
SPLIT_NAME_WORDS = """
const split = [];
let words = 0;
for (const cell of document.querySelectorAll('#compare-ranking-body th')) {
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let text = walker.nextNode(); text; text = walker.nextNode()) {
        if (text.parentElement.closest('.visually-hidden') || !text.parentElement.getClientRects().length) continue;
        for (const m of text.data.matchAll(/[^\\s-]+-?/g)) {
            const range = document.createRange();
            range.setStart(text, m.index);
            range.setEnd(text, m.index + m[0].length);
            const tops = new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top)));
            words += 1;
            if (tops.size > 1) split.push(text.data);
        }
    }
}
return [words, split];
"""


def test_comparison_ranking_names_break_only_between_words_on_a_phone(start_app, real_warehouse):
    """At 390 px every municipality (all pages of the ranking) and its province break at spaces and
    hyphens only, in Dutch and English; neither the page nor the ranking's box scrolls sideways."""
    duo = start_app()
    set_viewport(duo, 390)
    for lang in ("nl", "en"):
        settled(duo, f"{duo.server_url}/vergelijk?nis=46029&lang={lang}")
        wait_until(duo, lambda: duo.driver.find_elements("css selector", "#compare-ranking-body th a"), "no ranking")
        names, split = set(), []
        while True:
            first = duo.driver.execute_script("return document.querySelector('#compare-ranking-body th a').textContent")
            names |= set(duo.driver.execute_script(
                "return [...document.querySelectorAll('#compare-ranking-body th a')].map(a => a.textContent)"))
            words, page_split = duo.driver.execute_script(SPLIT_NAME_WORDS)
            assert words >= 2  # a name and its province at least (the last page has 4 rows)
            split += page_split
            scroll_width, inner_width = overflow(duo)
            assert scroll_width <= inner_width, (lang, scroll_width, duo.driver.execute_script(OVERFLOWING))
            box = duo.driver.execute_script(
                "const b = document.getElementById('compare-ranking'); return [b.scrollWidth, b.clientWidth]")
            assert box[0] <= box[1], (lang, box)  # the values are in view beside the names, no swipe
            if duo.driver.execute_script("return document.getElementById('compare-next').disabled"):
                break
            duo.driver.execute_script("document.getElementById('compare-next').click()")
            wait_until(duo, lambda shown=first: duo.driver.execute_script(
                "return document.querySelector('#compare-ranking-body th a').textContent") != shown, "no next page")
        assert len(names) == 304 and {"Sint-Pieters-Leeuw", "Scherpenheuvel-Zichem"} <= names, len(names)
        assert split == [], (lang, split)


# Words in table cells laid out over more than one line, or past their cell's right edge: each run of
# characters between spaces, hyphens and soft hyphens is a Range (a break at a hyphen shows one); client
# rects on two line tops mean the browser broke the word inside. Badges (flags) past the cell count too.
SPLIT_CELL_WORDS = """
const out = {words: 0, flags: 0, split: [], outside: []};
for (const cell of document.querySelectorAll(arguments[0])) {
    if (!cell.getClientRects().length) continue;
    const edge = cell.getBoundingClientRect().right + 0.5;
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let text = walker.nextNode(); text; text = walker.nextNode()) {
        if (text.parentElement.closest('.visually-hidden') || !text.parentElement.getClientRects().length) continue;
        for (const m of text.data.matchAll(/[^\\s\\u00ad-]+[\\u00ad-]?/g)) {
            const range = document.createRange();
            range.setStart(text, m.index);
            range.setEnd(text, m.index + m[0].length);
            const rects = [...range.getClientRects()].filter(r => r.width > 0);
            out.words += 1;
            if (new Set(rects.map(r => Math.round(r.top))).size > 1) out.split.push(text.data);
            if (rects.some(r => r.right > edge)) out.outside.push(text.data);
        }
    }
    for (const flag of cell.querySelectorAll('.flag')) {
        out.flags += 1;
        if (flag.getBoundingClientRect().right > edge) out.outside.push(flag.textContent);
    }
}
return out;
"""


def test_phone_table_values_and_facts_break_only_between_words(start_app, real_warehouse):
    """The comparison ranking's values (a count's long unit, a difference in percentage points, the
    flags) and the portfolio's programme facts (long Dutch compounds) break only between words at
    390 px, in Dutch and English, and at 360 px the flags stay in their cells; the page does not scroll
    sideways and neither does the ranking's box. (The projects table's address column breaks on purpose.)"""
    duo = start_app()
    ranking_cells = "#compare-ranking-body td, #compare-ranking-body th, #compare-ranking-table thead th"
    views = [(390, "/vergelijk?nis=46029&indicator=children_0_17", ranking_cells),
             (390, "/vergelijk?nis=46029&indicator=arop_admin", ranking_cells),
             (390, "/portfolio", ".facts-table th, .facts-table td"),
             (360, "/vergelijk?nis=46029&indicator=children_0_17", ranking_cells)]
    for lang in ("nl", "en"):
        for width, path, cells in views:
            set_viewport(duo, width)
            settled(duo, f"{duo.server_url}{path}&lang={lang}" if "?" in path else f"{duo.server_url}{path}?lang={lang}")
            if path.startswith("/vergelijk"):
                wait_until(duo, lambda: duo.driver.find_elements("css selector", "#compare-ranking-body td"), "no ranking")
                box = duo.driver.execute_script(
                    "const b = document.getElementById('compare-ranking'); return [b.scrollWidth, b.clientWidth]")
                assert box[0] <= box[1], (width, path, lang, box)
            else:  # the facts are folded on a phone: open them all
                wait_until(duo, lambda: duo.driver.find_elements("css selector", ".facts-table td"), "no facts")
                duo.driver.execute_script("document.querySelectorAll('details.programme-facts').forEach(d => d.open = true)")
            found = duo.driver.execute_script(SPLIT_CELL_WORDS, cells)
            assert found["words"] > 200, (width, path, lang, found["words"])
            if "children_0_17" in path:
                assert found["flags"] > 0  # "Herberekend 2025" / "Recomputed 2025" (merged municipalities)
            assert found["split"] == [] and found["outside"] == [], (width, path, lang, found)
            scroll_width, inner_width = overflow(duo)
            assert scroll_width <= inner_width, (width, path, lang, duo.driver.execute_script(OVERFLOWING))
