"""The index says which reports failed and which page each still shows; log lines carry the time."""

from __future__ import annotations

import re

from helpers.site.publish import index_html
from helpers.site.sitestate import failed_banner, stamp


def entry(rid, status, has_html=True, built_at="2026-12-01 02:17 UTC", title="总览"):
    return {"id": rid, "title": title, "status": status, "has_html": has_html, "built_at": built_at,
            "html": f"{rid}.html", "failed_html": f"_failed/{rid}.html", "lang": "zh", "notebook": "n.ipynb",
            "error": "ValueError: <bad>" if status == "failed" else None}


def test_no_banner_when_nothing_failed():
    assert failed_banner([entry("a", "ok"), entry("b", "up-to-date")]) == ""
    assert "wb-banner" not in index_html("h", [entry("a", "ok")]).split("</style>")[1]


def test_the_banner_names_each_failed_report_and_the_date_of_the_page_it_still_shows():
    b = failed_banner([entry("a", "ok"), entry("b-zh", "failed"), entry("c-en", "failed", has_html=False,
                                                                        built_at=None, title="<Profile>")])
    assert "2 份报告失败" in b and "failed for 2 report(s)" in b
    assert "b-zh" in b and "still shows the page built 2026-12-01 02:17 UTC" in b and 'href="b-zh.html"' in b
    assert "c-en" in b and "no page yet" in b and "&lt;Profile&gt;" in b and "<Profile>" not in b
    assert 'href="_failed/c-en.html"' in b and 'title="ValueError: &lt;bad&gt;"' in b
    assert ">a<" not in b and "<code>a</code>" not in b


def test_the_index_shows_the_banner_above_the_list():
    page = index_html("h", [entry("b-zh", "failed")])
    assert page.index('class="wb-banner"') < page.index('class="wb-group"')


def test_a_stamp_is_utc_iso_time():
    assert stamp(1700000000) == "2023-11-14T22:13:20Z"
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", stamp())
