"""Speed and size of the map page, against a built warehouse (WAREHOUSE_PATH, GEO_DIR):

    WAREHOUSE_PATH=/tmp/map/warehouse.duckdb GEO_DIR=/tmp/map/geo python benchmarks/map_callback.py

Prints
- the server time of the map-update callback (`pages/map.py:update`, called directly): median
  and p95 over N calls, cold (each call a new indicator-year, nothing cached but the per-build
  indicator values) and warm (views seen before);
- the same callback through HTTP: the Flask test client POSTing to /_dash-update-component,
  with the response size raw and gzipped;
- the first page load as the browser fetches it with Accept-Encoding: gzip: HTML, Dash and
  plotly bundles, CSS, the layout/dependency JSON, the setup callback and the geojson layers.

Targets (issue): median under 20 ms and under 20 KB per map update; first load under 1.5 MB
gzipped. Figures only; no assertions.
"""
from __future__ import annotations

import gzip
import json
import re
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
    import dash

    from dashboard import db
    from dashboard import queries_map as qm
    from dashboard.app import create_app

    if not db.is_built():
        print(f"no warehouse at {db.warehouse_path()}: build it first (python -m etl build)")
        return 1
    app = create_app()
    client = app.server.test_client()
    client.get("/")  # Dash registers page callbacks on its first request
    mod = sys.modules[next(p for p in dash.page_registry.values() if p["path"] == "/")["module"]]
    base = qm.base()
    combos = [(i, int(y)) for i, row in base["indicator_by_id"].items() for y in row["years"]]
    print(f"warehouse: {db.warehouse_path()} ({len(combos)} indicator-years)")

    # --- direct calls --------------------------------------------------------------
    t0 = time.perf_counter()
    for indicator in base["indicator_by_id"]:
        qm.indicator_values(indicator)  # read once per build and indicator
    print(f"reading every indicator's values once per build: {(time.perf_counter() - t0) * 1000:.0f} ms")
    mod._year_view.cache_clear()
    mod._classes.cache_clear()
    cold = []
    for indicator, year in (combos * 2)[:N]:
        t0 = time.perf_counter()
        mod.update(indicator, year, "quantiles", 5, "none", None, "nl", "", "map-year")
        cold.append((time.perf_counter() - t0) * 1000)
        if len(cold) == len(combos):
            break
    warm = []
    for i in range(N):
        indicator, year = combos[i % 8]
        t0 = time.perf_counter()
        mod.update(indicator, year, "quantiles", 5, "none", None, "nl", "", "map-year")
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
    mod._year_view.cache_clear()
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
    gz = {"Accept-Encoding": "gzip"}
    total, parts = 0, []

    def fetch(url, method="get", **kw):
        nonlocal total
        resp = getattr(client, method)(url, headers=gz, **kw)
        size = len(resp.data)
        total += size
        parts.append((url.split("?")[0][-60:], size, resp.headers.get("Content-Encoding") or "-"))
        return resp

    html = fetch("/").data
    html = gzip.decompress(html).decode() if html[:2] == b"\x1f\x8b" else html.decode()
    for src in re.findall(r'<(?:script|link)[^>]+(?:src|href)="([^"]+)"', html):
        if src.startswith("/"):
            fetch(src)
    fetch("/_dash-layout")
    fetch("/_dash-dependencies")
    # lazily loaded chunks the map page needs (dropdown, slider, graph, plotly.js)
    suites = "/_dash-component-suites/dash/dcc/"
    for chunk in ("async-dropdown.js", "async-slider.js", "async-graph.js"):
        fetch(suites + chunk)
    fetch("/_dash-component-suites/plotly/package_data/plotly.min.js")
    setup = next(d for d in deps if d["output"].startswith("..map-notice.children"))
    out = [{"id": p.rsplit(".", 1)[0], "property": p.rsplit(".", 1)[1]} for p in setup["output"].strip(".").split("...")]
    fetch("/_dash-update-component", method="post", json={
        "output": setup["output"], "outputs": out,
        "inputs": [{"id": "map-request", "property": "data", "value": mod.parse_state()}],
        "changedPropIds": []})
    for layer in (qm.MUNICIPALITY_LAYER, qm.PROVINCE_LAYER, qm.REGION_LAYER):
        info = base["layers"].get(layer)
        if info:
            fetch(f"/geo/{info['file_name']}?v={info['sha256']}")
    print(f"first page load (gzipped as sent): {total / 1e6:.2f} MB in {len(parts)} responses")
    for name, size, enc in sorted(parts, key=lambda p: -p[1])[:8]:
        print(f"  {size / 1000:8.1f} KB  {enc:5s} {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
