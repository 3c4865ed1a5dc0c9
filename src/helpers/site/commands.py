"""``workbook list`` and ``workbook build``: added to the main ``workbook`` command by ``add_commands``.

Exit codes: 0 every report built or up to date; 1 a report failed, or another build holds the lock;
2 bad usage (unknown report id, invalid reports.yml). Progress goes to stdout, errors to stderr.

>>> import argparse
>>> p = argparse.ArgumentParser(prog="workbook"); sub = p.add_subparsers(dest="command")
>>> add_commands(sub)
>>> p.parse_args(["build", "overview-*", "--jobs", "2"]).jobs
2
"""

from __future__ import annotations

import argparse
import os
import sys

from helpers.paths import Project
from helpers.site.publish import FAILED_DIR, INDEX
from helpers.site.sitestate import stamp


def _project(args) -> Project:
    return Project.from_option(getattr(args, "root", None))


def _positive(text: str) -> int:
    try:
        n = int(text)
    except ValueError:
        n = 0
    if n < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 1, got {text!r}")
    return n


def _seconds(text: str) -> float:
    """A finite, non-negative number of seconds (``nan``, ``inf`` and ``-1`` are refused)."""
    import math

    try:
        n = float(text)
    except ValueError:
        n = math.nan
    if not math.isfinite(n) or n < 0:
        raise argparse.ArgumentTypeError(f"expected a number of seconds, 0 or more, got {text!r}")
    return n


def _timeout(text: str) -> float:
    """Seconds per cell: a finite number above 0."""
    n = _seconds(text)
    if n <= 0:
        raise argparse.ArgumentTypeError(f"expected seconds per cell, above 0, got {text!r}")
    return n


def _removed(project: Project, page: str) -> str:
    """``reports/x.html (report 'x' is no longer in reports.yml)`` for a page a build deletes."""
    rid = page.rsplit("/", 1)[-1][: -len(".html")]
    return f"{project.rel(project.reports / page)} (report {rid!r} is no longer in reports.yml)"


def _warn_manifest(project: Project, command: str) -> None:
    from helpers.site.plan import manifest_problem

    problem = manifest_problem(project)
    if problem:
        print(f"workbook {command}: warning: {problem}; every report will be rebuilt", file=sys.stderr,
              flush=True)


def cmd_list(args) -> int:
    from helpers.site.plan import manifest_entries, plan
    from helpers.site.spec import load_reports, select

    project = _project(args)
    _warn_manifest(project, "list")
    # a BuildError (bad reports.yml, unknown id: exit 2) is one line, printed by helpers.cli.main
    declared = load_reports(project.root)
    reports = select(declared, args.reports)
    _current_tables(project)
    steps, _, manifest = plan(project, reports, jobs=os.cpu_count() or 1)  # replays as a build would
    width = max(len(s.report.id) for s in steps)
    for s in steps:
        params = " ".join(f"{k}={','.join(v) if isinstance(v, list) else v}"
                          for k, v in s.report.parameters.items())
        state = "up to date" if not s.due else f"to build ({s.reason})"
        print(f"{s.report.id:<{width}}  {os.path.basename(s.report.notebook):<28}  {params:<40}  {state}")
    stale = sum(s.due for s in steps)
    from helpers.site.publish import orphan_pages

    # A build (filtered or not) removes only the pages of reports no longer in reports.yml, so the pages of the
    # reports a pattern leaves out are not orphans.
    for page in orphan_pages(project.reports, set(manifest_entries(manifest)), {r.id for r in declared}):
        print(f"workbook list: the next build removes {_removed(project, page)}")
    print(f"workbook list: {len(steps)} report(s), {stale} to build, {len(steps) - stale} up to date")
    return 0


def _current_tables(project: Project) -> None:
    """Rebuild data/processed/ when data/raw/ changed, so `workbook list` can replay the reports' traces on it (as
    the build will); with problems in data/raw/ it says so and lists the reports that read data as to build."""
    if project.processed_problem() is None:
        return
    from helpers.data.processed import DataCheckFailed, ensure_current

    try:
        ensure_current(project)
    except DataCheckFailed as e:
        print(f"workbook list: data/raw/ has {len(e.problems)} problem(s) (see `workbook check`)", file=sys.stderr)


