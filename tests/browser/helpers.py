"""Helpers shared by the browser tests (plain functions; fixtures live in conftest.py)."""
from __future__ import annotations

import time
from pathlib import Path

from selenium.webdriver.support.ui import WebDriverWait

WAIT = 20  # seconds; generous, because CI machines are shared


def wait_until(duo, condition, message: str, timeout: float = WAIT):
    return WebDriverWait(duo.driver, timeout).until(lambda _d: condition(), message=message)


def text_of(duo, selector: str) -> str:
    """The visible text of the first match, read in one script so a re-render cannot make it stale.
    Non-breaking spaces (Belgian notation: '39 %', '1 234') read as plain spaces, as selenium's .text does."""
    text = duo.driver.execute_script(
        "const e = document.querySelector(arguments[0]); return e ? e.innerText : '';", selector) or ""
    return text.replace("\u00a0", " ").replace("\u202f", " ")


def allow_downloads(duo, folder: Path) -> None:
    duo.driver.execute_cdp_cmd("Page.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(folder)})


def wait_for_file(folder: Path, suffix: str, seen: set[str] = frozenset(), timeout: float = WAIT) -> Path:
    """The first new, non-empty file ending in `suffix` that the browser downloads into `folder`."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        found = [p for p in folder.iterdir() if p.name.endswith(suffix) and p.name not in seen]
        if found and found[0].stat().st_size > 0:
            time.sleep(0.3)  # let the browser finish writing
            return found[0]
        time.sleep(0.2)
    raise AssertionError(f"no new {suffix} file downloaded to {folder}: {list(folder.iterdir())}")


def click(duo, element) -> None:
    """Scroll the element to the middle of the window first (a sticky header can cover it)."""
    duo.driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", element)
    element.click()
