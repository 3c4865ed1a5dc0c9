"""A report page a reader can navigate and cite: a table of contents, numbered figures and tables, and a
"cite this" control on each, added to the exported page.

The notebook side gives every heading, figure and table a stable id (:mod:`helpers.pages.anchors`) and marks
each figure or table block with its kind and sources (:func:`helpers.pages.figdata.mark_block`). Here, in
document order, figures and tables are numbered ("图 3" / "Figure 3"), each block's empty number is filled,
its tools get a "cite this" panel (text, BibTeX and RIS naming the page, the anchor, the data version and the
block's sources; nothing fetched) and a download button for the CSV it carries, and a table of contents of
the sections and their figures and tables goes under the page header. :data:`SCRIPT` makes the download
buttons work from ``file://`` (a ``Blob`` with a UTF-8 BOM) and checks whether the list of reports is next
to the page (``site.js``, written by :mod:`helpers.site.publish`); a page mailed alone says it stands alone.

>>> page = ('<header class="wb-header">H</header><h2 id="sec-a">A &amp; B</h2>'
...         '<figure class="wb-figure" id="fig-x" data-wb-kind="figure" data-wb-sources="s1"><img>'
...         '<figcaption><b>Cap</b></figcaption>'
...         '<div class="wb-tools" data-for="fig-x"></div></figure>')
>>> out = apply(page, PageInfo(title="T", report_id="r-en", lang="en", data_hash="abc"))
>>> '<span class="wb-num">Figure 1</span><b>Cap</b>' in out, 'href="#fig-x"' in out
(True, True)
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

from helpers.pages.i18n import t

# nbconvert rewrites output HTML with its attributes sorted, so tags are read attribute by attribute
_BLOCK = re.compile(r'<figure class="wb-figure"([^>]*\bdata-wb-kind="[^"]*"[^>]*)>')
_HEADING = re.compile(r'<h([1-3])([^>]*\bid="[^"]*"[^>]*)>(.*?)</h\1>', re.DOTALL)
_ATTR = re.compile(r'([\w-]+)="([^"]*)"')
_CAPTION = re.compile(r'<figcaption>(?:<span class="wb-num">[^<]*</span>)?<b>(.*?)</b>', re.DOTALL)
_TAGS = re.compile(r"<[^>]+>")
_HEADER_END = re.compile(r'(<header class="wb-header">.*?</header>)', re.DOTALL)


@dataclass(frozen=True)
class PageInfo:
    """What a citation names: the page's title, file (``<report_id>.html``), language and data version."""

    title: str
    report_id: str
    lang: str
    data_hash: str
    authors: tuple = ()
    year: str = ""
    up: str = ""  # "../" on failure pages, which live in reports/_failed/


@dataclass
class Block:
    id: str
    kind: str  # figure | table
    sources: list
    caption: str
    start: int
    number: int = 0
    end: int = 0  # just after the block's </figure>


@dataclass
class Heading:
    id: str
    level: int
    text: str
    start: int
    blocks: list = field(default_factory=list)


def _text(fragment: str) -> str:
    return " ".join(html.unescape(_TAGS.sub("", fragment)).split())


def outline(page: str) -> tuple[list[Heading], list[Block]]:
    """The page's headings and its figure and table blocks, numbered per kind in document order.

    >>> hs, bs = outline('<h2 id="a">A</h2><figure class="wb-figure" id="t" data-wb-kind="table" '
    ...                  'data-wb-sources=""><figcaption><b>C</b></figcaption></figure>')
    >>> [(h.id, h.level) for h in hs], [(b.id, b.kind, b.number, b.caption) for b in bs]
    ([('a', 2)], [('t', 'table', 1, 'C')])
    """
    headings = [Heading(html.unescape(dict(_ATTR.findall(m.group(2)))["id"]), int(m.group(1)), _text(m.group(3)),
                        m.start()) for m in _HEADING.finditer(page)]
    blocks, counts = [], {}
    for m in _BLOCK.finditer(page):
        attrs = {k: html.unescape(v) for k, v in _ATTR.findall(m.group(1))}
        if "id" not in attrs:
            continue
        kind = attrs["data-wb-kind"]
        end = page.find("</figure>", m.end())
        end = len(page) if end < 0 else end + len("</figure>")
        cap = _CAPTION.search(page, m.end(), end)
        counts[kind] = counts.get(kind, 0) + 1
        blocks.append(Block(attrs["id"], kind, attrs.get("data-wb-sources", "").split(),
                            _text(cap.group(1)) if cap else "", m.start(), counts[kind], end))
    return headings, blocks