def cmd_build(args) -> int:
    from helpers.site.export import source_date_epoch
    from helpers.site.run import build_reports

    project = _project(args)
    source_date_epoch()  # a bad SOURCE_DATE_EPOCH is one line (exit 2) before anything is rebuilt or run
    failed_dir = project.rel(project.reports / FAILED_DIR)
    _warn_manifest(project, "build")
    why = project.processed_problem()
    if why is not None:  # bad data fails once, here, not in every report
        from helpers.data.processed import DataCheckFailed, ensure_current

        try:
            if ensure_current(project):
                print(f"workbook build: rebuilt data/processed/ from data/raw/ ({why})", flush=True)
        except DataCheckFailed as e:
            for p in e.problems:
                print(p, file=sys.stderr)
            print(f"workbook build: data/raw/ has {len(e.problems)} problem(s) (see `workbook check`); "
                  "no report was built and reports/ is as it was", file=sys.stderr)
            return 1

    def progress(o, done, total):
        line = f"[{stamp()}] [{done:>{len(str(total))}}/{total}] {o.status:<11} {o.id}"
        if o.status in ("ok", "failed"):
            line += f"  {o.seconds:.1f} s" + (f"  ({o.reason})" if o.reason else "")
        if o.error:
            line += f"  {o.error}"
        print(line, flush=True)
        for w in o.warnings:
            print(f"workbook build: warning: {o.id}: {w}", file=sys.stderr, flush=True)

    def slow(job, seconds):
        print(f"workbook build: {job.id} has run {seconds:.0f} s, far longer than its last build "
              f"({job.last_seconds:.1f} s); a cell is stopped after {job.timeout:g} s (--timeout)", flush=True)

    # a BuildError (exit 2; BuildLocked: exit 1) is one line, printed by helpers.cli.main
    summary = build_reports(project, args.reports, jobs=args.jobs, force=args.force, wait=args.wait,
                            on_progress=progress, isolated=args.isolated, timeout=args.timeout, on_slow=slow)
    c = summary.counts
    removed = f", {len(summary.removed)} page(s) removed" if summary.removed else ""
    print(f"workbook build: {c['built']} built, {c['up-to-date']} up to date, {c['failed']} failed{removed} "
          f"in {summary.seconds:.1f} s → {project.rel(project.reports / INDEX)} (finished {stamp()})")
    for page in summary.removed:
        print(f"workbook build: removed {_removed(project, page)}", file=sys.stderr)
    for o in summary.failures:
        print(f"workbook build: FAILED {o.id}: {o.error} (see {failed_dir}/{o.id}.html)", file=sys.stderr)
    return summary.exit_code


def add_commands(sub) -> None:
    """Add ``list`` and ``build`` to the ``workbook`` subcommands."""
    s = sub.add_parser("list", help="print the reports reports.yml declares (matrices expanded)",
                       description="Print every report: id, notebook, parameters, and whether it is up "
                                   "to date or would be built.")
    s.add_argument("reports", nargs="*", metavar="REPORT_ID", help="only these ids (shell globs allowed)")
    s.set_defaults(func=cmd_list)
    s = sub.add_parser(
        "build", help="build the reports that are out of date into reports/",
        description="Execute each out-of-date report notebook with papermill (one kernel per report, forked "
                    "from a process that has already imported the libraries; in parallel) and write self-contained HTML to reports/<id>.html, plus reports/index.html "
                    "and reports/manifest.json. A failing report keeps its last good HTML; its error page "
                    "goes to reports/_failed/<id>.html.",
        epilog="Exit codes: 0 all built or up to date; 1 a report failed or another build is running; "
               "2 bad usage or an invalid reports.yml. SOURCE_DATE_EPOCH, if set, is the build time shown.")
    s.add_argument("reports", nargs="*", metavar="REPORT_ID",
                   help="build only these reports (ids or shell globs such as 'profile-*'; default all)")
    s.add_argument("--jobs", "-j", type=_positive, default=os.cpu_count() or 1, metavar="N",
                   help="reports to run at once (default: the number of CPUs, %(default)s here)")
    s.add_argument("--force", action="store_true", help="rebuild even the reports that are up to date")
    s.add_argument("--wait", type=_seconds, default=0.0, metavar="SECONDS",
                   help="if another build is running, wait this long for it (default: refuse at once)")
    s.add_argument("--isolated", action="store_true",
                   help="start a fresh kernel process for each report instead of forking one from a process "
                        "that has already imported the libraries (slower; the pages are the same bytes)")
    s.add_argument("--timeout", type=_timeout, default=None, metavar="SECONDS",
                   help="seconds a cell may run before its report fails (default: reports.yml's timeout, else "
                        "600); a report running far longer than its last build is announced meanwhile")
    s.set_defaults(func=cmd_build)
