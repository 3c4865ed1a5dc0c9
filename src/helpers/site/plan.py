"""Decide what to build: a content hash per report, compared with the one in reports/manifest.json, and the
report's trace of the data it read, replayed against the data now.

A report's key is the SHA-256 of everything its HTML depends on except the data: the notebook's content (cell
types, sources, tags and the kernel; not outputs or ids, see :mod:`helpers.site.notebook`), the report
entry (id, title, parameters and their labels), the hash of ``src/helpers/**/*.py`` (the build code
included), ``requirements.lock`` and ``CITATION.cff``. Timestamps play no part. A report is up to date when its
key equals the manifest's, the manifest says it was built, ``reports/<id>.html`` still has the bytes the
manifest recorded, and every read of processed data its trace records gives the same answer on the data now
(:mod:`helpers.site.traces`). Failed reports are always retried.

>>> from helpers.site.spec import ReportSpec
>>> inputs = {"data": "d", "helpers": "h", "environment": "e"}
>>> a = report_key(b"{}", ReportSpec("x", "X", "x.ipynb", {"lang": "zh"}), inputs)
>>> a == report_key(b"{}", ReportSpec("x", "X", "x.ipynb", {"lang": "en"}), inputs)
False
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from helpers.data.howtocite import CFF
from helpers.paths import Project, hash_files
from helpers.site.notebook import NotebookInfo, read_notebook
from helpers.site.publish import MANIFEST, report_path
from helpers.site.spec import ReportSpec

LOCK_FILE = "requirements.lock"


def helpers_dir(project: Project) -> Path:
    """The project's own ``src/helpers`` if it has one, else the package this code runs from."""
    own = project.root / "src" / "helpers"
    return own if own.is_dir() else Path(__file__).resolve().parents[1]


def input_hashes(project: Project, data_hash: str | None = None) -> dict[str, str]:
    """Hashes of what every report shares: data/raw/ (or ``data_hash``, the version the build's snapshot of
    data/processed/ was made from), the helpers package, the pinned environment, and CITATION.cff (every
    page's "how to cite" quotes it).

    >>> sorted(input_hashes(Project.find()))  # doctest: +SKIP
    ['citation', 'data', 'environment', 'helpers']
    """
    code = helpers_dir(project)
    lock = project.root / LOCK_FILE
    cff = project.root / CFF
    return {
        "citation": hashlib.sha256(cff.read_bytes()).hexdigest()[:12] if cff.is_file() else "none",
        "data": data_hash or project.data_hash(),
        "helpers": hash_files(sorted(p for p in code.rglob("*.py") if "__pycache__" not in p.parts), code),
        "environment": hashlib.sha256(lock.read_bytes()).hexdigest()[:12] if lock.is_file() else "none",
    }


def report_key(notebook: bytes, report: ReportSpec, inputs: dict[str, str]) -> str:
    """The content hash that decides whether ``report``'s code and settings changed; ``notebook`` is the notebook's
    :func:`~helpers.site.notebook.content_key`. The data version is left out: the report's trace decides whether
    the data it read changed."""
    h = hashlib.sha256()
    h.update(hashlib.sha256(notebook).digest())
    shared = {k: v for k, v in inputs.items() if k != "data"}
    h.update(json.dumps([report.to_json(), shared], sort_keys=True, ensure_ascii=False).encode())
    return h.hexdigest()


def read_manifest(project: Project) -> dict:
    """The last build's manifest, or an empty one if there is none or it cannot be read
    (:func:`manifest_problem` says why)."""
    data, _ = _load_manifest(project)
    return data


def manifest_entries(manifest: dict) -> dict[str, dict]:
    """The manifest's report entries by id (entries without an id, from a hand-edited file, left out).

    >>> manifest_entries({"reports": [{"id": "a", "status": "ok"}, "junk", {"status": "ok"}]})
    {'a': {'id': 'a', 'status': 'ok'}}
    """
    return {e["id"]: e for e in manifest["reports"] if isinstance(e, dict) and e.get("id") is not None}


