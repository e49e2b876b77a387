"""A [[snapshot]] entry pins one release of an official source: the build loads exactly that file
(verified by sha256) and refuses any other as `failed check`. Every file here is SYNTHETIC, built by
the tests in the official layout; nothing is read from the internet."""
from __future__ import annotations

import dataclasses
import hashlib
import os
import shutil
import tomllib

import pandas as pd
import pytest

from etl.errors import EtlError
from etl.sources import official
from etl.sources.common import long_rows
from tests import test_official_sources
from tests.test_official_sources import GSM_HOST_PATH, municipal_rows, offline_settings, synthetic_extract

geo_and_catalogue = test_official_sources.geo_and_catalogue  # the real geography and GSM catalogue (fixture)

AR_03_URL = "https://gsminfo.blob.core.windows.net/$web/Rapporten_outputs/OutputPerlDO/GSM_Extract_AR_03.xlsx"


def catalog_with(tmp_path, *entries: str):
    from etl.catalog import CATALOG_PATH

    catalog = tmp_path / "catalog.toml"
    catalog.write_text(CATALOG_PATH.read_text(encoding="utf-8") + "\n" + "\n".join(entries), encoding="utf-8")
    return catalog


def snapshot_entry(source_id="gsm-extract-ar-03", url=AR_03_URL, sha256="0" * 64, columns='["value"]') -> str:
    return (f'[[snapshot]]\nid = "{source_id}"\nurl = "{url}"\nsha256 = "{sha256}"\nbytes = 1\n'
            f'release_date = "2026-01-02"\nretrieved_at = "2026-01-02T03:04:05+00:00"\ncolumns = {columns}\n')


def test_a_snapshot_pins_its_source(tmp_path):
    catalog = catalog_with(tmp_path, snapshot_entry())
    pinned = {s.id: s.snapshot for s in official.load_official(catalog)}
    assert pinned["gsm-extract-ar-03"] == official.Snapshot("0" * 64, 1, "2026-01-02", "2026-01-02T03:04:05+00:00",
                                                            ("value",))
    assert pinned["gsm-extract-ar-05"] is None
    command = next(s for s in official.load_official(catalog) if s.id == "gsm-extract-ar-03").load_command()
    assert "vastgezette uitgave, sha256 " + "0" * 64 in command


@pytest.mark.parametrize("entry, message", [
    (snapshot_entry(source_id="gsm-extract-zz-99"), "onbekende officiële bron"),
    (snapshot_entry(url="https://example.org/SYNTHETIC.xlsx"), "opnieuw vast"),
])
def test_a_snapshot_that_does_not_fit_its_source_is_refused(tmp_path, entry, message):
    with pytest.raises(EtlError, match=message):
        official.load_official(catalog_with(tmp_path, entry))


def test_the_pinned_release_loads_and_any_other_file_is_refused(etl_root, geo_and_catalogue, tmp_path):
    from etl.config import load_settings
    from etl.snapshot import snapshot

    geo, catalogue = geo_and_catalogue
    catalog = catalog_with(tmp_path)
    served = synthetic_extract(tmp_path / "mirror" / GSM_HOST_PATH / "GSM_Extract_AR_03.xlsx", municipal_rows(geo))
    released = served.read_bytes()
    snapshot("gsm-extract-ar-03", None, dataclasses.replace(load_settings(), source_mirror=tmp_path / "mirror"), catalog)
    entry = tomllib.loads(catalog.read_text())["snapshot"][0]
    source = next(s for s in official.load_official(catalog) if s.id == "gsm-extract-ar-03")
    settings = offline_settings(tmp_path, tmp_path / "mirror")

    loaded = official.process(source, settings, geo, catalogue)
    assert loaded.status == official.LOADED, loaded.reason
    assert loaded.sha256 == entry["sha256"] and loaded.retrieved_at == entry["retrieved_at"]

    # The publisher's next release (or a tampered copy) in the mirror: refused, nothing read from it.
    rows = municipal_rows(geo)
    synthetic_extract(served, [(c, n, y, num + 1, den, v) for c, n, y, num, den, v in rows])
    refused = official.process(source, settings, geo, catalogue)
    assert refused.status == official.FAILED_CHECK and refused.values is None and not refused.indicators
    assert official.PINNED_MISMATCH in refused.reason and entry["sha256"] in refused.reason
    assert "python -m etl snapshot gsm-extract-ar-03" in refused.reason

    # With the pinned release in the download cache it loads again, whatever the mirror holds.
    cached = official.pinned_cache_path(source, settings)
    cached.parent.mkdir(parents=True)
    cached.write_bytes(released)
    again = official.process(source, settings, geo, catalogue)
    assert (again.status, again.how, again.sha256) == (official.LOADED, "cached", entry["sha256"])

    # A release whose value columns differ from the pinned ones (a reader that changed) is refused.
    other_columns = dataclasses.replace(source, snapshot=dataclasses.replace(source.snapshot, columns=("value",)))
    changed = official.process(other_columns, settings, geo, catalogue)
    assert changed.status == official.FAILED_CHECK and "kolommen" in changed.reason and changed.values is None


