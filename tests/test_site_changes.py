"""The change list: versions kept and shifted, facts and headline cells compared field by field."""

from __future__ import annotations

import json

from helpers.site import changes

FACTS = "fact_id,model_id,indicator,value_text,value,qualifier,as_of,source_id\n"
CELLS = "model_id,indicator,fact_id,value,qualifier,status,reason\n"


def processed(folder, facts: str, cells: str):
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "facts.csv").write_text(FACTS + facts, encoding="utf-8")
    (folder / "comparison.csv").write_text(CELLS + cells, encoding="utf-8")
    return folder


def test_the_first_version_has_nothing_to_compare(tmp_path, font_cache):
    p = processed(tmp_path / "p", "a,m,x,1个,1.0,exact,2022,s\n", "m,x,a,1.0,exact,reported,\n")
    state = changes.write_changes(tmp_path / "reports", p, "v1", "2026-01-01 00:00 UTC", [], font_cache)
    assert state == {"current": "v1", "previous": None, "since": "2026-01-01 00:00 UTC"}
    assert "no earlier one to compare with" in (tmp_path / "reports" / changes.CHANGES).read_text(encoding="utf-8")


def test_a_new_version_is_compared_with_the_one_before_and_older_ones_are_dropped(tmp_path, font_cache):
    reports = tmp_path / "reports"
    p = processed(tmp_path / "p", "a,m,x,1个,1.0,exact,2022,s\nb,m,y,2个,2.0,exact,2022,s\n",
                  "m,x,a,1.0,exact,reported,\nm,y,b,2.0,exact,reported,\n")
    changes.write_changes(reports, p, "v1", "2026-01-01 00:00 UTC", [], font_cache)
    changes.write_changes(reports, p, "v1", "2026-01-02 00:00 UTC", [], font_cache)  # same data: no shift
    assert json.loads((reports / ".versions/versions.json").read_text())["since"] == "2026-01-01 00:00 UTC"
    processed(p, "a,m,x,3个,3.0,at_least,2023,s\nc,m,z,4个,4.0,exact,2023,t\n",
              "m,x,a,3.0,at_least,reported,\nm,y,,,,,not_found\n")
    entries = [{"id": "r-en", "title": "R", "has_html": True, "built_at": "2026-02-01 00:00 UTC", "status": "ok"},
               {"id": "old-en", "title": "Old", "has_html": True, "built_at": "2025-12-01 00:00 UTC", "status": "up-to-date"}]
    state = changes.write_changes(reports, p, "v2", "2026-02-01 00:00 UTC", entries, font_cache)
    assert (state["current"], state["previous"]) == ("v2", "v1")
    page = (reports / changes.CHANGES).read_text(encoding="utf-8")
    added, changed, removed = (page.split("<h2>")[i] for i in (1, 2, 3))
    assert "<code>c</code>" in added and "<code>b</code>" in removed
    assert "value_text: " in changed and '<span class="old">1</span> → <span class="new">3</span>' in changed
    assert "qualifier: " in changed and "as_of" in changed and "<code>a</code>" in changed
    cells = page.split("<h2>")[4]
    assert "fact_id: " in cells and "reason: " in cells and "m</td><td>y" in cells
    rebuilt = page.split("<h2>")[5]
    assert "r-en" in rebuilt and "old-en" not in rebuilt
    changes.write_changes(reports, processed(p, "", ""), "v3", "2026-03-01 00:00 UTC", [], font_cache)
    assert sorted(x.name for x in (reports / ".versions").iterdir() if x.is_dir()) == ["v2", "v3"]


def test_values_in_the_page_are_escaped(tmp_path):
    p = processed(tmp_path / "p", "<b>,m,x,1,1.0,exact,2022,s\n", "")
    changes.write_changes(tmp_path / "r", p, "v1", "t", [])
    processed(p, "<b>,m,x,<script>,1.0,exact,2022,s\n", "")
    changes.write_changes(tmp_path / "r", p, "v2", "t2", [])
    page = (tmp_path / "r" / changes.CHANGES).read_text(encoding="utf-8")
    assert "<script>" not in page and "&lt;script&gt;" in page and "<code>&lt;b&gt;</code>" in page
