"""Plausible ranges by unit (helpers.data.checks_range): warnings, never errors."""

from __future__ import annotations

from conftest import edit_cell

from helpers.cli import main
from helpers.data.check import run_check
from helpers.data.checks_range import range_warnings


def test_case19_implausible_figures_are_warned_about_not_refused(mini, capsys):
    edit_cell(mini, "facts", 2, "value_text", "1" + "0" * 39 + "处")
    edit_cell(mini, "facts", 2, "value", "1" + "0" * 39)
    edit_cell(mini, "facts", 2, "value_low", "1" + "0" * 39)
    edit_cell(mini, "facts", 2, "value_high", "1" + "0" * 39)
    edit_cell(mini, "facts", 2, "evidence", "青岛市建设镇街社工站" + "1" + "0" * 39 + "处")
    # 300多人 in Qingdao (10071722 people): plausible; 30000000 persons is not
    edit_cell(mini, "facts", 3, "value_text", "3000万多人")
    edit_cell(mini, "facts", 3, "value", "30000000")
    edit_cell(mini, "facts", 3, "value_low", "30000000")
    edit_cell(mini, "facts", 3, "evidence", "建立起3000万多人的社工站专业社工队伍")
    tables, problems = run_check(mini)
    assert problems == []
    warned = {(w.row, w.column): w.message for w in range_warnings(tables)}
    assert set(warned) == {(2, "value"), (3, "value")}
    assert "more than 15 digits" in warned[2, "value"]
    assert "more than the 10071722 people of 370200" in warned[3, "value"]
    assert main(["--root", str(mini.root), "check"]) == 0  # warnings, exit 0
    err = capsys.readouterr().err
    assert "data/raw/facts.csv:3:value: warning: 30000000 persons is more than the 10071722 people" in err


def test_case19_plausible_figures_and_unbounded_places_are_not_warned_about(mini):
    tables, _ = run_check(mini)
    assert range_warnings(tables) == []
    tables["regions"].loc[:, "population_2020"] = ""  # no population coded: no bound for persons
    tables["facts"].loc[1, "value"] = "30000000"
    assert range_warnings(tables) == []
