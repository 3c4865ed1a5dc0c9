"""How much faster is ``workbook build`` than the loop a user would script? A benchmark, not a test.

Builds the full report set three ways and prints the wall-clock times:

1. cold: ``workbook build --force`` (process pool, in-process HTML export);
2. naive: for each report, serially, the ``papermill`` CLI then the ``jupyter nbconvert --to html`` CLI,
   into a scratch folder (reports/ is not touched);
3. no change: ``workbook build`` again, a fresh process, with nothing changed.

Goals (issue 4): cold ≤ 0.35 × naive on a 2-core machine; no-change rebuild < 1.5 s.

Example
-------
$ .venv/bin/python benchmarks/build_speed.py            # the whole set, --jobs = CPU count
$ .venv/bin/python benchmarks/build_speed.py --only 'profile-q*' --jobs 2
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def timed(cmd: list[str], **kw) -> tuple[float, subprocess.CompletedProcess]:
    start = time.perf_counter()
    done = subprocess.run(cmd, capture_output=True, text=True, **kw)
    return time.perf_counter() - start, done


def naive(root: Path, reports, scratch: Path) -> tuple[float, int]:
    """The serial CLI loop; returns (seconds, failures)."""
    import yaml

    failures, start = 0, time.perf_counter()
    for r in reports:
        out = scratch / f"{r.id}.ipynb"
        params = scratch / f"{r.id}.yml"
        params.write_text(yaml.safe_dump(r.parameters, allow_unicode=True), encoding="utf-8")
        nb = root / r.notebook
        _, done = timed([str(BIN / "papermill"), str(nb), str(out), "-f", str(params), "--cwd", str(nb.parent)])
        if done.returncode != 0:
            failures += 1
            continue
        _, done = timed([str(BIN / "jupyter"), "nbconvert", "--to", "html", str(out), "--output-dir", str(scratch)])
        failures += done.returncode != 0
    return time.perf_counter() - start, failures


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--root", default=str(ROOT), help="project folder (default: this checkout)")
    p.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    p.add_argument("--only", nargs="*", default=[], metavar="REPORT_ID", help="ids or globs (default: all)")
    args = p.parse_args(argv)
    root = Path(args.root).resolve()
    sys.path.insert(0, str(root / "src"))
    from helpers.build.spec import load_reports, select

    reports = select(load_reports(root), args.only)
    workbook = [str(BIN / "workbook"), "--root", str(root), "build", "--jobs", str(args.jobs), *args.only]
    env = {**os.environ, "MPLBACKEND": "Agg", "PYDEVD_DISABLE_FILE_VALIDATION": "1"}
    print(f"{len(reports)} reports, --jobs {args.jobs}, {os.cpu_count()} CPUs, root {root}")

    cold, done = timed([*workbook, "--force"], env=env)
    print(f"cold build (--force):      {cold:7.1f} s   exit {done.returncode}   {done.stdout.strip().splitlines()[-1]}")
    if done.returncode:
        print(done.stderr.strip()[-2000:], file=sys.stderr)
    with tempfile.TemporaryDirectory(prefix="naive-build-") as scratch:
        slow, failures = naive(root, reports, Path(scratch))
    print(f"naive papermill+nbconvert: {slow:7.1f} s   ({failures} failed)")
    print(f"ratio cold / naive:        {cold / slow:7.2f}   (goal ≤ 0.35)")
    again, done = timed(workbook, env=env)
    print(f"no-change rebuild:         {again:7.2f} s   exit {done.returncode}   "
          f"{done.stdout.strip().splitlines()[-1]}   (goal < 1.5 s)")
    sizes = sorted((p.stat().st_size, p.name) for p in (root / "reports").glob("*.html") if p.name != "index.html")
    if sizes:
        print(f"largest report:            {sizes[-1][0] / 1024:7.0f} KiB  {sizes[-1][1]}  "
              f"(total {sum(s for s, _ in sizes) / 1024 / 1024:.1f} MiB in {len(sizes)} reports)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