def manifest_problem(project: Project) -> str | None:
    """Why reports/manifest.json cannot be used (a truncated or hand-edited file), or None when it can
    or there is none yet (a first build).

    >>> import tempfile; p = Project(Path(tempfile.mkdtemp())); (p.root / "reports").mkdir()
    >>> _ = (p.reports / MANIFEST).write_text('{"reports": [', encoding="utf-8")
    >>> manifest_problem(p)
    'reports/manifest.json is not valid JSON (truncated or edited? Expecting value at line 1, column 14)'
    """
    return _load_manifest(project)[1]


def _load_manifest(project: Project) -> tuple[dict, str | None]:
    path = project.reports / MANIFEST
    empty = {"reports": []}
    try:
        text = path.read_text(encoding="utf-8")
    except (FileNotFoundError, NotADirectoryError):  # a first build (or no reports/ folder: said elsewhere)
        return empty, None
    except (OSError, UnicodeDecodeError) as e:
        return empty, f"{project.rel(path)} is unreadable ({getattr(e, 'strerror', None) or e})"
    try:
        data = json.loads(text)
    except ValueError as e:
        where = f"{e.msg} at line {e.lineno}, column {e.colno}" if isinstance(e, json.JSONDecodeError) else e
        return empty, f"{project.rel(path)} is not valid JSON (truncated or edited? {where})"
    if not isinstance(data, dict) or not isinstance(data.get("reports"), list):
        return empty, f"{project.rel(path)} has no list of reports"
    return data, None


