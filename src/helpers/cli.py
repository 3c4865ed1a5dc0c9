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
    from helpers.data.checks_range import range_warnings

    for w in formula_warnings(tables) + range_warnings(tables):
        print(w, file=sys.stderr)


def cmd_check(args) -> int:
    from helpers.data.check import run_check

    project = _project(args)
    tables, problems = run_check(project)
    for p in problems:
        print(p, file=sys.stderr)
    _warn_formulas(tables)
    spec = _spec_problems(project)  # reports.yml against the data: a renamed model it names, a missing notebook
    for p in spec:
        print(p, file=sys.stderr)
    if problems or spec:
        where = " and ".join(x for x, n in (("data/raw/", problems), ("reports.yml", spec)) if n)
        print(f"workbook check: {len(problems) + len(spec)} problem(s) in {where}", file=sys.stderr)
        return 1
    counts = ", ".join(f"{len(df)} {name}" for name, df in tables.items())
    print(f"workbook check: data/raw/ is valid ({counts})")
    return 0


def _spec_problems(project: Project) -> list[str]:
    try:
        from helpers.site.spec import spec_problems
    except ImportError:  # the build's dependencies are not installed: nothing to check against
        return []
    return spec_problems(project.root)


def cmd_data(args) -> int:
    from helpers.data.processed import DataCheckFailed, update

    project = _project(args)
    start = time.perf_counter()
    try:
        tables = update(project, parallel=True)
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
    from helpers.data.draft_append import extract_problem
    from helpers.data.drafts import project_context
    from helpers.data.extract import extract_text, project_tables, read_source, write_rows

    text = read_source(args.path)  # an ExtractError is one line, exit 1 (main)
    try:
        project = _project(args)
        indicators, regions = project_tables(project.raw)
        context = project_context(project.raw, args.model or "")
    except RootNotFound:
        project, context = None, None
        indicators, regions = {}, None  # no project: no region codes, no unit check of indicators
    refused = extract_problem(args, project)  # unknown --model/--source-id, --append without a project
    if refused:
        print(f"workbook extract: {refused}", file=sys.stderr)
        return 2
    rows = extract_text(text, source_id=args.source_id or "", model_id=args.model or "",
                        indicators=indicators, regions=regions, context=context)
    if args.out:
        refused = out_problem(args.out, args.force, project.raw if project else None)
        if refused:
            print(f"workbook extract: {refused}", file=sys.stderr)
            return 2
    if args.html:
        from helpers.data.review import write_review

        write_review(rows, args.html, source=args.path)
        print(f"workbook extract: review page of {len(rows)} draft row(s) written to {args.html}", file=sys.stderr)
    if args.append:
        from helpers.data.draft_append import append_rows

        n = append_rows(project.raw_file("facts"), rows)
        print(f"workbook extract: {n} draft row(s) appended to {project.rel(project.raw_file('facts'))} "
              "(draft=true: review each, then delete its last three fields draft,confidence,reason)",
              file=sys.stderr)
    elif args.out:
        try:
            with open(args.out, "x" if not args.force else "w", encoding="utf-8", newline="") as fh:
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


def out_problem(out: str, force: bool, raw=None) -> str | None:
    """Why ``workbook extract --out OUT`` must not write there, or None. Nothing code writes may land in
    data/raw/ (the hand-coded tables: the project's own ``raw``, and any ``data/raw/`` folder), and an
    existing file is never replaced unless ``--force`` (which never applies inside data/raw/).

    >>> import tempfile, pathlib; d = pathlib.Path(tempfile.mkdtemp()); (d / "data" / "raw").mkdir(parents=True)
    >>> out_problem(str(d / "data" / "raw" / "facts.csv"), True).endswith("refused: data/raw/ holds the hand-coded tables; "
    ...                                                              "write the drafts elsewhere")
    True
    >>> out_problem(str(d / "drafts.csv"), False) is None
    True
    """
    from pathlib import Path

    path = Path(out).resolve()
    folders = [path.parent, *path.parent.parents]
    inside = (raw is not None and Path(raw).resolve() in folders) or any(
        f.name == "raw" and f.parent.name == "data" for f in folders)
    if inside or (path.name == "raw" and path.parent.name == "data"):
        return (f"--out {out}: refused: data/raw/ holds the hand-coded tables; write the drafts elsewhere")
    if path.is_dir():
        return f"--out {out}: is a folder; name a file"
    if (path.exists() or path.is_symlink()) and not force:
        return f"--out {out}: refused: the file exists (add --force to replace it)"
    return None


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
    s.add_argument("--out", metavar="FILE", help="write the CSV here instead of stdout (never inside data/raw/; "
                                                 "an existing file only with --force)")
    s.add_argument("--force", action="store_true", help="let --out replace an existing file outside data/raw/")
    s.add_argument("--append", action="store_true",
                   help="append the drafts to data/raw/facts.csv marked draft=true (needs --source-id; keeps every "
                        "byte already there)")
    s.add_argument("--html", metavar="FILE", help="also write a review page: each draft with its sentence "
                                                  "highlighted and its guessed fields")
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
