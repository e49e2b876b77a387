"""Optional official sources: the publishers' own releases (Gemeente-Stadsmonitor extracts, ...).

Declared in etl/sources/catalog.toml as [[official]] entries: URL, publisher, format, parser. Unlike
the pinned [[file]] entries they have no checksum, because each new release replaces the file: a
build loads every one it can reach and records a status for each other one (table
`official_source`), and goes on; the pinned copies remain the guaranteed baseline.

Reaching a file: with SOURCE_MIRROR set the build is offline and reads https://HOST/PATH from
$SOURCE_MIRROR/HOST/PATH only (absent: `not reachable`); without it the file is downloaded once,
with the usual timeout (`obtain`; the build reaches every one before it reads any file, so a disk
problem in the download cache stops it at once, in one line, the warehouse unchanged). Statuses: `loaded`, `not reachable`, `format not recognised` (with the
headers found), `failed check` (with the reason).

Snapshot or live endpoint. A source with a [[snapshot]] entry (written by `python -m etl snapshot`,
reviewed and committed by the maintainer) is pinned to that release: the build loads exactly the
file with the entry's sha256, from the download cache ($ETL_CACHE_DIR/official/<its sha256>/), else
from SOURCE_MIRROR, else from the URL; any other file (the publisher's newer release, a tampered or
truncated copy) is refused as `failed check` with PINNED_MISMATCH in the reason and nothing of it
is loaded, until the maintainer pins the new release with `python -m etl snapshot`. So a snapshot
takes precedence over the live endpoint, and builds stay reproducible. A source without a snapshot
loads the newest release the endpoint (or mirror) gives. The snapshot command itself always reads
the live endpoint.

Official release or import. An analyst may have imported the same Gemeente-Stadsmonitor extract by
hand (`python -m etl import-indicator GSM_Extract_<CODE>.xlsx`, indicator gsm_<code>). When a build
loads the official release of that code, the release wins: it is the publisher's own file (or the
pinned snapshot), reproducible, and at least as new as a copy saved earlier. The import is skipped
with a line in the build summary (etl.imports.superseded_by_official) and stays stored: a build that
does not load the release (offline, a refused file) applies it again. An optional source never
fails the build.
"""
from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import os
import tomllib
import zipfile
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pandas as pd

from etl.cache import disk_error
from etl.catalog import CATALOG_PATH, SourceFile
from etl.errors import EtlError
from etl.fetch import mirror_path, sha256_of, verify_content
from etl.geography_codes import nis
from etl.harmonise import Rule
from etl.sources import gsm_catalogue
from etl.sources.common import default_display, long_rows, numbers
from etl.sources.header_reader import LayoutNotRecognised, read_workbook

LOADED, NOT_REACHABLE, NOT_RECOGNISED, FAILED_CHECK = (
    "loaded", "not reachable", "format not recognised", "failed check")
STATUSES = (LOADED, NOT_REACHABLE, NOT_RECOGNISED, FAILED_CHECK)
PARSERS = ("gsm_extract", "statbel_pop_struct_zip", "statbel_fiscal_zip")
# Area codes a publisher lists beside its municipalities (country, regions, provinces): not loaded.
AREA_CODES = {"01000", "02000", "03000", "04000", "10000", "20001", "20002", "30000", "40000",
              "50000", "60000", "70000", "80000", "90000"}
VINTAGE_PREFERENCE = (2025, 2019, 2018)  # a year's codes are read in the first vintage holding all
PINNED_MISMATCH = "niet de vastgezette uitgave"  # the reason of a file that differs from its snapshot
VALUE_COLUMNS = ("value", "numerator", "denominator")


class ZipMemberMissing(EtlError):
    """A zip without its data member; `headers_found` lists the members it does hold."""

    def __init__(self, reason: str, *, source: str, file: str, headers_found: list[str]):
        self.headers_found = headers_found
        super().__init__(reason, source=source, file=file)


@dataclass(frozen=True)
class Snapshot:
    """A pinned release of an official source ([[snapshot]] in catalog.toml)."""
    sha256: str
    bytes: int
    release_date: str
    retrieved_at: str
    columns: tuple[str, ...]


@dataclass(frozen=True)
class OfficialSource:
    id: str
    dataset: str
    url: str
    format: str
    parser: str
    publisher: str
    licence: str
    gsm_code: str | None = None
    year: int | None = None
    publisher_en: str | None = None
    licence_en: str | None = None
    snapshot: Snapshot | None = None  # the pinned release, when the catalog has one

    def as_source_file(self) -> SourceFile:
        return SourceFile(self.id, self.dataset, self.url, "", self.format, self.publisher, self.licence,
                          self.publisher_en, self.licence_en)

    @property
    def file_name(self) -> str:
        return self.as_source_file().file_name

    def load_command(self) -> str:
        """The exact way to load it: a build with internet, or the file placed in the mirror."""
        parts = urlsplit(self.url)
        pinned = f" (de vastgezette uitgave, sha256 {self.snapshot.sha256})" if self.snapshot else ""
        return (f"python -m etl build  # met internet; offline: bewaar {self.url}{pinned} als "
                f"$SOURCE_MIRROR/{parts.netloc}{unquote(parts.path)}")


