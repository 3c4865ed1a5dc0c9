"""The build from start to end: spec → plan → execute + export → publish → index and manifest.

>>> from helpers.paths import Project
>>> summary = build_reports(Project.find(), jobs=2)          # doctest: +SKIP
>>> summary.exit_code, summary.counts                 # doctest: +SKIP
(0, {'built': 80, 'up-to-date': 0, 'failed': 0})
"""

from __future__ import annotations

import dataclasses
import hashlib
import shutil
import time
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path

from helpers.data import howtocite
from helpers.paths import Project
from helpers.site.errors import BuildError
from helpers.site.export import Header, build_time
from helpers.site.lock import build_lock
from helpers.site.plan import Step, longest_first, manifest_entries, plan
from helpers.site.publish import (
    FAILED_DIR,
    is_file,
    publish_result,
    remove_orphans,
    report_path,
    write_manifest,
)
from helpers.site.spec import load_reports, select


@dataclass
class Outcome:
    """One report's line in the progress output and the manifest."""

    id: str
    status: str  # ok | failed | up-to-date | out-of-date | not-built
    seconds: float = 0.0
    error: str | None = None
    warnings: list = field(default_factory=list)
    trace: list | None = None  # what a built report read (helpers.pages.access), None if not known
    data_version: str | None = None  # the data version its page states (a hash of its trace)
    reason: str = ""  # why it was built ("facts for model_id hezhou changed", "forced", "new" ...)


@dataclass
class Summary:
    outcomes: list[Outcome]
    seconds: float
    removed: list[str] = field(default_factory=list)

    @property
    def counts(self) -> dict[str, int]:
        c = {"built": 0, "up-to-date": 0, "failed": 0}
        for o in self.outcomes:
            key = {"ok": "built"}.get(o.status, o.status)
            if key in c:
                c[key] += 1
        return c

    @property
    def failures(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.status == "failed"]

    @property
    def exit_code(self) -> int:
        return 1 if self.failures else 0


def _entry(project: Project, step: Step, outcome: Outcome, built_at: str, page_sha: str | None,
           tables: dict | None = None) -> dict:
    """One report's manifest entry; ``tables`` is the digest of the tables the build's reports ran on."""
    r, prev = step.report, step.previous
    entry = {**r.to_json(), "group": dict(r.group) or None, "html": f"{r.id}.html",
             "status": outcome.status, "seconds": round(outcome.seconds, 2), "error": outcome.error,
             "key": step.key, "sha256": prev.get("sha256"), "built_at": prev.get("built_at"),
             "data_version": prev.get("data_version"), "trace": prev.get("trace"), "verified": prev.get("verified")}
    if outcome.status == "ok":
        entry.update(sha256=page_sha, built_at=built_at, data_version=outcome.data_version, trace=outcome.trace,
                     verified=tables)
    if outcome.status == "up-to-date":
        entry["verified"] = step.verified
    if outcome.status not in ("ok", "failed"):  # not built now: seconds are those of its last build
        entry["seconds"] = prev.get("seconds", 0.0)
    if outcome.status in ("out-of-date", "not-built"):  # not selected in this build: keep what we knew
        entry.update(key=prev.get("key"), error=prev.get("error"))
        if prev.get("status") == "failed":
            entry["status"] = "failed"
    if entry["status"] == "failed":
        entry["failed_html"] = f"{FAILED_DIR}/{r.id}.html"
        entry["key"] = None  # never "up to date": a failed report is retried by the next build
        entry["trace"] = entry["verified"] = None
    entry["has_html"] = is_file(report_path(project.reports, r.id))
    if not entry["has_html"]:
        entry["sha256"] = None
    return entry


