"""The search corpus: one document per figure, table and section, anchored; cached by page hash; safe to
inline; the vendored library is there with its licence."""

from __future__ import annotations

import json

from helpers.site import search
from helpers.site.export import remote_references
from helpers.site.publish import index_html

PAGE = ('<header class="wb-header">All reports</header><nav class="wb-toc" id="contents">Contents Laixi</nav>'
        '<h1 id="title">Profile</h1><p>Intro text</p>'
        '<h2 id="sec-figures">Figures</h2><p>before</p>'
        '<figure class="wb-figure" data-wb-kind="table" data-wb-sources="s1" id="tbl-coverage">'
        '<figcaption><span class="wb-num">Table 1</span><b>Coverage</b></figcaption>'
        '<table><tr><td>Laixi</td><td>100%</td></tr></table>'
        '<script class="wb-data" data-for="tbl-coverage" type="text/csv">fact_id\nhidden-csv-word</script>'
        '<div class="wb-tools"><details class="wb-cite-this"><summary>Cite</summary>citeword</details></div>'
        '</figure><p>after</p><h2 id="sec-other">Other &amp; more</h2><p>莱西市</p>'
        '<footer class="wb-cite-footer">How to cite</footer>')


def test_each_section_and_block_is_a_document_with_its_anchor():
    docs = search.page_documents(PAGE, "profile-x-en", "Model profile", "en")
    assert [(d["id"], d["h"]) for d in docs] == [
        ("profile-x-en#title", "Profile"), ("profile-x-en#sec-figures", "Figures"),
        ("profile-x-en#sec-other", "Other & more"), ("profile-x-en#tbl-coverage", "Table 1 Coverage")]
    by = {d["a"]: d for d in docs}
    assert "Laixi" in by["tbl-coverage"]["x"] and "Laixi" not in by["sec-figures"]["x"]  # a cell is in its table
    assert by["sec-figures"]["x"] == "Figures before after"
    assert "莱西市" in by["sec-other"]["x"]
    assert all(d["t"] == "Model profile" and d["l"] == "en" and d["r"] == "profile-x-en" for d in docs)


def test_data_citations_contents_header_and_footer_are_not_searched():
    text = " ".join(d["x"] for d in search.page_documents(PAGE, "p", "P", "en"))
    for word in ("hidden-csv-word", "citeword", "Contents", "All reports", "How to cite"):
        assert word not in text, word


def test_documents_are_cached_by_page_hash_and_reused(tmp_path):
    reports, cache = tmp_path / "reports", tmp_path / "cache"
    reports.mkdir()
    (reports / "p-en.html").write_text(PAGE, encoding="utf-8")
    entry = {"id": "p-en", "html": "p-en.html", "title": "P", "lang": "en", "has_html": True, "sha256": "abc"}
    first = search.corpus(reports, [entry, {"id": "gone", "has_html": False}], cache)
    assert json.loads((cache / "abc.json").read_text(encoding="utf-8")) == first
    (reports / "p-en.html").write_text("<h2 id=\"sec-z\">Z</h2>", encoding="utf-8")
    assert search.corpus(reports, [entry], cache) == first  # same hash: the cache answers
    assert search.corpus(reports, [{**entry, "sha256": "new"}], cache)[0]["a"] == "sec-z"


def test_the_corpus_file_cannot_close_a_script_and_is_deterministic():
    js = search.corpus_js([{"id": "a", "x": "</script><script>alert(1)"}])
    assert "</script" not in js and js.startswith("window.workbookSearch = [")
    assert json.loads(js[len("window.workbookSearch = "):-2].replace("<\\/", "</"))[0]["x"].startswith("</script>")
    docs = search.page_documents(PAGE, "p", "P", "en")
    assert search.corpus_js(docs) == search.corpus_js(search.page_documents(PAGE, "p", "P", "en"))


def test_the_index_inlines_minisearch_with_its_licence_and_fetches_nothing(tmp_path):
    page = index_html("h", [])
    assert "MiniSearch 7.2.0 | Copyright 2022 Luca Ongaro" in page and "sourceMappingURL" not in page
    assert 'id="wb-search"' in page and remote_references(page) == []
    assert (search.VENDOR / "minisearch-LICENSE.txt").read_text(encoding="utf-8").startswith("Copyright 2022 Luca")


def test_write_corpus_writes_search_js(tmp_path):
    (tmp_path / "p-en.html").write_text(PAGE, encoding="utf-8")
    docs = search.write_corpus(tmp_path, [{"id": "p-en", "title": "P", "lang": "en", "has_html": True}])
    assert len(docs) == 4 and (tmp_path / search.CORPUS).read_text(encoding="utf-8").count('"id":') == 4
