"""helpers.pages.lab_css: JupyterLab's custom.css carries the CJK font, and `make lab` uses it from a
project-local config folder."""

from __future__ import annotations

import re
from pathlib import Path

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
