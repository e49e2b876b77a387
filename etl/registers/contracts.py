"""Contracts of the hand-curated registers in data/registers (see data/registers/README.md).

The files, their keys and column types are declared once, in etl/tables.py (`REGISTERS`), beside
the contracts of the tables they are loaded into. Here, on the files as text, two layers:
- one pandera DataFrameSchema per CSV: required and declared columns, unique keys, values that may
  not be empty, vocabularies (`isin`) and formats (NIS codes of five digits, ISO dates, cells that
  load as their declared type, ...);
- cross-file checks in plain pandas: references between files, NIS codes against the official
  2025 code lists, every project located, exactly 201 actions in the action plan.

`check_registers` runs both and returns every problem as one readable line that names the file,
the line in the file as a spreadsheet shows it (header = line 1), the column and what was
expected. Nothing is read at import time; the code lists are passed in by the caller.
"""
from __future__ import annotations

import copy
import csv
import json
import re
from pathlib import Path

import pandas as pd
import pandera.pandas as pa
from pandera.errors import SchemaErrors

from etl.errors import EtlError
from etl.tables import (
    PARTIAL_DATE,
    PARTIAL_ISO_DATE,
    PROVINCES_LISTED,
    QUALIFIERS,
    REGISTERS,
    ROLES,
    SCOPES,
    SECTORS,
    SOURCE_DOC,
    UNITS,
)

EXPECTED_ACTION_COUNT = 201

NUMERIC_UNITS = ("euro", "count", "years")
BOOLEANS = ("true", "false")

# Placeholder codes in the official lists ("Niet te lokaliseren", "Buiten Vlaanderen en Brussel").
PLACEHOLDER_CODE = re.compile(r"^9999\d$")

# The files, their keys and column types are declared once, in etl/tables.py (REGISTERS).
REGISTER_FILES = tuple(REGISTERS)
# Files whose rows each name the document they come from.
FILES_WITH_SOURCE = tuple(name for name, register in REGISTERS.items() if "source_doc" in register.types)

NIS_CODE = r"^\d{5}$"
YEAR = r"^\d{4}$"


# ============================================================================================
# Schemas
# ============================================================================================

def _text(nullable: bool = False, unique: bool = False, checks: list | None = None) -> pa.Column:
    return pa.Column(str, nullable=nullable, unique=unique, checks=checks or [], required=True)


def _matches(pattern: str, expected: str) -> pa.Check:
    return pa.Check.str_matches(pattern, error=f"verwacht {expected}")


def _one_of(values: tuple[str, ...]) -> pa.Check:
    return pa.Check.isin(list(values), error="verwacht een van: " + ", ".join(values))


def _source_columns() -> dict[str, pa.Column]:
    return {"source_doc": _text(checks=[_matches(SOURCE_DOC, "een bron-id zoals seed:004")]),
            "source_ref": _text()}


