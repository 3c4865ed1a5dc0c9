"""Cell rules beyond the schema (helpers.data.checks_cells): URLs, control characters, lengths."""

from __future__ import annotations

import pytest
from conftest import edit_cell

from helpers.cli import main
from helpers.data.check import run_check
from helpers.data.checks_cells import EXCEL_CELL, MAX_ID


def problems(project) -> list[str]:
    return [str(p) for p in run_check(project)[1]]


@pytest.mark.parametrize("url", ["javascript:alert(1)", " JavaScript:alert(1)", "data:text/html,x",
                                 "vbscript:msgbox(1)", "file:///etc/passwd", "ftp://example.org/x"])
def test_case02_check_refuses_urls_that_are_not_http(mini, url):
    edit_cell(mini, "sources", 3, "url", url)
    assert any(p.startswith("data/raw/sources.csv:3:url: ") and "not an http(s) URL" in p for p in problems(mini))


def test_case02_http_and_https_urls_pass(mini):
    edit_cell(mini, "sources", 2, "url", "HTTP://example.org/x?a=1&b=2")
    assert problems(mini) == []


@pytest.mark.parametrize("char", ["\x00", "\x07", "\x1b", "\x7f", "\x85"])
def test_case07_control_characters_are_refused_naming_file_row_and_column(mini, char, capsys):
    edit_cell(mini, "facts", 3, "note", f"a{char}b")
    assert f"data/raw/facts.csv:3:note: control character U+{ord(char):04X} at character 2" in " ".join(problems(mini))
    assert main(["--root", str(mini.root), "data"]) == 1  # no openpyxl traceback: the check stops it first
    err = capsys.readouterr().err
    assert "Traceback" not in err and "facts.csv:3:note" in err


def test_case07_newline_and_tab_only_where_the_column_is_prose(mini):
    edit_cell(mini, "facts", 3, "note", "line one\nline\ttwo")
    assert problems(mini) == []
    edit_cell(mini, "facts", 3, "unit", "persons\t")
    assert any(p.startswith("data/raw/facts.csv:3:unit: control character U+0009") for p in problems(mini))


def test_case05_ids_too_long_to_name_a_file_are_refused(mini):
    edit_cell(mini, "models", 2, "model_id", "q" * (MAX_ID + 1))
    found = problems(mini)
    assert f"data/raw/models.csv:2:model_id: id is {MAX_ID + 1} characters; at most {MAX_ID}" in " ".join(found)
    edit_cell(mini, "models", 2, "model_id", "q" * MAX_ID)
    assert not any("models.csv:2:model_id: id is" in p for p in problems(mini))


def test_case17_a_cell_longer_than_excel_keeps_is_refused(mini):
    edit_cell(mini, "facts", 2, "note", "长" * (EXCEL_CELL + 1))
    assert f"data/raw/facts.csv:2:note: is {EXCEL_CELL + 1} characters; a cell holds at most {EXCEL_CELL}" \
        in " ".join(problems(mini))
