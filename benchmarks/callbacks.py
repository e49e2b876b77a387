"""Server time of the dashboard callbacks, through HTTP, against a copy of a built warehouse:

    WAREHOUSE_PATH=data/warehouse.duckdb GEO_DIR=geo python benchmarks/callbacks.py [N] [--swaps K] [--clock cpu]

Each case POSTs to /_dash-update-component with the Flask test client, as the browser does (the
body built from /_dash-dependencies), so the time includes Dash's validation and JSON encoding and the
gzip size is what the browser receives. The baseline is a trivial callback (it returns its input)
registered only in this benchmark's app and measured in the same run: every case is printed with its
ratio to it (target, issue 13: within 3 times).

- warm: one warm-up call per input (per-build caches filled, as after the first visitors), then N
  timed calls (default 20), cycling through a few different inputs (municipalities, indicators,
  provinces) so a result cache of the last answer would not flatter the figure;
- first after a swap: the warehouse copy is replaced by a fresh copy of itself (a new file, then an
  atomic rename, as the ETL does) and the first call of every case is timed right after it (before
  any preparation of the new build has finished); median over a few rounds (swaps), and its ratio
  to the warm median (target: within 3 times);
- `--no-answers`: without the per-build cache of whole callback answers (dashboard.warming), so the
  figures are those of an input not asked for yet in this build (its per-build pieces cached);
- `--clock cpu`: each call's CPU time in the thread that serves it instead of its wall time: on a
  machine shared with other work the ratios stay meaningful (state the load average beside them);
- `--swaps K`: the worker's memory (RSS of this process, which is the worker here) after warm-up and
  after K more swaps, each followed by one call of every case (target: within 10 %).

The server is prepared as gunicorn's workers are (dashboard.warming, when present). The user's
warehouse is never touched: the benchmark works on a copy in a temporary folder. Figures only; no
assertions.
"""
from __future__ import annotations

import argparse
import gc
import gzip
import logging
import statistics
import sys
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.warehouse_copy import swap, warehouse_copy  # noqa: E402

RATIO_TARGET = 3.0
MEMORY_TARGET = 0.10
SWAP_ROUNDS = 3
TRIVIAL = "trivial Dash callback (baseline)"
TRIVIAL_INPUT, TRIVIAL_OUTPUT = "bench-trivial-in", "bench-trivial-out"
# What a call's time is: the wall clock (what a user waits for), or the CPU time of the thread that
# serves it (the test client serves in the calling thread), which other processes on a busy machine
# do not inflate; a background preparation's CPU is not counted either (it runs in its own thread).
CLOCKS = {"wall": time.perf_counter, "cpu": time.thread_time}


@dataclass
class Case:
    name: str
    output: str  # the start of the dependency's output key, e.g. "..profile-content.children"
    variants: list[dict]  # per call: {"id" or "id.property": value} for the callback's inputs and states


def cases() -> list[Case]:
    """The heaviest callbacks of each page, with inputs a user would send. A page that is not
    registered (or a callback that is gone) is reported and skipped."""
    return [
        Case(TRIVIAL, f"{TRIVIAL_OUTPUT}.children", [{TRIVIAL_INPUT: v} for v in ("a", "b", "c")]),
        Case("map: year changed", "..map-graph.figure@",
             [{**MAP, "map-year": y} for y in (2019, 2020, 2021, 2022)]),
        Case("status page", "status-content.children", [{"status-lang": lang} for lang in ("nl", "en")]),
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


MAP = {"map-indicator": "arop_admin", "map-year": 2022, "map-scheme": "quantiles", "map-k": 5,
       "map-overlay": "none", "map-search": None, "map-request": {"lang": "nl"}, "app-url": "?indicator=arop_admin"}
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


def percentile(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p * (len(values) - 1))))]


def post(client, case_name: str, payload: dict, clock=time.perf_counter) -> tuple[float, bytes]:
    t0 = clock()
    resp = client.post("/_dash-update-component", json=payload)
    elapsed = (clock() - t0) * 1000
    if resp.status_code not in (200, 204):
        raise SystemExit(f"{case_name}: HTTP {resp.status_code}: {resp.data[:300]!r}")
    return elapsed, resp.data


def run_warm(client, bodies: list[dict], case: Case, n: int, clock=time.perf_counter) -> dict:
    for b in bodies:  # warm-up: per-build caches
        post(client, case.name, b)
    times, sizes, gz = [], [], []
    for i in range(n):
        elapsed, data = post(client, case.name, bodies[i % len(bodies)], clock)
        times.append(elapsed)
        sizes.append(len(data))
        gz.append(len(gzip.compress(data)))
    return {"median": statistics.median(times), "p95": percentile(times, 0.95),
            "kb": statistics.median(sizes) / 1024, "kb_gz": statistics.median(gz) / 1024}


