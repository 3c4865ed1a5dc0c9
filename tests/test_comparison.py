"""Which figure stands for a model: the headline choice, gaps and local evidence (helpers.data.comparison)."""

import random

import pandas as pd

from helpers.data.comparison import choose, comparison_table, open_ties

from fixture_panel import FACTS, raw_tables, tables


def _choose(facts, model, indicator):
    raw = raw_tables(facts)
    f = raw["facts"].assign(value=pd.to_numeric(raw["facts"]["value"].replace("", None)))
    return choose(f, raw["models"], model, indicator)


def test_a_county_figure_never_becomes_the_province_headline():
    c = _choose(FACTS, "prov", "social_workers_stationed")
    assert c.fact_id == "" and c.reason == "local_only" and c.local_fact_ids == ("c-01",)


def test_one_site_is_local_evidence_not_the_model_figure():
    c = _choose(FACTS, "prov", "cases")
    assert c.fact_id == "" and c.local_fact_ids == ("c-02",)


def test_whole_place_beats_an_older_phase_and_the_latest_date_wins():
    c = _choose(FACTS, "prov", "stations_township")
    assert c.fact_id == "p-03"  # 2020 whole-province beats 2019-12 whole and the 2019 phase
    assert c.reason == "latest_date"
    assert "p-01" in c.local_fact_ids and "p-02" in c.local_fact_ids


def test_a_duplicate_is_never_chosen_nor_listed_twice():
    c = _choose(FACTS, "prov", "stations_township")
    assert "d-01" not in c.candidates and "d-01" not in c.local_fact_ids


def test_reported_comes_before_target_and_a_target_alone_is_shown_as_target():
    c = _choose(FACTS, "prov", "coverage_township_pct")
    assert c.fact_id == "p-04" and c.reason == "only_candidate"
    extra = FACTS + ["p-05,prov,430000,coverage,coverage_township_pct,80%,80,80,80,percent,exact,reported,2022,"
                     "point_in_time,whole,覆盖率,coverage,,,,,,,,p,覆盖率80%,"]
    c = _choose(extra, "prov", "coverage_township_pct")
    assert c.fact_id == "p-05" and c.reason == "reported_over_target"


def test_dated_beats_undated():
    extra = [f.replace("2019-12,point_in_time,whole", ",point_in_time,whole") if f.startswith("p-02") else f
             for f in FACTS]
    extra = [f.replace(",2020,point_in_time,whole", ",,point_in_time,whole") if f.startswith("p-03") else f
             for f in extra]
    extra += ["p-06,prov,430000,coverage,stations_township,1200个,1200,1200,1200,count,exact,reported,2018,"
              "point_in_time,whole,全省站,all stations,,,,,,,,p,已建1200个,"]
    c = _choose(extra, "prov", "stations_township")
    assert c.fact_id == "p-06" and c.reason == "dated_over_undated"


def test_whole_beats_programme():
    only = [f.replace(",p-02,,p,", ",,,p,") for f in FACTS if f.split(",")[0] not in ("p-01", "p-02", "d-01")]
    extra = only + ["p-07,prov,430000,coverage,stations_township,1500个,1500,1500,1500,count,exact,reported,2021,"
                    "point_in_time,programme,项目站,programme stations,,,,,,,,p,项目1500个,"]
    c = _choose(extra, "prov", "stations_township")
    assert c.fact_id == "p-03" and c.reason == "whole_over_programme"


def test_undated_tie_is_open_until_the_coder_marks_a_headline():
    raw = raw_tables()
    f = raw["facts"].assign(value=pd.to_numeric(raw["facts"]["value"].replace("", None)))
    both_whole = f.copy()
    both_whole.loc[both_whole["fact_id"] == "q-04", "scope"] = "whole"
    assert open_ties(both_whole, raw["models"]) == [("city", "funding_total", ("q-04", "q-05"))]
    both_whole.loc[both_whole["fact_id"] == "q-05", "headline"] = "true"
    assert open_ties(both_whole, raw["models"]) == []
    assert choose(both_whole, raw["models"], "city", "funding_total").fact_id == "q-05"


def test_the_choice_does_not_depend_on_file_order():
    shuffled = FACTS[:]
    random.Random(7).shuffle(shuffled)
    a = tables(FACTS).comparison
    b = tables(shuffled).comparison
    pd.testing.assert_frame_equal(a.reset_index(drop=True), b.reset_index(drop=True))


def test_comparison_table_has_a_row_per_model_and_indicator_with_level_and_reason():
    c = tables().comparison
    assert len(c) == 2 * 8
    row = c[(c["model_id"] == "prov") & (c["indicator"] == "social_workers_stationed")].iloc[0]
    assert row["fact_id"] == "" and row["reason"] == "local_only" and row["local_fact_ids"] == "c-01"
    row = c[(c["model_id"] == "city") & (c["indicator"] == "stations_township")].iloc[0]
    assert (row["fact_id"], row["level"], row["as_of"]) == ("q-01", "prefecture", "2023-03")
    assert set(c["reason"]) <= {"only_candidate", "same_value", "reported_over_target", "whole_over_programme",
                                "dated_over_undated", "latest_date", "marked_headline", "open_tie",
                                "local_only", "part_only", "lost_in_source", "not_found"}


def test_site_facts_have_level_site():
    f = tables().facts.set_index("fact_id")
    assert f.loc["c-02", "level"] == "site" and f.loc["c-01", "level"] == "county"


def test_comparison_table_writes_every_model_even_without_facts():
    c = comparison_table(tables().facts, raw_tables()["models"], raw_tables()["indicators"], raw_tables()["regions"])
    assert set(c["model_id"]) == {"prov", "city"}
