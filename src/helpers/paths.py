"""Where things live. One place knows the folder layout; everything else asks it.

>>> p = Project.find()            # doctest: +SKIP
>>> p.raw / "facts.csv"           # doctest: +SKIP
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

RAW_TABLES = ("sources", "models", "regions", "indicators", "facts")
HASH_FILE = "_data_hash.txt"  # in data/processed/: the data version it was built from, and its files' hashes


class RootNotFound(Exception):
    """No folder holding data/raw/ was found."""


@dataclass(frozen=True)
class Project:
    root: Path

    @classmethod
    def find(cls, start: str | os.PathLike | None = None) -> "Project":
        """The nearest folder upward from ``start`` (default: the current folder) holding data/raw/."""
        here = Path(start or Path.cwd()).resolve()
        for folder in (here, *here.parents):
            if (folder / "data" / "raw").is_dir():
                return cls(folder)
        raise RootNotFound(f"no data/raw/ folder in {here} or any folder above it (use --root PATH)")

    @classmethod
    def at(cls, root: str | os.PathLike) -> "Project":
        """The project at ``root`` exactly; it must hold data/raw/."""
        path = Path(root).resolve()
        if not (path / "data" / "raw").is_dir():
            raise RootNotFound(f"{path} has no data/raw/ folder")
        return cls(path)

    @property
    def raw(self) -> Path:
        return self.root / "data" / "raw"

    @property
    def processed(self) -> Path:
        return self.root / "data" / "processed"

    @property
    def reports(self) -> Path:
        return self.root / "reports"

    @property
    def notebooks(self) -> Path:
        return self.root / "notebooks"

    def raw_file(self, table: str) -> Path:
        return self.raw / f"{table}.csv"

    def rel(self, path: Path) -> str:
        """``path`` relative to the root, with forward slashes, for messages."""
        try:
            return Path(path).resolve().relative_to(self.root).as_posix()
        except ValueError:
            return str(path)

    def processed_is_current(self) -> bool:
        """True when data/processed/ was built from the data/raw/ that is there now and no file of it
        changed since (cheap: no pandas)."""
        return self.processed_problem() is None

    def processed_problem(self) -> str | None:
        """Why data/processed/ cannot be used as it is, or None when it can.

        The stamp file holds the data/raw/ hash it was built from and the SHA-256 of every file written,
        so a damaged or hand-edited table is found before pandas reads it."""
        stamp = self.processed / HASH_FILE
        try:
            lines = stamp.read_text(encoding="utf-8").splitlines()
        except FileNotFoundError:
            return "data/processed/ has not been built yet"
        except (OSError, UnicodeDecodeError):
            return f"{self.rel(stamp)} is unreadable"
        if not lines or lines[0].strip() != self.data_hash():
            return "data/raw/ changed since data/processed/ was built"
        files = [line.split("  ", 1) for line in lines[1:] if line.strip()]
        if not files or any(len(f) != 2 for f in files):
            return f"{self.rel(stamp)} lists no file hashes (built by an older version)"
        for digest, name in files:
            path = self.processed / name
            try:
                actual = hashlib.sha256(path.read_bytes()).hexdigest()
            except OSError:
                return f"{self.rel(path)} is missing"
            if actual != digest:
                return f"{self.rel(path)} was changed or damaged after it was built"
        return None

    def data_hash(self) -> str:
        """A short content hash of every file in data/raw/ (names and bytes): the data version."""
        return hash_files(sorted(p for p in self.raw.rglob("*") if p.is_file()), self.raw)


def hash_files(paths, base: Path) -> str:
    h = hashlib.sha256()
    for p in paths:
        h.update(Path(p).relative_to(base).as_posix().encode())
        h.update(b"\0")
        h.update(Path(p).read_bytes())
        h.update(b"\0")
    return h.hexdigest()[:12]
