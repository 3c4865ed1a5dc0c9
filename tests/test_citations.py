"""Every source as BibTeX, RIS and CSL-JSON, each read back by a parser we did not write it with:
pybtex and Pandoc for BibTeX, Pandoc for RIS, citeproc-py and Pandoc for CSL-JSON."""

from __future__ import annotations

import json

import pandas as pd
import pypandoc
import pytest

from helpers.data.citations import FILES, bibtex, csl, ris, write_citations

TRICKY = "佛山“两个100%”验收 & A_b {x} ~ #1 $5 ^ \\"
EXTRA = pd.DataFrame([
    {"source_id": "z_tricky", "title": TRICKY, "outlet": "南方日报 & 南方+", "published": "2022-11",
     "url": "https://example.org/a_b%20c?x=1&y=2", "language": "zh", "kind": "government_report",
     "note": 'a "quoted" note; 50% sure'},
    {"source_id": "z_en", "title": "Hunan He Plan stations", "outlet": "China Daily", "published": "",
     "url": "", "language": "en", "kind": "web_page", "note": ""},
    {"source_id": "z_journal", "title": "社会工作站研究", "outlet": "社会工作", "published": "2021-03-05",
     "url": "", "language": "zh", "kind": "journal", "note": ""},
])


@pytest.fixture
def sources(mini) -> pd.DataFrame:
    base = pd.read_csv(mini.raw_file("sources"), dtype=str, keep_default_na=False)
    return pd.concat([base, EXTRA], ignore_index=True)


def _pandoc(text: str, fmt: str) -> dict:
    return {item["id"]: item for item in json.loads(pypandoc.convert_text(text, "csljson", format=fmt))}


def test_bibtex_parses_back_with_pybtex_and_pandoc(sources):
    from pybtex.database import parse_string
    from pybtex.richtext import Text

    text = bibtex(sources)
    db = parse_string(text, "bibtex")
    assert sorted(db.entries) == sorted(sources["source_id"])
    assert db.entries["s_qd"].fields["title"] == "山东青岛:探索社会工作人才队伍建设新模式"  # Chinese stays Chinese
    tricky = db.entries["z_tricky"].fields["title"]
    assert Text.from_latex(tricky.split(" \\{")[0]).render_as("text") == "佛山“两个100%”验收 & A_b"
    assert r"\{x\}" in tricky and r"\$5" in tricky  # braces and dollars escaped, so the entry stays whole
    assert db.entries["s_qd"].type == "article" and db.entries["z_tricky"].type == "report"
    items = _pandoc(text, "biblatex")
    assert len(items) == len(sources)
    assert items["z_tricky"]["title"] == TRICKY and items["z_tricky"]["URL"] == EXTRA.loc[0, "url"]
    assert items["s_qd"]["type"] == "article-newspaper" and items["s_qd"]["container-title"] == "中国社会报"
    assert items["z_tricky"]["issued"] == {"date-parts": [[2022, 11]]}
    assert items["z_journal"]["type"] == "article-journal"


def test_ris_parses_back_with_pandoc(sources):
    text = ris(sources)
    assert not any(line.rstrip().endswith(".") and line[:-1].isdigit() for line in text.splitlines())
    assert text.count("\nER  - ") + text.startswith("ER  - ") == len(sources)
    items = _pandoc(text, "ris")
    assert sorted(items) == sorted(sources["source_id"])
    assert items["z_tricky"]["title"] == TRICKY and items["z_tricky"]["publisher"] == "南方日报 & 南方+"
    assert items["s_qd"]["type"] == "article-newspaper" and items["s_qd"]["container-title"] == "中国社会报"
    assert items["s_ref"]["URL"] == "https://example.org/codes"
    assert items["z_en"]["language"] == "en" and items["s_qd"]["language"] == "zh"


def test_csl_json_reads_in_citeproc_and_pandoc(sources, tmp_path):
    from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
    from citeproc.source.json import CiteProcJSON

    write_citations(sources, tmp_path)
    data = json.loads((tmp_path / FILES["csl"]).read_text(encoding="utf-8"))
    source = CiteProcJSON(data)
    assert sorted(source) == sorted(sources["source_id"])
    style = CitationStylesStyle("harvard-cite-them-right", validate=False)
    bib = CitationStylesBibliography(style, source, formatter.plain)
    bib.register(Citation([CitationItem("s_qd")]))
    assert "山东青岛:探索社会工作人才队伍建设新模式" in str(bib.bibliography()[0])
    items = _pandoc((tmp_path / FILES["csl"]).read_text(encoding="utf-8"), "csljson")
    assert len(items) == len(sources) and items["z_tricky"]["title"] == TRICKY
    assert items["z_journal"]["issued"] == {"date-parts": [[2021, 3, 5]]}


def test_fields_follow_each_sources_row(sources):
    by_id = {c["id"]: c for c in csl(sources)}
    assert by_id["s_ref"]["type"] == "dataset" and by_id["s_ref"]["publisher"] == "国家统计局"
    assert by_id["z_en"]["type"] == "webpage" and "issued" not in by_id["z_en"]  # no date: none invented
    assert by_id["z_tricky"]["annote"] == 'a "quoted" note; 50% sure'
    assert "accessed" not in by_id["s_qd"] and "urldate" not in bibtex(sources) and "Y2  -" not in ris(sources)


def test_accessed_date_is_used_where_the_sources_table_has_one(sources):
    with_date = sources.assign(accessed=["2024-05-01"] + [""] * (len(sources) - 1))
    first = min(with_date["source_id"])
    assert with_date.loc[0, "source_id"] == first
    assert {c["id"]: c for c in csl(with_date)}[first]["accessed"] == {"date-parts": [[2024, 5, 1]]}
    assert bibtex(with_date).count("urldate = {2024-05-01}") == 1
    assert ris(with_date).count("Y2  - 2024/05/01") == 1


def test_writing_twice_gives_identical_bytes_whatever_the_row_order(sources, tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir(), b.mkdir()
    write_citations(sources, a)
    write_citations(sources.iloc[::-1], b)
    for name in FILES.values():
        assert (a / name).read_bytes() == (b / name).read_bytes(), name



@pytest.mark.parametrize("url", ["javascript:alert(1)", " JavaScript:alert(1)", "data:text/html,x",
                                 "vbscript:msgbox(1)"])
def test_case02_a_non_http_url_is_never_a_url_field(sources, url):
    bad = sources.assign(url=[url] * len(sources))
    assert "url" not in bibtex(bad).lower().replace("urldate", "")
    assert all("urls" not in r and "UR  -" not in r for r in ris(bad).split("ER  -"))
    assert all("URL" not in item for item in csl(bad))
    good = csl(sources)  # an http(s) URL stays a link
    assert any(item.get("URL", "").startswith("https://") for item in good)
