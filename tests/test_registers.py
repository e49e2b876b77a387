"""Hand-curated registers in data/registers and their contracts (etl.registers.contracts).

The check against the official 2025 code lists is skipped when the source mirror is absent
(SOURCE_MIRROR, else ../shared/mirror next to the repository). The broken-copy tests use the
codes of the registers themselves, so they always run.
"""
from __future__ import annotations

import csv
import os
import re
import shutil
from pathlib import Path

import pytest

from etl.errors import EtlError
from etl.registers.contracts import (
    REGISTER_FILES,
    SECTORS,
    check_registers,
    read_reference_codes,
    read_register_csv,
    read_registers,
)

REPO_ROOT = Path(__file__).resolve().parent.parent
REGISTERS_DIR = REPO_ROOT / "data" / "registers"
GEBIEDSNIVEAUS = ("raw.githubusercontent.com/provinciesincijfers/gebiedsniveaus/"
                  "3b1b6d8d3548e495f597db134f437f0d08898535/data_voor_swing")
PROVINCE_CODES = {"04000", "10000", "20001", "30000", "40000", "70000"}


def mirror_swing_dir() -> Path:
    mirror = Path(os.environ.get("SOURCE_MIRROR") or REPO_ROOT.parent / "shared" / "mirror")
    return mirror / GEBIEDSNIVEAUS


@pytest.fixture(scope="module")
def official_codes() -> tuple[set[str], set[str]]:
    swing = mirror_swing_dir()
    if not (swing / "gebiedsdefinities" / "gemeente.xlsx").is_file():
        pytest.skip(f"code lists not found under {swing}; set SOURCE_MIRROR")
    return read_reference_codes(swing)


@pytest.fixture(scope="module")
def registers():
    return read_registers(REGISTERS_DIR)


@pytest.fixture()
def register_codes(registers) -> tuple[set[str], set[str]]:
    """Codes the registers use: enough to test the checks without the official lists."""
    locations = registers["project_location"]
    municipalities = set(locations.loc[locations["scope"] != "province", "nis_code"])
    return municipalities, set(PROVINCE_CODES)


def broken_copy(tmp_path: Path, file: str, line: int, column: str, value: str) -> Path:
    """Copy of the registers with one cell changed (line as a spreadsheet counts it)."""
    target = tmp_path / "registers"
    shutil.copytree(REGISTERS_DIR, target, ignore=shutil.ignore_patterns("*.md"))
    path = target / f"{file}.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    rows[line - 1][rows[0].index(column)] = value
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)
    return target


def problems(directory: Path, codes: tuple[set[str], set[str]]) -> list[str]:
    return check_registers(read_registers(directory), *codes)


# --------------------------------------------------------------------------- the real registers

def test_registers_pass_all_checks_with_the_official_2025_code_lists(registers, official_codes):
    municipalities, provinces = official_codes
    assert len(municipalities) == 304
    assert provinces == PROVINCE_CODES
    assert check_registers(registers, municipalities, provinces) == []


def test_readme_documents_every_file_and_column(registers):
    readme = (REGISTERS_DIR / "README.md").read_text(encoding="utf-8")
    for name, frame in registers.items():
        assert f"`{name}.csv`" in readme, f"{name}.csv is not documented"
        for column in frame.columns:
            assert f"`{column}`" in readme, f"column {column} of {name}.csv is not documented"


def test_the_48_networks_of_the_guide(registers):
    project = registers["project"]
    assert list(project["project_id"]) == [f"lbn-{i:03d}" for i in range(1, 49)]
    assert project["name"].iloc[0].startswith("BONGO")
    assert project["name"].iloc[-1] == "Perspectief"
    assert project["province_listed"].value_counts().to_dict() == {
        "Antwerpen": 14, "Oost-Vlaanderen": 14, "Brussel": 6, "Limburg": 6, "West-Vlaanderen": 6,
        "Vlaams-Brabant": 2}


