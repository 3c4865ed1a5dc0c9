"""The site's state for a reader and for the build log: which reports the last build could not rebuild, and
when each line of the log was written.

:func:`failed_banner` is the notice at the top of ``reports/index.html`` when reports failed: it names each
(title and id, both languages of the index), says the date of the page a reader still gets (the last good
build) or that there is none, and links the error page. :func:`stamp` is the UTC time that starts each
progress line of ``workbook build`` (cron appends them to ``reports/build.log``); pages never carry it.

>>> failed_banner([{"id": "a", "status": "ok"}])
''
>>> stamp(0)
'1970-01-01T00:00:00Z'
"""

from __future__ import annotations

import html
import time


def stamp(seconds: float | None = None) -> str:
    """``YYYY-MM-DDTHH:MM:SSZ`` (UTC) for ``seconds`` since the epoch, default now."""
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time() if seconds is None else seconds))


def failed_banner(entries: list[dict]) -> str:
    """The index's notice of failed reports, or ``""`` when none failed.

    >>> b = failed_banner([{"id": "x-zh", "title": "总览", "status": "failed", "has_html": True,
    ...                     "built_at": "2026-12-01 02:17 UTC", "failed_html": "_failed/x-zh.html"}])
    >>> "x-zh" in b and "2026-12-01 02:17 UTC" in b and 'href="_failed/x-zh.html"' in b
    True
    """
    failed = [e for e in entries if e.get("status") == "failed"]
    if not failed:
        return ""
    e = html.escape
    items = []
    for entry in failed:
        if entry.get("has_html") and entry.get("built_at"):
            shows = (f'<a href="{e(str(entry.get("html") or entry["id"] + ".html"))}">仍显示 {e(str(entry["built_at"]))} '
                     f'生成的页面 / still shows the page built {e(str(entry["built_at"]))}</a>')
        else:
            shows = "尚无页面 / no page yet"
        error = f' title="{e(str(entry["error"]))}"' if entry.get("error") else ""
        items.append(f'<li><b>{e(str(entry.get("title") or entry["id"]))}</b> <code>{e(entry["id"])}</code>: {shows} · '
                     f'<a class="st-failed" href="{e(str(entry.get("failed_html") or ""))}"{error}>'
                     "错误信息 / what went wrong</a></li>")
    return (f'<div class="wb-banner" role="alert"><p><b>上次构建中 {len(failed)} 份报告失败 / The last build '
            f"failed for {len(failed)} report(s).</b> 这些报告显示的是上一次成功生成的页面 / these reports show "
            f'their last good page:</p><ul>{"".join(items)}</ul></div>')


CSS = """
.wb-banner { border: 2px solid #a40000; background: #fff1f0; padding: 0.5em 1em; margin: 1em 0; }
.wb-banner ul { margin: 0.3em 0; padding-left: 1.4em; }
"""
