"""The Gemeente-Stadsmonitor (GSM) indicator catalogue: one row per indicator, 422 in the pinned copy.

The catalogue (gsm.csv, scraped from gemeente-stadsmonitor.vlaanderen.be) holds no values: it is
the metadata of every GSM indicator (definition, unit, numerator, denominator, source, latest year,
download URL of its Excel extract). The monitor takes an indicator's metadata from this table,
never from hand-typed copies; only direction, kind and scale are ours, declared per code with the
reason in gsm_indicators.toml and joined onto the catalogue rows here.
"""
from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pandas as pd

from etl.errors import EtlError
from etl.sources.common import read_csv_detect, read_declarations, require_columns
from etl.tables import DIRECTIONS, GSM_CODE, KINDS

FILES = ("gsm-indicator-catalog-2023",)
SOURCE = "gsm-indicator-catalog-2023"
DECLARATIONS_FILE = Path(__file__).with_name("gsm_indicators.toml")
# A GSM code as it appears in the extract's file name: theme, optional S (survey), number, optional part.
CODE = GSM_CODE
EXTRACT_URL = re.compile(r"/GSM_Extract_(?P<code>[A-Z0-9_]+)\.xlsx$")
# The catalogue's own column names (Dutch) -> ours.
COLUMNS = {
    "Basisthema": "theme", "Type": "type", "Title": "title", "Definitie": "definition",
    "Eenheid": "unit", "Ratio": "ratio", "Teller": "numerator", "Noemer": "denominator",
    "Bron": "publisher", "Laatste jaar beschikbaar": "latest_year",
    "Aanlevering volgende update": "next_update", "Download URL": "download_url",
    "Vraagstelling survey": "survey_question",
}
REQUIRED_TEXT = ("theme", "type", "title", "definition", "download_url")
DECLARED_KEYS = ("direction", "kind", "scale", "reason")
# The catalogue is Dutch only: its title and definition in English, per declared code (unit_en optional).
ENGLISH_KEYS, OPTIONAL_ENGLISH = ("name_en", "definition_en"), ("unit_en",)
# The pinned copy has 422; a newer scrape may add or drop a few, a broken one has far fewer.
MIN_INDICATORS, MAX_INDICATORS = 300, 1000


@cache
def declarations() -> dict[str, dict]:
    """{code: {direction, kind, scale, reason}} from DECLARATIONS_FILE, checked; read on first use."""
    source = DECLARATIONS_FILE.name
    declared = read_declarations(DECLARATIONS_FILE, "declaraties")
    problems = []
    for code, entry in declared.items():
        if not re.fullmatch(CODE, code):
            problems.append(f"{code}: geen GSM-code")
        if not set(DECLARED_KEYS + ENGLISH_KEYS) <= set(entry) <= set(DECLARED_KEYS + ENGLISH_KEYS + OPTIONAL_ENGLISH):
            problems.append(f"{code}: sleutels {sorted(entry)}, verwacht {sorted(DECLARED_KEYS + ENGLISH_KEYS)}"
                            f" (en eventueel {', '.join(OPTIONAL_ENGLISH)})")
            continue
        if not all(isinstance(entry[key], str) and entry[key].strip() for key in ENGLISH_KEYS):
            problems.append(f"{code}: {' en '.join(ENGLISH_KEYS)} mogen niet leeg zijn")
        if entry["direction"] not in DIRECTIONS:
            problems.append(f"{code}: direction {entry['direction']!r} niet in {DIRECTIONS}")
        if entry["kind"] not in KINDS:
            problems.append(f"{code}: kind {entry['kind']!r} niet in {KINDS}")
        if not isinstance(entry["scale"], (int, float)) or isinstance(entry["scale"], bool) or entry["scale"] <= 0:
            problems.append(f"{code}: scale moet een positief getal zijn")
        if not str(entry["reason"]).strip():
            problems.append(f"{code}: reason is leeg")
    if problems:
        raise EtlError("; ".join(problems), source=source)
    return {code: {"direction": e["direction"], "kind": e["kind"], "scale": float(e["scale"]),
                   "reason": e["reason"].strip()} for code, e in declared.items()}


