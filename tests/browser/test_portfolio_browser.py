"""The portfolio (/portfolio) and the action plan (/actieplan) in headless Chromium, against the real
warehouse built from the mirror (session fixture `built_warehouse`, opened read-only)."""
from __future__ import annotations

import csv
import io

import pytest
from openpyxl import load_workbook
from selenium.webdriver.common.by import By

from tests.browser.helpers import allow_downloads, click, text_of, wait_for_file, wait_until

WAIT = 20
pytestmark = [pytest.mark.browser,
              pytest.mark.filterwarnings("ignore:HTTPResponse.getheader:DeprecationWarning")]


def choose(duo, dropdown_id: str, label: str) -> None:
    """Open a Dash 4 dropdown and click the option with exactly this label."""
    click(duo, duo.find_element(f"#{dropdown_id}"))
    wait_until(duo, lambda: any(o.text == label for o in duo.driver.find_elements(By.CSS_SELECTOR, ".dash-dropdown-option")),
               f"no option {label} in {dropdown_id}")
    option = next(o for o in duo.driver.find_elements(By.CSS_SELECTOR, ".dash-dropdown-option") if o.text == label)
    option.click()


def wait_for_text_in(duo, selector: str, text: str) -> None:
    wait_until(duo, lambda: text in (duo.driver.find_element(By.CSS_SELECTOR, selector).text
                                     if duo.driver.find_elements(By.CSS_SELECTOR, selector) else ""),
               f"{text!r} not in {selector}")


def csv_table(path) -> list[list[str]]:
    """The table of a downloaded CSV: what follows the provenance lines and their empty line."""
    lines = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig")), delimiter=";"))
    assert lines[0] and "Filters" in lines[1][0], "the CSV does not start with its provenance"
    return lines[lines.index([]) + 1:]


def project_rows(duo) -> list[list[str]]:
    rows = duo.driver.find_elements(By.CSS_SELECTOR, "#portfolio-projects-table tbody tr")
    return [[td.text for td in r.find_elements(By.TAG_NAME, "td")] for r in rows]


def test_portfolio_filters_exports_and_wq28(start_app, real_warehouse, screenshot, download_dir):
    duo = start_app()
    allow_downloads(duo, download_dir)
    duo.wait_for_page(url=f"{duo.server_url}/portfolio?province=70000")
    duo.wait_for_text_to_equal("#portfolio-count", "6 van 48 projecten", timeout=WAIT)
    rows = project_rows(duo)
    assert len(rows) == 6 and all(r[1].startswith("Limburg") for r in rows)
    # programme facts: disagreeing sources side by side, with the badge (they come in their own callback)
    facts = wait_until(duo, lambda: duo.find_element("#portfolio-facts-lbn_2023").text, "no facts of lbn_2023")
    assert "bronnen verschillen" in facts
    assert "45 volgens het persbericht" in facts and "48 volgens de gids 2026" in facts
    assert "€ 3.000.000 (2023)" in facts
    # theme filter narrows further, and the URL follows
    choose(duo, "portfolio-theme", "Onderwijs")
    duo.wait_for_text_to_equal("#portfolio-count", "3 van 48 projecten", timeout=WAIT)
    wait_until(duo, lambda: "theme=education" in duo.driver.current_url and "province=70000" in duo.driver.current_url,
               "URL not updated")
    assert all("Onderwijs" in r[3] for r in project_rows(duo))
    # labels, not codes, in the table
    table = duo.find_element("#portfolio-projects-table").text
    assert "education" not in table and "local_government" not in table

    # CSV export: filters stated, labels, the 3 rows
    click(duo, duo.find_element("#portfolio-csv"))
    csv_file = wait_for_file(download_dir, ".csv")
    lines = list(csv.reader(io.StringIO(csv_file.read_text(encoding="utf-8-sig")), delimiter=";"))
    # the provenance lines come first, as in the Excel: title, filters, rows, source and build
    assert lines[0] == ["Projecten van de Kinderarmoedemonitor"]
    assert lines[1] == ["Filters: Provincie (2025) = Limburg; Thema = Onderwijs"]
    header_at = lines.index([]) + 1
    header, body = lines[header_at], lines[header_at + 1:]
    assert header[:3] == ["Netwerk", "Programma", "Provincie (2025)"]
    assert len(body) == 3 and all(r[2] == "Limburg" for r in body)
    assert all("Onderwijs" in r[header.index("Thema's")] for r in body)
    # Excel export: same rows, filters in the intro
    click(duo, duo.find_element("#portfolio-xlsx"))
    xlsx = wait_for_file(download_dir, ".xlsx")
    ws = load_workbook(xlsx).active
    values = list(ws.iter_rows(values_only=True))
    assert values[1][0] == "Filters: Provincie (2025) = Limburg; Thema = Onderwijs"
    data_rows = [r for r in values[6:] if r[0]]
    assert len(data_rows) == 3 and {r[2] for r in data_rows} == {"Limburg"}

    # WQ28: per province with "niet gepubliceerd", per municipality for a chosen province, Excel answer
    summary = duo.find_element("#portfolio-wq28-table").text
    assert "niet gepubliceerd" in summary and "Vlaanderen en Brussel" in summary
    choose(duo, "portfolio-wq28-province", "Limburg")
    wait_until(duo, lambda: "Limburg (" in duo.find_element("#portfolio-wq28-municipalities").text, "no Limburg list")
    wait_until(duo, lambda: "wq28=70000" in duo.driver.current_url, "URL lacks wq28")
    mun = duo.find_element("#portfolio-wq28-mun-table").text
    assert "Lanaken" in mun and "Gent" not in mun
    screenshot("portfolio_limburg_nl")
    seen = {p.name for p in download_dir.iterdir()}
    click(duo, duo.find_element("#portfolio-wq28-xlsx"))
    answer = wait_for_file(download_dir, ".xlsx", seen)
    wb = load_workbook(answer)
    assert wb.sheetnames == ["Per provincie", "Per gemeente", "Bronnen"]
    provinces = [r[0] for r in wb["Per provincie"].iter_rows(min_row=4, values_only=True)]
    assert "Limburg" in provinces and "Vlaanderen en Brussel" in provinces
    assert {r[0] for r in wb["Per gemeente"].iter_rows(min_row=4, values_only=True)} == {"Limburg"}
    assert duo.get_logs() == []


