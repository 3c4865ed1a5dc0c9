"""The build's scratch folder: executed notebooks, kernel logs and connection files, under ``.cache/scratch``.

It lives in the project's build cache, not in ``/tmp``, so a build that was killed leaves nothing
elsewhere; the next build (which holds the build lock, so no other build is using the folder) removes
whatever an earlier one left.

>>> import tempfile, pathlib
>>> root = pathlib.Path(tempfile.mkdtemp())
>>> (root / ".cache" / "scratch" / "build-1").mkdir(parents=True)   # left by a killed build
>>> with scratch_dir(root) as s:
...     sorted(p.name for p in s.parent.iterdir()) == [s.name]
True
>>> list((root / ".cache" / "scratch").iterdir())
[]
"""

from __future__ import annotations

import os
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path

SCRATCH = Path(".cache") / "scratch"


def scratch_root(project_root: Path) -> Path:
    return Path(project_root) / SCRATCH


def clean_stale(project_root: Path) -> list[str]:
    """Remove what earlier builds left in the scratch folder; the names removed. Call under the build lock."""
    root = scratch_root(project_root)
    removed = []
    if root.is_dir():
        for entry in sorted(root.iterdir()):
            if entry.is_dir() and not entry.is_symlink():
                shutil.rmtree(entry, ignore_errors=True)
            else:
                entry.unlink(missing_ok=True)
            removed.append(entry.name)
    return removed


@contextmanager
def scratch_dir(project_root: Path):
    """A fresh scratch folder for this build, removed afterwards (and left-overs of killed builds first)."""
    clean_stale(project_root)
    root = scratch_root(project_root)
    root.mkdir(parents=True, exist_ok=True)
    path = Path(tempfile.mkdtemp(prefix=f"build-{os.getpid()}-", dir=root))
    try:
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)
