"""How long does the province map take, cold (no boundary cache) and warm, and how big is its PNG?

A benchmark, not a test. Each run is a fresh Python process with its own empty cache folder, so
"cold" includes simplifying the boundaries and "warm" reads them back; the import of geopandas and
matplotlib is timed apart. Goals (issue 8): warm draw + PNG < 1.5 s; PNG < 400 KB.

Example
-------
$ .venv/bin/python benchmarks/map_speed.py
$ .venv/bin/python benchmarks/map_speed.py --lang en --keep /tmp/map.png
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

ONE_RUN = r"""
import json, sys, time
t0 = time.perf_counter()
import pandas as pd
from helpers.pages import geo, maps, plots
t1 = time.perf_counter()
cache, lang, keep = sys.argv[1], sys.argv[2], sys.argv[3]
real = geo.cache_dir
geo.cache_dir = lambda root=None: real(root or cache)
values = pd.DataFrame({"region_code": ["440000", "430000", "640000", "370000", "510000", "330000"],
                       "category": ["≥ 95%", "≥ 95%", "50–95%", "50–95%", "< 50%", "≥ 95%"],
                       "qualifier": ["exact", "at_least", "approx", "exact", "exact", "exact"]})
outlines = pd.DataFrame({"region_code": ["370200", "370100", "510100", "330481", "451100", "152900", "150627",
                                         "530502"],
                         "label": ["青岛", "济南", "成都", "海宁", "贺州", "阿拉善盟", "伊金霍洛旗", "隆阳"],
                         "operating_mode": ["hybrid", "service_purchase", "service_purchase",
                                            "direct_employment", "cross_region_partnership",
                                            "talent_development", "volunteer_linkage", "staff_integration"]})
t2 = time.perf_counter()
fig = maps.province_map(values, outlines, lang=lang, title="map")
t3 = time.perf_counter()
png = plots.to_png(fig)
t4 = time.perf_counter()
if keep:
    open(keep, "wb").write(png)
print(json.dumps({"import": t1 - t0, "draw": t3 - t2, "png": t4 - t3, "bytes": len(png)}))
"""


def run(cache: str, lang: str, keep: str) -> dict:
    env = {"PYTHONPATH": str(ROOT / "src"), "PATH": "/usr/bin:/bin"}
    done = subprocess.run([sys.executable, "-c", ONE_RUN, cache, lang, keep], capture_output=True, text=True,
                          env=env, cwd=tempfile.gettempdir(), check=False)
    if done.returncode != 0:
        sys.exit(f"map_speed: the map run failed:\n{done.stderr.strip()}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--lang", choices=("zh", "en"), default="zh")
    ap.add_argument("--keep", default="", help="write the warm run's PNG here")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="map-speed-") as cache:
        cold = run(cache, args.lang, "")
        warm = run(cache, args.lang, args.keep)
    for name, r in (("cold", cold), ("warm", warm)):
        print(f"{name}: import {r['import']:.2f} s, draw {r['draw']:.2f} s, PNG {r['png']:.2f} s, "
              f"{r['bytes'] / 1024:.0f} KB")
    total = warm["draw"] + warm["png"]
    print(f"warm draw + PNG = {total:.2f} s = {total / 1.5:.2f} × the 1.5 s goal; "
          f"PNG = {warm['bytes'] / 1024 / 400:.2f} × the 400 KB goal; "
          f"cold/warm draw = {cold['draw'] / warm['draw']:.1f}×")
    return 0


if __name__ == "__main__":
    sys.exit(main())
