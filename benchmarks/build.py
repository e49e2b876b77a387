"""Wall time and peak memory of a full warehouse build from the mirror, cold and warm cache, then
with the official sources present (issue 11), side by side.

    SOURCE_MIRROR=../shared/mirror .venv/bin/python benchmarks/build.py

The official files are SYNTHETIC, of realistic size, generated into a temporary mirror beside the
real one (benchmarks/synthetic_official.py): Statbel population by age for 10 years (about 460,000
rows a year for 581 municipalities x 101 ages x sex x nationality x civil status), a
Gemeente-Stadsmonitor extract for every declared code, the fiscal-income zip.

Target (issues 2 and 11): under 60 s and under 2 GB on 2 cores, also with all official sources.
Each build runs in its own process.
Peak memory is the largest sum of the resident memory of that process and all the worker
processes it runs at the same moment, sampled every 20 ms (psutil, from the test extras);
the peaks of the main process and of its largest worker alone are printed beside it.
"""
from __future__ import annotations

import contextlib
import json
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def one_build() -> None:
    """Runs inside the measured child process: a build, then its own and its workers' peak RSS."""
    sys.path.insert(0, str(REPO))
    from etl.build import build
    from etl.config import load_settings

    t0 = time.perf_counter()
    result = build(load_settings())
    seconds = time.perf_counter() - t0
    loaded = sum(s["status"] == "loaded" for s in result.official)
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    # CPU seconds beside the wall time: on a shared machine the wall time also counts the waiting.
    cpu = sum(getattr(resource.getrusage(who), f) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)
              for f in ("ru_utime", "ru_stime"))
    print(json.dumps({"seconds": seconds, "cpu_seconds": cpu, "main_rss_mb": own / 1024, "worker_rss_mb": workers / 1024,
                      "official": f"{loaded} of {len(result.official)} official sources loaded"}))


def measure(label: str, env: dict) -> dict:
    import psutil

    child = subprocess.Popen([sys.executable, __file__, "--one"], env=env, stdout=subprocess.PIPE, text=True)
    peak = {"tree": 0}
    done = threading.Event()

    def sample() -> None:
        try:
            parent = psutil.Process(child.pid)
        except psutil.NoSuchProcess:
            return
        while not done.is_set():
            total = 0
            try:
                processes = [parent, *parent.children(recursive=True)]
            except psutil.NoSuchProcess:  # the build ended between two samples
                break
            for proc in processes:
                with contextlib.suppress(psutil.NoSuchProcess):  # it ended between listing and reading
                    total += proc.memory_info().rss
            peak["tree"] = max(peak["tree"], total)
            done.wait(0.02)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    stdout, _ = child.communicate()
    done.set()
    sampler.join()
    if child.returncode != 0:
        raise SystemExit(f"{label} build failed (exit {child.returncode})")
    result = json.loads(stdout.strip().splitlines()[-1])
    # A sampler starved by other work can miss a short peak; no process alone was above its own peak.
    result["tree_peak_mb"] = max(peak["tree"] / 2**20, result["main_rss_mb"], result["worker_rss_mb"])
    print(f"{label:9s}  wall {result['seconds']:6.1f} s (CPU {result['cpu_seconds']:.1f} s)   peak memory {result['tree_peak_mb']:7.0f} MB, all processes "
          f"together (main alone {result['main_rss_mb']:.0f} MB, largest worker alone {result['worker_rss_mb']:.0f} MB); "
          f"{result['official']}")
    return result


def mirror_with_official(mirror: Path, into: Path, warehouse: Path) -> dict[str, int]:
    """`into`: the real mirror's hosts (linked) plus SYNTHETIC official files of realistic size,
    written by another process: a child of this one would otherwise start with (and report) the
    memory the generator took, since Linux keeps the peak resident size across fork and exec."""
    into.mkdir()
    for host in mirror.iterdir():
        if host.is_dir():
            (into / host.name).symlink_to(host)
    out = subprocess.run([sys.executable, "-m", "benchmarks.synthetic_official", str(into), str(warehouse)],
                         cwd=REPO, check=True, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def side_by_side(without: dict[str, dict], with_official: dict[str, dict]) -> None:
    """Each measure of the builds without and with the official sources, cold and warm cache."""
    print(f"{'':34s}{'without':>10s}{'with':>10s}{'ratio':>8s}")
    for cache in without:
        for label, key, unit in (("wall time", "seconds", "s"), ("CPU time", "cpu_seconds", "s"),
                                 ("peak memory, all processes", "tree_peak_mb", "MB")):
            a, b = without[cache][key], with_official[cache][key]
            print(f"{cache + ' ' + label + ' (' + unit + ')':34s}{a:10.1f}{b:10.1f}{b / a:8.2f}")
    full = with_official["cold"]
    verdict = "meets" if full["seconds"] < 60 and full["tree_peak_mb"] < 2048 else "MISSES"
    print(f"full (cold) build with all official sources: {verdict} the target (< 60 s, < 2 GB); "
          f"load average now {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores (other work slows the wall time)")


def main() -> None:
    if "--one" in sys.argv:
        return one_build()
    mirror = os.environ.get("SOURCE_MIRROR") or str(REPO.parent / "shared" / "mirror")
    with tempfile.TemporaryDirectory() as tmp:
        def env_for(source_mirror: str, cache: str) -> dict:
            return {**os.environ, "SOURCE_MIRROR": source_mirror, "WAREHOUSE_PATH": f"{tmp}/warehouse.duckdb",
                    "ETL_CACHE_DIR": f"{tmp}/{cache}", "ETL_IMPORTS_DIR": f"{tmp}/imports", "GEO_DIR": f"{tmp}/geo",
                    "REPORTS_DIR": f"{tmp}/reports"}

        print(f"cores: {os.cpu_count()}  load average: {os.getloadavg()[0]:.1f}  mirror: {mirror}")
        env = env_for(mirror, "cache")
        without = {"cold": measure("cold", env), "warm": measure("warm", env)}
        size = Path(f"{tmp}/warehouse.duckdb").stat().st_size
        geo = Path(f"{tmp}/geo/municipalities_2025.geojson").stat().st_size
        print(f"warehouse {size / 1e6:.1f} MB, municipalities_2025.geojson {geo / 1e3:.0f} KB")

        t0 = time.perf_counter()
        written = mirror_with_official(Path(mirror), Path(tmp) / "mirror", Path(f"{tmp}/warehouse.duckdb"))
        print(f"SYNTHETIC official files generated in {time.perf_counter() - t0:.0f} s: "
              + ", ".join(f"{kind} {n / 1e6:.1f} MB" for kind, n in written.items()))
        env = env_for(f"{tmp}/mirror", "cache-official")  # a new cache: the first build is cold again
        with_official = {"cold": measure("cold+off", env), "warm": measure("warm+off", env)}
        size = Path(f"{tmp}/warehouse.duckdb").stat().st_size
        print(f"warehouse with the official sources {size / 1e6:.1f} MB")
        side_by_side(without, with_official)


if __name__ == "__main__":
    main()
