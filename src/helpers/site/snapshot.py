"""One version of the inputs for a whole build: a copy of data/processed/ and of each notebook, in its scratch folder.

Editing data/raw/, running ``workbook data`` or saving a notebook while a build runs must not give pages
whose body shows the new data while their header, footer and the manifest name the old version (or half the
pages with a notebook's edit and half without). So the build copies data/processed/ once, checks the copy
against the file hashes its stamp lists (copying again if a rebuild was writing meanwhile), and points every
kernel at it through ``$WORKBOOK_PROCESSED`` (:meth:`helpers.paths.Project.snapshot`, read by
:func:`helpers.data.load.tables`). The version every page states is the one that copy was built from.
Notebooks run from the bytes read when the build planned them (:attr:`helpers.site.plan.Step.source`).
"""

from __future__ import annotations

import shutil
from pathlib import Path

from helpers.paths import SNAPSHOT_ROOT, Project, read_stamp
from helpers.site.errors import BuildError

ATTEMPTS = 3


def copy_processed(project: Project, scratch: Path) -> tuple[Path, str]:
    """Copy data/processed/ (rebuilt first if data/raw/ changed) into ``scratch``; the copy and its data version.

    Raises :class:`~helpers.data.processed.DataCheckFailed` when data/raw/ has problems, and
    :class:`BuildError` when data/processed/ kept changing while it was copied."""
    dest = Path(scratch) / "processed"
    for _ in range(ATTEMPTS):
        if project.processed_problem() is not None:  # pandas is imported only when data/processed/ is stale
            from helpers.data.processed import ensure_current

            ensure_current(project)
        if dest.exists():
            shutil.rmtree(dest)
        shutil.copytree(project.processed, dest, ignore=shutil.ignore_patterns(".update*"))
        version = verified(dest)
        if version is not None:
            (dest / SNAPSHOT_ROOT).write_text(str(project.root), encoding="utf-8")
            return dest, version
    raise BuildError(f"{project.rel(project.processed)}/ kept changing while the build copied it "
                     "(is `workbook data` running?); try again")


def verified(folder: Path) -> str | None:
    """The data version of a copy of data/processed/ whose files all have the hashes its stamp lists, else None."""
    try:
        stamp = read_stamp(folder)
    except (OSError, UnicodeDecodeError, ValueError):
        return None
    return stamp.version or None if stamp.damaged(folder) is None else None


def write_notebook(scratch: Path, index: int, notebook: str, source: bytes) -> Path:
    """The notebook's bytes as planned, in ``scratch/notebooks/`` (one file per notebook of the build)."""
    folder = Path(scratch) / "notebooks"
    folder.mkdir(exist_ok=True)
    path = folder / f"{index:03d}-{Path(notebook).name}"
    if not path.exists():
        path.write_bytes(source)
    return path
