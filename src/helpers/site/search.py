"""Search across the report set from ``reports/index.html``, offline (``file://``, no server).

The corpus is built with the site: every report page is cut at its anchors (:mod:`helpers.pages.anchors`)
into one document per figure or table (its number, caption, cells, sources) and one per section (its heading
and the text outside its figures and tables), with the report's title, id and language. The documents go to
``reports/search.js`` (``window.workbookSearch = [...]``), which the index loads with a script element
(allowed from ``file://``, unlike ``fetch``), so the index page stays small and its font subset covers only
its own words. Each page's documents are cached in ``.cache/search/<page sha256>.json``, so a build that
rebuilt nothing reads them instead of cutting 80 pages again.

The index searches them with MiniSearch (vendored in ``helpers/site/vendor/``, MIT, inlined into the
index): a small, maintained full-text engine with prefix and fuzzy matching and a pluggable tokenizer. Chinese
has no spaces, so the tokenizer cuts runs of Han characters into overlapping pairs (社工站 → 社工, 工站) for
both the documents and the query; Latin words are lower-cased words. Pagefind was not chosen because its
index is fetched in fragments at search time, which Chromium refuses from ``file://``; lunr.js (and lunr.py
to build its index) has had no release since 2020 and needs a language plugin per script.

>>> docs = page_documents('<h2 id="sec-a">Alpha</h2><p>one two</p><figure class="wb-figure" data-wb-kind='
...     '"table" data-wb-sources="s" id="tbl-x"><figcaption><span class="wb-num">Table 1</span><b>Cap</b>'
...     '</figcaption><table><tr><td>Laixi</td></tr></table></figure><p>three</p>', "r-en", "R", "en")
>>> [(d["a"], d["h"], d["x"]) for d in docs]
[('sec-a', 'Alpha', 'Alpha one two three'), ('tbl-x', 'Table 1 Cap', 'Table 1 Cap Laixi')]
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

VENDOR = Path(__file__).parent / "vendor"
LIBRARY = "minisearch-7.2.0.js"
CORPUS = "search.js"  # next to index.html

_DROP = re.compile(r"<(script|style)\b[^>]*>.*?</\1>|<details class=\"wb-(?:cite-this|about|source-citations)\">.*?"
                   r"</details>|<nav class=\"wb-toc\".*?</nav>|<header class=\"wb-header\">.*?</header>|"
                   r"<footer\b.*?</footer>", re.DOTALL)
_ANCHOR = re.compile(r'<(h[1-3]|figure)\b([^>]*\bid="((?:title|sec-|fig-|tbl-)[^"]*)"[^>]*)>')
_CAPTION = re.compile(r"<figcaption>(.*?)</b>", re.DOTALL)
_TAGS = re.compile(r"<[^>]+>")
_BREAKS = re.compile(r"</(?:td|th|p|li|div|h[1-6]|dt|dd|tr|figcaption)>|<br\s*/?>")
TEXT_LIMIT = 20_000  # characters of one document's text (a table of every figure is long enough)


def _text(fragment: str) -> str:
    return " ".join(html.unescape(_TAGS.sub(" ", _BREAKS.sub(" ", fragment))).split())


def page_documents(page: str, report_id: str, title: str, lang: str) -> list[dict]:
    """The search documents of one report page: ``{"id", "r" (report id), "a" (anchor), "t" (report title),
    "h" (heading or numbered caption), "x" (text), "l" (language)}``, sections first, in page order."""
    page = _DROP.sub(" ", page)
    marks = list(_ANCHOR.finditer(page))
    sections: list[dict] = []
    blocks: list[dict] = []
    current = None
    cut = []  # (start, end) of the figures, left out of their section's text

    def doc(anchor, head, text):
        return {"id": f"{report_id}#{anchor}", "r": report_id, "a": anchor, "t": title, "h": head,
                "x": text[:TEXT_LIMIT], "l": lang}

    for m in marks:
        tag, anchor = m.group(1), m.group(3)
        if tag == "figure":
            end = page.find("</figure>", m.end())
            end = len(page) if end < 0 else end + len("</figure>")
            body = page[m.end():end]
            cap = _CAPTION.search(body)
            head = _text(cap.group(1)) if cap else anchor
            blocks.append(doc(anchor, head, _text(body)))
            cut.append((m.start(), end))
            continue
        if current is not None:
            current["_end"] = m.start()
        close = page.find(f"</{tag}>", m.end())
        current = {"_start": m.start(), "_end": len(page), "_anchor": anchor,
                   "_head": _text(page[m.end():close if close >= 0 else m.end()])}
        sections.append(current)
    out = []
    for s in sections:
        parts, at = [], s["_start"]
        for a, b in cut:
            if s["_start"] <= a < s["_end"]:
                parts.append(page[at:a])
                at = b
        parts.append(page[at:s["_end"]])
        out.append(doc(s["_anchor"], s["_head"], _text(" ".join(parts))))
    return out + blocks


def entry_documents(reports: Path, entry: dict, cache: Path | None) -> list[dict]:
    """The documents of one manifest entry's page (from the cache when its sha256 is there)."""
    page = Path(reports) / str(entry.get("html") or f"{entry['id']}.html")
    sha = entry.get("sha256")
    cached = Path(cache) / f"{sha}.json" if cache and sha else None
    if cached is not None:
        try:
            return json.loads(cached.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            pass
    try:
        text = page.read_text(encoding="utf-8")
    except OSError:
        return []
    docs = page_documents(text, entry["id"], str(entry.get("title") or entry["id"]), str(entry.get("lang") or ""))
    if cached is not None:
        from helpers.site.publish import write_atomic

        write_atomic(cached, json.dumps(docs, ensure_ascii=False, separators=(",", ":")))
    return docs


def corpus(reports: Path, entries: list[dict], cache: Path | None = None) -> list[dict]:
    """Every document of every report that has a page, in the manifest's order."""
    docs = []
    for entry in entries:
        if entry.get("has_html"):
            docs += entry_documents(reports, entry, cache)
    return docs


def corpus_js(docs: list[dict]) -> str:
    """``reports/search.js``: the documents as one JavaScript assignment (``</`` written ``<\\/``)."""
    data = json.dumps(docs, ensure_ascii=False, separators=(",", ":"), sort_keys=True).replace("</", "<\\/")
    return f"window.workbookSearch = {data};\n"


def library_js() -> str:
    """MiniSearch's UMD build with its licence, for inlining (no source-map comment: nothing to fetch)."""
    code = (VENDOR / LIBRARY).read_text(encoding="utf-8")
    code = re.sub(r"^//# sourceMappingURL=.*$", "", code, flags=re.MULTILINE)
    licence = (VENDOR / "minisearch-LICENSE.txt").read_text(encoding="utf-8")
    return "/*! MiniSearch 7.2.0 | " + " ".join(licence.split()).replace("*/", "* /") + " */\n" + code


HTML = ("<section class=\"wb-search\"><h2>搜索全部报告 / Search all reports</h2>"
        "<p><input id=\"wb-search\" type=\"search\" hidden placeholder=\"标题、图表、表格内容、地名… / titles, "
        "figures, table cells, places…\" aria-label=\"搜索全部报告 / Search all reports\"> "
        "<span id=\"wb-search-count\" class=\"meta\"></span></p>"
        "<noscript><p class=\"meta\">搜索需要 JavaScript / search needs JavaScript</p></noscript>"
        "<ol id=\"wb-search-results\"></ol></section>")

CSS = """
.wb-search #wb-search { font: inherit; padding: 0.3em 0.5em; width: 32em; max-width: 100%; }
#wb-search-results li { margin: 0.4em 0; } #wb-search-results .where { color: #555; font-size: 0.9em; }
#wb-search-results .snippet { color: #333; font-size: 0.9em; } #wb-search-results mark { background: #fff3a8; }
"""

SCRIPT = r"""(function () {
  "use strict";
  var box = document.getElementById("wb-search");
  var list = document.getElementById("wb-search-results");
  var count = document.getElementById("wb-search-count");
  if (!box || typeof MiniSearch === "undefined") return;
  var HAN = /[\u3400-\u9fff\uf900-\ufaff]/;
  function tokenize(text) {
    var out = [];
    (String(text).toLowerCase().match(/[\u3400-\u9fff\uf900-\ufaff]+|[a-z0-9\u00c0-\u024f_.-]+/g) || [])
      .forEach(function (run) {
        if (!HAN.test(run)) { out.push(run.replace(/^[._-]+|[._-]+$/g, "")); return; }
        if (run.length === 1) { out.push(run); return; }
        for (var i = 0; i + 1 < run.length; i++) out.push(run.slice(i, i + 2));
      });
    return out.filter(function (t) { return t.length > 0; });
  }
  var docs = null, engine = null, byId = {};
  function ready() {
    docs = window.workbookSearch || [];
    engine = new MiniSearch({fields: ["t", "h", "x"], storeFields: ["r", "a", "t", "h", "l"], tokenize: tokenize,
                             searchOptions: {tokenize: tokenize, combineWith: "AND", prefix: true,
                                             boost: {t: 2, h: 3}}});
    engine.addAll(docs);
    docs.forEach(function (d) { byId[d.id] = d; });
    box.hidden = false;
    if (box.value) run();
  }
  function snippet(text, q) {
    var words = tokenize(q), low = text.toLowerCase(), at = -1;
    for (var i = 0; i < words.length && at < 0; i++) at = low.indexOf(words[i]);
    var start = Math.max(0, at - 40);
    return (start > 0 ? "\u2026" : "") + text.slice(start, start + 160) + (text.length > start + 160 ? "\u2026" : "");
  }
  function run() {
    var q = box.value.trim();
    list.textContent = "";
    count.textContent = "";
    if (!q || !engine) return;
    var hits = engine.search(q).slice(0, 50);
    count.textContent = hits.length + (hits.length === 50 ? "+" : "") + " 条结果 / results";
    hits.forEach(function (h) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = h.r + ".html#" + h.a;
      a.textContent = h.h || h.a;
      var where = document.createElement("span");
      where.className = "where";
      where.textContent = " \u2014 " + h.t + " (" + h.l + ")";
      var p = document.createElement("div");
      p.className = "snippet";
      p.textContent = snippet(byId[h.id].x || "", q);
      li.appendChild(a); li.appendChild(where); li.appendChild(p);
      list.appendChild(li);
    });
  }
  box.addEventListener("input", run);
  var s = document.createElement("script");
  s.onload = ready;
  s.onerror = function () { count.textContent = "search.js \u2014 未找到 / not found"; };
  s.src = "search.js";
  document.head.appendChild(s);
})();
"""


def index_fragment() -> tuple[str, str, str]:
    """``(html, css, script)`` the index adds for search: the box and results, their styles, and MiniSearch
    followed by the script that loads ``search.js`` and searches it."""
    return HTML, CSS, library_js() + "\n" + SCRIPT


def write_corpus(reports: Path, entries: list[dict], cache: Path | None = None) -> list[dict]:
    """Write ``reports/search.js`` from the pages listed in ``entries``; return the documents (the index
    embeds the glyphs of their Chinese, so results render without a system CJK font)."""
    from helpers.site.publish import write_atomic

    docs = corpus(reports, entries, cache)
    write_atomic(Path(reports) / CORPUS, corpus_js(docs))
    return docs
