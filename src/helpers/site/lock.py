"""One build at a time per project: a file lock in reports/ (released if the process dies).

>>> import tempfile, pathlib
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> with build_lock(d):
...     (d / LOCK_NAME).exists()
True
"""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path

from helpers.site.errors import BuildLocked

LOCK_NAME = ".site.lock"


@contextmanager
def build_lock(reports: Path, wait: float = 0.0):
    """Hold the build lock of ``reports`` for the ``with`` block.

    Waits up to ``wait`` seconds for another build to finish, then raises :class:`BuildLocked`
    (``wait=0``: refuse at once; a negative ``wait``: wait as long as it takes).
    """
    from filelock import FileLock, Timeout

    reports = Path(reports)
    reports.mkdir(parents=True, exist_ok=True)
    lock = FileLock(str(reports / LOCK_NAME), timeout=wait)
    try:
        lock.acquire()
    except Timeout:
        how = f"waited {wait:g} s; " if wait > 0 else ""
        raise BuildLocked(f"another build of this project is running (it holds {reports / LOCK_NAME}); "
                          f"{how}nothing was written. Run again when it has finished, or pass --wait SECONDS "
                          f"to queue behind it") from None
    try:
        yield lock
    finally:
        lock.release()
