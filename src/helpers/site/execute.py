"""Run notebooks with papermill in a process pool and export them to HTML in the same worker.

Each report gets its own kernel, never shared: by default a fork of the kernel zygote (a process that
imported the notebooks' libraries once, see :mod:`helpers.site.zygote`), with ``isolated=True`` a fresh
``ipykernel`` process as papermill starts it. Both give byte-identical pages. Workers, the zygote and the
kernels die with the build (:mod:`helpers.site.lifeline`). A worker executes into a scratch folder with per-cell saves off (faster, and no half-written
file anywhere near ``reports/``), renders the HTML with an ``HTMLExporter`` it keeps for later reports,
and returns the page as text. Only the driver writes into ``reports/``.

>>> job = Job(id="overview-zh", notebook="/p/notebooks/01_overview.ipynb", parameters={"lang": "zh"},
...           scratch="/tmp/x", header=None)
>>> job.id
'overview-zh'
"""

from __future__ import annotations

import logging
import os
import re
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path

CELL_TIMEOUT = 600  # seconds per cell by default (reports.yml `timeout`, `--timeout`); a hung cell fails its report
MAX_OUTPUT_BYTES = 5_000_000  # outputs a page may carry (text, images as base64); more fails the report
SLOW_FACTOR, SLOW_MARGIN = 3.0, 60.0  # a report is "far longer than last time" beyond both
# How often the driver stops waiting for reports: to act on a Ctrl-C it noted, and to look for reports
# running far longer than last time.
INTERRUPT_POLL = 0.5
_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


@dataclass
class Job:
    """What a worker needs to build one report (plain data, so it pickles)."""

    id: str
    notebook: str  # absolute path
    parameters: dict
    scratch: str  # folder for the executed notebook
    header: object  # export.Header
    cwd: str = ""
    timeout: int = CELL_TIMEOUT
    font_cache: str = ""  # folder of cached CJK font subsets (see helpers.webfont)
    zygote: str = ""  # address of the kernel zygote; empty: a fresh kernel (--isolated)
    last_seconds: float = 0.0  # how long its last build took (0: never timed)
    root: str = ""  # the project folder: failure pages show paths relative to it
    trace: str = ""  # the file the report's kernel writes its trace to (helpers.pages.access); empty: none


@dataclass
class Result:
    """A worker's answer: the report page, or the failure page and a one-line error."""

    id: str
    ok: bool
    html: str
    seconds: float
    error: str | None = None
    warnings: list = field(default_factory=list)
    trace: list | None = None  # every read of processed data the report made (None: not recorded)
    data_version: str | None = None  # the version its page states: a hash of the trace


