"""Write results into reports/: atomically, never over a good report with a failed one.

Every file is written to a temporary file in its destination folder and moved into place with
``os.replace`` (atomic on one filesystem), so a reader or a crash never sees half a file. A failed
report goes to ``reports/_failed/<id>.html``; its last good ``reports/<id>.html`` stays. A success
removes the stale failure page. ``index.html`` and ``manifest.json`` are written last, each only when it would
change (:mod:`helpers.site.sitepages`, :func:`write_if_changed`).

>>> import tempfile, pathlib
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> write_atomic(d / "a.html", "<p>ok</p>")
>>> (d / "a.html").read_text()
'<p>ok</p>'
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

from helpers.paths import write_bytes_atomic
from helpers.site import search
from helpers.site.sitestate import CSS as BANNER_CSS
from helpers.site.sitestate import failed_banner
from helpers.vocabulary import LANGUAGES

FAILED_DIR = "_failed"
INDEX = "index.html"
MANIFEST = "manifest.json"
SITE_JS = "site.js"  # next to index.html; a report page loads it to learn it is not alone (helpers.site.navigation)


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` (UTF-8) to ``path`` through a temporary file and a rename, on disk before the rename
    (:func:`helpers.paths.write_bytes_atomic`; an ``OSError`` names ``path``)."""
    write_bytes_atomic(path, text.encode("utf-8"), durable=True)


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
            if is_file(path):
                pages.append(path.relative_to(reports).as_posix())
    return pages


def is_file(path: Path) -> bool:
    """``path.is_file()``, False for a name the filesystem cannot even look up (too long)."""
    try:
        return path.is_file()
    except OSError:  # a name too long for the filesystem: no such page
        return False


def remove_orphans(reports: Path, old_ids: set[str], current_ids: set[str]) -> list[str]:
    """Delete the :func:`orphan_pages`; return them (relative to ``reports``) so the build can say so."""
    gone = orphan_pages(reports, old_ids, current_ids)
    for page in gone:
        (Path(reports) / page).unlink(missing_ok=True)
    return gone


def write_manifest(reports: Path, data_hash: str, entries: list[dict]) -> None:
    """``reports/manifest.json``: ``{"data_hash", "reports": [...]}``, keys sorted, UTF-8; indented, except each
    report's ``trace``, written on one line (hundreds of reads: indented, they were most of the file and of the
    time a no-change build takes to write it). A manifest that already has these bytes is left alone."""
    traces = {f"@@trace-{i}@@": e["trace"] for i, e in enumerate(entries) if isinstance(e.get("trace"), list)}
    doc = {"data_hash": data_hash, "reports": [{**e, "trace": f"@@trace-{i}@@"} if f"@@trace-{i}@@" in traces else e
                                               for i, e in enumerate(entries)]}
    text = json.dumps(doc, ensure_ascii=False, indent=2, sort_keys=True)
    text = re.sub(r'"(@@trace-\d+@@)"', lambda m: json.dumps(traces[m.group(1)], ensure_ascii=False, sort_keys=True),
                  text)
    write_if_changed(Path(reports) / MANIFEST, text + "\n")


def write_if_changed(path: Path, text: str) -> bool:
    """:func:`write_atomic`, unless ``path`` holds ``text`` already (its time and inode then stay); whether it
    wrote.

    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "m.json"
    >>> write_if_changed(p, "{}"), write_if_changed(p, "{}"), write_if_changed(p, "[]")
    (True, False, True)
    """
    try:
        if Path(path).read_bytes() == text.encode("utf-8"):
            return False
    except OSError:
        pass
    write_atomic(path, text)
    return True


_INDEX_CSS = """
body { font-family: system-ui, "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif;
  margin: 2em auto; max-width: 70em; padding: 0 1em; color: #222; }
h2 { font-size: 1.15em; margin: 1.6em 0 0.3em; border-bottom: 2px solid #ccc; padding-bottom: 0.2em; }
h2 .count { color: #777; font-weight: normal; font-size: 0.85em; }
table { border-collapse: collapse; width: 100%; } td { text-align: left; padding: 0.35em 0.6em;
  border-bottom: 1px solid #e4e4e4; vertical-align: top; }
td.links { white-space: nowrap; width: 16em; } td.built { color: #555; white-space: nowrap; width: 11em; }
.en { color: #444; } .meta { color: #777; font-size: 0.85em; }
.st-failed { color: #a40000; font-weight: 600; } .st-not-built { color: #777; }
#wb-filter { font: inherit; padding: 0.3em 0.5em; width: 22em; max-width: 100%; }
"""

