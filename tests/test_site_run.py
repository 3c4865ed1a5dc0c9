"""The build from start to end (helpers.site.run): one snapshot of the inputs, one report's failure stays its own,
Ctrl-C records what was finished. Real kernels on the fixture project."""

from __future__ import annotations

import errno
import json
import os
import signal
import subprocess
import sys
import time

import pytest
from conftest import BUILD_SPEC, LIGHT_PRELOAD
from conftest import setup_project as _setup_project
from notebook_maker import write_notebook

from helpers.cli import main


def setup_project(project, extra: str = ""):
    _setup_project(project)
    spec = BUILD_SPEC.replace("\nreports:\n", "\n  tag: {label: {zh: 标记, en: Tag}}\nreports:\n") + extra
    (project.root / "reports.yml").write_text(spec, encoding="utf-8")
    return project


def manifest(project) -> dict:
    return json.loads((project.reports / "manifest.json").read_text(encoding="utf-8"))


def test_case05_long_model_id_fails_only_its_report(mini, capsys):
    long_id = "x" * 300  # no filesystem takes a 305-byte file name
    project = setup_project(mini, f"  - {{id: {long_id}, notebook: notebooks/ok.ipynb, title: 长}}\n")
    assert main(["--root", str(project.root), "build", "--jobs", "2"]) == 1
    out, err = capsys.readouterr()
    assert "2 built, 0 up to date, 1 failed" in out
    failed = [line for line in err.splitlines() if "FAILED" in line]
    assert len(failed) == 1 and failed[0].startswith(f"workbook build: FAILED {long_id}: ")
    assert "File name too long" in failed[0] and "Traceback" not in err
    assert (project.reports / "profile-qingdao-zh.html").is_file() and (project.reports / "index.html").is_file()
    entries = {e["id"]: e for e in manifest(project)["reports"]}
    assert entries[long_id]["status"] == "failed" and entries["profile-qingdao-en"]["status"] == "ok"
    assert main(["--root", str(project.root), "list"]) == 0  # the next commands still work


def test_case13_disk_full_names_the_path_and_fails_only_that_report(mini, capsys, monkeypatch):
    project = setup_project(mini)
    real = os.fdopen  # the writer of every published file (helpers.paths.write_bytes_atomic) opens through it

    def fdopen(fd, *args, **kw):
        f = real(fd, *args, **kw)
        if "profile-qingdao-en" in os.readlink(f"/proc/self/fd/{fd}"):
            def write(text):
                raise OSError(errno.ENOSPC, "No space left on device")  # as the kernel says it: no path
            f.write = write
        return f

    monkeypatch.setattr(os, "fdopen", fdopen)
    assert main(["--root", str(project.root), "build", "--jobs", "2"]) == 1
    out, err = capsys.readouterr()
    assert "1 built, 0 up to date, 1 failed" in out
    assert ("workbook build: FAILED profile-qingdao-en: page not written: reports/profile-qingdao-en.html: "
            "No space left on device") in err
    assert (project.reports / "profile-qingdao-zh.html").is_file()
    assert not list(project.reports.glob(".*.tmp")) and not list((project.reports / "_failed").glob(".*.tmp"))