def one_line(text: str, limit: int = 300) -> str:
    """``text`` without ANSI colours, squeezed to one line of at most ``limit`` characters.

    >>> one_line("ValueError: \\x1b[31mbad\\x1b[0m\\n  value")
    'ValueError: bad value'
    """
    flat = " ".join(_ANSI.sub("", str(text)).split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def _describe(exc: BaseException) -> str:
    from papermill.exceptions import PapermillExecutionError

    if isinstance(exc, PapermillExecutionError):
        return one_line(f"{exc.ename}: {exc.evalue} (cell In [{exc.exec_count}])")
    return one_line(f"{type(exc).__name__}: {exc}")


class _Collect(logging.Handler):
    """Keeps papermill's warnings (e.g. "Passed unknown parameter") for the driver to print."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages = []

    def emit(self, record):
        self.messages.append(one_line(record.getMessage()))


_EXPORTERS: dict = {}  # per worker process: (lang, show_code) → HTMLExporter, reused across reports


def _exporter(lang: str, show_code: bool):
    from helpers.site.export import make_exporter

    if (lang, show_code) not in _EXPORTERS:
        _EXPORTERS[lang, show_code] = make_exporter(lang, show_code)
    return _EXPORTERS[lang, show_code]


@contextmanager
def _stderr_to(path: Path):
    """Send this process's stderr (and so the kernel's: it inherits fd 2) to ``path`` for the block.

    Kernels print start-up chatter there ("Kernel is running over TCP ..."); a build's output should
    be one line per report. Safe because a pool worker runs one report at a time.
    """
    sys.stderr.flush()
    saved = os.dup(2)
    with open(path, "ab") as f:
        os.dup2(f.fileno(), 2)
    try:
        yield
    finally:
        sys.stderr.flush()
        os.dup2(saved, 2)
        os.close(saved)


def _tail(path: Path, lines: int = 8) -> str:
    try:
        return "\n".join(path.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:])
    except OSError:
        return ""


def run_job(job: Job) -> Result:
    """Execute and export one report; never raises (a failure is a :class:`Result` with ``ok=False``).

    Every page, failure pages included, carries its CJK font subset so Chinese renders anywhere."""
    from helpers.webfont import embed

    result = _execute_and_render(job)
    if not result.ok:  # no absolute scratch or project paths on a page that is mailed around
        result.html, result.error = relative_paths(result.html, job), relative_paths(result.error, job)
    try:
        result.html = embed(result.html, job.font_cache)
    except Exception as exc:  # noqa: BLE001 - a font problem must not lose the report: the page still reads with system fonts
        result.warnings.append(f"CJK font not embedded: {one_line(str(exc))}")
    return result


def relative_paths(text: str | None, job: Job) -> str | None:
    """``text`` with the build's scratch folder and the project folder left out of every path in it.

    >>> job = Job(id="x", notebook="", parameters={}, scratch="/p/.cache/scratch/build-1-ab", header=None, root="/p")
    >>> relative_paths("No such file: '/p/.cache/scratch/build-1-ab/x.ipynb' (/p/notebooks/x.ipynb)", job)
    "No such file: 'x.ipynb' (notebooks/x.ipynb)"
    """
    if not text:
        return text
    for folder in (job.scratch, job.root):
        if folder:
            text = text.replace(folder.rstrip("/") + "/", "")
    return text


def output_bytes(nb) -> tuple[int, int | None]:
    """The size of every output of ``nb`` as the page would carry it, and the cell (1-based) with the most.

    >>> import nbformat
    >>> nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("x", outputs=[
    ...     nbformat.v4.new_output("stream", name="stdout", text="a" * 100)])])
    >>> output_bytes(nb)[1]
    1
    """
    import json

    total, biggest, where = 0, 0, None
    for i, cell in enumerate(nb.cells, start=1):
        size = sum(len(json.dumps(o, ensure_ascii=False)) for o in cell.get("outputs", []))
        total += size
        if size > biggest:
            biggest, where = size, i
    return total, where


def _too_big(nb) -> str | None:
    size, cell = output_bytes(nb)
    if size <= MAX_OUTPUT_BYTES:
        return None
    return (f"the report's outputs are {size / 1e6:.1f} MB, more than the {MAX_OUTPUT_BYTES / 1e6:g} MB a page may "
            f"carry (most of it from cell {cell}); print less, or write large results to a file")


KERNEL_START_FAILED = "Kernel died before replying to kernel_info"


def start_again_once(run):
    """Call ``run()``; if its kernel died before it answered ``kernel_info`` (so no cell ran), call it once more.

    A kernel can die while starting for reasons of the moment (seen once in a full test run, two reports
    starting kernels side by side); a report whose kernel started and then failed is not run again.

    >>> calls = []
    >>> def flaky():
    ...     calls.append(1)
    ...     if len(calls) == 1:
    ...         raise RuntimeError(KERNEL_START_FAILED)
    ...     return "ran"
    >>> start_again_once(flaky), len(calls)
    ('ran', 2)
    """
    try:
        return run()
    except RuntimeError as exc:
        if KERNEL_START_FAILED not in str(exc):
            raise
        logging.getLogger("papermill").warning("the kernel died while starting; starting it once more")
        return run()


def _execute_and_render(job: Job) -> Result:
    import nbformat
    import papermill as pm

    from helpers.site.export import error_page, render
    from helpers.site.kernels import manager_class

    start = time.perf_counter()
    out = Path(job.scratch) / f"{job.id}.ipynb"
    log = logging.getLogger("papermill")
    collect = _Collect()
    log.addHandler(collect)
    log.propagate = False
    error = None
    kernel_log = Path(job.scratch) / f"{job.id}.stderr.txt"
    kernels = manager_class(job.scratch, str(kernel_log), job.zygote, _trace_env(job))
    try:
        with _stderr_to(kernel_log), _traced(job):
            start_again_once(lambda: pm.execute_notebook(
                job.notebook, str(out), parameters=job.parameters, cwd=job.cwd or None, progress_bar=False,
                log_output=False, request_save_on_cell_execute=False, autosave_cell_every=0,
                execution_timeout=job.timeout, kernel_manager_class=kernels,
                # a forked kernel is thrown away: nothing to save, so no graceful shutdown
                shutdown_kernel="immediate" if job.zygote else "graceful"))
    except Exception as exc:  # noqa: BLE001 - any failure of one report is that report's failure, not the build's
        error = _describe(exc)
    finally:
        log.removeHandler(collect)
    lang = job.header.lang
    try:
        nb = nbformat.read(out, as_version=4) if out.is_file() else None
        too_big = _too_big(nb) if nb is not None else None
        if too_big is not None:  # the failure page says so without carrying the outputs
            error = f"{error}; {too_big}" if error else too_big
            page = error_page(replace(job.header, error=error))
            return Result(job.id, False, page, time.perf_counter() - start, error, collect.messages)
        if error is None:
            trace, version = _page_version(job)
            header = replace(job.header, data_hash=version)
            page = with_version(render(nb, header, path=job.cwd, exporter=_exporter(lang, False)), version)
            return Result(job.id, True, page, time.perf_counter() - start, None, collect.messages, trace,
                          version if trace is not None else None)
        header = replace(job.header, error=error)
        if nb is not None:
            page = render(nb, header, show_code=True, path=job.cwd, exporter=_exporter(lang, True))
        else:
            page = error_page(replace(header, error=f"{error}\n\n{_tail(kernel_log)}".strip()))
    except Exception as exc:  # noqa: BLE001 - an unreadable output notebook or an export bug: still one clear line
        error = error or f"HTML export failed: {_describe(exc)}"
        page = error_page(replace(job.header, error=error))
    return Result(job.id, False, with_version(page, job.header.data_hash), time.perf_counter() - start, error,
                  collect.messages)


def _trace_env(job: Job) -> dict:
    from helpers.pages.access import TRACE_ENV

    return {TRACE_ENV: job.trace} if job.trace else {}


@contextmanager
def _traced(job: Job):
    """A fresh trace file for the report (its kernel appends to it; ``$WORKBOOK_TRACE`` names it, see
    :func:`_trace_env`)."""
    if job.trace:
        Path(job.trace).unlink(missing_ok=True)
    yield


def _page_version(job: Job) -> tuple[list | None, str]:
    """The report's trace and the data version its page states: a hash of the trace (so a page rebuilt on data
    it does not read states what it stated before), or the build's data version when no trace was kept."""
    from helpers.pages.access import page_version
    from helpers.site.traces import read_trace

    trace = read_trace(Path(job.trace)) if job.trace else None
    return trace, (page_version(trace) if trace is not None else job.header.data_hash)


