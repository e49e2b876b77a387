"""`python -m etl load-report`: a good workbook loads atomically and is archived by sha256; a corrected
workbook for the same project and period replaces it while history keeps the old figures; reported
figures survive `etl build`; large files are refused before they are opened.

All workbooks are SYNTHETIC (invented figures; tests/fixtures/make_voorbeeld_rapportage.py).
"""
from __future__ import annotations

import hashlib
import io
import json
from pathlib import Path

import pytest

from etl.cli import main
from etl.reports.periods import runtimes_from_warehouse
from etl.reports.validate import validate_workbook
from tests.fixtures.make_voorbeeld_rapportage import synthetic_workbook

FIGURE_TABLES = ("project_budget", "project_reach", "project_outcome")
REPORT_TABLES = ("report",) + FIGURE_TABLES + tuple(f"{t}_history" for t in FIGURE_TABLES)


def save(wb, path: Path) -> Path:
    wb.save(path)
    return path


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def dump(con) -> dict[str, list[tuple]]:
    return {t: sorted(con.execute(f"SELECT * FROM {t}").fetchall(), key=repr) for t in REPORT_TABLES}


def test_default_build_has_no_reported_figures(built_warehouse, read_only):
    con = read_only(built_warehouse)
    for table in REPORT_TABLES:
        assert con.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == 0, table


def test_good_workbook_loads_and_is_archived(etl_root, runtimes, tmp_path, read_only, capsys):
    path = save(synthetic_workbook(runtimes), tmp_path / "rapport lbn-001 2024.xlsx")
    assert main(["load-report", str(path), "--by", "tester"]) == 0
    assert "Geladen" in capsys.readouterr().err
    sha = digest(path)
    con = read_only(etl_root / "warehouse.duckdb")
    report = con.execute("SELECT report_id, sha256, file_name, loaded_by, status, project_id, period FROM report").fetchall()
    assert len(report) == 1
    report_id = report[0][0]
    assert report[0][1:] == (sha, "rapport lbn-001 2024.xlsx", "tester", "current", "lbn-001", "2024")
    budget = con.execute("SELECT year, granted, paid, spent, investment, report_id FROM project_budget ORDER BY year").fetchall()
    assert budget == [(2023, 10000, 10000, 4000.5, None, report_id), (2024, 60000, 50000, 41000, 20000, report_id)]
    assert con.execute("SELECT value FROM project_reach WHERE period = '2024-H2' AND measure = 'children_reached'"
                       ).fetchone() == (150,)
    assert con.execute("SELECT count(*) FROM project_reach WHERE measure = 'children_0_2'").fetchone() == (0,)  # empty cell
    outcome = con.execute("SELECT unit, baseline, baseline_year, target, target_year, actual FROM project_outcome "
                          "WHERE period = '2024'").fetchone()
    assert outcome == ("%", 10, 2023, 50, 2026, 25.5)
    assert (etl_root / "reports" / "files" / f"{sha}.xlsx").read_bytes() == path.read_bytes()
    ledger = [json.loads(line) for line in (etl_root / "reports" / "ledger.jsonl").read_text().splitlines()]
    assert [(e["report_id"], e["sha256"], e["loaded_by"], e["status"]) for e in ledger] == [(report_id, sha, "tester", "loaded")]


def test_corrected_reupload_replaces_keeps_history_and_survives_build(etl_root, runtimes, tmp_path, read_only, capsys):
    first = save(synthetic_workbook(runtimes), tmp_path / "eerste.xlsx")
    corrected = synthetic_workbook(runtimes)
    corrected["Budget"]["D3"] = 42000       # spent 2024 corrected
    corrected["Bereik"]["B3"] = 160         # children 2024-H2 corrected
    corrected["Resultaten"].delete_rows(4)  # the second indicator withdrawn
    second = save(corrected, tmp_path / "verbeterd.xlsx")
    assert main(["load-report", str(first), "--by", "a"]) == 0
    assert main(["load-report", str(second), "--by", "b"]) == 0
    warehouse = etl_root / "warehouse.duckdb"

    con = read_only(warehouse)
    reports = dict(con.execute("SELECT loaded_by, (status, superseded_by, report_id) FROM report").fetchall())
    old_id, new_id = reports["a"][2], reports["b"][2]
    assert reports["a"][:2] == ("superseded", new_id) and reports["b"][:2] == ("current", None)
    assert con.execute("SELECT DISTINCT report_id FROM project_budget UNION SELECT DISTINCT report_id FROM project_reach "
                       "UNION SELECT DISTINCT report_id FROM project_outcome").fetchall() == [(new_id,)]
    assert con.execute("SELECT spent FROM project_budget WHERE year = 2024").fetchone() == (42000,)
    assert con.execute("SELECT spent, report_id, superseded_by FROM project_budget_history WHERE year = 2024"
                       ).fetchone() == (41000, old_id, new_id)
    assert con.execute("SELECT value FROM project_reach_history WHERE period = '2024-H2' AND measure = 'children_reached'"
                       ).fetchone() == (150,)
    assert con.execute("SELECT count(*) FROM project_outcome WHERE indicator LIKE 'Scholen%'").fetchone() == (0,)
    assert con.execute("SELECT count(*) FROM project_outcome_history WHERE indicator LIKE 'Scholen%'").fetchone() == (1,)
    before = dump(con)
    con.close()

    # The same workbook again changes nothing, not even the file.
    stamp = digest(warehouse)
    capsys.readouterr()
    assert main(["load-report", str(second)]) == 0
    assert "Ongewijzigd" in capsys.readouterr().err
    assert digest(warehouse) == stamp

    from etl.build import build
    from etl.config import load_settings
    build(load_settings())
    con = read_only(warehouse)
    assert dump(con) == before


