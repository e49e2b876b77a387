"""Settings, read from the environment when asked for (never at import).

Precedence: environment variable, then the default below. `.env.example` lists them all.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent

# name -> (default, help). Kept as data so the README table and tests can check it.
SETTINGS: dict[str, tuple[str, str]] = {
    "WAREHOUSE_PATH": ("data/warehouse.duckdb", "The live DuckDB warehouse file."),
    "SOURCE_MIRROR": ("", "Folder laid out as HOST/PATH; URLs of hosts present there are read from it instead of the network."),
    "ETL_CACHE_DIR": ("data/cache", "Download cache (verified files, named by sha256)."),
    "ETL_IMPORTS_DIR": ("data/imports", "Indicators imported by analysts; re-applied on every build."),
    "REGISTERS_DIR": ("data/registers", "The curated intervention registers (committed CSV files)."),
    "REPORTS_DIR": ("data/reports", "Loaded project report workbooks (by sha256) and their ledger; re-applied on every build."),
    "REPORTS_MAX_BYTES": ("2000000", "A report workbook larger than this is refused before it is opened."),
    "GEO_DIR": ("geo", "Where the build writes the simplified GeoJSON layers the dashboard serves."),
    "ETL_HTTP_TIMEOUT": ("30", "Seconds to wait for a connection or a read."),
    "ETL_HTTP_RETRIES": ("3", "Retries of a failed download (timeouts, 5xx)."),
    "ETL_HTTP_BACKOFF": ("1.0", "Seconds of the first back-off; doubles each retry."),
    "ETL_MAX_DOWNLOAD_BYTES": ("200000000", "A download larger than this is refused."),
    "DASHBOARD_USERS_FILE": ("", "TOML file of dashboard users with password hashes (python -m dashboard add-user); unset: upload is off."),
    "DASHBOARD_SECRET_KEY": ("", "Signs the dashboard's session cookie; unset: the key file beside the users file when it exists or several workers run, else a random key per process."),
    "DASHBOARD_SECURE_COOKIE": ("0", "1: send the session cookie over HTTPS only (set it behind HTTPS)."),
    "DASHBOARD_WORKERS": ("", "gunicorn worker processes of `python -m dashboard`; unset: the number of CPUs plus one."),
    "DASHBOARD_THREADS": ("4", "Threads per gunicorn worker."),
    "DASHBOARD_MAX_CONTENT_LENGTH": ("4000000", "A request body larger than this (bytes) is refused with 413 before it is read; must hold a base64 upload of REPORTS_MAX_BYTES."),
    "DASHBOARD_FRAME_ANCESTORS": ("", "Origins that may embed the dashboard in a frame (CSP frame-ancestors), space-separated; unset: none."),
    "DASHBOARD_THROTTLE_STORAGE": ("", "Where failed logins and ended sessions are counted (a `limits` storage URI): redis://host:6379 for several machines; unset: a SQLite file beside the users file, shared by the workers of one machine."),
    "DASHBOARD_TRUSTED_PROXIES": ("0", "Number of reverse proxies in front of the dashboard whose X-Forwarded-For/-Proto are trusted (the throttle then counts the client's address)."),
}


def _resolve(path: str) -> Path:
    p = Path(path)
    return p if p.is_absolute() else REPO_ROOT / p


@dataclass(frozen=True)
class Settings:
    warehouse_path: Path
    source_mirror: Path | None
    cache_dir: Path
    imports_dir: Path
    registers_dir: Path
    geo_dir: Path
    reports_dir: Path
    reports_max_bytes: int
    http_timeout: float
    http_retries: int
    http_backoff: float
    max_download_bytes: int


def get(name: str) -> str:
    return os.environ.get(name) or SETTINGS[name][0]


def load_settings() -> Settings:
    mirror = get("SOURCE_MIRROR")
    return Settings(
        warehouse_path=_resolve(get("WAREHOUSE_PATH")),
        source_mirror=_resolve(mirror) if mirror else None,
        cache_dir=_resolve(get("ETL_CACHE_DIR")),
        imports_dir=_resolve(get("ETL_IMPORTS_DIR")),
        registers_dir=_resolve(get("REGISTERS_DIR")),
        geo_dir=_resolve(get("GEO_DIR")),
        reports_dir=_resolve(get("REPORTS_DIR")),
        reports_max_bytes=int(get("REPORTS_MAX_BYTES")),
        http_timeout=float(get("ETL_HTTP_TIMEOUT")),
        http_retries=int(get("ETL_HTTP_RETRIES")),
        http_backoff=float(get("ETL_HTTP_BACKOFF")),
        max_download_bytes=int(get("ETL_MAX_DOWNLOAD_BYTES")),
    )