def with_version(page: str, version: str) -> str:
    """``page`` with the data version written where the notebook could not know it yet
    (:data:`helpers.pages.access.PENDING`).

    >>> with_version("data version WORKBOOK-DATA-VERSION-PENDING.", "abc123")
    'data version abc123.'
    """
    from helpers.pages.access import PENDING

    return page.replace(PENDING, version)


def _init_worker(env: dict, parent: int) -> None:
    import signal

    from helpers.site.lifeline import die_with_parent

    die_with_parent(parent)  # a killed build takes its workers with it
    # Ctrl-C reaches the whole terminal's process group: the driver alone handles it (and ends the workers),
    # so no worker prints a traceback of its own
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    os.environ.update(env)


# No threads at import: the zygote must not have any when it forks (BLAS/OpenMP pools would start one per
# core, pyarrow's jemalloc a background thread). Fresh kernels get the same settings, so both ways compute
# alike; a user's own setting wins.
THREAD_LIMITS = {"OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1",
                 "NUMEXPR_NUM_THREADS": "1", "JE_ARROW_MALLOC_CONF": "background_thread:false"}


def kernel_env(project_root: Path) -> dict:
    """Environment for workers and the kernels they start: headless plots, quiet debugger, a fixed
    hash seed, single-threaded math libraries, and the project's own ``src/`` first on the path (so
    ``--root`` builds use that checkout)."""
    env = {"MPLBACKEND": "Agg", "PYDEVD_DISABLE_FILE_VALIDATION": "1", "PYTHONHASHSEED": "0"}
    env.update({name: value for name, value in THREAD_LIMITS.items() if name not in os.environ})
    src = Path(project_root) / "src"
    if (src / "helpers").is_dir():
        old = os.environ.get("PYTHONPATH", "")
        env["PYTHONPATH"] = os.pathsep.join([str(src), old]) if old else str(src)
    return env


