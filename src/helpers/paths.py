"""Where things live. One place knows the folder layout; everything else asks it.

>>> p = Project.locate()          # doctest: +SKIP
>>> p.raw / "facts.csv"           # doctest: +SKIP

Which project: an explicit root, else the nearest folder upward from the current folder holding
data/raw/, else ``$WORKBOOK_ROOT``; notebooks (``Project.locate``) finally fall back to the checkout this
package lives in, so papermill's Python API runs them from any folder.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from helpers.errors import WorkbookError

RAW_TABLES = ("sources", "models", "regions", "indicators", "facts", "phases")
ROOT_ENV = "WORKBOOK_ROOT"  # environment variable naming the project folder
HASH_FILE = "_data_hash.txt"  # in data/processed/: the data version it was built from, and its files' hashes
SNAPSHOT_ENV = "WORKBOOK_PROCESSED"  # a build's copy of data/processed/, which its kernels read instead
SNAPSHOT_ROOT = "_project.txt"  # in that copy: the project folder it was copied from


class RootNotFound(WorkbookError):
    """No folder holding data/raw/ was found (bad usage: exit 2, with how to name the folder)."""

    usage = True

    def line(self, command: str) -> str:
        return f"workbook: {self} (use --root PATH or set {ROOT_ENV})"


@dataclass(frozen=True)
class Project:
    root: Path

    @classmethod
    def find(cls, start: str | os.PathLike | None = None) -> Project:
        """The nearest folder upward from ``start`` (default: the current folder) holding data/raw/,
        else ``$WORKBOOK_ROOT`` if set. The folder comes first so that a build's kernels, which run in
        the project's notebooks/, never follow a variable set for another checkout."""
        here = Path(start or Path.cwd()).resolve()
        for folder in (here, *here.parents):
            if (folder / "data" / "raw").is_dir():
                return cls(folder)
        if os.environ.get(ROOT_ENV):
            return cls.at(os.environ[ROOT_ENV], source=ROOT_ENV)
        raise RootNotFound(f"no data/raw/ folder in {here} or any folder above it")

    @classmethod
    def locate(cls, root: str | os.PathLike | None = None) -> Project:
        """The project a notebook works on: ``root``, else :meth:`find`, else the checkout holding this
        package (``<root>/src/helpers``), so a notebook run from another folder still finds its data."""
        if root:
            return cls.at(root)
        try:
            return cls.find()
        except RootNotFound as e:
            home = Path(__file__).resolve().parents[2]
            if (home / "data" / "raw").is_dir():
                return cls(home)
            raise RootNotFound(f"{e}; set {ROOT_ENV}=/path/to/the/workbook (or run from inside it)") from None

    @classmethod
    def from_option(cls, root: str | os.PathLike | None) -> Project:
        """The project a command works on: ``--root PATH`` exactly when given, else :meth:`find`."""
        return cls.at(root) if root else cls.find()

    @classmethod
    def at(cls, root: str | os.PathLike, source: str = "") -> Project:
        """The project at ``root`` exactly; it must hold data/raw/."""
        path = Path(root).resolve()
        if not (path / "data" / "raw").is_dir():
            raise RootNotFound(f"{source + '=' if source else ''}{path} has no data/raw/ folder")
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

    @property
    def cache(self) -> Path:
        """``.cache/``: what the tools keep between runs (font subsets, map boundaries, build scratch).
        Deleting it costs time, never data; ``make clean`` does."""
        return self.root / ".cache"

    @property
    def font_cache(self) -> Path:
        """``.cache/fonts/``: CJK font subsets by character set (:func:`helpers.webfont.cached_woff`)."""
        return self.cache / "fonts"

    @property
    def chart_cache(self) -> Path:
        """``.cache/charts/``: chart PNGs a build keeps by what they were drawn from (:mod:`helpers.pages.chart_cache`)."""
        return self.cache / "charts"

    def raw_file(self, table: str) -> Path:
        return self.raw / f"{table}.csv"

    def rel(self, path: Path) -> str:
        """``path`` relative to the root, with forward slashes, for messages."""
        try:
            return Path(path).resolve().relative_to(self.root).as_posix()
        except ValueError:
            return str(path)

    def processed_is_current(self, data_hash: str | None = None) -> bool:
        """True when data/processed/ was built from the data/raw/ that is there now and no file of it
        changed since (cheap: no pandas). ``data_hash``: :meth:`data_hash`, when the caller has it."""
        return self.processed_problem(data_hash) is None

    def processed_problem(self, data_hash: str | None = None) -> str | None:
        """Why data/processed/ cannot be used as it is, or None when it can.

        The stamp file (:func:`read_stamp`) holds the data/raw/ hash it was built from and the SHA-256 of every
        file written, so a damaged or hand-edited table is found before pandas reads it."""
        path = self.processed / HASH_FILE
        try:
            stamp = read_stamp(self.processed)
        except FileNotFoundError:
            return "data/processed/ has not been built yet"
        except (OSError, UnicodeDecodeError):
            return f"{self.rel(path)} is unreadable"
        except ValueError:
            return f"{self.rel(path)} lists no file hashes (built by an older version)"
        if stamp.version != (data_hash or self.data_hash()):
            return "data/raw/ changed since data/processed/ was built"
        if not stamp.files:
            return f"{self.rel(path)} lists no file hashes (built by an older version)"
        name = stamp.damaged(self.processed)
        if name is not None:
            target = self.processed / name
            return f"{self.rel(target)} is missing" if not target.is_file() else \
                f"{self.rel(target)} was changed or damaged after it was built"
        return None

    def snapshot(self) -> tuple[Path, str] | None:
        """The build's copy of data/processed/ and the data version it holds, when ``$WORKBOOK_PROCESSED``
        names a copy made from this project (a build sets it for its kernels, so every report of the build
        shows one version of the data, whatever happens to data/raw/ or data/processed/ meanwhile)."""
        folder = os.environ.get(SNAPSHOT_ENV)
        if not folder:
            return None
        try:
            root = (Path(folder) / SNAPSHOT_ROOT).read_text(encoding="utf-8").strip()
            version = read_stamp(Path(folder)).version
        except (OSError, UnicodeDecodeError, ValueError):
            return None
        return (Path(folder), version) if root == str(self.root) and version else None

    def data_hash(self) -> str:
        """A short content hash of every file in data/raw/ (names and bytes): the data version."""
        return hash_files(sorted(p for p in self.raw.rglob("*") if p.is_file()), self.raw)


