"""The municipality profile and the comparison page in headless Chromium, against the real warehouse
built from the mirror (session fixture `built_warehouse`, opened read-only)."""
from __future__ import annotations

import csv
import io
from functools import partial

import pytest
from openpyxl import load_workbook
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from tests.browser import helpers
from tests.browser.helpers import allow_downloads, click, wait_for_callbacks
from tests.browser.test_accessibility import run_axe
from tests.browser.test_screens import set_viewport

WAIT = 15
# This page's tests wait at most WAIT seconds, as they always did.
wait_until = partial(helpers.wait_until, timeout=WAIT)
wait_for_file = partial(helpers.wait_for_file, timeout=WAIT)
pytestmark = [pytest.mark.browser,
              pytest.mark.filterwarnings("ignore:HTTPResponse.getheader:DeprecationWarning")]


def table_rows(rows: list[list[str]], first_header: str) -> list[list[str]]:
    """A CSV's table: its header row and what follows, after the lines on where the figures come from."""
    return rows[next(i for i, r in enumerate(rows) if r[:1] == [first_header]):]


def ranking_names(duo) -> list[str]:
    return duo.driver.execute_script(
        "return Array.from(document.querySelectorAll('#compare-ranking-body tr th a')).map(a => a.textContent)")


def test_profile_of_a_2025_merger(start_app, real_warehouse, screenshot, download_dir):
    duo = start_app()
    allow_downloads(duo, download_dir)
    duo.wait_for_page(url=f"{duo.server_url}/gemeente?nis=46029")
    duo.wait_for_text_to_equal("#profile-title", "Lokeren", timeout=WAIT)
    merger = duo.wait_for_element("#profile-merger-2019", timeout=WAIT)
    assert "Moerbeke (44045)" in merger.text and "herberekend" in merger.text
    summary = duo.find_element("#profile-summary-table")
    text = summary.text
    assert "Administratief armoederisico" in text and "Herberekend 2025" in text
    assert "van 304" in text  # rank among the 304
    # flag notes are numbered footnotes, with names, not bare codes
    assert "Moerbeke (44045) en Lokeren (46014)" in duo.find_element("#profile-summary-notes").text
    peers = duo.find_element("#profile-peers")
    assert len(peers.find_elements(By.TAG_NAME, "a")) == 10
    assert "gestandaardiseerde" in duo.find_element("#profile-peers-method").text
    # a chart per indicator (drawn one after the other: assets/staged_charts.js), each with its table alternative
    wait_until(duo, lambda: len(duo.driver.find_elements(By.CSS_SELECTOR, ".chart-card .js-plotly-plot")) >= 10,
               "fewer than 10 charts drawn")
    click(duo, duo.find_element("#profile-chart-table-toggle-0"))
    table = duo.wait_for_element("#profile-chart-table-arop_admin", timeout=WAIT)
    wait_until(duo, lambda: table.is_displayed() and "2015" in table.text, "chart table not shown")
    assert "Oost-Vlaanderen" in table.text and "Vlaams Gewest" in table.text
    # interventions: networks in Lokeren or province-wide (none for Oost-Vlaanderen) and local teams
    interventions = duo.find_element("#profile-interventions")
    assert "Opgroeien" in interventions.text
    path = screenshot("profile_lokeren_nl")
    assert path.stat().st_size > 20_000

    # print button calls window.print (stubbed here)
    duo.driver.execute_script("window.__printed = 0; window.print = function() { window.__printed += 1; };")
    click(duo, duo.find_element("#profile-print"))
    wait_until(duo, lambda: duo.driver.execute_script("return window.__printed") == 1, "print not called")

    # CSV: labels, Belgian notation
    click(duo, duo.find_element("#profile-csv"))
    csv_file = wait_for_file(download_dir, ".csv")
    content = csv_file.read_text(encoding="utf-8-sig")
    rows = table_rows(list(csv.reader(io.StringIO(content), delimiter=";")), "Gebied")
    assert rows[0][:5] == ["Gebied", "Indicator", "Eenheid", "Jaar", "Waarde"]
    arop = [r for r in rows[1:] if r[0] == "Lokeren" and r[1] == "Administratief armoederisico"]
    assert [r[3] for r in arop] == [str(y) for y in range(2015, 2023)]
    assert all("," in r[4] and "." not in r[4] for r in arop)
    assert {r[5] for r in arop} == {"Herberekend 2025"}
    # Excel: real numbers
    click(duo, duo.find_element("#profile-xlsx"))
    xlsx = wait_for_file(download_dir, ".xlsx")
    wb = load_workbook(xlsx)
    assert wb.sheetnames[:2] == ["Samenvatting", "Reeksen"]
    values = [row for row in wb["Reeksen"].iter_rows(values_only=True) if row[0] == "Lokeren" and row[1] == "Administratief armoederisico"]
    # numbers, not text (a value rounded to a whole number, 9.0, reads back from the file as int 9)
    assert len(values) == 8 and all(isinstance(r[4], (int, float)) and not isinstance(r[4], bool) for r in values)
    assert duo.get_logs() == []