@pytest.mark.parametrize("project_id, expected", [
    ("lbn-010", {("11002", "part_of_municipality")}),      # Ekeren: district of Antwerpen
    ("lbn-014", {("46030", "part_of_municipality")}),      # Zwijndrecht -> Beveren-Kruibeke-Zwijndrecht
    ("lbn-016", {("21001", "part_of_municipality")}),      # Kuregem lies in Anderlecht
    ("lbn-018", {("21004", "several_municipalities"), ("21010", "several_municipalities")}),  # Laken + Jette
    ("lbn-021", {("70000", "province")}),                  # EDU-Sherpa: province of Limburg
    ("lbn-024", {("73111", "municipality")}),              # Tongeren-Borgloon (2025)
    ("lbn-033", {("46029", "municipality")}),              # Lokeren (2025 code)
    ("lbn-038", {("46030", "part_of_municipality")}),      # Kallo, former Beveren
    ("lbn-047", {("37022", "part_of_municipality")}),      # Poelberg in Tielt (2025 code)
])
def test_placements_that_need_judgement(registers, project_id, expected):
    locations = registers["project_location"]
    rows = locations[locations["project_id"] == project_id]
    assert set(zip(rows["nis_code"], rows["scope"])) == expected
    assert rows["notes"].notna().all(), f"{project_id}: a non-trivial placement needs a note"


def test_disagreeing_sources_are_kept_side_by_side(registers):
    facts = registers["programme_fact"]
    selected = facts[(facts["programme_id"] == "lbn_2023") & (facts["fact"] == "projects_selected")]
    assert set(zip(selected["value"], selected["source_doc"])) == {("45", "seed:001"), ("48", "seed:004")}
    launched = facts[(facts["programme_id"] == "lbn_2023") & (facts["fact"] == "call_launched")]
    assert set(launched["source_doc"]) == {"seed:001", "seed:004"}


def test_no_per_province_figures_for_the_call_are_invented(registers):
    facts = registers["programme_fact"]
    call = facts[facts["programme_id"] == "lbn_2023"]
    by_province = call[call["nis_code"].notna()]
    assert set(by_province["fact"]) == {"projects_listed_by_province"}
    assert call.loc[call["fact"] == "figures_by_province", "value"].tolist() == ["niet gepubliceerd"]


def test_local_teams_per_province_add_up(registers):
    facts = registers["programme_fact"]
    teams = facts[facts["fact"] == "teams_by_province"]
    total = facts.loc[facts["fact"] == "teams_total", "value"].astype(int).item()
    assert teams["value"].astype(int).sum() == total == 57


def test_partner_sectors_are_documented_with_labels(registers):
    sector = registers["partner_sector"].set_index("code")
    assert list(sector.index) == list(SECTORS)
    assert sector.at["poverty_association", "label_nl"] == "Vereniging waar armen het woord nemen"
    assert "OCMW" in sector.at["local_government", "label_nl"]
    assert sector[["label_nl", "label_en"]].notna().all().all()


def test_one_partner_id_per_organisation(registers):
    partner = registers["partner"]
    assert partner["name"].is_unique
    names = partner["name"].str.lower().str.replace(r"[^a-z0-9]", "", regex=True)
    assert names.is_unique, "two partner ids whose names differ only in punctuation or case"


# --------------------------------------------------------------------------- broken copies

def test_unknown_nis_code_is_reported_with_file_line_and_column(tmp_path, register_codes):
    directory = broken_copy(tmp_path, "project_location", 3, "nis_code", "12345")
    assert problems(directory, register_codes) == [
        "bestand project_location.csv, rij 3, kolom nis_code: "
        "onbekende NIS-code '12345' (verwacht: een gemeentecode van 2025)"]


def test_theme_outside_the_vocabulary_is_reported(tmp_path, register_codes):
    directory = broken_copy(tmp_path, "project", 5, "themes", "education;dance")
    assert problems(directory, register_codes) == [
        "bestand project.csv, rij 5, kolom themes: thema 'dance' staat niet in theme.csv"]


def test_duplicate_id_is_reported_on_both_lines(tmp_path, register_codes):
    directory = broken_copy(tmp_path, "partner", 4, "partner_id", "prt-001")
    found = problems(directory, register_codes)
    assert "bestand partner.csv, rij 2, kolom partner_id: dubbele waarde 'prt-001' (moet uniek zijn)" in found
    assert "bestand partner.csv, rij 4, kolom partner_id: dubbele waarde 'prt-001' (moet uniek zijn)" in found


def test_sector_outside_the_vocabulary_is_reported(tmp_path, register_codes):
    directory = broken_copy(tmp_path, "partner", 7, "sector", "church")
    found = problems(directory, register_codes)
    assert len(found) == 1
    assert found[0].startswith("bestand partner.csv, rij 7, kolom sector: ongeldige waarde 'church'; verwacht een van: school")