def _file_columns() -> dict[str, dict[str, pa.Column]]:
    """The columns of each register file as text, with their formats and vocabularies."""
    return {
        "source": {
            "source_id": _text(checks=[_matches(SOURCE_DOC, "een id zoals seed:004")]),
            "title": _text(),
            "publisher": _text(),
            "publisher_en": _text(),
            "date": _text(nullable=True, checks=[_matches(PARTIAL_ISO_DATE, "een datum JJJJ[-MM[-DD]]")]),
            "url": _text(nullable=True, checks=[_matches(r"^https?://\S+$", "een http(s)-adres")]),
            "seed_file": _text(nullable=True),
            "notes": _text(nullable=True),
        },
        "programme": {
            "programme_id": _text(checks=[_matches(r"^[a-z0-9_]+$", "kleine letters, cijfers en _")]),
            "name_nl": _text(), "name_en": _text(), "owner": _text(), "owner_en": _text(),
            "period_start": _text(nullable=True, checks=[_matches(PARTIAL_ISO_DATE, "een datum JJJJ[-MM[-DD]]")]),
            "period_end": _text(nullable=True, checks=[_matches(PARTIAL_ISO_DATE, "een datum JJJJ[-MM[-DD]]")]),
            "description_nl": _text(), "description_en": _text(),
            **_source_columns(),
        },
        "programme_fact": {
            "programme_id": _text(),
            "fact": _text(checks=[_matches(r"^[a-z][a-z0-9_]*$", "een id in kleine letters met _")]),
            "value": _text(), "value_en": _text(nullable=True),
            "unit": _text(checks=[_one_of(UNITS)]),
            "year": _text(nullable=True, checks=[_matches(YEAR, "een jaartal van vier cijfers")]),
            "nis_code": _text(nullable=True, checks=[_matches(NIS_CODE, "een NIS-code van 5 cijfers")]),
            "area_label": _text(nullable=True),
            "note": _text(nullable=True), "note_en": _text(nullable=True),
            **_source_columns(),
        },
        "theme": {
            "code": _text(checks=[_matches(r"^[a-z_]+$", "kleine letters en _")]),
            "label_nl": _text(), "label_en": _text(), "label_in_guide": _text(),
            **_source_columns(),
        },
        "partner_sector": {
            "code": _text(checks=[_one_of(SECTORS)]),
            "label_nl": _text(), "label_en": _text(),
        },
        "project": {
            "project_id": _text(checks=[_matches(r"^[a-z]+-\d{3}$", "een id zoals lbn-001")]),
            "programme_id": _text(),
            "name": _text(),
            "place_listed": _text(),
            "province_listed": _text(checks=[_one_of(PROVINCES_LISTED)]),
            "themes": _text(checks=[_matches(r"^[a-z_]+(;[a-z_]+)*$", "themacodes gescheiden door ;")]),
            "website": _text(nullable=True),
            "products": _text(nullable=True),
            "lead_org": _text(nullable=True),
            "notes": _text(nullable=True), "notes_en": _text(nullable=True),
            **_source_columns(),
        },
        "project_location": {
            "project_id": _text(),
            "nis_code": _text(checks=[_matches(NIS_CODE, "een NIS-code van 5 cijfers")]),
            "scope": _text(checks=[_one_of(SCOPES)]),
            "area_label": _text(nullable=True),
            "notes": _text(nullable=True), "notes_en": _text(nullable=True),
            **_source_columns(),
        },
        "partner": {
            "partner_id": _text(checks=[_matches(r"^prt-\d{3}$", "een id zoals prt-001")]),
            "name": _text(unique=True),
            "sector": _text(checks=[_one_of(SECTORS)]),
            "notes": _text(nullable=True),
        },
        "project_partner": {
            "project_id": _text(),
            "partner_id": _text(),
            "role": _text(nullable=True, checks=[_one_of(ROLES)]),
            "name_as_listed": _text(nullable=True),
            **_source_columns(),
        },
        "policy_action": {
            "action_id": _text(checks=[_matches(r"^\d{2}_\d{2}_\d{2}$", "een actienummer zoals 05_02_01")]),
            "right_code": _text(checks=[_matches(r"^\d{2}$", "twee cijfers")]),
            "right_label": _text(),
            "minister_code": _text(checks=[_matches(r"^\d{2}$", "twee cijfers")]),
            "minister_name": _text(),
            "minister_name_legend": _text(),
            "cabinet": _text(nullable=True),
            "title": _text(),
            "administration": _text(nullable=True),
            "budget_text": _text(nullable=True),
            "evaluation_text": _text(nullable=True),
            "milestones": _text(),
            **_source_columns(),
        },
        "policy_action_budget": {
            "action_id": _text(),
            "amount_eur": _text(checks=[_matches(r"^\d+(\.\d+)?$", "een bedrag met punt als decimaalteken")]),
            "qualifier": _text(checks=[_one_of(QUALIFIERS)]),
            "year": _text(nullable=True, checks=[_matches(YEAR, "een jaartal van vier cijfers")]),
            "per_unit": _text(checks=[_one_of(BOOLEANS)]),
            "text_fragment": _text(),
            **_source_columns(),
        },
    }


# What a cell of each declared column type must look like, so that loading it as that type works;
# used for a typed column without a format of its own above.
_TYPE_FORMATS = {
    "INTEGER": _matches(r"^-?\d+$", "een geheel getal"),
    "DOUBLE": _matches(r"^-?\d+(\.\d+)?$", "een getal met punt als decimaalteken"),
    "BOOLEAN": _one_of(BOOLEANS),
    PARTIAL_DATE: _matches(PARTIAL_ISO_DATE, "een datum JJJJ[-MM[-DD]]"),
}