@dataclass
class Outcome:
    """What became of one official source in a build."""
    source: OfficialSource
    status: str
    reason: str | None = None
    headers_found: list[str] = field(default_factory=list)
    values: pd.DataFrame | None = None  # long rows (etl.harmonise SOURCE_COLUMNS) when loaded
    indicators: list[dict] = field(default_factory=list)
    sha256: str | None = None
    size: int | None = None
    retrieved_at: str | None = None
    how: str | None = None


def load_official(path: Path = CATALOG_PATH, newest_year: int | None = None,
                  pinned: bool = True) -> list[OfficialSource]:
    """The [[official]] entries; an entry with `url_pattern` and `first_year` stands for one file per
    year from first_year to newest_year (default: this year). With `pinned`, each with its
    [[snapshot]] entry if it has one (the build); without, as the live endpoints (the snapshot
    command, which may replace an entry that no longer fits)."""
    raw = tomllib.loads(path.read_text(encoding="utf-8"))
    publishers = raw.get("publishers", {})
    newest_year = newest_year or datetime.now(UTC).year
    sources: list[OfficialSource] = []
    for entry in raw.get("official", []):
        if entry["parser"] not in PARSERS:
            raise EtlError(f"{path.name}: onbekende parser {entry['parser']!r} voor {entry['id']}")
        pub = publishers[entry["publisher"]]
        common = dict(dataset=entry["dataset"], format=entry["format"], parser=entry["parser"],
                      publisher=pub["publisher"], licence=pub["licence"], gsm_code=entry.get("gsm_code"),
                      publisher_en=pub.get("publisher_en"), licence_en=pub.get("licence_en"))
        if "url_pattern" in entry:
            for year in range(int(entry["first_year"]), newest_year + 1):
                sources.append(OfficialSource(id=f"{entry['id']}-{year}", url=entry["url_pattern"].format(year=year),
                                              year=year, **common))
        else:
            sources.append(OfficialSource(id=entry["id"], url=entry["url"], **common))
    ids = [s.id for s in sources]
    if len(ids) != len(set(ids)):
        raise EtlError(f"{path.name}: dubbele id's bij de officiële bronnen")
    if pinned:
        sources = _with_snapshots(sources, raw.get("snapshot", []), path)
    declared = gsm_catalogue.declarations()
    undeclared = [s.gsm_code for s in sources if s.parser == "gsm_extract" and s.gsm_code not in declared]
    if undeclared:
        raise EtlError(f"{path.name}: GSM-codes zonder declaratie in {gsm_catalogue.DECLARATIONS_FILE.name}: {undeclared}")
    return sources


def _with_snapshots(sources: list[OfficialSource], entries: list[dict], path: Path) -> list[OfficialSource]:
    """Each source with its [[snapshot]] entry, if it has one. An entry must name a declared source
    and its URL (a moved endpoint needs a new snapshot); one for a year after the newest asked for
    is left out."""
    by_id = {s.id: s for s in sources}
    pinned: dict[str, Snapshot] = {}
    for entry in entries:
        source = by_id.get(entry["id"])
        if source is None:
            if any(entry["id"].startswith(s.id.rsplit("-", 1)[0] + "-") and s.year for s in sources):
                continue  # a yearly file newer than the years asked for
            raise EtlError(f"{path.name}: snapshot voor een onbekende officiële bron {entry['id']!r}")
        if entry["url"] != source.url:
            raise EtlError(f"{path.name}: de snapshot van {entry['id']} heeft URL {entry['url']}, de bron "
                           f"{source.url}; zet de uitgave opnieuw vast met `python -m etl snapshot`")
        if entry["id"] in pinned:
            raise EtlError(f"{path.name}: twee snapshots voor {entry['id']}")
        pinned[entry["id"]] = Snapshot(sha256=entry["sha256"].lower(), bytes=int(entry["bytes"]),
                                       release_date=entry["release_date"], retrieved_at=entry["retrieved_at"],
                                       columns=tuple(entry["columns"]))
    return [dataclasses.replace(s, snapshot=pinned[s.id]) if s.id in pinned else s for s in sources]


def pinned_cache_path(source: OfficialSource, settings) -> Path:
    """Where the download cache keeps a pinned release: one folder per checksum, like the pinned files."""
    return settings.cache_dir / "official" / source.snapshot.sha256[:32] / source.file_name


def value_columns(values: pd.DataFrame) -> list[str]:
    """The value columns a release gives (a snapshot records them; a later release must give the same)."""
    return sorted(c for c in VALUE_COLUMNS if c in values.columns and values[c].notna().any())


