"""The kernel zygote started while the build plans (helpers.site.warmup): kernels get exactly the environment a
zygote started after planning gave them (and an isolated build's kernels have), pages are the same, and the zygote
is always stopped: when the replay finds nothing to run after all, when the build fails before running anything,
on Ctrl-C. A build with nothing changed starts none. Real kernels on the fixture project."""

from __future__ import annotations

import hashlib
import json
import re

import pytest
from conftest import BUILD_SPEC
from conftest import setup_project as _setup_project
from notebook_maker import write_notebook

from helpers.cli import main
from helpers.paths import SNAPSHOT_ENV
from helpers.site import zygote
from helpers.site.publish import write_manifest
from helpers.site.scratch import scratch_root
from helpers.site.warmup import Warmup

needs_zygote = pytest.mark.skipif(not zygote.available(), reason="forking kernels needs Linux with pidfd")

ENV_REPORTS = """
  - {id: env-a, notebook: notebooks/env.ipynb, title: 环境甲, parameters: {tag: a}}
  - {id: env-b, notebook: notebooks/env.ipynb, title: 环境乙, parameters: {tag: b}}
"""
DUMP_ENV = ("import json, os\n"
            "with open(f'env-{tag}.json', 'w', encoding='utf-8') as f:\n"
            "    json.dump(dict(os.environ), f, sort_keys=True)\n"
            "print('report', tag)")


def setup_project(project):
    _setup_project(project)
    spec = BUILD_SPEC.replace("\nreports:\n", "\n  tag: {label: {zh: 标记, en: Tag}}\nreports:\n") + ENV_REPORTS
    (project.root / "reports.yml").write_text(spec, encoding="utf-8")
    write_notebook(project, "env.ipynb", DUMP_ENV)
    return project


@pytest.fixture
def started(monkeypatch):
    """Every zygote the build starts, in order."""
    out = []
    real = zygote.Zygote.start.__func__

    def start(cls, env, log, preload=None):
        out.append(real(cls, env, log, preload))
        return out[-1]

    monkeypatch.setattr(zygote.Zygote, "start", classmethod(start))
    return out


def kernel_envs(project) -> dict[str, dict]:
    """What each env report's kernel had in its environment; the build's scratch folder (another per build) and
    the kernel's parent (the zygote, or the worker for a fresh kernel) written alike."""
    out = {}
    for tag in "ab":
        env = json.loads((project.notebooks / f"env-{tag}.json").read_text(encoding="utf-8"))
        env.pop("JPY_PARENT_PID")
        out[tag] = {k: re.sub(r"build-\d+-[A-Za-z0-9_]+", "build-X", v) for k, v in env.items()}
    return out


def pages(project) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(project.reports.glob("env-*.html"))}


def stopped(z) -> bool:
    return z.process.poll() is not None


@needs_zygote
def test_kernels_of_an_early_zygote_get_the_environment_they_got_before_and_the_same_pages(mini, started,
                                                                                          monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    project = setup_project(mini)
    build = ["--root", str(project.root), "build", "--jobs", "2", "--force", "env-*"]
    assert main(build) == 0
    assert len(started) == 1 and stopped(started[0])
    assert SNAPSHOT_ENV not in started[0].env  # started while planning, before the snapshot was copied
    early, early_pages = kernel_envs(project), pages(project)
    snapshot = early["a"][SNAPSHOT_ENV]
    assert snapshot.startswith(str(scratch_root(project.root))) and snapshot.endswith("/processed")
    monkeypatch.setattr(Warmup, "start", lambda self: None)  # as before: run_jobs starts it after planning
    assert main(build) == 0
    assert len(started) == 2 and stopped(started[1]) and SNAPSHOT_ENV in started[1].env
    assert kernel_envs(project) == early and pages(project) == early_pages
    assert main([*build, "--isolated"]) == 0
    assert len(started) == 2  # an isolated build starts no zygote
    assert kernel_envs(project) == early and pages(project) == early_pages


def test_no_zygote_starts_when_the_replay_finds_nothing_due_or_only_reports_not_chosen_due(
        mini, started):
    from helpers.data.load import read_folder
    from helpers.pages.access import Access

    project = setup_project(mini)
    build = ["--root", str(project.root), "build", "--jobs", "2"]
    assert main(build) == 0
    first = len(started)
    assert main(build) == 0
    assert len(started) == first  # nothing changed: nothing replayed, no zygote

    def traced(hashes: str | None) -> None:
        """Give each report a trace verified on other tables, so the plan replays it; its recorded hash is the
        true one (None) or ``hashes``."""
        access = Access(read_folder(project.processed, project.data_hash()), trace_file="")
        access.rows("models", ["model_id"])
        trace = [{**c, "hash": hashes or c["hash"]} for c in access.trace]
        doc = json.loads((project.reports / "manifest.json").read_text(encoding="utf-8"))
        for e in doc["reports"]:
            e.update(trace=trace if e["id"].startswith("env") or hashes is None else access.trace,
                     verified={"models": "0" * 16})
        write_manifest(project.reports, doc["data_hash"], doc["reports"])

    traced(None)
    assert main(build) == 0
    assert len(started) == first  # replayed, every answer as recorded: no zygote
    traced("0" * 16)  # the env reports' read gives another answer now: they are due, but not chosen
    assert main([*build, "profile-*"]) == 0
    assert len(started) == first  # nothing chosen runs: no zygote
    assert not list(scratch_root(project.root).iterdir())  # and no scratch folder left
    doc = json.loads((project.reports / "manifest.json").read_text(encoding="utf-8"))
    assert {e["id"]: e["status"] for e in doc["reports"] if e["id"].startswith("profile")} == {
        "profile-qingdao-zh": "up-to-date", "profile-qingdao-en": "up-to-date"}


@needs_zygote
def test_the_zygote_is_stopped_when_the_build_fails_or_is_interrupted_before_running_anything(mini, started,
                                                                                             monkeypatch, capsys):
    from helpers.site import snapshot

    project = setup_project(mini)
    build = ["--root", str(project.root), "build", "--jobs", "2", "env-*"]
    (project.root / "CITATION.cff").write_text("cff-version: 1.2.0\n", encoding="utf-8")  # no title
    assert main(build) == 2
    assert "needs a title" in capsys.readouterr().err
    assert len(started) == 1 and stopped(started[0])
    (project.root / "CITATION.cff").unlink()

    def interrupted(*args, **kw):
        raise KeyboardInterrupt

    monkeypatch.setattr(snapshot, "copy_processed", interrupted)
    assert main(build) == 1
    assert capsys.readouterr().err.strip().endswith("workbook: interrupted")
    assert len(started) == 2 and stopped(started[1])
    assert not list(scratch_root(project.root).iterdir())
