"""What does one edit in data/raw/ rebuild, now that each report is keyed on the data it read? A benchmark, not a test.

On a scratch copy of the project (data/raw/, notebooks/, src/, reports.yml, CITATION.cff, requirements.lock and
the CJK font cache), with ``SOURCE_DATE_EPOCH`` fixed:

1. a forced full build (``workbook build --force``);
2. a no-change build (goal < 0.5 s);
3. a one-figure edit: one county-level figure of one model in data/raw/facts.csv gets another value (its
   value_text, value, bounds and the quote that contains it, so the data stays valid), then an incremental
   build: reports rebuilt (and why), seconds, ratio to the full build (goal ≤ 0.25);
4. a note-only edit to a fact no page shows (goal: 0 rebuilt);
5. a forced build of the same data, and whether every report page of the incremental builds is byte-identical
   to it.

It prints the trace size in reports/manifest.json and a table of the edits, each with where its time went: ``workbook
data`` (data/processed/ rebuilt from data/raw/), replaying the traces (``workbook list``, which plans as the build
does), and the build itself (which replays again, then starts kernels and runs the reports due); the ratio is that of
data + build to the forced full build. The edits are made on the scratch copy only (data/raw/ of the project is never
written). The machine may be shared: the ratio is what counts.

Example
-------
$ .venv/bin/python benchmarks/rebuild_traces.py --jobs 2
$ .venv/bin/python benchmarks/rebuild_traces.py --keep /tmp/traces-scratch   # keep the copy to look at
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
EPOCH = "1780000000"
COPY = ("data/raw", "notebooks", "src", "reports.yml", "CITATION.cff", "requirements.lock", "pyproject.toml",
        ".cache/fonts")


def scratch_copy(dest: Path) -> Path:
    for part in COPY:
        src = ROOT / part
        if src.is_dir():
            shutil.copytree(src, dest / part, ignore=shutil.ignore_patterns("__pycache__", ".ipynb_checkpoints"))
        elif src.is_file():
            (dest / part).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dest / part)
    return dest


def build(root: Path, jobs: int, *extra: str) -> tuple[float, str]:
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH}
    start = time.perf_counter()
    done = subprocess.run([str(BIN / "workbook"), "--root", str(root), "build", "--jobs", str(jobs), *extra],
                          capture_output=True, text=True, env=env, check=False)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"rebuild_traces: the build failed:\n{done.stdout[-2000:]}\n{done.stderr[-2000:]}")
    return seconds, done.stdout


def timed(root: Path, *command: str) -> tuple[float, str]:
    start = time.perf_counter()
    done = subprocess.run([str(BIN / "workbook"), "--root", str(root), *command], capture_output=True, text=True,
                          env={**os.environ, "SOURCE_DATE_EPOCH": EPOCH}, check=False)
    if done.returncode != 0:
        sys.exit(f"rebuild_traces: workbook {' '.join(command)} failed:\n{done.stdout[-2000:]}\n{done.stderr[-2000:]}")
    return time.perf_counter() - start, done.stdout


def edit_build(root: Path, jobs: int) -> tuple[dict, str]:
    """After an edit: ``workbook data``, ``workbook list`` (the replay alone) and ``workbook build``, each timed."""
    data, _ = timed(root, "data")
    replay, listed = timed(root, "list")
    seconds, out = build(root, jobs)
    due = re.search(r"(\d+) to build", listed)
    manifest = json.loads((root / "reports/manifest.json").read_text(encoding="utf-8"))
    run = sum(e.get("seconds") or 0 for e in manifest["reports"] if e.get("status") == "ok")
    return {"data": data, "replay": replay, "build": seconds, "total": data + seconds, "reports_s": run,
            "listed": int(due.group(1)) if due else -1}, out


def built_lines(out: str) -> list[str]:
    """The progress lines of reports that ran: "<id> (<why>)"."""
    lines = []
    for line in out.splitlines():
        m = re.search(r"\]\s+(ok|failed)\s+(\S+)\s+[\d.]+ s(?:\s+\((.*)\))?", line)
        if m:
            lines.append(f"{m.group(2)} ({m.group(3) or ''})")
    return lines


def read_rows(path: Path) -> tuple[list[str], list[dict]]:
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))
    return list(rows[0]), rows


def write_rows(path: Path, fields: list[str], rows: list[dict]) -> None:
    out = io.StringIO()
    w = csv.DictWriter(out, fieldnames=fields, lineterminator="\n")
    w.writeheader()
    w.writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")


def county_figures(root: Path) -> list[int]:
    """Rows of facts.csv that are a reported, plain whole number ("37名", "120个") about a county-level place of the
    model's own, whose quote contains it: candidates for a one-figure edit (the first that checks is used)."""
    _, regions = read_rows(root / "data/raw/regions.csv")
    county = {r["region_code"] for r in regions if r["level"] == "county"}
    _, facts = read_rows(root / "data/raw/facts.csv")
    out = []
    for i, f in enumerate(facts):
        m = re.fullmatch(r"(\d+)(\D{1,3})", f["value_text"])
        if (m and f["region_code"] in county and f["status"] == "reported" and f["qualifier"] == "exact"
                and f["value_text"] in f["evidence"] and f["value"] in (m.group(1), m.group(1) + ".0")
                and not f["duplicate_of"] and not f["conflicts_with"]):
            out.append(i)
    return out


