"""The sources a page cites (helpers.pages.sources): caption links and the sources section."""

import pandas as pd

from helpers.pages.sources import anchor, caption_html, sources_section

SOURCES = pd.DataFrame({"source_id": ["s_a", "s_b"], "title": ["标题A", "Title <b>"], "outlet": ["中国社会报", ""],
                        "published": ["2023", ""], "url": ["https://example.org/a", ""], "note": ["", ""]})
FACTS = pd.DataFrame({"fact_id": ["s_a-01", "s_b-01"], "evidence": ["建成社工站138处", "<script>alert(1)</script>"]})


def test_caption_links_each_source_once_sorted():
    html = caption_html(["s_b", "s_a", "s_b"], "zh")
    assert html.startswith("来源: ")
    assert html.index("s_a") < html.index("s_b") and html.count('href="#src-s-b"') == 1


def test_sources_section_expands_to_title_outlet_date_url_and_evidence():
    html = sources_section({"s_a": {"s_a-01"}, "s_b": {"s_b-01"}}, SOURCES, FACTS, "en").html
    assert f'id="{anchor("s_a")}"' in html
    assert "标题A" in html and "中国社会报 · 2023" in html and 'href="https://example.org/a"' in html
    assert "建成社工站138处" in html
    assert "<script>" not in html and "Title &lt;b&gt;" in html


def test_sources_section_lists_only_cited_sources():
    html = sources_section({"s_a": set()}, SOURCES, FACTS, "en").html
    assert "s_a" in html and "s_b" not in html


BAD_URLS = ["javascript:alert(1)", " JavaScript:alert(1)", "data:text/html,<script>alert(1)</script>",
            "vbscript:msgbox(1)", "\tjavascript:alert(1)", "JAVASCRIPT:alert(1)"]


def test_case02_a_non_http_url_is_plain_text_never_a_link():
    for url in BAD_URLS:
        sources = SOURCES.assign(url=[url, "https://example.org/b"])
        html = sources_section({"s_a": set(), "s_b": set()}, sources, FACTS, "en").html
        assert html.count("<a ") == 1 and 'href="https://example.org/b"' in html, url
        assert "<script>" not in html


def test_sources_section_says_how_far_each_source_can_be_trusted():
    sources = SOURCES.assign(reliability=["official", "mirror"])
    html = sources_section({"s_a": set(), "s_b": set()}, sources, FACTS, "en").html
    assert "中国社会报 · 2023 · Source reliability: a government or party body&#x27;s own site or document<" in html
    assert "Source reliability: a copy on an unrelated site †" in html
    zh = sources_section({"s_b": set()}, sources, FACTS, "zh").html
    assert "来源可靠性: 无关网站转载 †" in zh