def build_schemas() -> dict[str, pa.DataFrameSchema]:
    """One schema per register file (key = file name without .csv), its key from the declaration:
    one key column must be unique by itself (each duplicate named on its own line), several together."""
    schemas = {}
    for name, columns in _file_columns().items():
        register = REGISTERS[name]
        columns = dict(columns)
        for column_name, sql_type in register.types.items():
            column = columns[column_name]
            if not column.checks and sql_type in _TYPE_FORMATS:
                columns[column_name] = column = column.set_checks([_TYPE_FORMATS[sql_type]])
            if register.key == (column_name,):
                column = copy.copy(column)
                column.unique = True
                columns[column_name] = column
        several = list(register.key) if len(register.key) > 1 else None
        schemas[name] = pa.DataFrameSchema(columns, unique=several)
    return schemas


# ============================================================================================
# Reading
# ============================================================================================

def read_register_csv(path: Path) -> pd.DataFrame:
    """All values as text; an empty cell becomes NA. Refuses rows with a wrong number of cells."""
    if not path.is_file():
        raise EtlError("bestand ontbreekt", file=str(path))
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.reader(handle))
    except (UnicodeDecodeError, csv.Error) as exc:
        raise EtlError(f"geen leesbare UTF-8 CSV ({exc})", file=str(path)) from exc
    if not rows or not any(cell.strip() for cell in rows[0]):
        raise EtlError("geen kopregel gevonden", file=str(path))
    header = rows[0]
    duplicated = sorted({name for name in header if header.count(name) > 1})
    if duplicated:
        raise EtlError(f"kolomnaam dubbel in kopregel: {', '.join(duplicated)}", file=str(path), row=1)
    for line_number, row in enumerate(rows[1:], start=2):
        if len(row) != len(header):
            raise EtlError(f"{len(row)} velden, verwacht {len(header)} (zoals de kopregel)",
                           file=str(path), row=line_number)
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    return frame.replace("", pd.NA)


def read_registers(directory: Path) -> dict[str, pd.DataFrame]:
    """Every register CSV in directory, keyed by file name without .csv.

    The files listed in REGISTER_FILES must exist; other CSVs in the folder are read as well.
    """
    directory = Path(directory)
    if not directory.is_dir():
        raise EtlError("map met registers ontbreekt", file=str(directory))
    names = list(REGISTER_FILES) + sorted(
        p.stem for p in directory.glob("*.csv") if p.stem not in REGISTER_FILES)
    return {name: read_register_csv(directory / f"{name}.csv") for name in names}


def read_reference_codes(swing_dir: Path) -> tuple[set[str], set[str]]:
    """(2025 municipality codes, province codes incl. 04000 Brussels) from a copy of
    provinciesincijfers/gebiedsniveaus `data_voor_swing`. Needs openpyxl."""
    swing_dir = Path(swing_dir)
    municipalities = pd.read_excel(swing_dir / "gebiedsdefinities" / "gemeente.xlsx",
                                   dtype=str, engine="openpyxl")
    provinces = pd.read_excel(swing_dir / "aggregatietabellen" / "gemeente_provincie.xlsx",
                              dtype=str, engine="openpyxl")
    municipality_codes = {_five_digits(c) for c in municipalities["geoitem code"].dropna()}
    province_codes = {_five_digits(c) for c in provinces["provincie"].dropna()}
    return ({c for c in municipality_codes if not PLACEHOLDER_CODE.match(c)},
            {c for c in province_codes if not PLACEHOLDER_CODE.match(c)})


def _five_digits(code: str) -> str:
    """Excel stores 04000 as the number 4000."""
    code = str(code).strip()
    return code.zfill(5) if code.isdigit() else code


# ============================================================================================
# Checking
# ============================================================================================

def _message(file: str, reason: str, line: int | None = None, column: str | None = None) -> str:
    return EtlError(reason, file=f"{file}.csv", row=line, column=column).describe()


def _line(position: int) -> int:
    """Spreadsheet line of the data row at this position: the header is line 1."""
    return int(position) + 2


def _present(frame: pd.DataFrame, column: str) -> bool:
    return column in frame.columns


def schema_messages(name: str, frame: pd.DataFrame, schema: pa.DataFrameSchema) -> list[str]:
    """Validate one file; turn every pandera failure into a message with line and column."""
    try:
        schema.validate(frame, lazy=True)
    except SchemaErrors as errors:
        return _failure_messages(name, errors.failure_cases)
    return []


