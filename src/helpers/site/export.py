"""An executed notebook → one self-contained HTML file a reader can open offline or get by mail.

nbconvert's ``HTMLExporter`` runs in-process with the ``lab`` template, extended to drop every
``<script src>`` it would load from a CDN (require.js, MathJax, mermaid, widgets); images are inline
``data:`` URIs; the styles are inlined by the template. Code cells (the parameter cells included) are
hidden in reports and shown on failure pages, where the failing cell is the point. Cell ids are
renumbered so two builds give the same bytes. A header names the report, its parameters in the
report's language, the data version and the build time; every value in it is HTML-escaped. A footer
says how to cite the workbook (from ``CITATION.cff``, with the data version), and one inlined script
(:mod:`helpers.site.sortable`) makes the long tables sort and filter.

>>> import nbformat
>>> nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("print('你好')")])
>>> info = Header(title="总览", lang="zh", display=(("语言", "中文"),), data_hash="abc123",
...               built_at="2024-01-01 00:00 UTC")
>>> html = render(nb, info)                          # doctest: +SKIP
>>> "<title>总览</title>" in html and "cdnjs" not in html  # doctest: +SKIP
True
"""

from __future__ import annotations

import html
import os
import re
import time
from dataclasses import dataclass

from helpers.data.howtocite import Citation, footer_html
from helpers.pages.i18n import t
from helpers.site import navigation, printstyle
from helpers.site.sortable import CSS as SORTABLE_CSS
from helpers.site.sortable import SCRIPT as SORTABLE_JS
from helpers.vocabulary import LANGUAGES

NOTEBOOK_ONLY = "notebook-only"  # cell tag: shown in JupyterLab, left out of the HTML report
_TEMPLATE_NAME = "workbook_report.html.j2"
_TEMPLATE = r"""{%- extends 'index.html.j2' -%}
{%- block html_head_js -%}{%- endblock html_head_js -%}
{%- block jupyter_widgets -%}{%- endblock jupyter_widgets -%}
{%- block html_head_js_mathjax -%}{%- endblock html_head_js_mathjax -%}
{%- block html_head_js_mermaidjs -%}{%- endblock html_head_js_mermaidjs -%}
{%- block extra_css -%}<style type="text/css">{{ resources.workbook_css }}</style>{%- endblock extra_css -%}
{%- block body_header -%}{{ super() }}
{{ resources.workbook_header }}
{%- endblock body_header -%}
{%- block body_footer -%}
{{ resources.workbook_footer }}
<script>{{ resources.workbook_js }}</script>
{{ super() }}
{%- endblock body_footer -%}
"""

CSS = """
.wb-header { font-family: system-ui, "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif;
  border-bottom: 1px solid #ccc; padding: 0.8em 1.2em 0.6em; margin-bottom: 0.8em; background: #f7f7f5; }
.wb-header .wb-title { font-size: 1.5em; font-weight: 600; margin: 0.2em 0 0.4em; }
.wb-header dl { display: flex; flex-wrap: wrap; gap: 0.2em 1.4em; margin: 0.2em 0; }
.wb-header dt { font-weight: 600; } .wb-header dt::after { content: "："; }
.wb-header dd { margin: 0; } .wb-header .wb-meta { color: #555; font-size: 0.9em; margin: 0.3em 0 0; }
.wb-header .wb-failed { color: #a40000; font-weight: 600; }
.wb-cite-footer { font-family: system-ui, "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif;
  border-top: 1px solid #ccc; margin-top: 2em; padding: 0.6em 1.2em; background: #f7f7f5; font-size: 0.9em; }
.wb-cite-footer h2 { font-size: 1.1em; margin: 0.2em 0; } .wb-cite-footer .wb-meta { color: #555; }
.wb-header .wb-alone { color: #555; }
""" + SORTABLE_CSS + navigation.CSS + printstyle.CSS

@dataclass(frozen=True)
class Header:
    """What the report header says. ``error`` is set on failure pages (which live in ``_failed/``)."""

    title: str
    lang: str
    display: tuple = ()
    data_hash: str = ""
    built_at: str = ""
    error: str | None = None
    report_id: str = ""
    citation: Citation | None = None  # from CITATION.cff: the "How to cite" footer


def build_time(env: dict | None = None) -> str:
    """The build time shown in headers: ``SOURCE_DATE_EPOCH`` when set (reproducible), else now (UTC).

    >>> build_time({"SOURCE_DATE_EPOCH": "1700000000"})
    '2023-11-14 22:13 UTC'
    """
    epoch = source_date_epoch(env)
    seconds = epoch if epoch is not None else time.time()
    return time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime(seconds))


MAX_EPOCH = 253402300799  # 9999-12-31 23:59:59 UTC


def source_date_epoch(env: dict | None = None) -> int | None:
    """``SOURCE_DATE_EPOCH`` as seconds, None when unset or empty; anything but a whole number of seconds
    between 0 and the year 9999 is a :class:`~helpers.site.errors.BuildError` (one line, exit 2): the kernels
    would otherwise each fail after a minute with a message that does not name it.

    >>> source_date_epoch({"SOURCE_DATE_EPOCH": "abc"})
    Traceback (most recent call last):
    ...
    helpers.site.errors.BuildError: SOURCE_DATE_EPOCH='abc' is not a whole number of seconds since 1970-01-01 UTC (e.g. 1700000000; or unset it)
    """
    from helpers.site.errors import BuildError

    env = os.environ if env is None else env
    raw = env.get("SOURCE_DATE_EPOCH")
    if raw is None or raw == "":
        return None
    if not re.fullmatch(r"[0-9]+", raw) or int(raw) > MAX_EPOCH:
        raise BuildError(f"SOURCE_DATE_EPOCH={raw!r} is not a whole number of seconds since 1970-01-01 UTC "
                         "(e.g. 1700000000; or unset it)")
    return int(raw)


