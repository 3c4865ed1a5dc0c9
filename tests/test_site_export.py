"""The HTML a reader gets: code hidden, offline, escaped header, same bytes for the same notebook."""

from __future__ import annotations

import base64
import uuid
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from helpers.site.export import Header, build_time, error_page, remote_references, render
from helpers.site.publish import index_html, write_atomic

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


def test_index_escapes_data_and_has_no_timestamp_of_its_own():
    entries = [{"id": "profile-x-zh", "title": HEADER.title, "html": "profile-x-zh.html", "has_html": True,
                "status": "ok", "display": [["模式", EVIL]], "built_at": "2024-01-01 00:00 UTC"},
               {"id": "b", "title": "B", "html": "b.html", "has_html": False, "status": "failed",
                "failed_html": "_failed/b.html", "display": []}]
    page = index_html("0123456789ab", entries)
    assert "<script>window.__pwned" not in page and page.count("&lt;script&gt;window.__pwned") == 2
    assert '<a href="profile-x-zh.html">' in page and '<a class="st-failed" href="_failed/b.html">' in page
    assert page == index_html("0123456789ab", entries)



def report_entry(rid, lang, notebook, group, params=None, status="ok", display=(), title=None):
    params = dict(params or {}, lang=lang)
    entry = {"id": rid, "title": title or rid, "notebook": notebook, "lang": lang, "parameters": params,
             "group": group, "html": f"{rid}.html", "has_html": status != "not-built", "status": status,
             "display": [list(d) for d in display], "built_at": "2024-01-01 00:00 UTC"}
    if status == "failed":
        entry.update(failed_html=f"_failed/{rid}.html", error="ValueError: boom (cell In [3])")
    return entry


OVERVIEW = {"zh": "总览", "en": "Overview"}
PROFILES = {"zh": "模式概况", "en": "Model profiles"}
STATS = {"zh": "统计分析", "en": "Statistics"}


def profile(model, name_en, lang, status="ok"):
    label = ("模式", f"{model}模式") if lang == "zh" else ("Model", name_en)
    return report_entry(f"profile-{model}-{lang}", lang, "nb/04_model_profile.ipynb", PROFILES,
                        {"model_id": model}, status, display=[label, ("语言", lang)],
                        title=f"模式概况：{model}" if lang == "zh" else f"Model profile: {name_en}")


def index_entries():
    return [report_entry("overview-zh", "zh", "nb/01_overview.ipynb", OVERVIEW),
            report_entry("overview-en", "en", "nb/01_overview.ipynb", OVERVIEW),
            profile("qingdao", "Qingdao model", "zh"), profile("qingdao", "Qingdao model", "en"),
            profile("alxa", "Alxa League studio", "zh", status="failed"),
            profile("alxa", "Alxa League studio", "en"),
            profile("chengdu", "Chengdu network", "zh"), profile("chengdu", "Chengdu network", "en"),
            report_entry("statistics-zh", "zh", "nb/05_statistics.ipynb", STATS),
            report_entry("statistics-en", "en", "nb/05_statistics.ipynb", STATS, status="not-built")]


def test_index_groups_by_kind_in_file_order_and_profiles_by_model_name():
    from helpers.site.publish import index_rows

    groups = index_rows(index_entries())
    assert [heading for heading, _ in groups] == [("总览", "Overview"), ("模式概况", "Model profiles"),
                                                 ("统计分析", "Statistics")]
    profiles = groups[1][1]
    assert [row["langs"]["en"]["id"] for row in profiles] == ["profile-alxa-en", "profile-chengdu-en",
                                                              "profile-qingdao-en"]
    page = index_html("0123456789ab", index_entries())
    assert page.index("总览 · ") < page.index("模式概况 · ") < page.index("统计分析 · ")
    assert page.index("profile-alxa-zh") < page.index("profile-chengdu-zh") < page.index("profile-qingdao-zh")


def test_both_languages_of_one_report_share_one_row():
    page = index_html("0123456789ab", index_entries())
    rows = [r for r in page.split("<tr") if "profile-qingdao" in r]
    assert len(rows) == 1
    row = rows[0]
    assert '<a href="profile-qingdao-zh.html">中文</a>' in row
    assert '<a href="profile-qingdao-en.html">English</a>' in row
    assert row.index("中文") < row.index("English")
    assert "模式概况：qingdao" in row and "Model profile: Qingdao model" in row
    assert page.count("<tr") == 5  # overview, three profiles, statistics


