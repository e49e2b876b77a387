"""Wall time and peak memory of a full warehouse build from the mirror, cold and warm cache.

    SOURCE_MIRROR=../shared/mirror .venv/bin/python benchmarks/build.py

Target (issue 2): under 60 s and under 2 GB on 2 cores. Each build runs in its own process so
peak memory is measured per build (the process and the worker processes it starts).
"""
from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import tempfile
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
    print(json.dumps({"seconds": seconds, "peak_rss_mb": max(own, workers) / 1024,
                      "main_rss_mb": own / 1024, "worker_rss_mb": workers / 1024}))


def measure(label: str, env: dict) -> dict:
    out = subprocess.run([sys.executable, __file__, "--one"], env=env, capture_output=True, text=True, check=True)
    result = json.loads(out.stdout.strip().splitlines()[-1])
    print(f"{label:5s}  wall {result['seconds']:6.1f} s   peak RSS {result['peak_rss_mb']:7.0f} MB "
          f"(main {result['main_rss_mb']:.0f} MB, largest worker {result['worker_rss_mb']:.0f} MB)")
    return result


def main() -> None:
    if "--one" in sys.argv:
        return one_build()
    mirror = os.environ.get("SOURCE_MIRROR") or str(REPO.parent / "shared" / "mirror")
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "SOURCE_MIRROR": mirror, "WAREHOUSE_PATH": f"{tmp}/warehouse.duckdb",
               "ETL_CACHE_DIR": f"{tmp}/cache", "ETL_IMPORTS_DIR": f"{tmp}/imports", "GEO_DIR": f"{tmp}/geo"}
        print(f"cores: {os.cpu_count()}  mirror: {mirror}")
        measure("cold", env)
        measure("warm", env)
        size = Path(f"{tmp}/warehouse.duckdb").stat().st_size
        geo = Path(f"{tmp}/geo/municipalities_2025.geojson").stat().st_size
        print(f"warehouse {size / 1e6:.1f} MB, municipalities_2025.geojson {geo / 1e3:.0f} KB")


if __name__ == "__main__":
    main()