# The trend charts: how many (and cards for them), how many are the nodes marked by MARK_CHARTS, the name of each one's own
# line, the municipality code in each PNG file name, and whether any is still being drawn.
CHARTS = """
const gds = [...document.querySelectorAll('.chart-card .js-plotly-plot')];
const svg = g => g.querySelector('.main-svg');
return {n: gds.length, cards: document.querySelectorAll('.chart-card').length, kept: gds.filter(g => g.__kept && svg(g) && svg(g).__kept).length,
        names: [...new Set(gds.map(g => g.data && g.data[0] && g.data[0].name))],
        files: [...new Set(gds.map(g => (g._context.toImageButtonOptions.filename.match(/[0-9]{5}/) || [''])[0]))],
        pending: document.querySelectorAll('.chart-card .dash-graph--pending').length};
"""
PRINT_RECORDS_CHARTS = """window.print = function() { window.__printedCharts = [...new Set(
    [...document.querySelectorAll('.chart-card .js-plotly-plot')].map(g => g.data[0].name))]; };"""
MARK_CHARTS = "document.querySelectorAll('.chart-card .js-plotly-plot').forEach(g => { g.__kept = g.querySelector('.main-svg').__kept = true; });"
TABLE_OPEN = "return document.getElementById('profile-chart-table-toggle-0').parentElement.open"


def test_profile_switches_municipality_and_url(start_app, real_warehouse, screenshot):
    duo = start_app()
    duo.wait_for_page(url=f"{duo.server_url}/gemeente?nis=46029&lang=en")
    duo.wait_for_text_to_equal("#profile-title", "Lokeren", timeout=WAIT)
    charts = wait_until(duo, lambda: (c := duo.driver.execute_script(CHARTS))["n"] == c["cards"] >= 10
                        and not c["pending"] and c, "charts not drawn")
    assert charts["names"] == ["Lokeren"] and charts["files"] == ["46029"]
    duo.driver.execute_script(MARK_CHARTS)
    click(duo, duo.find_element("#profile-chart-table-toggle-0"))
    wait_until(duo, lambda: "Lokeren" in duo.find_element("#profile-chart-table-arop_admin").text, "no chart table")
    duo.find_element("#profile-nis").click()
    box = wait_until(duo, lambda: duo.driver.find_elements(By.CSS_SELECTOR, ".dash-dropdown-search"), "no search box")[0]
    box.send_keys("Gent")

    def option():
        return next((o for o in duo.driver.find_elements(By.CSS_SELECTOR, ".dash-dropdown-option")
                     if o.text.strip() == "Gent (East Flanders)"), None)  # province in the page language

    wait_until(duo, option, "no option Gent").click()
    duo.wait_for_text_to_equal("#profile-title", "Gent", timeout=WAIT)
    wait_until(duo, lambda: "nis=44021" in duo.driver.current_url, "URL not updated")
    assert "lang=en" in duo.driver.current_url
    # the language switch follows the new municipality
    wait_until(duo, lambda: "nis=44021" in duo.find_element("#app-lang-nl").get_attribute("href"), "switch stale")
    assert "Latest value, rank and change" in duo.find_element("#profile-summary").text
    # only what changed was sent (pages/profile/update.py): the charts are the same nodes, redrawn in
    # place with Gent's figures (no new plot: the PNG's new name does not make plotly start over); those
    # far below the window when they are seen (our plotly.js holds a redraw out of sight), or before
    # the print button prints (the print is stubbed: it records the charts' municipalities)
    wait_for_callbacks(duo)
    assert "Lokeren" in duo.driver.execute_script(CHARTS)["names"]
    duo.driver.execute_script(PRINT_RECORDS_CHARTS)
    click(duo, duo.find_element("#profile-print"))
    assert wait_until(duo, lambda: duo.driver.execute_script("return window.__printedCharts"),
                      "print not called") == ["Gent"]
    charts = wait_until(duo, lambda: (c := duo.driver.execute_script(CHARTS))["names"] == ["Gent"]
                        and not c["pending"] and c, "charts not redrawn for Gent")
    assert charts["kept"] == charts["n"] >= 10 and charts["files"] == ["44021"], charts
    # the chart's table, filled for Lokeren, is closed; opened again it shows Gent
    assert duo.driver.execute_script(TABLE_OPEN) is False
    click(duo, duo.find_element("#profile-chart-table-toggle-0"))
    wait_until(duo, lambda: "Gent" in duo.find_element("#profile-chart-table-arop_admin").text, "chart table not Gent's")
    assert "Lokeren" not in duo.find_element("#profile-chart-table-arop_admin").text
    screenshot("profile_gent_en")
    # the URL restores the view
    duo.driver.get(duo.driver.current_url)
    duo.wait_for_text_to_equal("#profile-title", "Gent", timeout=WAIT)
    assert duo.get_logs() == []


