"""Make Chinese text render on any machine: embed a subset of Noto Sans CJK SC in each page.

A reader's computer may have no Chinese font (a bare Linux box shows boxes). Each page gets an
``@font-face`` with a WOFF subset holding exactly the CJK characters it uses (about 150 KB for a
report), limited by ``unicode-range`` so Latin text keeps the system font. Subsets are cached on disk by
character set, so a rebuild with nothing changed never loads fontTools.

>>> cjk_chars("<p>青岛 Qingdao 青岛</p>")
'岛青'
"""

from __future__ import annotations

import base64
import hashlib
import io
import os
import re
from pathlib import Path

from helpers.paths import write_bytes_atomic

FAMILY = "WB CJK"
UNICODE_RANGE = "U+2E80-9FFF, U+F900-FAFF, U+FE30-FE4F, U+FF00-FFEF"
_DATA_URI = re.compile(r"data:[a-z/+.-]+;base64,[A-Za-z0-9+/=]+")
_CJK = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]")


def cjk_chars(page: str) -> str:
    """The distinct CJK characters of ``page`` (outside embedded data), sorted."""
    return "".join(sorted(set(_CJK.findall(_DATA_URI.sub("", page)))))


def subset_woff(chars: str) -> bytes:
    """A WOFF font with the glyphs of ``chars`` from the pinned Noto Sans CJK SC (mplfonts)."""
    from fontTools import subset

    from helpers.fontfile import cjk_font_path

    options = subset.Options()
    options.flavor = "woff"
    options.desubroutinize = True
    font = subset.load_font(str(cjk_font_path()), options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=chars)
    subsetter.subset(font)
    font.flavor = "woff"
    buf = io.BytesIO()
    font.save(buf)
    return buf.getvalue()


def is_woff(data: bytes) -> bool:
    """True when ``data`` looks like a whole WOFF file: the ``wOFF`` signature, and the length its
    header declares equals its size (garbage or a truncated cache entry fails; it is then rebuilt).

    >>> is_woff(b"wOFF" + b"OTTO" + (12).to_bytes(4, "big")), is_woff(b"garbage"), is_woff(b"")
    (True, False, False)
    """
    return len(data) >= 12 and data[:4] == b"wOFF" and int.from_bytes(data[8:12], "big") == len(data)


def cached_woff(chars: str, cache_dir: str | os.PathLike | None) -> bytes:
    """``subset_woff(chars)``, read from or written to ``cache_dir`` (atomic write; safe across workers).

    A cache entry that is not a whole WOFF file (see :func:`is_woff`) is rebuilt and replaced."""
    if not cache_dir:
        return subset_woff(chars)
    path = Path(cache_dir) / (hashlib.sha256(chars.encode("utf-8")).hexdigest()[:20] + ".woff")
    try:
        data = path.read_bytes()
    except OSError:
        data = b""
    if is_woff(data):
        return data
    data = subset_woff(chars)
    write_bytes_atomic(path, data)
    return data


def embed(page: str, cache_dir: str | os.PathLike | None = None, extra: str = "") -> str:
    """``page`` with its CJK subset font embedded before ``</head>`` (unchanged if it has no CJK text);
    ``extra`` is text the page will show later (search results its script writes), whose glyphs it needs too."""
    chars = cjk_chars(page + extra)
    if not chars or "</head>" not in page:
        return page
    style = font_style(cached_woff(chars, cache_dir), "wb-cjk-font",
                       {"body,.jp-Notebook,.jp-RenderedHTMLCommon,table,.wb-header": _SANS})
    return page.replace("</head>", style + "</head>", 1)


_SANS = 'system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif !important'


def font_style(woff: bytes, style_id: str, rules: dict[str, str]) -> str:
    """A ``<style>`` with the ``@font-face`` for ``woff`` (limited to CJK code points) and, for each
    selector in ``rules``, ``font-family: "WB CJK", <the rule's fallback list>``."""
    b64 = base64.b64encode(woff).decode("ascii")
    families = "".join(f'{sel}{{font-family:"{FAMILY}",{rest};}}' for sel, rest in rules.items())
    return (f'<style id="{style_id}">@font-face{{font-family:"{FAMILY}";src:url(data:font/woff;base64,{b64}) '
            f'format("woff");unicode-range:{UNICODE_RANGE};}}{families}</style>')