def _data_tables(con, database: str) -> list[str]:
    # Every table but the build history and the status of the official sources, which say what happened.
    return [t for (t,) in con.execute("SELECT table_name FROM duckdb_tables() WHERE database_name = ? "
                                      "ORDER BY table_name", [database]).fetchall()
            if t not in ("build", "official_source")]


def test_a_build_refuses_a_changed_pinned_file_and_loads_nothing_of_it(tmp_path, monkeypatch, mirror, shared_cache,
                                                                      built_warehouse, read_only, geo_and_catalogue):
    from etl.build import build
    from etl.config import load_settings
    from tests.conftest import etl_env

    geo, _ = geo_and_catalogue
    served = tmp_path / "mirror"
    served.mkdir()
    os.symlink(mirror / "raw.githubusercontent.com", served / "raw.githubusercontent.com")
    tampered = synthetic_extract(served / GSM_HOST_PATH / "GSM_Extract_AR_03.xlsx", municipal_rows(geo))
    pinned_sha = hashlib.sha256(b"SYNTHETIC: the release the maintainer pinned").hexdigest()
    sources = official.load_official(catalog_with(tmp_path, snapshot_entry(sha256=pinned_sha, columns='["value"]')))
    warehouse = etl_env(monkeypatch, tmp_path, served, shared_cache)
    build(load_settings(), official_sources=sources)
    con = read_only(warehouse)
    status, reason = con.execute("SELECT status, reason FROM official_source "
                                 "WHERE source_id = 'gsm-extract-ar-03'").fetchone()
    assert status == "failed check" and official.PINNED_MISMATCH in reason
    assert hashlib.sha256(tampered.read_bytes()).hexdigest() in reason
    # Every data table is what the build without that file made.
    con.execute("ATTACH ? AS baseline (READ_ONLY)", [str(built_warehouse)])
    own = con.execute("SELECT current_database()").fetchone()[0]
    tables = _data_tables(con, own)
    assert tables == _data_tables(con, "baseline") and "indicator_value" in tables
    for table in tables:
        new, old = f'"{own}".main."{table}"', f'baseline.main."{table}"'  # our own table names
        # When and how each file was read (the registers are read at each build) says what happened.
        columns = "* EXCLUDE (fetched_how, retrieved_at)" if table == "source" else "*"
        differ = con.execute(f"SELECT count(*) FROM ((SELECT {columns} FROM {new} EXCEPT ALL SELECT {columns} FROM {old}) "
                             f"UNION ALL (SELECT {columns} FROM {old} EXCEPT ALL SELECT {columns} FROM {new}))"
                             ).fetchone()[0]
        assert differ == 0, table
    for layer in sorted((built_warehouse.parent / "geo").iterdir()):
        assert (tmp_path / "geo" / layer.name).read_bytes() == layer.read_bytes(), layer.name
    shutil.rmtree(served / "gsminfo.blob.core.windows.net")


