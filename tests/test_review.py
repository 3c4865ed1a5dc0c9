"""helpers.data.review: the --html review page (sentence highlighted, fields shown, everything escaped)."""

from __future__ import annotations

from helpers.cli import main
from helpers.data.review import review_html


def test_each_row_shows_its_sentence_highlighted_and_its_fields_escaped():
    rows = [{"fact_id": "s-01", "_sentence": "建成<script>alert(1)</script>站138个", "_start": 28, "_end": 32,
             "value_text": "138个", "indicator": "stations_township", "confidence": "low",
             "reason": "a & b", "region_code": "370200"}]
    page = review_html(rows, source="<a>.txt")
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert "<mark>138个</mark>" in page and "&lt;a&gt;.txt" in page and "a &amp; b" in page
    assert 'class="row low"' in page and "stations_township" in page and "370200" in page
    assert "http" not in page and "<link" not in page  # self-contained: nothing from the network


def test_extract_html_writes_the_page(mini, tmp_path, capsys):
    src = tmp_path / "a.txt"
    src.write_text("2023年，青岛市建设镇街社工站140处。\n", encoding="utf-8")
    out = tmp_path / "review.html"
    assert main(["--root", str(mini.root), "extract", str(src), "--html", str(out)]) == 0
    page = out.read_text(encoding="utf-8")
    assert "青岛市建设镇街社工站<mark>140处</mark>" in page and "qingdao" in page
    assert "draft-01" in capsys.readouterr().out  # the CSV still goes to stdout