def test_failed_and_not_built_languages_are_marked_on_their_row():
    page = index_html("0123456789ab", index_entries())
    alxa = next(r for r in page.split("<tr") if "profile-alxa" in r)
    assert 'class="has-failed"' in alxa
    failed_link = ('<a class="st-failed" href="_failed/profile-alxa-zh.html" '
                   'title="ValueError: boom (cell In [3])">')
    assert failed_link in alxa
    assert "✗ 失败 / failed" in alxa and alxa.count("✗") == 1  # the English page built fine
    stats = next(r for r in page.split("<tr") if "statistics-en" in r)
    assert "(未生成 / not built)" in stats and '<a href="statistics-en.html">' not in stats
    assert "1 份失败 / failed" in page


def test_reports_without_a_group_are_listed_under_their_notebook():
    entries = [report_entry("x-zh", "zh", "notebooks/09_extra.ipynb", None),
               report_entry("x-en", "en", "notebooks/09_extra.ipynb", None)]
    page = index_html("0123456789ab", entries)
    assert "<h2>09_extra <span class=\"count\">(1)</span></h2>" in page


def test_index_is_offline_deterministic_and_has_a_filter_box():
    page = index_html("0123456789ab", index_entries())
    assert page == index_html("0123456789ab", index_entries())
    assert remote_references(page) == []
    assert '<input id="wb-filter" type="search" hidden' in page  # shown by the script, so no dead box
    assert page.count("<script>") == 1 and "wb-filter" in page.split("<script>")[1]


def test_build_time_follows_source_date_epoch():
    assert build_time({"SOURCE_DATE_EPOCH": "0"}) == "1970-01-01 00:00 UTC"
    assert build_time({}) != build_time({"SOURCE_DATE_EPOCH": "0"})


def test_write_atomic_replaces_and_leaves_no_temp_files(tmp_path):
    write_atomic(tmp_path / "r.html", "old")
    write_atomic(tmp_path / "r.html", "新")
    assert (tmp_path / "r.html").read_text(encoding="utf-8") == "新"
    assert [p.name for p in tmp_path.iterdir()] == ["r.html"]


def test_cjk_font_subset_is_embedded_and_cached(tmp_path):
    from helpers.site import fonts

    page = "<html><head><title>t</title></head><body><p>青岛社工站 Qingdao</p></body></html>"
    out = fonts.embed(page, tmp_path)
    assert out.count("@font-face") == 1 and "unicode-range" in out
    assert fonts.cjk_chars(page) == "".join(sorted("青岛社工站"))
    cached = list(tmp_path.glob("*.woff"))
    assert len(cached) == 1 and cached[0].read_bytes()[:4] == b"wOFF"
    assert fonts.embed(page, tmp_path) == out  # same page, same bytes, from the cache
    assert fonts.embed("<html><head></head><body>ascii only</body></html>", tmp_path).count("@font-face") == 0


def test_embedded_font_has_the_glyphs_used(tmp_path):
    import io

    from fontTools.ttLib import TTFont

    from helpers.site import fonts

    font = TTFont(io.BytesIO(fonts.cached_woff("社工站", tmp_path)))
    cmap = font.getBestCmap()
    assert all(ord(c) in cmap for c in "社工站") and ord("青") not in cmap


@pytest.mark.parametrize("damage", [b"garbage, not a font", "truncate"])
def test_a_damaged_font_cache_entry_is_rebuilt(tmp_path, damage):
    import base64
    import re

    from helpers.site import fonts

    page = "<html><head></head><body><p>社工站</p></body></html>"
    good = fonts.embed(page, tmp_path)
    (entry,) = tmp_path.glob("*.woff")
    entry.write_bytes(entry.read_bytes()[:500] if damage == "truncate" else damage)
    again = fonts.embed(page, tmp_path)
    assert again == good
    woff = base64.b64decode(re.search(r"base64,([A-Za-z0-9+/=]+)", again).group(1))
    assert fonts.is_woff(woff) and entry.read_bytes() == woff  # the cache entry was replaced


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


def test_the_notebook_font_block_is_left_out_of_reports_so_a_page_has_one_font():
    from IPython.display import HTML

    from helpers.site import fonts

    block = '<style id="wb-cjk-font-notebook">@font-face{font-family:"WB CJK"}</style>'
    nb = new_notebook(cells=[new_code_cell("r = report.start(lang)", outputs=[
        new_output("display_data", data={"text/html": HTML(block).data}, metadata={"wb-notebook-only": True}),
        new_output("display_data", data={"text/html": "<p>青岛</p>"})])])
    page = render(nb, Header(title="t", lang="zh"))
    assert "wb-cjk-font-notebook" not in page and "<p>青岛</p>" in page
    assert fonts.embed(page).count("@font-face") == 1
