"""Contract checks run on every new warehouse before it replaces the live one.

Column contracts (pandera, in etl.tables beside each table's DDL) plus the checks that span
tables: every code known, every indicator and source declared, values within plausible ranges,
the expected number of municipalities per vintage.
"""
from __future__ import annotations

import duckdb
import pandas as pd
import pandera.errors

from etl.errors import EtlError
from etl.tables import MUNICIPALITIES_PER_VINTAGE, TABLES, VIEWS

# Cross-table checks: (description, SQL returning offending rows). Fixed SQL, no user input.
CROSS_CHECKS = [
    ("indicator_value.nis_code is een gemeente van 2025 of een provincie/gewest",
     """SELECT DISTINCT v.nis_code FROM indicator_value v
        WHERE v.nis_code NOT IN (SELECT nis_code FROM municipality WHERE vintage = 2025)
          AND v.nis_code NOT IN (SELECT nis_code FROM area) LIMIT 10"""),
    ("indicator_value.indicator_id is gedeclareerd in indicator",
     "SELECT DISTINCT indicator_id FROM indicator_value WHERE indicator_id NOT IN (SELECT indicator_id FROM indicator) LIMIT 10"),
    ("indicator_value.source_id staat in source",
     "SELECT DISTINCT source_id FROM indicator_value WHERE source_id NOT IN (SELECT source_id FROM source) LIMIT 10"),
    ("indicator.source_id staat in source",
     "SELECT indicator_id FROM indicator WHERE source_id NOT IN (SELECT source_id FROM source) LIMIT 10"),
    ("municipality_crosswalk verwijst naar bekende gemeenten",
     """SELECT x.from_vintage, x.from_nis, x.to_nis FROM municipality_crosswalk x
        WHERE NOT EXISTS (SELECT 1 FROM municipality m WHERE m.vintage = x.from_vintage AND m.nis_code = x.from_nis)
           OR NOT EXISTS (SELECT 1 FROM municipality m WHERE m.vintage = x.to_vintage AND m.nis_code = x.to_nis) LIMIT 10"""),
    ("elke gemeente van 2018 en 2019 heeft precies één opvolger in 2025",
     """SELECT m.vintage, m.nis_code, count(x.to_nis) AS n FROM municipality m
        LEFT JOIN municipality_crosswalk x ON x.from_vintage = m.vintage AND x.from_nis = m.nis_code AND x.to_vintage = 2025
        WHERE m.vintage IN (2018, 2019) GROUP BY ALL HAVING count(x.to_nis) <> 1 LIMIT 10"""),
    ("waarden binnen het plausibele bereik van hun indicator (gemeenten; voor tellingen alleen op gemeenteniveau)",
     """SELECT v.indicator_id, v.nis_code, v.year, v.value FROM indicator_value v JOIN indicator i USING (indicator_id)
        WHERE v.value IS NOT NULL AND (v.value < i.value_min OR
              (v.value > i.value_max AND (i.kind <> 'count' OR length(v.nis_code) = 5
                                          AND v.nis_code IN (SELECT nis_code FROM municipality WHERE vintage = 2025))))
        LIMIT 10"""),
    ("elke indicator heeft waarden", """SELECT indicator_id FROM indicator
        WHERE indicator_id NOT IN (SELECT DISTINCT indicator_id FROM indicator_value) AND note_nl NOT LIKE '%niet beschikbaar%' LIMIT 10"""),
    ("de gemeentelaag van 2025 heeft één vorm per gemeente",
     """SELECT layer_id, features FROM geo_layer WHERE layer_id = 'municipalities_2025'
        AND features <> (SELECT count(*) FROM municipality WHERE vintage = 2025)"""),
    ("geo_bbox heeft één kader per vorm van elke laag in geo_layer",
     """SELECT l.layer_id, l.features, count(b.code) AS boxes FROM geo_layer l LEFT JOIN geo_bbox b USING (layer_id)
        GROUP BY ALL HAVING count(b.code) <> l.features
        UNION ALL SELECT DISTINCT layer_id, NULL, NULL FROM geo_bbox WHERE layer_id NOT IN (SELECT layer_id FROM geo_layer)
        LIMIT 10"""),
    ("gerapporteerde cijfers (en hun geschiedenis) komen uit een geladen rapport van hetzelfde project",
     """SELECT 'project_budget' AS t, f.report_id FROM project_budget f LEFT JOIN report r USING (report_id) WHERE r.project_id IS DISTINCT FROM f.project_id
        UNION ALL SELECT 'project_reach', f.report_id FROM project_reach f LEFT JOIN report r USING (report_id) WHERE r.project_id IS DISTINCT FROM f.project_id
        UNION ALL SELECT 'project_outcome', f.report_id FROM project_outcome f LEFT JOIN report r USING (report_id) WHERE r.project_id IS DISTINCT FROM f.project_id
        UNION ALL SELECT 'project_budget_history', report_id FROM project_budget_history WHERE report_id NOT IN (SELECT report_id FROM report)
        UNION ALL SELECT 'project_reach_history', report_id FROM project_reach_history WHERE report_id NOT IN (SELECT report_id FROM report)
        UNION ALL SELECT 'project_outcome_history', report_id FROM project_outcome_history WHERE report_id NOT IN (SELECT report_id FROM report)
        LIMIT 10"""),
    ("report.project_id staat in project",
     "SELECT report_id, project_id FROM report WHERE project_id NOT IN (SELECT project_id FROM project) LIMIT 10"),
    ("per project en periode hoogstens één huidig rapport; een vervangen rapport noemt zijn opvolger",
     """SELECT project_id, period, count(*) FROM report WHERE status = 'current' GROUP BY ALL HAVING count(*) > 1
        UNION ALL SELECT report_id, period, 0 FROM report WHERE status = 'superseded'
          AND superseded_by NOT IN (SELECT report_id FROM report) LIMIT 10"""),
]


