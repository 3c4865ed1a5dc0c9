"""Traditional characters read as simplified ones, one character for one, so offsets still hold.

The extractor matches its words (社工站, 服务, 累计, place names ...) against simplified text, while the quote
and value_text it drafts are cut from the text as written. :func:`plain` converts every character on its own
with OpenCC's ``t2s`` table (a maintained converter; a character whose conversion is not one character stays as
it is), so position *i* of the converted text is position *i* of the original. Without OpenCC the parser's own
table (:func:`helpers.data.quantities.simplified`) is used.

>>> plain("全縣建成17個鎮(街)社工服務站")
'全县建成17个镇(街)社工服务站'
"""

from __future__ import annotations

from functools import lru_cache

from helpers.data.quantities import simplified


@lru_cache(maxsize=1)
def _converter():
    try:
        import opencc
    except ImportError:
        return None
    return opencc.OpenCC("t2s")


@lru_cache(maxsize=8192)
def _char(ch: str) -> str:
    conv = _converter()
    out = conv.convert(ch) if conv is not None else simplified(ch)
    return out if len(out) == 1 else ch


def plain(text: str) -> str:
    """``text`` in simplified characters, the same length (see the module docstring)."""
    return "".join(ch if ch < "\u3000" else _char(ch) for ch in text)
