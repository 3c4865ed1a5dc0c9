"""Plain, stable HTML tables: escaped text, no random ids, same input → same bytes.

>>> import pandas as pd
>>> html_table(pd.DataFrame({"a": ["<script>"]}), caption="x").html.count("&lt;script&gt;")
1
"""

from __future__ import annotations

import html as _html
import math
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


LONG_ROWS = 15  # tables with more rows than this sort and filter in the browser


def _cell(v) -> str:
    if v is None or (isinstance(v, float) and math.isnan(v)) or v is pd.NA:
        return "—"
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)


def _sort_key(v) -> str | None:
    """A number as ``data-sort`` text, or None (no attribute) for anything else."""
    if isinstance(v, bool) or v is None or v is pd.NA:
        return None
    try:
        f = float(v)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(f) else repr(f)


def long_table(df: pd.DataFrame, caption: str | None = None, footer_html: str = "", sort_keys=None,
               filter_label: str = "Filter") -> HTML:
    """``df`` as a ``wb-table wb-long`` table the report page can sort and filter (see
    :mod:`helpers.site.sortable`); a plain table anywhere else. ``sort_keys`` maps a column to the raw
    numbers it sorts by (aligned with the rows); numeric columns sort by their own values.

    >>> t = long_table(pd.DataFrame({"数字": ["≥ 300 人"]}), sort_keys={"数字": [300.0]}).html
    >>> '<td data-sort="300.0">≥ 300 人</td>' in t and 'class="wb-table wb-long"' in t
    True
    """
    keys = {c: list(v) for c, v in (sort_keys or {}).items()}
    for c in df.columns:
        if c not in keys and pd.api.types.is_numeric_dtype(df[c]) and not pd.api.types.is_bool_dtype(df[c]):
            keys[c] = list(df[c])
    unknown = set(keys) - set(df.columns)
    if unknown:
        raise ValueError(f"sort_keys names columns the table does not have: {sorted(unknown)}")
    for c, v in keys.items():
        if len(v) != len(df):
            raise ValueError(f"sort_keys[{c!r}] has {len(v)} values for {len(df)} rows")
    head = "".join(f"<th>{esc(c)}</th>" for c in df.columns)
    body = []
    for i, row in enumerate(df.itertuples(index=False)):
        cells = []
        for c, v in zip(df.columns, row):
            k = _sort_key(keys[c][i]) if c in keys else None
            attr = f' data-sort="{esc(k)}"' if k is not None else ""
            cells.append(f"<td{attr}>{esc(_cell(v))}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    cap = f"<figcaption><b>{esc(caption)}</b></figcaption>" if caption else ""
    foot = f'<div class="wb-cite">{footer_html}</div>' if footer_html else ""
    table = (f'<table class="wb-table wb-long" data-filter="{esc(filter_label)}"><thead><tr>{head}</tr></thead>'
             f'<tbody>{"".join(body)}</tbody></table>')
    return HTML(f'<figure class="wb-figure">{cap}{table}{foot}</figure>')
