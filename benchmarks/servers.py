"""Stopping the dashboard server a benchmark started (benchmarks/browser.py, benchmarks/load.py)."""
from __future__ import annotations

import subprocess


def stop_server(server: subprocess.Popen, timeout: float = 30) -> None:
    """SIGTERM (gunicorn lets its workers finish), then SIGKILL if it has not stopped in `timeout` s."""
    server.terminate()
    try:
        server.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()
