"""What the build needs to know about a notebook before running it: its content key and its parameters.

The key covers what decides a report's HTML: the kernel, and each cell's type, source, tags and
attachments. Outputs, execution counts, cell ids and other metadata are left out, so a notebook saved
from JupyterLab with its outputs is not a change (nbstripout strips them for git; see the Makefile).

A report notebook needs exactly one cell tagged ``parameters`` (papermill puts the report's values
right after it) and that cell must set every parameter reports.yml passes. Without the tag papermill
puts the values at the top, the notebook's own defaults then override them, and the page comes out in
the wrong language; so the build refuses such a report instead of publishing it.

>>> nb = {"cells": [{"cell_type": "code", "source": "lang: str = 'zh'  # zh or en",
...                  "metadata": {"tags": ["parameters"]}, "outputs": [], "execution_count": None}]}
>>> info = read_notebook("notebooks/x.ipynb", json.dumps(nb).encode())
>>> info.parameters, info.problem
(['lang'], None)
>>> info.parameter_problem({"lang": "en", "model_id": "qingdao"})
'notebooks/x.ipynb: reports.yml passes model_id, which its parameters cell does not set (it sets: lang)'
"""

from __future__ import annotations

import ast
import json
from dataclasses import dataclass

PARAMETERS_TAG = "parameters"


@dataclass(frozen=True)
class NotebookInfo:
    path: str  # as reports.yml names it, for messages
    content: bytes  # canonical JSON of what the key covers
    parameters: list | None  # names the parameters cell sets (None: no usable parameters cell)
    problem: str | None  # why no report of this notebook can be built, or None

    def parameter_problem(self, given: dict) -> str | None:
        """Why this notebook cannot run with the report parameters ``given`` (or None when it can)."""
        if self.problem:
            return self.problem
        missing = [k for k in given if k not in self.parameters]
        if not missing:
            return None
        sets = ", ".join(self.parameters) or "nothing"
        return (f"{self.path}: reports.yml passes {', '.join(missing)}, which its parameters cell does not "
                f"set (it sets: {sets})")


def _text(source) -> str:
    return "".join(source) if isinstance(source, list) else str(source or "")


def content_key(nb: dict) -> bytes:
    """Canonical bytes of the parts of ``nb`` that decide its report (no outputs, counts, ids)."""
    kernel = (nb.get("metadata") or {}).get("kernelspec") or {}
    cells = []
    for cell in nb.get("cells") or []:
        if not isinstance(cell, dict):
            cells.append(repr(cell))
            continue
        meta = cell.get("metadata") or {}
        cells.append({"type": cell.get("cell_type"), "source": _text(cell.get("source")),
                      "tags": meta.get("tags") or [], "attachments": cell.get("attachments") or {}})
    doc = {"kernel": kernel.get("name"), "cells": cells}
    return json.dumps(doc, sort_keys=True, ensure_ascii=False).encode("utf-8")


def assigned_names(source: str) -> list[str]:
    """Top-level names a parameters cell assigns, in order.

    >>> assigned_names("lang: str = 'zh'  # zh or en\\nmodel_ids: list = ['a', 'b']\\nx = y = 1")
    ['lang', 'model_ids', 'x', 'y']
    """
    names = []
    for node in ast.parse(source).body:
        targets = node.targets if isinstance(node, ast.Assign) else \
            [node.target] if isinstance(node, ast.AnnAssign) else []
        for t in targets:
            for n in ast.walk(t):
                if isinstance(n, ast.Name) and n.id not in names:
                    names.append(n.id)
    return names


def read_notebook(path: str, data: bytes) -> NotebookInfo:
    """A :class:`NotebookInfo` from a notebook file's bytes (``path`` is only used in messages)."""
    try:
        nb = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as e:
        return NotebookInfo(path, data, None, f"{path}: not a readable notebook ({e})")
    if not isinstance(nb, dict) or not isinstance(nb.get("cells"), list):
        return NotebookInfo(path, data, None, f"{path}: not a readable notebook (no list of cells)")
    content = content_key(nb)
    tagged = [i for i, c in enumerate(nb["cells"], start=1) if isinstance(c, dict) and c.get("cell_type") == "code"
              and PARAMETERS_TAG in ((c.get("metadata") or {}).get("tags") or [])]
    if not tagged:
        return NotebookInfo(path, content, None,
                            f"{path}: no code cell is tagged 'parameters'; tag the cell that sets the "
                            f"parameters (papermill needs exactly one)")
    if len(tagged) > 1:
        cells = ", ".join(map(str, tagged))
        return NotebookInfo(path, content, None,
                            f"{path}: cells {cells} are all tagged 'parameters'; keep the tag on exactly one")
    source = _text(nb["cells"][tagged[0] - 1].get("source"))
    try:
        names = assigned_names(source)
    except SyntaxError as e:
        return NotebookInfo(path, content, None,
                            f"{path}: the parameters cell (cell {tagged[0]}) is not valid Python "
                            f"(line {e.lineno}: {e.msg})")
    return NotebookInfo(path, content, names, None)
