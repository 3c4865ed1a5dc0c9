"""helpers.data.script: traditional characters read as simplified, one for one."""

from __future__ import annotations

from helpers.data.script import plain


def test_same_length_and_converted():
    text = "全縣建成17個鎮(街)社工服務站，累計服務群眾超30萬人次，數十項"
    out = plain(text)
    assert len(out) == len(text)
    assert out == "全县建成17个镇(街)社工服务站，累计服务群众超30万人次，数十项"


def test_simplified_text_and_ascii_unchanged():
    assert plain("青岛市 138处 abc") == "青岛市 138处 abc"