def number_label(kind: str, n: int, lang: str) -> str:
    """``图 3`` / ``Figure 3``, ``表 2`` / ``Table 2``.

    >>> number_label("figure", 3, "zh"), number_label("table", 2, "en")
    ('图 3', 'Table 2')
    """
    return f"{t('figure_n' if kind == 'figure' else 'table_n', lang)} {n}"


def toc_html(headings: list[Heading], blocks: list[Block], lang: str) -> str:
    """The table of contents: each section (h2, h3) with its numbered figures and tables under it."""
    e = html.escape
    top: list[Block] = []
    sections = [h for h in headings if h.level > 1]
    for b in blocks:
        owner = None
        for h in sections:
            if h.start < b.start:
                owner = h
        (owner.blocks if owner else top).append(b)

    def items(bs):
        return "".join(f'<li class="wb-toc-block"><a href="#{e(b.id)}">{e(number_label(b.kind, b.number, lang))}'
                       f"</a> {e(b.caption)}</li>" for b in bs)

    rows = [items(top)]
    for h in sections:
        sub = f'<ol class="wb-toc-blocks">{items(h.blocks)}</ol>' if h.blocks else ""
        rows.append(f'<li class="wb-toc-h{h.level}"><a href="#{e(h.id)}">{e(h.text)}</a>{sub}</li>')
    return (f'<nav class="wb-toc" id="contents" aria-label="{e(t("contents", lang))}"><details open>'
            f'<summary>{e(t("contents", lang))}</summary><ol>{"".join(rows)}</ol></details></nav>')


def _bib_escape(text: str) -> str:
    return re.sub(r"([&%$#_])", r"\\\1", text.replace("{", "(").replace("}", ")"))


def citation(block: Block, info: PageInfo) -> dict[str, str]:
    """How to cite one figure or table: ``text``, ``bibtex`` and ``ris``.

    >>> c = citation(Block("fig-x", "figure", ["s1", "s2"], "Cap", 0, 3),
    ...              PageInfo("Report", "r-en", "en", "abc", ("Team",), "2026"))
    >>> c["text"]
    'Team (2026). Report, Figure 3: Cap. r-en.html#fig-x. Data version abc. Sources: s1, s2.'
    >>> "howpublished = {r-en.html\\\\#fig-x}" in c["bibtex"], "UR  - r-en.html#fig-x" in c["ris"]
    (True, True)
    """
    lang = info.lang
    label = number_label(block.kind, block.number, lang)
    where = f"{info.report_id}.html#{block.id}"
    src = (t("list_sep", lang) if lang == "zh" else ", ").join(block.sources) or t("none", lang)
    authors = ("、" if lang == "zh" else ", ").join(info.authors)
    if lang == "zh":
        head = f"{authors}({info.year})。" if authors else ""
        text = (f"{head}《{info.title}》{label}:{block.caption}。{where}。数据版本 {info.data_hash}。"
                f"来源:{src}。")
    else:
        head = f"{authors} ({info.year}). " if authors else ""
        text = f"{head}{info.title}, {label}: {block.caption}. {where}. Data version {info.data_hash}. Sources: {src}."
    key = re.sub(r"[^A-Za-z0-9-]", "-", f"{info.report_id}-{block.id}")
    note = f"{t('data_version', lang)} {info.data_hash}; {t('sources', lang)}: {src}"  # in the page's language
    bib = (f"@misc{{{key},\n  title = {{{_bib_escape(f'{info.title}, {label}: {block.caption}')}}},\n"
           + (f"  author = {{{{{_bib_escape(' and '.join(info.authors))}}}}},\n" if info.authors else "")
           + (f"  year = {{{info.year}}},\n" if info.year else "")
           + f"  howpublished = {{{_bib_escape(where)}}},\n"
           f"  note = {{{_bib_escape(note)}}}\n}}")
    ris = "\n".join([f"TY  - {'FIGURE' if block.kind == 'figure' else 'DATA'}",
                     f"TI  - {label}: {block.caption}", f"T2  - {info.title}",
                     *[f"AU  - {a}" for a in info.authors], *([f"PY  - {info.year}"] if info.year else []),
                     f"UR  - {where}", f"N1  - {note}", "ER  - "])
    return {"text": text, "bibtex": bib, "ris": ris}


def tools_html(block: Block, info: PageInfo, has_data: bool) -> str:
    """A block's controls: the data download (when it carries data) and the "cite this" panel."""
    e = html.escape
    c = citation(block, info)
    download = (f'<button type="button" class="wb-download" data-for="{e(block.id)}" '
                f'data-file="{e(info.report_id)}-{e(block.id)}.csv" hidden>{e(t("download_csv", info.lang))}</button>'
                if has_data else "")
    return (f'{download}<details class="wb-cite-this"><summary>{e(t("cite_this", info.lang))}</summary>'
            f'<p>{e(c["text"])}</p><pre class="wb-bib">{e(c["bibtex"])}</pre>'
            f'<pre class="wb-ris">{e(c["ris"])}</pre></details>')


