"""The attempts log (etl/reports/attempts.py): every workbook the CLI validates is recorded, refused
or loaded; a refused workbook leaves the warehouse byte-identical; a corrupt line is skipped.

All workbooks are SYNTHETIC (invented figures; tests/fixtures/make_voorbeeld_rapportage.py).
"""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from etl.cli import main
from etl.reports.attempts import MAX_PROBLEMS, attempts_path, read_attempts, record_attempt
from etl.reports.validate import Problem, ValidationReport
from tests.fixtures.make_voorbeeld_rapportage import synthetic_workbook


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_valid_workbook_via_cli_is_recorded_as_loaded(etl_root, runtimes, tmp_path):
    path = tmp_path / "rapport lbn-001 2024.xlsx"
    synthetic_workbook(runtimes).save(path)
    assert main(["load-report", str(path), "--by", "tester"]) == 0
    [attempt] = read_attempts(etl_root / "reports")
    assert attempt["channel"] == "cli" and attempt["user"] == "tester"
    assert (attempt["file_name"], attempt["sha256"]) == ("rapport lbn-001 2024.xlsx", digest(path))
    assert (attempt["project_id"], attempt["period"]) == ("lbn-001", "2024")
    assert attempt["ok"] is True and attempt["loaded"] is True and attempt["problems"] == []
    assert attempt["at"].endswith("+00:00")  # UTC

    # The same bytes again: valid, but nothing new is loaded.
    assert main(["load-report", str(path), "--by", "tester"]) == 0
    again = read_attempts(etl_root / "reports")[-1]
    assert again["ok"] is True and again["loaded"] is False


def test_invalid_workbook_via_cli_is_recorded_and_warehouse_unchanged(etl_root, runtimes, tmp_path):
    wb = synthetic_workbook(runtimes)
    wb["Budget"]["D3"] = "veel"
    bad = tmp_path / "fout.xlsx"
    wb.save(bad)
    warehouse = etl_root / "warehouse.duckdb"
    before = digest(warehouse)
    assert main(["load-report", str(bad), "--by", "tester"]) == 2
    assert digest(warehouse) == before
    assert not (etl_root / "reports" / "ledger.jsonl").exists()
    [attempt] = read_attempts(etl_root / "reports")
    assert attempt["ok"] is False and attempt["loaded"] is False and attempt["channel"] == "cli"
    assert (attempt["project_id"], attempt["period"]) == ("lbn-001", "2024")  # the Project sheet was readable
    assert attempt["problems"] == [{"sheet": "Budget", "cell": "D3", "message": "getal verwacht, gevonden 'veel'",
                                    "expected": "een bedrag in euro: getal van 0 of meer"}]
    assert attempt["problem_count"] == 1 and attempt["problems_omitted"] == 0


def test_a_refused_batch_records_every_file_none_loaded(etl_root, runtimes, tmp_path):
    good = tmp_path / "goed.xlsx"
    synthetic_workbook(runtimes).save(good)
    not_excel = tmp_path / "notities.xlsx"
    not_excel.write_text("geen werkmap")
    assert main(["load-report", str(good), str(not_excel)]) == 2
    attempts = {a["file_name"]: a for a in read_attempts(etl_root / "reports")}
    assert attempts["goed.xlsx"]["ok"] is True and attempts["goed.xlsx"]["loaded"] is False
    assert attempts["notities.xlsx"]["ok"] is False and attempts["notities.xlsx"]["project_id"] is None
    assert attempts["notities.xlsx"]["problems"][0]["sheet"] is None


def test_corrupt_and_missing_files_are_tolerated(tmp_path):
    assert read_attempts(tmp_path / "bestaat-niet") == []
    report = ValidationReport("a.xlsx", 10, sha256="ab" * 32, project_id="lbn-001", period="2024")
    record_attempt(tmp_path, file_name="a.xlsx", sha256="ab" * 32, user="u", channel="upload", report=report, loaded=True)
    with open(attempts_path(tmp_path), "a", encoding="utf-8") as handle:
        handle.write('{"at": "2025-01-01T00:00:00+00:00", "user": "half afgebro\n')  # a torn write
        handle.write("[1, 2]\n\n")
    record_attempt(tmp_path, file_name="b.xlsx", sha256=None, user="u", channel="upload", report=report, loaded=False)
    assert [a["file_name"] for a in read_attempts(tmp_path)] == ["a.xlsx", "b.xlsx"]


def test_problems_are_capped_with_a_count_of_the_rest(tmp_path):
    problems = [Problem("x.xlsx", "Budget", f"B{i}", "leeg", "een getal") for i in range(MAX_PROBLEMS + 7)]
    report = ValidationReport("x.xlsx", 10, problems=problems)
    written = record_attempt(tmp_path, file_name="x.xlsx", sha256=None, user="u", channel="upload",
                             report=report, loaded=False)
    line = json.loads(attempts_path(tmp_path).read_text(encoding="utf-8"))
    assert line == written
    assert len(line["problems"]) == MAX_PROBLEMS and line["problems_omitted"] == 7 and line["problem_count"] == MAX_PROBLEMS + 7


def test_unknown_channel_is_refused(tmp_path):
    with pytest.raises(ValueError):
        record_attempt(tmp_path, file_name="x", sha256=None, user="u", channel="mail",
                       report=ValidationReport("x", 0), loaded=False)
    assert read_attempts(tmp_path) == []