def test_the_summary_groups_the_sources_that_are_not_reachable():
    sources = official.load_official(newest_year=2026)
    outcomes = [official.Outcome(s, official.NOT_REACHABLE, "niet in SOURCE_MIRROR (SYNTHETIC)") for s in sources]
    outcomes[1] = official.Outcome(sources[1], official.NOT_RECOGNISED, "SYNTHETIC HTML-pagina")
    lines = official.summary_lines(official.status_rows(outcomes).to_dict("records"))
    assert lines[0] == f"Officiële bronnen: 0 van {len(sources)} geladen."
    assert lines[1].startswith(f"  - {sources[1].id}: format not recognised (SYNTHETIC HTML-pagina)")
    assert lines[2].startswith(f"  - {len(sources) - 1} niet bereikbaar (niet in SOURCE_MIRROR (SYNTHETIC))")
    assert "python -m etl build" in lines[2] and "import-indicator GSM_Extract_<CODE>.xlsx --gsm <CODE>" in lines[2]
    folders = lines[3:]
    assert len(folders) == 3  # one line per folder to place files in, not one per source
    assert folders[0].strip().startswith("$SOURCE_MIRROR/gsminfo.blob.core.windows.net/$web/Rapporten_outputs/OutputPerlDO/")
    assert "GSM_Extract_AR_03.xlsx" in folders[0] and "GSM_Extract_AR_04.xlsx" not in folders[0]
    assert folders[1].endswith("TF_SOC_POP_STRUCT_<jaar>.zip voor 2016-2026 (11 bestanden)")
    assert folders[2].endswith("/arbeid/  TF_PSNL_INC_TAX_MUNTY.zip")
    assert folders[1].strip().startswith('"$SOURCE_MIRROR/statbel.fgov.be/')  # its folder has spaces and commas
    # Years loaded in the middle of a run: the missing ones as runs, not the whole range.
    rows = [r for r in official.status_rows(outcomes).to_dict("records")
            if r["source_id"] not in ("statbel-pop-struct-2024", "statbel-pop-struct-2025")]
    assert "TF_SOC_POP_STRUCT_<jaar>.zip voor 2016-2023, 2026 (9 bestanden)" in "\n".join(official.summary_lines(rows))


def test_the_summary_names_rows_years_and_retrieval_of_a_loaded_source():
    source = official.load_official(newest_year=2026)[0]
    loaded = official.Outcome(source, official.LOADED, values=pd.DataFrame({"year": [2021, 2022, 2022]}),
                              retrieved_at="2026-01-02T03:04:05+00:00")  # SYNTHETIC rows
    assert official.summary_lines(official.status_rows([loaded]).to_dict("records")) == [
        "Officiële bronnen: 1 van 1 geladen.",
        f"  + {source.id}: geladen, 3 rijen, jaren 2021-2022, opgehaald 2026-01-02T03:04:05+00:00"]


# ---- merged municipalities of official sources, from codes of before 2019

def _harmonised(values, geo, rules):
    from etl import harmonise

    return harmonise.to_2025(values, rules, geo.crosswalk.query("to_vintage == 2025"),
                             geo.municipality.query("vintage == 2025")["nis_code"])


def test_an_extract_in_codes_of_2018_is_recomputed_from_summed_counts(tmp_path, geo_and_catalogue):
    from etl import harmonise

    geo, catalogue = geo_and_catalogue
    rows = municipal_rows(geo, vintage=2018, years=(2017, 2018))
    synthetic_extract(tmp_path / "mirror" / GSM_HOST_PATH / "GSM_Extract_AR_03.xlsx", rows)
    source = next(s for s in official.load_official() if s.gsm_code == "AR_03")
    outcome = official.process(source, offline_settings(tmp_path, tmp_path / "mirror"), geo, catalogue)
    assert outcome.status == official.LOADED, outcome.reason
    assert set(outcome.values["from_vintage"]) == {2018}
    municipal = _harmonised(outcome.values, geo, {"gsm_ar_03": harmonise.Rule("rate", 100.0)})
    counts = {code: (num, den) for code, _, year, num, den, _ in rows if year == 2018}
    parts = ["45017", "45057"]  # Kruishoutem and Zingem, Kruisem (45068) since 2019
    kruisem = municipal.query("nis_code == '45068' and year == 2018").iloc[0]
    expected = sum(counts[p][0] for p in parts) / sum(counts[p][1] for p in parts) * 100
    assert kruisem["flag"] == "recomputed_2025" and kruisem["value"] == pytest.approx(expected)
    assert harmonise.note_fields(kruisem["note"])["method"] == "ratio_of_sums"


