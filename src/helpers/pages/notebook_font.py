"""Chinese in JupyterLab on a machine without a CJK font: the notebook gets the font subset reports embed.

Charts register the font with matplotlib, but headings, tables and notes are HTML that the browser
draws with its own fonts, so a machine without a Chinese font shows boxes. :func:`show` (called by
``report.start``) displays one HTML output holding an ``@font-face`` with a subset of the pinned Noto
Sans CJK SC: every CJK character of data/raw/, of the helpers' own texts and of the notebooks, cached
in .cache/fonts/ (built once, about 300 KB). The rule applies to the whole notebook page: markdown
cells, HTML outputs and printed text.

It is shown only in a Jupyter server's kernels (JupyterLab, Notebook, VS Code set ``JPY_SESSION_NAME``),
or when ``WORKBOOK_NOTEBOOK_FONT=1``; ``WORKBOOK_NOTEBOOK_FONT=0`` turns it off. Reports built by
papermill embed their own subset; the output carries the metadata key :data:`NOTEBOOK_ONLY_OUTPUT` and
the HTML export drops it, so a page never has two font blocks.

>>> wanted({"JPY_SESSION_NAME": "/w/notebooks/01_overview.ipynb"}), wanted({}), wanted({ENV: "1"})
(True, False, True)
"""

from __future__ import annotations

import os
from pathlib import Path

from helpers.paths import Project

ENV = "WORKBOOK_NOTEBOOK_FONT"
NOTEBOOK_ONLY_OUTPUT = "wb-notebook-only"  # output metadata key: shown in Jupyter, dropped from reports
STYLE_ID = "wb-cjk-font-notebook"
_RULES = {
    ".jp-Notebook .jp-RenderedHTMLCommon,.jp-Notebook .jp-RenderedText,.jp-Notebook .jp-RenderedMarkdown":
        "var(--jp-content-font-family),system-ui,sans-serif",
    ".jp-Notebook .jp-RenderedText pre,.jp-Notebook .cm-content": "var(--jp-code-font-family),monospace",
}


def wanted(env=None) -> bool:
    """Whether this kernel serves an interactive notebook page that should get the font."""
    env = os.environ if env is None else env
    if env.get(ENV, "") in ("0", "1"):
        return env[ENV] == "1"
    return bool(env.get("JPY_SESSION_NAME"))


def project_chars(project: Project) -> str:
    """Every CJK character a notebook of ``project`` can show: data/raw/, src/helpers/, notebooks/."""
    from helpers.webfont import cjk_chars

    helpers = Path(__file__).resolve().parents[1]  # src/helpers/, every layer
    files = [*sorted(project.raw.glob("*.csv")), *sorted(helpers.rglob("*.py")),
             *sorted(project.notebooks.glob("*.ipynb"))]
    return cjk_chars("".join(p.read_text(encoding="utf-8", errors="replace") for p in files))


def style(project: Project) -> str:
    """The ``<style>`` block: the font subset for :func:`project_chars` and the rules that use it."""
    from helpers.webfont import cached_woff, font_style

    woff = cached_woff(project_chars(project), project.font_cache)
    return font_style(woff, STYLE_ID, _RULES)


def show(project: Project, display=None) -> bool:
    """Display the font style in the running notebook when :func:`wanted`; True if it did."""
    if not wanted():
        return False
    if display is None:
        from IPython.display import display
    from IPython.display import HTML

    display(HTML(style(project)), metadata={NOTEBOOK_ONLY_OUTPUT: True})
    return True
