"""What a reader can do with a built report, offline in headless Chromium (file://, network cut off): follow
the table of contents, take the data behind a chart, print on A4 without a cut table, cite by a stable anchor
shared by the zh and en pages, and see that a page copied alone stands alone."""

from __future__ import annotations

import csv
import io
import os
import re
import shutil
from pathlib import Path

import pytest
from browser import ARGS, CHROMIUM, visit
from conftest import REPO, edit_cell

from helpers.cli import main
from helpers.paths import Project

pytestmark = [pytest.mark.browser, pytest.mark.full_preload]

REPORTS = ["profile-qingdao-zh", "profile-qingdao-en", "compare-staffing-en"]
A4_CONTENT_PX = (210 - 2 * 15) / 25.4 * 96  # the print stylesheet's page box: A4 less 15 mm margins
ID = re.compile(r'<(?:h[1-3]|figure)\b[^>]*\bid="((?:title|sec-|fig-|tbl-)[^"]*)"')


def _ids(page) -> list[str]:
    return ID.findall(page.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("workbook")
    for folder in ("notebooks", "data/raw", "src"):
        shutil.copytree(REPO / folder, root / folder, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    for name in ("reports.yml", "requirements.lock", "CITATION.cff"):
        shutil.copy(REPO / name, root / name)
    old = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = "1700000000"
    try:
        assert main(["--root", str(root), "build", "--jobs", "1", *REPORTS]) == 0
        first = {rid: _ids(root / "reports" / f"{rid}.html") for rid in REPORTS}
        assert main(["--root", str(root), "build", "--force", "--jobs", "1", *REPORTS]) == 0
    finally:
        if old is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = old
    return {"root": root, "reports": root / "reports", "first": first}


@pytest.fixture(scope="module")
def browser():
    assert CHROMIUM.exists(), "Debian chromium is missing: apt-get install -y chromium (.ci/run does this)"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


def test_anchors_are_the_same_in_two_builds_and_in_both_languages(site):
    again = {rid: _ids(site["reports"] / f"{rid}.html") for rid in REPORTS}
    assert again == site["first"]
    zh, en = again["profile-qingdao-zh"], again["profile-qingdao-en"]
    assert zh == en and len(set(zh)) == len(zh)  # the same ids, in the same order, none repeated
    assert {"title", "sec-figures-by-dimension", "fig-stations-township"} <= set(en)


def test_every_contents_link_lands_on_its_anchor(site, browser):
    for rid in ("profile-qingdao-zh", "compare-staffing-en"):
        page = browser.new_page(viewport={"width": 1200, "height": 900})
        seen = visit(page, (site["reports"] / f"{rid}.html").as_uri())
        assert seen["errors"] == [] and seen["remote"] == [], rid
        targets = page.eval_on_selector_all(".wb-toc a", "as => as.map(a => a.getAttribute('href'))")
        assert len(targets) > 5 and all(t.startswith("#") for t in targets)
        for href in targets:
            page.click(f'.wb-toc a[href="{href}"]')
            landed = page.evaluate("""h => { const el = document.getElementById(h.slice(1));
                return [location.hash, el ? Math.round(el.getBoundingClientRect().top) : null,
                        document.documentElement.scrollHeight - window.innerHeight - window.scrollY]; }""", href)
            assert landed[0] == href and landed[1] is not None, (rid, href)
            assert -2 <= landed[1] <= 40 or landed[2] < 2, (rid, href, landed)  # at the top, or the page's end
            page.evaluate("window.scrollTo(0, 0)")
        page.close()


def test_a_charts_download_holds_the_rows_it_draws(site, browser):
    page = browser.new_page()
    visit(page, (site["reports"] / "profile-qingdao-en.html").as_uri())
    with page.expect_download() as info:
        page.click('#fig-stations-township button.wb-download')
    download = info.value
    assert download.suggested_filename == "profile-qingdao-en-fig-stations-township.csv"
    raw = Path(download.path()).read_bytes()
    page.close()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 BOM: Excel reads the Chinese place names
    text = raw.decode("utf-8-sig")
    head = [line for line in text.splitlines() if line.startswith("# ")]
    rows = list(csv.DictReader(io.StringIO("\n".join(x for x in text.splitlines() if not x.startswith("# ")))))
    comparison = list(csv.DictReader(io.StringIO(
        (site["root"] / "data/processed/comparison.csv").read_text(encoding="utf-8"))))
    drawn = {r["fact_id"] for r in comparison if r["indicator"] == "stations_township" and r["fact_id"]}
    assert {r["fact_id"] for r in rows} == drawn  # one row per bar: each model's own figure, no gap rows
    assert all(r["indicator"] == "stations_township" and r["source_id"] and r["qualifier"] for r in rows)
    assert any(line.startswith("# Indicator: stations_township") and "Definition:" in line for line in head)
    assert any(line.startswith("# Data version: ") for line in head)


def test_print_on_a4_cuts_no_table_and_hides_the_controls(site, browser):
    for rid in ("compare-staffing-en", "profile-qingdao-zh"):
        page = browser.new_page(viewport={"width": round(A4_CONTENT_PX), "height": 1000})
        visit(page, (site["reports"] / f"{rid}.html").as_uri())
        page.emulate_media(media="print")
        widths = page.evaluate("""() => Array.from(document.querySelectorAll('table')).map(t => {
            const r = t.getBoundingClientRect(); return [r.left, r.right, t.scrollWidth, t.clientWidth]; })""")
        assert widths
        for left, right, scroll, client in widths:
            assert left >= -0.5 and right <= A4_CONTENT_PX + 0.5, (rid, left, right)
            assert scroll <= client + 1, (rid, scroll, client)  # nothing inside spills out of the table
        hidden = page.evaluate("""() => [
            ...Array.from(document.querySelectorAll('.wb-filterbar, button.wb-download, .wb-cite-this'))
               .map(e => getComputedStyle(e).display === 'none'),
            ...Array.from(document.querySelectorAll('th.wb-sortable'))
               .map(th => getComputedStyle(th, '::after').content === 'none')]""")
        assert hidden and all(hidden), rid
        assert page.pdf(format="A4").startswith(b"%PDF")
        page.close()


def test_a_page_copied_alone_says_so_and_one_beside_the_index_links_it(site, browser, tmp_path):
    alone = tmp_path / "profile-qingdao-en.html"
    shutil.copy(site["reports"] / "profile-qingdao-en.html", alone)
    for path, linked in ((site["reports"] / "profile-qingdao-en.html", True), (alone, False)):
        page = browser.new_page()
        visit(page, path.as_uri())
        page.wait_for_load_state("networkidle")
        nav = page.evaluate("""() => { const p = document.querySelector('.wb-nav');
            const a = p.querySelector('a'); return [a ? a.getAttribute('href') : null, p.textContent]; }""")
        page.close()
        if linked:
            assert nav[0] == "index.html"
        else:
            assert nav[0] is None and "stands alone" in nav[1]


def _blocks_with(page: str, word: str) -> set[str]:
    """The ids of the figure and table blocks of ``page`` whose visible text has ``word``."""
    found = set()
    for m in re.finditer(r'<figure class="wb-figure"[^>]*\bid="([^"]+)"', page):
        body = page[m.end():page.find("</figure>", m.end())]
        body = re.sub(r"<script\b.*?</script>|<details class=\"wb-cite-this\">.*?</details>", "", body, flags=re.DOTALL)
        if word in re.sub(r"<[^>]+>", " ", body):
            found.add(m.group(1))
    return found


@pytest.mark.parametrize("word", ["Laixi", "莱西"])
def test_search_finds_a_word_of_one_reports_table_and_links_its_anchor(site, browser, word):
    pages = {rid: (site["reports"] / f"{rid}.html").read_text(encoding="utf-8") for rid in REPORTS}
    holders = {rid: _blocks_with(p, word) for rid, p in pages.items() if word in re.sub(r"<[^>]+>", " ", p)}
    assert len(holders) == 1  # the word is in one report only (zh or en), and there in a table
    (rid, blocks), = holders.items()
    assert blocks
    page = browser.new_page()
    seen = visit(page, (site["reports"] / "index.html").as_uri())
    assert seen["errors"] == [] and seen["remote"] == []
    page.wait_for_selector("#wb-search:not([hidden])")
    page.fill("#wb-search", word)
    hrefs = page.eval_on_selector_all("#wb-search-results a", "as => as.map(a => a.getAttribute('href'))")
    assert set(hrefs) == {f"{rid}.html#{b}" for b in blocks}
    page.click("#wb-search-results a")
    page.wait_for_load_state("load")
    assert page.url.endswith(hrefs[0]) and page.evaluate(f"!!document.getElementById({hrefs[0].split('#')[1]!r})")
    page.close()


def test_the_change_list_shows_a_fact_edited_since_the_last_data_version(site, browser, tmp_path):
    first = (site["reports"] / "changes.html").read_text(encoding="utf-8")
    assert "no earlier one to compare with" in first
    root = tmp_path / "copy"
    shutil.copytree(site["root"], root, ignore=shutil.ignore_patterns("scratch", ".site.lock"))
    project = Project(root)
    facts = (root / "data/raw/facts.csv").read_text(encoding="utf-8").splitlines()
    row = next(i for i, line in enumerate(facts, start=1) if line.startswith("qd_qtv_2023-01,"))
    assert ",138个,138,138,138," in facts[row - 1]
    for column, value in (("value_text", "139个"), ("value", "139"), ("value_low", "139"), ("value_high", "139"),
                          ("evidence", "全市共建成镇街社会工作站139个")):
        edit_cell(project, "facts", row, column, value)
    assert main(["--root", str(root), "build", "--jobs", "1", "profile-qingdao-en"]) == 0
    page = browser.new_page()
    seen = visit(page, (root / "reports/changes.html").as_uri())
    assert seen["errors"] == [] and seen["remote"] == []
    sections = page.evaluate("""() => Array.from(document.querySelectorAll('h2')).map(h => {
        const t = h.nextElementSibling; return [h.textContent, t ? t.innerText : '']; })""")
    page.close()
    by = {head.split(" (")[0]: text for head, text in sections}
    changed = by["修改的数字 / Facts changed"]
    assert "qd_qtv_2023-01" in changed and "value: 138 → 139" in changed and "value_text: 138个 → 139个" in changed
    assert changed.count("qd_") == 1  # only the edited fact
    assert by["新增数字 / Facts added"].strip() == "无 / none" and by["删除的数字 / Facts removed"].strip() == "无 / none"
    cells = next(text for head, text in sections if head.startswith("比较表中变化的核心单元格"))
    assert "qingdao" in cells and "stations_township" in cells and "138 → 139" in cells
    rebuilt = next(text for head, text in sections if head.startswith("已按新数据重建的报告"))
    assert "profile-qingdao-en" in rebuilt and "profile-qingdao-zh" not in rebuilt
    footer = (root / "reports/profile-qingdao-en.html").read_text(encoding="utf-8")
    assert 'href="changes.html"' in footer.split('<footer class="wb-cite-footer"')[1]
    assert 'href="changes.html"' in (root / "reports/index.html").read_text(encoding="utf-8")
