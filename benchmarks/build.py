"""Wall time and peak memory of a full warehouse build from the mirror, cold and warm cache.

    SOURCE_MIRROR=../shared/mirror .venv/bin/python benchmarks/build.py

Target (issue 2): under 60 s and under 2 GB on 2 cores. Each build runs in its own process.
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
    build(load_settings())
    seconds = time.perf_counter() - t0
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    print(json.dumps({"seconds": seconds, "main_rss_mb": own / 1024, "worker_rss_mb": workers / 1024}))


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
            for proc in [parent, *parent.children(recursive=True)]:
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
    result["tree_peak_mb"] = peak["tree"] / 2**20
    print(f"{label:5s}  wall {result['seconds']:6.1f} s   peak memory {result['tree_peak_mb']:7.0f} MB, all processes "
          f"together (main alone {result['main_rss_mb']:.0f} MB, largest worker alone {result['worker_rss_mb']:.0f} MB)")
    return result


def main() -> None:
    if "--one" in sys.argv:
        return one_build()
    mirror = os.environ.get("SOURCE_MIRROR") or str(REPO.parent / "shared" / "mirror")
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "SOURCE_MIRROR": mirror, "WAREHOUSE_PATH": f"{tmp}/warehouse.duckdb",
               "ETL_CACHE_DIR": f"{tmp}/cache", "ETL_IMPORTS_DIR": f"{tmp}/imports", "GEO_DIR": f"{tmp}/geo",
               "REPORTS_DIR": f"{tmp}/reports"}
        print(f"cores: {os.cpu_count()}  mirror: {mirror}")
        measure("cold", env)
        measure("warm", env)
        size = Path(f"{tmp}/warehouse.duckdb").stat().st_size
        geo = Path(f"{tmp}/geo/municipalities_2025.geojson").stat().st_size
        print(f"warehouse {size / 1e6:.1f} MB, municipalities_2025.geojson {geo / 1e3:.0f} KB")


if __name__ == "__main__":
    main()
