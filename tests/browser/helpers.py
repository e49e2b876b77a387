"""Helpers shared by the browser tests (plain functions; fixtures live in conftest.py)."""
from __future__ import annotations

from pathlib import Path

from selenium.webdriver.support.ui import WebDriverWait

WAIT = 20  # seconds; generous, because CI machines are shared


def wait_until(duo, condition, message: str, timeout: float = WAIT):
    return WebDriverWait(duo.driver, timeout).until(lambda _d: condition(), message=message)


def allow_downloads(duo, folder: Path) -> None:
    duo.driver.execute_cdp_cmd("Page.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(folder)})
