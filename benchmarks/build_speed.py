"""How fast is ``workbook build``, against the loop a user would script? A benchmark, not a test.

One run prints:

Both builds rebuild every report, as after a change to data/raw/ (the data hash is in every key). They
use the CJK font cache (``.cache/fonts``, one subset per page) as they find it, like a researcher's
rebuild; ``--empty-font-cache`` empties it before each, like a fresh clone's first build. The number of
cached subsets is printed before each build.

1. isolated cold build: ``workbook build --force --isolated`` (a fresh kernel per report, as before);
2. cold build: ``workbook build --force`` (kernels forked from a zygote that imported the libraries once),
   and whether every page is byte-identical to the isolated build's (``SOURCE_DATE_EPOCH`` is set);
3. the naive loop: per report, serially, the ``papermill`` CLI then ``jupyter nbconvert --to html``, into a
   scratch folder. By default it runs one report per notebook and estimates the others of that notebook
   from it: the sampled report's naive time plus the difference between the two reports' own seconds in
   the isolated build (reports of one notebook differ in their work, e.g. how many charts a model has;
   start-up costs are the same). ``--naive-all`` runs every report;
4. the ratios cold / naive and isolated / naive, and the median seconds per report;
5. a no-change build (a fresh process, nothing changed);
6. the first-cell time of each notebook: in a fresh kernel, run the parameters cell, then time the first
   code cell (``from helpers.pages import report ...; r = report.start(...)``), as a JupyterLab user would.

Goals (issue 13): cold ≤ 0.10 × naive, identical bytes to --isolated, no-change build < 0.5 s.
The machine may be shared: quote medians and ratios, and run it twice if the numbers look odd.

Example
-------
$ .venv/bin/python benchmarks/build_speed.py                       # everything, --jobs = CPU count
$ .venv/bin/python benchmarks/build_speed.py --only 'profile-q*' --jobs 2
$ .venv/bin/python benchmarks/build_speed.py --parts first-cell    # only the first-cell times
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
EPOCH = "1700000000"
PARTS = ("builds", "naive", "first-cell")


def timed(cmd: list[str], **kw) -> tuple[float, subprocess.CompletedProcess]:
    start = time.perf_counter()
    done = subprocess.run(cmd, capture_output=True, text=True, check=False, **kw)  # the caller reads returncode
    return time.perf_counter() - start, done


def last_line(done: subprocess.CompletedProcess) -> str:
    lines = done.stdout.strip().splitlines()
    return lines[-1] if lines else done.stderr.strip()[-300:]


def page_hashes(reports: Path) -> dict[str, str]:
    return {p.relative_to(reports).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(reports.rglob("*.html")) if p.name != "index.html"}


def own_seconds(reports: Path, ids: set[str]) -> dict[str, float]:
    """Each built report's own seconds in the last build (its time in its worker), from the manifest."""
    try:
        entries = json.loads((reports / "manifest.json").read_text(encoding="utf-8"))["reports"]
    except (OSError, ValueError, KeyError):
        return {}
    return {e["id"]: e["seconds"] for e in entries if e["id"] in ids and e["status"] == "ok"}


def median_seconds(reports: Path, ids: set[str]) -> float:
    secs = list(own_seconds(reports, ids).values())
    return statistics.median(secs) if secs else float("nan")


def failures_of(done: subprocess.CompletedProcess) -> None:
    for line in done.stderr.splitlines():
        if "FAILED" in line:
            print(f"    {line.strip()}")


