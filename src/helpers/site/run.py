"""The build from start to end: spec → plan → execute + export → publish → index and manifest.

>>> from helpers.paths import Project
>>> summary = build_reports(Project.find(), jobs=2)          # doctest: +SKIP
>>> summary.exit_code, summary.counts                 # doctest: +SKIP
(0, {'built': 24, 'up-to-date': 0, 'failed': 0})
"""

from __future__ import annotations

import dataclasses
import hashlib
import time
from dataclasses import dataclass, field
from pathlib import Path

from helpers.data import howtocite
from helpers.paths import Project
from helpers.site.changes import write_changes
from helpers.site.errors import BuildError
from helpers.site.export import Header, build_time
from helpers.site.lock import build_lock
from helpers.site.plan import Step, longest_first, manifest_entries, plan
from helpers.site.publish import (FAILED_DIR, publish_result, remove_orphans, report_path, write_index,
                      write_manifest)
from helpers.site.spec import load_reports, select


@dataclass
class Outcome:
    """One report's line in the progress output and the manifest."""

    id: str
    status: str  # ok | failed | up-to-date | out-of-date | not-built
    seconds: float = 0.0
    error: str | None = None
    warnings: list = field(default_factory=list)


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


def _entry(project: Project, step: Step, outcome: Outcome, built_at: str, page_sha: str | None) -> dict:
    r, prev = step.report, step.previous
    entry = {**r.to_json(), "group": dict(r.group) or None, "html": f"{r.id}.html",
             "status": outcome.status, "seconds": round(outcome.seconds, 2), "error": outcome.error,
             "key": step.key, "sha256": prev.get("sha256"), "built_at": prev.get("built_at")}
    if outcome.status == "ok":
        entry.update(sha256=page_sha, built_at=built_at)
    if outcome.status not in ("ok", "failed"):  # not built now: seconds are those of its last build
        entry["seconds"] = prev.get("seconds", 0.0)
    if outcome.status in ("out-of-date", "not-built"):  # not selected in this build: keep what we knew
        entry.update(key=prev.get("key"), error=prev.get("error"))
        if prev.get("status") == "failed":
            entry["status"] = "failed"
    if entry["status"] == "failed":
        entry["failed_html"] = f"{FAILED_DIR}/{r.id}.html"
        entry["key"] = None  # never "up to date": a failed report is retried by the next build
    entry["has_html"] = report_path(project.reports, r.id).is_file()
    if not entry["has_html"]:
        entry["sha256"] = None
    return entry


def build_reports(project: Project, patterns: list[str] | None = None, jobs: int = 1, force: bool = False,
          wait: float = 0.0, on_progress=None, isolated: bool = False) -> Summary:
    """Build the reports matching ``patterns`` (all if empty) that are out of date (all if ``force``).

    ``on_progress(outcome, done, total)`` is called once per report as soon as its fate is known.
    ``isolated`` runs each report in a fresh kernel process instead of a fork of the kernel zygote.
    Raises :class:`~helpers.site.errors.SpecError`, ``UnknownReport`` or ``BuildLocked`` before
    anything is written; a failing notebook is an :class:`Outcome`, never an exception.
    """
    start = time.perf_counter()
    reports = load_reports(project.root)
    chosen = {r.id for r in select(reports, patterns or [])}
    with build_lock(project.reports, wait):
        steps, inputs, manifest = plan(project, reports, chosen, force)
        built_at = build_time()
        outcomes: dict[str, Outcome] = {}
        shas: dict[str, str] = {}
        todo = [s for s in steps if s.due]
        total = sum(1 for s in steps if s.report.id in chosen)
        done = 0

        def report(o: Outcome):
            nonlocal done
            outcomes[o.id] = o
            if o.id in chosen:
                done += 1
                if on_progress:
                    on_progress(o, done, total)

        for s in steps:
            if not s.due:
                status = "up-to-date" if s.current else (
                    "out-of-date" if s.previous else "not-built")
                report(Outcome(s.report.id, status))
        missing = [s for s in todo if s.key is None]
        runnable = [s for s in todo if s.key is not None]
        for s in missing:
            from helpers.site.export import error_page

            page = error_page(dataclasses.replace(_header(s, inputs["data"], built_at), error=s.reason))
            publish_result(project.reports, s.report.id, False, page)
            report(Outcome(s.report.id, "failed", error=s.reason))
        if runnable:
            _execute(project, longest_first(runnable), jobs, inputs, built_at, shas, report, isolated)
        entries = [_entry(project, s, outcomes[s.report.id], built_at, shas.get(s.report.id)) for s in steps]
        removed = remove_orphans(project.reports, set(manifest_entries(manifest)), {s.report.id for s in steps})
        write_manifest(project.reports, inputs["data"], entries)
        if project.processed_is_current(inputs["data"]):  # what changed since the previous data version
            write_changes(project.reports, project.processed, inputs["data"], built_at, entries, project.font_cache)
        write_index(project.reports, inputs["data"], entries, project.font_cache)
    ordered = [outcomes[s.report.id] for s in steps if s.report.id in chosen]
    return Summary(ordered, time.perf_counter() - start, removed)


def _header(step: Step, data_hash: str, built_at: str, citation=None) -> Header:
    r = step.report
    return Header(title=r.title, lang=r.lang, display=r.display, data_hash=data_hash, built_at=built_at,
                  report_id=r.id, citation=citation)


def _execute(project: Project, steps: list[Step], jobs: int, inputs: dict, built_at: str,
             shas: dict, report, isolated: bool = False) -> None:
    from helpers.site.execute import Job, kernel_env, run_jobs
    from helpers.site.scratch import scratch_dir

    def done(result):
        publish_result(project.reports, result.id, result.ok, result.html)
        if result.ok:
            shas[result.id] = hashlib.sha256(result.html.encode("utf-8")).hexdigest()
        report(Outcome(result.id, "ok" if result.ok else "failed", result.seconds, result.error,
                       result.warnings))

    try:
        citation = howtocite.load(project.root)
    except howtocite.CitationError as e:
        raise BuildError(str(e)) from None
    with scratch_dir(project.root) as scratch:
        job_list = [Job(id=s.report.id, notebook=str(project.root / s.report.notebook),
                        parameters=s.report.parameters, scratch=str(scratch),
                        header=_header(s, inputs["data"], built_at, citation),
                        cwd=str((project.root / s.report.notebook).parent),
                        font_cache=str(project.font_cache)) for s in steps]
        run_jobs(job_list, jobs, kernel_env(project.root), on_done=done, isolated=isolated)
