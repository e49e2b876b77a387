"""Reporting periods (`2024`, `2024-H1`, `2024-H2`) and the runtime of each project.

Runtime rule (documented in docs/warehouse.md): the registers publish no start or end date per
project. For a programme they give its first start (`programme.period_start`, for lbn_2023
2023-12-01), the years in which projects started (`programme_fact` `projects_started`: 2023 and
2024) and the longest duration (`project_duration_max`: 3 years). A project of that programme
therefore runs at the earliest from `period_start` and at the latest until 31 December of
(last start year + longest duration): 2023-12-01 to 2027-12-31 for lbn_2023. A period is inside
the runtime when it overlaps that window. When the registers lack any of these facts, the
runtime is unknown and 2023-2027 is accepted (FALLBACK_RUNTIME), which the messages say.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import date

import pandas as pd

PERIOD_PATTERN = re.compile(r"^(\d{4})(?:-H([12]))?$")


@dataclass(frozen=True)
class Period:
    year: int
    half: int | None = None  # None: the whole year

    @property
    def label(self) -> str:
        return f"{self.year}-H{self.half}" if self.half else str(self.year)

    @property
    def start(self) -> date:
        return date(self.year, 7, 1) if self.half == 2 else date(self.year, 1, 1)

    @property
    def end(self) -> date:
        return date(self.year, 6, 30) if self.half == 1 else date(self.year, 12, 31)


def parse_period(value) -> Period | None:
    """A period from a cell: 2024 (number or text), '2024-H1', '2024-h2', '2024 - H1'. None if not one."""
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if float(value).is_integer() and 1900 <= value <= 2100:
            return Period(int(value))
        return None
    if not isinstance(value, str):
        return None
    match = PERIOD_PATTERN.match(re.sub(r"\s+", "", value).upper())
    if not match:
        return None
    return Period(int(match.group(1)), int(match.group(2)) if match.group(2) else None)


def periods_for_years(first_year: int, last_year: int) -> list[str]:
    """Every period label from first_year to last_year: 2024, 2024-H1, 2024-H2, 2025, ..."""
    labels = []
    for year in range(first_year, last_year + 1):
        labels += [str(year), f"{year}-H1", f"{year}-H2"]
    return labels


@dataclass(frozen=True)
class Runtime:
    start: date
    end: date
    known: bool  # False: derived from nothing, the 2023-2027 fallback
    # The programme's projects started in waves over several years (19 on 1 December 2023, 26 on
    # 1 February 2024) and the registers do not say which project started when: from `start.year`
    # up to this year (excluded), a year may lie before a given project's start. None: no such years.
    all_started_year: int | None = None

    def may_precede_start(self, year: int) -> bool:
        """True when `year` may lie before this project's own start (see all_started_year)."""
        return self.all_started_year is not None and year < self.all_started_year

    def covers(self, period: Period) -> bool:
        return period.start <= self.end and period.end >= self.start

    def covers_year(self, year: int) -> bool:
        return self.covers(Period(year))

    def describe(self) -> str:
        text = f"{self.start:%d-%m-%Y} tot {self.end:%d-%m-%Y}"
        return text if self.known else f"{text} (looptijd onbekend: 2023-2027 aanvaard)"

    def periods(self) -> list[str]:
        return [p for p in periods_for_years(self.start.year, self.end.year) if self.covers(parse_period(p))]


FALLBACK_RUNTIME = Runtime(date(2023, 1, 1), date(2027, 12, 31), known=False)


def _start_date(text) -> date | None:
    """An ISO date or year as the registers write it: 2023-12-01, 2023-12 or 2023."""
    if text is None or pd.isna(text):
        return None
    parts = [int(p) for p in str(text).strip().split("-") if p.isdigit()]
    if not parts:
        return None
    return date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)


def _programme_runtime(programme_id: str, programme: pd.DataFrame, facts: pd.DataFrame) -> Runtime:
    row = programme.loc[programme["programme_id"] == programme_id]
    start = _start_date(row["period_start"].iloc[0]) if len(row) else None
    own = facts.loc[facts["programme_id"] == programme_id]
    duration = pd.to_numeric(own.loc[own["fact"] == "project_duration_max", "value"], errors="coerce").dropna()
    start_years = pd.to_numeric(own.loc[own["fact"] == "projects_started", "year"], errors="coerce").dropna()
    if start is None or duration.empty:
        return FALLBACK_RUNTIME
    last_start_year = int(start_years.max()) if len(start_years) else start.year
    # A fractional duration (2.5 years) still ends within the year it reaches: round up.
    end_year = last_start_year + math.ceil(float(duration.max()))
    waves = start_years.nunique() > 1
    return Runtime(start, date(end_year, 12, 31), known=True, all_started_year=last_start_year if waves else None)


def derive_runtimes(project: pd.DataFrame, programme: pd.DataFrame, programme_fact: pd.DataFrame) -> dict[str, Runtime]:
    """project_id -> Runtime, from the register tables (CSV frames or warehouse tables alike)."""
    by_programme: dict[str, Runtime] = {}
    runtimes = {}
    for project_id, programme_id in zip(project["project_id"], project["programme_id"]):
        if programme_id not in by_programme:
            by_programme[programme_id] = _programme_runtime(programme_id, programme, programme_fact)
        runtimes[str(project_id)] = by_programme[programme_id]
    return runtimes


def runtimes_from_registers(registers_dir) -> dict[str, Runtime]:
    from etl.registers.contracts import read_registers

    frames = read_registers(registers_dir)
    return derive_runtimes(frames["project"], frames["programme"], frames["programme_fact"])


def runtimes_from_warehouse(con) -> dict[str, Runtime]:
    return derive_runtimes(con.sql("SELECT project_id, programme_id FROM project").df(),
                           con.sql("SELECT programme_id, period_start FROM programme").df(),
                           con.sql("SELECT programme_id, fact, value, year FROM programme_fact").df())
