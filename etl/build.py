"""`python -m etl build`: fetch every catalog file, parse, check, load, check the whole, swap in.

Atomicity (etl/staged.py): the new warehouse is written beside the live one
(`<name>.<pid>.build.tmp`), checked, closed and moved onto the live name with os.replace, the GeoJSON
layers just before it. Any failure or interruption removes the new files and leaves the live ones
byte-identical. Readers that hold the old file open keep reading it.
"""
from __future__ import annotations

import subprocess
import time
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pandas as pd

from etl import harmonise, imports
from etl.catalog import SourceFile, load_catalog
from etl.checks import run_checks
from etl.config import REPO_ROOT, Settings
from etl.fetch import Fetched, fetch
from etl.progress import BuildProgress
from etl.sources import (
    geography,
    gsm_catalogue,
    official,
    population_2020,
    registers,
    statbel_adi,
    statbel_fiscal,
    statbel_population,
)
from etl.sources.common import indicator_rows
from etl.staged import StagedWrite, staged_warehouse
from etl.tables import create_all
from etl.writer_lock import warehouse_writer

INDICATOR_SOURCES = (statbel_adi, statbel_fiscal, statbel_population, population_2020)


@dataclass
class BuildResult:
    build_id: str
    warehouse: Path
    seconds: float
    rows: dict[str, int] = field(default_factory=dict)
    official: list[dict] = field(default_factory=list)  # rows of table official_source
    # Stored imports not applied because the official release of the same indicator was loaded.
    superseded_imports: list[dict] = field(default_factory=list)


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def code_version() -> str:
    try:
        out = subprocess.run(["git", "describe", "--always", "--dirty"], cwd=REPO_ROOT,
                             capture_output=True, text=True, timeout=5)
        if out.returncode == 0 and out.stdout.strip():
            return out.stdout.strip()
    except (OSError, subprocess.SubprocessError):
        pass
    return "onbekend"


def build(settings: Settings, progress: BuildProgress | None = None,
          catalog: dict[str, SourceFile] | None = None,
          official_sources: list[official.OfficialSource] | None = None) -> BuildResult:
    """`official_sources`: the [[official]] entries with their snapshots (default: those of the catalog)."""
    progress = progress or BuildProgress(enabled=False)
    started, t0 = now(), time.perf_counter()
    build_id = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ") + "-" + uuid.uuid4().hex[:6]
    live = settings.warehouse_path
    catalog = catalog or load_catalog()

    def check_and_mark_success(con) -> None:
        progress.stage("controles", "bezig")
        run_checks(con)
        con.execute("UPDATE build SET status = 'success', finished_at = ? WHERE build_id = ?", [now(), build_id])
        progress.stage("controles", "geslaagd")

    official_sources = official.load_official() if official_sources is None else official_sources
    with progress:
        fetched = _fetch_all(catalog, settings, progress)
        reached = _reach_official(official_sources, settings, progress)
        # From the first read of the imports and the report ledger to the swap: a report loaded
        # or an indicator imported meanwhile would be missing from the new file.
        with warehouse_writer(live), staged_warehouse(live, "build", copy_live=False,
                                                      checks=[check_and_mark_success]) as staged:
            con = staged.connection
            create_all(con)
            geo, rows = _load_geography(con, fetched, progress)
            pinned_rows, population = _load_indicators(con, fetched, geo, settings, progress)
            rows.update(pinned_rows)
            catalogue, gsm_rows = _load_gsm_catalogue(con, fetched, progress)
            rows.update(gsm_rows)
            official_rows, official_status = _load_official(con, geo, catalogue, settings, progress,
                                                            official_sources, reached, population)
            import_rows, superseded = _load_imports(con, geo, settings, progress)
            rows.update(import_rows)
            rows.update({o["source_id"]: o["rows_loaded"] for o in official_rows})  # in the headline count too
            register_sources = _load_registers(con, geo, settings, progress)
            rows.update(_load_reports(con, settings, progress))
            _load_sources(con, fetched, rows, register_sources + official_rows)
            _load_builds(con, live, build_id, started)
            # Staged, so a failure while writing them (a full disk) or in the checks leaves the
            # previous warehouse and its files as they were.
            _stage_geo_files(con, settings.geo_dir, staged)
    return BuildResult(build_id, live, time.perf_counter() - t0, rows, official_status.to_dict("records"),
                       superseded)


