"""helpers.pages.side_by_side: the three-model page's side-by-side table."""

import fixture_trust
from fixture_panel import tables
from fixture_trust import with_facts as _trust

from helpers.pages import side_by_side


def test_side_by_side_has_design_rows_and_states_gaps():
    t = side_by_side.side_by_side(tables(), ["prov", "city"], "en").table
    employer = t[t["Measure"] == "Who employs the social workers"].iloc[0]
    assert employer["Prov"] == "agencies" and employer["City"] == "not found"
    workers = t[t["Measure"] == "Stationed workers"].iloc[0]
    assert workers["Prov"].startswith("no province-wide figure found")
    assert "local evidence" in workers["Prov"]
    stations = t[t["Measure"] == "Stations"].iloc[0]
    assert stations["Prov"] == "1,938 (2020; whole province) [p]"


def test_the_side_by_side_table_sets_phases_standards_and_disagreements_in_words():
    t = side_by_side.side_by_side(_trust(), ["gd", "hn"], "en").table.set_index("Measure")
    stations = t.loc["Stations", "Guang"]
    assert stations.startswith("no figure for the current phase (Project phase · since 2021); earlier phase: "
                               "407 † (undated; whole programme · Plan phase · 2017–2020) [gm]")
    assert "stations ÷ coverage imply 407 townships, but Guang province has 1,611 (2020-12-31), 75% apart" in stations
    assert "they belong to different phases" in stations and "not ranked" in stations
    assert "imply" in t.loc["Coverage", "Guang"] and "imply" not in t.loc["Stations", "Xiang"]
    # the standards are design rows, never figures of a measure
    assert t.loc["Standard: Workers per station", "Guang"] == "3–8 persons (standard) † (Plan phase · 2017–2020) [gu]"
    assert t.loc["Standard: Workers per station", "Xiang"] == "2–3 persons (standard) (2019) [hp]"
    assert t.loc["Standard: Workers per station", "Dimension"] == "Design"
    zh = side_by_side.side_by_side(_trust(), ["gd", "hn"], "zh").table.set_index("比较项")
    assert zh.loc["标准:每站社工", "粤某"].startswith("3–8 人 (标准) † (计划期 · 2017–2020)")


def test_the_side_by_side_table_lists_an_earlier_phase_as_history_beside_the_current_figure():
    t = side_by_side.side_by_side(_trust(fixture_trust.CURRENT_STATIONS), ["gd", "hn"], "en").table.set_index("Measure")
    assert t.loc["Stations", "Guang"] == ("1,611 (2022-12; whole programme · Project phase · since 2021) [go]; "
                                          "history: 407 † (Plan phase · 2017–2020) [gm]")
