"""The project page (/project) and the reporting tracker (/rapportering) in headless Chromium: on the
real warehouse (nothing reported: "niet gerapporteerd", "nog niets ontvangen"), and on a copy into
which the SYNTHETIC workbook tests/fixtures/voorbeeld_rapportage_SYNTHETISCH.xlsx was loaded and a
broken SYNTHETIC workbook was refused (invented figures, never real ones)."""
from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import duckdb
import pytest
from openpyxl import load_workbook
from selenium.webdriver.common.by import By

from tests.browser.helpers import allow_downloads, click, text_of, wait_for_file, wait_until

pytestmark = [pytest.mark.browser,
              pytest.mark.filterwarnings("ignore:HTTPResponse.getheader:DeprecationWarning")]

SYNTHETIC = Path(__file__).resolve().parent.parent / "fixtures" / "voorbeeld_rapportage_SYNTHETISCH.xlsx"


def wait_for_text_in(duo, selector: str, text: str) -> None:
    wait_until(duo, lambda: text in text_of(duo, selector), f"{text!r} not in {selector}")


def export_button(duo, chart: str, fmt: str):
    return duo.find_element(f'[id*="project-export"][id*="\\"{chart}\\""][id*="\\"{fmt}\\""]')


def csv_rows(path: Path) -> list[list[str]]:
    """The table of a downloaded CSV, header first: after its provenance lines and an empty line."""
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig")), delimiter=";"))
    assert [] in rows and rows.index([]) > 0, "a CSV starts with its provenance lines"
    return rows[rows.index([]) + 1:]


def choose(duo, dropdown_id: str, label: str) -> None:
    """Open a Dash 4 dropdown and click the option with exactly this label."""
    click(duo, duo.find_element(f"#{dropdown_id}"))
    wait_until(duo, lambda: any(o.text == label for o in duo.driver.find_elements(By.CSS_SELECTOR, ".dash-dropdown-option")),
               f"no option {label} in {dropdown_id}")
    next(o for o in duo.driver.find_elements(By.CSS_SELECTOR, ".dash-dropdown-option") if o.text == label).click()


def partners_of(warehouse: Path, project_id: str) -> list[str]:
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        return [r[0] for r in con.execute("SELECT pa.name FROM project_partner pp JOIN partner pa USING (partner_id) "
                                          "WHERE pp.project_id = ?", [project_id]).fetchall()]
    finally:
        con.close()


def test_project_page_on_the_real_warehouse(start_app, real_warehouse, screenshot, download_dir, tmp_path, monkeypatch):
    monkeypatch.setenv("REPORTS_DIR", str(tmp_path / "reports"))
    partners = partners_of(real_warehouse, "lbn-043")
    duo = start_app()
    allow_downloads(duo, download_dir)
    # from the portfolio, the project name links to the project page (West Flanders: lbn-043 on the table's first page)
    duo.wait_for_page(url=f"{duo.server_url}/portfolio?province=30000")
    wait_until(duo, lambda: duo.driver.find_elements(By.CSS_SELECTOR, '#portfolio-projects-table a[href*="/project?id="]'),
               "no project links in the portfolio")
    link = duo.driver.find_element(By.CSS_SELECTOR, '#portfolio-projects-table a[href$="/project?id=lbn-043"]')
    click(duo, link)
    wait_for_text_in(duo, "#project-partners", partners[0])
    assert "/project?id=lbn-043" in duo.driver.current_url
    rows = duo.driver.find_elements(By.CSS_SELECTOR, "#project-partners tbody tr")
    assert len(rows) == len(partners)
    assert all(name in text_of(duo, "#project-partners") for name in partners)
    # the network graph and the small map are drawn
    wait_until(duo, lambda: duo.driver.find_elements(By.CSS_SELECTOR, "#project-network .js-plotly-plot .scatterlayer .trace"),
               "network graph not drawn")
    wait_until(duo, lambda: duo.driver.find_elements(By.CSS_SELECTOR, "#project-map .js-plotly-plot canvas"),
               "small map not drawn")
    assert duo.driver.find_elements(By.CSS_SELECTOR, "#project-places li")
    # nothing reported: said, with the reporting status; no invented chart
    for section in ("budget", "reach", "outcomes"):
        assert "niet gerapporteerd – nog geen rapport ontvangen" in text_of(duo, f"#project-{section}-none")
    assert not duo.driver.find_elements(By.CSS_SELECTOR, "#project-budget")
    assert "Nog geen monitoringrapport ontvangen" in text_of(duo, "#project-reporting-status")
    screenshot("project_lbn-043_nl")
    # partners as CSV: one row per partner
    click(duo, export_button(duo, "partners", "csv"))
    rows = csv_rows(wait_for_file(download_dir, ".csv"))
    assert rows[0][:3] == ["Partner", "Sector", "Rol"] and len(rows) == len(partners) + 1
    assert sorted(r[0] for r in rows[1:]) == sorted(partners)
    # a link to a project that shares a partner leads to that project's page
    other = duo.driver.find_element(By.CSS_SELECTOR, '#project-partners a[href*="/project?id="]')
    name = other.text
    click(duo, other)
    wait_until(duo, lambda: text_of(duo, "#project-title") == name, "other project not opened")
    assert duo.get_logs() == []


