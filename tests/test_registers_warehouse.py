"""The registers in the warehouse build: loaded, checked (a broken row fails the build), and the
answers to written question nr. 28 per province and per municipality, also as Excel."""
from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from etl.errors import EtlError

REGISTERS = Path(__file__).resolve().parent.parent / "data" / "registers"


def test_registers_loaded_with_provenance(built_warehouse, read_only):
    con = read_only(built_warehouse)
    assert con.execute("SELECT count(*) FROM project").fetchone()[0] == 48
    assert con.execute("SELECT count(*) FROM policy_action").fetchone()[0] == 201
    assert con.execute("SELECT count(DISTINCT project_id) FROM project_location").fetchone()[0] == 48
    amount = con.execute("SELECT typeof(amount_eur) FROM policy_action_budget LIMIT 1").fetchone()[0]
    assert amount == "DOUBLE"
    sha = con.execute("SELECT sha256 FROM source WHERE source_id = 'register-project'").fetchone()[0]
    assert sha == hashlib.sha256((REGISTERS / "project.csv").read_bytes()).hexdigest()
    # Both counts of selected networks are kept, each with its source.
    selected = con.execute("SELECT value, source_doc FROM programme_fact WHERE programme_id = 'lbn_2023' "
                           "AND fact = 'projects_selected' ORDER BY value").fetchall()
    assert selected == [("45", "seed:001"), ("48", "seed:004")]


def test_province_summary_for_limburg_and_total(built_warehouse, read_only):
    con = read_only(built_warehouse)
    rows = {r[0]: r[1:] for r in con.execute(
        "SELECT province_nis, applications_text, projects_awarded, amount_awarded_text FROM wq28_province_summary").fetchall()}
    assert rows["70000"] == ("niet gepubliceerd", 6, "niet gepubliceerd")
    assert set(rows) == {"10000", "20001", "30000", "40000", "70000", "04000", "totaal"}
    assert rows["totaal"][0] == "151"
    assert rows["totaal"][1] is None  # 45 or 48: the sources disagree, no number is picked
    assert sum(rows[p][1] for p in ("10000", "20001", "30000", "40000", "70000", "04000")) == 48
    limburg = con.execute("SELECT municipality_name, project_name FROM wq28_municipality_networks "
                          "WHERE province_nis = '70000' ORDER BY 1").fetchall()
    assert ("Beringen", "Duosprong") in limburg
    assert len(limburg) == 6
    # The province-wide network is named as such, not as a municipality called "Limburg".
    assert ("hele provincie Limburg", "EDU-Sherpa") in limburg


def test_wq28_excel_export_neutralises_formulas(built_warehouse, tmp_path, read_only):
    from openpyxl import load_workbook

    from etl.exports import safe_cell, wq28_workbook

    con = read_only(built_warehouse)
    wb = wq28_workbook(con, "70000")
    assert wb.sheetnames == ["Per provincie", "Per gemeente", "Bronnen"]
    safe_cell(wb["Bronnen"].cell(20, 1), "=HYPERLINK(\"http://evil\")")
    path = tmp_path / "wq28.xlsx"
    wb.save(path)
    reread = load_workbook(path)
    per_province = [[c.value for c in row] for row in reread["Per provincie"].iter_rows(min_row=4)]
    limburg = next(r for r in per_province if r[0] == "Limburg")
    assert limburg[1:4] == [None, None, 6] and "niet gepubliceerd" in limburg[6]  # empty cell, reason in the note
    assert reread["Per provincie"].cell(3, 3).value == "Gevraagd bedrag (euro)"
    by_municipality = [[c.value for c in row] for row in reread["Per gemeente"].iter_rows(min_row=3)]
    amount_column = by_municipality[0].index("Toegekend bedrag (euro)")
    assert {r[amount_column] for r in by_municipality[1:]} == {None}
    assert {r[amount_column + 1] for r in by_municipality[1:]} == {"Niet gepubliceerd: geen bron geeft het bedrag per netwerk."}
    sources = " ".join(str(c.value) for c in reread["Bronnen"]["A"] if c.value)
    assert "het antwoord geeft geen cijfers" in sources and "aantal aanvragen (151)" not in sources
    assert reread["Bronnen"].cell(20, 1).data_type == "s"
    municipalities = [r[2] for r in reread["Per gemeente"].iter_rows(min_row=4, values_only=True)]
    assert "Beringen" in municipalities and len(municipalities) == 6


