"""No dead code: every module-level function, class and UPPER_CASE constant in src/helpers is used somewhere.

ruff finds unused imports and variables inside a function; it cannot see a whole function nothing calls
(``quality.indicator_matrix`` sat unused, and could not even run, until issue 24). This test reads every
Python file and notebook of the project with :mod:`ast` and fails naming ``file:line: name`` for each
definition that nothing refers to.

A name counts as used when its own module refers to it (a call, a read, a string), or another file in
src/, tests/, benchmarks/ or notebooks/ imports it, reads it as an attribute (``module.name``) or names it in
a string (``getattr(module, "name")``, a subprocess's ``-c`` code, a doctest). The console scripts of
pyproject.toml count as used. A name used only by tests (a completeness check such as
``codebook.undescribed``) counts too: the test is its caller.
"""

from __future__ import annotations

import ast
import doctest
import json
import tomllib
from collections.abc import Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SEARCHED = ("src", "tests", "benchmarks", "notebooks")


def _code(path: Path) -> str:
    """A file's Python code; a notebook's code cells joined (IPython magics and shell lines left out)."""
    text = path.read_text(encoding="utf-8")
    if path.suffix != ".ipynb":
        return text
    cells = json.loads(text)["cells"]
    lines = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "code").splitlines()
    return "\n".join(line for line in lines if not line.lstrip().startswith(("%", "!")))


def _trees(code: str) -> Iterator[ast.AST]:
    """The syntax tree of ``code`` and of the code inside its strings (doctests, ``python -c`` programs)."""
    tree = ast.parse(code)
    yield tree
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Constant) and isinstance(node.value, str)):
            continue
        if ">>>" in node.value:
            candidate = "\n".join(e.source for e in doctest.DocTestParser().get_examples(node.value))
        elif "import " in node.value and "\n" not in node.value.strip():
            candidate = node.value  # a one-line program, such as `python -c "..."`
        else:
            continue
        try:
            yield from _trees(candidate)
        except (SyntaxError, ValueError):
            pass


def _references(code: str, own: bool) -> set[str]:
    """The names ``code`` refers to: imported names, attributes, strings; in the defining module, every read."""
    out: set[str] = set()
    for tree in _trees(code):
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute):
                out.add(node.attr)
            elif isinstance(node, ast.alias):
                out.add(node.name.rsplit(".", 1)[-1])
            elif isinstance(node, ast.Constant) and isinstance(node.value, str):
                out.add(node.value)
            elif own and isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load):
                out.add(node.id)
    return out


def _definitions(code: str) -> Iterator[tuple[str, int]]:
    """Module-level functions, classes and UPPER_CASE constants: (name, line)."""
    for node in ast.parse(code).body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            yield node.name, node.lineno
        elif isinstance(node, ast.Assign | ast.AnnAssign):
            for target in node.targets if isinstance(node, ast.Assign) else [node.target]:
                if isinstance(target, ast.Name) and target.id.isupper():
                    yield target.id, node.lineno


def unused(root: Path, package: str = "src") -> list[str]:
    """``file:line: name`` for every definition under ``root/package`` that nothing refers to."""
    files = [p for d in SEARCHED for p in sorted((root / d).rglob("*"))
             if p.suffix in (".py", ".ipynb") and ".ipynb_checkpoints" not in p.parts]
    code = {p: _code(p) for p in files}
    elsewhere = {p: _references(c, own=False) for p, c in code.items()}
    pyproject = root / "pyproject.toml"
    scripts = tomllib.loads(pyproject.read_text(encoding="utf-8")).get("project", {}).get("scripts", {}) \
        if pyproject.exists() else {}
    entry_points = {target.rsplit(":", 1)[-1] for target in scripts.values()}
    out = []
    for path in files:
        if path.suffix != ".py" or not path.is_relative_to(root / package):
            continue
        own = _references(code[path], own=True)
        for name, line in _definitions(code[path]):
            if name.startswith("__") or name in own or name in entry_points:
                continue
            if not any(name in refs for other, refs in elsewhere.items() if other != path):
                out.append(f"{path.relative_to(root)}:{line}: {name}")
    return out


def test_every_function_class_and_constant_in_src_is_used():
    dead = unused(REPO)
    assert dead == [], "nothing refers to these; remove them (or use them):\n" + "\n".join(dead)


def _project(tmp_path: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


def test_a_function_nothing_calls_is_named_with_its_file_and_line(tmp_path):
    root = _project(tmp_path, {
        "src/pkg/a.py": "def used():\n    pass\n\n\ndef dead():\n    pass\n\n\nLIMIT = 3\nOTHER = 4\n",
        "src/pkg/b.py": "from pkg.a import used\n\nprint(used(), a.LIMIT)\n",
    })
    assert unused(root) == ["src/pkg/a.py:5: dead", "src/pkg/a.py:10: OTHER"]


def test_a_bare_name_elsewhere_is_not_a_use_but_an_own_read_is(tmp_path):
    # b.py's local `dead` is another variable; a.py's own call of `helper` is a use
    root = _project(tmp_path, {
        "src/pkg/a.py": "def helper():\n    pass\n\n\ndef dead():\n    return helper()\n",
        "src/pkg/b.py": "dead = 1\nprint(dead)\n",
    })
    assert unused(root) == ["src/pkg/a.py:5: dead"]


def test_uses_in_notebooks_tests_strings_doctests_and_entry_points_count(tmp_path):
    notebook = {"cells": [{"cell_type": "code", "source": ["%matplotlib inline\n", "from pkg.a import in_notebook\n"]},
                          {"cell_type": "markdown", "source": ["in_markdown only"]}], "metadata": {}}
    root = _project(tmp_path, {
        "src/pkg/a.py": ('"""\n>>> in_doctest()\n"""\n\n\ndef in_doctest():\n    pass\n\n\ndef in_notebook():\n    pass\n\n\n'
                         "def in_test():\n    pass\n\n\ndef by_name():\n    pass\n\n\ndef in_code_string():\n    pass\n\n\n"
                         "def main():\n    pass\n\n\ndef in_markdown():\n    pass\n"),
        "src/pkg/b.py": 'import subprocess\nsubprocess.run(["python", "-c", "from pkg.a import in_code_string"])\n'
                        'getattr(object, "by_name")\n',
        "tests/test_a.py": "from pkg import a\n\n\ndef test():\n    a.in_test()\n",
        "notebooks/n.ipynb": json.dumps(notebook),
        "pyproject.toml": '[project.scripts]\ntool = "pkg.a:main"\n',
    })
    assert unused(root) == ["src/pkg/a.py:30: in_markdown"]