def test_an_index_without_counts_is_estimated_from_population_weights(tmp_path, monkeypatch, geo_and_catalogue):
    from etl import harmonise
    from etl.sources import gsm_catalogue

    geo, catalogue = geo_and_catalogue
    declared = gsm_catalogue.declarations()
    # SYNTHETIC declaration: AR_05 treated as an index that cannot be recombined from counts.
    monkeypatch.setattr(gsm_catalogue, "declarations", lambda: {
        **declared, "AR_05": {**declared["AR_05"], "kind": "statistic", "scale": 1.0}})
    codes = sorted(geo.municipality.loc[geo.municipality["vintage"] == 2018, "nis_code"])
    index = {code: 1.0 + i % 5 / 2 for i, code in enumerate(codes)}
    synthetic_extract(tmp_path / "mirror" / GSM_HOST_PATH / "GSM_Extract_AR_05.xlsx",
                      [(code, "SYNTHETIC", 2018, value) for code, value in index.items()],
                      header=("NIS-code", "Gemeente", "Jaar", "Index"))
    source = next(s for s in official.load_official() if s.gsm_code == "AR_05")
    outcome = official.process(source, offline_settings(tmp_path, tmp_path / "mirror"), geo, catalogue)
    assert outcome.status == official.LOADED, outcome.reason
    assert outcome.indicators[0]["kind"] == "statistic" and "geschat" in outcome.indicators[0]["harmonisation_nl"]
    people = pd.Series([1000.0 + 100 * i for i in range(len(codes))])  # SYNTHETIC population in 2017
    population = official.population_of(long_rows("population_total", 2018, pd.Series(codes), pd.Series(2017, index=people.index),
                                                  people, pd.Series(False, index=people.index), "SYNTHETIC"))
    rules = {"gsm_ar_05": harmonise.Rule("statistic", 1.0)}
    weighted = official.with_population_weights(outcome.values, rules, population)
    municipal = _harmonised(weighted, geo, rules)
    kruisem = municipal.query("nis_code == '45068' and year == 2018").iloc[0]
    weights = {code: 1000.0 + 100 * codes.index(code) for code in ("45017", "45057")}  # the nearest year: 2017
    expected = sum(index[c] * w for c, w in weights.items()) / sum(weights.values())
    assert kruisem["flag"] == "estimated" and kruisem["value"] == pytest.approx(expected)
    assert harmonise.note_fields(kruisem["note"]) == {"method": "estimate", "parts": ["45017", "45057"],
                                                      "missing": None, "detail": "weighted_mean"}
    # Without a population the merged municipality is left empty, not guessed.
    unweighted = _harmonised(outcome.values, geo, rules).query("nis_code == '45068' and year == 2018").iloc[0]
    assert unweighted["flag"] == "missing"


def test_values_outside_the_plausible_range_refuse_the_source_not_the_build():
    source = next(s for s in official.load_official() if s.gsm_code == "AR_03")
    codes = pd.Series(["11001", "11002"])
    values = long_rows("gsm_ar_03", 2025, codes, pd.Series([2022, 2022]), pd.Series([12.5, 140.0]),
                       pd.Series([False, False]), source.id)
    outcome = official.Outcome(source, official.LOADED, values=values, indicators=[{"indicator_id": "gsm_ar_03"}])
    official.refuse_out_of_range(outcome, {"gsm_ar_03": (0.0, 100.0)})
    assert outcome.status == official.FAILED_CHECK and outcome.values is None and not outcome.indicators
    assert "1 waarden buiten het plausibele bereik" in outcome.reason and "11002 2022: 140.0" in outcome.reason
    within = official.Outcome(source, official.LOADED, values=values.iloc[:1], indicators=[])
    official.refuse_out_of_range(within, {"gsm_ar_03": (0.0, None)})
    assert within.status == official.LOADED


