"""Data-quality summaries (helpers.pages.quality): real conflicts only, duplicates counted once."""

import pytest
from fixture_panel import FACTS, tables

from helpers.pages import quality


def test_marked_conflicts_and_township_conflicts_are_listed_once():
    t = tables()
    c = quality.conflicts(t.facts, t.regions)
    pairs = set(zip(c["a"], c["b"]))
    assert ("p-02", "p-03") in pairs and ("q-01", "regions:370200:townships") in pairs
    assert len(c) == 2
    town = c[c["b"] == "regions:370200:townships"].iloc[0]
    assert town["b_value"] == 134 and town["a_value"] == 138


def test_a_duplicate_is_not_a_conflict_and_a_same_date_clash_is():
    t = tables(FACTS + [("x-01,prov,430000,coverage,stations_township,1900个,1900,1900,1900,count,exact,reported,"
                         "2019-12,point_in_time,whole,全省站,all stations,,,,,,,,p,全省1900个,")])
    c = quality.conflicts(t.facts, t.regions)
    pairs = set(zip(c["a"], c["b"], c["why"]))
    assert ("p-02", "x-01", "same_date") in pairs
    assert not any("d-01" in (a, b) for a, b, _ in pairs)


def test_different_phases_on_one_date_are_not_conflicts():
    t = tables(FACTS + [("x-02,prov,430000,coverage,stations_township,207个,207,207,207,count,exact,reported,"
                         "2019,point_in_time,phase,二期站,phase-2 stations,,,,,,,,p,二期207个,")])
    c = quality.conflicts(t.facts, t.regions)
    assert not any("x-02" in (a, b) for a, b in zip(c["a"], c["b"]))


def test_availability_counts_each_reading_once():
    t = tables()
    m = quality.availability(t.facts)
    assert m.loc["prov", "coverage"] == 3  # p-01, p-02, p-03; the duplicate d-01 is not counted


def test_readings_that_can_both_be_true_are_not_conflicts():
    t = tables(FACTS + [("x-03,prov,430000,coverage,stations_township,约1950个,1950,,,count,approx,reported,"
                         "2019-12,point_in_time,whole,全省站,all stations,,,,,,,,p,约1950个,"),
                        ("x-04,prov,430000,coverage,stations_township,1900多个,1900,1900,,count,at_least,reported,"
                         "2019-12,point_in_time,whole,全省站,all stations,,,,,,,,p,1900多个,")])
    c = quality.conflicts(t.facts, t.regions)
    pairs = {frozenset((a, b)) for a, b in zip(c["a"], c["b"])}
    assert frozenset(("p-02", "x-03")) not in pairs and frozenset(("p-02", "x-04")) not in pairs


def test_the_qualifier_mix_counts_reported_and_target_figures_not_standards():
    import fixture_trust

    facts = fixture_trust.tables().facts
    mix = quality.qualifier_mix(facts, "en")
    # gd: 407, 100 %, ≥ 1700, 1750, 3亿, 8亿 (the 3–8 norm is not a figure): one lower bound of six, no range
    assert mix.loc["gd"].to_dict() == pytest.approx({"exact": 5 / 6, "lower bound (余/多/以上)": 1 / 6})
    assert mix.loc["hn"].to_dict() == pytest.approx({"exact": 1.0, "lower bound (余/多/以上)": 0.0})
