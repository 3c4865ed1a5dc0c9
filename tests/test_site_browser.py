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
