"""Where report kernels come from: forked from the zygote (default) or fresh (``--isolated``); same bytes
either way, no state carried from one report to the next, and nothing left running when a build is killed.

The test file of helpers.site.kernels, .zygote, .lifeline, .scratch, .execute (the kernel environment) and .pool."""

from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import BUILD_SPEC, REPO
from conftest import setup_project as _setup_project
from notebook_maker import write_notebook

from helpers.cli import main
from helpers.site import zygote
from helpers.site.execute import kernel_env
from helpers.site.kernels import kernel_args
from helpers.site.scratch import clean_stale, scratch_root

needs_zygote = pytest.mark.skipif(not zygote.available(), reason="forking kernels needs Linux with pidfd")

LEAKS = """
  - {id: leak-a, notebook: notebooks/leaks.ipynb, title: 泄漏甲, parameters: {tag: a}}
  - {id: leak-b, notebook: notebooks/leaks.ipynb, title: 泄漏乙, parameters: {tag: b}}
  - {id: leak-c, notebook: notebooks/leaks.ipynb, title: 泄漏丙, parameters: {tag: c}}
  - {id: raises, notebook: notebooks/raises.ipynb, title: 出错的报告}
"""
SLOW = """
  - {id: slow-a, notebook: notebooks/slow.ipynb, title: 慢甲, parameters: {tag: a}}
  - {id: slow-b, notebook: notebooks/slow.ipynb, title: 慢乙, parameters: {tag: b}}
"""
PRISTINE = ("'env': [], 'linewidth': 1.5, 'module': False, 'helpers': None, 'print_options': 8, "
            "'main': '__main__', 'argv0': 'ipykernel_launcher.py', 'argv': ['-f']")


def setup_project(project, extra: str):
    """The fixture project with ``extra`` reports, which take a ``tag`` parameter."""
    _setup_project(project)
    spec = BUILD_SPEC.replace("\nreports:\n", "\n  tag: {label: {zh: 标记, en: Tag}}\nreports:\n") + extra
    (project.root / "reports.yml").write_text(spec, encoding="utf-8")
    return project


def pages(project) -> dict[str, str]:
    """Every report page and failure page (not index.html, which records build seconds, nor changes.html,
    the site's list of data changes)."""
    return {p.relative_to(project.reports).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(project.reports.rglob("*.html")) if p.name not in ("index.html", "changes.html")}


@needs_zygote
@pytest.mark.full_preload
@pytest.mark.slow  # two builds, each importing pandas, seaborn and statsmodels into its kernels
def test_forked_and_isolated_kernels_give_identical_pages_and_leak_nothing(mini, monkeypatch, capsys):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    project = setup_project(mini, LEAKS)
    root = str(project.root)
    # one worker: every report runs after the others in the same process, where a reused kernel would leak
    assert main(["--root", root, "build", "--jobs", "1"]) == 1  # `raises` fails, on purpose
    forked = pages(project)
    for tag in "abc":
        page = (project.reports / f"leak-{tag}.html").read_text(encoding="utf-8")
        assert PRISTINE in page, page[page.find("状态"):][:600]
        assert "&#x27;cwd&#x27;: &#x27;notebooks&#x27;" in page or "'cwd': 'notebooks'" in page
        assert f"changed everything in report {tag}" in page
    assert main(["--root", root, "build", "--jobs", "2", "--force", "--isolated"]) == 1
    isolated = pages(project)
    assert set(forked) == {"profile-qingdao-zh.html", "profile-qingdao-en.html", "leak-a.html", "leak-b.html",
                           "leak-c.html", "_failed/raises.html"}
    assert isolated == forked
    assert "kernel zygote unavailable" not in capsys.readouterr().err


def test_the_zygote_forks_from_a_single_thread_and_its_kernels_can_be_signalled(tmp_path):
    log = tmp_path / "zygote.log"
    z = zygote.Zygote.start(kernel_env(REPO), str(log), preload=(*zygote.PRELOAD, "no_such_module_here"))
    try:
        # a child that is not a kernel (bad arguments): it starts and ends, and the handle sees it end
        pid = zygote.fork_kernel(z.address, ["--no-such-option-xyz"], str(tmp_path), str(tmp_path / "k.log"))
        handle = zygote.ForkedProcess(pid)
        assert handle.wait(timeout=60) == 0 and handle.poll() == 0
        text = log.read_text(encoding="utf-8")
        assert "1 thread(s)" in text, text
        assert "could not preload no_such_module_here: ModuleNotFoundError" in text
    finally:
        z.stop()
    with pytest.raises(OSError):
        zygote.fork_kernel(z.address, ["-f", "x.json"], str(tmp_path), os.devnull, timeout=5)


