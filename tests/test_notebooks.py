"""The committed notebooks: stripped, thin, typed parameters, and they run (defaults and bad values)."""

from __future__ import annotations

import json
from pathlib import Path

import nbformat
import papermill as pm
import pytest

REPO = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((REPO / "notebooks").glob("*.ipynb"))
NAMES = [p.name for p in NOTEBOOKS]


def code_cells(path):
    return [c for c in nbformat.read(path, as_version=4).cells if c.cell_type == "code"]


def test_the_notebooks_are_numbered_and_named():
    assert NAMES == ["01_overview.ipynb", "02_dimension_comparison.ipynb", "03_three_models.ipynb",
                     "04_model_profile.ipynb", "05_statistics.ipynb", "06_data_quality.ipynb",
                     "07_provinces.ipynb"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=NAMES)
def test_committed_notebook_has_no_outputs(path):
    raw = json.loads(path.read_text(encoding="utf-8"))
    for cell in raw["cells"]:
        if cell["cell_type"] == "code":
            assert cell["outputs"] == [] and cell["execution_count"] is None, f"{path.name}: strip outputs"
    assert raw["metadata"]["kernelspec"]["name"] == "python3"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=NAMES)
def test_one_typed_and_described_parameters_cell_with_lang(path):
    tagged = [c for c in code_cells(path) if "parameters" in c.metadata.get("tags", [])]
    assert len(tagged) == 1
    params = pm.inspect_notebook(str(path))
    assert "lang" in params and params["lang"]["default"] == '"zh"'
    for name, p in params.items():
        assert p["inferred_type_name"] not in ("None", None), f"{path.name}: {name} has no type"
        assert p["help"], f"{path.name}: {name} has no comment"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=NAMES)
def test_notebook_is_thin(path):
    for cell in code_cells(path):
        src = "\n".join(line.split("#")[0] for line in cell.source.splitlines())  # code, not comments
        assert "def " not in src and "class " not in src, f"{path.name}: move functions to src/helpers"
        assert "import pandas" not in src and "read_csv" not in src and "data/" not in src
        assert len(src.splitlines()) <= 6


def test_no_code_cell_is_copied_between_notebooks():
    seen = {}
    for path in NOTEBOOKS:
        for cell in code_cells(path):
            if "parameters" in cell.metadata.get("tags", []) or len(cell.source.splitlines()) < 2:
                continue
            assert cell.source not in seen, f"{path.name} repeats a cell of {seen.get(cell.source)}"
            seen[cell.source] = path.name


def _run(path, tmp_path, **params):
    out = tmp_path / path.name
    pm.execute_notebook(str(path), str(out), parameters=params, cwd=str(REPO / "notebooks"), progress_bar=False,
                        request_save_on_cell_execute=False, kernel_name="python3")
    return nbformat.read(out, as_version=4)


def _html(nb) -> str:
    return "".join(o.get("data", {}).get("text/html", "") for c in nb.cells if c.cell_type == "code"
                   for o in c.get("outputs", []))


@pytest.mark.slow
@pytest.mark.parametrize("path", NOTEBOOKS, ids=NAMES)
def test_runs_top_to_bottom_with_defaults(path, tmp_path):
    nb = _run(path, tmp_path)
    html = _html(nb)
    assert "wb-sources" in html and "来源" in html  # the sources section, in Chinese by default
    errors = [o for c in nb.cells for o in c.get("outputs", []) if o.get("output_type") == "error"]
    assert errors == []
    streams = "".join(o.get("text", "") for c in nb.cells for o in c.get("outputs", []) if o.get("output_type") == "stream")
    assert "Glyph" not in streams


@pytest.mark.slow
@pytest.mark.parametrize("path,params,words", [
    (NOTEBOOKS[0], {"lang": "fr"}, ["lang='fr'", "zh, en"]),
    (NOTEBOOKS[1], {"dimension": "salaries"}, ["dimension='salaries'", "staffing, funding, outputs"]),
    (NOTEBOOKS[2], {"model_ids": ["qingdao", "atlantis"]}, ["model_ids", "'atlantis'", "hunan_he"]),
    (NOTEBOOKS[3], {"model_id": "atlantis"}, ["model_id='atlantis'", "qingdao"]),
    (NOTEBOOKS[6], {"indicator": "happiness"}, ["indicator='happiness'", "stations_township"]),
], ids=["lang", "dimension", "model_ids", "model_id", "indicator"])
def test_bad_parameter_fails_with_clear_error(path, params, words, tmp_path):
    with pytest.raises(pm.PapermillExecutionError) as e:
        _run(path, tmp_path, **params)
    assert e.value.ename == "ParameterError"
    for w in words:
        assert w in e.value.evalue
    # JupyterLab shows the error's traceback lines: one line naming the parameter, not a trip into helpers
    assert len(e.value.traceback) == 1 and e.value.evalue in e.value.traceback[0]
    assert "params.py" not in e.value.traceback[0] and "report.py" not in e.value.traceback[0]