def run_jobs(jobs: list[Job], workers: int, env: dict, on_done=None, isolated: bool = False,
             on_slow=None) -> list[Result]:
    """Run ``jobs`` on ``workers`` processes; call ``on_done(result)`` as each finishes, and
    ``on_slow(job, seconds)`` once for a report running far longer than its last build (:func:`overdue`).

    Unless ``isolated`` (or where forking kernels is not supported), kernels are forked from a zygote
    started here with ``env``, its log in the first job's scratch folder. Processes a notebook started and
    left behind (even in a session of their own) are ended when the build ends (:mod:`helpers.site.lifeline`)."""
    from helpers.site import lifeline
    from helpers.site.zygote import Zygote, available

    before = lifeline.children()
    adopting = lifeline.adopt_orphans(True)
    zygote = None
    try:
        if not isolated and available() and jobs:
            log = Path(jobs[0].scratch) / "zygote.log"
            zygote = Zygote.start(env, str(log))
            jobs = [replace(j, zygote=zygote.address) for j in jobs]
        return _run_pool(jobs, workers, env, on_done, on_slow)
    finally:
        if zygote is not None:
            zygote.stop()
        if adopting:
            lifeline.end_orphans(before)
            lifeline.adopt_orphans(False)


def overdue(seconds: float, last: float) -> bool:
    """True when a report has run far longer than its last build: more than SLOW_FACTOR times and
    SLOW_MARGIN seconds longer (never for a report not timed before).

    >>> overdue(100, 10), overdue(50, 10), overdue(200, 100), overdue(999, 0)
    (True, False, False, False)
    """
    return last > 0 and seconds > max(last * SLOW_FACTOR, last + SLOW_MARGIN)


def _lost(job: Job) -> Result:
    from helpers.site.export import error_page

    error = ("the worker process building this report was lost (killed, e.g. by the system for lack of memory); "
             "the report did not finish")
    return Result(job.id, False, error_page(replace(job.header, error=error)), 0.0, error)


