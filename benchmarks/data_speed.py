"""How long does ``workbook data`` take after a one-figure edit? A benchmark, not a test.

On scratch copies of the project (data/raw/, data/licence.yml, CITATION.cff, reports.yml, pyproject.toml; the
project's own data/raw/ is never written), each run first edits one county figure in facts.csv (its value_text,
value, bounds and the quote that contains it go one up, the next run back down, so the data stays valid and
alternates between two states), then runs ``workbook data`` as a new process and times it (wall and CPU seconds).
The first run of each copy builds data/processed/ (and .cache/) from nothing and is not counted.

With ``--against REF`` (a git ref, e.g. ``main``) the same is done with the code of REF (its src/, through
PYTHONPATH) on a second copy, the two alternating run by run so both see the same machine; after every pair
the data/processed/ files of the two copies (same data/raw/) are compared byte for byte.

``--phases`` adds where the time goes inside one run of the current code (in one process: imports, reading and
schema checks, the rules across tables, the processed tables, each writer).

The machine may be shared: the load average is printed beside the timings; quote medians and the ratio.

Example
-------
$ .venv/bin/python benchmarks/data_speed.py --against main --runs 7 --phases
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import io
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
COPY = ("data/raw", "data/licence.yml", "CITATION.cff", "reports.yml", "pyproject.toml")
FACT = "gd_boluo_2022-02"  # Boluo county's village points (a county figure of guangdong_shuangbai)


def scratch_copy(dest: Path) -> Path:
    for part in COPY:
        src = ROOT / part
        if src.is_dir():
            shutil.copytree(src, dest / part)
        elif src.is_file():
            (dest / part).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dest / part)
    return dest


def edit_figure(root: Path, fact_id: str, step: int) -> None:
    """Add ``step`` to one fact's figure: value_text, value, bounds and the same text in its quote."""
    path = root / "data/raw/facts.csv"
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))
    f = next(r for r in rows if r["fact_id"] == fact_id)
    number, unit = re.fullmatch(r"(\d+)(\D{0,3})", f["value_text"]).groups()
    new = str(int(number) + step)
    f["evidence"] = f["evidence"].replace(f["value_text"], new + unit, 1)
    f["value_text"] = new + unit
    for column in ("value", "value_low", "value_high"):
        if f[column]:
            f[column] = new
    out = io.StringIO()
    w = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    w.writeheader()
    w.writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")


def run_data(root: Path, src: Path) -> tuple[float, float]:
    """``workbook data`` on ``root`` with the helpers of ``src``: (wall, CPU) seconds."""
    env = {**os.environ, "PYTHONPATH": str(src)}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "helpers.cli", "--root", str(root), "data"], env=env,
                          capture_output=True, text=True, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        sys.exit(f"workbook data failed on {root}: {done.stderr.strip()}")
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def digests(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir()) if p.is_file()}


def load() -> str:
    return "load {:.2f} {:.2f} {:.2f}".format(*os.getloadavg())


def code_of(ref: str, dest: Path) -> Path:
    """The src/ of git ref ``ref``, unpacked under ``dest``."""
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", ref, "src"], capture_output=True, check=True)
    subprocess.run(["tar", "x", "-C", str(dest)], input=archive.stdout, check=True)
    return dest / "src"