def _failure_messages(name: str, cases: pd.DataFrame) -> list[str]:
    messages: list[str] = []
    combined: dict[int, list[tuple[str, str]]] = {}
    for case in cases.to_dict("records"):
        check, column, value, index = str(case["check"]), case["column"], case["failure_case"], case["index"]
        line = None if index is None or pd.isna(index) else _line(index)
        if check == "column_in_dataframe":
            messages.append(_message(name, f"kolom '{value}' ontbreekt"))
        elif check == "multiple_fields_uniqueness":
            combined.setdefault(line, []).append((str(column), str(value)))
        elif check == "not_nullable":
            messages.append(_message(name, "verplicht veld is leeg", line, column))
        elif check == "field_uniqueness":
            messages.append(_message(name, f"dubbele waarde '{value}' (moet uniek zijn)", line, column))
        elif check.startswith("verwacht"):
            messages.append(_message(name, f"ongeldige waarde '{value}'; {check}", line, column))
        else:
            messages.append(_message(name, f"waarde '{value}' faalt op {check}", line, column))
    for line, pairs in combined.items():
        columns = ", ".join(c for c, _ in pairs)
        values = ", ".join(f"'{v}'" for _, v in pairs)
        messages.append(_message(name, f"dubbele combinatie ({columns}) = ({values}) (moet uniek zijn)", line))
    return messages


def _ids(frame: pd.DataFrame | None, column: str) -> set[str]:
    if frame is None or column not in frame.columns:
        return set()
    return set(frame[column].dropna())


def _unknown_references(frames: dict[str, pd.DataFrame], name: str, column: str,
                        known: set[str], template: str) -> list[str]:
    """template gets {value}: e.g. "project '{value}' staat niet in project.csv"."""
    frame = frames.get(name)
    if frame is None or column not in frame.columns:
        return []
    return [_message(name, template.format(value=value), _line(pos), column)
            for pos, value in enumerate(frame[column]) if pd.notna(value) and value not in known]


def check_references(frames: dict[str, pd.DataFrame]) -> list[str]:
    """Ids used in one file must exist in the file that defines them."""
    sources = _ids(frames.get("source"), "source_id")
    programmes = _ids(frames.get("programme"), "programme_id")
    projects = _ids(frames.get("project"), "project_id")
    partners = _ids(frames.get("partner"), "partner_id")
    actions = _ids(frames.get("policy_action"), "action_id")
    messages: list[str] = []
    for name in FILES_WITH_SOURCE:
        messages += _unknown_references(frames, name, "source_doc", sources,
                                        "bron '{value}' staat niet in source.csv")
    for name in ("programme_fact", "project"):
        messages += _unknown_references(frames, name, "programme_id", programmes,
                                        "programma '{value}' staat niet in programme.csv")
    messages += _unknown_references(frames, "project_location", "project_id", projects,
                                    "locatie van onbekend project '{value}' (staat niet in project.csv)")
    messages += _unknown_references(frames, "project_partner", "project_id", projects,
                                    "project '{value}' staat niet in project.csv")
    messages += _unknown_references(frames, "project_partner", "partner_id", partners,
                                    "partner '{value}' staat niet in partner.csv")
    messages += _unknown_references(frames, "policy_action_budget", "action_id", actions,
                                    "actie '{value}' staat niet in policy_action.csv")
    return messages


def check_themes(frames: dict[str, pd.DataFrame]) -> list[str]:
    """Every ;-separated theme of a project must be a code in theme.csv."""
    project, themes = frames.get("project"), _ids(frames.get("theme"), "code")
    if project is None or not _present(project, "themes"):
        return []
    messages = []
    for pos, value in enumerate(project["themes"]):
        if pd.isna(value):
            continue
        for code in str(value).split(";"):
            if code not in themes:
                messages.append(_message("project", f"thema '{code}' staat niet in theme.csv", _line(pos), "themes"))
    return messages


def check_sectors(frames: dict[str, pd.DataFrame]) -> list[str]:
    """partner_sector.csv documents exactly the sector vocabulary partners may use."""
    sector_file = frames.get("partner_sector")
    if sector_file is None or not _present(sector_file, "code"):
        return []
    documented = _ids(sector_file, "code")
    missing = [s for s in SECTORS if s not in documented]
    return [_message("partner_sector", f"sector '{s}' ontbreekt (verwacht alle sectoren: {', '.join(SECTORS)})")
            for s in missing]


