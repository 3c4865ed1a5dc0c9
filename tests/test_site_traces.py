"""Verifying traces (helpers.site.traces): a report is rebuilt when, and only when, something it read changed.

The fixture project has two models; qingdao has a county-level figure (市南区) that no other page shows. Traces are
recorded by running the real profile view in this process, as its kernel would, and kept in a manifest as a build
keeps them; then data/raw/ is edited and the plan says which reports are due, and why."""

from __future__ import annotations

import hashlib
import json
import shutil

import pytest
from conftest import MINI, edit_cell, write_tables

from helpers.data.processed import ensure_current
from helpers.paths import HASH_FILE, Project
from helpers.site.plan import plan
from helpers.site.publish import write_manifest
from helpers.site.spec import load_reports
from helpers.site.traces import Replayer, describe, read_trace, tables_digest

TWO_MODELS = {
    **MINI,
    "sources": MINI["sources"] + "s_jn,济南社工站建设,济南日报,2023,,zh,news,press,\n",
    "models": MINI["models"] + ("jinan,济南模式,Jinan model,济南,Jinan,370100,prefecture,2021,hybrid,county|township,,"
                                "济南的社工站。,Jinan's stations.,,,,,,,s_jn\n"),
    "regions": MINI["regions"] + ("370100,济南市,Jinan,prefecture,370000,9202432,s_ref,,,,s_ref,\n"
                                  "370202,市南区,Shinan,county,370200,,,,,,s_ref,\n"),
    "facts": MINI["facts"] + (
        "s_jn-01,jinan,370100,coverage,stations_township,150个,150,150,150,count,exact,reported,2022,point_in_time,"
        "whole,,镇街社工站,township stations,,,,,,,,s_jn,济南建成镇街社工站150个,\n"
        "s_qd-06,qingdao,370202,staffing,social_workers_stationed,20名,20,20,20,persons,exact,reported,2022,"
        "point_in_time,whole,,驻站社工,stationed social workers,,,,,,,,s_qd,市南区驻站社工20名,\n"),
}
FACT_ROW = {"s_qd-06": 8, "s_jn-01": 7}  # spreadsheet rows (header = 1) in facts.csv

SPEC = """
parameters:
  model_id: {label: {zh: 模式, en: Model}, values_from: {csv: data/raw/models.csv, column: model_id,
             label: {zh: name_zh, en: name_en}}}
  lang: {label: {zh: 语言, en: Language}, values: [zh, en]}
reports:
  - {id: 'profile-{model_id}', notebook: notebooks/profile.ipynb, title: P, parameters: {lang: en},
     matrix: {model_id: all}}
  - {id: everything, notebook: notebooks/all.ipynb, title: All, parameters: {lang: en}}
"""


def _notebook(params: str) -> str:
    cell = {"cell_type": "code", "execution_count": None, "id": "p", "metadata": {"tags": ["parameters"]},
            "outputs": [], "source": params}
    return json.dumps({"cells": [cell], "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3",
                                                                   "language": "python"}},
                       "nbformat": 4, "nbformat_minor": 5})


@pytest.fixture(scope="module")
def _pristine(tmp_path_factory):
    p = write_tables(tmp_path_factory.mktemp("two-models"), TWO_MODELS)
    (p.root / "reports.yml").write_text(SPEC, encoding="utf-8")
    (p.root / "notebooks").mkdir()
    (p.root / "notebooks" / "profile.ipynb").write_text(_notebook('model_id = "qingdao"\nlang = "en"'), "utf-8")
    (p.root / "notebooks" / "all.ipynb").write_text(_notebook('lang = "en"'), "utf-8")
    ensure_current(p)
    return p


@pytest.fixture
def project(_pristine, tmp_path):
    """The two-model project with data/processed/ built: a copy, in ``tmp_path``, of the one this module builds."""
    shutil.copytree(_pristine.root, tmp_path / "project")
    return Project(tmp_path / "project")