def obtain(source: OfficialSource, settings, session=None) -> tuple[Path, str] | str:
    """(path, how) of the file, or the reason it cannot be reached. A pinned release already in the
    download cache is taken from there, online or offline. A download is written beside its place
    in the cache and renamed when whole. A disk problem in the cache folder (a full disk, a read-only
    or misplaced folder, an unreadable file) is not the source's fault: a DiskError (one line: the
    path, the cause, what to do) that stops the build like one of a pinned file."""
    if source.snapshot is not None:
        cached = pinned_cache_path(source, settings)
        try:
            if cached.is_file() and sha256_of(cached) == source.snapshot.sha256:
                return cached, "cached"
        except OSError as exc:
            raise disk_error(exc, cached) from exc
    if settings.source_mirror:
        local = mirror_path(source.url, settings.source_mirror)
        if local is None or not local.is_file():
            return f"niet in SOURCE_MIRROR ({settings.source_mirror}); de build leest dan niet van het internet"
        if local.stat().st_size > settings.max_download_bytes:
            return f"groter dan {settings.max_download_bytes} bytes"
        return local, "mirror"
    import requests

    target = settings.cache_dir / "official" / source.id / source.file_name
    part = target.with_name(target.name + f".{os.getpid()}.part")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        refused = _download(source, part, settings, session or requests.Session())
        if refused:
            return refused
        os.replace(part, target)
    except requests.RequestException as exc:  # an OSError too, but about the network, not the disk
        return f"{type(exc).__name__}: {exc}"
    except OSError as exc:
        raise disk_error(exc, part) from exc
    finally:
        with contextlib.suppress(OSError):  # absent, or its folder is what failed
            part.unlink()
    return target, "downloaded"


def _download(source: OfficialSource, part: Path, settings, session) -> str | None:
    """Stream the release into `part`; the reason it is refused (HTTP status, too large), else None."""
    timeout = (settings.http_timeout, settings.http_timeout)
    with session.get(source.url, stream=True, timeout=timeout) as resp:
        if resp.status_code != 200:
            return f"HTTP {resp.status_code}"
        size = 0
        with open(part, "wb") as out:
            for chunk in resp.iter_content(1 << 16):
                size += len(chunk)
                if size > settings.max_download_bytes:
                    return f"groter dan {settings.max_download_bytes} bytes"
                out.write(chunk)
    return None


def process(source: OfficialSource, settings, geo, catalogue: pd.DataFrame, session=None,
            got: tuple[Path, str] | str | None = None) -> Outcome:
    """Reach (or take `got`, what `obtain` gave), recognise, read and check one official source; never
    raises for the source's content (a disk problem is a DiskError, see `obtain`)."""
    if got is None:
        got = obtain(source, settings, session)
    if isinstance(got, str):
        return Outcome(source, NOT_REACHABLE, got)
    path, how = got
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise disk_error(exc, path, "SOURCE_MIRROR" if how == "mirror" else "ETL_CACHE_DIR") from exc
    outcome = Outcome(source, FAILED_CHECK, sha256=hashlib.sha256(data).hexdigest(), size=len(data),
                      retrieved_at=datetime.now(UTC).isoformat(timespec="seconds"), how=how)
    pinned = source.snapshot
    if pinned is not None:
        if outcome.sha256 != pinned.sha256:
            outcome.reason = (f"{PINNED_MISMATCH} (snapshot van {pinned.release_date}): sha256 {outcome.sha256}, "
                              f"{outcome.size} bytes ({how}); vastgezet sha256 {pinned.sha256}, {pinned.bytes} bytes. "
                              f"Niets geladen; controleer de nieuwe uitgave en zet ze vast met "
                              f"`python -m etl snapshot {_snapshot_arguments(source)}`")
            return outcome
        outcome.retrieved_at = pinned.retrieved_at  # the release is the one retrieved then
        if how == "downloaded":  # keep the verified release for the next (offline) build
            cached = pinned_cache_path(source, settings)
            try:
                cached.parent.mkdir(parents=True, exist_ok=True)
                os.replace(path, cached)
            except OSError as exc:
                raise disk_error(exc, cached) from exc
            path = cached
    try:
        verify_content(source.as_source_file(), path)
        if source.format == "zip" and not zipfile.is_zipfile(path):
            raise EtlError(f"geen zip-archief (begint met {data[:8]!r})", source=source.id)
    except EtlError as exc:
        outcome.status, outcome.reason = NOT_RECOGNISED, exc.reason
        return outcome
    try:
        if source.parser == "gsm_extract":
            outcome.values, outcome.indicators = read_gsm_extract(path, source, geo, catalogue)
        elif source.parser == "statbel_pop_struct_zip":
            outcome.values = read_statbel_pop_struct(path, source, geo)
        elif source.parser == "statbel_fiscal_zip":
            outcome.values = read_statbel_fiscal(path, source, geo)
        else:
            raise LayoutNotRecognised(f"parser {source.parser} leest deze uitgave nog niet", file=path.name,
                                      sheet=None, headers_found=[], source=source.id)
    except (LayoutNotRecognised, ZipMemberMissing) as exc:
        outcome.status, outcome.reason, outcome.headers_found = NOT_RECOGNISED, exc.describe(), exc.headers_found
        return outcome
    except EtlError as exc:
        outcome.reason = exc.describe()
        return outcome
    if pinned is not None and tuple(value_columns(outcome.values)) != pinned.columns:
        outcome.reason = (f"de kolommen {value_columns(outcome.values)} verschillen van die van de vastgezette "
                          f"uitgave {list(pinned.columns)}")
        outcome.values, outcome.indicators = None, []
        return outcome
    outcome.status = LOADED
    return outcome