def edit_figure(root: Path, index: int) -> str:
    path = root / "data/raw/facts.csv"
    fields, rows = read_rows(path)
    f = rows[index]
    number, unit = re.fullmatch(r"(\d+)(\D{1,3})", f["value_text"]).groups()
    new = str(int(number) + 1)
    f["evidence"] = f["evidence"].replace(f["value_text"], new + unit, 1)
    f["value_text"] = new + unit
    for column in ("value", "value_low", "value_high"):
        if f[column] not in ("", None):
            f[column] = new
    write_rows(path, fields, rows)
    return f"{f['fact_id']} ({f['model_id']}, region {f['region_code']}): {number}{unit} → {new}{unit}"


def edit_note(root: Path) -> str:
    """Add to the note of the fact the fewest report pages name (none, ideally): the edit changes no figure."""
    path = root / "data/raw/facts.csv"
    fields, rows = read_rows(path)
    named: dict[str, set[str]] = {f["fact_id"]: set() for f in rows}
    for page in (root / "reports").glob("*.html"):
        if page.name not in ("index.html", "changes.html"):
            for fid in set(re.findall(r"[a-z0-9_]+-\d{2,3}", page.read_text(encoding="utf-8"))) & set(named):
                named[fid].add(page.stem)
    f = min(rows, key=lambda f: (len(named[f["fact_id"]]), f["fact_id"]))
    f["note"] = (f["note"] + " " if f["note"] else "") + "checked again"
    write_rows(path, fields, rows)
    pages = sorted(named[f["fact_id"]])
    return f"{f['fact_id']} named on {len(pages)} page(s){': ' + ', '.join(pages) if pages else ''}"


def check(root: Path) -> bool:
    return subprocess.run([str(BIN / "workbook"), "--root", str(root), "check"], capture_output=True, check=False).returncode == 0