def _run_pool(jobs: list[Job], workers: int, env: dict, on_done=None, on_slow=None) -> list[Result]:
    """One single-process pool per worker, so the driver knows which report each process runs: a lost worker
    (killed by the OOM killer) fails its own report only, and a new process takes its place."""
    import multiprocessing
    from concurrent.futures import FIRST_COMPLETED, wait
    from concurrent.futures.process import BrokenProcessPool

    results = []
    workers = max(1, min(workers, len(jobs)))
    fork = os.name == "posix"
    ctx = multiprocessing.get_context("fork" if fork else "spawn")
    if fork:
        # Preload: forked workers inherit these modules instead of each importing them (nbformat's
        # jsonschema import alone can take seconds); repeated builds in one process pay it once.
        import nbconvert  # noqa: F401
        import papermill  # noqa: F401

    def new_pool():
        return ProcessPoolExecutor(1, mp_context=ctx, initializer=_init_worker, initargs=(env, os.getpid()))

    idle = [new_pool() for _ in range(workers)]
    todo = list(jobs)
    running: dict = {}  # future → (job, its pool, when it started)
    told = set()
    with interrupt_noted() as stop:
        try:
            results += _drive(idle, todo, running, told, new_pool, stop, on_done, on_slow, wait, FIRST_COMPLETED,
                              BrokenProcessPool)
        except BaseException:  # Ctrl-C (or an error in on_done): end every worker now, not after its report
            for pool in idle + [pool for _, pool, _ in running.values()]:
                _end_pool(pool)
            raise
    for pool in idle:
        pool.shutdown(wait=True)
    return results


@contextmanager
def interrupt_noted():
    """While the driver waits for reports, Ctrl-C (SIGINT) only sets the flag it yields, and the driver raises
    ``KeyboardInterrupt`` itself between two waits. Raised wherever the main thread happens to be, inside a lock
    of ``concurrent.futures``, the interrupt could leave that lock held and the shutdown would wait for ever.
    Off the main thread (where no signal handler can be set) the flag is never set.

    >>> with interrupt_noted() as stop:
    ...     stop.is_set()
    False
    """
    import signal
    import threading

    flag = threading.Event()
    if threading.current_thread() is not threading.main_thread():
        yield flag
        return
    previous = signal.getsignal(signal.SIGINT)
    signal.signal(signal.SIGINT, lambda *_: flag.set())
    try:
        yield flag
    finally:
        signal.signal(signal.SIGINT, previous if previous is not None else signal.default_int_handler)


def _drive(idle, todo, running, told, new_pool, stop, on_done, on_slow, wait, first_completed,
           broken) -> list[Result]:
    """The pool loop of :func:`_run_pool`: start reports on idle workers, collect results, replace lost workers,
    announce reports far slower than last time, and raise ``KeyboardInterrupt`` once ``stop`` is set."""
    results = []
    while todo or running:
        if stop.is_set():
            raise KeyboardInterrupt
        while idle and todo:
            pool, job = idle.pop(), todo.pop(0)
            running[pool.submit(run_job, job)] = (job, pool, time.monotonic())
        finished, _ = wait(list(running), timeout=INTERRUPT_POLL, return_when=first_completed)
        for fut in finished:
            job, pool, _ = running.pop(fut)
            try:
                result = fut.result()
            except broken:  # its process died: this report is lost, the others go on
                result = _lost(job)
                pool.shutdown(wait=False)
                pool = new_pool()
            except Exception as exc:  # noqa: BLE001 - e.g. a result that could not be sent back
                from helpers.site.export import error_page

                error = one_line(f"worker failed: {type(exc).__name__}: {exc}")
                result = Result(job.id, False, error_page(replace(job.header, error=error)), 0.0, error)
            idle.append(pool)
            results.append(result)
            if on_done:
                on_done(result)
        now = time.monotonic()
        for job, _, started in running.values():
            if on_slow and job.id not in told and overdue(now - started, job.last_seconds):
                told.add(job.id)
                on_slow(job, now - started)
    if stop.is_set():
        raise KeyboardInterrupt
    return results


def _end_pool(pool) -> None:
    for process in list((getattr(pool, "_processes", None) or {}).values()):
        try:
            process.kill()
        except (OSError, AttributeError):
            pass
    pool.shutdown(wait=False, cancel_futures=True)