def refuse_out_of_range(outcome: Outcome, bounds: dict[str, tuple[float | None, float | None]]) -> None:
    """A loaded source with a municipal value outside the plausible range of its indicator
    ({indicator_id: (value_min, value_max)}) becomes `failed check`, nothing of it loaded: the
    warehouse's own range check (etl/checks.py) would otherwise fail the whole build for an optional
    source."""
    values = outcome.values
    low = values["indicator_id"].map(lambda i: bounds.get(i, (None, None))[0]).astype("float64")
    high = values["indicator_id"].map(lambda i: bounds.get(i, (None, None))[1]).astype("float64")
    outside = (values["value"] < low) | (values["value"] > high)  # an absent value or bound compares False
    if not outside.any():
        return
    first = values[outside].iloc[0]
    outcome.status, outcome.values, outcome.indicators = FAILED_CHECK, None, []
    outcome.reason = (f"{int(outside.sum())} waarden buiten het plausibele bereik van hun indicator, bv. "
                      f"{first['indicator_id']} {first['nis_code']} {int(first['year'])}: {first['value']} "
                      f"(bereik {bounds[first['indicator_id']][0]} tot {bounds[first['indicator_id']][1]})")


def _snapshot_arguments(source: OfficialSource) -> str:
    return f"{source.id.rsplit('-', 1)[0]} --year {source.year}" if source.year else source.id


def population_of(values: pd.DataFrame) -> pd.DataFrame:
    """(nis_code, year, population) of the population_total rows among long rows (SOURCE_COLUMNS)."""
    rows = values.loc[(values["indicator_id"] == "population_total") & values["value"].notna(),
                      ["nis_code", "year", "value"]]
    return rows.rename(columns={"value": "population"}).astype({"year": "int64", "population": "float64"})


def with_population_weights(values: pd.DataFrame, rules: dict, population: pd.DataFrame) -> pd.DataFrame:
    """Values of statistics (an index that cannot be recombined from counts) get as weight the
    population of their code in the nearest year known, so that a merged municipality gets the
    population-weighted mean of its parts, flagged `estimated` with that method (etl.harmonise).
    Without a population for a code the weight stays empty and the merged value is not computed."""
    kind = values["indicator_id"].map(lambda i: rules[i].kind if i in rules else None)
    needs = (kind == "statistic") & values["weight"].isna()
    if not needs.any() or population is None or population.empty:
        return values
    known = (population.dropna().drop_duplicates(["nis_code", "year"]).astype({"year": "int64"})
             .sort_values("year"))
    wanted = (values.loc[needs, ["nis_code", "year"]].astype({"year": "int64"})
              .rename_axis("row").reset_index().sort_values("year"))
    found = pd.merge_asof(wanted, known, on="year", by="nis_code", direction="nearest")
    values = values.copy()
    values.loc[found["row"].to_numpy(), "weight"] = found["population"].to_numpy()
    return values


def gsm_indicator_id(code: str) -> str:
    return "gsm_" + code.lower()