def file_sha256(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


@dataclass
class Step:
    """One report's plan: ``due`` says whether it runs, ``reason`` says why (or why not)."""

    report: ReportSpec
    key: str | None  # None: the notebook is missing or unusable (``reason`` says why); the report fails
    due: bool
    reason: str
    previous: dict  # the report's entry in the old manifest ({} if none)
    current: bool = False  # its page is up to date (so not due, whether or not it was selected)
    source: bytes = b""  # the notebook file as read when planning: what the build runs, even if edited since
    verified: dict | None = None  # the table digests its trace was found current on (traces.tables_digest)


def plan(project: Project, reports: list[ReportSpec], chosen: set[str] | None = None,
         force: bool = False, data_hash: str | None = None,
         processed: Path | None = None, jobs: int = 1, on_work=None) -> tuple[list[Step], dict[str, str], dict]:
    """A :class:`Step` per report, the shared input hashes, and the old manifest.

    ``chosen`` limits building to those ids (the others are only reported on); ``force`` builds
    every chosen report whatever the hashes say; ``data_hash`` is the data version of the build (default:
    the hash of data/raw/ now); ``processed`` the copy of data/processed/ traces are replayed against
    (default: data/processed/ when it is current, else every report whose key matches is due). Traces are
    replayed in up to ``jobs`` processes, each stopping at its first changed read
    (:class:`~helpers.site.traces.Replayer`).
    ``on_work()`` is called as soon as a chosen report is known to be due: before the replay when one is due
    already, else when the replay finds the first (the build starts its kernel zygote then, whose imports overlap
    the rest of the replay: :mod:`helpers.site.warmup`). With nothing due (nothing changed, or an
    edit no page reads) it is not called; it may be called more than once.
    """
    from helpers.site.traces import Replayer

    inputs = input_hashes(project, data_hash)
    if processed is None and project.processed_is_current(inputs["data"]):
        processed = project.processed
    replay = Replayer(processed, inputs["data"]) if processed is not None else None
    manifest = read_manifest(project)
    old = manifest_entries(manifest)
    notebooks: dict[str, NotebookInfo | None] = {}
    sources: dict[str, bytes] = {}
    steps = []
    for r in reports:
        if r.notebook not in notebooks:
            try:
                sources[r.notebook] = (project.root / r.notebook).read_bytes()
                notebooks[r.notebook] = read_notebook(r.notebook, sources[r.notebook])
            except OSError:
                notebooks[r.notebook] = None
        info = notebooks[r.notebook]
        problem = f"notebook {r.notebook} not found" if info is None else info.parameter_problem(r.parameters)
        key = None if problem else report_key(info.content, r, inputs)
        prev = old.get(r.id, {})
        forced = force and (chosen is None or r.id in chosen)  # --force applies to the chosen reports only
        due, reason = _decide(project, r, key, prev, forced, problem)
        steps.append(Step(r, key, due, reason, prev, current=not due, source=sources.get(r.notebook, b"")))
    keyed = [s for s in steps if not s.due]  # code unchanged: current unless the data it read changed
    fresh = replay is not None and replay.digest is not None
    stale = [s for s in keyed if not fresh or s.previous.get("verified") != replay.digest]  # data changed since
    replayed = [s for s in stale if fresh and isinstance(s.previous.get("trace"), list)]  # due unless it replays
    sure = {id(s) for s in steps if s.due} | {id(s) for s in stale} - {id(s) for s in replayed}  # due, no replay

    def runs(s: Step) -> bool:  # a chosen report that will run if it is due
        return on_work is not None and s.key is not None and (chosen is None or s.report.id in chosen)
    if any(runs(s) for s in steps if id(s) in sure):
        on_work()  # before any replay
    if replayed:
        replay.prepare([(s.previous["trace"], s.previous.get("verified")) for s in replayed], jobs,
                       on_due=lambda i: runs(replayed[i]) and on_work())
    for s in keyed:
        s.due, s.reason, s.verified = _data_changed(s.previous, replay)
        s.current = not s.due
        if s.due and runs(s):  # found due by the replay (in this process, or told again after prepare)
            on_work()
    if chosen is not None:
        for s in steps:
            if s.report.id not in chosen and s.due:
                s.due, s.reason = False, "not selected (" + s.reason + ")"
    return steps, inputs, manifest


def longest_first(steps: list[Step]) -> list[Step]:
    """``steps`` in the order to run them: the slowest last time first, and those never timed before all.

    Workers take reports in this order, so the longest ones start early and the build does not end with one
    worker running a long report while the other has nothing left (a build lasts as long as its busiest
    worker). The order changes nothing but time: each report is built alone, in its own kernel.

    >>> from helpers.site.spec import ReportSpec
    >>> def step(id, seconds=None):
    ...     r = ReportSpec(id=id, title=id, notebook="n.ipynb", parameters={}, lang="en")
    ...     return Step(r, "k", True, "forced", {} if seconds is None else {"seconds": seconds})
    >>> [s.report.id for s in longest_first([step("a", 1.0), step("b", 6.5), step("c"), step("d", 1.0)])]
    ['c', 'b', 'a', 'd']
    """
    def last_time(s: Step) -> float:
        seconds = s.previous.get("seconds")
        return float(seconds) if isinstance(seconds, (int, float)) and seconds > 0 else float("inf")

    return sorted(steps, key=last_time, reverse=True)


def _decide(project: Project, r: ReportSpec, key: str | None, prev: dict, force: bool,
            problem: str | None) -> tuple[bool, str]:
    if problem is not None:  # the report fails without running; its last good page stays
        return True, problem
    if force:
        return True, "forced"
    if not prev:
        return True, "new"
    if prev.get("status") == "failed":
        return True, "failed last time"
    # out-of-date: not selected (or interrupted) in the last build, its page and key are older ones
    if prev.get("status") not in ("ok", "up-to-date", "out-of-date") or not prev.get("sha256"):
        return True, "not built yet"
    if prev.get("key") != key:
        return True, "inputs changed"
    if file_sha256(report_path(project.reports, r.id)) != prev["sha256"]:
        return True, "html missing or edited"
    return False, "up to date"


def _data_changed(prev: dict, replay) -> tuple[bool, str, dict | None]:
    """Whether the data a report read changed since it was built: (due, reason, tables it is current on)."""
    if replay is None or replay.digest is None:
        return True, "data/processed/ is not built from the data/raw/ there now", None
    if prev.get("verified") == replay.digest:
        return False, "up to date", replay.digest  # the very tables it was built or verified on: nothing to replay
    if not isinstance(prev.get("trace"), list):
        return True, "data changed (no record of what it read)", None
    why = replay.changed(prev.get("trace"), prev.get("verified"))
    if why is not None:
        return True, why, None
    return False, "up to date (the data it reads did not change)", replay.digest