def test_later_reporting_period_keeps_shared_figures(etl_root, runtimes, tmp_path, read_only):
    """Budget 2024 appears in the H1 and the H2 report: the H2 figure stays current, whatever the load order."""
    second_half = save(synthetic_workbook(runtimes, period="2024-H2"), tmp_path / "h2.xlsx")
    first_half = synthetic_workbook(runtimes, period="2024-H1")
    first_half["Budget"]["D3"] = 20000
    first_half["Bereik"].delete_rows(3)      # no 2024-H2 figures in an H1 report
    first_half["Resultaten"].delete_rows(3)
    first_half = save(first_half, tmp_path / "h1.xlsx")
    assert main(["load-report", str(second_half), str(first_half)]) == 0
    con = read_only(etl_root / "warehouse.duckdb")
    ids = dict(con.execute("SELECT period, report_id FROM report WHERE status = 'current'").fetchall())
    assert con.execute("SELECT spent, report_id FROM project_budget WHERE year = 2024").fetchone() == (41000, ids["2024-H2"])
    assert con.execute("SELECT spent, report_id, superseded_by FROM project_budget_history WHERE year = 2024"
                       ).fetchone() == (20000, ids["2024-H1"], ids["2024-H2"])


def test_too_large_file_refused_before_reading(etl_root, tmp_path, capsys, monkeypatch):
    huge = tmp_path / "groot.xlsx"
    with huge.open("wb") as handle:  # sparse: 3 GB on paper, nothing on disk
        handle.truncate(3_000_000_000)
    before = digest(etl_root / "warehouse.duckdb")
    read_bytes = Path.read_bytes

    def refuse_to_read_the_huge_file(self):
        assert self.name != huge.name, "the too-large file was read"
        return read_bytes(self)

    monkeypatch.setattr(Path, "read_bytes", refuse_to_read_the_huge_file)
    assert main(["load-report", str(huge)]) == 2
    assert "bestand groot.xlsx: bestand te groot: 3.000.000.000 bytes, hoogstens 2.000.000 toegelaten" \
        in capsys.readouterr().err
    assert digest(etl_root / "warehouse.duckdb") == before


def test_size_limit_is_a_setting(etl_root, runtimes, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("REPORTS_MAX_BYTES", "10000")
    path = save(synthetic_workbook(runtimes), tmp_path / "rapport.xlsx")
    assert main(["load-report", str(path)]) == 2
    assert "bestand rapport.xlsx: bestand te groot" in capsys.readouterr().err


def test_library_call_for_the_upload_page(etl_root, runtimes, read_only):
    """The dashboard validates uploaded bytes the same way, without writing anything."""
    wb = synthetic_workbook(runtimes)
    buffer = io.BytesIO()
    wb.save(buffer)
    con = read_only(etl_root / "warehouse.duckdb")
    projects = runtimes_from_warehouse(con)
    assert projects == runtimes  # warehouse and registers give the same runtimes
    report = validate_workbook(buffer.getvalue(), projects=projects, file_name="upload.xlsx")
    assert report.ok and report.sha256 == hashlib.sha256(buffer.getvalue()).hexdigest()
    wb["Budget"]["D3"] = "veel"
    buffer = io.BytesIO()
    wb.save(buffer)
    rows = [p.as_dict() for p in validate_workbook(buffer.getvalue(), projects=projects, file_name="upload.xlsx").problems]
    assert rows == [{"file": "upload.xlsx", "sheet": "Budget", "cell": "D3",
                     "message": "getal verwacht, gevonden 'veel'", "expected": "een bedrag in euro: getal van 0 of meer"}]


def test_build_fails_clearly_when_an_archived_workbook_is_missing(etl_root, runtimes, tmp_path):
    from etl.build import build
    from etl.config import load_settings
    from etl.errors import EtlError

    path = save(synthetic_workbook(runtimes), tmp_path / "rapport.xlsx")
    assert main(["load-report", str(path)]) == 0
    (etl_root / "reports" / "files" / f"{digest(path)}.xlsx").unlink()
    before = digest(etl_root / "warehouse.duckdb")
    with pytest.raises(EtlError, match="gearchiveerde bestand .* ontbreekt"):
        build(load_settings())
    assert digest(etl_root / "warehouse.duckdb") == before


def test_load_without_warehouse_fails(tmp_path, monkeypatch, runtimes):
    monkeypatch.setenv("WAREHOUSE_PATH", str(tmp_path / "geen.duckdb"))
    monkeypatch.setenv("REPORTS_DIR", str(tmp_path / "reports"))
    path = save(synthetic_workbook(runtimes), tmp_path / "rapport.xlsx")
    assert main(["load-report", str(path)]) == 1