def read_gsm_extract(path: Path, source: OfficialSource, geo, catalogue: pd.DataFrame) -> tuple[pd.DataFrame, list[dict]]:
    """A Gemeente-Stadsmonitor extract as long rows in their own code vintage, and its indicator row
    with the catalogue's metadata and our declaration."""
    code = source.gsm_code
    table = read_workbook(path, code, source.id)
    frame = table.frame
    where = dict(source=source.id, file=path.name, sheet=table.sheet)
    first_row = int(frame.index[0]) if len(frame) else table.header_row + 1
    frame = frame[frame["nis"].notna()].reset_index(drop=True)
    if frame.empty:
        raise EtlError("geen rijen met een NIS-code onder de kop", **where)
    codes = nis(frame["nis"])
    frame = frame[~codes.isin(AREA_CODES)].reset_index(drop=True)
    codes = codes[~codes.isin(AREA_CODES)].reset_index(drop=True)
    year_number = _years(frame, where, first_row)
    repeated = pd.DataFrame({"nis": codes, "year": year_number}).duplicated()
    if repeated.any():
        # A breakdown (AR_04 by origin of the mother) would otherwise be summed into one value.
        first = int(repeated.to_numpy().nonzero()[0][0])
        raise EtlError(f"meer dan één rij per gemeente en jaar (een uitsplitsing?), bv. {codes.iloc[first]} in "
                       f"{year_number.iloc[first]}: {int(repeated.sum())} herhaalde rijen", **where)
    vintage = _vintages(codes, year_number, geo, where)
    declared = gsm_catalogue.declarations()[code]
    num = {role: numbers(frame, role, source.id, path.name, table.sheet, first_row)
           for role in ("value", "numerator", "denominator") if role in frame.columns}
    # The published value where there is one, else the rate from its counts.
    value, hidden = num["value"] if "value" in num else (pd.Series(float("nan"), index=frame.index),
                                                          pd.Series(False, index=frame.index))
    if {"numerator", "denominator"} <= set(num):
        numerator, denominator = num["numerator"][0], num["denominator"][0]
        from_counts = numerator / denominator.where(denominator > 0) * declared["scale"]
        absent = value.isna() & ~hidden
        value = value.where(~absent, from_counts)
        hidden = hidden | (absent & (num["numerator"][1] | num["denominator"][1]))
    indicator_id = gsm_indicator_id(code)
    rows = long_rows(indicator_id, 2025, codes, year_number, value, hidden, source.id,
                     numerator=num["numerator"][0] if "numerator" in num else None,
                     denominator=num["denominator"][0] if "denominator" in num else None)
    rows["from_vintage"] = vintage.to_numpy()
    return rows, [indicator_row(code, source.id, catalogue)]


def _years(frame: pd.DataFrame, where: dict, first_row: int) -> pd.Series:
    year = pd.to_numeric(frame["year"].str.extract(r"^\s*(\d{4})(?:\.0)?\s*$")[0], errors="coerce")
    if year.isna().any():
        pos = int(year.isna().to_numpy().nonzero()[0][0])
        raise EtlError(f"jaartal verwacht, gevonden {frame['year'].iloc[pos]!r}", row=first_row + pos,
                       column="year", **where)
    return year.astype(int)


def _vintages(codes: pd.Series, years: pd.Series, geo, where: dict) -> pd.Series:
    """Per row the code vintage of its year: the first of VINTAGE_PREFERENCE that holds every
    municipality code of that year. Codes no vintage knows are refused."""
    municipality = geo.municipality
    known = {v: set(municipality.loc[municipality["vintage"] == v, "nis_code"]) for v in VINTAGE_PREFERENCE}
    unknown = sorted(set(codes) - set().union(*known.values()))
    if unknown:
        raise EtlError(f"{len(unknown)} onbekende NIS-codes (geen gemeente van Vlaanderen of Brussel in 2018, "
                       f"2019 of 2025): {unknown[:10]}", **where)
    vintage = pd.Series(0, index=codes.index)
    for year in sorted(years.unique()):
        in_year = years == year
        found = set(codes[in_year])
        fitting = [v for v in VINTAGE_PREFERENCE if found <= known[v]]
        if not fitting:
            raise EtlError(f"de codes van {year} horen niet bij één indeling (2018, 2019 of 2025)", **where)
        vintage[in_year] = fitting[0]
    return vintage


def indicator_row(code: str, source_id: str, catalogue: pd.DataFrame) -> dict:
    """Row of table `indicator` for a GSM code: texts from the catalogue, never typed by hand."""
    meta = catalogue.set_index("code").loc[code]
    declared = gsm_catalogue.declarations()[code]
    english = gsm_catalogue.english()[code]  # the catalogue is Dutch only: our translation of its words
    percent = str(meta["ratio"]).strip().lower() == "procent"
    unit = "%" if percent else str(meta["ratio"] if pd.notna(meta["ratio"]) else meta["unit"])
    short_unit, decimals = default_display(unit, declared["kind"])
    rule = Rule(declared["kind"], declared["scale"])
    harmonisation = {
        "count": "Fusiegemeenten: som van de voorgangers (herberekend_2025).",
        "rate": "Fusiegemeenten: som van de tellers gedeeld door som van de noemers (nooit een gemiddelde van percentages).",
        "statistic": "Fusiegemeenten: niet exact te combineren; geschat als naar inwoners gewogen gemiddelde van de voorgangers (geschat).",
    }[rule.kind]
    parts = [f"{label}: {meta[column]}" for label, column in (("Teller", "numerator"), ("Noemer", "denominator"),
                                                                ("Bron", "publisher")) if pd.notna(meta[column])]
    return {
        "indicator_id": gsm_indicator_id(code), "name_nl": meta["title"], "name_en": english["name_en"],
        "unit": unit, "unit_nl": unit, "unit_en": unit if percent else english["unit_en"], "short_unit": short_unit,
        "decimals": decimals, "definition_nl": meta["definition"], "definition_en": english["definition_en"],
        "direction": declared["direction"], "source_id": source_id, "kind": declared["kind"],
        "scale": declared["scale"], "harmonisation_nl": harmonisation,
        "note_nl": f"Gemeente-Stadsmonitor {code}. " + ". ".join(parts),
        "value_min": 0.0, "value_max": 100.0 if percent else None, "origin": "built_in",
    }