def build_reports(project: Project, patterns: list[str] | None = None, jobs: int = 1, force: bool = False,
          wait: float = 0.0, on_progress=None, isolated: bool = False, timeout: float | None = None,
          on_slow=None) -> Summary:
    """Build the reports matching ``patterns`` (all if empty) that are out of date (all if ``force``).

    ``on_progress(outcome, done, total)`` is called once per report as soon as its fate is known, and
    ``on_slow(job, seconds)`` once for a report running far longer than its last build.
    ``isolated`` runs each report in a fresh kernel process instead of a fork of the kernel zygote.
    ``timeout`` (seconds per cell) overrides reports.yml's. Raises :class:`~helpers.site.errors.SpecError`,
    ``UnknownReport``, ``BuildLocked`` or a ``BuildError`` for a bad ``SOURCE_DATE_EPOCH`` before anything is
    written; a failing notebook, or a page that cannot be written, is an :class:`Outcome`, never an exception.
    On Ctrl-C the reports finished so far are recorded in the manifest (the others keep what it said) and
    ``KeyboardInterrupt`` goes on.
    """
    start = time.perf_counter()
    built_at = build_time()  # a bad SOURCE_DATE_EPOCH: one line before anything runs
    reports = load_reports(project.root)
    chosen = {r.id for r in select(reports, patterns or [])}
    with build_lock(project.reports, wait):
        if project.processed_problem() is not None:  # traces are replayed on current tables (pandas only now)
            from helpers.data.processed import ensure_current

            ensure_current(project)
        outcomes: dict[str, Outcome] = {}
        shas: dict[str, str] = {}
        done = 0

        def report(o: Outcome):
            nonlocal done
            if o.status in ("ok", "failed") and not o.reason:
                o.reason = next((s.reason for s in steps if s.report.id == o.id), "")
            outcomes[o.id] = o
            if o.id in chosen:
                done += 1
                if on_progress:
                    on_progress(o, done, total)

        interrupted = False
        with ExitStack() as stack:  # the scratch folder and the kernel zygote end with it, whatever happens
            from helpers.site.warmup import Warmup

            warm = Warmup(project.root, stack, enabled=not isolated)  # the zygote imports while the plan replays
            steps, inputs, manifest, snapshot, tables = _plan_and_copy(project, reports, chosen, force, jobs, warm)
            scratch = warm.scratch() if snapshot is not None else None
            todo = [s for s in steps if s.due]
            total = sum(1 for s in steps if s.report.id in chosen)
            for s in steps:
                if not s.due:
                    report(_not_built(s))
            runnable = [s for s in todo if s.key is not None]
            if not runnable:
                warm.stop()  # a zygote started for a report the plan on the copy of data/processed/ found current
            for s in todo:
                if s.key is None:
                    from helpers.site.export import error_page

                    page = error_page(dataclasses.replace(_header(s, inputs["data"], built_at), error=s.reason))
                    report(_published(project, Outcome(s.report.id, "failed", error=s.reason), page, shas))
            try:
                if runnable:
                    _execute(project, longest_first(runnable), jobs, inputs, built_at, shas, report, isolated,
                             scratch=scratch, snapshot=snapshot, timeout=timeout, on_slow=on_slow,
                             zygote=warm.zygote)
            except KeyboardInterrupt:
                interrupted = True
        removed = _record(project, steps, outcomes, shas, tables, built_at, inputs, manifest, interrupted)
    if interrupted:
        raise KeyboardInterrupt
    ordered = [outcomes[s.report.id] for s in steps if s.report.id in chosen]
    return Summary(ordered, time.perf_counter() - start, removed)


def _plan_and_copy(project: Project, reports: list, chosen: set[str], force: bool, jobs: int, warm) -> tuple:
    """Plan the build (the ``warm`` zygote starts as soon as the plan finds work), and when reports are due copy
    data/processed/ into the scratch folder: ``(steps, inputs, manifest, snapshot, tables)``, the last two None
    when nothing runs. When data/raw/ changed since planning, plan again on the copy."""
    steps, inputs, manifest = plan(project, reports, chosen, force, jobs=jobs, on_work=warm.start)
    if not any(s.due and s.key is not None for s in steps):
        return steps, inputs, manifest, None, None
    from helpers.site.snapshot import copy_processed
    from helpers.site.traces import tables_digest

    snapshot, version = copy_processed(project, warm.scratch())  # one data version for every report
    if version != inputs["data"]:
        steps, inputs, manifest = plan(project, reports, chosen, force, data_hash=version, processed=snapshot,
                                       jobs=jobs, on_work=warm.start)
    return steps, inputs, manifest, snapshot, tables_digest(snapshot)


def _not_built(s: Step) -> Outcome:
    """The outcome of a report this build did not run: up to date, out of date, or never built."""
    status = "up-to-date" if s.current else ("out-of-date" if s.previous else "not-built")
    return Outcome(s.report.id, status)


def _record(project: Project, steps: list[Step], outcomes: dict[str, Outcome], shas: dict, tables: str | None,
            built_at: str, inputs: dict, manifest: dict, interrupted: bool) -> list[str]:
    """Record a build: the manifest, what changed since the previous data version and the index (each written only
    when it would change); returns the orphan pages removed (none by an interrupted build)."""
    from helpers.site.sitepages import write_site_pages

    for s in steps:  # interrupted: what did not finish keeps what the manifest said (not "failed")
        if s.report.id not in outcomes:
            outcomes[s.report.id] = _not_built(s)
    entries = [_entry(project, s, outcomes[s.report.id], built_at, shas.get(s.report.id), tables)
               for s in steps]
    removed = [] if interrupted else remove_orphans(project.reports, set(manifest_entries(manifest)),
                                                     {s.report.id for s in steps})
    write_manifest(project.reports, inputs["data"], entries)
    write_site_pages(project, inputs["data"], entries, built_at, code_salt(inputs))
    return removed


