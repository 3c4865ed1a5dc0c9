"""Which reports a build runs: content hashes, not timestamps; failures and edited pages are rebuilt."""

from __future__ import annotations

import hashlib
import json
import os

import pytest
from conftest import edit_cell

from helpers.data.processed import ensure_current
from helpers.site.plan import input_hashes, longest_first, plan
from helpers.site.publish import write_manifest
from helpers.site.spec import load_reports
from helpers.site.traces import tables_digest

SPEC = """
parameters:
  lang: {label: {zh: 语言, en: Language}, values: [zh, en]}
reports:
  - {id: 'a-{lang}', notebook: notebooks/a.ipynb, title: A, matrix: {lang: all}}
  - {id: b, notebook: notebooks/b.ipynb, title: B}
"""


def notebook(*cells, params='lang: str = "zh"  # zh or en') -> str:
    """A stripped notebook: a parameters cell setting ``params``, then code cells ``cells``."""
    nb = {"cells": [{"cell_type": "code", "execution_count": None, "id": "p", "metadata": {"tags": ["parameters"]},
                     "outputs": [], "source": params}]
          + [{"cell_type": "code", "execution_count": None, "id": f"c{i}", "metadata": {}, "outputs": [],
              "source": src} for i, src in enumerate(cells)],
          "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}},
          "nbformat": 4, "nbformat_minor": 5}
    return json.dumps(nb, indent=1)


@pytest.fixture
def project(mini):
    (mini.root / "reports.yml").write_text(SPEC, encoding="utf-8")
    (mini.root / "notebooks").mkdir()
    for name in ("a", "b"):
        (mini.root / "notebooks" / f"{name}.ipynb").write_text(notebook("print(1)"), encoding="utf-8")
    return mini


def pretend_built(project, status="ok", trace=None):
    """Write pages and a manifest as a successful build would, for the current inputs (``trace``: what each report
    read, by id; none recorded by default, as for a notebook that does not read through the accessor)."""
    ensure_current(project)
    steps, inputs, _ = plan(project, load_reports(project.root))
    entries = []
    project.reports.mkdir(exist_ok=True)
    for s in steps:
        page = f"<p>{s.report.id}</p>"
        (project.reports / f"{s.report.id}.html").write_text(page, encoding="utf-8")
        entries.append({"id": s.report.id, "key": s.key, "status": status,
                        "sha256": hashlib.sha256(page.encode()).hexdigest(),
                        "trace": (trace or {}).get(s.report.id), "verified": tables_digest(project.processed)})
    write_manifest(project.reports, inputs["data"], entries)


def to_build(project, **kw) -> dict[str, str]:
    ensure_current(project)  # as `workbook build` and `workbook list` do before planning
    steps, _, _ = plan(project, load_reports(project.root), **kw)
    return {s.report.id: s.reason for s in steps if s.due}


def test_new_then_up_to_date(project):
    assert to_build(project) == {"a-zh": "new", "a-en": "new", "b": "new"}
    pretend_built(project)
    assert to_build(project) == {}
    assert set(to_build(project, force=True)) == {"a-zh", "a-en", "b"}
    assert to_build(project, chosen={"b"}, force=True) == {"b": "forced"}