# The first trend chart's drawn size, its tick labels' type, and whether every chart is drawn.
FIRST_CHART = """
const gds = [...document.querySelectorAll('.chart-card .js-plotly-plot')];
const gd = gds[0], svg = gd && gd.querySelector('.main-svg'), tick = gd && gd.querySelector('.xtick text');
return gd && svg && tick && {n: gds.length, width: Number(svg.getAttribute('width')), height: Number(svg.getAttribute('height')),
    font: parseFloat(tick.style.fontSize), pending: document.querySelectorAll('.chart-card .dash-graph--pending').length};
"""


def test_profile_presented_on_a_projector(start_app, real_warehouse, screenshot):
    """Presentation mode at 1920 x 1080 (review 9, finding 5): the trend charts one a row, wide and tall,
    with type to read from the back of a room; the value notes behind the "Method" link; back on a
    desk (Escape) the charts are the desk's again, without a new page."""
    duo = start_app()
    set_viewport(duo, 1920, 1080)
    duo.wait_for_page(url=f"{duo.server_url}/gemeente?nis=46029&lang=en&present=1")
    duo.wait_for_text_to_equal("#profile-title", "Lokeren", timeout=WAIT)
    big = wait_until(duo, lambda: (c := duo.driver.execute_script(FIRST_CHART)) and c["n"] >= 10 and not c["pending"]
                     and c["width"] >= 1000 and c["height"] >= 400 and c["font"] >= 18 and c, "charts not large")
    notes = duo.find_element("#profile-summary-notes")
    assert not notes.is_displayed()
    link = duo.find_element("#profile-summary-notes-method").find_element(By.XPATH, "../button")
    assert link.text == "Method"
    click(duo, link)
    wait_until(duo, notes.is_displayed, "notes not shown by the Method link")
    assert "Recomputed for the 2025 municipality" in notes.text
    screenshot("profile_presenting_en")
    duo.find_element("body").send_keys(Keys.ESCAPE)
    desk = wait_until(duo, lambda: (c := duo.driver.execute_script(FIRST_CHART)) and c["n"] >= 10 and c["font"] == 12
                      and c["height"] == 240 and not c["pending"] and c, "charts not back to the desk's")
    assert desk["width"] < big["width"]
    assert duo.get_logs() == []


def test_profile_unknown_and_missing_nis(start_app, real_warehouse, screenshot):
    duo = start_app()
    duo.wait_for_page(url=f"{duo.server_url}/gemeente?nis=99999")
    notice = duo.wait_for_element("#profile-unknown", timeout=WAIT)
    assert "99999" in notice.text and "Onbekende gemeente" in notice.text
    screenshot("profile_unknown_nl")
    duo.wait_for_page(url=f"{duo.server_url}/gemeente?nis=46014")  # Lokeren's pre-2025 code: the 2025 Lokeren
    duo.wait_for_text_to_equal("#profile-title", "Lokeren", timeout=WAIT)
    duo.wait_for_contains_text(".vintage-note", "Lokeren (46029)", timeout=WAIT)
    assert "46014" in duo.find_element(".vintage-note").text
    duo.wait_for_page(url=f"{duo.server_url}/gemeente?nis=%3Cscript%3E")
    notice = duo.wait_for_element("#profile-unknown", timeout=WAIT)
    assert "<script>" in notice.text
    duo.wait_for_page(url=f"{duo.server_url}/gemeente")
    duo.wait_for_element("#profile-none", timeout=WAIT)
    assert duo.get_logs() == []


