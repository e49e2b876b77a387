"""Browser tests: Dash's dash_duo (selenium) driving Debian's headless Chromium, offline.

The flags follow STACK.md: headless as root, and a host-resolver rule that lets Chromium reach
nothing but this machine (any request to the internet fails instead of hanging).
"""
from __future__ import annotations

import socket
from pathlib import Path

import pytest
from selenium.webdriver.chrome.options import Options

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost",
    "--window-size=1280,900", "--lang=nl-BE",
]
SCREENSHOTS = Path(__file__).resolve().parent.parent / "screenshots"


def pytest_setup_options():
    """dash_duo's hook for the selenium Options of its browser."""
    options = Options()
    options.binary_location = CHROMIUM
    for flag in CHROMIUM_FLAGS:
        options.add_argument(flag)
    return options


@pytest.fixture
def start_app(dash_duo):
    """Create the app and serve it on a free port (not 8050: a dev server may be running)."""

    def start():
        from dashboard.app import create_app

        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        dash_duo.start_server(create_app(), port=port)
        return dash_duo

    return start


@pytest.fixture
def screenshot(dash_duo):
    """Save a full-page screenshot to tests/screenshots/<name>.png (gitignored)."""

    def save(name: str) -> Path:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        driver = dash_duo.driver
        height = driver.execute_script("return document.documentElement.scrollHeight")
        driver.set_window_size(1280, max(900, int(height) + 120))
        driver.execute_script("window.scrollTo(0, 0)")
        path = SCREENSHOTS / f"{name}.png"
        driver.save_screenshot(str(path))
        driver.set_window_size(1280, 900)
        return path

    return save


@pytest.fixture
def download_dir(tmp_path):
    folder = tmp_path / "downloads"
    folder.mkdir()
    return folder