@dataclass(frozen=True)
class Stamp:
    """What a data/processed/ folder's stamp file (:data:`HASH_FILE`) says: the data/raw/ version it was built
    from and the SHA-256 of each file written (by name). The one reader of that file is :func:`read_stamp`.

    >>> s = Stamp("abc", {"facts.parquet": "1f", "facts.csv": "2e", "models.parquet": "3d"})
    >>> s.tables
    {'facts': '1f', 'models': '3d'}
    """

    version: str
    files: dict[str, str]

    @property
    def tables(self) -> dict[str, str]:
        """The digest of each Parquet table a page can read, by table name."""
        return {name[:-len(".parquet")]: sha for name, sha in self.files.items() if name.endswith(".parquet")}

    def damaged(self, folder: Path) -> str | None:
        """The name of the first listed file of ``folder`` that is missing or whose bytes differ, else None."""
        for name, sha in self.files.items():
            try:
                if hashlib.sha256((Path(folder) / name).read_bytes()).hexdigest() != sha:
                    return name
            except OSError:
                return name
        return None


def read_stamp(folder: Path) -> Stamp:
    """The stamp file of the data/processed/ copy ``folder``: its first line the data version, then one
    ``<sha256>  <name>`` line per file (an empty file: no version, no files). Raises ``OSError``/``UnicodeDecodeError``
    when it cannot be read and ``ValueError`` when a file line is not two fields."""
    lines = (Path(folder) / HASH_FILE).read_text(encoding="utf-8").splitlines()
    files = {}
    for line in lines[1:]:
        if line.strip():
            parts = line.split("  ", 1)
            if len(parts) != 2:
                raise ValueError(f"{HASH_FILE}: not '<sha256>  <name>': {line!r}")
            files[parts[1]] = parts[0]
    return Stamp(lines[0].strip() if lines else "", files)


def hash_files(paths, base: Path) -> str:
    h = hashlib.sha256()
    for p in paths:
        h.update(Path(p).relative_to(base).as_posix().encode())
        h.update(b"\0")
        h.update(Path(p).read_bytes())
        h.update(b"\0")
    return h.hexdigest()[:12]


def write_bytes_atomic(path: Path, data: bytes, durable: bool = False) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder and a rename (the folder made if
    missing), so a reader (another kernel, a later build, a browser) never sees half a file; readable by all
    (``0o644``). ``durable``: the bytes are on disk before the rename (``fsync``), for what a reader is given (the
    published pages), not for caches. An ``OSError`` names ``path`` (not the temporary file, and also when the
    system gives no name, as for a full disk).

    >>> import tempfile
    >>> p = Path(tempfile.mkdtemp()) / "a" / "b.bin"
    >>> write_bytes_atomic(p, b"x"); p.read_bytes(), [f.name for f in p.parent.iterdir()]
    (b'x', ['b.bin'])
    """
    import tempfile

    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name[:100]}.", suffix=".tmp")
    except OSError as e:
        raise OSError(e.errno, e.strerror or str(e), str(path)) from None
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            if durable:
                f.flush()
                os.fsync(f.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException as e:
        Path(tmp).unlink(missing_ok=True)
        if isinstance(e, OSError):
            raise OSError(e.errno, e.strerror or str(e), str(path)) from None
        raise