def test_portfolio_projects_page_by_page(start_app, real_warehouse, download_dir):
    """All 48 projects: the table shows 10 at a time, pages forward and back, sorts all rows (not only the
    page in view) and returns to the first page; the CSV still has every project."""
    duo = start_app()
    allow_downloads(duo, download_dir)
    duo.wait_for_page(url=f"{duo.server_url}/portfolio")
    duo.wait_for_text_to_equal("#portfolio-count", "48 van 48 projecten", timeout=WAIT)
    status = '[id*="sortable-page-status"][id*="portfolio-projects-table"]'
    wait_until(duo, lambda: text_of(duo, status) == "Rijen 1–10 van 48", "no pager under the projects")
    first_page = project_rows(duo)
    assert len(first_page) == 10

    def button(step):
        return duo.find_element(f'[id*="sortable-page"][id*="portfolio-projects-table"][id*="{step}"]')

    assert button("previous").get_attribute("disabled") is not None
    click(duo, button("next"))
    wait_until(duo, lambda: text_of(duo, status) == "Rijen 11–20 van 48", "next page not shown")
    second_page = project_rows(duo)
    assert len(second_page) == 10 and not {r[0] for r in second_page} & {r[0] for r in first_page}
    for last in (30, 40):
        click(duo, button("next"))
        wait_until(duo, lambda last=last: text_of(duo, status) == f"Rijen {last - 9}–{last} van 48", "page not shown")
    click(duo, button("next"))
    wait_until(duo, lambda: text_of(duo, status) == "Rijen 41–48 van 48", "last page not shown")
    assert len(project_rows(duo)) == 8 and button("next").get_attribute("disabled") is not None
    click(duo, button("previous"))
    wait_until(duo, lambda: text_of(duo, status) == "Rijen 31–40 van 48", "previous page not shown")

    # sorting sorts all 48 (the most partners of any project comes first), and shows the first page again
    partners = duo.find_element("#portfolio-projects-table thead th:nth-child(7) button")
    click(duo, partners)  # ascending
    wait_until(duo, lambda: text_of(duo, status) == "Rijen 1–10 van 48", "sorting did not return to page 1")
    wait_until(duo, lambda: project_rows(duo)[0][6] == "0", "ascending sort not applied")
    click(duo, duo.find_element("#portfolio-projects-table thead th:nth-child(7) button"))  # descending
    wait_until(duo, lambda: project_rows(duo)[0][6] == "19", "descending sort not across all pages")
    counts = [int(r[6]) for r in project_rows(duo)]
    assert counts == sorted(counts, reverse=True) and len(counts) == 10
    assert duo.find_element("#portfolio-projects-table thead th:nth-child(7)").get_attribute("aria-sort") == "descending"

    # the export is not paged
    click(duo, duo.find_element("#portfolio-csv"))
    assert len(csv_table(wait_for_file(download_dir, ".csv"))) == 48 + 1
    assert duo.get_logs() == []


