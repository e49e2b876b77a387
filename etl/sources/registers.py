"""The curated intervention registers (data/registers/*.csv): programmes and their facts, the 48
networks with places, themes and partners, and the 201 actions of the action plan 2015-2019.

They are committed files, not downloads: their provenance is the seed document and section named on
every row (see data/registers/README.md); the build records each file's sha256 in `source`.
Files, keys and column types are declared in etl/tables.py (`REGISTERS`) with the tables' contracts;
the files' own checks are in etl/registers/contracts.py; any violation fails the build.
"""
from __future__ import annotations

import calendar
import hashlib
from datetime import UTC, date, datetime
from pathlib import Path

import pandas as pd

from etl.errors import EtlError
from etl.registers.contracts import check_registers, read_registers
from etl.tables import PARTIAL_DATE, REGISTERS, TABLES, RegisterFile

PUBLISHER = "Kinderarmoedemonitor, gecureerd uit de brondocumenten in data/registers/source.csv"
LICENCE = "Feiten uit openbare documenten (Vlaams Parlement, Vlaamse overheid, Netwerk tegen Armoede); eigen formulering"
PUBLISHER_EN = "Kinderarmoedemonitor, curated from the source documents in data/registers/source.csv"
LICENCE_EN = "Facts from public documents (Flemish Parliament, Flemish government, Netwerk tegen Armoede); our own wording"


def parse(directory: Path) -> dict[str, pd.DataFrame]:
    return read_registers(directory)


def check(frames: dict[str, pd.DataFrame], municipality_2025: set[str], province_codes: set[str]) -> None:
    problems = check_registers(frames, municipality_2025, province_codes)
    if problems:
        shown = problems[:50]
        more = f"\n  ... en nog {len(problems) - 50}" if len(problems) > 50 else ""
        raise EtlError(f"{len(problems)} probleem/problemen in de registers:\n  - " + "\n  - ".join(shown) + more,
                       source="registers")


def load(con, frames: dict[str, pd.DataFrame], directory: Path) -> list[dict]:
    """Create and fill one typed table per declared register (etl/tables.py), after `check`;
    return `source` rows (one per file) for provenance."""
    retrieved = datetime.now(UTC).isoformat(timespec="seconds")
    sources = []
    for register in REGISTERS.values():
        frame = frames[register.file]
        rows = _with_date_bounds(frame, register).astype("object")
        con.execute(TABLES[register.table][0])
        con.register("register_frame", rows.where(rows.notna(), None))
        # The checked text of each cell fits its declared type, so the casts cannot fail.
        columns = ", ".join(f'CAST("{c}" AS {t}) AS "{c}"' for c, t in _load_types(register).items())
        con.execute(f'INSERT INTO "{register.table}" BY NAME SELECT {columns} FROM register_frame')  # declared names
        con.unregister("register_frame")
        path = directory / f"{register.file}.csv"
        data = path.read_bytes()
        sources.append({"source_id": f"register-{register.file}", "url": f"data/registers/{register.file}.csv",
                        "publisher": PUBLISHER, "licence": LICENCE, "publisher_en": PUBLISHER_EN,
                        "licence_en": LICENCE_EN, "sha256": hashlib.sha256(data).hexdigest(),
                        "retrieved_at": retrieved, "rows_loaded": len(frame), "dataset": "registers",
                        "bytes": len(data), "fetched_how": "repository"})
    con.execute(WQ28_PROVINCE_VIEW)
    con.execute(WQ28_MUNICIPALITY_VIEW)
    return sources


def _load_types(register: RegisterFile) -> dict[str, str]:
    """Column of the table -> SQL type: a partial date as its text and the DATEs of its bounds."""
    types = {}
    for column, sql_type in register.types.items():
        if sql_type == PARTIAL_DATE:
            first, last = register.date_bounds(column)
            types.update({column: "VARCHAR", first: "DATE", last: "DATE"})
        else:
            types[column] = sql_type
    return types


def _with_date_bounds(frame: pd.DataFrame, register: RegisterFile) -> pd.DataFrame:
    frame = frame.copy()
    for column, sql_type in register.types.items():
        if sql_type == PARTIAL_DATE:
            first, last = register.date_bounds(column)
            bounds = [date_bounds(text) for text in frame[column]]
            frame[first] = [b[0] for b in bounds]
            frame[last] = [b[1] for b in bounds]
    return frame


def date_bounds(text) -> tuple[date | None, date | None]:
    """The first and last day a date written as precisely as its source can mean:
    2019 -> (2019-01-01, 2019-12-31), 2022-09 -> (2022-09-01, 2022-09-30), 2023-10-08 -> that day twice."""
    if text is None or pd.isna(text):
        return None, None
    parts = [int(p) for p in str(text).split("-")]
    year, month, day = parts + [None] * (3 - len(parts))
    if month is None:
        return date(year, 1, 1), date(year, 12, 31)
    if day is None:
        return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
    return date(year, month, day), date(year, month, day)


