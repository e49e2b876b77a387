"""A failing source, a failing check or an interruption leaves the live warehouse byte-identical.

Faults come from a local HTTP server started by the test (loopback only): timeout, HTTP 500,
truncated body, checksum mismatch, and an HTML page with status 200.
"""
from __future__ import annotations

import dataclasses
import hashlib
import http.server
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from etl.catalog import load_catalog
from etl.errors import EtlError
from tests.waiting import wait_until

FAULTY_SOURCE = "bmesuere-pop-2020"
HTML = b"<!DOCTYPE html><html><head><title>Just a moment...</title></head><body>bot check</body></html>"


class FaultHandler(http.server.BaseHTTPRequestHandler):
    good_body = b""

    def log_message(self, *args):  # keep test output quiet
        pass

    def do_GET(self):
        case = self.path.strip("/").split("/")[0]
        if case == "timeout":
            time.sleep(2)  # a server slower than ETL_HTTP_TIMEOUT (0.5 s): this case is about time itself
            return self._send(200, "text/csv", self.good_body)
        if case == "error500":
            return self._send(500, "text/plain", b"internal error")
        if case == "truncated":
            self.send_response(200)
            self.send_header("Content-Type", "text/csv")
            self.send_header("Content-Length", str(len(self.good_body)))
            self.end_headers()
            self.wfile.write(self.good_body[:100])
            self.wfile.flush()
            self.connection.shutdown(2)
            return
        if case == "wrongbytes":
            return self._send(200, "text/csv", b"NIS code,Woonplaats,Mannen,Vrouwen,Totaal\n01000,Belgie,1,1,2\n")
        if case == "html":
            return self._send(200, "text/html; charset=utf-8", HTML)
        if case == "html-as-csv":  # a bot-check page that even lies about its content type
            return self._send(200, "text/csv", HTML)
        if case == "good":
            return self._send(200, "text/csv", self.good_body)
        return self._send(404, "text/plain", b"not found")

    def _send(self, status, ctype, body):
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(scope="module")
def fault_server(mirror):
    from etl.fetch import mirror_path
    sf = load_catalog()[FAULTY_SOURCE]
    FaultHandler.good_body = mirror_path(sf.url, mirror).read_bytes()
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), FaultHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.fixture
def fast_http(monkeypatch, tmp_path):
    # The cache is keyed by checksum, so a verified copy would be used whatever the URL: start empty.
    monkeypatch.setenv("ETL_CACHE_DIR", str(tmp_path / "fresh-cache"))
    monkeypatch.setenv("ETL_HTTP_TIMEOUT", "0.5")
    monkeypatch.setenv("ETL_HTTP_RETRIES", "1")
    monkeypatch.setenv("ETL_HTTP_BACKOFF", "0.01")


def catalog_with(url: str):
    catalog = load_catalog()
    catalog[FAULTY_SOURCE] = dataclasses.replace(catalog[FAULTY_SOURCE], url=url)
    return catalog


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def leftovers(root: Path) -> list[str]:
    return [p.name for p in root.iterdir() if p.name.endswith((".tmp", ".wal"))]


@pytest.mark.parametrize("case, expected", [
    ("timeout", "ReadTimeout"),
    ("error500", "HTTP 500"),
    ("truncated", "download mislukt"),
    ("wrongbytes", "sha256 klopt niet"),
    ("html", "HTML-pagina"),
    ("html-as-csv", "HTML-pagina"),
])
def test_faulty_download_fails_build_and_keeps_warehouse(case, expected, etl_root, fault_server, fast_http):
    from etl.build import build
    from etl.config import load_settings

    live = etl_root / "warehouse.duckdb"
    before = digest(live)
    geo_before = digest(etl_root / "geo" / "municipalities_2025.geojson")
    with pytest.raises(EtlError) as info:
        build(load_settings(), catalog=catalog_with(f"{fault_server}/{case}/bevolking_per_gemeente.csv"))
    message = info.value.describe()
    assert FAULTY_SOURCE in message
    assert expected in message
    assert digest(live) == before
    assert digest(etl_root / "geo" / "municipalities_2025.geojson") == geo_before
    assert leftovers(etl_root) == []


def test_good_download_over_http_is_cached_with_provenance(etl_root, fault_server, fast_http):
    from etl.config import load_settings
    from etl.fetch import fetch

    settings = load_settings()
    sf = catalog_with(f"{fault_server}/good/bevolking_per_gemeente.csv")[FAULTY_SOURCE]
    first = fetch(sf, settings)
    assert first.how == "downloaded"
    second = fetch(sf, settings)
    assert second.how == "cached" and second.retrieved_at == first.retrieved_at


def test_cli_reports_source_and_reason_and_exits_nonzero(etl_root, fault_server, fast_http, capsys, monkeypatch):
    from etl import build as build_module
    from etl.cli import main

    monkeypatch.setattr(build_module, "load_catalog", lambda: catalog_with(f"{fault_server}/html/x.csv"))
    before = digest(etl_root / "warehouse.duckdb")
    assert main(["build", "--quiet"]) == 1
    err = capsys.readouterr().err
    assert FAULTY_SOURCE in err and "HTML" in err and "ongewijzigd" in err
    assert digest(etl_root / "warehouse.duckdb") == before


