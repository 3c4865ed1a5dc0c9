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
from contextlib import contextmanager
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field, replace
from pathlib import Path

CELL_TIMEOUT = 600  # seconds per cell; a hung cell fails its report instead of the whole build
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


@dataclass
class Result:
    """A worker's answer: the report page, or the failure page and a one-line error."""

    id: str
    ok: bool
    html: str
    seconds: float
    error: str | None = None
    warnings: list = field(default_factory=list)


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
    try:
        result.html = embed(result.html, job.font_cache)
    except Exception as exc:  # a font problem must not lose the report: the page still reads with system fonts
        result.warnings.append(f"CJK font not embedded: {one_line(str(exc))}")
    return result


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
    kernels = manager_class(job.scratch, str(kernel_log), job.zygote)
    try:
        with _stderr_to(kernel_log):
            pm.execute_notebook(job.notebook, str(out), parameters=job.parameters, cwd=job.cwd or None,
                                progress_bar=False, log_output=False, request_save_on_cell_execute=False,
                                autosave_cell_every=0, execution_timeout=job.timeout,
                                kernel_manager_class=kernels,
                                # a forked kernel is thrown away: nothing to save, so no graceful shutdown
                                shutdown_kernel="immediate" if job.zygote else "graceful")
    except Exception as exc:  # any failure of one report is that report's failure, not the build's
        error = _describe(exc)
    finally:
        log.removeHandler(collect)
    lang = job.header.lang
    try:
        if error is None:
            page = render(nbformat.read(out, as_version=4), job.header, path=job.cwd,
                          exporter=_exporter(lang, False))
            return Result(job.id, True, page, time.perf_counter() - start, None, collect.messages)
        header = replace(job.header, error=error)
        if out.is_file():
            page = render(nbformat.read(out, as_version=4), header, show_code=True, path=job.cwd,
                          exporter=_exporter(lang, True))
        else:
            page = error_page(replace(header, error=f"{error}\n\n{_tail(kernel_log)}".strip()))
    except Exception as exc:  # an unreadable output notebook or an export bug: still one clear line
        error = error or f"HTML export failed: {_describe(exc)}"
        page = error_page(replace(job.header, error=error))
    return Result(job.id, False, page, time.perf_counter() - start, error, collect.messages)


def _init_worker(env: dict, parent: int) -> None:
    from helpers.site.lifeline import die_with_parent

    die_with_parent(parent)  # a killed build takes its workers with it
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


def run_jobs(jobs: list[Job], workers: int, env: dict, on_done=None, isolated: bool = False) -> list[Result]:
    """Run ``jobs`` on ``workers`` processes; call ``on_done(result)`` as each finishes.

    Unless ``isolated`` (or where forking kernels is not supported), kernels are forked from a zygote
    started here with ``env``, its log in the first job's scratch folder."""
    from helpers.site.zygote import Zygote, available

    zygote = None
    if not isolated and available() and jobs:
        log = Path(jobs[0].scratch) / "zygote.log"
        zygote = Zygote.start(env, str(log))
        jobs = [replace(j, zygote=zygote.address) for j in jobs]
    try:
        return _run_pool(jobs, workers, env, on_done)
    finally:
        if zygote is not None:
            zygote.stop()


def _run_pool(jobs: list[Job], workers: int, env: dict, on_done=None) -> list[Result]:
    import multiprocessing

    results = []
    workers = max(1, min(workers, len(jobs)))
    fork = os.name == "posix"
    ctx = multiprocessing.get_context("fork" if fork else "spawn")
    if fork:
        # Preload: forked workers inherit these modules instead of each importing them (nbformat's
        # jsonschema import alone can take seconds); repeated builds in one process pay it once.
        import nbconvert  # noqa: F401
        import papermill  # noqa: F401
    with ProcessPoolExecutor(workers, mp_context=ctx, initializer=_init_worker,
                             initargs=(env, os.getpid())) as pool:
        futures = {pool.submit(run_job, job): job for job in jobs}
        for fut in as_completed(futures):
            job = futures[fut]
            try:
                result = fut.result()
            except Exception as exc:  # the worker process died (e.g. killed for memory)
                from helpers.site.export import error_page

                error = one_line(f"worker failed: {type(exc).__name__}: {exc}")
                result = Result(job.id, False, error_page(replace(job.header, error=error)),
                                0.0, error)
            results.append(result)
            if on_done:
                on_done(result)
    return results