# Written question nr. 28 (2023): per province and Brussels, applications, awarded projects and
# amounts. The sources give applications and amounts only for Flanders and Brussels as a whole, so
# per province those cells say "niet gepubliceerd"; the awarded projects per province are those the
# 2026 guide lists under each province (48 in all; the press release of 2023 counted 45).
WQ28_PROVINCE_VIEW = """
CREATE VIEW wq28_province_summary AS
WITH areas AS (
    SELECT nis_code, name_nl, CASE WHEN nis_code = '04000' THEN 6 ELSE 1 END AS sort_key
    FROM area WHERE level = 'province' OR nis_code = '04000'
), listed AS (
    SELECT nis_code, CAST(value AS INTEGER) AS n, source_doc, source_ref FROM programme_fact
    WHERE programme_id = 'lbn_2023' AND fact = 'projects_listed_by_province'
), placed AS (
    SELECT coalesce(m.province_nis, l.nis_code) AS province_nis, count(DISTINCT l.project_id) AS n
    FROM project_location l JOIN project p USING (project_id)
    LEFT JOIN municipality m ON m.nis_code = l.nis_code AND m.vintage = 2025
    WHERE p.programme_id = 'lbn_2023' GROUP BY ALL
)
SELECT a.nis_code AS province_nis, a.name_nl AS province_name,
       CAST(NULL AS INTEGER) AS applications_submitted, 'niet gepubliceerd' AS applications_text,
       CAST(NULL AS DOUBLE) AS amount_requested_eur, 'niet gepubliceerd' AS amount_requested_text,
       listed.n AS projects_awarded,
       coalesce(CAST(listed.n AS VARCHAR), 'niet gepubliceerd') AS projects_awarded_text,
       coalesce(placed.n, 0) AS projects_located_2025,
       CAST(NULL AS DOUBLE) AS amount_awarded_eur, 'niet gepubliceerd' AS amount_awarded_text,
       'Toegekende projecten: zoals de gids van 2026 ze per provincie rangschikt; gelegen volgens de gemeenten van 2025: '
         || coalesce(placed.n, 0) || '. Aanvragen en bedragen per provincie: niet gepubliceerd (antwoord op vraag nr. 28).'
         AS note,
       listed.source_doc || ' ' || listed.source_ref AS source, a.sort_key
FROM areas a LEFT JOIN listed USING (nis_code) LEFT JOIN placed ON placed.province_nis = a.nis_code
UNION ALL
SELECT 'totaal', 'Vlaanderen en Brussel',
       (SELECT CAST(value AS INTEGER) FROM programme_fact WHERE programme_id = 'lbn_2023' AND fact = 'applications_submitted'),
       (SELECT value FROM programme_fact WHERE programme_id = 'lbn_2023' AND fact = 'applications_submitted'),
       CAST(NULL AS DOUBLE), 'niet gepubliceerd',
       -- The sources disagree (45 or 48): no number here, both in the text beside it.
       CAST(NULL AS INTEGER),
       (SELECT string_agg(value || ' (' || source_doc || ')', ' / ' ORDER BY source_doc) FROM programme_fact
         WHERE programme_id = 'lbn_2023' AND fact = 'projects_selected'),
       (SELECT count(DISTINCT project_id) FROM project_location),
       CAST(NULL AS DOUBLE),
       'niet gepubliceerd (budget van de oproep: ' || (SELECT replace(format('{:,}', CAST(value AS BIGINT)), ',', '.')
         FROM programme_fact WHERE programme_id = 'lbn_2023' AND fact = 'budget_total') || ' euro)',
       'Aanvragen: 151 volgens het persbericht en de gids. De bronnen verschillen over het aantal geselecteerde '
         || 'netwerken; beide waarden staan hier met hun bron. Gevraagde en toegekende bedragen: niet gepubliceerd.',
       'seed:001; seed:004', 9
ORDER BY sort_key, province_name
"""

# Per municipality: the networks placed there (2025 codes), for any province.
WQ28_MUNICIPALITY_VIEW = """
CREATE VIEW wq28_municipality_networks AS
SELECT coalesce(m.province_nis, l.nis_code) AS province_nis,
       coalesce(m.province_name, a.name_nl) AS province_name,
       l.nis_code, coalesce(m.name_nl, 'hele provincie ' || a.name_nl) AS municipality_name, l.scope, l.area_label,
       p.project_id, p.name AS project_name, p.province_listed, p.themes, p.lead_org, p.website,
       'niet gepubliceerd' AS amount_awarded_text, l.notes AS placement_notes,
       l.notes_en AS placement_notes_en
FROM project_location l JOIN project p USING (project_id)
LEFT JOIN municipality m ON m.nis_code = l.nis_code AND m.vintage = 2025
LEFT JOIN area a ON a.nis_code = l.nis_code
WHERE p.programme_id = 'lbn_2023'
ORDER BY province_nis, municipality_name, project_name
"""