def _published(project: Project, outcome: Outcome, page: str, shas: dict) -> Outcome:
    """Write one report's page (or failure page); a page that cannot be written (a full disk, a name too long
    for the filesystem, a read-only folder) fails that report alone, naming the path."""
    ok = outcome.status == "ok"
    try:
        publish_result(project.reports, outcome.id, ok, page)
    except OSError as e:
        where = project.rel(e.filename) if e.filename else project.rel(project.reports)
        problem = f"{where}: {e.strerror or type(e).__name__}"
        if ok:  # the last good page stays; say why on a failure page if it can be written
            try:
                publish_result(project.reports, outcome.id, False, page)
            except OSError:
                pass
        error = f"{outcome.error}; {problem}" if outcome.error else f"page not written: {problem}"
        return dataclasses.replace(outcome, status="failed", error=error)
    if ok:
        shas[outcome.id] = hashlib.sha256(page.encode("utf-8")).hexdigest()
    return outcome


def _header(step: Step, data_hash: str, built_at: str, citation=None) -> Header:
    r = step.report
    return Header(title=r.title, lang=r.lang, display=r.display, data_hash=data_hash, built_at=built_at,
                  report_id=r.id, citation=citation)


def _execute(project: Project, steps: list[Step], jobs: int, inputs: dict, built_at: str,
             shas: dict, report, isolated: bool = False, *, scratch: Path, snapshot: Path | None,
             timeout: float | None = None, on_slow=None, zygote=None) -> None:
    from helpers.paths import SNAPSHOT_ENV
    from helpers.site.execute import CELL_TIMEOUT, Job, kernel_env
    from helpers.site.pool import run_jobs
    from helpers.site.snapshot import write_notebook
    from helpers.site.traces import TRACE_SUFFIX

    def done(result):
        outcome = Outcome(result.id, "ok" if result.ok else "failed", result.seconds, result.error, result.warnings,
                          result.trace, result.data_version)
        report(_published(project, outcome, result.html, shas))

    try:
        citation = howtocite.load(project.root)
    except howtocite.CitationError as e:
        raise BuildError(str(e)) from None
    salt = code_salt(inputs)
    charts = kept_charts(project.chart_cache, salt)
    order = {nb: i for i, nb in enumerate(dict.fromkeys(s.report.notebook for s in steps))}
    job_list = [Job(id=s.report.id,
                    notebook=str(write_notebook(scratch, order[s.report.notebook], s.report.notebook, s.source)),
                    parameters=s.report.parameters, scratch=str(scratch),
                    header=_header(s, inputs["data"], built_at, citation),
                    cwd=str((project.root / s.report.notebook).parent),
                    font_cache=str(project.font_cache),
                    timeout=timeout or s.report.timeout or CELL_TIMEOUT,
                    last_seconds=_last_seconds(s), root=str(project.root),
                    trace=str(scratch / f"{s.report.id}{TRACE_SUFFIX}"),
                    charts=str(charts), chart_salt=salt, chart_read=s.reason != "forced") for s in steps]
    env = kernel_env(project.root)
    if snapshot is not None:
        env[SNAPSHOT_ENV] = str(snapshot)
    run_jobs(job_list, jobs, env, on_done=done, isolated=isolated, on_slow=on_slow, zygote=zygote)


def code_salt(inputs: dict) -> str:
    """The build's code and environment, as one text: what keeps kept charts and the site pages' digest apart from
    those another version of the helpers or of the pinned packages made.

    >>> code_salt({"helpers": "abc", "environment": "def", "data": "x"})
    'abc-def'
    """
    return f"{inputs['helpers']}-{inputs['environment']}"


def kept_charts(folder: Path, salt: str) -> Path:
    """The folder of the charts this code and environment keep (``salt``); the charts of any other code are
    deleted (their keys can never match again), so the cache holds one version's charts.

    >>> import tempfile
    >>> root = Path(tempfile.mkdtemp())
    >>> (root / "old").mkdir(); (root / "old" / "k.png").write_bytes(b"x") and None
    >>> kept_charts(root, "new").name, sorted(p.name for p in root.iterdir())
    ('new', [])
    """
    try:
        for old in folder.iterdir() if folder.is_dir() else ():
            if old.name != salt:
                shutil.rmtree(old, ignore_errors=True) if old.is_dir() else old.unlink(missing_ok=True)
    except OSError:
        pass
    return folder / salt


def _last_seconds(step: Step) -> float:
    seconds = step.previous.get("seconds")
    return float(seconds) if isinstance(seconds, (int, float)) and seconds > 0 else 0.0
