"""Write small fixture notebooks into a test project (a parameters cell, then the given code cells)."""

from __future__ import annotations

import nbformat


def write_notebook(project, name: str, *cells: str, params: str = 'tag: str = "a"\nlang: str = "zh"'):
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    first = nbformat.v4.new_code_cell(params)
    first.metadata["tags"] = ["parameters"]
    nb.cells = [first, *(nbformat.v4.new_code_cell(c) for c in cells)]
    path = project.root / "notebooks" / name
    path.parent.mkdir(exist_ok=True)
    nbformat.write(nb, str(path))
    return path
