"""The ``workbook`` command: check, data, extract (and list, build for reports).

Exit codes: 0 ok, 1 failed (bad data, a failed report), 2 bad usage. Errors go to stderr: any
:class:`helpers.errors.WorkbookError` a command raises is printed by :func:`main` as one line.
"""

from __future__ import annotations

import argparse
import sys
import time

from helpers.errors import WorkbookError
from helpers.paths import Project, RootNotFound


def _project(args) -> Project:
    return Project.from_option(args.root)


def _warn_formulas(tables) -> None:
    from helpers.data.check import formula_warnings

    for w in formula_warnings(tables):
        print(w, file=sys.stderr)


def cmd_check(args) -> int:
    from helpers.data.check import run_check

    project = _project(args)
    tables, problems = run_check(project)
    for p in problems:
        print(p, file=sys.stderr)
    _warn_formulas(tables)
    if problems:
        print(f"workbook check: {len(problems)} problem(s) in data/raw/", file=sys.stderr)
        return 1
    counts = ", ".join(f"{len(df)} {name}" for name, df in tables.items())
    print(f"workbook check: data/raw/ is valid ({counts})")
    return 0


def cmd_data(args) -> int:
    from helpers.data.processed import DataCheckFailed, update

    project = _project(args)
    start = time.perf_counter()
    try:
        tables = update(project)
    except DataCheckFailed as e:
        for p in e.problems:
            print(p, file=sys.stderr)
        print(f"workbook data: {len(e.problems)} problem(s) in data/raw/; data/processed/ left as it was",
              file=sys.stderr)
        return 1
    counts = ", ".join(f"{len(df)} {name}" for name, df in tables.items())
    print(f"workbook data: wrote {project.rel(project.processed)}/ ({counts}) "
          f"in {time.perf_counter() - start:.1f} s")
    _warn_disagreements(tables)
    return 0


def _warn_disagreements(tables) -> None:
    """One warning line per model whose headline stations ÷ coverage do not give its township count (the data is
    written all the same: the reports say so beside the cells and never rank them)."""
    from helpers.data.consistency import disagreements

    for d in disagreements(tables["comparison"], tables["regions"]):
        print(f"workbook data: warning: data/processed/comparison.csv: {d}", file=sys.stderr)


def cmd_extract(args) -> int:
    from helpers.data.extract import extract_text, project_tables, read_source, write_rows

    text = read_source(args.path)  # an ExtractError is one line, exit 1 (main)
    try:
        project = _project(args)
        indicators, regions = project_tables(project.raw)
    except RootNotFound:
        indicators, regions = {}, None  # no project: no region codes, no unit check of indicators
    rows = extract_text(text, source_id=args.source_id or "", model_id=args.model or "",
                        indicators=indicators, regions=regions)
    if args.out:
        try:
            with open(args.out, "w", encoding="utf-8", newline="") as fh:
                write_rows(rows, fh)
        except OSError as e:
            print(f"workbook extract: {args.out}: cannot write ({e.strerror})", file=sys.stderr)
            return 1
        print(f"workbook extract: {len(rows)} draft row(s) written to {args.out}", file=sys.stderr)
    else:
        try:
            write_rows(rows, sys.stdout)
        except BrokenPipeError:  # `workbook extract F | head`: the reader stopped early
            return 0
    return 0


class OneLineParser(argparse.ArgumentParser):
    """argparse, but a usage error is one line on stderr (the argument and what is wrong), exit 2.

    >>> OneLineParser(prog="workbook").format_error("argument --wait: 'nan' is not a number")
    "workbook: argument --wait: 'nan' is not a number (see workbook --help)"
    """

    def format_error(self, message: str) -> str:
        return f"{self.prog}: {message} (see {self.prog} --help)"

    def error(self, message: str):
        self.exit(2, self.format_error(message) + "\n")


def os_error_line(command: str, e: OSError, project: Project | None = None) -> str:
    """One line for a file the command could not read or write, naming the path.

    >>> os_error_line("build", PermissionError(13, "Permission denied", "/p/reports/a.html"))
    'workbook build: /p/reports/a.html: Permission denied'
    """
    path = e.filename
    if path is not None and project is not None:
        path = project.rel(path)
    what = e.strerror or type(e).__name__
    return f"workbook {command}: {path}: {what}" if path is not None else f"workbook {command}: {what}: {e}"


def parser() -> argparse.ArgumentParser:
    p = OneLineParser(
        prog="workbook",
        description="Township social work station workbook: validate the hand-coded data, "
                    "rebuild the processed tables, build the reports.",
        epilog="Exit codes: 0 ok, 1 failed, 2 bad usage.")
    p.add_argument("--root", metavar="PATH",
                   help="project folder (default: the nearest folder upward holding data/raw/, "
                        "else $WORKBOOK_ROOT)")
    sub = p.add_subparsers(dest="command", metavar="COMMAND", required=True)
    s = sub.add_parser("check", help="validate data/raw/; print problems as file:row:column lines",
                       description="Validate every raw table; list all problems; exit 1 if any.")
    s.set_defaults(func=cmd_check)
    s = sub.add_parser("data", help="check data/raw/, then rebuild data/processed/",
                       description="Run the check, then write data/processed/ (Parquet, CSV, Excel).")
    s.set_defaults(func=cmd_data)
    s = sub.add_parser("extract", help="draft facts.csv rows from a source text (to check by hand)",
                       description="Find the figures about social work in a UTF-8 text and write draft rows "
                                   "in the columns of data/raw/facts.csv plus draft, confidence and reason.")
    s.add_argument("path", metavar="PATH", help="the source text (UTF-8)")
    s.add_argument("--source-id", metavar="ID", help="source_id for the rows (fact ids become ID-NN)")
    s.add_argument("--model", metavar="MODEL_ID", help="model_id for every row (default: empty)")
    s.add_argument("--out", metavar="FILE", help="write the CSV here instead of stdout")
    s.set_defaults(func=cmd_extract)
    try:
        from helpers.site import commands as build_cli
    except ImportError:
        build_cli = None
    if build_cli is not None:
        build_cli.add_commands(sub)
    return p


def main(argv: list[str] | None = None) -> int:
    """Run the command ``argv``; return its exit code. Errors a user can cause are one line on stderr:
    a :class:`WorkbookError` (:meth:`WorkbookError.line`, exit 1 or 2), a file that cannot be read or
    written (exit 1), an interrupt (exit 1)."""
    args = parser().parse_args(argv)
    try:
        return args.func(args)
    except WorkbookError as e:
        print(e.line(args.command), file=sys.stderr)
        return e.exit_code
    except OSError as e:  # a read-only reports/, a full disk, a folder where a file should be
        try:
            project = _project(args)
        except RootNotFound:
            project = None
        print(os_error_line(args.command, e, project), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("workbook: interrupted", file=sys.stderr)
        return 1


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
