"""`python -m etl snapshot SOURCE_ID [--year Y]`: fetch the newest release of an official source,
check its content (format, columns, codes, the plausible range of each indicator: the checks of the
build), and write its pinned entry into the catalog for the maintainer to review.

The entry ([[snapshot]] in etl/sources/catalog.toml: URL, sha256, size, release date, retrieval
time, the columns read, years and municipalities) records exactly which release was checked, so a
later release is compared with it: one whose columns changed is refused. What changed against the
live warehouse (new years, municipalities, values moved by more than THRESHOLD) is printed.
"""
from __future__ import annotations

import tomllib
from datetime import UTC, datetime
from pathlib import Path
from types import SimpleNamespace

import duckdb
import pandas as pd

from etl.catalog import CATALOG_PATH
from etl.errors import EtlError
from etl.sources import official

THRESHOLD = 0.10  # a value that moved by more than 10 % against the live warehouse is reported
BEGIN, END = "# >>> snapshot {id}", "# <<< snapshot {id}"


def find_source(source_id: str, year: int | None) -> official.OfficialSource:
    """The source to snapshot. A source with one file per year (statbel-pop-struct) without --year:
    the newest year it declares (this year's release)."""
    # The newest release at the endpoint, not the one pinned now: that is what is being checked.
    sources = {s.id: s for s in official.load_official(newest_year=max(year or 0, datetime.now(UTC).year), pinned=False)}
    if year is None and source_id not in sources:
        yearly = yearly_years(source_id, sources.values())
        if yearly:
            year = yearly[-1]
    wanted = f"{source_id}-{year}" if year else source_id
    if wanted not in sources:
        raise EtlError(f"onbekende officiële bron {wanted}; bekend: {sorted(sources)}")
    return sources[wanted]


def yearly_years(source_id: str, sources) -> list[int]:
    """The years a source with one file per year declares (empty for any other id)."""
    return sorted(s.year for s in sources if s.year is not None and s.id == f"{source_id}-{s.year}")


def previous_entry(source_id: str, catalog: Path = CATALOG_PATH) -> dict | None:
    raw = tomllib.loads(catalog.read_text(encoding="utf-8"))
    return next((e for e in raw.get("snapshot", []) if e["id"] == source_id), None)


def snapshot(source_id: str, year: int | None, settings, catalog: Path = CATALOG_PATH) -> dict:
    """Check one release and write its entry; returns the entry and the changes found."""
    source = find_source(source_id, year)
    live = settings.warehouse_path
    if not live.exists():
        raise EtlError(f"geen warehouse op {live}: bouw eerst met `python -m etl build`")
    con = duckdb.connect(str(live), read_only=True)
    try:
        geo = SimpleNamespace(municipality=con.execute("SELECT * FROM municipality").df())
        catalogue = con.execute("SELECT * FROM gsm_indicator").df()
        current = con.execute("SELECT indicator_id, nis_code, year, value FROM indicator_value").df()
        bounds = {i: (low, high) for i, low, high in
                  con.execute("SELECT indicator_id, value_min, value_max FROM indicator").fetchall()}
    finally:
        con.close()
    outcome = official.process(source, settings, geo, catalogue)
    if outcome.status == official.LOADED:  # the plausible ranges the build checks too
        official.refuse_out_of_range(outcome, {**bounds, **{row["indicator_id"]: (row["value_min"], row["value_max"])
                                                           for row in outcome.indicators}})
    if outcome.status != official.LOADED:
        hint = ""
        if source.year is not None:  # another year may be published when this one is not yet
            years = yearly_years(source.id.rsplit("-", 1)[0], official.load_official(newest_year=source.year, pinned=False))
            hint = f"; een ander jaar met --year Y (bekend: {years[0]}-{years[-1]})"
        raise EtlError(f"{outcome.status}: {outcome.reason}{hint}", source=source.id)
    values = outcome.values
    columns = official.value_columns(values)
    before = previous_entry(source.id, catalog)
    if before is not None and before.get("columns") != columns:
        raise EtlError(f"de kolommen van deze uitgave zijn veranderd: vorige {before.get('columns')}, nu {columns}; "
                       "controleer de lezer voor je een nieuwe vastzet", source=source.id)
    entry = {"id": source.id, "url": source.url, "sha256": outcome.sha256, "bytes": outcome.size,
             "release_date": outcome.retrieved_at[:10], "retrieved_at": outcome.retrieved_at, "columns": columns,
             "years": sorted(int(y) for y in values["year"].unique()),
             "municipalities": int(values["nis_code"].nunique())}
    _write_entry(catalog, entry)
    return {"entry": entry, "changes": changes(values, current, before)}


def changes(values: pd.DataFrame, current: pd.DataFrame, before: dict | None) -> dict:
    """New years (against the previous entry, else the warehouse), and values that moved by more than
    THRESHOLD against the warehouse (same indicator, code and year)."""
    known_years = set(before["years"]) if before else set(
        current.loc[current["indicator_id"].isin(values["indicator_id"].unique()), "year"])
    merged = values.merge(current, on=["indicator_id", "nis_code", "year"], suffixes=("", "_live"))
    moved = merged[(merged["value"] - merged["value_live"]).abs() > THRESHOLD * merged["value_live"].abs()]
    return {"new_years": sorted(set(int(y) for y in values["year"]) - known_years),
            "municipalities_before": before["municipalities"] if before else None,
            "moved": moved[["indicator_id", "nis_code", "year", "value_live", "value"]].head(20).to_dict("records"),
            "moved_count": int(len(moved))}


def _toml_value(value) -> str:
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    return str(value)


def _write_entry(catalog: Path, entry: dict) -> None:
    """Replace this source's block (between its markers) or append it; the file stays valid TOML."""
    text = catalog.read_text(encoding="utf-8")
    begin, end = BEGIN.format(id=entry["id"]), END.format(id=entry["id"])
    block = "\n".join([begin, "[[snapshot]]", *(f"{k} = {_toml_value(v)}" for k, v in entry.items()), end])
    if begin in text and end in text:
        head, rest = text.split(begin, 1)
        text = head + block + rest.split(end, 1)[1]
    else:
        text = text.rstrip("\n") + "\n\n" + block + "\n"
    tomllib.loads(text)  # never write a catalog the build cannot read
    catalog.write_text(text, encoding="utf-8")
