"""Load on the real server: N virtual users through gunicorn (`python -m dashboard`), against a built warehouse:

    WAREHOUSE_PATH=data/warehouse.duckdb GEO_DIR=geo python benchmarks/load.py \\
        [--users 50] [--think 1.0] [--duration 60] [--workers 3] [--threads N] [--swap 3]

The script copies the warehouse to a temp folder (swaps never touch the live file), starts the server
on a free port of 127.0.0.1 with WAREHOUSE_PATH pointing at the copy, and stops it at the end.

Each virtual user is a thread with its own HTTP session (requests) that sends, until the time is up,
callback requests picked at random from a mix captured from the pages (bodies built from
/_dash-dependencies, as the browser sends them to /_dash-update-component): the map's update
(indicator and year), the profile of a municipality, the comparison (peer group, province) and the
need page (rule, thresholds, gap finder, provinces); each followed by a think time (uniform between
0.5 and 1.5 times --think; 0: saturated). Before the run a warm-up sends each request from 2 x workers
clients on fresh connections, so the figures are those of a warm server. `--swap K` replaces the
warehouse K times during the run, spread evenly, as a build does (a copy beside it, then an atomic
rename: benchmarks/callbacks.py).

Prints throughput, p50/p95/p99 over all requests and per kind, the same for the requests sent in the
SWAP_WINDOW seconds after each swap, errors (HTTP status >= 400, a dropped connection, or a callback
that answered with the page's "could not be updated" notice), and each worker's resident memory after
the warm-up and after the run, and the machine's load average (other work on it slows every figure).
Target (issue 13), 2-core machine: 50 users with 1 s think
time, p95 under 250 ms and 0 errors through 3 swaps. Figures only; no assertions.
"""
from __future__ import annotations

import argparse
import contextlib
import os
import random
import secrets
import socket
import subprocess
import sys
import threading
import time
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from benchmarks.callbacks import body, cases, dependency, percentile  # noqa: E402
from benchmarks.servers import stop_server  # noqa: E402
from benchmarks.warehouse_copy import swap, warehouse_copy  # noqa: E402

CALLBACK = "/_dash-update-component"
NOTICE_ID = "app-callback-notice"  # dashboard.serving.NOTICE_ID: a callback that failed on the server
# Server log lines worth showing: gunicorn's errors, worker timeouts and restarts, our own errors.
NOTABLE = ("[CRITICAL]", "[ERROR]", "WORKER TIMEOUT", "Worker exiting", " ERROR ", " WARNING ")
SWAP_WINDOW = 3.0  # seconds after a swap whose requests are reported apart
SLICE = 5.0  # seconds per step of the printed timeline
REQUEST_TIMEOUT = 60.0
START_TIMEOUT = 120.0
# The mix: which kinds of the pages' callbacks, and how often (relative weights).
MIX = {"map": 3, "profile": 3, "comparison": 2, "need": 2}
KIND_OF_CASE = {"profile": "profile", "compare": "comparison", "need": "need"}  # benchmarks.callbacks case names


@dataclass
class Sample:
    kind: str
    started: float  # time.monotonic()
    ms: float
    error: str | None  # None when the request succeeded
    status: int = 0  # HTTP status (0: no answer)
    size: int = 0  # bytes of the answer, as decoded


# ====================================================================== the server

def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(warehouse: Path, port: int, workers: int, threads: int | None, log: Path) -> subprocess.Popen:
    argv = [sys.executable, "-m", "dashboard", "--port", str(port), "--workers", str(workers)]
    if threads is not None:
        argv += ["--threads", str(threads)]
    # One key for the workers, as in production (README: DASHBOARD_SECRET_KEY); nobody logs in here.
    env = {**os.environ, "WAREHOUSE_PATH": str(warehouse), "PYTHONPATH": str(REPO),
           "DASHBOARD_SECRET_KEY": os.environ.get("DASHBOARD_SECRET_KEY") or secrets.token_hex(32)}
    with open(log, "w") as out:
        return subprocess.Popen(argv, cwd=REPO, env=env, stdout=out, stderr=subprocess.STDOUT)


def wait_for_server(session, base: str, server: subprocess.Popen, log: Path) -> None:
    import requests

    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"the server exited ({server.returncode}):\n{log.read_text()[-3000:]}")
        try:
            if session.get(base + "/", timeout=5).status_code == 200:
                return
        except requests.RequestException:
            pass
        time.sleep(0.3)  # the polling interval
    raise SystemExit(f"the server did not answer within {START_TIMEOUT:.0f} s:\n{log.read_text()[-3000:]}")


def worker_memory_mb(server: subprocess.Popen) -> dict[int, float]:
    """Resident memory per gunicorn worker (the children of the master started here)."""
    import psutil

    memory = {}
    for child in psutil.Process(server.pid).children():
        with contextlib.suppress(psutil.NoSuchProcess):  # a worker being restarted
            memory[child.pid] = child.memory_info().rss / 2**20
    return memory


