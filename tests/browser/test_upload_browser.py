"""The upload page (/upload) and its login in headless Chromium: an anonymous visitor gets a login
link and no upload control; after logging in through the real form, a broken workbook shows its
problems cell by cell with the load button disabled, and the synthetic example workbook is valid
and loads into a copy of the real warehouse (`etl_root`).

The user and both workbooks are SYNTHETIC (tests/fixtures/make_voorbeeld_rapportage.py).
"""
from __future__ import annotations

import socket
from pathlib import Path

import pytest
from openpyxl import load_workbook
from selenium.webdriver.common.by import By

from tests.browser.helpers import WAIT, click, text_of, wait_until
from tests.users import NAME, PASSWORD

pytestmark = [pytest.mark.browser,
              pytest.mark.filterwarnings("ignore:HTTPResponse.getheader:DeprecationWarning")]

REPO = Path(__file__).resolve().parent.parent.parent
FIXTURE = REPO / "tests" / "fixtures" / "voorbeeld_rapportage_SYNTHETISCH.xlsx"


@pytest.fixture
def open_upload(dash_duo):
    """Serve a new app and open /upload first: the map at / is not under test here, and its
    callbacks still running when the test moves on would only add their noise to the console."""

    def start():
        from dashboard.app import create_app

        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        dash_duo.start_server(create_app(), navigate=False, port=port)
        dash_duo.wait_for_page(url=f"{dash_duo.server.url}/upload", timeout=WAIT)
        return dash_duo

    return start


def upload(duo, path: Path) -> None:
    """What a user's file choice does: the file goes into dcc.Upload's hidden <input type=file>."""
    duo.driver.find_element(By.CSS_SELECTOR, "#upload-file input[type=file]").send_keys(str(path))


def submit_login(duo, name: str, password: str) -> None:
    wait_until(duo, lambda: duo.driver.find_elements(By.ID, "login-form"), "no login form")
    username = duo.driver.find_element(By.ID, "login-username")
    username.clear()
    username.send_keys(name)
    duo.driver.find_element(By.ID, "login-password").send_keys(password)
    duo.driver.find_element(By.ID, "login-submit").click()


def log_in(duo, screenshot) -> None:
    click(duo, duo.find_element("#login-link"))
    submit_login(duo, NAME, "fout-wachtwoord-123")
    wait_until(duo, lambda: "klopt niet" in text_of(duo, "#login-error"), "no error after a wrong password")
    screenshot("login_failed")
    submit_login(duo, NAME, PASSWORD)
    wait_until(duo, lambda: "Aangemeld als Test Gebruiker (SYNTHETISCH)" in text_of(duo, "#login-user"),
               "not logged in after the login form")


def test_anonymous_visitor_gets_a_login_link_not_the_upload(open_upload, real_warehouse, users_file, screenshot):
    duo = open_upload()
    duo.wait_for_element("#login-link", timeout=WAIT)
    assert "Meld u aan" in text_of(duo, "#login-prompt")
    assert not duo.find_element("#login-gate").is_displayed()
    assert not duo.driver.find_element(By.CSS_SELECTOR, "#upload-file").is_displayed()
    assert "/login?next=%2Fupload" in duo.find_element("#login-link").get_attribute("href")
    assert "Rapportering opladen" in duo.find_element("#app-nav").get_attribute("textContent")  # in a closed menu
    screenshot("upload_anonymous")
    click(duo, duo.find_element("#app-lang-en"))
    wait_until(duo, lambda: "Log in to upload a report." in text_of(duo, "#login-prompt"), "no English prompt")
    assert "lang=en" in duo.find_element("#login-link").get_attribute("href")
    assert duo.get_logs() == []


def test_login_check_a_broken_and_load_a_valid_workbook(open_upload, etl_root, users_file, screenshot, tmp_path,
                                                        read_only):
    broken = tmp_path / "kapot_SYNTHETISCH.xlsx"
    wb = load_workbook(FIXTURE)
    wb["Budget"]["D3"] = "veel"  # text where an amount belongs
    wb.save(broken)

    duo = open_upload()
    duo.wait_for_element("#login-link", timeout=WAIT)
    log_in(duo, screenshot)
    assert duo.driver.current_url.endswith("/upload")
    assert duo.find_element("#upload-file").is_displayed()
    assert duo.find_element("#upload-load").get_attribute("disabled") is not None
    screenshot("upload_logged_in")

    upload(duo, broken)
    wait_until(duo, lambda: duo.driver.find_elements(By.ID, "upload-problems"), "no problems table")
    rows = [[td.text for td in tr.find_elements(By.TAG_NAME, "td")]
            for tr in duo.driver.find_elements(By.CSS_SELECTOR, "#upload-problems tbody tr")]
    assert ["kapot_SYNTHETISCH.xlsx", "Budget", "D3", "getal verwacht, gevonden 'veel'",
            "een bedrag in euro: getal van 0 of meer"] in rows
    assert duo.find_element("#upload-load").get_attribute("disabled") is not None
    screenshot("upload_invalid")

    upload(duo, FIXTURE)
    wait_until(duo, lambda: duo.driver.find_elements(By.ID, "upload-summary"), "no summary of a valid workbook")
    summary = text_of(duo, "#upload-summary")
    assert "lbn-001" in summary and "2023, 2024" in summary and "2024-H1: kinderen bereikt" in summary
    assert not duo.driver.find_elements(By.ID, "upload-problems")
    wait_until(duo, lambda: duo.find_element("#upload-load").get_attribute("disabled") is None, "load stays disabled")
    screenshot("upload_valid")

    click(duo, duo.find_element("#upload-load"))
    wait_until(duo, lambda: "Geladen als rapport" in text_of(duo, "#upload-done"), "not loaded", timeout=60)
    assert duo.find_element("#upload-load").get_attribute("disabled") is not None
    con = read_only(etl_root / "warehouse.duckdb")
    assert con.execute("SELECT loaded_by, project_id, period FROM report").fetchall() == [(NAME, "lbn-001", "2024")]
    assert con.execute("SELECT count(*) FROM project_budget").fetchone()[0] == 2
    screenshot("upload_loaded")

    click(duo, duo.find_element("#login-logout"))
    duo.wait_for_element("#login-link", timeout=WAIT)
    assert not duo.find_element("#login-gate").is_displayed()
    assert duo.get_logs() == []
