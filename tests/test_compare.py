"""What comparison pages show (helpers.pages.compare): gaps in words, local evidence apart, warnings that fire."""

from dataclasses import replace

import pandas as pd
from fixture_panel import tables
from fixture_trust import with_facts as _trust

from helpers.pages import comparability, compare


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


def test_fact_table_says_what_each_figure_counts_in_chinese():
    t = tables()
    table = compare.fact_table(t.facts[t.facts["fact_id"] == "c-02"], "zh")
    assert table.iloc[0]["统计内容"] == "某站个案" and table.iloc[0]["范围"] == "单个站点"


# -- phases, standards, reliability and consistency (tests/fixture_trust.py) ----------------------------------------



def test_a_chart_shows_both_phases_apart_each_labelled_with_its_phase():
    import fixture_trust
    rows = compare.model_rows(_trust(fixture_trust.CURRENT_STATIONS), "stations_township", "en", ["gd", "hn"],
                              history=True).table
    assert list(rows["label"]) == ["Guang · Project phase · since 2021 (2022-12)",
                                   "Guang · Plan phase · 2017–2020 (earlier phase) †", "Xiang (2019-12)"]
    assert list(rows["role"]) == ["headline", "history", "headline"]
    w = " | ".join(comparability.comparability_warnings(rows, "en"))
    assert "Guang · Plan phase · 2017–2020 (earlier phase) † is an earlier phase's figure, shown as history" in w
    # one programme's count against another model's whole network is said so, naming whose is whose
    assert "coverage differs, not like with like: whole programme (Guang · Project phase" in w
    assert "whole place (Xiang (2019-12))" in w
    zh = compare.model_rows(_trust(fixture_trust.CURRENT_STATIONS), "stations_township", "zh", ["gd"],
                            history=True).table
    assert list(zh["label"]) == ["粤某 · 工程期 · 2021年起 (2022-12)", "粤某 · 计划期 · 2017–2020 (早期阶段) †"]


def test_without_history_a_model_has_one_row_and_an_earlier_phase_chosen_says_so():
    rows = compare.model_rows(_trust(), "stations_township", "en", ["gd", "hn"]).table.set_index("model_id")
    assert len(rows) == 2 and bool(rows.loc["gd", "earlier"]) and not rows.loc["hn", "earlier"]
    assert rows.loc["gd", "label"] == "Guang · Plan phase · 2017–2020 (earlier phase) †"
    assert rows.loc["gd", "current_phase_label"] == "Project phase · since 2021"


def test_standards_are_listed_apart_with_their_place_and_phase():
    shown = compare.standard_rows(_trust(), "en", ["gd", "hn"], "staffing")
    assert shown.fact_ids == ["gu-01", "hp-03"]
    table = compare.standards_table(shown, "en")
    assert list(table["Place (level)"]) == ["Guang · Guang province (province) · Plan phase · 2017–2020",
                                            "Xiang · Xiang province (province) · 2019"]
    assert compare.standard_rows(_trust(), "en", ["gd"], "coverage").table.empty


def test_a_chart_of_an_earlier_phase_figure_says_the_current_phase_has_none():
    rows = compare.model_rows(_trust(), "stations_township", "en", ["gd", "hn"], history=True).table
    assert list(rows["role"]) == ["current_gap", "headline", "headline"]
    gap = rows.iloc[0]
    assert (gap["label"], gap["status"]) == ("Guang · Project phase · since 2021", "gap")
    assert gap["gap_text"] == "no figure for the current phase (Project phase · since 2021)"
    assert not any("no figure for the model's own region" in w for w in comparability.comparability_warnings(rows, "en"))


def test_sentences_and_gaps_name_the_phase_and_the_standards_table():
    s = comparability.dimension_sentences(_trust(), ["stations_township"], "en", ["gd", "hn"])
    assert "Guang: 407 † (undated, province, Plan phase · 2017–2020, earlier phase)" in s.sentences[0]
    rows = compare.model_rows(_trust(), "social_workers_per_station", "en", ["gd", "hn"]).table
    assert set(rows["gap_text"]) == {("no province-wide figure found; only a standard (a requirement), see the "
                                      "standards table")}


def test_a_dated_earlier_phase_figure_keeps_its_date_in_the_label():
    import fixture_trust
    dated = [f.replace("reported,,cumulative,programme,gd_a", "reported,2020,cumulative,programme,gd_a")
             for f in fixture_trust.FACTS + fixture_trust.CURRENT_STATIONS]
    rows = compare.model_rows(fixture_trust.tables(dated), "stations_township", "en", ["gd"], history=True).table
    assert list(rows["label"]) == ["Guang · Project phase · since 2021 (2022-12)",
                                   "Guang · Plan phase · 2017–2020 (2020, earlier phase) †"]


def test_a_gap_says_its_detail_in_the_words_the_vocabulary_declares(monkeypatch):
    """gap_text takes a gap's detail from helpers.vocabulary.GAP_DETAILS (values of REASONS), not from words of
    its own: a reason the vocabulary gives no detail says only the gap."""
    from helpers import vocabulary

    assert set(vocabulary.GAP_DETAILS.values) <= set(vocabulary.REASONS.values)
    assert compare.gap_text({"reason": "part_only"}, "province", "zh") == "未找到全省数字;只有一期、子项或站点的数字"
    assert compare.gap_text({"reason": "not_found"}, "province", "en") == "no province-wide figure found"
    monkeypatch.setattr(compare, "GAP_DETAILS", vocabulary.REASONS.relabel("x", {"not_found": ("查无", "searched")}))
    assert compare.gap_text({"reason": "not_found"}, "county", "en") == "no county-wide figure found; searched"
    assert compare.gap_text({"reason": "part_only"}, "county", "en") == "no county-wide figure found"