def _fetch_all(catalog: dict[str, SourceFile], settings: Settings, progress: BuildProgress) -> dict[str, Fetched]:
    import requests

    session = requests.Session()
    session.headers["User-Agent"] = "kinderarmoedemonitor-etl (+https://github.com/)"
    fetched = {}
    for sf in catalog.values():
        progress.fetching(sf.dataset, sf.id)
        t = time.perf_counter()
        fetched[sf.id] = fetch(sf, settings, session)
        progress.fetched(sf.dataset, fetched[sf.id].how, time.perf_counter() - t)
    return fetched


def _reach_official(sources: list[official.OfficialSource], settings: Settings,
                    progress: BuildProgress) -> dict[str, tuple[Path, str] | str]:
    """source id -> (path, how) of each optional official source, or why it cannot be reached; with
    the pinned files, before anything is read: a disk problem in the download cache (a DiskError)
    stops the build at once, not after the minute of reading."""
    import requests

    session = requests.Session()
    session.headers["User-Agent"] = "kinderarmoedemonitor-etl (+https://github.com/)"
    reached = {}
    for source in sources:
        progress.fetching(source.dataset, source.id)
        t = time.perf_counter()
        reached[source.id] = official.obtain(source, settings, session)
        if not isinstance(reached[source.id], str):
            progress.fetched(source.dataset, reached[source.id][1], time.perf_counter() - t)
    return reached


def _paths(fetched: dict[str, Fetched], ids) -> dict[str, Path]:
    return {i: fetched[i].path for i in ids}


def _load_geography(con, fetched, progress):
    t = time.perf_counter()
    geo = geography.parse(_paths(fetched, geography.FILES))
    progress.parsed("geography", geo.rows)
    geography.check(geo)
    geo.layers = geography.build_layers(geo)
    loaded = geography.load(con, geo)
    progress.loaded("geography", loaded, time.perf_counter() - t)
    return geo, geo.rows_by_file()


def _load_indicators(con, fetched, geo, settings: Settings, progress) -> tuple[dict[str, int], pd.DataFrame]:
    """Rows loaded per pinned file, and the population per code (of its own vintage) and year that
    the pinned files give (nis_code, year, population), to weigh statistics of the official sources."""
    indicators = [i for module in INDICATOR_SOURCES for i in module.INDICATORS]
    rules = {i.indicator_id: i.rule for i in indicators}
    muni_2025 = geo.municipality.query("vintage == 2025")
    crosswalk = geo.crosswalk.query("to_vintage == 2025")
    harmonised, population = [], []
    for module in INDICATOR_SOURCES:
        dataset = module.__name__.rsplit(".", 1)[-1]
        t = time.perf_counter()
        paths = _paths(fetched, module.FILES)
        if module is statbel_population:
            values = module.parse(paths, settings.cache_dir, {i: fetched[i].file.sha256 for i in module.FILES})
        else:
            values = module.parse(paths)
        progress.parsed(dataset, len(values))
        module.check(values)
        population.append(official.population_of(values))
        municipal = harmonise.to_2025(values, rules, crosswalk, muni_2025["nis_code"])
        harmonised.append(municipal)
        progress.loaded(dataset, len(municipal), time.perf_counter() - t)
    municipal = pd.concat(harmonised, ignore_index=True)
    areas = harmonise.aggregate(municipal, rules, muni_2025)
    _insert(con, "indicator", pd.DataFrame(indicator_rows(indicators)))  # with etl/sources/indicators.toml
    _insert(con, "indicator_value", pd.concat([municipal, areas], ignore_index=True))
    return ({str(k): int(n) for k, n in municipal.groupby("source_id").size().items()},
            pd.concat(population, ignore_index=True))


def _load_gsm_catalogue(con, fetched, progress) -> dict[str, int]:
    """The Gemeente-Stadsmonitor indicator catalogue, the metadata every GSM indicator is shown with."""
    t = time.perf_counter()
    catalogue = gsm_catalogue.parse(_paths(fetched, gsm_catalogue.FILES))
    progress.parsed("gsm_catalogue", len(catalogue))
    gsm_catalogue.check(catalogue)
    loaded = gsm_catalogue.load(con, catalogue)
    progress.loaded("gsm_catalogue", loaded, time.perf_counter() - t)
    return catalogue, {gsm_catalogue.SOURCE: loaded}