def status_rows(outcomes: list[Outcome]) -> pd.DataFrame:
    """Rows of table `official_source`."""
    records = []
    for o in outcomes:
        years = sorted(o.values["year"].unique().tolist()) if o.values is not None and len(o.values) else []
        records.append({
            "source_id": o.source.id, "dataset": o.source.dataset, "url": o.source.url,
            "publisher": o.source.publisher, "licence": o.source.licence, "format": o.source.format,
            "gsm_code": o.source.gsm_code, "status": o.status, "reason": o.reason,
            "headers_found": " | ".join(o.headers_found) if o.headers_found else None,
            "rows_loaded": 0 if o.values is None else int(len(o.values)),
            "first_year": int(years[0]) if years else None, "last_year": int(years[-1]) if years else None,
            "retrieved_at": o.retrieved_at, "sha256": o.sha256, "load_command": o.source.load_command(),
        })
    return pd.DataFrame(records)


def summary_lines(statuses: list[dict]) -> list[str]:
    """The build summary of the official sources (rows of `official_source`): each loaded one on a
    line, those that are not reachable in one block (how many, why, where their files go, the
    command), each other one (not recognised, failed check) on a line with its reason."""
    if not statuses:
        return []
    loaded = [s for s in statuses if s["status"] == LOADED]
    lines = [f"Officiële bronnen: {len(loaded)} van {len(statuses)} geladen."]
    lines += [f"  + {s['source_id']}: geladen, {_belgian(s['rows_loaded'])} rijen, "
              f"{_year_span(s['first_year'], s['last_year'])}, opgehaald {s['retrieved_at']}" for s in loaded]
    # Reached but not loaded: the file is there, so the advice is to replace it, not where to put it.
    # (A release that is not the pinned one says itself how to pin it.)
    lines += [f"  - {s['source_id']}: {s['status']} ({s['reason']})"
              + ("" if str(s["reason"]).startswith(PINNED_MISMATCH) else
                 f"; niets geladen: vervang het bestand door de uitgave van {s['url']}")
              for s in statuses if s["status"] not in (LOADED, NOT_REACHABLE)]
    unreachable = [s for s in statuses if s["status"] == NOT_REACHABLE]
    if unreachable:
        reasons = sorted({str(s["reason"]) for s in unreachable})
        why = reasons[0] if len(reasons) == 1 else f"{len(reasons)} redenen, bv. {reasons[0]}"
        by_hand = (" (een zelf gedownload extract van de Gemeente-Stadsmonitor ook met `python -m etl import-indicator "
                   "GSM_Extract_<CODE>.xlsx --gsm <CODE>`)" if any(s.get("gsm_code") for s in unreachable) else "")
        lines.append(f"  - {len(unreachable)} niet bereikbaar ({why}). Laden: `python -m etl build` met internet, "
                     f"of offline de bestanden bewaren in $SOURCE_MIRROR{by_hand}:")
        lines += [f"      {_quoted(f'$SOURCE_MIRROR/{folder}/')}  {names}" for folder, names in _files_by_folder(unreachable)]
    return lines


def _belgian(n) -> str:
    """12.369: thousands with a dot, as the progress table writes them."""
    return f"{int(n):,}".replace(",", ".")


def _year_span(first, last) -> str:
    return f"jaar {int(first)}" if int(first) == int(last) else f"jaren {int(first)}-{int(last)}"


def _quoted(folder: str) -> str:
    """A folder as a shell takes it: quoted when it holds spaces or commas (Statbel's do)."""
    return f'"{folder}"' if any(c in folder for c in " ,") else folder


def _runs(years: list[int]) -> str:
    """2016-2023, 2026: the years as runs, so missing years in between are not hidden."""
    runs: list[list[int]] = []
    for year in years:
        if runs and year == runs[-1][-1] + 1:
            runs[-1].append(year)
        else:
            runs.append([year])
    return ", ".join(f"{r[0]}-{r[-1]}" if len(r) > 1 else str(r[0]) for r in runs)