_FILTER_JS = """
(function () {
  var box = document.getElementById("wb-filter");
  box.hidden = false;
  box.addEventListener("input", function () {
    var q = box.value.trim().toLowerCase();
    document.querySelectorAll("section.wb-group").forEach(function (section) {
      var all = section.querySelector("h2").textContent.toLowerCase().indexOf(q) >= 0;
      var shown = 0;
      section.querySelectorAll("tbody tr").forEach(function (row) {
        var hit = !q || all || row.textContent.toLowerCase().indexOf(q) >= 0;
        row.hidden = !hit;
        if (hit) { shown += 1; }
      });
      section.hidden = shown === 0;
    });
  });
})();
"""

_LANG_NAME = {code: LANGUAGES.label(code, code) for code in LANGUAGES.values}  # each in its own words
_OTHER = {"zh": "其他", "en": "Other"}


def _state(entry: dict) -> str:
    """What a reader should know: is there a good page, and did the last attempt fail?"""
    if entry.get("status") == "failed":
        return "failed"
    return "ok" if entry.get("status") in ("ok", "up-to-date") else "not-built"


def _group_of(entry: dict) -> tuple[str, str]:
    """The (zh, en) heading an entry is listed under: its declared group, else its notebook's name."""
    group = entry.get("group") or {}
    if group.get("zh") or group.get("en"):
        return str(group.get("zh") or group.get("en")), str(group.get("en") or group.get("zh"))
    notebook = entry.get("notebook")
    if notebook:
        stem = Path(str(notebook)).stem
        return stem, stem
    return _OTHER["zh"], _OTHER["en"]


def _row_key(entry: dict):
    """Entries that differ only in ``lang`` are one report in two languages: one row."""
    params = entry.get("parameters")
    if not isinstance(params, dict):
        return ("id", entry["id"])
    rest = {k: v for k, v in params.items() if k != "lang"}
    return ("report", str(entry.get("notebook")), json.dumps(rest, sort_keys=True, ensure_ascii=False))


def _model_name(entry: dict) -> str | None:
    """The report's model as its English label (``display`` follows the order of ``parameters``)."""
    params = entry.get("parameters")
    if not isinstance(params, dict) or not isinstance(params.get("model_id"), str):
        return None
    display = dict(zip(params, (pair[1] for pair in entry.get("display") or [])))
    return str(display.get("model_id") or params["model_id"])


def index_rows(entries: list[dict]) -> list[tuple[tuple[str, str], list[dict]]]:
    """Group ``entries`` for the index: ``[((zh, en), [row, ...]), ...]``.

    Groups come in the order of their first report (the order of reports.yml). A row is
    ``{"langs": {lang: entry}, "order": i}``: both languages of one report together. Within a group,
    rows of reports about one model (a ``model_id`` parameter) are sorted by the model's English name;
    other rows keep their order.

    >>> e = lambda i, lang, m: {"id": f"p-{m}-{lang}", "notebook": "p.ipynb", "lang": lang,
    ...     "parameters": {"model_id": m, "lang": lang}, "group": {"zh": "概况", "en": "Profiles"},
    ...     "display": [["Model", m.title()], ["Language", lang]]}
    >>> [(g, [r["langs"]["zh"]["id"] for r in rows])
    ...  for g, rows in index_rows([e(0, "zh", "b"), e(1, "en", "b"), e(2, "zh", "a"), e(3, "en", "a")])]
    [(('概况', 'Profiles'), ['p-a-zh', 'p-b-zh'])]
    """
    groups: dict[tuple[str, str], dict] = {}
    for i, entry in enumerate(entries):
        rows = groups.setdefault(_group_of(entry), {})
        row = rows.setdefault(_row_key(entry), {"langs": {}, "order": i})
        lang = str(entry.get("lang") or "zh")
        if lang in row["langs"]:  # same parameters, same language: keep both, as separate rows
            row = rows.setdefault(("id", entry["id"]), {"langs": {}, "order": i})
        row["langs"][lang] = entry
    out = []
    for heading, rows in groups.items():
        ordered = list(rows.values())
        if all(_row_name(r) is not None for r in ordered):
            ordered.sort(key=lambda r: (_row_name(r).casefold(), r["order"]))
        out.append((heading, ordered))
    return out


def _row_name(row: dict) -> str | None:
    langs = row["langs"]
    entry = langs.get("en") or next(iter(langs.values()))
    return _model_name(entry)


def _link(entry: dict, lang: str) -> str:
    """One language's link with its status: ``中文`` (ok), ``中文 ✗ 失败 / failed`` (failed), greyed."""
    e = html.escape
    name = _LANG_NAME.get(lang, lang)
    state = _state(entry)
    if entry.get("has_html"):
        link = f'<a href="{e(entry["html"])}">{e(name)}</a>'
    else:
        link = f'<span class="st-not-built">{e(name)}</span>'
    if state == "failed":
        error = f' title="{e(str(entry["error"]))}"' if entry.get("error") else ""
        link += (f' <a class="st-failed" href="{e(entry.get("failed_html", ""))}"{error}>'
                 "✗ 失败 / failed</a>")
    elif state == "not-built":
        link += ' <span class="st-not-built">(未生成 / not built)</span>'
    return f'<span id="{e(entry["id"])}" class="st-{state}">{link}</span>'


