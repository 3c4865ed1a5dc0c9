"""What the build publishes besides the pages (helpers.site.publish): the index page and atomic writes."""

from __future__ import annotations

from helpers.site.export import remote_references
from helpers.site.publish import index_html, write_atomic

EVIL = "<script>window.__pwned = 1</script>青岛"
TITLE = f"模式概况：{EVIL}"


def test_index_escapes_data_and_has_no_timestamp_of_its_own():
    entries = [{"id": "profile-x-zh", "title": TITLE, "html": "profile-x-zh.html", "has_html": True,
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
    listing = page[page.index('class="wb-group"'):]  # the rows, after the banner naming failed reports
    alxa = next(r for r in listing.split("<tr") if "profile-alxa" in r)
    assert 'class="has-failed"' in alxa
    failed_link = ('<a class="st-failed" href="_failed/profile-alxa-zh.html" '
                   'title="ValueError: boom (cell In [3])">')
    assert failed_link in alxa
    assert "✗ 失败 / failed" in alxa and alxa.count("✗") == 1  # the English page built fine
    stats = next(r for r in listing.split("<tr") if "statistics-en" in r)
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


def test_write_atomic_replaces_and_leaves_no_temp_files(tmp_path):
    write_atomic(tmp_path / "r.html", "old")
    write_atomic(tmp_path / "r.html", "新")
    assert (tmp_path / "r.html").read_text(encoding="utf-8") == "新"
    assert [p.name for p in tmp_path.iterdir()] == ["r.html"]


def test_case17_a_manifest_that_is_a_folder_is_named_not_its_temporary_file(mini, capsys, tmp_path):
    import pytest
    from conftest import setup_project

    from helpers.cli import main

    folder = tmp_path / "site"
    (folder / "manifest.json").mkdir(parents=True)
    with pytest.raises(OSError) as e:
        write_atomic(folder / "manifest.json", "{}")
    assert e.value.filename == str(folder / "manifest.json")
    assert [p.name for p in folder.iterdir()] == ["manifest.json"]  # no temporary file left
    project = setup_project(mini)
    (project.reports / "manifest.json").mkdir(parents=True)
    assert main(["--root", str(project.root), "build", "--jobs", "1"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert err[-1] == "workbook build: reports/manifest.json: Is a directory"
