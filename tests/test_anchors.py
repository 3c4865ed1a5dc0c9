"""Stable ids: from what a block shows and the English heading, never from order or the page's language."""

from __future__ import annotations

from helpers.pages.anchors import Anchors, data_key, slug


def test_slug_keeps_ascii_words_and_cuts_at_a_word():
    assert slug("Comparison by dimension: Staffing") == "comparison-by-dimension-staffing"
    assert slug("a " * 40, limit=10) == "a-a-a-a-a"
    assert slug("各维度数字") == ""


def test_a_block_is_named_by_its_data_not_by_its_place_on_the_page():
    one, two = Anchors(), Anchors()
    one.section("Raw figures")
    two.section("Raw figures")
    two.block("fig", ["funding_total"])  # another chart first on the second page
    assert one.block("fig", ["stations_township"]) == two.block("fig", ["stations_township"])


def test_several_indicators_give_one_id_in_any_order_and_their_dimension():
    assert data_key(["b", "a"], ["staffing"] * 2) == data_key(["a", "b", "a"], ["staffing"])
    assert data_key(["a", "b"], ["staffing"]).startswith("staffing-")
    assert data_key(["a", "b"], ["staffing", "funding"]).startswith("ind-")
    assert data_key(["a", "b"]) != data_key(["a", "c"])


def test_a_repeated_id_is_numbered_and_a_title_is_always_title():
    a = Anchors()
    assert a.section("Model profile: Qingdao", level=1) == "title"
    assert a.section("Map") == "sec-map" and a.section("Map") == "sec-map-2"
    assert [a.block("tbl", ["x"]) for _ in range(3)] == ["tbl-x", "tbl-x-2", "tbl-x-3"]


def test_blocks_without_data_are_numbered_within_their_section():
    a = Anchors()
    a.section("Coverage matrix")
    first = a.block("fig")
    a.section("Conflicting sources")
    assert (first, a.block("tbl"), a.block("tbl")) == (
        "fig-sec-coverage-matrix-1", "tbl-sec-conflicting-sources-1", "tbl-sec-conflicting-sources-2")


def test_an_explicit_key_wins_over_the_heading_text():
    a = Anchors()
    assert a.section("工作人员", key="workers_per_station") == "sec-workers-per-station"
    assert a.block("fig", ["x"], key="timeline") == "fig-timeline"
