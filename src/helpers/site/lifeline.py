"""Make a build's helper processes die with the process that started them (Linux ``PR_SET_PDEATHSIG``).

A pool worker, the kernel zygote and every kernel ask the kernel (the OS one) for a signal when their
parent goes away, so killing ``workbook build`` (SIGTERM, SIGKILL, a closed terminal) takes the whole
tree with it instead of leaving workers and kernels running beside the next build. Where ``prctl`` is
not available (not Linux) this is a no-op and :func:`supported` says so.

>>> die_with_parent() in (True, False)
True
"""

from __future__ import annotations

import functools
import os
import signal
import sys

PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>


def supported() -> bool:
    """True where a process can ask to be signalled when its parent dies (Linux)."""
    return sys.platform.startswith("linux")


def die_with_parent(expected_parent: int | None = None, sig: int = signal.SIGKILL) -> bool:
    """Ask for ``sig`` when the parent dies; exit at once if it already has.

    ``expected_parent`` closes the race between being started and asking: if the parent pid is no longer
    that process (it died in between and this process was re-parented), exit now. Returns whether the
    request was made (False off Linux). Safe to call in a ``preexec_fn``: no allocation-heavy work.
    """
    prctl = _prctl()
    if prctl is None:
        return False
    return _ask(prctl, expected_parent, sig)


def _ask(prctl, expected_parent, sig) -> bool:
    if prctl(PR_SET_PDEATHSIG, int(sig), 0, 0, 0) != 0:
        return False
    if expected_parent is not None and os.getppid() != expected_parent:
        os._exit(1)
    return True


@functools.lru_cache(maxsize=1)
def _prctl():
    """libc's ``prctl``, looked up once (never in a forked child: dlopen there can deadlock)."""
    if not supported():
        return None
    import ctypes

    return ctypes.CDLL(None, use_errno=True).prctl


def preexec(parent: int):
    """A ``subprocess.Popen(preexec_fn=...)`` that makes the child die with ``parent`` (the caller).

    >>> callable(preexec(os.getpid()))
    True
    """
    prctl = _prctl()

    def _run():
        if prctl is not None:
            _ask(prctl, parent, signal.SIGKILL)

    return _run


PR_SET_CHILD_SUBREAPER = 36  # from <linux/prctl.h>


def adopt_orphans(on: bool = True) -> bool:
    """Make this process (the build) adopt every orphan among its descendants, or stop doing so.

    A process a notebook starts in a session of its own (``start_new_session=True``, a daemon's double
    fork) would otherwise outlive its kernel, re-parented to init under the zygote's command line. Adopted,
    :func:`end_orphans` can end it when the build ends. Returns whether it was done (False off Linux)."""
    prctl = _prctl()
    return prctl is not None and prctl(PR_SET_CHILD_SUBREAPER, 1 if on else 0, 0, 0, 0) == 0


def children() -> set[int]:
    """The pids of this process's children (zombies included), read from /proc; empty off Linux."""
    me, found = os.getpid(), set()
    try:
        entries = os.listdir("/proc")
    except OSError:
        return found
    for entry in entries:
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as f:
                stat = f.read()
        except OSError:
            continue
        fields = stat[stat.rfind(b")") + 2:].split()  # the command may hold spaces and parentheses
        if len(fields) > 1 and int(fields[1]) == me:
            found.add(int(entry))
    return found


def end_orphans(before: set[int], settle: float = 0.05, limit: float = 2.0) -> list[int]:
    """Kill and reap every child of this process that was not one ``before`` (the orphans it adopted);
    keep looking until none has arrived for ``settle`` seconds (a killed kernel's children are adopted a
    moment after it dies), at most ``limit`` seconds. Returns the pids ended."""
    import time

    ended: list[int] = []
    start = quiet = time.monotonic()
    while time.monotonic() - start < limit:
        new = children() - set(before)
        if not new:
            if time.monotonic() - quiet >= settle:
                break
            time.sleep(0.01)
            continue
        for pid in new:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        for pid in new:
            try:
                os.waitpid(pid, 0)
            except ChildProcessError:
                pass
        ended += sorted(new)
        quiet = time.monotonic()
    return ended
