"""Speed and size of the map page, against a built warehouse (WAREHOUSE_PATH, GEO_DIR):

    WAREHOUSE_PATH=/tmp/map/warehouse.duckdb GEO_DIR=/tmp/map/geo python benchmarks/map_callback.py

Prints
- the server time of the map-update callback (`pages/map/callbacks.py:update`, called directly): median
  and p95 over N calls, cold (each call a new indicator-year, nothing cached but the per-build
  indicator values) and warm (views seen before);
- the same callback through HTTP: the Flask test client POSTing to /_dash-update-component,
  with the response size raw and gzipped;
- the first page load of `/` as a real browser does it: a fresh headless Chromium (empty cache)
  opens the map and waits until every municipality is drawn and the requests stop; every
  response the server sent meanwhile is counted as it left the app, gzipped as sent (HTML,
  Dash's scripts, the lazily loaded chunks, plotly.js, CSS, layout and dependencies, the first
  callbacks, the GeoJSON layers, also those MapLibre's worker fetches). Then the same without the
  partial plotly.js bundle (frontend/), i.e. with Dash's full plotly.min.js. Without Chromium,
  an estimate from the test client fetching the same kinds of files.

Targets (issue): median under 20 ms and under 20 KB per map update; first load under 1.5 MB
gzipped. Figures only; no assertions.
"""
from __future__ import annotations

import gzip
import logging
import re
import shutil
import socket
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

N = 50


def pct(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def main() -> int:
    from dashboard import db
    from dashboard.app import create_app
    from dashboard.pages.map import callbacks, figures
    from dashboard.queries import map as qm

    if not db.is_built():
        print(f"no warehouse at {db.warehouse_path()}: build it first (python -m etl build)")
        return 1
    app = create_app()
    client = app.server.test_client()
    client.get("/")  # Dash registers page callbacks on its first request
    base = qm.base()
    combos = [(i, int(y)) for i, row in base["indicator_by_id"].items() for y in row["years"]]
    print(f"warehouse: {db.warehouse_path()} ({len(combos)} indicator-years)")

    # --- direct calls --------------------------------------------------------------
    t0 = time.perf_counter()
    for indicator in base["indicator_by_id"]:
        qm.indicator_values(indicator)  # read once per build and indicator
    print(f"reading every indicator's values once per build: {(time.perf_counter() - t0) * 1000:.0f} ms")
    figures.clear_caches()
    cold = []
    for indicator, year in (combos * 2)[:N]:
        t0 = time.perf_counter()
        callbacks.update(indicator, year, "quantiles", 5, "none", None, "nl", "", "map-year")
        cold.append((time.perf_counter() - t0) * 1000)
        if len(cold) == len(combos):
            break
    warm = []
    for i in range(N):
        indicator, year = combos[i % 8]
        t0 = time.perf_counter()
        callbacks.update(indicator, year, "quantiles", 5, "none", None, "nl", "", "map-year")
        warm.append((time.perf_counter() - t0) * 1000)
    print(f"map update, direct call, cold ({len(cold)} new indicator-years): "
          f"median {statistics.median(cold):.1f} ms, p95 {pct(cold, 95):.1f} ms")
    print(f"map update, direct call, warm ({len(warm)} calls): "
          f"median {statistics.median(warm):.1f} ms, p95 {pct(warm, 95):.1f} ms")

    # --- through HTTP ------------------------------------------------------------------
    deps = client.get("/_dash-dependencies").json
    dep = next(d for d in deps if d["output"].startswith("..map-graph.figure@"))
    outputs = []
    for part in dep["output"].strip(".").split("..."):
        cid, prop = part.rsplit(".", 1)
        outputs.append({"id": cid, "property": prop.split("@")[0]})

    def body(indicator, year):
        values = {"map-indicator": indicator, "map-year": year, "map-scheme": "quantiles", "map-k": 5,
                  "map-overlay": "none", "map-search": None}
        return {
            "output": dep["output"], "outputs": outputs,
            "inputs": [{"id": i["id"], "property": i["property"], "value": values[i["id"]]} for i in dep["inputs"]],
            "changedPropIds": ["map-year.value"],
            "state": [{"id": "map-request", "property": "data", "value": {"lang": "nl"}},
                      {"id": "app-url", "property": "search", "value": "?indicator=x"}],
        }

    http_ms, raw, zipped = [], [], []
    years = [y for i, y in combos if i == "arop_admin"]
    figures.clear_caches()
    for n in range(N):
        year = years[n % len(years)]
        t0 = time.perf_counter()
        resp = client.post("/_dash-update-component", json=body("arop_admin", year),
                           headers={"Accept-Encoding": "gzip"})
        http_ms.append((time.perf_counter() - t0) * 1000)
        assert resp.status_code == 200, resp.status_code
        data = resp.data
        zipped.append(len(data))
        raw.append(len(gzip.decompress(data)) if resp.headers.get("Content-Encoding") == "gzip" else len(data))
    print(f"map update through HTTP ({N} POSTs to /_dash-update-component, the first {len(years)} cold): "
          f"median {statistics.median(http_ms):.1f} ms, p95 {pct(http_ms, 95):.1f} ms; "
          f"response {statistics.median(raw) / 1000:.1f} KB raw, {statistics.median(zipped) / 1000:.1f} KB gzipped")

    # --- first page load ---------------------------------------------------------------
    if chromium_available():
        n_munis = len(base["municipalities"])
        sent = first_load_in_browser(offer_only_gzip(create_app()), n_munis)
        report_first_load("first page load in headless Chromium, gzipped", sent)
        report_first_load("the same as the app sends it by default (zstd where Chromium offers it)",
                          first_load_in_browser(create_app(), n_munis), top=0)
        without = first_load_in_browser(offer_only_gzip(create_app_without_bundle()), n_munis)
        report_first_load("the same with Dash's full plotly.min.js (no partial bundle), gzipped", without, top=3)
    else:
        print("Chromium/chromedriver not found: first load estimated with the test client instead")
        report_first_load("first page load, estimated (gzipped as sent)", first_load_by_client(app, client, deps, base))
    return 0


# ------------------------------------------------------------------------- first load

CHROMIUM = "/usr/bin/chromium"
# As tests/browser/conftest.py: headless, and nothing reachable but this machine.
CHROMIUM_FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                  "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost",
                  "--window-size=1280,900"]
