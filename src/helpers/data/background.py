"""Work a forked child process does while this one goes on: ``start(fn, *args)``, later ``.result()``.

``workbook data`` checks data/raw/ in a child while it builds the processed tables from the same tables
(two cores: the check's second or so is hidden); the files are swapped into data/processed/ only after the
child found no problem. Where there is no ``os.fork`` (Windows) the work is done at once, in this process.
The child never flushes or runs this process's exit handlers (``os._exit``); its result comes back pickled.
"""

from __future__ import annotations

import os
import pickle
import sys

from helpers.errors import WorkbookError


class ChildFailed(WorkbookError):
    """The child raised (its error as text) or died without a result: one line, exit 1."""


class _Done:
    def __init__(self, value):
        self._value = value

    def result(self):
        return self._value


class _Pending:
    def __init__(self, pid: int, fd: int):
        self._pid, self._fd, self._value = pid, fd, None

    def result(self):
        """Wait for the child and return what its function returned (once; later calls return it again)."""
        if self._fd is not None:
            with os.fdopen(self._fd, "rb") as f:
                data = f.read()
            self._fd = None
            os.waitpid(self._pid, 0)
            ok, value = pickle.loads(data) if data else (False, "the child process ended without a result")
            if not ok:
                raise ChildFailed(f"the work done in a child process failed: {value}")
            self._value = value
        return self._value


def start(fn, *args):
    """``fn(*args)`` in a forked child; the returned object's ``result()`` waits for it."""
    if not hasattr(os, "fork"):
        return _Done(fn(*args))
    sys.stdout.flush()
    sys.stderr.flush()
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child (coverage does not follow it)
        code = 0
        try:
            os.close(read)
            try:
                data = pickle.dumps((True, fn(*args)))
            except BaseException as e:  # noqa: BLE001 - any failure goes back to the parent as text
                data = pickle.dumps((False, f"{type(e).__name__}: {e}"))
            with os.fdopen(write, "wb") as f:
                f.write(data)
        except BaseException:  # noqa: BLE001
            code = 1
        finally:
            os._exit(code)
    os.close(write)
    return _Pending(pid, read)
