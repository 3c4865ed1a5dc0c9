"""Which figure stands for a model: the headline choice, gaps and local evidence (helpers.data.comparison)."""

import random

import pandas as pd
from fixture_panel import FACTS, raw_tables, tables

from helpers.data.comparison import choose, comparison_table, open_ties


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
    extra = FACTS + [("p-05,prov,430000,coverage,coverage_township_pct,80%,80,80,80,percent,exact,reported,2022,"
                      "point_in_time,whole,覆盖率,coverage,,,,,,,,p,覆盖率80%,")]
    c = _choose(extra, "prov", "coverage_township_pct")
    assert c.fact_id == "p-05" and c.reason == "reported_over_target"


def test_dated_beats_undated():
    extra = [f.replace("2019-12,point_in_time,whole", ",point_in_time,whole") if f.startswith("p-02") else f
             for f in FACTS]
    extra = [f.replace(",2020,point_in_time,whole", ",,point_in_time,whole") if f.startswith("p-03") else f
             for f in extra]
    extra += [("p-06,prov,430000,coverage,stations_township,1200个,1200,1200,1200,count,exact,reported,2018,"
               "point_in_time,whole,全省站,all stations,,,,,,,,p,已建1200个,")]
    c = _choose(extra, "prov", "stations_township")
    assert c.fact_id == "p-06" and c.reason == "dated_over_undated"


def test_whole_beats_programme():
    only = [f.replace(",p-02,,p,", ",,,p,") for f in FACTS if f.split(",")[0] not in ("p-01", "p-02", "d-01")]
    extra = only + [("p-07,prov,430000,coverage,stations_township,1500个,1500,1500,1500,count,exact,reported,2021,"
                     "point_in_time,programme,项目站,programme stations,,,,,,,,p,项目1500个,")]
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


# -- phases, standards and source reliability (tests/fixture_trust.py) ----------------------------------------------

def _trust(facts=None):
    import fixture_trust
    c = fixture_trust.tables(fixture_trust.FACTS if facts is None else facts).comparison
    return c.set_index(["model_id", "indicator"])


def test_the_current_phase_comes_before_a_dated_figure_from_before_it():
    row = _trust().loc[("gd", "funding_total")]
    # without phases the 2019 figure would win (dated over undated); the current phase's undated figure does
    assert (row["fact_id"], row["phase"], row["reason"]) == ("gp-02", "gd_b", "current_phase")
    assert row["local_fact_ids"] == "gp-01"


def test_an_unphased_figure_dated_within_the_current_phase_ranks_with_it():
    import fixture_trust
    row = _trust(fixture_trust.FACTS + fixture_trust.WITHIN_CURRENT).loc[("gd", "funding_total")]
    assert (row["fact_id"], row["phase"], row["reason"]) == ("gp-03", "", "whole_over_programme")


def test_an_earlier_phase_figure_becomes_history_when_the_current_phase_has_one():
    import fixture_trust
    row = _trust(fixture_trust.FACTS + fixture_trust.CURRENT_STATIONS).loc[("gd", "stations_township")]
    assert (row["fact_id"], row["phase"], row["reason"]) == ("go-02", "gd_b", "current_phase")
    assert row["history_fact_ids"] == "gm-01" and "gm-01" not in row["local_fact_ids"]
    assert row["consistency"] == ""  # 1611 stations ÷ 100 % = the 1611 townships


def test_an_earlier_phase_figure_stands_only_when_the_current_phase_has_none_and_says_its_phase():
    row = _trust().loc[("gd", "stations_township")]
    assert (row["fact_id"], row["phase"], row["history_fact_ids"]) == ("gm-01", "gd_a", "")


def test_the_current_phase_is_the_open_one_else_the_latest_start():
    import fixture_trust
    closed = fixture_trust.PHASES.replace("2021,,全覆盖", "2021,2023,全覆盖")
    c = fixture_trust.tables(fixture_trust.FACTS + fixture_trust.CURRENT_STATIONS, phases=closed).comparison
    assert c.set_index(["model_id", "indicator"]).loc[("gd", "stations_township"), "fact_id"] == "go-02"
    # the later phase reopened as the earlier one: now gd_a is current and its 407 is chosen
    swapped = fixture_trust.PHASES.replace("2017,2020", "2017,").replace("2021,,全覆盖", "2021,2022,全覆盖")
    c = fixture_trust.tables(fixture_trust.FACTS + fixture_trust.CURRENT_STATIONS, phases=swapped).comparison
    row = c.set_index(["model_id", "indicator"]).loc[("gd", "stations_township")]
    assert (row["fact_id"], row["reason"], row["history_fact_ids"]) == ("gm-01", "current_phase", "go-02")


def test_a_standard_is_never_the_headline_figure_and_is_listed_apart():
    c = _trust()
    for model, fid in (("gd", "gu-01"), ("hn", "hp-03")):
        row = c.loc[(model, "social_workers_per_station")]
        assert (row["fact_id"], row["reason"], row["standard_fact_ids"]) == ("", "standard_only", fid)
        assert fid not in row["local_fact_ids"]


def test_a_standard_stays_out_even_when_it_is_the_only_dated_figure():
    import fixture_trust
    reported = ("gp-09,hn,430000,staffing,social_workers_per_station,4名,4,4,4,persons,exact,reported,,"
                "point_in_time,whole,,每站社工,workers per station,,,,,,,,gp,平均每站4名,")
    row = _trust(fixture_trust.FACTS + [reported]).loc[("hn", "social_workers_per_station")]
    assert (row["fact_id"], row["reason"], row["status"]) == ("gp-09", "only_candidate", "reported")


def test_at_equal_date_and_coverage_the_official_page_beats_the_mirror():
    row = _trust().loc[("gd", "social_workers_stationed")]
    assert (row["fact_id"], row["reliability"], row["reason"]) == ("go-01", "official", "more_reliable_source")


def test_reliability_follows_the_declared_order_whichever_way_round():
    import fixture_trust
    for better, worse in (("press", "secondary"), ("secondary", "mirror"), ("mirror", "unknown")):
        sources = fixture_trust.SOURCES.replace(",official,\n", f",{worse},\n", 1).replace(
            "web_page,mirror,a copy on an unrelated site\ngm2", f"web_page,{better},a copy on an unrelated site\ngm2")
        row = fixture_trust.tables(sources=sources).comparison.set_index(["model_id", "indicator"]).loc[
            ("gd", "social_workers_stationed")]
        assert (row["fact_id"], row["reliability"]) == ("gm-02", better), (better, worse)


def test_a_later_date_still_beats_a_more_reliable_source():
    import fixture_trust
    older = [f.replace(",reported,2020,", ",reported,2019,") if f.startswith("go-01") else f
             for f in fixture_trust.FACTS]  # the official page's figure is a year older than the mirror's
    row = _trust(older).loc[("gd", "social_workers_stationed")]
    assert (row["fact_id"], row["reason"]) == ("gm-02", "latest_date")


def test_open_ties_are_judged_with_reliability_and_phases():
    import fixture_trust
    raw = fixture_trust.raw_tables()
    f = raw["facts"].assign(value=pd.to_numeric(raw["facts"]["value"].replace("", None)),
                            reliability=raw["facts"]["source_id"].map(
                                dict(zip(raw["sources"]["source_id"], raw["sources"]["reliability"]))))
    assert open_ties(f, raw["models"], raw["phases"]) == []
    assert open_ties(f.assign(reliability=""), raw["models"], raw["phases"]) == [
        ("gd", "social_workers_stationed", ("gm-02", "go-01"))]
