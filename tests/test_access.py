"""The page layer's accessor (helpers.pages.access): every read recorded once with a hash of its result, and no other
way to the data: a notebook or a pages module that reads a file under data/ itself is caught."""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pandas as pd
import pytest
from conftest import REPO

from helpers.data.load import Tables
from helpers.data.processed import PROCESSED_TABLES
from helpers.pages import access
from helpers.pages.access import PENDING, Access, digest, page_version, run_call


def tables(**frames) -> Tables:
    empty = pd.DataFrame({"model_id": pd.Series([], dtype=object)})
    return Tables(**{n: frames.get(n, empty) for n in PROCESSED_TABLES}, data_hash="raw123")


FACTS = pd.DataFrame({"fact_id": ["a-1", "b-1", "a-2"], "model_id": ["a", "b", "a"], "value": [1.0, 2.0, 3.0]})


def count_rows(t, model_id):  # a query: a module-level function of the tables
    return len(t.facts[t.facts["model_id"] == model_id])


def test_rows_whole_tables_and_queries_are_recorded_once_each(tmp_path, monkeypatch):
    monkeypatch.setattr(count_rows, "__module__", "helpers.fake")  # queries must live in helpers
    a = Access(tables(facts=FACTS), trace_file=str(tmp_path / "t.jsonl"))
    assert list(a.rows("facts", model_id="a")["fact_id"]) == ["a-1", "a-2"]
    a.rows("facts", model_id=["a"])  # the same read: recorded once
    assert len(a.facts) == 3 and len(a.facts) == 3
    assert a.query(count_rows, "b") == 1
    assert [{k: v for k, v in c.items() if k != "hash"} for c in a.trace] == [
        {"table": "facts", "where": {"model_id": ["a"]}},
        {"table": "facts", "where": {}},
        {"query": "helpers.fake:count_rows", "args": ["b"], "kwargs": {}, "tables": ["facts"]}]  # the tables it read
    lines = [json.loads(x) for x in (tmp_path / "t.jsonl").read_text(encoding="utf-8").splitlines()]
    assert lines == a.trace  # the build reads the trace from this file


def test_the_recorded_hash_is_what_replay_computes_and_changes_with_the_rows_read():
    a = Access(tables(facts=FACTS), trace_file="")
    a.rows("facts", model_id="a")
    call = {k: v for k, v in a.trace[0].items() if k != "hash"}
    assert digest(run_call(tables(facts=FACTS), call)) == a.trace[0]["hash"]
    other_model_edited = FACTS.assign(value=[1.0, 9.0, 3.0])
    assert digest(run_call(tables(facts=other_model_edited), call)) == a.trace[0]["hash"]
    own_edited = FACTS.assign(value=[1.0, 2.0, 4.0])
    assert digest(run_call(tables(facts=own_edited), call)) != a.trace[0]["hash"]


def test_digest_sees_values_columns_and_types():
    base = digest(FACTS)
    assert digest(FACTS.copy()) == base
    assert digest(FACTS.rename(columns={"value": "v"})) != base
    assert digest(FACTS.astype({"value": "int64"})) != base
    assert digest(FACTS.iloc[[1, 0, 2]]) != base  # order is part of what a page shows
    assert digest({"x": [1, 2]}) != digest({"x": [2, 1]}) and digest({1, 2}) == digest({2, 1})


def test_only_module_level_helpers_functions_are_queries():
    a = Access(tables(facts=FACTS), trace_file="")
    with pytest.raises(ValueError, match="module-level function of helpers"):
        a.query(lambda t: 1)
    with pytest.raises(ValueError, match="module-level function of helpers"):
        a.query(count_rows, "a")  # a test module is not helpers


def test_a_page_states_pending_in_a_build_and_the_data_version_outside():
    assert Access(tables(), trace_file="/tmp/x.jsonl").data_hash == PENDING
    assert Access(tables(), trace_file="").data_hash == "raw123"


def test_page_version_depends_on_the_reads_and_their_answers_only():
    one = [{"table": "facts", "where": {"model_id": ["a"]}, "hash": "1"}]
    assert page_version(one) == page_version(json.loads(json.dumps(one)))
    assert page_version(one) != page_version([{**one[0], "hash": "2"}])


# -- no other way to the data -------------------------------------------------------------------------------

