"""Open the built pages in headless Chromium with the network cut off, as a reader would offline.

Debian's ``chromium`` (/usr/bin/chromium, installed by .ci/run) driven by Playwright. This test fails,
never skips, when the browser is missing: a report nobody opened in a browser is not tested.
"""

from __future__ import annotations

import pytest
from browser import ARGS, CHROMIUM, HAN, visit
from conftest import edit_cell, setup_project

from helpers.cli import main

pytestmark = pytest.mark.browser  # left out of `make test-fast`

RAISES = "  - {id: raises, notebook: notebooks/raises.ipynb, title: 出错的报告}\n"


def test_pages_open_offline_in_chromium(mini):
    assert CHROMIUM.exists(), "Debian chromium is missing: apt-get install -y chromium (.ci/run does this)"
    from playwright.sync_api import sync_playwright

    setup_project(mini, RAISES)
    edit_cell(mini, "models", 2, "name_zh", "<script>window.__pwned=1;alert(1)</script>青岛模式")
    assert main(["--root", str(mini.root), "build", "--jobs", "2"]) == 1  # `raises` fails, on purpose

    reports = mini.reports
    expected = {"index.html": "乡镇（街道）社工站比较研究：报告 / Township social work stations: reports",
                "profile-qingdao-zh.html": "模式概况：<script>window.__pwned=1;alert(1)</script>青岛模式",
                "profile-qingdao-en.html": "Model profile: Qingdao model",
                "_failed/raises.html": "出错的报告",
                "changes.html": "数据更新 / What changed"}
    assert sorted(p.relative_to(reports).as_posix() for p in reports.rglob("*.html")) == sorted(expected)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            for name, title in expected.items():
                page = browser.new_page()
                seen = visit(page, (reports / name).as_uri())
                page.close()
                assert seen["errors"] == [], (name, seen["errors"])
                assert seen["remote"] == [], (name, seen["remote"])
                assert seen["dialogs"] == [] and seen["pwned"] is None, name
                assert seen["title"] == title, name
                assert HAN.search(seen["text"]), name
                assert seen["fonts"] == ["loaded"], (name, seen["fonts"])  # Chinese renders with no system font
                if name.startswith("profile-"):
                    assert seen["images"] and all(done and width > 0 for done, width in seen["images"]), name
                    assert "<script>window.__pwned" in seen["text"] or name.endswith("-en.html")
        finally:
            browser.close()


THREE_MODELS_SPEC = """
parameters:
  model_id: {label: {zh: 模式, en: Model}, values_from: {csv: data/raw/models.csv, column: model_id,
             label: {zh: name_zh, en: name_en}}}
  model_ids: {label: {zh: 比较的模式, en: Models compared}, list_of: model_id}
  lang: {label: {zh: 语言, en: Language}, values: {zh: {zh: 中文, en: Chinese}, en: {zh: 英文, en: English}}}
reports:
  - id: three-models-{lang}
    notebook: notebooks/03_three_models.ipynb
    title: {zh: 三种模式, en: Three models}
    parameters: {model_ids: [gd, hn]}
    matrix: {lang: all}
"""


def test_the_three_model_page_never_draws_a_standard_and_lists_it_as_one(tmp_path):
    """The real notebook 03 on tests/fixture_trust.py (a norm per model, a mirror, two phases): every chart lists the
    facts it draws in data-fact-ids, and none of them is a standard; the standards stand in their own table, and
    the figures resting on a mirror carry the † note."""
    import shutil

    import fixture_trust
    from conftest import REPO, write_tables

    project = write_tables(tmp_path, fixture_trust.raw_text(fixture_trust.FACTS + fixture_trust.CURRENT_STATIONS))
    (project.root / "notebooks").mkdir()
    shutil.copy(REPO / "notebooks" / "03_three_models.ipynb", project.root / "notebooks")
    (project.root / "reports.yml").write_text(THREE_MODELS_SPEC, encoding="utf-8")
    assert main(["--root", str(project.root), "build", "--jobs", "1"]) == 0
    standards = {"gu-01", "hp-03"}
    expected = {"zh": ("3–8 人 (标准) †", "规定了什么(标准)", "请核对原文", "计划期 · 2017–2020"),
                "en": ("3–8 persons (standard) †", "what was required (standards)", "check the original",
                       "Plan phase · 2017–2020")}
    from playwright.sync_api import sync_playwright

    assert CHROMIUM.exists(), "Debian chromium is missing: apt-get install -y chromium (.ci/run does this)"
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            for lang, words in expected.items():
                page = browser.new_page()
                seen = visit(page, (project.reports / f"three-models-{lang}.html").as_uri())
                charts = page.evaluate("Array.from(document.querySelectorAll('figure[data-fact-ids]'))"
                                       ".filter(f => f.querySelector('img')).map(f => f.dataset.factIds)")
                page.close()
                assert seen["errors"] == [] and seen["remote"] == [], lang
                assert seen["images"] and all(done and width > 0 for done, width in seen["images"]), lang
                drawn = {x for ids in charts for x in ids.split()}
                assert {"go-02", "gm-01", "hp-01", "go-01"} <= drawn, (lang, drawn)  # both phases, Xiang, staffing
                assert not drawn & standards, (lang, drawn & standards)
                for w in words:
                    assert w in seen["text"], (lang, w)
        finally:
            browser.close()