def run_checks(con) -> None:
    problems: list[str] = []
    for name, (_, schema) in TABLES.items():
        relation = con.sql(f'SELECT * FROM "{name}"')  # table names are ours, not user input
        structs = {c for c, kind in zip(relation.columns, relation.types) if str(kind).startswith("STRUCT")}
        frame = _for_check(relation.df(), structs)
        try:
            schema.validate(frame, lazy=True)
        except pandera.errors.SchemaErrors as exc:
            problems.append(f"tabel {name}: {_summarise(exc)}")
    for name in VIEWS:  # present, and still valid over the tables (names are ours, not user input)
        try:
            con.sql(f'SELECT * FROM "{name}" LIMIT 0').fetchall()
        except duckdb.Error as exc:
            problems.append(f"view {name}: {exc}")
    counts = dict(con.sql("SELECT vintage, count(*) FROM municipality GROUP BY vintage").fetchall())
    for vintage, expected in MUNICIPALITIES_PER_VINTAGE.items():
        if counts.get(vintage) != expected:
            problems.append(f"municipality: {counts.get(vintage, 0)} gemeenten in NIS {vintage}, verwacht {expected}")
    for description, sql in CROSS_CHECKS:
        rows = con.sql(sql).fetchall()
        if rows:
            problems.append(f"{description}: overtreden door {rows[:5]}")
    if problems:
        raise EtlError("contractcontrole mislukt:\n  - " + "\n  - ".join(problems), source="warehouse")


def _for_check(frame: pd.DataFrame, structs: set[str] = frozenset()) -> pd.DataFrame:
    """DuckDB hands back int32 and object columns; the contracts speak int64 and str. A STRUCT
    column (`structs`; its cells come as dicts) keeps its cells for its own check."""
    out = frame.copy()
    for col in out.columns:
        if pd.api.types.is_integer_dtype(out[col]):
            # A nullable INTEGER column arrives as Int32 with <NA>: keep the NULLs (Int64).
            out[col] = out[col].astype("int64" if out[col].notna().all() else "Int64")
        elif out[col].dtype == object and col not in structs:
            out[col] = out[col].astype("str")
    return out


def _summarise(exc: pandera.errors.SchemaErrors) -> str:
    cases = exc.failure_cases
    parts = []
    for (column, check), group in cases.groupby(["column", "check"], dropna=False, sort=False):
        examples = group["failure_case"].astype(str).head(3).tolist()
        rows = group["index"].dropna().astype(int).head(3).tolist() if "index" in group else []
        parts.append(f"kolom {column}: {check} ({len(group)} keer; bv. {examples} op rij {rows})")
    return "; ".join(parts)