def _load_official(con, geo, catalogue: pd.DataFrame, settings: Settings, progress,
                   sources: list[official.OfficialSource], reached: dict[str, tuple[Path, str] | str],
                   population: pd.DataFrame | None = None) -> tuple[list[dict], pd.DataFrame]:
    """Every optional official source it could reach (`reached`: `_reach_official`), harmonised like
    the pinned ones; a status row for each in `official_source` (a source that cannot be reached or
    read does not stop the build).
    Statistics (an index without counts) are weighed by the population of their codes: that of the
    pinned files (`population`) and of the official population files loaded.
    Returns the `source` rows of the loaded ones, and the status rows."""
    outcomes, seconds = [], {}
    for source in sources:
        t = time.perf_counter()
        outcomes.append(official.process(source, settings, geo, catalogue, got=reached[source.id]))
        seconds[source.dataset] = seconds.get(source.dataset, 0.0) + time.perf_counter() - t
    bounds = {i.indicator_id: (i.value_min, i.value_max) for module in INDICATOR_SOURCES for i in module.INDICATORS}
    bounds.update({row["indicator_id"]: (row["value_min"], row["value_max"]) for o in outcomes for row in o.indicators})
    for outcome in outcomes:
        if outcome.status == official.LOADED:
            official.refuse_out_of_range(outcome, bounds)
    loaded = [o for o in outcomes if o.status == official.LOADED]
    if loaded:
        indicators = [row for o in loaded for row in o.indicators]
        rules = {i.indicator_id: i.rule for module in INDICATOR_SOURCES for i in module.INDICATORS}
        rules.update({row["indicator_id"]: harmonise.Rule(row["kind"], row["scale"] or 1.0) for row in indicators})
        muni_2025 = geo.municipality.query("vintage == 2025")
        crosswalk = geo.crosswalk.query("to_vintage == 2025")
        values = pd.concat([o.values for o in loaded], ignore_index=True)
        population = pd.concat([population, official.population_of(values)], ignore_index=True)
        values = official.with_population_weights(values, rules, population)
        # A year the pinned copies already give stays theirs: the baseline is reproducible.
        pinned = con.execute("SELECT DISTINCT indicator_id, year FROM indicator_value").df()
        values = values.merge(pinned, on=["indicator_id", "year"], how="left", indicator="pinned")
        values = values[values.pop("pinned") == "left_only"]
        if indicators:
            _insert(con, "indicator", pd.DataFrame(indicators))
        if not values.empty:
            municipal = harmonise.to_2025(values, rules, crosswalk, muni_2025["nis_code"])
            areas = harmonise.aggregate(municipal, rules, muni_2025)
            _insert(con, "indicator_value", pd.concat([municipal, areas], ignore_index=True))
    _report_official(outcomes, seconds, progress)
    status = official.status_rows(outcomes)
    _insert(con, "official_source", status)
    return [{"source_id": o.source.id, "url": o.source.url, "publisher": o.source.publisher,
             "licence": o.source.licence, "publisher_en": o.source.publisher_en, "licence_en": o.source.licence_en,
             "sha256": o.sha256, "retrieved_at": o.retrieved_at,
             "rows_loaded": len(o.values), "dataset": o.source.dataset, "bytes": o.size, "fetched_how": o.how}
            for o in loaded], status


def _report_official(outcomes: list[official.Outcome], seconds: dict[str, float], progress) -> None:
    """One progress row per official dataset: the rows of all its loaded files together, and how many
    of its files were loaded (a row never keeps the live "ophalen ..." of a file not reached)."""
    by_dataset: dict[str, list[official.Outcome]] = {}
    for outcome in outcomes:
        by_dataset.setdefault(outcome.source.dataset, []).append(outcome)
    for dataset, items in by_dataset.items():
        loaded = [o for o in items if o.status == official.LOADED]
        if loaded:
            rows = sum(len(o.values) for o in loaded)
            progress.parsed(dataset, rows)
            progress.loaded(dataset, rows, seconds.get(dataset, 0.0))
        progress.stage(dataset, f"{len(loaded)} van {len(items)} geladen")