def _files_by_folder(statuses: list[dict]) -> list[tuple[str, str]]:
    """(mirror folder, its file names) of the given sources; a run of yearly files is written once,
    as TF_SOC_POP_STRUCT_<jaar>.zip voor 2016-2026."""
    import re

    folders: dict[str, list[str]] = {}
    for s in statuses:
        parts = urlsplit(s["url"])
        folder, _, name = (parts.netloc + unquote(parts.path)).rpartition("/")
        folders.setdefault(folder, []).append(name)
    out = []
    for folder, names in folders.items():
        yearly = [re.fullmatch(r"(.*?)(\d{4})(\.\w+)", n) for n in names]
        if len(names) > 1 and all(yearly) and len({(m[1], m[3]) for m in yearly}) == 1:
            years = sorted(int(m[2]) for m in yearly)
            shown = f"{yearly[0][1]}<jaar>{yearly[0][3]} voor {_runs(years)} ({len(names)} bestanden)"
        else:
            shown = ", ".join(names)
        out.append((folder, shown))
    return out


# ---- Statbel population by age, one zip per year (a pipe-separated text file inside)
POP_ROLES = {
    "nis": ("cd_refnis", "cd_munty_refnis", "refnis", "nis", "niscode"),
    "age": ("cd_age", "leeftijd", "age"),
    "population": ("ms_population", "population", "bevolking", "aantal"),
    "region": ("cd_rgn_refnis",),
}
POP_MEMBER_PREFIX = "TF_SOC_POP_STRUCT"  # the data member of a year's zip: TF_SOC_POP_STRUCT_<year>.txt
CHILD_MAX_AGE = 17
IN_SCOPE_REGIONS = {"02000", "04000"}  # Flanders and Brussels, as Statbel codes them (2000 / 4000)


def read_statbel_pop_struct(path: Path, source: OfficialSource, geo) -> pd.DataFrame:
    """Population and children 0-17 per municipality on 1 January of the file's year, and their share
    (indicators population_total, children_0_17, child_share, as the pinned 2009-2015 files give them).

    A year holds about 460,000 rows (municipality x sex x nationality x civil status x age): read
    from the zip as a stream, only the four columns used, grouped per code before anything is done
    per code."""
    from etl.sources.header_reader import normalise

    where = dict(source=source.id, file=path.name)

    def columns(header: list[str], member: str) -> dict[str, str]:
        roles = {}
        for role, names in POP_ROLES.items():
            found = [h for h in header if normalise(h) in names]
            if found:
                roles[role] = found[0]
        if not {"nis", "age", "population"} <= set(roles):
            raise LayoutNotRecognised("geen kolommen voor NIS-code, leeftijd en bevolking gevonden",
                                      file=f"{path.name} > {member}", sheet=None, headers_found=header,
                                      source=source.id, expected=POP_ROLES)
        return roles

    invalid = "lege of ongeldige leeftijden of bevolkingsaantallen"
    try:  # codes as categories and counts as numbers straight from the reader: no Python object per cell
        _, frame = _zip_table(path, source, lambda header: "|", columns,
                              dtypes={"nis": "category", "region": "category", "age": "float64",
                                      "population": "float64"}, member_prefix=POP_MEMBER_PREFIX,
                              expected_member=f"{POP_MEMBER_PREFIX}_{source.year}.txt")
    except ValueError as exc:
        raise EtlError(f"{invalid}: {exc}", **where) from exc
    if "region" in frame.columns:
        frame = frame[_nis_codes(frame["region"]).isin(IN_SCOPE_REGIONS)]
    age, population = frame["age"], frame["population"]
    if age.isna().any() or population.isna().any() or (population < 0).any():
        raise EtlError(invalid, **where)
    per_code = pd.DataFrame({"nis": frame["nis"], "total": population,
                             "child": population.where(age <= CHILD_MAX_AGE, 0)}).groupby("nis", observed=True).sum()
    # The same code written two ways (1001 and 01001) is one municipality.
    per_code = per_code.groupby(nis(per_code.index.to_series()).to_numpy()).sum().rename_axis("nis").reset_index()
    if per_code.empty:
        raise EtlError("geen gemeenten van Vlaanderen of Brussel in het bestand", **where)
    year = pd.Series(source.year, index=per_code.index)
    vintage = _vintages(per_code["nis"], year, geo, where)
    none = pd.Series(False, index=per_code.index)
    frames = [
        long_rows("population_total", 2025, per_code["nis"], year, per_code["total"], none, source.id),
        long_rows("children_0_17", 2025, per_code["nis"], year, per_code["child"], none, source.id),
        long_rows("child_share", 2025, per_code["nis"], year, per_code["child"] / per_code["total"] * 100, none,
                  source.id, numerator=per_code["child"], denominator=per_code["total"]),
    ]
    values = pd.concat(frames, ignore_index=True)
    values["from_vintage"] = pd.concat([vintage] * 3, ignore_index=True).to_numpy()
    return values


def _nis_codes(values: pd.Series) -> pd.Series:
    """nis() of a long column, worked out once per distinct value."""
    positions, distinct = pd.factorize(values, use_na_sentinel=False)
    return pd.Series(nis(pd.Series(distinct, dtype=object)).to_numpy()[positions], index=values.index)


