"""The process pool that runs a build's notebooks: one single-process pool per worker, so a lost worker (killed by
the OOM killer) fails its own report only; kernels forked from a zygote unless ``isolated``; Ctrl-C noted between two
waits and every worker ended; reports far slower than their last build announced (:func:`overdue`).
:mod:`helpers.site.execute` runs each job inside a worker.
"""

from __future__ import annotations

import os
import time
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

from helpers.site.execute import Job, Result, one_line, run_job

SLOW_FACTOR, SLOW_MARGIN = 3.0, 60.0  # a report is "far longer than last time" beyond both
# How often the driver stops waiting for reports: to act on a Ctrl-C it noted, and to look for reports
# running far longer than last time.
INTERRUPT_POLL = 0.5


def _init_worker(env: dict, parent: int) -> None:
    import signal

    from helpers.site.lifeline import die_with_parent

    die_with_parent(parent)  # a killed build takes its workers with it
    # Ctrl-C reaches the whole terminal's process group: the driver alone handles it (and ends the workers),
    # so no worker prints a traceback of its own
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    os.environ.update(env)


def run_jobs(jobs: list[Job], workers: int, env: dict, on_done=None, isolated: bool = False,
             on_slow=None, zygote=None) -> list[Result]:
    """Run ``jobs`` on ``workers`` processes; call ``on_done(result)`` as each finishes, and
    ``on_slow(job, seconds)`` once for a report running far longer than its last build (:func:`overdue`).

    Unless ``isolated`` (or where forking kernels is not supported), kernels are forked from a zygote: ``zygote``,
    one the caller started earlier, each kernel given what ``env`` adds to the zygote's environment
    (:meth:`~helpers.site.zygote.Zygote.late_env`); else one started here with ``env``, its log in the first job's
    scratch folder. Either way a kernel's environment is the build's updated by ``env``, and the zygote is stopped
    here once the jobs are done (before the orphans are ended). Processes a notebook started and left behind (even
    in a session of their own) are ended when the build ends (:mod:`helpers.site.lifeline`)."""
    from helpers.site import lifeline
    from helpers.site.zygote import Zygote, available

    before = lifeline.children()
    adopting = lifeline.adopt_orphans(True)
    own = None
    try:
        if not isolated and available() and jobs:
            late = zygote.late_env(env) if zygote is not None else None
            if late is None:  # none given, or one started with another environment
                own, late = Zygote.start(env, str(Path(jobs[0].scratch) / "zygote.log")), {}
            jobs = [replace(j, zygote=(own or zygote).address, late_env=late) for j in jobs]
        return _run_pool(jobs, workers, env, on_done, on_slow)
    finally:
        for z in (own, zygote):
            if z is not None:
                z.stop()
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