def apply(page: str, info: PageInfo) -> str:
    """``page`` with numbered figures and tables, their tools, and a table of contents under the header."""
    headings, blocks = outline(page)
    for b in reversed(blocks):  # from the end, so the offsets of the blocks before stay true
        part = page[b.start:b.end]
        label = html.escape(number_label(b.kind, b.number, info.lang))
        part = part.replace("<figcaption><b>", f'<figcaption><span class="wb-num">{label}</span><b>', 1)
        has_data = f'class="wb-data" data-for="{b.id}"' in part
        part = part.replace(f'<div class="wb-tools" data-for="{b.id}"></div>',
                            f'<div class="wb-tools" data-for="{b.id}">{tools_html(b, info, has_data)}</div>', 1)
        page = page[:b.start] + part + page[b.end:]
    changes = (f'<p class="wb-meta"><a class="wb-changes" href="{info.up}changes.html">'
               f'{html.escape(t("what_changed", info.lang))}</a></p></footer>')
    page = page.replace("</footer>", changes, 1) if '<footer class="wb-cite-footer"' in page else page
    if not headings and not blocks:
        return page
    toc = toc_html(headings, blocks, info.lang)
    out, n = _HEADER_END.subn(lambda m: m.group(1) + toc, page, count=1)
    return out if n else toc + page


CSS = """
.wb-toc { font-family: system-ui, "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif;
  margin: 0 1.2em 1em; padding: 0.4em 0.8em; border: 1px solid #ddd; background: #fbfbfa; font-size: 0.9em; }
.wb-toc summary { font-weight: 600; cursor: pointer; } .wb-toc ol { margin: 0.3em 0; padding-left: 1.4em; }
.wb-toc ol.wb-toc-blocks { list-style: none; padding-left: 0.8em; color: #444; font-size: 0.95em; }
.wb-toc .wb-toc-h3 { margin-left: 1em; }
.wb-num { font-weight: 600; margin-right: 0.5em; }
.wb-tools { margin: 0.3em 0; font-size: 0.85em; }
.wb-tools .wb-download { font: inherit; margin-right: 0.8em; cursor: pointer; }
.wb-cite-this { display: inline-block; vertical-align: top; } .wb-cite-this summary { cursor: pointer; color: #1f4e79; }
.wb-cite-this pre { white-space: pre-wrap; background: #f6f6f6; padding: 0.4em; font-size: 0.95em; }
.wb-about { margin: 0.3em 0; font-size: 0.9em; } .wb-about summary { cursor: pointer; color: #1f4e79; }
.wb-about dl { display: block !important; margin: 0.3em 0 0.3em 1em; }
.wb-about dt { display: block !important; float: none !important; width: auto !important; font-weight: 600;
  text-align: left !important; margin: 0.4em 0 0 !important; padding: 0 !important; }
.wb-about dd { display: block !important; float: none !important; margin: 0 0 0.2em 1em !important; padding: 0 !important; }
.wb-about ul { margin: 0; padding-left: 1.2em; }
h1[id], h2[id], h3[id], figure[id] { scroll-margin-top: 0.5em; }
"""

SCRIPT = r"""(function () {
  "use strict";
  var each = function (list, f) { Array.prototype.forEach.call(list, f); };
  each(document.querySelectorAll("button.wb-download"), function (button) {
    var id = button.getAttribute("data-for");
    var data = document.querySelector('script.wb-data[data-for="' + id + '"]');
    if (!data) return;
    button.hidden = false;
    button.addEventListener("click", function () {
      var text = "\ufeff" + data.textContent.replace(/<\\\//g, "</");
      var url = URL.createObjectURL(new Blob([text], {type: "text/csv;charset=utf-8"}));
      var a = document.createElement("a");
      a.href = url; a.download = button.getAttribute("data-file"); a.style.display = "none";
      document.body.appendChild(a); a.click();
      setTimeout(function () { URL.revokeObjectURL(url); a.remove(); }, 1000);
    });
  });
  var nav = document.querySelector(".wb-header .wb-nav a");
  if (nav) {
    var probe = document.createElement("script");
    probe.onerror = function () {
      var note = document.createElement("span");
      note.className = "wb-alone";
      note.textContent = nav.getAttribute("data-alone") || "";
      nav.parentNode.replaceChild(note, nav);
      each(document.querySelectorAll("a.wb-changes"), function (a) { a.parentNode.removeChild(a); });
    };
    probe.src = nav.getAttribute("href").replace(/index\.html$/, "site.js");
    document.head.appendChild(probe);
  }
})();
"""
