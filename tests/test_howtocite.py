"""CITATION.cff is valid CFF 1.2.0, and every report can say how to cite the workbook in its language."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml
from conftest import REPO

from helpers.data import howtocite

HAN = re.compile(r"[\u4e00-\u9fff]")
LATIN_WORD = re.compile(r"[A-Za-z]{3,}")


def test_citation_cff_is_valid_cff_1_2_0():
    import jsonschema

    # The schema of the Citation File Format 1.2.0 (CC-BY-4.0, citation-file-format/citation-file-format).
    cff_schema = json.loads((Path(__file__).parent / "data" / "cff-1.2.0.schema.json").read_text(encoding="utf-8"))
    data = yaml.safe_load((REPO / "CITATION.cff").read_text(encoding="utf-8"))
    jsonschema.validate(data, cff_schema, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({k: v for k, v in data.items() if k != "authors"}, cff_schema)


def test_citation_reads_title_authors_and_version_from_the_repo():
    c = howtocite.load(REPO)
    assert c.version and c.authors and " · " in c.title


def test_chinese_citation_is_chinese_and_english_is_english():
    c = howtocite.load(REPO)
    zh = howtocite.citation_text(c, "zh", "abc123def456")
    en = howtocite.citation_text(c, "en", "abc123def456")
    assert HAN.search(zh) and not LATIN_WORD.search(zh.replace("abc123def456", ""))
    assert not HAN.search(en) and "data version abc123def456" in en and f"Version {c.version}" in en


def test_footer_escapes_and_is_empty_without_a_citation():
    c = howtocite.Citation(title="<script>x</script> · Work", authors=("A & B",), version="1")
    html = howtocite.footer_html(c, "en", "h1")
    assert "<script>" not in html and "A &amp; B" in html and "<h2>How to cite</h2>" in html
    assert howtocite.footer_html(None, "zh", "h1") == ""
    assert "<h2>如何引用</h2>" in howtocite.footer_html(c, "zh", "h1")


def test_a_broken_citation_file_is_named(tmp_path):
    (tmp_path / "CITATION.cff").write_text("title: [unclosed\n", encoding="utf-8")
    with pytest.raises(howtocite.CitationError, match="CITATION.cff"):
        howtocite.load(tmp_path)
    (tmp_path / "CITATION.cff").write_text("cff-version: 1.2.0\n", encoding="utf-8")
    with pytest.raises(howtocite.CitationError, match="needs a title"):
        howtocite.load(tmp_path)
    assert howtocite.load(tmp_path / "nowhere") is None


def test_readme_says_how_to_cite():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert "## How to cite" in readme and "CITATION.cff" in readme and "sources.bib" in readme


def test_case03_aliases_in_citation_cff_are_refused(tmp_path):
    from helpers.data.howtocite import CitationError, load

    (tmp_path / "CITATION.cff").write_text("a: &a [x, x]\nb: [*a, *a]\ntitle: T\n", encoding="utf-8")
    with pytest.raises(CitationError, match="anchors and aliases"):
        load(tmp_path)
