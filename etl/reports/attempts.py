"""The attempts log: every validation of a monitoring workbook, refused or loaded.

`REPORTS_DIR/attempts.jsonl` holds one JSON line per validated workbook, from the CLI
(`python -m etl load-report`, channel "cli") and from the dashboard's upload page (channel "upload").
The ledger (etl/reports/load.py) only knows loaded workbooks; this log also keeps the refused ones
with their problems, so the reporting tracker can show a project what to fix.

It is a log, not a source of figures: `etl build` never reads it and writing it never touches the
warehouse. Lines are appended with O_APPEND in a single write, then fsync'd, so concurrent writers
(CLI and dashboard) never interleave within a line and a line is either whole or absent. It does not
take the warehouse writer lock (etl/writer_lock.py): `load_reports` already holds it when it
records, and flock is per open file, so taking it again from the same process would deadlock.
"""
from __future__ import annotations

import json
import os
from datetime import UTC, datetime
from pathlib import Path

from etl.reports.validate import ValidationReport

ATTEMPTS_NAME = "attempts.jsonl"
CHANNELS = ("cli", "upload")
# A broken workbook can yield thousands of problems (every cell of a shifted table); the first
# ones tell the project what is wrong, the count tells how much.
MAX_PROBLEMS = 200


def attempts_path(reports_dir: Path) -> Path:
    return Path(reports_dir) / ATTEMPTS_NAME


def attempt_record(*, file_name: str, sha256: str | None, user: str, channel: str,
                   report: ValidationReport, loaded: bool, at: datetime | None = None) -> dict:
    """The JSON-ready line for one attempt (pure; record_attempt writes it)."""
    if channel not in CHANNELS:
        raise ValueError(f"channel must be one of {CHANNELS}, not {channel!r}")
    problems = [{"sheet": p.sheet, "cell": p.cell, "message": p.message, "expected": p.expected}
                for p in report.problems[:MAX_PROBLEMS]]
    return {
        "at": (at or datetime.now(UTC)).isoformat(timespec="seconds"),
        "user": user,
        "channel": channel,
        "file_name": file_name,
        "sha256": sha256,
        "project_id": report.project_id,
        "period": report.period,
        "report_date": report.report_date.isoformat() if report.report_date else None,
        "ok": report.ok,
        "loaded": bool(loaded),
        "problem_count": len(report.problems),
        "problems": problems,
        "problems_omitted": max(0, len(report.problems) - MAX_PROBLEMS),
    }


def _append_line(path: Path, line: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    try:
        written = os.write(fd, line)  # one write: O_APPEND places it whole at the current end
        while written < len(line):  # a short write to a regular file is rare (disk full); finish it
            written += os.write(fd, line[written:])
        os.fsync(fd)
    finally:
        os.close(fd)


def record_attempt(reports_dir: Path, *, file_name: str, sha256: str | None, user: str, channel: str,
                   report: ValidationReport, loaded: bool) -> dict:
    """Append one attempt to REPORTS_DIR/attempts.jsonl and return what was written."""
    record = attempt_record(file_name=file_name, sha256=sha256, user=user, channel=channel,
                            report=report, loaded=loaded)
    line = json.dumps(record, ensure_ascii=False, default=str) + "\n"
    _append_line(attempts_path(reports_dir), line.encode("utf-8"))
    return record


def read_attempts(reports_dir: Path) -> list[dict]:
    """All readable attempts, oldest first. A missing file is no attempts; a corrupt line is skipped
    (a crash mid-write, a hand edit): the log informs, it must never take a page down."""
    path = attempts_path(reports_dir)
    try:
        raw = path.read_bytes()
    except (FileNotFoundError, NotADirectoryError, IsADirectoryError, PermissionError):
        return []
    attempts = []
    for line in raw.decode("utf-8", errors="replace").splitlines():
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except ValueError:
            continue
        if isinstance(record, dict):
            attempts.append(record)
    return attempts
