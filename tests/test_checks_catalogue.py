"""The indicator catalogue's role columns in data/raw/indicators.csv: a bad cell, a position given twice, a panel
position a derived ratio already has, or an aspect role on a dimension without an aspect is one clear line naming
the file, row and column and what is allowed; a project without role columns is valid."""

import csv
import io

import pandas as pd
import pytest
from conftest import edit_cell

from helpers.data.check import run_check
from helpers.data.checks_catalogue import catalogue_problems
from helpers.vocabulary import INDICATOR_ROLES


def problems(project):
    return [str(p) for p in run_check(project)[1]]


def test_the_mini_project_with_roles_is_valid(mini):
    assert problems(mini) == []


def test_role_columns_may_be_left_out(mini):
    path = mini.raw_file("indicators")
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))
    out = io.StringIO()
    keep = [c for c in rows[0] if c not in INDICATOR_ROLES]
    w = csv.DictWriter(out, fieldnames=keep, lineterminator="\n", extrasaction="ignore")
    w.writeheader()
    w.writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")
    assert problems(mini) == []


@pytest.mark.parametrize("column,value,expected", [
    ("headline", "first", ("data/raw/indicators.csv:2:headline: must be a position on the page (1, 2, 3 ...) "
                           "or empty (got 'first')")),
    ("panel", "0", "data/raw/indicators.csv:2:panel: must be a position on the page (1, 2, 3 ...) or empty"),
    ("station_level", "yes", "data/raw/indicators.csv:2:station_level: must be one of: true (got 'yes')"),
    ("headline", "2", "data/raw/indicators.csv:3:headline: position 2 is also given to stations_township (row 2)"),
    ("panel", "3", "data/raw/indicators.csv:2:panel: position 3 is the derived ratio coverage_rate's"),
])
def test_a_bad_role_cell_is_one_line_with_file_row_column(mini, column, value, expected):
    edit_cell(mini, "indicators", 2, column, value)  # row 2: stations_township; row 3 has headline 2
    found = problems(mini)
    assert any(p.startswith(expected) for p in found), found


def test_a_target_only_dimension_has_no_aspect():
    ind = pd.DataFrame({"indicator": ["x"], "dimension": ["targets"], "side_by_side": ["1"]})
    (p,) = catalogue_problems({"indicators": ind})
    assert (p.row, p.column) == (2, "side_by_side") and "allowed dimensions: coverage, staffing" in p.message


def test_positions_in_different_roles_do_not_collide():
    ind = pd.DataFrame({"indicator": ["a", "b"], "dimension": ["coverage", "coverage"], "headline": ["1", ""],
                        "profile": ["", "1"]})
    assert catalogue_problems({"indicators": ind}) == []
