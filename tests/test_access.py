"""The page layer's accessor (helpers.pages.access): every read recorded once with a hash of its result, and no other
way to the data: a notebook or a pages module that reads a file under data/ itself is caught."""

from __future__ import annotations

import ast
import importlib
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
    ("helpers/pages/chart_cache.py", "kept"): "chart PNGs a build keeps in .cache/charts/, keyed by what they draw",
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


def test_a_repeated_query_is_computed_once_and_each_caller_gets_its_own_copy(monkeypatch):
    monkeypatch.setattr(first_rows, "__module__", "helpers.fake")
    calls.clear()
    a = Access(tables(facts=FACTS), trace_file="")
    got = a.query(first_rows, "a")
    got.loc[got.index[0], "value"] = -1.0  # a page changing what it got ...
    again = a.query(first_rows, "a")
    assert len(calls) == 1 and len(a.trace) == 1  # computed and recorded once
    assert list(again["value"]) == [1.0, 3.0]  # ... changes nothing the next caller gets
    assert digest(again) == a.trace[0]["hash"]


calls: list = []


def first_rows(t, model_id):  # a query that counts its calls
    calls.append(model_id)
    return t.facts[t.facts["model_id"] == model_id]


def test_digest_sees_the_index_the_kind_of_each_value_and_blanks():
    base = pd.DataFrame({"s": pd.array(["x", None], dtype="string[pyarrow]"), "o": [{"b", "a"}, [1, 2]]})
    assert digest(base) == digest(base.copy())
    assert digest(base.set_axis([5, 6])) != digest(base)
    assert digest(base.assign(s=pd.array(["x", ""], dtype="string[pyarrow]"))) != digest(base)  # None is not ""
    assert digest(base.assign(o=[{"a", "b"}, [1, 2]])) == digest(base)  # a set's order is not its value
    assert digest(base.assign(o=[{"a", "b"}, [2, 1]])) != digest(base)
    assert digest(pd.DataFrame({"v": ["1"]})) != digest(pd.DataFrame({"v": [1]})) != digest(pd.DataFrame({"v": [1.0]}))
    assert digest(pd.Series([1.0, float("nan")], name="v")) != digest(pd.Series([1.0, None], name="v", dtype=object))


def test_digest_sees_a_categorical_columns_categories_and_their_order():
    """A map's colours and legend follow the category order; a page reading it must be rebuilt when it changes."""
    col = pd.Series(["high", "low"], name="category")
    cat = col.astype(pd.CategoricalDtype(["high", "low"]))
    assert digest(cat) == digest(col.astype(pd.CategoricalDtype(["high", "low"])))
    assert digest(cat) != digest(col.astype(pd.CategoricalDtype(["low", "high"])))  # another order
    assert digest(cat) != digest(col.astype(pd.CategoricalDtype(["high", "low", "none"])))  # an unused category
    assert digest(cat) != digest(col.astype(pd.CategoricalDtype(["high", "low"], ordered=True)))
    assert digest(cat.to_frame()) != digest(col.astype(pd.CategoricalDtype(["low", "high"])).to_frame())


def test_digest_is_the_same_in_another_process_whatever_its_hash_seed():
    import os
    import subprocess
    import sys

    code = ("import pandas as pd; from helpers.pages.access import digest; "
            "print(digest(pd.DataFrame({'s': pd.array(['新', None], dtype='string[pyarrow]'), 'v': [1.5, float('nan')],"
            " 'o': [{'b', 'a', 'c'}, {'x': (1, 2)}]})))")
    here = digest(pd.DataFrame({"s": pd.array(["新", None], dtype="string[pyarrow]"), "v": [1.5, float("nan")],
                                "o": [{"b", "a", "c"}, {"x": (1, 2)}]}))
    for seed in ("1", "2"):
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                             env={**os.environ, "PYTHONHASHSEED": seed})
        assert out.stdout.strip() == here


def test_no_page_changes_a_result_the_queries_share(monkeypatch):
    """Every notebook that makes queries, run on one set of tables: afterwards every result the queries shared through the
    tables' cache digests as the same result worked out afresh, so no page or query changed one. (A page gets its own copy
    of a query's result from :meth:`Access.query`, tested above; this catches helper code changing a shared result.)"""
    import fixture_panel

    from helpers.pages import report

    shared = fixture_panel.tables()
    shown: list[str] = []
    monkeypatch.setattr(report, "start", lambda lang, root=None, **p: report.Report(shared, lang, **p))
    monkeypatch.setattr(report.Report, "show", lambda self, blocks: shown.extend(_html(b) for b in blocks))
    params = {"model_ids": ["prov", "city"], "model_id": "prov", "dimension": "staffing",
              "indicator": "stations_township", "lang": "en"}

    def run_all() -> list[str]:
        shown.clear()
        for path in sorted((REPO / "notebooks").glob("*.ipynb")):
            if path.stem == "05_statistics":  # makes no query (the fixture lacks the indicators it fits)
                continue
            cells = ["".join(c["source"]) for c in json.loads(path.read_text(encoding="utf-8"))["cells"]
                     if c["cell_type"] == "code"]
            names: dict = {"__name__": "__main__"}
            exec(cells[0], names)  # noqa: S102 (the notebook's own cells, as its kernel runs them)
            names.update({k: v for k, v in params.items() if k in names})
            for cell in cells[1:]:
                exec(cell, names)  # noqa: S102
        return list(shown)

    assert run_all()
    assert len(shared._cache) > 10, "the queries share nothing: this test would not see a change"
    for (name, *args), (kept, _) in shared._cache.items():  # each shared result as it is worked out afresh
        module, qualname = name.split(":")
        fn = importlib.import_module(module)
        for part in qualname.split("."):
            fn = getattr(fn, part)
        assert digest(kept) == digest(fixture_panel.tables().cached(fn, *args)), f"{name}{tuple(args)} was changed"


def _html(block) -> str:
    return block._repr_html_() if hasattr(block, "_repr_html_") else repr(block)
