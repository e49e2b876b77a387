"""`python -m etl load-report FILE...`: validated, atomic loading of project report workbooks.

Shape as etl/imports.py: validate everything first (all problems of all files at once; any
problem: nothing is loaded), then load into a copy of the live warehouse, run the contract checks,
and swap it in with os.replace (etl/staged.py). Each loaded workbook is archived by content under
REPORTS_DIR:

    REPORTS_DIR/files/<sha256>.xlsx   the workbook exactly as loaded
    REPORTS_DIR/ledger.jsonl          one line per load, in load order: report_id, sha256, file name,
                                      who, when (UTC), project, period, bytes, status "loaded"

`etl build` replays the ledger in order (reapply_archived), so reported figures and their history
survive every build. History model: the tables project_budget / project_reach / project_outcome
hold the current figures only; a figure that is replaced moves to the same-named `_history` table
with `superseded_by` (the report that replaced it). A later workbook for the same project and
period replaces all figures of the earlier one (report.status becomes `superseded`). A figure with
the same key (project and year, period or indicator) from another reporting period is replaced by
the report whose reporting period ends later; on equal ends, by the later load.
"""
from __future__ import annotations

import getpass
import json
import shutil
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd

from etl.errors import EtlError
from etl.reports.periods import parse_period, runtimes_from_warehouse
from etl.reports.validate import ValidationReport, validate_workbook
from etl.writer_lock import warehouse_writer

LEDGER_NAME = "ledger.jsonl"
FILES_DIR = "files"
LOADED = "loaded"
# Figure table -> the columns that identify one figure of a project.
FIGURE_KEYS = {
    "project_budget": ("project_id", "year"),
    "project_reach": ("project_id", "period", "measure"),
    "project_outcome": ("project_id", "indicator", "period"),
}


@dataclass(frozen=True)
class LedgerEntry:
    report_id: str
    sha256: str
    file_name: str
    loaded_by: str
    loaded_at: str
    project_id: str
    period: str
    bytes: int
    status: str = LOADED


@dataclass
class LoadSummary:
    loaded: list[tuple[LedgerEntry, dict[str, int]]] = field(default_factory=list)
    unchanged: list[tuple[str, str]] = field(default_factory=list)  # (file name, report_id already current)


class ReportsRejected(EtlError):
    """One or more workbooks are invalid; carries every problem of every file."""

    def __init__(self, reports: list[ValidationReport]):
        self.reports = reports
        self.problems = [p for r in reports for p in r.problems]
        super().__init__("\n".join(p.describe() for p in self.problems))


# ================================================================ archive and ledger

def archive_path(reports_dir: Path, sha256: str) -> Path:
    return Path(reports_dir) / FILES_DIR / f"{sha256}.xlsx"


def read_ledger(reports_dir: Path) -> list[LedgerEntry]:
    path = Path(reports_dir) / LEDGER_NAME
    if not path.exists():
        return []
    entries = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            entries.append(LedgerEntry(**json.loads(line)))
        except (ValueError, TypeError) as exc:
            raise EtlError(f"onleesbare regel in het register van geladen rapporten: {exc}",
                           file=str(path), row=number) from exc
    return [e for e in entries if e.status == LOADED]


# ================================================================ applying one report

def _period_end(label: str):
    return parse_period(label).end


def _move_to_history(con, table: str, rows: pd.DataFrame, superseded_by) -> None:
    """Move current rows (given by key and report_id) to the history table. Names are our own constants."""
    if rows.empty:
        return
    keys = list(FIGURE_KEYS[table]) + ["report_id"]
    moving = rows[keys].copy()
    moving["superseded_by"] = superseded_by
    con.register("moving", moving)
    match = " AND ".join(f"t.{k} = m.{k}" for k in keys)
    con.execute(f"INSERT INTO {table}_history BY NAME SELECT t.*, m.superseded_by FROM {table} t JOIN moving m ON {match}")
    con.execute(f"DELETE FROM {table} t USING moving m WHERE {match}")
    con.unregister("moving")


def _supersede_same_period(con, entry: LedgerEntry) -> None:
    """A corrected workbook for the same project and period replaces all figures of the earlier one."""
    earlier = [r[0] for r in con.execute(
        "SELECT report_id FROM report WHERE project_id = ? AND period = ? AND status = 'current'",
        [entry.project_id, entry.period]).fetchall()]
    for report_id in earlier:
        for table, keys in FIGURE_KEYS.items():
            rows = con.execute(f"SELECT {', '.join(keys)}, report_id FROM {table} WHERE report_id = ?", [report_id]).df()
            _move_to_history(con, table, rows, entry.report_id)
        con.execute("UPDATE report SET status = 'superseded', superseded_by = ? WHERE report_id = ?",
                    [entry.report_id, report_id])


