"""Write results into reports/: atomically, never over a good report with a failed one.

Every file is written to a temporary file in its destination folder and moved into place with
``os.replace`` (atomic on one filesystem), so a reader or a crash never sees half a file. A failed
report goes to ``reports/_failed/<id>.html``; its last good ``reports/<id>.html`` stays. A success
removes the stale failure page. ``index.html`` and ``manifest.json`` are rewritten last.

>>> import tempfile, pathlib
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> write_atomic(d / "a.html", "<p>ok</p>")
>>> (d / "a.html").read_text()
'<p>ok</p>'
"""

from __future__ import annotations

import html
import json
import os
import tempfile
from pathlib import Path

FAILED_DIR = "_failed"
INDEX = "index.html"


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` (UTF-8) to ``path`` through a temporary file and a rename."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def report_path(reports: Path, report_id: str) -> Path:
    return Path(reports) / f"{report_id}.html"


def failed_path(reports: Path, report_id: str) -> Path:
    return Path(reports) / FAILED_DIR / f"{report_id}.html"


def publish_result(reports: Path, report_id: str, ok: bool, page: str) -> None:
    """Put one report's page in place: the report itself, or its failure page."""
    if ok:
        write_atomic(report_path(reports, report_id), page)
        failed_path(reports, report_id).unlink(missing_ok=True)
    else:
        write_atomic(failed_path(reports, report_id), page)


def orphan_pages(reports: Path, old_ids: set[str], current_ids: set[str]) -> list[str]:
    """Pages (relative to ``reports``) of reports the last manifest listed but reports.yml no longer declares.

    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp()); _ = (d / "gone.html").write_text("x")
    >>> orphan_pages(d, {"gone", "kept"}, {"kept"})
    ['gone.html']
    """
    pages = []
    for rid in sorted(old_ids - current_ids):
        for path in (report_path(reports, rid), failed_path(reports, rid)):
            if path.is_file():
                pages.append(path.relative_to(reports).as_posix())
    return pages


def remove_orphans(reports: Path, old_ids: set[str], current_ids: set[str]) -> list[str]:
    """Delete the :func:`orphan_pages`; return them (relative to ``reports``) so the build can say so."""
    gone = orphan_pages(reports, old_ids, current_ids)
    for page in gone:
        (Path(reports) / page).unlink(missing_ok=True)
    return gone


def write_manifest(reports: Path, data_hash: str, entries: list[dict]) -> None:
    """``reports/manifest.json``: ``{"data_hash", "reports": [...]}``, keys sorted, UTF-8."""
    doc = {"data_hash": data_hash, "reports": entries}
    write_atomic(Path(reports) / "manifest.json",
                 json.dumps(doc, ensure_ascii=False, indent=2, sort_keys=True) + "\n")


_STATUS = {
    "ok": ("ok", "已生成 / built"),
    "failed": ("failed", "失败 / failed"),
    "not-built": ("not-built", "未生成 / not built"),
}

_INDEX_CSS = """
body { font-family: system-ui, "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif;
  margin: 2em auto; max-width: 70em; padding: 0 1em; color: #222; }
table { border-collapse: collapse; width: 100%; } th, td { text-align: left; padding: 0.4em 0.6em;
  border-bottom: 1px solid #ddd; vertical-align: top; } th { background: #f3f3f0; }
.st-ok { color: #1a6b1a; } .st-failed { color: #a40000; font-weight: 600; } .st-not-built { color: #777; }
.meta { color: #555; } dl { margin: 0; } dt { display: inline; font-weight: 600; }
dt::after { content: "："; } dd { display: inline; margin: 0 1em 0 0; }
"""


def _state(entry: dict) -> str:
    """What a reader should know: is there a good page, and did the last attempt fail?"""
    if entry.get("status") == "failed":
        return "failed"
    return "ok" if entry.get("status") in ("ok", "up-to-date") else "not-built"


def index_html(data_hash: str, entries: list[dict]) -> str:
    """The landing page: every report with its title, parameters, status and build time.

    Values are escaped (``<script>`` in a model name shows as text). The page has no timestamp of
    its own, so rebuilding with nothing changed leaves it byte-identical.
    """
    e = html.escape
    rows = []
    for en in entries:
        state = _state(en)
        css, label = _STATUS[state]
        title = e(en.get("title", en["id"]))
        link = f'<a href="{e(en["html"])}">{title}</a>' if en.get("has_html") else title
        if state == "failed":
            label = f'{label} · <a href="{e(en.get("failed_html", ""))}">错误 / error</a>'
        params = "".join(f"<dt>{e(str(k))}</dt><dd>{e(str(v))}</dd>" for k, v in en.get("display", []))
        rows.append(f'<tr id="{e(en["id"])}"><td>{link}<br><span class="meta">{e(en["id"])}</span></td>'
                    f"<td><dl>{params}</dl></td><td class=\"st-{css}\">{label}</td>"
                    f"<td>{e(en.get('built_at') or '')}</td></tr>")
    return ("<!DOCTYPE html>\n<html lang=\"zh\">\n<head><meta charset=\"utf-8\">\n"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1.0\">\n"
            "<title>乡镇（街道）社工站比较研究：报告 / Township social work stations: reports</title>\n"
            f"<style>{_INDEX_CSS}</style></head>\n<body>\n"
            "<h1>乡镇（街道）社工站比较研究：报告</h1>\n<p>Township social work stations: reports</p>\n"
            f"<p class=\"meta\">数据版本 / data version {e(data_hash)} · {len(entries)} 份报告 / reports</p>\n"
            "<table>\n<thead><tr><th>报告 / Report</th><th>参数 / Parameters</th><th>状态 / Status</th>"
            "<th>生成时间 / Built</th></tr></thead>\n<tbody>\n" + "\n".join(rows) +
            "\n</tbody>\n</table>\n</body>\n</html>\n")


def write_index(reports: Path, data_hash: str, entries: list[dict], font_cache=None) -> None:
    from .fonts import embed

    write_atomic(Path(reports) / INDEX, embed(index_html(data_hash, entries), font_cache))