def header_html(h: Header) -> str:
    """The header block; every value is escaped, so ``<script>`` in data shows as text."""
    w = {k: t(k, h.lang) for k in ("all_reports", "data_version", "built", "build_failed", "last_good", "lone_page")}
    e = html.escape
    up = "../" if h.error is not None else ""
    rows = "".join(f"<dt>{e(str(k))}</dt><dd>{e(str(v))}</dd>" for k, v in h.display)
    failed = ""
    if h.error is not None:
        failed = (f'<p class="wb-failed">{e(w["build_failed"])}: {e(h.error)} · '
                  f'<a href="../{e(h.report_id)}.html">{e(w["last_good"])}</a></p>')
    return (f'<header class="wb-header"><p class="wb-nav"><a href="{up}index.html" data-alone="{e(w["lone_page"])}">'
            f'{e(w["all_reports"])}</a></p>'
            f'<div class="wb-title">{e(h.title)}</div>{failed}<dl>{rows}</dl>'
            f'<p class="wb-meta">{e(w["data_version"])} {e(h.data_hash)} · {e(w["built"])} {e(h.built_at)}</p>'
            f"</header>")


def drop_notebook_only_outputs(nb) -> None:
    """Remove outputs meant for JupyterLab only (metadata ``wb-notebook-only``, e.g. the notebook's CJK
    font block: a page embeds its own subset, and two would double its size)."""
    from helpers.pages.notebook_font import NOTEBOOK_ONLY_OUTPUT

    for cell in nb.cells:
        if cell.get("cell_type") == "code":
            cell.outputs = [o for o in cell.get("outputs", [])
                            if not (o.get("metadata") or {}).get(NOTEBOOK_ONLY_OUTPUT)]


def fix_cell_ids(nb) -> None:
    """Give every cell an id from its position: papermill's injected cell and error banners get
    random ids, which would differ between two builds of the same inputs."""
    for i, cell in enumerate(nb.cells):
        if "id" in cell or nb.get("nbformat_minor", 0) >= 5:
            cell["id"] = f"cell-{i:03d}"


def make_exporter(lang: str, show_code: bool = False):
    """An ``HTMLExporter`` configured for offline reports. Create one per process and reuse it."""
    import jinja2
    from nbconvert import HTMLExporter

    return HTMLExporter(
        template_name="lab",
        template_file=_TEMPLATE_NAME,
        extra_loaders=[jinja2.DictLoader({_TEMPLATE_NAME: _TEMPLATE})],
        exclude_input=not show_code,
        exclude_input_prompt=not show_code,
        exclude_output_prompt=True,
        embed_images=True,
        mathjax_url="",
        require_js_url="",
        jquery_url="",
        language_code=lang if lang in LANGUAGES else "en",
    )


def render(nb, header: Header, *, show_code: bool = False, path: str = "", exporter=None) -> str:
    """The HTML page for an executed notebook ``nb``; ``path`` resolves relative images.

    Cells tagged ``notebook-only`` (instructions for JupyterLab users) are left out of reports, and
    outputs marked ``wb-notebook-only`` (the notebook's font block) are left out of every page.
    """
    if not show_code:
        nb.cells = [c for c in nb.cells if NOTEBOOK_ONLY not in c.get("metadata", {}).get("tags", [])]
    drop_notebook_only_outputs(nb)
    fix_cell_ids(nb)
    nb.metadata["title"] = header.title
    exporter = exporter or make_exporter(header.lang, show_code)
    resources = {"metadata": {"name": header.report_id or header.title, "path": path},
                 "workbook_header": header_html(header), "workbook_css": CSS,
                 "workbook_footer": footer_html(header.citation, header.lang, header.data_hash),
                 "workbook_js": SORTABLE_JS + navigation.SCRIPT}
    body, _ = exporter.from_notebook_node(nb, resources=resources)
    return navigation.apply(body, page_info(header))


def page_info(header: Header) -> navigation.PageInfo:
    """What the page's "cite this" panels name: title, file, language, data version, authors and year."""
    from helpers.data.howtocite import in_language

    c = header.citation
    authors = tuple(in_language(a, header.lang) for a in c.authors) if c else ()
    year = (c.year if c and c.year else "") or header.built_at[:4]
    return navigation.PageInfo(title=header.title, report_id=header.report_id, lang=header.lang,
                               data_hash=header.data_hash, authors=authors, year=year,
                               up="../" if header.error is not None else "")


def error_page(header: Header) -> str:
    """A failure page when there is no executed notebook to show (e.g. the kernel would not start)."""
    e = html.escape
    return (f'<!DOCTYPE html>\n<html lang="{e(header.lang)}">\n<head><meta charset="utf-8">'
            f"<title>{e(header.title)}</title><style>{CSS}</style></head>\n"
            f"<body>{header_html(header)}<main><pre>{e(header.error or '')}</pre></main></body>\n</html>\n")


_REMOTE = re.compile(r"""<(?:script|link|img|iframe|source|video|audio|embed|object)\b[^>]*?\b(?:src|href|data)\s*=\s*"""
                     r"""["']?\s*(?:https?:)?//|url\(\s*["']?\s*(?:https?:)?//|@import\s+["'](?:https?:)?//""", re.IGNORECASE)


def remote_references(page: str) -> list[str]:
    """Tags in ``page`` that would fetch from the network (scripts, stylesheets, images, frames).

    >>> remote_references('<script src="https://cdn.example/x.js"></script><a href="https://x.org">x</a>')
    ['<script src="https://']
    """
    return [m.group(0) for m in _REMOTE.finditer(page)]