def profile_trace(project, model_id: str) -> list[dict]:
    """What notebooks/04_model_profile.ipynb reads for ``model_id``: its cells, run here."""
    from helpers.pages import report
    from helpers.pages.views import profile

    r = report.start("en", root=project.root, model_id=model_id)
    profile.title(r)
    profile.phases(r)
    profile.figures(r)
    profile.position(r)
    r.sources()
    return r.data.trace


def whole_trace(project) -> list[dict]:
    """A cross-model page that reads the whole facts table."""
    from helpers.pages import report

    r = report.start("en", root=project.root)
    r.data.facts  # noqa: B018 (the read is what is recorded)
    return r.data.trace


_TRACES: dict[str, dict[str, list[dict]]] = {}


def built(project) -> None:
    """A manifest and pages as a build of the current data would leave them, with each report's trace."""
    steps, inputs, _ = plan(project, load_reports(project.root))
    version = project.data_hash()  # the traces of one data version are recorded once (they read only the data)
    if version not in _TRACES:
        _TRACES[version] = {"profile-qingdao": profile_trace(project, "qingdao"),
                            "profile-jinan": profile_trace(project, "jinan"), "everything": whole_trace(project)}
    traces = _TRACES[version]
    project.reports.mkdir(exist_ok=True)
    entries = []
    for s in steps:
        page = f"<p>{s.report.id}</p>"
        (project.reports / f"{s.report.id}.html").write_text(page, encoding="utf-8")
        entries.append({"id": s.report.id, "key": s.key, "status": "ok", "trace": traces[s.report.id],
                        "sha256": hashlib.sha256(page.encode()).hexdigest(),
                        "verified": tables_digest(project.processed)})
    write_manifest(project.reports, inputs["data"], entries)


def due(project) -> dict[str, str]:
    ensure_current(project)
    steps, _, _ = plan(project, load_reports(project.root))
    return {s.report.id: s.reason for s in steps if s.due}


def test_an_edit_to_one_models_county_figure_rebuilds_its_profile_only(project):
    built(project)
    edit_cell(project, "facts", FACT_ROW["s_qd-06"], "value_text", "25名")
    edit_cell(project, "facts", FACT_ROW["s_qd-06"], "value", "25")
    edit_cell(project, "facts", FACT_ROW["s_qd-06"], "value_low", "25")
    edit_cell(project, "facts", FACT_ROW["s_qd-06"], "value_high", "25")
    edit_cell(project, "facts", FACT_ROW["s_qd-06"], "evidence", "市南区驻站社工25名")
    assert due(project) == {"profile-qingdao": "facts for model_id qingdao changed",
                            "everything": "facts changed"}  # jinan's profile shows nothing of it


def test_an_edit_to_a_figure_a_cross_model_chart_draws_rebuilds_every_page_showing_it(project):
    built(project)
    for column, value in (("value_text", "160个"), ("value", "160"), ("value_low", "160"), ("value_high", "160"),
                          ("evidence", "济南建成镇街社工站160个")):
        edit_cell(project, "facts", FACT_ROW["s_jn-01"], column, value)
    reasons = due(project)
    assert set(reasons) == {"profile-qingdao", "profile-jinan", "everything"}
    # qingdao's page shows jinan's headline figure in its "against the other models" chart
    assert reasons["profile-qingdao"] == "compare.model_rows(stations_township, en) changed"


def test_replay_on_unchanged_tables_is_current_and_a_raw_edit_that_changes_no_table_rebuilds_nothing(project):
    built(project)
    assert due(project) == {}
    path = project.raw_file("sources")
    path.write_text(path.read_text(encoding="utf-8") + "\n", encoding="utf-8")  # data/raw/ changed, no table did
    assert project.processed_problem() is not None and due(project) == {}


def test_replay_reads_each_distinct_call_once_and_says_which_changed(project):
    built(project)
    edit_cell(project, "facts", FACT_ROW["s_qd-06"], "note", "checked again")
    ensure_current(project)
    replay = Replayer(project.processed)
    jinan = profile_trace(project, "jinan")
    assert replay.changed(jinan) is None
    answers = len(replay._answers)
    assert replay.changed(jinan) is None and len(replay._answers) == answers  # asked once
    assert replay.changed([{**jinan[0], "hash": "0" * 16}]) == describe(jinan[0])
    assert replay.changed(None) == "no record of the data it read"


