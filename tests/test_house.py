"""The house rule of issue 24: small modules with one job each. No module of src/helpers over 410 lines, no function
or method over 80 lines (decorators and docstring included, as :mod:`ast` counts them). The test reads every module
with :mod:`ast` and fails naming each ``file: N lines`` and ``file:line: name N lines`` over the limit."""

from __future__ import annotations

import ast
from pathlib import Path

HELPERS = Path(__file__).resolve().parents[1] / "src" / "helpers"
MAX_MODULE_LINES = 410
MAX_FUNCTION_LINES = 80


def _over(path: Path, root: Path = HELPERS.parent) -> list[str]:
    """The lines naming what in ``path`` (named relative to ``root``) is over the limits: the module itself, each
    function and method."""
    text = path.read_text(encoding="utf-8")
    rel = path.relative_to(root)
    out = []
    n = len(text.splitlines())
    if n > MAX_MODULE_LINES:
        out.append(f"{rel}: {n} lines (at most {MAX_MODULE_LINES})")
    for node in ast.walk(ast.parse(text, filename=str(path))):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            first = min([node.lineno] + [d.lineno for d in node.decorator_list])
            length = node.end_lineno - first + 1
            if length > MAX_FUNCTION_LINES:
                out.append(f"{rel}:{node.lineno}: {node.name} {length} lines (at most {MAX_FUNCTION_LINES})")
    return out


def test_over_counts_long_modules_and_functions(tmp_path):
    long_body = "\n".join(f"    x{i} = {i}" for i in range(MAX_FUNCTION_LINES))
    f = tmp_path / "m.py"
    f.write_text(f"def short():\n    return 1\n\n\n@staticmethod\ndef long():\n{long_body}\n", encoding="utf-8")
    assert _over(f, tmp_path) == [f"m.py:6: long {MAX_FUNCTION_LINES + 2} lines (at most {MAX_FUNCTION_LINES})"]
    f.write_text("x = 1\n" * MAX_MODULE_LINES, encoding="utf-8")
    assert _over(f, tmp_path) == []
    f.write_text("x = 1\n" * (MAX_MODULE_LINES + 1), encoding="utf-8")
    assert _over(f, tmp_path) == [f"m.py: {MAX_MODULE_LINES + 1} lines (at most {MAX_MODULE_LINES})"]


def test_no_module_or_function_over_the_limit():
    files = sorted(HELPERS.rglob("*.py"))
    assert len(files) > 50  # the package was found
    problems = [line for f in files for line in _over(f)]
    assert not problems, "over the house limits (issue 24):\n" + "\n".join(problems)