def test_snapshot_of_a_yearly_source_without_year_takes_the_newest_declared_year():
    from datetime import UTC, datetime

    from etl.snapshot import find_source

    newest = datetime.now(UTC).year
    assert find_source("statbel-pop-struct", None).id == f"statbel-pop-struct-{newest}"
    assert find_source("statbel-pop-struct", 2024).url.endswith("TF_SOC_POP_STRUCT_2024.zip")
    assert find_source("gsm-extract-ar-03", None).id == "gsm-extract-ar-03"
    with pytest.raises(EtlError, match="onbekende officiële bron"):
        find_source("statbel-pop-structure", None)


def test_the_progress_table_sums_an_official_dataset_and_says_how_many_files_loaded():
    from etl.build import _report_official
    from etl.progress import BuildProgress

    sources = official.load_official(newest_year=2026)
    gsm = [s for s in sources if s.dataset == sources[0].dataset][:3]
    outcomes = [official.Outcome(gsm[0], official.LOADED, values=pd.DataFrame({"year": [2021] * 5})),  # SYNTHETIC rows
                official.Outcome(gsm[1], official.LOADED, values=pd.DataFrame({"year": [2022] * 7})),
                official.Outcome(gsm[2], official.NOT_REACHABLE, "SYNTHETIC")]
    progress = BuildProgress(enabled=False)
    progress.fetching(gsm[2].dataset, gsm[2].id)  # the live status while reaching the last file
    _report_official(outcomes, {gsm[0].dataset: 1.5}, progress)
    row = progress.rows[gsm[0].dataset]
    assert (row.parsed, row.loaded, row.status) == (12, 12, "2 van 3 geladen")


def test_snapshot_output_rounds_moved_values_and_counts_those_not_listed(monkeypatch, capsys):
    from etl import snapshot as snapshot_module
    from etl.cli import main

    moved = [{"indicator_id": "gsm_ar_03", "nis_code": "11002", "year": 2020, "value_live": 12.195121951219512,
              "value": 21.782178217821784}]  # SYNTHETIC
    result = {"entry": {"id": "gsm-extract-ar-03", "sha256": "0" * 64, "bytes": 1, "years": [2020], "municipalities": 1},
              "changes": {"new_years": [], "municipalities_before": 1, "moved": moved, "moved_count": 16}}
    monkeypatch.setattr(snapshot_module, "snapshot", lambda *args, **kwargs: result)
    assert main(["snapshot", "gsm-extract-ar-03"]) == 0
    err = capsys.readouterr().err
    assert "11002 2020: 12.1951 -> 21.7822" in err and "en nog 15" in err


def test_an_official_extract_carries_the_english_name_and_definition(tmp_path, geo_and_catalogue):
    """Issue 14: a (SYNTHETIC) official extract becomes an indicator with its English name and
    definition from gsm_indicators.toml; the Dutch stays the catalogue's own."""
    geo, catalogue = geo_and_catalogue
    synthetic_extract(tmp_path / "mirror" / GSM_HOST_PATH / "GSM_Extract_AR_03.xlsx",
                      municipal_rows(geo, vintage=2018, years=(2018,)))
    source = next(s for s in official.load_official() if s.gsm_code == "AR_03")
    outcome = official.process(source, offline_settings(tmp_path, tmp_path / "mirror"), geo, catalogue)
    assert outcome.status == official.LOADED, outcome.reason
    row = outcome.indicators[0]
    title = catalogue.set_index("code").loc["AR_03", "title"]
    assert row["name_nl"] == title and row["name_en"] == "Deprivation index of Kind en Gezin" != title
    assert row["definition_en"].startswith("Number of children born into a deprived family")
