"""One way for tests to wait: on a condition, never for a fixed time (a fixed sleep is either too
short on a busy CI machine or wasted time everywhere else)."""
from __future__ import annotations

import time
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")

TIMEOUT = 20.0  # seconds; generous, because CI machines are shared


def wait_until(condition: Callable[[], T], timeout: float = TIMEOUT, message: str = "condition not met",
               interval: float = 0.05, ignoring: tuple[type[BaseException], ...] = ()) -> T:
    """Call `condition` until it returns something truthy, and return that. Exceptions of the
    `ignoring` types count as "not yet" (an element not rendered yet); any other one propagates.
    Fails with `message` when `timeout` seconds pass first."""
    deadline = time.monotonic() + timeout
    last_error: BaseException | None = None
    while True:
        try:
            result = condition()
            if result:
                return result
        except ignoring as error:
            last_error = error
        if time.monotonic() >= deadline:
            detail = f"; last {type(last_error).__name__}: {last_error}" if last_error else ""
            raise AssertionError(f"{message} (waited {timeout:g} s{detail})")
        time.sleep(interval)  # the polling interval, not a wait for something to happen