READ_CALLS = {"read_parquet", "read_csv", "read_excel", "read_json", "read_table", "read_feather", "read_text",
              "read_bytes", "open", "tables", "read_folder", "loadtxt", "genfromtxt", "raw_file", "snapshot"}
DATA_ATTRIBUTES = {"raw", "processed"}  # project.raw / "facts.csv" (a view function may be called raw())
# Reads that are not of data/: each with why it may stay.
ALLOWED = {
    ("helpers/pages/report.py", "start"): "load.tables: the tables the accessor wraps",
    ("helpers/pages/access.py", "_record"): "writes the report's trace for the build",
    ("helpers/pages/geo.py", "_read_geometries"): "map outlines shipped with the cnmaps package",
    ("helpers/pages/geo.py", "_cached"): "the simplified map outlines cached in .cache/geo/",
    ("helpers/pages/notebook_font.py", "project_chars"): "the CJK characters of data/raw/ for JupyterLab's font, "
                                                          "an output every page leaves out (wb-notebook-only)",
}


def direct_reads(source: str, name: str) -> list[str]:
    """Each place in ``source`` (a pages module or a notebook cell called ``name``) that reads a file or names a
    data folder itself: ``name:line: what``."""
    found = []
    tree = ast.parse(source)
    docstrings = {id(n.body[0].value) for n in ast.walk(tree) if isinstance(getattr(n, "body", None), list)
                  and n.body and isinstance(n.body[0], ast.Expr) and isinstance(n.body[0].value, ast.Constant)}
    called = {id(n.func) for n in ast.walk(tree) if isinstance(n, ast.Call)}

    def visit(node, function):
        for child in ast.iter_child_nodes(node):
            inner = child.name if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)) else function
            what = None
            if isinstance(child, ast.Call):
                f = child.func
                name_called = f.attr if isinstance(f, ast.Attribute) else getattr(f, "id", None)
                if name_called in READ_CALLS:
                    what = f"{name_called}()"
            elif isinstance(child, ast.Attribute) and child.attr in DATA_ATTRIBUTES and id(child) not in called:
                what = f".{child.attr}"
            elif (isinstance(child, ast.Constant) and isinstance(child.value, str)
                  and any(d in child.value for d in ("data/raw", "data/processed"))
                  and id(child) not in docstrings):
                what = repr(child.value[:40])
            if what and (name, function) not in ALLOWED:
                found.append(f"{name}:{child.lineno}: {what}" + (f" in {function}()" if function else ""))
            visit(child, inner)

    visit(tree, None)
    return found


def page_layer_sources():
    for path in sorted((REPO / "src" / "helpers" / "pages").rglob("*.py")):
        yield path.relative_to(REPO / "src").as_posix(), path.read_text(encoding="utf-8")
    for path in sorted((REPO / "notebooks").glob("*.ipynb")):
        nb = json.loads(path.read_text(encoding="utf-8"))
        code = [c for c in nb["cells"] if c["cell_type"] == "code"]
        for i, cell in enumerate(code):
            text = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
            yield f"notebooks/{path.name}[{i}]", "\n".join(x for x in text.splitlines() if not x.startswith(("%", "!")))


def test_notebooks_and_pages_modules_read_data_only_through_the_accessor():
    problems = [p for name, source in page_layer_sources() for p in direct_reads(source, name)]
    assert problems == []


@pytest.mark.parametrize("source", [
    "import pandas as pd\nf = pd.read_csv('data/raw/facts.csv')",
    "from helpers.paths import Project\ndef view(r):\n    return Project.find().processed / 'facts.parquet'",
    "from pathlib import Path\ndef view(r):\n    return Path('x.csv').read_text()",
    "from helpers.data import load\nt = load.tables()",
    "with open('../data/processed/facts.csv') as f:\n    pass",
])
def test_a_direct_read_from_a_page_module_is_caught(source):
    assert direct_reads(source, "helpers/pages/views/new.py")


def test_the_scan_leaves_docstrings_and_accessor_reads_alone():
    source = '"""Reads data/raw/models.csv through the accessor."""\ndef view(r):\n    return r.data.rows("facts")'
    assert direct_reads(source, "helpers/pages/views/new.py") == []
    assert access.TRACE_ENV == "WORKBOOK_TRACE" and Path(access.__file__).name == "access.py"