def pages(root: Path) -> dict[str, str]:
    """Every report page's SHA-256 (not the index or the changes page, which list the builds themselves)."""
    skip = {"index.html", "changes.html"}
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted((root / "reports").glob("*.html"))
            if p.name not in skip}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--keep", type=Path, help="make the scratch copy here and keep it")
    args = ap.parse_args()
    base = args.keep or Path(tempfile.mkdtemp(prefix="rebuild-traces-"))
    root = scratch_copy(base / "project")
    table = []
    try:
        full, out = build(root, args.jobs, "--force")
        n_full = len(built_lines(out))
        print(f"forced full build: {n_full} reports in {full:.1f} s", flush=True)
        if args.keep:  # the pages of the unedited data, to compare with another version's forced build
            shutil.copytree(root / "reports", base / "first-forced", ignore=shutil.ignore_patterns("_failed"))
        manifest = json.loads((root / "reports/manifest.json").read_text(encoding="utf-8"))
        traces = [e.get("trace") or [] for e in manifest["reports"]]
        trace_bytes = sum(len(json.dumps(t, ensure_ascii=False, sort_keys=True)) for t in traces)
        size = (root / "reports/manifest.json").stat().st_size
        print(f"traces in the manifest: {trace_bytes} bytes of {size} ({sum(map(len, traces))} reads, "
              f"{trace_bytes // max(1, len(traces))} bytes per report)")

        nothing, out = build(root, args.jobs)
        table.append(("nothing changed", len(built_lines(out)), {"data": 0.0, "replay": 0.0, "build": nothing,
                                                                 "total": nothing, "reports_s": 0.0, "listed": 0}))

        candidates = county_figures(root)
        for label, order in (("first", candidates), ("last", candidates[::-1])):  # two, chosen by file order only
            for index in order:
                saved = (root / "data/raw/facts.csv").read_bytes()
                what = edit_figure(root, index)
                if check(root):
                    break
                (root / "data/raw/facts.csv").write_bytes(saved)
            else:
                raise SystemExit("rebuild_traces: no county-level figure could be edited and still check")
            times, out = edit_build(root, args.jobs)
            rebuilt = built_lines(out)
            table.append((f"one county figure ({label}): {what}", len(rebuilt), times))
            print(f"rebuilt after the one-figure edit ({what}):\n  " + "\n  ".join(rebuilt), flush=True)
        incremental = pages(root)

        what = edit_note(root)
        times, out = edit_build(root, args.jobs)
        table.append((f"note only: {what}", len(built_lines(out)), times))
        if built_lines(out):
            print("rebuilt after the note-only edit:\n  " + "\n  ".join(built_lines(out)))
        incremental_note = pages(root)

        forced, out = build(root, args.jobs, "--force")
        same = pages(root)
        differ = sorted(n for n in same if incremental_note.get(n) != same[n])
        changed_by_note = sorted(n for n in same if incremental.get(n) != incremental_note.get(n))

        print()
        print("seconds: data = `workbook data`; replay = `workbook list` (plan and replay, no kernel); build = "
              "`workbook build` (replays again, then kernels); reports = the rebuilt reports' own seconds, summed")
        print(f"{'edit':<62} {'rebuilt':>7} {'data':>6} {'replay':>6} {'build':>6} {'reports':>7} {'total':>6} "
              f"{'ratio':>6}")
        for name, count, t in table:
            print(f"{name[:62]:<62} {count:>7} {t['data']:>6.1f} {t['replay']:>6.1f} {t['build']:>6.1f} "
                  f"{t['reports_s']:>7.1f} {t['total']:>6.1f} {t['total'] / full:>6.3f}")
        print(f"{'forced full build':<62} {n_full:>7} {'':>6} {'':>6} {full:>6.1f} {'':>7} {full:>6.1f} {1:>6.3f}")
        print(f"{'forced build of the same data (for the comparison)':<62} {len(built_lines(out)):>7} {'':>6} {'':>6} "
              f"{forced:>6.1f}")
        print()
        print(f"pages of the incremental builds byte-identical to a forced build: {'yes' if not differ else 'NO'} "
              f"({len(same) - len(differ)} of {len(same)}" + (f"; differ: {', '.join(differ[:8])}" if differ else "")
              + ")")
        print(f"pages the note-only edit changed: {len(changed_by_note)}")
        print(f"`workbook list` agreed with the build on how many to rebuild: "
              f"{all(t['listed'] == c for _, c, t in table[1:])}")
        print(f"goals: one-figure edit ≤ 0.25 of a full build: {table[1][2]['total'] / full:.3f} and "
              f"{table[2][2]['total'] / full:.3f} (of the second forced build, {forced:.1f} s, whose caches are "
              f"warm as the edits' were: {table[1][2]['total'] / forced:.3f} and {table[2][2]['total'] / forced:.3f}); "
              f"no-change < 0.5 s: {nothing:.2f} s; note-only edit rebuilds 0: {table[3][1]}")
        return 0 if not differ else 1
    finally:
        if args.keep is None:
            shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