def _insert_figures(con, table: str, incoming: pd.DataFrame, entry: LedgerEntry) -> int:
    """Insert a report's figures; where another report holds the same figure, the later period wins."""
    keys = list(FIGURE_KEYS[table])
    incoming = incoming.assign(report_id=entry.report_id)
    holders = con.execute(
        f"SELECT {', '.join('t.' + k for k in keys)}, t.report_id AS holder, r.period AS holder_period "
        f"FROM {table} t JOIN report r USING (report_id) WHERE t.project_id = ?", [entry.project_id]).df()
    clash = incoming[keys].merge(holders, on=keys, how="inner")
    new_end = _period_end(entry.period)
    keeps = clash["holder_period"].map(_period_end) > new_end if len(clash) else pd.Series(dtype=bool)
    # The earlier figure stays current where its reporting period ends later: this one goes to history.
    kept = clash[keeps]
    if len(kept):
        stale = incoming.merge(kept[keys + ["holder"]], on=keys).rename(columns={"holder": "superseded_by"})
        con.register("stale", stale)
        con.execute(f"INSERT INTO {table}_history BY NAME SELECT * FROM stale")
        con.unregister("stale")
        incoming = incoming.merge(kept[keys], on=keys, how="left", indicator=True)
        incoming = incoming[incoming["_merge"] == "left_only"].drop(columns="_merge")
    _move_to_history(con, table, clash[~keeps].rename(columns={"holder": "report_id"}), entry.report_id)
    con.register("incoming", incoming)
    con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM incoming")
    con.unregister("incoming")
    return len(incoming)


def apply_report(con, entry: LedgerEntry, report: ValidationReport) -> dict[str, int]:
    """Add one validated report to an open warehouse (a copy, or a new build). Returns rows per table."""
    _supersede_same_period(con, entry)
    con.execute("INSERT INTO report VALUES (?, ?, ?, ?, ?, 'current', ?, ?, NULL)",
                [entry.report_id, entry.sha256, entry.file_name, entry.loaded_by, entry.loaded_at,
                 entry.project_id, entry.period])
    frames = {"project_budget": report.budget, "project_reach": report.reach, "project_outcome": report.outcome}
    return {table: _insert_figures(con, table, frame, entry) for table, frame in frames.items()}


def reapply_archived(con, reports_dir: Path, max_bytes: int) -> int:
    """Replay the ledger into a new warehouse (registers already loaded). Returns the figures loaded.

    Each archived workbook is validated again against today's registers: a report that no longer
    fits (its project removed, its period outside a changed runtime) fails the build, by name.
    """
    entries = read_ledger(reports_dir)
    if not entries:
        return 0
    runtimes = runtimes_from_warehouse(con)
    figures = 0
    for entry in entries:
        path = archive_path(reports_dir, entry.sha256)
        where = f"rapport {entry.report_id} ({entry.file_name})"
        if not path.is_file():
            raise EtlError(f"{where}: het gearchiveerde bestand {path} ontbreekt", source="reports")
        report = validate_workbook(path, projects=runtimes, max_bytes=max(max_bytes, path.stat().st_size),
                                   file_name=entry.file_name, today=datetime.fromisoformat(entry.loaded_at).date())
        if report.sha256 != entry.sha256:
            raise EtlError(f"{where}: het gearchiveerde bestand is gewijzigd (sha256 klopt niet)", source="reports")
        if not report.ok:
            raise EtlError(f"{where} past niet meer bij de registers: " + "; ".join(report.describe()[:5]),
                           source="reports")
        figures += sum(apply_report(con, entry, report).values())
    return figures


# ================================================================ the load command

def _user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "onbekend"


def _current_reports(live: Path) -> tuple[dict, dict[tuple[str, str], tuple[str, str]]]:
    import duckdb

    reader = duckdb.connect(str(live), read_only=True)
    try:
        runtimes = runtimes_from_warehouse(reader)
        current = {(p, per): (rid, sha) for rid, sha, p, per in reader.execute(
            "SELECT report_id, sha256, project_id, period FROM report WHERE status = 'current'").fetchall()}
    finally:
        reader.close()
    return runtimes, current


