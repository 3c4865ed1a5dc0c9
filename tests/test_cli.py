import subprocess
import sys

import pytest
from conftest import edit_cell

from helpers.cli import main
from helpers.paths import RAW_TABLES


def test_check_ok_exit_0(mini, capsys):
    assert main(["--root", str(mini.root), "check"]) == 0
    assert "valid" in capsys.readouterr().out


def test_check_bad_data_exit_1_lines_on_stderr(mini, capsys):
    edit_cell(mini, "facts", 3, "value", "3000")
    assert main(["--root", str(mini.root), "check"]) == 1
    err = capsys.readouterr().err
    assert "data/raw/facts.csv:3:value: '300多人' means 300, not 3000" in err
    assert "Traceback" not in err


def test_data_writes_processed(mini, capsys):
    assert main(["--root", str(mini.root), "data"]) == 0
    assert (mini.processed / "workbook_data.xlsx").exists()


def test_root_found_upward_from_current_folder(mini, monkeypatch, capsys):
    sub = mini.root / "notebooks" / "deep"
    sub.mkdir(parents=True)
    monkeypatch.chdir(sub)
    assert main(["check"]) == 0


def test_bad_root_is_usage_error(tmp_path, capsys):
    assert main(["--root", str(tmp_path / "nowhere"), "check"]) == 2
    assert "no data/raw/" in capsys.readouterr().err


def test_unknown_command_exits_2(capsys):
    with pytest.raises(SystemExit) as e:
        main(["frobnicate"])
    assert e.value.code == 2


@pytest.mark.parametrize("args", [["--help"], ["check", "--help"], ["data", "--help"]])
def test_help_everywhere(args):
    r = subprocess.run([sys.executable, "-m", "helpers.cli", *args], capture_output=True, text=True, check=False)
    assert r.returncode == 0 and "usage:" in r.stdout


def test_workbook_root_names_the_project(mini, tmp_path_factory, monkeypatch, capsys):
    elsewhere = tmp_path_factory.mktemp("elsewhere")  # no data/raw/ here or above
    monkeypatch.chdir(elsewhere)
    monkeypatch.setenv("WORKBOOK_ROOT", str(mini.root))
    assert main(["check"]) == 0
    monkeypatch.setenv("WORKBOOK_ROOT", str(elsewhere))
    assert main(["check"]) == 2
    assert capsys.readouterr().err.strip().endswith(
        f"WORKBOOK_ROOT={elsewhere} has no data/raw/ folder (use --root PATH or set WORKBOOK_ROOT)")


def test_case01_extract_out_never_writes_into_data_raw_nor_over_a_file(mini, tmp_path, capsys, monkeypatch):
    article = tmp_path / "article.txt"
    article.write_text("2022年，青岛市建设镇街社工站138处，服务群众21万余人次。", encoding="utf-8")
    facts = mini.raw_file("facts").read_bytes()
    monkeypatch.chdir(mini.root)
    for out, force in (("data/raw/facts.csv", False), ("data/raw/facts.csv", True), ("data/raw/new.csv", False),
                       ("data/raw/../raw/drafts.csv", True), (str(mini.raw / "x.csv"), True)):
        code = main(["--root", str(mini.root), "extract", str(article), "--source-id", "s_qd", "--out", out,
                     *(["--force"] if force else [])])
        err = capsys.readouterr().err.strip()
        assert code == 2 and len(err.splitlines()) == 1 and "data/raw/ holds the hand-coded tables" in err, out
    assert mini.raw_file("facts").read_bytes() == facts
    assert sorted(p.name for p in mini.raw.iterdir()) == sorted(f"{t}.csv" for t in RAW_TABLES)
    drafts = tmp_path / "drafts.csv"
    drafts.write_text("mine\n", encoding="utf-8")
    assert main(["--root", str(mini.root), "extract", str(article), "--out", str(drafts)]) == 2
    assert "the file exists (add --force" in capsys.readouterr().err
    assert drafts.read_text(encoding="utf-8") == "mine\n"
    assert main(["--root", str(mini.root), "extract", str(article), "--out", str(drafts), "--force"]) == 0
    assert "138处" in drafts.read_text(encoding="utf-8")
    fresh = tmp_path / "fresh.csv"
    assert main(["--root", str(mini.root), "extract", str(article), "--out", str(fresh)]) == 0 and fresh.is_file()


def test_case11_check_validates_reports_yml_against_the_data(mini, capsys):
    from conftest import setup_project

    project = setup_project(mini, extra="  - {id: fixed, notebook: notebooks/ok.ipynb, title: T, "
                                         "parameters: {model_id: qingdao}}\n")
    assert main(["--root", str(project.root), "check"]) == 0
    capsys.readouterr()
    (project.root / "reports.yml").write_text(
        (project.root / "reports.yml").read_text(encoding="utf-8").replace("model_id: qingdao}", "model_id: tsingtao}"),
        encoding="utf-8")
    assert main(["--root", str(project.root), "check"]) == 1
    err = capsys.readouterr().err
    assert "reports.yml: reports[1] (fixed).parameters.model_id: model_id='tsingtao' is not allowed; allowed: qingdao" \
        in err and "problem(s) in reports.yml" in err and "Traceback" not in err
    (project.root / "reports.yml").write_text(
        (project.root / "reports.yml").read_text(encoding="utf-8").replace(
            "tsingtao}", "qingdao}").replace("notebooks/ok.ipynb, title: T", "notebooks/gone.ipynb, title: T"),
        encoding="utf-8")
    assert main(["--root", str(project.root), "check"]) == 1
    assert "reports.yml: notebook notebooks/gone.ipynb not found" in capsys.readouterr().err


def test_data_warns_when_stations_coverage_and_townships_disagree(tmp_path, capsys):
    import fixture_trust
    from conftest import write_tables

    project = write_tables(tmp_path, fixture_trust.raw_text())
    assert main(["--root", str(project.root), "data"]) == 0
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [("workbook data: warning: data/processed/comparison.csv: gd stations ÷ coverage: 407 (gm-01) ÷ 100% "
                    "(gm2-01) implies 407 townships; regions.csv has 1,611 for 440000 (2020-12-31): they differ by 75%, "
                    "more than 15% (the two figures are about different phases); neither cell is ranked")]
    project = write_tables(tmp_path, fixture_trust.raw_text(fixture_trust.FACTS + fixture_trust.CURRENT_STATIONS))
    assert main(["--root", str(project.root), "data"]) == 0
    assert capsys.readouterr().err == ""