def test_failed_contract_check_keeps_warehouse(etl_root, monkeypatch):
    from etl import checks
    from etl.build import build
    from etl.config import load_settings

    before = digest(etl_root / "warehouse.duckdb")
    # Pretend the 2025 vintage should have one municipality more, for the warehouse contract
    # only (the geography parser keeps its own count): run_checks must fail the build.
    monkeypatch.setattr(checks, "MUNICIPALITIES_PER_VINTAGE", {**checks.MUNICIPALITIES_PER_VINTAGE, 2025: 305})
    with pytest.raises(EtlError) as info:
        build(load_settings())
    assert "contractcontrole mislukt" in info.value.describe()
    assert "304 gemeenten in NIS 2025, verwacht 305" in info.value.describe()
    assert digest(etl_root / "warehouse.duckdb") == before
    assert leftovers(etl_root) == []


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM])
def test_interrupted_build_keeps_warehouse(etl_root, sig):
    live = etl_root / "warehouse.duckdb"
    before = digest(live)
    proc = subprocess.Popen([sys.executable, "-m", "etl", "build", "--quiet"], env=os.environ.copy(),
                            cwd=Path(__file__).resolve().parent.parent,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)

    def writing_new_file():
        assert proc.poll() is None, proc.communicate()
        return any(p.name.endswith(".tmp") for p in etl_root.iterdir())

    wait_until(writing_new_file, timeout=60, message="the build never started writing", interval=0.02)
    proc.send_signal(sig)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err.decode()
    assert "ongewijzigd" in err.decode()
    assert digest(live) == before
    assert leftovers(etl_root) == []


def test_reader_keeps_working_during_swap_and_sees_new_build_after(etl_root):
    import duckdb

    from etl.build import build
    from etl.config import load_settings

    live = etl_root / "warehouse.duckdb"
    reader = duckdb.connect()
    reader.execute("ATTACH ? AS w (READ_ONLY)", [str(live)])
    old_builds = reader.execute("SELECT count(*) FROM w.build").fetchone()[0]
    errors, reads = [], 0
    done = threading.Event()

    def run_build():
        try:
            build(load_settings())
        except Exception as exc:  # reported below
            errors.append(exc)
        finally:
            done.set()

    thread = threading.Thread(target=run_build)
    thread.start()
    while not done.is_set():
        n = reader.execute("SELECT count(*) FROM w.indicator_value WHERE indicator_id = 'arop_admin'").fetchone()[0]
        assert n > 0
        reads += 1
    thread.join()
    assert not errors, errors
    assert reads > 0
    # The old handle still reads the old file; a new open sees the new build.
    assert reader.execute("SELECT count(*) FROM w.build").fetchone()[0] == old_builds
    reader.execute("DETACH w")
    reader.close()
    fresh = duckdb.connect()
    fresh.execute("ATTACH ? AS w (READ_ONLY)", [str(live)])
    assert fresh.execute("SELECT count(*) FROM w.build").fetchone()[0] == old_builds + 1
    fresh.close()


def test_failed_geojson_write_keeps_warehouse_and_geo_files(etl_root, monkeypatch):
    """A full disk while the GeoJSON layers are written: the swap has not happened yet."""
    from etl.build import build
    from etl.config import load_settings

    geo = etl_root / "geo"
    before = digest(etl_root / "warehouse.duckdb")
    geo_before = {p.name: digest(p) for p in geo.iterdir()}
    write_text = Path.write_text

    def disk_full_for_geojson(self, *args, **kwargs):
        if ".geojson." in self.name:
            write_text(self, "{\"type\": \"Feat", encoding="utf-8")  # half written, then the disk is full
            raise OSError(28, "No space left on device")
        return write_text(self, *args, **kwargs)

    monkeypatch.setattr(Path, "write_text", disk_full_for_geojson)
    with pytest.raises(OSError, match="No space left"):
        build(load_settings())
    assert digest(etl_root / "warehouse.duckdb") == before
    assert {p.name: digest(p) for p in geo.iterdir()} == geo_before  # no half-written file left either
    assert leftovers(etl_root) == []


def test_cli_message_keeps_brackets_of_the_reason(etl_root, monkeypatch, capsys):
    """A reason such as "kolommen ['value'] ontbreken" must reach the user whole: rich would read
    [value] as a style tag and drop it."""
    from etl import build as build_module
    from etl.cli import main

    def failing_build(settings, progress=None, catalog=None):
        raise EtlError("kolommen [value] ontbreken", source="test")

    monkeypatch.setattr(build_module, "build", failing_build)
    assert main(["build", "--quiet"]) == 1
    assert "kolommen [value] ontbreken" in capsys.readouterr().err