def naive(root: Path, reports, scratch: Path, env: dict) -> tuple[float, int]:
    """The serial CLI loop over ``reports``; returns (seconds, failures)."""
    import yaml

    failures, start = 0, time.perf_counter()
    for r in reports:
        out = scratch / f"{r.id}.ipynb"
        params = scratch / f"{r.id}.yml"
        params.write_text(yaml.safe_dump(r.parameters, allow_unicode=True), encoding="utf-8")
        nb = root / r.notebook
        _, done = timed([str(BIN / "papermill"), str(nb), str(out), "-f", str(params), "--cwd", str(nb.parent)],
                        env=env)
        if done.returncode != 0:
            print(f"    naive: papermill failed on {r.id}: {done.stderr.strip().splitlines()[-1:]}")
            failures += 1
            continue
        _, done = timed([str(BIN / "jupyter"), "nbconvert", "--to", "html", str(out), "--output-dir", str(scratch)],
                        env=env)
        failures += done.returncode != 0
    return time.perf_counter() - start, failures


def naive_estimate(root: Path, reports, run_all: bool, env: dict, own: dict[str, float]) -> tuple[float, int, str]:
    """The naive loop's time for ``reports``: run, or estimated from one report per notebook.

    ``own`` holds each report's seconds in a build (the isolated one); report r of a notebook whose sampled
    report s took N seconds in the naive loop is estimated at N + own[r] - own[s]. Without ``own`` every
    report of a notebook counts as its sample."""
    with tempfile.TemporaryDirectory(prefix="naive-build-") as scratch:
        if run_all:
            seconds, failures = naive(root, reports, Path(scratch), env)
            return seconds, failures, f"all {len(reports)} reports run"
        sample = {}
        for r in reports:
            sample.setdefault(r.notebook, r)
        measured, failures = {}, 0
        for notebook, r in sample.items():
            measured[notebook], failed = naive(root, [r], Path(scratch), env)
            failures += failed
        adjust = all(r.id in own for r in reports)
        total = sum(measured[r.notebook] + (own[r.id] - own[sample[r.notebook].id] if adjust else 0.0)
                    for r in reports)
        how = "adjusted by each report's own seconds in the isolated build" if adjust else "no build times to adjust by"
        return total, failures, f"estimated from {len(sample)} reports, one per notebook, {how}"


