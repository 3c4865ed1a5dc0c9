"""Numbered figures and tables, a table of contents and "cite this" on a page (nbconvert sorts attributes)."""

from __future__ import annotations

import re

from helpers.site import navigation
from helpers.site.navigation import PageInfo

INFO = PageInfo(title="Model profile: Qingdao", report_id="profile-qingdao-en", lang="en", data_hash="abc123",
                authors=("Team",), year="2026")


def block(i: str, kind: str, caption: str, data: bool = True, sources: str = "s1 s2") -> str:
    """A block as nbconvert writes it: attributes in alphabetical order."""
    csv = f'<script class="wb-data" data-for="{i}" type="text/csv">a,b\n</script>' if data else ""
    return (f'<figure class="wb-figure" data-wb-kind="{kind}" data-wb-sources="{sources}" id="{i}">'
            f"<figcaption><b>{caption}</b></figcaption>{csv}"
            f'<div class="wb-tools" data-for="{i}"></div></figure>')


PAGE = ('<header class="wb-header">H</header><h1 id="title">T</h1>' + block("tbl-a", "table", "Summary", data=False)
        + '<h2 id="sec-one">One &amp; two</h2>' + block("fig-x", "figure", "Stations") + block("tbl-b", "table", "List")
        + '<h2 id="sec-two">Two</h2>' + block("fig-y", "figure", "Workers &lt;all&gt;"))


def test_figures_and_tables_are_numbered_apart_in_page_order():
    out = navigation.apply(PAGE, INFO)
    nums = re.findall(r'<span class="wb-num">([^<]+)</span><b>([^<]+)</b>', out)
    assert nums == [("Table 1", "Summary"), ("Figure 1", "Stations"), ("Table 2", "List"),
                    ("Figure 2", "Workers &lt;all&gt;")]


def test_chinese_pages_number_in_chinese():
    out = navigation.apply(PAGE, PageInfo("T", "p-zh", "zh", "abc"))
    assert '<span class="wb-num">图 2</span>' in out and '<span class="wb-num">表 1</span>' in out


def test_the_contents_list_sections_with_their_blocks_right_under_the_header():
    out = navigation.apply(PAGE, INFO)
    assert out.index("</header>") + len("</header>") == out.index('<nav class="wb-toc"')
    toc = out[out.index('<nav class="wb-toc"'):out.index("</nav>")]
    links = re.findall(r'href="#([^"]+)"', toc)
    assert links == ["tbl-a", "sec-one", "fig-x", "tbl-b", "sec-two", "fig-y"]
    assert "One &amp; two" in toc and "title" not in links  # the page title is the header already


def test_only_blocks_with_data_get_a_download_button_and_every_block_a_citation():
    out = navigation.apply(PAGE, INFO)
    assert out.count('class="wb-download"') == 3 and 'data-for="tbl-a" data-file' not in out
    assert 'data-file="profile-qingdao-en-fig-x.csv"' in out
    assert out.count('<details class="wb-cite-this">') == 4


def test_a_citation_names_page_anchor_number_data_version_and_sources():
    _, blocks = navigation.outline(navigation.apply(PAGE, INFO))
    c = navigation.citation(blocks[1], INFO)
    assert c["text"] == ("Team (2026). Model profile: Qingdao, Figure 1: Stations. profile-qingdao-en.html#fig-x. "
                         "Data version abc123. Sources: s1, s2.")
    assert c["bibtex"].startswith("@misc{profile-qingdao-en-fig-x,") and "year = {2026}" in c["bibtex"]
    assert "howpublished = {profile-qingdao-en.html\\#fig-x}" in c["bibtex"]
    assert c["ris"].splitlines()[0] == "TY  - FIGURE" and "UR  - profile-qingdao-en.html#fig-x" in c["ris"]
    assert c["ris"].splitlines()[-1] == "ER  - "


def test_a_bibtex_title_with_special_characters_stays_one_field():
    b = navigation.Block("tbl-q", "table", [], "50% of {all} & more_", 0, 1)
    bib = navigation.citation(b, INFO)["bibtex"]
    title = bib.splitlines()[1]
    assert title.count("{") == title.count("}") == 1 and "50\\% of (all) \\& more\\_" in title


def test_a_page_without_headings_or_blocks_is_unchanged():
    page = '<header class="wb-header">H</header><p>text</p>'
    assert navigation.apply(page, INFO) == page


def test_applying_is_deterministic():
    assert navigation.apply(PAGE, INFO) == navigation.apply(PAGE, INFO)
