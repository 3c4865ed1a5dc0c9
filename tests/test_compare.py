"""What comparison pages show (helpers.pages.compare): gaps in words, local evidence apart, warnings that fire."""

from dataclasses import replace

import pandas as pd

from helpers.pages import compare

from fixture_panel import tables


def test_model_rows_show_a_gap_not_a_county_bar():
    rows = compare.model_rows(tables(), "social_workers_stationed", "en").table.set_index("model_id")
    assert rows.loc["prov", "status"] == "gap"
    assert rows.loc["prov", "gap_text"].startswith("no province-wide figure found")
    assert pd.isna(rows.loc["prov", "value"])
    zh = compare.model_rows(tables(), "social_workers_stationed", "zh").table.set_index("model_id")
    assert zh.loc["prov", "gap_text"].startswith("未找到全省数字")


def test_a_gap_points_below_only_when_local_evidence_is_shown_there():
    rows = compare.model_rows(tables(), "social_workers_stationed", "en").table.set_index("model_id")
    assert rows.loc["prov", "gap_text"].endswith("local evidence only (see below)")  # c-01 is listed below
    assert not rows.loc["city", "gap_text"].endswith("(see below)")  # no local figure for the city
    zh = compare.model_rows(tables(), "social_workers_stationed", "zh").table.set_index("model_id")
    assert zh.loc["prov", "gap_text"].endswith("(见下方)")
    # local evidence named by the comparison but absent from the facts is not promised below
    t = tables()
    comp = t.comparison.copy()
    comp.loc[(comp["model_id"] == "prov") & (comp["indicator"] == "social_workers_stationed"), "local_fact_ids"] = "gone"
    gone = compare.model_rows(replace(t, comparison=comp), "social_workers_stationed", "en").table
    assert not gone.set_index("model_id").loc["prov", "gap_text"].endswith("(see below)")


def test_model_rows_cite_only_the_chosen_facts():
    shown = compare.model_rows(tables(), "stations_township", "en")
    assert sorted(shown.fact_ids) == ["p-03", "q-01"]


def test_local_rows_are_labelled_with_place_level_and_date():
    loc = compare.local_rows(tables(), "social_workers_stationed", "en", ["prov"]).table
    assert list(loc["fact_id"]) == ["c-01"]
    assert loc.iloc[0]["place"] == "Prov · County (county) · 2022-03"
    site = compare.local_rows(tables(), "cases", "en", ["prov"]).table.iloc[0]
    assert site["place"] == "Prov · Yuetang station (one site) · 2022"


def test_warnings_fire_for_levels_gaps_and_dates():
    rows = compare.model_rows(tables(), "stations_township", "en").table
    w = " | ".join(compare.comparability_warnings(rows, "en"))
    assert "places at different levels" in w and "years differ" in w
    rows = compare.model_rows(tables(), "social_workers_stationed", "en").table
    w = compare.comparability_warnings(rows, "en")
    assert any(x.startswith("no figure for the model's own region") for x in w)


def test_warnings_empty_only_when_all_alike():
    rows = compare.model_rows(tables(), "stations_township", "en", ["city"]).table
    assert compare.comparability_warnings(rows, "en") == []


def test_side_by_side_has_design_rows_and_states_gaps():
    t = compare.side_by_side(tables(), ["prov", "city"], "en").table
    employer = t[t["Measure"] == "Who employs the social workers"].iloc[0]
    assert employer["Prov"] == "agencies" and employer["City"] == "not found"
    workers = t[t["Measure"] == "Stationed workers"].iloc[0]
    assert workers["Prov"].startswith("no province-wide figure found")
    assert "local evidence" in workers["Prov"]
    stations = t[t["Measure"] == "Stations"].iloc[0]
    assert stations["Prov"] == "1,938 (2020; whole province) [p]"


def test_dimension_sentences_name_the_local_evidence():
    s = compare.dimension_sentences(tables(), ["social_workers_stationed"], "en", ["prov", "city"])
    assert "Prov: no province-wide figure found; local evidence only (Prov · County (county) · 2022-03, ≥ 20 persons)" \
        in s.sentences[0]
    assert "c-01" in s.fact_ids
    assert "cannot be ranked" in s.sentences[-1]


def test_rankable_drops_flagged_and_local_ratios():
    t = tables()
    d = t.derived
    assert "over_100" in d.set_index("indicator").loc["coverage_rate", "flags"]
    r = compare.rankable(d, t.models)
    assert "coverage_rate" not in set(r["indicator"])
    assert "workers_per_site" in set(r["indicator"])


def test_fact_table_says_what_each_figure_counts_in_chinese():
    t = tables()
    table = compare.fact_table(t.facts[t.facts["fact_id"] == "c-02"], "zh")
    assert table.iloc[0]["统计内容"] == "某站个案" and table.iloc[0]["范围"] == "单个站点"
