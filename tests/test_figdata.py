"""The data behind a chart or table: the CSV holds the rows drawn with their ids and header; the panel states
the caveats the rows carry; alt text speaks the page's language."""

from __future__ import annotations

import csv
import dataclasses
import io
import re

import fixture_panel
import pandas as pd
import pytest

from helpers.pages import figdata

HAN = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(scope="module")
def data():
    return fixture_panel.tables()


def _rows(text: str) -> tuple[list[str], list[dict]]:
    head = [line for line in text.splitlines() if line.startswith("# ")]
    body = "\n".join(line for line in text.splitlines() if not line.startswith("# "))
    return head, list(csv.DictReader(io.StringIO(body)))


def test_the_csv_holds_each_row_drawn_with_ids_qualifier_date_place_coverage_and_source(data):
    facts = data.facts[data.facts["indicator"] == "stations_township"]
    head, rows = _rows(figdata.csv_text("Stations", facts, data.indicators, "en", data.data_hash))
    assert [r["fact_id"] for r in rows] == list(facts["fact_id"])
    first = {r["fact_id"]: r for r in rows}["p-01"]
    assert (first["value"], first["qualifier"], first["as_of"], first["scope"], first["level"], first["source_id"]) == \
        ("200", "exact", "2019", "phase", "province", "p")
    assert first["place"]  # the place's name in the page's language
    assert head[0] == "# Stations"
    assert any(line.startswith("# Indicator: stations_township") and "Definition:" in line for line in head)
    assert "# Sources: d p q" in head and f"# Data version: {data.data_hash}" in head


def test_a_chinese_csv_header_is_in_chinese(data):
    facts = data.facts[data.facts["indicator"] == "stations_township"]
    head, _ = _rows(figdata.csv_text("社工站", facts, data.indicators, "zh", data.data_hash))
    assert all(HAN.search(line) for line in head[1:])
    assert not any("Definition" in line or "Stations built" in line for line in head)


def test_derived_rows_carry_their_inputs_rule_and_flags(data):
    _, rows = _rows(figdata.csv_text("Ratio", data.derived, data.indicators, "en", data.data_hash))
    assert [r["derived_id"] for r in rows] == ["d001", "d002"]
    assert rows[0]["flags"] == "over_100" and rows[0]["inputs"] and rows[0]["source_ids"] == "q"


def test_the_data_block_survives_a_closing_script_tag_in_a_cell():
    block = figdata.data_script("fig-x", "a,</script><script>alert(1)</script>")
    assert block.count("</script>") == 1 and "<\\/script>" in block


def test_the_panel_names_the_caveats_the_rows_carry(data):
    facts = data.facts[data.facts["model_id"] == "prov"]
    text = figdata.about_html(facts, data, "en")
    assert text.startswith('<details class="wb-about">')  # collapsed: no `open`
    for words in ("different dates (2019–2025)", "different levels", "different periods", "lower or upper bounds",
                  "targets", data.data_hash):
        assert words in text, words
    assert "mirror" not in text  # none of these sources is a mirror


def test_the_panel_names_mirror_sources_and_only_them(data):
    sources = data.sources.copy()
    sources.loc[sources["source_id"] == "p", "outlet"] = "某报 (镜像 example.com)"
    facts = data.facts[data.facts["indicator"] == "stations_township"]
    text = figdata.about_html(facts, dataclasses.replace(data, sources=sources), "en")
    assert "mirror pages: [p]" in text and "[d]" not in text.split("mirror pages")[1]


def test_one_kind_of_figure_has_no_caveat(data):
    facts = data.facts[data.facts["fact_id"] == "q-01"]
    assert figdata.caveats(facts, data.sources, "en") == []
    assert "none noted" in figdata.about_html(facts, data, "en")


def test_alt_text_states_the_figures_in_the_page_language(data):
    facts = data.facts[data.facts["fact_id"].isin(["c-01", "q-01"])]
    en = figdata.alt_text("Workers", facts, "en")
    zh = figdata.alt_text("社工", facts, "zh")
    assert "≥ 20" in en and "138" in en and "2023-03" in en
    assert "≥ 20" in zh and "138" in zh and zh.endswith("。") and not re.search(r"persons|count", zh)


def test_alt_text_of_many_rows_says_how_many_there_are():
    rows = pd.DataFrame({"value": range(20), "qualifier": "exact", "status": "reported", "unit": "count",
                         "model_id": [f"m{i}" for i in range(20)]})
    text = figdata.alt_text("X", rows, "en")
    assert "m11" in text and "m12" not in text and "20 rows in all" in text


def test_mark_block_puts_id_kind_and_sources_on_the_figure():
    out = figdata.mark_block('<figure class="wb-figure"><img></figure>', "fig-a", "figure", ["s1", "s2"], "<i>x</i>")
    assert out.startswith('<figure class="wb-figure" id="fig-a" data-wb-kind="figure" data-wb-sources="s1 s2">')
    assert out.endswith('<i>x</i><div class="wb-tools" data-for="fig-a"></div></figure>')
    with pytest.raises(ValueError):
        figdata.mark_block("<p>not a figure</p>", "x", "table", [])