def test_a_trace_is_replayed_up_to_its_first_changed_read_only(project, monkeypatch):
    from helpers.pages import access

    built(project)
    edit_cell(project, "facts", FACT_ROW["s_qd-06"], "note", "checked again")
    ensure_current(project)
    jinan = profile_trace(project, "jinan")
    assert len(jinan) > 2
    ran = []
    real = access.run_call
    monkeypatch.setattr(access, "run_call", lambda tables, call: ran.append(access.call_key(call)) or real(tables, call))
    keys = [access.call_key(access.recorded_call(c)) for c in jinan]
    stale = [jinan[0], {**jinan[1], "hash": "0" * 16}, *jinan[2:]]  # its second read now gives another answer
    replay = Replayer(project.processed)
    assert replay.changed(stale) == describe(jinan[1])
    assert ran == keys[:2] and replay.replayed == 2  # the report is due: what it read after that is not worked out
    assert replay.changed(jinan) is None  # another report reading the rest: each read run once, the first two not again
    assert ran == keys and replay.replayed == len(keys)


@pytest.mark.parametrize("jobs", [1, 2])
def test_prepare_replays_whole_traces_in_processes_to_the_same_verdicts(project, monkeypatch, jobs):
    from helpers.pages import access
    from helpers.site import traces

    monkeypatch.setattr(traces, "MIN_CALLS_PER_JOB", 1)  # two replay processes even for a few calls
    monkeypatch.setattr(traces, "BATCH", 1)  # one trace at a time: both processes get some
    built(project)
    edit_cell(project, "facts", FACT_ROW["s_qd-06"], "note", "checked again")
    ensure_current(project)
    qingdao, jinan = profile_trace(project, "qingdao"), profile_trace(project, "jinan")
    stale = [jinan[0], {**jinan[1], "hash": "0" * 16}, *jinan[2:]]  # due at its second read
    pairs = [(qingdao, None), (stale, None), (jinan, None)]
    serial = Replayer(project.processed)
    expected = [serial.changed(t, v) for t, v in pairs]
    assert expected[0] is None and expected[1] == describe(jinan[1]) and expected[2] is None
    replay, due = Replayer(project.processed), []
    replay.prepare(pairs, jobs, on_due=due.append)
    assert due == ([1] if jobs == 2 else [])  # one process: changed() replays as it is asked
    ran = []
    real = access.run_call
    monkeypatch.setattr(access, "run_call", lambda tables, call: ran.append(1) or real(tables, call))
    assert [replay.changed(t, v) for t, v in pairs] == expected
    assert (ran == []) if jobs == 2 else ran  # every answer came from the processes
    assert replay.replayed == serial.replayed  # each distinct call once, however many processes


def test_a_plan_with_nothing_to_replay_imports_no_pandas(project):
    """A no-change build stays well under a second: with every trace verified on the tables there now, the plan
    neither replays nor imports pandas, whatever ``jobs`` is."""
    import subprocess
    import sys

    built(project)
    code = ("import sys\nfrom pathlib import Path\nfrom helpers.paths import Project\nfrom helpers.site.plan import plan\n"
            "from helpers.site.spec import load_reports\np = Project(Path(sys.argv[1]))\n"
            "steps, _, _ = plan(p, load_reports(p.root), jobs=2)\nassert not any(s.due for s in steps), 'due'\n"
            "assert 'pandas' not in sys.modules, 'pandas imported'\n")
    done = subprocess.run([sys.executable, "-c", code, str(project.root)], capture_output=True, text=True,
                          check=False)
    assert done.returncode == 0, done.stderr[-500:]