def load_reports(paths: list[Path], settings, user: str | None = None, channel: str | None = None) -> LoadSummary:
    """Validate every workbook; if all are valid, load them in the given order, atomically.

    channel ("cli" or "upload"): record each validated workbook in the attempts log
    (etl/reports/attempts.py), refused or loaded; None records nothing (the caller records)."""
    live = settings.warehouse_path
    if not live.exists():
        raise EtlError(f"geen warehouse op {live}: bouw eerst met `python -m etl build`")
    reports_dir = settings.reports_dir
    user = user or _user()
    with warehouse_writer(live):  # no build, import or other load swaps the file meanwhile
        runtimes, current = _current_reports(live)
        reports = [validate_workbook(p, projects=runtimes, max_bytes=settings.reports_max_bytes) for p in paths]
        rejected = [r for r in reports if not r.ok]
        if rejected:
            _record_attempts(reports_dir, reports, set(), user, channel)
            raise ReportsRejected(rejected)
        taken = {e.report_id for e in read_ledger(reports_dir)}
        summary, todo = _plan(paths, reports, current, taken, user)
        loaded: set[int] = set()
        try:
            if todo:
                _commit(live, reports_dir, todo, summary)
                loaded = {id(report) for _, _, report in todo}
        finally:  # a failed commit (a contract check) is an attempt too, with nothing loaded
            _record_attempts(reports_dir, reports, loaded, user, channel)
    return summary


def _record_attempts(reports_dir: Path, reports, loaded: set[int], user: str, channel: str | None) -> None:
    if channel is None:
        return
    from etl.reports.attempts import record_attempt

    for report in reports:
        record_attempt(reports_dir, file_name=report.file_name, sha256=report.sha256, user=user, channel=channel,
                       report=report, loaded=id(report) in loaded)


def _report_id(now: datetime, sha256: str, taken: set[str]) -> str:
    """Load time and content; a suffix where the same bytes were loaded in the same second
    (`load-report A.xlsx B.xlsx A.xlsx`: A, corrected by B, then A again)."""
    base = f"{now:%Y%m%dT%H%M%SZ}-{sha256[:12]}"
    report_id, n = base, 1
    while report_id in taken:
        n += 1
        report_id = f"{base}-{n}"
    taken.add(report_id)
    return report_id


def _plan(paths, reports, current, taken: set[str], user: str):
    """Ledger entries for the workbooks that change something; identical re-uploads are skipped."""
    summary, todo = LoadSummary(), []
    now = datetime.now(UTC)
    for path, report in zip(paths, reports):
        key = (report.project_id, report.period)
        if key in current and current[key][1] == report.sha256:
            summary.unchanged.append((report.file_name, current[key][0]))
            continue
        entry = LedgerEntry(report_id=_report_id(now, report.sha256, taken), sha256=report.sha256,
                            file_name=report.file_name, loaded_by=user, loaded_at=now.isoformat(timespec="seconds"),
                            project_id=report.project_id, period=report.period, bytes=report.size)
        current[key] = (entry.report_id, report.sha256)
        todo.append((Path(path), entry, report))
    return summary, todo


def _commit(live: Path, reports_dir: Path, todo, summary: LoadSummary) -> None:
    """Load the planned reports into a copy of the warehouse; the archived workbooks and the longer
    ledger are staged, so they land just before the warehouse (the next build replays them) and a
    failed swap leaves ledger and warehouse telling the same story."""
    from etl.checks import run_checks
    from etl.staged import staged_warehouse

    ledger = reports_dir / LEDGER_NAME
    previous_ledger = ledger.read_bytes() if ledger.exists() else b""
    with staged_warehouse(live, "report", copy_live=True, checks=[run_checks]) as staged:
        for _, entry, report in todo:
            summary.loaded.append((entry, apply_report(staged.connection, entry, report)))
        archived = set()
        for path, entry, _ in todo:
            target = archive_path(reports_dir, entry.sha256)
            if target.exists() or target in archived:  # named by content: the same bytes are already there
                continue
            archived.add(target)
            shutil.copyfile(path, staged.stage(target))
        lines = "".join(json.dumps(asdict(e), ensure_ascii=False) + "\n" for _, e, _ in todo)
        staged.stage(ledger).write_bytes(previous_ledger + lines.encode("utf-8"))