def _load_imports(con, geo, settings: Settings, progress) -> tuple[dict[str, int], list[dict]]:
    """Rows per applied import, and the imports skipped because the official release of the same
    indicator was loaded in this build (the official release wins: imports.superseded_by_official)."""
    t = time.perf_counter()
    stored = imports.stored_imports(settings.imports_dir)
    if not stored:
        return {}, []
    official_ids = dict(con.execute(
        "SELECT i.indicator_id, o.source_id FROM indicator i JOIN official_source o ON i.source_id = o.source_id "
        "WHERE o.status = 'loaded'").fetchall())
    stored, superseded = imports.superseded_by_official(stored, official_ids)
    if not stored:
        return {}, superseded
    rows = imports.apply_all(con, stored, geo.municipality, geo.crosswalk)  # one insert per table
    progress.parsed("imports", sum(rows.values()))
    progress.loaded("imports", sum(rows.values()), time.perf_counter() - t)
    return rows, superseded


def _load_registers(con, geo, settings: Settings, progress) -> list[dict]:
    t = time.perf_counter()
    frames = registers.parse(settings.registers_dir)
    progress.parsed("registers", sum(len(f) for f in frames.values()))
    municipalities = set(geo.municipality.loc[geo.municipality["vintage"] == 2025, "nis_code"])
    provinces = set(geo.municipality.loc[geo.municipality["vintage"] == 2025, "province_nis"])
    registers.check(frames, municipalities, provinces)
    sources = registers.load(con, frames, settings.registers_dir)
    progress.loaded("registers", sum(s["rows_loaded"] for s in sources), time.perf_counter() - t)
    return sources


def _load_reports(con, settings: Settings, progress) -> dict[str, int]:
    """Replay the loaded project reports (after the registers: they check project ids and runtimes)."""
    from etl.reports.load import reapply_archived

    t = time.perf_counter()
    figures = reapply_archived(con, settings.reports_dir, settings.reports_max_bytes)
    if not figures:
        return {}
    progress.parsed("reports", figures)
    progress.loaded("reports", figures, time.perf_counter() - t)
    return {"reports": figures}


def _insert(con, table: str, frame: pd.DataFrame) -> None:
    columns = [r[0] for r in con.sql(f'DESCRIBE "{table}"').fetchall()]  # our own table names
    con.register("incoming", frame[columns])
    con.execute(f'INSERT INTO "{table}" SELECT * FROM incoming')
    con.unregister("incoming")


def _load_sources(con, fetched: dict[str, Fetched], rows: dict[str, int], extra: list[dict]) -> None:
    records = [{
        "source_id": f.file.id, "url": f.file.url, "publisher": f.file.publisher, "licence": f.file.licence,
        "publisher_en": f.file.publisher_en, "licence_en": f.file.licence_en,
        "sha256": f.file.sha256, "retrieved_at": f.retrieved_at, "rows_loaded": int(rows.get(f.file.id, 0)),
        "dataset": f.file.dataset, "bytes": f.size, "fetched_how": f.how,
    } for f in fetched.values()]
    _insert(con, "source", pd.DataFrame(records + extra))


def _load_builds(con, live: Path, build_id: str, started: str) -> None:
    """Carry the build history over from the live warehouse, then add this build."""
    if live.exists():
        try:
            con.execute("ATTACH ? AS previous (READ_ONLY)", [str(live)])
            con.execute("INSERT INTO build SELECT build_id, started_at, finished_at, status, code_version FROM previous.build")
            con.execute("DETACH previous")
        except duckdb.Error:
            pass  # an unreadable or older warehouse only costs us its history
    con.execute("INSERT INTO build VALUES (?, ?, NULL, 'checking', ?)", [build_id, started, code_version()])


def _stage_geo_files(con, geo_dir: Path, staged: StagedWrite) -> None:
    """Write each GeoJSON layer of the new warehouse beside its final name; the staged write puts
    them in place with the warehouse."""
    for file_name, text in con.sql("SELECT file_name, geojson FROM geo_layer").fetchall():
        staged.stage(geo_dir / file_name).write_text(text, encoding="utf-8")
