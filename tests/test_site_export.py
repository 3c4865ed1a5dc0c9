"""The HTML a reader gets: code hidden, offline, escaped header, same bytes for the same notebook."""

from __future__ import annotations

import base64
import uuid
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from helpers.site.export import Header, build_time, error_page, remote_references, render

PNG = base64.b64encode(bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010802000000907753de"
    "0000000c4944415478da63f8cfc0000003010100c9fe92ef0000000049454e44ae426082")).decode()
EVIL = "<script>window.__pwned = 1</script>青岛"


def executed_notebook() -> nbformat.NotebookNode:
    """What papermill hands back: a parameters cell, an injected cell with a random id, outputs."""
    params = new_code_cell('lang = "zh"  # zh or en')
    params.metadata["tags"] = ["parameters"]
    injected = new_code_cell('# Parameters\nmodel_id = "\\u9752\\u5c9b"\n')
    injected.metadata["tags"] = ["injected-parameters"]
    injected["id"] = uuid.uuid4().hex
    plot = new_code_cell("SECRET_SOURCE_LINE = make_chart()", outputs=[
        new_output("display_data", data={"image/png": PNG, "text/plain": "<Figure>"}),
        new_output("stream", name="stdout", text=f"模式：{EVIL}\n")])
    intro = new_markdown_cell("Set `model_id` to any id: INSTRUCTIONS_FOR_LAB_USERS")
    intro.metadata["tags"] = ["notebook-only"]
    nb = new_notebook(cells=[intro, new_markdown_cell("# 社工站报告\n\n$x^2$ and an image"), params, injected,
                             plot])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    return nb


HEADER = Header(title=f"模式概况：{EVIL}", lang="zh", display=(("模式", EVIL), ("语言", "中文")),
                data_hash="0123456789ab", built_at="2024-01-01 00:00 UTC", report_id="profile-x-zh")


@pytest.fixture(scope="module")
def page() -> str:
    return render(executed_notebook(), HEADER)


def test_code_and_parameter_cells_are_hidden(page):
    assert "SECRET_SOURCE_LINE" not in page and "model_id" not in page and "\\u9752" not in page
    assert "社工站报告" in page  # markdown stays
    assert "INSTRUCTIONS_FOR_LAB_USERS" not in page  # cells tagged notebook-only do not


def test_no_resource_is_fetched_from_the_network(page):
    assert remote_references(page) == []
    assert "cdnjs" not in page and "<script src" not in page
    assert f'src="data:image/png;base64,{PNG}"' in page


def test_remote_reference_check_catches_what_it_should():
    assert remote_references('<link rel="stylesheet" href="https://x.org/a.css">')
    assert remote_references("<img alt=x src='//cdn.x.org/a.png'>")
    assert remote_references("<style>@font-face { src: url(https://x.org/f.woff) }</style>")
    assert not remote_references('<a href="https://example.org/source">source</a>')


def test_header_shows_title_parameters_version_and_time_escaped(page):
    assert "<title>模式概况：&lt;script&gt;window.__pwned = 1&lt;/script&gt;青岛</title>" in page
    assert "<dt>模式</dt><dd>&lt;script&gt;window.__pwned = 1&lt;/script&gt;青岛</dd>" in page
    assert "数据版本 0123456789ab · 生成时间 2024-01-01 00:00 UTC" in page
    assert "<script>window.__pwned" not in page  # not in the header, nor in the printed output
    assert '<html lang="zh">' in page


def test_same_notebook_gives_the_same_bytes_whatever_the_random_ids():
    assert render(executed_notebook(), HEADER) == render(executed_notebook(), HEADER)


def test_failure_page_shows_code_and_links_the_last_good_report():
    failed = Header(**{**HEADER.__dict__, "error": "ValueError: lang='fr' (cell In [3])"})
    page = render(executed_notebook(), failed, show_code=True)
    assert "SECRET_SOURCE_LINE" in page and "本次构建失败: ValueError: lang='fr' (cell In [3])" in page
    assert 'href="../profile-x-zh.html"' in page and 'href="../index.html"' in page
    bare = error_page(failed)
    assert "<title>" in bare and remote_references(bare) == [] and "<script>" not in bare


def test_build_time_follows_source_date_epoch():
    assert build_time({"SOURCE_DATE_EPOCH": "0"}) == "1970-01-01 00:00 UTC"
    assert build_time({}) != build_time({"SOURCE_DATE_EPOCH": "0"})


def test_make_clean_clears_the_build_caches(tmp_path):
    import shutil
    import subprocess

    shutil.copy(Path(__file__).resolve().parents[1] / "Makefile", tmp_path / "Makefile")
    files = ["data/raw/facts.csv", "data/processed/facts.parquet", "data/processed/_data_hash.txt",
             "reports/a.html", "reports/manifest.json", ".cache/fonts/x.woff"]
    for f in files:
        (tmp_path / f).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / f).write_text("x", encoding="utf-8")
    subprocess.run(["make", "-s", "clean"], cwd=tmp_path, check=True, capture_output=True)
    assert [f for f in files if (tmp_path / f).exists()] == ["data/raw/facts.csv"]
    assert not (tmp_path / ".cache").exists()


def test_the_notebook_font_block_is_left_out_of_reports_so_a_page_has_one_font(font_cache):
    from IPython.display import HTML

    from helpers import webfont as fonts

    block = '<style id="wb-cjk-font-notebook">@font-face{font-family:"WB CJK"}</style>'
    nb = new_notebook(cells=[new_code_cell("r = report.start(lang)", outputs=[
        new_output("display_data", data={"text/html": HTML(block).data}, metadata={"wb-notebook-only": True}),
        new_output("display_data", data={"text/html": "<p>青岛</p>"})])])
    page = render(nb, Header(title="t", lang="zh"))
    assert "wb-cjk-font-notebook" not in page and "<p>青岛</p>" in page
    assert fonts.embed(page, font_cache).count("@font-face") == 1


@pytest.mark.parametrize("value", ["abc", "1.5", "-1", " 17", "1e9", "99999999999999999999"])
def test_case08_a_bad_source_date_epoch_stops_the_build_at_once_in_one_line(mini, monkeypatch, capsys, value):
    from conftest import setup_project

    from helpers.cli import main

    project = setup_project(mini, processed=False)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", value)
    assert main(["--root", str(project.root), "build"]) == 2
    err = capsys.readouterr().err.strip()
    assert err == (f"workbook build: SOURCE_DATE_EPOCH={value!r} is not a whole number of seconds since "
                   "1970-01-01 UTC (e.g. 1700000000; or unset it)")
    assert not project.reports.exists() and not project.processed.exists()  # nothing ran, nothing was rebuilt
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert build_time() == "2023-11-14 22:13 UTC"