def test_a_note_only_edit_rebuilds_no_page_that_does_not_show_the_note(project):
    built(project)
    edit_cell(project, "facts", FACT_ROW["s_qd-06"], "note", "checked again")
    # the profiles read facts rows with the columns pages show (no note); only a whole-table read sees the edit
    assert due(project) == {"everything": "facts changed"}


def test_a_query_whose_tables_did_not_change_is_not_replayed(project, monkeypatch):
    from helpers.pages import access

    built(project)
    trace = profile_trace(project, "jinan")
    verified = tables_digest(project.processed)
    edit_cell(project, "sources", 3, "note", "checked again")  # the sources table changes, no other table does
    ensure_current(project)
    now = tables_digest(project.processed)
    assert {t for t in now if now[t] != verified[t]} == {"sources"}
    ran = []
    real = access.run_call
    monkeypatch.setattr(access, "run_call", lambda tables, call: ran.append(access.call_key(call)) or real(tables, call))
    replay = Replayer(project.processed)
    verdict = replay.changed(trace, verified)
    by_key = {access.call_key(access.recorded_call(c)): c for c in trace}
    skipped = [c for c in trace if "query" in c and "sources" not in c["tables"]]
    assert skipped and not {access.call_key(access.recorded_call(c)) for c in skipped} & set(ran)
    assert ran and all("sources" in access.tables_read(by_key[k]) for k in ran)  # only reads of the changed table
    assert replay.replayed == len(ran) < len(trace)
    everything = Replayer(project.processed)  # without the digests it was verified on: every call run, same verdict
    assert everything.changed(trace) == verdict and everything.replayed > replay.replayed


def test_a_query_records_every_table_it_read_even_through_a_shared_cached_result(project):
    from helpers.pages import report

    r = report.start("en", root=project.root, model_id="qingdao")
    from helpers.pages import conclusions

    c = r.data.query(conclusions.paragraph, "staffing", "en")
    assert c.sentences
    read = r.data.trace[-1]["tables"]
    assert {"facts", "regions", "derived", "models"} <= set(read)  # refusals read facts and regions
    r.data.query(conclusions.paragraph, "funding", "en")  # the refusals come from the cache now: still noted
    assert {"facts", "regions"} <= set(r.data.trace[-1]["tables"])


def test_a_read_that_no_longer_works_counts_as_changed(project):
    replay = Replayer(project.processed)
    gone = {"table": "facts", "where": {"no_such_column": ["x"]}, "hash": "x"}
    assert replay.changed([gone]) == "facts for no_such_column x changed"
    foreign = {"query": "os:getcwd", "args": [], "kwargs": {}, "hash": "x"}  # only helpers functions are called
    assert replay.changed([foreign]) == "os.getcwd() changed"


def test_tables_digest_is_of_the_parquet_tables_only(project):
    before = tables_digest(project.processed)
    stamp = project.processed / HASH_FILE
    lines = stamp.read_text(encoding="utf-8").splitlines()
    stamp.write_text("\n".join(["other-raw-version", *(x if x.endswith(".parquet") else "0" * 64 + "  x.json"
                                                       for x in lines[1:])]) + "\n", encoding="utf-8")
    assert tables_digest(project.processed) == before
    stamp.write_text("\n".join([lines[0], *(("1" * 64 + "  facts.parquet") if x.endswith("  facts.parquet") else x
                                           for x in lines[1:])]) + "\n", encoding="utf-8")
    assert tables_digest(project.processed) != before
    assert tables_digest(project.root / "nowhere") is None


def test_read_trace_missing_or_damaged_is_none(tmp_path):
    assert read_trace(tmp_path / "none.jsonl") is None
    (tmp_path / "t.jsonl").write_text('{"table": "facts", "where": {}, "hash": "ab"}\n{"table": ', encoding="utf-8")
    assert read_trace(tmp_path / "t.jsonl") is None
    (tmp_path / "t.jsonl").write_text('{"table": "facts", "where": {}, "hash": "ab"}\n', encoding="utf-8")
    assert read_trace(tmp_path / "t.jsonl") == [{"table": "facts", "where": {}, "hash": "ab"}]


