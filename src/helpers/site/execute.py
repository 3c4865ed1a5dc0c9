"""Run notebooks with papermill and export them to HTML in the same worker (the process pool is
:mod:`helpers.site.pool`).

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
from dataclasses import dataclass, field, replace
from pathlib import Path

CELL_TIMEOUT = 600  # seconds per cell by default (reports.yml `timeout`, `--timeout`); a hung cell fails its report
MAX_OUTPUT_BYTES = 5_000_000  # outputs a page may carry (text, images as base64); more fails the report
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
    late_env: dict = field(default_factory=dict)  # what its forked kernel adds to the zygote's environment
    last_seconds: float = 0.0  # how long its last build took (0: never timed)
    root: str = ""  # the project folder: failure pages show paths relative to it
    trace: str = ""  # the file the report's kernel writes its trace to (helpers.pages.access); empty: none
    charts: str = ""  # the folder charts are kept in between builds (helpers.pages.chart_cache); empty: none
    chart_salt: str = ""  # the build's code and environment hash, part of every kept chart's key
    chart_read: bool = True  # False (a forced build): draw every chart, keeping what is drawn


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
    kernels = manager_class(job.scratch, str(kernel_log), job.zygote, _report_env(job))
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


def _report_env(job: Job) -> dict:
    """The report kernel's own environment: where its trace goes, where charts are kept and under which salt, and
    what the zygote it is forked from was started without (:meth:`helpers.site.zygote.Zygote.late_env`)."""
    from helpers.pages.access import TRACE_ENV
    from helpers.pages.chart_cache import CACHE_ENV, READ_ENV, SALT_ENV

    env = dict(job.late_env)
    if job.trace:
        env[TRACE_ENV] = job.trace
    if job.charts and job.chart_salt:
        env.update({CACHE_ENV: job.charts, SALT_ENV: job.chart_salt, READ_ENV: "1" if job.chart_read else "0"})
    return env


@contextmanager
def _traced(job: Job):
    """A fresh trace file for the report (its kernel appends to it; ``$WORKBOOK_TRACE`` names it, see
    :func:`_report_env`)."""
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