def first_cell_times(root: Path, env: dict) -> list[tuple[str, float, float]]:
    """Per notebook: (name, seconds of the first code cell after the parameters, kernel start seconds)."""
    import nbformat
    from jupyter_client.manager import start_new_kernel

    rows = []
    for path in sorted((root / "notebooks").glob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        code = [c for c in nb.cells if c.cell_type == "code"]
        params = [c for c in code if "parameters" in c.metadata.get("tags", [])]
        after = code[code.index(params[0]) + 1] if params else code[0]
        started = time.perf_counter()
        km, kc = start_new_kernel(kernel_name="python3", cwd=str(path.parent), env=env)
        boot = time.perf_counter() - started
        try:
            for cell in params:
                kc.execute_interactive(cell.source, timeout=120, output_hook=lambda msg: None)
            start = time.perf_counter()
            reply = kc.execute_interactive(after.source, timeout=300, output_hook=lambda msg: None)
            seconds = time.perf_counter() - start
            if reply["content"]["status"] != "ok":
                seconds = float("nan")
        finally:
            kc.stop_channels()
            km.shutdown_kernel(now=True)
        rows.append((path.stem, seconds, boot))
    return rows


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--root", default=str(ROOT), help="project folder (default: this checkout)")
    p.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    p.add_argument("--only", nargs="*", default=[], metavar="REPORT_ID", help="ids or globs (default: all)")
    p.add_argument("--naive-all", action="store_true", help="run the naive loop over every report (slow)")
    p.add_argument("--parts", nargs="*", choices=PARTS, default=list(PARTS), help="what to measure (default: all)")
    p.add_argument("--empty-font-cache", action="store_true",
                   help="empty .cache/fonts before each build (a fresh clone's first build); by default the "
                        "builds use the cache as it is, as after a data change")
    args = p.parse_args(argv)
    root = Path(args.root).resolve()
    sys.path.insert(0, str(root / "src"))
    from helpers.site.execute import kernel_env
    from helpers.site.spec import load_reports, select

    reports = select(load_reports(root), args.only)
    ids = {r.id for r in reports}
    # the project's own code (not whatever `workbook` the environment has installed)
    workbook = [sys.executable, "-m", "helpers.cli", "--root", str(root), "build", "--jobs", str(args.jobs), *args.only]
    path = os.pathsep.join(filter(None, [str(root / "src"), os.environ.get("PYTHONPATH", "")]))
    env = {**os.environ, "PYTHONPATH": path, "MPLBACKEND": "Agg", "PYDEVD_DISABLE_FILE_VALIDATION": "1",
           "SOURCE_DATE_EPOCH": EPOCH}
    print(f"{len(reports)} reports, --jobs {args.jobs}, {os.cpu_count()} CPUs, load average "
          f"{' '.join(f'{x:.1f}' for x in os.getloadavg())}, root {root}")

    if "builds" in args.parts:
        fonts = root / ".cache" / "fonts"

        def font_cache() -> str:
            if args.empty_font_cache:
                shutil.rmtree(fonts, ignore_errors=True)
            return f"font cache: {len(list(fonts.glob('*.woff'))) if fonts.is_dir() else 0} subsets"

        print(f"before the isolated build, {font_cache()}")
        isolated, done = timed([*workbook, "--force", "--isolated"], env=env)
        print(f"isolated cold build (--force --isolated): {isolated:7.1f} s   exit {done.returncode}   {last_line(done)}")
        failures_of(done)
        fresh = page_hashes(root / "reports")
        iso_median = median_seconds(root / "reports", ids)
        iso_own = own_seconds(root / "reports", ids)
        print(f"before the cold build, {font_cache()}")
        cold, done = timed([*workbook, "--force"], env=env)
        print(f"cold build (--force):                     {cold:7.1f} s   exit {done.returncode}   {last_line(done)}")
        failures_of(done)
        forked = page_hashes(root / "reports")
        same = sorted(k for k in forked if fresh.get(k) == forked[k])
        differ = sorted((set(forked) | set(fresh)) - set(same))
        print(f"pages identical to --isolated:            {len(same)}/{len(set(forked) | set(fresh))}"
              + (f"   DIFFER: {' '.join(differ)}" if differ else ""))
        print(f"median seconds per report:                {median_seconds(root / 'reports', ids):7.2f} s cold, "
              f"{iso_median:.2f} s isolated (each report's own time in its worker)")
    if "naive" in args.parts:
        slow, failures, how = naive_estimate(root, reports, args.naive_all, env,
                                             iso_own if "builds" in args.parts else {})
        print(f"naive papermill + nbconvert loop:         {slow:7.1f} s   ({how}; {failures} failed)")
        if "builds" in args.parts:
            print(f"ratio cold / naive:                       {cold / slow:7.3f}   (goal ≤ 0.10)")
            print(f"ratio isolated / naive:                   {isolated / slow:7.3f}")
            print(f"ratio cold / isolated:                    {cold / isolated:7.3f}")
    if "builds" in args.parts:
        again, done = timed(workbook, env=env)
        print(f"no-change build:                          {again:7.2f} s   exit {done.returncode}   "
              f"{last_line(done)}   (goal < 0.5 s)")
        sizes = sorted((p.stat().st_size, p.name) for p in (root / "reports").glob("*.html") if p.name != "index.html")
        if sizes:
            print(f"largest report:                           {sizes[-1][0] / 1024:7.0f} KiB  {sizes[-1][1]}  "
                  f"(total {sum(s for s, _ in sizes) / 1024 / 1024:.1f} MiB in {len(sizes)} reports)")
    if "first-cell" in args.parts:
        kenv = {**os.environ, **kernel_env(root)}
        print("first cell in a fresh kernel (after the parameters cell):")
        for name, seconds, boot in first_cell_times(root, kenv):
            print(f"  {name:<28} {seconds:6.2f} s   (kernel start {boot:.2f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
