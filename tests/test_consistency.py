"""A model's headline cells checked against each other: stations ÷ coverage against the township count
(helpers.data.consistency), on the small project of tests/fixture_trust.py."""

import fixture_trust
import pandas as pd
import pytest

from helpers.data.consistency import FLAG, TOLERANCE, disagreements, flags


def _comparison(stations="407", qualifier="exact", coverage="100", townships=1611):
    low = stations
    high = "" if qualifier == "at_least" else stations
    return (pd.DataFrame({"model_id": ["m", "m", "m"],
                          "indicator": ["stations_township", "coverage_township_pct", "cases"],
                          "fact_id": ["s-01", "c-01", "x-01"], "value": [float(stations), float(coverage), 5.0],
                          "value_low": [float(low), float(coverage), 5.0],
                          "value_high": [float(high) if high else float("nan"), float(coverage), 5.0],
                          "qualifier": [qualifier, "exact", "exact"], "region_code": ["440000"] * 3,
                          "phase": ["a", "b", ""]}),
            pd.DataFrame({"region_code": ["440000"], "townships": [townships], "townships_as_of": ["2020-12-31"]}))


def test_an_earlier_phases_stations_against_full_coverage_is_flagged_on_both_cells_only():
    comp, regions = _comparison()
    [d] = disagreements(comp, regions)
    assert (d.model_id, d.stations_fact, d.coverage_fact, d.townships) == ("m", "s-01", "c-01", 1611)
    assert d.implied == (407.0, 407.0) and d.off_by == pytest.approx(1 - 407 / 1611)
    assert not d.same_phase and "different phases" in str(d)
    assert list(flags(comp, regions)) == [FLAG, FLAG, ""]


@pytest.mark.parametrize("stations,qualifier,coverage,flagged", [
    ("1611", "exact", "100", False),
    (str(round(1611 * (1 - TOLERANCE)) + 1), "exact", "100", False),   # just inside 15 %
    (str(round(1611 * (1 - TOLERANCE)) - 2), "exact", "100", True),    # just outside
    (str(round(1611 * (1 + TOLERANCE)) - 1), "exact", "100", False),
    (str(round(1611 * (1 + TOLERANCE)) + 2), "exact", "100", True),
    ("1700", "at_least", "100", False),  # ≥ 1700 can be 1700: within 15 % of 1611
    ("1000", "at_least", "100", False),  # ≥ 1000 may be 1611
    ("2000", "at_least", "100", True),   # ≥ 2000 cannot be
    ("805", "exact", "50", False),       # half the townships covered by 805 stations: 1610
])
def test_the_tolerance_reads_each_figure_through_its_qualifier(stations, qualifier, coverage, flagged):
    comp, regions = _comparison(stations, qualifier, coverage)
    assert bool(disagreements(comp, regions)) is flagged


def test_no_check_without_a_township_count_or_one_of_the_two_cells():
    comp, regions = _comparison()
    assert disagreements(comp, regions.assign(townships=[pd.NA])) == []
    assert disagreements(comp[comp["indicator"] != "coverage_township_pct"], regions) == []
    assert disagreements(comp.assign(fact_id=["", "c-01", "x-01"]), regions) == []
    # a coverage goal says nothing about the stations built so far
    assert disagreements(comp.assign(status=["reported", "target", "reported"]), regions) == []
    assert len(disagreements(comp.assign(status="reported"), regions)) == 1


def test_comparison_csv_carries_the_flag_and_the_current_phases_stations_clear_it():
    c = fixture_trust.tables().comparison.set_index(["model_id", "indicator"])["consistency"]
    assert c[("gd", "stations_township")] == c[("gd", "coverage_township_pct")] == FLAG
    assert c[("hn", "stations_township")] == "" and (c.drop([("gd", "stations_township"),
                                                              ("gd", "coverage_township_pct")]) == "").all()
    fixed = fixture_trust.tables(fixture_trust.FACTS + fixture_trust.CURRENT_STATIONS).comparison
    assert (fixed["consistency"] == "").all()