def rss_mb() -> float:
    """Resident memory of this process (the worker here), from /proc."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def settle() -> None:
    """Let a background preparation of the newest build finish (no-op without dashboard.warming)."""
    from dashboard import db

    if hasattr(db, "set_preparer"):
        from dashboard import warming

        warming.wait_idle(timeout=120)


def add_trivial_callback(app) -> None:
    """The baseline: one more callback in the same app, doing nothing but return its input."""
    from dash import Input, Output

    @app.callback(Output(TRIVIAL_OUTPUT, "children"), Input(TRIVIAL_INPUT, "value"))
    def trivial(value):
        return value


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", nargs="?", type=int, default=20, help="timed calls per case (warm)")
    parser.add_argument("--swaps", type=int, default=0, help="swaps for the memory check (e.g. 20)")
    parser.add_argument("--rounds", type=int, default=SWAP_ROUNDS, help="swaps for first-after-swap")
    parser.add_argument("--no-answers", action="store_true",
                        help="without the per-build cache of whole callback answers (pieces only): the cost "
                             "of an input no one asked for yet")
    parser.add_argument("--clock", choices=sorted(CLOCKS), default="wall",
                        help="wall time (default), or the serving thread's CPU time (steadier on a busy machine)")
    args = parser.parse_args(argv)

    from dashboard import db

    if not db.is_built():
        print(f"No warehouse at {db.warehouse_path()}: build it first (python -m etl build).")
        return 1
    with warehouse_copy("bench-callbacks-") as (copy, _folder):
        return measure(args, copy)


def measure(args, path: Path) -> int:
    from dashboard.app import create_app

    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    from dashboard import db

    if hasattr(db, "set_preparer"):  # as in gunicorn's workers (dashboard/serving.py)
        from dashboard import warming

        warming.enable()
        if args.no_answers:
            warming.PURE_CALLBACKS, warming.SIGNED_CALLBACKS, warming.PURE_PAGES = (), {}, ()
    app = create_app()
    add_trivial_callback(app)
    client = app.server.test_client()
    client.get("/")
    deps = client.get("/_dash-dependencies").json
    found = []
    for case in cases():
        dep = dependency(deps, case.output)
        if dep is None:
            print(f"{case.name}: no such callback, skipped")
            continue
        found.append((case, [body(dep, v) for v in case.variants]))

    clock = CLOCKS[args.clock]
    warm = {case.name: run_warm(client, bodies, case, args.n, clock) for case, bodies in found}
    settle()
    rss_warm = rss_mb()
    first = {case.name: [] for case, _ in found}
    for _ in range(args.rounds):
        swap(path)
        for case, bodies in found:
            first[case.name].append(post(client, case.name, bodies[0], clock)[0])
        settle()

    base = warm[TRIVIAL]["median"]
    print(f"Callback server {args.clock} time through HTTP (Flask test client): {args.n} warm calls per case after a warm-up, "
          f"first call after a swap over {args.rounds} swaps; ratio targets: {RATIO_TARGET:g}x the trivial "
          f"callback (warm), {RATIO_TARGET:g}x warm (first after a swap)")
    print(f"{'case':34} {'median ms':>9} {'p95 ms':>7} {'x triv':>6} {'1st swap':>8} {'x warm':>6} {'x triv':>6} "
          f"{'KB':>7} {'KB gz':>6}")
    for case, _ in found:
        w = warm[case.name]
        f = statistics.median(first[case.name])
        ratio, swap_ratio = w["median"] / base, f / w["median"]
        mark = "" if ratio <= RATIO_TARGET and swap_ratio <= RATIO_TARGET else "  over target"
        print(f"{case.name[:34]:34} {w['median']:9.1f} {w['p95']:7.1f} {ratio:6.1f} {f:8.1f} {swap_ratio:6.1f} "
              f"{f / base:6.1f} {w['kb']:7.1f} {w['kb_gz']:6.1f}{mark}")

    if args.swaps:
        gc.collect()
        before = rss_mb()
        for _ in range(args.swaps):
            swap(path)
            for case, bodies in found:
                post(client, case.name, bodies[0])
            settle()
        gc.collect()
        after = rss_mb()
        growth = (after - before) / before
        print(f"worker memory (RSS): {rss_warm:.1f} MB after the warm calls, {before:.1f} MB after warm-up and "
              f"{args.rounds} swaps, {after:.1f} MB after {args.swaps} more swaps: {growth:+.1%} "
              f"(target within {MEMORY_TARGET:.0%}){'' if abs(growth) <= MEMORY_TARGET else '  over target'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