def test_unknown_project_and_english(start_app, real_warehouse, screenshot):
    duo = start_app()
    duo.wait_for_page(url=f"{duo.server_url}/project?id=lbn-999&lang=en")
    wait_for_text_in(duo, "#project-unknown", "There is no project with the code “lbn-999”")
    click(duo, duo.find_element("#project-to-portfolio"))
    wait_until(duo, lambda: "/portfolio" in duo.driver.current_url, "no way back to the portfolio")
    duo.wait_for_page(url=f"{duo.server_url}/project?id=lbn-021&lang=en")
    wait_for_text_in(duo, "#project-places", "the whole province of Limburg")
    assert "not reported – no workbook received yet" in text_of(duo, "#project-budget-none")
    screenshot("project_lbn-021_en")
    assert duo.get_logs() == []


@pytest.fixture
def reported(etl_root, tmp_path):
    """The warehouse copy of `etl_root` (WAREHOUSE_PATH, GEO_DIR and REPORTS_DIR point at it) with the
    synthetic workbook loaded for lbn-001 2024 and a broken one for lbn-002 2025 refused."""
    from etl.config import load_settings
    from etl.reports.load import ReportsRejected, load_reports
    from tests.fixtures.make_voorbeeld_rapportage import synthetic_workbook

    good = tmp_path / "voorbeeld_rapportage_SYNTHETISCH.xlsx"
    shutil.copyfile(SYNTHETIC, good)
    load_reports([good], load_settings(), user="tester", channel="cli")
    broken = synthetic_workbook(project_id="lbn-002", period="2025")
    broken["Budget"]["B2"] = "veel"
    path = tmp_path / "kapot lbn-002 (SYNTHETISCH).xlsx"
    broken.save(path)
    with pytest.raises(ReportsRejected):
        load_reports([path], load_settings(), user="tester", channel="cli")
    return etl_root