def check_locations(frames: dict[str, pd.DataFrame], municipality_codes: set[str],
                    province_codes: set[str]) -> list[str]:
    """NIS codes against the 2025 lists; province rows need a province code; every project placed."""
    locations, project = frames.get("project_location"), frames.get("project")
    messages: list[str] = []
    if locations is not None and {"nis_code", "scope"} <= set(locations.columns):
        for pos, (code, scope) in enumerate(zip(locations["nis_code"], locations["scope"])):
            if pd.isna(code) or pd.isna(scope) or scope not in SCOPES or not re.fullmatch(NIS_CODE, code):
                continue  # reported by the schema
            if scope == "province" and code not in province_codes:
                messages.append(_message("project_location",
                    f"scope 'province' met NIS-code '{code}' die geen provinciecode is "
                    f"(verwacht: {', '.join(sorted(province_codes))})", _line(pos), "nis_code"))
            elif scope != "province" and code not in municipality_codes:
                hint = " (dat is een provinciecode; gebruik scope 'province')" if code in province_codes else ""
                messages.append(_message("project_location",
                    f"onbekende NIS-code '{code}' (verwacht: een gemeentecode van 2025){hint}",
                    _line(pos), "nis_code"))
        if "project_id" in locations.columns:
            several = locations[locations["scope"] == "several_municipalities"]
            counts = several.groupby("project_id").size()
            for pos in several.index:
                project_id = several.at[pos, "project_id"]
                if pd.notna(project_id) and counts[project_id] < 2:
                    messages.append(_message("project_location",
                        "scope 'several_municipalities' maar het project heeft maar één zo'n rij",
                        _line(pos), "scope"))
    if project is not None and _present(project, "project_id"):
        placed = _ids(locations, "project_id")
        for pos, project_id in enumerate(project["project_id"]):
            if pd.notna(project_id) and project_id not in placed:
                messages.append(_message("project", f"project '{project_id}' heeft geen rij in project_location.csv",
                                         _line(pos), "project_id"))
    return messages


def check_fact_values(frames: dict[str, pd.DataFrame], municipality_codes: set[str],
                      province_codes: set[str]) -> list[str]:
    """A fact's value must fit its unit; an area code must be a known municipality or province."""
    facts = frames.get("programme_fact")
    if facts is None or not {"value", "unit"} <= set(facts.columns):
        return []
    messages: list[str] = []
    for pos, (value, unit) in enumerate(zip(facts["value"], facts["unit"])):
        if pd.isna(value):
            continue
        if unit in NUMERIC_UNITS and not re.fullmatch(r"-?\d+(\.\d+)?", value):
            messages.append(_message("programme_fact",
                f"waarde '{value}' is geen getal (eenheid {unit}: cijfers, punt als decimaalteken, "
                "geen duizendtallen)", _line(pos), "value"))
        if unit == "date" and not re.fullmatch(PARTIAL_ISO_DATE, value):
            messages.append(_message("programme_fact", f"waarde '{value}' is geen datum JJJJ[-MM[-DD]]",
                                     _line(pos), "value"))
    if "nis_code" in facts.columns:
        known = municipality_codes | province_codes
        for pos, code in enumerate(facts["nis_code"]):
            if pd.notna(code) and re.fullmatch(NIS_CODE, code) and code not in known:
                messages.append(_message("programme_fact", f"onbekende NIS-code '{code}'", _line(pos), "nis_code"))
    return messages


def check_partners_used(frames: dict[str, pd.DataFrame]) -> list[str]:
    """A partner that no project names is a leftover."""
    partner = frames.get("partner")
    used = _ids(frames.get("project_partner"), "partner_id")
    if partner is None or not _present(partner, "partner_id") or frames.get("project_partner") is None:
        return []
    return [_message("partner", f"partner '{pid}' komt in geen enkel project voor", _line(pos), "partner_id")
            for pos, pid in enumerate(partner["partner_id"]) if pd.notna(pid) and pid not in used]