@pytest.mark.parametrize("file, old, new, expected", [
    ("project_location.csv", "lbn-001,13008,", "lbn-001,12345,", "onbekende"),
    ("project.csv", "lbn-001,lbn_2023", "lbn-002,lbn_2023", "lbn-002"),
])
def test_broken_register_row_fails_build_and_keeps_warehouse(file, old, new, expected, etl_root, monkeypatch):
    from etl.build import build
    from etl.config import load_settings

    broken = etl_root / "registers"
    shutil.copytree(REGISTERS, broken)
    text = (broken / file).read_text(encoding="utf-8")
    assert old in text
    (broken / file).write_text(text.replace(old, new, 1), encoding="utf-8")
    monkeypatch.setenv("REGISTERS_DIR", str(broken))
    before = hashlib.sha256((etl_root / "warehouse.duckdb").read_bytes()).hexdigest()
    with pytest.raises(EtlError) as info:
        build(load_settings())
    message = info.value.describe()
    assert "registers" in message and file in message and expected in message
    assert hashlib.sha256((etl_root / "warehouse.duckdb").read_bytes()).hexdigest() == before


def test_theme_outside_vocabulary_fails_build(etl_root, monkeypatch):
    from etl.build import build
    from etl.config import load_settings

    broken = etl_root / "registers"
    shutil.copytree(REGISTERS, broken)
    lines = (broken / "project.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    lines[1] = lines[1].replace(",education,", ",toverkunst,", 1)
    assert "toverkunst" in lines[1]
    (broken / "project.csv").write_text("".join(lines), encoding="utf-8")
    monkeypatch.setenv("REGISTERS_DIR", str(broken))
    with pytest.raises(EtlError) as info:
        build(load_settings())
    assert "toverkunst" in info.value.describe() and "project.csv" in info.value.describe()


def test_register_columns_have_their_declared_types(built_warehouse, read_only):
    con = read_only(built_warehouse)
    types = dict(con.execute("SELECT table_name || '.' || column_name, data_type FROM information_schema.columns "
                             "WHERE table_name IN ('policy_action_budget', 'programme_fact', 'programme', "
                             "'register_source', 'project_location')").fetchall())
    assert types["policy_action_budget.per_unit"] == "BOOLEAN"
    assert types["policy_action_budget.year"] == types["programme_fact.year"] == "INTEGER"
    assert types["programme_fact.value"] == types["project_location.nis_code"] == "VARCHAR"
    assert types["programme.period_end"] == "VARCHAR"
    assert types["programme.period_end_from"] == types["register_source.date_to"] == "DATE"
    assert con.execute("SELECT count(*) FROM policy_action_budget WHERE per_unit").fetchone()[0] == 5
    # As precise as the source: the plan ran in 2019, the networks started on 1 December 2023.
    plan = con.execute("SELECT period_start, CAST(period_start_from AS VARCHAR), period_end, "
                       "CAST(period_end_to AS VARCHAR) FROM programme WHERE programme_id = 'vapa_2015_2019'").fetchone()
    assert plan == ("2015", "2015-01-01", "2019", "2019-12-31")
    start = con.execute("SELECT CAST(period_start_from AS VARCHAR), CAST(period_start_to AS VARCHAR) FROM programme "
                        "WHERE programme_id = 'lbn_2023'").fetchone()
    assert start == ("2023-12-01", "2023-12-01")


def test_register_tables_are_guarded_by_the_contracts(built_warehouse, tmp_path):
    """The loaded tables are checked like every other table: a bad value or a duplicate key fails."""
    import duckdb

    from etl.checks import run_checks

    copy = tmp_path / "copy.duckdb"
    shutil.copyfile(built_warehouse, copy)
    con = duckdb.connect(str(copy))
    try:
        run_checks(con)
        con.execute("UPDATE partner SET sector = 'church' WHERE partner_id = 'prt-001'")
        con.execute("INSERT INTO project_location SELECT * FROM project_location WHERE project_id = 'lbn-001'")
        with pytest.raises(EtlError) as info:
            run_checks(con)
    finally:
        con.close()
    message = info.value.describe()
    assert "tabel partner: kolom sector" in message and "church" in message
    assert "tabel project_location" in message