QUIET_SECONDS = 2.0  # no new request for this long after the map is drawn: the load is over


def chromium_available() -> bool:
    return Path(CHROMIUM).exists() and shutil.which("chromedriver") is not None


class SentBytes:
    """WSGI middleware: method, path, status, Content-Encoding and body bytes of every response,
    counted as they leave the app (after Flask-Compress), so also requests MapLibre's web worker
    makes, which the page's Resource Timing does not see."""

    def __init__(self, wsgi_app):
        self.wsgi_app = wsgi_app
        self.log: list[dict] = []

    def __call__(self, environ, start_response):
        record = {"method": environ["REQUEST_METHOD"], "path": environ["PATH_INFO"], "bytes": 0}

        def start(status, headers, exc_info=None):
            record["status"] = int(status.split()[0])
            record["encoding"] = next((v for k, v in headers if k.lower() == "content-encoding"), "-")
            return start_response(status, headers, exc_info)

        body = self.wsgi_app(environ, start)
        try:
            for chunk in body:
                record["bytes"] += len(chunk)
                yield chunk
        finally:
            if hasattr(body, "close"):
                body.close()
            self.log.append(record)


def first_load_in_browser(app, n_munis: int) -> list[dict]:
    """Open `/` in a fresh headless Chromium (empty cache), wait until the map shows every
    municipality and the requests stop; every response the server sent meanwhile."""
    from dash.testing.application_runners import ThreadedRunner
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options

    logging.getLogger("werkzeug").setLevel(logging.ERROR)  # no request log on stdout
    meter = SentBytes(app.server.wsgi_app)
    app.server.wsgi_app = meter
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    runner = ThreadedRunner()
    runner.start(app, port=port)
    options = Options()
    options.binary_location = CHROMIUM
    for flag in CHROMIUM_FLAGS:
        options.add_argument(flag)
    driver = webdriver.Chrome(options=options)
    try:
        meter.log.clear()  # the runner's own readiness checks
        driver.get(f"http://127.0.0.1:{port}/")
        deadline = time.time() + 60
        while not driver.execute_script(f"""
                const gd = document.querySelector('#map-graph .js-plotly-plot');
                return !!(gd && gd._fullData && gd._fullData.length && gd._fullLayout.map
                          && gd._fullData[0].locations.length === {n_munis} && gd._fullData[0].z.some(v => v > 0));
                """):
            if time.time() > deadline:
                raise RuntimeError("the map was not drawn within 60 s")
            time.sleep(0.2)
        seen, quiet_since = len(meter.log), time.time()
        while time.time() - quiet_since < QUIET_SECONDS:
            time.sleep(0.2)
            if len(meter.log) != seen:
                seen, quiet_since = len(meter.log), time.time()
        return list(meter.log)
    finally:
        driver.quit()
        runner.stop()


