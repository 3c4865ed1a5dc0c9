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