def _zip_table(path: Path, source: OfficialSource, separator_of, columns_of,
               dtypes: dict[str, str] | None = None, member_prefix: str = "",
               expected_member: str = "") -> tuple[str, pd.DataFrame]:
    """(member name, table) of the one text file a Statbel zip holds, streamed from the archive:
    `separator_of(first line)` gives the separator, `columns_of(header, member)` the columns to read as
    {role: header}; they are renamed to their role. Columns are text, or the dtype `dtypes` gives their
    role (parsed by the CSV reader itself: an empty cell is NaN, a cell that is not a number raises
    ValueError). The data member is the one text file (.txt or .csv) whose name starts with
    `member_prefix` (a README beside it is not read); a zip without exactly one is refused, naming
    the zip, the member expected and the members found."""
    with zipfile.ZipFile(path) as archive:
        found = archive.namelist()
        members = [m for m in found if m.lower().endswith((".txt", ".csv"))
                   and Path(m).name.lower().startswith(member_prefix.lower())]
        if len(members) != 1:
            raise ZipMemberMissing(f"verwacht één gegevensbestand {expected_member} (een .txt of .csv waarvan de naam "
                                   f"begint met {member_prefix}), gevonden: {len(members)}; bestanden in de zip: "
                                   f"{found}", source=source.id, file=path.name, headers_found=found)
        member = members[0]
        for encoding in ("utf-8-sig", "cp1252"):  # Statbel's encodings differ per file
            try:
                with archive.open(member) as raw:
                    first_line = raw.readline().decode(encoding).rstrip("\r\n")
                separator = separator_of(first_line)
                roles = columns_of([h.strip() for h in first_line.split(separator)], member)
                wanted = set(roles.values())
                types = {header: (dtypes or {}).get(role, str) for role, header in roles.items()}
                with archive.open(member) as raw:
                    frame = pd.read_csv(raw, sep=separator, encoding=encoding, dtype=types, keep_default_na=False,
                                        na_values=[""] if dtypes else None, usecols=lambda h, wanted=wanted: h.strip() in wanted)
            except UnicodeDecodeError:
                continue
            frame.columns = [c.strip() for c in frame.columns]
            return member, frame.rename(columns={header: role for role, header in roles.items()})
    raise EtlError("tekstcodering niet herkend (geen UTF-8 of Windows-1252)", source=source.id, file=member)


# Walloon provinces (Walloon Brabant 25xxx, Hainaut 5xxxx, Liège 6xxxx, Luxembourg 8xxxx, Namur 9xxxx):
# left out when a file has no region column to filter on.
WALLOON_PREFIXES = ("25", "5", "6", "8", "9")
FISCAL_MEMBER_PREFIX = "TF_PSNL_INC_TAX"  # the data member of the zip: TF_PSNL_INC_TAX_MUNTY.txt


def read_statbel_fiscal(path: Path, source: OfficialSource, geo) -> pd.DataFrame:
    """Statbel's fiscal income zip: the same table as the pinned xlsx edition, up to the newest year
    (indicators tax_declarations, tax_income_total, tax_income_avg)."""
    from etl.sources import statbel_fiscal
    from etl.sources.header_reader import normalise

    def columns(header: list[str], member: str) -> dict[str, str]:
        # Statbel's column names, found whatever their case.
        wanted = {normalise(c): c for c in [*statbel_fiscal.COLUMNS, "CD_RGN_REFNIS"]}
        roles = {wanted[normalise(h)]: h for h in header if normalise(h) in wanted}
        missing = [c for c in statbel_fiscal.COLUMNS if c not in roles]
        if missing:
            raise LayoutNotRecognised(f"kolommen {missing} ontbreken", file=f"{path.name} > {member}", sheet=None,
                                      headers_found=header, source=source.id,
                                      expected={c: (c,) for c in statbel_fiscal.COLUMNS})
        return roles

    member, raw = _zip_table(path, source, lambda first_line: max("|;,\t", key=first_line.count), columns,
                             member_prefix=FISCAL_MEMBER_PREFIX, expected_member="TF_PSNL_INC_TAX_MUNTY.txt")
    codes = _nis_codes(raw["CD_MUNTY_REFNIS"])
    in_scope = (_nis_codes(raw["CD_RGN_REFNIS"]).isin(IN_SCOPE_REGIONS) if "CD_RGN_REFNIS" in raw.columns
                else ~codes.str.startswith(WALLOON_PREFIXES))
    raw = raw[in_scope].reset_index(drop=True)
    values = statbel_fiscal.values_from(raw, source.id, member, None)
    values["from_vintage"] = _vintages(values["nis_code"], values["year"], geo,
                                       dict(source=source.id, file=member)).to_numpy()
    return values
