"""helpers.data.required: 'is required' once per column, with the count of rows and what is allowed."""

from __future__ import annotations

from conftest import edit_cell

from helpers.data.check import run_check
from helpers.data.required import required_line, rule_for


def test_rules_name_the_vocabulary_the_referenced_table_or_the_free_text_rule():
    assert rule_for("facts", "scope") == "one of: whole, programme, phase, site, subset"
    assert rule_for("facts", "source_id") == "a source_id from data/raw/sources.csv"
    assert rule_for("facts", "counts_zh").startswith("what the figure counts")
    assert rule_for("models", "source_ids") == "source_ids from data/raw/sources.csv, |-separated"


def test_many_rows_are_shortened():
    line = required_line("facts", "period", list(range(2, 66)))
    assert line.startswith("is required: empty in 64 rows (2, 3, 4, 5, 6, 7, 8, 9, …); one of:")


def test_check_says_an_empty_required_column_once(mini):
    for row in (2, 3, 5):  # row 4 is a standard: its empty period is also said by the standard rule
        edit_cell(mini, "facts", row, "period", "")
    _, problems = run_check(mini)
    period = [str(p) for p in problems if p.column == "period"]
    assert period == [("data/raw/facts.csv:2:period: is required: empty in 3 rows (2, 3, 5); one of: cumulative, "
                      "annual, point_in_time, plan")]
