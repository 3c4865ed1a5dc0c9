"""The CJK font subset a page embeds (helpers.webfont): only the glyphs used, cached, rebuilt when damaged."""

from __future__ import annotations

import pytest


def test_cjk_font_subset_is_embedded_and_cached(tmp_path):
    from helpers import webfont as fonts

    page = "<html><head><title>t</title></head><body><p>青岛社工站 Qingdao</p></body></html>"
    out = fonts.embed(page, tmp_path)
    assert out.count("@font-face") == 1 and "unicode-range" in out
    assert fonts.cjk_chars(page) == "".join(sorted("青岛社工站"))
    cached = list(tmp_path.glob("*.woff"))
    assert len(cached) == 1 and cached[0].read_bytes()[:4] == b"wOFF"
    assert fonts.embed(page, tmp_path) == out  # same page, same bytes, from the cache
    assert fonts.embed("<html><head></head><body>ascii only</body></html>", tmp_path).count("@font-face") == 0


def test_embedded_font_has_the_glyphs_used(tmp_path):
    import io

    from fontTools.ttLib import TTFont

    from helpers import webfont as fonts

    font = TTFont(io.BytesIO(fonts.cached_woff("社工站", tmp_path)))
    cmap = font.getBestCmap()
    assert all(ord(c) in cmap for c in "社工站") and ord("青") not in cmap


@pytest.mark.parametrize("damage", [b"garbage, not a font", "truncate"])
def test_a_damaged_font_cache_entry_is_rebuilt(tmp_path, damage):
    import base64
    import re

    from helpers import webfont as fonts

    page = "<html><head></head><body><p>社工站</p></body></html>"
    good = fonts.embed(page, tmp_path)
    (entry,) = tmp_path.glob("*.woff")
    entry.write_bytes(entry.read_bytes()[:500] if damage == "truncate" else damage)
    again = fonts.embed(page, tmp_path)
    assert again == good
    woff = base64.b64decode(re.search(r"base64,([A-Za-z0-9+/=]+)", again).group(1))
    assert fonts.is_woff(woff) and entry.read_bytes() == woff  # the cache entry was replaced