def test_portfolio_url_restores_view_in_english(start_app, real_warehouse, screenshot):
    duo = start_app()
    duo.wait_for_page(url=f"{duo.server_url}/portfolio?sector=poverty_association&lang=en")
    wait_for_text_in(duo, "#portfolio-count", "of 48 projects")
    count = int(duo.find_element("#portfolio-count").text.split()[0])
    assert 1 <= count < 48
    assert "Projects (Partner sector = Association where people in poverty speak)" in \
        duo.find_element("#portfolio-projects-table caption").text
    assert "sources differ" in duo.find_element("#portfolio-programmes").text
    # clearing the filters shows all 48 and drops them from the URL
    click(duo, duo.find_element("#portfolio-reset"))
    duo.wait_for_text_to_equal("#portfolio-count", "48 of 48 projects", timeout=WAIT)
    wait_until(duo, lambda: "sector=" not in duo.driver.current_url, "filter kept in URL")
    assert "lang=en" in duo.driver.current_url
    screenshot("portfolio_all_en")
    assert duo.get_logs() == []


def test_action_plan_search_charts_and_exports(start_app, real_warehouse, screenshot, download_dir):
    duo = start_app()
    allow_downloads(duo, download_dir)
    duo.wait_for_page(url=f"{duo.server_url}/actieplan")
    wait_for_text_in(duo, "#actions-count", "201 van 201 acties")
    assert "ondergrens" in duo.find_element("#actions-rule").text
    # 201 actions, shown 20 at a time (issue 14: long tables page by page)
    pager = '[id*="sortable-page-status"][id*="actions-table"]'
    assert text_of(duo, pager) == "Rijen 1–20 van 201"
    assert len(duo.driver.find_elements(By.CSS_SELECTOR, "#actions-table tbody tr")) == 20
    assert len(duo.driver.find_elements(By.CSS_SELECTOR, ".actions-charts .js-plotly-plot")) == 2
    # table alternative of the chart per right
    click(duo, duo.find_element("#actions-chart-right-toggle"))
    table = duo.wait_for_element("#actions-chart-table-right", timeout=WAIT)
    wait_until(duo, lambda: table.is_displayed() and "Onderwijs" in table.text, "chart table not shown")
    screenshot("actieplan_all_nl")
    # search narrows the list and goes into the URL
    search = duo.find_element("#actions-search")
    search.send_keys("kinderopvang")
    wait_until(duo, lambda: "201 van 201" not in duo.find_element("#actions-count").text, "search did not narrow")
    n = int(duo.find_element("#actions-count").text.split()[0])
    assert 0 < n < 201
    assert len(duo.driver.find_elements(By.CSS_SELECTOR, "#actions-table tbody tr")) == min(n, 20)
    if n > 20:
        assert text_of(duo, pager) == f"Rijen 1–20 van {n}"
    wait_until(duo, lambda: "q=kinderopvang" in duo.driver.current_url, "URL lacks q")
    # CSV of the list: the same n actions
    click(duo, duo.find_element("#actions-csv"))
    csv_file = wait_for_file(download_dir, ".csv")
    rows = csv_table(csv_file)
    assert rows[0][:3] == ["Actie", "Grondrecht", "Minister"] and len(rows) == n + 1
    # CSV of the chart per minister
    seen = {p.name for p in download_dir.iterdir()}
    click(duo, duo.find_element('[id*="actions-chart-csv"][id*="minister"]'))
    chart_csv = wait_for_file(download_dir, ".csv", seen)
    chart_rows = csv_table(chart_csv)
    assert chart_rows[0][1] == "Minister" and sum(int(r[2]) for r in chart_rows[1:]) == n
    # Excel: actions and amounts sheets
    click(duo, duo.find_element("#actions-xlsx"))
    wb = load_workbook(wait_for_file(download_dir, ".xlsx"))
    assert wb.sheetnames == ["Acties", "Bedragen"]
    # Excel of the chart per minister: the same groups as its CSV
    seen = {p.name for p in download_dir.iterdir()}
    click(duo, duo.find_element('[id*="actions-chart-xlsx"][id*="minister"]'))
    chart_wb = load_workbook(wait_for_file(download_dir, ".xlsx", seen))
    values = [row for row in chart_wb.worksheets[0].iter_rows(values_only=True)]
    counts = [row[2] for row in values if row and isinstance(row[2], (int, float))]
    assert sum(counts) == n and len(counts) == len(chart_rows) - 1
    screenshot("actieplan_search_nl")
    assert duo.get_logs() == []


def test_action_plan_filters_in_english(start_app, real_warehouse, screenshot):
    duo = start_app()
    duo.wait_for_page(url=f"{duo.server_url}/actieplan?right=05&lang=en")
    wait_for_text_in(duo, "#actions-count", "18 of 201 actions")
    assert "Which amounts are added up?" in duo.find_element("#actions-rule").text
    ids = [td.text for td in duo.driver.find_elements(By.CSS_SELECTOR, "#actions-table tbody tr td:first-child")]
    assert len(ids) == 18 and all(i.startswith("05_") for i in ids)
    screenshot("actieplan_onderwijs_en")
    assert duo.get_logs() == []