# ====================================================================== the requests

def the_mix(deps: list[dict]) -> dict[str, list[dict]]:
    """Request bodies per kind, built from the server's /_dash-dependencies."""
    from dashboard.queries import map as map_queries

    bodies: dict[str, list[dict]] = defaultdict(list)
    for case in cases():
        kind = KIND_OF_CASE.get(case.name.split(":")[0])
        dep = dependency(deps, case.output)
        if kind and dep is not None:
            bodies[kind] += [body(dep, values) for values in case.variants]
    map_dep = next((d for d in deps if d["output"].startswith("..map-graph.figure@")), None)
    if map_dep is not None:
        indicators = map_queries.base()["indicator_by_id"]
        for indicator in ("arop_admin", "adi_median", *list(indicators)[:4]):
            for year in list(indicators.get(indicator, {}).get("years", []))[-3:]:
                values = {"map-indicator": indicator, "map-year": int(year), "map-scheme": "quantiles", "map-k": 5,
                          "map-overlay": "none", "map-search": None, "map-request": {"lang": "nl"},
                          "app-url.search": f"?indicator={indicator}"}
                payload = body(map_dep, values)
                payload["changedPropIds"] = ["map-year.value"]
                bodies["map"].append(payload)
    missing = [kind for kind in MIX if not bodies.get(kind)]
    if missing:
        raise SystemExit(f"no requests of kind {', '.join(missing)}: the pages' callbacks changed "
                         "(benchmarks/callbacks.py cases(), the map's update)")
    return dict(bodies)


def send(session, base: str, kind: str, payload: dict) -> Sample:
    import requests

    started = time.monotonic()
    error, status, size = None, 0, 0
    try:
        response = session.post(base + CALLBACK, json=payload, timeout=REQUEST_TIMEOUT)
        status, size = response.status_code, len(response.content)
        if status >= 400:
            error = f"HTTP {status}"
        elif NOTICE_ID in response.text:
            error = "notice: callback failed"
    except requests.RequestException as exc:
        error = type(exc).__name__
    return Sample(kind, started, (time.monotonic() - started) * 1000, error, status, size)


def virtual_user(index: int, base: str, mix: dict[str, list[dict]], think: float, deadline: float,
                 samples: list[Sample]) -> None:
    import requests

    rng = random.Random(index)
    kinds, weights = list(MIX), list(MIX.values())
    with requests.Session() as session:
        if think:
            time.sleep(rng.uniform(0, think))  # users arrive spread out, not all at once
        while time.monotonic() < deadline:
            kind = rng.choices(kinds, weights)[0]
            samples.append(send(session, base, kind, rng.choice(mix[kind])))
            if think:
                time.sleep(think * rng.uniform(0.5, 1.5))  # the user reads the answer