def _row_html(row: dict) -> str:
    e = html.escape
    langs = row["langs"]
    order = {code: i for i, code in enumerate(LANGUAGES.values)}
    ordered = sorted(langs.values(), key=lambda x: order.get(str(x.get("lang") or "zh"), len(order)))
    titles = []
    for entry in ordered:
        css = ' class="en"' if entry.get("lang") == "en" else ""
        titles.append(f'<span lang="{e(str(entry.get("lang") or "zh"))}"{css}>'
                      f'{e(entry.get("title", entry["id"]))}</span>')
    params = " · ".join(e(f"{k}：{v}") for k, v in (ordered[0].get("display") or [])
                        if k not in ("语言", "Language"))
    ids = " · ".join(e(x["id"]) for x in ordered)
    meta = f'<br><span class="meta">{params + " · " if params else ""}{ids}</span>'
    links = " · ".join(_link(x, str(x.get("lang") or "zh")) for x in ordered)
    built = max((str(x.get("built_at") or "") for x in ordered), default="")
    failed = any(_state(x) == "failed" for x in ordered)
    row_css = ' class="has-failed"' if failed else ""
    return (f'<tr{row_css}><td>{"<br>".join(titles)}{meta}</td>'
            f'<td class="links">{links}</td><td class="built">{e(built)}</td></tr>')


def index_html(data_hash: str, entries: list[dict]) -> str:
    """The landing page: reports grouped by kind (then by model), both languages of a report on one row.

    Each row links 中文 · English, marks a failed language with ✗ and a link to its error page, and
    shows when it was last built. A small inline script (no network) adds a filter box. Values are
    escaped (``<script>`` in a model name shows as text). The page has no timestamp of its own, so
    rebuilding with nothing changed leaves it byte-identical.
    """
    e = html.escape
    groups = index_rows(entries)
    failed = sum(1 for en in entries if _state(en) == "failed")
    sections = []
    for n, ((zh, en), rows) in enumerate(groups, start=1):
        heading = e(zh) if zh == en else f"{e(zh)} · <span lang=\"en\">{e(en)}</span>"
        body = "\n".join(_row_html(r) for r in rows)
        sections.append(f'<section class="wb-group" id="group-{n}">\n<h2>{heading} '
                        f'<span class="count">({len(rows)})</span></h2>\n<table>\n<tbody>\n{body}\n'
                        "</tbody>\n</table>\n</section>")
    failed_note = (f' · <span class="st-failed">{failed} 份失败 / failed</span>' if failed else "")
    find_html, find_css, find_js = search.index_fragment()  # search across the reports (helpers.site.search)
    return ("<!DOCTYPE html>\n<html lang=\"zh\">\n<head><meta charset=\"utf-8\">\n"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1.0\">\n"
            "<title>乡镇（街道）社工站比较研究：报告 / Township social work stations: reports</title>\n"
            f"<style>{_INDEX_CSS}{BANNER_CSS}{find_css}</style></head>\n<body>\n"
            "<h1>乡镇（街道）社工站比较研究：报告</h1>\n<p>Township social work stations: reports</p>\n"
            + failed_banner(entries) +
            f"<p class=\"meta\">数据版本 / data version {e(data_hash)} · {len(entries)} 份报告 / reports"
            f"{failed_note} · <a href=\"changes.html\">数据更新 / What changed</a></p>\n"
            "<p><input id=\"wb-filter\" type=\"search\" hidden placeholder=\"筛选报告 / Filter reports\" "
            "aria-label=\"筛选报告 / Filter reports\"></p>\n" + find_html + "\n" + "\n".join(sections) +
            f"\n<script>{_FILTER_JS}\n{find_js}</script>\n</body>\n</html>\n")


def write_index(reports: Path, data_hash: str, entries: list[dict], font_cache=None) -> None:
    from helpers.webfont import embed

    docs = search.write_corpus(reports, entries, Path(font_cache).parent / "search" if font_cache else None)
    glyphs = "".join(d["t"] + d["h"] + d["x"] for d in docs)  # search results are shown in the index's font
    write_atomic(Path(reports) / INDEX, embed(index_html(data_hash, entries), font_cache, glyphs))
    write_atomic(Path(reports) / SITE_JS, "window.workbookSite = true;\n")  # a page's probe: the index is here
