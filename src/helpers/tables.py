"""Plain, stable HTML tables: escaped text, no random ids, same input → same bytes.

>>> import pandas as pd
>>> html_table(pd.DataFrame({"a": ["<script>"]}), caption="x").html.count("&lt;script&gt;")
1
"""

from __future__ import annotations

import html as _html
from dataclasses import dataclass

import pandas as pd


@dataclass(frozen=True)
class HTML:
    """A piece of HTML that Jupyter displays (``_repr_html_``) and tests can read (``.html``)."""

    html: str

    def _repr_html_(self) -> str:
        return self.html

    def __str__(self) -> str:
        return self.html


def esc(text) -> str:
    return _html.escape("" if text is None else str(text), quote=True)


def html_table(df: pd.DataFrame, caption: str | None = None, footer_html: str = "",
               css_class: str = "wb-table") -> HTML:
    """``df`` as a plain HTML table inside a <figure> with an escaped caption and a raw-HTML footer."""
    body = df.to_html(index=False, escape=True, border=0, na_rep="—", classes=css_class, justify="left")
    cap = f"<figcaption><b>{esc(caption)}</b></figcaption>" if caption else ""
    foot = f'<div class="wb-cite">{footer_html}</div>' if footer_html else ""
    return HTML(f'<figure class="wb-figure">{cap}{body}{foot}</figure>')