SHOW = """from helpers.pages import report
r = report.start(lang, model_id=model_id)
f = r.data.rows("facts", model_id=model_id)
r.show([r.table(f[["fact_id", "value_text"]], "Figures", facts=f), r.parameters()])
r.sources()"""


@pytest.mark.slow  # real kernels: three builds of two reports
def test_a_real_build_rebuilds_one_profile_and_its_pages_equal_a_forced_builds(project, monkeypatch, capsys):
    from conftest import LIGHT_PRELOAD
    from notebook_maker import write_notebook

    from helpers.cli import main
    from helpers.pages.access import PENDING, page_version

    monkeypatch.setenv("WORKBOOK_ZYGOTE_PRELOAD", LIGHT_PRELOAD + ",pandas,helpers.pages.report")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1780000000")
    (project.root / "reports.yml").write_text(SPEC.split("  - {id: everything")[0], encoding="utf-8")
    write_notebook(project, "profile.ipynb", SHOW, params='model_id = "qingdao"\nlang = "en"')
    build = ["--root", str(project.root), "build", "--jobs", "2"]
    assert main(build) == 0
    doc = json.loads((project.reports / "manifest.json").read_text(encoding="utf-8"))
    for e in doc["reports"]:
        page = (project.reports / e["html"]).read_text(encoding="utf-8")
        assert e["data_version"] == page_version(e["trace"]) != doc["data_hash"]
        assert f"Data version {e['data_version']}" in page and PENDING not in page  # header, CSV, cite panels
        assert {"table": "facts", "where": {"model_id": [e["parameters"]["model_id"]]}} in [
            {k: v for k, v in c.items() if k != "hash"} for c in e["trace"]]
    capsys.readouterr()
    for column, value in (("value_text", "160个"), ("value", "160"), ("value_low", "160"), ("value_high", "160"),
                          ("evidence", "济南建成镇街社工站160个")):
        edit_cell(project, "facts", FACT_ROW["s_jn-01"], column, value)
    assert main(build) == 0
    out = capsys.readouterr().out
    assert "profile-jinan  " in out and "(facts for model_id jinan changed)" in out
    assert "1 built, 1 up to date" in out
    incremental = {p.name: p.read_bytes() for p in project.reports.glob("profile-*.html")}
    assert main([*build, "--force"]) == 0
    assert {p.name: p.read_bytes() for p in project.reports.glob("profile-*.html")} == incremental


def quality_trace(project) -> list[dict]:
    """What notebooks/06_data_quality.ipynb reads: its cells, run here."""
    from helpers.pages import report
    from helpers.pages.views import dataquality

    r = report.start("en", root=project.root)
    for section in (dataquality.title, dataquality.coverage, dataquality.lost, dataquality.qualifiers,
                    dataquality.conflicts, dataquality.reliability, dataquality.consistency, dataquality.source_list):
        section(r)
    return r.data.trace


def test_the_data_quality_page_is_current_after_a_value_edit_and_due_when_what_it_counts_changes(project):
    trace, verified = quality_trace(project), tables_digest(project.processed)
    assert not any(c.get("table") == "facts" and not c["where"] for c in trace)  # no whole-table read of the facts
    for column, value in (("value_text", "25名"), ("value", "25"), ("value_low", "25"), ("value_high", "25"),
                          ("evidence", "市南区驻站社工25名")):
        edit_cell(project, "facts", FACT_ROW["s_qd-06"], column, value)
    ensure_current(project)
    assert Replayer(project.processed).changed(trace, verified) is None  # it shows counts, shares and conflicts
    for column, value in (("value_text", "25余名"), ("value_high", ""), ("qualifier", "at_least"),
                          ("evidence", "市南区驻站社工25余名")):  # a lower bound now: the mix of qualifiers changed
        edit_cell(project, "facts", FACT_ROW["s_qd-06"], column, value)
    ensure_current(project)
    assert Replayer(project.processed).changed(trace, verified) == "quality.qualifier_shares(en) changed"