def offer_only_gzip(app):
    """Let the app's Flask-Compress answer with gzip only, to measure the gzipped target.
    (Dash sets COMPRESS_ALGORITHM = ["gzip"] only after Flask-Compress has read its default
    zstd, br, gzip, deflate, so Chromium otherwise gets zstd; the partial bundle is gzip always.)"""
    for hook in app.server.after_request_funcs.get(None, []):
        compress = getattr(hook, "__self__", None)
        if hasattr(compress, "enabled_algorithms"):
            compress.enabled_algorithms = ("gzip",)
    return app


def create_app_without_bundle():
    from dashboard import plotly_bundle
    from dashboard.app import create_app

    kept = plotly_bundle.BUNDLE_PATH
    plotly_bundle.BUNDLE_PATH = kept.with_name("not-built.min.js")
    try:
        return create_app()
    finally:
        plotly_bundle.BUNDLE_PATH = kept


def first_load_by_client(app, client, deps, base) -> list[dict]:
    """Without a browser: the scripts and CSS of the page, layout, dependencies, the lazily
    loaded chunks of the map page and plotly.js (ours when it is built, else Dash's), the
    setup callback and the layers, fetched with the test client."""
    from dashboard.pages.map import state
    from dashboard.queries import map as qm

    sent = []

    def fetch(url, method="get", **kw):
        resp = getattr(client, method)(url, headers={"Accept-Encoding": "gzip"}, **kw)
        sent.append({"method": method.upper(), "path": url.split("?")[0], "status": resp.status_code,
                     "bytes": len(resp.data), "encoding": resp.headers.get("Content-Encoding") or "-"})
        return resp

    html = fetch("/").data
    html = gzip.decompress(html).decode() if html[:2] == b"\x1f\x8b" else html.decode()
    srcs = [s for s in re.findall(r'<(?:script|link)[^>]+(?:src|href)="([^"]+)"', html) if s.startswith("/")]
    for src in srcs:
        fetch(src)
    fetch("/_dash-layout")
    fetch("/_dash-dependencies")
    suites = "/_dash-component-suites/dash/dcc/"
    for chunk in ("async-dropdown.js", "async-slider.js", "async-graph.js"):
        fetch(suites + chunk)
    # dcc.Graph's loader asks for this when the first graph mounts: our partial bundle when it is
    # built (dashboard/plotly_bundle.py serves it there), else Dash's full file
    fetch("/_dash-component-suites/plotly/package_data/plotly.min.js")
    setup = next(d for d in deps if d["output"].startswith("..map-notice.children"))
    out = [{"id": p.rsplit(".", 1)[0], "property": p.rsplit(".", 1)[1]} for p in setup["output"].strip(".").split("...")]
    fetch("/_dash-update-component", method="post", json={
        "output": setup["output"], "outputs": out,
        "inputs": [{"id": "map-request", "property": "data", "value": state.parse_state()}],
        "changedPropIds": []})
    for layer in (qm.MUNICIPALITY_LAYER, qm.PROVINCE_LAYER, qm.REGION_LAYER):
        info = base["layers"].get(layer)
        if info:
            fetch(f"/geo/{info['file_name']}?v={info['sha256']}")
    return sent


def kind(path: str) -> str:
    if "plotly" in path and path.endswith(".js"):
        return "plotly.js"
    if path.endswith(".js"):
        return "other JavaScript"
    if path.endswith(".css"):
        return "CSS"
    if path.endswith(".geojson"):
        return "GeoJSON layers"
    if path.startswith("/_dash-update-component"):
        return "callbacks"
    if path.startswith("/_dash-"):
        return "layout and dependencies"
    return "HTML and other"


def report_first_load(title: str, sent: list[dict], top: int = 8) -> None:
    total = sum(r["bytes"] for r in sent)
    print(f"{title}: {total / 1e6:.2f} MB in {len(sent)} responses")
    by_kind: dict[str, list[int]] = {}
    for r in sent:
        by_kind.setdefault(kind(r["path"]), []).append(r["bytes"])
    print("  " + "; ".join(f"{k} {sum(v) / 1000:.0f} KB ({len(v)})"
                           for k, v in sorted(by_kind.items(), key=lambda kv: -sum(kv[1]))))
    for r in sorted(sent, key=lambda r: -r["bytes"])[:top]:
        print(f"  {r['bytes'] / 1000:8.1f} KB  {r['encoding']:5s} {r['method']:4s} {r['path'][-64:]}")
    plotly_files = [r["path"] for r in sent if kind(r["path"]) == "plotly.js"]
    if top:
        print(f"  plotly.js fetched: {', '.join(plotly_files) or 'none'}")


if __name__ == "__main__":
    sys.exit(main())
