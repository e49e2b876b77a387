"""Browser tests: Dash's dash_duo (selenium) driving Debian's headless Chromium, offline.

The flags follow STACK.md: headless as root, and a host-resolver rule that lets Chromium reach
nothing but this machine (any request to the internet fails instead of hanging).
"""
from __future__ import annotations

import socket
from pathlib import Path

import pytest
from selenium.webdriver.chrome.options import Options

from dashboard.testing import build_synthetic_warehouse

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
def synthetic_warehouse(tmp_path, monkeypatch):
    """A tiny SYNTHETIC warehouse (invented rows, see dashboard/testing.py) and its GeoJSON
    layer, made live through WAREHOUSE_PATH and GEO_DIR before the app is created. The app's
    server runs in a thread of this process, so it sees these variables."""
    path = build_synthetic_warehouse(tmp_path / "warehouse.duckdb", tmp_path / "geo")
    monkeypatch.setenv("WAREHOUSE_PATH", str(path))
    monkeypatch.setenv("GEO_DIR", str(tmp_path / "geo"))
    return path


@pytest.fixture
def no_warehouse(tmp_path, monkeypatch):
    monkeypatch.setenv("WAREHOUSE_PATH", str(tmp_path / "not-built.duckdb"))
    monkeypatch.setenv("GEO_DIR", str(tmp_path / "geo"))


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
def real_warehouse(built_warehouse, monkeypatch):
    """The real warehouse built from the mirror (session fixture), made live for the app."""
    monkeypatch.setenv("WAREHOUSE_PATH", str(built_warehouse))
    monkeypatch.setenv("GEO_DIR", str(built_warehouse.parent / "geo"))
    return built_warehouse


@pytest.fixture
def download_dir(tmp_path):
    folder = tmp_path / "downloads"
    folder.mkdir()
    return folder