def test_reported_figures_and_tracker_after_loading(start_app, reported, screenshot, download_dir):
    duo = start_app()
    allow_downloads(duo, download_dir)
    duo.wait_for_page(url=f"{duo.server_url}/project?id=lbn-001")
    wait_until(duo, lambda: duo.driver.find_elements(By.CSS_SELECTOR, "#project-budget .js-plotly-plot .barlayer .trace"),
               "budget chart not drawn")
    bars = duo.driver.find_elements(By.CSS_SELECTOR, "#project-budget .barlayer .trace")
    assert len(bars) == 3  # granted, paid, spent
    outcomes = text_of(duo, "#project-outcomes-table")
    assert "39 %" in outcomes and "31 %" in outcomes and "51 %" in outcomes
    assert duo.driver.find_elements(By.CSS_SELECTOR, "#project-outcomes .js-plotly-plot")
    assert duo.driver.find_elements(By.CSS_SELECTOR, "#project-reach .js-plotly-plot")
    assert "periode 2024" in text_of(duo, "#project-reporting-status")
    assert not duo.driver.find_elements(By.CSS_SELECTOR, "#project-budget-none")
    screenshot("project_lbn-001_reported_nl")
    # budget as Excel: the two reported years
    click(duo, export_button(duo, "budget", "xlsx"))
    ws = load_workbook(wait_for_file(download_dir, ".xlsx")).active
    values = list(ws.iter_rows(values_only=True))
    header = values.index(("Jaar", "Toegekend", "Uitbetaald", "Uitgegeven", "Cofinanciering", "Investeringssubsidie"))
    assert [r[:2] for r in values[header + 1:]] == [(2023, 10000), (2024, 60000)]
    # outcomes as CSV: three rows, progress in Belgian notation
    seen = {p.name for p in download_dir.iterdir()}
    click(duo, export_button(duo, "outcomes", "csv"))
    rows = csv_rows(wait_for_file(download_dir, ".csv", seen))
    progress = rows[0].index("Vooruitgang (%)")
    assert sorted(r[progress] for r in rows[1:]) == ["31,3", "38,8", "51,3"]

    # the tracker: the delivered period with what it held, and the refused attempt's problems
    duo.wait_for_page(url=f"{duo.server_url}/rapportering")
    wait_for_text_in(duo, "#reporting-row-lbn-001", "geleverd")
    row = text_of(duo, "#reporting-row-lbn-001")
    assert "2024: rapport van 15-01-2025" in row and "door tester" in row and "Budget: 2023, 2024" in row
    assert "nog niets ontvangen" in text_of(duo, "#reporting-row-lbn-003")
    assert "geweigerd" in text_of(duo, "#reporting-row-lbn-002")
    refused = text_of(duo, "#reporting-refused")
    assert "kapot lbn-002 (SYNTHETISCH).xlsx" in refused and "B2" in refused and "getal verwacht" in refused
    assert "1 met minstens één ontvangen rapport" in text_of(duo, "#reporting-count")
    screenshot("rapportering_nl")
    # filter on refused workbooks: one project, the URL follows, the exports hold its rows
    choose(duo, "reporting-status", "Geweigerd rapport")
    wait_until(duo, lambda: len(duo.driver.find_elements(By.CSS_SELECTOR, "#reporting-table tbody tr")) == 1,
               "status filter did not narrow")
    wait_until(duo, lambda: "status=refused" in duo.driver.current_url, "URL lacks the filter")
    seen = {p.name for p in download_dir.iterdir()}
    click(duo, duo.find_element("#reporting-csv"))
    rows = csv_rows(wait_for_file(download_dir, ".csv", seen))
    assert rows[0][:2] == ["Project", "Project-id"]
    assert {r[1] for r in rows[1:]} == {"lbn-002"} and len(rows) >= 3  # one row per expected year
    seen = {p.name for p in download_dir.iterdir()}
    click(duo, duo.find_element("#reporting-xlsx"))
    wb = load_workbook(wait_for_file(download_dir, ".xlsx", seen))
    assert wb.sheetnames == ["Rapportering", "Geweigerde rapporten"]
    problems = [r for r in wb["Geweigerde rapporten"].iter_rows(values_only=True) if r and r[-3] == "B2"]
    assert len(problems) == 1 and problems[0][-2] == "getal verwacht, gevonden 'veel'"
    screenshot("rapportering_geweigerd_nl")
    assert duo.get_logs() == []


def test_tracker_on_the_real_warehouse_in_english(start_app, real_warehouse, screenshot, tmp_path, monkeypatch):
    monkeypatch.setenv("REPORTS_DIR", str(tmp_path / "reports"))
    duo = start_app()
    duo.wait_for_page(url=f"{duo.server_url}/rapportering?province=70000&lang=en")
    wait_for_text_in(duo, "#reporting-count", "6 of 48 projects; 0 with")
    rows = duo.driver.find_elements(By.CSS_SELECTOR, "#reporting-table tbody tr")
    assert len(rows) == 6 and all("nothing received yet" in r.text for r in rows)
    assert "No refused workbooks." in text_of(duo, "#reporting-refused")
    nav = duo.find_element("#app-nav").get_attribute("textContent")  # links in closed menus too
    assert "Reporting" in nav
    screenshot("rapportering_limburg_en")
    assert duo.get_logs() == []
