"""Helpers shared by the browser tests (plain functions; fixtures live in conftest.py)."""
from __future__ import annotations

from pathlib import Path

from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException

from tests.waiting import TIMEOUT as WAIT
from tests.waiting import wait_until as wait_for

# While a page renders, an element can be missing or replaced: "not yet", not a failure.
RENDERING = (NoSuchElementException, StaleElementReferenceException)


def wait_until(duo, condition, message: str, timeout: float = WAIT):
    """`condition()`'s first truthy value, polled while the page in `duo` renders."""
    return wait_for(condition, timeout, message, interval=0.1, ignoring=RENDERING)


def wait_for_callbacks(duo, timeout: float = WAIT) -> None:
    """Dash has no callback queued or running: what the page shows (and its URL) is settled."""
    wait_until(duo, lambda: not duo.redux_state_is_loading and duo.redux_state_rqs == [],
               "Dash callbacks still running", timeout)


def text_of(duo, selector: str) -> str:
    """The visible text of the first match, read in one script so a re-render cannot make it stale.
    Non-breaking spaces (Belgian notation: '39 %', '1 234') read as plain spaces, as selenium's .text does."""
    text = duo.driver.execute_script(
        "const e = document.querySelector(arguments[0]); return e ? e.innerText : '';", selector) or ""
    return text.replace("\u00a0", " ").replace("\u202f", " ")


def allow_downloads(duo, folder: Path) -> None:
    duo.driver.execute_cdp_cmd("Page.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(folder)})


def wait_for_file(folder: Path, suffix: str, seen: set[str] = frozenset(), timeout: float = WAIT) -> Path:
    """The first new, non-empty file ending in `suffix` that the browser downloads into `folder`,
    once its size has stopped changing between two looks (the browser has finished writing)."""
    sizes: dict[Path, int] = {}

    def written():
        found = sorted(p for p in folder.iterdir() if p.name.endswith(suffix) and p.name not in seen)
        if not found:
            return None
        path, size = found[0], found[0].stat().st_size
        settled = size > 0 and sizes.get(path) == size
        sizes[path] = size
        return path if settled else None

    return wait_for(written, timeout, f"no new {suffix} file downloaded to {folder}", interval=0.2)


def click(duo, element) -> None:
    """Scroll the element to the middle of the window first (a sticky header can cover it)."""
    duo.driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", element)
    element.click()