def test_git_stores_a_notebook_saved_with_outputs_without_them(tmp_path):
    """The git filter `make setup` configures: JupyterLab's save (outputs, counts) never reaches a commit."""
    import shutil
    import subprocess
    import sys

    for name in ("Makefile", ".gitattributes"):
        shutil.copy(REPO / name, tmp_path / name)
    (tmp_path / ".venv" / "bin").mkdir(parents=True)
    shim = tmp_path / ".venv" / "bin" / "python"  # this test's Python, where .venv/bin/python would be
    shim.write_text(f'#!/bin/sh\nexec "{sys.executable}" "$@"\n', encoding="utf-8")
    shim.chmod(0o755)
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    subprocess.run(["make", "-s", "gitfilter"], cwd=tmp_path, check=True)
    committed = (REPO / "notebooks" / "01_overview.ipynb").read_text(encoding="utf-8")
    nb = json.loads(committed)
    for i, cell in enumerate(c for c in nb["cells"] if c["cell_type"] == "code"):
        cell.update(execution_count=i + 1, outputs=[{"output_type": "display_data", "metadata": {},
                                                     "data": {"text/html": [f"<p>输出 {i}</p>"]}}])
    (tmp_path / "01_overview.ipynb").write_text(json.dumps(nb, indent=1, ensure_ascii=False) + "\n",
                                                encoding="utf-8")
    subprocess.run([*git, "add", "01_overview.ipynb"], cwd=tmp_path, check=True)
    stored = subprocess.run(["git", "show", ":01_overview.ipynb"], cwd=tmp_path, check=True,
                            capture_output=True, text=True, encoding="utf-8").stdout
    assert stored == committed


@pytest.mark.slow
def test_papermill_python_api_runs_a_notebook_from_another_folder(tmp_path, monkeypatch):
    """The README's call: no cwd, run from a folder outside the project; the notebook finds its data."""
    monkeypatch.delenv("WORKBOOK_ROOT", raising=False)
    monkeypatch.chdir(tmp_path)
    pm.execute_notebook(str(NOTEBOOKS[0]), str(tmp_path / "out.ipynb"), parameters={"lang": "en"},
                        progress_bar=False, kernel_name="python3")
    html = _html(nbformat.read(tmp_path / "out.ipynb", as_version=4))
    assert "wb-sources" in html and "Sources" in html


def _makefile_extra_keys() -> str:
    import re

    text = (REPO / "Makefile").read_text(encoding="utf-8").replace("\\\n", " ")
    return " ".join(re.search(r"^NB_EXTRA_KEYS :=(.*)$", text, re.MULTILINE).group(1).split())


@pytest.mark.parametrize("path", NOTEBOOKS, ids=NAMES)
def test_a_notebook_saved_by_jupyterlab_cleans_to_the_committed_bytes(path, tmp_path):
    """What JupyterLab 4 writes on save (outputs, counts, the kernel's language_info, timing, a cell's hidden
    state, editable/deletable/trusted flags), through the Makefile's nbstripout filter, is the file as committed:
    saving in Lab leaves `git status` clean."""
    import subprocess
    import sys

    nb = json.loads(path.read_text(encoding="utf-8"))
    nb["metadata"]["language_info"] = {"codemirror_mode": {"name": "ipython", "version": 3},
                                       "file_extension": ".py", "mimetype": "text/x-python", "name": "python",
                                       "nbconvert_exporter": "python", "pygments_lexer": "ipython3",
                                       "version": "3.11.2"}
    for cell in nb["cells"]:
        cell["metadata"]["jupyter"] = {"source_hidden": False, "outputs_hidden": False}
        cell["metadata"]["editable"] = True
        cell["metadata"]["deletable"] = True
        if cell["cell_type"] == "code":
            cell["metadata"]["execution"] = {"iopub.execute_input": "2026-12-06T19:00:00.1Z"}
            cell["metadata"]["trusted"] = True
            cell["execution_count"] = 7
            cell["outputs"] = [{"output_type": "stream", "name": "stdout", "text": ["出力\n"]}]
    saved = json.dumps(nb, indent=1, ensure_ascii=False) + "\n"
    cleaned = subprocess.run([sys.executable, "-m", "nbstripout", "--keep-id", "--extra-keys", _makefile_extra_keys(),
                              "-t"], input=saved.encode("utf-8"), capture_output=True, check=True).stdout
    assert cleaned == path.read_bytes()
