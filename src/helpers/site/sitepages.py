"""The site's own pages, ``reports/index.html`` (with ``search.js`` and ``site.js``) and ``reports/changes.html``,
made again only when what they are made from changed.

A build with nothing to do would otherwise spend most of its time making them again, byte for byte the same. Each
is a function of the code and environment that make it (the build's hashes of ``src/helpers`` and
``requirements.lock``), the data version and the manifest's entries as the pages can show them
(:func:`shown_entry`); ``changes.html`` also of the data versions kept in ``reports/.versions/``
(``versions.json`` and its tables, by size and modification time). The build keeps a digest of these, and the size,
modification time and inode of each file it wrote, in ``.cache/site.json``; when both still match, the files are
left alone (not rewritten, their times and inodes unchanged). A file edited, replaced or deleted since, or a stamp
that is missing or unreadable, makes them again.

>>> import tempfile
>>> root = Path(tempfile.mkdtemp()); page = root / "p.html"; _ = page.write_text("x")
>>> made = SiteStamp(root / "site.json")
>>> made.current("p", "k1", [page])
False
>>> made.note("p", "k1", [page]); SiteStamp(root / "site.json").current("p", "k1", [page])
True
>>> SiteStamp(root / "site.json").current("p", "k2", [page])
False
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from helpers.paths import Project

STAMP = "site.json"  # in .cache/
SKIPPED = ("trace", "verified")  # manifest fields no site page shows


def write_site_pages(project: Project, data_hash: str, entries: list[dict], built_at: str, code: str) -> None:
    """Write ``changes.html`` (when data/processed/ is built from the data version ``data_hash``) and the index,
    each only when a digest of what it is made from differs from the one it was last written from (``code``: the
    build's helpers and environment hashes)."""
    from helpers.site.changes import CHANGES, VERSIONS, record, write_changes
    from helpers.site.publish import INDEX, SITE_JS, write_index
    from helpers.site.search import CORPUS

    reports = project.reports
    stamp = SiteStamp(project.cache / STAMP)
    shown = [shown_entry(e) for e in entries]
    if project.processed_is_current(data_hash):  # what changed since the previous data version
        state = record(reports, project.processed, data_hash, built_at)
        kept = [str(p.relative_to(reports)) for v in sorted({str(state.get("current")), str(state.get("previous"))})
                for p in sorted((reports / VERSIONS / v).glob("*.csv"))]
        key = digest(code, data_hash, state, signatures([reports / k for k in kept]), kept, shown)
        files = [reports / CHANGES]
        if not stamp.current("changes", key, files):
            write_changes(reports, project.processed, data_hash, built_at, entries, project.font_cache)
            stamp.note("changes", key, files)
    key = digest(code, data_hash, shown)
    files = [reports / INDEX, reports / CORPUS, reports / SITE_JS]
    if not stamp.current("index", key, files):
        write_index(reports, data_hash, entries, project.font_cache)
        stamp.note("index", key, files)


def shown_entry(entry: dict) -> dict:
    """What the site pages can show of a manifest entry: all but its trace and the tables it was verified on, and
    "up-to-date" written "ok" (both are a good page there; a test keeps the pages so), so the first build with
    nothing changed after one that ran reports leaves them alone too.

    >>> shown_entry({"id": "a", "status": "up-to-date", "trace": [], "verified": {}})
    {'id': 'a', 'status': 'ok'}
    """
    out = {k: v for k, v in entry.items() if k not in SKIPPED}
    if out.get("status") == "up-to-date":
        out["status"] = "ok"
    return out


def digest(*parts) -> str:
    """A SHA-256 of JSON-able ``parts``.

    >>> digest("a", {"b": 1}) == digest("a", {"b": 1}) != digest("a", {"b": 2})
    True
    """
    text = json.dumps(parts, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def signatures(paths: list[Path]) -> list:
    """Each file's size, modification time (ns) and inode; None for a file that is not there."""
    out = []
    for path in paths:
        try:
            st = os.stat(path)
        except OSError:
            out.append(None)
            continue
        out.append([st.st_size, st.st_mtime_ns, st.st_ino])
    return out


class SiteStamp:
    """``.cache/site.json``: per site page, the digest it was made from and the signatures of the files written."""

    def __init__(self, path: Path):
        self.path = Path(path)
        try:
            self.data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            self.data = {}
        if not isinstance(self.data, dict):
            self.data = {}

    def current(self, name: str, key: str, files: list[Path]) -> bool:
        """Whether ``files`` were made from ``key`` and are still the files written then."""
        kept = self.data.get(name)
        return (isinstance(kept, dict) and kept.get("key") == key
                and kept.get("files") == signatures(files) and None not in kept["files"])

    def note(self, name: str, key: str, files: list[Path]) -> None:
        """Record that ``files`` were just made from ``key`` (a stamp that cannot be written is no error: the
        pages are then made again next time)."""
        from helpers.paths import write_bytes_atomic

        self.data[name] = {"key": key, "files": signatures(files)}
        try:
            write_bytes_atomic(self.path, (json.dumps(self.data, sort_keys=True, indent=1) + "\n").encode("utf-8"))
        except OSError:
            pass
