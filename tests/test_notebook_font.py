"""The CJK font block for JupyterLab (helpers.pages.notebook_font): shown only in a Jupyter server's kernels
unless the switch says otherwise; covers every CJK character the project can show. (Its use by report.start is
tested in test_report.py.)"""

from conftest import share_font_cache

from helpers.pages import notebook_font
from helpers.pages.notebook_font import ENV, NOTEBOOK_ONLY_OUTPUT, STYLE_ID


def test_the_switch_wins_over_the_jupyter_session():
    session = {"JPY_SESSION_NAME": "/w/notebooks/01_overview.ipynb"}
    assert notebook_font.wanted(session) is True
    assert notebook_font.wanted({**session, ENV: "0"}) is False
    assert notebook_font.wanted({ENV: "1"}) is True
    assert notebook_font.wanted({ENV: "yes"}) is False  # only 0 and 1 are switches


def test_project_chars_cover_data_notebooks_and_the_helpers_own_words(mini):
    (mini.root / "notebooks").mkdir()
    (mini.root / "notebooks" / "x.ipynb").write_text('{"cells": [{"source": "鳏寡孤独"}]}', encoding="utf-8")
    chars = set(notebook_font.project_chars(mini))
    assert set("青岛模式") <= chars      # data/raw/
    assert set("鳏寡孤独") <= chars      # notebooks/
    assert set("来源") <= chars          # the helpers' labels
    assert not chars & set("abcABC123")


def test_show_displays_one_style_block_marked_notebook_only(mini, monkeypatch):
    share_font_cache(mini)  # the subset of the project's characters is made once a session
    shown = []
    monkeypatch.delenv("JPY_SESSION_NAME", raising=False)
    monkeypatch.setenv(ENV, "0")
    assert notebook_font.show(mini, display=lambda *a, **k: shown.append((a, k))) is False and shown == []
    monkeypatch.setenv(ENV, "1")
    assert notebook_font.show(mini, display=lambda *a, **k: shown.append((a, k))) is True
    (args, kw), = shown
    assert kw == {"metadata": {NOTEBOOK_ONLY_OUTPUT: True}}
    assert args[0].data.startswith(f'<style id="{STYLE_ID}">@font-face')