def test_compare_chosen_sorting_downloads_and_url(start_app, real_warehouse, screenshot, download_dir):
    duo = start_app()
    allow_downloads(duo, download_dir)
    duo.wait_for_page(url=f"{duo.server_url}/vergelijk?indicator=arop_admin&nis=46029,44021,11002&start=2016&end=2022")
    duo.wait_for_element("#compare-trend .js-plotly-plot", timeout=WAIT)
    wait_until(duo, lambda: len(ranking_names(duo)) == 50, "ranking not shown")
    assert duo.find_element("#compare-page-info").text == "Rijen 1–50 van 304"
    legend = duo.find_element("#compare-trend").text
    for name in ("Lokeren", "Gent", "Antwerpen", "Vlaams Gewest"):
        assert name in legend
    table = duo.find_element("#compare-ranking-table")
    headers = table.find_element(By.TAG_NAME, "thead").text
    assert "Waarde 2016" in headers and "Waarde 2022" in headers and "Verschil (procentpunt)" in headers
    first = ranking_names(duo)[0]
    screenshot("compare_chosen_nl")
    # pages of 50 (all 304 are sorted together)
    click(duo, duo.find_element("#compare-next"))
    duo.wait_for_text_to_equal("#compare-page-info", "Rijen 51–100 van 304", timeout=WAIT)
    assert ranking_names(duo)[0] != first

    # sort by name (keyboard), then reverse
    button = duo.find_element('button[id*="compare-sort-button"][id*="\\"name\\""]')
    th = button.find_element(By.XPATH, "..")
    button.send_keys(Keys.ENTER)
    wait_until(duo, lambda: th.get_attribute("aria-sort") == "ascending", "not sorted by name")
    wait_until(duo, lambda: ranking_names(duo)[0] == "Aalst", "A-Z not shown")
    click(duo, button)
    wait_until(duo, lambda: th.get_attribute("aria-sort") == "descending", "not descending")
    wait_until(duo, lambda: ranking_names(duo)[0].startswith("Zw"), "Z-A not shown")
    assert "sort=name-desc" in duo.driver.current_url
    # by end value: most need first, values descending
    end_button = duo.find_element('button[id*="compare-sort-button"][id*="\\"end\\""]')
    click(duo, end_button)
    wait_until(duo, lambda: ranking_names(duo)[0] == first, "end value order differs from rank order")

    click(duo, duo.find_element("#compare-csv"))
    csv_file = wait_for_file(download_dir, ".csv")
    rows = table_rows(list(csv.reader(io.StringIO(csv_file.read_text(encoding="utf-8-sig")), delimiter=";")),
                      "Rang 2022")
    assert rows[0][:4] == ["Rang 2022", "Gemeente", "NIS-code (2025)", "Provincie"]
    assert len(rows) == 305
    assert sum(1 for r in rows[1:] if r[10] == "ja") == 3
    click(duo, duo.find_element("#compare-xlsx"))
    wb = load_workbook(wait_for_file(download_dir, ".xlsx"))
    ranking = list(wb["Rangschikking"].iter_rows(values_only=True))
    header = next(i for i, r in enumerate(ranking) if r[0] == "Rang 2022")
    body = ranking[header + 1:]
    assert len(body) == 304 and isinstance(body[0][4], float)
    assert duo.get_logs() == []


