"""helpers.pages.lab_css: JupyterLab's custom.css carries the CJK font, and `make lab` uses it from a
project-local config folder."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import share_font_cache

from helpers.pages.lab_css import FONT_FILE, main, stylesheet
from helpers.webfont import FAMILY, is_woff

REPO = Path(__file__).resolve().parents[1]


def test_the_stylesheet_puts_the_font_in_front_of_the_ui_and_content_fonts_and_behind_the_code_font():
    css = stylesheet()
    assert f'src:url("{FONT_FILE}") format("woff")' in css and "unicode-range:U+2E80-9FFF" in css
    body = re.search(r"body\{(.*)\}", css).group(1)
    vars_ = dict(part.split(":", 1) for part in body.rstrip(";").split(";"))
    assert vars_["--jp-ui-font-family"].startswith(f'"{FAMILY}",')
    assert vars_["--jp-content-font-family"].startswith(f'"{FAMILY}",')
    assert vars_["--jp-code-font-family"].endswith(f',"{FAMILY}"')
    assert "http" not in css  # nothing from the network


def test_write_puts_the_css_and_a_woff_with_the_projects_characters_in_the_folder(mini, tmp_path, monkeypatch, capsys):
    share_font_cache(mini)  # the subset of the project's characters is made once a session
    monkeypatch.chdir(mini.root)
    folder = tmp_path / "jupyter" / "custom"
    assert main([str(folder)]) == 0
    assert (folder / "custom.css").read_text(encoding="utf-8") == stylesheet()
    woff = (folder / FONT_FILE).read_bytes()
    assert is_woff(woff)
    import io

    from fontTools.ttLib import TTFont

    cmap = TTFont(io.BytesIO(woff)).getBestCmap()
    assert all(ord(ch) in cmap for ch in "青岛社工站")  # characters of data/raw/ are in the subset
    assert "custom.css" in capsys.readouterr().out


def test_bad_usage_exits_2(capsys):
    assert main([]) == 2
    assert capsys.readouterr().err.startswith("usage: python -m helpers.pages.lab_css FOLDER")


def test_make_lab_uses_a_project_local_config_folder_and_custom_css():
    text = (REPO / "Makefile").read_text(encoding="utf-8")
    recipe = text[text.index("\nlab:"):].split("\n\n", 1)[0]
    assert 'helpers.pages.lab_css "$(LAB_CONFIG)/custom"' in recipe
    assert 'JUPYTER_CONFIG_DIR="$(LAB_CONFIG)"' in recipe and "--LabApp.custom_css=True" in recipe
    assert "LAB_CONFIG := $(CURDIR)/.cache/jupyter" in text  # inside the project, never ~/.jupyter


@pytest.mark.browser
@pytest.mark.slow
def test_jupyterlab_shows_chinese_in_cells_before_any_cell_runs(tmp_path):
    """JupyterLab started as `make lab` starts it, opened in headless Chromium on a machine that may have no CJK
    font: the markdown and code cells' Chinese is drawn with the embedded font, though no cell has run."""
    import json
    import socket
    import subprocess
    import sys
    import time
    import urllib.request

    from browser import ARGS, CHROMIUM
    from playwright.sync_api import sync_playwright

    assert CHROMIUM.exists(), "Debian chromium is missing: apt-get install -y chromium (.ci/run does this)"
    config = tmp_path / "jupyter"
    assert main([str(config / "custom")]) == 0
    nbs = tmp_path / "nbs"
    nbs.mkdir()
    nb = {"cells": [{"cell_type": "markdown", "id": "m1", "metadata": {}, "source": ["# 青岛社工站"]},
                    {"cell_type": "code", "id": "c1", "metadata": {}, "execution_count": None, "outputs": [],
                     "source": ["model_ids = ['青岛']  # 社工站"]}],
          "metadata": {"kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"}},
          "nbformat": 4, "nbformat_minor": 5}
    (nbs / "zh.ipynb").write_text(json.dumps(nb, ensure_ascii=False), encoding="utf-8")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**__import__("os").environ, "JUPYTER_CONFIG_DIR": str(config)}
    lab = subprocess.Popen([sys.executable, "-m", "jupyterlab", "--allow-root", "--no-browser", f"--port={port}",
                            "--ServerApp.token=", "--ServerApp.password=", "--LabApp.custom_css=True",
                            "--ServerApp.ip=127.0.0.1", str(nbs)], env=env, stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL)
    try:
        url = f"http://127.0.0.1:{port}"
        for _ in range(120):
            try:
                urllib.request.urlopen(f"{url}/lab", timeout=2)
                break
            except OSError:
                time.sleep(0.5)
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
            page = browser.new_page()
            page.goto(f"{url}/lab/tree/zh.ipynb", wait_until="load")
            page.wait_for_selector(".jp-RenderedMarkdown h1", timeout=60000)
            state = page.evaluate("""async () => {
                await document.fonts.ready;
                await new Promise(r => setTimeout(r, 1000));
                await document.fonts.ready;
                const md = document.querySelector('.jp-RenderedMarkdown');
                const code = document.querySelector('.jp-Notebook .cm-content');
                return {md: getComputedStyle(md).fontFamily, code: getComputedStyle(code).fontFamily,
                        faces: [...document.fonts].filter(f => f.family.includes('WB CJK')).map(f => f.status),
                        text: md.innerText};
            }""")
            browser.close()
    finally:
        lab.terminate()
        lab.wait(timeout=30)
    assert "青岛社工站" in state["text"]
    assert state["md"].startswith('"WB CJK"') and state["code"].endswith('"WB CJK"')
    assert state["faces"] == ["loaded"]  # the font was fetched from custom/ and used for the cells' Chinese
