"""Wall time of a warm warehouse build without and with 50 imported indicators (issue 13).

    SOURCE_MIRROR=../shared/mirror .venv/bin/python benchmarks/imports.py [--imports 50] [--runs 3]

The imported indicators are SYNTHETIC (invented numbers), of realistic size: every Flemish and
Brussels municipality of the 2019 code vintage (319; the monitor refuses codes outside Flanders and
Brussels) x 10 years, half of them rates with numerator and denominator in Belgian notation, half
indices. They are stored as `import-indicator` leaves them (data file + import.json), so the first
build after them validates and harmonises each file once and keeps the verified result beside it;
later builds reuse it. Target: a later build takes at most 1.3 times a build without imports.

Each figure is the fastest of --runs builds in one process (the machine is shared, the fastest run
is the least disturbed); the download cache is warmed by one build first.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
YEARS = range(2014, 2024)


def synthetic_csv(codes: list[str], rate: bool, rng: random.Random) -> str:
    """One SYNTHETIC indicator as a Dutch-headed CSV: a rate with its counts, or an index."""
    lines = ["niscode;jaar;waarde;teller;noemer" if rate else "niscode;jaar;waarde"]
    for year in YEARS:
        for code in codes:
            if rate:
                denominator = rng.randint(200, 20_000)
                numerator = rng.randint(0, denominator // 3)
                value = f"{numerator / denominator * 100:.2f}".replace(".", ",")
                lines.append(f"{code};{year};{value};{numerator};{denominator}")
            else:
                lines.append(f"{code};{year};{rng.uniform(50, 150):.1f}".replace(".", ",", 1))
    return "\n".join(lines) + "\n"


def store_imports(imports_dir: Path, codes: list[str], count: int) -> None:
    """`count` stored imports, laid out as `python -m etl import-indicator` stores them."""
    rng = random.Random(13)
    for i in range(count):
        rate = i % 2 == 0
        indicator_id = f"synthetic_import_{i:02d}"
        folder = imports_dir / indicator_id
        folder.mkdir(parents=True)
        data = synthetic_csv(codes, rate, rng).encode("utf-8")
        (folder / "data.csv").write_bytes(data)
        metadata = {"indicator_id": indicator_id, "name_nl": f"Synthetische indicator {i}", "unit": "%" if rate else "index",
                    "definition_nl": "Synthetische benchmarkwaarden, geen echte cijfers.", "source": "benchmark",
                    "licence": "CC0", "direction": "higher_is_worse", "kind": "rate" if rate else "statistic"}
        record = {"file_name": f"{indicator_id}.csv", "stored_as": "data.csv", "sha256": hashlib.sha256(data).hexdigest(),
                  "bytes": len(data), "imported_at": "2026-01-01T00:00:00+00:00", "imported_by": "benchmark",
                  "sheet": None, "decimal": None, "metadata": metadata}
        (folder / "import.json").write_text(json.dumps(record), encoding="utf-8")


def timed_build() -> tuple[float, float]:
    """(wall, CPU) seconds of one build. The CPU time of this process is printed beside the wall time:
    on a machine shared with other work it is the steadier figure (a warm build starts no workers)."""
    from etl.build import build
    from etl.config import load_settings

    wall, cpu = time.perf_counter(), time.process_time()
    build(load_settings())
    return time.perf_counter() - wall, time.process_time() - cpu


def fastest(runs: int) -> tuple[float, float]:
    times = [timed_build() for _ in range(runs)]
    return min(t[0] for t in times), min(t[1] for t in times)


def line(label: str, figures: tuple[float, float], base: tuple[float, float] | None = None) -> str:
    text = f"{label:38s} wall {figures[0]:6.2f} s   CPU {figures[1]:6.2f} s"
    if base:
        text += f"   ratio wall {figures[0] / base[0]:4.2f}, CPU {figures[1] / base[1]:4.2f}"
    return text


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--imports", type=int, default=50)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    sys.path.insert(0, str(REPO))
    mirror = os.environ.get("SOURCE_MIRROR") or str(REPO.parent / "shared" / "mirror")
    with tempfile.TemporaryDirectory() as tmp:
        os.environ.update({"SOURCE_MIRROR": mirror, "WAREHOUSE_PATH": f"{tmp}/warehouse.duckdb",
                           "ETL_CACHE_DIR": f"{tmp}/cache", "ETL_IMPORTS_DIR": f"{tmp}/imports",
                           "GEO_DIR": f"{tmp}/geo", "REPORTS_DIR": f"{tmp}/reports"})
        print(f"cores: {os.cpu_count()}  mirror: {mirror}")
        timed_build()  # fills the download and parse caches
        without = fastest(args.runs)
        print(line("build without imports", without))

        import duckdb
        con = duckdb.connect(f"{tmp}/warehouse.duckdb", read_only=True)
        codes = [r[0] for r in con.execute("SELECT nis_code FROM municipality WHERE vintage = 2019 ORDER BY 1").fetchall()]
        con.close()
        store_imports(Path(tmp) / "imports", codes, args.imports)
        print(f"{args.imports} synthetic imports of {len(codes)} municipalities x {len(YEARS)} years "
              f"({len(codes) * len(YEARS) * args.imports:,} rows)")
        print(line("first build with them (validates)", timed_build(), without))
        print(line("later build with them (reuses)", fastest(args.runs), without) + "   (target <= 1.30)")


if __name__ == "__main__":
    main()
