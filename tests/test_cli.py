import subprocess
import sys

import pytest

from conftest import edit_cell
from helpers.cli import main


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
    r = subprocess.run([sys.executable, "-m", "helpers.cli", *args], capture_output=True, text=True)
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


def test_data_warns_when_stations_coverage_and_townships_disagree(tmp_path, capsys):
    import fixture_trust
    from conftest import write_tables

    project = write_tables(tmp_path, fixture_trust.raw_text())
    assert main(["--root", str(project.root), "data"]) == 0
    err = capsys.readouterr().err.strip().splitlines()
    assert err == ["workbook data: warning: data/processed/comparison.csv: gd stations ÷ coverage: 407 (gm-01) ÷ 100% "
                   "(gm2-01) implies 407 townships; regions.csv has 1,611 for 440000 (2020-12-31): they differ by 75%, "
                   "more than 15% (the two figures are about different phases); neither cell is ranked"]
    project = write_tables(tmp_path, fixture_trust.raw_text(fixture_trust.FACTS + fixture_trust.CURRENT_STATIONS))
    assert main(["--root", str(project.root), "data"]) == 0
    assert capsys.readouterr().err == ""