def test_compare_url_restores_peer_group_view(start_app, real_warehouse, screenshot):
    duo = start_app()
    duo.wait_for_page(url=f"{duo.server_url}/vergelijk?indicator=adi_median&nis=46029&group=peers"
                          f"&start=2015&end=2022&sort=change-desc&lang=en")
    duo.wait_for_element("#compare-trend .js-plotly-plot", timeout=WAIT)
    wait_until(duo, lambda: len(ranking_names(duo)) == 50, "ranking not shown")
    wait_until(duo, lambda: duo.find_element("#compare-indicator").text.startswith("Median"), "indicator not restored")
    assert "standardised" in duo.find_element("#compare-method").text
    th = duo.find_element('th[id*="compare-sort-th"][id*="\\"change\\""]')
    assert th.get_attribute("aria-sort") == "descending"
    assert "Peer group (10 municipalities)" in duo.find_element("#compare-trend").text
    screenshot("compare_peers_en")
    # only the group
    click(duo, duo.find_element("#compare-only input"))
    wait_until(duo, lambda: len(ranking_names(duo)) == 11, "not filtered to the group")
    assert len(duo.driver.find_elements(By.CSS_SELECTOR, "#compare-ranking-body tr.is-selected")) == 11
    # a province
    duo.wait_for_page(url=f"{duo.server_url}/vergelijk?indicator=arop_admin&group=70000")
    wait_until(duo, lambda: len(ranking_names(duo)) == 50, "ranking not shown")
    assert "Limburg" in duo.find_element("#compare-trend").text
    assert "Limburg" in duo.find_element("#compare-method").text
    screenshot("compare_province_nl")
    assert duo.get_logs() == []


# The ranking on a 390 px phone (review 8a #8): per row, the cells in view inside the table's box.
PHONE_RANKING = """
const box = document.getElementById('compare-ranking').getBoundingClientRect();
const inside = e => { const r = e.getBoundingClientRect(); return r.width > 0 && r.left >= box.left - 1 && r.right <= box.right + 1; };
const rows = [...document.querySelectorAll('#compare-ranking-body tr')];
const shown = e => getComputedStyle(e).display !== 'none';
return {
  page: document.documentElement.scrollWidth - window.innerWidth,
  values: rows.filter(tr => [3, 4, 5].every(i => inside(tr.children[i]))).length,
  rows: rows.length,
  rank: Math.round(rows[0].children[0].getBoundingClientRect().width),
  caption: inside(document.getElementById('compare-ranking-caption')),
  province: rows.filter(tr => shown(tr.children[2])).length,
  under: rows.filter(tr => [...tr.querySelectorAll('.ranking-province')].some(s => shown(s) && s.textContent)).length,
};
"""


def test_compare_ranking_on_a_phone_shows_the_values(start_app, real_warehouse, screenshot):
    duo = start_app()
    duo.driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                               {"width": 390, "height": 900, "deviceScaleFactor": 1, "mobile": False})
    duo.driver.execute_cdp_cmd("Emulation.setScrollbarsHidden", {"hidden": True})
    try:
        duo.wait_for_page(url=f"{duo.server_url}/vergelijk?indicator=arop_admin&nis=46029&group=peers&lang=en")
        wait_until(duo, lambda: len(ranking_names(duo)) == 50, "ranking not shown")
        helpers.wait_for_callbacks(duo, timeout=WAIT)
        phone = duo.driver.execute_script(PHONE_RANKING)
        # both years and the difference beside the name in every row, a rank column as narrow as a rank,
        # the caption whole, the province under the name instead of in its own column; nothing sideways
        assert phone == {"page": 0, "values": 50, "rows": 50, "rank": phone["rank"], "caption": True,
                         "province": 0, "under": 50}, phone
        assert phone["rank"] <= 56, phone
        assert "before rounding" in duo.find_element("#compare-ranking-caption").text
        # only the group: its rows (marked as chosen) show their values too, and pass axe
        click(duo, duo.find_element("#compare-only input"))
        wait_until(duo, lambda: len(ranking_names(duo)) == 11, "not filtered to the group")
        assert len(duo.driver.find_elements(By.CSS_SELECTOR, "#compare-ranking-body tr.is-selected")) == 11
        group = duo.driver.execute_script(PHONE_RANKING)
        assert group["values"] == group["rows"] == group["under"] == 11 and group["page"] == 0, group
        assert run_axe(duo) == []
        screenshot("compare_peers_en_390")
    finally:
        duo.driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    # the laptop layout keeps its columns and shows no phone-only text
    duo.driver.set_window_size(1440, 900)
    desktop = duo.driver.execute_script(PHONE_RANKING)
    assert desktop["province"] == desktop["rows"] == 11 and desktop["under"] == 0, desktop
    assert duo.get_logs() == []