def test_case09_one_snapshot_of_data_and_notebooks_for_the_whole_build(mini, capsys, monkeypatch):
    # its three kernels read the tables (pandas, helpers.data): the zygote imports them once for all three
    monkeypatch.setenv("WORKBOOK_ZYGOTE_PRELOAD", LIGHT_PRELOAD + ",pandas,helpers.data.load,helpers.data.processed")
    show = ("from helpers.data import load\nt = load.tables()\n"
            "print('version', t.data_hash, 'model', t.models.loc[0, 'name_en'])")
    edit = ("from pathlib import Path\nfrom helpers.paths import Project\nfrom helpers.data.processed import update\n"
            "if tag == 'edit':\n"
            "    p = Project.find()\n"
            "    f = p.raw_file('models')\n"
            "    f.write_text(f.read_text(encoding='utf-8').replace('Qingdao model', 'Edited model'), encoding='utf-8')\n"
            "    update(p)  # as `workbook data` in another terminal would\n"
            "    nb = Path('shows.ipynb')\n"
            "    nb.write_text(nb.read_text(encoding='utf-8').replace('version', 'EDITED'), encoding='utf-8')")
    project = setup_project(mini, "".join(f"  - {{id: shows-{t}, notebook: notebooks/shows.ipynb, title: 数据{t}, "
                                          f"parameters: {{tag: {t}}}}}\n" for t in ("edit", "a", "b")))
    write_notebook(project, "shows.ipynb", show, edit)
    before = project.data_hash()
    assert main(["--root", str(project.root), "build", "--jobs", "1", "shows-*"]) == 0
    assert project.data_hash() != before  # data/raw/ was edited during the build
    for t in ("edit", "a", "b"):
        page = (project.reports / f"shows-{t}.html").read_text(encoding="utf-8")
        assert f"version {before} model Qingdao model" in page and "EDITED" not in page, t
        assert f"数据版本 {before}" in page  # the header states the version the body shows
    m = manifest(project)
    assert m["data_hash"] == before
    capsys.readouterr()
    assert main(["--root", str(project.root), "list", "shows-*"]) == 0
    assert capsys.readouterr().out.count("to build (inputs changed)") == 3  # built from the old data: out of date


@pytest.mark.slow  # a real Ctrl-C to a running build in its own process group
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="process groups")
def test_case12_ctrl_c_is_one_line_and_records_what_was_built(mini):
    slow = ("import os, pathlib, time\npathlib.Path(f'started-{tag}.txt').write_text(str(os.getpid()))\n"
            "time.sleep(300)")
    project = setup_project(mini, "  - {id: slow-a, notebook: notebooks/slow_a.ipynb, title: 慢}\n")
    write_notebook(project, "slow_a.ipynb", slow)
    assert main(["--root", str(project.root), "build", "--jobs", "1", "profile-*"]) == 0
    ok = project.notebooks / "ok.ipynb"
    ok.write_text(ok.read_text(encoding="utf-8").replace("社工站模式", "社工站的模式"), encoding="utf-8")
    cmd = [sys.executable, "-m", "helpers.cli", "--root", str(project.root), "build", "--jobs", "2"]
    driver = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                              start_new_session=True)  # its own group: a terminal's Ctrl-C reaches all of it
    try:
        marker = project.notebooks / "started-a.txt"
        pages = [project.reports / f"profile-qingdao-{lang}.html" for lang in ("zh", "en")]
        built = {p: p.stat().st_mtime_ns for p in pages}
        deadline = time.monotonic() + 120
        while not (marker.is_file() and marker.read_text() and all(p.stat().st_mtime_ns != built[p] for p in pages)):
            assert driver.poll() is None and time.monotonic() < deadline, driver.communicate()
            time.sleep(0.1)
        time.sleep(0.5)
        os.killpg(driver.pid, signal.SIGINT)
        _, err = driver.communicate(timeout=60)
    finally:
        if driver.poll() is None:
            os.killpg(driver.pid, signal.SIGKILL)
            driver.wait()
    assert driver.returncode == 1
    assert err.strip().splitlines()[-1] == "workbook: interrupted" and "Traceback" not in err, err
    r = subprocess.run([sys.executable, "-m", "helpers.cli", "--root", str(project.root), "list"],
                       capture_output=True, text=True, check=True)
    assert "failed last time" not in r.stdout, r.stdout
    states = {line.split()[0]: line for line in r.stdout.splitlines() if not line.startswith("workbook")}
    assert "to build (not built yet)" in states["slow-a"]
    assert all("up to date" in states[f"profile-qingdao-{lang}"] for lang in ("zh", "en")), r.stdout
