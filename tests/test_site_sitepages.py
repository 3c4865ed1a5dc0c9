"""The site's own pages (helpers.site.sitepages): a build with nothing changed leaves index.html, search.js,
changes.html and manifest.json untouched, and anything that changes what they show makes them again."""

from __future__ import annotations

import json

import pytest
from conftest import edit_cell, setup_project

from helpers.cli import main
from helpers.data.processed import ensure_current
from helpers.site.sitepages import STAMP, SiteStamp, write_site_pages

SITE = ("index.html", "search.js", "site.js", "changes.html", "manifest.json")


def state(project) -> dict[str, tuple]:
    """Each site file's bytes, modification time and inode."""
    out = {}
    for name in SITE:
        p = project.reports / name
        st = p.stat()
        out[name] = (p.read_bytes(), st.st_mtime_ns, st.st_ino)
    return out


def entry(rid: str, title: str = "标题", status: str = "ok") -> dict:
    return {"id": rid, "title": title, "lang": "zh", "html": f"{rid}.html", "status": status, "has_html": False,
            "built_at": "2026-01-01 00:00 UTC", "notebook": "notebooks/x.ipynb", "parameters": {"lang": "zh"},
            "trace": [{"table": "facts", "where": {}, "hash": "a"}], "verified": {"facts": "b"}}


@pytest.fixture
def site(mini):
    ensure_current(mini)
    mini.reports.mkdir(exist_ok=True)
    return mini


def written(project, entries, code="c1", data=None):
    write_site_pages(project, data or project.data_hash(), entries, "2026-01-01 00:00 UTC", code)
    # a rewritten file is a new inode (written beside the old one, then renamed over it)
    return {name: (project.reports / name).stat().st_ino for name in ("index.html", "changes.html")}


def test_site_pages_are_made_again_only_when_what_they_show_can_change(site):
    first = written(site, [entry("a")])
    index = (site.reports / "index.html").read_bytes()
    assert written(site, [entry("a")]) == first
    other_trace = [{**entry("a"), "trace": [], "verified": None}]  # no page shows traces
    assert written(site, other_trace) == first
    assert written(site, [entry("a", title="新标题")])["index.html"] != first["index.html"]
    assert "新标题" in (site.reports / "index.html").read_text(encoding="utf-8")
    again = written(site, [entry("a")])
    assert (site.reports / "index.html").read_bytes() == index  # made again: the same bytes as the first time
    assert written(site, [entry("a")], code="c2") != again  # other code or environment: both made again
    then = written(site, [entry("a")], code="c2")
    assert written(site, [entry("a", status="failed")])["index.html"] != then["index.html"]


def test_a_site_page_edited_or_deleted_or_a_lost_stamp_makes_it_again(site):
    written(site, [entry("a")])
    index = (site.reports / "index.html").read_text(encoding="utf-8")
    changes = (site.reports / "changes.html").read_text(encoding="utf-8")
    (site.reports / "index.html").write_text("edited", encoding="utf-8")
    written(site, [entry("a")])
    assert (site.reports / "index.html").read_text(encoding="utf-8") == index
    (site.reports / "changes.html").unlink()
    written(site, [entry("a")])
    assert (site.reports / "changes.html").read_text(encoding="utf-8") == changes
    prior = written(site, [entry("a")])
    (site.cache / STAMP).write_text("{not json", encoding="utf-8")
    remade = written(site, [entry("a")])
    assert remade["index.html"] != prior["index.html"] and remade["changes.html"] != prior["changes.html"]
    assert written(site, [entry("a")]) == remade and set(SiteStamp(site.cache / STAMP).data) == {"index", "changes"}


def test_a_new_data_version_makes_changes_html_and_the_index_again(site):
    first = written(site, [entry("a")])
    old = site.data_hash()
    edit_cell(site, "facts", 2, "note", "a new note")
    ensure_current(site)
    after = written(site, [entry("a")])
    assert after["index.html"] != first["index.html"] and after["changes.html"] != first["changes.html"]
    page = (site.reports / "changes.html").read_text(encoding="utf-8")
    assert f"<code>{old}</code> → <code>{site.data_hash()}</code>" in page
    assert site.data_hash() in (site.reports / "index.html").read_text(encoding="utf-8")


def test_a_build_with_nothing_changed_leaves_the_site_files_untouched_and_they_equal_a_fresh_writing(mini):
    project = setup_project(mini)
    build = ["--root", str(project.root), "build", "--jobs", "2"]
    assert main(build) == 0
    assert main(build) == 0  # the first no-change build marks the reports up to date: the manifest changes
    kept = state(project)
    assert main(build) == 0
    assert state(project) == kept  # nothing rewritten: same bytes, times and inodes
    (project.cache / STAMP).unlink()  # forget what they were made from: every site page is made again ...
    assert main(build) == 0
    again = state(project)
    assert all(again[n][2] != kept[n][2] for n in ("index.html", "search.js", "changes.html"))
    assert {n: v[0] for n, v in again.items()} == {n: v[0] for n, v in kept.items()}  # ... byte for byte the same
    doc = json.loads((project.reports / "manifest.json").read_text(encoding="utf-8"))
    spec = (project.root / "reports.yml").read_text(encoding="utf-8")
    (project.root / "reports.yml").write_text(spec.replace('"Model profile: {model_id:en}"',
                                                           '"Station model: {model_id:en}"'), encoding="utf-8")
    assert main(build) == 0
    assert "Station model: " in (project.reports / "index.html").read_text(encoding="utf-8")
    assert json.loads((project.reports / "manifest.json").read_text(encoding="utf-8")) != doc


def test_a_report_up_to_date_and_one_just_built_look_alike_on_the_site_pages(site):
    """Why :func:`helpers.site.sitepages.shown_entry` may write "up-to-date" as "ok" in the digest."""
    built = [entry("a"), {**entry("b"), "has_html": True}, entry("c", status="failed")]
    current = [{**e, "status": "up-to-date"} if e["status"] == "ok" else e for e in built]
    first = written(site, built)
    pages = {n: (site.reports / n).read_bytes() for n in ("index.html", "search.js", "changes.html")}
    assert written(site, current) == first  # left alone ...
    (site.cache / STAMP).unlink()
    assert written(site, current) != first  # ... and when made from the up-to-date entries, the same bytes
    assert {n: (site.reports / n).read_bytes() for n in pages} == pages