def check_leads(frames: dict[str, pd.DataFrame]) -> list[str]:
    """project.lead_org names exactly the partners that project_partner marks as 'lead'."""
    project, links, partner = frames.get("project"), frames.get("project_partner"), frames.get("partner")
    needed = [(project, ("project_id", "lead_org")), (links, ("project_id", "partner_id", "role")),
              (partner, ("partner_id", "name"))]
    if any(frame is None or not set(columns) <= set(frame.columns) for frame, columns in needed):
        return []
    names = dict(zip(partner["partner_id"], partner["name"]))
    leads = links[links["role"] == "lead"]
    lead_names = {pid: {names.get(p) for p in group["partner_id"]}
                  for pid, group in leads.groupby("project_id")}
    messages = []
    for pos, (project_id, lead_org) in enumerate(zip(project["project_id"], project["lead_org"])):
        listed = set() if pd.isna(lead_org) else {n.strip() for n in str(lead_org).split(";")}
        linked = lead_names.get(project_id, set())
        if listed != linked:
            messages.append(_message("project",
                f"lead_org {sorted(listed)} komt niet overeen met de partners met rol 'lead' in "
                f"project_partner.csv {sorted(n for n in linked if n)}", _line(pos), "lead_org"))
    return messages


def check_action_plan(frames: dict[str, pd.DataFrame]) -> list[str]:
    """201 actions; codes agree with the action number; milestones are a JSON object;
    a budget row has a year exactly when its qualifier is 'year'."""
    actions = frames.get("policy_action")
    messages: list[str] = []
    if actions is not None and _present(actions, "action_id"):
        if len(actions) != EXPECTED_ACTION_COUNT:
            messages.append(_message("policy_action",
                f"{len(actions)} acties, verwacht {EXPECTED_ACTION_COUNT}"))
        for pos, row in enumerate(actions.to_dict("records")):
            action_id = row.get("action_id")
            if pd.isna(action_id) or not re.fullmatch(r"\d{2}_\d{2}_\d{2}", action_id):
                continue
            if row.get("right_code") != action_id[:2]:
                messages.append(_message("policy_action",
                    f"right_code '{row.get('right_code')}' past niet bij actie {action_id} (verwacht {action_id[:2]})",
                    _line(pos), "right_code"))
            if row.get("minister_code") != action_id[3:5]:
                messages.append(_message("policy_action",
                    f"minister_code '{row.get('minister_code')}' past niet bij actie {action_id} (verwacht {action_id[3:5]})",
                    _line(pos), "minister_code"))
            milestones = row.get("milestones")
            if pd.notna(milestones) and not _is_json_object(milestones):
                messages.append(_message("policy_action", "milestones is geen JSON-object {jaar: tekst}",
                                         _line(pos), "milestones"))
    budget = frames.get("policy_action_budget")
    if budget is not None and {"qualifier", "year"} <= set(budget.columns):
        for pos, (qualifier, year) in enumerate(zip(budget["qualifier"], budget["year"])):
            if qualifier == "year" and pd.isna(year):
                messages.append(_message("policy_action_budget", "qualifier 'year' vraagt een jaartal",
                                         _line(pos), "year"))
            elif qualifier in ("per_year", "total") and pd.notna(year):
                messages.append(_message("policy_action_budget",
                    f"jaartal '{year}' hoort enkel bij qualifier 'year'", _line(pos), "year"))
    return messages


def _is_json_object(text: str) -> bool:
    try:
        value = json.loads(text)
    except ValueError:
        return False
    return isinstance(value, dict) and all(isinstance(v, str) for v in value.values())


def check_registers(frames: dict[str, pd.DataFrame], municipality_codes_2025: set[str],
                    province_codes: set[str]) -> list[str]:
    """Every problem in the registers, one readable line each; an empty list means all is well."""
    frames = {name: frame.reset_index(drop=True) for name, frame in frames.items()}
    messages = [_message(name, "bestand ontbreekt") for name in REGISTER_FILES if name not in frames]
    for name, register in REGISTERS.items():
        if name in frames:  # a column the declaration lacks would not be loaded: refuse it
            messages += [_message(name, f"kolom '{column}' is onbekend (niet gedeclareerd in etl/tables.py)")
                         for column in frames[name].columns if column not in register.types]
    for name, schema in build_schemas().items():
        if name in frames:
            messages += schema_messages(name, frames[name], schema)
    messages += check_references(frames)
    messages += check_themes(frames)
    messages += check_sectors(frames)
    messages += check_locations(frames, municipality_codes_2025, province_codes)
    messages += check_fact_values(frames, municipality_codes_2025, province_codes)
    messages += check_partners_used(frames)
    messages += check_leads(frames)
    messages += check_action_plan(frames)
    return list(dict.fromkeys(messages))  # same problem found twice is reported once