def test_province_scope_needs_a_province_code(tmp_path, register_codes):
    directory = broken_copy(tmp_path, "project_location", 2, "scope", "province")
    found = problems(directory, register_codes)
    assert len(found) == 1
    assert found[0].startswith("bestand project_location.csv, rij 2, kolom nis_code: scope 'province' "
                               "met NIS-code '13008' die geen provinciecode is")


def test_location_of_an_unknown_project_and_project_without_location(tmp_path, register_codes):
    directory = broken_copy(tmp_path, "project_location", 2, "project_id", "lbn-999")
    assert problems(directory, register_codes) == [
        "bestand project_location.csv, rij 2, kolom project_id: "
        "locatie van onbekend project 'lbn-999' (staat niet in project.csv)",
        "bestand project.csv, rij 2, kolom project_id: project 'lbn-001' heeft geen rij in project_location.csv",
    ]


def test_action_count_other_than_201_is_reported(tmp_path, register_codes):
    target = tmp_path / "registers"
    shutil.copytree(REGISTERS_DIR, target)
    path = target / "policy_action.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    kept_ids = {row[0] for row in rows[1:-1]}
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows[:-1])
    budget = target / "policy_action_budget.csv"
    with budget.open(encoding="utf-8", newline="") as handle:
        budget_rows = [r for i, r in enumerate(csv.reader(handle)) if i == 0 or r[0] in kept_ids]
    with budget.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(budget_rows)
    assert problems(target, register_codes) == ["bestand policy_action.csv: 200 acties, verwacht 201"]


def test_missing_register_file_names_the_file(tmp_path):
    target = tmp_path / "registers"
    shutil.copytree(REGISTERS_DIR, target)
    (target / "partner.csv").unlink()
    with pytest.raises(EtlError, match=r"partner\.csv.*ontbreekt"):
        read_registers(target)


def test_malformed_csv_names_the_file_and_line(tmp_path):
    path = tmp_path / "theme.csv"
    path.write_text("code,label_nl\neducation,Onderwijs\nleisure,Vrije tijd,extra\n", encoding="utf-8")
    with pytest.raises(EtlError, match=r"theme\.csv, rij 3: 3 velden, verwacht 2"):
        read_register_csv(path)


def test_values_are_read_as_text_and_empty_cells_as_missing(registers):
    location = registers["project_location"]
    assert location["nis_code"].str.fullmatch(r"\d{5}").all()  # 04000 keeps its leading zero
    assert location["area_label"].isna().any()
    assert all(re.fullmatch(r"\d+\.\d{2}", v) for v in registers["policy_action_budget"]["amount_eur"])


def test_every_register_file_is_known(registers):
    assert set(REGISTER_FILES) <= set(registers)


# --------------------------------------------------------------------------- one declaration, typed

def test_every_file_has_exactly_its_declared_columns(registers):
    from etl.registers.contracts import build_schemas
    from etl.tables import REGISTERS

    assert list(REGISTERS) == list(REGISTER_FILES)
    schemas = build_schemas()
    for name, register in REGISTERS.items():
        assert list(registers[name].columns) == list(register.types), name
        assert list(schemas[name].columns) == list(register.types), name


def test_undeclared_column_is_refused(tmp_path, register_codes):
    target = tmp_path / "registers"
    shutil.copytree(REGISTERS_DIR, target)
    path = target / "theme.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    rows[0].append("colour")
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows([rows[0]] + [row + ["x"] for row in rows[1:]])
    assert problems(target, register_codes) == [
        "bestand theme.csv: kolom 'colour' is onbekend (niet gedeclareerd in etl/tables.py)"]


def test_boolean_cell_that_is_not_true_or_false_is_reported(tmp_path, register_codes):
    directory = broken_copy(tmp_path, "policy_action_budget", 2, "per_unit", "ja")
    found = problems(directory, register_codes)
    assert len(found) == 1
    assert found[0].startswith("bestand policy_action_budget.csv, rij 2, kolom per_unit: ongeldige waarde 'ja'")


@pytest.mark.parametrize("text, expected", [
    ("2019", ("2019-01-01", "2019-12-31")),
    ("2024-02", ("2024-02-01", "2024-02-29")),
    ("2023-10-08", ("2023-10-08", "2023-10-08")),
    (None, (None, None)),
])
def test_a_date_as_precise_as_its_source_gets_its_first_and_last_day(text, expected):
    from etl.sources.registers import date_bounds

    assert tuple(d.isoformat() if d else None for d in date_bounds(text)) == expected
