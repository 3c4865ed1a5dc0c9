"""helpers.parameters: reports.yml declares each notebook parameter once; the notebooks' parameters cells (what
``papermill --help-notebook`` prints) repeat its help and type from there."""

from __future__ import annotations

import ast
import json

import pytest
from conftest import REPO

from helpers.parameters import Parameter, SpecError, cell_comment, cell_type, declared
from helpers.site.spec import load_reports


def parameters_cell(path) -> str:
    nb = json.loads(path.read_text(encoding="utf-8"))
    cell, = [c for c in nb["cells"] if "parameters" in c["metadata"].get("tags", [])]
    return "".join(cell["source"])


def cell_lines(source: str) -> dict[str, tuple[str, str]]:
    """name → (type annotation, comment) of each ``name: type = default  # comment`` line."""
    out = {}
    for line, node in zip(source.splitlines(), ast.parse(source).body):
        assert isinstance(node, ast.AnnAssign), line
        out[node.target.id] = (ast.unparse(node.annotation), line.split("#", 1)[1].strip() if "#" in line else "")
    return out


NOTEBOOKS = sorted({r.notebook for r in load_reports(REPO)})


@pytest.mark.parametrize("notebook", NOTEBOOKS)
def test_every_parameters_cell_says_what_reports_yml_declares(notebook):
    params = declared(REPO)
    lines = cell_lines(parameters_cell(REPO / notebook))
    for name, (annotation, comment) in lines.items():
        assert name in params, f"{notebook}: {name} is not declared in reports.yml"
        assert annotation == cell_type(params[name]), (notebook, name)
        assert comment == cell_comment(params[name]), (notebook, name)


def test_the_shipped_declarations_have_help_and_the_list_its_minimum():
    params = declared(REPO)
    assert all(p.help for p in params.values())
    assert params["model_ids"].list_of == "model_id" and params["model_ids"].minimum == 2
    assert cell_comment(params["model_ids"]) == "models to compare (2 or more ids)"
    assert cell_comment(params["model_id"]) == "model to profile (an id from data/raw/models.csv)"
    assert cell_comment(params["dimension"]) == 'dimension to compare: "staffing", "funding" or "outputs"'


def test_cell_comment_follows_the_declaration_not_a_fixed_text():
    one = Parameter("x", {}, {"a": {}}, help="pick")
    three = Parameter("x", {}, {"a": {}, "b": {}, "c": {}}, help="pick")
    assert cell_comment(one) == 'pick: "a"' and cell_comment(three) == 'pick: "a", "b" or "c"'
    assert cell_comment(Parameter("x", {}, None, list_of="y", minimum=3, help="several")) == \
        "several (3 or more ids)"
    assert cell_type(Parameter("x", {}, None, list_of="y")) == "list" and cell_type(one) == "str"


def test_a_project_without_reports_yml_is_one_clear_error(tmp_path):
    with pytest.raises(SpecError, match="reports.yml: not found in"):
        declared(tmp_path)