def test_a_report_kernel_is_ready_answers_and_is_gone_after_an_immediate_shutdown(tmp_path, monkeypatch):
    """The build's client (PromptClient) waits for the same readiness as jupyter_client's, without its quiet
    period: the first request after it gets its own reply and output."""
    import asyncio

    from helpers.site.kernels import PromptClient, manager_class

    monkeypatch.setenv("PYTHONPATH", str(REPO / "src"))

    async def run():
        km = manager_class(str(tmp_path), str(tmp_path / "k.log"))(kernel_name="python3")
        await km.start_kernel(cwd=str(tmp_path))
        kc = km.client()
        kc.start_channels()
        try:
            assert isinstance(kc, PromptClient)
            await kc.wait_for_ready(timeout=120)
            reply = await kc.execute_interactive("x = 6 * 7\nprint(x)", timeout=60,
                                                 output_hook=lambda m: seen.append(m))
            assert reply["content"]["status"] == "ok"
        finally:
            kc.stop_channels()
            await km.shutdown_kernel(now=True)
        assert not await km.is_alive()

    seen = []
    asyncio.run(run())
    assert [m["content"]["text"] for m in seen if m["msg_type"] == "stream"] == ["42\n"]


def test_a_sleeping_forked_process_is_killed_through_its_handle():
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    handle = zygote.ForkedProcess(sleeper.pid)
    with pytest.raises(subprocess.TimeoutExpired):
        handle.wait(timeout=0.1)
    assert handle.poll() is None
    handle.kill()
    sleeper.wait(timeout=10)  # reap it (here it is our child; the zygote's kernels are reaped by the system)
    assert handle.wait(timeout=10) == 0


def test_kernel_args_and_stale_scratch(tmp_path):
    assert kernel_args(["python", "-m", "ipykernel_launcher", "-f", "k.json"]) == ["-f", "k.json"]
    with pytest.raises(ValueError):
        kernel_args(["R", "--slave", "-f", "k.json"])
    (scratch_root(tmp_path) / "build-1-x").mkdir(parents=True)
    (scratch_root(tmp_path) / "stray.json").write_text("{}")
    assert clean_stale(tmp_path) == ["build-1-x", "stray.json"]
    assert list(scratch_root(tmp_path).iterdir()) == []