def warm_up(base: str, mix: dict[str, list[dict]], workers: int) -> list[Sample]:
    """Every request of the mix, from 2 x workers concurrent clients on a new connection each time, so
    that every worker (gunicorn hands each connection to one) has seen each request at least once."""
    import requests

    bodies = [(kind, payload) for kind, payloads in mix.items() for payload in payloads]
    samples: list[Sample] = []
    clients = 2 * workers

    def client(offset: int) -> None:
        with requests.Session() as session:
            session.headers["Connection"] = "close"
            for i in range(len(bodies)):
                samples.append(send(session, base, *bodies[(offset + i) % len(bodies)]))

    threads = [threading.Thread(target=client, args=(n * len(bodies) // clients,)) for n in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return samples


# ====================================================================== report

def line(label: str, samples: list[Sample]) -> str:
    if not samples:
        return f"  {label:<22} no requests"
    ms = [s.ms for s in samples]
    errors = sum(s.error is not None for s in samples)
    no_update = sum(s.status == 204 for s in samples)
    kb = percentile([s.size for s in samples], 0.5) / 1024
    return (f"  {label:<22} n={len(samples):>6}  p50 {percentile(ms, 0.50):7.1f}  p95 {percentile(ms, 0.95):7.1f}  "
            f"p99 {percentile(ms, 0.99):7.1f}  max {max(ms):7.1f} ms  errors {errors}  "
            f"median {kb:.1f} KB, {no_update} no-update")


def timeline(samples: list[Sample], start: float, swaps: list[float]) -> str:
    """p95 (ms) of the requests sent in each SLICE seconds of the run; '|' marks a swap."""
    slices: dict[int, list[float]] = defaultdict(list)
    for sample in samples:
        slices[int((sample.started - start) // SLICE)].append(sample.ms)
    marked = {int((at - start) // SLICE) for at in swaps}
    return " ".join(f"{'|' if n in marked else ''}{percentile(slices[n], 0.95):.0f}" if slices.get(n) else "-"
                    for n in range(max(slices, default=-1) + 1))


def report(samples: list[Sample], seconds: float, start: float, swaps: list[float], before: dict, after: dict) -> None:
    load = os.getloadavg()[0]
    print(f"\nrequests: {len(samples)} in {seconds:.1f} s = {len(samples) / seconds:.1f} requests/s "
          f"(machine load average {load:.1f} on {os.cpu_count()} CPUs)")
    print(line("all", samples))
    for kind in MIX:
        print(line(kind, [s for s in samples if s.kind == kind]))
    if swaps:
        after_swap = [s for s in samples if any(0 <= s.started - at < SWAP_WINDOW for at in swaps)]
        print(line(f"<= {SWAP_WINDOW:.0f} s after a swap", after_swap))
    print(f"p95 per {SLICE:g} s (ms, | = a swap in that slice): {timeline(samples, start, swaps)}")
    errors = Counter((s.kind, s.error) for s in samples if s.error)
    print("errors: " + (", ".join(f"{kind} {error}: {n}" for (kind, error), n in errors.most_common()) or "none"))
    print("worker memory (RSS, MB): after warm-up -> after the run")
    for pid in sorted(set(before) | set(after)):
        was, now = before.get(pid), after.get(pid)
        if was is None or now is None:
            print(f"  worker {pid}: {'new' if was is None else f'{was:.0f} MB, then gone (restarted)'}"
                  f"{'' if now is None else f', {now:.0f} MB'}")
        else:
            print(f"  worker {pid}: {was:.0f} -> {now:.0f} MB ({now - was:+.0f} MB, {100 * (now - was) / was:+.1f} %)")


def report_log(log: Path) -> None:
    text = log.read_text(errors="replace")
    notable = [line for line in text.splitlines() if any(word in line for word in NOTABLE)]
    print(f"server log: {text.count('Traceback')} tracebacks, {len(notable)} notable lines")
    for line in notable[:10]:
        print("  " + line[:200])


# ====================================================================== main

def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=50, help="virtual users (threads), default 50")
    parser.add_argument("--think", type=float, default=1.0, help="mean think time in seconds after each answer (0: saturated)")
    parser.add_argument("--duration", type=float, default=60.0, help="seconds of load, after the warm-up (default 60)")
    parser.add_argument("--workers", type=int, default=3, help="gunicorn workers (default 3)")
    parser.add_argument("--threads", type=int, default=None, help="threads per worker (default: the server's)")
    parser.add_argument("--swap", type=int, default=0, metavar="K", help="replace the warehouse K times during the run")
    args = parser.parse_args(argv)

    import requests

    from dashboard import db

    if not db.is_built():
        print(f"No warehouse at {db.warehouse_path()}: build it first ({db.BUILD_COMMAND}).")
        return 1
    with warehouse_copy("bench-load-") as (warehouse, tmp):  # this process reads the map's indicators from the copy too
        port, log = free_port(), tmp / "server.log"
        base = f"http://127.0.0.1:{port}"
        server = start_server(warehouse, port, args.workers, args.threads, log)
        try:
            with requests.Session() as session:
                wait_for_server(session, base, server, log)
                deps = session.get(base + "/_dash-dependencies", timeout=REQUEST_TIMEOUT).json()
                mix = the_mix(deps)
                print(f"server: gunicorn, {args.workers} workers, threads {args.threads or 'default'}; "
                      f"{args.users} users, think {args.think:g} s, {args.duration:g} s, {args.swap} swaps; "
                      f"mix {', '.join(f'{k} {len(v)} bodies x{MIX[k]}' for k, v in mix.items())}")
            warm = warm_up(base, mix, args.workers)
            failed = [s for s in warm if s.error]
            print(f"warm-up: {len(warm)} requests, {len(failed)} errors"
                  + (f" ({Counter(s.error for s in failed).most_common(3)})" if failed else ""))
            before = worker_memory_mb(server)
            samples: list[Sample] = []
            start = time.monotonic()
            deadline = start + args.duration
            users = [threading.Thread(target=virtual_user, args=(i, base, mix, args.think, deadline, samples), daemon=True)
                     for i in range(args.users)]
            for user in users:
                user.start()
            swaps = []
            for k in range(args.swap):
                time.sleep(max(0.0, start + args.duration * (k + 1) / (args.swap + 1) - time.monotonic()))
                swaps.append(time.monotonic())
                swap(warehouse)
            for user in users:
                user.join(timeout=args.duration + REQUEST_TIMEOUT)
            seconds = max(s.started + s.ms / 1000 for s in samples) - start if samples else args.duration
            report(samples, seconds, start, swaps, before, worker_memory_mb(server))
            report_log(log)  # before the server is stopped: its shutdown is not news
        finally:
            stop_server(server)
    return 0


if __name__ == "__main__":
    sys.exit(main())
