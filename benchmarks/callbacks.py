"""Server time of the heaviest dashboard callbacks, through HTTP, against a built warehouse:

    WAREHOUSE_PATH=data/warehouse.duckdb GEO_DIR=geo python benchmarks/callbacks.py [N]

Each case POSTs to /_dash-update-component with the Flask test client, as the browser does (the
body built from /_dash-dependencies), so the time includes Dash's validation and JSON encoding and the
gzip size is what the browser receives. Per case: one warm-up call (per-build caches filled, as after the
first visitor), then N timed calls (default 20), cycling through a few different inputs (municipalities,
indicators, provinces) so a result cache of the last answer would not flatter the figure.

Prints median, p95 and the response size per case. The map-update callback has its own benchmark
(benchmarks/map_callback.py). Target (issue 6): median under 50 ms. Figures only; no assertions.
"""
from __future__ import annotations

import gzip
import logging
import statistics
import sys
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

TARGET_MS = 50


@dataclass
class Case:
    name: str
    output: str  # the start of the dependency's output key, e.g. "..profile-content.children"
    variants: list[dict]  # per call: {"id" or "id.property": value} for the callback's inputs and states


def cases() -> list[Case]:
    """The heaviest callbacks of each page, with inputs a user would send. A page that is not
    registered (or a callback that is gone) is reported and skipped."""
    return [
        Case("profile: a municipality", "..profile-content.children",
             [{"profile-nis": c, "profile-lang": "nl", "profile-raw-nis": c} for c in ("46029", "11002", "71016", "21004")]),
        Case("compare: peer group view", "..compare-chart.children",
             [{"compare-indicator": i, "compare-nis": ["46029"], "compare-mode": "peers", "compare-province": None,
               "compare-start": 2015, "compare-end": 2022, "compare-lang": "nl"} for i in ("arop_admin", "adi_median")]),
        Case("compare: a province", "..compare-chart.children",
             [{"compare-indicator": "arop_admin", "compare-nis": [], "compare-mode": "province", "compare-province": p,
               "compare-start": 2015, "compare-end": 2022, "compare-lang": "nl"} for p in ("40000", "70000")]),
        Case("briefing: a municipality", "..briefing-content.children",
             [{"briefing-place": f"nis:{c}", "briefing-lang": "nl"} for c in ("46029", "11002", "21004")]),
        Case("briefing: a province", "..briefing-content.children",
             [{"briefing-place": f"province:{p}", "briefing-lang": "en"} for p in ("70000", "10000", "04000")]),
        Case("need: scatter, rule switched", "..need-threshold-text.children",
             [{**NEED, "need-rule": r} for r in ("equal", "population", "at_risk")]),
        Case("need: scatter, threshold moved", "..need-threshold-text.children",
             [{**NEED, "need-t-need": v} for v in (6.0, 8.0, 10.0)]),
        Case("need: gap finder", "..need-gap-summary.children",
             [{**NEED, "need-gap-top": v} for v in (10.0, 20.0, 30.0)]),
        Case("need: provinces and curve", "..need-spread-box.children",
             [{**NEED, "need-rule": r} for r in ("equal", "population", "at_risk")]),
        Case("portfolio: project filter", "..portfolio-projects-box.children",
             [{"portfolio-province": p, "portfolio-lang": "nl"} for p in (None, "70000", "04000")]),
        Case("action plan: search", "..actions-content.children",
             [{"actions-search": q, "actions-lang": "nl"} for q in (None, "kinderarmoede", "huisvesting")]),
        Case("reporting tracker", "..reporting-table-box.children",
             [{"reporting-province": p, "reporting-lang": "nl"} for p in (None, "70000")]),
        Case("project page (page router)", ".._pages_content.children",
             [{"_pages_location.pathname": "/project", "_pages_location.search": f"?id={i}"}
              for i in ("lbn-001", "lbn-020", "lbn-040")]),
    ]


NEED = {"need-indicator": "arop_admin", "need-year": 2022, "need-measure": "per_10k", "need-rule": "equal",
        "need-t-need": None, "need-t-int": None, "need-gap-below": "1", "need-gap-mode": "top", "need-gap-top": 20.0,
        "need-gap-min": None, "need-lang": "nl"}


def dependency(deps: list[dict], output: str) -> dict | None:
    return next((d for d in deps if d["output"].startswith(output)), None)


def body(dep: dict, values: dict) -> dict:
    outputs = []
    for part in dep["output"].strip(".").split("..."):
        cid, prop = part.rsplit(".", 1)
        outputs.append({"id": cid, "property": prop.split("@")[0]})
    if len(outputs) == 1:
        outputs = outputs[0]

    def item(spec):
        key = f"{spec['id']}.{spec['property']}"
        return {"id": spec["id"], "property": spec["property"], "value": values.get(key, values.get(spec["id"]))}

    return {"output": dep["output"], "outputs": outputs,
            "inputs": [item(i) for i in dep["inputs"]], "state": [item(s) for s in dep.get("state", [])],
            "changedPropIds": [f"{dep['inputs'][0]['id']}.{dep['inputs'][0]['property']}"]}


def run_case(client, deps: list[dict], case: Case, n: int) -> dict | None:
    dep = dependency(deps, case.output)
    if dep is None:
        return None
    bodies = [body(dep, v) for v in case.variants]
    for b in bodies:  # warm-up: per-build caches
        client.post("/_dash-update-component", json=b)
    times, sizes, gz = [], [], []
    for i in range(n):
        b = bodies[i % len(bodies)]
        t0 = time.perf_counter()
        resp = client.post("/_dash-update-component", json=b)
        times.append((time.perf_counter() - t0) * 1000)
        if resp.status_code != 200:
            raise SystemExit(f"{case.name}: HTTP {resp.status_code}: {resp.data[:300]!r}")
        sizes.append(len(resp.data))
        gz.append(len(gzip.compress(resp.data)))
    times.sort()
    return {"median": statistics.median(times), "p95": times[min(len(times) - 1, int(round(0.95 * (len(times) - 1))))],
            "kb": statistics.median(sizes) / 1024, "kb_gz": statistics.median(gz) / 1024}


def main() -> int:
    from dashboard import db
    from dashboard.app import create_app

    n = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    if not db.is_built():
        print(f"No warehouse at {db.warehouse_path()}: build it first (python -m etl build).")
        return 1
    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    app = create_app()
    client = app.server.test_client()
    client.get("/")
    deps = client.get("/_dash-dependencies").json
    print(f"Callback server time through HTTP (Flask test client), {n} calls per case after a warm-up; "
          f"target median < {TARGET_MS} ms")
    print(f"{'case':34} {'median ms':>10} {'p95 ms':>8} {'KB':>8} {'KB gz':>7}")
    for case in cases():
        result = run_case(client, deps, case, n)
        if result is None:
            print(f"{case.name:34} {'(no such callback)':>36}")
            continue
        mark = "" if result["median"] < TARGET_MS else "  over target"
        print(f"{case.name:34} {result['median']:10.1f} {result['p95']:8.1f} {result['kb']:8.1f} "
              f"{result['kb_gz']:7.1f}{mark}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