def _descendants(pid: int) -> dict[int, str]:
    """Every process below ``pid``: pid → its start time (so a reused pid is not mistaken for it)."""
    parents, start = {}, {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            parents[int(entry.name)], start[int(entry.name)] = int(fields[1]), fields[19]
    found, frontier = {}, [pid]
    while frontier:
        p = frontier.pop()
        for child, parent in parents.items():
            if parent == p and child not in found:
                found[child] = start[child]
                frontier.append(child)
    return found


def _alive(pid: int, started: str) -> bool:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return False
    return fields[0] != "Z" and fields[19] == started


@pytest.mark.slow  # three builds killed mid-run and the process trees watched die: ~10 s each
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
@pytest.mark.parametrize("how, sig", [("forked", signal.SIGKILL), ("isolated", signal.SIGKILL),
                                      ("forked", signal.SIGTERM)])
def test_killing_a_build_takes_its_workers_and_kernels_with_it(mini, how, sig):
    project = setup_project(mini, SLOW)
    notebooks = project.root / "notebooks"
    cmd = [sys.executable, "-m", "helpers.cli", "--root", str(project.root), "build", "--jobs", "2", "slow-*"]
    driver = subprocess.Popen(cmd + (["--isolated"] if how == "isolated" else []),
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    tree = {}
    try:
        markers = [notebooks / f"started-{t}.txt" for t in "ab"]
        deadline = time.monotonic() + 240
        while not all(m.is_file() and m.read_text() for m in markers):
            assert driver.poll() is None and time.monotonic() < deadline, "the slow reports never started"
            time.sleep(0.2)
        tree = _descendants(driver.pid)
        kernels = {int(m.read_text()) for m in markers}
        assert kernels <= set(tree) and len(tree) >= 4  # two workers, two kernels (and the zygote)
        driver.send_signal(sig)
        driver.wait(timeout=30)
        deadline = time.monotonic() + 15
        while (survivors := [p for p, s in tree.items() if _alive(p, s)]) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert survivors == [], f"still running after the build was killed: {survivors}"
    finally:
        if driver.poll() is None:
            driver.kill()
            driver.wait()
        for pid, started in tree.items():  # whatever survived a failed check: do not leave it running
            if _alive(pid, started):
                os.kill(pid, signal.SIGKILL)
    left = [p.name for p in scratch_root(project.root).iterdir()]
    assert left and all(name.startswith("build-") for name in left)  # the killed build could not clean up
    for m in markers:
        m.unlink()
    (project.root / "reports.yml").write_text((project.root / "reports.yml").read_text(encoding="utf-8")
                                              .replace(SLOW, ""), encoding="utf-8")
    assert main(["--root", str(project.root), "build", "--jobs", "1", "--isolated", "profile-qingdao-zh"]) == 0
    assert list(scratch_root(project.root).iterdir()) == []  # the next build removed what was left


def _build(project, *args) -> int:
    return main(["--root", str(project.root), "build", *args])


def _spec_with(project, extra: str, head: str = "") -> None:
    spec = BUILD_SPEC.replace("\nreports:\n", "\n  tag: {label: {zh: 标记, en: Tag}}\nreports:\n") + extra
    (project.root / "reports.yml").write_text(head + spec, encoding="utf-8")


def test_case14_the_cell_timeout_is_a_setting_and_a_long_run_is_announced(mini, capsys, monkeypatch):
    from helpers.site import pool

    project = setup_project(mini, SLOW)
    assert _build(project, "--jobs", "2", "--timeout", "1", "slow-a") == 1
    out, err = capsys.readouterr()
    assert "FAILED slow-a: " in err and "after 1 seconds" in err.replace("1.0 seconds", "1 seconds"), err
    _spec_with(project, SLOW, head="timeout: 0.5\n")
    assert _build(project, "--jobs", "1", "slow-b") == 1
    assert "FAILED slow-b: " in capsys.readouterr().err
    _spec_with(project, SLOW, head="timeout: soon\n")
    assert _build(project, "slow-b") == 2
    assert capsys.readouterr().err.strip() == ("workbook build: reports.yml: timeout: expected seconds per cell "
                                               "(a number above 0), got 'soon'")
    # a report that takes far longer than its last build is announced while it runs (its last build, as the
    # manifest records it, took 0.01 s)
    _spec_with(project, "")
    manifest = project.reports / "manifest.json"
    doc = json.loads(manifest.read_text(encoding="utf-8"))
    doc["reports"].append({"id": "profile-qingdao-zh", "status": "ok", "seconds": 0.01})
    manifest.write_text(json.dumps(doc), encoding="utf-8")
    monkeypatch.setattr(pool, "INTERRUPT_POLL", 0.05)
    monkeypatch.setattr(pool, "SLOW_MARGIN", 0.2)
    capsys.readouterr()
    assert _build(project, "--jobs", "1", "--force", "profile-qingdao-zh") == 0
    out = capsys.readouterr().out
    assert [line for line in out.splitlines() if "far longer" in line] == [line for line in out.splitlines() if
                                                                          line.startswith("workbook build: profile-qingdao-zh has run ")]
    assert "far longer than its last build (0.0 s); a cell is stopped after 600 s (--timeout)" in out


def test_case15_a_page_may_carry_only_so_much_output(mini, capsys, monkeypatch):
    from helpers.site import execute

    monkeypatch.setattr(execute, "MAX_OUTPUT_BYTES", 300_000)  # workers are forked: they see it too
    project = setup_project(mini, "  - {id: loud, notebook: notebooks/loud.ipynb, title: 很长}\n")
    write_notebook(project, "loud.ipynb", "print('x' * 400_000)")
    assert _build(project, "--jobs", "2") == 1
    err = capsys.readouterr().err
    assert ("FAILED loud: the report's outputs are 0.4 MB, more than the 0.3 MB a page may carry (most of it from "
            "cell 2)") in err
    failed = project.reports / "_failed" / "loud.html"
    assert failed.is_file() and failed.stat().st_size < 250_000 and "x" * 1000 not in failed.read_text("utf-8")
    assert not (project.reports / "loud.html").exists() and (project.reports / "profile-qingdao-zh.html").is_file()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
@pytest.mark.parametrize("how", ["forked", "isolated"])
def test_case16_a_process_a_notebook_starts_in_its_own_session_ends_with_the_build(mini, how):
    project = setup_project(mini, "  - {id: daemon, notebook: notebooks/daemon.ipynb, title: 守护}\n")
    write_notebook(project, "daemon.ipynb",
                   "import pathlib, subprocess\n"
                   "p = subprocess.Popen(['sleep', '300'], start_new_session=True)\n"
                   "pathlib.Path('daemon.pid').write_text(str(p.pid))")
    assert _build(project, "--jobs", "1", "daemon", *(["--isolated"] if how == "isolated" else [])) == 0
    pid = int((project.notebooks / "daemon.pid").read_text())
    try:
        assert not Path(f"/proc/{pid}").exists() or "sleep" not in Path(f"/proc/{pid}/cmdline").read_text()
    finally:
        if Path(f"/proc/{pid}").exists() and "sleep" in Path(f"/proc/{pid}/cmdline").read_text():
            os.kill(pid, signal.SIGKILL)


def test_case17_failure_pages_show_no_absolute_paths(mini, capsys):
    project = setup_project(mini, "  - {id: paths, notebook: notebooks/paths.ipynb, title: 路径}\n")
    write_notebook(project, "paths.ipynb", "import os\nraise FileNotFoundError(os.path.abspath('nothing.csv'))")
    assert _build(project, "--jobs", "1", "paths") == 1
    err = capsys.readouterr().err
    page = (project.reports / "_failed" / "paths.html").read_text(encoding="utf-8")
    assert "FAILED paths: FileNotFoundError: notebooks/nothing.csv" in err
    root = str(project.root)
    assert root not in err and root not in page and ".cache/scratch/build-" not in page
    assert "notebooks/nothing.csv" in page


def test_case18_a_lost_worker_fails_its_own_report_and_is_replaced(mini, capsys):
    project = setup_project(mini, "  - {id: oom, notebook: notebooks/oom.ipynb, title: 内存}\n")
    # an isolated kernel is its worker's child: killing the parent is what the OOM killer does to a worker
    write_notebook(project, "oom.ipynb", "import os, signal\nos.kill(os.getppid(), signal.SIGKILL)")
    project.reports.mkdir()
    (project.reports / "manifest.json").write_text(json.dumps({"reports": [  # oom runs first (the slowest)
        {"id": "oom", "status": "failed", "seconds": 99.0}]}), encoding="utf-8")
    assert _build(project, "--jobs", "1", "--isolated") == 1
    out, err = capsys.readouterr()
    assert "2 built, 0 up to date, 1 failed" in out
    failed = [line for line in err.splitlines() if "FAILED" in line]
    assert failed == [("workbook build: FAILED oom: the worker process building this report was lost (killed, e.g. "
                       "by the system for lack of memory); the report did not finish (see reports/_failed/oom.html)")]
    assert "BrokenProcessPool" not in err + out


def test_ctrl_c_while_the_driver_waits_is_noted_then_raised_between_waits_and_the_handler_restored():
    import threading

    from helpers.site import pool

    assert threading.current_thread() is threading.main_thread()  # pytest runs tests on the main thread
    before = signal.getsignal(signal.SIGINT)
    with pool.interrupt_noted() as stop:
        signal.raise_signal(signal.SIGINT)  # would raise KeyboardInterrupt here, inside any lock, without it
        assert stop.is_set()
    assert signal.getsignal(signal.SIGINT) is before
    with pytest.raises(KeyboardInterrupt):
        pool._drive([], [], {}, set(), None, stop, None, None, None, None, Exception)
