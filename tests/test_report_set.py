"""The real report set: every notebook with every parameter value reports.yml uses, in both languages,
built once into a copy of the repository (kernels forked from the zygote), then opened offline in
Chromium. One report per notebook is rebuilt with ``--isolated`` (a fresh kernel each): same bytes."""

from __future__ import annotations

import hashlib
import json
import os
import shutil

import pytest
from browser import HAN, open_pages
from conftest import REPO

from helpers.cli import main
from helpers.site.spec import load_reports

pytestmark = [pytest.mark.reportset, pytest.mark.full_preload]  # reportset: left out of `make test-fast`

EPOCH = "1700000000"
AGAIN = ["overview-en", "compare-funding-zh", "three-models-en", "profile-chengdu-zh", "statistics-zh",
         "data-quality-en"]  # one per notebook


def _sha(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = tmp_path_factory.mktemp("workbook")
    for folder in ("notebooks", "data/raw", "src"):
        shutil.copytree(REPO / folder, root / folder, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    for name in ("reports.yml", "requirements.lock"):
        shutil.copy(REPO / name, root / name)
    old = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = EPOCH
    try:
        rc = main(["--root", str(root), "build", "--jobs", "2"])
        first = {rid: _sha(root / "reports" / f"{rid}.html") for rid in AGAIN}
        rc_again = main(["--root", str(root), "build", "--force", "--isolated", "--jobs", "2", *AGAIN])
    finally:
        if old is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = old
    return {"root": root, "rc": rc, "first": first, "rc_again": rc_again}


def test_every_report_builds(built):
    root = built["root"]
    expected = {r.id for r in load_reports(root)}
    manifest = json.loads((root / "reports" / "manifest.json").read_text(encoding="utf-8"))
    assert built["rc"] == 0
    status = {e["id"]: e["status"] for e in manifest["reports"]}  # after the partial --force rebuild
    assert set(status) == expected
    assert {i for i, s in status.items() if s == "ok"} == set(AGAIN)
    assert {s for i, s in status.items() if i not in AGAIN} == {"up-to-date"}
    models = (root / "data/raw/models.csv").read_text(encoding="utf-8").splitlines()[1:]
    for line in models:
        model_id = line.split(",")[0]
        assert {f"profile-{model_id}-zh", f"profile-{model_id}-en"} <= expected
    for dim in ("staffing", "funding", "outputs"):
        assert {f"compare-{dim}-zh", f"compare-{dim}-en"} <= expected


def test_every_report_cites_sources_and_shows_no_error(built):
    for page in (built["root"] / "reports").glob("*.html"):
        if page.name in ("index.html", "changes.html"):  # the site's pages, not reports
            continue
        html = page.read_text(encoding="utf-8")
        assert 'class="wb-sources"' in html and 'href="#src-' in html, page.name
        assert 'data-mime-type="application/vnd.jupyter.stderr"' not in html, f"{page.name}: warning or error output"
        assert "Traceback" not in html, page.name
        assert 'class="wb-header"' in html and "2023-11-14 22:13 UTC" in html, page.name  # SOURCE_DATE_EPOCH


def test_real_reports_are_byte_identical_when_rebuilt_in_fresh_kernels(built):
    assert built["rc_again"] == 0
    root = built["root"]
    assert {rid: _sha(root / "reports" / f"{rid}.html") for rid in AGAIN} == built["first"]


def test_every_real_page_opens_offline_in_chromium(built):
    pages = sorted((built["root"] / "reports").glob("*.html"))
    seen = open_pages([p.as_uri() for p in pages])
    for url, s in seen.items():
        assert s["errors"] == [] and s["remote"] == [], (url, s["errors"], s["remote"])
        assert s["title"] and HAN.search(s["text"]), url
        assert all(done and width > 0 for done, width in s["images"]), url
        assert s["fonts"] == ["loaded"], (url, s["fonts"])
    assert len(seen) == len({r.id for r in load_reports(built["root"])}) + 2  # + index.html, changes.html
