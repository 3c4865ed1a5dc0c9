"""``workbook build`` end to end on fixture notebooks in a tiny project (real kernels, 2 workers)."""

from __future__ import annotations

import hashlib
import html
import json
import shutil
import subprocess
import sys

import pytest
from conftest import FIXTURE_NOTEBOOKS as NOTEBOOKS
from conftest import MINI, edit_cell, setup_project, write_tables

from helpers.cli import main
from helpers.paths import Project
from helpers.site.lock import build_lock

FAILING = """
  - {id: raises, notebook: notebooks/raises.ipynb, title: 出错的报告}
  - {id: bad-param, notebook: notebooks/bad_parameter.ipynb, title: 参数错误, parameters: {region: atlantis}}
"""


def build(project, *args) -> int:
    return main(["--root", str(project.root), "build", "--jobs", "2", *args])


def pages(project) -> dict[str, str]:
    return {p.relative_to(project.reports).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(project.reports.rglob("*.html"))}


def manifest(project) -> dict:
    return json.loads((project.reports / "manifest.json").read_text(encoding="utf-8"))


@pytest.fixture
def reproducible(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")


@pytest.fixture(scope="module")
def _first_build(tmp_path_factory):
    """The fixture project after its first build (reproducible: SOURCE_DATE_EPOCH set), built once per module."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOURCE_DATE_EPOCH", "1700000000")
        project = setup_project(write_tables(tmp_path_factory.mktemp("first-build"), MINI))
        assert build(project) == 0
    return project


@pytest.fixture
def first_build(_first_build, tmp_path, capsys):
    """A copy, in ``tmp_path``, of the fixture project as its first build left it (tests that build again on
    it change their copy only)."""
    shutil.copytree(_first_build.root, tmp_path / "project", symlinks=True)
    capsys.readouterr()
    return Project(tmp_path / "project")


@pytest.mark.slow  # several builds with kernels in a row; test-fast keeps the other build tests of this file
def test_failing_notebook_keeps_old_report_and_exits_1(mini, capsys, reproducible):
    project = setup_project(mini)
    assert build(project) == 0
    good = (project.reports / "profile-qingdao-zh.html").read_bytes()
    shutil.copy(NOTEBOOKS / "raises.ipynb", project.root / "notebooks" / "ok.ipynb")
    capsys.readouterr()

    assert build(project) == 1
    out, err = capsys.readouterr()
    assert (project.reports / "profile-qingdao-zh.html").read_bytes() == good
    failure_lines = [line for line in err.splitlines() if "FAILED" in line]
    assert failure_lines == [
        f"workbook build: FAILED profile-qingdao-{lang}: RuntimeError: 数据校验失败: deliberate failure in "
        f"a fixture (cell In [4]) (see reports/_failed/profile-qingdao-{lang}.html)" for lang in ("zh", "en")]
    assert "Traceback" not in err and "Kernel is running" not in err
    assert "0 built, 0 up to date, 2 failed" in out
    page = (project.reports / "_failed" / "profile-qingdao-zh.html").read_text(encoding="utf-8")
    assert "An Exception was encountered at" in page and "papermill-error-cell" in page  # papermill's banner
    assert "deliberate failure in a fixture" in page and "raise" in page  # the failing cell, shown
    entry = manifest(project)["reports"][0]
    assert (entry["status"], entry["failed_html"]) == ("failed", "_failed/profile-qingdao-zh.html")
    index = (project.reports / "index.html").read_text(encoding="utf-8")
    assert 'href="profile-qingdao-zh.html"' in index and 'href="_failed/profile-qingdao-zh.html"' in index

    shutil.copy(NOTEBOOKS / "ok.ipynb", project.root / "notebooks" / "ok.ipynb")
    assert build(project) == 0  # a failed report is retried; success removes its failure page
    assert not (project.reports / "_failed" / "profile-qingdao-zh.html").exists()


def test_index_and_manifest_list_every_report_and_failures_do_not_stop_others(mini, capsys):
    project = setup_project(mini, FAILING)
    assert build(project) == 1
    out, err = capsys.readouterr()
    ids = ["profile-qingdao-zh", "profile-qingdao-en", "raises", "bad-param"]
    doc = manifest(project)
    assert doc["data_hash"] == project.data_hash()
    assert [e["id"] for e in doc["reports"]] == ids
    assert [e["status"] for e in doc["reports"]] == ["ok", "ok", "failed", "failed"]
    for e in doc["reports"]:
        assert {"id", "title", "notebook", "parameters", "html", "status", "seconds", "error"} <= set(e)
    assert doc["reports"][0]["parameters"] == {"model_id": "qingdao", "lang": "zh"}
    assert doc["reports"][3]["error"] == ("ValueError: region='atlantis' is not allowed; allowed: qingdao "
                                          "(cell In [3])")
    index = (project.reports / "index.html").read_text(encoding="utf-8")
    for rid in ids:
        assert f'id="{rid}"' in index
    assert "模式概况：青岛模式" in index and "Model profile: Qingdao model" in index
    assert set(pages(project)) == {"index.html", "changes.html", "profile-qingdao-zh.html", "profile-qingdao-en.html",
                                   "_failed/raises.html", "_failed/bad-param.html"}
    assert len([line for line in err.splitlines() if line.startswith("workbook build: FAILED")]) == 2
    assert len([line for line in out.splitlines() if line.startswith("[")]) == 4  # a progress line each


def test_forced_builds_are_byte_identical_and_a_no_change_build_runs_nothing(first_build, capsys, reproducible,
                                                                              monkeypatch):
    project = first_build  # built once, in another folder
    first = pages(project)
    assert build(project, "--force") == 0
    assert pages(project) == first
    seconds = {e["id"]: e["seconds"] for e in manifest(project)["reports"]}
    assert all(s > 0 for s in seconds.values())
    html = (project.reports / "profile-qingdao-en.html").read_text(encoding="utf-8")
    assert "Built 2023-11-14 22:13 UTC" in html

    from helpers.site import pool

    def must_not_run(*a, **k):
        raise AssertionError("a no-change build executed a notebook")

    monkeypatch.setattr(pool, "run_jobs", must_not_run)
    capsys.readouterr()
    assert build(project) == 0
    out = capsys.readouterr().out
    assert "0 built, 2 up to date, 0 failed" in out
    assert pages(project) == first
    assert {e["status"] for e in manifest(project)["reports"]} == {"up-to-date"}
    # an up-to-date report keeps the seconds of its last build (the next forced build orders by them)
    assert {e["id"]: e["seconds"] for e in manifest(project)["reports"]} == seconds


@pytest.mark.slow  # several builds with kernels in a row, and data/processed/ rebuilt
def test_a_data_change_rebuilds_and_selection_builds_only_what_is_named(mini, capsys):
    project = setup_project(mini)
    assert build(project, "profile-*-en") == 0
    assert [e["status"] for e in manifest(project)["reports"]] == ["not-built", "ok"]
    edit_cell(project, "models", 2, "name_en", "Qingdao way")
    capsys.readouterr()
    assert build(project) == 0
    assert "2 built, 0 up to date" in capsys.readouterr().out
    assert "Qingdao way" in (project.reports / "profile-qingdao-en.html").read_text(encoding="utf-8")


def test_script_in_data_is_shown_as_text(mini):
    project = setup_project(mini)
    edit_cell(project, "models", 2, "name_zh", "<script>window.__pwned=1</script>青岛")
    assert build(project, "profile-qingdao-zh") == 0
    for name in ("profile-qingdao-zh.html", "index.html"):
        page = (project.reports / name).read_text(encoding="utf-8")
        assert "<script>window.__pwned" not in page
        assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;青岛" in page


def test_a_second_build_refuses_while_one_runs(mini, capsys):
    project = setup_project(mini)
    with build_lock(project.reports):
        assert build(project) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith("workbook build: another build of this project is running")
    assert "\n" not in err and "--wait" in err
    assert not (project.reports / "manifest.json").exists()


def test_usage_errors_exit_2(mini, capsys):
    project = setup_project(mini)
    assert build(project, "profile-nowhere-zh") == 2
    assert "no report matches 'profile-nowhere-zh'" in capsys.readouterr().err
    with pytest.raises(SystemExit) as e:
        build(project, "--jobs", "0")
    assert e.value.code == 2
    with pytest.raises(SystemExit) as e:
        main(["build", "--help"])
    assert e.value.code == 0
    assert "Exit codes: 0" in capsys.readouterr().out


def test_list_and_no_change_build_do_not_import_the_heavy_packages(first_build):
    project = first_build
    probe = ("import sys; from helpers.cli import main; codes = [main(['--root', sys.argv[1], c]) "
             "for c in ('list', 'build')]; heavy = sorted({m.split('.')[0] for m in sys.modules} & "
             "{'pandas', 'matplotlib', 'papermill', 'nbconvert', 'nbformat', 'numpy'}); print(codes, heavy)")
    done = subprocess.run([sys.executable, "-c", probe, str(project.root)], capture_output=True, text=True,
                          check=True)
    assert done.stdout.splitlines()[-1] == "[0, 0] []"


def test_bad_data_stops_the_build_before_any_report(mini, capsys):
    from conftest import edit_cell

    from helpers.cli import main

    (mini.root / "reports.yml").write_text("reports:\n  - {id: r, notebook: notebooks/x.ipynb, title: x}\n",
                                           encoding="utf-8")
    edit_cell(mini, "facts", 3, "value", "3000")
    assert main(["--root", str(mini.root), "build"]) == 1
    err = capsys.readouterr().err
    assert "data/raw/facts.csv:3:value:" in err and "no report was built" in err
    assert not (mini.reports / "index.html").exists()


def test_unwritable_reports_folder_is_one_line_naming_the_path(mini, capsys, monkeypatch):
    project = setup_project(mini)
    project.reports.write_text("not a folder", encoding="utf-8")  # reports/ cannot be created
    assert build(project) == 1
    err = capsys.readouterr().err
    assert err.strip().splitlines() == ["workbook build: reports: File exists"], err
    project.reports.unlink()

    import filelock

    def read_only(self, *a, **k):  # what a read-only reports/ does for a user who is not root
        raise PermissionError(13, "Permission denied", self.lock_file)

    monkeypatch.setattr(filelock.FileLock, "acquire", read_only)
    assert build(project) == 1
    err = capsys.readouterr().err
    assert err.strip().splitlines() == ["workbook build: reports/.site.lock: Permission denied"], err


@pytest.mark.parametrize("args,words", [
    (["--wait", "nan"], "argument --wait: expected a number of seconds, 0 or more, got 'nan'"),
    (["--wait", "-1"], "argument --wait: expected a number of seconds, 0 or more, got '-1'"),
    (["--jobs", "two"], "argument --jobs/-j: expected a whole number of at least 1, got 'two'"),
])
def test_bad_arguments_are_one_line_and_exit_2(mini, capsys, args, words):
    with pytest.raises(SystemExit) as e:
        main(["--root", str(mini.root), "build", *args])
    assert e.value.code == 2
    err = capsys.readouterr().err
    assert err.splitlines() == [f"workbook build: {words} (see workbook build --help)"]


@pytest.mark.slow  # several builds with kernels in a row
def test_truncated_manifest_and_damaged_processed_data_are_said_in_one_line(mini, capsys):
    project = setup_project(mini)
    assert build(project) == 0
    text = (project.reports / "manifest.json").read_text(encoding="utf-8")
    (project.reports / "manifest.json").write_text(text[: len(text) // 2], encoding="utf-8")
    (project.processed / "facts.parquet").write_bytes(b"PAR1 garbage")
    capsys.readouterr()
    assert build(project) == 0
    out, err = capsys.readouterr()
    warnings = [line for line in err.splitlines() if "manifest.json" in line]
    assert len(warnings) == 1 and warnings[0].startswith(
        "workbook build: warning: reports/manifest.json is not valid JSON (truncated or edited?")
    assert warnings[0].endswith("; every report will be rebuilt")
    assert ("workbook build: rebuilt data/processed/ from data/raw/ (data/processed/facts.parquet was "
            "changed or damaged after it was built)") in out
    assert "2 built, 0 up to date, 0 failed" in out


@pytest.mark.slow  # several builds with kernels in a row
def test_removing_a_report_from_reports_yml_says_which_pages_went(mini, capsys):
    project = setup_project(mini, "  - {id: extra, notebook: notebooks/ok.ipynb, title: 额外}\n")
    assert build(project) == 0
    assert (project.reports / "extra.html").exists()
    setup_project(mini)  # reports.yml without the extra report
    capsys.readouterr()
    assert main(["--root", str(project.root), "list"]) == 0
    out = capsys.readouterr().out
    assert "workbook list: the next build removes reports/extra.html (report 'extra' is no longer in reports.yml)" in out
    assert (project.reports / "extra.html").exists()  # list changes nothing
    assert build(project) == 0
    out, err = capsys.readouterr()
    assert not (project.reports / "extra.html").exists()
    assert err.splitlines() == ["workbook build: removed reports/extra.html (report 'extra' is no longer in reports.yml)"]
    assert "0 built, 2 up to date, 0 failed, 1 page(s) removed" in out


def test_list_with_a_pattern_reports_only_what_a_build_with_it_would_do(first_build, capsys, reproducible):
    # `workbook list 'profile-q*'` used to call every report the pattern left out an orphan page
    project = setup_project(first_build, "  - {id: extra, notebook: notebooks/ok.ipynb, title: 额外}\n")
    assert build(project) == 0  # builds the extra report; the profiles are up to date from the first build
    ids = [r["id"] for r in manifest(project)["reports"]]
    capsys.readouterr()
    assert main(["--root", str(project.root), "list", "extra"]) == 0
    out = capsys.readouterr().out
    assert "removes" not in out, out
    assert "1 report(s)" in out
    before = pages(project)
    assert build(project, "extra") == 0  # and a build with that pattern removes nothing either
    assert set(pages(project)) == set(before) and len(ids) == 3
    setup_project(project)  # now 'extra' really leaves reports.yml: a filtered list still says so
    capsys.readouterr()
    assert main(["--root", str(project.root), "list", "profile-*"]) == 0
    out = capsys.readouterr().out
    assert out.count("the next build removes") == 1 and "reports/extra.html" in out


def test_a_notebook_that_lost_its_parameters_tag_fails_and_keeps_the_last_good_page(first_build, capsys,
                                                                                    reproducible):
    project = first_build
    good = pages(project)
    shutil.copy(NOTEBOOKS / "no_parameters_tag.ipynb", project.root / "notebooks" / "ok.ipynb")
    capsys.readouterr()
    assert build(project) == 1  # before: exit 0 and an English header over the Chinese default body
    _out, err = capsys.readouterr()
    reason = ("notebooks/ok.ipynb: no code cell is tagged 'parameters'; tag the cell that sets the parameters "
              "(papermill needs exactly one)")
    assert [line for line in err.splitlines() if "FAILED" in line] == [
        f"workbook build: FAILED profile-qingdao-{lang}: {reason} (see reports/_failed/profile-qingdao-{lang}.html)"
        for lang in ("zh", "en")]
    now = pages(project)
    for lang in ("zh", "en"):
        assert now[f"profile-qingdao-{lang}.html"] == good[f"profile-qingdao-{lang}.html"]
        failed = (project.reports / "_failed" / f"profile-qingdao-{lang}.html").read_text(encoding="utf-8")
        assert html.escape(reason) in failed
    assert [e["status"] for e in manifest(project)["reports"]] == ["failed", "failed"]