@cache
def english() -> dict[str, dict]:
    """{code: {name_en, definition_en, unit_en (None when not declared)}}: the catalogue's Dutch title,
    definition and ratio in English, from DECLARATIONS_FILE (checked by `declarations`)."""
    declarations()
    declared = read_declarations(DECLARATIONS_FILE, "declaraties")
    return {code: {key: (str(e[key]).strip() if e.get(key) else None) for key in ENGLISH_KEYS + OPTIONAL_ENGLISH}
            for code, e in declared.items()}


def parse(paths: dict[str, Path]) -> pd.DataFrame:
    """The catalogue as rows of table `gsm_indicator` (without the declarations)."""
    path = paths[SOURCE]
    raw = read_csv_detect(path, SOURCE, sep=";")
    require_columns(raw, list(COLUMNS), SOURCE, path.name)
    frame = raw[list(COLUMNS)].rename(columns=COLUMNS)
    frame = frame.apply(lambda col: col.str.strip().replace("", None))
    code = frame["download_url"].fillna("").str.extract(EXTRACT_URL)["code"]
    bad = code.isna() | ~code.fillna("").str.fullmatch(CODE)
    if bad.any():
        pos = int(bad.to_numpy().nonzero()[0][0])
        raise EtlError(f"geen GSM-code in de download-URL {frame['download_url'].iloc[pos]!r} "
                       f"({int(bad.sum())} zulke rijen)", source=SOURCE, file=path.name, row=pos + 2,
                       column="Download URL")
    frame.insert(0, "code", code)
    year = pd.to_numeric(frame["latest_year"], errors="coerce")
    unreadable = year.isna() & frame["latest_year"].notna()
    if unreadable.any():
        pos = int(unreadable.to_numpy().nonzero()[0][0])
        raise EtlError(f"jaartal verwacht, gevonden {frame['latest_year'].iloc[pos]!r}", source=SOURCE,
                       file=path.name, row=pos + 2, column="Laatste jaar beschikbaar")
    frame["latest_year"] = year.astype("Int64")
    frame["source_id"] = SOURCE
    return frame.reset_index(drop=True)


def check(catalogue: pd.DataFrame) -> None:
    """A catalogue of plausible size, one row per code, every text the monitor shows present, and
    every declared code listed (a declaration for an unknown code is refused, not ignored)."""
    n = len(catalogue)
    if not MIN_INDICATORS <= n <= MAX_INDICATORS:
        raise EtlError(f"{n} indicatoren in de catalogus, verwacht {MIN_INDICATORS}-{MAX_INDICATORS}", source=SOURCE)
    duplicated = catalogue.loc[catalogue["code"].duplicated(), "code"].tolist()
    if duplicated:
        raise EtlError(f"codes komen meer dan eens voor: {duplicated[:10]}", source=SOURCE)
    for column in REQUIRED_TEXT:
        empty = catalogue.loc[catalogue[column].isna(), "code"].tolist()
        if empty:
            raise EtlError(f"{column} is leeg voor {empty[:10]}", source=SOURCE)
    unknown = sorted(set(declarations()) - set(catalogue["code"]))
    if unknown:
        raise EtlError(f"{DECLARATIONS_FILE.name} declareert codes die de GSM-catalogus niet kent: {unknown}",
                       source=SOURCE)


def with_declarations(catalogue: pd.DataFrame) -> pd.DataFrame:
    """The catalogue rows with our direction, kind, scale and reason (NULL for undeclared codes)."""
    declared = pd.DataFrame.from_dict(declarations(), orient="index").rename_axis("code").reset_index()
    if declared.empty:
        declared = pd.DataFrame(columns=["code", *DECLARED_KEYS])
    declared = declared.rename(columns={"reason": "declaration_reason"})
    return catalogue.merge(declared, on="code", how="left", validate="one_to_one")


def load(con, catalogue: pd.DataFrame) -> int:
    """Insert the catalogue with its declarations into `gsm_indicator`; returns the rows loaded."""
    rows = with_declarations(catalogue)
    columns = [r[0] for r in con.sql("DESCRIBE gsm_indicator").fetchall()]
    con.register("incoming_gsm", rows[columns])
    con.execute("INSERT INTO gsm_indicator SELECT * FROM incoming_gsm")
    con.unregister("incoming_gsm")
    return len(rows)