def test_each_input_invalidates_the_right_reports(project):
    pretend_built(project)
    (project.root / "notebooks" / "b.ipynb").write_text(notebook("print(2)"), encoding="utf-8")
    assert to_build(project) == {"b": "inputs changed"}
    pretend_built(project)
    (project.root / "reports.yml").write_text(SPEC.replace("title: B", "title: B2"), encoding="utf-8")
    assert to_build(project) == {"b": "inputs changed"}
    pretend_built(project)
    (project.root / "requirements.lock").write_text("pandas==3.0\n", encoding="utf-8")
    assert set(to_build(project)) == {"a-zh", "a-en", "b"}
    pretend_built(project)
    path = project.raw_file("sources")
    path.write_text(path.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert to_build(project) == {}  # data/raw/ changed, the processed tables did not: nothing to rebuild
    edit_cell(project, "facts", 2, "note", "a new note")
    assert set(to_build(project).values()) == {"data changed (no record of what it read)"}
    assert len(to_build(project)) == 3


def test_timestamps_alone_change_nothing(project):
    pretend_built(project)
    for p in [*project.raw.iterdir(), *(project.root / "notebooks").iterdir()]:
        os.utime(p, (1, 1))
    assert to_build(project) == {}


def test_src_helpers_of_the_project_is_hashed(project):
    before = input_hashes(project)["helpers"]
    (project.root / "src" / "helpers").mkdir(parents=True)
    (project.root / "src" / "helpers" / "x.py").write_text("X = 1\n", encoding="utf-8")
    after = input_hashes(project)["helpers"]
    (project.root / "src" / "helpers" / "x.py").write_text("X = 2\n", encoding="utf-8")
    assert len({before, after, input_hashes(project)["helpers"]}) == 3


def test_failed_edited_or_missing_pages_are_rebuilt(project):
    pretend_built(project, status="failed")
    assert set(to_build(project).values()) == {"failed last time"}
    pretend_built(project)
    (project.reports / "a-zh.html").write_text("edited", encoding="utf-8")
    (project.reports / "b.html").unlink()
    assert to_build(project) == {"a-zh": "html missing or edited", "b": "html missing or edited"}


def test_missing_notebook_and_unreadable_manifest(project):
    (project.root / "notebooks" / "b.ipynb").unlink()
    assert to_build(project)["b"] == "notebook notebooks/b.ipynb not found"
    project.reports.mkdir(exist_ok=True)
    (project.reports / "manifest.json").write_text("{not json", encoding="utf-8")
    assert to_build(project)["a-zh"] == "new"


def test_forcing_some_reports_leaves_the_others_up_to_date(mini):
    from conftest import setup_project

    from helpers.site.run import build_reports
    from helpers.site.spec import load_reports

    setup_project(mini)
    assert build_reports(mini, jobs=1).exit_code == 0
    build_reports(mini, ["profile-qingdao-zh"], jobs=1, force=True)
    steps, _, manifest = plan(mini, load_reports(mini.root))
    status = {e["id"]: e["status"] for e in manifest["reports"]}
    assert status == {"profile-qingdao-zh": "ok", "profile-qingdao-en": "up-to-date"}
    assert [s.reason for s in steps] == ["up to date", "up to date"]


def test_a_notebook_saved_with_outputs_is_not_a_change(project):
    pretend_built(project)
    path = project.root / "notebooks" / "a.ipynb"
    nb = json.loads(path.read_text(encoding="utf-8"))
    nb["cells"][1].update(execution_count=7, id="3f2a9c1e", outputs=[
        {"output_type": "stream", "name": "stdout", "text": ["1\n"]},
        {"output_type": "display_data", "data": {"text/html": "<b>表</b>"}, "metadata": {}}])
    nb["cells"][1]["metadata"] = {"execution": {"iopub.status.idle": "2024-05-01T10:00:00Z"}, "scrolled": True}
    nb["metadata"]["language_info"] = {"name": "python", "version": "3.11.7"}
    path.write_text(json.dumps(nb, indent=2), encoding="utf-8")  # JupyterLab's save: outputs, counts, ids
    assert to_build(project) == {}
    nb["cells"][1]["source"] = "print(2)"
    path.write_text(json.dumps(nb, indent=2), encoding="utf-8")
    assert to_build(project) == {"a-zh": "inputs changed", "a-en": "inputs changed"}
    nb["cells"][1]["source"] = "print(1)"
    nb["cells"][1]["metadata"]["tags"] = ["notebook-only"]  # tags change the report
    path.write_text(json.dumps(nb, indent=2), encoding="utf-8")
    assert to_build(project) == {"a-zh": "inputs changed", "a-en": "inputs changed"}


def test_shipped_notebooks_with_outputs_hash_like_the_stripped_ones():
    from conftest import REPO

    from helpers.site.notebook import read_notebook

    path = REPO / "notebooks" / "01_overview.ipynb"
    stripped = read_notebook("n", path.read_bytes())
    nb = json.loads(path.read_text(encoding="utf-8"))
    for i, cell in enumerate(c for c in nb["cells"] if c["cell_type"] == "code"):
        cell.update(execution_count=i + 1, outputs=[{"output_type": "display_data", "metadata": {},
                                                     "data": {"text/html": [f"<p>output {i}</p>"]}}])
    saved = read_notebook("n", json.dumps(nb, indent=1, ensure_ascii=False).encode())
    assert saved.content == stripped.content and saved.parameters == ["lang"]


@pytest.mark.parametrize("params_cell,tags,reason", [
    ('lang: str = "zh"', [], ("notebooks/a.ipynb: no code cell is tagged 'parameters'; tag the cell that "
                              "sets the parameters (papermill needs exactly one)")),
    ('lang: str = "zh"', ["parameters"], ("notebooks/a.ipynb: cells 1, 2 are all tagged 'parameters'; keep the "
                                          "tag on exactly one")),
    ('language: str = "zh"', None, ("notebooks/a.ipynb: reports.yml passes lang, which its parameters cell does "
                                    "not set (it sets: language)")),
    ('lang: str = "zh', None, ("notebooks/a.ipynb: the parameters cell (cell 1) is not valid Python (line 1: "
                               "unterminated string literal (detected at line 1))")),
])
def test_a_notebook_without_exactly_one_matching_parameters_cell_fails(project, params_cell, tags, reason):
    nb = json.loads(notebook('print("x")', params=params_cell))
    if tags is not None:
        nb["cells"][0]["metadata"]["tags"] = []
        nb["cells"][1]["metadata"]["tags"] = tags if tags else []
        if tags:
            nb["cells"][0]["metadata"]["tags"] = ["parameters"]
    (project.root / "notebooks" / "a.ipynb").write_text(json.dumps(nb), encoding="utf-8")
    steps, _, _ = plan(project, load_reports(project.root))
    bad = {s.report.id: (s.key, s.reason) for s in steps if s.report.id.startswith("a-")}
    assert bad == {"a-zh": (None, reason), "a-en": (None, reason)}


def test_reports_run_slowest_first_and_never_timed_ones_before_all(project):
    pretend_built(project)
    doc = json.loads((project.reports / "manifest.json").read_text(encoding="utf-8"))
    timed = {"a-zh": 1.5, "a-en": 4.0}  # b has no time: it runs first, then a-en, then a-zh
    write_manifest(project.reports, doc["data_hash"],
                   [{**e, "seconds": timed[e["id"]]} if e["id"] in timed else e for e in doc["reports"]])
    steps, _, _ = plan(project, load_reports(project.root), force=True)
    assert [s.report.id for s in steps] == ["a-zh", "a-en", "b"]  # reports.yml order
    assert [s.report.id for s in longest_first(steps)] == ["b", "a-en", "a-zh"]


def test_case10_citation_cff_is_a_build_input(project):
    (project.root / "CITATION.cff").write_text("title: Workbook\nversion: 1.0.0\n", encoding="utf-8")
    pretend_built(project)
    assert to_build(project) == {}
    (project.root / "CITATION.cff").write_text("title: Workbook\nversion: 1.1.0\n", encoding="utf-8")
    assert set(to_build(project).values()) == {"inputs changed"}  # a new version number: every page is out of date
    assert len(to_build(project)) == 3
    (project.root / "CITATION.cff").unlink()
    assert input_hashes(project)["citation"] == "none" and len(to_build(project)) == 3


def test_on_work_is_called_as_soon_as_a_report_is_known_to_be_due_and_never_when_none_is(project, monkeypatch):
    from helpers.data.load import read_folder
    from helpers.pages.access import Access
    from helpers.site.traces import Replayer

    events = []
    real = Replayer.changed
    monkeypatch.setattr(Replayer, "changed", lambda self, trace, verified=None: (
        events.append("replay"), real(self, trace, verified))[1])

    def due(**kw) -> set[str]:
        events.clear()
        ensure_current(project)
        steps, _, _ = plan(project, load_reports(project.root), on_work=lambda: events.append("work"), **kw)
        return {s.report.id for s in steps if s.due}

    def traces(whole_facts: set[str]) -> dict:
        ensure_current(project)
        tables = read_folder(project.processed, project.data_hash())
        out = {}
        for rid in ("a-zh", "a-en", "b"):
            access = Access(tables, trace_file="")
            access.rows("models", ["model_id"])
            if rid in whole_facts:
                access.rows("facts")
            out[rid] = access.trace
        return out

    assert due() == {"a-zh", "a-en", "b"} and events == ["work"]  # new reports: known before any replay
    pretend_built(project, trace=traces(set()))
    assert due() == set() and events == []  # nothing changed: nothing replayed, no zygote
    assert due(chosen={"b"}, force=True) == {"b"} and events == ["work"]
    edit_cell(project, "facts", 2, "note", "a new note")  # the facts table changed; the models read did not
    assert due() == set() and events == ["replay"] * 3  # replayed, found nothing due: no zygote
    pretend_built(project, trace=traces({"b"}))
    edit_cell(project, "facts", 2, "note", "another note")
    assert due() == {"b"} and events == ["replay"] * 3 + ["work"]  # during the replay, at b's whole facts read
    pretend_built(project, trace=traces(set()))
    (project.root / "notebooks" / "b.ipynb").write_text(notebook("print(2)"), encoding="utf-8")
    assert due(chosen={"a-zh", "a-en"}) == set() and events == []  # b is due but not chosen
    assert due(chosen={"b"}) == {"b"} and events == ["work"]
    pretend_built(project)  # no traces: any change to the tables makes every report due, known before the replay
    edit_cell(project, "facts", 2, "note", "a third note")
    assert due() == {"a-zh", "a-en", "b"} and events[0] == "work"
