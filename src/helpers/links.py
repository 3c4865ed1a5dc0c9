"""Which URLs may become links: only ``http://`` and ``https://`` ones, exactly as written.

Pages are mailed to readers, so a ``javascript:``, ``data:`` or ``vbscript:`` URL in a source must never be
a live link (clicking it would run script in the page), nor a ``url`` field a reference manager opens.
``workbook check`` refuses such URLs in data/raw/sources.csv (:mod:`helpers.data.checks_cells`); every
renderer asks :func:`is_web_url` before it writes a link and shows anything else as plain text.

>>> [is_web_url(u) for u in ("https://example.org/a", "HTTP://x.cn", " JavaScript:alert(1)", "data:text/html,x",
...                          "vbscript:msgbox", "https://", "https://a b", "//example.org", "")]
[True, True, False, False, False, False, False, False, False]
"""

from __future__ import annotations

import re

# the whole cell: scheme http or https (any case), '//', a host, and no whitespace or control character anywhere
_WEB_URL = re.compile(r"https?://[^\s\x00-\x1f\x7f/?#][^\s\x00-\x1f\x7f]*", re.IGNORECASE)


def is_web_url(text) -> bool:
    """True when ``text`` is an http(s) URL that may be written as a link (nothing before the scheme)."""
    return isinstance(text, str) and _WEB_URL.fullmatch(text) is not None