PHASES = r"""
import sys, time, tempfile
from pathlib import Path
t = time.perf_counter
marks = [("start", t())]
def mark(name): marks.append((name, t()))
import pandas
mark("import pandas")
import pandera
mark("import pandera")
from helpers.paths import Project
from helpers.data import check, processed
from helpers.data.checks_catalogue import catalogue_problems
from helpers.data.checks_cells import cell_problems
from helpers.data.citations import write_citations
from helpers.data.codebook import codebook_frame
from helpers.data.datapackage import write_datapackage
mark("import helpers")
project = Project.at(sys.argv[1])
raw, problems = check.load_raw(project)
mark("read + schema checks (pandera)")
problems += check.check_tables(raw)
mark("rules across tables")
problems += cell_problems(raw) + catalogue_problems(raw)
mark("cell + catalogue checks")
assert not problems, problems[:3]
tables = processed.processed_tables(raw)
mark("processed tables")
out = Path(tempfile.mkdtemp())
for name, df in tables.items():
    df.to_parquet(out / f"{name}.parquet", index=False, engine="pyarrow")
mark("parquet")
for name, df in tables.items():
    df.to_csv(out / f"{name}.csv", index=False, encoding="utf-8", lineterminator="\n")
mark("csv")
write_citations(tables["sources"], out)
write_datapackage(tables, out, project.data_hash(), project.root)
mark("citations + datapackage")
sheets = {**tables, "codebook": codebook_frame(tables)}
try:
    from helpers.data.xlsx import write_xlsx
    write_xlsx(sheets, out / "workbook_data.xlsx", project.cache / "xlsx")
except ImportError:  # code from before helpers.data.xlsx
    processed._write_xlsx(sheets, out / "workbook_data.xlsx")
mark("workbook_data.xlsx")
for (_, a), (name, b) in zip(marks, marks[1:]):
    print(f"  {name:34s} {b - a:6.2f} s")
print(f"  {'total':34s} {marks[-1][1] - marks[0][1]:6.2f} s")
"""


def phases(root: Path, src: Path, fact_id: str, step: int) -> str:
    edit_figure(root, fact_id, step)
    done = subprocess.run([sys.executable, "-c", PHASES, str(root)], env={**os.environ, "PYTHONPATH": str(src)},
                          capture_output=True, text=True, check=False)
    return done.stdout if done.returncode == 0 else done.stderr


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=5, help="counted runs of each (default 5)")
    ap.add_argument("--against", metavar="REF", help="also time the code of this git ref (e.g. main), alternating")
    ap.add_argument("--fact", default=FACT, help=f"the fact whose figure is edited (default {FACT})")
    ap.add_argument("--phases", action="store_true", help="also print the time of each phase of one run")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="data-speed-") as tmp:
        tmp = Path(tmp)
        sides = {"this checkout": (scratch_copy(tmp / "new"), ROOT / "src")}
        if args.against:
            (tmp / "ref").mkdir()
            sides[args.against] = (scratch_copy(tmp / "old"), code_of(args.against, tmp / "ref"))
        print(f"workbook data after a one-figure edit ({args.fact}), {args.runs} runs each; {load()}")
        times = {name: [] for name in sides}
        differ = set()
        for i in range(args.runs + 1):
            step = 1 if i % 2 == 0 else -1
            for name, (root, src) in sides.items():
                edit_figure(root, args.fact, step)
                wall, cpu = run_data(root, src)
                if i:  # the first run builds from nothing
                    times[name].append((wall, cpu))
            if args.against:
                new, old = (digests(root / "data/processed") for root, _ in sides.values())
                differ |= {f for f in new.keys() | old.keys() if new.get(f) != old.get(f)}
        for name, rows in times.items():
            walls, cpus = zip(*rows)
            print(f"  {name:16s} wall median {statistics.median(walls):5.2f} s (min {min(walls):.2f}, max "
                  f"{max(walls):.2f}); CPU median {statistics.median(cpus):5.2f} s")
        if args.against:
            (a, b) = (times["this checkout"], times[args.against])
            ratios = sorted(x[0] / y[0] for x, y in zip(a, b))
            cpu_ratios = sorted(x[1] / y[1] for x, y in zip(a, b))
            print(f"  ratio this/{args.against} (pair by pair): wall median {statistics.median(ratios):.2f}, "
                  f"CPU median {statistics.median(cpu_ratios):.2f}")
            print("  data/processed/ byte-identical in every pair" if not differ else
                  f"  data/processed/ files that differ: {', '.join(sorted(differ))}")
        print(f"  ({load()})")
        if args.phases:
            for name, (root, src) in sides.items():
                print(f"phases of one run ({name}; {load()}):")
                print(phases(root, src, args.fact, 1 if args.runs % 2 == 1 else -1), end="")
    return 0


if __name__ == "__main__":
    sys.exit(main())
