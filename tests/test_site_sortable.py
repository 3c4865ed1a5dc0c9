"""Long tables sort and filter in headless Chromium with the network cut off; short tables stay plain.

A page is rendered the way reports are (nbconvert export with the inlined script and the "How to cite"
footer), then Chromium clicks headers and types in the filter box."""

from __future__ import annotations

from types import SimpleNamespace

import nbformat
import pandas as pd
import pytest
from browser import ARGS, CHROMIUM, visit

from helpers.data.howtocite import Citation
from helpers.pages.anchors import Anchors
from helpers.pages.report import Report
from helpers.pages.tables import LONG_ROWS, html_table, long_table
from helpers.site.export import Header, render
from helpers.site.sortable import SCRIPT

FIGURES = pd.DataFrame({"模式": ["上海", "北京", "重庆", "北京", "青岛"],
                        "数字": ["≥ 9 人", "100 人", "10 人", "— (原文缺失)", "≈ 1,200 人"],
                        "时点": ["2022", "2021-06", "", "2023", "2020"]})
VALUES = [9.0, 100.0, 10.0, None, 1200.0]


def _page(tmp_path, lang="zh"):
    blocks = [long_table(FIGURES, "全部数字", sort_keys={"数字": VALUES}, filter_label="筛选").html,
              html_table(pd.DataFrame({"a": [1, 2]}), "short").html]
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(
        "x", outputs=[nbformat.v4.new_output("display_data", data={"text/html": b}) for b in blocks])])
    header = Header(title="测试", lang=lang, data_hash="abc123def456", built_at="2024-01-01 00:00 UTC",
                    citation=Citation(title="工作簿 · Workbook", authors=("项目组 · Team",), version="0.1.0"))
    path = tmp_path / "page.html"
    path.write_text(render(nb, header), encoding="utf-8")
    (tmp_path / "site.js").write_text("", encoding="utf-8")  # as in reports/: the page is not alone
    return path


def test_page_includes_the_script_once_and_the_citation_footer(tmp_path):
    page = _page(tmp_path).read_text(encoding="utf-8")
    assert page.count(SCRIPT) == 1
    assert "如何引用" in page and "项目组。《工作簿》,版本 0.1.0,数据版本 abc123def456。" in page
    assert page.count('class="wb-table wb-long"') == 1  # the short table stays plain


def test_long_table_marks_numbers_for_sorting_and_rejects_bad_keys():
    html = long_table(FIGURES, sort_keys={"数字": VALUES}).html
    assert '<td data-sort="1200.0">≈ 1,200 人</td>' in html and "<td>— (原文缺失)</td>" in html
    assert long_table(pd.DataFrame({"n": [3, 1]})).html.count("data-sort") == 2  # numeric columns by themselves
    with pytest.raises(ValueError, match="2 values for 5 rows"):
        long_table(FIGURES, sort_keys={"数字": [1, 2]})
    with pytest.raises(ValueError, match="does not have"):
        long_table(FIGURES, sort_keys={"nope": VALUES})


def test_report_tables_are_long_by_row_count_or_when_asked():
    r = Report.__new__(Report)
    r.lang, r.cited = "en", {}
    r.anchors = Anchors()  # tables get ids and carry their cells as CSV (helpers.pages.anchors, figdata)
    r.data = SimpleNamespace(data_hash="abc", indicators=pd.DataFrame(columns=["indicator"]))
    short, many = pd.DataFrame({"a": range(LONG_ROWS)}), pd.DataFrame({"a": range(LONG_ROWS + 1)})
    assert "wb-long" not in r.table(short, "c").html
    assert "wb-long" in r.table(many, "c").html and 'data-filter="Filter (type words)"' in r.table(many, "c").html
    assert "wb-long" in r.table(short, "c", long=True).html and "wb-long" not in r.table(many, "c", long=False).html


@pytest.mark.browser
def test_headers_sort_numbers_text_and_chinese_and_the_box_filters_offline(tmp_path):
    assert CHROMIUM.exists(), "Debian chromium is missing: apt-get install -y chromium (.ci/run does this)"
    from playwright.sync_api import sync_playwright

    path = _page(tmp_path)
    column = ("i => Array.from(document.querySelectorAll('table.wb-long tbody tr'))"
              ".filter(r => !r.hidden).map(r => r.cells[i].textContent)")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            page = browser.new_page()
            seen = visit(page, path.as_uri())
            assert seen["errors"] == [] and seen["remote"] == [], seen
            assert page.evaluate(column, 0) == ["上海", "北京", "重庆", "北京", "青岛"]  # file order first
            heads = page.locator("table.wb-long th")
            heads.nth(1).click()  # 数字: by the raw numbers; a figure lost in the source last either way
            assert page.evaluate(column, 1) == ["≥ 9 人", "10 人", "100 人", "≈ 1,200 人", "— (原文缺失)"]
            assert heads.nth(1).get_attribute("aria-sort") == "ascending"
            heads.nth(1).click()
            assert page.evaluate(column, 1) == ["≈ 1,200 人", "100 人", "10 人", "≥ 9 人", "— (原文缺失)"]
            heads.nth(0).click()  # 模式: Chinese by pinyin (bei, chong, qing, shang), ties in table order
            assert page.evaluate(column, 0) == ["北京", "北京", "重庆", "青岛", "上海"]
            assert page.evaluate(column, 1)[:2] == ["100 人", "— (原文缺失)"]
            heads.nth(2).click()  # 时点: dates as text, the empty one last
            assert page.evaluate(column, 2) == ["2020", "2021-06", "2022", "2023", ""]
            box = page.locator(".wb-filterbar input")
            assert box.get_attribute("placeholder") == "筛选"
            box.fill("北京")
            assert page.evaluate(column, 0) == ["北京", "北京"]
            assert page.inner_text(".wb-filterbar .wb-count") == "2 / 5"
            box.fill("北京 2023")  # every word must match
            assert page.evaluate(column, 2) == ["2023"]
            box.fill("")
            assert len(page.evaluate(column, 0)) == 5
            assert page.locator("table.wb-table:not(.wb-long) th.wb-sortable").count() == 0
            assert page.locator(".wb-filterbar").count() == 1
        finally:
            browser.close()
