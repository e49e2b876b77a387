"""The work on an uploaded workbook, with the same code as `python -m etl load-report`:
`validate_workbook` on the uploaded bytes with the runtimes of the live warehouse (read-only), then
`load_reports` on a temporary copy of the bytes (atomic, archived, warehouse swapped; every page reads
the new file next). Every check is written to the attempts log (etl/reports/attempts.py);
`load_reports` logs the load.

The etl functions are looked up when called (not bound at import), so a test can stand in for them.
"""
from __future__ import annotations

import base64
import binascii
import logging
import re
import tempfile
from pathlib import Path

from dashboard import auth, db
from dashboard.queries import project as qpr

log = logging.getLogger(__name__)


def safe_file_name(name) -> str:
    """The upload's own name, reduced to a plain file name (it names the file in the ledger)."""
    base = re.split(r"[\\/]", str(name or ""))[-1]
    base = re.sub(r"[^\w.() -]", "_", base).strip(" .")[:120]
    return base or "upload.xlsx"


def decode_upload(contents: str, max_bytes: int) -> bytes | None:
    """The bytes of a dcc.Upload data URL; None when it is not one. Far too large: refused
    undecoded (the browser already stops files over the limit; this is for crafted requests)."""
    if not isinstance(contents, str) or "," not in contents:
        return None
    header, payload = contents.split(",", 1)
    if not header.startswith("data:") or ";base64" not in header:
        return None
    if len(payload) > (max_bytes + 1024) * 4 // 3 + 4:
        return None
    try:
        return base64.b64decode(payload, validate=True)
    except (binascii.Error, ValueError):
        return None


def read_projects(settings) -> tuple[dict, dict[str, str]]:
    """Runtimes (for the validator) and names of the projects, from the live warehouse, read-only.
    Raises db.WarehouseError when it cannot be read."""
    with db.reader(settings.warehouse_path) as r:
        return qpr.runtimes(r), qpr.project_names(r)


def check_workbook(data: bytes, file_name: str, settings):
    """The validation report of the uploaded bytes (writes nothing) and the project names."""
    from etl.reports.validate import validate_workbook

    runtimes, names = read_projects(settings)
    report = validate_workbook(data, projects=runtimes, max_bytes=settings.reports_max_bytes, file_name=file_name)
    return report, names


def record(settings, report, user: auth.User) -> None:
    """One line in the attempts log per checked upload. A log that cannot be written is logged,
    not shown: the check itself is still right."""
    from etl.reports.attempts import record_attempt

    try:
        record_attempt(settings.reports_dir, file_name=report.file_name, sha256=report.sha256, user=user.name,
                       channel="upload", report=report, loaded=False)
    except OSError:
        log.exception("poging niet in het logboek geschreven: %s", report.file_name)


def load(data: bytes, file_name: str, settings, user: auth.User):
    """Load the checked bytes through etl.reports.load (which validates again, under its lock); its
    summary. Raises etl.reports.load.ReportsRejected or etl.errors.EtlError."""
    from etl.reports.load import load_reports

    name = file_name if file_name.lower().endswith(".xlsx") else f"{file_name}.xlsx"
    with tempfile.TemporaryDirectory(prefix="kinderarmoede-upload-") as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        summary = load_reports([path], settings, user=user.name, channel="upload")
    log.info("geladen via upload door %s: %s", user.name, file_name)
    return summary
